//! The seed bulletin (a real PDF text extraction) imports into the articles a careful editor
//! would make of it: every title, subtitle, paragraph, the briefs and the footer.

mod import_support;

use import_support::{Expected, assert_articles, assert_toml_round_trip, read_text};
use kanbao::import::{Date, ImportOptions, ImportedIssue, Layout, decode, import_text};

const SEED: &str = "tests/fixtures/seed/000_68922d18ffb115e6.txt";

fn seed() -> ImportedIssue {
    import_text(&read_text(SEED), &ImportOptions::default())
}

/// The eight articles before the briefs: title, subtitle, paragraph count, first and last
/// paragraph as printed, lines rejoined.
const ARTICLES: &[Expected] = &[
    (
        "上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动",
        None,
        2,
        "近日，上海邮政快递业先进典型全国人大代表、邮政分拣员柴闪闪，全国五一劳动奖章获得者、申通党员驾驶员关立平参加了上海市党的二十大精神进新就业群体系列活动启动仪式。该系列活动将依托“党群服务中心”，通过线上导学、线下知识竞赛等，进一步推动新就业群体“原原本本学、带着问题学、结合实际学、创新形式学”，让党的二十大精神入脑入心。",
        "上海市邮政管理局将以此为契机，联系地方组织部门、工会部门，将微党课、小材料置入“党群服务中心”“户外职工爱心接力站”等服务阵地，在服务过程中把党的二十大精神带给快递小哥；引导快递企业将微党课、小材料置入企业微信公众号、内部培训小程序等，推动党的二十大精神进快递园区、进企业、进网点，抓好从业人员和一线快递员的学习，扩大全行业学习宣传的覆盖面，切实把党的二十大精神转化为加快建设邮政强国、努力当好中国现代化开路先锋的奋进力量。",
    ),
    (
        "上海市邮政管理局深化党建引领快递行业“六共”行动",
        Some("纳入市建设交通系统“党建引领基层治理重点项目”"),
        4,
        "为切实践行人民城市理念，积极探索中国式现代化进程中超大城市基层治理新经验，日前上海市委出台《关于进一步加强党建引领基层治理的若干措施》（以下简称《若干措施》），加快形成为基层赋权、减负、增能的强大合力，其中明确将落实快递员等重点群体服务管理纳入制度安排，为快递行业党建工作注入了强大动力。",
        "下一步，上海局将按照市委和市建交党委关于党建引领基层治理的相关工作部署，围绕将快递行业纳入城市基层党建格局、将快递员群体纳入社会治理体系，继续依托快递行业党建联盟平台，开展“六共”行动，持续推动关心关爱快递小哥、保障快递员群体合法权益等各项工作，以高质量党建推进行业高质量发展和高效能治理，服务上海经济社会发展和城市基层治理。",
    ),
    (
        "宝山邮政管理局开展“清廉守底线 担当勇作为”主题党日活动",
        None,
        3,
        "为进一步强化全体党员干部党性、法纪、廉洁自律意识，提升拒腐防变能力，宝山邮政管理局党支部召开“清廉守底线 担当勇作为”主题党日活动。",
        "宝山局提出要求，一是提高思想认识。从“身边人”“身边事”警示案例中汲取深刻教训，进一步增强“四个意识”、坚定“四个自信”、做到“两个维护”，以永远在路上的坚韧和执着推进党风廉政建设。二是严守廉洁防线。真正把纪律和规矩意识立起来、严起来、执行起来，坚决不越“红线”，不踩“底线”，不闯“雷区”。三是狠抓作风建设。贯彻党的二十大精神和习近平总书记重要讲话精神，驰而不息纠治“四风”，持之以恒正风肃纪，以优良的作风奋进新征程、建功新时代。",
    ),
    (
        "青浦邮政管理局开展辖区行业生态环保工作线上专题培训",
        None,
        4,
        "为有序推动辖区快递包装治理，切实促进邮政快递业绿色发展，根据国家邮政局、上海市邮政管理局年度工作部署，青浦邮政管理局于 11月 22日组织开展辖区行业生态环保工作线上专题培训。",
        "下一步，青浦局将加大生态环保检查力度，稳步推进辖区行业绿色发展迈上新台阶。",
    ),
    (
        "松江邮政管理局组织开展快递业生态环保专题培训",
        None,
        3,
        "为进一步提升行业从业人员生态环保意识和知识水平，11 月 22 日，松江邮政管理局组织辖区新增企业、重点企业开展了快递业生态环保专题培训。",
        "下一步，松江局将持续加强行业生态环保宣传和监督检查力度，督促辖区寄递企业深入贯彻落实行业绿色发展“9954”工程，全力推动辖区快递业绿色高质量发展。",
    ),
    (
        "中国邮政集团有限公司上海市分公司党委启动专题读书会",
        Some("学习贯彻党的二十大精神"),
        3,
        "为引导全体党员干部员工认真学习党的二十大报告，进一步掀起学习热潮，11 月 21 日，中国邮政集团有限公司上海市分公司党委召开第一次专题读书会，吹响了深入学习贯彻党的二十大精神的号角。会议以“现场+网络视频”相结合的方式召开，市分公司党委班子成员、市寄递事业部班子成员、市分公司各部室党支部书记出席市分公司主会场会议，各二级单位党委班子成员在分会场参加会议。",
        "会议就学习贯彻好党的二十大精神提出三点要求：一要在全面学习上下功夫，争当学深悟透的“排头兵”；二要在全面把握上下功夫，争当学习道路的“先行者”；三要在全面落实上下功夫，争当使命担当的“践行者”。据悉，市分公司党委将充分发挥平台作用，通过 2 次党委中心组学习、4 次专题读书会等形式，对党的二十大报告分专题进行集中学习，引导全体党员干部员工自觉把学习宣传贯彻党的二十大精神同履职实际相结合，真正做到融会贯通、入脑入心。",
    ),
    (
        "中通快递股份有限公司荣获第一届“上海慈善奖”",
        None,
        3,
        "11 月 22 日,由上海市政府举办的首届“上海慈善奖”获奖名单揭晓,中通快递股份有限公司荣获“捐赠企业奖”。",
        "中通快递积极践行“用我们的产品造就更多人的幸福”的企业使命，不仅积极推进社会慈善事业，一直以来更是积极参与精准扶贫工作，助力贫困地区脱贫致富。将社会公益融入企业，让企业服务走进社会，以实际行动传递正能量，奉献慈善爱心履行社会责任，助力脱贫抗疫彰显企业担当。",
    ),
    (
        "上海韵达货运有限公司组织开展供应链管理师职业技能等级认定评审会",
        None,
        4,
        "11 月 19 日-20 日，上海韵达货运有限公司组织开展供应链管理师职业技能等级认定评审会。",
        "本次职业技能等级认定受到了韵达员工们的普遍欢迎。自公司下发开展技能等级认定的通知后，韵达各体系各部门员工踊跃报名，并利用业务时间刻苦学习、积极备考，在全公司范围内形成了良好的的学习氛围。",
    ),
];

