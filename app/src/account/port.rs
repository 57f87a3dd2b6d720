//! The Bürger-ID pages' port: what the account, sign-up, recovery, invitation and
//! administration pages ask of the server (see [`crate::port`]).

use super::model::{
    Acceptance, AccountView, AdminRefusal, AdminView, EnrolmentKind, InvitationView, OutboxMail,
    PlatformView,
};
use crate::i18n::Lang;
use crate::model::{AccountId, DepartmentId, FieldError, Flash, Problem, Role, Viewer};
use crate::port::PortError;
use std::sync::Arc;

/// The server side of the Bürger-ID pages.
#[async_trait::async_trait]
pub trait Accounts: Send + Sync + 'static {
    async fn account(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<AccountView, PortError>;

    /// Checks name and e-mail address and prepares the passkey for a new account; returns the
    /// enrolment cookie's value.
    async fn begin_sign_up(
        &self,
        name: &str,
        email: &str,
    ) -> Result<String, PortError<Vec<FieldError>>>;

    async fn begin_add_passkey(&self, viewer: &Viewer) -> Result<String, PortError>;

    /// What the enrolment named by the cookie is for, if it is still valid.
    async fn enrolment(&self, token: &str) -> Result<Option<EnrolmentKind>, PortError>;

    async fn rename_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        name: &str,
    ) -> Result<(), PortError<Problem>>;

    async fn remove_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        confirmed: bool,
    ) -> Result<(), PortError<Problem>>;

    async fn sign_out(&self, session_token: &str, viewer: Option<&Viewer>)
        -> Result<(), PortError>;

    async fn sign_out_everywhere(&self, viewer: &Viewer) -> Result<(), PortError>;

    /// Requests a change (or with an empty input the removal) of the e-mail address.
    async fn change_email(&self, viewer: &Viewer, email: &str) -> Result<(), PortError<Problem>>;

    async fn confirm_email(&self, token: &str) -> Result<(), PortError<Problem>>;

    async fn request_recovery(
        &self,
        email: &str,
        ip: Option<String>,
    ) -> Result<(), PortError<Problem>>;

    /// Enrolment cookie value for a new passkey, if the link is valid.
    async fn use_recovery_link(&self, token: &str) -> Result<Option<String>, PortError>;

    async fn use_recovery_code(&self, code: &str) -> Result<Option<String>, PortError>;

    async fn claim_reports(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
    ) -> Result<usize, PortError>;

    async fn delete_account(&self, viewer: &Viewer) -> Result<(), PortError>;

    /// The developers' outbox; `None` when it is switched off.
    async fn outbox(&self, lang: Lang) -> Result<Option<Vec<OutboxMail>>, PortError>;

    /// `None` when the viewer is not a platform administrator.
    async fn platform(
        &self,
        viewer: &Viewer,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<PlatformView>, PortError>;

    /// `None` when the municipality does not exist or the viewer may not administer it.
    async fn admin(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<AdminView>, PortError>;

    async fn invite(
        &self,
        viewer: &Viewer,
        slug: &str,
        role: Role,
        department: Option<DepartmentId>,
        note: &str,
    ) -> Result<String, PortError<AdminRefusal>>;

    async fn issue_recovery_code(
        &self,
        viewer: &Viewer,
        slug: &str,
        who: &str,
    ) -> Result<String, PortError<AdminRefusal>>;

    async fn set_staff_disabled(
        &self,
        viewer: &Viewer,
        slug: &str,
        account: AccountId,
        disabled: bool,
    ) -> Result<(), PortError<AdminRefusal>>;

    async fn invitation(
        &self,
        token: &str,
        lang: Lang,
    ) -> Result<Option<InvitationView>, PortError>;

    async fn accept_invitation(
        &self,
        viewer: Option<&Viewer>,
        token: &str,
        name: &str,
    ) -> Result<Acceptance, PortError<Vec<FieldError>>>;
}

pub type SharedAccounts = Arc<dyn Accounts>;
