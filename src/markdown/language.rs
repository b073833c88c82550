//! The language of a report that does not name one, guessed from the scripts its letters
//! are written in: Japanese mixes kana into Han, Korean is written in Hangul (with a few
//! Han characters at most), Chinese is Han alone. The tag picks Typst's line-breaking
//! and punctuation rules, the PDF's `/Lang` and the words Folio writes (page labels…).

use unicode_script::{Script, UnicodeScript};

/// Letters counted by script.
#[derive(Debug, Default)]
struct Counts {
    han: usize,
    kana: usize,
    hangul: usize,
    letters: usize,
}

impl Counts {
    fn of(text: &str) -> Counts {
        let mut counts = Counts::default();
        for c in text.chars().filter(|c| c.is_alphabetic()) {
            counts.letters += 1;
            match c.script() {
                Script::Han => counts.han += 1,
                Script::Hiragana | Script::Katakana => counts.kana += 1,
                Script::Hangul => counts.hangul += 1,
                _ => {}
            }
        }
        counts
    }
}

/// `ja`, `ko` or `zh` when East Asian letters make up a noticeable share (a fifth) of the
/// letters, else `en` (Latin and every other script, as before scripts were told apart).
///
/// Kana decide for Japanese from a tenth of the East Asian letters on: Japanese prose
/// is a third to a half kana, while a Chinese report quoting a Japanese name has a few.
/// Hangul decides for Korean when it outnumbers Han and kana.
pub fn guess(text: &str) -> &'static str {
    let counts = Counts::of(text);
    let east_asian = counts.han + counts.kana + counts.hangul;
    if east_asian * 5 <= counts.letters {
        return "en";
    }
    if counts.hangul * 2 > east_asian {
        "ko"
    } else if counts.kana * 10 >= east_asian {
        "ja"
    } else {
        "zh"
    }
}

#[cfg(test)]
mod tests {
    use super::guess;

    #[test]
    fn reports_are_told_apart_by_their_scripts() {
        let table = [
            ("# 市场报告\n\n本季度销售额增长了百分之十。", "zh"),
            ("# 市場レポート\n\n今四半期の売上は一割増えました。", "ja"),
            ("# 시장 보고서\n\n이번 분기 매출은 10% 증가했습니다.", "ko"),
            ("# 韓國 市場 보고서\n\n이번 분기 매출은 증가했습니다.", "ko"),
            ("# Market report\n\nSales grew by ten percent.", "en"),
            ("# Рыночный отчёт\n\nПродажи выросли.", "en"),
            // A Chinese report naming one Japanese brand stays Chinese.
            (
                "本季度，公司与日本企业「ソニー」签订了新的长期合作协议，销售额增长了百分之十，利润率显著提高。",
                "zh",
            ),
            ("An English report citing 中文 once, at length, in passing.", "en"),
            ("", "en"),
        ];
        for (text, expected) in table {
            assert_eq!(guess(text), expected, "{text}");
        }
    }
}
