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
    let url = parse(None, raw.trim())?;
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
    let url = parse(base, raw)?;
    is_http(&url).then_some(url)
}

/// Parses `raw` on its own or against `base`. The build carries no Unicode tables for IDNA
/// (idna_adapter 1.0 in Cargo.toml: 42 KB gzip less wasm), so the url crate refuses a host with
/// non-ASCII labels: such a host is first put in the `xn--` form browsers give it.
fn parse(base: Option<&Url>, raw: &str) -> Option<Url> {
    let converted = punycode_host(raw);
    let text = converted.as_deref().unwrap_or(raw);
    match base {
        Some(base) => base.join(text).ok(),
        None => Url::parse(text).ok(),
    }
}

/// What UTS 46 reads as the dot between labels: `.` and the ideographic and full-width stops.
const LABEL_DOTS: [char; 4] = ['.', '\u{3002}', '\u{ff0e}', '\u{ff61}'];

/// `raw` with each non-ASCII label of its host lowercased and Punycode-encoded, or `None` when
/// its host is ASCII (or it has none). That is what UTS 46 gives for hosts as people write
/// them; its compatibility mappings (full-width letters, ignored characters) and checks are
/// left out, so such a host parses but may not resolve.
fn punycode_host(raw: &str) -> Option<String> {
    let is_scheme = |s: &str| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    };
    // `//host`, `scheme://host`; special schemes take `\\` for `/` (WHATWG URL).
    let slashes =
        |at: usize| raw[at..].starts_with(['/', '\\']) && raw[at + 1..].starts_with(['/', '\\']);
    // The host starts past the run of slashes; the url crate itself decides what they mean.
    let after_slashes = |at: usize| raw.len() - raw[at..].trim_start_matches(['/', '\\']).len();
    let authority_start = if slashes(0) {
        after_slashes(0)
    } else {
        let colon = raw
            .find(':')
            .filter(|&at| is_scheme(&raw[..at]) && slashes(at + 1))?;
        after_slashes(colon + 1)
    };
    let rest = &raw[authority_start..];
    let authority = &rest[..rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len())];
    let host_start = authority.rfind('@').map_or(0, |at| at + 1);
    let host_and_port = &authority[host_start..];
    let is_port = |digits: &str| digits.bytes().all(|b| b.is_ascii_digit());
    let host_end = host_and_port
        .rfind(':')
        .filter(|&colon| is_port(&host_and_port[colon + 1..]))
        .unwrap_or(host_and_port.len());
    let host = &host_and_port[..host_end];
    // The url crate percent-decodes a host before IDNA: `%C3%BC` is `ü` too.
    // It also drops tabs and newlines anywhere in an address before reading it.
    let decoded = percent_encoding::percent_decode_str(host)
        .decode_utf8()
        .ok()?;
    if decoded.is_ascii() {
        return None;
    }
    let decoded: String = decoded
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let mut ascii = String::with_capacity(decoded.len() * 2);
    for (i, label) in decoded.split(LABEL_DOTS).enumerate() {
        if i > 0 {
            ascii.push('.');
        }
        if label.is_ascii() {
            ascii.push_str(label);
        } else {
            ascii.push_str("xn--");
            ascii.push_str(&idna::punycode::encode_str(&label.to_lowercase())?);
        }
    }
    let at = authority_start + host_start;
    Some(format!("{}{ascii}{}", &raw[..at], &raw[at + host.len()..]))
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
    fn international_hosts_get_the_punycode_browsers_give_them() {
        // Expected: what the url crate with ICU4X's UTS 46 (idna_adapter 1.2.2) makes of them.
        let base = Url::parse("https://blog.example/post").unwrap();
        for (raw, expected) in [
            ("https://Bücher.de/x", "https://xn--bcher-kva.de/x"),
            ("https://münchen.de/", "https://xn--mnchen-3ya.de/"),
            (
                "https://例え.テスト/記事",
                "https://xn--r8jz45g.xn--zckzah/%E8%A8%98%E4%BA%8B",
            ),
            ("//bücher-blog.de/a/b", "https://xn--bcher-blog-9db.de/a/b"),
            (
                "https://user@bücher.de:8080/p?q=1#f",
                "https://user@xn--bcher-kva.de:8080/p?q=1#f",
            ),
            ("https://ÜBER.de/ü", "https://xn--ber-goa.de/%C3%BC"),
            (
                "https://пример.рф/статья",
                "https://xn--e1afmkfd.xn--p1ai/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F",
            ),
            ("https://straße.de/", "https://xn--strae-oqa.de/"),
            ("https://faß.de/", "https://xn--fa-hia.de/"),
        ] {
            assert_eq!(
                resolve(Some(&base), raw).unwrap().as_str(),
                expected,
                "{raw}"
            );
        }
        assert_eq!(
            parse_http("https://münchen.de/").unwrap().as_str(),
            "https://xn--mnchen-3ya.de/"
        );
        assert!(resolve(Some(&base), "https://bad host.de/").is_none());
        assert!(
            resolve(Some(&base), "////ÜBER.de/y").is_none(),
            "empty host"
        );
        for (raw, expected) in [
            ("https://%C3%9CBER.de/w", "https://xn--ber-goa.de/w"),
            ("https:\\\\ÜBER.de/x", "https://xn--ber-goa.de/x"),
            ("https:\\\\\\\\ÜBER.de/x", "https://xn--ber-goa.de/x"),
            ("https:////ÜBER.de/x", "https://xn--ber-goa.de/x"),
            ("\\\\ÜBER.de/y", "https://xn--ber-goa.de/y"),
            ("http://Σίσυφος.gr/", "http://xn--kxa6ajbbmh.gr/"),
            ("https://bücher.de.:443/", "https://xn--bcher-kva.de./"),
            ("https://bü\ncher.de/z", "https://xn--bcher-kva.de/z"),
        ] {
            assert_eq!(
                resolve(Some(&base), raw).unwrap().as_str(),
                expected,
                "{raw}"
            );
        }
        // Only the host is converted, never an address inside the path or query.
        assert_eq!(
            resolve(Some(&base), "/go?to=https://münchen.de/")
                .unwrap()
                .as_str(),
            "https://blog.example/go?to=https://m%C3%BCnchen.de/"
        );
    }

    #[test]
    fn www_is_the_same_site() {
        let a = Url::parse("https://www.blog.example/a").unwrap();
        let b = Url::parse("http://blog.example/b").unwrap();
        assert!(same_site(&a, &b));
    }
}
