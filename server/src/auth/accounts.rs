//! What a signed-in person does with their account: passkeys, e-mail address, their reports
//! (kept by the reports domain, [`crate::reports::mine`]), and their data rights (export,
//! deletion).

use super::audit::{self, Entry, Event};
use super::{mails, sessions, Auth};
use crate::core::access::{allows, Permission};
use crate::core::db::Db;
use crate::core::http::{MaybeViewer, PageError};
use crate::core::mail;
use crate::core::port::Failure;
use crate::core::secret::{hash, new_token_and_id};
use crate::core::text::{clean_text, parse_email};
use crate::core::time::{format_time, iso_utc};
use crate::reports::mine;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use kiezwerk_app::account::model::{AccountView, PasskeyView};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, Flash, Problem, Viewer};
use serde_json::json;

/// A passkey as listed: id, name, created, last used, flagged.
type PasskeyRow = (i64, String, i64, Option<i64>, Option<i64>);

/// How long an e-mail confirmation link is valid.
const CONFIRM_MS: i64 = 24 * 60 * 60 * 1000;
/// Longest display name.
pub const MAX_NAME: usize = 80;

/// A display name as typed: trimmed, not empty, not too long.
pub fn validate_name(input: &str) -> Result<String, Problem> {
    let name = clean_text(input).replace('\n', " ");
    if name.is_empty() {
        Err(Problem::NameMissing)
    } else if name.chars().count() > MAX_NAME {
        Err(Problem::NameTooLong { max: MAX_NAME })
    } else {
        Ok(name)
    }
}

/// Stores a link token for mail to `email` (`purpose`: confirm or recover) and returns it; only
/// its hash is kept.
pub(super) async fn email_token(
    state: &Auth,
    account_id: AccountId,
    purpose: &str,
    email: &str,
    valid_ms: i64,
) -> Result<String, sqlx::Error> {
    let (token, id) = new_token_and_id();
    let now = state.core.clock.now_ms();
    sqlx::query(
        "insert into email_tokens (id, account_id, purpose, email, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(account_id)
    .bind(purpose)
    .bind(email)
    .bind(now)
    .bind(now + valid_ms)
    .execute(&state.core.db.pool)
    .await?;
    Ok(token)
}

/// Removes mail links whose time is up; returns how many.
pub async fn delete_expired_links(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("delete from email_tokens where expires_at <= $1")
            .bind(now)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}

/// Sends the double opt-in link for an address the account wants to use.
pub async fn send_confirmation(
    state: &Auth,
    account_id: AccountId,
    name: &str,
    email: &str,
) -> Result<(), sqlx::Error> {
    let token = email_token(state, account_id, "confirm", email, CONFIRM_MS).await?;
    let link = format!(
        "{}/konto/email-bestaetigen?token={token}",
        state.core.settings.public_url
    );
    mail::queue(
        &state.core.db,
        state.core.clock.now_ms(),
        mails::confirm_email(name, email, &link),
    )
    .await
}

/// The account page's data.
pub async fn view(
    state: &Auth,
    viewer: &Viewer,
    claims: Option<&str>,
    flash: Flash,
    notice: Option<String>,
    lang: Lang,
) -> Result<AccountView, sqlx::Error> {
    let (email, confirmed, pending): (Option<String>, Option<i64>, Option<String>) =
        sqlx::query_as(
            "select email, email_confirmed_at, pending_email from accounts where id = $1",
        )
        .bind(viewer.account_id)
        .fetch_one(&state.core.db.pool)
        .await?;
    let passkeys: Vec<PasskeyRow> = sqlx::query_as(
        "select id, name, created_at, last_used_at, flagged_at from passkeys where account_id = $1 order by id",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.core.db.pool)
    .await?;
    let registry = &state.tenants.registry;
    let reports = mine::of_account(&state.core.db, registry, viewer.account_id, lang).await?;
    let claimable = mine::claimable(&state.core.db, registry, claims, lang).await?;
    let mut sections = Vec::new();
    for section in state.account_sections.iter() {
        sections.extend(section(viewer.account_id, lang).await?);
    }
    Ok(AccountView {
        sections,
        number: viewer.account_id,
        name: viewer.name.clone(),
        email,
        email_confirmed: confirmed.is_some(),
        pending_email: pending,
        passkeys: passkeys
            .into_iter()
            .map(|(id, name, created, last_used, flagged)| PasskeyView {
                id,
                name,
                created: format_time(created, lang),
                last_used: last_used.map(|t| format_time(t, lang)),
                flagged: flagged.is_some(),
            })
            .collect(),
        reports,
        claimable,
        grants: viewer.grants.clone(),
        administration: state
            .tenants
            .registry
            .municipalities
            .iter()
            .filter(|m| allows(Some(viewer), Permission::ViewStaff, m.id))
            .map(|m| (m.slug.clone(), m.name.clone()))
            .collect(),
        flash,
        notice,
    })
}

/// Changes (or with an empty input removes) the e-mail address. A new address is used only
/// once confirmed through the link sent to it.
pub async fn change_email(
    state: &Auth,
    viewer: &Viewer,
    input: &str,
) -> Result<(), Failure<Problem>> {
    let input = input.trim();
    let email = match input {
        "" => None,
        typed => Some(parse_email(typed).ok_or(Failure::Refused(Problem::EmailInvalid))?),
    };
    // Links sent to an earlier address stop working.
    sqlx::query("delete from email_tokens where account_id = $1 and used_at is null")
        .bind(viewer.account_id)
        .execute(&state.core.db.pool)
        .await?;
    let Some(email) = email else {
        sqlx::query(
            "update accounts set email = null, email_confirmed_at = null, pending_email = null, updated_at = $2 where id = $1",
        )
        .bind(viewer.account_id)
        .bind(state.core.clock.now_ms())
        .execute(&state.core.db.pool)
        .await?;
        return Ok(());
    };
    sqlx::query("update accounts set pending_email = $2, updated_at = $3 where id = $1")
        .bind(viewer.account_id)
        .bind(&email)
        .bind(state.core.clock.now_ms())
        .execute(&state.core.db.pool)
        .await?;
    send_confirmation(state, viewer.account_id, &viewer.name, &email).await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::EmailChangeRequested,
        Entry::by_self(viewer.account_id),
    )
    .await;
    Ok(())
}

