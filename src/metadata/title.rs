//! The post's title: the declared title without the site name, or the headline the page shows.

use dom_query::NodeRef;
use url::Url;

use super::date;
use super::elements::{matching, MetaTags, PageElements};
use super::fold::{collapse, fold, fold_alnum, fold_ascii, same_text};
use super::jsonld::JsonLd;
use crate::urls;

/// Keys of meta tags holding the title, strongest first.
const TITLE_KEYS: &[&str] = &[
    "dc:title",
    "dcterms:title",
    "dc.title",
    "og:title",
    "twitter:title",
    "parsely-title",
    "sailthru.title",
    "headline",
];

/// Separators between a title and the site name in `<title>` and `og:title`.
pub(super) const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " · ", " :: ", " » ", ": ", " / ", " ~ ", "_", "｜", " ｜ ", "：",
    " -- ",
];

pub(super) fn read_title(
    elements: &PageElements,
    meta: &MetaTags,
    ld: &JsonLd,
    site_name: Option<&str>,
    page_url: Option<&Url>,
) -> Option<String> {
    let first_title = |selector: &str| {
        matching(&elements.titles, selector)
            .first()
            .map(|t| collapse(&t.text()))
            .filter(|t| !t.is_empty())
    };
    let title_tag = first_title("head title").or_else(|| first_title("title"));
    let declared = ld
        .article_headline(title_tag.as_deref())
        .or_else(|| meta.first(TITLE_KEYS))
        .filter(|t| !t.is_empty());
    // The article's own JSON-LD naming its headline, to recognise it among the <h1>s; social-card
    // titles (`og:title`, `twitter:title`) are copy, and microdata `headline`s often belong to
    // teasers of other posts: neither confirms a headline.
    let other_titles: Vec<String> = ld.article_headline(None).into_iter().collect();
    // An <h1> that links to the home page is the site's logo: its text is the site's name.
    let (site_headings, headings): (Vec<_>, Vec<_>) = elements
        .headings
        .iter()
        .take(8)
        .map(|h| (links_home(h, page_url), heading_text(h)))
        .filter(|(_, h)| h.chars().count() >= 2)
        .partition(|(home, _)| *home);
    let site_headings: Vec<String> = site_headings.into_iter().map(|(_, h)| h).collect();
    let headings: Vec<String> = headings.into_iter().map(|(_, h)| h).collect();
    let host = page_url.and_then(|u| u.host_str()).map(site_label);
    // A site logo in an <h1> is not a headline.
    let full_host = page_url
        .and_then(|u| u.host_str())
        .map(|h| fold_ascii(h.strip_prefix("www.").unwrap_or(h)));
    let is_site = |h: &String| {
        let folded = fold_ascii(h);
        site_name.is_some_and(|s| {
            let site = fold_ascii(s);
            site == folded || h.split_whitespace().count() <= 3 && site.starts_with(&folded)
        }) || host.as_deref().is_some_and(|s| fold_ascii(s) == folded)
            || full_host.as_deref() == Some(folded.as_str())
    };
    let headings: Vec<String> = headings.into_iter().filter(|h| !is_site(h)).collect();
    let chosen = choose_title(
        declared.as_deref(),
        title_tag.as_deref(),
        &other_titles,
        &headings,
        site_name,
        host.as_deref(),
    )?;
    // Whichever that is, the headline the page shows is the cleaner form of a title that only
    // decorates it, or the fuller form of one cut short for search results.
    let visible = if headings.iter().any(|h| same_text(h, &chosen)) {
        // A heading flattened to one case by CSS: the declared title has the author's casing.
        let shown = std::slice::from_ref(&chosen);
        declared
            .as_deref()
            .filter(|_| is_single_case(&chosen))
            .and_then(|declared| visible_headline(declared, shown))
    } else {
        visible_headline(&chosen, &headings).or_else(|| extended_headline(&chosen, &headings))
    };
    let title = visible.unwrap_or(chosen);
    let sections = sections_of(meta, page_url);
    Some(strip_decoration(
        &title,
        &site_headings,
        &sections,
        page_url,
    ))
}

