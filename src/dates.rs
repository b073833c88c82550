//! Calendar dates as reports write them: `2025-09-23`, `2025.9.23`, `2025/09/23`,
//! `2025年9月23日`, `September 23, 2025`, `Sep 23, 2025`, `23 Sep 2025`.
//!
//! The shapes are recognised here; whether a day exists (29 February, 31 September) is
//! left to the `time` crate, so only real days become a [`CalendarDate`], the one type
//! the writers accept for the PDF's creation date. A date Typst's `datetime` refused
//! used to fail the whole report (issue 17).

use serde::{Serialize, Serializer};
use time::{Date, Month, Weekday};

/// A day that exists in the proleptic Gregorian calendar, years 1000 to 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CalendarDate(Date);

impl CalendarDate {
    /// The date, when `year`-`month`-`day` is a real day.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        checked(year, month.into(), day.into()).ok()
    }

    /// (year, month 1–12, day 1–31).
    pub fn ymd(&self) -> (i32, u8, u8) {
        (self.0.year(), self.0.month().into(), self.0.day())
    }
}

/// Written as `[year, month, day]`, the array the Typst templates hand to `datetime`.
impl Serialize for CalendarDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.ymd().serialize(serializer)
    }
}

/// What a date text turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateReading {
    Date(CalendarDate),
    /// Written like a date but no such day exists; the reason, in words.
    Impossible(String),
    /// Not written in any form Folio reads as a date.
    Unreadable,
}

/// Reads `text` as a date, in the forms in the module comment; anything after the date
/// (a time, a weekday in brackets) is ignored, and so is a leading English weekday.
pub fn read_date(text: &str) -> DateReading {
    let text = text.trim();
    let Some((year, month, day)) = numeric(text).or_else(|| in_words(text)) else {
        return DateReading::Unreadable;
    };
    match checked(year, month, day) {
        Ok(date) => DateReading::Date(date),
        Err(reason) => DateReading::Impossible(reason),
    }
}

/// The date if it exists; else why not, in the `time` crate's words.
fn checked(year: i32, month: u32, day: u32) -> Result<CalendarDate, String> {
    if !(1000..=9999).contains(&year) {
        return Err(format!("year {year} is not a four-digit year"));
    }
    let month = u8::try_from(month).map_err(|_| format!("there is no month {month}"))?;
    let month = Month::try_from(month).map_err(|_| format!("there is no month {month}"))?;
    let day = u8::try_from(day).map_err(|_| format!("there is no day {day}"))?;
    Date::from_calendar_date(year, month, day)
        .map(CalendarDate)
        .map_err(|_| format!("{month} {year} has no day {day}"))
}

/// `2025-09-23`, `2025.9.23`, `2025/09/23`, `2025年9月23日` (spaces allowed around the
/// characters), with anything but another digit after it.
fn numeric(text: &str) -> Option<(i32, u32, u32)> {
    let (year, rest) = digits(text, 4, 4)?;
    let (opening, rest) = separator(rest, &['-', '.', '/', '年'])?;
    let (month, rest) = digits(rest, 1, 2)?;
    let closing = if opening == '年' { '月' } else { opening };
    let (_, rest) = separator(rest, &[closing])?;
    let (day, rest) = digits(rest, 1, 2)?;
    let next = rest.chars().next();
    (!next.is_some_and(|c| c.is_ascii_digit())).then_some((year as i32, month, day))
}

/// A run of `min..=max` ASCII digits at the start of `text`, and what follows it.
fn digits(text: &str, min: usize, max: usize) -> Option<(u32, &str)> {
    let end = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    if !(min..=max).contains(&end) {
        return None;
    }
    Some((text[..end].parse().ok()?, &text[end..]))
}

/// One of `allowed` at the start of `text` (after spaces), and what follows it.
fn separator<'a>(text: &'a str, allowed: &[char]) -> Option<(char, &'a str)> {
    let text = text.trim_start();
    let c = text.chars().next().filter(|c| allowed.contains(c))?;
    Some((c, text[c.len_utf8()..].trim_start()))
}

