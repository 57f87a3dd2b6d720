//! Getting back into an account without a passkey, still without passwords: a one-time link
//! to the confirmed e-mail address, or a code a municipal administrator hands over in person.
//! Either leads to registering a new passkey; nobody ever sets or sees a credential for
//! someone else.

use super::accounts::email_token;
use super::audit::{self, Entry, Event};
use super::passkeys::{begin_enrolment, Enrolment};
use super::{mails, Auth};
use crate::core::access::{allows, Permission};
use crate::core::mail;
use crate::core::port::Failure;
use crate::core::secret::hash;
use crate::core::text::parse_email;
use kiezwerk_app::model::{AccountId, MunicipalityId, Problem, Role, Viewer};

/// A recovery link is valid this long, once.
const LINK_MS: i64 = 15 * 60 * 1000;
/// A recovery code is valid this long, once.
const CODE_MS: i64 = 72 * 60 * 60 * 1000;
/// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Sends a recovery link if the address is a confirmed one. The answer is the same either
/// way, so the form does not reveal who has an account.
pub async fn request_link(
    state: &Auth,
    input: &str,
    ip: Option<String>,
) -> Result<(), Failure<Problem>> {
    let email = parse_email(input).ok_or(Failure::Refused(Problem::EmailInvalid))?;
    // Mail goes to the confirmed address as stored, however the person typed it now.
    let account: Option<(AccountId, String, String)> = sqlx::query_as(
        "select id, display_name, email from accounts where lower(email) = lower($1) \
         and email_confirmed_at is not null and disabled_at is null",
    )
    .bind(&email)
    .fetch_optional(&state.core.db.pool)
    .await?;
    if let Some((account_id, name, email)) = account {
        let token = email_token(state, account_id, "recover", &email, LINK_MS).await?;
        let link = format!(
            "{}/konto/wiederherstellen/link?token={token}",
            state.core.settings.public_url
        );
        mail::queue(
            &state.core.db,
            state.core.clock.now_ms(),
            mails::recovery(&name, &email, &link),
        )
        .await?;
        audit::record(
            &state.core.db,
            state.core.clock.now_ms(),
            Event::RecoveryRequested,
            Entry {
                account_id: Some(account_id),
                ip,
                ..Default::default()
            },
        )
        .await;
    }
    Ok(())
}

/// Uses a recovery link: returns the enrolment cookie for registering a new passkey.
pub async fn use_link(state: &Auth, token: &str) -> Result<Option<String>, sqlx::Error> {
    // Valid only while the address it went to is still the account's confirmed one.
    let account: Option<AccountId> = sqlx::query_scalar(
        "update email_tokens set used_at = $2 where id = $1 and purpose = 'recover' and used_at is null \
         and expires_at > $2 and exists (select 1 from accounts a where a.id = email_tokens.account_id \
         and lower(a.email) = lower(email_tokens.email) and a.email_confirmed_at is not null \
         and a.disabled_at is null) returning account_id",
    )
    .bind(hash(token))
    .bind(state.core.clock.now_ms())
    .fetch_optional(&state.core.db.pool)
    .await?;
    recover(state, account).await
}

/// The enrolment of a new passkey for the account a link or code named.
async fn recover(state: &Auth, account: Option<AccountId>) -> Result<Option<String>, sqlx::Error> {
    match account {
        Some(account_id) => Ok(Some(
            begin_enrolment(state, Enrolment::Recover { account_id }).await?,
        )),
        None => Ok(None),
    }
}

