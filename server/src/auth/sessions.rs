//! Sessions: a random token in a cookie, its hash in the database. A session ends after
//! `session_idle_minutes` without requests, `session_lifetime_hours` after sign-in, at sign-out,
//! and as soon as the account is disabled.

use super::Auth;
use crate::core::db::Db;
use crate::core::http::assets::is_static;
use crate::core::secret::{hash, new_token_and_id};
use crate::tenants::Registry;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use kiezwerk_app::cookies::{CookiePolicy, SESSION};
use kiezwerk_app::model::{AccountId, DepartmentId, Grant, MunicipalityId, Role, Viewer};

/// How often `last_seen_at` is written at most: a write per request would be wasteful.
const TOUCH_EVERY_MS: i64 = 60_000;

/// Starts a session for the account and returns its cookie token. Every sign-in gets a new
/// token; an earlier session named by the request's cookie is ended by the caller.
pub async fn create(db: &Db, now: i64, account_id: AccountId) -> Result<String, sqlx::Error> {
    let (token, id) = new_token_and_id();
    sqlx::query(
        "insert into sessions (id, account_id, created_at, last_seen_at) values ($1, $2, $3, $3)",
    )
    .bind(id)
    .bind(account_id)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

/// Ends the session a cookie token names.
pub async fn end(db: &Db, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where id = $1")
        .bind(hash(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Ends every session of an account; returns how many there were.
pub async fn end_all(db: &Db, account_id: AccountId) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from sessions where account_id = $1")
        .bind(account_id)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// Removes sessions signed in before `signed_in_before` or idle since before `seen_before`;
/// returns how many.
pub async fn delete_expired(
    db: &Db,
    signed_in_before: i64,
    seen_before: i64,
) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("delete from sessions where created_at <= $1 or last_seen_at <= $2")
            .bind(signed_in_before)
            .bind(seen_before)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

fn policy(state: &Auth) -> CookiePolicy {
    CookiePolicy {
        secure: state.core.settings.is_https(),
    }
}

/// The `Set-Cookie` value that starts (or, with `None`, removes) the session cookie.
pub fn set_cookie(state: &Auth, token: Option<&str>) -> HeaderValue {
    match token {
        Some(token) => {
            let lifetime = i64::from(state.core.settings.session_lifetime_hours) * 3600;
            policy(state).set(SESSION, token, Some(lifetime))
        }
        None => policy(state).remove(SESSION),
    }
}

/// The roles of an account, with names for display. A role the server does not know is an
/// error, not a role less.
pub async fn grants(
    db: &Db,
    registry: &Registry,
    account_id: AccountId,
) -> Result<Vec<Grant>, sqlx::Error> {
    let rows: Vec<(Role, Option<MunicipalityId>, Option<DepartmentId>)> = sqlx::query_as(
        "select role, municipality_id, department_id from role_grants where account_id = $1 order by id",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(role, municipality_id, department_id)| {
            let municipality = municipality_id.and_then(|id| registry.by_id(id));
            let department = department_id.and_then(|id| municipality?.department(id));
            Grant {
                role,
                municipality_id,
                municipality_slug: municipality.map(|m| m.slug.clone()),
                municipality_name: municipality.map(|m| m.name.clone()),
                department_id,
                department_name: department.map(|d| d.name_de.clone()),
            }
        })
        .collect())
}

/// The signed-in person a session cookie token names, if the session is still valid.
pub async fn resolve(state: &Auth, token: &str) -> Result<Option<Viewer>, sqlx::Error> {
    let db = &state.core.db;
    let id = hash(token);
    let row: Option<(AccountId, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "select s.account_id, s.created_at, s.last_seen_at, a.display_name, a.disabled_at \
         from sessions s join accounts a on a.id = s.account_id where s.id = $1",
    )
    .bind(&id)
    .fetch_optional(&db.pool)
    .await?;
    let Some((account_id, created_at, last_seen_at, name, disabled_at)) = row else {
        return Ok(None);
    };
    let now = state.core.clock.now_ms();
    let idle = i64::from(state.core.settings.session_idle_minutes) * 60_000;
    let lifetime = i64::from(state.core.settings.session_lifetime_hours) * 3_600_000;
    if disabled_at.is_some() || now - last_seen_at > idle || now - created_at > lifetime {
        sqlx::query("delete from sessions where id = $1")
            .bind(&id)
            .execute(&db.pool)
            .await?;
        return Ok(None);
    }
    if now - last_seen_at > TOUCH_EVERY_MS {
        sqlx::query("update sessions set last_seen_at = $2 where id = $1")
            .bind(&id)
            .bind(now)
            .execute(&db.pool)
            .await?;
    }
    let grants = grants(db, &state.tenants.registry, account_id).await?;
    Ok(Some(Viewer {
        account_id,
        name,
        grants,
    }))
}

/// The session token from the request's cookies.
pub fn token_of(state: &Auth, headers: &HeaderMap) -> Option<String> {
    policy(state).token(headers, SESSION)
}

/// Puts the signed-in person (a [`Viewer`]) into the request's extensions, where pages,
/// server functions and handlers find it. Static files skip the lookup.
pub async fn attach_viewer(
    State(state): State<Auth>,
    mut request: Request,
    next: Next,
) -> Response {
    let is_static = is_static(request.uri().path());
    if !is_static {
        if let Some(token) = token_of(&state, request.headers()) {
            match resolve(&state, &token).await {
                Ok(Some(viewer)) => {
                    request.extensions_mut().insert(viewer);
                }
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "resolving the session"),
            }
        }
    }
    let mut response = next.run(request).await;
    // Pages for a signed-in person must not be stored by shared caches.
    if !is_static && !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
