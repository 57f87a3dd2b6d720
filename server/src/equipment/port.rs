//! The Bauhof pages' port (`kiezwerk_app::equipment::port::Bauhof`): every call first decides
//! whether the viewer may (`core::access`), then reads through [`views`] or changes through
//! the domain's modules.

use super::{breakdowns, calendar, loans, place, register, stats, views, Equipment};
use crate::core::access::Permission;
use crate::core::port::{internal, Failure};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::{
    AllocationView, BauhofRefusal, DraftAnswer, DraftView, FleetAction, FleetView, LabelsView,
    PoolView, RegisterFilter, RegisterView, RequestView, StatisticsView, UnitCard, UnitView,
    WorkerHome, YardsView,
};
use kiezwerk_app::equipment::port;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{Flash, Viewer};
use kiezwerk_app::port::PortError;

/// The port, over the equipment domain's state.
pub struct BauhofPort(pub Equipment);

impl BauhofPort {
    fn worker_place(&self, viewer: &Viewer, slug: &str) -> Option<&Municipality> {
        place(&self.0, viewer, slug, Permission::ReportBreakdown)
    }

    fn manager_place(&self, viewer: &Viewer, slug: &str) -> Option<&Municipality> {
        place(&self.0, viewer, slug, Permission::ManageFleet)
    }
}

/// A page's view as the port answers it: shown, or a logged internal failure.
fn shown<T, E: Into<anyhow::Error>>(view: Result<T, E>) -> Result<Option<T>, PortError> {
    view.map(Some).map_err(internal)
}

fn refused<T>(result: Result<T, Failure<BauhofRefusal>>) -> Result<T, PortError<BauhofRefusal>> {
    result.map_err(PortError::from)
}

#[async_trait::async_trait]
impl port::Bauhof for BauhofPort {
    async fn home(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<WorkerHome>, PortError> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::home(&self.0, viewer, municipality, flash, lang).await)
    }

    async fn draft(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DraftView>, PortError> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::draft(&self.0, viewer, municipality, flash, lang).await)
    }

    async fn start(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: Option<String>,
        lang: Lang,
    ) -> Result<(), PortError<BauhofRefusal>> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Err(PortError::Refused(BauhofRefusal::NotFound));
        };
        refused(breakdowns::start(&self.0, viewer, municipality, number.as_deref(), lang).await)
    }

    async fn answer(
        &self,
        viewer: &Viewer,
        slug: &str,
        answer: DraftAnswer,
        lang: Lang,
    ) -> Result<(), PortError<BauhofRefusal>> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Err(PortError::Refused(BauhofRefusal::NotFound));
        };
        refused(breakdowns::answer(&self.0, viewer, municipality, answer, lang).await)
    }

    async fn submit(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<i64, PortError<BauhofRefusal>> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Err(PortError::Refused(BauhofRefusal::NotFound));
        };
        refused(breakdowns::submit(&self.0, viewer, municipality, lang).await)
    }

    async fn request(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        lang: Lang,
    ) -> Result<Option<RequestView>, PortError> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Ok(None);
        };
        let Some(breakdown) = breakdowns::visible(&self.0, viewer, municipality, id)
            .await
            .map_err(internal)?
        else {
            return Ok(None);
        };
        shown(views::request(&self.0, municipality, &breakdown, lang).await)
    }

    async fn unit_card(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<UnitCard>, PortError> {
        let Some(municipality) = self.worker_place(viewer, slug) else {
            return Ok(None);
        };
        let Some(unit) = register::unit_by_number(&self.0.core.db, municipality.id, number)
            .await
            .map_err(internal)?
        else {
            return Ok(None);
        };
        shown(views::unit_card(&self.0, viewer, municipality, &unit, flash, lang).await)
    }

    async fn fleet(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<FleetView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::fleet(&self.0, municipality, lang).await)
    }

    async fn allocation(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<AllocationView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        let Some(breakdown) = breakdowns::visible(&self.0, viewer, municipality, id)
            .await
            .map_err(internal)?
        else {
            return Ok(None);
        };
        shown(views::allocation(&self.0, municipality, &breakdown, flash, lang).await)
    }

    async fn register(
        &self,
        viewer: &Viewer,
        slug: &str,
        filter: RegisterFilter,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RegisterView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::register(&self.0, municipality, filter, flash, lang).await)
    }

    async fn unit(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<UnitView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        let Some(unit) = register::unit_in(&self.0.core.db, id)
            .await
            .map_err(internal)?
            .filter(|u| u.municipality_id == municipality.id)
        else {
            return Ok(None);
        };
        shown(views::unit(&self.0, municipality, &unit, flash, lang).await)
    }

    async fn yards(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<YardsView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::yards(&self.0, municipality, flash, lang).await)
    }

    async fn labels(
        &self,
        viewer: &Viewer,
        slug: &str,
        yard: String,
        number: Option<String>,
        lang: Lang,
    ) -> Result<Option<LabelsView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::labels(&self.0, municipality, yard, number, lang).await)
    }

    async fn pool(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<PoolView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        shown(views::pool(&self.0, municipality, flash, lang).await)
    }

    async fn statistics(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<StatisticsView>, PortError> {
        let Some(municipality) = self.manager_place(viewer, slug) else {
            return Ok(None);
        };
        let core = &self.0.core;
        shown(stats::view(&core.db, municipality, core.clock.now_ms(), lang).await)
    }

    async fn act(
        &self,
        viewer: &Viewer,
        slug: &str,
        action: FleetAction,
        lang: Lang,
    ) -> Result<String, PortError<BauhofRefusal>> {
        let state = &self.0;
        let not_found = || PortError::Refused(BauhofRefusal::NotFound);
        let result = match action {
            // A worker's own actions: taking and giving back.
            FleetAction::CheckOut { number, until } => {
                let municipality = self.worker_place(viewer, slug).ok_or_else(not_found)?;
                calendar::check_out(state, viewer, municipality, &number, &until, lang).await
            }
            FleetAction::Return { reservation } => {
                let municipality = self.worker_place(viewer, slug).ok_or_else(not_found)?;
                calendar::give_back(state, viewer, municipality, reservation, lang).await
            }
            action => {
                let municipality = self.manager_place(viewer, slug).ok_or_else(not_found)?;
                manage(state, viewer, municipality, action, lang).await
            }
        };
        refused(result)
    }
}

