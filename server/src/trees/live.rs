//! The care state on the map, live: which trees have adopters, which were watered in the last
//! seven days and how thirsty they are now — for every visitor within seconds of a change.
//!
//! The city's tiles ([`super::tiles`]) say what changes at most daily: where the trees stand
//! and each one's water need from its age and the week's rain. What citizens change (adoptions
//! and waterings) comes as a small overlay per zoom-15 tile, listing only the tile's trees with
//! adopters or a watering in the last seven days, each with its need counting those waterings.
//! Every adoption and watering moves its municipality's care version ([`changed`]) in the
//! change's own transaction; an overlay's `ETag` holds that version, so a map that asks again
//! every few seconds gets a 304 from any server until something changed. A change never
//! touches the city's tiles.

use super::grid::{self, placeholders};
use super::need::{self, week_start};
use super::{rain, views, year_of};
use crate::core::db::Db;
use crate::core::geo::tiles::TileId;
use crate::core::geo::Coordinates;
use kiezwerk_app::trees::model::NeedLevel;
use serde::Serialize;

/// The zoom level of the overlay's tiles (each about 1.2 km wide in Berlin): every tree is
/// drawn on its own from here on, so its state can be shown.
pub const ZOOM: u8 = super::tiles::FULL_ZOOM;

/// What a municipality's tiles and overlays are made of, each part with its version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Versions {
    /// The register's last import that changed something (`tree_registers.imported_at`).
    pub register: i64,
    /// The year the register describes (ages are counted from it).
    pub data_year: i64,
    /// The rain grid's import, 0 without one.
    pub rain: i64,
    /// The care version ([`changed`]), 0 before the first adoption or watering.
    pub care: i64,
    /// The street pumps' version (one more with every import that changed one), 0 without.
    pub pumps: i64,
    /// The day in Berlin (`YYYYMMDD`): the week's waterings and rain are counted up to it.
    pub day: i64,
}

/// The municipality's versions at `now`, or `None` without a register.
pub async fn versions(
    db: &Db,
    municipality_id: i64,
    now: i64,
) -> Result<Option<Versions>, sqlx::Error> {
    let row: Option<(i64, String, i64, i64, i64)> = sqlx::query_as(
        "select r.imported_at, r.data_date, \
         coalesce((select imported_at from tree_rain where municipality_id = $1), 0), \
         coalesce((select version from tree_care_versions where municipality_id = $1), 0), \
         coalesce((select version from tree_pump_versions where municipality_id = $1), 0) \
         from tree_registers r where r.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_optional(&db.pool)
    .await?;
    let today = views::today(now);
    Ok(row.map(|(register, date, rain, care, pumps)| Versions {
        register,
        data_year: date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(2000),
        rain,
        care,
        pumps,
        day: i64::from(today.year()) * 10_000
            + i64::from(today.month()) * 100
            + i64::from(today.day()),
    }))
}

/// Moves the municipality's care version on: called in the transaction of every change of an
/// adoption or a watering.
pub async fn changed(
    connection: &mut sqlx::AnyConnection,
    municipality_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into tree_care_versions (municipality_id, version) values ($1, 1) \
         on conflict (municipality_id) do update set version = tree_care_versions.version + 1",
    )
    .bind(municipality_id)
    .execute(connection)
    .await?;
    Ok(())
}

/// What every overlay of the municipality is made of, in one word: what the map asks for every
/// two seconds, asking for its overlays again only when it changed.
pub fn stand(versions: Versions) -> String {
    format!(
        "{:x}-{:x}-{:x}-{}",
        versions.register, versions.rain, versions.care, versions.day
    )
}

/// The (weak) entity tag of the overlay of `tile`.
pub fn etag(versions: Versions, tile: TileId) -> String {
    format!(
        "W/\"care-{:x}-{:x}-{:x}-{}-{}-{}-{}\"",
        versions.register, versions.rain, versions.care, versions.day, tile.z, tile.x, tile.y
    )
}

/// A tree's state on the map: its need as a number (1 low, 2 medium, 3 high), the tiles'
/// attribute `w` too.
pub fn level_code(level: NeedLevel) -> u8 {
    match level {
        NeedLevel::Low => 1,
        NeedLevel::Medium => 2,
        NeedLevel::High => 3,
    }
}

