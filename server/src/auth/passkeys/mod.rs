//! Passkey ceremonies (WebAuthn, with webauthn-rs): what the server decides and stores. The
//! browser's script talks to four JSON endpoints ([`http`]); the ceremony state stays in the
//! database, is used once and expires:
//!
//! - registration, for an *enrolment* prepared by a page (sign-up, another passkey, recovery,
//!   invitation) and named by the `kw_enrol` cookie;
//! - sign-in with a discoverable credential (no typed name).

pub mod http;

use super::audit::{self, Entry, Event};
use super::{accounts, sessions, Auth};
use crate::core::secret::{hash, new_token_and_id};
use crate::core::text::clean_text;
use crate::core::time::format_time;
use axum::http::{HeaderMap, HeaderValue};
use base64::Engine;
use kiezwerk_app::account::model::EnrolmentKind;
use kiezwerk_app::cookies::{CookiePolicy, ENROL};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, DepartmentId, MunicipalityId, Role, Viewer};
use serde::{Deserialize, Serialize};
use webauthn_rs::prelude::{
    CreationChallengeResponse, DiscoverableAuthentication, DiscoverableKey, Passkey,
    PasskeyRegistration, PublicKeyCredential, RegisterPublicKeyCredential,
    RequestChallengeResponse, Uuid, Webauthn, WebauthnBuilder, WebauthnError,
};
use webauthn_rs_proto::ResidentKeyRequirement;

/// A stored passkey with its account: passkey id, account id, user handle, passkey JSON,
/// flagged, account disabled.
type StoredCredential = (i64, AccountId, String, String, Option<i64>, Option<i64>);

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
    AddPasskey { account_id: AccountId },
    Recover { account_id: AccountId },
    Invitation { invitation_id: String, name: String },
}

impl Enrolment {
    /// The existing account the passkey is for (none for a new account).
    fn account(&self) -> Option<AccountId> {
        match self {
            Enrolment::AddPasskey { account_id } | Enrolment::Recover { account_id } => {
                Some(*account_id)
            }
            Enrolment::SignUp { .. } | Enrolment::Invitation { .. } => None,
        }
    }
}

/// Context stored with an enrolment: the purpose, and once the ceremony started, the user
/// handle it used.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct EnrolmentContext {
    enrolment: Enrolment,
    user_handle: Option<Uuid>,
}

/// Why a ceremony failed, in the citizen's words.
#[derive(Debug)]
pub enum CeremonyError {
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
    /// Ours (database, a stored state we cannot read).
    Internal(anyhow::Error),
}

impl CeremonyError {
    /// The word for the audit log.
    pub fn code(&self) -> &'static str {
        match self {
            CeremonyError::Expired => "expired",
            CeremonyError::NotRecognised => "not_recognised",
            CeremonyError::Flagged => "counter_regression",
            CeremonyError::AlreadyRegistered => "already_registered",
            CeremonyError::Refused => "refused",
            CeremonyError::Internal(_) => "technical",
        }
    }
}

macro_rules! internal_from {
    ($($error:ty),*) => {$(
        impl From<$error> for CeremonyError {
            fn from(error: $error) -> CeremonyError {
                CeremonyError::Internal(error.into())
            }
        }
    )*};
}
internal_from!(sqlx::Error, serde_json::Error, uuid::Error, WebauthnError);

fn policy(state: &Auth) -> CookiePolicy {
    CookiePolicy {
        secure: state.core.settings.is_https(),
    }
}

/// The enrolment cookie's token.
fn enrol_token(state: &Auth, headers: &HeaderMap) -> Option<String> {
    policy(state).token(headers, ENROL)
}

/// The `Set-Cookie` value that removes the enrolment cookie once it is used.
pub fn remove_enrol_cookie(state: &Auth) -> HeaderValue {
    policy(state).remove(ENROL)
}

