//! Comparing texts from the page: whitespace collapsed, case and quotes folded, letters only.

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Lowercased, whitespace-collapsed, typographic quotes folded: for comparing titles.
pub(super) fn fold(text: &str) -> String {
    collapse(text)
        .to_lowercase()
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace('\u{a0}', " ")
}

/// Only the letters and digits, lowercased: for comparing site names.
pub(super) fn fold_alnum(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// [`fold_alnum`] with Latin diacritics removed: "Aktuálně.cz" and "aktualne.cz" are one site.
pub(super) fn fold_ascii(text: &str) -> String {
    const PLAIN: &[(&str, char)] = &[
        ("áàâäãåą", 'a'),
        ("çčć", 'c'),
        ("ď", 'd'),
        ("éèêëěę", 'e'),
        ("íìîï", 'i'),
        ("ł", 'l'),
        ("ñňń", 'n'),
        ("óòôöõø", 'o'),
        ("ř", 'r'),
        ("šś", 's'),
        ("ť", 't'),
        ("úùûüů", 'u'),
        ("ý", 'y'),
        ("žźż", 'z'),
    ];
    fold_alnum(text)
        .chars()
        .map(|c| {
            PLAIN
                .iter()
                .find(|(accented, _)| accented.contains(c))
                .map_or(c, |&(_, plain)| plain)
        })
        .collect()
}

pub(super) fn same_text(a: &str, b: &str) -> bool {
    fold(a) == fold(b)
}
