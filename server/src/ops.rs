//! Operations: `/healthz` for load balancers and `/metrics` for Prometheus.

use crate::reports::intake::Created;
use crate::state::AppState;
use crate::tenants::Registry;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry as MetricRegistry;
use std::time::Duration;

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabel {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct ReportLabels {
    municipality: String,
    channel: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabel {
    outcome: String,
}

/// The server's counters. Routes are labelled by their pattern, never by concrete paths, so
/// references and tokens stay out of the metrics.
pub struct Metrics {
    registry: MetricRegistry,
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabel, Histogram>,
    reports: Family<ReportLabels, Counter>,
    photos: Family<OutcomeLabel, Counter>,
    rate_limited: Counter,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = MetricRegistry::with_prefix("kiezwerk");
        let requests = Family::<RequestLabels, Counter>::default();
        let durations = Family::<RouteLabel, Histogram>::new_with_constructor(|| {
            Histogram::new([0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0])
        });
        let reports = Family::<ReportLabels, Counter>::default();
        let photos = Family::<OutcomeLabel, Counter>::default();
        let rate_limited = Counter::default();
        registry.register(
            "http_requests",
            "HTTP requests by route and status",
            requests.clone(),
        );
        registry.register(
            "http_request_duration_seconds",
            "Time to answer a request",
            durations.clone(),
        );
        registry.register(
            "reports_submitted",
            "Reports accepted, by municipality and channel",
            reports.clone(),
        );
        registry.register(
            "photos_processed",
            "Uploaded photos, stored or refused",
            photos.clone(),
        );
        registry.register(
            "rate_limited",
            "Requests refused by the intake rate limit",
            rate_limited.clone(),
        );
        Metrics {
            registry,
            requests,
            durations,
            reports,
            photos,
            rate_limited,
        }
    }
}

impl Metrics {
    pub fn request(&self, method: &str, route: &str, status: u16, took: Duration) {
        self.requests
            .get_or_create(&RequestLabels {
                method: method.to_owned(),
                route: route.to_owned(),
                status,
            })
            .inc();
        self.durations
            .get_or_create(&RouteLabel {
                route: route.to_owned(),
            })
            .observe(took.as_secs_f64());
    }

    pub fn report_submitted(&self, registry: &Registry, created: &Created, channel: &str) {
        let municipality = registry
            .by_id(created.decision.municipality_id)
            .map(|m| m.slug.clone())
            .unwrap_or_default();
        self.reports
            .get_or_create(&ReportLabels {
                municipality,
                channel: channel.to_owned(),
            })
            .inc();
    }

    pub fn photo_processed(&self, outcome: &str) {
        self.photos
            .get_or_create(&OutcomeLabel {
                outcome: outcome.to_owned(),
            })
            .inc();
    }

    pub fn rate_limited(&self) {
        self.rate_limited.inc();
    }

    /// The OpenMetrics text exposition.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        if prometheus_client::encoding::text::encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
}

/// 200 when the database answers and the photo store is writable, else 503.
async fn healthz(State(state): State<AppState>) -> Response {
    let database = state.db.ping().await;
    let photos = state.photos.check().await;
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

async fn metrics(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/openmetrics-text; version=1.0.0; charset=utf-8"),
        )],
        state.metrics.encode(),
    )
        .into_response()
}