/// Confirms an address with the link's token.
pub async fn confirm_email(state: &Auth, token: &str) -> Result<(), Failure<Problem>> {
    let now = state.core.clock.now_ms();
    let mut tx = state.core.db.pool.begin().await?;
    let found: Option<(AccountId, String)> = sqlx::query_as(
        "update email_tokens set used_at = $2 where id = $1 and purpose = 'confirm' and used_at is null \
         and expires_at > $2 and exists (select 1 from accounts a where a.id = email_tokens.account_id \
         and a.pending_email = email_tokens.email) returning account_id, email",
    )
    .bind(hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let (account_id, email) = found.ok_or(Failure::Refused(Problem::LinkInvalid))?;
    let taken: i64 = sqlx::query_scalar(
        "select count(*) from accounts where lower(email) = lower($1) and email_confirmed_at is not null and id <> $2",
    )
    .bind(&email)
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(Failure::Refused(Problem::EmailTaken));
    }
    sqlx::query(
        "update accounts set email = $2, email_confirmed_at = $3, pending_email = null, updated_at = $3 \
         where id = $1",
    )
    .bind(account_id)
    .bind(&email)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::EmailConfirmed,
        Entry::by_self(account_id),
    )
    .await;
    Ok(())
}

pub async fn rename_passkey(
    state: &Auth,
    viewer: &Viewer,
    id: i64,
    input: &str,
) -> Result<(), Failure<Problem>> {
    let name = clean_text(input).replace('\n', " ");
    if name.is_empty() {
        return Err(Failure::Refused(Problem::PasskeyNameMissing));
    }
    if name.chars().count() > 60 {
        return Err(Failure::Refused(Problem::PasskeyNameTooLong { max: 60 }));
    }
    let changed = sqlx::query("update passkeys set name = $3 where id = $1 and account_id = $2")
        .bind(id)
        .bind(viewer.account_id)
        .bind(&name)
        .execute(&state.core.db.pool)
        .await?
        .rows_affected();
    if changed == 1 {
        audit::record(
            &state.core.db,
            state.core.clock.now_ms(),
            Event::PasskeyRenamed,
            Entry {
                detail: &name,
                ..Entry::by_self(viewer.account_id)
            },
        )
        .await;
    }
    Ok(())
}

