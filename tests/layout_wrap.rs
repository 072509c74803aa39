//! Table tests of line breaking: real sentences from the seed bulletin and the sample issues
//! at even and odd widths and both ambiguous widths, each kinsoku class, mixed scripts, emoji,
//! combining marks, tabs, indents, zero-width space and word joiner.

use kanbao::text::{AmbiguousWidth, str_width, wrap_str};

const N: AmbiguousWidth = AmbiguousWidth::Narrow;
const W: AmbiguousWidth = AmbiguousWidth::Wide;

#[track_caller]
fn check(text: &str, width: usize, amb: AmbiguousWidth, expected: &[&str]) {
    let lines = wrap_str(text, width, amb);
    assert_eq!(lines, expected, "{text:?} at {width} ({amb:?})");
    for line in &lines {
        assert!(
            str_width(line, amb) <= width.max(2),
            "{line:?} wider than {width}"
        );
    }
}

/// Seed: 上海市邮政管理局开展党的二十大精神进快递员群体活动 (first paragraph).
const SEED_1: &str = "近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪，全国五一劳动奖章获得者、申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪式。该系列活动将依托“党群服务中心”，通过线上导学、线下知识竞赛等，进一步推动新就业群体“原原本本学、带着问题学、结合实际学、创新形式学”，让党的二十大精神入脑入心。";

/// Seed: numbers with CJK units, as the PDF spaces them.
const SEED_2: &str = "二是共树新风，深化行业文明建设，获评 2 个全国青年文明号、5 个上海市文明单位；四是共爱小哥，购买社会保险或商业保险累计近 20 万人次，累计评定初级职称 2000 余人、中级 17 人、高级 1 人；建设智能快件箱 3.8 万组。";

/// Seed: Latin tokens and dates in Chinese.
const SEED_3: &str = "认证工作，这也是继公司通过 ISO9001 质量管理体系后，青浦邮政管理局于 11月 22日组织开展辖区行业生态环保工作线上专题培训。";

#[test]
fn seed_paragraph_at_20_narrow() {
    check(
        SEED_1,
        20,
        N,
        &[
            "近日，上海邮政快递业",
            "先进典型全国人大代", // 表 pushed out: 、 may not start a line
            "表、邮政分拣员柴闪",
            "闪，全国五一劳动奖章",
            "获得者、申通党员驾驶",
            "员关立平参加了上海市",
            "党的二十大精神进新就",
            "业群体系列活动启动仪",
            "式。该系列活动将依托",
            "“党群服务中心”，通过",
            "线上导学、线下知识竞",
            "赛等，进一步推动新就",
            "业群体“原原本本学、",
            "带着问题学、结合实际",
            "学、创新形式学”，让",
            "党的二十大精神入脑入",
            "心。",
        ],
    );
}

#[test]
fn seed_paragraph_at_21_narrow() {
    // An odd width: a wide character never straddles the edge, lines end a column short.
    let lines = wrap_str(SEED_1, 21, N);
    assert_eq!(lines[12], "业群体“原原本本学、带"); // the narrow “ makes 21 columns
    assert_eq!(lines[13], "着问题学、结合实际"); // 学 pushed out before 、
    assert_eq!(lines[0], "近日，上海邮政快递业");
    assert_eq!(lines.len(), 17);
}

#[test]
fn seed_paragraph_at_20_wide() {
    check(
        SEED_1,
        20,
        W,
        &[
            "近日，上海邮政快递业",
            "先进典型全国人大代",
            "表、邮政分拣员柴闪",
            "闪，全国五一劳动奖章",
            "获得者、申通党员驾驶",
            "员关立平参加了上海市",
            "党的二十大精神进新就",
            "业群体系列活动启动仪",
            "式。该系列活动将依托",
            "“党群服务中心”，通", // quotes are two columns now
            "过线上导学、线下知识",
            "竞赛等，进一步推动新",
            "就业群体“原原本本", // 学 pushed out before 、; “ may not end a line
            "学、带着问题学、结合",
            "实际学、创新形式",
            "学”，让党的二十大精",
            "神入脑入心。",
        ],
    );
}

