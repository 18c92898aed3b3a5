//! Send to Medium: a blog page in, a Medium-ready draft out.
//!
//! The pipeline reads top to bottom: [`page`] decodes what was captured, [`extract`] finds the
//! article and its [`metadata`], [`dialect`] rewrites it into what Medium's editor accepts,
//! [`canonical`] checks the link to the original, [`backlinks`] adds the canonical footer and
//! links home, [`markdown`] converts both ways, and
//! [`draft`] assembles the result. [`medium`] builds and parses Medium API calls without doing IO.
//! Nothing here knows about browsers; `wasm` is the only door to JavaScript.

pub mod backlinks;
pub mod canonical;
pub mod catalogue;
pub mod dialect;
pub mod draft;
pub mod error;
pub mod extract;
pub mod markdown;
pub mod medium;
pub mod metadata;
pub mod page;
pub mod urls;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use draft::{build_draft, Backlink, Draft, Options, Warning};
pub use error::DraftError;
pub use page::Page;
