//! Command-line options and environment variables of `mingshi-server`.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const USAGE: &str = "usage: mingshi-server [--addr 127.0.0.1:8787] [--db data/receipts.sqlite3] [--www www] [--pkg pkg]
  --addr ADDR   address to listen on (env MINGSHI_ADDR); port 0 picks a free port
  --db PATH     SQLite file for receipts (env MINGSHI_DB); created if missing
  --www DIR     static files served at /
  --pkg DIR     the component's build output, served at /pkg/";

#[derive(Debug, Clone)]
pub struct Config {
    pub addr: SocketAddr,
    pub db: PathBuf,
    pub www: PathBuf,
    pub pkg: PathBuf,
}

#[derive(Debug)]
pub enum ConfigError {
    MissingValue(String),
    BadAddr(String),
    Unknown(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::MissingValue(o) => write!(f, "option {o} needs a value"),
            ConfigError::BadAddr(a) => write!(f, "`{a}` is not an address like 127.0.0.1:8787"),
            ConfigError::Unknown(o) => write!(f, "unknown option {o}"),
        }
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Config, ConfigError> {
        let env = |k: &str, d: &str| std::env::var(k).unwrap_or_else(|_| d.to_string());
        let mut addr = env("MINGSHI_ADDR", "127.0.0.1:8787");
        let mut db = env("MINGSHI_DB", "data/receipts.sqlite3");
        let mut www = "www".to_string();
        let mut pkg = "pkg".to_string();
        while let Some(opt) = args.next() {
            let slot = match opt.as_str() {
                "--addr" => &mut addr,
                "--db" => &mut db,
                "--www" => &mut www,
                "--pkg" => &mut pkg,
                _ => return Err(ConfigError::Unknown(opt)),
            };
            *slot = args.next().ok_or(ConfigError::MissingValue(opt))?;
        }
        Ok(Config {
            addr: addr
                .parse()
                .map_err(|_| ConfigError::BadAddr(addr.clone()))?,
            db: db.into(),
            www: www.into(),
            pkg: pkg.into(),
        })
    }
}
