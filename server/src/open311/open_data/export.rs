//! The reports of a municipality as open data, streamed ([`crate::core::export`]): rows come
//! from the database one at a time and leave in chunks of about 64 KiB, so an export of a
//! million reports needs no more memory than one of ten.
//!
//! What a record holds: reference, category, district, status, department, the dates of
//! submission, acceptance and closing, how many others supported it, and its place coarsened
//! to the centre of a grid cell ([`coarsen`]). Never the description, photos, answers, e-mail
//! addresses, the typed address or anything else a reporter wrote.

use crate::core::db::Db;
use crate::core::export::{csv_line, spreadsheet_safe, streamed};
use crate::core::time::{berlin, iso_utc};
use crate::reports::{Reference, Status};
use crate::tenants::Registry;
use axum::body::Body;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{DepartmentId, MunicipalityId};
use serde_json::{json, Value};
use std::sync::Arc;

/// Grid cell size: 0.001° of latitude (about 111 m) by 0.0015° of longitude (about 100 m at
/// 52° N; in all of Germany between 90 and 110 m).
const CELL_LAT: f64 = 0.001;
const CELL_LON: f64 = 0.0015;

/// The centre of the grid cell a point lies in, to five decimals (about 1 m, far finer than
/// the cell): every report in a cell shows at the same point. Reporters often report what is in
/// front of their own door; a cell of about 110 × 100 m hides which door, and is still enough
/// to tell the street section and the district.
pub fn coarsen(lat: f64, lon: f64) -> (f64, f64) {
    let centre = |value: f64, cell: f64| {
        let centre = ((value / cell).floor() + 0.5) * cell;
        (centre * 100_000.0).round() / 100_000.0
    };
    (centre(lat, CELL_LAT), centre(lon, CELL_LON))
}

/// The two formats of the reports dataset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    GeoJson,
    /// For German spreadsheets: UTF-8 with byte order mark, `;` between fields, CRLF, decimal
    /// commas and dates as `TT.MM.JJJJ hh:mm` (Berlin time).
    Csv,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::GeoJson, Kind::Csv];

    /// The format's name for people: `GeoJSON`, `CSV`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::GeoJson => "GeoJSON",
            Kind::Csv => "CSV",
        }
    }

    /// The code of the EU file-type vocabulary (DCAT): `GEOJSON`, `CSV`.
    pub fn file_type(self) -> &'static str {
        match self {
            Kind::GeoJson => "GEOJSON",
            Kind::Csv => "CSV",
        }
    }

    /// The media type without parameters.
    pub fn essence(self) -> &'static str {
        match self {
            Kind::GeoJson => "application/geo+json",
            Kind::Csv => "text/csv",
        }
    }

    /// The `Content-Type` of the file.
    pub fn media_type(self) -> &'static str {
        match self {
            Kind::GeoJson => "application/geo+json",
            Kind::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn file(self) -> &'static str {
        match self {
            Kind::GeoJson => "meldungen.geojson",
            Kind::Csv => "meldungen.csv",
        }
    }
}

/// The CSV's columns; GeoJSON has the same but `lat` and `lon` as properties, the point being
/// its geometry.
pub const CSV_COLUMNS: [&str; 13] = [
    "reference",
    "category_code",
    "category",
    "district",
    "status_code",
    "status",
    "department",
    "submitted",
    "accepted",
    "closed",
    "supporters",
    "lat",
    "lon",
];

/// A report as the export reads it.
#[derive(sqlx::FromRow)]
struct Row {
    reference: Reference,
    category_id: i64,
    area_id: Option<i64>,
    department_id: DepartmentId,
    status: Status,
    created_at: i64,
    accepted_at: Option<i64>,
    closed_at: Option<i64>,
    lat: Option<f64>,
    lon: Option<f64>,
    supporters: i64,
}

const SQL: &str = "select reference, category_id, area_id, department_id, status, created_at, \
     accepted_at, closed_at, lat, lon, supporters from reports where municipality_id = $1 order by id";

/// A record with the names looked up.
struct Record<'a> {
    row: &'a Row,
    category_code: &'a str,
    category: &'a str,
    district: &'a str,
    department: &'a str,
    status: &'a str,
    point: Option<(f64, f64)>,
}

fn german_time(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| t.to_zoned(berlin()).strftime("%d.%m.%Y %H:%M").to_string())
        .unwrap_or_default()
}

fn decimal_comma(value: f64) -> String {
    format!("{value:.5}").replace('.', ",")
}

impl Kind {
    fn header(self, title: &str) -> Vec<u8> {
        match self {
            Kind::GeoJson => format!(
                "{{\"type\":\"FeatureCollection\",\"name\":{},\"features\":[\n",
                Value::String(title.to_owned())
            )
            .into_bytes(),
            Kind::Csv => {
                let mut header = "\u{feff}".as_bytes().to_vec();
                header.extend(CSV_COLUMNS.join(";").as_bytes());
                header.extend(b"\r\n");
                header
            }
        }
    }

