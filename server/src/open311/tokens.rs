//! `GET tokens/{token}`: the request a token stands for. The specification lets a server answer
//! a `POST requests` with a token when the id comes later; Kiezwerk has the id at once and
//! gives both, and the token keeps resolving for as long as the request exists.

use super::error::Open311Error;
use super::format;
use super::services::JurisdictionQuery;
use super::{jurisdiction, lang_of, public, split_file};
use crate::reports::{Reference, Reports};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiezwerk_app::i18n::fill;
use serde_json::json;

/// Tokens are 43 characters of base64url; anything longer is no token of ours.
const MAX_TOKEN_CHARS: usize = 64;

pub async fn token(
    State(reports): State<Reports>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Result<Response, Open311Error> {
    let lang = lang_of(&headers, q.locale.as_deref());
    let (token, format) = split_file(&file, lang)?;
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    let not_found = || {
        let shown: String = token.chars().take(MAX_TOKEN_CHARS).collect();
        let message = fill(lang.texts().open311_token_unknown, &[&shown]);
        Open311Error::new(StatusCode::NOT_FOUND, message)
    };
    if token.len() > MAX_TOKEN_CHARS {
        return Err(not_found());
    }
    let reference: Option<Reference> = sqlx::query_scalar(
        "select reference from reports where open311_token = $1 and municipality_id = $2",
    )
    .bind(token)
    .bind(municipality.id)
    .fetch_optional(&reports.core.db.pool)
    .await
    .map_err(|e| Open311Error::internal(e, lang))?;
    let reference = reference.ok_or_else(not_found)?;
    let answer = json!([{ "service_request_id": reference, "token": token }]);
    Ok(public(format, format::REQUESTS, &answer))
}
