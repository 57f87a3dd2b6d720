//! Passkey ceremonies (WebAuthn, with webauthn-rs). The browser's script talks to four JSON
//! endpoints; the ceremony state stays in the database, is used once and expires:
//!
//! - registration: `…/registrierung/beginn` and `…/abschluss`, for an *enrolment* prepared by a
//!   page (sign-up, another passkey, recovery, invitation) and named by the `kw_enrol` cookie;
//! - sign-in with a discoverable credential (no typed name): `…/anmeldung/beginn` and
//!   `…/abschluss`.

use super::audit::{self, Entry, Event};
use super::{cookie, cookie_name, secret, sessions};
use crate::apikeys::hash;
use crate::state::AppState;
use crate::web::request_lang;
use axum::extract::{FromRequest, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{EnrolmentKind, Viewer};
use serde::{Deserialize, Serialize};
use serde_json::json;
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential, Uuid, Webauthn,
    WebauthnBuilder, WebauthnError,
};
use webauthn_rs_proto::ResidentKeyRequirement;

/// A stored passkey with its account: passkey id, account id, user handle, passkey JSON,
/// flagged, account disabled.
type StoredCredential = (i64, i64, String, String, Option<i64>, Option<i64>);

pub use kiezwerk_app::request::ENROL_COOKIE;
/// An enrolment (the page before the passkey prompt) may take a while …
const ENROLMENT_MS: i64 = 15 * 60 * 1000;
/// … the ceremony itself not.
const CEREMONY_MS: i64 = 5 * 60 * 1000;

/// The relying party: Kiezwerk at its public URL.
pub fn relying_party(public_url: &str) -> anyhow::Result<Webauthn> {
    let origin = webauthn_rs::prelude::Url::parse(public_url)?;
    let host = origin
        .host_str()
        .ok_or_else(|| anyhow::anyhow!("KIEZWERK_PUBLIC_URL has no host"))?
        .to_owned();
    Ok(WebauthnBuilder::new(&host, &origin)?
        .rp_name("Kiezwerk")
        .build()?)
}

/// What a registration is for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Enrolment {
    SignUp { name: String, email: Option<String> },
    AddPasskey { account_id: i64 },
    Recover { account_id: i64 },
    Invitation { invitation_id: String, name: String },
}

/// Context stored with an enrolment: the purpose, and once the ceremony started, the user
/// handle it used.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct EnrolmentContext {
    enrolment: Enrolment,
    user_handle: Option<Uuid>,
}

