//! Static assets: the compiled browser bundle (`/pkg/`), vendored libraries, fonts, our small
//! scripts and the icon. One list says which paths they are; the session lookup skips them and
//! the versioned ones may be cached.

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

/// Path prefixes of static files, served from the site root.
const STATIC: [&str; 5] = ["/pkg/", "/vendor/", "/fonts/", "/js/", "/favicon"];
/// Those among them that change only with a new release (the others keep their names when
/// edited, so browsers must ask again).
const VERSIONED: [&str; 3] = ["/pkg/", "/vendor/", "/fonts/"];

/// Whether a path names a static file (no session, no page).
pub fn is_static(path: &str) -> bool {
    STATIC.iter().any(|prefix| path.starts_with(prefix))
}

/// Compiled assets and vendored libraries may be cached for an hour.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let cacheable = VERSIONED
        .iter()
        .any(|prefix| request.uri().path().starts_with(prefix));
    let mut response = next.run(request).await;
    if cacheable && response.status() == StatusCode::OK {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_paths_are_recognised_and_pages_are_not() {
        assert!(is_static("/pkg/kiezwerk.wasm"));
        assert!(is_static("/favicon.svg"));
        assert!(!is_static("/meldungen/BER-2026-000001"));
        assert!(VERSIONED.iter().all(|v| STATIC.contains(v)));
    }
}
