//! The server's counters for Prometheus (`/metrics`). Routes are labelled by their pattern,
//! never by concrete paths, so references and tokens stay out of the metrics.

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry as MetricRegistry;
use std::sync::Arc;
use std::time::{Duration, Instant};

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

    /// A report accepted for the municipality with this slug, through `channel` (web, open311).
    pub fn report_submitted(&self, municipality: &str, channel: &str) {
        self.reports
            .get_or_create(&ReportLabels {
                municipality: municipality.to_owned(),
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

/// Counts every request by method, route pattern and status, and times it.
pub async fn record(State(metrics): State<Arc<Metrics>>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().to_string();
    let response = next.run(request).await;
    metrics.request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}
