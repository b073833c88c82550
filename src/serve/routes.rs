//! Answering one request. Every route maps to something in memory — an embedded asset, a
//! report by number, an output by its fixed name, an upload by its random token — and
//! anything else is 404: no part of a request ever becomes a file path.

use super::App;
use super::library::Entry;
use super::pages;
use crate::output::Output;
use std::io::Write;
use tiny_http::{Method, Request};

/// An answer, before it is sent.
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// A file name: the browser saves the body instead of showing it.
    pub attachment: Option<String>,
}

impl Reply {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, content_type, body: body.into(), attachment: None }
    }

    pub fn html(body: String) -> Reply {
        Reply::new(200, "text/html; charset=utf-8", body)
    }

    pub fn json(value: &serde_json::Value) -> Reply {
        Reply::new(200, "application/json", value.to_string())
    }

    pub fn not_found() -> Reply {
        Reply::new(404, "text/plain; charset=utf-8", "not found\n")
    }
}

/// The app's pages may load only their own scripts, styles and pictures, and talk only
/// to this server; Typst's SVG pages need their inline styles.
const PAGE_POLICY: &str = "default-src 'self'; img-src 'self' data: blob:; \
    style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; \
    form-action 'self'; base-uri 'none'";
const SVG_POLICY: &str = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

/// Answers `request`; the events stream keeps its connection until the page closes.
pub fn respond(app: &App, request: Request) {
    let header = |name: &str| {
        request
            .headers()
            .iter()
            .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
            .map(|h| h.value.as_str().to_string())
    };
    if !app.guard.admits(header("Host").as_deref(), header("Origin").as_deref()) {
        let text = "refused: this server answers only its own pages\n";
        return send(request, Reply::new(403, "text/plain; charset=utf-8", text));
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or_default().to_string();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    match (request.method(), segments.as_slice()) {
        (Method::Get, ["events"]) => app.hub.stream(request.into_writer(), app.stop),
        (Method::Post, ["upload"]) => match &app.uploads {
            Some(uploads) => super::upload::receive(uploads, request),
            None => send(request, Reply::not_found()),
        },
        (Method::Get | Method::Head, segments) => {
            let reply = route(app, segments);
            send(request, reply)
        }
        _ => send(request, Reply::new(405, "text/plain; charset=utf-8", "method not allowed\n")),
    }
}

/// The reply to a GET of `segments` (the path split at `/`).
fn route(app: &App, segments: &[&str]) -> Reply {
    let entry = |id: &str| id.parse::<usize>().ok().and_then(|id| app.library.get(id));
    match segments {
        [""] => Reply::html(pages::index(&app.library.entries(), app.uploads.is_some())),
        ["assets", name] => pages::asset(name).unwrap_or_else(Reply::not_found),
        ["upload"] if app.uploads.is_some() => Reply::html(pages::upload()),
        ["u", token, key] => match &app.uploads {
            Some(uploads) => uploads.download(token, key).unwrap_or_else(Reply::not_found),
            None => Reply::not_found(),
        },
        ["r", id, rest @ ..] => match (id.parse::<usize>(), entry(id)) {
            (Ok(number), Some(entry)) => report_route(app, number, &entry, rest),
            _ => Reply::not_found(),
        },
        _ => Reply::not_found(),
    }
}

/// The routes of one report.
fn report_route(app: &App, id: usize, entry: &Entry, rest: &[&str]) -> Reply {
    let shown = entry.shown.as_deref();
    match rest {
        [] => Reply::html(pages::report(id, &entry.name)),
        ["present"] => Reply::html(pages::presenter(id, &entry.name, "presenter")),
        ["audience"] => Reply::html(pages::presenter(id, &entry.name, "audience")),
        ["state"] => Reply::json(&pages::state(id, entry, &app.on_demand)),
        [kind @ ("report" | "slides"), file] => {
            let pages = match (*kind, shown) {
                ("report", Some(shown)) => &shown.report_pages,
                (_, Some(shown)) => &shown.slide_pages,
                _ => return Reply::not_found(),
            };
            let number = file.strip_suffix(".svg").and_then(|n| n.parse::<usize>().ok());
            match number.and_then(|n| n.checked_sub(1)).and_then(|i| pages.get(i)) {
                Some(svg) => Reply::new(200, "image/svg+xml", svg.as_bytes()),
                None => Reply::not_found(),
            }
        }
        ["download", key] => match shown.and_then(|shown| download(app, id, entry, shown, key)) {
            Some(Ok((output, bytes))) => {
                let mut reply = Reply::new(200, content_type(output), bytes);
                reply.attachment = Some(file_name(&entry.job.input, output));
                reply
            }
            Some(Err(message)) => Reply::new(500, "text/plain; charset=utf-8", message),
            None => Reply::not_found(),
        },
        _ => Reply::not_found(),
    }
}

/// The output named `key` in a download's URL, made on every save or now.
fn download(
    app: &App,
    id: usize,
    entry: &Entry,
    shown: &super::library::Rendering,
    key: &str,
) -> Option<Result<(Output, Vec<u8>), String>> {
    if let Some((output, bytes)) = shown.downloads.iter().find(|(o, _)| download_key(*o) == key) {
        return Some(Ok((*output, bytes.clone())));
    }
    let output = app.on_demand.outputs().find(|o| download_key(*o) == key)?;
    Some(app.on_demand.file(id, entry, output).map(|bytes| (output, bytes)))
}

/// An output's name in URLs: its file name after the stem (`slides.pdf`).
pub fn download_key(output: Output) -> String {
    let name = output.path(std::path::Path::new("")).display().to_string();
    name.trim_start_matches('.').to_string()
}

/// The name a download is saved under: the report's stem, made of safe characters only,
/// and the output's suffix.
pub fn file_name(input: &std::path::Path, output: Output) -> String {
    let stem = input.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    // Letters and digits of any script stay (`港口简报.pdf`); the header carries them
    // percent-encoded (see `send`).
    let safe: String = stem
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect();
    let safe = if safe.trim_matches(['.', '_']).is_empty() { "report".to_string() } else { safe };
    format!("{safe}.{}", download_key(output))
}

/// The media type of an output.
pub fn content_type(output: Output) -> &'static str {
    match output.extension() {
        "pdf" => "application/pdf",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "html" => "text/html; charset=utf-8",
        _ => "application/json",
    }
}

