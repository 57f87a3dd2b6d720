//! The demo deployment: the demo municipalities (see [`crate::tenants::demo`]), their works
//! yards and machines ([`crate::equipment::demo`]), the Open311 API key `demo-key` for
//! Berlin and `demo-backoffice-key` for the back office of Ordnungsamt Pankow.

use crate::core::db::Db;
use crate::open311::keys;
use crate::tenants::demo;

/// The demo's well-known API key. Never use it outside the demo.
pub const DEMO_API_KEY: &str = "demo-key";
/// The demo's well-known key of Ordnungsamt Pankow's back office (status updates).
pub const DEMO_BACK_OFFICE_KEY: &str = "demo-backoffice-key";
const DEMO_BACK_OFFICE: &str = "ordnungsamt-pankow";

/// Loads Berlin's 5,000 demo trees (see [`crate::trees::demo`]) when Berlin has no tree
/// register yet, and its street pumps and rain grid when it has none; returns how many trees
/// were imported. Kept apart from the configuration so that
/// tests which do not need trees start quickly.
pub async fn install_trees_if_empty(db: &Db, now: i64) -> anyhow::Result<usize> {
    let registry = crate::tenants::Registry::load(db).await?;
    let Some(berlin) = registry.by_slug("berlin") else {
        return Ok(0);
    };
    crate::trees::demo::install_water(db, now, berlin).await?;
    if crate::trees::demo::has_register(db, berlin).await? {
        return Ok(0);
    }
    Ok(crate::trees::demo::install(db, now, berlin).await?.added)
}

/// Loads the demo configuration and API key into an empty database at `now`; leaves a
/// configured one alone. Returns whether it installed anything.
pub async fn install_if_empty(db: &Db, now: i64) -> anyhow::Result<bool> {
    if !demo::is_empty(db).await? {
        return Ok(false);
    }
    demo::install(db, now).await?;
    crate::equipment::demo::install(db, now).await?;
    keys::insert(db, now, "berlin", None, "Demo", DEMO_API_KEY).await?;
    let back_office = Some(DEMO_BACK_OFFICE);
    let name = "Fachverfahren Ordnungsamt Pankow (Demo)";
    keys::insert(db, now, "berlin", back_office, name, DEMO_BACK_OFFICE_KEY).await?;
    Ok(true)
}
