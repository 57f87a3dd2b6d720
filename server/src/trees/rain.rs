//! The rain that fell on the trees: cells of the Deutscher Wetterdienst's RADOLAN grid (about
//! 1 km² each, as GeoJSON polygons whose property `data` holds rain sums in tenths of a
//! millimetre), with the period the sums cover. A tree gets the rain of the cell it stands in.
//!
//! What counts against this week's need: the period's rain spread evenly over its days, the
//! days among the last seven, 1 mm of rain as 1 litre for the tree (the rain on about a square
//! metre of tree pit). A grid whose period ended more than a week ago counts nothing.

use super::files::{geojson_features, shortened};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use geo::{Contains, LineString, Point, Polygon};
use jiff::civil::Date;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::texts::texts;
use std::collections::HashSet;

/// One cell of the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct Cell {
    pub id: i64,
    /// The outline, `[lon, lat]`.
    pub ring: Vec<[f64; 2]>,
    /// The period's rain in tenths of a millimetre.
    pub rain_tenth_mm: i64,
}

impl Cell {
    /// South, north, west, east.
    fn bounds(&self) -> [f64; 4] {
        let mut b = [f64::MAX, f64::MIN, f64::MAX, f64::MIN];
        for [lon, lat] in &self.ring {
            b[0] = b[0].min(*lat);
            b[1] = b[1].max(*lat);
            b[2] = b[2].min(*lon);
            b[3] = b[3].max(*lon);
        }
        b
    }
}

/// A checked grid file.
#[derive(Clone, Debug, PartialEq)]
pub struct RainFile {
    pub cells: Vec<Cell>,
    /// The period from the collection's `properties` (`start`, `end`), when the file says it.
    pub period: Option<Period>,
}

/// Reads a RADOLAN grid in GeoJSON; every faulty cell is named by its feature number.
pub fn parse(bytes: &[u8], lang: Lang) -> Result<RainFile, Vec<String>> {
    let t = texts(lang);
    let (value, features) = geojson_features(bytes, t.err_rain_unreadable)?;
    let mut cells = Vec::with_capacity(features.len());
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    for (index, feature) in features.iter().enumerate() {
        let mut problems = Vec::new();
        let properties = feature.get("properties");
        let id = properties
            .and_then(|p| p.get("id"))
            .and_then(|v| v.as_i64());
        match id {
            None => problems.push(t.err_import_id.to_owned()),
            Some(id) if !seen.insert(id) => {
                problems.push(fill(t.err_import_twice, &[&id.to_string()]));
            }
            Some(_) => {}
        }
        let ring = outer_ring(feature.get("geometry"));
        if ring.is_none() {
            problems.push(t.err_rain_shape.to_owned());
        }
        let sums = properties
            .and_then(|p| p.get("data"))
            .and_then(|d| d.as_array())
            .and_then(|values| {
                values
                    .iter()
                    .map(|v| v.as_f64().filter(|x| x.is_finite() && *x >= 0.0))
                    .collect::<Option<Vec<f64>>>()
            })
            .filter(|values| !values.is_empty());
        if sums.is_none() {
            problems.push(t.err_rain_data.to_owned());
        }
        match (id, ring, sums) {
            (Some(id), Some(ring), Some(sums)) if problems.is_empty() => cells.push(Cell {
                id,
                ring,
                rain_tenth_mm: sums.iter().sum::<f64>().round() as i64,
            }),
            _ => errors.push(fill(
                t.err_import_feature,
                &[&(index + 1).to_string(), &problems.join("; ")],
            )),
        }
    }
    if cells.is_empty() && errors.is_empty() {
        errors.push(t.err_rain_empty.to_owned());
    }
    if errors.is_empty() {
        let day = |name: &str| -> Option<Date> {
            value
                .get("properties")?
                .get(name)?
                .as_str()?
                .get(..10)?
                .parse()
                .ok()
        };
        let period = day("start")
            .zip(day("end"))
            .map(|(start, end)| Period { start, end })
            .filter(|p| p.start <= p.end);
        return Ok(RainFile { cells, period });
    }
    Err(shortened(errors, lang))
}

