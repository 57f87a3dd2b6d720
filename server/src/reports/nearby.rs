//! Open reports near a point: possible duplicates for staff, and in the citizen's flow the
//! reports they may support instead of filing a new one.

use super::{Reference, Status};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::ReportId;
use kiezwerk_app::report::model::NearbyReport;

/// Which open reports to look for.
pub struct Nearby<'a> {
    /// Reports of this municipality …
    pub municipality: &'a Municipality,
    /// … of this category only, if given …
    pub category_id: Option<i64>,
    /// … within `radius_m` of this point …
    pub around: Coordinates,
    pub radius_m: f64,
    /// … but not this one …
    pub exclude: Option<ReportId>,
    /// … nearest first, at most this many.
    pub limit: usize,
}

/// The open reports the query asks for.
pub async fn open_nearby(
    db: &Db,
    query: Nearby<'_>,
    lang: Lang,
) -> Result<Vec<NearbyReport>, sqlx::Error> {
    let (south, north, west, east) = query.around.bounding_box(query.radius_m);
    let rows: Vec<(Reference, i64, Status, f64, f64)> = sqlx::query_as(
        "select reference, category_id, status, lat, lon from reports \
         where municipality_id = $1 and stage in (0, 1) and id <> $2 and ($3 = 0 or category_id = $3) \
         and lat between $4 and $5 and lon between $6 and $7 limit 200",
    )
    .bind(query.municipality.id)
    .bind(query.exclude.unwrap_or(ReportId(0)))
    .bind(query.category_id.unwrap_or(0))
    .bind(south)
    .bind(north)
    .bind(west)
    .bind(east)
    .fetch_all(&db.pool)
    .await?;
    let t = lang.texts();
    let mut nearby: Vec<NearbyReport> = rows
        .into_iter()
        .filter_map(|(reference, category, status, lat, lon)| {
            let distance_m = query.around.distance_m(Coordinates::new(lat, lon)?).round() as i64;
            (distance_m as f64 <= query.radius_m).then(|| NearbyReport {
                reference: reference.to_string(),
                category: query
                    .municipality
                    .category_by_id(category)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                status: status.label(t).to_owned(),
                distance_m,
            })
        })
        .collect();
    nearby.sort_by(|a, b| {
        a.distance_m
            .cmp(&b.distance_m)
            .then(a.reference.cmp(&b.reference))
    });
    nearby.truncate(query.limit);
    Ok(nearby)
}