    fn footer(self) -> &'static [u8] {
        match self {
            Kind::GeoJson => b"\n]}\n",
            Kind::Csv => b"",
        }
    }

    fn write(self, out: &mut Vec<u8>, first: bool, r: &Record<'_>) {
        match self {
            Kind::GeoJson => {
                let feature = json!({
                    "type": "Feature",
                    "id": r.row.reference.to_string(),
                    "geometry": r.point.map(|(lat, lon)| json!({ "type": "Point", "coordinates": [lon, lat] })),
                    "properties": {
                        "reference": r.row.reference.to_string(),
                        "category_code": r.category_code,
                        "category": r.category,
                        "district": r.district,
                        "status_code": r.row.status.code(),
                        "status": r.status,
                        "department": r.department,
                        "submitted": iso_utc(r.row.created_at),
                        "accepted": r.row.accepted_at.and_then(iso_utc),
                        "closed": r.row.closed_at.and_then(iso_utc),
                        "supporters": r.row.supporters,
                    },
                });
                if !first {
                    out.extend(b",\n");
                }
                // Writing JSON into a Vec cannot fail.
                let _ = serde_json::to_writer(&mut *out, &feature);
            }
            Kind::Csv => {
                let (lat, lon) = r
                    .point
                    .map(|(lat, lon)| (decimal_comma(lat), decimal_comma(lon)))
                    .unwrap_or_default();
                let fields = [
                    r.row.reference.to_string(),
                    r.category_code.to_owned(),
                    spreadsheet_safe(r.category).into_owned(),
                    spreadsheet_safe(r.district).into_owned(),
                    r.row.status.code().to_owned(),
                    r.status.to_owned(),
                    spreadsheet_safe(r.department).into_owned(),
                    german_time(r.row.created_at),
                    r.row.accepted_at.map(german_time).unwrap_or_default(),
                    r.row.closed_at.map(german_time).unwrap_or_default(),
                    r.row.supporters.to_string(),
                    lat,
                    lon,
                ];
                csv_line(out, b';', &fields);
            }
        }
    }
}

/// The municipality's reports in `kind`, as a body that streams while the database is read.
pub fn reports(
    db: Db,
    registry: Arc<Registry>,
    municipality_id: MunicipalityId,
    kind: Kind,
) -> Body {
    let lang = Lang::De;
    let t = lang.texts();
    let title = registry
        .by_id(municipality_id)
        .map(|m| format!("Meldungen {}", m.name))
        .unwrap_or_default();
    streamed(
        db,
        SQL,
        municipality_id.0,
        kind.header(&title),
        kind.footer(),
        move |out, first, row: Row| {
            let Some(municipality) = registry.by_id(municipality_id) else {
                return;
            };
            let category = municipality.category_by_id(row.category_id);
            let record = Record {
                row: &row,
                category_code: category.map_or("", |c| c.code.as_str()),
                category: category.map_or("", |c| c.name(lang)),
                district: row
                    .area_id
                    .and_then(|a| municipality.area(a))
                    .map_or("", |a| a.name.as_str()),
                department: municipality
                    .department(row.department_id)
                    .map_or("", |d| d.name(lang)),
                status: row.status.label(t),
                point: row.lat.zip(row.lon).map(|(lat, lon)| coarsen(lat, lon)),
            };
            kind.write(out, first, &record);
        },
    )
}

/// How many reports a municipality has, when the first came in, and when the latest change
/// was made (the data's date).
#[derive(sqlx::FromRow)]
pub struct Summary {
    pub records: i64,
    pub first: Option<i64>,
    pub modified: Option<i64>,
}

pub async fn summary(db: &Db, municipality_id: MunicipalityId) -> Result<Summary, sqlx::Error> {
    sqlx::query_as(
        "select count(*) as records, min(created_at) as first, max(updated_at) as modified \
         from reports where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_one(&db.pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
        let dlat = (a.0 - b.0) * 111_320.0;
        let dlon = (a.1 - b.1) * 111_320.0 * a.0.to_radians().cos();
        (dlat * dlat + dlon * dlon).sqrt()
    }

    #[test]
    fn coarsening_moves_a_point_to_its_cell_centre_within_about_seventy_metres() {
        let alexanderplatz = (52.521_918, 13.413_215);
        let coarse = coarsen(alexanderplatz.0, alexanderplatz.1);
        assert_eq!(coarse, (52.5215, 13.41375));
        assert!(metres(alexanderplatz, coarse) < 75.0);
        // A neighbour a few metres away is indistinguishable; one across the cell is not.
        assert_eq!(coarsen(52.521_99, 13.413_9), coarse);
        assert_ne!(coarsen(52.522_01, 13.413_9), coarse);
    }

    #[test]
    fn coarsened_points_carry_no_more_than_five_decimals() {
        for (lat, lon) in [
            (52.4, 13.05),
            (48.137_154, 11.576_124),
            (53.551_086, 9.993_682),
        ] {
            let (clat, clon) = coarsen(lat, lon);
            for value in [clat, clon] {
                let decimals = format!("{value}").split('.').nth(1).map_or(0, str::len);
                assert!(decimals <= 5, "{value} has {decimals} decimals");
            }
        }
    }

    #[test]
    fn german_spreadsheet_values() {
        assert_eq!(decimal_comma(52.5215), "52,52150");
        // 2026-06-01 10:00 UTC is noon in Berlin (summer time).
        assert_eq!(german_time(1_780_308_000_000), "01.06.2026 12:00");
    }
}
