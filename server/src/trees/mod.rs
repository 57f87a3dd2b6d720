//! Street trees: each municipality's tree register side by side, the citizens who adopt trees
//! and the waterings they log, and each tree's water need.
//!
//! [`register`] reads a register file in the Berlin schema and applies it incrementally;
//! [`grid`] is the index that finds the trees nearest a place and [`tiles`] draws them on the
//! map, with [`live`]'s overlay of adopted, watered and thirsty trees over them;
//! [`need`] says how much water a tree needs this week, counting the last week's rain from
//! [`rain`] (the DWD RADOLAN grid); [`pumps`] are the street pumps nearby (OpenStreetMap);
//! [`care`] adopts and logs, changes and deletes waterings; [`gdk`] moves the watering history
//! of "Gieß den Kiez" over; [`views`] is what the pages show; [`port`] the pages' surface; [`demo`]
//! the demo's 5,000 real Berlin trees; [`synthetic`] a register of any size for scale tests.
//!
//! Who may do what: everyone may look; adopting and watering need a Bürger-ID account, and a
//! watering is changed or deleted only by whoever logged it. Adopters are never shown by name.
//! Every query names the municipality: one municipality's trees, adoptions and waterings are
//! never reached through another's address.

pub mod care;
pub mod demo;
pub mod files;
pub mod gdk;
pub mod grid;
pub mod http;
pub mod live;
pub mod need;
pub mod open_data;
pub mod port;
pub mod pumps;
pub mod rain;
pub mod register;
pub mod reminders;
pub mod stats;
pub mod synthetic;
pub mod tiles;
pub mod uploads;
pub mod views;

use crate::core::access::{allows, Permission};
use crate::core::cache::ByteCache;
use crate::core::http::rate_limit::{Limit, RateLimiter};
use crate::core::http::PageError;
use crate::core::Core;
use crate::tenants::{Municipality, Tenants};
use axum::response::IntoResponse;
use kiezwerk_app::model::Viewer;
use std::sync::Arc;

/// What the trees domain uses of the application state.
#[derive(Clone)]
pub struct Trees {
    pub core: Core,
    pub tenants: Tenants,
    /// Tiles made on this server, by municipality and entity tag.
    pub tiles: Arc<ByteCache>,
}

impl Trees {
    pub fn municipality(&self, slug: &str) -> Option<&Municipality> {
        self.tenants.registry.by_slug(slug)
    }

    /// The municipality `slug` if `viewer` administers it (imports its register).
    pub fn administered(&self, viewer: &Viewer, slug: &str) -> Option<&Municipality> {
        self.municipality(slug)
            .filter(|m| allows(Some(viewer), Permission::Configure, m.id))
    }
}

/// Adoptions and waterings a client may change per minute: more than anyone logs by hand, few
/// enough that nobody floods a city's map.
pub const CARE_PER_MINUTE: u32 = 30;

/// Adopting, giving up, and logging, changing and deleting waterings, and turning reminders on
/// or off (also by a mail's unsubscribe link) count against one limit per client.
pub fn limits(core: &Core) -> Vec<Limit> {
    vec![Limit {
        applies: |path| {
            matches!(
                path,
                "/api/baeume/adoptieren"
                    | "/api/baeume/giessen"
                    | "/api/baeume/giessung/aendern"
                    | "/api/baeume/giessung/loeschen"
                    | "/api/baeume/erinnerungen"
            ) || path.starts_with(http::UNSUBSCRIBE_PREFIX)
        },
        limiter: Arc::new(RateLimiter::per_minute(
            "tree_care",
            CARE_PER_MINUTE,
            core.db.clone(),
            core.clock.clone(),
        )),
        refuse: |lang| PageError::TooManyRequests { lang }.into_response(),
    }]
}

/// The calendar year in Berlin at `now_ms`.
pub fn year_of(now_ms: i64) -> i64 {
    jiff::Timestamp::from_millisecond(now_ms)
        .map(|ts| i64::from(ts.to_zoned(crate::core::time::berlin()).year()))
        .unwrap_or(2026)
}
