//! The label column: whether its labels are points in time (years, quarters, months,
//! halves, `2025E`) or categories (companies, regions), and which are estimates.

/// Suffixes that mark an estimate or forecast (`2025E`, `2026F`, `2027（预测）`).
const ESTIMATE_MARKS: &[&str] = &[
    "(E)",
    "（E）",
    "(F)",
    "（F）",
    "E",
    "F",
    "e",
    "f",
    "*",
    "（预测）",
    "(预测)",
    "预测",
    "预计",
    "（估）",
    "(估)",
    "估",
];

const MONTHS: &[&str] =
    &["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Whether a label names an estimate or forecast rather than a reported figure.
pub fn is_estimate(label: &str) -> bool {
    let label = label.trim();
    ESTIMATE_MARKS
        .iter()
        .any(|mark| label.strip_suffix(mark).is_some_and(|rest| is_time(rest.trim())))
}

/// Whether every label is a point in time, so the chart runs left to right in their
/// order.
pub fn all_time_like(labels: &[String]) -> bool {
    labels.iter().all(|label| {
        let label = label.trim();
        is_time(label)
            || ESTIMATE_MARKS
                .iter()
                .any(|m| label.strip_suffix(m).is_some_and(|r| is_time(r.trim())))
    })
}

/// `2024`, `2024年`, `FY2024`, `2024Q1`, `Q1 2024`, `2024 H1`, `1Q24`, `2024-03`,
/// `2024年3月`, `3月`, `Mar 2024`, `第一季度`.
fn is_time(label: &str) -> bool {
    let lower = super::numbers::normalise(label).to_lowercase();
    let lower = lower.trim_start_matches("fy").trim();
    if lower.is_empty() {
        return false;
    }
    let has_year = year_in(lower);
    let rest: String = lower
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !"-/.年月日".contains(*c))
        .collect();
    let periods =
        ["q", "h", "季度", "上半年", "下半年", "第一季度", "第二季度", "第三季度", "第四季度"];
    let short_period =
        lower.chars().any(|c| c.is_ascii_digit()) && periods.contains(&rest.as_str());
    let month = MONTHS.iter().any(|m| rest.starts_with(m) && rest.len() <= 9);
    let numeric_date = rest.is_empty() && (has_year || lower.ends_with('月'));
    numeric_date
        || short_period
        || (month && (has_year || rest.len() <= 9))
        || periods[4..].contains(&rest.as_str())
}

/// Whether the label holds a year from 1900 to 2099.
fn year_in(label: &str) -> bool {
    let digits: Vec<char> = label.chars().collect();
    digits.windows(4).enumerate().any(|(i, w)| {
        let before = i.checked_sub(1).map(|j| digits[j]);
        let after = digits.get(i + 4);
        w.iter().all(char::is_ascii_digit)
            && (w[0..2] == ['1', '9'] || w[0..2] == ['2', '0'])
            && !before.is_some_and(|c| c.is_ascii_digit())
            && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn points_in_time_are_told_from_categories() {
        for time in [
            &["2023", "2024", "2025E"][..],
            &["2023年", "2024年", "2025年（预测）"],
            &["2024Q1", "2024Q2", "Q3 2024"],
            &["1Q24", "2Q24", "3Q24"],
            &["2024-01", "2024-02", "2024-03"],
            &["1月", "2月", "3月"],
            &["2024年1月", "2024年2月", "2024年3月"],
            &["Jan 2024", "Feb 2024", "Mar 2024"],
            &["FY2023", "FY2024", "FY2025F"],
            &["２０２２年", "２０２３年", "２０２４年"],
            &["2024 H1", "2024 H2", "2025 H1"],
        ] {
            assert!(all_time_like(&labels(time)), "{time:?}");
        }
        for categories in [
            &["宁德时代", "比亚迪", "LG"][..],
            &["North", "South", "East"],
            &["A100", "H100", "B200"],
            &["12345", "2", "3"],
        ] {
            assert!(!all_time_like(&labels(categories)), "{categories:?}");
        }
    }

    #[test]
    fn estimates_are_marked() {
        assert!(is_estimate("2025E") && is_estimate("2026F") && is_estimate("2027年（预测）"));
        assert!(is_estimate("FY2025E") && is_estimate("2025*"));
        assert!(!is_estimate("2024") && !is_estimate("Apple") && !is_estimate("SAFE"));
    }
}
