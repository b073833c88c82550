//! The one classifier of link and picture addresses, shared by the passes and every
//! writer: what `#安装`, `docs/guide.md#part`, `https://…`, `data:…` and `mailto:…` are.

/// What a link's or picture's address points at.
#[derive(Debug, PartialEq)]
pub enum Address<'u> {
    /// Nothing at all.
    Empty,
    /// `#anchor`: a place in this document.
    InPage(&'u str),
    /// `guide.md`, `../docs/x.md#part`, `LICENSE`, `img/a.png`: a file next to the report
    /// (percent-decoded, query dropped).
    File { path: String, fragment: Option<&'u str> },
    /// `http://…`, `https://…`: on the web.
    Web,
    /// `data:…`: the bytes are in the address.
    Data,
    /// Any other scheme (`mailto:`, `ftp://`), or `//host/…`: left as it is.
    Other,
}

impl Address<'_> {
    /// Not in this document nor in the report's folder: on the web, in the address, or
    /// behind another scheme.
    pub fn is_remote(&self) -> bool {
        matches!(self, Address::Web | Address::Data | Address::Other)
    }
}

/// Sorts an address into its kind.
pub fn classify(url: &str) -> Address<'_> {
    if url.is_empty() {
        return Address::Empty;
    }
    if let Some(fragment) = url.strip_prefix('#') {
        return Address::InPage(fragment);
    }
    let scheme = url.split_once(':').map(|(scheme, _)| scheme).filter(|scheme| {
        let mut chars = scheme.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        Some("http" | "https") => return Address::Web,
        Some("data") => return Address::Data,
        Some(_) => return Address::Other,
        None if url.starts_with("//") => return Address::Other,
        None => {}
    }
    let (path, fragment) = match url.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (url, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    Address::File { path: crate::text::percent_decode(path), fragment }
}

/// The longest address kept as a link (Typst refuses longer ones; no real one is).
pub const MAX_LINK_LENGTH: usize = 8000;

/// Whether a link to `url` can be followed from the PDF and the `.pptx` as it is: web
/// and mail addresses and files beside the report. In-page anchors become internal links
/// (or text when unresolved); every other scheme (`file:`, `javascript:`, `smb:`,
/// `ms-msdt:`, `data:`, `//host`) and an address too long to be real stay text, so a
/// report cannot make a reader's click run or open anything else.
pub fn is_linkable(url: &str) -> bool {
    url.len() <= MAX_LINK_LENGTH
        && match classify(url) {
            Address::Web | Address::File { .. } => true,
            Address::Other => url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:")),
            Address::Empty | Address::InPage(_) | Address::Data => false,
        }
}

/// Whether `url` is on the web (`http`, `https`).
pub fn is_web(url: &str) -> bool {
    classify(url) == Address::Web
}

/// The host of a web address (`https://user@github.com:443/a` → `github.com`), shown in
/// place of the whole address where there is little room.
pub fn web_host(url: &str) -> Option<&str> {
    if !is_web(url) {
        return None;
    }
    let rest = url.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(v6),
        None => host.split(':').next().unwrap_or(host),
    };
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_sorted_by_kind() {
        let file = |path: &str, fragment| Address::File { path: path.into(), fragment };
        let table = [
            ("", Address::Empty),
            ("#安装", Address::InPage("安装")),
            ("https://x.org/a.md", Address::Web),
            ("HTTP://x.org", Address::Web),
            ("data:image/png;base64,AAAA", Address::Data),
            ("mailto:a@b.c", Address::Other),
            ("ftp://x.org/f", Address::Other),
            ("//cdn.x.org/a.png", Address::Other),
            ("docs/my%20guide.md#part", file("docs/my guide.md", Some("part"))),
            ("LICENSE", file("LICENSE", None)),
            ("img/a.png?raw=true", file("img/a.png", None)),
            ("C:/x.png", Address::Other),
        ];
        for (url, expected) in table {
            assert_eq!(classify(url), expected, "{url}");
        }
        assert!(classify("https://x").is_remote() && !classify("a.png").is_remote());
        assert!(is_linkable("https://x") && is_linkable("a.md") && !is_linkable("#a"));
        assert!(!is_linkable("") && is_web("https://x") && !is_web("mailto:x"));
        for kept in ["https://x.org", "HTTP://x", "mailto:a@b.c", "MAILTO:a@b.c", "docs/a.pdf"] {
            assert!(is_linkable(kept), "{kept}");
        }
        let refused = ["file:///etc/passwd", "javascript:alert(1)", "smb://h/s", "ms-msdt:x"];
        for text in refused.into_iter().chain(["//evil.com/x", "data:text/html,x", "#a"]) {
            assert!(!is_linkable(text), "{text}");
        }
        assert!(!is_linkable(&format!("https://x.org/{}", "a".repeat(MAX_LINK_LENGTH))));
    }

    #[test]
    fn web_hosts_leave_out_scheme_user_port_and_path() {
        let host = |url| web_host(url);
        assert_eq!(host("https://github.com/a/b.png?raw=1"), Some("github.com"));
        assert_eq!(host("http://u:p@img.example.org:8080#x"), Some("img.example.org"));
        assert_eq!(host("https://[2001:db8::1]:443/a"), Some("2001:db8::1"));
        assert_eq!((host("a.png"), host("https:///a")), (None, None));
    }
}
