//! The Bürger-ID pages' port ([`Accounts`]), implemented with the `auth` modules.

use crate::auth::passkeys::{self, Enrolment};
use crate::auth::{accounts, admin, audit, recovery, sessions};
use crate::reports::{format_time, parse_email};
use crate::state::AppState;
use kiezwerk_app::backend::{Accounts, BackendError};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{
    Acceptance, AccountView, AdminRefusal, AdminView, EnrolmentKind, FieldError, Flash,
    InvitationView, OutboxMail, Problem, Role, Viewer,
};

pub struct AccountsBackend {
    pub state: AppState,
}

/// Logs the cause once; the person sees the generic technical-error page.
fn internal(error: impl std::fmt::Display) -> BackendError {
    tracing::error!(%error, "account operation failed");
    BackendError
}

fn admin_refusal(denied: admin::Denied, field: &str, problem: Problem) -> AdminRefusal {
    match denied {
        admin::Denied::Forbidden => AdminRefusal::Forbidden,
        admin::Denied::Invalid => AdminRefusal::Invalid(FieldError::new(field, problem)),
    }
}

#[async_trait::async_trait]
impl Accounts for AccountsBackend {
    async fn account(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<AccountView, BackendError> {
        accounts::view(&self.state, viewer, claims, flash, notice, lang)
            .await
            .map_err(internal)
    }

    async fn begin_sign_up(
        &self,
        name: &str,
        email: &str,
    ) -> Result<Result<String, Vec<FieldError>>, BackendError> {
        let mut errors = Vec::new();
        let name = accounts::validate_name(name)
            .map_err(|p| errors.push(FieldError::new("name", p)))
            .ok();
        let email = match email.trim() {
            "" => None,
            typed => match parse_email(typed) {
                Some(email) => Some(email),
                None => {
                    errors.push(FieldError::new("email", Problem::EmailInvalid));
                    None
                }
            },
        };
        let Some(name) = name.filter(|_| errors.is_empty()) else {
            return Ok(Err(errors));
        };
        passkeys::begin_enrolment(&self.state, Enrolment::SignUp { name, email })
            .await
            .map(Ok)
            .map_err(internal)
    }

    async fn begin_add_passkey(&self, viewer: &Viewer) -> Result<String, BackendError> {
        passkeys::begin_enrolment(
            &self.state,
            Enrolment::AddPasskey {
                account_id: viewer.account_id,
            },
        )
        .await
        .map_err(internal)
    }

    async fn enrolment(&self, token: &str) -> Result<Option<EnrolmentKind>, BackendError> {
        passkeys::enrolment_kind(&self.state, token)
            .await
            .map_err(internal)
    }

    async fn rename_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        name: &str,
    ) -> Result<Result<(), Problem>, BackendError> {
        accounts::rename_passkey(&self.state, viewer, id, name)
            .await
            .map_err(internal)
    }

