//! The Bürger-ID pages' port (`kiezwerk_app::account::port::Accounts`), over the auth
//! modules.

use super::passkeys::{self, Enrolment};
use super::{accounts, admin, audit, recovery, sessions, Auth};
use crate::core::mail;
use crate::core::port::{internal, Failure};
use crate::core::text::parse_email;
use crate::core::time::format_time;
use kiezwerk_app::account::model::{
    Acceptance, AccountView, AdminRefusal, AdminView, EnrolmentKind, InvitationView, OutboxMail,
    PlatformView,
};
use kiezwerk_app::account::port::Accounts;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, DepartmentId, FieldError, Flash, Problem, Role, Viewer};
use kiezwerk_app::port::PortError;

/// The port, over the Bürger-ID domain's state.
pub struct AccountsPort(pub Auth);

/// An administrative refusal as the page shows it: a 403, or an error at `field`.
fn admin_refusal(
    failure: Failure<admin::Denied>,
    field: &str,
    problem: Problem,
) -> PortError<AdminRefusal> {
    match failure {
        Failure::Refused(admin::Denied::Forbidden) => PortError::Refused(AdminRefusal::Forbidden),
        Failure::Refused(admin::Denied::Invalid) => {
            PortError::Refused(AdminRefusal::Invalid(FieldError::new(field, problem)))
        }
        Failure::Internal(error) => internal(error),
    }
}

#[async_trait::async_trait]
impl Accounts for AccountsPort {
    async fn account(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<AccountView, PortError> {
        accounts::view(&self.0, viewer, claims, flash, notice, lang)
            .await
            .map_err(internal)
    }

    async fn begin_sign_up(
        &self,
        name: &str,
        email: &str,
    ) -> Result<String, PortError<Vec<FieldError>>> {
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
            return Err(PortError::Refused(errors));
        };
        passkeys::begin_enrolment(&self.0, Enrolment::SignUp { name, email })
            .await
            .map_err(internal)
    }

    async fn begin_add_passkey(&self, viewer: &Viewer) -> Result<String, PortError> {
        let enrolment = Enrolment::AddPasskey {
            account_id: viewer.account_id,
        };
        passkeys::begin_enrolment(&self.0, enrolment)
            .await
            .map_err(internal)
    }

    async fn enrolment(&self, token: &str) -> Result<Option<EnrolmentKind>, PortError> {
        passkeys::enrolment_kind(&self.0, token)
            .await
            .map_err(internal)
    }

