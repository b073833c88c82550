//! Who may ask: a request must name this server in `Host` and, when it comes from a
//! page, in `Origin`. A web page elsewhere cannot read the reports, not even through a
//! name of its own that resolves to 127.0.0.1 (DNS rebinding).
//!
//! Listening on every interface (`--host 0.0.0.0`, with its warning), the server cannot
//! know the names other machines reach it by: any address (an IP literal) or a loopback
//! name is taken as `Host`, never another name (a name is what DNS rebinding needs), and
//! a page's `Origin` must still be that same host.

/// The host names this server answers to, each with its port.
pub struct Guard {
    allowed: Vec<String>,
    /// Listening on every interface: any `Host` is this server.
    any_host: bool,
}

impl Guard {
    /// Accepts loopback names and `host` itself, all with `port`.
    pub fn new(host: &str, port: u16) -> Guard {
        let any_host = matches!(host, "0.0.0.0" | "::" | "[::]");
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
        Guard { allowed, any_host }
    }

    /// Whether a request with these `Host` and `Origin` headers may be answered.
    pub fn admits(&self, host: Option<&str>, origin: Option<&str>) -> bool {
        let Some(host) = host else { return false };
        let known = |name: &str| self.allowed.iter().any(|n| n.eq_ignore_ascii_case(name));
        let admitted_host = known(host) || (self.any_host && is_address(host));
        if !admitted_host {
            return false;
        }
        match origin.map(|origin| origin.strip_prefix("http://")) {
            None => true,
            Some(None) => false,
            Some(Some(site)) if self.any_host => site.eq_ignore_ascii_case(host) || known(site),
            Some(Some(site)) => known(site),
        }
    }
}

/// Whether `host` (with or without a port) is an IP address rather than a name.
fn is_address(host: &str) -> bool {
    if let Some(rest) = host.strip_prefix('[') {
        let inside = rest.split(']').next().unwrap_or_default();
        return inside.parse::<std::net::Ipv6Addr>().is_ok();
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    name.parse::<std::net::Ipv4Addr>().is_ok()
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
        let every = Guard::new("0.0.0.0", 7878);
        assert!(every.admits(Some("10.0.0.2:7878"), Some("http://10.0.0.2:7878")));
        assert!(!every.admits(Some("10.0.0.2:7878"), Some("http://evil.example")));
        assert!(every.admits(Some("[fe80::1]:7878"), None));
        // A name that resolves to this machine is DNS rebinding's way in: refused.
        assert!(!every.admits(Some("attacker.example:7878"), None));
        let rebound = Some("http://attacker.example:7878");
        assert!(!every.admits(Some("attacker.example:7878"), rebound));
    }
}
