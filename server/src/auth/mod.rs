//! Bürger-ID: passwordless accounts. Citizens and staff sign in with passkeys (WebAuthn,
//! [`passkeys`]); there are no passwords. Sessions live in the database ([`sessions`]), so any
//! server can answer any request; roles are granted per municipality ([`admin`]) and checked
//! on the server by the access policy (`core::access`). The account page, its data rights and
//! recovery are [`accounts`] and [`recovery`]; [`audit`] records security events; [`port`] is
//! what the account pages ask for.

pub mod accounts;
pub mod admin;
pub mod audit;
pub mod mails;
pub mod passkeys;
pub mod platform;
pub mod port;
pub mod recovery;
pub mod sessions;

use crate::core::http::rate_limit::Limit;
use crate::core::http::{JsonError, PageError};
use crate::core::Core;
use crate::tenants::Tenants;
use axum::extract::{Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use webauthn_rs::Webauthn;

/// What the Bürger-ID domain uses of the application state.
#[derive(Clone)]
pub struct Auth {
    pub core: Core,
    pub tenants: Tenants,
    /// The WebAuthn relying party: this deployment's public origin.
    pub webauthn: Arc<Webauthn>,
    /// What the domains above hold about an account, for its export.
    pub personal_data: Arc<[crate::core::personal::Exporter]>,
    /// What the domains above do when an account is deleted.
    pub forget_account: Arc<[crate::core::personal::Forgetter]>,
    /// What the domains above show on the account page.
    pub account_sections: Arc<[crate::core::personal::Sections]>,
}

/// Passkey ceremonies, recovery and requests that send mail are limited per client, more
/// tightly than report intake: a passkey script gets JSON, a form a page.
pub fn limits(core: &Core) -> Vec<Limit> {
    vec![
        Limit {
            applies: |path| path.starts_with("/konto/passkey/"),
            limiter: core.auth_limiter.clone(),
            refuse: |lang| JsonError::too_many_requests(lang).into_response(),
        },
        Limit {
            applies: |path| {
                path.starts_with("/api/konto/wiederherstellen")
                    || path == "/api/konto/registrieren"
                    || path == "/api/konto/email"
                    || path == "/api/einladung/annehmen"
            },
            limiter: core.auth_limiter.clone(),
            refuse: |lang| PageError::TooManyRequests { lang }.into_response(),
        },
    ]
}

/// Removes what has expired: ceremonies nobody finished, mail links, sessions, and mail older
/// than a week (its links have expired). Returns how many rows went.
pub async fn clean_up(state: &Auth) -> Result<u64, sqlx::Error> {
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut removed = passkeys::delete_expired(state).await?;
    removed += accounts::delete_expired_links(&core.db, now).await?;
    let lifetime = i64::from(core.settings.session_lifetime_hours) * 3_600_000;
    let idle = i64::from(core.settings.session_idle_minutes) * 60_000;
    removed += sessions::delete_expired(&core.db, now - lifetime, now - idle).await?;
    removed += crate::core::mail::delete_older_than(&core.db, now - 7 * 24 * 3_600_000).await?;
    Ok(removed)
}

/// Passkeys are bound to the public URL's host name: an account page opened under another
/// name of this server (typically `127.0.0.1` in development, where the public URL says
/// `localhost`) is sent there, where its passkeys and session cookie work.
pub async fn account_pages_on_public_host(
    State(public_url): State<Arc<str>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let account_page = path == "/konto" || path.starts_with("/konto/") || path == "/einladung";
    let public_host = public_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(public_host);
    // Only the development case: a proxy in production may pass on any internal host name.
    let loopback_literal = host.starts_with("127.0.0.1") || host.starts_with("[::1]");
    if request.method() == Method::GET
        && account_page
        && loopback_literal
        && public_host.starts_with("localhost")
    {
        let target = format!(
            "{public_url}{}",
            request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or(path)
        );
        return Redirect::temporary(&target).into_response();
    }
    next.run(request).await
}
