//! What the user should know about a draft: a changed construct, a dropped tag, a suspicious
//! canonical. Every stage reports through these, so they sit in a leaf every stage may import.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Something the user should know about the draft. `code` is stable (for tests and the popup);
/// `message` says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Which kind of change this is; the popup and the tests key on it.
    pub code: WarningCode,
    /// What happened and what to do, for the user.
    pub message: String,
}

impl Warning {
    /// A warning with a stable code and a message for the user.
    pub fn new(code: WarningCode, message: impl Into<String>) -> Self {
        Warning {
            code,
            message: message.into(),
        }
    }
}

/// Every warning the core can give, closed so that a new one is a deliberate addition. In JSON
/// (the draft's contract and the popup) each is its kebab-case name, e.g. `"tag-dropped"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningCode {
    // Extraction.
    /// Elements nested deeper than the extractor's bound were flattened into text.
    DeepNestingFlattened,
    /// The page had too many elements to score; its main container was kept as is.
    PageTooLarge,
    // The dialect rewrite.
    /// Three or more heading levels were merged into Medium's two.
    HeadingLevelsMerged,
    /// Items of nested lists moved into their parent item.
    NestedListFlattened,
    /// A list was cut around a code block or an image in an item.
    ListSplit,
    /// A data table became one paragraph per row.
    TableConverted,
    /// An embed became its public URL.
    EmbedConverted,
    /// An embed without a usable address was dropped.
    EmbedDropped,
    /// An image without a usable address (`data:`, tracking pixel, none) was dropped.
    ImageDropped,
    /// Footnotes moved to a Notes section at the end.
    FootnotesMoved,
    /// Formulas were replaced by their TeX source.
    MathConverted,
    /// Links that cannot work on Medium were kept as text.
    LinkRemoved,
    // The canonical link.
    /// The canonical URL is not https.
    CanonicalNotHttps,
    /// The canonical URL points to another host than the page.
    CanonicalOtherHost,
    /// The page asks search engines not to index it.
    PageNoindex,
    // Medium's limits, as the draft applies them.
    /// Tags left out: too long, or beyond Medium's five.
    TagDropped,
    /// More tags than the API reads.
    TagsApiLimit,
    /// A title longer than Medium's API takes.
    TitleTooLong,
    /// The subtitle was cut to Medium's length.
    SubtitleTrimmed,
    // Sending through the API.
    /// The title sent to the API was shortened.
    TitleShortened,
    /// Tags too long for the API were not sent.
    TagTooLong,
    /// Tags beyond the API's three were not sent.
    TagsNotSent,
    /// The draft has no canonical URL to send.
    NoCanonical,
    /// Followers are notified only of public posts.
    NotifyNeedsPublic,
    // Before sending.
    /// This canonical URL was sent already.
    AlreadySent,
    /// Today's deliveries reached the daily limit.
    DailyLimit,
    /// Medium's import cannot reach a local or private address.
    ImportUrlPrivate,
    // Reading the blog's list of posts (feeds and sitemaps).
    /// A feed or sitemap could not be parsed; what was read before the fault is kept.
    SourceBroken,
    /// The listing stopped at its bound on posts.
    PostsLimit,
    /// Entries whose address could not be resolved were left out.
    LinksUnresolved,
    /// A body arrived for an address the listing did not ask for.
    SourceUnexpected,
    /// Addresses that are not posts (home, tag, category, author pages, files) were left out.
    NotPosts,
    /// Addresses on another site were left out.
    OtherHost,
    /// Sitemap indexes nested deeper than the bound were not followed.
    DepthLimit,
    /// Addresses already read (an index pointing at itself) were not fetched again.
    AlreadyRead,
    /// The listing stopped at its bound on sources.
    SourcesLimit,
    /// No feed or sitemap was found for the blog.
    NothingFound,
    /// A source larger than the bound was read only up to it.
    SourceTruncated,
    /// Sub-sitemaps of taxonomies, pages or users were skipped.
    SitemapsNotPosts,
    /// None of the feed candidates could be read.
    NoFeed,
    /// None of the sitemap candidates could be read.
    NoSitemap,
    /// A source could not be fetched (status, timeout, network).
    SourceFailed,
}