/// A heading's text without the permalink mark some themes append ("Title¶", "Title #").
fn heading_text(heading: &NodeRef) -> String {
    collapse(&heading.text())
        .trim_end_matches(['¶', '#', '§', '🔗'])
        .trim_end()
        .to_string()
}

/// Whether `heading` holds a link to the site's home page (the logo pattern `<h1><a href="/">`).
fn links_home(heading: &NodeRef, page_url: Option<&Url>) -> bool {
    heading
        .descendants_it()
        .filter(|n| n.has_name("a"))
        .any(|a| {
            a.attr("href")
                .and_then(|href| urls::resolve(page_url, href.trim()))
                .is_some_and(|url| {
                    let same_site = page_url.is_none_or(|page| page.host_str() == url.host_str());
                    same_site && url.path() == "/" && url.query().is_none()
                })
        })
}

/// The choice between the declared title (without the site name), `<title>` and the `<h1>`s.
fn choose_title(
    declared: Option<&str>,
    title_tag: Option<&str>,
    other_titles: &[String],
    headings: &[String],
    site_name: Option<&str>,
    host: Option<&str>,
) -> Option<String> {
    // The declared title wins; a visible <h1> that it merely decorates (with the site name the
    // page does not declare) is the cleaner form of it.
    if let Some(declared) = declared {
        let stripped = strip_site_name(declared, site_name, host);
        // When <title> (or another declared title) names the visible headline and the declared
        // title differs (social-media copy), the headline the page shows is the post's title.
        let namers = title_tag
            .into_iter()
            .chain(other_titles.iter().map(String::as_str));
        for namer in namers {
            let tag_stripped = strip_site_name(namer, site_name, host);
            if let Some(h1) = headings.iter().find(|h| {
                !same_text(h, &stripped)
                    && (same_text(h, &tag_stripped)
                        || h.chars().count() >= 10 && is_title_with_suffix(namer, h))
            }) {
                if !same_text(namer, declared) && !same_text(&tag_stripped, &stripped) {
                    return Some(h1.clone());
                }
            }
        }
        if stripped == declared {
            if let Some(h1) = headings
                .iter()
                .find(|h| h.chars().count() >= 10 && is_title_with_suffix(declared, h))
            {
                return Some(h1.clone());
            }
        }
        return Some(stripped);
    }
    if let Some(title_tag) = title_tag {
        let stripped = strip_site_name(title_tag, site_name, host);
        if let Some(h1) = headings.iter().find(|h| {
            same_text(h, &stripped) || h.chars().count() >= 10 && is_title_with_suffix(title_tag, h)
        }) {
            return Some(if same_text(h1, &stripped) {
                stripped
            } else {
                h1.clone()
            });
        }
        if stripped != title_tag {
            return Some(stripped);
        }
        return Some(strip_unknown_suffix(title_tag));
    }
    headings.first().cloned()
}

/// Symbols that stand between a title and its decoration: "Post | Site", "Post • Section".
const SEPARATOR_MARKS: &[char] = &[
    '|', '｜', '-', '–', '—', '·', '•', '⋆', '★', '☆', '✦', '❘', '»', '«', '›', '‹', '~', '/', ':',
    '>',
];

/// Of those, the ones no headline uses in its own words: what follows them is never the title.
const DECORATION_MARKS: &[char] = &['|', '｜', '·', '•', '⋆', '★', '☆', '✦', '❘'];

/// A whitespace-delimited word made only of separator marks (" | ", " — ", " ⋆ ").
fn is_separator_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| SEPARATOR_MARKS.contains(&c))
}

