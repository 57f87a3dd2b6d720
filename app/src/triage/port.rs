//! The dispatchers' triage pages' port (see [`crate::port`]).

use super::model::{
    QueueFilter, QueueView, StaffReportView, StatisticsView, TriageAction, TriageRefusal,
};
use crate::i18n::Lang;
use crate::model::{Flash, Viewer};
use crate::port::PortError;
use std::sync::Arc;

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
    ) -> Result<Option<QueueView>, PortError>;

    /// `None` when there is no such report or it is not the viewer's to work on.
    async fn report(
        &self,
        viewer: &Viewer,
        reference: &str,
        preview: Preview,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<StaffReportView>, PortError>;

    /// Carries out a change shown at `version`.
    async fn act(
        &self,
        viewer: &Viewer,
        reference: &str,
        version: i64,
        action: TriageAction,
        lang: Lang,
    ) -> Result<(), PortError<TriageRefusal>>;

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, PortError>;
}

pub type SharedTriage = Arc<dyn Triage>;
