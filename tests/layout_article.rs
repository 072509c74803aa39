//! Article layout: Markdown structure, paragraph conventions, link lists, source offsets,
//! reading positions across re-wraps, and the plain text of `kanbao cat`.

use std::path::PathBuf;

use kanbao::model::{Article, BodySource, Date, Issue, IssueNumber, parse_body};
use kanbao::text::{
    AmbiguousWidth, LayoutOptions, LineKind, SpanStyle, layout_article, layout_body,
    lines_to_string, render_issue_plain, str_width, truncate,
};

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

/// Seed paragraphs (with the PDF's line breaks as soft breaks) and Markdown structure.
const BODY: &str = "上海市邮政管理局将以此为契机，联系地方组织部门、\n工会部门，将微党课置入“党群服务中心”“户外\n职工爱心接力站”等服务阵地。\n\n近两年，上海市邮政管理局紧紧围绕“六共”行动，推动落实落地。\n\n## 二、工作安排\n\n（一）加强组织领导。各单位要高度重视，明确责任分工，确保各项工作落到实处。\n\n1. 第一项：推动快递企业将微党课、小材料置入企业微信公众号。\n2. 第二项\n   - 嵌套的项目\n\n> 标点符号是辅助文字记录语言的符号。\n>\n> Punctuation marks help\nwriting record language.\n\n详见[国家邮政局](https://www.spb.gov.cn/)网站和 [the W3C note](https://www.w3.org/TR/clreq/)。\n\n```\nfn main() {\n\tprintln!(\"看报\");\n}\n```\n\n---\n\nLatin *soft*\nbreak and `code`.";

fn plain(body: &str, options: &LayoutOptions) -> String {
    lines_to_string(&layout_body(&parse_body(body), options))
}

