//! The user's settings for building drafts, one value passed down from the doors (CLI flags,
//! the extension's options page) to the stages that read it.

use serde::{Deserialize, Serialize};

/// The user's settings for building drafts (CLI flags, the options page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Options {
    /// Footer wording with `{title}`, `{site}`, `{url}`, `{date}` placeholders; may hold `<a>`, `<em>`, `<strong>`.
    pub footer_template: String,
    /// How many links to the author's other posts the footer carries (0 disables them).
    pub related_links: usize,
    /// When set, backlinks (never the canonical URL) get `utm_source=medium&utm_medium=referral&utm_campaign=…`.
    pub utm_campaign: Option<String>,
}

/// The default footer: "Originally published at *site name*", linked to the canonical URL.
pub const DEFAULT_FOOTER_TEMPLATE: &str = "Originally published at <a href=\"{url}\">{site}</a>.";

/// Links to the author's other posts a footer carries unless the user says otherwise.
pub const DEFAULT_RELATED_LINKS: usize = 3;

impl Default for Options {
    fn default() -> Self {
        Options {
            footer_template: DEFAULT_FOOTER_TEMPLATE.to_string(),
            related_links: DEFAULT_RELATED_LINKS,
            utm_campaign: None,
        }
    }
}