#[test]
fn seed_articles_have_the_printed_titles_and_paragraphs() {
    let issue = seed();
    let titles: Vec<_> = issue
        .articles
        .iter()
        .map(|a| (a.title.as_deref(), a.subtitle.as_deref()))
        .collect();
    assert_eq!(
        titles,
        [
            (
                Some("上海市邮政管理局开展党的二十大精神进快递员群体（系列）活动"),
                None
            ),
            (
                Some("上海市邮政管理局深化党建引领快递行业“六共”行动"),
                Some("纳入市建设交通系统“党建引领基层治理重点项目”")
            ),
            (
                Some("宝山邮政管理局开展“清廉守底线 担当勇作为”主题党日活动"),
                None
            ),
            (
                Some("青浦邮政管理局开展辖区行业生态环保工作线上专题培训"),
                None
            ),
            (Some("松江邮政管理局组织开展快递业生态环保专题培训"), None),
            (
                Some("中国邮政集团有限公司上海市分公司党委启动专题读书会"),
                Some("学习贯彻党的二十大精神")
            ),
            (Some("中通快递股份有限公司荣获第一届“上海慈善奖”"), None),
            (
                Some("上海韵达货运有限公司组织开展供应链管理师职业技能等级认定评审会"),
                None
            ),
            (Some("简讯"), None),
        ]
    );
    assert_articles(&issue, ARTICLES);
}

#[test]
fn seed_lines_rejoin_across_page_breaks_keeping_the_printed_spaces() {
    let issue = seed();
    let second = &issue.articles[1].paragraphs[1];
    // `获评 2 个全国青` / ` 年文明号`: a page break inside a word, and spaces around digits.
    assert!(
        second.contains("获评 2 个全国青年文明号、5 个上海市文明单位"),
        "{second}"
    );
    assert!(second.contains("建设智能快件箱 3.8 万组"), "{second}");
    // `2022 年` / `11 月 4 日`: the print sets digits apart from CJK with spaces, and the
    // space the typesetter dropped at the line end comes back.
    let yunda = &issue.articles[7].paragraphs[2];
    assert!(yunda.contains("评价，2022 年 11 月 4 日，韵达"), "{yunda}");
    // A line ending in 。 without a trailing space continues the paragraph.
    assert!(
        issue.articles[7].paragraphs[3]
            .starts_with("本次职业技能等级认定受到了韵达员工们的普遍欢迎。自公司")
    );
    // Print spacing inside a line is kept as printed, even where it is uneven.
    assert!(issue.articles[3].paragraphs[0].contains("于 11月 22日组织开展"));
}

