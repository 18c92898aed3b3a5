//! Send to Medium: a blog page in, a Medium-ready draft out.
//!
//! The pipeline reads top to bottom: [`page`] decodes what was captured; [`extract`] finds the
//! article, its [`metadata`] and the page's links; [`dialect`] rewrites the article into the
//! block list Medium's editor accepts; [`canonical`] checks the link to the original;
//! [`backlinks`] picks the author's other posts; [`draft`] assembles title, subtitle, body and
//! footer as blocks and writes them once as HTML and, through [`markdown`], as Markdown.
//! [`medium`] builds and parses Medium API calls and hand-offs without doing IO.
//! The words every stage shares are leaves: [`warning`], [`options`], [`limits`] (Medium's),
//! [`urls`], [`error`]. Nothing here knows about browsers; `wasm` is the only door to
//! JavaScript, the CLI (`main.rs`) the other door.

#![warn(missing_docs)]

pub mod backlinks;
pub mod canonical;
pub mod catalogue;
pub mod dialect;
pub mod draft;
pub mod error;
pub mod extract;
pub mod limits;
pub mod markdown;
pub mod medium;
pub mod metadata;
pub mod options;
pub mod page;
pub mod urls;
pub mod warning;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use backlinks::Backlink;
pub use draft::{build_draft, Draft};
pub use error::DraftError;
pub use options::Options;
pub use page::Page;
pub use warning::{Warning, WarningCode};