/// Stores an enrolment and returns the cookie value naming it.
pub async fn begin_enrolment(
    state: &AppState,
    enrolment: Enrolment,
) -> Result<String, sqlx::Error> {
    let (token, id) = secret();
    let now = state.clock.now_ms();
    // Linked to the account it is for, so that deleting the account ends it too.
    let account_id = match &enrolment {
        Enrolment::AddPasskey { account_id } | Enrolment::Recover { account_id } => {
            Some(*account_id)
        }
        Enrolment::SignUp { .. } | Enrolment::Invitation { .. } => None,
    };
    let context = serde_json::to_string(&EnrolmentContext {
        enrolment,
        user_handle: None,
    })
    .unwrap_or_default();
    sqlx::query(
        "insert into ceremonies (id, kind, account_id, context, created_at, expires_at) \
         values ($1, 'enrol', $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(account_id)
    .bind(context)
    .bind(now)
    .bind(now + ENROLMENT_MS)
    .execute(&state.db.pool)
    .await?;
    Ok(token)
}

/// What a still valid enrolment is for.
pub async fn enrolment_kind(
    state: &AppState,
    token: &str,
) -> Result<Option<EnrolmentKind>, sqlx::Error> {
    let context: Option<String> = sqlx::query_scalar(
        "select context from ceremonies where id = $1 and kind = 'enrol' and expires_at > $2",
    )
    .bind(hash(token))
    .bind(state.clock.now_ms())
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(context
        .and_then(|c| serde_json::from_str::<EnrolmentContext>(&c).ok())
        .map(|c| match c.enrolment {
            Enrolment::SignUp { .. } => EnrolmentKind::SignUp,
            Enrolment::AddPasskey { .. } => EnrolmentKind::AddPasskey,
            Enrolment::Recover { .. } => EnrolmentKind::Recover,
            Enrolment::Invitation { .. } => EnrolmentKind::Invitation,
        }))
}

/// The `Set-Cookie` value for an enrolment (or its removal).
pub fn enrol_cookie(state: &AppState, token: Option<&str>) -> String {
    let secure = state.settings.is_https();
    match token {
        Some(token) => cookie(secure, ENROL_COOKIE, token, Some(ENROLMENT_MS / 1000)),
        None => cookie(secure, ENROL_COOKIE, "", Some(0)),
    }
}

pub fn router() -> Router<AppState> {
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

/// Why a ceremony failed, in the citizen's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The page was open too long, or the answer came twice.
    Expired,
    /// Unknown, removed or mismatched credential, or a bad signature: one answer for all, so
    /// nobody learns which accounts or credentials exist.
    NotRecognised,
    /// Signature counter went backwards: the credential may have been copied.
    Flagged,
    /// This authenticator is already registered.
    AlreadyRegistered,
    /// The browser's answer did not fit the request (wrong origin, no user verification, …).
    Refused,
    Technical,
}

impl Failure {
    fn message(self, lang: Lang) -> &'static str {
        let t = lang.texts();
        match self {
            Failure::Expired => t.passkey_expired,
            Failure::NotRecognised => t.passkey_not_recognised,
            Failure::Flagged => t.passkey_flagged,
            Failure::AlreadyRegistered => t.passkey_already_registered,
            Failure::Refused => t.passkey_refused,
            Failure::Technical => t.technical_error_text,
        }
    }

    fn status(self) -> StatusCode {
        match self {
            Failure::Technical => StatusCode::INTERNAL_SERVER_ERROR,
            Failure::NotRecognised | Failure::Flagged => StatusCode::UNAUTHORIZED,
            _ => StatusCode::BAD_REQUEST,
        }
    }

    fn respond(self, lang: Lang) -> Response {
        (
            self.status(),
            Json(json!({ "message": self.message(lang) })),
        )
            .into_response()
    }
}

fn technical(error: impl std::fmt::Display) -> Failure {
    tracing::error!(%error, "passkey ceremony failed");
    Failure::Technical
}

fn enrol_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    crate::web::cookie(
        headers,
        &cookie_name(state.settings.is_https(), ENROL_COOKIE),
    )
    .filter(|t| !t.is_empty() && t.len() <= 64)
    .map(str::to_owned)
}

fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn client_ip(state: &AppState, request: &Request) -> Option<String> {
    Some(crate::http::client_ip(request, &state.settings.trusted_proxies).to_string())
}

/// Starts the passkey prompt for the enrolment named by the cookie.
async fn registration_begin(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    match begin_registration(&state, &headers).await {
        Ok(options) => Json(options).into_response(),
        Err(failure) => failure.respond(lang),
    }
}

