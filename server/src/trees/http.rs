//! The register's upload beside its administration page: a municipality's administrators
//! upload a register file in the browser (a form without JavaScript), checked as a whole like
//! `kiezwerk trees import`; back to the page with every problem, or with what it would change
//! ([`super::uploads`]), to apply (audited) or discard.
//! Somebody not signed in gets 401, somebody who may not configure the municipality 404.
//! And the map's tiles (see [`super::tiles`]): public, cacheable, revalidated by `ETag`; and
//! their overlay of the trees citizens care for ([`super::live`]): revalidated on every use.
//! And the one-click unsubscribe of the thirst reminders ([`super::reminders`]).

use super::uploads;
use super::{live, register, reminders, tiles, year_of, Trees};
use crate::auth::audit::{self, Entry, Event};
use crate::core::geo::tiles::TileId;
use crate::core::http::extract::Client;
use crate::core::http::upload::{read_one_file, NoFile};
use crate::core::http::{redirect_with_flash, MaybeViewer, PageError, RequestLang};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use bytes::Bytes;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{FieldError, Flash, MunicipalityId, Problem, Viewer};
use kiezwerk_app::trees::model::FIELD_REGISTER_FILE;
use kiezwerk_app::trees::serverfns::{register_admin_path, UNSUBSCRIBED_PATH};
use kiezwerk_app::trees::texts::texts;

/// Largest register file uploaded in the browser: about 250,000 trees. A city's whole
/// register (Berlin: 960,000 trees, 190 MB) is imported on the command line.
pub const UPLOAD_MAX_BYTES: usize = 50 * 1024 * 1024;

/// Where the reminders' unsubscribe links lie: posted to by mail programs from anywhere (the
/// token is the permission), so exempt from the check of the request's origin.
pub const UNSUBSCRIBE_PREFIX: &str = "/baeume/erinnerungen/abmelden/";

/// How long a browser uses a tile before it asks again (with `If-None-Match`): a new register
/// is on every map within five minutes.
const TILE_CACHE: &str = "public, max-age=300";

/// An overlay is kept but revalidated on every use (`If-None-Match`: a 304 from the care
/// version alone while nothing changed), so that a change is on the map at its next poll.
const OVERLAY_CACHE: &str = "public, no-cache";

pub fn router() -> Router<Trees> {
    Router::new()
        .route(
            "/verwaltung/{slug}/baeume/hochladen",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES + 64 * 1024)),
        )
        .route("/verwaltung/{slug}/baeume/uebernehmen", post(apply))
        .route("/verwaltung/{slug}/baeume/verwerfen", post(discard))
        .route("/baeume/{slug}/kacheln/{z}/{x}/{y}", get(tile))
        .route("/baeume/{slug}/pflege/stand", get(care_stand))
        .route("/baeume/erinnerungen/abmelden/{token}", post(unsubscribe))
        .route("/baeume/{slug}/pflege/{z}/{x}/{y}", get(overlay))
}

