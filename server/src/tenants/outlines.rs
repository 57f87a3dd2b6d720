//! The municipalities' and districts' outlines for the maps, as GeoJSON prepared once.

use super::{Registry, Tenants};
use crate::core::geo::polygon::simplified;
use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde_json::json;

pub fn router() -> Router<Tenants> {
    Router::new().route("/karte/gebiete.geojson", get(outlines))
}

async fn outlines(State(tenants): State<Tenants>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        tenants.outlines.to_string(),
    )
        .into_response()
}

/// Municipality and area outlines, simplified to about 10 m, as a GeoJSON FeatureCollection.
pub fn outlines_geojson(registry: &Registry) -> String {
    let round = |v: f64| (v * 100_000.0).round() / 100_000.0;
    let rings = |shape: &geo::MultiPolygon<f64>| {
        simplified(shape, 0.0001)
            .iter()
            .map(|polygon| {
                std::iter::once(polygon.exterior())
                    .chain(polygon.interiors())
                    .map(|ring| {
                        ring.0
                            .iter()
                            .map(|c| [round(c.x), round(c.y)])
                            .collect::<Vec<_>>()
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let mut features = Vec::new();
    for m in &registry.municipalities {
        features.push(json!({
            "type": "Feature",
            "properties": { "kind": "municipality", "code": m.slug, "name": m.name },
            "geometry": { "type": "MultiPolygon", "coordinates": rings(&m.shape) },
        }));
        for a in &m.areas {
            features.push(json!({
                "type": "Feature",
                "properties": { "kind": "area", "code": a.code, "name": a.name, "municipality": m.name },
                "geometry": { "type": "MultiPolygon", "coordinates": rings(&a.shape) },
            }));
        }
    }
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}
