//! The tree pages' port (`kiezwerk_app::trees::port::Trees`): finds the municipality, then
//! reads through [`views`] or changes through [`care`].

use super::{care, reminders, stats, views, Trees};
use crate::core::port::{internal, Failure};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{Flash, Viewer};
use kiezwerk_app::port::PortError;
use kiezwerk_app::trees::model::{
    Adoption, MyTreesView, NearbyQuery, NearbyView, PumpCard, RegisterAdmin, ReminderSettings,
    TreeCard, TreeMapView, TreePlaces, TreeRefusal, TreeStatistics, WateringEdit,
};
use kiezwerk_app::trees::port;

/// The port, over the trees domain's state.
pub struct TreesPort(pub Trees);

fn shown<T, E: Into<anyhow::Error>>(view: Result<T, E>) -> Result<T, PortError> {
    view.map_err(internal)
}

fn refused<T>(result: Result<T, Failure<TreeRefusal>>) -> Result<T, PortError<TreeRefusal>> {
    result.map_err(PortError::from)
}

const GONE: PortError<TreeRefusal> = PortError::Refused(TreeRefusal::NotFound);

#[async_trait::async_trait]
impl port::Trees for TreesPort {
    async fn places(&self) -> Result<TreePlaces, PortError> {
        shown(views::places(&self.0).await)
    }

    async fn map(&self, slug: &str, lang: Lang) -> Result<Option<TreeMapView>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::map(&self.0, municipality, lang).await).map(Some)
    }

    async fn nearby(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        query: NearbyQuery,
        lang: Lang,
    ) -> Result<Option<NearbyView>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::nearby(&self.0, viewer, municipality, query, lang).await).map(Some)
    }

    async fn tree(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<TreeCard>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::card(&self.0, viewer, municipality, id, flash, lang).await)
    }

    async fn statistics(
        &self,
        slug: &str,
        lang: Lang,
    ) -> Result<Option<TreeStatistics>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        let now = self.0.core.clock.now_ms();
        shown(
            stats::statistics(&self.0, municipality, now, lang)
                .await
                .map(Some),
        )
    }

    async fn pump(
        &self,
        slug: &str,
        osm_id: i64,
        lang: Lang,
    ) -> Result<Option<PumpCard>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::pump_card(&self.0, municipality, osm_id, lang).await)
    }

    async fn register(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RegisterAdmin>, PortError> {
        let Some(municipality) = self.0.administered(viewer, slug) else {
            return Ok(None);
        };
        shown(views::register_admin(&self.0, municipality, flash, lang).await).map(Some)
    }

    async fn reminders(
        &self,
        viewer: &Viewer,
        flash: Flash,
    ) -> Result<ReminderSettings, PortError> {
        let db = &self.0.core.db;
        let settings = async {
            let email = reminders::address(db, viewer.account_id).await?;
            Ok::<_, sqlx::Error>(ReminderSettings {
                subscribed: reminders::subscribed(db, viewer.account_id).await?,
                email,
                in_season: reminders::in_season(self.0.core.clock.now_ms()),
                flash,
            })
        };
        shown(settings.await)
    }

    async fn set_reminders(&self, viewer: &Viewer, on: bool) -> Result<bool, PortError> {
        let now = self.0.core.clock.now_ms();
        shown(reminders::set(&self.0.core.db, viewer.account_id, on, now).await)
    }

    async fn mine(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<MyTreesView>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::mine(&self.0, viewer, municipality, flash, lang).await).map(Some)
    }

    async fn adopt(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        adoption: Adoption,
    ) -> Result<(), PortError<TreeRefusal>> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Err(GONE);
        };
        let now = self.0.core.clock.now_ms();
        refused(
            care::adopt(
                &self.0.core.db,
                now,
                municipality.id.0,
                id,
                viewer.account_id,
                adoption,
            )
            .await,
        )
    }

    async fn water(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        litres: &str,
        at: &str,
        lang: Lang,
    ) -> Result<u32, PortError<TreeRefusal>> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Err(GONE);
        };
        let now = self.0.core.clock.now_ms();
        refused(
            care::water(
                &self.0.core.db,
                now,
                municipality.id.0,
                id,
                viewer.account_id,
                (litres, at),
                lang,
            )
            .await,
        )
    }

    async fn watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
    ) -> Result<Option<WateringEdit>, PortError> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Ok(None);
        };
        shown(views::watering(&self.0, viewer, municipality, id, flash).await)
    }

    async fn edit_watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        litres: &str,
        at: &str,
        lang: Lang,
    ) -> Result<i64, PortError<TreeRefusal>> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Err(GONE);
        };
        let now = self.0.core.clock.now_ms();
        refused(
            care::edit(
                &self.0.core.db,
                now,
                municipality.id.0,
                viewer.account_id,
                id,
                (litres, at),
                lang,
            )
            .await,
        )
    }

    async fn delete_watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
    ) -> Result<i64, PortError<TreeRefusal>> {
        let Some(municipality) = self.0.municipality(slug) else {
            return Err(GONE);
        };
        refused(care::delete(&self.0.core.db, municipality.id.0, viewer.account_id, id).await)
    }
}
