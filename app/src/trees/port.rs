//! The tree pages' port (see [`crate::port`]). Every call names the municipality by its slug;
//! `None` means there is no such municipality, tree or watering, or it is not the viewer's.
//! Reading needs no account; adopting and watering need the signed-in viewer.

use super::model::{
    Adoption, MyTreesView, NearbyQuery, NearbyView, PumpCard, RegisterAdmin, ReminderSettings,
    TreeCard, TreeMapView, TreePlaces, TreeRefusal, TreeStatistics, WateringEdit,
};
use crate::i18n::Lang;
use crate::model::{Flash, Viewer};
use crate::port::PortError;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait Trees: Send + Sync + 'static {
    /// The municipalities with a tree register.
    async fn places(&self) -> Result<TreePlaces, PortError>;

    /// "Bäume in meiner Nähe": the search form and, when searched, the trees found.
    async fn nearby(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        query: NearbyQuery,
        lang: Lang,
    ) -> Result<Option<NearbyView>, PortError>;

    /// The map of the municipality's trees.
    async fn map(&self, slug: &str, lang: Lang) -> Result<Option<TreeMapView>, PortError>;

    async fn tree(
        &self,
        viewer: Option<&Viewer>,
        slug: &str,
        id: i64,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<TreeCard>, PortError>;

    /// The municipality's adoptions and waterings per month and per district.
    async fn statistics(&self, slug: &str, lang: Lang)
        -> Result<Option<TreeStatistics>, PortError>;

    /// The viewer's reminder setting.
    async fn reminders(&self, viewer: &Viewer, flash: Flash)
        -> Result<ReminderSettings, PortError>;

    /// Turns the viewer's reminders on (only with a confirmed address) or off; whether they
    /// are on now.
    async fn set_reminders(&self, viewer: &Viewer, on: bool) -> Result<bool, PortError>;

    /// A street pump's card, by its OpenStreetMap id.
    async fn pump(
        &self,
        slug: &str,
        osm_id: i64,
        lang: Lang,
    ) -> Result<Option<PumpCard>, PortError>;

    /// The viewer's adopted trees and waterings.
    async fn mine(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<MyTreesView>, PortError>;

    /// Adopts the tree, shows or hides the viewer's name on it, or ends the viewer's adoption.
    async fn adopt(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        adoption: Adoption,
    ) -> Result<(), PortError<TreeRefusal>>;

    /// Logs a watering; its litres.
    async fn water(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        litres: &str,
        at: &str,
        lang: Lang,
    ) -> Result<u32, PortError<TreeRefusal>>;

    /// One of the viewer's waterings, to be changed.
    async fn watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        flash: Flash,
    ) -> Result<Option<WateringEdit>, PortError>;

    /// Changes one of the viewer's waterings; the tree's id.
    async fn edit_watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
        litres: &str,
        at: &str,
        lang: Lang,
    ) -> Result<i64, PortError<TreeRefusal>>;

    /// The register's administration page, for those who configure the municipality.
    async fn register(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RegisterAdmin>, PortError>;

    /// Deletes one of the viewer's waterings; the tree's id.
    async fn delete_watering(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
    ) -> Result<i64, PortError<TreeRefusal>>;
}

/// The port as the server provides it to the pages.
pub type SharedTrees = Arc<dyn Trees>;
