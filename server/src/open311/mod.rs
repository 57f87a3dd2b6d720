//! Open311 GeoReport v2, in XML and JSON: <https://wiki.open311.org/GeoReport_v2>.
//!
//! `jurisdiction_id` is the municipality's slug, `service_code` the category code and
//! `service_request_id` the report's reference. Reports go through the same intake pipeline as
//! the web form. Our documented choices where the specification leaves room:
//! - `POST requests` takes form-urlencoded parameters as specified, and also `multipart/form-data`
//!   with the photo as a file part named `media` (our extension); `media_url` is refused, because
//!   fetching URLs on a client's behalf would let anyone make the server request arbitrary hosts.
//! - `lat` and `long` are required: the place decides the responsible department.
//! - Names and phone numbers (`first_name`, `last_name`, `phone`) are not stored (data minimisation).
//! - Public responses carry no description and, as `address`, the district instead of the typed
//!   address: citizens' own words may contain personal data.
//! - Every endpoint answers in the format its path names (`….xml`, `….json`), with the same
//!   content ([`format`]). Errors are `<errors><error><code/><description/></error></errors>` or
//!   `[{"code": …, "description": …}]`, in German unless the request asks for English
//!   (`Accept-Language` or `locale=en`).
//! - `POST requests` answers with the new `service_request_id` at once, and also with a `token`
//!   that `GET tokens/{token}` resolves to it.
//! - The updates extension ([`updates`]): `GET servicerequestupdates` for clients that follow
//!   requests, `POST servicerequestupdates` for a department's back office (a key bound to the
//!   department), through the triage state machine.
//! - Posts count per client address and per API key ([`authorised_key`]).
//! - An OpenAPI 3.1 description of all of it at `/open311/openapi.json` ([`openapi`]).
//!
//! [`services`] answers discovery and the services, [`requests`] takes and shows single
//! requests, [`list`] searches them, [`tokens`] resolves tokens, [`updates`] lists and takes
//! updates, [`error`] is the API's error format and [`format`] writes both formats, [`keys`]
//! handles API keys (managed by administrators through [`port`]). [`open_data`] publishes the
//! reports as GeoJSON and CSV with a DCAT-AP.de catalogue.

pub mod error;
pub mod format;
pub mod keys;
pub mod list;
pub mod open_data;
pub mod openapi;
pub mod port;
pub mod requests;
pub mod services;
pub mod tokens;
pub mod updates;

use crate::core::http::rate_limit::Limit;
use crate::core::Core;
use crate::reports::Reports;
use crate::tenants::Municipality;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, MethodRouter};
use axum::Router;
use error::Open311Error;
use format::{Format, Shape};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::open311::model::KeyAccess;
use serde_json::Value;

/// The API's path prefix; it is meant for other sites and authenticates with API keys, so
/// the cross-site check of forms does not apply to it.
pub const PREFIX: &str = "/open311/";

/// The API under `/open311`. Unknown paths and methods also answer in the error format.
pub fn router(max_photo_mb: u64) -> Router<Reports> {
    // One photo at the limit plus the other parameters; a larger body is refused unread.
    let body_limit = (max_photo_mb as usize + 1) * 1024 * 1024;
    let requests = || -> MethodRouter<Reports> {
        get(list::list_requests)
            .post(requests::create_request)
            .layer(DefaultBodyLimit::max(body_limit))
    };
    let update_routes = || get(updates::list_updates).post(updates::post_update);
    let api = Router::new()
        .route("/openapi.json", get(openapi::document))
        .route("/discovery.json", get(services::discovery))
        .route("/discovery.xml", get(services::discovery))
        .route("/v2/services.json", get(services::services))
        .route("/v2/services.xml", get(services::services))
        .route("/v2/services/{file}", get(services::service_definition))
        .route("/v2/requests.json", requests())
        .route("/v2/requests.xml", requests())
        .route("/v2/requests/{file}", get(requests::one_request))
        .route("/v2/tokens/{file}", get(tokens::token))
        .route("/v2/servicerequestupdates.json", update_routes())
        .route("/v2/servicerequestupdates.xml", update_routes())
        .fallback(unknown_path)
        .method_not_allowed_fallback(wrong_method)
        .layer(middleware::from_fn(errors_in_the_requested_format));
    Router::new().nest("/open311", api)
}

/// Errors are made where they happen, before or without knowing the format (extractors, the
/// fallbacks, shared checks); this writes them in the format the path asks for.
async fn errors_in_the_requested_format(request: Request, next: Next) -> Response {
    let format = Format::of_path(request.uri().path());
    let response = next.run(request).await;
    match format {
        Format::Json => response,
        Format::Xml => error::rewrite(response, format),
    }
}

/// The paths that take posts: requests and updates.
fn posts_requests(path: &str) -> bool {
    matches!(
        path,
        "/open311/v2/requests.json"
            | "/open311/v2/requests.xml"
            | "/open311/v2/servicerequestupdates.json"
            | "/open311/v2/servicerequestupdates.xml"
    )
}

/// Posting requests and updates counts against the intake limit like the web form. The refusal
/// is written before routing, so each format has its own entry (both count on one limiter).
pub fn limits(core: &Core) -> Vec<Limit> {
    vec![
        Limit {
            applies: |path| posts_requests(path) && Format::of_path(path) == Format::Json,
            limiter: core.intake_limiter.clone(),
            refuse: |lang| too_many(lang, Format::Json),
        },
        Limit {
            applies: |path| posts_requests(path) && Format::of_path(path) == Format::Xml,
            limiter: core.intake_limiter.clone(),
            refuse: |lang| too_many(lang, Format::Xml),
        },
    ]
}