#[test]
fn chinese_body_with_indent() {
    let options = LayoutOptions {
        cjk_indent: true,
        ..LayoutOptions::new(30, N)
    };
    let expected = "\u{3000}\u{3000}上海市邮政管理局将以此为契
机，联系地方组织部门、工会部
门，将微党课置入“党群服务中心”
“户外职工爱心接力站”等服务阵
地。
　　近两年，上海市邮政管理局紧
紧围绕“六共”行动，推动落实落
地。

二、工作安排

（一）加强组织领导。各单位要高
      度重视，明确责任分工，确
      保各项工作落到实处。

1. 第一项：推动快递企业将微党
   课、小材料置入企业微信公众
   号。
2. 第二项
   • 嵌套的项目

> 标点符号是辅助文字记录语言的
> 符号。
>
> Punctuation marks help
> writing record language.

　　详见国家邮政局[1]网站和
the W3C note [2]。

  fn main() {
      println!(\"看报\");
  }

──────────────────────────────

　　Latin soft break and code.

[1] https://www.spb.gov.cn/
[2] https://www.w3.org/TR/clre
    q/
";
    assert_eq!(plain(BODY, &options), expected);
}

#[test]
fn body_without_indent_at_odd_width_and_wide_ambiguous() {
    let expected = "\
上海市邮政管理局将以此为契机，
联系地方组织部门、工会部门，将
微党课置入“党群服务中心”“户
外职工爱心接力站”等服务阵地。

近两年，上海市邮政管理局紧紧围
绕“六共”行动，推动落实落地。

二、工作安排

（一）加强组织领导。各单位要高
      度重视，明确责任分工，确
      保各项工作落到实处。

1. 第一项：推动快递企业将微党
   课、小材料置入企业微信公众
   号。
2. 第二项
   - 嵌套的项目

> 标点符号是辅助文字记录语言的
> 符号。
>
> Punctuation marks help
> writing record language.

详见国家邮政局[1]网站和 the W3C
note [2]。

  fn main() {
      println!(\"看报\");
  }

-------------------------------

Latin soft break and code.

[1] https://www.spb.gov.cn/
[2] https://www.w3.org/TR/clreq
    /
";
    assert_eq!(plain(BODY, &LayoutOptions::new(31, W)), expected);
}

#[test]
fn every_line_fits_at_every_width() {
    let body = parse_body(BODY);
    for width in 2..=100 {
        for amb in [N, W] {
            for cjk_indent in [false, true] {
                let options = LayoutOptions {
                    cjk_indent,
                    ..LayoutOptions::new(width, amb)
                };
                for line in layout_body(&body, &options) {
                    assert!(line.width(amb) <= width, "{:?} at {width}", line.text());
                    assert!(!line.text().ends_with(' '), "{:?}", line.text());
                }
            }
        }
    }
}

/// Lines that hold nothing but margins and markers (a blank line in a quote, a rule, an empty
/// list item) drop a prefix that does not fit, as wrapped lines do.
#[test]
fn prefix_only_lines_fit_narrow_widths() {
    for (source, width) in [
        ("> > > > a\n> > > >\n> > > > b", 4),
        ("> > > > ---", 4),
        ("1. 1. 1. 1.", 3),
    ] {
        for amb in [N, W] {
            for line in layout_body(&parse_body(source), &LayoutOptions::new(width, amb)) {
                assert!(
                    line.width(amb) <= width,
                    "{source:?} at {width}: {:?}",
                    line.text()
                );
            }
        }
    }
    let rule = plain("> > > > ---", &LayoutOptions::new(4, N));
    assert_eq!(rule, "────\n");
}

#[test]
fn a_blank_line_in_a_quote_keeps_the_indent_before_its_margin() {
    let text = plain("- > a\n  >\n  > b", &LayoutOptions::new(40, N));
    assert_eq!(text, "• > a\n  >\n  > b\n");
}

#[test]
fn styles_and_links_are_on_the_spans() {
    let body = parse_body("普通**加粗**和*强调*，[链接](https://example.org)与 `code`。");
    let lines = layout_body(&body, &LayoutOptions::new(80, N));
    let spans = &lines[0].spans;
    let styles: Vec<(&str, SpanStyle)> = spans.iter().map(|s| (s.text.as_str(), s.style)).collect();
    let [plain, strong, _, emphasis, _, link, reference, _, code, _] = styles.as_slice() else {
        panic!("unexpected spans {styles:?}");
    };
    assert!(matches!(plain, ("普通", SpanStyle::Text(s)) if !s.strong));
    assert!(matches!(strong, ("加粗", SpanStyle::Text(s)) if s.strong));
    assert!(matches!(emphasis, ("强调", SpanStyle::Text(s)) if s.emphasis));
    assert!(matches!(link, ("链接", SpanStyle::Text(_))));
    assert_eq!(*reference, ("[1]", SpanStyle::LinkRef));
    assert!(matches!(code, ("code", SpanStyle::Text(s)) if s.code));
    assert_eq!(spans[5].link, Some(0));
    assert_eq!(
        lines.last().map(kanbao::text::Line::text),
        Some("[1] https://example.org".to_owned())
    );
}

#[test]
fn spans_point_into_the_source() {
    let body = parse_body(BODY);
    let layout = layout_body(&body, &LayoutOptions::new(24, N));
    let mut checked = 0;
    for span in layout.iter().flat_map(|l| &l.spans) {
        if let (SpanStyle::Text(_) | SpanStyle::Heading(_), Some(range)) =
            (span.style, &span.source)
            && !span.text.contains(' ')
        {
            // A CJK soft break joins with nothing, so the source has a newline more.
            let source = body.source.get(range.clone()).expect("on char boundaries");
            assert_eq!(source.replace('\n', ""), span.text);
            checked += 1;
        }
    }
    assert!(checked > 20);
}

#[test]
fn reading_positions_survive_a_rewrap() {
    let article = Article {
        id: "x".into(),
        title: "上海市邮政管理局开展党的二十大精神进快递员群体活动".into(),
        subtitle: None,
        section: None,
        author: None,
        date: None,
        body: BodySource::new(BODY.to_owned()),
    };
    let narrow = layout_article(&article, &LayoutOptions::new(20, N));
    let wide = layout_article(&article, &LayoutOptions::new(57, N));
    // Lines before the body map to its start.
    assert_eq!(narrow.line_offset(0), Some(0));
    for index in 0..narrow.lines.len() {
        let Some(offset) = narrow.line_offset(index) else {
            continue;
        };
        // The same offset finds a line in the other layout that contains it, and back.
        let there = wide.line_at(offset).expect("a line");
        let range = wide.lines[there].source().expect("a source");
        assert!(range.start <= offset, "{offset} before {range:?}");
        let back = narrow.line_at(offset).expect("a line");
        assert_eq!(narrow.line_offset(back), Some(offset));
    }
    // A search hit in the middle of a line.
    let hit = article.body.source().find("服务阵地").expect("found");
    let line = narrow.line_at(hit).expect("a line");
    assert!(
        narrow.lines[line].text().contains("服务阵") || narrow.lines[line].text().contains("服务")
    );
}

fn issue() -> Issue {
    let article =
        |title: &str, subtitle: Option<&str>, section: Option<&str>, body: &str| Article {
            id: title.into(),
            title: title.into(),
            subtitle: subtitle.map(Into::into),
            section: section.map(Into::into),
            author: Some("上海市邮政管理局".into()),
            date: Some(Date {
                year: 2022,
                month: 11,
                day: 22,
            }),
            body: BodySource::new(body.to_owned()),
        };
    Issue {
        path: PathBuf::from("seed.toml"),
        stem: "seed".into(),
        title: "上海邮政快递简报".into(),
        number: Some(IssueNumber::Label("2022 年第 41 期".into())),
        date: Some(Date {
            year: 2022,
            month: 12,
            day: 1,
        }),
        publisher: Some("上海市邮政管理局".into()),
        language: Some("zh-CN".into()),
        footer: Some("报：国家邮政局\n送：市委办公厅、市政府办公厅\n".into()),
        search: kanbao::search::IndexSlot::default(),
        first_look: false,
        articles: vec![
            article(
                "上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动",
                None,
                Some("工作动态"),
                "近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪参加了启动仪式。",
            ),
            article(
                "宝山邮政管理局开展主题党日活动",
                Some("“清廉守底线 担当勇作为”"),
                None,
                "为进一步强化全体党员干部党性、法纪、廉洁自律意识，提升拒腐防变能力。\n\n会上，首先学习了案例通报。",
            ),
        ],
    }
}

#[test]
fn plain_issue() {
    let issue = issue();
    // Even width 30: fifteen ideographs fill a line exactly.
    let options = LayoutOptions::for_issue(&issue, 30, N);
    let expected = "\
上海邮政快递简报
2022 年第 41 期 · 2022-12-01 ·
上海市邮政管理局

──────────────────────────────

上海市邮政管理局开展党的二十大
精神进快递员群体（系列）活动
工作动态 · 上海市邮政管理局 ·
2022-11-22

　　近日，上海邮政快递业先进典
型全国人大代表、邮政分拣员柴闪
闪参加了启动仪式。

──────────────────────────────

宝山邮政管理局开展主题党日活动
“清廉守底线 担当勇作为”
上海市邮政管理局 · 2022-11-22

　　为进一步强化全体党员干部党
性、法纪、廉洁自律意识，提升拒
腐防变能力。
　　会上，首先学习了案例通报。

──────────────────────────────

报：国家邮政局
送：市委办公厅、市政府办公厅
";
    assert_eq!(
        render_issue_plain(&issue, None, &options).as_deref(),
        Some(expected)
    );
}

#[test]
fn plain_article_with_wide_ambiguous() {
    let issue = issue();
    let options = LayoutOptions::for_issue(&issue, 31, W);
    let expected = "\
宝山邮政管理局开展主题党日活动
“清廉守底线 担当勇作为”
上海市邮政管理局 / 2022-11-22

　　为进一步强化全体党员干部党
性、法纪、廉洁自律意识，提升拒
腐防变能力。
　　会上，首先学习了案例通报。
";
    assert_eq!(
        render_issue_plain(&issue, Some(1), &options).as_deref(),
        Some(expected)
    );
    assert_eq!(render_issue_plain(&issue, Some(2), &options), None);
    let all = render_issue_plain(&issue, None, &options).expect("renders");
    assert!(all.contains("\n-------------------------------\n"));
    assert!(!all.contains('─') && !all.contains('·'));
    for line in all.lines() {
        assert!(str_width(line, W) <= 31, "{line}");
        assert!(!line.ends_with([' ', '\u{3000}']));
        assert!(!line.contains('\u{1b}'));
    }
}

#[test]
fn header_lines_have_kinds() {
    let issue = issue();
    let layout = layout_article(&issue.articles[1], &LayoutOptions::new(80, N));
    let kinds: Vec<LineKind> = layout.lines.iter().take(4).map(|l| l.kind).collect();
    assert_eq!(
        kinds,
        [
            LineKind::Title,
            LineKind::Subtitle,
            LineKind::Meta,
            LineKind::Blank
        ]
    );
}

#[test]
fn titles_truncate_to_whole_graphemes() {
    let title = "上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动";
    assert_eq!(truncate(title, 20, N), "上海市邮政管理局开…");
    assert_eq!(truncate(title, 21, N), "上海市邮政管理局开展…");
    // With ambiguous width 2 the ellipsis is `...`: nothing ambiguous is drawn by kanbao.
    assert_eq!(truncate(title, 20, W), "上海市邮政管理局...");
    assert_eq!(truncate(title, 21, W), "上海市邮政管理局开...");
    assert_eq!(
        truncate("Two columns, one character", 12, N),
        "Two columns…"
    );
    assert_eq!(
        truncate("From the mailbag: 我的终端", 22, N),
        "From the mailbag: 我…"
    );
}

#[test]
fn a_link_across_a_soft_break_gets_one_reference() {
    let body = parse_body(
        "见[国家\n邮政局](https://www.spb.gov.cn/)网站，\nsee [the W3C\nnote](https://www.w3.org/TR/clreq/) too.",
    );
    let text = plain_text(&body);
    assert_eq!(
        text,
        "见国家邮政局[1]网站，see the W3C note [2] too.\n\n[1] https://www.spb.gov.cn/\n[2] https://www.w3.org/TR/clreq/\n"
    );
}

fn plain_text(body: &kanbao::model::Body) -> String {
    lines_to_string(&layout_body(body, &LayoutOptions::new(80, N)))
}
