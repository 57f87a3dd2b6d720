//! The report flow's port (`kiezwerk_app::report::port::ReportFlow`): drafts loaded and
//! stored around the decisions of [`super::flow`], the shared intake pipeline, the status and
//! confirmation pages.

use super::catalogue::{area_options, catalogue};
use super::drafts::{self, Draft};
use super::flow::{apply, to_place, typed_values, view};
use super::intake::{self, route_place, Channel, IntakeError, NewReport};
use super::nearby::{open_nearby, Nearby};
use super::view::{confirmation, report_view};
use super::{Reference, Reports, MAX_ADDRESS, MAX_DESCRIPTION, MAX_PHOTOS};
use crate::core::geo::polygon::bounds;
use crate::core::port::internal;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, FieldError, Flash, Problem, Viewer};
use kiezwerk_app::port::PortError;
use kiezwerk_app::report::flow::{summary_id, Step, StepFlash};
use kiezwerk_app::report::model::{Confirmation, FlowState, MapSettings, NearbyReport, ReportView};
use kiezwerk_app::report::port::{DraftToken, DraftUpdate, Outcome, ReportFlow, SubmitOutcome};

/// Metres around the citizen's point in which open reports of the same kind are offered for
/// support.
pub const SUPPORT_RADIUS_M: f64 = 100.0;

/// The port, over the reports domain's state.
pub struct ReportFlowPort(pub Reports);

impl ReportFlowPort {
    async fn load(&self, token: &DraftToken) -> Result<Option<Draft>, sqlx::Error> {
        let core = &self.0.core;
        drafts::load(&core.db, core.clock.now_ms(), &token.0).await
    }

    /// Open reports of the draft's category within [`SUPPORT_RADIUS_M`] of its point.
    async fn nearby(&self, draft: &Draft, lang: Lang) -> Result<Vec<NearbyReport>, sqlx::Error> {
        let registry = &self.0.tenants.registry;
        let (Some(code), Some(drafts::DraftPlace::Point(at))) =
            (draft.data.category.as_deref(), draft.data.place.as_ref())
        else {
            return Ok(Vec::new());
        };
        let Some(place) = to_place(&draft.data) else {
            return Ok(Vec::new());
        };
        let Ok(decision) = route_place(registry, code, &place, lang) else {
            return Ok(Vec::new());
        };
        let Some(municipality) = registry.by_id(decision.municipality_id) else {
            return Ok(Vec::new());
        };
        let query = Nearby {
            municipality,
            category_id: Some(decision.category_id),
            around: *at,
            radius_m: SUPPORT_RADIUS_M,
            exclude: None,
            limit: 5,
        };
        open_nearby(&self.0.core.db, query, lang).await
    }

    async fn new_draft_with(&self, flash: StepFlash) -> Result<DraftToken, PortError> {
        let core = &self.0.core;
        drafts::create(&core.db, core.clock.now_ms(), &flash)
            .await
            .map(DraftToken)
            .map_err(internal)
    }
}

#[async_trait::async_trait]
impl ReportFlow for ReportFlowPort {
    async fn flow_state(
        &self,
        token: Option<&DraftToken>,
        lang: Lang,
    ) -> Result<FlowState, PortError> {
        let registry = &self.0.tenants.registry;
        let draft = match token {
            Some(token) => self.load(token).await.map_err(internal)?,
            None => None,
        };
        let settings = &self.0.core.settings;
        Ok(FlowState {
            groups: catalogue(registry, lang),
            areas: area_options(registry),
            municipalities: registry
                .municipalities
                .iter()
                .map(|m| m.name.clone())
                .collect(),
            draft: match draft.filter(|d| d.submitted.is_none()) {
                Some(d) => {
                    let mut view = view(registry, &d, lang);
                    view.nearby = self.nearby(&d, lang).await.map_err(internal)?;
                    Some(view)
                }
                None => None,
            },
            map: MapSettings {
                tile_url: settings.map_tile_url.clone(),
                attribution: settings.map_attribution.clone(),
                bounds: bounds(registry.municipalities.iter().map(|m| &m.boundary))
                    .unwrap_or([52.3, 13.0, 52.7, 13.8]),
            },
            max_photos: MAX_PHOTOS,
            max_photo_mb: settings.max_photo_mb,
            max_description: MAX_DESCRIPTION,
            max_address: MAX_ADDRESS,
        })
    }

    async fn new_draft(&self) -> Result<DraftToken, PortError> {
        self.new_draft_with(StepFlash::default()).await
    }

    async fn new_draft_expired_notice(&self) -> Result<DraftToken, PortError> {
        let expired = FieldError::new("category", Problem::DraftExpired);
        self.new_draft_with(StepFlash::new(Step::Category, Flash::errors(vec![expired])))
            .await
    }

