//! The audit log of sign-in and security events. It records who, what, when and from where —
//! never secrets, tokens or credentials.

use crate::core::db::Db;
use kiezwerk_app::model::{AccountId, MunicipalityId};

/// Something that happened to an account or was done by one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    SignedUp,
    SignedIn,
    SignInRefused,
    SignedOut,
    SignedOutEverywhere,
    PasskeyAdded,
    PasskeyRenamed,
    PasskeyRemoved,
    PasskeyFlagged,
    EmailChangeRequested,
    EmailConfirmed,
    RecoveryRequested,
    RecoveryCodeIssued,
    Recovered,
    ReportsClaimed,
    DataExported,
    AccountDeleted,
    StaffInvited,
    InvitationAccepted,
    StaffDisabled,
    StaffEnabled,
    ApiKeyCreated,
    ApiKeyRevoked,
    RetentionApplied,
    /// A municipal administrator applied an uploaded tree register.
    TreeRegisterImported,
}

impl Event {
    pub const ALL: [Event; 25] = [
        Event::SignedUp,
        Event::SignedIn,
        Event::SignInRefused,
        Event::SignedOut,
        Event::SignedOutEverywhere,
        Event::PasskeyAdded,
        Event::PasskeyRenamed,
        Event::PasskeyRemoved,
        Event::PasskeyFlagged,
        Event::EmailChangeRequested,
        Event::EmailConfirmed,
        Event::RecoveryRequested,
        Event::RecoveryCodeIssued,
        Event::Recovered,
        Event::ReportsClaimed,
        Event::DataExported,
        Event::AccountDeleted,
        Event::StaffInvited,
        Event::InvitationAccepted,
        Event::StaffDisabled,
        Event::StaffEnabled,
        Event::ApiKeyCreated,
        Event::ApiKeyRevoked,
        Event::RetentionApplied,
        Event::TreeRegisterImported,
    ];

    pub fn parse(code: &str) -> Option<Event> {
        Event::ALL.into_iter().find(|e| e.code() == code)
    }

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Event::SignedUp => "signed_up",
            Event::SignedIn => "signed_in",
            Event::SignInRefused => "sign_in_refused",
            Event::SignedOut => "signed_out",
            Event::SignedOutEverywhere => "signed_out_everywhere",
            Event::PasskeyAdded => "passkey_added",
            Event::PasskeyRenamed => "passkey_renamed",
            Event::PasskeyRemoved => "passkey_removed",
            Event::PasskeyFlagged => "passkey_flagged",
            Event::EmailChangeRequested => "email_change_requested",
            Event::EmailConfirmed => "email_confirmed",
            Event::RecoveryRequested => "recovery_requested",
            Event::RecoveryCodeIssued => "recovery_code_issued",
            Event::Recovered => "recovered",
            Event::ReportsClaimed => "reports_claimed",
            Event::DataExported => "data_exported",
            Event::AccountDeleted => "account_deleted",
            Event::StaffInvited => "staff_invited",
            Event::InvitationAccepted => "invitation_accepted",
            Event::StaffDisabled => "staff_disabled",
            Event::StaffEnabled => "staff_enabled",
            Event::ApiKeyCreated => "api_key_created",
            Event::ApiKeyRevoked => "api_key_revoked",
            Event::RetentionApplied => "retention_applied",
            Event::TreeRegisterImported => "tree_register_imported",
        }
    }
}

kiezwerk_app::stored_as_text!(Event);

/// One entry; `detail` is free text for humans (a passkey's name, a role), never a secret.
#[derive(Clone, Debug, Default)]
pub struct Entry<'a> {
    pub account_id: Option<AccountId>,
    pub actor_id: Option<AccountId>,
    pub municipality_id: Option<MunicipalityId>,
    pub ip: Option<String>,
    pub detail: &'a str,
}

impl<'a> Entry<'a> {
    /// Something a person did to their own account.
    pub fn by_self(account_id: AccountId) -> Entry<'a> {
        Entry {
            account_id: Some(account_id),
            actor_id: Some(account_id),
            ..Default::default()
        }
    }
}

/// Writes an entry made at `now`. An audit failure is logged but does not undo what happened.
pub async fn record(db: &Db, now: i64, event: Event, entry: Entry<'_>) {
    let result = sqlx::query(
        "insert into audit_log (at, event, account_id, actor_id, municipality_id, ip, detail) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now)
    .bind(event.code())
    .bind(entry.account_id)
    .bind(entry.actor_id)
    .bind(entry.municipality_id)
    .bind(entry.ip)
    .bind(entry.detail)
    .execute(&db.pool)
    .await;
    tracing::info!(
        event = event.code(),
        account = entry.account_id.map(|a| a.0),
        actor = entry.actor_id.map(|a| a.0),
        "audit"
    );
    if let Err(error) = result {
        tracing::error!(%error, event = event.code(), "writing the audit log failed");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_codes_round_trip() {
        for event in Event::ALL {
            assert_eq!(Event::parse(event.code()), Some(event));
        }
    }
}
