//! Open reports near a point: possible duplicates for staff, and in the citizen's flow the
//! reports they may support instead of filing a new one.

use super::Status;
use crate::db::Db;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::NearbyReport;

const METRES_PER_DEGREE: f64 = 111_320.0;

/// Open reports of the municipality within `radius_m` of the point (of one category, if
/// given), nearest first, at most `limit`; `exclude` leaves one report out.
#[allow(clippy::too_many_arguments)]
pub async fn open_nearby(
    db: &Db,
    municipality: &Municipality,
    category_id: Option<i64>,
    lat: f64,
    lon: f64,
    radius_m: f64,
    exclude: Option<i64>,
    limit: usize,
    lang: Lang,
) -> Result<Vec<NearbyReport>, sqlx::Error> {
    let dlat = radius_m / METRES_PER_DEGREE;
    let cos = lat.to_radians().cos().max(0.01);
    let dlon = radius_m / (METRES_PER_DEGREE * cos);
    let rows: Vec<(String, i64, String, f64, f64)> = sqlx::query_as(
        "select reference, category_id, status, lat, lon from reports \
         where municipality_id = $1 and stage in (0, 1) and id <> $2 and ($3 = 0 or category_id = $3) \
         and lat between $4 and $5 and lon between $6 and $7 limit 200",
    )
    .bind(municipality.id)
    .bind(exclude.unwrap_or(0))
    .bind(category_id.unwrap_or(0))
    .bind(lat - dlat)
    .bind(lat + dlat)
    .bind(lon - dlon)
    .bind(lon + dlon)
    .fetch_all(&db.pool)
    .await?;
    let t = lang.texts();
    let mut nearby: Vec<NearbyReport> = rows
        .into_iter()
        .map(|(reference, category, status, rlat, rlon)| {
            let dy = (rlat - lat) * METRES_PER_DEGREE;
            let dx = (rlon - lon) * METRES_PER_DEGREE * cos;
            NearbyReport {
                reference,
                category: municipality
                    .category_by_id(category)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                status: Status::parse(&status)
                    .map(|s| s.label(t).to_owned())
                    .unwrap_or_default(),
                distance_m: (dx * dx + dy * dy).sqrt().round() as i64,
            }
        })
        .filter(|r| r.distance_m as f64 <= radius_m)
        .collect();
    nearby.sort_by(|a, b| {
        a.distance_m
            .cmp(&b.distance_m)
            .then(a.reference.cmp(&b.reference))
    });
    nearby.truncate(limit);
    Ok(nearby)
}
