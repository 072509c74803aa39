//! From blocks to a bulletin: masthead, articles (title, subtitle, paragraphs), the briefs
//! (`简讯：` and numbered items) and the distribution list (`报：`, `送：`) as the footer.

use super::date;
use super::layout::{Block, Joiner, Layout, Paragraph};
use super::title;
use super::{Date, ImportedArticle};

/// What the text says, before the issue-level choices (title, date) are made.
#[derive(Debug, Default)]
pub(crate) struct Parsed {
    /// Lines before the first title (the bulletin's name, issue number, date line).
    pub masthead: Vec<String>,
    pub articles: Vec<ImportedArticle>,
    pub footer: Option<String>,
    /// Dates of paragraphs that hold nothing but a date (a signature line).
    pub date_lines: Vec<Date>,
}

/// Labels that open a Chinese distribution list: `报：` (reported to), `送：` (sent to)…
const FOOTER_LABELS: &[&str] = &["报", "送", "抄送", "抄报", "报送", "分送", "发"];

pub(crate) fn parse(blocks: &[Block], layout: Layout, joiner: Joiner) -> Parsed {
    let footer_at = position(blocks, |p| is_footer_start(&p.text)).unwrap_or(blocks.len());
    let (body, footer) = blocks.split_at(footer_at);
    let briefs_at = position(body, |p| briefs_heading(&p.text).is_some()).unwrap_or(body.len());
    let (main, briefs) = body.split_at(briefs_at);

    let (masthead, mut articles) = articles(main, layout, joiner);
    articles.extend(briefs_article(briefs));
    let footer: Vec<&str> = paragraphs(footer).map(|p| p.text.as_str()).collect();
    Parsed {
        masthead,
        articles,
        footer: (!footer.is_empty()).then(|| footer.join("\n")),
        date_lines: paragraphs(blocks)
            .filter_map(|p| date::date_only(&p.text))
            .collect(),
    }
}

fn paragraphs(blocks: &[Block]) -> impl Iterator<Item = &Paragraph> {
    blocks.iter().filter_map(|block| match block {
        Block::Para(p) => Some(p),
        Block::Break => None,
    })
}

fn position(blocks: &[Block], test: impl Fn(&Paragraph) -> bool) -> Option<usize> {
    blocks
        .iter()
        .position(|block| matches!(block, Block::Para(p) if test(p)))
}

fn is_footer_start(text: &str) -> bool {
    let label: String = text
        .chars()
        .take_while(|c| !matches!(c, '：' | ':'))
        .collect();
    label.chars().count() < text.chars().count() && FOOTER_LABELS.contains(&label.as_str())
}

/// The section name when `text` opens the briefs (`简讯：`, `【工作简讯】`), with the first
/// item's text when it follows on the same line.
fn briefs_heading(text: &str) -> Option<(String, Option<String>)> {
    let text = text.trim_start_matches(['【', '[']);
    let mut name = String::new();
    let mut chars = text.chars();
    for c in chars.by_ref() {
        if matches!(c, '：' | ':' | '】' | ']') {
            break;
        }
        if !c.is_whitespace() {
            name.push(c);
        }
    }
    let rest = chars.as_str().trim_start_matches(['：', ':', ' ']).trim();
    let is_heading = name.ends_with("简讯") && name.chars().count() <= 6;
    is_heading.then(|| (name, (!rest.is_empty()).then(|| rest.to_owned())))
}

fn is_meta_line(text: &str) -> bool {
    date::issue_number(text).is_some() || !date::full_dates(text).is_empty()
}

/// Where the title lines of a run of title-like lines begin: at most the last two lines, and
/// never a line with a date or an issue number (that is masthead). `None`: no title here.
fn title_start(run: &[&Paragraph]) -> Option<usize> {
    let after_meta = run
        .iter()
        .rposition(|p| is_meta_line(&p.text))
        .map_or(0, |i| i + 1);
    let available = run.len().checked_sub(after_meta).filter(|n| *n > 0)?;
    Some(run.len() - available.min(2))
}