/// What happened to a removal.
#[derive(Debug, PartialEq, Eq)]
pub enum Removal {
    Removed,
    /// The last passkey: removing it locks the account unless the e-mail recovery works, so it
    /// needs an explicit confirmation.
    NeedsConfirmation,
    NotFound,
}

pub async fn remove_passkey(
    state: &Auth,
    viewer: &Viewer,
    id: i64,
    confirmed: bool,
) -> Result<Removal, sqlx::Error> {
    let mut tx = state.core.db.pool.begin().await?;
    // Write first (see intake): SQLite takes its write lock at once.
    let name: Option<String> = sqlx::query_scalar(
        "update passkeys set name = name where id = $1 and account_id = $2 returning name",
    )
    .bind(id)
    .bind(viewer.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(name) = name else {
        return Ok(Removal::NotFound);
    };
    let count: i64 = sqlx::query_scalar("select count(*) from passkeys where account_id = $1")
        .bind(viewer.account_id)
        .fetch_one(&mut *tx)
        .await?;
    if count <= 1 && !confirmed {
        return Ok(Removal::NeedsConfirmation);
    }
    sqlx::query("delete from passkeys where id = $1 and account_id = $2")
        .bind(id)
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::PasskeyRemoved,
        Entry {
            detail: &name,
            ..Entry::by_self(viewer.account_id)
        },
    )
    .await;
    Ok(Removal::Removed)
}

/// Links reports made in this browser to the account; returns how many.
pub async fn claim(
    state: &Auth,
    viewer: &Viewer,
    claims: Option<&str>,
) -> Result<usize, sqlx::Error> {
    let claimed = mine::claim(&state.core.db, viewer.account_id, claims).await?;
    if claimed > 0 {
        let detail = claimed.to_string();
        audit::record(
            &state.core.db,
            state.core.clock.now_ms(),
            Event::ReportsClaimed,
            Entry {
                detail: &detail,
                ..Entry::by_self(viewer.account_id)
            },
        )
        .await;
    }
    Ok(claimed)
}

pub async fn sign_out_everywhere(state: &Auth, viewer: &Viewer) -> Result<u64, sqlx::Error> {
    let ended = sessions::end_all(&state.core.db, viewer.account_id).await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::SignedOutEverywhere,
        Entry::by_self(viewer.account_id),
    )
    .await;
    Ok(ended)
}

