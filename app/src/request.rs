//! Server-side helpers for the current HTTP request: language, cookies, redirects.

use crate::backend::DraftToken;
use crate::i18n::Lang;
use http::header::{HeaderValue, ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// Settings of the deployment that shape cookies; provided as context by the server.
#[derive(Clone, Copy, Debug)]
pub struct CookiePolicy {
    /// Served over https: cookies get `Secure` and the `__Host-` prefix.
    pub secure: bool,
}

impl CookiePolicy {
    pub fn draft_cookie_name(self) -> &'static str {
        if self.secure {
            "__Host-kw_draft"
        } else {
            "kw_draft"
        }
    }
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

fn policy() -> CookiePolicy {
    use_context::<CookiePolicy>().unwrap_or(CookiePolicy { secure: true })
}

/// The value of a request cookie.
pub fn cookie(name: &str) -> Option<String> {
    let parts = parts()?;
    parts.headers.get_all(COOKIE).iter().find_map(|header| {
        header.to_str().ok()?.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.to_owned())
        })
    })
}

/// The language of this request (cookie, then `Accept-Language`, then German).
pub fn lang() -> Lang {
    let Some(parts) = parts() else {
        return Lang::default();
    };
    let header = |name| {
        parts
            .headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    Lang::negotiate(header(COOKIE), header(ACCEPT_LANGUAGE))
}

pub fn draft_token() -> Option<DraftToken> {
    cookie(policy().draft_cookie_name())
        .filter(|v| !v.is_empty() && v.len() <= 64)
        .map(DraftToken)
}

fn append_cookie(value: String) {
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        response.append_header(SET_COOKIE, value);
    }
}

/// The draft cookie lives for the browser session; the server expires the draft itself.
pub fn set_draft_cookie(token: &DraftToken) {
    let policy = policy();
    let secure = if policy.secure { "; Secure" } else { "" };
    append_cookie(format!(
        "{}={}; Path=/; HttpOnly; SameSite=Lax{secure}",
        policy.draft_cookie_name(),
        token.0
    ));
}

pub fn set_lang_cookie(lang: Lang) {
    let secure = if policy().secure { "; Secure" } else { "" };
    append_cookie(format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        Lang::COOKIE,
        lang.tag()
    ));
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

/// Only same-site paths are followed after a form post (no open redirects).
pub fn local_path(next: &str) -> &str {
    if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') {
        next
    } else {
        "/"
    }
}
