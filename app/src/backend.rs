//! The port through which server functions reach the server's domain code (database, routing,
//! photo storage). The `kiezwerk` server implements it and hands it to Leptos as context; this
//! keeps SQL and geometry out of the crate that is also compiled to WebAssembly.

use crate::i18n::Lang;
use crate::model::{Confirmation, DraftView, FlowState, ReportView};
use std::sync::Arc;

/// The opaque token in the citizen's draft cookie.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftToken(pub String);

/// One answer of the report flow.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftUpdate {
    Category(String),
    /// Answers to the category's extra questions: to the one `question` its page asked, or,
    /// without one, to all of them at once.
    Answers {
        question: Option<String>,
        answers: Vec<(String, String)>,
    },
    Point {
        lat: String,
        lon: String,
    },
    Described {
        area: String,
        address: String,
    },
    PhotoLocation(i64),
    RemovePhoto(i64),
    Description(String),
    Contact(String),
}

/// What became of an answer.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Accepted; the draft as it is now.
    Saved(Box<DraftView>),
    /// Refused; the errors and typed values are kept in the draft's flash for the step to show.
    Refused,
    /// The draft expired or never existed.
    NoDraft,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitOutcome {
    Submitted {
        reference: String,
        access: String,
    },
    /// Something is missing or no longer valid; the flash names it.
    Refused,
    NoDraft,
}

/// A failure the citizen cannot fix (database down, disk full). Details are logged by the server.
#[derive(Debug)]
pub struct BackendError;

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("internal error")
    }
}

impl std::error::Error for BackendError {}

#[async_trait::async_trait]
pub trait Backend: Send + Sync + 'static {
    /// Catalogue, map settings and the draft (if the token names a live one).
    async fn flow_state(
        &self,
        draft: Option<&DraftToken>,
        lang: Lang,
    ) -> Result<FlowState, BackendError>;

    /// Starts an empty draft and returns its token.
    async fn new_draft(&self) -> Result<DraftToken, BackendError>;

    /// Starts an empty draft whose first step explains that the previous one expired.
    async fn new_draft_expired_notice(&self) -> Result<DraftToken, BackendError>;

    async fn update_draft(
        &self,
        draft: &DraftToken,
        update: DraftUpdate,
        lang: Lang,
    ) -> Result<Outcome, BackendError>;

    /// Turns the draft into a report through the shared intake pipeline, linked to the account
    /// of a signed-in citizen.
    async fn submit(
        &self,
        draft: &DraftToken,
        account: Option<i64>,
        lang: Lang,
    ) -> Result<SubmitOutcome, BackendError>;

    /// The public status page; with the right personal access token, for the reporter's own
    /// account or for staff responsible for it also the reporter's details.
    async fn report(
        &self,
        reference: &str,
        access: Option<&str>,
        viewer: Option<&Viewer>,
        lang: Lang,
    ) -> Result<Option<ReportView>, BackendError>;

    async fn confirmation(
        &self,
        reference: &str,
        access: &str,
        lang: Lang,
    ) -> Result<Option<Confirmation>, BackendError>;

    /// Supports an open report near the draft's place instead of filing a new one; the draft
    /// ends. `None` when the report is not one the draft was offered.
    async fn support(
        &self,
        draft: &DraftToken,
        reference: &str,
        lang: Lang,
    ) -> Result<Option<String>, BackendError>;
}

pub type SharedBackend = Arc<dyn Backend>;