/// The title cut at separator words and, with `clauses`, after a comma or semicolon and around
/// parentheses ("Best Hammocks of 2026, Tested & Reviewed", "Fixing a Roof (Step by Step)"): the
/// pieces a decorated title adds around its headline. Separator words themselves are dropped.
/// Colons and question marks end a headline's own clauses ("API Documentation: How to Write"),
/// so they do not cut.
fn title_parts(title: &str, clauses: bool) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for word in title.split_whitespace() {
        if is_separator_word(word) {
            if !current.is_empty() {
                parts.push(current.join(" "));
                current.clear();
            }
            continue;
        }
        // A tagline in parentheses is a part of its own ("Best Hammocks (Tested by Editors)").
        if clauses && word.starts_with('(') && !current.is_empty() {
            parts.push(current.join(" "));
            current.clear();
        }
        current.push(word);
        if clauses && word.ends_with([',', ';', ')']) {
            parts.push(current.join(" "));
            current.clear();
        }
    }
    if !current.is_empty() {
        parts.push(current.join(" "));
    }
    parts
}

fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Text whose letters are all of one case ("history of coffee", "BEGINNER PLAN"), as CSS
/// `text-transform` leaves a heading: the declared title's casing is then the author's.
fn is_single_case(text: &str) -> bool {
    let letters = || text.chars().filter(|c| c.is_alphabetic());
    letters().any(|_| true)
        && (letters().all(|c| !c.is_uppercase()) || letters().all(|c| !c.is_lowercase()))
}

/// The visible headline that the chosen title `source` only decorates: the same words
/// punctuated otherwise ("*Title* (1792)" for "Title (1792)"), or the headline with separators,
/// a site or section name, or a trailing clause around it ("Healthy Eating Plate • The Nutrition
/// Source", "Climate Change | Economic Research Service", "New Restaurants, December 2025").
fn visible_headline(source: &str, headings: &[String]) -> Option<String> {
    let source = collapse(source);
    let parts = title_parts(&source, true);
    let folded: Vec<String> = parts.iter().map(|p| fold_alnum(p)).collect();
    headings.iter().find_map(|heading| {
        let wanted = fold_alnum(heading);
        if word_count(heading) < 2 || wanted.is_empty() || same_text(heading, &source) {
            return None;
        }
        // The heading's words, in the source's case when CSS-style casing flattened them.
        let cased = |own: String| {
            if is_single_case(heading) {
                own
            } else {
                heading.clone()
            }
        };
        if wanted == fold_alnum(&source) {
            // The heading punctuates the same words its own way ("Title:" for "Title -", no
            // "*emphasis*"); quotes, dashes and ellipses merely typed differently, or another
            // case, are the same title.
            let same = typed_alike(heading).to_lowercase() == typed_alike(&source).to_lowercase();
            return (!same).then(|| cased(source.clone()));
        }
        let n = parts.len();
        for start in 0..n {
            let mut joined = String::new();
            for end in start..n {
                joined.push_str(&folded[end]);
                if joined.len() > wanted.len() {
                    break;
                }
                if joined != wanted || (start == 0 && end == n - 1) {
                    continue;
                }
                // A headline after the decoration must outweigh it ("Site: Headline"); a name
                // at the end of the source ("Post • Ana Smith") is not the headline.
                let before = word_count(&parts[..start].join(" "));
                if start == 0 || (end == n - 1 && word_count(heading) > before) {
                    return Some(cased(parts[start..=end].join(" ")));
                }
            }
        }
        None
    })
}

/// The text with typographic variants of a mark made one: curly and straight quotes, dashes,
/// "..." and "…", no-break spaces.
fn typed_alike(text: &str) -> String {
    collapse(
        &text
            .replace(['\u{2018}', '\u{2019}', '\u{201a}', '\u{2032}'], "'")
            .replace(['\u{201c}', '\u{201d}', '\u{201e}'], "\"")
            .replace(['\u{2013}', '\u{2014}'], "-")
            .replace("--", "-")
            .replace('\u{2026}', "...")
            .replace('\u{a0}', " "),
    )
}