async fn begin_registration(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<CreationChallengeResponse, Failure> {
    let token = enrol_token(state, headers).ok_or(Failure::Expired)?;
    let id = hash(&token);
    let row: Option<(String,)> = sqlx::query_as(
        "select context from ceremonies where id = $1 and kind = 'enrol' and expires_at > $2",
    )
    .bind(&id)
    .bind(state.clock.now_ms())
    .fetch_optional(&state.db.pool)
    .await
    .map_err(technical)?;
    let (context,) = row.ok_or(Failure::Expired)?;
    let mut context: EnrolmentContext = serde_json::from_str(&context).map_err(technical)?;

    // Whose passkey: a new account's (new user handle) or an existing one's.
    let existing = match &context.enrolment {
        Enrolment::AddPasskey { account_id } | Enrolment::Recover { account_id } => {
            Some(*account_id)
        }
        Enrolment::SignUp { .. } | Enrolment::Invitation { .. } => None,
    };
    let (user_handle, name, display_name, exclude) = match existing {
        Some(account_id) => {
            let (handle, display_name, email): (String, String, Option<String>) = sqlx::query_as(
                "select user_handle, display_name, email from accounts where id = $1",
            )
            .bind(account_id)
            .fetch_optional(&state.db.pool)
            .await
            .map_err(technical)?
            .ok_or(Failure::Expired)?;
            let credentials: Vec<(String,)> =
                sqlx::query_as("select passkey from passkeys where account_id = $1")
                    .bind(account_id)
                    .fetch_all(&state.db.pool)
                    .await
                    .map_err(technical)?;
            let exclude = credentials
                .iter()
                .filter_map(|(json,)| serde_json::from_str::<Passkey>(json).ok())
                .map(|p| p.cred_id().clone())
                .collect::<Vec<_>>();
            let handle = Uuid::parse_str(&handle).map_err(technical)?;
            (
                handle,
                email.unwrap_or_else(|| display_name.clone()),
                display_name,
                Some(exclude),
            )
        }
        None => {
            let (name, email) = match &context.enrolment {
                Enrolment::SignUp { name, email } => (name.clone(), email.clone()),
                Enrolment::Invitation { name, .. } => (name.clone(), None),
                _ => unreachable!("existing accounts handled above"),
            };
            (
                Uuid::new_v4(),
                email.unwrap_or_else(|| name.clone()),
                name,
                None,
            )
        }
    };
    let (mut options, registration) = state
        .webauthn
        .start_passkey_registration(user_handle, &name, &display_name, exclude)
        .map_err(technical)?;
    // A discoverable credential lets people sign in without typing a name.
    if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
        selection.resident_key = Some(ResidentKeyRequirement::Preferred);
        selection.require_resident_key = false;
    }
    context.user_handle = Some(user_handle);
    // The prompt gets five minutes, but never beyond the enrolment's own expiry.
    sqlx::query(
        "update ceremonies set context = $2, state = $3, \
         expires_at = case when expires_at < $4 then expires_at else $4 end where id = $1",
    )
    .bind(&id)
    .bind(serde_json::to_string(&context).map_err(technical)?)
    .bind(serde_json::to_string(&registration).map_err(technical)?)
    .bind(state.clock.now_ms() + CEREMONY_MS)
    .execute(&state.db.pool)
    .await
    .map_err(technical)?;
    Ok(options)
}

#[derive(Deserialize)]
struct RegistrationFinish {
    credential: RegisterPublicKeyCredential,
    #[serde(default)]
    name: Option<String>,
}

/// Verifies the new passkey and does what the enrolment was for.
async fn registration_finish(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let lang = request_lang(&headers);
    let viewer = request.extensions().get::<Viewer>().cloned();
    let ip = client_ip(&state, &request);
    let Ok(Json(body)) = Json::<RegistrationFinish>::from_request(request, &state).await else {
        return Failure::Refused.respond(lang);
    };
    match finish_registration(&state, &headers, viewer.as_ref(), body, ip, lang).await {
        Ok((session, redirect)) => {
            let mut response = Json(json!({ "redirect": redirect })).into_response();
            let cookies = response.headers_mut();
            if let Some(session) = session {
                if let Ok(value) = sessions::set_cookie(&state, Some(&session)).parse() {
                    cookies.append(header::SET_COOKIE, value);
                }
            }
            if let Ok(value) = enrol_cookie(&state, None).parse() {
                cookies.append(header::SET_COOKIE, value);
            }
            response
        }
        Err(failure) => failure.respond(lang),
    }
}

