//! The demo's trees: 5,000 real trees of Berlin's register (snapshot 2022-12-19, all twelve
//! districts), from the QTrees project's sample; Berlin's 1,783 street pumps from
//! OpenStreetMap; the DWD RADOLAN rain grid over Berlin for March 2020. See
//! `server/demo/trees/README.md` for sources and licences.

use super::register::{import, parse, Imported};
use super::{pumps, rain};
use crate::core::db::Db;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::Lang;

pub const BERLIN_TREES: &str = include_str!("../../demo/trees/berlin_trees_sample_qtrees_2022.csv");
pub const BERLIN_PUMPS: &str = include_str!("../../demo/trees/berlin_street_pumps_osm.geojson");
pub const BERLIN_RAIN: &str =
    include_str!("../../demo/trees/berlin_radolan_grid_rain_2020-03.geojson");

/// Whether the municipality has a tree register.
pub async fn has_register(db: &Db, municipality: &Municipality) -> Result<bool, sqlx::Error> {
    let count: i64 =
        sqlx::query_scalar("select count(*) from tree_registers where municipality_id = $1")
            .bind(municipality.id.0)
            .fetch_one(&db.pool)
            .await?;
    Ok(count > 0)
}

/// Imports the sample into Berlin's register.
pub async fn install(db: &Db, now: i64, berlin: &Municipality) -> anyhow::Result<Imported> {
    let file = parse(
        BERLIN_TREES.as_bytes(),
        berlin,
        super::year_of(now),
        Lang::En,
    )
    .map_err(|errors| anyhow::anyhow!("the demo's trees: {}", errors.join("; ")))?;
    import(
        db,
        now,
        berlin.id.0,
        &file,
        "Baumkataster Berlin (Stichprobe QTrees 2022)",
        &mut |_, _| {},
    )
    .await
}

/// Loads Berlin's street pumps and rain grid where Berlin has none yet; returns the pumps
/// added.
pub async fn install_water(db: &Db, now: i64, berlin: &Municipality) -> anyhow::Result<usize> {
    let count = |table: &'static str| async move {
        let sql = format!("select count(*) from {table} where municipality_id = $1");
        sqlx::query_scalar::<_, i64>(&sql)
            .bind(berlin.id.0)
            .fetch_one(&db.pool)
            .await
    };
    let mut added = 0;
    if count("tree_pumps").await? == 0 {
        let file = pumps::parse(BERLIN_PUMPS.as_bytes(), berlin, Lang::En)
            .map_err(|errors| anyhow::anyhow!("the demo's pumps: {}", errors.join("; ")))?;
        added = pumps::import(db, berlin.id.0, &file).await?.added;
    }
    if count("tree_rain").await? == 0 {
        let file = rain::parse(BERLIN_RAIN.as_bytes(), Lang::En)
            .map_err(|errors| anyhow::anyhow!("the demo's rain grid: {}", errors.join("; ")))?;
        let period = file
            .period
            .ok_or_else(|| anyhow::anyhow!("the demo's rain grid names no period"))?;
        rain::import(
            db,
            now,
            berlin.id.0,
            &file.cells,
            (period.start, period.end),
            "Deutscher Wetterdienst, RADOLAN (März 2020)",
        )
        .await?;
    }
    Ok(added)
}