/// A tree as its need is counted: where it stands, its planting year, the register's age, and
/// the litres logged in the last seven days.
pub struct Thirst {
    pub lat: f64,
    pub lon: f64,
    pub planted: Option<i64>,
    pub age: Option<i64>,
    pub watered: i64,
}

/// The need of each of `trees` at `now` ([`level_code`]), with the last seven days' rain at
/// each: what the tiles draw (nothing watered) and the overlay (the waterings counted).
pub async fn levels(
    db: &Db,
    municipality_id: i64,
    data_year: i64,
    now: i64,
    trees: &[Thirst],
) -> Result<Vec<u8>, sqlx::Error> {
    let places: Vec<Option<Coordinates>> = trees
        .iter()
        .map(|t| Coordinates::new(t.lat, t.lon))
        .collect();
    let rain = rain::last_week_at(db, municipality_id, views::today(now), &places).await?;
    let this_year = year_of(now);
    Ok(trees
        .iter()
        .zip(rain)
        .map(|(t, rain)| {
            let age = need::age(t.planted, t.age, data_year, this_year);
            let watered = u32::try_from(t.watered.max(0)).unwrap_or(u32::MAX);
            level_code(need::need(age, watered, rain).level)
        })
        .collect())
}

/// One tree of an overlay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Cared {
    pub id: i64,
    /// How many accounts adopted it.
    pub adopters: i64,
    /// Watered in the last seven days.
    pub watered: bool,
    /// Its need now, waterings counted ([`level_code`]).
    pub need: u8,
}

/// The overlay of an overlay tile: what is changed by citizens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Overlay {
    pub trees: Vec<Cared>,
}

/// A tree of a tile with its need: id, place, planting year, the register's age, litres of the
/// last week.
type CareRow = (i64, f64, f64, Option<i64>, Option<i64>, i64, i64);

/// The trees of `tile` (zoom [`ZOOM`] and above) with adopters or a watering in the last seven
/// days, each with its need at `now`.
pub async fn overlay(
    db: &Db,
    municipality_id: i64,
    versions: Versions,
    tile: TileId,
    now: i64,
) -> Result<Overlay, sqlx::Error> {
    let (south, west, north, east) = tile.bounds(0);
    let Some(cells) = grid::cells_in_box(south, west, north, east) else {
        return Ok(Overlay { trees: Vec::new() });
    };
    let since = week_start(now);
    let n = cells.len();
    let p = |before: usize| placeholders(db.backend, before, 1);
    // Parameters in order: the week (twice), the municipality, the cells, the box, the week.
    let sql = format!(
        "select t.id, t.lat, t.lon, t.planting_year, t.age_years, \
         (select count(*) from tree_adoptions a where a.tree_id = t.id), \
         (select cast(coalesce(sum(w.litres), 0) as bigint) from tree_waterings w \
          where w.tree_id = t.id and w.watered_at >= {}) \
         from trees t where t.municipality_id = {} and t.retired_at is null and t.cell in ({}) \
         and t.lat between {} and {} and t.lon between {} and {} \
         and (exists (select 1 from tree_adoptions a where a.tree_id = t.id) \
              or exists (select 1 from tree_waterings w where w.tree_id = t.id and w.watered_at >= {})) \
         order by t.id",
        p(0),
        p(1),
        placeholders(db.backend, 2, n),
        p(2 + n),
        p(3 + n),
        p(4 + n),
        p(5 + n),
        p(6 + n),
    );
    let mut query = sqlx::query_as::<_, CareRow>(&sql)
        .bind(since)
        .bind(municipality_id);
    for cell in &cells {
        query = query.bind(cell);
    }
    let rows = query
        .bind(south)
        .bind(north)
        .bind(west)
        .bind(east)
        .bind(since)
        .persistent(false)
        .fetch_all(&db.pool)
        .await?;
    let thirst: Vec<Thirst> = rows
        .iter()
        .map(|&(_, lat, lon, planted, age, _, watered)| Thirst {
            lat,
            lon,
            planted,
            age,
            watered,
        })
        .collect();
    let levels = levels(db, municipality_id, versions.data_year, now, &thirst).await?;
    Ok(Overlay {
        trees: rows
            .into_iter()
            .zip(levels)
            .map(|((id, _, _, _, _, adopters, litres), need)| Cared {
                id,
                adopters,
                watered: litres > 0,
                need,
            })
            .collect(),
    })
}