#[test]
fn seed_briefs_are_one_numbered_article() {
    let issue = seed();
    let briefs = issue
        .articles
        .last()
        .unwrap_or_else(|| panic!("no articles"));
    assert_eq!(briefs.title.as_deref(), Some("简讯"));
    assert_eq!(briefs.section.as_deref(), Some("简讯"));
    assert_eq!(briefs.list_start, Some(1));
    assert_eq!(
        briefs.paragraphs,
        [
            "11 月 24 日，申通快递有限公司举办“新申力量”总裁见面会，申通总裁、人资综合中心负责人来到校招生当中，与初入职场的小白们分享职场经验并答疑解惑。",
            "近日，圆通速递有限公司顺利通过第三方认证公司对 ISO 质量、环境、职业健康安全在内的三个管理体系的审核、认证工作，这也是继公司通过 ISO9001 质量管理体系后，再新增的两项认证，标志着圆通标准化体系建设的再升级。",
        ]
    );
    assert_eq!(
        briefs.body_markdown(),
        format!(
            "1. {}\n\n2. {}\n",
            briefs.paragraphs[0], briefs.paragraphs[1]
        )
    );
}

#[test]
fn seed_footer_is_the_distribution_list() {
    assert_eq!(
        seed().footer.as_deref(),
        Some(
            "报：国家邮政局精神文明建设指导委员会\n\
             上海市精神文明建设委员会\n\
             上海市快递行业精神文明创建指导小组\n\
             上海市邮政管理局精神文明建设委员会\n\
             送：上海市文明办，上海市建交党委办公室，上海市建交系统文明办，上海市交通委文明办，\
             上海市邮政管理局各处室、管理局、文明办，上海市快递行业协会，各快递企业"
        )
    );
}

#[test]
fn seed_without_masthead_has_no_title_or_date() {
    let issue = seed();
    // The extraction starts with the first article: the bulletin's name is not in it.
    assert_eq!(issue.title, None);
    assert_eq!(issue.number, None);
    // Its only full date (`2022 年` / `11 月 4 日`) is an event inside a sentence.
    assert_eq!(issue.date, None);
    assert_eq!(issue.language, "zh");
    assert_eq!(issue.layout, Layout::PrintedLines);
    let toml = issue.to_toml();
    assert!(
        toml.contains("# TODO: the text does not name the bulletin"),
        "{toml}"
    );
    assert!(toml.contains("title = \"（请填写标题）\""), "{toml}");
    assert!(toml.contains("language = \"zh-CN\""), "{toml}");
}

#[test]
fn seed_in_gb18030_imports_the_same() {
    let text = read_text(SEED);
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable);
    let (decoded, encoding) = decode(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(encoding, "GB18030");
    assert_eq!(import_text(&decoded, &ImportOptions::default()), seed());
}

#[test]
fn seed_toml_round_trips() {
    let table = assert_toml_round_trip(&seed());
    let articles = table["article"].as_array().map_or(0, Vec::len);
    assert_eq!(articles, 9);
    // Ordinary Chinese paragraphs need no escapes: the body is the paragraphs as printed.
    let first = &seed().articles[0];
    assert_eq!(
        first.body_markdown(),
        format!("{}\n", first.paragraphs.join("\n\n"))
    );
}

#[test]
fn seed_options_name_and_date_the_issue() {
    let options = ImportOptions {
        title: Some("上海邮政快递业精神文明建设简报".into()),
        date: Some(Date {
            year: 2022,
            month: 11,
            day: 28,
        }),
    };
    let issue = import_text(&read_text(SEED), &options);
    assert_eq!(issue.title, options.title);
    assert_eq!(issue.date, options.date);
    let toml = issue.to_toml();
    assert!(
        toml.contains("title = \"上海邮政快递业精神文明建设简报\"\n"),
        "{toml}"
    );
    assert!(toml.contains("\ndate = 2022-11-28\n"), "{toml}");
    assert!(!toml.contains("TODO"), "{toml}");
    assert_toml_round_trip(&issue);
}
