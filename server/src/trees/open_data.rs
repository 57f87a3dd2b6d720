//! The waterings as open data: CC0, without personal data, in the column layout of Gieß den
//! Kiez's watering export (`id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;
//! zeitpunkt_der_bewaesserung;bewaesserungsmenge_in_liter`), so what was built for its export
//! reads ours and `kiezwerk trees waterings-import` reads it back into another deployment.
//!
//! A record is a watering of a tree: the tree's register id, place, district, species, genus,
//! street and planting year (all public in the register), when (to the hour, in UTC, as Gieß
//! den Kiez publishes it) and how many litres. Never who watered: no account, no name.

use crate::core::db::Db;
use crate::core::export::{csv_line, spreadsheet_safe, streamed};
use crate::core::time::iso_utc;
use axum::body::Body;

/// The file's name on the open-data pages.
pub const FILE: &str = "giessungen.csv";
/// Its columns, as Gieß den Kiez names them.
pub const COLUMNS: [&str; 10] = [
    "id",
    "lng",
    "lat",
    "bezirk",
    "baumart",
    "gattung",
    "strname",
    "pflanzjahr",
    "zeitpunkt_der_bewaesserung",
    "bewaesserungsmenge_in_liter",
];
const HOUR_MS: i64 = 3_600_000;

#[derive(sqlx::FromRow)]
struct Row {
    register_id: String,
    lat: f64,
    lon: f64,
    district: String,
    species_de: String,
    genus_de: String,
    street: String,
    planting_year: Option<i64>,
    watered_at: i64,
    litres: i64,
}

const SQL: &str = "select t.register_id, t.lat, t.lon, t.district, t.species_de, t.genus_de, \
     t.street, t.planting_year, w.watered_at, w.litres \
     from tree_waterings w join trees t on t.id = w.tree_id \
     where t.municipality_id = $1 order by w.watered_at, w.id";

/// A time to the hour as Gieß den Kiez writes it: `2022-05-29T13:00:00.000Z`.
fn hour(ms: i64) -> String {
    iso_utc(ms.div_euclid(HOUR_MS) * HOUR_MS)
        .map(|t| t.replace('Z', ".000Z"))
        .unwrap_or_default()
}

fn write(out: &mut Vec<u8>, row: Row) {
    let text = |value: &str| spreadsheet_safe(value).into_owned();
    csv_line(
        out,
        b';',
        &[
            text(&row.register_id),
            row.lon.to_string(),
            row.lat.to_string(),
            text(&row.district),
            text(&row.species_de),
            text(&row.genus_de),
            text(&row.street),
            row.planting_year.map(|y| y.to_string()).unwrap_or_default(),
            hour(row.watered_at),
            row.litres.to_string(),
        ],
    );
}

/// The municipality's waterings, oldest first, as a body that streams while the database is
/// read.
pub fn waterings(db: Db, municipality_id: i64) -> Body {
    let mut header = Vec::new();
    csv_line(&mut header, b';', &COLUMNS);
    streamed(db, SQL, municipality_id, header, b"", |out, _, row| {
        write(out, row)
    })
}

/// How many waterings a municipality's trees have, and the first and the latest.
#[derive(sqlx::FromRow)]
pub struct Summary {
    pub records: i64,
    pub first: Option<i64>,
    pub latest: Option<i64>,
}

pub async fn summary(db: &Db, municipality_id: i64) -> Result<Summary, sqlx::Error> {
    sqlx::query_as(
        "select count(*) as records, min(w.watered_at) as first, max(w.watered_at) as latest \
         from tree_waterings w join trees t on t.id = w.tree_id where t.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_one(&db.pool)
    .await
}

/// Whether the municipality has a tree register (and so a waterings dataset).
pub async fn has_register(db: &Db, municipality_id: i64) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("select municipality_id from tree_registers where municipality_id = $1")
            .bind(municipality_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_watering_is_published_to_the_hour_in_gdks_time_form() {
        // 2026-06-01 10:42:17.5 UTC
        assert_eq!(hour(1_780_310_537_500), "2026-06-01T10:00:00.000Z");
        assert_eq!(
            crate::trees::gdk::parse_time(&hour(1_780_310_537_500)),
            Some(1_780_308_000_000),
            "our own import reads it back"
        );
    }

    #[test]
    fn a_record_has_gdks_ten_columns_and_defused_names() {
        let mut out = Vec::new();
        write(
            &mut out,
            Row {
                register_id: "00008100:002db6b6".into(),
                lat: 52.5,
                lon: 13.4,
                district: "Pankow".into(),
                species_de: "Spitz-Ahorn".into(),
                genus_de: "AHORN".into(),
                street: "=Straße; Nord".into(),
                planting_year: None,
                watered_at: 1_780_308_000_000,
                litres: 80,
            },
        );
        assert_eq!(
            String::from_utf8(out).expect("UTF-8"),
            "00008100:002db6b6;13.4;52.5;Pankow;Spitz-Ahorn;AHORN;\"'=Straße; Nord\";;2026-06-01T10:00:00.000Z;80\r\n"
        );
    }
}
