//! A second bulletin, written for these tests in the same extracted layout (masthead, page
//! breaks, both kinds of two-line titles, three briefs), so the importer is not fitted to the
//! seed; plain text; refused input; and writing the issue file.

mod import_support;

use std::fs;

use import_support::{Expected, assert_articles, assert_toml_round_trip, read_text};
use kanbao::import::{
    Date, ImportError, ImportOptions, ImportedIssue, Layout, decode, import_text, parse_date,
    write_new_file,
};

const SECOND: &str = "tests/fixtures/import/second_bulletin.txt";

fn second() -> ImportedIssue {
    import_text(&read_text(SECOND), &ImportOptions::default())
}

const ARTICLES: &[Expected] = &[
    (
        "青松区生态环境局召开全区生态环境保护工作会议",
        None,
        4,
        "3 月 7 日，青松区生态环境局召开全区生态环境保护工作会议，总结 2022 年工作成效，部署今年重点任务。区生态环境局领导班子成员、各科室和直属单位负责人，各街道、镇分管负责同志参加会议。",
        "会议强调，各单位要压实责任、细化举措，以钉钉子精神抓好各项任务落实，为建设人与自然和谐共生的现代化新城作出新的贡献。",
    ),
    (
        "春季河湖“清四乱”专项行动全面启动",
        Some("首批排查河道七十二条"),
        3,
        "为巩固河湖长制工作成效，3 月 1 日起，区河长办在全区范围内启动春季河湖“清四乱”专项行动，集中清理乱占、乱采、乱堆、乱建等突出问题。",
        "下一步，区河长办将联合水务、城管、属地街镇开展“回头看”，对整改不到位的点位实行“一点一策”，确保问题清零、不再反弹。",
    ),
    (
        "青松区生态环境局开展第二季度重点排污单位监督性监测工作",
        None,
        2,
        "为掌握重点排污单位污染物排放状况，区生态环境监测站于 3 月 9 日至 10 日对辖区 14 家重点排污单位开展监督性监测，共采集废水、废气样品 58 个。",
        "监测结果显示，13 家单位各项指标均符合排放标准，1 家单位化学需氧量浓度超出纳管标准，区生态环境局已依法立案调查，并责令其限期整改。",
    ),
    (
        "区环境监察支队联合区城管执法局组织开展餐饮油烟专项整治",
        None,
        3,
        "针对群众反映集中的餐饮油烟扰民问题，区环境监察支队联合区城管执法局，于 3 月上旬对老城区三条美食街开展专项整治，共检查餐饮单位 86 家。",
        "执法人员同时向经营者发放《餐饮业油烟污染防治告知书》，宣传油烟净化设施“每季度至少清洗一次”的规范要求，引导经营者自觉守法经营。",
    ),
    (
        "守护一江清水",
        Some("——记青松区河长办“巡河志愿队”"),
        3,
        "每周六清晨，青松江畔总能看到一群身穿红马甲的身影。他们是区河长办组建的“巡河志愿队”，成员有退休教师、社区居民，也有在校大学生，目前已有队员 146 名。",
        "“河道干净了，散步的人也多了。”志愿队队长老周说，他们将继续走好每一段河岸，让更多居民加入守护母亲河的队伍。",
    ),
    (
        "区生态环境局党支部举办“美丽青松 我是行动者”主题读书分享会",
        None,
        2,
        "3 月 14 日，区生态环境局党支部举办“美丽青松 我是行动者”主题读书分享会，12 名青年干部结合《寂静的春天》《瓦尔登湖》等书目和工作体会作交流发言。",
        "大家表示，要把读书学习与岗位实践结合起来，在服务企业、守护蓝天碧水中锤炼本领，以实际行动践行绿色发展理念。",
    ),
];