#[test]
fn seed_paragraph_at_41() {
    check(
        SEED_1,
        41,
        N,
        &[
            "近日，上海邮政快递业先进典型全国人大代",
            "表、邮政分拣员柴闪闪，全国五一劳动奖章获",
            "得者、申通党员驾驶员关立平参加了上海市党",
            "的二十大精神进新就业群体系列活动启动仪",
            "式。该系列活动将依托“党群服务中心”，通过",
            "线上导学、线下知识竞赛等，进一步推动新就",
            "业群体“原原本本学、带着问题学、结合实际",
            "学、创新形式学”，让党的二十大精神入脑入",
            "心。",
        ],
    );
    check(
        SEED_1,
        41,
        W,
        &[
            "近日，上海邮政快递业先进典型全国人大代",
            "表、邮政分拣员柴闪闪，全国五一劳动奖章获",
            "得者、申通党员驾驶员关立平参加了上海市党",
            "的二十大精神进新就业群体系列活动启动仪",
            "式。该系列活动将依托“党群服务中心”，通",
            "过线上导学、线下知识竞赛等，进一步推动新",
            "就业群体“原原本本学、带着问题学、结合实",
            "际学、创新形式学”，让党的二十大精神入脑",
            "入心。",
        ],
    );
}

#[test]
fn numbers_stay_with_their_units() {
    check(
        SEED_2,
        20,
        N,
        &[
            "二是共树新风，深化行",
            "业文明建设，获评",
            "2 个全国青年文明号、",
            "5 个上海市文明单位；",
            "四是共爱小哥，购买社",
            "会保险或商业保险累计",
            "近 20 万人次，累计评",
            "定初级职称 2000 余",
            "人、中级 17 人、高级",
            "1 人；建设智能快件箱",
            "3.8 万组。",
        ],
    );
    check(
        SEED_2,
        21,
        N,
        &[
            "二是共树新风，深化行",
            "业文明建设，获评 2 个",
            "全国青年文明号、5 个",
            "上海市文明单位；四是",
            "共爱小哥，购买社会保",
            "险或商业保险累计近",
            "20 万人次，累计评定初",
            "级职称 2000 余人、中",
            "级 17 人、高级 1 人；",
            "建设智能快件箱 3.8 万",
            "组。",
        ],
    );
    check(
        SEED_2,
        41,
        W,
        &[
            "二是共树新风，深化行业文明建设，获评 2 个",
            "全国青年文明号、5 个上海市文明单位；四是",
            "共爱小哥，购买社会保险或商业保险累计近",
            "20 万人次，累计评定初级职称 2000 余人、中",
            "级 17 人、高级 1 人；建设智能快件箱",
            "3.8 万组。",
        ],
    );
    check("于2022年举办", 6, N, &["于", "2022年", "举办"]);
}

#[test]
fn latin_tokens_in_chinese() {
    check(
        SEED_3,
        20,
        N,
        &[
            "认证工作，这也是继公",
            "司通过 ISO9001 质量",
            "管理体系后，青浦邮政",
            "管理局于 11月 22日组",
            "织开展辖区行业生态环",
            "保工作线上专题培训。",
        ],
    );
    check(
        SEED_3,
        21,
        W,
        &[
            "认证工作，这也是继公",
            "司通过 ISO9001 质量管",
            "理体系后，青浦邮政管",
            "理局于 11月 22日组织",
            "开展辖区行业生态环保",
            "工作线上专题培训。",
        ],
    );
    check(
        SEED_3,
        80,
        N,
        &[
            "认证工作，这也是继公司通过 ISO9001 质量管理体系后，青浦邮政管理局于 11月 22日组",
            "织开展辖区行业生态环保工作线上专题培训。",
        ],
    );
    check(
        "用 Rust 写的 kanbao 支持 ISO9001 和 v2.10.3-beta 版本。",
        12,
        N,
        &[
            "用 Rust 写的",
            "kanbao 支持",
            "ISO9001 和",
            "v2.10.3-beta",
            "版本。",
        ],
    );
    check(
        "用Rust写的kanbao支持中文。",
        10,
        N,
        &["用Rust写的", "kanbao支持", "中文。"],
    );
}

