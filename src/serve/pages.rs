//! The app's pages: small HTML shells (the index is filled in here) whose own scripts
//! fetch a report's state and draw it. All HTML, CSS and JS is Folio's, embedded.

use super::library::Entry;
use super::routes::{Reply, download_key};
use crate::html::escape::escape_html;
use crate::output::Output;

/// The embedded assets, by the name under `/assets/`.
const ASSETS: [(&str, &str, &str); 5] = [
    ("app.css", "text/css; charset=utf-8", include_str!("assets/app.css")),
    ("report.js", "text/javascript; charset=utf-8", include_str!("assets/report.js")),
    ("present.js", "text/javascript; charset=utf-8", include_str!("assets/present.js")),
    ("upload.js", "text/javascript; charset=utf-8", include_str!("assets/upload.js")),
    ("index.js", "text/javascript; charset=utf-8", include_str!("assets/index.js")),
];

/// An embedded asset, if `name` is one.
pub fn asset(name: &str) -> Option<Reply> {
    let (_, content_type, text) = ASSETS.iter().find(|(n, _, _)| *n == name)?;
    Some(Reply::new(200, content_type, text.as_bytes()))
}

/// A page: `body` inside the app's frame, with `script` loaded.
fn page(title: &str, body_attributes: &str, body: &str, script: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} · Folio</title>\n<link rel=\"stylesheet\" href=\"/assets/app.css\">\n\
         </head>\n<body {body_attributes}>\n{body}\n\
         <script src=\"/assets/{script}\"></script>\n</body>\n</html>\n",
        escape_html(title)
    )
}

/// The list of reports: a thumbnail of each, its page and slide counts and warnings.
pub fn index(entries: &[Entry], uploads: bool) -> String {
    let mut items = String::new();
    for (id, entry) in entries.iter().enumerate() {
        let shown = entry.shown.as_deref();
        let pages = shown.map_or(0, |s| s.report_pages.len());
        let slides = shown.map_or(0, |s| s.slide_pages.len());
        let warnings = shown.map_or(0, |s| s.warnings.len());
        let thumb = match pages {
            0 => String::from("<div class=\"thumb empty\"></div>"),
            _ => format!(
                "<img class=\"thumb\" src=\"/r/{id}/report/1.svg?v={}\" alt=\"\">",
                entry.version
            ),
        };
        let problem = match &entry.problem {
            Some(_) => "<span class=\"bad\">does not build</span>",
            None => "",
        };
        items.push_str(&format!(
            "<li class=\"report-card\"><a href=\"/r/{id}\">{thumb}<span class=\"name\">{}</span></a>\
             <span class=\"counts\">{pages} pages · {slides} slides · {warnings} warnings</span>{problem}</li>\n",
            escape_html(&entry.name)
        ));
    }
    let upload = match uploads {
        true => "<p><a href=\"/upload\">Convert a file…</a></p>",
        false => "",
    };
    let body = format!(
        "<header><h1>Folio</h1></header>\n<main>{upload}<ul class=\"reports\">\n{items}</ul></main>"
    );
    page("Reports", "class=\"index\"", &body, "index.js")
}

/// A report's page: briefing and slides side by side, warnings, downloads.
pub fn report(id: usize, name: &str) -> String {
    let body = format!(
        "<header><a href=\"/\">Folio</a> / <span class=\"name\">{}</span>\
         <nav><a href=\"/r/{id}/present\" target=\"_blank\">Present</a>\
         <span id=\"downloads\"></span></nav></header>\n\
         <div id=\"banner\" hidden></div>\n\
         <main class=\"panes\"><section id=\"report\" class=\"pane\"><h2>Briefing</h2><div class=\"pages\"></div></section>\
         <section id=\"slides\" class=\"pane\"><h2>Slides</h2><div class=\"pages\"></div></section></main>\n\
         <section id=\"warnings\"></section>",
        escape_html(name)
    );
    page(name, &format!("class=\"report-page\" data-id=\"{id}\""), &body, "report.js")
}

