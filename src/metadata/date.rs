//! Publication dates as pages write them — ISO 8601 in meta tags, `2016-12-16 12:21:02`,
//! `March 14, 2019`, `14 Mar 2019`, `2019年4月21日`, `/2019/03/14/` in a URL — normalised to ISO 8601.

/// English, French, German, Spanish, Italian, Portuguese and Dutch month names (and their
/// 3-letter abbreviations via prefix match), mapped to month numbers.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setembro", 9),
    ("octubre", 10),
    ("outubro", 10),
    ("noviembre", 11),
    ("novembro", 11),
    ("diciembre", 12),
    ("dezembro", 12),
    ("gennaio", 1),
    ("febbraio", 2),
    ("aprile", 4),
    ("maggio", 5),
    ("giugno", 6),
    ("luglio", 7),
    ("settembre", 9),
    ("ottobre", 10),
    ("dicembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("januari", 1),
    ("februari", 2),
    ("maart", 3),
    ("mei", 5),
    ("augustus", 8),
];

/// A calendar date with an optional time of day and UTC offset, as written on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    year: i32,
    month: u32,
    day: u32,
    /// Hours, minutes, seconds.
    time: Option<(u32, u32, u32)>,
    /// Offset in minutes east of UTC; `Some(0)` for `Z`.
    offset: Option<i32>,
}