impl WarningCode {
    /// The code as it appears in JSON (`"tag-dropped"`).
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::DeepNestingFlattened => "deep-nesting-flattened",
            WarningCode::PageTooLarge => "page-too-large",
            WarningCode::HeadingLevelsMerged => "heading-levels-merged",
            WarningCode::NestedListFlattened => "nested-list-flattened",
            WarningCode::ListSplit => "list-split",
            WarningCode::TableConverted => "table-converted",
            WarningCode::EmbedConverted => "embed-converted",
            WarningCode::EmbedDropped => "embed-dropped",
            WarningCode::ImageDropped => "image-dropped",
            WarningCode::FootnotesMoved => "footnotes-moved",
            WarningCode::MathConverted => "math-converted",
            WarningCode::LinkRemoved => "link-removed",
            WarningCode::CanonicalNotHttps => "canonical-not-https",
            WarningCode::CanonicalOtherHost => "canonical-other-host",
            WarningCode::PageNoindex => "page-noindex",
            WarningCode::TagDropped => "tag-dropped",
            WarningCode::TagsApiLimit => "tags-api-limit",
            WarningCode::TitleTooLong => "title-too-long",
            WarningCode::SubtitleTrimmed => "subtitle-trimmed",
            WarningCode::TitleShortened => "title-shortened",
            WarningCode::TagTooLong => "tag-too-long",
            WarningCode::TagsNotSent => "tags-not-sent",
            WarningCode::NoCanonical => "no-canonical",
            WarningCode::NotifyNeedsPublic => "notify-needs-public",
            WarningCode::AlreadySent => "already-sent",
            WarningCode::DailyLimit => "daily-limit",
            WarningCode::ImportUrlPrivate => "import-url-private",
            WarningCode::SourceBroken => "source-broken",
            WarningCode::PostsLimit => "posts-limit",
            WarningCode::LinksUnresolved => "links-unresolved",
            WarningCode::SourceUnexpected => "source-unexpected",
            WarningCode::NotPosts => "not-posts",
            WarningCode::OtherHost => "other-host",
            WarningCode::DepthLimit => "depth-limit",
            WarningCode::AlreadyRead => "already-read",
            WarningCode::SourcesLimit => "sources-limit",
            WarningCode::NothingFound => "nothing-found",
            WarningCode::SourceTruncated => "source-truncated",
            WarningCode::SitemapsNotPosts => "sitemaps-not-posts",
            WarningCode::NoFeed => "no-feed",
            WarningCode::NoSitemap => "no-sitemap",
            WarningCode::SourceFailed => "source-failed",
        }
    }
}

impl fmt::Display for WarningCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_their_kebab_case_names_in_json_both_ways() {
        let all = [
            WarningCode::DeepNestingFlattened,
            WarningCode::PageTooLarge,
            WarningCode::HeadingLevelsMerged,
            WarningCode::NestedListFlattened,
            WarningCode::ListSplit,
            WarningCode::TableConverted,
            WarningCode::EmbedConverted,
            WarningCode::EmbedDropped,
            WarningCode::ImageDropped,
            WarningCode::FootnotesMoved,
            WarningCode::MathConverted,
            WarningCode::LinkRemoved,
            WarningCode::CanonicalNotHttps,
            WarningCode::CanonicalOtherHost,
            WarningCode::PageNoindex,
            WarningCode::TagDropped,
            WarningCode::TagsApiLimit,
            WarningCode::TitleTooLong,
            WarningCode::SubtitleTrimmed,
            WarningCode::TitleShortened,
            WarningCode::TagTooLong,
            WarningCode::TagsNotSent,
            WarningCode::NoCanonical,
            WarningCode::NotifyNeedsPublic,
            WarningCode::AlreadySent,
            WarningCode::DailyLimit,
            WarningCode::ImportUrlPrivate,
        ];
        for code in all {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<WarningCode>(&json).unwrap(), code);
        }
        let warning = Warning::new(WarningCode::TagDropped, "x");
        assert_eq!(
            serde_json::to_string(&warning).unwrap(),
            r#"{"code":"tag-dropped","message":"x"}"#
        );
    }
}
