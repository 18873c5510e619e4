//! The Mingshi receipts server: validates, signs and stores consent receipts, returns
//! them by id, exports them for the site owner, and serves the demo pages and the
//! component's build output.

pub mod api;
pub mod config;
pub mod keys;
pub mod metrics;
pub mod proxy;
pub mod ratelimit;
pub mod static_files;
pub mod store;

use std::io::Write;
use std::net::SocketAddr;
use std::sync::Arc;

use api::AppState;
use config::Config;
use store::{PostgresStore, SqliteStore, Store};

/// Builds the router: the API, then static files for everything else.
pub fn app(state: Arc<AppState>, config: &Config) -> axum::Router {
    let files = static_files::StaticFiles {
        www: config.www.clone(),
        pkg: config.pkg.clone(),
    };
    api::router(state).fallback(move |req| static_files::serve(files.clone(), req))
}

/// Opens the configured store: PostgreSQL when a database URL is given, else SQLite.
pub async fn open_store(config: &Config) -> Result<Arc<dyn Store>, Box<dyn std::error::Error>> {
    let config = config.clone();
    // The postgres client runs its own small runtime: connect off the async threads.
    let store =
        tokio::task::spawn_blocking(move || -> Result<Arc<dyn Store>, store::StoreError> {
            Ok(match &config.database_url {
                Some(url) => Arc::new(PostgresStore::connect(url).map_err(|e| {
                    // Not the URL: it may hold a password.
                    store::StoreError(format!(
                        "cannot open the PostgreSQL database (--database-url): {}",
                        e.0
                    ))
                })?),
                None => Arc::new(SqliteStore::open(&config.db).map_err(|e| {
                    store::StoreError(format!(
                        "cannot open the SQLite database {} (--db): {}",
                        config.db.display(),
                        e.0
                    ))
                })?),
            })
        })
        .await??;
    Ok(store)
}

/// Opens the store, binds, prints `mingshi-server listening on http://ADDR` and serves
/// until Ctrl-C or SIGTERM.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let store = open_store(&config).await?;
    let signer = keys::load_or_create(&config.key)?;
    let state = Arc::new(AppState {
        store,
        signer,
        admin_token: config.admin_token.clone(),
        allow_origins: config.allow_origins.clone(),
        trust_proxy: config.trust_proxy,
        limiter: ratelimit::RateLimiter::new(config.rate_per_sec),
        metrics: metrics::Metrics::default(),
    });
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "mingshi-server listening on http://{addr}")?;
        out.flush()?;
    }
    for (option, dir) in [("--www", &config.www), ("--pkg", &config.pkg)] {
        // Not an error: a server that only takes receipts needs neither.
        if !dir.is_dir() {
            eprintln!(
                "mingshi-server: {option} {}: no such directory; its pages answer 404 \
                 (start from the repository's root, or give {option})",
                dir.display()
            );
        }
    }
    eprintln!(
        "mingshi-server: receipts in {}, key id {}",
        state.store.kind(),
        state.signer.key_id()
    );
    let service = app(state, &config).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, service)
        .with_graceful_shutdown(shutdown())
        .await?;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(t) => t,
                Err(_) => return std::future::pending().await,
            };
        tokio::select! { _ = ctrl_c => {}, _ = term.recv() => {} }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
}
