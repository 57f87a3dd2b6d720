//! Where the domains meet: the application state by domain, the router with every domain's
//! routes and the middleware, and the ports the pages' server functions get as context. This
//! is the one place that knows every domain; nothing imports it but the binary, the jobs and
//! the tests.
//!
//! A new domain adds its state here (if it has any), one line where the routers are merged,
//! its rate limits (if any) and its port (if its pages have one).

use crate::auth::{self, Auth};
use crate::core::cache::ByteCache;
use crate::core::clock::Clock;
use crate::core::config::Settings;
use crate::core::db::Db;
use crate::core::http::assets;
use crate::core::http::extract::identify_client;
use crate::core::http::rate_limit::{self, Limits};
use crate::core::http::security::{self, CrossSitePolicy};
use crate::core::personal::{Exporter, Forgetter};
use crate::core::{metrics, Core};
use crate::equipment::{self, Equipment};
use crate::open311;
use crate::ops::{self, Ops};
use crate::photos::Photos;
use crate::reports::{self, Reports};
use crate::routing::setup::{Setup, SetupPort};
use crate::tenants::{self, Tenants};
use crate::trees::{self, Trees};
use crate::triage::{self, Triage};
use axum::extract::Request;
use axum::middleware;
use axum::routing::post;
use axum::Router;
use kiezwerk_app::account::port::SharedAccounts;
use kiezwerk_app::admin::port::SharedSetup;
use kiezwerk_app::cookies::CookiePolicy;
use kiezwerk_app::equipment::port::SharedBauhof;
use kiezwerk_app::open311::port::SharedOpenStandards;
use kiezwerk_app::report::port::SharedReportFlow;
use kiezwerk_app::trees::port::SharedTrees;
use kiezwerk_app::triage::port::SharedTriage;
use kiezwerk_app::{shell, App};
use leptos::prelude::provide_context;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use std::sync::{Arc, OnceLock};
use tower_http::trace::TraceLayer;
use webauthn_rs::Webauthn;

/// Everything the server holds, by domain. Cloning is cheap (handles and `Arc`s); nothing
/// here is per-instance state that another server would need to see.
#[derive(Clone)]
pub struct AppState {
    pub core: Core,
    pub tenants: Tenants,
    pub photos: Photos,
    /// The WebAuthn relying party: this deployment's public origin.
    pub webauthn: Arc<Webauthn>,
    /// The tree map's tiles last made on this server (see [`trees::tiles::CACHE_BYTES`]).
    pub tree_tiles: Arc<ByteCache>,
}

impl AppState {
    /// Builds the state from settings, an open database and the clock (the system's, but in
    /// tests).
    pub async fn new(settings: Settings, db: Db, clock: Clock) -> anyhow::Result<AppState> {
        let tenants = Tenants::load(&db).await?;
        let webauthn = Arc::new(auth::passkeys::relying_party(&settings.public_url)?);
        let photos = Photos::new(&settings)?;
        Ok(AppState {
            core: Core::new(settings, db, clock),
            tenants,
            photos,
            webauthn,
            tree_tiles: Arc::new(ByteCache::new(trees::tiles::CACHE_BYTES)),
        })
    }

    pub fn reports(&self) -> Reports {
        Reports {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
            photos: self.photos.clone(),
        }
    }

    pub fn auth(&self) -> Auth {
        Auth {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
            webauthn: self.webauthn.clone(),
            personal_data: Arc::from([trees::care::personal_data as Exporter]),
            forget_account: Arc::from([trees::care::forget_account as Forgetter]),
            account_sections: Arc::from([trees::views::account_section(self.trees())]),
        }
    }

    pub fn triage(&self) -> Triage {
        Triage {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
        }
    }

    pub fn equipment(&self) -> Equipment {
        Equipment {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
            photos: self.photos.clone(),
        }
    }

    pub fn trees(&self) -> Trees {
        Trees {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
            tiles: self.tree_tiles.clone(),
        }
    }

    pub fn setup(&self) -> Setup {
        Setup {
            core: self.core.clone(),
            tenants: self.tenants.clone(),
        }
    }

