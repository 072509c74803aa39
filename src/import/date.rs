//! Finding full dates (`2023 年 3 月 15 日`, `2023-03-15`, `二〇二三年三月十五日`) and issue
//! numbers (`2023 年第 3 期`) in bulletin text.
//!
//! Everything works on `char`s, never on byte offsets, so no CJK text can split a character.

use super::{Date, ImportError};

/// Spaces that print between a number and its unit (`11 月`), ideographic space included.
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

fn arabic_digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        // Full-width digits are common in typeset Chinese.
        '０'..='９' => Some(u32::from(c) - u32::from('０')),
        _ => None,
    }
}

fn han_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '○' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// An Arabic number starting at `i`: its value, its digit count and the index after it.
/// A number that continues a longer one (`12023`) is not read from its middle.
fn arabic(chars: &[char], i: usize) -> Option<(u32, usize, usize)> {
    if i > 0 && chars.get(i - 1).copied().and_then(arabic_digit).is_some() {
        return None;
    }
    let mut value: u32 = 0;
    let mut end = i;
    while let Some(d) = chars.get(end).copied().and_then(arabic_digit) {
        value = value.checked_mul(10)?.checked_add(d)?;
        end += 1;
    }
    (end > i).then_some((value, end - i, end))
}

/// A year written digit by digit in Han numerals (`二〇二三`).
fn han_year(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut value = 0;
    for offset in 0..4 {
        value = value * 10 + han_digit(*chars.get(i + offset)?)?;
    }
    Some((value, i + 4))
}

/// A Han number from 1 to 99 (`三`, `十五`, `二十三`): months, days and issue numbers.
fn han_small(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let first = *chars.get(i)?;
    let (tens, after_tens) = if first == '十' {
        (1, i + 1)
    } else {
        let d = han_digit(first).filter(|d| *d > 0)?;
        if chars.get(i + 1) == Some(&'十') {
            (d, i + 2)
        } else {
            return Some((d, i + 1));
        }
    };
    match chars.get(after_tens).copied().and_then(han_digit) {
        Some(units) if units > 0 => Some((tens * 10 + units, after_tens + 1)),
        _ => Some((tens * 10, after_tens)),
    }
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while chars.get(i).is_some_and(|c| is_space(*c)) {
        i += 1;
    }
    i
}

/// A month or day in Arabic or Han numerals.
fn small_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    match arabic(chars, i) {
        Some((value, digits, end)) if digits <= 2 => Some((value, end)),
        Some(_) => None,
        None => han_small(chars, i),
    }
}

fn make_date(year: u32, month: u32, day: u32) -> Option<Date> {
    if !(1900..=2199).contains(&year) {
        return None;
    }
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
}

