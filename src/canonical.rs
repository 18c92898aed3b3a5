//! Checks on the canonical link a cross-post will carry: the one thing that must be right for
//! search engines to credit the original, so anything doubtful is a warning the user sees.

use url::Url;

use crate::metadata::{CanonicalSource, Metadata};
use crate::urls;
use crate::warning::{Warning, WarningCode};

/// Warnings about a canonical URL that would hurt the cross-post.
pub fn canonical_warnings(meta: &Metadata, page_url: Option<&Url>) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if let Some(canonical) = &meta.canonical {
        let declared = matches!(
            canonical.source,
            CanonicalSource::LinkRelCanonical | CanonicalSource::OgUrl
        );
        if let Some(page) = page_url {
            if declared && !urls::same_site(&canonical.url, page) {
                warnings.push(Warning::new(
                    WarningCode::CanonicalOtherHost,
                    format!(
                        "This page says its original is on {} ({}), not on {}, so the Medium \
                         copy will credit that address. That is right if this page is itself a \
                         copy; if this page is your original, change the canonical URL to {}.",
                        canonical.url.host_str().unwrap_or("another site"),
                        canonical.url,
                        page.host_str().unwrap_or("this site"),
                        urls::without_tracking(page)
                    ),
                ));
            }
        }
        if canonical.url.scheme() == "http" {
            warnings.push(Warning::new(
                WarningCode::CanonicalNotHttps,
                format!(
                    "The canonical URL {} uses http://, not https://. If your site answers on \
                     https, use that address so search engines credit the secure page.",
                    canonical.url
                ),
            ));
        }
    }
    if meta.noindex {
        warnings.push(Warning::new(
            WarningCode::PageNoindex,
            "This page asks search engines not to index it (noindex), so the canonical link \
             points them at a page they will ignore and neither copy may show in search. Make \
             the original indexable, or remove the canonical URL if Medium should be the \
             original.",
        ));
    }
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metadata::Canonical;

    fn meta(canonical: &str, source: CanonicalSource) -> Metadata {
        Metadata {
            canonical: Some(Canonical {
                url: Url::parse(canonical).unwrap(),
                source,
            }),
            ..Metadata::default()
        }
    }

    fn codes(warnings: &[Warning]) -> Vec<&str> {
        warnings.iter().map(|w| w.code.as_str()).collect()
    }

    #[test]
    fn syndicated_copy_is_flagged() {
        let page = Url::parse("https://mirror.example/post").unwrap();
        let m = meta(
            "https://blog.example/post",
            CanonicalSource::LinkRelCanonical,
        );
        assert_eq!(
            codes(&canonical_warnings(&m, Some(&page))),
            ["canonical-other-host"]
        );
    }

    #[test]
    fn own_https_canonical_is_quiet_and_http_is_flagged() {
        let page = Url::parse("https://www.blog.example/post").unwrap();
        let m = meta(
            "https://blog.example/post",
            CanonicalSource::LinkRelCanonical,
        );
        assert!(canonical_warnings(&m, Some(&page)).is_empty());
        let m = meta("http://blog.example/post", CanonicalSource::PageUrl);
        assert_eq!(
            codes(&canonical_warnings(&m, Some(&page))),
            ["canonical-not-https"]
        );
    }

    #[test]
    fn noindex_is_flagged() {
        let mut m = meta("https://blog.example/post", CanonicalSource::PageUrl);
        m.noindex = true;
        assert_eq!(codes(&canonical_warnings(&m, None)), ["page-noindex"]);
    }
}
