//! The `send-to-medium` command: a page file (or stdin) in, a draft out as JSON, Markdown or HTML.

use std::io::Read;
use std::process::ExitCode;

use send_to_medium::{build_draft, Options, Page};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut url = None;
    let mut format = "json".to_string();
    let mut file = None;
    let mut options = Options::default();
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--url" => url = it.next(),
            "--format" => format = it.next().unwrap_or_default(),
            "--footer" => options.footer_template = it.next().unwrap_or_default(),
            "--related" => match it.next().map(|n| n.parse::<usize>()) {
                Some(Ok(n)) => options.related_links = n,
                _ => {
                    eprintln!("send-to-medium: --related takes a number of links, e.g. --related 3 (0 turns them off).");
                    return ExitCode::from(2);
                }
            },
            "--utm" => options.utm_campaign = it.next().filter(|c| !c.trim().is_empty()),
            _ => file = Some(arg),
        }
    }
    let bytes = match file.as_deref() {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin().read_to_end(&mut buf).ok();
            buf
        }
        Some(path) => std::fs::read(path).unwrap_or_default(),
    };
    let page = Page::from_bytes(&bytes, url.and_then(|u| url::Url::parse(&u).ok()));
    match build_draft(&page, &options) {
        Ok(draft) => {
            match format.as_str() {
                "markdown" => print!("{}", draft.content_markdown),
                "html" => print!("{}", draft.content_html),
                _ => println!(
                    "{}",
                    serde_json::to_string_pretty(&draft).unwrap_or_default()
                ),
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("send-to-medium: {e}");
            ExitCode::from(3)
        }
    }
}
