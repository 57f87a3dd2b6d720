//! The triage pages' port (`kiezwerk_app::triage::port::Triage`), over the triage modules.

use super::actions::{self, Change, Request};
use super::workflow::{Priority, Transition};
use super::{stats, views, Triage};
use crate::core::access::{allows, Permission};
use crate::core::geo::Coordinates;
use crate::core::port::internal;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{FieldError, Flash, Problem, Viewer};
use kiezwerk_app::port::PortError;
use kiezwerk_app::triage::model::{
    QueueFilter, QueueView, StaffReportView, StatisticsView, TriageAction, TriageRefusal,
};
use kiezwerk_app::triage::port::{self, Preview};

/// The port, over the triage domain's state.
pub struct TriagePort(pub Triage);

/// The form's values as a change; a refusal names the field that is wrong.
pub fn parse_action(action: TriageAction) -> Result<Request, TriageRefusal> {
    let invalid =
        |field: &str, problem| Err(TriageRefusal::Invalid(FieldError::new(field, problem)));
    let (change, public_note, internal_note) = match action {
        TriageAction::Status {
            transition,
            reason,
            target,
            duplicate,
            public_note,
            internal_note,
        } => {
            let Some(transition) = Transition::parse(&transition) else {
                return invalid("transition", Problem::NothingToDo);
            };
            let target = target.trim().parse().ok();
            (
                Change::Status {
                    transition,
                    reason,
                    target,
                    duplicate_of: duplicate,
                },
                public_note,
                internal_note,
            )
        }
        TriageAction::Assign { assignee } => {
            let assignee = match assignee.trim() {
                "" => None,
                id => match id.parse() {
                    Ok(id) => Some(id),
                    Err(_) => return invalid("assignee", Problem::ColleagueUnknown),
                },
            };
            (Change::Assign(assignee), String::new(), String::new())
        }
        TriageAction::Priority { priority } => match Priority::parse(&priority) {
            Some(p) => (Change::Priority(p), String::new(), String::new()),
            None => return invalid("priority", Problem::NothingToDo),
        },
        TriageAction::Category { category } => {
            (Change::Category(category), String::new(), String::new())
        }
        TriageAction::Location { lat, lon } => match Coordinates::parse(&lat, &lon) {
            Some(point) => (Change::Location(point), String::new(), String::new()),
            None => return invalid("new-lat", Problem::CoordinatesInvalid),
        },
        TriageAction::Note {
            public_note,
            internal_note,
        } => (Change::Note, public_note, internal_note),
    };
    Ok(Request {
        change,
        public_note,
        internal_note,
    })
}

#[async_trait::async_trait]
impl port::Triage for TriagePort {
    async fn queue(
        &self,
        viewer: &Viewer,
        slug: &str,
        filter: QueueFilter,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<QueueView>, PortError> {
        views::queue_view(&self.0, viewer, slug, filter, flash, notice, lang)
            .await
            .map_err(internal)
    }

    async fn report(
        &self,
        viewer: &Viewer,
        reference: &str,
        preview: Preview,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<StaffReportView>, PortError> {
        views::report_view(&self.0, viewer, reference, preview, flash, notice, lang)
            .await
            .map_err(internal)
    }

    async fn act(
        &self,
        viewer: &Viewer,
        reference: &str,
        version: i64,
        action: TriageAction,
        lang: Lang,
    ) -> Result<(), PortError<TriageRefusal>> {
        let request = parse_action(action).map_err(PortError::Refused)?;
        Ok(actions::apply(&self.0, viewer, reference, version, request, lang).await?)
    }

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, PortError> {
        let Some(municipality) = self.0.tenants.registry.by_slug(slug) else {
            return Ok(None);
        };
        if !allows(Some(viewer), Permission::ViewStatistics, municipality.id) {
            return Ok(None);
        }
        let core = &self.0.core;
        stats::view(&core.db, municipality, core.clock.now_ms(), lang)
            .await
            .map(Some)
            .map_err(internal)
    }
}