fn too_many(lang: Lang, format: Format) -> Response {
    let message = kiezwerk_app::model::Problem::TooManyRequests.message(lang.texts());
    Open311Error::new(StatusCode::TOO_MANY_REQUESTS, message).into_response_in(format)
}

/// The API key of a post, checked: valid and not revoked, allowed to write, within its own
/// limit (counted per key, whatever address the client posts from, so that a client spread
/// over many addresses cannot post beyond it), and for the request's municipality. The key and
/// the municipality, or the refusal (403, 429 with `Retry-After`, or the jurisdiction's
/// 400/404).
pub async fn authorised_key<'a>(
    reports: &'a Reports,
    api_key: Option<&str>,
    jurisdiction_id: Option<&str>,
    lang: Lang,
) -> Result<(keys::Key, &'a Municipality), Open311Error> {
    let t = lang.texts();
    let key = valid_key(reports, api_key, lang).await?;
    if key.access != KeyAccess::Write {
        return Err(Open311Error::new(
            StatusCode::FORBIDDEN,
            t.open311_key_read_only,
        ));
    }
    let core = &reports.core;
    if !core.api_key_limiter.allow(key.id).await {
        core.metrics.rate_limited();
        let message = kiezwerk_app::model::Problem::TooManyRequests.message(t);
        return Err(Open311Error::new(StatusCode::TOO_MANY_REQUESTS, message));
    }
    let municipality = jurisdiction(reports, jurisdiction_id, lang)?;
    if municipality.id != key.municipality_id {
        return Err(Open311Error::new(
            StatusCode::FORBIDDEN,
            t.open311_key_other_jurisdiction,
        ));
    }
    Ok((key, municipality))
}

/// The key, if it exists and is not revoked (its use recorded), or 403.
async fn valid_key(
    reports: &Reports,
    api_key: Option<&str>,
    lang: Lang,
) -> Result<keys::Key, Open311Error> {
    let key = match api_key {
        Some(key) => keys::verify(&reports.core.db, key, reports.core.clock.now_ms())
            .await
            .map_err(|e| Open311Error::internal(e, lang))?,
        None => None,
    };
    key.ok_or_else(|| Open311Error::new(StatusCode::FORBIDDEN, lang.texts().open311_key_invalid))
}

/// A read may name its client with an API key (read or write) of the municipality; without
/// one it is anonymous. A named key must be valid: a revoked key is refused at once.
pub async fn reading_key(
    reports: &Reports,
    api_key: Option<&str>,
    municipality: &Municipality,
    lang: Lang,
) -> Result<(), Open311Error> {
    let Some(api_key) = api_key.filter(|k| !k.is_empty()) else {
        return Ok(());
    };
    let key = valid_key(reports, Some(api_key), lang).await?;
    if key.municipality_id != municipality.id {
        return Err(Open311Error::new(
            StatusCode::FORBIDDEN,
            lang.texts().open311_key_other_jurisdiction,
        ));
    }
    Ok(())
}

async fn unknown_path(headers: HeaderMap) -> Open311Error {
    let t = lang_of(&headers, None).texts();
    Open311Error::new(StatusCode::NOT_FOUND, t.open311_unknown_path)
}

async fn wrong_method(headers: HeaderMap) -> Open311Error {
    let t = lang_of(&headers, None).texts();
    Open311Error::new(StatusCode::METHOD_NOT_ALLOWED, t.open311_wrong_method)
}

/// Public, read-only data: any web page may read it. Names and messages follow the request's
/// language, so caches must keep the languages apart.
pub fn public(format: Format, shape: Shape, value: &Value) -> Response {
    let mut response = format::respond(StatusCode::OK, format, shape, value);
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Language"));
    response
}

/// The language a request asks for: its `locale` parameter, else the browser's preference.
pub fn lang_of(headers: &HeaderMap, locale: Option<&str>) -> Lang {
    locale
        .and_then(Lang::parse)
        .unwrap_or_else(|| kiezwerk_app::cookies::lang(headers))
}

/// The municipality a request is about; `jurisdiction_id` is required since Kiezwerk serves
/// several.
pub fn jurisdiction<'a>(
    reports: &'a Reports,
    id: Option<&str>,
    lang: Lang,
) -> Result<&'a Municipality, Open311Error> {
    let t = lang.texts();
    let slug = id.map(str::trim).filter(|s| !s.is_empty()).ok_or_else(|| {
        Open311Error::new(StatusCode::BAD_REQUEST, t.open311_jurisdiction_missing)
    })?;
    reports.tenants.registry.by_slug(slug).ok_or_else(|| {
        Open311Error::new(
            StatusCode::NOT_FOUND,
            fill(t.open311_jurisdiction_unknown, &[slug]),
        )
    })
}

/// `{code}.json` or `{code}.xml` → the code and the format.
pub fn split_file(file: &str, lang: Lang) -> Result<(&str, Format), Open311Error> {
    Format::split(file)
        .ok_or_else(|| Open311Error::new(StatusCode::NOT_FOUND, lang.texts().open311_not_found))
}
