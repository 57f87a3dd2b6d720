//! What a signed-in person does with their account: passkeys, e-mail address, their reports,
//! and their data rights (export, deletion).

use super::audit::{self, Entry, Event};
use super::{mail, secret, sessions};
use crate::apikeys::hash;
use crate::reports::view::access_matches;
use crate::reports::{format_time, normalize_reference, parse_email, Status};
use crate::state::AppState;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountView, Flash, MyReport, PasskeyView, Problem, Viewer};
use serde_json::json;

/// A report in the data export: reference, status, description, lat, lon, address, e-mail, time.
type ExportedReport = (
    String,
    String,
    String,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
    i64,
);

/// A passkey as listed: id, name, created, last used, flagged.
type PasskeyRow = (i64, String, i64, Option<i64>, Option<i64>);

/// How long an e-mail confirmation link is valid.
const CONFIRM_MS: i64 = 24 * 60 * 60 * 1000;
/// Longest display name.
pub const MAX_NAME: usize = 80;

/// A display name as typed: trimmed, not empty, not too long.
pub fn validate_name(input: &str) -> Result<String, Problem> {
    let name = crate::reports::clean_text(input).replace('\n', " ");
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
    state: &AppState,
    account_id: i64,
    purpose: &str,
    email: &str,
    valid_ms: i64,
) -> Result<String, sqlx::Error> {
    let (token, id) = secret();
    let now = state.clock.now_ms();
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
    .execute(&state.db.pool)
    .await?;
    Ok(token)
}

/// Sends the double opt-in link for an address the account wants to use.
pub async fn send_confirmation(
    state: &AppState,
    account_id: i64,
    name: &str,
    email: &str,
) -> Result<(), sqlx::Error> {
    let token = email_token(state, account_id, "confirm", email, CONFIRM_MS).await?;
    let link = format!(
        "{}/konto/email-bestaetigen?token={token}",
        state.settings.public_url
    );
    mail::queue(
        &state.db,
        state.clock.now_ms(),
        mail::confirm_email(name, email, &link),
    )
    .await
}

/// Reports made in this browser without an account: the `kw_claims` cookie holds
/// `reference:token` pairs, the token being the report's personal access token.
pub fn parse_claims(cookie: Option<&str>) -> Vec<(String, String)> {
    cookie
        .unwrap_or_default()
        .split('|')
        .filter_map(|pair| {
            let (reference, token) = pair.split_once(':')?;
            Some((normalize_reference(reference)?, token.to_owned()))
        })
        .take(50)
        .collect()
}

type ReportRow = (String, i64, i64, String, i64);

const REPORT_COLUMNS: &str = "reference, municipality_id, category_id, status, created_at";

fn my_reports(state: &AppState, rows: Vec<ReportRow>, lang: Lang) -> Vec<MyReport> {
    let t = lang.texts();
    rows.into_iter()
        .map(
            |(reference, municipality_id, category_id, status, created_at)| MyReport {
                category: state
                    .registry
                    .by_id(municipality_id)
                    .and_then(|m| m.category_by_id(category_id))
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                status: Status::parse(&status)
                    .unwrap_or(Status::New)
                    .label(t)
                    .to_owned(),
                submitted: format_time(created_at, lang),
                reference,
            },
        )
        .collect()
}