    async fn rename_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        name: &str,
    ) -> Result<(), PortError<Problem>> {
        Ok(accounts::rename_passkey(&self.0, viewer, id, name).await?)
    }

    async fn remove_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        confirmed: bool,
    ) -> Result<(), PortError<Problem>> {
        match accounts::remove_passkey(&self.0, viewer, id, confirmed)
            .await
            .map_err(internal)?
        {
            accounts::Removal::Removed => Ok(()),
            accounts::Removal::NeedsConfirmation => Err(PortError::Refused(Problem::LastPasskey)),
            accounts::Removal::NotFound => Err(PortError::Refused(Problem::PasskeyUnknown)),
        }
    }

    async fn sign_out(
        &self,
        session_token: &str,
        viewer: Option<&Viewer>,
    ) -> Result<(), PortError> {
        let core = &self.0.core;
        sessions::end(&core.db, session_token)
            .await
            .map_err(internal)?;
        if let Some(viewer) = viewer {
            audit::record(
                &core.db,
                core.clock.now_ms(),
                audit::Event::SignedOut,
                audit::Entry::by_self(viewer.account_id),
            )
            .await;
        }
        Ok(())
    }

    async fn sign_out_everywhere(&self, viewer: &Viewer) -> Result<(), PortError> {
        accounts::sign_out_everywhere(&self.0, viewer)
            .await
            .map(|_| ())
            .map_err(internal)
    }

    async fn change_email(&self, viewer: &Viewer, email: &str) -> Result<(), PortError<Problem>> {
        Ok(accounts::change_email(&self.0, viewer, email).await?)
    }

    async fn confirm_email(&self, token: &str) -> Result<(), PortError<Problem>> {
        Ok(accounts::confirm_email(&self.0, token).await?)
    }

    async fn request_recovery(
        &self,
        email: &str,
        ip: Option<String>,
    ) -> Result<(), PortError<Problem>> {
        Ok(recovery::request_link(&self.0, email, ip).await?)
    }

    async fn use_recovery_link(&self, token: &str) -> Result<Option<String>, PortError> {
        recovery::use_link(&self.0, token).await.map_err(internal)
    }

    async fn use_recovery_code(&self, code: &str) -> Result<Option<String>, PortError> {
        recovery::use_code(&self.0, code).await.map_err(internal)
    }

    async fn claim_reports(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
    ) -> Result<usize, PortError> {
        accounts::claim(&self.0, viewer, claims)
            .await
            .map_err(internal)
    }

    async fn delete_account(&self, viewer: &Viewer) -> Result<(), PortError> {
        accounts::delete(&self.0, viewer).await.map_err(internal)
    }

    async fn outbox(&self, lang: Lang) -> Result<Option<Vec<OutboxMail>>, PortError> {
        let core = &self.0.core;
        if !core.settings.dev_outbox {
            return Ok(None);
        }
        let mails = mail::newest(&core.db, 50).await.map_err(internal)?;
        Ok(Some(
            mails
                .into_iter()
                .map(|queued| OutboxMail {
                    to: queued.mail.to,
                    subject: queued.mail.subject,
                    body: queued.mail.body,
                    created: format_time(queued.created_at, lang),
                })
                .collect(),
        ))
    }

    async fn platform(
        &self,
        viewer: &Viewer,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<PlatformView>, PortError> {
        super::platform::view(&self.0, viewer, flash, handover, lang)
            .await
            .map_err(internal)
    }

    async fn admin(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<AdminView>, PortError> {
        admin::view(&self.0, viewer, slug, flash, handover, lang)
            .await
            .map_err(internal)
    }

    async fn invite(
        &self,
        viewer: &Viewer,
        slug: &str,
        role: Role,
        department: Option<DepartmentId>,
        note: &str,
    ) -> Result<String, PortError<AdminRefusal>> {
        admin::invite(&self.0, viewer, slug, role, department, note)
            .await
            .map_err(|f| admin_refusal(f, "department", Problem::DepartmentMissing))
    }

    async fn issue_recovery_code(
        &self,
        viewer: &Viewer,
        slug: &str,
        who: &str,
    ) -> Result<String, PortError<AdminRefusal>> {
        let Some(municipality) = self.0.tenants.registry.by_slug(slug) else {
            return Err(PortError::Refused(AdminRefusal::Forbidden));
        };
        recovery::issue_code(&self.0, viewer, municipality.id, who)
            .await
            .map_err(|failure| match failure {
                Failure::Refused(recovery::Refusal::Forbidden) => {
                    PortError::Refused(AdminRefusal::Forbidden)
                }
                Failure::Refused(recovery::Refusal::Unknown) => PortError::Refused(
                    AdminRefusal::Invalid(FieldError::new("who", Problem::AccountUnknown)),
                ),
                Failure::Internal(error) => internal(error),
            })
    }

    async fn set_staff_disabled(
        &self,
        viewer: &Viewer,
        slug: &str,
        account: AccountId,
        disabled: bool,
    ) -> Result<(), PortError<AdminRefusal>> {
        admin::set_disabled(&self.0, viewer, slug, account, disabled)
            .await
            .map_err(|f| admin_refusal(f, "staff", Problem::CannotDisableSelf))
    }

    async fn invitation(
        &self,
        token: &str,
        lang: Lang,
    ) -> Result<Option<InvitationView>, PortError> {
        Ok(admin::invitation(&self.0, token, lang)
            .await
            .map_err(internal)?
            .map(|(_, view)| view))
    }

    async fn accept_invitation(
        &self,
        viewer: Option<&Viewer>,
        token: &str,
        name: &str,
    ) -> Result<Acceptance, PortError<Vec<FieldError>>> {
        let link_invalid =
            || PortError::Refused(vec![FieldError::new("name", Problem::LinkInvalid)]);
        if let Some(viewer) = viewer {
            return if admin::accept_into(&self.0, viewer, token)
                .await
                .map_err(internal)?
            {
                Ok(Acceptance::Accepted)
            } else {
                Err(link_invalid())
            };
        }
        let name = accounts::validate_name(name)
            .map_err(|problem| PortError::Refused(vec![FieldError::new("name", problem)]))?;
        let Some((invitation_id, _)) = admin::invitation(&self.0, token, Lang::De)
            .await
            .map_err(internal)?
        else {
            return Err(link_invalid());
        };
        let enrolment = Enrolment::Invitation {
            invitation_id,
            name,
        };
        passkeys::begin_enrolment(&self.0, enrolment)
            .await
            .map(Acceptance::Enrol)
            .map_err(internal)
    }
}
