//! HTTP plumbing every domain uses: the error types of the three surfaces' lower two (pages and
//! JSON; Open311 has its own), request extractors (language, client, viewer), the client's
//! address behind trusted proxies, security headers, rate limits, static assets and multipart
//! uploads.

pub mod assets;
pub mod error;
pub mod extract;
pub mod rate_limit;
pub mod security;
pub mod upload;

pub use error::{JsonError, PageError};
pub use extract::{Client, MaybeViewer, RequestLang};

use crate::core::config::Settings;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use kiezwerk_app::cookies::CookiePolicy;
use kiezwerk_app::model::Flash;

/// On to `path` (post/redirect/get) with the flash (errors or a notice) for the next page, in
/// a cookie that is secure when the deployment is served over HTTPS.
pub fn redirect_with_flash(settings: &Settings, path: &str, flash: &Flash) -> Response {
    let policy = CookiePolicy {
        secure: settings.is_https(),
    };
    let mut response = Redirect::to(path).into_response();
    if let Some(cookie) = policy.set_flash(flash) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
