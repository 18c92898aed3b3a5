//! The `send-to-medium` command: a page file (or stdin) in, a draft out as JSON, Markdown or HTML;
//! `send-to-medium posts`: a feed or sitemap in, the blog's posts out as JSON. A thin door onto the
//! same core the extension uses; exit codes: 0 done, 2 bad usage, 3 no article / not a list.

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::io::{Read, Write};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;

    use clap::{Parser, ValueEnum};
    use send_to_medium::catalogue::{self, Limits, Listing};
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
    ///
    /// `send-to-medium posts [--url URL] FILE` lists the posts of a feed or sitemap instead (see
    /// `send-to-medium posts --help`).
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
        let raw: Vec<OsString> = std::env::args_os().collect();
        if is_posts_command(&raw) {
            return posts(&raw[1..]);
        }
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
        write_stdout(&output)
    }

    fn write_stdout(output: &str) -> ExitCode {
        let mut stdout = std::io::stdout().lock();
        if let Err(error) = stdout
            .write_all(output.as_bytes())
            .and_then(|()| stdout.flush())
        {
            // A closed pipe (`| head`) is not worth a message; anything else is.
            if error.kind() != std::io::ErrorKind::BrokenPipe {
                eprintln!("send-to-medium: could not write the output: {error}");
            }
            return ExitCode::FAILURE;
        }
        ExitCode::SUCCESS
    }

    /// List the posts of a blog's feed or sitemap, oldest first, as JSON.
    ///
    /// Reads an RSS, Atom or JSON feed, or a sitemap (urlset or sitemap index), from FILE (`-` for
    /// standard input) and prints `[{url, title, published, tags}]`. Addresses that are not posts
    /// (tag, category, author and archive pages, the home page) and addresses on another site than
    /// URL are left out. The next pages and sub-sitemaps the file names are not fetched: they are
    /// listed on stderr.
    ///
    /// Exit status: 0 the list was printed; 2 bad usage; 3 the file is neither a feed nor a
    /// sitemap (the reason is printed on stderr).
    #[derive(Debug, Parser)]
    #[command(name = "send-to-medium posts", long_about)]
    struct PostsArgs {
        /// The file's own address: resolves relative links, and posts on other sites are left out.
        /// Must be an absolute http(s) URL.
        #[arg(long, value_name = "URL")]
        url: Option<String>,

        /// The feed or sitemap (XML or JSON, in the encoding its BOM or XML declaration gives).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    }

    const POSTS_USAGE: &str = "usage: send-to-medium posts [--url URL] FILE";

    /// `posts` as the first argument is the subcommand, unless it can only be the page file it
    /// always was: a file named `posts` here, and no FILE after it (`./posts` is always the file).
    fn is_posts_command(raw: &[OsString]) -> bool {
        if raw.get(1).is_none_or(|first| first != "posts") {
            return false;
        }
        !Path::new("posts").exists()
            || PostsArgs::try_parse_from(&raw[1..]).is_ok_and(|args| args.file.is_some())
    }

    fn posts(raw: &[OsString]) -> ExitCode {
        let args = match PostsArgs::try_parse_from(raw) {
            Ok(args) => args,
            Err(error) if error.use_stderr() => {
                let message = error.render().to_string();
                let first = message.lines().next().unwrap_or("bad usage");
                return posts_usage_error(first.strip_prefix("error: ").unwrap_or(first));
            }
            Err(help) => {
                let _ = help.print();
                return ExitCode::SUCCESS;
            }
        };
        let url = match args.url.as_deref().map(parse_page_url).transpose() {
            Ok(url) => url,
            Err(error) => return posts_usage_error(&error.to_string()),
        };
        let Some(file) = args.file else {
            return posts_usage_error("give the feed or sitemap file (or - for standard input)");
        };
        let bytes = match read_input(Some(&file)) {
            Ok(bytes) => bytes,
            Err(message) => return posts_usage_error(&message),
        };
        let mut listing = Listing::new(url.clone(), Vec::new(), Limits::default());
        if let Err(error) = listing.read(url.as_ref(), &catalogue::decode(&bytes)) {
            eprintln!("send-to-medium: {error}");
            return ExitCode::from(EXIT_NO_ARTICLE);
        }
        for note in listing.notes() {
            eprintln!("send-to-medium: note: {}", note.message);
        }
        let queued = listing.queued();
        if !queued.is_empty() {
            eprintln!(
                "send-to-medium: note: not fetched (the command reads one file): {}",
                queued.join(" ")
            );
        }
        match serde_json::to_string_pretty(&listing.posts()) {
            Ok(json) => write_stdout(&(json + "\n")),
            Err(error) => {
                eprintln!("send-to-medium: could not write the posts as JSON: {error}");
                ExitCode::FAILURE
            }
        }
    }

    fn posts_usage_error(message: &str) -> ExitCode {
        eprintln!(
            "send-to-medium: {message}\n{POSTS_USAGE}\nTry 'send-to-medium posts --help' for more."
        );
        ExitCode::from(EXIT_USAGE)
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
