//! The demo's works yards and machines: Berlin-Pankow and Berlin-Mitte, and Potsdam, with a
//! few machines each side publishes to the other for the inter-municipal pool.

use super::history::{self, Change, Kind};
use crate::core::db::Db;
use kiezwerk_app::model::MunicipalityId;

/// (municipality, code, name, address, lat, lon, department code)
type DemoYard = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
);

const YARDS: [DemoYard; 3] = [
    (
        "berlin",
        "pankow",
        "Bauhof Pankow",
        "Betriebshof (Demo), 13187 Berlin-Pankow",
        52.5722,
        13.4113,
        "sga-pankow",
    ),
    (
        "berlin",
        "mitte",
        "Bauhof Mitte",
        "Betriebshof (Demo), 10115 Berlin-Mitte",
        52.5310,
        13.3845,
        "sga-mitte",
    ),
    (
        "potsdam",
        "betriebshof",
        "Betriebshof Potsdam",
        "Betriebshof (Demo), 14469 Potsdam",
        52.4105,
        13.0540,
        "gruenflaechen",
    ),
];

/// (municipality, yard code, inventory number, type code, notes, shared with)
type DemoUnit = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const UNITS: [DemoUnit; 22] = [
    (
        "berlin",
        "pankow",
        "PAN-AM-01",
        "aufsitzmaeher",
        "Mähbreite 122 cm",
        None,
    ),
    (
        "berlin",
        "pankow",
        "PAN-AM-02",
        "aufsitzmaeher",
        "Mähbreite 107 cm",
        None,
    ),
    (
        "berlin",
        "pankow",
        "PAN-AM-03",
        "aufsitzmaeher",
        "Mähbreite 122 cm, Fangkorb",
        Some("potsdam"),
    ),
    ("berlin", "pankow", "PAN-FS-01", "freischneider", "", None),
    ("berlin", "pankow", "PAN-FS-02", "freischneider", "", None),
    ("berlin", "pankow", "PAN-FS-03", "freischneider", "", None),
    ("berlin", "pankow", "PAN-LB-01", "laubblaeser", "Akku", None),
    (
        "berlin",
        "pankow",
        "PAN-KT-01",
        "kleintransporter",
        "Pritsche, 3,5 t",
        None,
    ),
    (
        "berlin",
        "pankow",
        "PAN-KT-02",
        "kleintransporter",
        "Kasten, 3,5 t",
        None,
    ),
    (
        "berlin",
        "pankow",
        "PAN-MS-01",
        "motorsaege",
        "Schwert 40 cm",
        None,
    ),
    (
        "berlin",
        "mitte",
        "MIT-AM-01",
        "aufsitzmaeher",
        "Mähbreite 107 cm",
        None,
    ),
    ("berlin", "mitte", "MIT-FS-01", "freischneider", "", None),
    ("berlin", "mitte", "MIT-FS-02", "freischneider", "", None),
    (
        "berlin",
        "mitte",
        "MIT-KM-01",
        "kehrmaschine",
        "Kompaktkehrmaschine",
        Some("potsdam"),
    ),
    (
        "berlin",
        "mitte",
        "MIT-KT-01",
        "kleintransporter",
        "Pritsche, 3,5 t",
        None,
    ),
    ("berlin", "mitte", "MIT-HS-01", "heckenschere", "Akku", None),
    (
        "potsdam",
        "betriebshof",
        "PDM-AM-01",
        "aufsitzmaeher",
        "Mähbreite 122 cm",
        Some("berlin"),
    ),
    (
        "potsdam",
        "betriebshof",
        "PDM-AM-02",
        "aufsitzmaeher",
        "Mähbreite 107 cm",
        None,
    ),
    (
        "potsdam",
        "betriebshof",
        "PDM-FS-01",
        "freischneider",
        "",
        None,
    ),
    (
        "potsdam",
        "betriebshof",
        "PDM-KT-01",
        "kleintransporter",
        "Pritsche, 3,5 t",
        Some("berlin"),
    ),
    (
        "potsdam",
        "betriebshof",
        "PDM-RL-01",
        "radlader",
        "Kompaktradlader",
        None,
    ),
    (
        "potsdam",
        "betriebshof",
        "PDM-LB-01",
        "laubblaeser",
        "Benzin",
        None,
    ),
];

async fn municipality(db: &Db, slug: &str) -> Result<Option<MunicipalityId>, sqlx::Error> {
    sqlx::query_scalar("select id from municipalities where slug = $1")
        .bind(slug)
        .fetch_optional(&db.pool)
        .await
}

/// Installs the demo yards and machines into a database that has the demo municipalities and
/// no yards yet; leaves any other database alone.
pub async fn install(db: &Db, now: i64) -> anyhow::Result<()> {
    let yards: i64 = sqlx::query_scalar("select count(*) from yards")
        .fetch_one(&db.pool)
        .await?;
    if yards > 0 {
        return Ok(());
    }
    let mut tx = db.pool.begin().await?;
    for (slug, code, name, address, lat, lon, department) in YARDS {
        let Some(municipality_id) = municipality(db, slug).await? else {
            continue;
        };
        let department_id: Option<i64> = sqlx::query_scalar(
            "select id from departments where municipality_id = $1 and code = $2",
        )
        .bind(municipality_id)
        .bind(department)
        .fetch_optional(&mut *tx)
        .await?;
        sqlx::query(
            "insert into yards (municipality_id, department_id, code, name, address, lat, lon) \
             values ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(municipality_id)
        .bind(department_id)
        .bind(code)
        .bind(name)
        .bind(address)
        .bind(lat)
        .bind(lon)
        .execute(&mut *tx)
        .await?;
    }
    for (slug, yard, number, type_code, notes, shared_with) in UNITS {
        let Some(municipality_id) = municipality(db, slug).await? else {
            continue;
        };
        let id: i64 = sqlx::query_scalar(
            "insert into units (municipality_id, yard_id, type_id, inventory_number, notes, created_at, updated_at) \
             select $1, y.id, t.id, $2, $3, $4, $4 from yards y, equipment_types t \
             where y.municipality_id = $1 and y.code = $5 and t.code = $6 returning id",
        )
        .bind(municipality_id)
        .bind(number)
        .bind(notes)
        .bind(now)
        .bind(yard)
        .bind(type_code)
        .fetch_one(&mut *tx)
        .await?;
        history::record(
            &mut tx,
            now,
            Change {
                municipality_id,
                unit_id: Some(id),
                breakdown_id: None,
                kind: Kind::UnitCreated,
                detail: "Demo",
                actor: None,
            },
        )
        .await?;
        if let Some(partner) = shared_with {
            if let Some(partner_id) = municipality(db, partner).await? {
                sqlx::query(
                    "insert into unit_shares (unit_id, partner_id, created_at) values ($1, $2, $3)",
                )
                .bind(id)
                .bind(partner_id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