/// `YYYY 年 M 月 D 日` (spaces optional, Arabic or Han numerals) starting at `i`.
fn chinese_date(chars: &[char], i: usize) -> Option<(Date, usize)> {
    let (year, after_year) = match arabic(chars, i) {
        Some((value, 4, end)) => (value, end),
        Some(_) => return None,
        None => han_year(chars, i)?,
    };
    let mut at = skip_spaces(chars, after_year);
    let mut parts = [0_u32; 2];
    for (part, unit) in parts.iter_mut().zip(['年', '月']) {
        if chars.get(at) != Some(&unit) {
            return None;
        }
        let (value, end) = small_number(chars, skip_spaces(chars, at + 1))?;
        *part = value;
        at = skip_spaces(chars, end);
    }
    if !matches!(chars.get(at), Some('日' | '号')) {
        return None;
    }
    Some((make_date(year, parts[0], parts[1])?, at + 1))
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYY.MM.DD` starting at `i`.
fn numeric_date(chars: &[char], i: usize) -> Option<(Date, usize)> {
    let (year, 4, after_year) = arabic(chars, i)? else {
        return None;
    };
    let separator = *chars.get(after_year)?;
    if !matches!(separator, '-' | '/' | '.') {
        return None;
    }
    let (month, month_digits, after_month) = arabic(chars, after_year + 1)?;
    if month_digits > 2 || chars.get(after_month) != Some(&separator) {
        return None;
    }
    let (day, day_digits, end) = arabic(chars, after_month + 1)?;
    if day_digits > 2 {
        return None;
    }
    Some((make_date(year, month, day)?, end))
}

/// Every full date in `text`, with the char range it covers.
fn scan(chars: &[char]) -> Vec<(usize, usize, Date)> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chinese_date(chars, i).or_else(|| numeric_date(chars, i)) {
            Some((date, end)) => {
                found.push((i, end, date));
                i = end;
            }
            None => i += 1,
        }
    }
    found
}

/// The full dates `text` names, in order. Month-day mentions (`11 月 22 日`) are not full
/// dates: without a year they cannot date an issue.
pub(crate) fn full_dates(text: &str) -> Vec<Date> {
    let chars: Vec<char> = text.chars().collect();
    scan(&chars).into_iter().map(|(_, _, date)| date).collect()
}

/// The date when `text` holds one full date and nothing else but spaces.
pub(crate) fn date_only(text: &str) -> Option<Date> {
    let chars: Vec<char> = text.trim_matches(is_space).chars().collect();
    match scan(&chars).as_slice() {
        [(0, end, date)] if *end == chars.len() => Some(*date),
        _ => None,
    }
}

/// Parses a date given on the command line (`2023-03-15`, `2023 年 3 月 15 日`).
pub fn parse_date(text: &str) -> Result<Date, ImportError> {
    date_only(text).ok_or_else(|| ImportError::BadDate {
        text: text.to_owned(),
    })
}

/// The issue label in a masthead line: `2023 年第 3 期`, `第十二期`. A running total
/// (`总第 58 期`) is taken only when the line has nothing else.
pub(crate) fn issue_number(line: &str) -> Option<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut total = None;
    for (i, c) in chars.iter().enumerate() {
        if *c != '第' {
            continue;
        }
        let at = skip_spaces(&chars, i + 1);
        let Some((_, after_number)) = arabic(&chars, at)
            .map(|(value, _, end)| (value, end))
            .or_else(|| han_small(&chars, at))
        else {
            continue;
        };
        let end = skip_spaces(&chars, after_number);
        if chars.get(end) != Some(&'期') {
            continue;
        }
        if i > 0 && chars.get(i - 1) == Some(&'总') {
            let label: String = chars.get(i - 1..=end)?.iter().collect();
            total = total.or(Some(label));
        } else {
            let start = year_before(&chars, i).unwrap_or(i);
            return Some(chars.get(start..=end)?.iter().collect());
        }
    }
    total
}

/// Where `YYYY 年` (with optional spaces) starts when it stands right before index `i`.
fn year_before(chars: &[char], i: usize) -> Option<usize> {
    let mut at = i;
    while at > 0 && chars.get(at - 1).is_some_and(|c| is_space(*c)) {
        at -= 1;
    }
    if at == 0 || chars.get(at - 1) != Some(&'年') {
        return None;
    }
    at -= 1;
    while at > 0 && chars.get(at - 1).is_some_and(|c| is_space(*c)) {
        at -= 1;
    }
    let start = at.checked_sub(4)?;
    match arabic(chars, start) {
        Some((_, 4, end)) if end == at => Some(start),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn finds_full_dates_in_all_spellings() {
        assert_eq!(full_dates("2022 年 11 月 28 日印发"), vec![d(2022, 11, 28)]);
        assert_eq!(full_dates("于2022年11月4日"), vec![d(2022, 11, 4)]);
        assert_eq!(full_dates("dated 2023-03-15."), vec![d(2023, 3, 15)]);
        assert_eq!(full_dates("二〇二三年三月十五日"), vec![d(2023, 3, 15)]);
        assert_eq!(
            full_dates("二〇二三年十二月三十一日"),
            vec![d(2023, 12, 31)]
        );
    }

    #[test]
    fn month_day_mentions_and_impossible_days_are_not_dates() {
        assert!(full_dates("11 月 22 日，松江局").is_empty());
        assert!(full_dates("2023 年 2 月 30 日").is_empty());
        assert!(full_dates("12023-01-01").is_empty());
        assert!(full_dates("建设智能快件箱 3.8 万组").is_empty());
    }

    #[test]
    fn date_only_needs_a_line_that_is_just_a_date() {
        assert_eq!(date_only(" 2023 年 3 月 15 日 "), Some(d(2023, 3, 15)));
        assert_eq!(date_only("印发于 2023 年 3 月 15 日"), None);
        assert!(parse_date("2023-3-15").is_ok());
        assert!(parse_date("15.3.2023").is_err());
    }

    #[test]
    fn issue_numbers_keep_their_year() {
        assert_eq!(
            issue_number("2023 年第 3 期（总第 58 期）").as_deref(),
            Some("2023 年第 3 期")
        );
        assert_eq!(issue_number("第十二期").as_deref(), Some("第十二期"));
        assert_eq!(issue_number("总第 58 期").as_deref(), Some("总第 58 期"));
        assert_eq!(issue_number("第一届“上海慈善奖”"), None);
    }
}
