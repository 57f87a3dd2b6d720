//! Sessions: a random token in a cookie, its hash in the database. A session ends after
//! `session_idle_minutes` without requests, `session_lifetime_hours` after sign-in, at sign-out,
//! and as soon as the account is disabled.

use super::{cookie, cookie_name, secret};
use crate::apikeys::hash;
use crate::db::Db;
use crate::state::AppState;
use crate::tenants::Registry;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use kiezwerk_app::model::{Grant, Role, Viewer};

pub use kiezwerk_app::request::SESSION_COOKIE as COOKIE;

/// How often `last_seen_at` is written at most: a write per request would be wasteful.
const TOUCH_EVERY_MS: i64 = 60_000;

/// Starts a session for the account and returns its cookie token. Every sign-in gets a new
/// token; an earlier session named by the request's cookie is ended by the caller.
pub async fn create(db: &Db, now: i64, account_id: i64) -> Result<String, sqlx::Error> {
    let (token, id) = secret();
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
pub async fn end_all(db: &Db, account_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from sessions where account_id = $1")
        .bind(account_id)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// The `Set-Cookie` value that starts (or, with `None`, removes) the session cookie.
pub fn set_cookie(state: &AppState, token: Option<&str>) -> String {
    let secure = state.settings.is_https();
    match token {
        Some(token) => {
            let lifetime = i64::from(state.settings.session_lifetime_hours) * 3600;
            cookie(secure, COOKIE, token, Some(lifetime))
        }
        None => cookie(secure, COOKIE, "", Some(0)),
    }
}

/// The roles of an account, with names for display.
pub async fn grants(
    db: &Db,
    registry: &Registry,
    account_id: i64,
) -> Result<Vec<Grant>, sqlx::Error> {
    let rows: Vec<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "select role, municipality_id, department_id from role_grants where account_id = $1 order by id",
    )
    .bind(account_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(role, municipality_id, department_id)| {
            let role = Role::parse(&role)?;
            let municipality = municipality_id.and_then(|id| registry.by_id(id));
            let department = department_id.and_then(|id| municipality?.department(id));
            Some(Grant {
                role,
                municipality_id,
                municipality_slug: municipality.map(|m| m.slug.clone()),
                municipality_name: municipality.map(|m| m.name.clone()),
                department_id,
                department_name: department.map(|d| d.name_de.clone()),
            })
        })
        .collect())
}

/// The signed-in person a session cookie token names, if the session is still valid.
pub async fn resolve(state: &AppState, token: &str) -> Result<Option<Viewer>, sqlx::Error> {
    let id = hash(token);
    let row: Option<(i64, i64, i64, String, Option<i64>)> = sqlx::query_as(
        "select s.account_id, s.created_at, s.last_seen_at, a.display_name, a.disabled_at \
         from sessions s join accounts a on a.id = s.account_id where s.id = $1",
    )
    .bind(&id)
    .fetch_optional(&state.db.pool)
    .await?;
    let Some((account_id, created_at, last_seen_at, name, disabled_at)) = row else {
        return Ok(None);
    };
    let now = state.clock.now_ms();
    let idle = i64::from(state.settings.session_idle_minutes) * 60_000;
    let lifetime = i64::from(state.settings.session_lifetime_hours) * 3_600_000;
    if disabled_at.is_some() || now - last_seen_at > idle || now - created_at > lifetime {
        sqlx::query("delete from sessions where id = $1")
            .bind(&id)
            .execute(&state.db.pool)
            .await?;
        return Ok(None);
    }
    if now - last_seen_at > TOUCH_EVERY_MS {
        sqlx::query("update sessions set last_seen_at = $2 where id = $1")
            .bind(&id)
            .bind(now)
            .execute(&state.db.pool)
            .await?;
    }
    let grants = grants(&state.db, &state.registry, account_id).await?;
    Ok(Some(Viewer {
        account_id,
        name,
        grants,
    }))
}

/// The session token from the request's cookies.
pub fn token_of(state: &AppState, headers: &axum::http::HeaderMap) -> Option<String> {
    let name = cookie_name(state.settings.is_https(), COOKIE);
    crate::web::cookie(headers, &name)
        .filter(|t| !t.is_empty() && t.len() <= 64)
        .map(str::to_owned)
}

/// Puts the signed-in person (a [`Viewer`]) into the request's extensions, where pages,
/// server functions and handlers find it. Static files skip the lookup.
pub async fn attach_viewer(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let is_static = ["/pkg/", "/vendor/", "/fonts/", "/js/", "/favicon"]
        .iter()
        .any(|p| path.starts_with(p));
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
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            header::HeaderValue::from_static("no-store"),
        );
    }
    response
}
