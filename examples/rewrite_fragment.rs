//! Rewrites an HTML fragment straight into Medium's dialect (no extraction), printing the body,
//! its Markdown and the warnings: for trying a construct by hand.
//!
//! ```sh
//! cargo run --example rewrite_fragment -- fragment.html [https://page.address/]
//! ```

use send_to_medium::{dialect, markdown};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: rewrite_fragment FILE.html [PAGE_URL]");
        std::process::exit(2);
    };
    let html = match std::fs::read(&path) {
        Ok(bytes) => send_to_medium::page::decode_html(&bytes),
        Err(e) => {
            eprintln!("rewrite_fragment: cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let base = args.next().and_then(|u| url::Url::parse(&u).ok());
    let mut warnings = Vec::new();
    let body = dialect::rewrite(&html, base.as_ref(), &mut warnings);
    println!("{}\n", body.replace("><", ">\n<"));
    println!("{}", markdown::from_dialect_html(&body));
    for w in warnings {
        println!("{}: {}", w.code, w.message);
    }
}
