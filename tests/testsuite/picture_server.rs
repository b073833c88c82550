//! A small HTTP/1.1 server on 127.0.0.1 for the remote picture tests: fixed answers by
//! path, an optional delay, `ETag` revalidation, and a count of every connection, so a
//! test can tell that no request was made at all.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server answers for one path.
#[derive(Clone, Default)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Waits this long before answering.
    pub delay: Duration,
    /// Sends no `Content-Length`: the body ends when the connection closes, so only
    /// counting the bytes as they come can stop an oversized one.
    pub hide_length: bool,
}

impl Answer {
    /// 200 with `body`, its ETag derived from the body's length and first bytes.
    pub fn ok(content_type: &str, body: Vec<u8>) -> Answer {
        let etag =
            format!("\"{}-{}\"", body.len(), body.iter().take(64).map(|b| *b as u32).sum::<u32>());
        let headers = vec![("Content-Type".into(), content_type.into()), ("ETag".into(), etag)];
        Answer { status: 200, headers, body, ..Answer::default() }
    }

    /// A redirect to `location`.
    pub fn redirect(location: &str) -> Answer {
        Answer {
            status: 302,
            headers: vec![("Location".into(), location.into())],
            ..Answer::default()
        }
    }

    fn etag(&self) -> Option<&str> {
        self.headers.iter().find(|(name, _)| name == "ETag").map(|(_, value)| value.as_str())
    }
}

#[derive(Default)]
struct State {
    answers: Mutex<HashMap<String, Answer>>,
    /// Each request's path, with ` (revalidated)` when it carried `If-None-Match`.
    requests: Mutex<Vec<String>>,
    connections: AtomicUsize,
    /// Requests being answered now (read and not yet answered), and the most there ever
    /// were at once.
    active: AtomicUsize,
    most_active: AtomicUsize,
    stopped: AtomicBool,
}

/// The running server; stops when dropped.
pub struct PictureServer {
    address: SocketAddr,
    state: Arc<State>,
}

impl PictureServer {
    pub fn start() -> PictureServer {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let state = Arc::new(State::default());
        let shared = state.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if shared.stopped.load(Ordering::SeqCst) {
                    break;
                }
                shared.connections.fetch_add(1, Ordering::SeqCst);
                let state = shared.clone();
                if let Ok(stream) = stream {
                    std::thread::spawn(move || answer(stream, &state));
                }
            }
        });
        PictureServer { address, state }
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    pub fn set(&self, path: &str, answer: Answer) {
        self.state.answers.lock().unwrap().insert(path.to_string(), answer);
    }

    /// Connections accepted so far.
    pub fn connections(&self) -> usize {
        self.state.connections.load(Ordering::SeqCst)
    }

    /// The most requests that were being answered at once.
    pub fn most_at_once(&self) -> usize {
        self.state.most_active.load(Ordering::SeqCst)
    }

    /// The requests served so far.
    pub fn requests(&self) -> Vec<String> {
        self.state.requests.lock().unwrap().clone()
    }
}

impl Drop for PictureServer {
    fn drop(&mut self) {
        self.state.stopped.store(true, Ordering::SeqCst);
        // Wakes the accepting thread so that it sees the flag.
        let _ = TcpStream::connect(self.address);
    }
}

fn answer(mut stream: TcpStream, state: &State) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut if_none_match = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
    }
    let revalidated = if if_none_match.is_some() { " (revalidated)" } else { "" };
    state.requests.lock().unwrap().push(format!("{path}{revalidated}"));
    let found = state.answers.lock().unwrap().get(&path).cloned();
    let mut answer = found.unwrap_or(Answer { status: 404, ..Answer::default() });
    if answer.status == 200 && if_none_match.is_some() && if_none_match.as_deref() == answer.etag()
    {
        answer = Answer { status: 304, headers: answer.headers.clone(), ..Answer::default() };
    }
    let active = state.active.fetch_add(1, Ordering::SeqCst) + 1;
    state.most_active.fetch_max(active, Ordering::SeqCst);
    std::thread::sleep(answer.delay);
    // Done before answering: a client that has its answer may already send the next one.
    state.active.fetch_sub(1, Ordering::SeqCst);
    let mut head = format!("HTTP/1.1 {} Answer\r\n", answer.status);
    for (name, value) in &answer.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !answer.hide_length {
        head.push_str(&format!("Content-Length: {}\r\n", answer.body.len()));
    }
    head.push_str("Connection: close\r\n\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer.body);
}
