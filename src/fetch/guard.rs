//! Which addresses a report's picture may be fetched from. A report is data: without
//! `--allow-private-hosts` it may not make Folio talk to this machine, the local network
//! or a cloud metadata endpoint (`169.254.169.254`). The check is made on the addresses a
//! host name resolves to, and the connection then goes to exactly those addresses, so a
//! name that resolves differently a moment later (DNS rebinding) gains nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, ToSocketAddrs};
use std::time::Duration;

/// The addresses to connect to for `host:port`, every one of them public (unless
/// `allow_private`); `Err` with the reason otherwise. One refused address refuses the
/// host: a name that mixes public and private addresses is not trusted.
pub fn resolve_checked(
    host: &str,
    port: u16,
    allow_private: bool,
    limit: Duration,
) -> Result<Vec<SocketAddr>, String> {
    // `[::1]` as written in a URL.
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<SocketAddr> = match bare.parse::<IpAddr>() {
        Ok(ip) => vec![SocketAddr::new(ip, port)],
        Err(_) => resolve_within(bare, port, limit)?,
    };
    if addresses.is_empty() {
        return Err(format!("{bare} has no address"));
    }
    if !allow_private && let Some(refused) = addresses.iter().find(|a| !is_public(a.ip())) {
        let what = match bare.parse::<IpAddr>() {
            Ok(_) => format!("{bare} is"),
            Err(_) => format!("{bare} resolves to {},", refused.ip()),
        };
        return Err(format!(
            "{what} a private or local address; pass --allow-private-hosts to allow it"
        ));
    }
    Ok(addresses)
}

/// The addresses of `host`, or an error when the system's resolver fails or takes longer
/// than `limit` (it cannot be interrupted: the lookup is left to finish on its thread).
fn resolve_within(host: &str, port: u16, limit: Duration) -> Result<Vec<SocketAddr>, String> {
    let (send, receive) = std::sync::mpsc::channel();
    let name = host.to_string();
    std::thread::spawn(move || {
        let _ = send.send((name.as_str(), port).to_socket_addrs().map(Iterator::collect));
    });
    match receive.recv_timeout(limit) {
        Ok(Ok(addresses)) => Ok(addresses),
        Ok(Err(e)) => Err(format!("cannot resolve {host}: {e}")),
        Err(_) => Err(format!("cannot resolve {host} within the time limit")),
    }
}

/// Whether `ip` is on the public internet: not loopback, private, link-local, shared
/// (carrier-grade NAT), multicast, broadcast, reserved or unspecified, in IPv4 or IPv6,
/// including IPv4 addresses written inside IPv6 ones.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match embedded_v4(v6) {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, ..] = ip.octets();
    let shared = a == 100 && (64..128).contains(&b);
    let this_network = a == 0;
    let reserved = a >= 240;
    !(ip.is_loopback()
        || ip.is_private()
        || ip.is_link_local()
        || ip.is_multicast()
        || ip.is_broadcast()
        || ip.is_unspecified()
        || ip.is_documentation()
        || shared
        || this_network
        || reserved)
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    let unique_local = first & 0xfe00 == 0xfc00;
    let link_local = first & 0xffc0 == 0xfe80;
    let site_local = first & 0xffc0 == 0xfec0;
    let documentation = first == 0x2001 && ip.segments()[1] == 0x0db8;
    !(ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || unique_local
        || link_local
        || site_local
        || documentation)
}

/// The IPv4 address an IPv6 address carries: mapped (`::ffff:a.b.c.d`), compatible
/// (`::a.b.c.d`), NAT64 (`64:ff9b::a.b.c.d`) or 6to4 (`2002:aabb:ccdd::`).
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    let s = ip.segments();
    let low = || Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if s[..6] == [0; 6] && !ip.is_loopback() && !ip.is_unspecified() {
        return Some(low());
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(low());
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new((s[1] >> 8) as u8, s[1] as u8, (s[2] >> 8) as u8, s[2] as u8));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_private_and_special_addresses_are_refused() {
        let refused = [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "224.0.0.1",
            "255.255.255.255",
            "240.0.0.1",
            "::1",
            "::",
            "fe80::1",
            "fc00::1",
            "fd12::1",
            "ff02::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:7f00:1::",
            "fec0::1",
        ];
        for ip in refused {
            assert!(!is_public(ip.parse().unwrap()), "{ip} must be refused");
        }
        for ip in ["93.184.216.34", "8.8.8.8", "2606:4700::1111", "::ffff:8.8.8.8"] {
            assert!(is_public(ip.parse().unwrap()), "{ip} is public");
        }
    }

    #[test]
    fn hosts_are_checked_after_resolving_unless_allowed() {
        let second = Duration::from_secs(1);
        let refused = resolve_checked("127.0.0.1", 80, false, second).unwrap_err();
        assert!(refused.contains("--allow-private-hosts"), "{refused}");
        assert!(resolve_checked("localhost", 80, false, second).is_err());
        assert!(resolve_checked("[::1]", 80, false, second).is_err());
        let allowed = resolve_checked("127.0.0.1", 8080, true, second).unwrap();
        assert_eq!(allowed, vec!["127.0.0.1:8080".parse::<SocketAddr>().unwrap()]);
    }
}