    async fn update_draft(
        &self,
        token: &DraftToken,
        update: DraftUpdate,
        lang: Lang,
    ) -> Result<Outcome, PortError> {
        let (core, registry) = (&self.0.core, &self.0.tenants.registry);
        let Some(mut draft) = self.load(token).await.map_err(internal)? else {
            return Ok(Outcome::NoDraft);
        };
        if draft.submitted.is_some() {
            return Ok(Outcome::NoDraft);
        }
        if let DraftUpdate::RemovePhoto(photo_id) = update {
            if let Some(key) = drafts::remove_photo(&core.db, &draft.id, photo_id)
                .await
                .map_err(internal)?
            {
                if let Err(error) = self.0.photos.store.delete(&key).await {
                    tracing::warn!(%error, "removed photo's files stay until the cleanup");
                }
            }
            draft.photos.retain(|p| p.id != photo_id);
        }
        match apply(registry, &draft, &update, lang) {
            Ok(data) => {
                draft.data = data;
                draft.flash = StepFlash::default();
                let now = core.clock.now_ms();
                drafts::save(&core.db, now, &draft.id, &draft.data, &draft.flash)
                    .await
                    .map_err(internal)?;
                Ok(Outcome::Saved(Box::new(view(registry, &draft, lang))))
            }
            Err(errors) => {
                let flash = StepFlash::new(
                    update.step(),
                    Flash {
                        errors,
                        values: typed_values(&update),
                        notice: None,
                    },
                );
                drafts::set_flash(&core.db, &draft.id, &flash)
                    .await
                    .map_err(internal)?;
                Ok(Outcome::Refused)
            }
        }
    }

    async fn support(
        &self,
        token: &DraftToken,
        reference: &str,
        lang: Lang,
    ) -> Result<Option<String>, PortError> {
        let core = &self.0.core;
        let Some(draft) = self
            .load(token)
            .await
            .map_err(internal)?
            .filter(|d| d.submitted.is_none())
        else {
            return Ok(None);
        };
        let offered = self.nearby(&draft, lang).await.map_err(internal)?;
        let Some(reference) = Reference::parse(reference)
            .filter(|r| offered.iter().any(|o| o.reference == r.as_str()))
        else {
            return Ok(None);
        };
        let supported = intake::support(&core.db, core.clock.now_ms(), &draft, &reference)
            .await
            .map_err(internal)?;
        Ok(supported.then(|| reference.to_string()))
    }

    async fn submit(
        &self,
        token: &DraftToken,
        account: Option<AccountId>,
        lang: Lang,
    ) -> Result<SubmitOutcome, PortError> {
        let (core, registry) = (&self.0.core, &self.0.tenants.registry);
        let Some(draft) = self.load(token).await.map_err(internal)? else {
            return Ok(SubmitOutcome::NoDraft);
        };
        if let Some(done) = draft.submitted {
            return Ok(SubmitOutcome::Submitted {
                reference: done.reference.to_string(),
                access: done.access,
            });
        }
        // Something still unanswered: the summary page sends the citizen to that question.
        if view(registry, &draft, lang).first_missing_step().is_some() {
            return Ok(SubmitOutcome::Refused);
        }
        let (Some(category), Some(place)) = (draft.data.category.clone(), to_place(&draft.data))
        else {
            return Ok(SubmitOutcome::Refused);
        };
        let report = NewReport {
            category,
            place,
            description: draft.data.description.clone().unwrap_or_default(),
            answers: draft.data.answers.clone(),
            email: draft.data.email.clone(),
            photos: draft.photos.iter().map(|p| p.photo.clone()).collect(),
            channel: Channel::Web {
                draft_id: draft.id.clone(),
            },
            account,
        };
        match intake::submit(&core.db, registry, report, core.clock.now(), lang).await {
            Ok(created) => {
                if let Some(m) = registry.by_id(created.decision.municipality_id) {
                    core.metrics.report_submitted(&m.slug, "web");
                }
                Ok(SubmitOutcome::Submitted {
                    reference: created.reference.to_string(),
                    access: created.access_token,
                })
            }
            Err(IntakeError::Refused(errors)) => {
                // On the summary page the errors link to the row of the answer concerned.
                let errors = errors
                    .into_iter()
                    .map(|e| FieldError {
                        field: summary_id(Step::of_field(&e.field)).to_owned(),
                        problem: e.problem,
                    })
                    .collect();
                let flash = StepFlash::new(Step::Check, Flash::errors(errors));
                drafts::set_flash(&core.db, &draft.id, &flash)
                    .await
                    .map_err(internal)?;
                Ok(SubmitOutcome::Refused)
            }
            Err(IntakeError::AlreadySubmitted) => {
                // A parallel request won; show its confirmation.
                match self
                    .load(token)
                    .await
                    .map_err(internal)?
                    .and_then(|d| d.submitted)
                {
                    Some(done) => Ok(SubmitOutcome::Submitted {
                        reference: done.reference.to_string(),
                        access: done.access,
                    }),
                    None => Ok(SubmitOutcome::NoDraft),
                }
            }
            Err(IntakeError::Database(e)) => Err(internal(e)),
        }
    }

    async fn report(
        &self,
        reference: &str,
        access: Option<&str>,
        viewer: Option<&Viewer>,
        lang: Lang,
    ) -> Result<Option<ReportView>, PortError> {
        let Some(reference) = Reference::parse(reference) else {
            return Ok(None);
        };
        let (core, registry) = (&self.0.core, &self.0.tenants.registry);
        report_view(&core.db, registry, &reference, access, viewer, lang)
            .await
            .map_err(internal)
    }

    async fn confirmation(
        &self,
        reference: &str,
        access: &str,
        lang: Lang,
    ) -> Result<Option<Confirmation>, PortError> {
        let Some(reference) = Reference::parse(reference) else {
            return Ok(None);
        };
        let (core, registry) = (&self.0.core, &self.0.tenants.registry);
        let public_url = &core.settings.public_url;
        confirmation(&core.db, registry, public_url, &reference, access, lang)
            .await
            .map_err(internal)
    }
}
