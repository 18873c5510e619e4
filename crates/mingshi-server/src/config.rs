//! Command-line options and environment variables of `mingshi-server`.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "usage: mingshi-server [options]
  --addr ADDR            address to listen on (env MINGSHI_ADDR; default 127.0.0.1:8787; port 0 picks one)
  --db PATH              SQLite file for receipts (env MINGSHI_DB; default data/receipts.sqlite3)
  --database-url URL     PostgreSQL instead of SQLite (env DATABASE_URL=postgres://...)
  --key PATH             Ed25519 signing key, created if missing (env MINGSHI_KEY; default data/signing.key)
  --admin-token TOKEN    enables subject history and export (env MINGSHI_ADMIN_TOKEN)
  --allow-origin ORIGIN  a site (like https://shop.example) allowed to post receipts cross-origin; repeatable (env MINGSHI_ALLOW_ORIGINS, comma-separated)
  --rate N               receipts per second per client (default 50) with a burst of 2N
  --trust-proxy          take host and client IP from Forwarded/X-Forwarded-* (only behind a proxy that sets them)
  --www DIR              static files served at / (default www)
  --pkg DIR              the component's build output, served at /pkg/ (default pkg)";

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub database_url: Option<String>,
    pub key: PathBuf,
    pub admin_token: Option<String>,
    pub allow_origins: Vec<String>,
    pub rate_per_sec: u32,
    /// Behind a reverse proxy: see [`crate::proxy`].
    pub trust_proxy: bool,
    pub www: PathBuf,
    pub pkg: PathBuf,
}

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Run the server.
    Run(Box<Config>),
    /// `-h`/`--help`: print [`USAGE`].
    Help,
}

#[derive(Debug)]
pub enum ConfigError {
    MissingValue(String),
    BadValue {
        option: String,
        value: String,
        expected: &'static str,
    },
    Unknown(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingValue(o) => write!(f, "option {o} needs a value"),
            ConfigError::BadValue {
                option,
                value,
                expected,
            } => write!(f, "{option} `{value}`: expected {expected}"),
            ConfigError::Unknown(o) => write!(f, "unknown option {o}"),
        }
    }
}

impl std::error::Error for ConfigError {}

fn env(key: &str) -> Option<String> {
    std::env::var(key).ok().filter(|v| !v.is_empty())
}

/// An allowed origin as browsers send it in `Origin`: `scheme://host[:port]` in lowercase,
/// without the default port, and without the trailing `/` of a copied address; or `*`.
/// A path, query or fragment is refused: an `Origin` never has one, so it would never match.
fn origin(option: &str, value: &str) -> Result<String, ConfigError> {
    let bad = || ConfigError::BadValue {
        option: option.into(),
        value: value.into(),
        expected: "an origin like https://shop.example (scheme, host and optional port; \
                   no path, query or fragment) or *",
    };
    if value == "*" {
        return Ok(value.into());
    }
    let (scheme, rest) = value.split_once("://").ok_or_else(bad)?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let scheme_ok = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let authority_ok = !authority.is_empty()
        && !authority.contains(|c: char| c == '@' || c.is_whitespace() || c.is_control());
    if !scheme_ok || !authority_ok || !(tail.is_empty() || tail == "/") {
        return Err(bad());
    }
    let (scheme, authority) = (scheme.to_ascii_lowercase(), authority.to_ascii_lowercase());
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    let authority = match authority.strip_suffix(default_port) {
        Some(host) if !default_port.is_empty() => host,
        _ => &authority,
    };
    Ok(format!("{scheme}://{authority}"))
}