/// The account page's data.
pub async fn view(
    state: &AppState,
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
        .fetch_one(&state.db.pool)
        .await?;
    let passkeys: Vec<PasskeyRow> = sqlx::query_as(
        "select id, name, created_at, last_used_at, flagged_at from passkeys where account_id = $1 order by id",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    let rows: Vec<ReportRow> = sqlx::query_as(&format!(
        "select {REPORT_COLUMNS} from reports where account_id = $1 order by created_at desc limit 200"
    ))
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    let reports = my_reports(state, rows, lang);
    let mut claimable = Vec::new();
    for (reference, token) in parse_claims(claims) {
        let found: Option<(String, Option<i64>)> =
            sqlx::query_as("select access_hash, account_id from reports where reference = $1")
                .bind(&reference)
                .fetch_optional(&state.db.pool)
                .await?;
        if matches!(&found, Some((hash, None)) if access_matches(&token, hash)) {
            let rows: Vec<ReportRow> = sqlx::query_as(&format!(
                "select {REPORT_COLUMNS} from reports where reference = $1"
            ))
            .bind(&reference)
            .fetch_all(&state.db.pool)
            .await?;
            claimable.extend(my_reports(state, rows, lang));
        }
    }
    Ok(AccountView {
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
            .registry
            .municipalities
            .iter()
            .filter(|m| {
                super::roles::allows(Some(viewer), super::roles::Permission::ViewStaff, m.id)
            })
            .map(|m| (m.slug.clone(), m.name.clone()))
            .collect(),
        flash,
        notice,
    })
}

/// Changes (or with an empty input removes) the e-mail address. A new address is used only
/// once confirmed through the link sent to it.
pub async fn change_email(
    state: &AppState,
    viewer: &Viewer,
    input: &str,
) -> Result<Result<(), Problem>, sqlx::Error> {
    let input = input.trim();
    let email = match input {
        "" => None,
        typed => match parse_email(typed) {
            Some(email) => Some(email),
            None => return Ok(Err(Problem::EmailInvalid)),
        },
    };
    // Links sent to an earlier address stop working.
    sqlx::query("delete from email_tokens where account_id = $1 and used_at is null")
        .bind(viewer.account_id)
        .execute(&state.db.pool)
        .await?;
    let Some(email) = email else {
        sqlx::query(
            "update accounts set email = null, email_confirmed_at = null, pending_email = null, updated_at = $2 where id = $1",
        )
        .bind(viewer.account_id)
        .bind(state.clock.now_ms())
        .execute(&state.db.pool)
        .await?;
        return Ok(Ok(()));
    };
    sqlx::query("update accounts set pending_email = $2, updated_at = $3 where id = $1")
        .bind(viewer.account_id)
        .bind(&email)
        .bind(state.clock.now_ms())
        .execute(&state.db.pool)
        .await?;
    send_confirmation(state, viewer.account_id, &viewer.name, &email).await?;
    audit::record(
        &state.db,
        state.clock.now_ms(),
        Event::EmailChangeRequested,
        Entry::by_self(viewer.account_id),
    )
    .await;
    Ok(Ok(()))
}

/// Confirms an address with the link's token.
pub async fn confirm_email(
    state: &AppState,
    token: &str,
) -> Result<Result<(), Problem>, sqlx::Error> {
    let now = state.clock.now_ms();
    let mut tx = state.db.pool.begin().await?;
    let found: Option<(i64, String)> = sqlx::query_as(
        "update email_tokens set used_at = $2 where id = $1 and purpose = 'confirm' and used_at is null \
         and expires_at > $2 and exists (select 1 from accounts a where a.id = email_tokens.account_id \
         and a.pending_email = email_tokens.email) returning account_id, email",
    )
    .bind(hash(token))
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((account_id, email)) = found else {
        return Ok(Err(Problem::LinkInvalid));
    };
    let taken: i64 = sqlx::query_scalar(
        "select count(*) from accounts where lower(email) = lower($1) and email_confirmed_at is not null and id <> $2",
    )
    .bind(&email)
    .bind(account_id)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Ok(Err(Problem::EmailTaken));
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
        &state.db,
        state.clock.now_ms(),
        Event::EmailConfirmed,
        Entry::by_self(account_id),
    )
    .await;
    Ok(Ok(()))
}