/// Splits the blocks before the briefs into the masthead and the articles.
fn articles(
    blocks: &[Block],
    layout: Layout,
    joiner: Joiner,
) -> (Vec<String>, Vec<ImportedArticle>) {
    let candidate =
        |block: &Block| matches!(block, Block::Para(p) if title::is_candidate(p, layout));
    let mut leading: Vec<&Paragraph> = Vec::new();
    let mut articles: Vec<ImportedArticle> = Vec::new();
    let mut i = 0;
    while let Some(block) = blocks.get(i) {
        let Block::Para(paragraph) = block else {
            i += 1;
            continue;
        };
        let run_end = blocks
            .iter()
            .skip(i)
            .position(|b| !candidate(b))
            .map_or(blocks.len(), |n| i + n);
        let run: Vec<&Paragraph> = paragraphs(blocks.get(i..run_end).unwrap_or_default()).collect();
        if run.is_empty() {
            push(&mut articles, &mut leading, paragraph);
            i += 1;
            continue;
        }
        // A title stands before body text; title-like lines before another title or at the
        // end are notes, masthead lines or the last line of an article.
        let next = blocks
            .iter()
            .skip(run_end)
            .find(|b| !matches!(b, Block::Break));
        let body_follows = matches!(next, Some(b @ Block::Para(_)) if !candidate(b));
        let start = if body_follows {
            title_start(&run)
        } else {
            None
        };
        let (before, title_lines) = run.split_at(start.unwrap_or(run.len()));
        for p in before {
            push(&mut articles, &mut leading, p);
        }
        let heading = match title_lines {
            [one] => Some((one.text.clone(), None)),
            [first, second] => Some(title::combine(&first.text, &second.text, joiner)),
            _ => None,
        };
        if let Some((title, subtitle)) = heading {
            articles.push(ImportedArticle {
                title: Some(title),
                subtitle,
                ..ImportedArticle::default()
            });
        }
        i = run_end;
    }
    let masthead_like = |p: &&Paragraph| {
        title::is_candidate(p, layout) || (p.lines.len() <= 2 && is_meta_line(&p.text))
    };
    if !articles.is_empty() && leading.iter().all(masthead_like) {
        let masthead = leading.iter().map(|p| p.text.clone()).collect();
        return (masthead, articles);
    }
    if !leading.is_empty() {
        let untitled = ImportedArticle {
            paragraphs: leading.iter().map(|p| p.text.clone()).collect(),
            ..ImportedArticle::default()
        };
        articles.insert(0, untitled);
    }
    (Vec::new(), articles)
}

/// Adds a body paragraph to the current article, or to what stands before the first title.
fn push<'a>(articles: &mut [ImportedArticle], leading: &mut Vec<&'a Paragraph>, p: &'a Paragraph) {
    match articles.last_mut() {
        Some(article) => article.paragraphs.push(p.text.clone()),
        None => leading.push(p),
    }
}

/// The briefs as one article: a numbered list when the first item is numbered.
fn briefs_article(blocks: &[Block]) -> Option<ImportedArticle> {
    let mut paragraphs = paragraphs(blocks);
    let (name, inline_first) = briefs_heading(&paragraphs.next()?.text)?;
    let texts: Vec<String> = inline_first
        .into_iter()
        .chain(paragraphs.map(|p| p.text.clone()))
        .collect();
    let mut article = ImportedArticle {
        title: Some(name.clone()),
        section: Some(name),
        ..ImportedArticle::default()
    };
    let Some((start, _)) = texts.first().and_then(|t| item_number(t, None)) else {
        article.paragraphs = texts;
        return Some(article);
    };
    article.list_start = Some(start);
    for text in texts {
        let expected =
            start.saturating_add(u32::try_from(article.paragraphs.len()).unwrap_or(u32::MAX));
        match (
            item_number(&text, Some(expected)),
            article.paragraphs.last_mut(),
        ) {
            (Some((_, item)), _) => article.paragraphs.push(item),
            // A paragraph without the next number continues the item before it.
            (None, Some(last)) => {
                last.push_str("\n\n");
                last.push_str(&text);
            }
            (None, None) => article.paragraphs.push(text),
        }
    }
    Some(article)
}

/// The number and text of a list item: `1.11 月 24 日，…` is item 1 whose text is
/// `11 月 24 日，…` — with `expected`, only that number is read, so digits that begin the text
/// stay with it; without, the first item's number is the digits before the marker.
fn item_number(text: &str, expected: Option<u32>) -> Option<(u32, String)> {
    let digits: String = match expected {
        Some(n) => {
            let n = n.to_string();
            text.starts_with(&n).then_some(n)?
        }
        None => text.chars().take_while(char::is_ascii_digit).collect(),
    };
    if digits.is_empty() || digits.len() > 9 {
        return None;
    }
    let mut rest = text.chars().skip(digits.len());
    if !matches!(rest.next(), Some('.' | '．' | '、' | ')' | '）')) {
        return None;
    }
    let item: String = rest.collect::<String>().trim_start().to_owned();
    let number = digits.parse().ok()?;
    (!item.is_empty()).then_some((number, item))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_numbers_read_only_the_expected_digits() {
        assert_eq!(
            item_number("1.11 月 24 日，申通", None),
            Some((1, "11 月 24 日，申通".into()))
        );
        assert_eq!(item_number("2.近日", Some(2)), Some((2, "近日".into())));
        assert_eq!(item_number("3.8 万组", Some(2)), None);
        assert_eq!(item_number("12、十二", Some(12)), Some((12, "十二".into())));
    }

    #[test]
    fn headings_and_labels() {
        assert_eq!(briefs_heading("简讯："), Some(("简讯".into(), None)));
        assert_eq!(
            briefs_heading("【工作简讯】1.近日"),
            Some(("工作简讯".into(), Some("1.近日".into())))
        );
        assert_eq!(briefs_heading("简讯稿件请于每月底前报送办公室。"), None);
        assert!(is_footer_start("报：国家邮政局"));
        assert!(is_footer_start("抄送：各区局"));
        assert!(!is_footer_start("报名时间：3 月"));
    }
}
