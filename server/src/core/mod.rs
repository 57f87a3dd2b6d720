//! The lower layer: what every domain uses and that knows no domain. Database, clock,
//! configuration, the mail outbox, metrics, text/time/geometry helpers, the access policy
//! over a viewer's roles, and the HTTP plumbing (errors, extractors, cookies, security headers,
//! rate limits, static assets). Nothing in here imports a domain module; domains import from
//! here (see ARCHITECTURE.md).

pub mod access;
pub mod cache;
pub mod clock;
pub mod config;
pub mod db;
pub mod export;
pub mod geo;
pub mod http;
pub mod mail;
pub mod metrics;
pub mod personal;
pub mod port;
pub mod secret;
pub mod text;
pub mod time;

use axum::extract::FromRef;
use clock::Clock;
use config::Settings;
use db::Db;
use http::rate_limit::RateLimiter;
use leptos::config::LeptosOptions;
use metrics::Metrics;
use std::sync::Arc;

/// Open-data downloads a client may start per minute.
const DOWNLOADS_PER_MINUTE: u32 = 30;

/// The part of the application state every domain may use. Cloning is cheap (handles and
/// `Arc`s). Nothing here is per-instance state that another server would need to see:
/// sessions, drafts, reports and the rate limits' buckets live in the database.
#[derive(Clone)]
pub struct Core {
    pub db: Db,
    /// Every "now" of the server; tests set it to the moments they need.
    pub clock: Clock,
    pub settings: Arc<Settings>,
    pub metrics: Arc<Metrics>,
    /// Report intake: reports, photo uploads, Open311 posts per client.
    pub intake_limiter: Arc<RateLimiter>,
    /// Posts per API key, from whatever address.
    pub api_key_limiter: Arc<RateLimiter<i64>>,
    /// Passkey ceremonies, recovery and mail-sending requests per client.
    pub auth_limiter: Arc<RateLimiter>,
    /// Open-data downloads per client (each reads all of a municipality's reports).
    pub download_limiter: Arc<RateLimiter>,
    pub leptos: LeptosOptions,
}

impl Core {
    pub fn new(settings: Settings, db: Db, clock: Clock) -> Core {
        let leptos = LeptosOptions::builder()
            .output_name("kiezwerk")
            .site_root(settings.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .site_addr(settings.bind)
            .build();
        let limit = |scope, per_minute| {
            RateLimiter::per_minute(scope, per_minute, db.clone(), clock.clone())
        };
        Core {
            intake_limiter: Arc::new(limit("intake", settings.intake_per_minute)),
            api_key_limiter: Arc::new(RateLimiter::per_minute(
                "api_key",
                settings.api_key_per_minute,
                db.clone(),
                clock.clone(),
            )),
            download_limiter: Arc::new(limit("download", DOWNLOADS_PER_MINUTE)),
            auth_limiter: Arc::new(limit("auth", settings.auth_per_minute)),
            metrics: Arc::new(Metrics::default()),
            settings: Arc::new(settings),
            leptos,
            db,
            clock,
        }
    }
}

impl FromRef<Core> for LeptosOptions {
    fn from_ref(core: &Core) -> LeptosOptions {
        core.leptos.clone()
    }
}
