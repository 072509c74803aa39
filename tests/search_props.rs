//! Search properties: any substring of any text is found, on character and grapheme
//! boundaries, in the plain text and in Markdown bodies.

use kanbao::model::{Article, BodySource};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use kanbao::load::{Library, parse_issue};
use kanbao::search::{Query, Searcher, find_all, search_article, widen_to_graphemes};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

/// Text from the scripts and forms that folding and clustering care about. No line breaks:
/// a query never has one (it becomes a space).
fn text() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "快", "递", "上海", "，", "。", "a", "B", "Σ", "ß", "İ", " ", "ＡＢ", "１", "ｶ", "ﾞ", "ﾟ",
        "ガ", "\u{301}", "e", "👍", "🏽", "\u{200d}", "👩", "🇯", "🇵", "ﬃ", "㈱", "한", "\u{1100}",
        "\u{1161}",
    ]);
    prop::collection::vec(atoms, 1..40).prop_map(|parts| parts.concat())
}

/// Markdown-ish text: the same, with markup characters.
fn markdown() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "快递", "先进", "ab", "Ｃ", "ｶﾞ", "*", "**", "_", "`", "\\", "&amp;", "&", ";", "\n",
        "\n\n", "- ", "> ", "# ", " ", "[", "](x)", "<b>", "e\u{301}",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|parts| parts.concat())
}

fn on_grapheme_boundaries(text: &str, start: usize, end: usize) -> bool {
    widen_to_graphemes(text, start..end) == (start..end)
}

proptest! {
    #[test]
    fn an_exact_substring_is_found(text in text(), a in 0usize..100, b in 0usize..100) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        prop_assume!(!chars.is_empty());
        let (i, j) = (a % chars.len(), b % chars.len());
        let (i, j) = (i.min(j), i.max(j) + 1);
        let start = chars[i].0;
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let sub = text.get(start..end).unwrap_or_default();
        let query = Query::parse(&format!("\"{sub}\"")).expect("a query");
        let hits = find_all(&query, &text);
        prop_assert!(!hits.is_empty(), "{sub:?} in {text:?}");
        check_hits(&text, &hits)?;
    }

    #[test]
    fn a_folded_substring_of_whole_graphemes_is_found(
        text in text(), a in 0usize..100, b in 0usize..100
    ) {
        let clusters: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        prop_assume!(!clusters.is_empty());
        let (i, j) = (a % clusters.len(), b % clusters.len());
        let (i, j) = (i.min(j), i.max(j) + 1);
        let start = clusters[i].0;
        let end = clusters.get(j).map_or(text.len(), |&(at, _)| at);
        let sub = text.get(start..end).unwrap_or_default();
        if sub.trim() != sub {
            // Queries are trimmed; a space before a combining mark is a cluster of its own.
            return Ok(());
        }
        let query = Query::parse(sub).expect("a query");
        let hits = find_all(&query, &text);
        prop_assert!(!hits.is_empty(), "{sub:?} ({:?}) in {text:?}", query.needle());
        check_hits(&text, &hits)?;
    }

    #[test]
    fn body_hits_lie_on_char_boundaries_of_the_source(
        body in markdown(), q in prop::sample::select(vec!["快递", "先进", "b", "c", "ガ", "é", "a*", "&", "递先", "ab 快"])
    ) {
        let article = Article {
            id: "p/1".into(),
            title: String::new(),
            subtitle: None,
            section: None,
            author: None,
            date: None,
            body: BodySource::new(body.clone()),
        };
        let query = Query::parse(q).expect("a query");
        for hit in search_article(&query, &article) {
            prop_assert!(hit.range.start <= hit.range.end);
            prop_assert!(article.body.source().get(hit.range.clone()).is_some(), "{hit:?} in {body:?}");
        }
    }
}

fn check_hits(text: &str, hits: &[std::ops::Range<usize>]) -> Result<(), TestCaseError> {
    let mut last = 0;
    for hit in hits {
        prop_assert!(text.get(hit.clone()).is_some(), "{hit:?} in {text:?}");
        prop_assert!(hit.start < hit.end && hit.start >= last);
        prop_assert!(on_grapheme_boundaries(text, hit.start, hit.end));
        last = hit.end;
    }
    Ok(())
}

/// A library of generated issues (bodies from [`markdown`], titles from [`text`]).
fn library() -> impl Strategy<Value = Library> {
    let article = (text(), markdown());
    let issue = prop::collection::vec(article, 1..4);
    prop::collection::vec(issue, 1..4).prop_map(|issues| {
        let mut library = Library::default();
        for (number, articles) in issues.into_iter().enumerate() {
            let mut file = format!("title = \"第 {number} 期\"\nfooter = \"报：快递 ab\"\n");
            for (title, body) in articles {
                let title = title.replace(['\\', '"'], "");
                let body = body.replace("\'\'\'", "");
                let _ = write!(
                    file,
                    "\n[[article]]\ntitle = \"{title}x\"\nbody = \'\'\'\n{body}x\'\'\'\n"
                );
            }
            let outcome = parse_issue(Path::new(&format!("{number}.toml")), &file);
            library.issues.extend(outcome.issue.map(Arc::new));
            library.files += 1;
        }
        library
    })
}

proptest! {
    /// The filters only skip bodies that hold no hit: every query finds what matching every
    /// body finds, in the same order, with the same snippets, to any limit.
    #[test]
    fn the_filters_never_change_a_result(
        library in library(),
        query in prop_oneof![text(), markdown().prop_map(|m| m.replace('\n', " "))],
        exact in any::<bool>(),
        limit in 1usize..50,
    ) {
        let typed = if exact { format!("\"{query}\"") } else { query };
        let Some(query) = Query::parse(&typed) else {
            return Ok(());
        };
        let filtered = Searcher::new().search(&library, &query, limit);
        let every = Searcher::exhaustive().search(&library, &query, limit);
        prop_assert_eq!(filtered, every);
    }

    /// A substring of a body is found, whichever body it is in.
    #[test]
    fn a_substring_of_a_body_is_found_through_the_filters(
        library in library(), pick in 0usize..100, a in 0usize..200, b in 0usize..200
    ) {
        let articles: Vec<_> = library.issues.iter().flat_map(|i| &i.articles).collect();
        let article = articles[pick % articles.len()];
        let text: Vec<char> = article.body.source().chars().collect();
        prop_assume!(text.len() > 1);
        let (i, j) = (a % text.len(), b % text.len());
        let (i, j) = (i.min(j), i.max(j) + 1);
        let needle: String = text[i..j].iter().collect();
        let Some(query) = Query::parse(&needle) else {
            return Ok(());
        };
        let every = Searcher::exhaustive().search(&library, &query, usize::MAX);
        prop_assume!(!every.is_empty());
        let filtered = Searcher::new().search(&library, &query, usize::MAX);
        prop_assert_eq!(filtered, every);
    }
}
