//! The report's date, read once every pass that may find it has run: a real day becomes
//! [`Meta::date_ymd`] (the PDF's and the .pptx's creation date); anything else is still
//! shown as written, with a warning, and never fails the report (issue 17).

use crate::dates::{DateReading, read_date};
use crate::error::Warning;
use crate::model::Meta;

/// Sets `meta.date_ymd` from `meta.date`; a warning at the date's line when it is no day.
pub fn read(meta: &mut Meta) -> Option<Warning> {
    meta.date_ymd = None;
    let written = meta.date.as_deref()?;
    let problem = match read_date(written) {
        DateReading::Date(date) => {
            meta.date_ymd = Some(date);
            return None;
        }
        DateReading::Impossible(reason) => format!("is no real day ({reason})"),
        DateReading::Unreadable => "is not a date Folio can read (it reads 2025-09-23, \
            2025.9.23, 2025/09/23, 2025年9月23日, September 23, 2025 and 23 Sep 2025)"
            .to_string(),
    };
    let shown = crate::text::clip(written, 60);
    Some(Warning {
        line: meta.lines.get("date").copied(),
        message: format!(
            "date \"{shown}\" {problem}; shown as written and left out of the PDF metadata"
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(date: &str) -> Meta {
        let mut meta = Meta { date: Some(date.into()), ..Meta::default() };
        meta.lines.insert("date".into(), 3);
        meta
    }

    #[test]
    fn real_days_are_kept_and_others_warned_about_at_their_line() {
        let mut good = meta("23 Sep 2025");
        assert_eq!(read(&mut good), None);
        assert_eq!(good.date_ymd.map(|d| d.ymd()), Some((2025, 9, 23)));
        for text in ["2025-02-30", "next week"] {
            let mut bad = meta(text);
            let warning = read(&mut bad).expect("a warning");
            assert_eq!(warning.line, Some(3));
            assert!(warning.message.starts_with(&format!("date \"{text}\"")), "{warning:?}");
            assert_eq!(bad.date_ymd, None);
            assert_eq!(bad.date.as_deref(), Some(text));
        }
    }
}