impl Stamp {
    fn iso(&self) -> String {
        let date = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        let Some((h, m, s)) = self.time else {
            return date;
        };
        let offset = match self.offset {
            None => String::new(),
            Some(0) => "Z".to_string(),
            Some(minutes) => {
                let sign = if minutes < 0 { '-' } else { '+' };
                let minutes = minutes.abs();
                format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        };
        format!("{date}T{h:02}:{m:02}:{s:02}{offset}")
    }
}

/// Normalises a machine-readable date (meta tags, JSON-LD, `datetime` attributes) to ISO 8601:
/// `2019-03-14`, `2019-03-14T10:00:00+01:00`. Falls back to [`parse_text`] for prose dates.
pub fn parse_machine(raw: &str) -> Option<String> {
    let raw = raw.trim();
    parse_iso_like(raw)
        .or_else(|| parse_epoch(raw))
        .or_else(|| parse_year_month_day(raw))
        .map(|s| s.iso())
        .or_else(|| parse_text(raw))
}

/// `2023 Jan 7`, `2023 January 07` (the citation metadata of journals): year, month name, day.
fn parse_year_month_day(raw: &str) -> Option<Stamp> {
    let tokens = tokenize(&raw.to_lowercase());
    match tokens[..] {
        [Token::Number(year), Token::Word(ref month), Token::Number(day)] if year >= 1000 => {
            stamp(year as i32, month_number(month)?, day)
        }
        _ => None,
    }
}

/// Finds a date written for people ("March 14, 2019", "14 Mar 2019", "14.03.2019",
/// "2019年3月14日", "Posted 2019-03-14") anywhere in a short text.
pub fn parse_text(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let tokens = tokenize(&lower);
    // ISO anywhere in the text.
    for (i, token) in tokens.iter().enumerate() {
        if let Token::Number(year) = *token {
            if (1990..=2100).contains(&year) {
                if let (
                    Some(Token::Sep('-' | '/' | '.')),
                    Some(Token::Number(m)),
                    Some(Token::Sep(_)),
                    Some(Token::Number(d)),
                ) = (
                    tokens.get(i + 1),
                    tokens.get(i + 2),
                    tokens.get(i + 3),
                    tokens.get(i + 4),
                ) {
                    if let Some(s) = stamp(year as i32, *m, *d) {
                        return Some(s.iso());
                    }
                }
                // 2019年3月14日
                if let (
                    Some(Token::Sep('年')),
                    Some(Token::Number(m)),
                    Some(Token::Sep('月')),
                    Some(Token::Number(d)),
                ) = (
                    tokens.get(i + 1),
                    tokens.get(i + 2),
                    tokens.get(i + 3),
                    tokens.get(i + 4),
                ) {
                    if let Some(s) = stamp(year as i32, *m, *d) {
                        return Some(s.iso());
                    }
                }
            }
        }
    }
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            // March 14, 2019 / March 14th 2019
            Token::Word(ref word) => {
                let Some(month) = month_number(word) else {
                    continue;
                };
                let rest = numbers_after(&tokens, i + 1, 2);
                if let [day, year] = rest[..] {
                    if let Some(s) = stamp(full_year(year), month, day) {
                        return Some(s.iso());
                    }
                }
            }
            // 14 March 2019 / 14. März 2019 / 14 de marzo de 2019
            Token::Number(day) if day <= 31 => {
                let mut j = i + 1;
                while matches!(tokens.get(j), Some(Token::Sep(_)))
                    || matches!(tokens.get(j), Some(Token::Word(w)) if w == "de" || w == "of")
                {
                    j += 1;
                }
                if let Some(Token::Word(word)) = tokens.get(j) {
                    if let Some(month) = month_number(word) {
                        if let [year] = numbers_after(&tokens, j + 1, 1)[..] {
                            if let Some(s) = stamp(full_year(year), month, day) {
                                return Some(s.iso());
                            }
                        }
                    }
                }
                // 14.03.2019 (day first) or 03/14/2019 (month first, US)
                if let (
                    Some(Token::Sep(sep @ ('.' | '/' | '-'))),
                    Some(Token::Number(b)),
                    Some(Token::Sep(_)),
                    Some(Token::Number(year)),
                ) = (
                    tokens.get(i + 1),
                    tokens.get(i + 2),
                    tokens.get(i + 3),
                    tokens.get(i + 4),
                ) {
                    if *year >= 1990 && *year <= 2100 {
                        let (month, day) = if *sep == '/' && day <= 12 {
                            (day, *b)
                        } else {
                            (*b, day)
                        };
                        if let Some(s) = stamp(*year as i32, month, day) {
                            return Some(s.iso());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// A date in a URL path: `/2019/03/14/slug` or `/2019-03-14-slug` (year, month and day all given).
pub fn from_url_path(path: &str) -> Option<String> {
    let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
    for window in parts.windows(3) {
        let (Ok(y), Ok(m)) = (window[0].parse::<i32>(), window[1].parse::<u32>()) else {
            continue;
        };
        let day_digits: String = window[2].chars().take_while(char::is_ascii_digit).collect();
        if window[0].len() != 4
            || window[1].len() > 2
            || day_digits.is_empty()
            || day_digits.len() > 2
        {
            continue;
        }
        if window[2].len() > 2 && !window[2][day_digits.len()..].starts_with(['-', '_', '.']) {
            continue;
        }
        if let Some(s) = day_digits.parse().ok().and_then(|d| stamp(y, m, d)) {
            if (1990..=2100).contains(&y) {
                return Some(s.iso());
            }
        }
    }
    for part in parts {
        if part.len() >= 10 && part.as_bytes()[4] == b'-' && part.as_bytes()[7] == b'-' {
            if let Some(s) = parse_iso_like(&part[..10]) {
                return Some(s.iso());
            }
        }
    }
    None
}

/// Month and weekday names (any supported language, abbreviations too).
pub fn is_calendar_word(word: &str) -> bool {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    month_number(word).is_some() || WEEKDAYS.contains(&word)
}

fn stamp(year: i32, month: u32, day: u32) -> Option<Stamp> {
    let valid = (1900..=2200).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month);
    valid.then_some(Stamp {
        year,
        month,
        day,
        time: None,
        offset: None,
    })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn full_year(year: u32) -> i32 {
    match year {
        0..=69 => 2000 + year as i32,
        70..=99 => 1900 + year as i32,
        _ => year as i32,
    }
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.');
    if word.chars().count() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .find(|(name, _)| *name == word || (word.chars().count() <= 4 && name.starts_with(word)))
        .map(|&(_, n)| n)
}

/// The next `count` numbers after `from`, skipping separators, ordinal suffixes and short words
/// like "de" or "at"; stops at anything else.
fn numbers_after(tokens: &[Token], from: usize, count: usize) -> Vec<u32> {
    let mut found = Vec::new();
    let mut j = from;
    while found.len() < count {
        match tokens.get(j) {
            Some(Token::Number(n)) => found.push(*n),
            Some(Token::Sep(_)) => {}
            Some(Token::Word(w))
                if matches!(w.as_str(), "st" | "nd" | "rd" | "th" | "de" | "of") => {}
            _ => break,
        }
        j += 1;
    }
    found
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    Number(u32),
    Word(String),
    Sep(char),
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut n: u32 = 0;
            let mut len = 0;
            while let Some(&d) = chars.peek() {
                let Some(v) = d.to_digit(10).filter(|_| d.is_ascii_digit()) else {
                    break;
                };
                n = n.saturating_mul(10).saturating_add(v);
                len += 1;
                chars.next();
            }
            tokens.push(Token::Number(if len > 8 { u32::MAX } else { n }));
        } else if c.is_alphabetic() && !is_cjk_date_mark(c) {
            let mut word = String::new();
            while let Some(&w) = chars.peek() {
                if !w.is_alphabetic() || is_cjk_date_mark(w) {
                    break;
                }
                word.push(w);
                chars.next();
            }
            tokens.push(Token::Word(word));
        } else if c.is_whitespace() || c == ',' {
            chars.next();
        } else {
            tokens.push(Token::Sep(c));
            chars.next();
        }
        if tokens.len() > 400 {
            break;
        }
    }
    tokens
}

fn is_cjk_date_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '년' | '월' | '일')
}

/// `2019-03-14`, `2019-03-14T10:00:00.000+0100`, `2016-12-16 12:21:02`, `2016-11-28 16:23:00 -0500`,
/// `20190314`, `2017-03-13|19h18`.
fn parse_iso_like(raw: &str) -> Option<Stamp> {
    let b = raw.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        let part = raw.get(from..from + len)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (mut s, mut at) = if b.len() >= 10 && matches!(b[4], b'-' | b'/' | b'.') && b[7] == b[4] {
        (
            stamp(digits(0, 4)? as i32, digits(5, 2)?, digits(8, 2)?)?,
            10,
        )
    } else if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && !b.get(8).is_some_and(u8::is_ascii_digit)
    {
        (
            stamp(digits(0, 4)? as i32, digits(4, 2)?, digits(6, 2)?)?,
            8,
        )
    } else {
        return None;
    };
    // Time of day: T or space, then HH:MM[:SS][.fff]
    if at < b.len() && matches!(b[at], b'T' | b't' | b' ') {
        if let (Some(h), Some(m)) = (digits(at + 1, 2), digits(at + 4, 2)) {
            if b.get(at + 3) == Some(&b':') && h < 24 && m < 60 {
                at += 6;
                let mut sec = 0;
                if b.get(at) == Some(&b':') {
                    if let Some(v) = digits(at + 1, 2).filter(|v| *v < 61) {
                        sec = v.min(59);
                        at += 3;
                    }
                }
                if b.get(at) == Some(&b'.') {
                    at += 1;
                    while b.get(at).is_some_and(u8::is_ascii_digit) {
                        at += 1;
                    }
                }
                s.time = Some((h, m, sec));
                while b.get(at) == Some(&b' ') {
                    at += 1;
                }
                s.offset = parse_offset(&raw[at.min(raw.len())..]);
            }
        }
    }
    Some(s)
}

/// `Z`, `+01:00`, `+0100`, `-05`, `-0500`; anything malformed gives `None` (a local time).
fn parse_offset(rest: &str) -> Option<i32> {
    let b = rest.as_bytes();
    match b.first()? {
        b'Z' | b'z' => Some(0),
        sign @ (b'+' | b'-') => {
            let digits: String = rest[1..].chars().filter(|c| *c != ':').take(4).collect();
            if !digits.chars().all(|c| c.is_ascii_digit())
                || !(digits.len() == 2 || digits.len() == 4)
            {
                return None;
            }
            let h: i32 = digits[..2].parse().ok()?;
            let m: i32 = if digits.len() == 4 {
                digits[2..].parse().ok()?
            } else {
                0
            };
            if h > 14 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            Some(if *sign == b'-' { -minutes } else { minutes })
        }
        _ => None,
    }
}

/// Unix time in seconds (10 digits) or milliseconds (13 digits), as some CMSs emit.
fn parse_epoch(raw: &str) -> Option<Stamp> {
    if !(raw.len() == 10 || raw.len() == 13) || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut secs: i64 = raw.parse().ok()?;
    if raw.len() == 13 {
        secs /= 1000;
    }
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let (year, month, day) = civil_from_days(days);
    let mut s = stamp(year, month, day)?;
    s.time = Some((rem / 3600, rem % 3600 / 60, rem % 60));
    s.offset = Some(0);
    Some(s)
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_dates_keep_their_offset() {
        assert_eq!(
            parse_machine("2019-04-09T08:00:15-06:00").as_deref(),
            Some("2019-04-09T08:00:15-06:00")
        );
        assert_eq!(
            parse_machine("2016-10-03T16:35:39.000Z").as_deref(),
            Some("2016-10-03T16:35:39Z")
        );
        assert_eq!(
            parse_machine("2019-04-19T09:39:34+0900").as_deref(),
            Some("2019-04-19T09:39:34+09:00")
        );
        assert_eq!(
            parse_machine("2016-11-28 16:23:00 -0500").as_deref(),
            Some("2016-11-28T16:23:00-05:00")
        );
        assert_eq!(
            parse_machine("2016-12-16 12:21:02").as_deref(),
            Some("2016-12-16T12:21:02")
        );
        assert_eq!(parse_machine("2019-04-09").as_deref(), Some("2019-04-09"));
    }

    #[test]
    fn odd_machine_dates_keep_at_least_the_day() {
        assert_eq!(
            parse_machine("2017-03-13|19h18").as_deref(),
            Some("2017-03-13")
        );
        assert_eq!(
            parse_machine("2018-10-29T10:15-500").as_deref(),
            Some("2018-10-29T10:15:00")
        );
        assert_eq!(parse_machine("20190314").as_deref(), Some("2019-03-14"));
        assert_eq!(parse_machine("2023 Jan 7").as_deref(), Some("2023-01-07"));
        assert_eq!(
            parse_machine("1552521600").as_deref(),
            Some("2019-03-14T00:00:00Z")
        );
        assert_eq!(parse_machine("2019-02-30"), None);
        assert_eq!(parse_machine("soon"), None);
    }

    #[test]
    fn prose_dates_in_many_shapes() {
        assert_eq!(
            parse_text("Posted on March 14, 2019 by Ann").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(parse_text("Mar 14th 2019").as_deref(), Some("2019-03-14"));
        assert_eq!(parse_text("14 Mar 2019").as_deref(), Some("2019-03-14"));
        assert_eq!(parse_text("Le 14 mars 2019").as_deref(), Some("2019-03-14"));
        assert_eq!(parse_text("14. März 2019").as_deref(), Some("2019-03-14"));
        assert_eq!(
            parse_text("14 de marzo de 2019").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(
            parse_text("2019年3月14日 10:00").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(
            parse_text("Updated 2019/03/14").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(parse_text("14.03.2019").as_deref(), Some("2019-03-14"));
        assert_eq!(
            parse_text("10/17/2022 04:01 PM EDT").as_deref(),
            Some("2022-10-17")
        );
        assert_eq!(parse_text("No date here, 42 comments"), None);
        assert_eq!(parse_text("May the force be with you"), None);
    }

    #[test]
    fn url_paths_with_a_full_date() {
        assert_eq!(
            from_url_path("/2019/03/14/my-post/").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(
            from_url_path("/blog/2019-03-14-my-post.html").as_deref(),
            Some("2019-03-14")
        );
        assert_eq!(from_url_path("/2019/03/my-post/"), None);
        assert_eq!(from_url_path("/news/10371941/slug"), None);
    }
}