/// Sends `reply` with the headers every answer carries, then closes the connection.
///
/// Written by hand on the raw stream because tiny_http drops a `Connection` header: an
/// idle keep-alive connection holds one of tiny_http's connection threads, and under load
/// a new connection could wait in its queue behind them (a page that never loaded, seen
/// in the browser tests). Closed connections free their thread at once; on loopback a
/// new connection per request costs well under a millisecond.
pub fn send(request: Request, reply: Reply) {
    let policy = if reply.content_type == "image/svg+xml" { SVG_POLICY } else { PAGE_POLICY };
    let mut head = format!("HTTP/1.1 {} {}\r\n", reply.status, reason(reply.status));
    let mut header = |field: &str, value: &str| head.push_str(&format!("{field}: {value}\r\n"));
    header("Content-Type", reply.content_type);
    header("Content-Length", &reply.body.len().to_string());
    header("Cache-Control", "no-store");
    header("X-Content-Type-Options", "nosniff");
    header("Referrer-Policy", "no-referrer");
    header("Content-Security-Policy", policy);
    if let Some(name) = &reply.attachment {
        // Names are made of safe characters only (`file_name`).
        // RFC 6266: an ASCII name for old clients, the UTF-8 one for the rest.
        let ascii: String = name.chars().map(|c| if c.is_ascii() { c } else { '_' }).collect();
        const KEPT: &percent_encoding::AsciiSet =
            &percent_encoding::NON_ALPHANUMERIC.remove(b'.').remove(b'-').remove(b'_');
        let encoded = percent_encoding::utf8_percent_encode(name, KEPT);
        let value = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
        header("Content-Disposition", &value);
    }
    header("Connection", "close");
    head.push_str("\r\n");
    let head_only = *request.method() == Method::Head;
    let mut stream = request.into_writer();
    let body: &[u8] = if head_only { &[] } else { &reply.body };
    let _ = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body));
    let _ = stream.flush();
}

/// The reason phrase of the statuses this server sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Content Too Large",
        422 => "Unprocessable Content",
        _ => "Internal Server Error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn downloads_are_named_from_the_stem_with_safe_characters() {
        let keys: Vec<String> = Output::ALL.into_iter().map(download_key).collect();
        assert_eq!(keys[..4], ["pdf", "slides.pdf", "slides.pdfpc", "notes.pdf"]);
        let input = std::path::Path::new("dir/Q3 \"final\".md");
        assert_eq!(file_name(input, Output::Pptx), "Q3__final_.pptx");
        assert_eq!(file_name(std::path::Path::new("\"\".md"), Output::Report), "report.pdf");
    }
}
