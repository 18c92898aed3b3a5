//! What the rewrite changed or dropped, counted per kind while it works and turned into one
//! user-facing [`Warning`] per kind at the end (never one warning per element).

use std::collections::{BTreeMap, BTreeSet};

use crate::warning::{Warning, WarningCode};

/// Counters filled by the dialect passes; [`Findings::into_warnings`] phrases them for the user.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    /// Source heading levels (1–6) seen in the article.
    pub heading_levels: BTreeSet<u8>,
    /// Items of lists nested inside other lists, moved into their parent item.
    pub nested_list_items: usize,
    /// Lists cut in two around a code block or an image inside an item.
    pub list_splits: usize,
    /// Data tables turned into one paragraph per row.
    pub tables: usize,
    /// Embeds turned into their public URL, by provider name.
    pub embeds: BTreeMap<String, usize>,
    /// Quoted posts (tweets, Instagram) kept as a quote above their embed line.
    pub embed_quotes_kept: usize,
    /// Embeds with no usable address (plugins, empty frames).
    pub embeds_dropped: usize,
    pub images_data_uri: usize,
    pub images_tracking: usize,
    pub images_no_address: usize,
    /// Footnotes moved to the Notes section.
    pub footnotes: usize,
    /// Formulas replaced by their TeX source.
    pub math: usize,
    /// Links kept as text because their scheme is not http(s) (`javascript:`, `mailto:`…).
    pub links_scheme: usize,
    /// Links kept as text because they jump within the page.
    pub links_same_page: usize,
    /// Links kept as text because they are relative and the page address is unknown.
    pub links_relative: usize,
}

impl Findings {
    /// Records one embed converted to its URL.
    pub fn embed(&mut self, provider: &str) {
        *self.embeds.entry(provider.to_string()).or_default() += 1;
    }

