//! The Mingshi receipts server: validates and stores consent receipts, returns them by
//! id, and serves the demo pages and the component's build output.

pub mod api;
pub mod config;
pub mod static_files;
pub mod store;

use std::io::Write;
use std::sync::Arc;

use config::Config;
use store::{SqliteStore, Store};

/// Builds the router for a store and static directories.
pub fn app(store: Arc<dyn Store>, config: &Config) -> axum::Router {
    let files = static_files::StaticFiles {
        www: config.www.clone(),
        pkg: config.pkg.clone(),
    };
    api::router(store).fallback(move |req| static_files::serve(files.clone(), req))
}

/// Opens the store, binds, prints `mingshi-server listening on http://ADDR` and serves
/// until Ctrl-C or SIGTERM.
pub async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let store: Arc<dyn Store> = Arc::new(SqliteStore::open(&config.db)?);
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.addr))?;
    let addr = listener.local_addr()?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "mingshi-server listening on http://{addr}")?;
        out.flush()?;
    }
    axum::serve(listener, app(store, &config))
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