#[test]
fn latin_paragraphs() {
    let text = "Every terminal is a grid, and every glyph has to decide how many cells it takes.";
    check(
        text,
        20,
        N,
        &[
            "Every terminal is a",
            "grid, and every",
            "glyph has to decide",
            "how many cells it",
            "takes.",
        ],
    );
    check(
        text,
        21,
        N,
        &[
            "Every terminal is a",
            "grid, and every glyph",
            "has to decide how",
            "many cells it takes.",
        ],
    );
    check(
        "Upgrade to v2.10.3-beta before COVID-19 rules change: 3.14159 and 50% of ISO9001.",
        12,
        N,
        &[
            "Upgrade to",
            "v2.10.3-beta",
            "before",
            "COVID-19",
            "rules",
            "change:",
            "3.14159 and",
            "50% of",
            "ISO9001.",
        ],
    );
    // Longer than the line: cut at the last grapheme that fits.
    check(
        "Supercalifragilisticexpialidocious",
        10,
        N,
        &["Supercalif", "ragilistic", "expialidoc", "ious"],
    );
    // The cut moves back a grapheme rather than start a line with the apostrophe.
    check(
        "can’t won’t shouldn’t",
        7,
        N,
        &["can’t", "won’t", "should", "n’t"],
    );
    check("  leading and trailing  ", 30, N, &["leading and trailing"]);
}

#[test]
fn kinsoku_no_line_start() {
    // Each mark that must not start a line: the character before it is carried down.
    for mark in [
        "、", "。", "，", "．", "：", "；", "？", "！", "）", "］", "｝", "〕", "〉", "》", "」",
        "』", "】", "”", "’", "…", "ぁ", "ぃ", "ぅ", "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ゎ",
        "ァ", "ィ", "ゥ", "ェ", "ォ", "ッ", "ャ", "ュ", "ョ", "ヮ", "ヵ", "ヶ", "ー",
    ] {
        for amb in [N, W] {
            let text = format!("文字文字{mark}");
            let second = format!("字{mark}");
            check(&text, 8, amb, &["文字文", &second]);
        }
    }
}

#[test]
fn kinsoku_no_line_end() {
    for mark in [
        "（", "［", "｛", "〔", "〈", "《", "「", "『", "【", "“", "‘",
    ] {
        for amb in [N, W] {
            let text = format!("文字文{mark}字");
            let second = format!("{mark}字");
            check(&text, 8, amb, &["文字文", &second]);
        }
    }
}

#[test]
fn kinsoku_sentences() {
    check(
        "文字文字文字文字文字。",
        10,
        N,
        &["文字文字文", "字文字文", "字。"],
    );
    check(
        "もうすぐ夏ですね。ちょっと待ってください。",
        10,
        N,
        &["もうすぐ夏", "ですね。", "ちょっと", "待ってくだ", "さい。"],
    );
    check(
        "コーヒーとチョコレート",
        10,
        N,
        &["コーヒーと", "チョコレー", "ト"],
    );
    check(
        "文字文字文字文字（注）",
        10,
        N,
        &["文字文字文", "字文字", "（注）"],
    );
    check(
        "文字文字文字文「引用」です",
        10,
        N,
        &["文字文字文", "字文「引", "用」です"],
    );
    check(
        "他说：“我们走吧。”然后离开了。",
        12,
        N,
        &["他说：“我们", "走吧。”然后", "离开了。"],
    );
    check(
        "他说：“我们走吧。”然后离开了。",
        12,
        W,
        &["他说：“我们", "走吧。”然后", "离开了。"],
    );
}

#[test]
fn dashes_and_ellipses_are_not_split() {
    check("等等——他来了……好吧", 8, N, &["等等——他", "来了……好", "吧"]);
    check(
        "等等——他来了……好吧",
        9,
        W,
        &["等等——", "他来", "了……好", "吧"],
    );
    check("文字文字文字文字文——", 10, N, &["文字文字文", "字文字文——"]);
}

#[test]
fn ambiguous_width_changes_the_breaks() {
    let text = "“like these” and ‘these’ … — ① § ° ※ ·";
    check(
        text,
        12,
        N,
        &["“like these”", "and", "‘these’ … —", "① § ° ※ ·"],
    );
    check(
        text,
        12,
        W,
        &["“like", "these” and", "‘these’ …", "— ① § °", "※ ·"],
    );
}

#[test]
fn emoji_and_combining_marks() {
    check(
        "家族👩‍👩‍👧‍👦と国旗🇯🇵🇨🇳と肌色👍🏽です",
        8,
        N,
        &["家族👩‍👩‍👧‍👦と", "国旗🇯🇵🇨🇳", "と肌色👍🏽", "です"],
    );
    check(
        "cafe\u{301} re\u{301}sume\u{301} nai\u{308}ve",
        6,
        N,
        &["cafe\u{301}", "re\u{301}sume\u{301}", "nai\u{308}ve"],
    );
}

