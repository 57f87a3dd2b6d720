//! Bauhof: the equipment of the works yards, breakdowns reported from the field with the
//! replacement asked for, reservations that never overlap, repairs, and lending between
//! municipalities that agreed to share.
//!
//! [`model`] holds the domain's values and the request's state machine; [`register`] the yards
//! and units (with the CSV import); [`reservations`] the calendar whose overlaps the database
//! refuses; [`breakdowns`] the worker's report from draft to done; [`loans`] the
//! inter-municipal pool; [`history`] the audit of every change; [`stats`] the figures;
//! [`labels`] the QR codes; [`views`] what the pages show; [`port`] and [`http`] the two
//! surfaces; [`demo`] the demo's yards and machines.
//!
//! Who may do what: Bauhof staff report breakdowns and see their own requests and their
//! municipality's machines; fleet managers and municipal administrators keep the register,
//! allocate and lend (`core::access`). Partners see only the units published to them.

pub mod breakdowns;
pub mod calendar;
pub mod demo;
pub mod history;
pub mod http;
pub mod labels;
pub mod loans;
pub mod model;
pub mod notify;
pub mod port;
pub mod register;
pub mod reservations;
pub mod stats;
pub mod views;

use crate::core::access::{allows, Permission};
use crate::core::port::Failure;
use crate::core::Core;
use crate::photos::Photos;
use crate::tenants::{Municipality, Tenants};
use kiezwerk_app::equipment::model::BauhofRefusal;
use kiezwerk_app::model::{FieldError, Problem, Viewer};

/// What the equipment domain uses of the application state.
#[derive(Clone)]
pub struct Equipment {
    pub core: Core,
    pub tenants: Tenants,
    pub photos: Photos,
}

/// A refusal of one field, worded in the request's language.
pub fn invalid<T>(field: &str, message: impl Into<String>) -> Result<T, Failure<BauhofRefusal>> {
    Err(Failure::Refused(BauhofRefusal::Invalid(vec![
        FieldError::new(field, Problem::Worded(message.into())),
    ])))
}

/// "Not there, or not yours".
pub fn not_found<T>() -> Result<T, Failure<BauhofRefusal>> {
    Err(Failure::Refused(BauhofRefusal::NotFound))
}

/// The municipality `slug` if the viewer may do `permission` there.
pub fn place<'a>(
    state: &'a Equipment,
    viewer: &Viewer,
    slug: &str,
    permission: Permission,
) -> Option<&'a Municipality> {
    let municipality = state.tenants.registry.by_slug(slug)?;
    allows(Some(viewer), permission, municipality.id).then_some(municipality)
}

/// Whether the viewer manages the fleet of the municipality.
pub fn manages(viewer: &Viewer, municipality: &Municipality) -> bool {
    allows(Some(viewer), Permission::ManageFleet, municipality.id)
}

/// Removes breakdown drafts untouched for a day, with their photos; returns how many.
pub async fn clean_up(state: &Equipment) -> anyhow::Result<usize> {
    let before = state.core.clock.now_ms() - breakdowns::DRAFT_LIFETIME_MS;
    let photos = breakdowns::delete_expired_drafts(&state.core.db, before).await?;
    let count = photos.len();
    for key in photos.into_iter().flatten() {
        if let Err(error) = state.photos.store.delete(&key).await {
            tracing::warn!(%error, "deleting an expired breakdown draft's photo");
        }
    }
    Ok(count)
}