fn encode(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// Stores an enrolment and returns the cookie value naming it.
pub async fn begin_enrolment(state: &Auth, enrolment: Enrolment) -> Result<String, sqlx::Error> {
    let (token, id) = new_token_and_id();
    let now = state.core.clock.now_ms();
    // Linked to the account it is for, so that deleting the account ends it too.
    let account_id = enrolment.account();
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
    .execute(&state.core.db.pool)
    .await?;
    Ok(token)
}

/// What a still valid enrolment is for.
pub async fn enrolment_kind(
    state: &Auth,
    token: &str,
) -> Result<Option<EnrolmentKind>, sqlx::Error> {
    let context: Option<String> = sqlx::query_scalar(
        "select context from ceremonies where id = $1 and kind = 'enrol' and expires_at > $2",
    )
    .bind(hash(token))
    .bind(state.core.clock.now_ms())
    .fetch_optional(&state.core.db.pool)
    .await?;
    let context = context
        .map(|c| serde_json::from_str::<EnrolmentContext>(&c))
        .transpose()
        .map_err(|e| sqlx::Error::Decode(e.into()))?;
    Ok(context.map(|c| match c.enrolment {
        Enrolment::SignUp { .. } => EnrolmentKind::SignUp,
        Enrolment::AddPasskey { .. } => EnrolmentKind::AddPasskey,
        Enrolment::Recover { .. } => EnrolmentKind::Recover,
        Enrolment::Invitation { .. } => EnrolmentKind::Invitation,
    }))
}

/// Starts the passkey prompt for the enrolment named by the cookie.
pub async fn begin_registration(
    state: &Auth,
    headers: &HeaderMap,
) -> Result<CreationChallengeResponse, CeremonyError> {
    let token = enrol_token(state, headers).ok_or(CeremonyError::Expired)?;
    let id = hash(&token);
    let db = &state.core.db;
    let row: Option<(String,)> = sqlx::query_as(
        "select context from ceremonies where id = $1 and kind = 'enrol' and expires_at > $2",
    )
    .bind(&id)
    .bind(state.core.clock.now_ms())
    .fetch_optional(&db.pool)
    .await?;
    let (context,) = row.ok_or(CeremonyError::Expired)?;
    let mut context: EnrolmentContext = serde_json::from_str(&context)?;

    // Whose passkey: a new account's (new user handle) or an existing one's.
    let (user_handle, name, display_name, exclude) = match context.enrolment.account() {
        Some(account_id) => {
            let (handle, display_name, email): (String, String, Option<String>) = sqlx::query_as(
                "select user_handle, display_name, email from accounts where id = $1",
            )
            .bind(account_id)
            .fetch_optional(&db.pool)
            .await?
            .ok_or(CeremonyError::Expired)?;
            let credentials: Vec<(String,)> =
                sqlx::query_as("select passkey from passkeys where account_id = $1")
                    .bind(account_id)
                    .fetch_all(&db.pool)
                    .await?;
            let exclude = credentials
                .iter()
                .filter_map(|(json,)| serde_json::from_str::<Passkey>(json).ok())
                .map(|p| p.cred_id().clone())
                .collect::<Vec<_>>();
            (
                Uuid::parse_str(&handle)?,
                email.unwrap_or_else(|| display_name.clone()),
                display_name,
                Some(exclude),
            )
        }
        None => {
            let (name, email) = match &context.enrolment {
                Enrolment::SignUp { name, email } => (name.clone(), email.clone()),
                Enrolment::Invitation { name, .. } => (name.clone(), None),
                Enrolment::AddPasskey { .. } | Enrolment::Recover { .. } => {
                    return Err(CeremonyError::Expired)
                }
            };
            (
                Uuid::new_v4(),
                email.unwrap_or_else(|| name.clone()),
                name,
                None,
            )
        }
    };
    let (mut options, registration) =
        state
            .webauthn
            .start_passkey_registration(user_handle, &name, &display_name, exclude)?;
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
    .bind(serde_json::to_string(&context)?)
    .bind(serde_json::to_string(&registration)?)
    .bind(state.core.clock.now_ms() + CEREMONY_MS)
    .execute(&db.pool)
    .await?;
    Ok(options)
}

/// The browser's answer to a registration prompt.
#[derive(Deserialize)]
pub struct RegistrationFinish {
    credential: RegisterPublicKeyCredential,
    #[serde(default)]
    name: Option<String>,
}

/// Verifies the new passkey and does what the enrolment was for. Returns the new session's
/// token (if the enrolment signs someone in) and where to go next.
pub async fn finish_registration(
    state: &Auth,
    headers: &HeaderMap,
    viewer: Option<&Viewer>,
    body: RegistrationFinish,
    ip: Option<String>,
    lang: Lang,
) -> Result<(Option<String>, &'static str), CeremonyError> {
    let token = enrol_token(state, headers).ok_or(CeremonyError::Expired)?;
    let db = &state.core.db;
    // Taken out in one statement: a replayed answer finds nothing.
    let row: Option<(String, Option<String>, i64)> = sqlx::query_as(
        "delete from ceremonies where id = $1 and kind = 'enrol' returning context, state, expires_at",
    )
    .bind(hash(&token))
    .fetch_optional(&db.pool)
    .await?;
    let (context, registration, expires_at) = row.ok_or(CeremonyError::Expired)?;
    let registration = registration.ok_or(CeremonyError::Expired)?;
    if expires_at <= state.core.clock.now_ms() {
        return Err(CeremonyError::Expired);
    }
    let context: EnrolmentContext = serde_json::from_str(&context)?;
    let registration: PasskeyRegistration = serde_json::from_str(&registration)?;
    let passkey = state
        .webauthn
        .finish_passkey_registration(&body.credential, &registration)
        .map_err(|error| {
            tracing::info!(%error, "passkey registration refused");
            CeremonyError::Refused
        })?;
    let user_handle = context.user_handle.ok_or(CeremonyError::Expired)?;
    let now = state.core.clock.now_ms();
    let passkey_name = body
        .name
        .map(|n| clean_text(&n))
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(60).collect())
        .unwrap_or_else(|| {
            format!(
                "{} {}",
                lang.texts().passkey_default_name,
                format_time(now, lang)
            )
        });

    let mut tx = db.pool.begin().await?;
    let (account_id, signs_in, event, municipality_id) = match &context.enrolment {
        Enrolment::SignUp { name, email } => {
            let id = insert_account(&mut tx, user_handle, name, email.as_deref(), now).await?;
            (id, true, Event::SignedUp, None)
        }
        Enrolment::Invitation {
            invitation_id,
            name,
        } => {
            let invitation: Option<(Role, Option<MunicipalityId>, Option<DepartmentId>)> =
                sqlx::query_as(
                    "update invitations set used_at = $2 where id = $1 and used_at is null and expires_at > $2 \
                     returning role, municipality_id, department_id",
                )
                .bind(invitation_id)
                .bind(now)
                .fetch_optional(&mut *tx)
                .await?;
            let (role, municipality_id, department_id) =
                invitation.ok_or(CeremonyError::Expired)?;
            let id = insert_account(&mut tx, user_handle, name, None, now).await?;
            sqlx::query(
                "insert into role_grants (account_id, role, municipality_id, department_id, created_at) \
                 values ($1, $2, $3, $4, $5)",
            )
            .bind(id)
            .bind(role)
            .bind(municipality_id)
            .bind(department_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sqlx::query("update invitations set used_by = $2 where id = $1")
                .bind(invitation_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            (id, true, Event::InvitationAccepted, municipality_id)
        }
        Enrolment::AddPasskey { account_id } => {
            // Only in the session of the account it is for.
            if viewer.map(|v| v.account_id) != Some(*account_id) {
                return Err(CeremonyError::Expired);
            }
            (*account_id, false, Event::PasskeyAdded, None)
        }
        Enrolment::Recover { account_id } => (*account_id, true, Event::Recovered, None),
    };
    // The passkey was made for the user handle the prompt named: it must still be this
    // account's (and the account must still be active).
    if context.enrolment.account().is_some() {
        let handle: Option<String> = sqlx::query_scalar(
            "select user_handle from accounts where id = $1 and disabled_at is null",
        )
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?;
        if handle != Some(user_handle.to_string()) {
            return Err(CeremonyError::Expired);
        }
    }
    let inserted = sqlx::query(
        "insert into passkeys (account_id, credential_id, name, passkey, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(account_id)
    .bind(encode(passkey.cred_id().as_ref()))
    .bind(&passkey_name)
    .bind(serde_json::to_string(&passkey)?)
    .bind(now)
    .execute(&mut *tx)
    .await;
    if let Err(error) = inserted {
        return Err(match &error {
            sqlx::Error::Database(e) if e.is_unique_violation() => CeremonyError::AlreadyRegistered,
            _ => error.into(),
        });
    }
    if matches!(context.enrolment, Enrolment::Recover { .. }) {
        // Whoever had the lost device is signed out.
        sqlx::query("delete from sessions where account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;

    if let Enrolment::SignUp {
        name,
        email: Some(email),
    } = &context.enrolment
    {
        accounts::send_confirmation(state, account_id, name, email).await?;
    }
    let entry = |detail| Entry {
        account_id: Some(account_id),
        actor_id: Some(account_id),
        municipality_id,
        ip: ip.clone(),
        detail,
    };
    if event != Event::PasskeyAdded {
        audit::record(db, state.core.clock.now_ms(), event, entry("")).await;
    }
    audit::record(
        db,
        state.core.clock.now_ms(),
        Event::PasskeyAdded,
        entry(&passkey_name),
    )
    .await;
    if !signs_in {
        return Ok((None, "/konto?hinweis=passkey-hinzugefuegt"));
    }
    if let Some(old) = sessions::token_of(state, headers) {
        sessions::end(db, &old).await?;
    }
    let session = sessions::create(db, state.core.clock.now_ms(), account_id).await?;
    Ok((Some(session), "/konto"))
}

async fn insert_account(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    user_handle: Uuid,
    name: &str,
    pending_email: Option<&str>,
    now: i64,
) -> Result<AccountId, sqlx::Error> {
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
}

/// A sign-in prompt: the ceremony's token and the options for the browser.
#[derive(Serialize)]
pub struct SignInOptions {
    ceremony: String,
    options: RequestChallengeResponse,
}

/// Starts a sign-in with any passkey of this site the device has.
pub async fn begin_sign_in(state: &Auth) -> Result<SignInOptions, CeremonyError> {
    let (options, authentication) = state.webauthn.start_discoverable_authentication()?;
    let (token, id) = new_token_and_id();
    let now = state.core.clock.now_ms();
    sqlx::query(
        "insert into ceremonies (id, kind, state, created_at, expires_at) values ($1, 'sign_in', $2, $3, $4)",
    )
    .bind(id)
    .bind(serde_json::to_string(&authentication)?)
    .bind(now)
    .bind(now + CEREMONY_MS)
    .execute(&state.core.db.pool)
    .await?;
    Ok(SignInOptions {
        ceremony: token,
        options,
    })
}

/// The browser's answer to a sign-in prompt.
#[derive(Deserialize)]
pub struct SignInFinish {
    ceremony: String,
    credential: PublicKeyCredential,
}

/// A refused sign-in, with the account it was for once that is known (for the audit log).
pub type SignInError = (CeremonyError, Option<AccountId>);

/// Verifies a sign-in and starts a session; returns its token.
pub async fn finish_sign_in(
    state: &Auth,
    headers: &HeaderMap,
    body: SignInFinish,
    ip: Option<String>,
) -> Result<String, SignInError> {
    fn plain(error: impl Into<CeremonyError>) -> SignInError {
        (error.into(), None)
    }
    let db = &state.core.db;
    let row: Option<(Option<String>, i64)> = sqlx::query_as(
        "delete from ceremonies where id = $1 and kind = 'sign_in' returning state, expires_at",
    )
    .bind(hash(&body.ceremony))
    .fetch_optional(&db.pool)
    .await
    .map_err(plain)?;
    let (authentication, expires_at) = row.ok_or(plain(CeremonyError::Expired))?;
    if expires_at <= state.core.clock.now_ms() {
        return Err(plain(CeremonyError::Expired));
    }
    let authentication: DiscoverableAuthentication =
        serde_json::from_str(&authentication.unwrap_or_default()).map_err(plain)?;
    let (user_handle, credential_id) = state
        .webauthn
        .identify_discoverable_authentication(&body.credential)
        .map_err(|_| plain(CeremonyError::NotRecognised))?;
    // The credential must exist, belong to the account the user handle names, and not be
    // flagged; all failures look the same from outside.
    let found: Option<StoredCredential> = sqlx::query_as(
        "select p.id, a.id, a.user_handle, p.passkey, p.flagged_at, a.disabled_at \
         from passkeys p join accounts a on a.id = p.account_id where p.credential_id = $1",
    )
    .bind(encode(credential_id))
    .fetch_optional(&db.pool)
    .await
    .map_err(plain)?;
    let Some((passkey_id, account_id, handle, stored, flagged_at, disabled_at)) = found else {
        return Err(plain(CeremonyError::NotRecognised));
    };
    if handle != user_handle.to_string() || disabled_at.is_some() {
        return Err(plain(CeremonyError::NotRecognised));
    }
    if flagged_at.is_some() {
        return Err((CeremonyError::Flagged, Some(account_id)));
    }
    let mut passkey: Passkey = serde_json::from_str(&stored).map_err(plain)?;
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
                .bind(state.core.clock.now_ms())
                .execute(&db.pool)
                .await
                .map_err(plain)?;
            audit::record(
                db,
                state.core.clock.now_ms(),
                Event::PasskeyFlagged,
                Entry {
                    account_id: Some(account_id),
                    ip: ip.clone(),
                    ..Default::default()
                },
            )
            .await;
            return Err((CeremonyError::Flagged, Some(account_id)));
        }
        Err(error) => {
            tracing::info!(%error, "passkey sign-in refused");
            return Err((CeremonyError::NotRecognised, Some(account_id)));
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
    .bind(serde_json::to_string(&passkey).map_err(plain)?)
    .bind(state.core.clock.now_ms())
    .bind(&stored)
    .execute(&db.pool)
    .await
    .map_err(plain)?
    .rows_affected();
    if updated == 0 {
        return Err((CeremonyError::NotRecognised, Some(account_id)));
    }
    // A new session id at every sign-in; a session the browser had before is ended.
    if let Some(old) = sessions::token_of(state, headers) {
        sessions::end(db, &old).await.map_err(plain)?;
    }
    let session = sessions::create(db, state.core.clock.now_ms(), account_id)
        .await
        .map_err(plain)?;
    audit::record(
        db,
        state.core.clock.now_ms(),
        Event::SignedIn,
        Entry {
            ip,
            ..Entry::by_self(account_id)
        },
    )
    .await;
    Ok(session)
}

/// Removes ceremonies whose time is up (those of sign-ups that never finished, prompts
/// nobody answered); returns how many.
pub async fn delete_expired(state: &Auth) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from ceremonies where expires_at <= $1")
        .bind(state.core.clock.now_ms())
        .execute(&state.core.db.pool)
        .await?
        .rows_affected())
}