    async fn remove_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        confirmed: bool,
    ) -> Result<Result<(), Problem>, BackendError> {
        Ok(
            match accounts::remove_passkey(&self.state, viewer, id, confirmed)
                .await
                .map_err(internal)?
            {
                accounts::Removal::Removed => Ok(()),
                accounts::Removal::NeedsConfirmation => Err(Problem::LastPasskey),
                accounts::Removal::NotFound => Err(Problem::PasskeyUnknown),
            },
        )
    }

    async fn sign_out(
        &self,
        session_token: &str,
        viewer: Option<&Viewer>,
    ) -> Result<(), BackendError> {
        sessions::end(&self.state.db, session_token)
            .await
            .map_err(internal)?;
        if let Some(viewer) = viewer {
            audit::record(
                &self.state.db,
                self.state.clock.now_ms(),
                audit::Event::SignedOut,
                audit::Entry::by_self(viewer.account_id),
            )
            .await;
        }
        Ok(())
    }

    async fn sign_out_everywhere(&self, viewer: &Viewer) -> Result<(), BackendError> {
        accounts::sign_out_everywhere(&self.state, viewer)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn change_email(
        &self,
        viewer: &Viewer,
        email: &str,
    ) -> Result<Result<(), Problem>, BackendError> {
        accounts::change_email(&self.state, viewer, email)
            .await
            .map_err(internal)
    }

    async fn confirm_email(&self, token: &str) -> Result<Result<(), Problem>, BackendError> {
        accounts::confirm_email(&self.state, token)
            .await
            .map_err(internal)
    }

    async fn request_recovery(
        &self,
        email: &str,
        ip: Option<String>,
    ) -> Result<Result<(), Problem>, BackendError> {
        recovery::request_link(&self.state, email, ip)
            .await
            .map_err(internal)
    }

    async fn use_recovery_link(&self, token: &str) -> Result<Option<String>, BackendError> {
        recovery::use_link(&self.state, token)
            .await
            .map_err(internal)
    }

    async fn use_recovery_code(&self, code: &str) -> Result<Option<String>, BackendError> {
        recovery::use_code(&self.state, code)
            .await
            .map_err(internal)
    }

    async fn claim_reports(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
    ) -> Result<usize, BackendError> {
        accounts::claim(&self.state, viewer, claims)
            .await
            .map_err(internal)
    }

    async fn delete_account(&self, viewer: &Viewer) -> Result<(), BackendError> {
        accounts::delete(&self.state, viewer)
            .await
            .map_err(internal)
    }

    async fn outbox(&self, lang: Lang) -> Result<Option<Vec<OutboxMail>>, BackendError> {
        if !self.state.settings.dev_outbox {
            return Ok(None);
        }
        let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
            "select to_address, subject, body, created_at from outbox order by id desc limit 50",
        )
        .fetch_all(&self.state.db.pool)
        .await
        .map_err(internal)?;
        Ok(Some(
            rows.into_iter()
                .map(|(to, subject, body, created)| OutboxMail {
                    to,
                    subject,
                    body,
                    created: format_time(created, lang),
                })
                .collect(),
        ))
    }

    async fn admin(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<AdminView>, BackendError> {
        admin::view(&self.state, viewer, slug, flash, handover, lang)
            .await
            .map_err(internal)
    }

    async fn invite(
        &self,
        viewer: &Viewer,
        slug: &str,
        role: Role,
        department: Option<i64>,
        note: &str,
    ) -> Result<Result<String, AdminRefusal>, BackendError> {
        Ok(
            admin::invite(&self.state, viewer, slug, role, department, note)
                .await
                .map_err(internal)?
                .map_err(|d| admin_refusal(d, "department", Problem::DepartmentMissing)),
        )
    }

    async fn issue_recovery_code(
        &self,
        viewer: &Viewer,
        slug: &str,
        who: &str,
    ) -> Result<Result<String, AdminRefusal>, BackendError> {
        let Some(municipality) = self.state.registry.by_slug(slug) else {
            return Ok(Err(AdminRefusal::Forbidden));
        };
        Ok(
            match recovery::issue_code(&self.state, viewer, municipality.id, who)
                .await
                .map_err(internal)?
            {
                Ok(code) => Ok(code),
                Err(recovery::Refusal::Forbidden) => Err(AdminRefusal::Forbidden),
                Err(recovery::Refusal::Unknown) => Err(AdminRefusal::Invalid(FieldError::new(
                    "who",
                    Problem::AccountUnknown,
                ))),
            },
        )
    }

    async fn set_staff_disabled(
        &self,
        viewer: &Viewer,
        slug: &str,
        account: i64,
        disabled: bool,
    ) -> Result<Result<(), AdminRefusal>, BackendError> {
        Ok(
            admin::set_disabled(&self.state, viewer, slug, account, disabled)
                .await
                .map_err(internal)?
                .map_err(|d| admin_refusal(d, "staff", Problem::CannotDisableSelf)),
        )
    }

    async fn invitation(
        &self,
        token: &str,
        lang: Lang,
    ) -> Result<Option<InvitationView>, BackendError> {
        Ok(admin::invitation(&self.state, token, lang)
            .await
            .map_err(internal)?
            .map(|(_, view)| view))
    }

    async fn accept_invitation(
        &self,
        viewer: Option<&Viewer>,
        token: &str,
        name: &str,
    ) -> Result<Result<Acceptance, Vec<FieldError>>, BackendError> {
        if let Some(viewer) = viewer {
            return Ok(
                if admin::accept_into(&self.state, viewer, token)
                    .await
                    .map_err(internal)?
                {
                    Ok(Acceptance::Accepted)
                } else {
                    Err(vec![FieldError::new("name", Problem::LinkInvalid)])
                },
            );
        }
        let name = match accounts::validate_name(name) {
            Ok(name) => name,
            Err(problem) => return Ok(Err(vec![FieldError::new("name", problem)])),
        };
        let Some((invitation_id, _)) = admin::invitation(&self.state, token, Lang::De)
            .await
            .map_err(internal)?
        else {
            return Ok(Err(vec![FieldError::new("name", Problem::LinkInvalid)]));
        };
        passkeys::begin_enrolment(
            &self.state,
            Enrolment::Invitation {
                invitation_id,
                name,
            },
        )
        .await
        .map(|token| Ok(Acceptance::Enrol(token)))
        .map_err(internal)
    }
}

/// Removes expired ceremonies, mail tokens, sessions and old mail.
pub async fn clean_up(state: &AppState) -> Result<u64, sqlx::Error> {
    let now = state.clock.now_ms();
    let mut removed = passkeys::delete_expired(state).await?;
    removed += sqlx::query("delete from email_tokens where expires_at <= $1")
        .bind(now)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    let lifetime = i64::from(state.settings.session_lifetime_hours) * 3_600_000;
    let idle = i64::from(state.settings.session_idle_minutes) * 60_000;
    removed += sqlx::query("delete from sessions where created_at <= $1 or last_seen_at <= $2")
        .bind(now - lifetime)
        .bind(now - idle)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    // Mail older than a week is of no use any more (its links have expired).
    removed += sqlx::query("delete from outbox where created_at <= $1")
        .bind(now - 7 * 24 * 3_600_000)
        .execute(&state.db.pool)
        .await?
        .rows_affected();
    Ok(removed)
}