/// Returns the new session's token (if the enrolment signs someone in) and where to go next.
async fn finish_registration(
    state: &AppState,
    headers: &HeaderMap,
    viewer: Option<&Viewer>,
    body: RegistrationFinish,
    ip: Option<String>,
    lang: Lang,
) -> Result<(Option<String>, &'static str), Failure> {
    let token = enrol_token(state, headers).ok_or(Failure::Expired)?;
    // Taken out in one statement: a replayed answer finds nothing.
    let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
        "delete from ceremonies where id = $1 and kind = 'enrol' returning context, state, expires_at",
    )
    .bind(hash(&token))
    .fetch_optional(&state.db.pool)
    .await
    .map_err(technical)?;
    let (context, registration, expires_at) = row.ok_or(Failure::Expired)?;
    let registration = registration.ok_or(Failure::Expired)?;
    if expires_at <= state.clock.now_ms() {
        return Err(Failure::Expired);
    }
    let context: EnrolmentContext = serde_json::from_str(&context).map_err(technical)?;
    let registration: PasskeyRegistration =
        serde_json::from_str(&registration).map_err(technical)?;
    let passkey = state
        .webauthn
        .finish_passkey_registration(&body.credential, &registration)
        .map_err(|error| {
            tracing::info!(%error, "passkey registration refused");
            Failure::Refused
        })?;
    let user_handle = context.user_handle.ok_or(Failure::Expired)?;
    let t = lang.texts();
    let passkey_name = body
        .name
        .map(|n| crate::reports::clean_text(&n))
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(60).collect())
        .unwrap_or_else(|| {
            format!(
                "{} {}",
                t.passkey_default_name,
                crate::reports::format_time(state.clock.now_ms(), lang)
            )
        });

    let now = state.clock.now_ms();
    let mut tx = state.db.pool.begin().await.map_err(technical)?;
    let (account_id, signs_in, event, municipality_id) = match &context.enrolment {
        Enrolment::SignUp { name, email } => {
            let id = insert_account(&mut tx, user_handle, name, email.as_deref(), now).await?;
            (id, true, Event::SignedUp, None)
        }
        Enrolment::Invitation {
            invitation_id,
            name,
        } => {
            let invitation: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
                "update invitations set used_at = $2 where id = $1 and used_at is null and expires_at > $2 \
                 returning role, municipality_id, department_id",
            )
            .bind(invitation_id)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await
            .map_err(technical)?;
            let (role, municipality_id, department_id) = invitation.ok_or(Failure::Expired)?;
            let id = insert_account(&mut tx, user_handle, name, None, now).await?;
            sqlx::query(
                "insert into role_grants (account_id, role, municipality_id, department_id, created_at) \
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(&role)
            .bind(municipality_id)
            .bind(department_id)
            .bind(now)
            .execute(&mut *tx)
            .await
            .map_err(technical)?;
            sqlx::query("update invitations set used_by = $2 where id = $1")
                .bind(invitation_id)
                .bind(id)
                .execute(&mut *tx)
                .await
                .map_err(technical)?;
            (id, true, Event::InvitationAccepted, municipality_id)
        }
        Enrolment::AddPasskey { account_id } => {
            // Only in the session of the account it is for.
            if viewer.map(|v| v.account_id) != Some(*account_id) {
                return Err(Failure::Expired);
            }
            (*account_id, false, Event::PasskeyAdded, None)
        }
        Enrolment::Recover { account_id } => (*account_id, true, Event::Recovered, None),
    };
    // The passkey was made for the user handle the prompt named: it must still be this
    // account's (and the account must still be active).
    if matches!(
        context.enrolment,
        Enrolment::AddPasskey { .. } | Enrolment::Recover { .. }
    ) {
        let handle: Option<String> = sqlx::query_scalar(
            "select user_handle from accounts where id = $1 and disabled_at is null",
        )
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(technical)?;
        if handle != Some(user_handle.to_string()) {
            return Err(Failure::Expired);
        }
    }
    let inserted = sqlx::query(
        "insert into passkeys (account_id, credential_id, name, passkey, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(encode(passkey.cred_id().as_ref()))
    .bind(&passkey_name)
    .bind(serde_json::to_string(&passkey).map_err(technical)?)
    .bind(now)
    .execute(&mut *tx)
    .await;
    if let Err(error) = inserted {
        let duplicate = matches!(&error, sqlx::Error::Database(e) if e.is_unique_violation());
        return Err(if duplicate {
            Failure::AlreadyRegistered
        } else {
            technical(error)
        });
    }
    if matches!(context.enrolment, Enrolment::Recover { .. }) {
        // Whoever had the lost device is signed out.
        sqlx::query("delete from sessions where account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await
            .map_err(technical)?;
    }
    tx.commit().await.map_err(technical)?;

    if let Enrolment::SignUp {
        name,
        email: Some(email),
    } = &context.enrolment
    {
        super::accounts::send_confirmation(state, account_id, name, email)
            .await
            .map_err(technical)?;
    }
    let entry = |detail| Entry {
        account_id: Some(account_id),
        actor_id: Some(account_id),
        municipality_id,
        ip: ip.clone(),
        detail,
    };
    if event != Event::PasskeyAdded {
        audit::record(&state.db, state.clock.now_ms(), event, entry("")).await;
    }
    audit::record(
        &state.db,
        state.clock.now_ms(),
        Event::PasskeyAdded,
        entry(&passkey_name),
    )
    .await;
    if !signs_in {
        return Ok((None, "/konto?hinweis=passkey-hinzugefuegt"));
    }
    if let Some(old) = sessions::token_of(state, headers) {
        sessions::end(&state.db, &old).await.map_err(technical)?;
    }
    let session = sessions::create(&state.db, state.clock.now_ms(), account_id)
        .await
        .map_err(technical)?;
    Ok((Some(session), "/konto"))
}

async fn insert_account(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_handle: Uuid,
    name: &str,
    pending_email: Option<&str>,
    now: i64,
) -> Result<i64, Failure> {
    sqlx::query_scalar(
        "insert into accounts (user_handle, display_name, pending_email, created_at, updated_at) \
         values ($1, $2, $3, $4, $4) returning id",
    )
    .bind(user_handle.to_string())
    .bind(name)
    .bind(pending_email)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(technical)
}

#[derive(Serialize)]
struct SignInOptions {
    ceremony: String,
    options: webauthn_rs::prelude::RequestChallengeResponse,
}

/// Starts a sign-in with any passkey of this site the device has.
async fn sign_in_begin(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    let started = async {
        let (options, authentication) = state
            .webauthn
            .start_discoverable_authentication()
            .map_err(technical)?;
        let (token, id) = secret();
        let now = state.clock.now_ms();
        sqlx::query(
            "insert into ceremonies (id, kind, state, created_at, expires_at) values ($1, 'sign_in', $2, $3, $4)",
        )
        .bind(id)
        .bind(serde_json::to_string(&authentication).map_err(technical)?)
        .bind(now)
        .bind(now + CEREMONY_MS)
        .execute(&state.db.pool)
        .await
        .map_err(technical)?;
        Ok::<_, Failure>(SignInOptions {
            ceremony: token,
            options,
        })
    };
    match started.await {
        Ok(options) => Json(options).into_response(),
        Err(failure) => failure.respond(lang),
    }
}

#[derive(Deserialize)]
struct SignInFinish {
    ceremony: String,
    credential: PublicKeyCredential,
}

async fn sign_in_finish(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let lang = request_lang(&headers);
    let ip = client_ip(&state, &request);
    let Ok(Json(body)) = Json::<SignInFinish>::from_request(request, &state).await else {
        return Failure::Refused.respond(lang);
    };
    match finish_sign_in(&state, &headers, body, ip.clone()).await {
        Ok(session) => {
            let mut response = Json(json!({ "redirect": "/konto" })).into_response();
            if let Ok(value) = sessions::set_cookie(&state, Some(&session)).parse() {
                response.headers_mut().append(header::SET_COOKIE, value);
            }
            response
        }
        Err((failure, account_id)) => {
            audit::record(
                &state.db,
                state.clock.now_ms(),
                Event::SignInRefused,
                Entry {
                    account_id,
                    ip,
                    detail: failure_code(failure),
                    ..Default::default()
                },
            )
            .await;
            failure.respond(lang)
        }
    }
}

fn failure_code(failure: Failure) -> &'static str {
    match failure {
        Failure::Expired => "expired",
        Failure::NotRecognised => "not_recognised",
        Failure::Flagged => "counter_regression",
        Failure::AlreadyRegistered => "already_registered",
        Failure::Refused => "refused",
        Failure::Technical => "technical",
    }
}

