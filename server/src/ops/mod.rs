//! Operations: `/healthz` for load balancers, `/metrics` for Prometheus, backups
//! ([`backup`]) and the erasure of old data ([`retention`]).

pub mod backup;
pub mod retention;

use crate::core::Core;
use crate::photos::Photos;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};

/// What operations look at: the database and the photo store.
#[derive(Clone)]
pub struct Ops {
    pub core: Core,
    pub photos: Photos,
}

pub fn router() -> Router<Ops> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
}

/// 200 when the database answers and the photo store is writable, else 503.
async fn healthz(State(ops): State<Ops>) -> Response {
    let database = ops.core.db.ping().await;
    let photos = ops.photos.store.check().await;
    if let Err(error) = &database {
        tracing::error!(%error, "health check: database");
    }
    if let Err(error) = &photos {
        tracing::error!(%error, "health check: photo store");
    }
    let word = |ok: bool| if ok { "ok" } else { "unavailable" };
    let healthy = database.is_ok() && photos.is_ok();
    let status = if healthy {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = serde_json::json!({
        "status": word(healthy),
        "database": word(database.is_ok()),
        "photos": word(photos.is_ok()),
    });
    (
        status,
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Json(body),
    )
        .into_response()
}

async fn metrics(State(ops): State<Ops>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        )],
        ops.core.metrics.encode(),
    )
        .into_response()
}
