//! The four JSON endpoints the passkey script (`public/js/passkey.js`) talks to. Failures are
//! answered as `{"message": "…"}` in the page's language.

use super::{
    begin_registration, begin_sign_in, finish_registration, finish_sign_in, remove_enrol_cookie,
    CeremonyError, RegistrationFinish, SignInFinish,
};
use crate::auth::audit::{self, Entry, Event};
use crate::auth::{sessions, Auth};
use crate::core::http::{Client, JsonError, MaybeViewer, RequestLang};
use axum::extract::{rejection::JsonRejection, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use kiezwerk_app::i18n::Lang;
use serde_json::json;

pub fn router() -> Router<Auth> {
    Router::new()
        .route(
            "/konto/passkey/registrierung/beginn",
            post(registration_begin),
        )
        .route(
            "/konto/passkey/registrierung/abschluss",
            post(registration_finish),
        )
        .route("/konto/passkey/anmeldung/beginn", post(sign_in_begin))
        .route("/konto/passkey/anmeldung/abschluss", post(sign_in_finish))
}

impl CeremonyError {
    /// The answer to the page's script, in its language.
    fn into_json(self, lang: Lang) -> JsonError {
        let t = lang.texts();
        let (status, message) = match self {
            CeremonyError::Internal(error) => return JsonError::internal(error, lang),
            CeremonyError::NotRecognised => (StatusCode::UNAUTHORIZED, t.passkey_not_recognised),
            CeremonyError::Flagged => (StatusCode::UNAUTHORIZED, t.passkey_flagged),
            CeremonyError::Expired => (StatusCode::BAD_REQUEST, t.passkey_expired),
            CeremonyError::AlreadyRegistered => {
                (StatusCode::BAD_REQUEST, t.passkey_already_registered)
            }
            CeremonyError::Refused => (StatusCode::BAD_REQUEST, t.passkey_refused),
        };
        JsonError::new(status, message)
    }
}

/// Starts the passkey prompt for the enrolment named by the cookie.
async fn registration_begin(
    State(state): State<Auth>,
    RequestLang(lang): RequestLang,
    headers: HeaderMap,
) -> Result<Response, JsonError> {
    let options = begin_registration(&state, &headers)
        .await
        .map_err(|e| e.into_json(lang))?;
    Ok(Json(options).into_response())
}

/// Verifies the new passkey and does what the enrolment was for.
async fn registration_finish(
    State(state): State<Auth>,
    RequestLang(lang): RequestLang,
    Client(client): Client,
    MaybeViewer(viewer): MaybeViewer,
    headers: HeaderMap,
    body: Result<Json<RegistrationFinish>, JsonRejection>,
) -> Result<Response, JsonError> {
    let Ok(Json(body)) = body else {
        return Err(CeremonyError::Refused.into_json(lang));
    };
    let ip = Some(client.to_string());
    let (session, redirect) =
        finish_registration(&state, &headers, viewer.as_ref(), body, ip, lang)
            .await
            .map_err(|e| e.into_json(lang))?;
    let mut response = Json(json!({ "redirect": redirect })).into_response();
    let cookies = response.headers_mut();
    if let Some(session) = session {
        cookies.append(
            header::SET_COOKIE,
            sessions::set_cookie(&state, Some(&session)),
        );
    }
    cookies.append(header::SET_COOKIE, remove_enrol_cookie(&state));
    Ok(response)
}

/// Starts a sign-in with any passkey of this site the device has.
async fn sign_in_begin(
    State(state): State<Auth>,
    RequestLang(lang): RequestLang,
) -> Result<Response, JsonError> {
    let options = begin_sign_in(&state).await.map_err(|e| e.into_json(lang))?;
    Ok(Json(options).into_response())
}

/// Verifies a sign-in; every refusal is written to the audit log.
async fn sign_in_finish(
    State(state): State<Auth>,
    RequestLang(lang): RequestLang,
    Client(client): Client,
    headers: HeaderMap,
    body: Result<Json<SignInFinish>, JsonRejection>,
) -> Result<Response, JsonError> {
    let Ok(Json(body)) = body else {
        return Err(CeremonyError::Refused.into_json(lang));
    };
    let ip = Some(client.to_string());
    match finish_sign_in(&state, &headers, body, ip.clone()).await {
        Ok(session) => {
            let mut response = Json(json!({ "redirect": "/konto" })).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                sessions::set_cookie(&state, Some(&session)),
            );
            Ok(response)
        }
        Err((error, account_id)) => {
            audit::record(
                &state.core.db,
                state.core.clock.now_ms(),
                Event::SignInRefused,
                Entry {
                    account_id,
                    ip,
                    detail: error.code(),
                    ..Default::default()
                },
            )
            .await;
            Err(error.into_json(lang))
        }
    }
}
