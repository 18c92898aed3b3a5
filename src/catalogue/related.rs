//! The footer's related posts chosen from the blog's list, when it is known, instead of from the
//! links that happen to be on the page: shared tags first, then shared title words, then the
//! most recent; never the post itself (compared by canonical address), never a non-post.

use std::cmp::Reverse;
use std::collections::HashSet;

use url::Url;

use super::listing::instant;
use super::Post;
use crate::{backlinks, urls, Backlink, Options};

/// The post the footer is for.
#[derive(Debug, Clone, Copy, Default)]
pub struct DraftPost<'a> {
    /// The post's canonical address, when known.
    pub canonical_url: Option<&'a Url>,
    /// Where the page was read from (may differ from the canonical).
    pub page_url: Option<&'a Url>,
    /// The post's title, for shared title words.
    pub title: Option<&'a str>,
    /// The post's tags, for shared tags.
    pub tags: &'a [String],
}

/// Up to `options.related_links` posts of `known` for `draft`, best first, tagged with UTM
/// parameters when the options ask for them.
pub fn related_posts(draft: &DraftPost, known: &[Post], options: &Options) -> Vec<Backlink> {
    if options.related_links == 0 {
        return Vec::new();
    }
    let own: Vec<String> = [draft.canonical_url, draft.page_url]
        .into_iter()
        .flatten()
        .map(backlinks::key)
        .collect();
    let site = draft.canonical_url.or(draft.page_url);
    let tags: HashSet<String> = draft.tags.iter().map(|t| tag_key(t)).collect();
    let words = draft.title.map(title_words).unwrap_or_default();
    let mut seen: HashSet<String> = own.iter().cloned().collect();
    let mut ranked: Vec<(usize, usize, Option<i64>, usize, Url, String)> = Vec::new();
    for (order, post) in known.iter().enumerate() {
        let Some(url) = urls::parse_http(&post.url) else {
            continue;
        };
        if site.is_some_and(|site| !urls::same_site(&url, site))
            || !backlinks::is_post_address(&url)
            || !seen.insert(backlinks::key(&url))
        {
            continue;
        }
        let shared_tags = post
            .tags
            .iter()
            .map(|t| tag_key(t))
            .collect::<HashSet<_>>()
            .intersection(&tags)
            .count();
        let title = post
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| backlinks::title_from_slug(&url));
        let shared_words = title_words(&title).intersection(&words).count();
        let when = post.published.as_deref().and_then(instant);
        ranked.push((shared_tags, shared_words, when, order, url, title));
    }
    ranked.sort_by_key(|(tags, words, when, order, _, _)| {
        (Reverse(*tags), Reverse(*words), Reverse(*when), *order)
    });
    ranked
        .into_iter()
        .filter(|(.., title)| !title.is_empty())
        .take(options.related_links)
        .map(|(.., url, title)| Backlink {
            url: backlinks::with_utm(&url, options.utm_campaign.as_deref()).to_string(),
            title,
        })
        .collect()
}

/// Tags compared ignoring case and the `-`/`_`/space a slug puts between words.
fn tag_key(tag: &str) -> String {
    tag.to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words too common to make two titles related.
const COMMON_WORDS: &[&str] = &[
    "the", "and", "for", "with", "your", "you", "from", "that", "this", "what", "how", "why",
    "are", "was", "were", "not", "but", "all", "can", "its", "into", "about", "when", "our", "out",
    "has", "have", "had", "more", "new", "one", "two", "who", "will", "just", "than", "then",
    "them", "they", "their", "there", "here", "over", "use", "using", "via", "get", "make", "like",
    "part", "my", "some", "after", "before", "why", "which", "ways", "things",
];

/// The words of a title that can tell what it is about: three letters or more, not common.
fn title_words(title: &str) -> HashSet<String> {
    title
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !COMMON_WORDS.contains(w))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(url: &str, title: &str, published: &str, tags: &[&str]) -> Post {
        Post {
            url: url.to_string(),
            title: Some(title.to_string()).filter(|t| !t.is_empty()),
            published: Some(published.to_string()),
            tags: tags.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn shared_tags_then_title_words_then_recency_never_itself() {
        let known = [
            post(
                "https://bees.example/swarms/",
                "Catching a swarm",
                "2024-05-01",
                &["Bees"],
            ),
            post(
                "https://bees.example/honey/",
                "Extracting honey",
                "2023-08-01",
                &["Honey", "bees"],
            ),
            post(
                "https://bees.example/varroa-mites/",
                "Varroa mites in winter",
                "2022-01-01",
                &[],
            ),
            post(
                "https://bees.example/newest/",
                "A newer post",
                "2025-01-01",
                &[],
            ),
            post(
                "https://bees.example/older/",
                "An older post",
                "2020-01-01",
                &[],
            ),
            post(
                "https://www.bees.example/winter-hives?utm_source=x",
                "Winter hives",
                "2024-01-01",
                &["Bees"],
            ),
            post(
                "https://bees.example/tag/bees/",
                "Bees",
                "2024-01-01",
                &["Bees"],
            ),
            post(
                "https://elsewhere.example/bees-too/",
                "Bees too",
                "2024-01-01",
                &["Bees"],
            ),
        ];
        let canonical = Url::parse("https://bees.example/winter-hives/").unwrap();
        let tags = vec!["bees".to_string(), "Winter".to_string()];
        let draft = DraftPost {
            canonical_url: Some(&canonical),
            page_url: None,
            title: Some("Keeping hives through the winter"),
            tags: &tags,
        };
        let options = Options {
            related_links: 4,
            ..Options::default()
        };
        let chosen: Vec<String> = related_posts(&draft, &known, &options)
            .into_iter()
            .map(|b| b.url)
            .collect();
        assert_eq!(
            chosen,
            [
                // One shared tag each: the more recent first.
                "https://bees.example/swarms/",
                "https://bees.example/honey/",
                // A shared title word.
                "https://bees.example/varroa-mites/",
                // Then recency.
                "https://bees.example/newest/",
            ]
        );
    }

    #[test]
    fn untitled_posts_are_named_by_their_slug_and_utm_is_added() {
        let known = [post(
            "https://b.example/2021/03/first-light/",
            "",
            "2021-03-01",
            &[],
        )];
        let options = Options {
            utm_campaign: Some("backlog".into()),
            ..Options::default()
        };
        let links = related_posts(&DraftPost::default(), &known, &options);
        assert_eq!(links[0].title, "First light");
        assert!(
            links[0].url.ends_with("utm_campaign=backlog"),
            "{}",
            links[0].url
        );
        let none = Options {
            related_links: 0,
            ..Options::default()
        };
        assert!(related_posts(&DraftPost::default(), &known, &none).is_empty());
    }
}