/// A fleet manager's action.
async fn manage(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    action: FleetAction,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let actor = viewer.account_id;
    match action {
        FleetAction::Allocate {
            request,
            version,
            unit,
        } => breakdowns::allocate(state, viewer, municipality, request, version, &unit, lang).await,
        FleetAction::Step {
            request,
            version,
            step,
            reason,
        } => {
            breakdowns::step(
                state,
                viewer,
                municipality,
                request,
                version,
                &step,
                &reason,
                lang,
            )
            .await
        }
        FleetAction::AskPartner { request, unit } => {
            loans::ask(state, viewer, municipality, request, &unit, lang).await
        }
        FleetAction::AnswerLoan {
            loan,
            accept,
            unit,
            reason,
        } => {
            loans::answer(
                state,
                viewer,
                municipality,
                loan,
                accept,
                &unit,
                &reason,
                lang,
            )
            .await
        }
        FleetAction::Reserve {
            unit,
            from,
            until,
            note,
        } => {
            calendar::reserve(
                state,
                viewer,
                municipality,
                unit,
                &from,
                &until,
                &note,
                lang,
            )
            .await
        }
        FleetAction::Extend { reservation, until } => {
            calendar::extend(state, viewer, municipality, reservation, &until, lang).await
        }
        FleetAction::Cancel { reservation } => {
            calendar::cancel(state, viewer, municipality, reservation, lang).await
        }
        FleetAction::CloseRepair { repair, outcome } => {
            calendar::close_repair(state, viewer, municipality, repair, &outcome, lang).await
        }
        FleetAction::AddUnit {
            number,
            type_code,
            yard,
            notes,
        } => {
            register::add_unit(
                state,
                actor,
                municipality,
                &number,
                &type_code,
                &yard,
                &notes,
                lang,
            )
            .await
        }
        FleetAction::EditUnit {
            unit,
            version,
            type_code,
            yard,
            status,
            notes,
        } => {
            register::edit_unit(
                state,
                actor,
                municipality,
                unit,
                version,
                &type_code,
                &yard,
                &status,
                &notes,
                lang,
            )
            .await
        }
        FleetAction::Share {
            unit,
            partner,
            shared,
        } => register::share(state, actor, municipality, unit, &partner, shared, lang).await,
        FleetAction::AddYard {
            code,
            name,
            address,
            lat,
            lon,
            department,
        } => {
            register::add_yard(
                state,
                actor,
                municipality,
                &code,
                &name,
                &address,
                &lat,
                &lon,
                &department,
                lang,
            )
            .await
        }
        FleetAction::CheckOut { .. } | FleetAction::Return { .. } => {
            Err(Failure::Refused(BauhofRefusal::NotFound))
        }
    }
}
