//! The Bauhof pages' port (see [`crate::port`]). Every call names the municipality by its
//! slug; `None` means there is no such thing or it is not the viewer's (the two look the same).

use super::model::{
    AllocationView, BauhofRefusal, DraftAnswer, DraftView, FleetAction, FleetView, LabelsView,
    PoolView, RegisterFilter, RegisterView, RequestView, StatisticsView, UnitCard, UnitView,
    WorkerHome, YardsView,
};
use crate::i18n::Lang;
use crate::model::{Flash, Viewer};
use crate::port::PortError;
use std::sync::Arc;

/// The server side of the Bauhof pages.
#[async_trait::async_trait]
pub trait Bauhof: Send + Sync + 'static {
    /// The worker's start page.
    async fn home(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<WorkerHome>, PortError>;

    /// The worker's breakdown report in progress (an empty one when there is none).
    async fn draft(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DraftView>, PortError>;

    /// Starts a new breakdown report, with its machine when the label was scanned.
    async fn start(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: Option<String>,
        lang: Lang,
    ) -> Result<(), PortError<BauhofRefusal>>;

    /// Keeps one answer of the draft.
    async fn answer(
        &self,
        viewer: &Viewer,
        slug: &str,
        answer: DraftAnswer,
        lang: Lang,
    ) -> Result<(), PortError<BauhofRefusal>>;

    /// Sends the draft; the new request's id.
    async fn submit(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<i64, PortError<BauhofRefusal>>;

    /// A breakdown report: the worker's own, or any of the municipality's for its managers.
    async fn request(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        lang: Lang,
    ) -> Result<Option<RequestView>, PortError>;

    /// Where a unit's label leads.
    async fn unit_card(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<UnitCard>, PortError>;

    async fn fleet(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<FleetView>, PortError>;

    async fn allocation(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<AllocationView>, PortError>;

    async fn register(
        &self,
        viewer: &Viewer,
        slug: &str,
        filter: RegisterFilter,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RegisterView>, PortError>;

    async fn unit(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<UnitView>, PortError>;

    async fn yards(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<YardsView>, PortError>;

    async fn labels(
        &self,
        viewer: &Viewer,
        slug: &str,
        yard: String,
        number: Option<String>,
        lang: Lang,
    ) -> Result<Option<LabelsView>, PortError>;

    async fn pool(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<PoolView>, PortError>;

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, PortError>;

    /// Carries out a manager's (or a worker's check-out) action; a sentence saying what was
    /// done.
    async fn act(
        &self,
        viewer: &Viewer,
        slug: &str,
        action: FleetAction,
        lang: Lang,
    ) -> Result<String, PortError<BauhofRefusal>>;
}

pub type SharedBauhof = Arc<dyn Bauhof>;
