//! Behind a reverse proxy (`--trust-proxy`): the host the browser asked for and the client's
//! address, as the proxy in front passes them in `Forwarded` (RFC 7239) or
//! `X-Forwarded-Host` / `X-Forwarded-For`. Without the option these headers are ignored:
//! any client can send them.
//!
//! The last value is the one taken: it is what the proxy directly in front saw (a proxy
//! appends to what it received, and what a client sent itself comes first).

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, HeaderName};

const X_FORWARDED_HOST: HeaderName = HeaderName::from_static("x-forwarded-host");
const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

/// The host (and port) the request was sent to: with `trust_proxy` the proxy's `host=` or
/// `X-Forwarded-Host`, else (or when the proxy sent neither) `Host`.
pub fn host(headers: &HeaderMap, trust_proxy: bool) -> Option<String> {
    let forwarded = || forwarded_param(headers, "host");
    let x_forwarded = || last_entry(headers, &X_FORWARDED_HOST);
    trust_proxy
        .then(|| forwarded().or_else(x_forwarded))
        .flatten()
        .or_else(|| Some(headers.get(header::HOST)?.to_str().ok()?.to_string()))
}

/// The client's IP address: with `trust_proxy` the proxy's `for=` or `X-Forwarded-For`,
/// else (or when the proxy sent no address, e.g. `for=unknown`) the connection's peer.
pub fn client_ip(headers: &HeaderMap, peer: IpAddr, trust_proxy: bool) -> IpAddr {
    let forwarded = || parse_ip(&forwarded_param(headers, "for")?);
    let x_forwarded = || parse_ip(&last_entry(headers, &X_FORWARDED_FOR)?);
    trust_proxy
        .then(|| forwarded().or_else(x_forwarded))
        .flatten()
        .unwrap_or(peer)
}

/// The last comma-separated entry of the last `name` header line.
fn last_entry(headers: &HeaderMap, name: &HeaderName) -> Option<String> {
    let line = headers.get_all(name).iter().next_back()?.to_str().ok()?;
    let entry = line.rsplit(',').next()?.trim();
    (!entry.is_empty()).then(|| entry.to_string())
}

/// Parameter `key` (`host`, `for`) of the last element of `Forwarded`, unquoted.
fn forwarded_param(headers: &HeaderMap, key: &str) -> Option<String> {
    let element = last_entry(headers, &header::FORWARDED)?;
    element.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        let v = v.trim().trim_matches('"');
        (k.trim().eq_ignore_ascii_case(key) && !v.is_empty()).then(|| v.to_string())
    })
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]`, `[2001:db8::1]:4711`; `None` for `unknown` or an obfuscated `_name`.
fn parse_ip(s: &str) -> Option<IpAddr> {
    if let Some(rest) = s.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    s.parse()
        .ok()
        .or_else(|| s.parse::<SocketAddr>().ok().map(|a| a.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    #[test]
    fn forwarded_headers_count_only_when_trusted() {
        let h = headers(&[
            ("host", "127.0.0.1:8787"),
            ("x-forwarded-host", "shop.example"),
            ("x-forwarded-for", "198.51.100.7"),
        ]);
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        assert_eq!(host(&h, false).as_deref(), Some("127.0.0.1:8787"));
        assert_eq!(host(&h, true).as_deref(), Some("shop.example"));
        assert_eq!(client_ip(&h, peer, false), peer);
        assert_eq!(client_ip(&h, peer, true).to_string(), "198.51.100.7");
    }

    #[test]
    fn the_last_value_is_the_proxys_and_forwarded_comes_first() {
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        let h = headers(&[
            ("host", "backend:8787"),
            ("x-forwarded-for", "203.0.113.9, 198.51.100.7"),
            ("x-forwarded-host", "evil.example, shop.example:8443"),
        ]);
        assert_eq!(client_ip(&h, peer, true).to_string(), "198.51.100.7");
        assert_eq!(host(&h, true).as_deref(), Some("shop.example:8443"));
        let h = headers(&[
            ("host", "backend:8787"),
            ("x-forwarded-host", "other.example"),
            ("x-forwarded-for", "203.0.113.9"),
            (
                "forwarded",
                "for=203.0.113.1;host=evil.example, For=\"[2001:db8::17]:4711\";proto=https;Host=\"shop.example\"",
            ),
        ]);
        assert_eq!(client_ip(&h, peer, true).to_string(), "2001:db8::17");
        assert_eq!(host(&h, true).as_deref(), Some("shop.example"));
    }

    #[test]
    fn addresses_in_every_form_and_none_for_unknown() {
        for (s, ip) in [
            ("192.0.2.1", "192.0.2.1"),
            ("192.0.2.1:4711", "192.0.2.1"),
            ("2001:db8::1", "2001:db8::1"),
            ("[2001:db8::1]", "2001:db8::1"),
            ("[2001:db8::1]:4711", "2001:db8::1"),
        ] {
            assert_eq!(
                parse_ip(s).map(|a| a.to_string()).as_deref(),
                Some(ip),
                "{s}"
            );
        }
        for s in ["unknown", "_hidden", "", "[nope]"] {
            assert_eq!(parse_ip(s), None, "{s}");
        }
        let peer: IpAddr = "127.0.0.1".parse().unwrap();
        let h = headers(&[("forwarded", "for=unknown"), ("x-forwarded-for", "garbage")]);
        assert_eq!(client_ip(&h, peer, true), peer);
    }
}
