//! What the capture hands us: the page's HTML, its address, and the selection if any.
//! Bytes from disk or the network are decoded here, by BOM or `<meta charset>`, never rejected.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use url::Url;

/// A captured page, ready for extraction.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The whole document's HTML, as the browser had it after the page's own scripts ran.
    pub html: String,
    /// The page's address: resolves relative links and is the last-resort canonical URL.
    pub url: Option<Url>,
    /// The HTML of the user's selection, when they chose "Send selection to Medium".
    pub selection_html: Option<String>,
}

impl Page {
    /// A page from already-decoded HTML and an optional address.
    pub fn new(html: impl Into<String>, url: Option<Url>) -> Self {
        Page {
            html: html.into(),
            url,
            selection_html: None,
        }
    }

    /// A page from raw bytes, decoded by BOM, then as UTF-8 when valid, then by `<meta charset>`,
    /// then as Windows-1252 (what browsers assume for undeclared legacy pages).
    pub fn from_bytes(bytes: &[u8], url: Option<Url>) -> Self {
        Page::new(decode_html(bytes), url)
    }
}

/// Decodes HTML bytes: BOM, then valid UTF-8, then `<meta charset>`, then Windows-1252.
pub fn decode_html(bytes: &[u8]) -> String {
    // The BOM, when there is one, is the chosen encoding's own: it is removed, not decoded.
    sniff_encoding(bytes)
        .decode_with_bom_removal(bytes)
        .0
        .into_owned()
}

/// The encoding a browser would decode these HTML bytes with, absent HTTP headers: the BOM, then
/// UTF-8 when the bytes are valid UTF-8 and not plain ASCII, then `<meta charset>`, then
/// Windows-1252. Separate from [`decode_html`] so the extension can decode with the browser's own
/// `TextDecoder` and the wasm carries no legacy encoding tables.
pub fn sniff_encoding(bytes: &[u8]) -> &'static Encoding {
    if let Some((encoding, _bom_len)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    // Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the page claims: legacy
    // encodings practically never form valid multi-byte sequences, and saved pages keep their
    // original `<meta charset>` after being re-encoded as UTF-8.
    let valid_utf8 = std::str::from_utf8(bytes).is_ok();
    if valid_utf8 && !bytes.is_ascii() {
        return UTF_8;
    }
    let encoding =
        sniff_meta_charset(bytes).unwrap_or(if valid_utf8 { UTF_8 } else { WINDOWS_1252 });
    // A page that declares UTF-16 in a meta tag is ASCII-compatible text by then: browsers use UTF-8.
    if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE {
        UTF_8
    } else {
        encoding
    }
}

/// Finds `<meta charset=X>` or `<meta http-equiv content="...; charset=X">` in the first 4 KB.
fn sniff_meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(at) = find(tag, b"charset") {
            let rest = &tag[at + "charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label_len = rest
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(encoding) = Encoding::for_label(&rest[..label_len]) {
                    return Some(encoding);
                }
            }
        }
        from = end.max(start + 1);
        if from >= lower.len() {
            break;
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(bytes: &[u8]) -> &[u8] {
    let skip = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    &bytes[skip..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_latin1_declared_in_meta() {
        let bytes = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf\xe9</body></html>";
        assert!(decode_html(bytes).contains("café"));
    }

    #[test]
    fn decodes_shift_jis_from_http_equiv() {
        let (encoded, _, _) = encoding_rs::SHIFT_JIS.encode("日本語");
        let mut bytes =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">".to_vec();
        bytes.extend_from_slice(&encoded);
        assert!(decode_html(&bytes).contains("日本語"));
    }

    #[test]
    fn bom_wins_over_meta() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<meta charset=latin1>é".as_bytes());
        assert!(decode_html(&bytes).ends_with('é'));
    }

    #[test]
    fn valid_utf8_wins_over_a_stale_legacy_declaration() {
        let html = "<meta charset=\"gb2312\"><title>人工智能</title>";
        assert!(decode_html(html.as_bytes()).contains("人工智能"));
    }

    #[test]
    fn broken_bytes_in_a_utf8_page_become_replacement_characters() {
        let bytes = b"<meta charset=utf-8><p>ok \xff\xfe end</p>";
        let text = decode_html(bytes);
        assert!(text.contains("ok \u{fffd}\u{fffd} end"), "{text}");
    }

    #[test]
    fn undeclared_invalid_utf8_falls_back_to_windows_1252() {
        assert_eq!(decode_html(b"caf\xe9"), "café");
    }

    #[test]
    fn the_sniffed_encoding_is_the_one_decode_uses() {
        let cases: [(&[u8], &str); 7] = [
            (b"\xef\xbb\xbf<meta charset=latin1>", "UTF-8"),
            (b"\xff\xfe<\x00p\x00>\x00", "UTF-16LE"),
            ("<meta charset=gb2312>人".as_bytes(), "UTF-8"),
            (b"<meta charset=\"iso-8859-1\">caf\xe9", "windows-1252"),
            (b"<meta charset=utf-16>plain", "UTF-8"),
            (b"<p>plain ascii</p>", "UTF-8"),
            (b"caf\xe9", "windows-1252"),
        ];
        for (bytes, name) in cases {
            assert_eq!(sniff_encoding(bytes).name(), name, "{bytes:?}");
        }
    }

    #[test]
    fn a_bom_is_removed_not_decoded() {
        assert_eq!(decode_html(b"\xff\xfeh\x00i\x00"), "hi");
        assert_eq!(decode_html(b"\xef\xbb\xbfhi"), "hi");
    }
}
