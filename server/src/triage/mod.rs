//! Dispatcher triage: the queue of a department ([`queue`], [`views`]), the report as staff see
//! it, what they do to it ([`actions`], on the state machine of [`workflow`]), deadlines with a
//! daily digest ([`digest`]), statistics ([`stats`]), the export ([`export`]) and the plain
//! endpoints ([`http`]); [`port`] is what the triage pages ask for. Who may see and do what is
//! decided by the access policy (`core::access`) for every object, never in the browser.

pub mod actions;
pub mod digest;
pub mod export;
pub mod http;
pub mod port;
pub mod queue;
pub mod stats;
pub mod views;
pub mod workflow;

use crate::core::access::Scope;
use crate::core::Core;
use crate::tenants::Tenants;
use kiezwerk_app::model::{AccountId, MunicipalityId};

/// What the triage domain uses of the application state.
#[derive(Clone)]
pub struct Triage {
    pub core: Core,
    pub tenants: Tenants,
}

/// Staff who may work on any of the departments in `scope`: id and name, by name.
pub async fn colleagues(
    state: &Triage,
    municipality_id: MunicipalityId,
    scope: &Scope,
) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
    crate::auth::admin::colleagues(&state.core.db, municipality_id, scope).await
}