/// `GET /baeume/{m}/kacheln/{z}/{x}/{y}.mvt`: a vector tile of the municipality's trees; 304
/// when the client's copy is current; an empty tile without a register.
async fn tile(
    State(trees): State<Trees>,
    Path((slug, z, x, y)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let municipality_id = trees.municipality(&slug).ok_or(PageError::NotFound)?.id.0;
    let tile = TileId::parse(&z, &x, &y).ok_or(PageError::NotFound)?;
    let db = &trees.core.db;
    let now = trees.core.clock.now_ms();
    let (etag, bytes) = match live::versions(db, municipality_id, now).await? {
        None => (None, Bytes::new()),
        Some(versions) => {
            let etag = tiles::etag(versions, tile);
            if current(&headers, &etag) {
                return Ok(not_modified(
                    &etag,
                    "application/vnd.mapbox-vector-tile",
                    TILE_CACHE,
                ));
            }
            let key = format!("{municipality_id}/{etag}");
            let bytes = match trees.tiles.get(&key) {
                Some(kept) => kept,
                None => {
                    let made =
                        Bytes::from(tiles::tile(db, municipality_id, versions, tile, now).await?);
                    trees.tiles.insert(&key, made.clone());
                    made
                }
            };
            (Some(etag), bytes)
        }
    };
    let mut response = bytes.into_response();
    cache_headers(
        &mut response,
        etag.as_deref(),
        "application/vnd.mapbox-vector-tile",
        TILE_CACHE,
    );
    Ok(response)
}

/// `GET /baeume/{m}/pflege/{z}/{x}/{y}` (zoom 15 and closer): the tile's trees with adopters
/// or a recent watering, as JSON; 304 while the municipality's care version is the client's.
async fn overlay(
    State(trees): State<Trees>,
    Path((slug, z, x, y)): Path<(String, String, String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let municipality_id = trees.municipality(&slug).ok_or(PageError::NotFound)?.id.0;
    let tile = TileId::parse(&z, &x, &y)
        .filter(|t| t.z >= live::ZOOM)
        .ok_or(PageError::NotFound)?;
    let db = &trees.core.db;
    let now = trees.core.clock.now_ms();
    let Some(versions) = live::versions(db, municipality_id, now).await? else {
        let mut response = Json(live::Overlay { trees: Vec::new() }).into_response();
        cache_headers(&mut response, None, "application/json", OVERLAY_CACHE);
        return Ok(response);
    };
    let etag = live::etag(versions, tile);
    if current(&headers, &etag) {
        return Ok(not_modified(&etag, "application/json", OVERLAY_CACHE));
    }
    let overlay = live::overlay(db, municipality_id, versions, tile, now).await?;
    let mut response = Json(overlay).into_response();
    cache_headers(
        &mut response,
        Some(&etag),
        "application/json",
        OVERLAY_CACHE,
    );
    Ok(response)
}

/// `GET /baeume/{m}/pflege/stand`: `{"version": …}`, what the overlays are made of; the map asks
/// for it every two seconds and for its overlays only when it changed (never cached: one read).
async fn care_stand(
    State(trees): State<Trees>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality_id = trees.municipality(&slug).ok_or(PageError::NotFound)?.id.0;
    let now = trees.core.clock.now_ms();
    let version = live::versions(&trees.core.db, municipality_id, now)
        .await?
        .map(live::stand)
        .unwrap_or_default();
    let mut response = Json(serde_json::json!({ "version": version })).into_response();
    cache_headers(&mut response, None, "application/json", "no-store");
    Ok(response)
}

/// `POST /baeume/erinnerungen/abmelden/{token}`: a reminder's one-click unsubscribe (RFC 8058).
/// A mail program gets 200 (404 for a link not known); the page's button, a browser asking
/// for HTML, is sent on to the page that says so.
async fn unsubscribe(
    State(trees): State<Trees>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let known = reminders::unsubscribe(&trees.core.db, &token).await?;
    let browser = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    Ok(match (browser, known) {
        (true, true) => Redirect::to(UNSUBSCRIBED_PATH).into_response(),
        (true, false) => Redirect::to(&format!("{UNSUBSCRIBED_PATH}?gueltig=nein")).into_response(),
        (false, true) => "Unsubscribed: no more reminders.\n".into_response(),
        (false, false) => (StatusCode::NOT_FOUND, "Unknown unsubscribe link.\n").into_response(),
    })
}

fn not_modified(etag: &str, content_type: &'static str, cache: &'static str) -> Response {
    let mut response = StatusCode::NOT_MODIFIED.into_response();
    cache_headers(&mut response, Some(etag), content_type, cache);
    response
}

fn cache_headers(
    response: &mut Response,
    etag: Option<&str>,
    content_type: &'static str,
    cache: &'static str,
) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Some(value) = etag.and_then(|e| HeaderValue::from_str(e).ok()) {
        headers.insert(header::ETAG, value);
    }
}

/// Whether `If-None-Match` names `etag` (compared weakly, as RFC 9110 says for this header).
fn current(headers: &HeaderMap, etag: &str) -> bool {
    let weak = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    let ours = weak(etag);
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| tag.trim() == "*" || weak(tag) == ours)
}

/// What an import did, in a sentence.
pub fn summary(done: &register::Imported, seconds: f64, lang: Lang) -> String {
    let t = texts(lang);
    let seconds = match lang {
        Lang::De => format!("{seconds:.1}").replace('.', ","),
        Lang::En => format!("{seconds:.1}"),
    };
    let n = |count: usize| lang.count(u64::try_from(count).unwrap_or(u64::MAX));
    if done.changed() {
        fill(
            t.register_imported,
            &[
                &n(done.added),
                &n(done.updated),
                &n(done.retired),
                &n(done.unchanged),
                &seconds,
            ],
        )
    } else {
        fill(t.register_unchanged, &[&n(done.unchanged)])
    }
}

/// The signed-in viewer and the municipality `slug` they administer: 401 for nobody signed
/// in, 404 for anybody who may not configure it.
fn administrator(
    trees: &Trees,
    viewer: Option<Viewer>,
    slug: &str,
) -> Result<(Viewer, MunicipalityId), PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let id = trees
        .administered(&viewer, slug)
        .ok_or(PageError::NotYours)?
        .id;
    Ok((viewer, id))
}

/// A register file read and checked like the command line's; every problem, or the trees.
/// Reading and checking up to 50 MB takes seconds: off the executor.
async fn check(
    trees: &Trees,
    municipality_id: MunicipalityId,
    bytes: impl AsRef<[u8]> + Send + 'static,
    now: i64,
    lang: Lang,
) -> Result<Result<register::RegisterFile, Vec<String>>, PageError> {
    let registry = trees.tenants.registry.clone();
    Ok(tokio::task::spawn_blocking(move || {
        let municipality = registry.by_id(municipality_id).ok_or_else(Vec::new)?;
        register::parse(bytes.as_ref(), municipality, year_of(now), lang)
    })
    .await?)
}

