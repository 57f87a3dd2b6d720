//! The HTTP surface: every route and middleware, assembled in one place.

pub mod rate_limit;
pub mod security;

use crate::state::AppState;
use crate::web::accounts_backend::AccountsBackend;
use crate::web::backend::WebBackend;
use crate::web::triage_backend::TriageBackend;
use crate::{auth, open311, ops, web};
use axum::extract::{ConnectInfo, MatchedPath, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use kiezwerk_app::backend::{SharedAccounts, SharedBackend, SharedTriage};
use kiezwerk_app::request::CookiePolicy;
use kiezwerk_app::{shell, App};
use leptos::prelude::provide_context;
use leptos_axum::{
    generate_route_list, handle_server_fns_with_context, AxumRouteListing, LeptosRoutes,
};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, OnceLock};
use std::time::Instant;
use tower_http::trace::TraceLayer;

/// Paths that create reports or store photos: rate-limited per client.
const INTAKE_PATHS: [&str; 4] = [
    "/api/melden/absenden",
    "/api/melden/unterstuetzen",
    kiezwerk_app::pages::report::photos::UPLOAD_PATH,
    "/open311/v2/requests.json",
];

/// Paths of passkey ceremonies, account recovery and requests that send mail: rate-limited per
/// client, more tightly.
fn is_auth_path(path: &str) -> bool {
    path.starts_with("/konto/passkey/")
        || path.starts_with("/api/konto/wiederherstellen")
        || path == "/api/konto/registrieren"
        || path == "/api/konto/email"
        || path == "/api/einladung/annehmen"
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let backend: SharedBackend = Arc::new(WebBackend {
        state: state.clone(),
    });
    let accounts: SharedAccounts = Arc::new(AccountsBackend {
        state: state.clone(),
    });
    let triage: SharedTriage = Arc::new(TriageBackend {
        state: state.clone(),
    });
    let cookies = CookiePolicy {
        secure: state.settings.is_https(),
    };
    let options = state.leptos.clone();
    let context = move || {
        provide_context(backend.clone());
        provide_context(accounts.clone());
        provide_context(triage.clone());
        provide_context(cookies);
        provide_context(options.clone());
    };
    let routes = route_list();
    let server_fns = {
        let context = context.clone();
        move |request: Request| handle_server_fns_with_context(context.clone(), request)
    };
    let app_shell = {
        let options = state.leptos.clone();
        move || shell(options.clone())
    };

    Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), app_shell)
        .route("/api/{*name}", post(server_fns))
        .merge(web::router(state.settings.max_photo_mb))
        .merge(auth::passkeys::router())
        .route("/konto/daten.json", get(auth::accounts::export_handler))
        .merge(crate::triage::http::router())
        .merge(open311::router(state.settings.max_photo_mb))
        .merge(ops::router())
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .layer(middleware::from_fn(static_cache_headers))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            auth::sessions::attach_viewer,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            account_pages_on_public_host,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), rate_limit))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::same_origin_only,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(middleware::from_fn_with_state(
            state.clone(),
            record_metrics,
        ))
        // Spans name the path only: query strings can carry personal access tokens.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}

/// The app's routes, generated once per process. Generating renders the app with resource
/// loading suspended through a process-wide flag; a page rendered at that moment by another
/// router in the same process (as in parallel tests) would wait forever
/// (leptos-rs/leptos#4773). Once is enough: the routes are the same for every router.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The client's address: the peer of the connection, or, if that peer is a trusted reverse
/// proxy, the right-most address in `X-Forwarded-For` that is not a trusted proxy itself
/// (addresses further left are whatever the client claimed).
pub fn client_ip(request: &Request, trusted: &[IpAddr]) -> IpAddr {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    if !trusted.contains(&peer) {
        return peer;
    }
    request
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .map_while(|a| a.parse::<IpAddr>().ok())
        .find(|a| !trusted.contains(a))
        .unwrap_or(peer)
}

/// Records the client's address for handlers and the audit log, and limits report intake and
/// sign-in ceremonies per client.
async fn rate_limit(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let client = client_ip(&request, &state.settings.trusted_proxies);
    request
        .extensions_mut()
        .insert(kiezwerk_app::request::ClientIp(client.to_string()));
    let path = request.uri().path();
    let limiter = match () {
        _ if request.method() != Method::POST => None,
        _ if INTAKE_PATHS.contains(&path) => Some(&state.intake_limiter),
        _ if is_auth_path(path) => Some(&state.auth_limiter),
        _ => None,
    };
    if limiter.is_none_or(|l| l.allow(client, Instant::now())) {
        return next.run(request).await;
    }
    state.metrics.rate_limited();
    let lang = web::request_lang(request.headers());
    let message = kiezwerk_app::model::Problem::TooManyRequests.message(lang.texts());
    let mut response = if request.uri().path().starts_with("/konto/passkey/") {
        (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(serde_json::json!({ "message": message })),
        )
            .into_response()
    } else if request.uri().path().starts_with("/open311/") {
        (
            StatusCode::TOO_MANY_REQUESTS,
            axum::Json(serde_json::json!([{ "code": 429, "description": message }])),
        )
            .into_response()
    } else {
        let page = format!(
            "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
             content=\"width=device-width, initial-scale=1\"><title>{message}</title>\
             <link rel=\"stylesheet\" href=\"/vendor/kern-ux-native-2.7.2/kern.min.css\"></head>\
             <body><main class=\"site-main\"><h1 class=\"kern-heading-large\">{message}</h1>\
             <p><a class=\"kern-link\" href=\"/\">{}</a></p></main></body></html>",
            lang.tag(),
            lang.texts().to_home,
        );
        (StatusCode::TOO_MANY_REQUESTS, axum::response::Html(page)).into_response()
    };
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}

/// Passkeys are bound to the public URL's host name: an account page opened under another
/// name of this server (typically `127.0.0.1` in development, where the public URL says
/// `localhost`) is sent there, where its passkeys and session cookie work.
async fn account_pages_on_public_host(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    let account_page = path == "/konto" || path.starts_with("/konto/") || path == "/einladung";
    let public_host = state
        .settings
        .public_url
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or(public_host);
    // Only the development case: a proxy in production may pass on any internal host name.
    let loopback_literal = host.starts_with("127.0.0.1") || host.starts_with("[::1]");
    if request.method() == Method::GET
        && account_page
        && loopback_literal
        && public_host.starts_with("localhost")
    {
        let target = format!(
            "{}{}",
            state.settings.public_url,
            request
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or(path)
        );
        return axum::response::Redirect::temporary(&target).into_response();
    }
    next.run(request).await
}

/// Compiled assets and vendored libraries change only with a new release.
async fn static_cache_headers(request: Request, next: Next) -> Response {
    let cacheable = ["/pkg/", "/vendor/", "/fonts/"]
        .iter()
        .any(|p| request.uri().path().starts_with(p));
    let mut response = next.run(request).await;
    if cacheable && response.status() == StatusCode::OK {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
    }
    response
}

async fn record_metrics(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().to_string();
    let response = next.run(request).await;
    state.metrics.request(
        &method,
        &route,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}
