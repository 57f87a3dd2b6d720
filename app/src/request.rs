//! Server-side helpers for the current HTTP request, for server functions and pages: its
//! language, the signed-in person, our cookies (through [`crate::cookies`]), redirects and
//! status codes.

use crate::cookies::{self, CookiePolicy};
use crate::i18n::Lang;
use http::header::{HeaderValue, SET_COOKIE};
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// The deployment's cookie policy (provided by the server; without it, the strict one).
fn policy() -> CookiePolicy {
    use_context::<CookiePolicy>().unwrap_or(CookiePolicy { secure: true })
}

/// The language of this request (the person's choice, then `Accept-Language`, then German).
pub fn lang() -> Lang {
    parts()
        .map(|parts| cookies::lang(&parts.headers))
        .unwrap_or_default()
}

/// The signed-in person, resolved by the server from the session cookie.
pub fn viewer() -> Option<crate::model::Viewer> {
    parts()?.extensions.get::<crate::model::Viewer>().cloned()
}

/// The signed-in person, or `None` with a redirect to the sign-in page.
pub fn signed_in() -> Option<crate::model::Viewer> {
    let viewer = viewer();
    if viewer.is_none() {
        see_other(crate::model::SIGN_IN_PATH);
    }
    viewer
}

/// A page's data: `None` is answered with 404 (nothing there, or not the viewer's).
pub fn found<T>(view: Option<T>) -> Option<T> {
    if view.is_none() {
        set_status(StatusCode::NOT_FOUND);
    }
    view
}

/// The client's address as the server determined it (for the audit log).
pub fn client_ip() -> Option<String> {
    parts()?.extensions.get::<ClientIp>().map(|ip| ip.0.clone())
}

/// The client's address, put into the request by the server.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

/// The value of one of our cookies.
pub fn our_cookie(name: &str) -> Option<String> {
    policy().read(&parts()?.headers, name)
}

/// One of our token cookies (session, draft, enrolment), if it holds a plausible token.
pub fn token_cookie(name: &str) -> Option<String> {
    policy().token(&parts()?.headers, name)
}

fn append_cookie(value: HeaderValue) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.append_header(SET_COOKIE, value);
    }
}

/// Sets one of our cookies; without `max_age_seconds` for the browser session.
pub fn set_our_cookie(name: &str, value: &str, max_age_seconds: Option<i64>) {
    append_cookie(policy().set(name, value, max_age_seconds));
}

/// Removes one of our cookies.
pub fn remove_our_cookie(name: &str) {
    append_cookie(policy().remove(name));
}

pub fn set_lang_cookie(lang: Lang) {
    append_cookie(policy().set_lang(lang));
}

/// Post/redirect/get: send the browser on with `303 See Other`.
pub fn see_other(path: &str) {
    leptos_axum::redirect(path);
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(StatusCode::SEE_OTHER);
    }
}

pub fn set_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
}

pub fn forbid() {
    set_status(StatusCode::FORBIDDEN);
}

/// Only same-site paths are followed after a form post (no open redirects).
pub fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}

/// Keeps a refused form's errors and values (or a notice) for the page the browser is sent to.
pub fn set_flash(flash: &crate::model::Flash) {
    if let Some(value) = policy().set_flash(flash) {
        append_cookie(value);
    }
}

/// Takes the flash for this page (and removes the cookie).
pub fn take_flash() -> crate::model::Flash {
    let Some(parts) = parts() else {
        return Default::default();
    };
    if policy().read(&parts.headers, cookies::FLASH).is_none() {
        return Default::default();
    }
    remove_our_cookie(cookies::FLASH);
    policy().flash(&parts.headers).unwrap_or_default()
}

/// Remembers an anonymous report of this browser so that it can be claimed after signing up
/// (the newest ten; the cookie holds the personal access token, the server only its hash).
pub fn remember_claim(reference: &str, access: &str) {
    let mut claims: Vec<String> = our_cookie(cookies::CLAIMS)
        .map(|v| v.split('|').map(str::to_owned).collect())
        .unwrap_or_default();
    claims.retain(|c| !c.is_empty() && !c.starts_with(&format!("{reference}:")));
    claims.push(format!("{reference}:{access}"));
    let skip = claims.len().saturating_sub(10);
    let value = claims[skip..].join("|");
    set_our_cookie(cookies::CLAIMS, &value, Some(180 * 24 * 3600));
}
