//! Public street water pumps (in Berlin the "Straßenbrunnen"): where adopters fetch water. Read
//! from OpenStreetMap's GeoJSON (points with `id`, `pump:status`, `check_date`), applied by OSM
//! id in one transaction (added, updated, removed), and shown next to the trees with their
//! status; "Pumpe defekt melden" files a report through the normal intake.

use super::files::{geojson_features, shortened};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::text::clean_text;
use crate::core::time::format_day;
use crate::reports::nearby::{open_nearby, Nearby};
use crate::tenants::Municipality;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::model::{PumpView, PUMP_CATEGORY};
use kiezwerk_app::trees::texts::texts;
use std::collections::{HashMap, HashSet};

/// A pump may stand this far outside the municipality's (generalised) boundary.
const BOUNDARY_TOLERANCE_M: f64 = 500.0;

/// One pump as the file describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct Pump {
    pub osm_id: i64,
    pub position: Coordinates,
    /// OSM `pump:status`, lower case, "unbekannt" when missing.
    pub status: String,
    /// OSM `check_date` (YYYY-MM-DD) or empty.
    pub check_date: String,
}

/// Reads a GeoJSON file of pumps; every faulty feature is named by its number (from 1).
pub fn parse(
    bytes: &[u8],
    municipality: &Municipality,
    lang: Lang,
) -> Result<Vec<Pump>, Vec<String>> {
    let t = texts(lang);
    let (_, features) = geojson_features(bytes, t.err_pumps_unreadable)?;
    let mut pumps = Vec::with_capacity(features.len());
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (index, feature) in features.iter().enumerate() {
        let mut problems = Vec::new();
        let properties = feature.get("properties");
        let property = |name: &str| properties.and_then(|p| p.get(name));
        let osm_id = property("id").and_then(|v| {
            v.as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        });
        match osm_id {
            None => problems.push(t.err_import_id.to_owned()),
            Some(id) if !seen.insert(id) => {
                problems.push(fill(t.err_import_twice, &[&id.to_string()]));
            }
            Some(_) => {}
        }
        let coordinates = feature
            .get("geometry")
            .filter(|g| g.get("type").and_then(|t| t.as_str()) == Some("Point"))
            .and_then(|g| g.get("coordinates"))
            .and_then(|c| c.as_array());
        let position =
            coordinates.and_then(|c| Coordinates::new(c.get(1)?.as_f64()?, c.first()?.as_f64()?));
        match position {
            None => problems.push(t.err_import_position.to_owned()),
            Some(p) if !near(municipality, p) => {
                problems.push(fill(t.err_import_outside, &[&municipality.name]));
            }
            Some(_) => {}
        }
        let text = |name: &str| {
            property(name)
                .and_then(|v| v.as_str())
                .map(|s| clean_text(s).to_lowercase())
                .unwrap_or_default()
        };
        let check_date = text("check_date");
        let check_date = match check_date.get(..10) {
            Some(day) if day.parse::<jiff::civil::Date>().is_ok() => day.to_owned(),
            _ if check_date.is_empty() => String::new(),
            // OSM also knows "2023-05" or "2023": kept as mapped.
            _ => check_date.chars().take(10).collect(),
        };
        match (problems.is_empty(), osm_id, position) {
            (true, Some(osm_id), Some(position)) => {
                let status = text("pump:status");
                pumps.push(Pump {
                    osm_id,
                    position,
                    status: if status.is_empty() {
                        "unbekannt".to_owned()
                    } else {
                        status
                    },
                    check_date,
                });
            }
            _ => errors.push(fill(
                t.err_import_feature,
                &[&(index + 1).to_string(), &problems.join("; ")],
            )),
        }
    }
    if pumps.is_empty() && errors.is_empty() {
        errors.push(t.err_pumps_empty.to_owned());
    }
    if errors.is_empty() {
        return Ok(pumps);
    }
    Err(shortened(errors, lang))
}

fn near(municipality: &Municipality, p: Coordinates) -> bool {
    let boundary = &municipality.boundary;
    boundary.contains(p.lon(), p.lat())
        || boundary
            .distance_to_boundary_m(p.lon(), p.lat(), BOUNDARY_TOLERANCE_M)
            .is_some()
}