/// The presenter view (current and next slide, notes, timer, count) or the audience
/// view (the current slide alone); both follow each other.
pub fn presenter(id: usize, name: &str, role: &'static str) -> String {
    let body = match role {
        "audience" => "<main class=\"audience\"><img id=\"current\" alt=\"\"></main>".to_string(),
        _ => format!(
            "<main class=\"presenter\"><div class=\"now\"><img id=\"current\" alt=\"\"></div>\
             <aside><h2>Next</h2><img id=\"next\" alt=\"\"><div id=\"count\"></div>\
             <div id=\"timer\">0:00</div>\
             <a href=\"/r/{id}/audience\" target=\"_blank\" id=\"open-audience\">Audience view</a>\
             <p class=\"keys\">→ space: next · ←: back · Home, End</p></aside>\
             <section class=\"notes\"><h2>Notes</h2><div id=\"notes\"></div></section></main>"
        ),
    };
    page(
        name,
        &format!("class=\"{role}\" data-id=\"{id}\" data-role=\"{role}\""),
        &body,
        "present.js",
    )
}

/// The converter page.
pub fn upload() -> String {
    let body = "<header><a href=\"/\">Folio</a> / Convert a file</header>\n<main class=\"upload\">\
        <p>Choose a Markdown file, or a zip of one with its pictures.</p>\
        <input type=\"file\" id=\"file\" accept=\".md,.markdown,.zip,text/markdown\">\
        <button id=\"send\">Convert</button><div id=\"result\"></div></main>";
    page("Convert", "class=\"upload-page\"", body, "upload.js")
}

/// What a report's page draws: version, problem, warnings, page counts and sizes,
/// notes, downloads.
pub fn state(
    id: usize,
    entry: &Entry,
    on_demand: &super::on_demand::OnDemand,
) -> serde_json::Value {
    let shown = entry.shown.as_deref();
    let size = |pages: Option<&Vec<String>>| {
        pages.and_then(|p| p.first()).and_then(|svg| crate::html::svg_size(svg))
    };
    // What each save made, and what is made when downloaded (see `on_demand`).
    let made: Vec<Output> =
        shown.map(|s| s.downloads.iter().map(|(o, _)| *o).collect()).unwrap_or_default();
    let outputs: Vec<Output> = Output::ALL
        .into_iter()
        .filter(|o| made.contains(o) || (shown.is_some() && on_demand.makes(*o)))
        .collect();
    let downloads: Vec<serde_json::Value> = outputs
        .into_iter()
        .map(|output| {
            let key = download_key(output);
            serde_json::json!({ "label": output.describe(), "key": key, "url": format!("/r/{id}/download/{key}") })
        })
        .collect();
    serde_json::json!({
        "id": id,
        "name": entry.name,
        "version": entry.version,
        "build_ms": entry.build_ms,
        "problem": entry.problem,
        "warnings": shown.map(|s| s.warnings.clone()).unwrap_or_default(),
        "report_pages": shown.map_or(0, |s| s.report_pages.len()),
        "slide_pages": shown.map_or(0, |s| s.slide_pages.len()),
        "report_size": size(shown.map(|s| &s.report_pages)),
        "slide_size": size(shown.map(|s| &s.slide_pages)),
        "notes": shown.map(|s| s.notes.clone()).unwrap_or_default(),
        "downloads": downloads,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_are_text_on_every_page() {
        let job = crate::inputs::Job::new("<script>x</script>.md".into(), "out/x".into());
        let library = super::super::library::Library::new(vec![job]);
        let hostile = "<script>x</script>";
        let index = index(&library.entries(), false);
        let pages = [index, report(0, "<script>x</script>.md"), presenter(0, hostile, "presenter")];
        for page in pages {
            assert!(!page.contains(hostile), "{page}");
            assert!(page.contains("&lt;script&gt;x&lt;/script&gt;"));
        }
    }
}
