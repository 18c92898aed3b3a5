//! Errors a user can act on: each message says what happened and what to do next.

use std::fmt;

/// Why no draft could be built from a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The page holds no readable article (an index page, a login wall, an app shell).
    NoArticle,
    /// The page is empty or not HTML at all.
    NotHtml,
    /// The page address given with the page is not an absolute http(s) URL.
    BadPageUrl(String),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::NoArticle => write!(
                f,
                "This page has no article we can find. Open the post itself (not the blog's home \
                 page), or select the text and use 'Send selection to Medium'."
            ),
            DraftError::NotHtml => write!(
                f,
                "This is not an HTML page (it is empty or binary). Open the blog post in the \
                 browser and try again."
            ),
            DraftError::BadPageUrl(url) => write!(
                f,
                "The page address '{url}' is not an absolute http(s) URL; give the post's full \
                 address, e.g. https://example.com/my-post/."
            ),
        }
    }
}

impl std::error::Error for DraftError {}

impl DraftError {
    /// A short stable code for programs (the CLI's exit status, the popup's styling).
    pub fn code(&self) -> &'static str {
        match self {
            DraftError::NoArticle => "no-article",
            DraftError::NotHtml => "not-html",
            DraftError::BadPageUrl(_) => "bad-page-url",
        }
    }
}