/// `September 23, 2025`, `Sep. 23 2025`, `23 Sep 2025`, `23rd September 2025`, each
/// perhaps after a weekday (`Tuesday, 23 September 2025`).
fn in_words(text: &str) -> Option<(i32, u32, u32)> {
    let mut words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    let [first, second, year, ..] = words[..] else { return None };
    let (month, day) = match (month_number(first), month_number(second)) {
        (Some(month), None) => (month, day_number(second)?),
        (None, Some(month)) => (month, day_number(first)?),
        _ => return None,
    };
    let (year, rest) = digits(year, 4, 4)?;
    rest.is_empty().then_some((year as i32, month, day))
}

/// `23`, `3rd`, `21st`: the day of the month as written in English.
fn day_number(word: &str) -> Option<u32> {
    let (day, rest) = digits(word, 1, 2)?;
    matches!(rest.to_ascii_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th").then_some(day)
}

/// 1–12 for an English month name or its abbreviation of three letters or more
/// (`Sep`, `Sept.`, `September`), in any case.
fn month_number(word: &str) -> Option<u32> {
    let months = std::iter::successors(Some(Month::January), |m| Some(m.next())).take(12);
    let position = months.map(|m| m.to_string()).position(|name| is_abbreviation(word, &name))?;
    Some(position as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let days = std::iter::successors(Some(Weekday::Monday), |d| Some(d.next())).take(7);
    days.map(|d| d.to_string()).any(|name| is_abbreviation(word, &name))
}

/// Whether `word` (a trailing `.` aside) is `name` or a beginning of it of three letters
/// or more, ignoring case.
fn is_abbreviation(word: &str, name: &str) -> bool {
    let word = word.strip_suffix('.').unwrap_or(word);
    word.len() >= 3
        && word.is_ascii()
        && name.len() >= word.len()
        && name[..word.len()].eq_ignore_ascii_case(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(text: &str) -> Option<(i32, u8, u8)> {
        match read_date(text) {
            DateReading::Date(date) => Some(date.ymd()),
            _ => None,
        }
    }

    #[test]
    fn report_forms_are_read() {
        let forms = [
            ("2025-09-23", (2025, 9, 23)),
            ("2025.9.23", (2025, 9, 23)),
            ("2025.09.23", (2025, 9, 23)),
            ("2025/09/23", (2025, 9, 23)),
            ("2025年9月23日", (2025, 9, 23)),
            ("2025 年 9 月 23 日", (2025, 9, 23)),
            ("2025-9-3 10:00", (2025, 9, 3)),
            ("2025-09-23T08:00:00Z", (2025, 9, 23)),
            ("September 23, 2025", (2025, 9, 23)),
            ("Sep 23, 2025", (2025, 9, 23)),
            ("Sept. 23, 2025", (2025, 9, 23)),
            ("23 Sep 2025", (2025, 9, 23)),
            ("23 September 2025", (2025, 9, 23)),
            ("23rd september 2025", (2025, 9, 23)),
            ("Tuesday, September 23, 2025", (2025, 9, 23)),
            ("2024-02-29", (2024, 2, 29)),
        ];
        for (text, expected) in forms {
            assert_eq!(ymd(text), Some(expected), "{text}");
        }
    }

    #[test]
    fn impossible_days_are_told_apart_from_unreadable_text() {
        for text in
            ["2025-02-30", "2025.02.29", "2025年13月1日", "September 31, 2025", "0999-01-01"]
        {
            assert!(matches!(read_date(text), DateReading::Impossible(_)), "{text}");
        }
        for text in ["2024.9", "23/09/2025", "第 1 季度", "soon", "", "2025-09-234", "Sep 2025"]
        {
            assert_eq!(read_date(text), DateReading::Unreadable, "{text}");
        }
        let DateReading::Impossible(reason) = read_date("2025-02-30") else { unreachable!() };
        assert_eq!(reason, "February 2025 has no day 30");
    }

    #[test]
    fn only_real_days_are_calendar_dates() {
        assert_eq!(CalendarDate::new(2025, 2, 29), None);
        assert_eq!(CalendarDate::new(2025, 9, 23).map(|d| d.ymd()), Some((2025, 9, 23)));
        let json = serde_json::to_string(&CalendarDate::new(2025, 9, 23)).unwrap();
        assert_eq!(json, "[2025,9,23]");
    }
}
