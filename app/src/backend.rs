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
    Answers(Vec<(String, String)>),
    Point { lat: String, lon: String },
    Described { area: String, address: String },
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

    /// Turns the draft into a report through the shared intake pipeline.
    async fn submit(&self, draft: &DraftToken, lang: Lang) -> Result<SubmitOutcome, BackendError>;

    /// The public status page; with the right personal access token also the reporter's details.
    async fn report(
        &self,
        reference: &str,
        access: Option<&str>,
        lang: Lang,
    ) -> Result<Option<ReportView>, BackendError>;

    async fn confirmation(
        &self,
        reference: &str,
        access: &str,
        lang: Lang,
    ) -> Result<Option<Confirmation>, BackendError>;
}

pub type SharedBackend = Arc<dyn Backend>;