/// One grapheme cluster 400 cells wide (200 leading jamo, 200 vowel jamo): wider than the
/// line, so it stands alone, and the text after it starts a new line.
#[test]
fn a_grapheme_wider_than_255_cells_gets_its_own_line() {
    let cluster = "\u{1100}".repeat(200) + &"\u{1161}".repeat(200);
    assert_eq!(str_width(&cluster, N), 400);
    let text = format!("{cluster} abc");
    assert_eq!(wrap_str(&text, 300, N), [cluster.as_str(), "abc"]);
    check(&text, 500, N, &[&cluster, "abc"]);
}

#[test]
fn tabs_expand_to_stops_of_four() {
    check("a\tb\tc\td", 20, N, &["a   b   c   d"]);
    check("中\t文\t字", 20, N, &["中  文  字"]);
}

#[test]
fn zero_width_space_and_word_joiner() {
    check(
        "ab\u{200B}cd\u{200B}ef\u{200B}gh",
        4,
        N,
        &["ab\u{200B}cd", "ef\u{200B}gh"],
    );
    // The word joiner glues the ideographs on both sides of it.
    check(
        "文字\u{2060}文字\u{2060}文字",
        5,
        N,
        &["文", "字\u{2060}文", "字\u{2060}文", "字"],
    );
    check("word\u{2060}joiner", 5, N, &["word\u{2060}j", "oiner"]);
}

#[test]
fn ideographic_spaces_at_the_start_are_dropped() {
    // The layout adds the first-line indent itself; an indent typed in the text is not doubled.
    check(
        "\u{3000}\u{3000}段落缩进的文本。",
        10,
        N,
        &["段落缩进的", "文本。"],
    );
}

#[test]
fn korean_breaks_between_words() {
    check(
        "한국어 텍스트는 띄어쓰기 단위로 줄을 바꿉니다.",
        12,
        N,
        &["한국어", "텍스트는", "띄어쓰기", "단위로 줄을", "바꿉니다."],
    );
}

#[test]
fn a_wide_character_wider_than_the_line_gets_a_line_of_its_own() {
    check("x", 1, N, &["x"]);
    assert_eq!(wrap_str("中文", 1, N), ["中", "文"]);
}

/// Wave dashes and hyphens (`～ 〜 ‐ – ゠`) never start a line; currency signs (`￥ ＄ ￡`)
/// never end one, apart from their amount.
#[test]
fn range_marks_and_currency_signs_stay_with_their_neighbours() {
    let sentences = [
        "营业时间为上午9:00～下午5:00，周一～周五照常营业，节假日另行通知。",
        "票价￥120，学生票￥60，儿童票＄8，境外订票另收￡5手续费。",
        "本报告统计期为2022‐2023年度，即二〇二二‐二〇二三年度。",
        "见学は第三–五周の月曜日〜金曜日、午前十時゠午後三時に行います。",
        "售价 ￥ 120 元，运费 ＄ 8。",
    ];
    for text in sentences {
        for amb in [N, W] {
            for width in 8..=40 {
                let lines = wrap_str(text, width, amb);
                for (index, line) in lines.iter().enumerate() {
                    assert!(str_width(line, amb) <= width, "{line:?} at {width}");
                    assert!(
                        index == 0 || !line.starts_with(['～', '〜', '‐', '–', '゠']),
                        "line {index} starts with a dash at {width} ({amb:?}): {lines:?}"
                    );
                    assert!(
                        index + 1 == lines.len() || !line.ends_with(['￥', '＄', '￡']),
                        "line {index} ends with a currency sign at {width} ({amb:?}): {lines:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_price_moves_to_the_next_line_with_its_sign() {
    check(
        "票价￥120，学生票￥60。",
        10,
        N,
        &["票价", "￥120，学", "生票￥60。"],
    );
    // `￥ 120 元，` is one token, too long for the line: the cut keeps `，` off the start.
    check(
        "售价 ￥ 120 元，运费 ＄ 8。",
        9,
        N,
        &["售价", "￥ 120", "元，运费", "＄ 8。"],
    );
    check(
        "周一～周五照常营业。",
        6,
        N,
        &["周一～", "周五照", "常营", "业。"],
    );
}