type SignInError = (Failure, Option<i64>);

async fn finish_sign_in(
    state: &AppState,
    headers: &HeaderMap,
    body: SignInFinish,
    ip: Option<String>,
) -> Result<String, SignInError> {
    let plain = |f: Failure| (f, None);
    let row: Option<(Option<String>, i64)> = sqlx::query_as(
        "delete from ceremonies where id = $1 and kind = 'sign_in' returning state, expires_at",
    )
    .bind(hash(&body.ceremony))
    .fetch_optional(&state.db.pool)
    .await
    .map_err(|e| plain(technical(e)))?;
    let (authentication, expires_at) = row.ok_or(plain(Failure::Expired))?;
    if expires_at <= state.clock.now_ms() {
        return Err(plain(Failure::Expired));
    }
    let authentication: DiscoverableAuthentication =
        serde_json::from_str(&authentication.unwrap_or_default())
            .map_err(|e| plain(technical(e)))?;
    let (user_handle, credential_id) = state
        .webauthn
        .identify_discoverable_authentication(&body.credential)
        .map_err(|_| plain(Failure::NotRecognised))?;
    // The credential must exist, belong to the account the user handle names, and not be
    // flagged; all failures look the same from outside.
    let found: Option<StoredCredential> = sqlx::query_as(
        "select p.id, a.id, a.user_handle, p.passkey, p.flagged_at, a.disabled_at \
         from passkeys p join accounts a on a.id = p.account_id where p.credential_id = $1",
    )
    .bind(encode(credential_id))
    .fetch_optional(&state.db.pool)
    .await
    .map_err(|e| plain(technical(e)))?;
    let Some((passkey_id, account_id, handle, stored, flagged_at, disabled_at)) = found else {
        return Err(plain(Failure::NotRecognised));
    };
    if handle != user_handle.to_string() || disabled_at.is_some() {
        return Err(plain(Failure::NotRecognised));
    }
    if flagged_at.is_some() {
        return Err((Failure::Flagged, Some(account_id)));
    }
    let mut passkey: Passkey = serde_json::from_str(&stored).map_err(|e| plain(technical(e)))?;
    // The `_v2` variant takes a `Credential`, which webauthn-rs only exposes behind its
    // `danger-credential-internals` feature; this one checks the same with the passkey.
    #[allow(deprecated)]
    let result = state.webauthn.finish_discoverable_authentication(
        &body.credential,
        authentication,
        &[DiscoverableKey::from(&passkey)],
    );
    let result = match result {
        Ok(result) => result,
        Err(WebauthnError::CredentialPossibleCompromise) => {
            sqlx::query("update passkeys set flagged_at = $2 where id = $1")
                .bind(passkey_id)
                .bind(state.clock.now_ms())
                .execute(&state.db.pool)
                .await
                .map_err(|e| plain(technical(e)))?;
            audit::record(
                &state.db,
                state.clock.now_ms(),
                Event::PasskeyFlagged,
                Entry {
                    account_id: Some(account_id),
                    ip: ip.clone(),
                    ..Default::default()
                },
            )
            .await;
            return Err((Failure::Flagged, Some(account_id)));
        }
        Err(error) => {
            tracing::info!(%error, "passkey sign-in refused");
            return Err((Failure::NotRecognised, Some(account_id)));
        }
    };
    passkey.update_credential(&result);
    // Only over the state this sign-in checked against: of two sign-ins at the same time, or a
    // sign-in racing the flagging of a copied passkey, one fails instead of rolling the
    // counter back.
    let updated = sqlx::query(
        "update passkeys set passkey = $2, last_used_at = $3 \
         where id = $1 and passkey = $4 and flagged_at is null",
    )
    .bind(passkey_id)
    .bind(serde_json::to_string(&passkey).map_err(|e| plain(technical(e)))?)
    .bind(state.clock.now_ms())
    .bind(&stored)
    .execute(&state.db.pool)
    .await
    .map_err(|e| plain(technical(e)))?
    .rows_affected();
    if updated == 0 {
        return Err((Failure::NotRecognised, Some(account_id)));
    }
    // A new session id at every sign-in; a session the browser had before is ended.
    if let Some(old) = sessions::token_of(state, headers) {
        sessions::end(&state.db, &old)
            .await
            .map_err(|e| plain(technical(e)))?;
    }
    let session = sessions::create(&state.db, state.clock.now_ms(), account_id)
        .await
        .map_err(|e| plain(technical(e)))?;
    audit::record(
        &state.db,
        state.clock.now_ms(),
        Event::SignedIn,
        Entry {
            ip,
            ..Entry::by_self(account_id)
        },
    )
    .await;
    Ok(session)
}

/// Removes ceremonies that were never finished.
pub async fn delete_expired(state: &AppState) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from ceremonies where expires_at <= $1")
        .bind(state.clock.now_ms())
        .execute(&state.db.pool)
        .await?
        .rows_affected())
}