/// Everything Kiezwerk stores about the account (Art. 15 and 20 GDPR), as JSON. Credentials are
/// listed by name and dates; their public keys are technical data of no use outside.
pub async fn export(state: &Auth, viewer: &Viewer) -> Result<serde_json::Value, sqlx::Error> {
    let iso = |ms: Option<i64>| ms.and_then(iso_utc);
    let (handle, name, email, confirmed, pending, created): (String, String, Option<String>, Option<i64>, Option<String>, i64) =
        sqlx::query_as(
            "select user_handle, display_name, email, email_confirmed_at, pending_email, created_at from accounts where id = $1",
        )
        .bind(viewer.account_id)
        .fetch_one(&state.core.db.pool)
        .await?;
    let passkeys: Vec<(String, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "select name, created_at, last_used_at, flagged_at from passkeys where account_id = $1 order by id",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.core.db.pool)
    .await?;
    let sessions: Vec<(i64, i64)> = sqlx::query_as(
        "select created_at, last_seen_at from sessions where account_id = $1 order by created_at",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.core.db.pool)
    .await?;
    let confirmed_email = email.as_deref().filter(|_| confirmed.is_some());
    let (reports, following) =
        mine::export(&state.core.db, viewer.account_id, confirmed_email).await?;
    let events: Vec<(i64, String, String)> =
        sqlx::query_as("select at, event, detail from audit_log where account_id = $1 order by id")
            .bind(viewer.account_id)
            .fetch_all(&state.core.db.pool)
            .await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::DataExported,
        Entry::by_self(viewer.account_id),
    )
    .await;
    let mut others = serde_json::Map::new();
    for exporter in state.personal_data.iter() {
        let (name, section) = exporter(&state.core.db, viewer.account_id).await?;
        others.insert(name.to_owned(), section);
    }
    let mut export = json!({
        "account": {
            "id": viewer.account_id,
            "user_handle": handle,
            "display_name": name,
            "email": email,
            "email_confirmed_at": iso(confirmed),
            "pending_email": pending,
            "created_at": iso(Some(created)),
        },
        "roles": viewer.grants.iter().map(|g| json!({
            "role": g.role.code(),
            "municipality": g.municipality_slug,
            "department": g.department_name,
        })).collect::<Vec<_>>(),
        "passkeys": passkeys.into_iter().map(|(name, created, used, flagged)| json!({
            "name": name, "created_at": iso(Some(created)), "last_used_at": iso(used), "blocked_at": iso(flagged),
        })).collect::<Vec<_>>(),
        "sessions": sessions.into_iter().map(|(created, seen)| json!({
            "signed_in_at": iso(Some(created)), "last_seen_at": iso(Some(seen)),
        })).collect::<Vec<_>>(),
        "reports": reports,
        "following_by_email": following,
        "security_events": events.into_iter().map(|(at, event, detail)| json!({
            "at": iso(Some(at)), "event": event, "detail": detail,
        })).collect::<Vec<_>>(),
    });
    if let Some(all) = export.as_object_mut() {
        all.extend(others);
    }
    Ok(export)
}

pub fn router() -> Router<Auth> {
    Router::new().route("/konto/daten.json", get(export_handler))
}

/// `GET /konto/daten.json`: the export as a download; 401 when nobody is signed in.
pub async fn export_handler(
    State(state): State<Auth>,
    MaybeViewer(viewer): MaybeViewer,
) -> Result<Response, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let data = export(&state, &viewer).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"kiezwerk-daten.json\"",
            ),
        ],
        serde_json::to_string_pretty(&data).unwrap_or_default(),
    )
        .into_response())
}

/// Deletes the account: passkeys, sessions, roles, contact data and tokens go; reports stay,
/// without the link to the account and without the reporter's e-mail address.
pub async fn delete(state: &Auth, viewer: &Viewer) -> Result<(), sqlx::Error> {
    let mut tx = state.core.db.pool.begin().await?;
    // Mail to the account's addresses still waiting in the outbox goes too.
    sqlx::query(
        "delete from outbox where to_address in (select email from accounts where id = $1 \
         union select pending_email from accounts where id = $1)",
    )
    .bind(viewer.account_id)
    .execute(&mut *tx)
    .await?;
    let confirmed_email: Option<Option<String>> = sqlx::query_scalar(
        "select email from accounts where id = $1 and email_confirmed_at is not null",
    )
    .bind(viewer.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    let confirmed_email = confirmed_email.flatten();
    mine::forget_account(&mut tx, viewer.account_id, confirmed_email.as_deref()).await?;
    for forget in state.forget_account.iter() {
        forget(&mut tx, viewer.account_id).await?;
    }
    sqlx::query("delete from accounts where id = $1")
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::AccountDeleted,
        Entry {
            account_id: Some(viewer.account_id),
            ..Default::default()
        },
    )
    .await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(validate_name("  Anna  "), Ok("Anna".to_owned()));
        assert_eq!(validate_name(" "), Err(Problem::NameMissing));
        assert_eq!(
            validate_name(&"x".repeat(81)),
            Err(Problem::NameTooLong { max: 80 })
        );
    }
}
