//! Recognizing titles: which lines can be one, and whether two title lines are one title
//! broken in two or a title with its subtitle.
//!
//! A Chinese headline set on two lines is broken either where it is too long to fit (then
//! the first line is a fragment: it ends on a verb still waiting for its object, `…管理局开展`
//! / `…主题党日活动`) or between two headlines that each stand on their own (the first ends on
//! a noun, `…启动专题读书会` / `学习贯彻党的二十大精神`, and the second is a subtitle). So the
//! first line's last word decides, with the few exceptions where a verb ends a complete
//! headline (`大会隆重召开`: an event as subject, or a completion adverb before the verb).

use super::layout::{Joiner, Layout, Paragraph};
use crate::text::{AmbiguousWidth, str_width};

/// Display columns: 40 Chinese characters or 80 Latin letters. Titles are short; a longer
/// single-line paragraph without a full stop is body text whose punctuation is missing.
const MAX_TITLE_WIDTH: usize = 80;

/// Line endings that make a line a sentence, not a title. Commas are allowed: a title's first
/// line can end on one (`凝心聚力，` / `…`).
const SENTENCE_END: &[char] = &['。', '！', '？', '!', '?', '；', ';', '：', ':', '.'];

/// Verbs (and prepositions) that take an object: a line ending on one is incomplete.
const OBJECT_VERBS: &[&str] = &[
    "开展", "举办", "举行", "召开", "启动", "开启", "组织", "参加", "出席", "参与", "部署", "发布",
    "印发", "荣获", "获得", "获评", "入选", "签署", "签订", "走进", "迎来", "聚焦", "围绕", "面向",
    "针对", "关于", "对于", "开通", "推出", "进行", "完成", "实施", "落实", "推进", "推动", "深化",
    "加强", "做好", "建立", "成立", "开设", "设立", "主办", "承办", "慰问", "走访", "调研", "督导",
    "检查", "宣讲", "启用", "打造", "助力",
];

/// Adverbs that make the verb after them intransitive: `顺利召开` ends a headline.
const COMPLETION_ADVERBS: &[&str] = &[
    "正式", "顺利", "圆满", "成功", "隆重", "如期", "胜利", "盛大",
];

/// Manner adverbs that sit between a subject and its verb and decide nothing themselves.
const MANNER_ADVERBS: &[&str] = &[
    "全面", "深入", "扎实", "积极", "持续", "稳步", "有序", "集中", "联合", "广泛", "认真", "首次",
    "再次",
];

/// Organizations whose names end like events (`委员会`, not `大会`): as subjects they act.
const ORGANIZATIONS: &[&str] = &["委员会", "协会", "理事会", "工会", "学会", "商会", "联合会"];

/// Last characters of event nouns (`大会`, `会议`, `仪式`, `活动`, `比赛`…): as subjects they
/// are the thing that takes place, so the verb after them ends the headline.
const EVENT_ENDINGS: &[char] = &[
    '会', '议', '式', '动', '赛', '典', '礼', '坛', '班', '节', '周', '营', '展', '程', '盟', '目',
    '季',
];

/// Whether a paragraph can be (one line of) a title: short, one printed line (two where a
/// long title wraps in print), not ending like a sentence, not a bracketed note.
pub(crate) fn is_candidate(paragraph: &Paragraph, layout: Layout) -> bool {
    let max_lines = match layout {
        Layout::PrintedLines => 2,
        Layout::Plain => 1,
    };
    let text = paragraph.text.as_str();
    let Some(last) = text.chars().last() else {
        return false;
    };
    paragraph.lines.len() <= max_lines
        && str_width(text, AmbiguousWidth::Narrow) <= MAX_TITLE_WIDTH
        && text.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !SENTENCE_END.contains(&last)
        && !is_bracketed_note(text)
}

/// `（本刊通讯员 供稿）`: an attribution, not a title.
fn is_bracketed_note(text: &str) -> bool {
    let first = text.chars().next();
    let last = text.chars().last();
    matches!(first, Some('（' | '(')) && matches!(last, Some('）' | ')'))
}

/// Two consecutive title lines as a title and an optional subtitle.
pub(crate) fn combine(first: &str, second: &str, joiner: Joiner) -> (String, Option<String>) {
    if first_is_fragment(first, second) {
        let mut title = first.to_owned();
        joiner.join(&mut title, second);
        (title, None)
    } else {
        (first.to_owned(), Some(second.to_owned()))
    }
}