    /// One warning per kind of change, in a stable order.
    pub fn into_warnings(self) -> Vec<Warning> {
        let mut out = Vec::new();
        let merged_small = self.heading_levels.iter().filter(|&&l| l >= 3).count() > 1;
        let merged_large = self.heading_levels.contains(&1) && self.heading_levels.contains(&2);
        if merged_small || merged_large {
            let levels: Vec<String> = self
                .heading_levels
                .iter()
                .map(|l| format!("h{l}"))
                .collect();
            out.push(Warning::new(
                WarningCode::HeadingLevelsMerged,
                format!(
                    "The post uses {} heading levels ({}); Medium has two sizes, so h1–h2 became \
                     the large heading and h3–h6 the small one. Check that the sections still read \
                     in the right order.",
                    levels.len(),
                    levels.join(", ")
                ),
            ));
        }
        if self.nested_list_items > 0 {
            out.push(Warning::new(
                WarningCode::NestedListFlattened,
                format!(
                    "{} item{} of nested lists moved into {} parent item, on {} own line{} with a \
                     “◦” or number prefix: Medium lists have one level. Reword them as sentences if the \
                     hierarchy matters.",
                    self.nested_list_items,
                    plural(self.nested_list_items),
                    if self.nested_list_items == 1 {
                        "its"
                    } else {
                        "their"
                    },
                    if self.nested_list_items == 1 {
                        "its"
                    } else {
                        "their"
                    },
                    plural(self.nested_list_items),
                ),
            ));
        }
        if self.list_splits > 0 {
            out.push(Warning::new(
                WarningCode::ListSplit,
                format!(
                    "{} list{} had a code block or an image inside an item; Medium cannot nest \
                     those in a list, so the list was cut around it and a numbered list restarts \
                     at 1 after it. Check the numbering.",
                    self.list_splits,
                    plural(self.list_splits)
                ),
            ));
        }
        if self.tables > 0 {
            out.push(Warning::new(
                WarningCode::TableConverted,
                format!(
                    "{} table{} became one paragraph per row, cells separated by “|” (Medium has \
                     no tables). For a large table, replace it with a screenshot or a GitHub Gist \
                     embed.",
                    self.tables,
                    plural(self.tables)
                ),
            ));
        }
        let embeds: usize = self.embeds.values().sum();
        if embeds > 0 {
            let kinds: Vec<&str> = self.embeds.keys().map(String::as_str).collect();
            let quotes = if self.embed_quotes_kept > 0 {
                format!(
                    " The text of {} quoted post{} is kept as a quote above {} embed: delete \
                     whichever you do not want.",
                    self.embed_quotes_kept,
                    plural(self.embed_quotes_kept),
                    if self.embed_quotes_kept == 1 {
                        "its"
                    } else {
                        "their"
                    }
                )
            } else {
                String::new()
            };
            out.push(Warning::new(
                WarningCode::EmbedConverted,
                format!(
                    "{embeds} embed{} ({}) became {} public address alone on a line, which \
                     Medium turns into an embed. If one stays a plain link in the editor, click \
                     at its end and press Enter.{quotes}",
                    plural(embeds),
                    kinds.join(", "),
                    if embeds == 1 { "its" } else { "their" }
                ),
            ));
        }
        if self.embeds_dropped > 0 {
            out.push(Warning::new(
                WarningCode::EmbedDropped,
                format!(
                    "{} embedded object{} (plugin or frame without an address) could not be kept. \
                     Add the content's link by hand if it mattered.",
                    self.embeds_dropped,
                    plural(self.embeds_dropped)
                ),
            ));
        }
        let images = self.images_data_uri + self.images_tracking + self.images_no_address;
        if images > 0 {
            let mut why = Vec::new();
            if self.images_data_uri > 0 {
                why.push(format!(
                    "{} embedded in the page as data: URIs, which Medium cannot fetch",
                    self.images_data_uri
                ));
            }
            if self.images_tracking > 0 {
                why.push(format!(
                    "{} tracking pixel{}",
                    self.images_tracking,
                    plural(self.images_tracking)
                ));
            }
            if self.images_no_address > 0 {
                why.push(format!(
                    "{} without a usable web address",
                    self.images_no_address
                ));
            }
            out.push(Warning::new(
                WarningCode::ImageDropped,
                format!(
                    "{images} image{} left out: {}. Upload any real picture among them in the \
                     Medium editor.",
                    plural(images),
                    why.join("; ")
                ),
            ));
        }
        if self.footnotes > 0 {
            out.push(Warning::new(
                WarningCode::FootnotesMoved,
                format!(
                    "{} footnote{} became numbered references like [1] with the text in a \
                     “Notes” section at the end (Medium has no footnotes).",
                    self.footnotes,
                    plural(self.footnotes)
                ),
            ));
        }
        if self.math > 0 {
            out.push(Warning::new(
                WarningCode::MathConverted,
                format!(
                    "{} formula{} became {} LaTeX source in code style (Medium cannot show \
                     math). Paste an image of any equation readers must see typeset.",
                    self.math,
                    if self.math == 1 { "" } else { "s" },
                    if self.math == 1 { "its" } else { "their" }
                ),
            ));
        }
        let links = self.links_scheme + self.links_same_page + self.links_relative;
        if links > 0 {
            let mut why = Vec::new();
            if self.links_scheme > 0 {
                why.push(format!(
                    "{} used a non-web address (javascript:, mailto:, …)",
                    self.links_scheme
                ));
            }
            if self.links_same_page > 0 {
                why.push(format!(
                    "{} jumped within the page, which Medium cannot do",
                    self.links_same_page
                ));
            }
            if self.links_relative > 0 {
                why.push(format!(
                    "{} were relative and the page address is unknown",
                    self.links_relative
                ));
            }
            out.push(Warning::new(
                WarningCode::LinkRemoved,
                format!(
                    "{links} link{} kept as plain text: {}. Re-link any that matter in the \
                     editor.",
                    plural(links),
                    why.join("; ")
                ),
            ));
        }
        out
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
