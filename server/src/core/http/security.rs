//! Security middleware: response headers with a per-request CSP nonce, and the refusal of
//! cross-site state-changing requests.

use super::error::PageError;
use crate::core::config::Settings;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use kiezwerk_app::CspNonce;
use std::sync::Arc;

/// The origin (`scheme://host[:port]`) of a URL.
fn origin_of(url: &str) -> Option<&str> {
    let rest_at = url.find("://")? + 3;
    let end = url[rest_at..]
        .find('/')
        .map(|i| rest_at + i)
        .unwrap_or(url.len());
    Some(&url[..end])
}

/// Adds the security headers. The inline script that hydration needs runs under a nonce that
/// changes with every response; no other inline script may run.
pub async fn headers(
    State(settings): State<Arc<Settings>>,
    mut request: Request,
    next: Next,
) -> Response {
    use base64::Engine;
    let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 16]>());
    request.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut response = next.run(request).await;
    let tiles = settings
        .map_tile_url
        .as_deref()
        .and_then(origin_of)
        .unwrap_or("");
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data: blob: {tiles}; font-src 'self'; connect-src 'self'; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    );
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "geolocation=(self), camera=(), microphone=(), interest-cohort=()",
        ),
    );
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    if settings.is_https() {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// Who may post from other sites.
pub struct CrossSitePolicy {
    /// This deployment's public URL, whose origin is our own.
    pub public_url: String,
    /// Path prefixes of APIs meant for other sites, which authenticate with API keys instead
    /// of cookies (Open311).
    pub exempt: Vec<&'static str>,
}

/// Refuses state-changing requests from other sites (CSRF): browsers say where a request comes
/// from in `Sec-Fetch-Site` and `Origin`.
pub async fn same_origin_only(
    State(policy): State<Arc<CrossSitePolicy>>,
    request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let path = request.uri().path();
    if safe || policy.exempt.iter().any(|prefix| path.starts_with(prefix)) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    let cross_site = matches!(fetch_site, Some(site) if site != "same-origin" && site != "none");
    let foreign_origin = headers
        .get(header::ORIGIN)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|origin| {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let own = origin_of(&policy.public_url).unwrap_or("");
            origin != own
                && origin != format!("http://{host}")
                && origin != format!("https://{host}")
        });
    if cross_site || foreign_origin {
        tracing::warn!(path, "cross-site request refused");
        return PageError::CrossSite.into_response();
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::origin_of;

    #[test]
    fn origins_drop_the_path() {
        assert_eq!(
            origin_of("https://kiez.example/a/b"),
            Some("https://kiez.example")
        );
        assert_eq!(
            origin_of("http://127.0.0.1:3000"),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(
            origin_of("https://tiles.example/{z}/{x}/{y}.png"),
            Some("https://tiles.example")
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