/// What an import of pumps did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PumpsImported {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Makes the municipality's pumps those of the file, in one transaction.
pub async fn import(
    db: &Db,
    municipality_id: i64,
    pumps: &[Pump],
) -> Result<PumpsImported, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let existing: Vec<(i64, i64, f64, f64, String, String)> = sqlx::query_as(
        "select id, osm_id, lat, lon, status, check_date from tree_pumps where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_all(&mut *tx)
    .await?;
    let known: HashMap<i64, (i64, Pump)> = existing
        .into_iter()
        .filter_map(|(id, osm_id, lat, lon, status, check_date)| {
            let position = Coordinates::new(lat, lon)?;
            Some((
                osm_id,
                (
                    id,
                    Pump {
                        osm_id,
                        position,
                        status,
                        check_date,
                    },
                ),
            ))
        })
        .collect();
    let mut done = PumpsImported::default();
    for pump in pumps {
        match known.get(&pump.osm_id) {
            Some((_, old)) if old == pump => done.unchanged += 1,
            Some((id, _)) => {
                sqlx::query(
                    "update tree_pumps set lat = $1, lon = $2, status = $3, check_date = $4 where id = $5",
                )
                .bind(pump.position.lat())
                .bind(pump.position.lon())
                .bind(&pump.status)
                .bind(&pump.check_date)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                done.updated += 1;
            }
            None => {
                sqlx::query(
                    "insert into tree_pumps (municipality_id, osm_id, lat, lon, status, check_date) \
                     values ($1, $2, $3, $4, $5, $6)",
                )
                .bind(municipality_id)
                .bind(pump.osm_id)
                .bind(pump.position.lat())
                .bind(pump.position.lon())
                .bind(&pump.status)
                .bind(&pump.check_date)
                .execute(&mut *tx)
                .await?;
                done.added += 1;
            }
        }
    }
    let in_file: HashSet<i64> = pumps.iter().map(|p| p.osm_id).collect();
    for (osm_id, (id, _)) in &known {
        if !in_file.contains(osm_id) {
            sqlx::query("delete from tree_pumps where id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            done.removed += 1;
        }
    }
    if done.added + done.updated + done.removed > 0 {
        // The tiles carry the pumps: their tags move with this version.
        sqlx::query(
            "insert into tree_pump_versions (municipality_id, version) values ($1, 1) \
             on conflict (municipality_id) do update set version = tree_pump_versions.version + 1",
        )
        .bind(municipality_id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// A pump's state as OSM's `pump:status` records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Works,
    Broken,
    Locked,
    Blocked,
    MissingBeam,
    Unknown,
}

impl State {
    fn of(status: &str) -> State {
        match status {
            "funktionsfähig" | "ok" => State::Works,
            "defekt" | "broken" => State::Broken,
            "locked" | "verschlossen" => State::Locked,
            "blocked" | "blockiert" => State::Blocked,
            "missing_beam" => State::MissingBeam,
            _ => State::Unknown,
        }
    }

    fn words(self, lang: Lang) -> &'static str {
        let t = texts(lang);
        match self {
            State::Works => t.pump_works,
            State::Broken => t.pump_broken,
            State::Locked => t.pump_locked,
            State::Blocked => t.pump_blocked,
            State::MissingBeam => t.pump_missing_beam,
            State::Unknown => t.pump_unknown,
        }
    }

    /// How the map draws it (attribute `s` of the tiles' layer `pumps`).
    fn code(self) -> u8 {
        match self {
            State::Unknown => UNKNOWN,
            State::Works => WORKS,
            _ => OUT_OF_ORDER,
        }
    }
}

/// A pump's state on the map: not known, gives water, or does not (broken, locked, …).
pub const UNKNOWN: u8 = 0;
pub const WORKS: u8 = 1;
pub const OUT_OF_ORDER: u8 = 2;

/// The municipality's pumps in a box (`south`, `north`, `west`, `east`): OSM id, place and
/// the map's status code.
pub async fn in_box(
    db: &Db,
    municipality_id: i64,
    (south, north, west, east): (f64, f64, f64, f64),
) -> Result<Vec<(i64, f64, f64, u8)>, sqlx::Error> {
    let rows: Vec<(i64, f64, f64, String)> = sqlx::query_as(
        "select osm_id, lat, lon, status from tree_pumps where municipality_id = $1 \
         and lat between $2 and $3 and lon between $4 and $5 order by osm_id",
    )
    .bind(municipality_id)
    .bind(south)
    .bind(north)
    .bind(west)
    .bind(east)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, lat, lon, status)| (id, lat, lon, State::of(&status).code()))
        .collect())
}

/// The status in words, and whether water comes.
fn status_words(status: &str, lang: Lang) -> (&'static str, bool) {
    let state = State::of(status);
    (state.words(lang), state == State::Works)
}

