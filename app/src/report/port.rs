//! The report flow's port: what its pages and server functions ask of the server (see
//! [`crate::port`]).

use super::flow::Step;
use super::model::{Confirmation, DraftView, FlowState, ReportView};
use crate::i18n::Lang;
use crate::model::{AccountId, Viewer};
use crate::port::PortError;
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

impl DraftUpdate {
    /// The step whose page asked for this answer (and shows it again when refused).
    pub fn step(&self) -> Step {
        match self {
            DraftUpdate::Category(_) => Step::Category,
            DraftUpdate::Answers { .. } => Step::Details,
            DraftUpdate::Point { .. } | DraftUpdate::Described { .. } => Step::Location,
            DraftUpdate::PhotoLocation(_) | DraftUpdate::RemovePhoto(_) => Step::Photos,
            DraftUpdate::Description(_) => Step::Description,
            DraftUpdate::Contact(_) => Step::Contact,
        }
    }
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

#[async_trait::async_trait]
pub trait ReportFlow: Send + Sync + 'static {
    /// Catalogue, map settings and the draft (if the token names a live one).
    async fn flow_state(
        &self,
        draft: Option<&DraftToken>,
        lang: Lang,
    ) -> Result<FlowState, PortError>;

    /// Starts an empty draft and returns its token.
    async fn new_draft(&self) -> Result<DraftToken, PortError>;

    /// Starts an empty draft whose first step explains that the previous one expired.
    async fn new_draft_expired_notice(&self) -> Result<DraftToken, PortError>;

    async fn update_draft(
        &self,
        draft: &DraftToken,
        update: DraftUpdate,
        lang: Lang,
    ) -> Result<Outcome, PortError>;

    /// Turns the draft into a report through the shared intake pipeline, linked to the account
    /// of a signed-in citizen.
    async fn submit(
        &self,
        draft: &DraftToken,
        account: Option<AccountId>,
        lang: Lang,
    ) -> Result<SubmitOutcome, PortError>;

    /// The public status page; with the right personal access token, for the reporter's own
    /// account or for staff responsible for it also the reporter's details.
    async fn report(
        &self,
        reference: &str,
        access: Option<&str>,
        viewer: Option<&Viewer>,
        lang: Lang,
    ) -> Result<Option<ReportView>, PortError>;

    async fn confirmation(
        &self,
        reference: &str,
        access: &str,
        lang: Lang,
    ) -> Result<Option<Confirmation>, PortError>;

    /// Supports an open report near the draft's place instead of filing a new one; the draft
    /// ends. `None` when the report is not one the draft was offered.
    async fn support(
        &self,
        draft: &DraftToken,
        reference: &str,
        lang: Lang,
    ) -> Result<Option<String>, PortError>;
}

pub type SharedReportFlow = Arc<dyn ReportFlow>;
