//! Server-side helpers for the current HTTP request: language, cookies, redirects.

use crate::backend::DraftToken;
use crate::i18n::Lang;
use http::header::{HeaderValue, ACCEPT_LANGUAGE, COOKIE, SET_COOKIE};
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

pub const SESSION_COOKIE: &str = "kw_session";
pub const ENROL_COOKIE: &str = "kw_enrol";
/// Reports made in this browser without an account, as `reference:token|…`.
pub const CLAIMS_COOKIE: &str = "kw_claims";
/// Errors and typed values of a refused account form, for the page it returns to.
pub const FLASH_COOKIE: &str = "kw_flash";
/// A secret to hand over in person (invitation link, recovery code), shown once on the page.
pub const HANDOVER_COOKIE: &str = "kw_handover";

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

    /// A cookie's name as the browser sends it: `__Host-` prefixed over https.
    pub fn name(self, name: &str) -> String {
        if self.secure {
            format!("__Host-{name}")
        } else {
            name.to_owned()
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

/// The signed-in person, resolved by the server from the session cookie.
pub fn viewer() -> Option<crate::model::Viewer> {
    parts()?.extensions.get::<crate::model::Viewer>().cloned()
}

/// The value of one of our cookies (`__Host-` prefixed over https).
pub fn our_cookie(name: &str) -> Option<String> {
    cookie(&policy().name(name)).filter(|v| !v.is_empty() && v.len() <= 4096)
}

/// Sets (or with `None` removes) one of our HttpOnly cookies.
pub fn set_our_cookie(name: &str, value: Option<&str>, max_age_seconds: i64) {
    let policy = policy();
    let secure = if policy.secure { "; Secure" } else { "" };
    let (value, max_age) = match value {
        Some(v) => (v, max_age_seconds),
        None => ("", 0),
    };
    append_cookie(format!(
        "{}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}",
        policy.name(name)
    ));
}

/// Keeps a refused form's errors and values for the page the browser is sent back to.
pub fn set_flash(flash: &crate::model::Flash) {
    use base64::Engine;
    if let Ok(json) = serde_json::to_vec(flash) {
        let value = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
        set_our_cookie(FLASH_COOKIE, Some(&value), 120);
    }
}

/// Takes the flash for this page (and removes the cookie).
pub fn take_flash() -> crate::model::Flash {
    use base64::Engine;
    let Some(value) = our_cookie(FLASH_COOKIE) else {
        return Default::default();
    };
    set_our_cookie(FLASH_COOKIE, None, 0);
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(value)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or_default()
}

/// The client's address as the server determined it (for the audit log).
pub fn client_ip() -> Option<String> {
    parts()?.extensions.get::<ClientIp>().map(|ip| ip.0.clone())
}

/// The client's address, put into the request by the server.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);

pub fn forbid() {
    set_status(StatusCode::FORBIDDEN);
}

/// Remembers an anonymous report of this browser so that it can be claimed after signing up
/// (the newest ten; the cookie holds the personal access token, the server only its hash).
pub fn remember_claim(reference: &str, access: &str) {
    let mut claims: Vec<String> = our_cookie(CLAIMS_COOKIE)
        .map(|v| v.split('|').map(str::to_owned).collect())
        .unwrap_or_default();
    claims.retain(|c| !c.is_empty() && !c.starts_with(&format!("{reference}:")));
    claims.push(format!("{reference}:{access}"));
    let skip = claims.len().saturating_sub(10);
    let value = claims[skip..].join("|");
    set_our_cookie(CLAIMS_COOKIE, Some(&value), 180 * 24 * 3600);
}