impl Config {
    /// Reads the options in `args` (without the program name) over the environment's.
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Command, ConfigError> {
        let mut addr = env("MINGSHI_ADDR").unwrap_or_else(|| "127.0.0.1:8787".into());
        let mut db = env("MINGSHI_DB").unwrap_or_else(|| "data/receipts.sqlite3".into());
        let mut database_url = env("DATABASE_URL");
        let mut key = env("MINGSHI_KEY").unwrap_or_else(|| "data/signing.key".into());
        let mut admin_token = env("MINGSHI_ADMIN_TOKEN");
        let mut allow_origins: Vec<String> = env("MINGSHI_ALLOW_ORIGINS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| origin("MINGSHI_ALLOW_ORIGINS", s))
            .collect::<Result<_, _>>()?;
        let mut rate = "50".to_string();
        let mut trust_proxy = false;
        let mut www = "www".to_string();
        let mut pkg = "pkg".to_string();
        while let Some(opt) = args.next() {
            let value = |args: &mut dyn Iterator<Item = String>| {
                args.next()
                    .ok_or_else(|| ConfigError::MissingValue(opt.clone()))
            };
            match opt.as_str() {
                "--addr" => addr = value(&mut args)?,
                "--db" => db = value(&mut args)?,
                "--database-url" => database_url = Some(value(&mut args)?),
                "--key" => key = value(&mut args)?,
                "--admin-token" => admin_token = Some(value(&mut args)?),
                "--allow-origin" => allow_origins.push(origin(&opt, &value(&mut args)?)?),
                "--rate" => rate = value(&mut args)?,
                "--trust-proxy" => trust_proxy = true,
                "--www" => www = value(&mut args)?,
                "--pkg" => pkg = value(&mut args)?,
                "-h" | "--help" => return Ok(Command::Help),
                _ => return Err(ConfigError::Unknown(opt)),
            }
        }
        let bad = |option: &str, value: &str, expected| ConfigError::BadValue {
            option: option.into(),
            value: value.into(),
            expected,
        };
        Ok(Command::Run(Box::new(Config {
            addr: addr
                .parse()
                .map_err(|_| bad("--addr", &addr, "an address like 127.0.0.1:8787"))?,
            db: db.into(),
            database_url,
            key: key.into(),
            admin_token,
            allow_origins,
            rate_per_sec: rate
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| bad("--rate", &rate, "a positive whole number"))?,
            trust_proxy,
            www: www.into(),
            pkg: pkg.into(),
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_origins_are_normalised_as_browsers_send_them() {
        for (given, origin_header) in [
            ("https://shop.example", "https://shop.example"),
            ("https://shop.example/", "https://shop.example"),
            ("HTTPS://Shop.Example:443/", "https://shop.example"),
            ("http://shop.example:80", "http://shop.example"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443"),
            ("capacitor://localhost", "capacitor://localhost"),
            ("*", "*"),
        ] {
            assert_eq!(
                origin("--allow-origin", given).unwrap(),
                origin_header,
                "{given}"
            );
        }
    }

    #[test]
    fn origins_with_a_path_query_or_no_scheme_are_refused_by_name() {
        for given in [
            "https://shop.example/app",
            "https://shop.example//",
            "https://shop.example/?x=1",
            "https://shop.example?x=1",
            "https://shop.example#top",
            "shop.example",
            "https://",
            "https://user@shop.example",
            "null",
        ] {
            let err = origin("--allow-origin", given).unwrap_err().to_string();
            assert!(
                err.starts_with(&format!(
                    "--allow-origin `{given}`: expected an origin like"
                )),
                "{err}"
            );
        }
        let err = Config::from_args(
            ["--allow-origin", "https://shop.example/shop"]
                .map(String::from)
                .into_iter(),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("--allow-origin `https://shop.example/shop`"),
            "{err}"
        );
    }

    #[test]
    fn usage_lists_options_the_parser_takes_one_line_each() {
        let sample = |metavar: &str| match metavar {
            "ADDR" => "127.0.0.1:1",
            "URL" => "postgres://localhost/x",
            "ORIGIN" => "https://shop.example",
            "N" => "5",
            _ => "x",
        };
        let mut options = 0;
        for line in USAGE.lines().skip(1) {
            let mut words = line.split_whitespace();
            let option = words.next().unwrap();
            assert!(option.starts_with("--"), "one option a line: {line}");
            let mut args = vec![option.to_string()];
            if let Some(metavar) = words
                .next()
                .filter(|w| w.bytes().all(|b| b.is_ascii_uppercase()))
            {
                args.push(sample(metavar).into());
            }
            let parsed = Config::from_args(args.into_iter());
            assert!(matches!(parsed, Ok(Command::Run(_))), "{line}: {parsed:?}");
            options += 1;
        }
        assert_eq!(options, 10, "every option is listed");
        for help in ["-h", "--help"] {
            let parsed = Config::from_args(["--rate", "5", help].map(String::from).into_iter());
            assert!(matches!(parsed, Ok(Command::Help)), "{help}: {parsed:?}");
        }
    }
}
