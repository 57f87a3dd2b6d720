//! The triage pages' port ([`Triage`]), implemented with the `triage` modules.

use crate::auth::roles::{allows, Permission};
use crate::routing::Coordinates;
use crate::state::AppState;
use crate::triage::actions::{self, Change, Request};
use crate::triage::workflow::{Priority, Transition};
use crate::triage::{stats, views};
use kiezwerk_app::backend::{BackendError, Preview, Triage};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{
    FieldError, Flash, Problem, QueueFilter, QueueView, StaffReportView, StatisticsView,
    TriageAction, TriageRefusal, Viewer,
};

pub struct TriageBackend {
    pub state: AppState,
}

fn internal(error: impl std::fmt::Display) -> BackendError {
    tracing::error!(%error, "triage operation failed");
    BackendError
}

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
            let target = target.trim().parse::<i64>().ok();
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
                id => match id.parse::<i64>() {
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
impl Triage for TriageBackend {
    async fn queue(
        &self,
        viewer: &Viewer,
        slug: &str,
        filter: QueueFilter,
        flash: Flash,
        notice: Option<String>,
        lang: Lang,
    ) -> Result<Option<QueueView>, BackendError> {
        views::queue_view(&self.state, viewer, slug, filter, flash, notice, lang)
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
    ) -> Result<Option<StaffReportView>, BackendError> {
        views::report_view(&self.state, viewer, reference, preview, flash, notice, lang)
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
    ) -> Result<Result<(), TriageRefusal>, BackendError> {
        let request = match parse_action(action) {
            Ok(request) => request,
            Err(refusal) => return Ok(Err(refusal)),
        };
        actions::apply(&self.state, viewer, reference, version, request, lang)
            .await
            .map_err(internal)
    }

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, BackendError> {
        let Some(municipality) = self.state.registry.by_slug(slug) else {
            return Ok(None);
        };
        if !allows(Some(viewer), Permission::ViewStatistics, municipality.id) {
            return Ok(None);
        }
        stats::view(
            &self.state.db,
            municipality,
            self.state.clock.now_ms(),
            lang,
        )
        .await
        .map(Some)
        .map_err(internal)
    }
}
