//! One picture over HTTP: redirects followed by hand so that every hop's host is checked
//! ([`super::guard`]) and connected to at the addresses checked, with a time limit over
//! the whole download and a size limit on the body.

use super::guard::resolve_checked;
use std::io::Read;
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use url::Url;

/// What one download may cost.
#[derive(Debug, Clone)]
pub struct Bounds {
    /// The body is cut off and refused past this many bytes, e.g. 20 MB.
    pub max_bytes: u64,
    /// Redirects followed at most, e.g. 5.
    pub max_redirects: u32,
    /// Whether loopback and private addresses may be fetched from.
    pub allow_private: bool,
}

/// What a cached copy is revalidated with.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The server's answer.
#[derive(Debug)]
pub enum Reply {
    /// The picture's bytes, with what later revalidates them.
    Body { bytes: Vec<u8>, validators: Validators },
    /// 304: the cached copy is still right.
    NotModified,
}

/// Downloads `url` before `deadline`; `Err` says why not, in words for a warning.
pub fn get(
    url: &str,
    validators: &Validators,
    bounds: &Bounds,
    deadline: Instant,
) -> Result<Reply, String> {
    let check = |host: &str, port| {
        let left = deadline.saturating_duration_since(Instant::now());
        resolve_checked(host, port, bounds.allow_private, left)
    };
    get_checked(url, validators, bounds, deadline, &check)
}

/// Where a hop may connect: the checked addresses of `host:port`, or why none.
type Check<'c> = &'c dyn Fn(&str, u16) -> Result<Vec<SocketAddr>, String>;

/// [`get`], each hop's host checked by `check`.
fn get_checked(
    url: &str,
    validators: &Validators,
    bounds: &Bounds,
    deadline: Instant,
    check: Check,
) -> Result<Reply, String> {
    let mut url = Url::parse(url).map_err(|e| format!("not a valid address: {e}"))?;
    for _ in 0..=bounds.max_redirects {
        let response = request(&url, validators, deadline, check)?;
        match response.status() {
            304 => return Ok(Reply::NotModified),
            200..=299 => return read_body(response, bounds.max_bytes),
            300..=399 => {
                let location = response.header("location").ok_or("a redirect without a target")?;
                url = url.join(location).map_err(|e| format!("a bad redirect target: {e}"))?;
            }
            status => return Err(format!("the server answered {status}")),
        }
    }
    Err(format!("too many redirects (the limit is {})", bounds.max_redirects))
}

/// One request to `url`, connected to the addresses its host was checked to have.
fn request(
    url: &Url,
    validators: &Validators,
    deadline: Instant,
    check: Check,
) -> Result<ureq::Response, String> {
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("{}: only http and https pictures are fetched", url.scheme()));
    }
    let host = url.host_str().ok_or("an address without a host")?;
    let port = url.port_or_known_default().ok_or("an address without a port")?;
    let addresses: Vec<SocketAddr> = check(host, port)?;
    let left = deadline.saturating_duration_since(Instant::now());
    if left.is_zero() {
        return Err("the time limit ran out".into());
    }
    // No proxy from the environment: a proxy would connect to a host Folio did not check.
    let agent = ureq::AgentBuilder::new()
        .redirects(0)
        .timeout(left)
        .user_agent(concat!("folio/", env!("CARGO_PKG_VERSION")))
        .resolver(move |_: &str| Ok(addresses.clone()))
        .build();
    let mut request = agent.request_url("GET", url);
    if let Some(etag) = &validators.etag {
        request = request.set("If-None-Match", etag);
    }
    if let Some(date) = &validators.last_modified {
        request = request.set("If-Modified-Since", date);
    }
    match request.call() {
        Ok(response) => Ok(response),
        Err(ureq::Error::Status(status, _)) => Err(format!("the server answered {status}")),
        Err(ureq::Error::Transport(transport)) => Err(describe(&transport, left)),
    }
}

/// A transport failure in words: a timeout says so plainly.
fn describe(transport: &ureq::Transport, limit: Duration) -> String {
    let text = transport.to_string();
    if text.contains("timed out") || text.contains("WouldBlock") {
        format!("no answer within the time limit ({:.0} s)", limit.as_secs_f64().ceil())
    } else {
        text
    }
}

/// The body, refused when it is larger than `max_bytes` (as declared or as sent).
fn read_body(response: ureq::Response, max_bytes: u64) -> Result<Reply, String> {
    let too_large = || format!("larger than the limit of {}", megabytes(max_bytes));
    let declared = response.header("content-length").and_then(|n| n.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(too_large());
    }
    let validators = Validators {
        etag: response.header("etag").map(str::to_string),
        last_modified: response.header("last-modified").map(str::to_string),
    };
    let mut bytes = Vec::new();
    let read = response.into_reader().take(max_bytes + 1).read_to_end(&mut bytes);
    read.map_err(|e| match e.kind() {
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            "the download did not finish within the time limit".to_string()
        }
        _ => format!("the download broke off: {e}"),
    })?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(Reply::Body { bytes, validators })
}

/// `20 MB`, `0.5 MB`.
fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb.fract() == 0.0 { format!("{mb} MB") } else { format!("{mb:.1} MB") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;

    /// A server that answers every request with `answer` and counts its connections.
    fn server(answer: String) -> (SocketAddr, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let seen = count.clone();
        std::thread::spawn(move || {
            for mut stream in listener.incoming().flatten() {
                seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut line = String::new();
                while reader.read_line(&mut line).unwrap_or(0) > 2 {
                    line.clear();
                }
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        (address, count)
    }

    /// The first host is let through (as a public one would be); the redirect's target,
    /// a loopback address, meets the real check and is refused before any connection.
    #[test]
    fn every_redirect_hop_is_checked_before_connecting() {
        let (inner, inner_connections) = server("HTTP/1.1 200 OK\r\n\r\n".into());
        let redirect = format!(
            "HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{}/secret\r\nContent-Length: 0\r\n\r\n",
            inner.port()
        );
        let (outer, _) = server(redirect);
        let check = |host: &str, port: u16| match port == outer.port() {
            true => Ok(vec![outer]),
            false => resolve_checked(host, port, false, Duration::from_secs(1)),
        };
        let bounds = Bounds { max_bytes: 1000, max_redirects: 5, allow_private: false };
        let deadline = Instant::now() + Duration::from_secs(5);
        let url = format!("http://127.0.0.1:{}/picture.png", outer.port());
        let refused = get_checked(&url, &Validators::default(), &bounds, deadline, &check);
        let reason = refused.unwrap_err();
        assert!(reason.contains("127.0.0.1 is a private or local address"), "{reason}");
        assert_eq!(inner_connections.load(std::sync::atomic::Ordering::SeqCst), 0);
    }
}
