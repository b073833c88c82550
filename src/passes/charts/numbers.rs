//! Figures as reports write them: `98 亿元`, `约 1,200 万`, `+42%`, `-3.5`, `$30B`,
//! `１２０ GW` (full-width digits), `≈0.8k`. A cell is a number with an optional sign,
//! approximation mark, currency and unit, or it is not a number at all.

/// A number read from a table cell, in the unit it was written in.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    pub value: f64,
    /// The unit, currency sign first when there is one (`亿元`, `%`, `$B`); empty if none.
    pub unit: String,
}

/// Marks of an approximate figure, dropped: the chart shows the figure itself.
const APPROXIMATE: &[&str] = &["大约", "约", "近", "~", "≈", "～", "about ", "approx. ", "c. "];

/// Currency signs written before the figure (`$30`, `US$ 5`, `¥100`).
const CURRENCIES: &[&str] = &["US$", "$", "¥", "￥", "€", "£", "HK$", "RMB"];

/// The longest unit read after a figure (`亿美元/年` is 5 characters).
const LONGEST_UNIT: usize = 8;

/// Reads a cell as a figure; `None` when it is anything but one figure.
pub fn parse_quantity(cell: &str) -> Option<Quantity> {
    let text = normalise(cell);
    let mut rest = text.trim();
    rest = strip_any(rest, APPROXIMATE).trim_start();
    let (negative, after_sign) = match rest.chars().next()? {
        '-' => (true, &rest[1..]),
        '+' => (false, &rest[1..]),
        _ => (false, rest),
    };
    let (currency, after_currency) = take_currency(after_sign.trim_start());
    let (digits, after_digits) = take_digits(after_currency.trim_start())?;
    let mut value: f64 = digits.parse().ok()?;
    if negative {
        value = -value;
    }
    let unit = after_digits.trim();
    if !is_unit(unit) {
        return None;
    }
    // Past 10^15 a figure is no report's number (and Typst's integers end at 2^63).
    (value.abs() < MAX_FIGURE).then(|| Quantity { value, unit: format!("{currency}{unit}") })
}

/// The largest figure charted, in absolute value.
const MAX_FIGURE: f64 = 1e15;

/// Full-width digits and signs as ASCII, the minus sign as a hyphen, no-break spaces as
/// spaces.
pub(super) fn normalise(cell: &str) -> String {
    cell.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '％' => '%',
            '＋' => '+',
            '－' | '−' | '–' => '-',
            '＄' => '$',
            '\u{a0}' | '\u{3000}' | '\u{202f}' => ' ',
            c => c,
        })
        .collect()
}

fn strip_any<'a>(text: &'a str, prefixes: &[&str]) -> &'a str {
    prefixes.iter().find_map(|p| text.strip_prefix(p)).unwrap_or(text)
}

fn take_currency(text: &str) -> (&'static str, &str) {
    for currency in CURRENCIES {
        if let Some(rest) = text.strip_prefix(currency) {
            return (currency, rest);
        }
    }
    ("", text)
}

/// The figure's digits (thousands separators removed) and the text after them. Commas
/// must group thousands (`1,200`, not `1,2`), or the cell is a list, not a figure.
fn take_digits(text: &str) -> Option<(String, &str)> {
    let end =
        text.find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.')).unwrap_or(text.len());
    let written = &text[..end];
    let (whole, fraction) = match written.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (written, None),
    };
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3));
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_digit()));
    if whole.is_empty() || !grouped || !fraction_ok {
        return None;
    }
    let mut digits = whole.replace(',', "");
    if let Some(fraction) = fraction {
        digits.push('.');
        digits.push_str(fraction);
    }
    Some((digits, &text[end..]))
}

/// `%`, `亿元`, `GW`, `元/吨`, `k`: letters (any script) and at most one slash, short.
fn is_unit(unit: &str) -> bool {
    if unit == "%" || unit == "‰" {
        return true;
    }
    let length = unit.chars().count();
    length <= LONGEST_UNIT
        && unit.chars().all(|c| c.is_alphabetic() || c == '/')
        && unit.matches('/').count() <= 1
        && !unit.starts_with('/')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(cell: &str) -> Option<(f64, String)> {
        parse_quantity(cell).map(|q| (q.value, q.unit))
    }

    #[test]
    fn figures_are_read_as_reports_write_them() {
        let cases: &[(&str, f64, &str)] = &[
            ("98 亿元", 98.0, "亿元"),
            ("176亿元", 176.0, "亿元"),
            ("42%", 42.0, "%"),
            ("+80%", 80.0, "%"),
            ("-3.5%", -3.5, "%"),
            ("−12", -12.0, ""),
            ("1,234,567", 1_234_567.0, ""),
            ("约 1,200 万", 1200.0, "万"),
            ("~30k", 30.0, "k"),
            ("≈0.8 GW", 0.8, "GW"),
            ("$30B", 30.0, "$B"),
            ("US$ 5.5 M", 5.5, "US$M"),
            ("¥100", 100.0, "¥"),
            ("１２０ 亿美元", 120.0, "亿美元"),
            ("３５％", 35.0, "%"),
            ("0.51 元/Wh", 0.51, "元/Wh"),
            (" 7 ", 7.0, ""),
        ];
        for (cell, value, unit) in cases {
            assert_eq!(read(cell), Some((*value, unit.to_string())), "{cell}");
        }
    }

    #[test]
    fn anything_but_one_figure_is_not_a_number() {
        for cell in [
            "",
            "—",
            "n/a",
            "暂无",
            "1,2",
            "3-5",
            "12 to 15",
            "2023 年 增长",
            "1.",
            ".5",
            "5 亿 元",
            "10%以上的增长",
            "1e309",
            "10000000000000000000",
            "++1",
            "50 (估)",
            "1/2",
        ] {
            assert_eq!(read(cell), None, "{cell}");
        }
    }

    proptest! {
        #[test]
        fn any_text_is_read_without_panicking(cell in "\\PC{0,24}") {
            if let Some(q) = parse_quantity(&cell) {
                prop_assert!(q.value.is_finite());
            }
        }

        #[test]
        fn written_figures_read_back(value in -1.0e9f64..1.0e9, unit in "(亿元|%|GW|k|)") {
            let cell = format!("{value:.2}{unit}");
            let q = parse_quantity(&cell).unwrap();
            prop_assert!((q.value - value).abs() < 0.006);
            prop_assert_eq!(q.unit, unit);
        }
    }
}
