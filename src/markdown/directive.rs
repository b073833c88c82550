//! Directive comments: `<!-- folio: chart=line -->` right above a block steers how Folio
//! treats that one block. Only tables read them for now (`chart=auto|none|column|bar|line`);
//! a comment that is not a directive stays an invisible comment, and a directive Folio
//! cannot use is a warning, never an error.

use crate::model::{ChartKind, ChartRequest};

/// What one directive comment asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Directive {
    pub chart: ChartRequest,
}

/// Reads an HTML block: `None` when it is not a `<!-- folio: … -->` comment, else the
/// directive or the reason it cannot be used.
pub fn parse(html: &str) -> Option<Result<Directive, String>> {
    let body = html.trim().strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let settings = body.strip_prefix("folio:")?;
    Some(parse_settings(settings))
}

/// `chart=line` pairs, separated by spaces or commas.
fn parse_settings(settings: &str) -> Result<Directive, String> {
    let mut directive = Directive { chart: ChartRequest::Auto };
    let pairs = settings.split([' ', ',', '\t', '\n']).filter(|p| !p.is_empty());
    let mut any = false;
    for pair in pairs {
        any = true;
        let (key, value) = pair
            .split_once('=')
            .ok_or_else(|| format!("\"{pair}\" is not a setting like chart=line"))?;
        match key.trim() {
            "chart" => directive.chart = chart_request(value.trim())?,
            other => return Err(format!("unknown setting \"{other}\"; settings: chart")),
        }
    }
    match any {
        true => Ok(directive),
        false => Err("no setting given (e.g. chart=line)".to_string()),
    }
}

fn chart_request(value: &str) -> Result<ChartRequest, String> {
    Ok(match value {
        "auto" => ChartRequest::Auto,
        "none" | "off" => ChartRequest::Off,
        "column" | "columns" => ChartRequest::Kind(ChartKind::Column),
        "bar" | "bars" => ChartRequest::Kind(ChartKind::Bar),
        "line" => ChartRequest::Kind(ChartKind::Line),
        "column-line" => ChartRequest::Kind(ChartKind::ColumnLine),
        other => {
            return Err(format!(
                "chart=\"{other}\" is not one of auto, none, column, bar, line, column-line"
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_are_read_and_other_comments_ignored() {
        let line = parse("<!-- folio: chart=line -->\n").unwrap().unwrap();
        assert_eq!(line.chart, ChartRequest::Kind(ChartKind::Line));
        assert_eq!(parse("<!--folio:chart=none-->").unwrap().unwrap().chart, ChartRequest::Off);
        assert!(parse("<!-- an ordinary comment -->").is_none());
        assert!(parse("<div>folio: chart=line</div>").is_none());
    }

    #[test]
    fn bad_directives_say_why() {
        let unknown = parse("<!-- folio: chart=pie -->").unwrap().unwrap_err();
        assert!(unknown.contains("chart=\"pie\""), "{unknown}");
        let key = parse("<!-- folio: colour=red -->").unwrap().unwrap_err();
        assert!(key.contains("unknown setting \"colour\""), "{key}");
        assert!(parse("<!-- folio: -->").unwrap().is_err());
        assert!(parse("<!-- folio: chart -->").unwrap().is_err());
    }
}
