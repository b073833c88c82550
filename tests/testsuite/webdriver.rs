//! A small WebDriver client for the browser tests: plain HTTP and JSON to `chromedriver`,
//! which drives a headless Debian `chromium`. Also the `folio serve` process under test.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// What to install when the browser is missing.
const INSTALL: &str = "the browser tests need Chromium and its WebDriver: \
    apt-get install chromium chromium-driver (Debian), so that `chromium` and \
    `chromedriver` are on PATH";

/// A headless Chromium session, closed (and its driver stopped) on drop.
pub struct Browser {
    driver: Child,
    base: String,
    /// One browser at a time: the time limits the tests check hold on a busy machine.
    _turn: std::sync::MutexGuard<'static, ()>,
}

static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Browser {
    /// Starts `chromedriver` and a headless Chromium session.
    pub fn start() -> Browser {
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|err| panic!("cannot start chromedriver ({err}): {INSTALL}"));
        let root = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while ureq::get(&format!("{root}/status")).call().is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start: {INSTALL}");
            std::thread::sleep(Duration::from_millis(100));
        }
        let binary = which("chromium").unwrap_or_else(|| panic!("no chromium: {INSTALL}"));
        // Page loads return at DOMContentLoaded: the tests wait for what they check
        // themselves, and a page that holds an event stream open never stops loading for
        // some drivers.
        let capabilities = json!({ "capabilities": { "alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "eager",
            "timeouts": { "pageLoad": 60_000, "script": 30_000 },
            "goog:chromeOptions": { "binary": binary, "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--hide-scrollbars", "--force-device-scale-factor=1"
            ] }
        } } });
        let mut browser = Browser { driver, base: root.clone(), _turn: turn };
        let session = browser.post("/session", &capabilities);
        let id = session["sessionId"].as_str().expect("a session id").to_string();
        browser.base = format!("{root}/session/{id}");
        browser
    }

    fn post(&self, path: &str, body: &Value) -> Value {
        let url = format!("{}{path}", self.base);
        let request = ureq::post(&url).set("Content-Type", "application/json");
        match request.send_string(&body.to_string()) {
            Ok(response) => json_of(response)["value"].take(),
            Err(ureq::Error::Status(code, response)) => {
                let answer = response.into_string().unwrap_or_default();
                panic!(
                    "WebDriver {path} {body}: {code} {}",
                    answer.chars().take(300).collect::<String>()
                )
            }
            Err(err) => panic!("WebDriver {path}: {err}"),
        }
    }

    /// Opens `url` in the current window.
    pub fn open(&self, url: &str) {
        self.post("/url", &json!({ "url": url }));
    }

    /// Runs `script` (a function body) in the page and returns its value.
    pub fn eval(&self, script: &str) -> Value {
        self.post("/execute/sync", &json!({ "script": script, "args": [] }))
    }

    /// Waits until `script` returns `true`; panics with `what` after `limit`.
    pub fn wait_for(&self, script: &str, limit: Duration, what: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(script) == Value::Bool(true) {
                return start.elapsed();
            }
            assert!(start.elapsed() < limit, "waited {limit:?} for {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    /// Presses `key` (a WebDriver key code such as `\u{E014}` for →) in the page.
    pub fn press(&self, key: &str) {
        let actions = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": [
            { "type": "keyDown", "value": key }, { "type": "keyUp", "value": key }
        ] }] });
        self.post("/actions", &actions);
    }

    /// Chooses the file at `path` in the file input `selector`, as a user would.
    pub fn choose_file(&self, selector: &str, path: &Path) {
        let found = self.post("/element", &json!({ "using": "css selector", "value": selector }));
        let id = found.as_object().and_then(|o| o.values().next()).and_then(Value::as_str);
        let id = id.unwrap_or_else(|| panic!("no element {selector}"));
        self.post(&format!("/element/{id}/value"), &json!({ "text": path.display().to_string() }));
    }

    /// Opens a new window (a tab) and returns its handle.
    pub fn new_window(&self) -> String {
        let value = self.post("/window/new", &json!({ "type": "tab" }));
        value["handle"].as_str().expect("a window handle").to_string()
    }

    /// The current window's handle.
    pub fn window(&self) -> String {
        let url = format!("{}/window", self.base);
        let response = ureq::get(&url).call().expect("window handle");
        json_of(response)["value"].as_str().unwrap_or_default().into()
    }

    /// Makes `handle` the window commands go to.
    pub fn switch_to(&self, handle: &str) {
        self.post("/window", &json!({ "handle": handle }));
    }

    /// Cuts the browser off the network (Chromium's network emulation).
    pub fn go_offline(&self) {
        let conditions = json!({ "network_conditions": {
            "offline": true, "latency": 0, "download_throughput": 0, "upload_throughput": 0
        } });
        self.post("/chromium/network_conditions", &conditions);
    }

    /// A PNG of the window, saved at `path`.
    pub fn screenshot(&self, path: &Path) {
        use base64::Engine as _;
        let url = format!("{}/screenshot", self.base);
        let response = ureq::get(&url).call().expect("screenshot");
        let value = json_of(response);
        let png = base64::engine::general_purpose::STANDARD
            .decode(value["value"].as_str().expect("base64"))
            .expect("a PNG");
        std::fs::write(path, png).expect("screenshot written");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.base).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// `folio serve` running on a free port, stopped on drop.
pub struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT/`
    pub url: String,
}

impl Served {
    /// Starts `folio serve ARGS` in `dir` and waits until it prints its URL.
    pub fn start(dir: &Path, args: &[&str]) -> Served {
        let mut command = crate::common::folio_command(dir, &["serve", "--port", "0"]);
        command.args(args).stdout(Stdio::piped()).stderr(Stdio::null());
        let mut child = command.spawn().expect("folio serve starts");
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("the URL line");
        let url = line.split_whitespace().find(|w| w.starts_with("http://"));
        let url = url.unwrap_or_else(|| panic!("no URL in {line:?}")).to_string();
        Served { child, url }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A WebDriver answer as JSON.
fn json_of(response: ureq::Response) -> Value {
    let text = response.into_string().expect("an answer");
    serde_json::from_str(&text).expect("JSON")
}

fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("an address").port()
}

fn which(program: &str) -> Option<String> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(program))
        .find(|path| path.is_file())
        .map(|path| path.display().to_string())
}
