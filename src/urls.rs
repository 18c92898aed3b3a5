//! URL rules shared by every stage: resolving against the page, keeping only http(s),
//! and stripping tracking parameters from canonical candidates.

use url::Url;

/// Query parameters that only track a visit and never identify the content.
const TRACKING_PARAMS: &[&str] = &[
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "mc_cid",
    "mc_eid",
    "igshid",
    "yclid",
    "_hsenc",
    "_hsmi",
    "ref",
    "ref_src",
    "ref_url",
    "source",
    "share",
    "s_cid",
    "cmpid",
    "mkt_tok",
    "spm",
    "twclid",
    "ttclid",
    "li_fat_id",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "wickedid",
    "rb_clickid",
    "amp",
];

/// Parses an absolute http(s) URL, or `None` for anything else.
pub fn parse_http(raw: &str) -> Option<Url> {
    let url = Url::parse(raw.trim()).ok()?;
    is_http(&url).then_some(url)
}

/// Whether a URL uses a scheme Medium and readers can follow.
pub fn is_http(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https") && url.host().is_some()
}

/// Resolves `raw` (as found in an attribute) against the page; only http(s) results survive.
pub fn resolve(base: Option<&Url>, raw: &str) -> Option<Url> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    let url = match base {
        Some(base) => base.join(raw).ok()?,
        None => Url::parse(raw).ok()?,
    };
    is_http(&url).then_some(url)
}

/// The page's address without tracking parameters and fragment: the last-resort canonical URL.
pub fn without_tracking(url: &Url) -> Url {
    without_params(url, |_| false)
}

/// The address without fragment, tracking parameters, and the parameters `also_drop` names.
pub fn without_params(url: &Url, also_drop: impl Fn(&str) -> bool) -> Url {
    let mut clean = url.clone();
    clean.set_fragment(None);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(key, _)| !is_tracking_param(key) && !also_drop(key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    if kept.is_empty() {
        clean.set_query(None);
    } else {
        clean.query_pairs_mut().clear().extend_pairs(kept);
    }
    clean
}

fn is_tracking_param(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    key.starts_with("utm_") || key.starts_with("__hs") || TRACKING_PARAMS.contains(&key.as_str())
}

/// Same site: equal hosts, ignoring a leading `www.`.
pub fn same_site(a: &Url, b: &Url) -> bool {
    fn bare(u: &Url) -> &str {
        let host = u.host_str().unwrap_or("");
        host.strip_prefix("www.").unwrap_or(host)
    }
    bare(a).eq_ignore_ascii_case(bare(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tracking_and_fragment_keeps_real_query() {
        let url =
            Url::parse("https://blog.example/post?id=7&utm_source=x&fbclid=abc#comments").unwrap();
        assert_eq!(
            without_tracking(&url).as_str(),
            "https://blog.example/post?id=7"
        );
    }

    #[test]
    fn resolves_relative_and_refuses_javascript() {
        let base = Url::parse("https://blog.example/2024/01/post.html").unwrap();
        assert_eq!(
            resolve(Some(&base), "../img/a.png").unwrap().as_str(),
            "https://blog.example/2024/img/a.png"
        );
        assert!(resolve(Some(&base), "javascript:alert(1)").is_none());
        assert!(resolve(Some(&base), "mailto:a@b.c").is_none());
    }

    #[test]
    fn www_is_the_same_site() {
        let a = Url::parse("https://www.blog.example/a").unwrap();
        let b = Url::parse("http://blog.example/b").unwrap();
        assert!(same_site(&a, &b));
    }
}
