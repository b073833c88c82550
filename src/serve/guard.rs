//! Who may ask: a request must name this server in `Host` and, when it comes from a
//! page, in `Origin`. A web page elsewhere cannot read the reports, not even through a
//! name of its own that resolves to 127.0.0.1 (DNS rebinding).

/// The host names this server answers to, each with its port.
pub struct Guard {
    allowed: Vec<String>,
}

impl Guard {
    /// Accepts loopback names and `host` itself, all with `port`.
    pub fn new(host: &str, port: u16) -> Guard {
        let mut names = vec!["127.0.0.1".to_string(), "localhost".into(), "[::1]".into()];
        let host = match host.contains(':') && !host.starts_with('[') {
            true => format!("[{host}]"),
            false => host.to_string(),
        };
        if !names.contains(&host) && host != "0.0.0.0" && host != "[::]" {
            names.push(host);
        }
        let mut allowed: Vec<String> = names.iter().map(|name| format!("{name}:{port}")).collect();
        // Browsers leave the default port out of `Host` and `Origin`.
        if port == 80 {
            allowed.extend(names);
        }
        Guard { allowed }
    }

    /// Whether a request with these `Host` and `Origin` headers may be answered.
    pub fn admits(&self, host: Option<&str>, origin: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        if !self.allowed.iter().any(|name| name.eq_ignore_ascii_case(host)) {
            return false;
        }
        match origin {
            None => true,
            Some(origin) => origin
                .strip_prefix("http://")
                .is_some_and(|rest| self.allowed.iter().any(|n| n.eq_ignore_ascii_case(rest))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Guard;

    #[test]
    fn only_this_server_s_names_are_admitted() {
        let guard = Guard::new("127.0.0.1", 8080);
        assert!(guard.admits(Some("127.0.0.1:8080"), None));
        assert!(guard.admits(Some("localhost:8080"), Some("http://localhost:8080")));
        assert!(!guard.admits(None, None));
        assert!(!guard.admits(Some("evil.example:8080"), None));
        assert!(!guard.admits(Some("127.0.0.1:8080"), Some("http://evil.example")));
        assert!(!guard.admits(Some("127.0.0.1:8080"), Some("null")));
        assert!(!guard.admits(Some("127.0.0.1:9090"), None));
        let wide = Guard::new("192.168.1.5", 80);
        assert!(wide.admits(Some("192.168.1.5:80"), None));
        assert!(wide.admits(Some("192.168.1.5"), Some("http://192.168.1.5")));
        assert!(!guard.admits(Some("127.0.0.1"), None));
    }
}
