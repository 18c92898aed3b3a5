//! The import path: Medium's "Import a story" fetches a public post itself and sets the
//! canonical link to it. Here: which URL to hand it, and whether Medium's servers can reach it.

use std::net::IpAddr;

use serde::{Deserialize, Serialize};
use url::{Host, Url};

use super::ErrorReport;
use crate::draft::Draft;
use crate::urls;
use crate::warning::{Warning, WarningCode};

/// Medium's "Import a story" page.
pub const IMPORT_URL: &str = "https://medium.com/p/import";

/// What the import path opens and puts on the clipboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportHandoff {
    /// The page to open: Medium's import tool.
    pub import_url: String,
    /// The post's public address, copied for the user to paste into the import box.
    pub canonical_url: String,
    /// Why the import may fail (a private or local address Medium cannot reach).
    pub warnings: Vec<Warning>,
}

/// Why the import path cannot be offered for a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// No http(s) canonical URL: there is nothing for Medium to fetch.
    NoPublicUrl,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::NoPublicUrl => write!(
                f,
                "Medium's import needs the post's public address, and this draft has none. Type \
                 the post's URL as canonical URL in the popup, or use 'Open in Medium'."
            ),
        }
    }
}

impl std::error::Error for ImportError {}

impl ImportError {
    /// The plain-data form the popup shows, shaped like an API error.
    pub fn report(&self) -> ErrorReport {
        ErrorReport {
            code: "no-public-url".to_string(),
            message: self.to_string(),
            retryable: false,
            may_have_posted: false,
            http_status: None,
            retry_after_seconds: None,
            medium_codes: Vec::new(),
        }
    }
}

/// The import handoff for a draft: its canonical URL, with a warning when Medium's servers
/// cannot fetch it (this machine, a private network, an intranet name).
pub fn handoff(draft: &Draft) -> Result<ImportHandoff, ImportError> {
    let url = draft
        .canonical_url
        .as_deref()
        .and_then(urls::parse_http)
        .ok_or(ImportError::NoPublicUrl)?;
    let mut warnings = Vec::new();
    if !publicly_reachable(&url) {
        warnings.push(Warning::new(
            WarningCode::ImportUrlPrivate,
            format!(
                "Medium's import fetches {url} from Medium's own servers, and this address is \
                 local or private, so Medium cannot reach it. Publish the post on its public \
                 address first (and set that as canonical URL), or use 'Open in Medium'."
            ),
        ));
    }
    Ok(ImportHandoff {
        import_url: IMPORT_URL.to_string(),
        canonical_url: url.to_string(),
        warnings,
    })
}

/// Whether a server on the internet could fetch this URL: not a loopback, private, link-local
/// or otherwise special address, and not a name that only resolves locally.
pub fn publicly_reachable(url: &Url) -> bool {
    match url.host() {
        None => false,
        Some(Host::Ipv4(ip)) => public_ip(IpAddr::V4(ip)),
        Some(Host::Ipv6(ip)) => public_ip(IpAddr::V6(ip)),
        Some(Host::Domain(name)) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            let local_suffix = [
                "localhost",
                "local",
                "internal",
                "intranet",
                "lan",
                "home",
                "corp",
                "test",
                "invalid",
                "example",
                "home.arpa",
            ]
            .iter()
            .any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")));
            name.contains('.') && !local_suffix
        }
    }
}

fn public_ip(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_documentation()
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => public_ip(IpAddr::V4(v4)),
            None => {
                !(v6.is_loopback()
                    || v6.is_unspecified()
                    || v6.is_unique_local()
                    || v6.is_unicast_link_local())
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(canonical: Option<&str>) -> Draft {
        Draft {
            title: Some("T".into()),
            subtitle: None,
            author: None,
            published: None,
            canonical_url: canonical.map(str::to_string),
            site_name: None,
            lead_image: None,
            language: None,
            tags: vec![],
            body_html: String::new(),
            content_html: String::new(),
            content_markdown: String::new(),
            backlinks: vec![],
            warnings: vec![],
        }
    }

    #[test]
    fn a_public_post_is_handed_to_the_import_tool() {
        let handoff = handoff(&draft(Some("https://blog.example.com/2024/post/"))).unwrap();
        assert_eq!(handoff.import_url, "https://medium.com/p/import");
        assert_eq!(handoff.canonical_url, "https://blog.example.com/2024/post/");
        assert!(handoff.warnings.is_empty());
    }

    #[test]
    fn local_and_private_addresses_are_flagged() {
        for url in [
            "http://localhost:4000/post",
            "http://127.0.0.1:8080/post",
            "http://[::1]/post",
            "http://192.168.1.20/blog/post",
            "http://10.0.0.5/post",
            "http://172.16.3.4/post",
            "http://169.254.1.1/post",
            "http://100.100.1.1/post",
            "http://[fd00::1]/post",
            "http://[::ffff:192.168.0.1]/post",
            "http://myblog/post",
            "http://blog.local/post",
            "https://staging.corp/post",
            "https://dev.localhost/post",
        ] {
            let handoff = handoff(&draft(Some(url))).unwrap();
            assert_eq!(handoff.warnings.len(), 1, "{url}");
            assert_eq!(handoff.warnings[0].code, WarningCode::ImportUrlPrivate);
            assert!(handoff.warnings[0].message.contains("cannot reach it"));
        }
        for url in [
            "http://93.184.216.34/post",
            "https://[2606:4700::1111]/p",
            "https://blog.dev/p",
        ] {
            assert!(
                handoff(&draft(Some(url))).unwrap().warnings.is_empty(),
                "{url}"
            );
        }
    }

    #[test]
    fn no_canonical_means_no_import() {
        assert_eq!(handoff(&draft(None)).unwrap_err(), ImportError::NoPublicUrl);
        assert_eq!(
            handoff(&draft(Some("file:///home/me/post.html"))).unwrap_err(),
            ImportError::NoPublicUrl
        );
        assert!(ImportError::NoPublicUrl
            .to_string()
            .contains("'Open in Medium'"));
    }
}