/// The visible headline that the chosen title shortens: SEO titles are cut to fit search results
/// ("House Renovation Costs in the Bay Area" for "…: Room-by-Room Breakdown"), sometimes
/// mid-word ("…laptop, and k"). The headline must hold the title's words in order and at most
/// double them, so an `<h1>` that wraps the whole byline and intro is not taken.
fn extended_headline(title: &str, headings: &[String]) -> Option<String> {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let short = words(title);
    if short.len() < 3 {
        return None;
    }
    headings.iter().find_map(|heading| {
        let long = words(heading);
        if long.len() < short.len() || long == short || long.len() > 2 * short.len() + 2 {
            return None;
        }
        let (last, head) = short.split_last()?;
        let at = (0..=long.len() - short.len()).find(|&at| {
            long[at..at + head.len()] == *head && long[at + head.len()].starts_with(last.as_str())
        })?;
        // What the heading adds must be words of the title, not a dateline ("Dec 18 2025 …")
        // or a kicker ("Buying Guide: …").
        let added = [&long[..at], &long[at + short.len()..]].map(|w| w.join(" "));
        let kicker = at > 0
            && heading
                .split_once(':')
                .is_some_and(|(lead, _)| words(lead).len() == at);
        let dated = added.iter().any(|w| date::parse_text(w).is_some());
        (!kicker && !dated).then(|| heading.clone())
    })
}

/// What the page says its section is: `article:section`, and the folders of its URL path
/// (`/story/opinion/…` → "opinion"); the last path segment is the post's own slug.
fn sections_of(meta: &MetaTags, page_url: Option<&Url>) -> Vec<String> {
    let mut sections: Vec<String> = meta.all("article:section").map(fold_alnum).collect();
    if let Some(url) = page_url {
        let folders: Vec<&str> = url.path().split('/').filter(|s| !s.is_empty()).collect();
        if let Some((_, folders)) = folders.split_last() {
            sections.extend(folders.iter().map(|f| fold_alnum(f)));
        }
    }
    sections.retain(|s| !s.is_empty());
    sections
}

/// Removes what a title carries besides the post's own words: a lone mark at either end
/// ("… ⋆"), a part that names the section (from the URL or `article:section`), the site's host
/// or another heading of the page (the site's logo), and whatever follows a mark no headline
/// uses ("Best Movers in NYC 2025 | Top 19 Companies").
fn strip_decoration(
    original: &str,
    headings: &[String],
    sections: &[String],
    page_url: Option<&Url>,
) -> String {
    let host = page_url
        .and_then(|u| u.host_str())
        .map(|h| h.strip_prefix("www.").unwrap_or(h).to_lowercase());
    let host_words: Vec<String> = host
        .iter()
        .flat_map(|h| h.split(['.', '-']))
        .filter(|w| w.len() >= 2)
        .map(str::to_string)
        .collect();
    let names_site = |part: &str| {
        let words: Vec<String> = part
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        !words.is_empty() && words.iter().all(|w| host_words.contains(w))
    };
    let names_section = |part: &str| sections.contains(&fold_alnum(part));
    let names_logo = |part: &str| headings.iter().any(|h| fold_alnum(h) == fold_alnum(part));
    let mut words: Vec<&str> = original.split_whitespace().collect();
    // The host written into the title as a word ("davidbau.com Vibe Coding").
    let is_host = |w: &str| host.as_deref() == Some(w.to_lowercase().as_str());
    if words.len() > 2 && words.first().is_some_and(|w| is_host(w)) {
        words.remove(0);
    }
    if words.len() > 2 && words.last().is_some_and(|w| is_host(w)) {
        words.pop();
    }
    while words.first().is_some_and(|w| is_separator_word(w)) {
        words.remove(0);
    }
    while words.last().is_some_and(|w| is_separator_word(w)) {
        words.pop();
    }
    let mut title = words.join(" ");
    loop {
        let parts = title_parts(&title, false);
        let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
            break;
        };
        if parts.len() < 2 {
            break;
        }
        // What is left must be the longer, real title.
        let kept_without = |part: &str| word_count(&title) - word_count(part);
        let droppable =
            |part: &str| kept_without(part) >= 2 && kept_without(part) > word_count(part);
        // "Post | Opinion", "Post | Rust Blog", "Post • Ana Smith" (the logo's name).
        if droppable(last) && (names_section(last) || names_site(last) || names_logo(last)) {
            let cut = title.rfind(last.as_str()).unwrap_or(title.len());
            title = title[..cut].trim_end().to_string();
        // "rust-lang.org: Post", "Opinion | Post"; a leading section with a dash or colon
        // ("Firefox — Customize…") is a headline's own.
        } else if droppable(first)
            && (names_site(first)
                || names_section(first) && {
                    let after = title.strip_prefix(first.as_str()).unwrap_or("");
                    let mark = after.split_whitespace().next().unwrap_or("");
                    mark.chars().all(|c| DECORATION_MARKS.contains(&c))
                })
        {
            title = title
                .strip_prefix(first.as_str())
                .unwrap_or(&title)
                .trim_start()
                .to_string();
        } else {
            break;
        }
        while let Some(rest) = title
            .split_once(' ')
            .filter(|(w, _)| is_separator_word(w))
            .map(|(_, rest)| rest.to_string())
        {
            title = rest;
        }
        while let Some(rest) = title
            .rsplit_once(' ')
            .filter(|(_, w)| is_separator_word(w))
            .map(|(rest, _)| rest.to_string())
        {
            title = rest;
        }
    }
    let stripped = match title.split_once(|c: char| DECORATION_MARKS.contains(&c)) {
        Some((head, _)) if word_count(head) >= 3 && head.ends_with(' ') => head.trim().to_string(),
        _ => title,
    };
    // A title of marks alone ("| | |") is left as the page wrote it rather than emptied.
    if word_count(&stripped) == 0 {
        return collapse(original);
    }
    stripped
}