    pub fn ops(&self) -> Ops {
        Ops {
            core: self.core.clone(),
            photos: self.photos.clone(),
        }
    }
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let core = &state.core;
    let ports = {
        let report_flow: SharedReportFlow =
            Arc::new(reports::port::ReportFlowPort(state.reports()));
        let accounts: SharedAccounts = Arc::new(auth::port::AccountsPort(state.auth()));
        let triage: SharedTriage = Arc::new(triage::port::TriagePort(state.triage()));
        let bauhof: SharedBauhof = Arc::new(equipment::port::BauhofPort(state.equipment()));
        let open_standards: SharedOpenStandards =
            Arc::new(open311::port::OpenStandardsPort(state.reports()));
        let setup: SharedSetup = Arc::new(SetupPort(state.setup()));
        let trees: SharedTrees = Arc::new(trees::port::TreesPort(state.trees()));
        let cookies = CookiePolicy {
            secure: core.settings.is_https(),
        };
        let options = core.leptos.clone();
        move || {
            provide_context(report_flow.clone());
            provide_context(accounts.clone());
            provide_context(triage.clone());
            provide_context(bauhof.clone());
            provide_context(open_standards.clone());
            provide_context(setup.clone());
            provide_context(trees.clone());
            provide_context(cookies);
            provide_context(options.clone());
        }
    };
    let server_fns = {
        let ports = ports.clone();
        move |request: Request| handle_server_fns_with_context(ports.clone(), request)
    };
    let app_shell = {
        let options = core.leptos.clone();
        move || shell(options.clone())
    };
    let limits = Arc::new(Limits {
        limits: [
            reports::limits(core),
            open311::limits(core),
            auth::limits(core),
            trees::limits(core),
        ]
        .into_iter()
        .flatten()
        .collect(),
        metrics: core.metrics.clone(),
    });
    let cross_site = Arc::new(CrossSitePolicy {
        public_url: core.settings.public_url.clone(),
        exempt: vec![open311::PREFIX, trees::http::UNSUBSCRIBE_PREFIX],
    });
    let max_photo_mb = core.settings.max_photo_mb;

    Router::new()
        .leptos_routes_with_context(core, route_list(), ports.clone(), app_shell)
        .route("/api/{*name}", post(server_fns))
        .merge(tenants::outlines::router().with_state(state.tenants.clone()))
        .merge(reports::http::router(max_photo_mb).with_state(state.reports()))
        .merge(auth::passkeys::http::router().with_state(state.auth()))
        .merge(auth::accounts::router().with_state(state.auth()))
        .merge(auth::platform::router().with_state(state.auth()))
        .merge(triage::http::router().with_state(state.triage()))
        .merge(open311::router(max_photo_mb).with_state(state.reports()))
        .merge(open311::open_data::router().with_state(state.reports()))
        .merge(equipment::http::router(max_photo_mb).with_state(state.equipment()))
        .merge(ops::router().with_state(state.ops()))
        .merge(crate::routing::setup_http::router().with_state(state.setup()))
        .merge(trees::http::router().with_state(state.trees()))
        .fallback(leptos_axum::file_and_error_handler_with_context::<Core, _>(
            ports, shell,
        ))
        .layer(middleware::from_fn(assets::cache_headers))
        .layer(middleware::from_fn_with_state(
            state.auth(),
            auth::sessions::attach_viewer,
        ))
        .layer(middleware::from_fn_with_state(
            Arc::<str>::from(core.settings.public_url.as_str()),
            auth::account_pages_on_public_host,
        ))
        .layer(middleware::from_fn_with_state(limits, rate_limit::enforce))
        .layer(middleware::from_fn_with_state(
            Arc::<[std::net::IpAddr]>::from(core.settings.trusted_proxies.as_slice()),
            identify_client,
        ))
        .layer(middleware::from_fn_with_state(
            cross_site,
            security::same_origin_only,
        ))
        .layer(middleware::from_fn_with_state(
            core.settings.clone(),
            security::headers,
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            core.metrics.clone(),
            metrics::record,
        ))
        // Spans name the path only: query strings can carry personal access tokens.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(core.clone())
}

/// The app's routes, generated once per process. Generating renders the app with resource
/// loading suspended through a process-wide flag; a page rendered at that moment by another
/// router in the same process (as in parallel tests) would wait forever
/// (leptos-rs/leptos#4773). Once is enough: the routes are the same for every router.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// How often a server asks the database whether the configuration changed.
pub const RELOAD_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// The application as a server runs it: the state and its router, replaced as a whole when
/// the municipalities' configuration in the database has a new version (an import on any
/// server or on the command line). Requests under way finish with the state they began with;
/// the next ones see the new configuration. Clones share the current state.
#[derive(Clone)]
pub struct Live {
    current: Arc<std::sync::RwLock<(AppState, Router)>>,
}

impl Live {
    pub fn new(state: AppState) -> Live {
        let router = router(state.clone());
        Live {
            current: Arc::new(std::sync::RwLock::new((state, router))),
        }
    }

    /// The state in force now.
    pub fn state(&self) -> AppState {
        self.read().0.clone()
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, (AppState, Router)> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// A router that hands every request to the router in force when it arrives.
    pub fn router(&self) -> Router {
        let live = self.clone();
        Router::new().fallback_service(tower::service_fn(move |request: Request| {
            let router = live.read().1.clone();
            tower::ServiceExt::oneshot(router, request)
        }))
    }

    /// Loads the configuration again if its version in the database is not the one in force;
    /// whether it did.
    pub async fn reload_if_changed(&self) -> anyhow::Result<bool> {
        let state = self.state();
        let version = tenants::version(&state.core.db).await?;
        if version == state.tenants.registry.version {
            return Ok(false);
        }
        let tenants = Tenants::load(&state.core.db).await?;
        let loaded = tenants.registry.version;
        let state = AppState { tenants, ..state };
        let router = router(state.clone());
        let mut current = self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Two reloads at once: the newer configuration stays.
        if current.0.tenants.registry.version < loaded {
            *current = (state, router);
        }
        Ok(true)
    }
}
