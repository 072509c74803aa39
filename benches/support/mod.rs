//! Generated text shared by the benchmarks.

/// A deterministic Chinese article of about `bytes` bytes: sentences of seed vocabulary with
/// commas, enumeration commas, quotes, book-title marks, numbers with units and some Latin.
pub fn chinese_article(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "上海市",
        "邮政管理局",
        "快递",
        "行业",
        "党建",
        "引领",
        "基层治理",
        "推动",
        "落实",
        "服务",
        "群众",
        "进一步",
        "加强",
        "工作",
        "发展",
        "高质量",
        "从业人员",
        "培训",
        "“六共”行动",
        "《若干措施》",
        "（以下简称“方案”）",
        "2022年",
        "11 月",
        "3.8 万组",
        "ISO9001",
        "COVID-19",
        "50%",
        "智能快件箱",
        "生态环保",
        "绿色",
        "包装",
        "治理",
    ];
    const MARKS: &[&str] = &["，", "、", "，", "；", "：", "，", "。"];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        usize::try_from(state % n as u64).unwrap_or(0)
    };
    let mut text = String::with_capacity(bytes + 1024);
    let mut paragraph = 0;
    while text.len() < bytes {
        for _ in 0..4 + next(8) {
            text.push_str(WORDS[next(WORDS.len())]);
        }
        let mark = MARKS[next(MARKS.len())];
        text.push_str(mark);
        paragraph += 1;
        if mark == "。" && paragraph > 20 {
            text.push_str("\n\n");
            paragraph = 0;
        }
    }
    text
}