#[test]
fn second_bulletin_articles_have_their_titles_and_paragraphs() {
    let issue = second();
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(
        titles,
        [
            Some("青松区生态环境局召开全区生态环境保护工作会议"),
            Some("春季河湖“清四乱”专项行动全面启动"),
            Some("青松区生态环境局开展第二季度重点排污单位监督性监测工作"),
            Some("区环境监察支队联合区城管执法局组织开展餐饮油烟专项整治"),
            Some("守护一江清水"),
            Some("区生态环境局党支部举办“美丽青松 我是行动者”主题读书分享会"),
            Some("简讯"),
        ]
    );
    assert_articles(&issue, ARTICLES);
    // A page break in the middle of a paragraph leaves no trace.
    assert!(issue.articles[3].paragraphs[0].contains("老城区三条美食街开展专项整治"));
}

#[test]
fn second_bulletin_masthead_names_numbers_and_dates_the_issue() {
    let issue = second();
    assert_eq!(issue.title.as_deref(), Some("青松区生态环境工作简报"));
    assert_eq!(issue.number.as_deref(), Some("2023 年第 3 期"));
    assert_eq!(
        issue.date,
        Some(Date {
            year: 2023,
            month: 3,
            day: 15
        })
    );
    assert_eq!(issue.language, "zh");
    assert_eq!(issue.layout, Layout::PrintedLines);
}

#[test]
fn second_bulletin_briefs_and_footer() {
    let issue = second();
    let briefs = issue
        .articles
        .last()
        .unwrap_or_else(|| panic!("no articles"));
    assert_eq!(briefs.section.as_deref(), Some("简讯"));
    assert_eq!(briefs.list_start, Some(1));
    assert_eq!(
        briefs.paragraphs,
        [
            "3 月 2 日，区生态环境局召开 2023 年第一次环评审批工作例会，集体审议建设项目环评文件 5 件。",
            "近日，区生态环境监测站顺利通过 CMA 资质认定复评审，新增地下水检测项目 11 项。",
            "3 月 10 日至 12 日，区生态环境局在 6 个社区开展“无废城市”宣传进社区活动，发放宣传资料 1200 余份。",
        ]
    );
    assert_eq!(
        issue.footer.as_deref(),
        Some(
            "报：区委办公室、区政府办公室\n\
             市生态环境局办公室\n\
             送：区人大城建环保工委，区政协人口资源环境委员会，区河长办各成员单位，\
             各街道办事处、镇人民政府，区各相关委办局"
        )
    );
}

#[test]
fn second_bulletin_toml_round_trips() {
    let issue = second();
    let table = assert_toml_round_trip(&issue);
    assert_eq!(table["language"].as_str(), Some("zh-CN"));
    let toml = issue.to_toml();
    assert!(toml.contains("\ndate = 2023-03-15\n"), "{toml}");
    assert!(toml.contains("\nnumber = \"2023 年第 3 期\"\n"), "{toml}");
    assert!(
        toml.contains("subtitle = \"——记青松区河长办“巡河志愿队”\""),
        "{toml}"
    );
}

#[test]
fn plain_text_imports_with_its_first_short_line_as_title() {
    let text = "Riverside Library News\n\nThe reading room reopens on Monday\nafter the renovation.\n\n\
                1. Opening hours are longer.\n\nEvents\n\nA *poetry* night on <Friday> & a talk.\n";
    let issue = import_text(text, &ImportOptions::default());
    assert_eq!(issue.layout, Layout::Plain);
    assert_eq!(issue.language, "en");
    assert_eq!(issue.title.as_deref(), Some("Riverside Library News"));
    let titles: Vec<_> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(titles, [Some("Riverside Library News"), Some("Events")]);
    assert_eq!(
        issue.articles[0].paragraphs,
        [
            "The reading room reopens on Monday after the renovation.",
            "1. Opening hours are longer."
        ]
    );
    // Text that looks like markup stays text in the CommonMark body.
    assert_eq!(
        issue.articles[0].body_markdown(),
        "The reading room reopens on Monday after the renovation.\n\n1\\. Opening hours are longer.\n"
    );
    assert_eq!(
        issue.articles[1].body_markdown(),
        "A \\*poetry\\* night on \\<Friday> \\& a talk.\n"
    );
    assert_toml_round_trip(&issue);
}