/// `POST /verwaltung/{m}/baeume/hochladen`.
async fn upload(
    State(trees): State<Trees>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let (viewer, municipality_id) = administrator(&trees, viewer, &slug)?;
    let t = texts(lang);
    let back = register_admin_path(&slug);
    let answer = |flash: Flash| redirect_with_flash(&trees.core.settings, &back, &flash);
    let refuse = |messages: Vec<String>| {
        answer(Flash::errors(
            messages
                .into_iter()
                .map(|m| FieldError::new(FIELD_REGISTER_FILE, Problem::Worded(m)))
                .collect(),
        ))
    };
    let file = match read_one_file(&mut multipart, "datei", UPLOAD_MAX_BYTES).await {
        Ok(file) => file,
        Err(NoFile::Missing) => return Ok(refuse(vec![t.err_register_empty.to_owned()])),
        Err(NoFile::TooLarge) => return Ok(refuse(vec![t.err_register_too_large.to_owned()])),
    };
    let now = trees.core.clock.now_ms();
    let checked = match check(&trees, municipality_id, file.bytes.clone(), now, lang).await? {
        Ok(checked) => checked,
        Err(problems) => return Ok(refuse(problems)),
    };
    // Nothing changes yet: the file waits with what it would change, for the administrator to
    // look at and apply.
    uploads::keep(
        &trees.core.db,
        municipality_id.0,
        viewer.account_id,
        &file.name,
        &file.bytes,
        &checked,
        now,
    )
    .await?;
    Ok(answer(Flash::notice(t.register_preview_ready.to_owned())))
}

/// The form of a waiting upload: which one (`vorschau`: when it was uploaded). Read as text,
/// so that a mangled value is "no such preview" on the page, not a bare 422.
#[derive(serde::Deserialize)]
pub struct WaitingForm {
    #[serde(default)]
    vorschau: String,
}

impl WaitingForm {
    /// The upload's moment; 0 (never an upload's) when the value is no number.
    fn uploaded_at(&self) -> i64 {
        self.vorschau.trim().parse().unwrap_or(0)
    }
}

/// `POST /verwaltung/{m}/baeume/uebernehmen`: applies the waiting upload whose preview the
/// administrator saw, unless the register changed since; audited.
async fn apply(
    State(trees): State<Trees>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    Client(client): Client,
    Form(form): Form<WaitingForm>,
) -> Result<Response, PageError> {
    let (viewer, municipality_id) = administrator(&trees, viewer, &slug)?;
    let t = texts(lang);
    let back = register_admin_path(&slug);
    let answer = |flash: Flash| redirect_with_flash(&trees.core.settings, &back, &flash);
    let refuse = |message: &str| {
        answer(Flash::errors(vec![FieldError::new(
            FIELD_REGISTER_FILE,
            Problem::Worded(message.to_owned()),
        )]))
    };
    let db = &trees.core.db;
    let now = trees.core.clock.now_ms();
    let Some((source, bytes, version)) =
        uploads::find(db, municipality_id.0, form.uploaded_at(), now).await?
    else {
        return Ok(refuse(t.err_register_preview_gone));
    };
    let started = std::time::Instant::now();
    let checked = match check(&trees, municipality_id, bytes, now, lang).await? {
        Ok(checked) => checked,
        // Checked when uploaded; only a changed configuration (a new boundary) gets here.
        Err(problems) => return Ok(refuse(&problems.join("; "))),
    };
    let imported = register::import_over(
        db,
        now,
        municipality_id.0,
        &checked,
        &source,
        Some(version),
        &mut |_, _| {},
    )
    .await;
    let done = match imported {
        Ok(done) => done,
        Err(error) if error.is::<register::Moved>() => {
            uploads::discard(db, municipality_id.0, form.uploaded_at()).await?;
            return Ok(refuse(t.err_register_preview_stale));
        }
        Err(error) => return Err(error.into()),
    };
    let detail = format!(
        "{source}: {} added, {} updated, {} retired, {} unchanged",
        done.added, done.updated, done.retired, done.unchanged
    );
    audit::record(
        db,
        now,
        Event::TreeRegisterImported,
        Entry {
            actor_id: Some(viewer.account_id),
            municipality_id: Some(municipality_id),
            ip: Some(client.to_string()),
            detail: &detail,
            ..Entry::default()
        },
    )
    .await;
    tracing::info!(
        municipality = %slug,
        added = done.added,
        updated = done.updated,
        retired = done.retired,
        unchanged = done.unchanged,
        "tree register imported in the browser"
    );
    let seconds = started.elapsed().as_secs_f64();
    Ok(answer(Flash::notice(summary(&done, seconds, lang))))
}

/// `POST /verwaltung/{m}/baeume/verwerfen`: drops the waiting upload; nothing changes.
async fn discard(
    State(trees): State<Trees>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    Form(form): Form<WaitingForm>,
) -> Result<Response, PageError> {
    let (_, municipality_id) = administrator(&trees, viewer, &slug)?;
    uploads::discard(&trees.core.db, municipality_id.0, form.uploaded_at()).await?;
    let notice = texts(lang).register_preview_discarded.to_owned();
    Ok(redirect_with_flash(
        &trees.core.settings,
        &register_admin_path(&slug),
        &Flash::notice(notice),
    ))
}
