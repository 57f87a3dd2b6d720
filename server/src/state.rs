//! What every request handler shares. Cloning is cheap (handles and `Arc`s); nothing here is
//! per-instance state that another server would need to see: sessions, drafts and reports live
//! in the database, photos in the photo store.

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::http::rate_limit::RateLimiter;
use crate::ops::Metrics;
use crate::photos::store::PhotoStore;
use crate::photos::PhotoLimits;
use crate::tenants::Registry;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    /// Every "now" of the server; tests set it to the moments they need.
    pub clock: Clock,
    pub registry: Arc<Registry>,
    pub settings: Arc<Settings>,
    pub photos: PhotoStore,
    pub photo_limits: PhotoLimits,
    /// One decode per core at a time: a decode may hold a few hundred megabytes, so queued
    /// uploads wait here instead of exhausting memory.
    pub photo_decodes: Arc<tokio::sync::Semaphore>,
    pub metrics: Arc<Metrics>,
    pub intake_limiter: Arc<RateLimiter>,
    /// Passkey ceremonies (sign-in, sign-up) per client.
    pub auth_limiter: Arc<RateLimiter>,
    /// The WebAuthn relying party: this deployment's public origin.
    pub webauthn: Arc<webauthn_rs::Webauthn>,
    pub leptos: LeptosOptions,
    /// District and municipality outlines as GeoJSON for the map, prepared once.
    pub outlines: Arc<str>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> LeptosOptions {
        state.leptos.clone()
    }
}

impl AppState {
    /// Builds the state from settings, an open database and the clock (the system's, but in
    /// tests).
    pub async fn new(settings: Settings, db: Db, clock: Clock) -> anyhow::Result<AppState> {
        let registry = Arc::new(Registry::load(&db).await?);
        let leptos = LeptosOptions::builder()
            .output_name("kiezwerk")
            .site_root(settings.site_root.to_string_lossy().to_string())
            .site_pkg_dir("pkg")
            .site_addr(settings.bind)
            .build();
        Ok(AppState {
            outlines: crate::web::outlines_geojson(&registry).into(),
            photos: PhotoStore::new(&settings.photo_dir),
            photo_limits: PhotoLimits::with_max_mb(settings.max_photo_mb),
            photo_decodes: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            intake_limiter: Arc::new(RateLimiter::per_minute(settings.intake_per_minute)),
            auth_limiter: Arc::new(RateLimiter::per_minute(settings.auth_per_minute)),
            webauthn: Arc::new(crate::auth::passkeys::relying_party(&settings.public_url)?),
            metrics: Arc::new(Metrics::default()),
            registry,
            settings: Arc::new(settings),
            leptos,
            db,
            clock,
        })
    }
}