#[test]
fn plain_chinese_text_with_indented_paragraphs() {
    let text = "社区图书馆开展春季读书活动\n　　3 月 18 日，社区图书馆开展春季读书活动。\n　　活动吸引了 60 余名居民参加。\n";
    let issue = import_text(text, &ImportOptions::default());
    assert_eq!(issue.title.as_deref(), Some("社区图书馆开展春季读书活动"));
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(
        issue.articles[0].paragraphs,
        [
            "3 月 18 日，社区图书馆开展春季读书活动。",
            "活动吸引了 60 余名居民参加。"
        ]
    );
}

#[test]
fn text_without_a_title_is_one_untitled_article_flagged_in_the_file() {
    let text = "今天天气很好。\n\n我们去公园散步。\n";
    let issue = import_text(text, &ImportOptions::default());
    assert_eq!(issue.title, None);
    assert_eq!(issue.articles.len(), 1);
    assert_eq!(issue.articles[0].title, None);
    let toml = issue.to_toml();
    assert!(
        toml.contains("# TODO: this article (beginning \"今天天气很好。\") has no title"),
        "{toml}"
    );
    assert_toml_round_trip(&issue);
}

#[test]
fn only_a_date_standing_alone_dates_the_issue() {
    let signed = "标题\n\n正文第一段，2022 年 11 月 4 日举行。\n\n2022 年 11 月 28 日\n";
    let issue = import_text(signed, &ImportOptions::default());
    assert_eq!(
        issue.date,
        Some(Date {
            year: 2022,
            month: 11,
            day: 28
        })
    );
    let unsigned = "标题\n\n正文第一段，2022 年 11 月 4 日举行。\n";
    assert_eq!(import_text(unsigned, &ImportOptions::default()).date, None);
    let two = "标题\n\n正文。\n\n2022-11-28\n\n2022-12-01\n";
    assert_eq!(import_text(two, &ImportOptions::default()).date, None);
    assert_eq!(
        parse_date("2023-03-15").ok(),
        Some(Date {
            year: 2023,
            month: 3,
            day: 15
        })
    );
    assert_eq!(
        parse_date("March 15")
            .map_err(|e| e.to_string())
            .err()
            .as_deref(),
        Some("`March 15` is not a date; write it as YYYY-MM-DD, for example 2023-03-15")
    );
}

#[test]
fn bytes_that_are_neither_utf8_nor_gb18030_are_refused_with_the_offset() {
    let mut bytes = "简讯：近日".as_bytes().to_vec();
    let offset = bytes.len();
    bytes.extend([0xFF, 0x00, 0x13, 0x37]);
    let error = decode(&bytes)
        .err()
        .unwrap_or_else(|| panic!("binary bytes were accepted"));
    assert!(matches!(error, ImportError::NotText { offset: o } if o == offset));
    assert!(
        error.to_string().starts_with(&format!(
            "not UTF-8 or GB18030 text: invalid byte at offset {offset}"
        )),
        "{error}"
    );
}

#[test]
fn write_new_file_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("issue.toml");
    write_new_file(&path, "title = \"一\"\n", false).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        fs::read_to_string(&path).ok().as_deref(),
        Some("title = \"一\"\n")
    );

    let refused = write_new_file(&path, "title = \"二\"\n", false);
    let message = refused.map_err(|e| e.to_string()).err();
    assert_eq!(
        message,
        Some(format!(
            "{} already exists; use --force to overwrite",
            path.display()
        ))
    );
    assert_eq!(
        fs::read_to_string(&path).ok().as_deref(),
        Some("title = \"一\"\n")
    );

    write_new_file(&path, "title = \"三\"\n", true).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        fs::read_to_string(&path).ok().as_deref(),
        Some("title = \"三\"\n")
    );

    // No temporary file is left behind, whatever happened.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["issue.toml"]);
}

#[test]
fn write_new_file_explains_a_missing_directory() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("missing").join("issue.toml");
    let error = write_new_file(&path, "x", false)
        .err()
        .unwrap_or_else(|| panic!("wrote"));
    assert!(
        error
            .to_string()
            .starts_with(&format!("cannot write {}", path.display())),
        "{error}"
    );
    assert!(
        write_new_file(dir.path(), "x", true).is_err(),
        "a directory is not replaced"
    );
}