use crate::model::{
    Acceptance, AccountView, AdminRefusal, AdminView, EnrolmentKind, FieldError, Flash,
    InvitationView, OutboxMail, Problem, Role, Viewer,
};

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
    ) -> Result<AccountView, BackendError>;

    /// Checks name and e-mail address and prepares the passkey for a new account; returns the
    /// enrolment cookie's value.
    async fn begin_sign_up(
        &self,
        name: &str,
        email: &str,
    ) -> Result<Result<String, Vec<FieldError>>, BackendError>;

    async fn begin_add_passkey(&self, viewer: &Viewer) -> Result<String, BackendError>;

    /// What the enrolment named by the cookie is for, if it is still valid.
    async fn enrolment(&self, token: &str) -> Result<Option<EnrolmentKind>, BackendError>;

    async fn rename_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        name: &str,
    ) -> Result<Result<(), Problem>, BackendError>;

    async fn remove_passkey(
        &self,
        viewer: &Viewer,
        id: i64,
        confirmed: bool,
    ) -> Result<Result<(), Problem>, BackendError>;

    async fn sign_out(
        &self,
        session_token: &str,
        viewer: Option<&Viewer>,
    ) -> Result<(), BackendError>;

    async fn sign_out_everywhere(&self, viewer: &Viewer) -> Result<(), BackendError>;

    /// Requests a change (or with an empty input the removal) of the e-mail address.
    async fn change_email(
        &self,
        viewer: &Viewer,
        email: &str,
    ) -> Result<Result<(), Problem>, BackendError>;

    async fn confirm_email(&self, token: &str) -> Result<Result<(), Problem>, BackendError>;

    async fn request_recovery(
        &self,
        email: &str,
        ip: Option<String>,
    ) -> Result<Result<(), Problem>, BackendError>;

    /// Enrolment cookie value for a new passkey, if the link is valid.
    async fn use_recovery_link(&self, token: &str) -> Result<Option<String>, BackendError>;

    async fn use_recovery_code(&self, code: &str) -> Result<Option<String>, BackendError>;

    async fn claim_reports(
        &self,
        viewer: &Viewer,
        claims: Option<&str>,
    ) -> Result<usize, BackendError>;

    async fn delete_account(&self, viewer: &Viewer) -> Result<(), BackendError>;

    /// The developers' outbox; `None` when it is switched off.
    async fn outbox(&self, lang: Lang) -> Result<Option<Vec<OutboxMail>>, BackendError>;

    /// `None` when the municipality does not exist or the viewer may not administer it.
    async fn admin(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        handover: Option<String>,
        lang: Lang,
    ) -> Result<Option<AdminView>, BackendError>;

    async fn invite(
        &self,
        viewer: &Viewer,
        slug: &str,
        role: Role,
        department: Option<i64>,
        note: &str,
    ) -> Result<Result<String, AdminRefusal>, BackendError>;

    async fn issue_recovery_code(
        &self,
        viewer: &Viewer,
        slug: &str,
        who: &str,
    ) -> Result<Result<String, AdminRefusal>, BackendError>;

    async fn set_staff_disabled(
        &self,
        viewer: &Viewer,
        slug: &str,
        account: i64,
        disabled: bool,
    ) -> Result<Result<(), AdminRefusal>, BackendError>;

    async fn invitation(
        &self,
        token: &str,
        lang: Lang,
    ) -> Result<Option<InvitationView>, BackendError>;

    async fn accept_invitation(
        &self,
        viewer: Option<&Viewer>,
        token: &str,
        name: &str,
    ) -> Result<Result<Acceptance, Vec<FieldError>>, BackendError>;
}

pub type SharedAccounts = Arc<dyn Accounts>;

use crate::model::{
    QueueFilter, QueueView, StaffReportView, StatisticsView, TriageAction, TriageRefusal,
};

/// A change to show before it is confirmed on the report's page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub category: Option<String>,
    /// Latitude and longitude as typed.
    pub location: Option<(String, String)>,
}

/// The server side of the dispatchers' triage pages.
#[async_trait::async_trait]
pub trait Triage: Send + Sync + 'static {
    /// `None` when the viewer has no part in the municipality's triage.
    async fn queue(
        &self,
        viewer: &Viewer,
        slug: &str,
        filter: QueueFilter,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<QueueView>, BackendError>;

    /// `None` when there is no such report or it is not the viewer's to work on.
    async fn report(
        &self,
        viewer: &Viewer,
        reference: &str,
        preview: Preview,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<StaffReportView>, BackendError>;

    /// Carries out a change shown at `version`.
    async fn act(
        &self,
        viewer: &Viewer,
        reference: &str,
        version: i64,
        action: TriageAction,
        lang: Lang,
    ) -> Result<Result<(), TriageRefusal>, BackendError>;

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, BackendError>;
}

pub type SharedTriage = Arc<dyn Triage>;