pub async fn rename_passkey(
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    input: &str,
) -> Result<Result<(), Problem>, sqlx::Error> {
    let name = crate::reports::clean_text(input).replace('\n', " ");
    if name.is_empty() {
        return Ok(Err(Problem::PasskeyNameMissing));
    }
    if name.chars().count() > 60 {
        return Ok(Err(Problem::PasskeyNameTooLong { max: 60 }));
    }
    let changed = sqlx::query("update passkeys set name = $3 where id = $1 and account_id = $2")
        .bind(id)
        .bind(viewer.account_id)
        .bind(&name)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    if changed == 1 {
        audit::record(
            &state.db,
            state.clock.now_ms(),
            Event::PasskeyRenamed,
            Entry {
                detail: &name,
                ..Entry::by_self(viewer.account_id)
            },
        )
        .await;
    }
    Ok(Ok(()))
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
    state: &AppState,
    viewer: &Viewer,
    id: i64,
    confirmed: bool,
) -> Result<Removal, sqlx::Error> {
    let mut tx = state.db.pool.begin().await?;
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
        &state.db,
        state.clock.now_ms(),
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
    state: &AppState,
    viewer: &Viewer,
    claims: Option<&str>,
) -> Result<usize, sqlx::Error> {
    let mut claimed = 0;
    for (reference, token) in parse_claims(claims) {
        let hash: Option<String> = sqlx::query_scalar(
            "select access_hash from reports where reference = $1 and account_id is null",
        )
        .bind(&reference)
        .fetch_optional(&state.db.pool)
        .await?;
        if hash.is_some_and(|h| access_matches(&token, &h)) {
            claimed += sqlx::query(
                "update reports set account_id = $2 where reference = $1 and account_id is null",
            )
            .bind(&reference)
            .bind(viewer.account_id)
            .execute(&state.db.pool)
            .await?
            .rows_affected() as usize;
        }
    }
    if claimed > 0 {
        let detail = claimed.to_string();
        audit::record(
            &state.db,
            state.clock.now_ms(),
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

pub async fn sign_out_everywhere(state: &AppState, viewer: &Viewer) -> Result<u64, sqlx::Error> {
    let ended = sessions::end_all(&state.db, viewer.account_id).await?;
    audit::record(
        &state.db,
        state.clock.now_ms(),
        Event::SignedOutEverywhere,
        Entry::by_self(viewer.account_id),
    )
    .await;
    Ok(ended)
}

/// Everything Kiezwerk stores about the account (Art. 15 and 20 GDPR), as JSON. Credentials are
/// listed by name and dates; their public keys are technical data of no use outside.
pub async fn export(state: &AppState, viewer: &Viewer) -> Result<serde_json::Value, sqlx::Error> {
    let iso = |ms: Option<i64>| {
        ms.and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
            .map(|t| t.to_string())
    };
    let (handle, name, email, confirmed, pending, created): (String, String, Option<String>, Option<i64>, Option<String>, i64) =
        sqlx::query_as(
            "select user_handle, display_name, email, email_confirmed_at, pending_email, created_at from accounts where id = $1",
        )
        .bind(viewer.account_id)
        .fetch_one(&state.db.pool)
        .await?;
    let passkeys: Vec<(String, i64, Option<i64>, Option<i64>)> = sqlx::query_as(
        "select name, created_at, last_used_at, flagged_at from passkeys where account_id = $1 order by id",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    let sessions: Vec<(i64, i64)> = sqlx::query_as(
        "select created_at, last_seen_at from sessions where account_id = $1 order by created_at",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    let reports: Vec<ExportedReport> = sqlx::query_as(
        "select reference, status, description, lat, lon, address, reporter_email, created_at from reports \
         where account_id = $1 order by created_at",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    // Reports followed by e-mail (merged duplicates, support instead of a new report).
    let following: Vec<(String,)> = sqlx::query_as(
        "select r.reference from report_followers f join reports r on r.id = f.report_id \
         join accounts a on lower(a.email) = lower(f.email) and a.email_confirmed_at is not null \
         where a.id = $1 order by f.id",
    )
    .bind(viewer.account_id)
    .fetch_all(&state.db.pool)
    .await?;
    let events: Vec<(i64, String, String)> =
        sqlx::query_as("select at, event, detail from audit_log where account_id = $1 order by id")
            .bind(viewer.account_id)
            .fetch_all(&state.db.pool)
            .await?;
    audit::record(
        &state.db,
        state.clock.now_ms(),
        Event::DataExported,
        Entry::by_self(viewer.account_id),
    )
    .await;
    Ok(json!({
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
        "reports": reports.into_iter().map(|(reference, status, description, lat, lon, address, email, created)| json!({
            "reference": reference, "status": status, "description": description, "lat": lat, "lon": lon,
            "address": address, "email": email, "submitted_at": iso(Some(created)),
        })).collect::<Vec<_>>(),
        "following_by_email": following.into_iter().map(|(reference,)| reference).collect::<Vec<_>>(),
        "security_events": events.into_iter().map(|(at, event, detail)| json!({
            "at": iso(Some(at)), "event": event, "detail": detail,
        })).collect::<Vec<_>>(),
    }))
}

/// `GET /konto/daten.json`: the export as a download; 401 when nobody is signed in.
pub async fn export_handler(
    axum::extract::State(state): axum::extract::State<AppState>,
    viewer: Option<axum::Extension<Viewer>>,
) -> axum::response::Response {
    use axum::http::{header, StatusCode};
    use axum::response::IntoResponse;
    let Some(axum::Extension(viewer)) = viewer else {
        return (
            StatusCode::UNAUTHORIZED,
            "Bitte melden Sie sich an. / Please sign in.",
        )
            .into_response();
    };
    match export(&state, &viewer).await {
        Ok(data) => (
            [
                (header::CONTENT_TYPE, "application/json; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"kiezwerk-daten.json\"",
                ),
            ],
            serde_json::to_string_pretty(&data).unwrap_or_default(),
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "data export failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Deletes the account: passkeys, sessions, roles, contact data and tokens go; reports stay,
/// without the link to the account and without the reporter's e-mail address.
pub async fn delete(state: &AppState, viewer: &Viewer) -> Result<(), sqlx::Error> {
    let mut tx = state.db.pool.begin().await?;
    // Mail to the account's addresses still waiting in the outbox goes too.
    sqlx::query(
        "delete from outbox where to_address in (select email from accounts where id = $1 \
         union select pending_email from accounts where id = $1)",
    )
    .bind(viewer.account_id)
    .execute(&mut *tx)
    .await?;
    // Following reports by e-mail ends too (only for the confirmed address: nobody can stop
    // somebody else's mail by typing their address).
    sqlx::query(
        "delete from report_followers where lower(email) in \
         (select lower(email) from accounts where id = $1 and email_confirmed_at is not null)",
    )
    .bind(viewer.account_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "update reports set account_id = null, reporter_email = null where account_id = $1",
    )
    .bind(viewer.account_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query("delete from accounts where id = $1")
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    audit::record(
        &state.db,
        state.clock.now_ms(),
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
    fn claims_are_reference_and_token_pairs() {
        let claims = parse_claims(Some("ber-2026-1:abc|nonsense|PDM-2026-000002:def"));
        assert_eq!(
            claims,
            vec![
                ("BER-2026-000001".to_owned(), "abc".to_owned()),
                ("PDM-2026-000002".to_owned(), "def".to_owned())
            ]
        );
        assert!(parse_claims(None).is_empty());
    }

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
