//! A long article made of the seed bulletin: its articles over and over, each under its title
//! as a heading, with a link in every tenth paragraph (to one of seven URLs).

use std::fmt::Write as _;

use kanbao::model::Issue;

/// At least `bytes` of Markdown from `seed`'s articles (a few dozen 16 KB pieces at 400 KB).
pub fn seed_over_and_over(seed: &Issue, bytes: usize) -> String {
    let mut body = String::new();
    let mut paragraph = 0;
    while body.len() < bytes {
        for article in &seed.articles {
            let _ = write!(body, "## {}\n\n", article.title);
            for text in article.body.source().split("\n\n") {
                paragraph += 1;
                body.push_str(text.trim());
                if paragraph % 10 == 0 {
                    let _ = write!(body, "[原文](https://example.org/{})", paragraph % 7);
                }
                body.push_str("\n\n");
            }
        }
    }
    body
}
