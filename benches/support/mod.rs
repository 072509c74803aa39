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

/// Writes `issues` issue files into `dir`, each of 10 articles of about 1.5 KB of Chinese
/// CommonMark (soft line breaks every 80 bytes or so, some emphasis and a link): about 16 KB a
/// file, so 10,000 issues are about 158 MB, the size of ten years of a daily bulletin. Returns
/// the bytes written.
#[allow(dead_code, reason = "each bench binary uses part of this module")]
pub fn write_corpus(dir: &std::path::Path, issues: usize) -> u64 {
    use std::fmt::Write as _;
    const ARTICLES: usize = 10;
    const BODY_BYTES: usize = 1_500;
    let text = chinese_article(ARTICLES * BODY_BYTES * 64);
    let chars: Vec<char> = text.chars().collect();
    let mut written = 0;
    let mut at = 0;
    for issue in 0..issues {
        let mut file = format!(
            "title = \"上海邮政快递简报 第 {issue} 期\"\nnumber = {issue}\ndate = {}-{:02}-{:02}\nlanguage = \"zh-CN\"\nfooter = \"报：国家邮政局\\n送：各快递企业\"\n",
            2000 + issue / 336,
            issue / 28 % 12 + 1,
            issue % 28 + 1
        );
        for article in 0..ARTICLES {
            let mut body = String::new();
            let mut line = 0;
            while body.len() < BODY_BYTES {
                let c = chars[at % chars.len()];
                at += 1;
                body.push(c);
                line += c.len_utf8();
                if line >= 80 && c != '\n' {
                    body.push('\n');
                    line = 0;
                }
            }
            let _ = write!(
                file,
                "\n[[article]]\ntitle = \"第 {article} 篇：行业动态\"\nsection = \"简讯\"\nbody = '''\n**重点** [链接](https://example.org/{issue}/{article})\n\n{body}\n'''\n"
            );
        }
        written += file.len() as u64;
        std::fs::write(dir.join(format!("{issue:05}.toml")), file).expect("write corpus");
    }
    written
}
