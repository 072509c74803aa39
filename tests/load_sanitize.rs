//! A file full of escape sequences loads to text with none left: nothing in an issue file can
//! move the cursor, set the title or touch the clipboard.

use std::path::Path;

use kanbao::load;
use kanbao::model::{Block, Inline};

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[test]
fn escape_sequences_never_survive_loading() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/escapes.toml");
    let outcome = load::load_file(&path);
    assert!(
        outcome.problems.is_empty(),
        "unexpected problems: {:?}",
        outcome.problems
    );
    let issue = outcome.issue.expect("the hostile issue still loads");
    let article = &issue.articles[0];
    let mut texts = vec![
        issue.title.clone(),
        issue
            .number
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
        issue.publisher.clone().unwrap_or_default(),
        issue.footer.clone().unwrap_or_default(),
        article.id.clone(),
        article.title.clone(),
        article.subtitle.clone().unwrap_or_default(),
        article.section.clone().unwrap_or_default(),
        article.author.clone().unwrap_or_default(),
        article.body.source().into_owned(),
    ];
    let body = article.body.parse();
    for block in &body.blocks {
        if let Block::Paragraph(inlines) = block {
            texts.extend(inlines.iter().filter_map(|inline| match inline {
                Inline::Text(run) => Some(run.text.clone()),
                _ => None,
            }));
        }
    }
    for text in &texts {
        assert!(!text.chars().any(is_forbidden), "left in: {text:?}");
    }
    assert_eq!(issue.title, "看报");
    assert_eq!(
        issue.number.map(|n| n.to_string()).as_deref(),
        Some("第 41 期")
    );
    assert_eq!(article.title, "标题被改写");
    assert_eq!(article.author.as_deref(), Some("作者"));
    assert_eq!(
        issue.footer.as_deref(),
        Some("报：国家邮政局\n送：各快递企业\n")
    );
}
