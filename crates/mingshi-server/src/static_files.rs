//! Static files: `www/` at `/` and the component's `pkg/` at `/pkg/`, with the content
//! types browsers need (`application/wasm` for streaming compilation) and no way out of
//! those directories. A directory answers with its `index.html` at its path with a trailing
//! `/`, and redirects there without one (so that the index's relative links resolve).

use std::path::{Component, Path, PathBuf};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Clone)]
pub struct StaticFiles {
    pub www: PathBuf,
    pub pkg: PathBuf,
}

/// The content type for a file name.
pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "gif" => "image/gif",
        "ts" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a URL path to a file under `root`, refusing `..`, absolute parts and hidden files.
pub fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let rel = url_path.trim_start_matches('/');
    let mut out = root.to_path_buf();
    for c in Path::new(rel).components() {
        match c {
            Component::Normal(part) if !part.to_string_lossy().starts_with('.') => out.push(part),
            _ => return None,
        }
    }
    Some(out)
}

fn not_found() -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "not found\n",
    )
        .into_response()
}

/// A permanent redirect from a directory's path to the same path with its trailing `/`
/// (and the query kept), as static servers answer. One leading `/`: `//name` would be
/// another host's address.
fn redirect_to_directory(uri: &axum::http::Uri) -> Response {
    let mut location = format!("/{}/", uri.path().trim_start_matches('/'));
    if let Some(query) = uri.query() {
        location.push('?');
        location.push_str(query);
    }
    match axum::http::HeaderValue::try_from(location) {
        Ok(location) => (
            StatusCode::PERMANENT_REDIRECT,
            [(header::LOCATION, location)],
        )
            .into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    }
}

pub async fn serve(files: StaticFiles, req: Request) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return (StatusCode::METHOD_NOT_ALLOWED, "method not allowed\n").into_response();
    }
    let path = req.uri().path();
    if path.contains('\\') || path.contains("%2e") || path.contains("%2E") || path.contains("..") {
        return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
    }
    let (root, rest) = match path.strip_prefix("/pkg/") {
        Some(rest) => (&files.pkg, rest),
        None => (&files.www, path),
    };
    let Some(mut file) = resolve(root, rest) else {
        return not_found();
    };
    if tokio::fs::metadata(&file)
        .await
        .map(|m| m.is_dir())
        .unwrap_or(false)
    {
        if !path.ends_with('/') {
            // Served as it is, the index's relative links would resolve one level up.
            return redirect_to_directory(req.uri());
        }
        file.push("index.html");
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, content_type(&file)),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            Body::from(bytes),
        )
            .into_response(),
        Err(_) => not_found(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_root() {
        let root = Path::new("/srv/www");
        assert_eq!(
            resolve(root, "/a/b.js"),
            Some(PathBuf::from("/srv/www/a/b.js"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/a/../../x"), None);
        assert_eq!(resolve(root, "/.git/config"), None);
        assert_eq!(resolve(root, "/"), Some(PathBuf::from("/srv/www")));
    }

    #[test]
    fn wasm_is_served_as_wasm() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(
            content_type(Path::new("p.txt")),
            "text/plain; charset=utf-8"
        );
    }
}