/// `ABCD-EFGH-JKLM` → `ABCDEFGHJKLM`, forgiving case, spaces and dashes.
fn normalize_code(input: &str) -> String {
    input
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Uses an in-person recovery code.
pub async fn use_code(state: &Auth, input: &str) -> Result<Option<String>, sqlx::Error> {
    let code = normalize_code(input);
    if code.len() != 12 {
        return Ok(None);
    }
    let account: Option<AccountId> = sqlx::query_scalar(
        "update recovery_codes set used_at = $2 where id = $1 and used_at is null and expires_at > $2 returning account_id",
    )
    .bind(hash(&code))
    .bind(state.core.clock.now_ms())
    .fetch_optional(&state.core.db.pool)
    .await?;
    recover(state, account).await
}

/// Why no code was issued.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Forbidden,
    /// No account with this confirmed address or number, or one this administrator may not help
    /// (staff of another municipality, platform administrators).
    Unknown,
}

/// Issues a recovery code for the account with this confirmed e-mail address or account
/// number. The code is shown once, to be handed over after checking the person's identity.
pub async fn issue_code(
    state: &Auth,
    viewer: &Viewer,
    municipality_id: MunicipalityId,
    who: &str,
) -> Result<String, Failure<Refusal>> {
    if !allows(Some(viewer), Permission::IssueRecoveryCode, municipality_id) {
        return Err(Failure::Refused(Refusal::Forbidden));
    }
    let who = who.trim();
    let account: Option<AccountId> = match who.parse::<AccountId>() {
        Ok(number) => sqlx::query_scalar("select id from accounts where id = $1")
            .bind(number)
            .fetch_optional(&state.core.db.pool)
            .await?,
        Err(_) => match parse_email(who) {
            Some(email) => sqlx::query_scalar("select id from accounts where lower(email) = lower($1) and email_confirmed_at is not null")
                .bind(email)
                .fetch_optional(&state.core.db.pool)
                .await?,
            None => None,
        },
    };
    let account_id = account.ok_or(Failure::Refused(Refusal::Unknown))?;
    // Staff of other municipalities are not this office's to help.
    let roles: Vec<(Role, Option<MunicipalityId>)> =
        sqlx::query_as("select role, municipality_id from role_grants where account_id = $1")
            .bind(account_id)
            .fetch_all(&state.core.db.pool)
            .await?;
    // Administrators are helped by the platform administrator: no administrator can take over
    // another one's account with a code they saw.
    let out_of_reach = roles.iter().any(|(role, municipality)| {
        matches!(role, Role::PlatformAdmin | Role::MunicipalAdmin)
            || municipality.is_some_and(|m| m != municipality_id)
    });
    if out_of_reach && !viewer.is_platform_admin() {
        return Err(Failure::Refused(Refusal::Unknown));
    }
    let code: String = (0..12)
        .map(|_| CODE_ALPHABET[rand::random_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    let now = state.core.clock.now_ms();
    sqlx::query(
        "insert into recovery_codes (id, account_id, issued_by, created_at, expires_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(hash(&code))
    .bind(account_id)
    .bind(viewer.account_id)
    .bind(now)
    .bind(now + CODE_MS)
    .execute(&state.core.db.pool)
    .await?;
    // The person learns of it at their confirmed address, should it not have been them.
    let contact: Option<(String, Option<String>)> = sqlx::query_as(
        "select display_name, email from accounts where id = $1 and email_confirmed_at is not null",
    )
    .bind(account_id)
    .fetch_optional(&state.core.db.pool)
    .await?;
    if let Some((name, Some(email))) = contact {
        mail::queue(
            &state.core.db,
            state.core.clock.now_ms(),
            mails::recovery_code_issued(&name, &email),
        )
        .await?;
    }
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::RecoveryCodeIssued,
        Entry {
            account_id: Some(account_id),
            actor_id: Some(viewer.account_id),
            municipality_id: Some(municipality_id),
            ..Default::default()
        },
    )
    .await;
    Ok(format!("{}-{}-{}", &code[..4], &code[4..8], &code[8..]))
}

#[cfg(test)]
mod tests {
    use super::normalize_code;

    #[test]
    fn codes_forgive_case_spaces_and_dashes() {
        assert_eq!(normalize_code(" abcd-EFGH jkl2 "), "ABCDEFGHJKL2");
    }
}