/// The pumps within `radius_m` of `place`, nearest first, at most `limit`.
pub async fn near_place(
    db: &Db,
    municipality_id: i64,
    place: Coordinates,
    radius_m: f64,
    limit: usize,
    lang: Lang,
) -> Result<Vec<PumpView>, sqlx::Error> {
    let (south, north, west, east) = place.bounding_box(radius_m);
    let rows: Vec<PumpRow> = sqlx::query_as(
        "select osm_id, lat, lon, status, check_date from tree_pumps where municipality_id = $1 \
         and lat between $2 and $3 and lon between $4 and $5",
    )
    .bind(municipality_id)
    .bind(south)
    .bind(north)
    .bind(west)
    .bind(east)
    .fetch_all(&db.pool)
    .await?;
    let mut pumps: Vec<PumpView> = rows
        .into_iter()
        .filter_map(|row| {
            let distance = place.distance_m(Coordinates::new(row.1, row.2)?);
            (distance <= radius_m).then(|| view(row, distance, lang))
        })
        .collect();
    pumps.sort_by_key(|p| (p.distance_m, p.osm_id));
    pumps.truncate(limit);
    Ok(pumps)
}

/// The pump of OpenStreetMap node `osm_id`, if the municipality has it.
pub async fn by_osm_id(
    db: &Db,
    municipality_id: i64,
    osm_id: i64,
    lang: Lang,
) -> Result<Option<PumpView>, sqlx::Error> {
    let row: Option<PumpRow> = sqlx::query_as(
        "select osm_id, lat, lon, status, check_date from tree_pumps \
         where municipality_id = $1 and osm_id = $2",
    )
    .bind(municipality_id)
    .bind(osm_id)
    .fetch_optional(&db.pool)
    .await?;
    Ok(row.map(|row| view(row, 0.0, lang)))
}

/// A pump as read: OSM id, latitude, longitude, `pump:status`, `check_date`.
type PumpRow = (i64, f64, f64, String, String);

fn view((osm_id, lat, lon, status, check_date): PumpRow, distance_m: f64, lang: Lang) -> PumpView {
    let (words, works) = status_words(&status, lang);
    PumpView {
        osm_id,
        lat,
        lon,
        distance_m: distance_m.round() as u32,
        status: words.to_owned(),
        works,
        checked: if check_date.is_empty() {
            None
        } else {
            Some(fill(
                texts(lang).pump_checked,
                &[&format_day(&check_date, lang)],
            ))
        },
        reported: None,
    }
}

/// How far from a pump an open report in the pump category may lie and still be about it (the
/// report flow starts at the pump; a citizen may move the pin a little).
pub const REPORT_RADIUS_M: f64 = 25.0;

/// Fills in each pump's open report "Pumpe defekt", if one was filed at it and is not yet
/// closed: the nearest within [`REPORT_RADIUS_M`].
pub async fn with_reports(
    db: &Db,
    municipality: &Municipality,
    pumps: &mut [PumpView],
    lang: Lang,
) -> Result<(), sqlx::Error> {
    let Some(category) = municipality.category(PUMP_CATEGORY) else {
        return Ok(());
    };
    for pump in pumps {
        let Some(at) = Coordinates::new(pump.lat, pump.lon) else {
            continue;
        };
        let query = Nearby {
            municipality,
            category_id: Some(category.id),
            around: at,
            radius_m: REPORT_RADIUS_M,
            exclude: None,
            limit: 1,
        };
        pump.reported = open_nearby(db, query, lang).await?.pop();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osm_statuses_read_in_words() {
        assert_eq!(
            status_words("funktionsfähig", Lang::De),
            ("funktioniert", true)
        );
        assert!(!status_words("defekt", Lang::En).1);
        assert_eq!(status_words("missing_beam", Lang::De).0, "Schwengel fehlt");
        assert_eq!(status_words("whatever", Lang::En).0, "status unknown");
    }

    #[test]
    fn the_map_tells_working_pumps_from_those_out_of_order_and_unknown_ones() {
        assert_eq!(State::of("funktionsfähig").code(), WORKS);
        for status in ["defekt", "locked", "blocked", "missing_beam"] {
            assert_eq!(State::of(status).code(), OUT_OF_ORDER, "{status}");
        }
        assert_eq!(State::of("unbekannt").code(), UNKNOWN);
        assert_eq!(State::of("").code(), UNKNOWN);
    }
}