/// "A long enough post title - Whatever" → "A long enough post title": without a known site
/// name, the last separated segment goes when at least five words remain (Readability's rule).
fn strip_unknown_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " – ", " — ", " » ", " / "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            if head.split_whitespace().count() >= 5 {
                return head.trim().to_string();
            }
            return title.to_string();
        }
    }
    title.to_string()
}

/// The meaningful label of a host: `www.theverge.com` → `theverge`.
fn site_label(host: &str) -> String {
    let host = host.strip_prefix("www.").unwrap_or(host);
    let parts: Vec<&str> = host.split('.').collect();
    match parts.len() {
        0 | 1 => host.to_string(),
        n if n >= 3 && parts[n - 2].len() <= 3 => parts[n - 3].to_string(),
        n => parts[n - 2].to_string(),
    }
}

/// `title` is `heading` followed (or preceded) by a separator and something else (the site).
fn is_title_with_suffix(title: &str, heading: &str) -> bool {
    let (t, h) = (fold(title), fold(heading));
    if h.is_empty() || t == h {
        return false;
    }
    let rest = if let Some(rest) = t.strip_prefix(&h) {
        rest
    } else if let Some(rest) = t.strip_suffix(&h) {
        rest
    } else {
        return false;
    };
    let rest = rest.trim();
    TITLE_SEPARATORS
        .iter()
        .any(|sep| rest.starts_with(sep.trim()) || rest.ends_with(sep.trim()))
        && rest.chars().count() <= h.chars().count()
}

