//! `folio serve`: a local web server showing each report's briefing and slides as they
//! are edited. One converter stays loaded, so Typst's caches make a rebuild after a save
//! incremental; open pages hear of it through server-sent events and update in place.
//!
//! Only the rendered outputs (kept in memory, found by number) and the app's own
//! embedded assets are served: no path from a request reaches the file system.

mod events;
mod guard;
mod library;
mod on_demand;
mod pages;
mod rebuild;
mod routes;
mod upload;

pub use upload::UploadSettings;

use crate::convert::ConverterOptions;
use crate::inputs::Job;
use crate::jobs::BatchOptions;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// Where messages go: a kind (`warning`, `error`, `info`) and a line of text.
pub type Log = Arc<dyn Fn(&str, &str) + Send + Sync>;

/// What to serve and how.
pub struct ServeConfig {
    /// The address to listen on (`127.0.0.1` unless asked otherwise).
    pub host: String,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The converter's options, as for `folio build` (what each save makes and what is
    /// made on download is split from them in [`on_demand`]).
    pub converter: ConverterOptions,
    pub batch: BatchOptions,
    /// The reports.
    pub jobs: Vec<Job>,
    /// Folders whose changes rebuild the reports (theirs, and the templates').
    pub watched: Vec<PathBuf>,
    /// The converter page, when `--allow-upload` offers it.
    pub uploads: Option<UploadSettings>,
    pub log: Log,
}

/// What every request handler shares.
pub(crate) struct App {
    library: library::Library,
    hub: events::Hub,
    guard: guard::Guard,
    uploads: Option<upload::Uploads>,
    /// The downloads, made when downloaded.
    on_demand: on_demand::OnDemand,
    stop: &'static AtomicBool,
}

/// A bound server, not yet serving.
pub struct Server {
    http: tiny_http::Server,
    config: ServeConfig,
    address: std::net::SocketAddr,
}

impl Server {
    /// Listens on the configured address; an `Err` says why it cannot.
    pub fn bind(config: ServeConfig) -> Result<Server, String> {
        let wanted = format!("{}:{}", bracketed(&config.host), config.port);
        let http = tiny_http::Server::http(&wanted)
            .map_err(|e| format!("cannot listen on {wanted}: {e}"))?;
        let address = http
            .server_addr()
            .to_ip()
            .ok_or_else(|| format!("cannot listen on {wanted}: not an IP address"))?;
        Ok(Server { http, config, address })
    }

    /// Whether only this machine can connect.
    pub fn is_loopback(&self) -> bool {
        self.address.ip().is_loopback()
    }

    /// Builds every report, prints the URL, then serves until `stop` is set; an `Err`
    /// when the converter cannot be loaded (fonts, templates).
    pub fn run(self, stop: &'static AtomicBool) -> Result<(), String> {
        let Server { http, config, address } = self;
        let port = address.port();
        let app = Arc::new(App {
            library: library::Library::new(config.jobs.clone()),
            hub: events::Hub::default(),
            guard: guard::Guard::new(&config.host, port),
            uploads: config.uploads.map(upload::Uploads::new),
            on_demand: on_demand::OnDemand::new(config.converter.clone(), config.batch.clone()),
            stop,
        });
        let live = on_demand::live_options(&config.converter);
        start_rebuilding(&app, live, config.batch, config.watched, config.log.clone())?;
        let shown = match address.ip().is_unspecified() {
            true => "127.0.0.1".to_string(),
            false => bracketed(&config.host),
        };
        println!("serving {} report(s) at http://{shown}:{port}/", config.jobs.len());
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let request = match http.recv_timeout(std::time::Duration::from_millis(200)) {
                Ok(Some(request)) => request,
                Ok(None) => continue,
                Err(err) => return Err(format!("the server stopped: {err}")),
            };
            let app = app.clone();
            let _ = std::thread::Builder::new()
                .name("folio-request".into())
                .spawn(move || routes::respond(&app, request));
        }
        Ok(())
    }
}

/// Starts the thread that builds every report (returning once they are built) and then
/// rebuilds on change. It has the large stack typesetting needs.
fn start_rebuilding(
    app: &Arc<App>,
    converter: ConverterOptions,
    batch: BatchOptions,
    watched: Vec<PathBuf>,
    log: Log,
) -> Result<(), String> {
    let (ready, built) = std::sync::mpsc::channel();
    let app = app.clone();
    let spawned = std::thread::Builder::new()
        .name("folio-rebuild".into())
        .stack_size(crate::engine::TYPESETTING_STACK)
        .spawn(move || {
            let Some(rebuilder) = rebuild::Rebuilder::new(converter, batch, log) else {
                let _ = ready.send(false);
                return;
            };
            let watching = rebuilder.watch(&watched);
            rebuilder.build_all(&app);
            let _ = ready.send(true);
            if let Some(watching) = watching {
                rebuilder.follow(&app, watching);
            }
        });
    spawned.map_err(|e| format!("cannot start the build thread: {e}"))?;
    match built.recv() {
        Ok(true) => Ok(()),
        _ => Err("the converter could not be loaded".to_string()),
    }
}

/// An IPv6 address in brackets, as URLs and socket addresses write it.
fn bracketed(host: &str) -> String {
    match host.contains(':') && !host.starts_with('[') {
        true => format!("[{host}]"),
        false => host.to_string(),
    }
}
