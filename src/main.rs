//! The `send-to-medium` command: a page file (or stdin) in, a draft out as JSON, Markdown or HTML.
//! A thin door onto the same core the extension uses; exit codes: 0 draft, 2 bad usage, 3 no article.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::io::{Read, Write};
    use std::path::PathBuf;
    use std::process::ExitCode;

    use clap::{Parser, ValueEnum};
    use send_to_medium::options::{DEFAULT_FOOTER_TEMPLATE, DEFAULT_RELATED_LINKS};
    use send_to_medium::{build_draft, urls, DraftError, Options, Page};

    /// Turn a saved blog post into a Medium-ready draft.
    ///
    /// Reads the page's HTML from FILE (or standard input when FILE is absent or `-`), finds the
    /// article and its metadata, rewrites the body into the HTML Medium's editor accepts, and adds a
    /// canonical link back to the original post.
    ///
    /// Exit status: 0 a draft was printed; 2 bad usage (unknown flag, bad value, unreadable file,
    /// invalid URL); 3 the page holds no article (the reason is printed on stderr).
    #[derive(Debug, Parser)]
    #[command(name = "send-to-medium", version, about, long_about)]
    struct Args {
        /// The page's address: resolves relative links and images, and is the canonical URL when
        /// the page declares none. Must be an absolute http(s) URL.
        #[arg(long, value_name = "URL")]
        url: Option<String>,

        /// What to print: the whole draft as JSON, the content as Markdown, or the content as
        /// Medium-dialect HTML.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,

        /// The footer under the post. Placeholders: {title}, {site}, {url} (the canonical URL),
        /// {date}. May hold <a>, <em>, <strong>.
        #[arg(long, value_name = "TEMPLATE", default_value = DEFAULT_FOOTER_TEMPLATE)]
        footer: String,

        /// How many links to the author's other posts the footer lists (0 for none).
        #[arg(long, value_name = "N", default_value_t = DEFAULT_RELATED_LINKS)]
        related: usize,

        /// Tag the footer's links to your other posts with
        /// utm_source=medium&utm_medium=referral&utm_campaign=CAMPAIGN (never the canonical URL).
        #[arg(long, value_name = "CAMPAIGN")]
        utm: Option<String>,

        /// The saved page (HTML in any encoding its BOM or <meta charset> declares); `-` or
        /// nothing reads standard input.
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    }

    #[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
    enum Format {
        /// The draft with every field (the JSON contract documented in the README).
        Json,
        /// Title, subtitle, body and footer as Markdown.
        Markdown,
        /// Title, subtitle, body and footer as Medium-dialect HTML.
        Html,
    }

    const USAGE: &str = "usage: send-to-medium [--url URL] [--format json|markdown|html] \
                         [--footer TEMPLATE] [--related N] [--utm CAMPAIGN] [FILE | -]";

    /// Exit status for bad usage (clap uses the same for its own errors).
    const EXIT_USAGE: u8 = 2;
    /// Exit status when the page holds no article.
    const EXIT_NO_ARTICLE: u8 = 3;

    pub fn run() -> ExitCode {
        let args = match Args::try_parse() {
            Ok(args) => args,
            Err(error) if error.use_stderr() => {
                // clap's message says what was wrong; the usage line says what is right.
                let message = error.render().to_string();
                let first = message.lines().next().unwrap_or("bad usage");
                let first = first.strip_prefix("error: ").unwrap_or(first);
                return usage_error(first);
            }
            Err(help_or_version) => {
                let _ = help_or_version.print();
                return ExitCode::SUCCESS;
            }
        };
        let url = match args.url.as_deref().map(parse_page_url).transpose() {
            Ok(url) => url,
            Err(error) => return usage_error(&error.to_string()),
        };
        let bytes = match read_input(args.file.as_ref()) {
            Ok(bytes) => bytes,
            Err(message) => return usage_error(&message),
        };
        let options = Options {
            footer_template: args.footer,
            related_links: args.related,
            utm_campaign: args.utm.filter(|c| !c.trim().is_empty()),
        };
        let page = Page::from_bytes(&bytes, url);
        let draft = match build_draft(&page, &options) {
            Ok(draft) => draft,
            Err(error) => {
                eprintln!("send-to-medium: {error}");
                return ExitCode::from(EXIT_NO_ARTICLE);
            }
        };
        let output = match args.format {
            Format::Json => match serde_json::to_string_pretty(&draft) {
                Ok(json) => json + "\n",
                Err(error) => {
                    eprintln!("send-to-medium: could not write the draft as JSON: {error}");
                    return ExitCode::FAILURE;
                }
            },
            Format::Markdown => draft.content_markdown,
            Format::Html => draft.content_html + "\n",
        };
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout
            .write_all(output.as_bytes())
            .and_then(|()| stdout.flush())
        {
            // A closed pipe (`| head`) is not worth a message; anything else is.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("send-to-medium: could not write the draft: {error}");
            }
            return ExitCode::FAILURE;
        }
        ExitCode::SUCCESS
    }

    fn parse_page_url(raw: &str) -> Result<url::Url, DraftError> {
        urls::parse_http(raw).ok_or_else(|| DraftError::BadPageUrl(raw.to_string()))
    }

    fn read_input(file: Option<&PathBuf>) -> Result<Vec<u8>, String> {
        match file {
            Some(path) if path.as_os_str() != "-" => {
                std::fs::read(path).map_err(|e| format!("cannot read '{}': {e}", path.display()))
            }
            _ => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| format!("cannot read standard input: {e}"))?;
                Ok(bytes)
            }
        }
    }

    fn usage_error(message: &str) -> ExitCode {
        eprintln!("send-to-medium: {message}\n{USAGE}\nTry 'send-to-medium --help' for more.");
        ExitCode::from(EXIT_USAGE)
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::run()
}

/// The extension uses the library through `wasm`; there is no command line in a browser.
#[cfg(target_arch = "wasm32")]
fn main() {}
