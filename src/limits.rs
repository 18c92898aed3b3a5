//! Medium's limits on a story (tags, title, subtitle) and the one way each is applied: the
//! draft, the API request, the editor hand-off and the popup (through `wasm`) all use these.

use serde::Serialize;

/// Tags a story takes in Medium's editor.
pub const MAX_TAGS: usize = 5;
/// Tags Medium's API reads of a post it creates (the first ones).
pub const API_TAGS: usize = 3;
/// Medium ignores longer tags.
pub const MAX_TAG_CHARS: usize = 25;
/// Medium's API ignores longer titles (and makes one up for listings and search).
pub const MAX_TITLE_CHARS: usize = 100;
/// Medium's limit for the subtitle (the search description).
pub const MAX_SUBTITLE_CHARS: usize = 140;

/// The limits as one object, for the popup (`medium_limits()` in `wasm`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MediumLimits {
    /// [`MAX_TAGS`]
    pub max_tags: usize,
    /// [`API_TAGS`]
    pub api_tags: usize,
    /// [`MAX_TAG_CHARS`]
    pub max_tag_chars: usize,
    /// [`MAX_TITLE_CHARS`]
    pub max_title_chars: usize,
    /// [`MAX_SUBTITLE_CHARS`]
    pub max_subtitle_chars: usize,
}

/// Every limit of this module.
pub const MEDIUM_LIMITS: MediumLimits = MediumLimits {
    max_tags: MAX_TAGS,
    api_tags: API_TAGS,
    max_tag_chars: MAX_TAG_CHARS,
    max_title_chars: MAX_TITLE_CHARS,
    max_subtitle_chars: MAX_SUBTITLE_CHARS,
};

/// Tags sorted by what Medium will do with them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FittedTags {
    /// The tags that fit, in the user's order.
    pub kept: Vec<String>,
    /// Longer than [`MAX_TAG_CHARS`]: never cut, since a cut tag means something else.
    pub too_long: Vec<String>,
    /// Beyond the number of tags taken.
    pub over_limit: Vec<String>,
}

/// Cleans tags as Medium takes them: whitespace collapsed, empty ones and case-insensitive
/// repeats of a kept tag dropped, tags over [`MAX_TAG_CHARS`] set aside (not cut), and at most
/// `max` kept ([`MAX_TAGS`] for a story, [`API_TAGS`] for the API).
pub fn fit_tags<S: AsRef<str>>(tags: &[S], max: usize) -> FittedTags {
    let mut fitted = FittedTags::default();
    for tag in tags {
        let tag = collapse_whitespace(tag.as_ref());
        if tag.is_empty()
            || fitted
                .kept
                .iter()
                .any(|k| k.to_lowercase() == tag.to_lowercase())
        {
            continue;
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            fitted.too_long.push(tag);
        } else if fitted.kept.len() >= max {
            fitted.over_limit.push(tag);
        } else {
            fitted.kept.push(tag);
        }
    }
    fitted
}

/// Runs of whitespace as single spaces, trimmed: how Medium shows a title, subtitle or tag.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `text` to at most `max` characters at a word boundary, ending with an ellipsis; a text
/// without a space in reach is cut at the limit. For titles and subtitles over Medium's limits.
pub fn cut_at_word(text: &str, max: usize) -> String {
    let budget = max.saturating_sub(1);
    let head: String = text.chars().take(budget).collect();
    let next_is_space = text.chars().nth(budget).is_none_or(char::is_whitespace);
    let cut = if next_is_space {
        head.trim_end().to_string()
    } else {
        match head.rfind(char::is_whitespace) {
            Some(space) if space > 0 => head[..space].trim_end().to_string(),
            _ => head,
        }
    };
    let cut = cut.trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')' && c != '"');
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_collapsed_deduplicated_in_any_case_and_never_cut() {
        let tags = [
            "Rust",
            "  rust ",
            "",
            "Browser   Extensions",
            "A tag that is far too long for Medium",
            "Ünïcode",
            "üNÏCODE",
            "Four",
            "Five",
            "Six",
        ];
        let fitted = fit_tags(&tags, MAX_TAGS);
        assert_eq!(
            fitted.kept,
            ["Rust", "Browser Extensions", "Ünïcode", "Four", "Five"]
        );
        assert_eq!(fitted.too_long, ["A tag that is far too long for Medium"]);
        assert_eq!(fitted.over_limit, ["Six"]);
        assert_eq!(
            fit_tags(&tags, API_TAGS).over_limit,
            ["Four", "Five", "Six"]
        );
        let exactly = "t".repeat(MAX_TAG_CHARS);
        assert_eq!(fit_tags(&[exactly.as_str()], MAX_TAGS).kept, [exactly]);
    }

    #[test]
    fn cuts_land_on_a_word_and_stay_within_the_limit() {
        let cut = cut_at_word("The quick brown fox jumps over the lazy dog", 20);
        assert_eq!(cut, "The quick brown fox…");
        assert!(cut.chars().count() <= 20);
        // Punctuation before the cut goes, a closing parenthesis or quote stays.
        assert_eq!(cut_at_word("One, two, three, four", 10), "One, two…");
        assert_eq!(
            cut_at_word("Say \"hi\" to everyone here", 10),
            "Say \"hi\"…"
        );
        // No space in reach: cut at the limit.
        assert_eq!(cut_at_word(&"長".repeat(150), 100).chars().count(), 100);
    }
}