/// Removes the site name from either end of a title ("Post title | Site" → "Post title").
fn strip_site_name(title: &str, site_name: Option<&str>, host: Option<&str>) -> String {
    let title = collapse(title);
    let matches_site = |segment: &str| {
        let segment = fold_alnum(segment);
        if segment.is_empty() {
            return false;
        }
        let by_name = site_name.map(fold_alnum).is_some_and(|site| {
            !site.is_empty()
                && (segment == site || segment.contains(&site) || site.contains(&segment))
        });
        let by_host = host
            .map(fold_alnum)
            .is_some_and(|h| h.len() >= 3 && (segment == h || segment.contains(&h)));
        by_name || by_host
    };
    for sep in TITLE_SEPARATORS {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            if !head.trim().is_empty() && matches_site(tail) && !matches_site(head) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            if !tail.trim().is_empty() && matches_site(head) && !matches_site(tail) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

#[cfg(test)]
mod tests {
    use crate::metadata::tests::{meta, meta_of};

    #[test]
    fn title_drops_the_site_name_named_by_og_site_name() {
        let m = meta(
            "<head><meta property='og:title' content='Why I moved to Hugo | Ana Codes'>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
        // The site name first ("Site: Post") goes too.
        let m = meta(
            "<head><title>Ana Codes — Why I moved to Hugo</title>\
             <meta property='og:site_name' content='Ana Codes'></head>",
        );
        assert_eq!(m.title.as_deref(), Some("Why I moved to Hugo"));
    }

    #[test]
    fn title_uses_the_h1_that_the_title_tag_decorates() {
        // Blogger: <title> is "Blog: Post", no og:site_name; the post's h3/h1 is the title.
        let m = meta(
            "<head><title>Kitchen Notes: Sourdough without a scale</title></head>\
             <body><h1 class='post-title'>Sourdough without a scale</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Sourdough without a scale"));
    }

    #[test]
    fn title_prefers_the_headline_when_og_is_social_copy() {
        let m = meta(
            "<head><title>Rudy Giuliani is out of the running | Daily</title>\
             <meta property='og:title' content='You will not believe who is out'></head>\
             <body><h1>Rudy Giuliani is out of the running</h1></body>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Rudy Giuliani is out of the running")
        );
    }

    #[test]
    fn title_ignores_svg_titles_and_logo_h1() {
        let m = meta_of(
            "<html><head><title>A long post title about gardens - Green</title></head><body>\
             <h1>Green</h1><svg><title>Menu icon</title></svg></body></html>",
            "https://green.example/post",
        );
        assert_eq!(m.title.as_deref(), Some("A long post title about gardens"));
    }

    #[test]
    fn title_is_the_visible_headline_the_declared_title_decorates() {
        // A site name the page does not declare, after a mark.
        let m = meta(
            "<head><meta property='og:title' content='Roasting at home • The Bean Journal'></head>\
             <body><h1>Roasting at home</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Roasting at home"));
        // A trailing clause after a comma.
        let m = meta(
            "<head><meta property='og:title' content='New cafés to try this month, March 2026'>\
             </head><body><h1>New cafés to try this month</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("New cafés to try this month"));
        // Another name before the headline, when the headline outweighs it.
        let m = meta(
            "<head><title>Notes - Why my sourdough finally rose</title></head>\
             <body><h1>Why my sourdough finally rose</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Why my sourdough finally rose"));
        // A name after the title is not the headline, even when a heading shows it.
        let m = meta(
            "<head><meta property='og:title' content='Three bread recipes I keep • Ana Smith'>\
             </head><body><h1>Ana Smith</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Three bread recipes I keep"));
    }

    #[test]
    fn title_takes_the_headlines_punctuation_not_its_typing() {
        let m = meta(
            "<head><meta property='og:title' content='*On Coffee* (1792)'></head>\
             <body><h1>On Coffee (1792)</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("On Coffee (1792)"));
        // Curly against straight quotes, or another case, is the same title: the declared wins.
        let m = meta(
            "<head><meta property='og:title' content=\"Don't skip the rest day\"></head>\
             <body><h1>Don’t skip the rest day</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Don't skip the rest day"));
        // A heading flattened to one case keeps the declared casing.
        let m = meta(
            "<head><meta property='og:title' content='History of Coffee | Origins, Facts'></head>\
             <body><h1>history of coffee</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("History of Coffee"));
    }

    #[test]
    fn title_is_the_fuller_headline_an_seo_title_cuts_short() {
        let m = meta(
            "<head><meta property='og:title' content='Renovation costs in the Bay Area'></head>\
             <body><h1>Renovation costs in the Bay Area: room by room</h1></body>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Renovation costs in the Bay Area: room by room")
        );
        // Cut mid-word.
        let m = meta(
            "<head><title>Set up your desk: monitor, laptop, and k</title></head>\
             <body><h1>Set up your desk: monitor, laptop, and keyboard</h1></body>",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Set up your desk: monitor, laptop, and keyboard")
        );
        // A heading that adds a dateline or a kicker is not the fuller title.
        for h1 in [
            "Dec 18 2025 Preparing a move to Debian",
            "Buying Guide: Preparing a move to Debian",
        ] {
            let m = meta(&format!(
                "<head><meta property='og:title' content='Preparing a move to Debian'></head>\
                 <body><h1>{h1}</h1></body>"
            ));
            assert_eq!(
                m.title.as_deref(),
                Some("Preparing a move to Debian"),
                "{h1}"
            );
        }
    }

    #[test]
    fn title_uses_the_h1_the_json_ld_headline_names() {
        let m = meta(
            "<head><meta property='og:title' content='Cut the cord: the streaming guide'>\
             <script type='application/ld+json'>{\"@type\":\"BlogPosting\",\
             \"headline\":\"Five live TV services, tested\"}</script></head>\
             <body><h1>Five live TV services, tested</h1></body>",
        );
        // JSON-LD names it, so the og:title-style copy of <title> loses.
        assert_eq!(m.title.as_deref(), Some("Five live TV services, tested"));
    }

    #[test]
    fn title_drops_section_host_and_logo_names() {
        // A section the URL names.
        let m = meta_of(
            "<head><meta property='og:title' content='Why I walk to work | Opinion'></head>",
            "https://paper.example/story/opinion/2025/12/19/walk/",
        );
        assert_eq!(m.title.as_deref(), Some("Why I walk to work"));
        // A part made of the host's words.
        let m = meta_of(
            "<head><title>What do people love about Rust? - Rust Blog</title></head>",
            "https://blog.rust-lang.org/2025/12/19/love/",
        );
        assert_eq!(m.title.as_deref(), Some("What do people love about Rust?"));
        // The host written into the title.
        let m = meta_of(
            "<head><title>anabau.net Vibe coding for a week</title></head>",
            "https://anabau.net/archives/vibe.html",
        );
        assert_eq!(m.title.as_deref(), Some("Vibe coding for a week"));
        // The name of the logo heading, which links home.
        let m = meta_of(
            "<head><title>A brief intro to git - Cory Dee</title></head>\
             <body><h1><a href='/'>Cory Dee</a></h1></body>",
            "https://cory.example/posts/git",
        );
        assert_eq!(m.title.as_deref(), Some("A brief intro to git"));
        // A leading section with a dash is the headline's own.
        let m = meta_of(
            "<head><title>Firefox - Customize it and make it yours</title></head>",
            "https://browser.example/firefox/customize/",
        );
        assert_eq!(
            m.title.as_deref(),
            Some("Firefox - Customize it and make it yours")
        );
    }

    #[test]
    fn title_ends_at_a_mark_no_headline_uses() {
        let m = meta(
            "<head><meta property='og:title' content='Best movers in Queens 2025 | Top 19 Companies'>\
             </head><body><h1>Best movers in Queens 2025 | Top 19 Companies</h1></body>",
        );
        assert_eq!(m.title.as_deref(), Some("Best movers in Queens 2025"));
        let m = meta("<head><title>Home gym must-haves for every budget ⋆</title></head>");
        assert_eq!(
            m.title.as_deref(),
            Some("Home gym must-haves for every budget")
        );
        // Too short a head is a site's name before the title: the title stays whole.
        let m = meta("<head><title>Rust | Ownership explained</title></head>");
        assert_eq!(m.title.as_deref(), Some("Rust | Ownership explained"));
        // Marks alone stay rather than leaving no title.
        let m = meta("<head><title>| — |</title></head>");
        assert_eq!(m.title.as_deref(), Some("| — |"));
    }
}
