//! Server-sent events: every open page holds one stream, and hears of each rebuild as
//! `{"id": N, "version": V}`. A stream that cannot be written to is dropped.

use std::io::Write;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::Duration;

/// A comment line keeps idle streams open through proxies and finds closed ones.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The open streams.
#[derive(Default)]
pub struct Hub {
    listeners: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// Tells every open page that report `id` is now at `version`.
    pub fn publish(&self, id: usize, version: u64) {
        let event = format!("{{\"id\":{id},\"version\":{version}}}");
        let mut listeners = self.listeners.lock().unwrap_or_else(|e| e.into_inner());
        listeners.retain(|listener| listener.send(event.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<String> {
        let (sender, receiver) = channel();
        self.listeners.lock().unwrap_or_else(|e| e.into_inner()).push(sender);
        receiver
    }

    /// Streams events to `stream` (the raw connection) until it closes or `stop` is set.
    pub fn stream(&self, mut stream: Box<dyn Write + Send>, stop: &std::sync::atomic::AtomicBool) {
        let events = self.subscribe();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\
                    Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\
                    Connection: close\r\n\r\n\
                    retry: 500\n\n";
        if stream.write_all(head.as_bytes()).and_then(|()| stream.flush()).is_err() {
            return;
        }
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            let text = match events.recv_timeout(KEEP_ALIVE) {
                Ok(event) => format!("data: {event}\n\n"),
                Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                Err(RecvTimeoutError::Disconnected) => return,
            };
            if stream.write_all(text.as_bytes()).and_then(|()| stream.flush()).is_err() {
                return;
            }
        }
    }
}