/// The outer ring of a Polygon (or of a MultiPolygon's first polygon), at least a triangle of
/// valid positions.
fn outer_ring(geometry: Option<&serde_json::Value>) -> Option<Vec<[f64; 2]>> {
    let geometry = geometry?;
    let coordinates = geometry.get("coordinates")?;
    let ring = match geometry.get("type")?.as_str()? {
        "Polygon" => coordinates.get(0)?,
        "MultiPolygon" => coordinates.get(0)?.get(0)?,
        _ => return None,
    };
    let points: Vec<[f64; 2]> = ring
        .as_array()?
        .iter()
        .map(|p| {
            let lon = p.get(0)?.as_f64()?;
            let lat = p.get(1)?.as_f64()?;
            Coordinates::new(lat, lon).map(|_| [lon, lat])
        })
        .collect::<Option<_>>()?;
    (points.len() >= 4).then_some(points)
}

/// Makes the municipality's grid that of the file, covering `start`..=`end`, in one
/// transaction.
pub async fn import(
    db: &Db,
    now: i64,
    municipality_id: i64,
    cells: &[Cell],
    (start, end): (Date, Date),
    source: &str,
) -> anyhow::Result<()> {
    let mut tx = db.pool.begin().await?;
    sqlx::query("delete from tree_rain_cells where municipality_id = $1")
        .bind(municipality_id)
        .execute(&mut *tx)
        .await?;
    for cell in cells {
        let [south, north, west, east] = cell.bounds();
        sqlx::query(
            "insert into tree_rain_cells (municipality_id, cell, south, north, west, east, ring, rain_tenth_mm) \
             values ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(municipality_id)
        .bind(cell.id)
        .bind(south)
        .bind(north)
        .bind(west)
        .bind(east)
        .bind(serde_json::to_string(&cell.ring)?)
        .bind(cell.rain_tenth_mm)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "insert into tree_rain (municipality_id, period_start, period_end, imported_at, source) \
         values ($1, $2, $3, $4, $5) on conflict (municipality_id) do update \
         set period_start = excluded.period_start, period_end = excluded.period_end, \
         imported_at = excluded.imported_at, source = excluded.source",
    )
    .bind(municipality_id)
    .bind(start.to_string())
    .bind(end.to_string())
    .bind(now)
    .bind(source)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The period a municipality's grid covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// The share of the period's rain that fell in the seven days up to `today`, assuming it
    /// fell evenly: the period's days among those seven, over the period's days.
    pub fn share_of_last_week(self, today: Date) -> f64 {
        let days = |a: Date, b: Date| (b - a).get_days() as f64 + 1.0;
        let Ok(week_start) = today.checked_sub(jiff::Span::new().days(6)) else {
            return 0.0;
        };
        let from = self.start.max(week_start);
        let to = self.end.min(today);
        if to < from || self.end < self.start {
            return 0.0;
        }
        days(from, to) / days(self.start, self.end)
    }
}

pub async fn period(db: &Db, municipality_id: i64) -> Result<Option<Period>, sqlx::Error> {
    let row: Option<(String, String)> =
        sqlx::query_as("select period_start, period_end from tree_rain where municipality_id = $1")
            .bind(municipality_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row.and_then(|(start, end)| {
        Some(Period {
            start: start.parse().ok()?,
            end: end.parse().ok()?,
        })
    }))
}

/// The rain at some places: for each place, its cell's rain of the whole period (mm) — `None`
/// where no cell covers it.
pub async fn at_places(
    db: &Db,
    municipality_id: i64,
    places: &[Option<Coordinates>],
) -> Result<Vec<Option<f64>>, sqlx::Error> {
    let known: Vec<Coordinates> = places.iter().flatten().copied().collect();
    if known.is_empty() {
        return Ok(vec![None; places.len()]);
    }
    let south = known.iter().map(|p| p.lat()).fold(f64::MAX, f64::min);
    let north = known.iter().map(|p| p.lat()).fold(f64::MIN, f64::max);
    let west = known.iter().map(|p| p.lon()).fold(f64::MAX, f64::min);
    let east = known.iter().map(|p| p.lon()).fold(f64::MIN, f64::max);
    let rows: Vec<(String, i64)> = sqlx::query_as(
        "select ring, rain_tenth_mm from tree_rain_cells where municipality_id = $1 \
         and south <= $2 and north >= $3 and west <= $4 and east >= $5",
    )
    .bind(municipality_id)
    .bind(north)
    .bind(south)
    .bind(east)
    .bind(west)
    .fetch_all(&db.pool)
    .await?;
    let cells: Vec<(Polygon<f64>, f64)> = rows
        .into_iter()
        .filter_map(|(ring, tenths)| {
            let ring: Vec<[f64; 2]> = serde_json::from_str(&ring).ok()?;
            let line: LineString<f64> = ring.into_iter().map(|[x, y]| (x, y)).collect();
            Some((Polygon::new(line, vec![]), tenths as f64 / 10.0))
        })
        .collect();
    Ok(places
        .iter()
        .map(|place| {
            let p = place.as_ref()?;
            let point = Point::new(p.lon(), p.lat());
            cells
                .iter()
                .find(|(cell, _)| cell.contains(&point))
                .map(|(_, mm)| *mm)
        })
        .collect())
}

/// The rain of the last seven days at each place, in litres: 0 where no cell covers it or the
/// grid's period lies more than a week before `today`.
pub async fn last_week_at(
    db: &Db,
    municipality_id: i64,
    today: Date,
    places: &[Option<Coordinates>],
) -> Result<Vec<u32>, sqlx::Error> {
    let share = period(db, municipality_id)
        .await?
        .map_or(0.0, |p| p.share_of_last_week(today));
    if share <= 0.0 {
        return Ok(vec![0; places.len()]);
    }
    Ok(at_places(db, municipality_id, places)
        .await?
        .into_iter()
        .map(|mm| litres_last_week(mm, share))
        .collect())
}

/// The rain of the last seven days that counts against a tree's need, in litres.
pub fn litres_last_week(period_mm: Option<f64>, share: f64) -> u32 {
    period_mm.map_or(0, |mm| (mm * share).round().max(0.0) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        s.parse().expect("date")
    }

    #[test]
    fn a_period_ending_today_counts_its_last_seven_days() {
        let period = Period {
            start: date("2026-06-02"),
            end: date("2026-07-01"),
        };
        let share = period.share_of_last_week(date("2026-07-01"));
        assert!((share - 7.0 / 30.0).abs() < 1e-9, "{share}");
        assert_eq!(litres_last_week(Some(30.0), share), 7);
    }

    #[test]
    fn a_period_older_than_a_week_counts_nothing() {
        let period = Period {
            start: date("2020-02-29"),
            end: date("2020-03-29"),
        };
        assert_eq!(period.share_of_last_week(date("2026-12-02")), 0.0);
        assert_eq!(litres_last_week(Some(41.2), 0.0), 0);
        let partly = Period {
            start: date("2026-11-20"),
            end: date("2026-11-27"),
        };
        // 26 and 27 November of the week up to 2 December: 2 of 8 days.
        assert!((partly.share_of_last_week(date("2026-12-02")) - 0.25).abs() < 1e-9);
    }

    fn collection(features: &[&str]) -> Vec<u8> {
        format!(
            r#"{{"type":"FeatureCollection","features":[{}]}}"#,
            features.join(",")
        )
        .into_bytes()
    }

    const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[13.0,52.0],[13.1,52.0],[13.1,52.1],[13.0,52.1],[13.0,52.0]]]}"#;

    #[test]
    fn cells_need_an_id_an_outline_and_rain() {
        let good = format!(
            r#"{{"type":"Feature","properties":{{"id":1,"data":[400,12]}},"geometry":{SQUARE}}}"#
        );
        let no_rain = format!(
            r#"{{"type":"Feature","properties":{{"id":2,"data":["x"]}},"geometry":{SQUARE}}}"#
        );
        let point = r#"{"type":"Feature","properties":{"id":3,"data":[1]},"geometry":{"type":"Point","coordinates":[13.0,52.0]}}"#;
        let errors =
            parse(&collection(&[&good, &no_rain, point]), Lang::En).expect_err("two faulty cells");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("Feature 2:"), "{errors:?}");
        assert!(errors[1].starts_with("Feature 3:"), "{errors:?}");
        let file = parse(&collection(&[&good]), Lang::En).expect("one cell");
        assert_eq!(file.cells[0].rain_tenth_mm, 412);
        assert_eq!(file.cells[0].bounds(), [52.0, 52.1, 13.0, 13.1]);
        assert_eq!(file.period, None);
    }

    #[test]
    fn the_demo_grid_says_its_period() {
        let file = parse(crate::trees::demo::BERLIN_RAIN.as_bytes(), Lang::En).expect("demo grid");
        assert_eq!(file.cells.len(), 1153);
        assert_eq!(
            file.period,
            Some(Period {
                start: date("2020-02-29"),
                end: date("2020-03-29"),
            })
        );
    }
}