fn first_is_fragment(first: &str, second: &str) -> bool {
    // A dash introduces a subtitle (`——记…`).
    if second.starts_with(['—', '－', '-', '–']) {
        return false;
    }
    // A line cannot start with a closing mark or a word that attaches to what came before.
    if second.starts_with([
        '的', '和', '与', '及', '暨', '等', '之', '）', ')', '》', '”', '’', '、', '，', ',',
    ]) {
        return true;
    }
    // An opening mark, a comma or a conjunction at the end leaves the line open.
    if first.ends_with([
        '的', '和', '与', '及', '暨', '、', '，', ',', '“', '‘', '《', '（', '(',
    ]) {
        return true;
    }
    ends_on_object_verb(first)
}

/// Whether `line` ends on a verb whose object is missing. Chains such as `组织开展` are
/// peeled off one verb at a time so the subject before them can be looked at.
fn ends_on_object_verb(line: &str) -> bool {
    let Some(mut rest) = strip_any_suffix(line, OBJECT_VERBS) else {
        return false;
    };
    while let Some(shorter) = strip_any_suffix(rest, OBJECT_VERBS) {
        rest = shorter;
    }
    if strip_any_suffix(rest, COMPLETION_ADVERBS).is_some() {
        return false;
    }
    while let Some(shorter) = strip_any_suffix(rest, MANNER_ADVERBS) {
        rest = shorter;
    }
    if ORGANIZATIONS.iter().any(|org| rest.ends_with(org)) {
        return true;
    }
    !rest.ends_with(EVENT_ENDINGS)
}

fn strip_any_suffix<'a>(text: &'a str, suffixes: &[&str]) -> Option<&'a str> {
    suffixes.iter().find_map(|suffix| text.strip_suffix(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn combined(first: &str, second: &str) -> (String, Option<String>) {
        combine(first, second, Joiner::Unspaced)
    }

    #[test]
    fn a_verb_waiting_for_its_object_joins_the_next_line() {
        assert_eq!(
            combined(
                "上海韵达货运有限公司组织开展",
                "供应链管理师职业技能等级认定评审会"
            ),
            (
                "上海韵达货运有限公司组织开展供应链管理师职业技能等级认定评审会".into(),
                None
            )
        );
        assert_eq!(
            combined("宝山邮政管理局开展", "“清廉守底线 担当勇作为”主题党日活动").1,
            None
        );
        assert_eq!(combined("上海市快递行业协会召开", "第三届会员大会").1, None);
        assert_eq!(combined("青松区生态环境局深入开展", "春季河道巡查").1, None);
    }

    #[test]
    fn two_complete_headlines_are_title_and_subtitle() {
        let (title, subtitle) = combined(
            "中国邮政集团有限公司上海市分公司党委启动专题读书会",
            "学习贯彻党的二十大精神",
        );
        assert_eq!(title, "中国邮政集团有限公司上海市分公司党委启动专题读书会");
        assert_eq!(subtitle.as_deref(), Some("学习贯彻党的二十大精神"));
        assert!(
            combined("全区河长制工作会议顺利召开", "部署二〇二三年重点任务")
                .1
                .is_some()
        );
        assert!(
            combined("第五届读书节开幕式隆重举行", "——记市图书馆九十周年")
                .1
                .is_some()
        );
        assert!(
            combined("读书月活动全面开展", "二十个分馆同步参与")
                .1
                .is_some()
        );
    }

    #[test]
    fn sentences_and_notes_are_not_titles() {
        let para = |text: &str| Paragraph {
            lines: vec![text.to_owned()],
            text: text.to_owned(),
        };
        assert!(is_candidate(
            &para("青浦邮政管理局开展辖区行业生态环保工作线上专题培训"),
            Layout::PrintedLines
        ));
        assert!(!is_candidate(
            &para("区行业绿色发展迈上新台阶。"),
            Layout::PrintedLines
        ));
        assert!(!is_candidate(
            &para("（区图书馆 供稿）"),
            Layout::PrintedLines
        ));
        assert!(!is_candidate(&para("简讯："), Layout::PrintedLines));
    }
}
