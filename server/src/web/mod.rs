//! The citizen-facing web interface's server side: the Leptos backend, photo uploads of the
//! report flow, photo delivery and the map's outlines.

pub mod accounts_backend;
pub mod backend;
pub mod triage_backend;

use crate::drafts;
use crate::photos::store::{new_key, Rendition};
use crate::photos::{self, PhotoError, PhotoLimits};
use crate::reports::intake::PhotoRef;
use crate::reports::{normalize_reference, view, MAX_PHOTOS};
use crate::spatial::simplified;
use crate::state::AppState;
use crate::tenants::Registry;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{FieldError, Flash, Problem, Step};
use kiezwerk_app::pages::report::photos::UPLOAD_PATH;
use serde_json::json;

pub fn router(max_photo_mb: u64) -> Router<AppState> {
    // Room for every photo at the limit plus form overhead; larger files are read to the end
    // and refused with a message rather than cut off.
    let body_limit = ((max_photo_mb as usize) * (MAX_PHOTOS + 1) + 1) * 1024 * 1024;
    Router::new()
        .route(
            UPLOAD_PATH,
            post(upload_photos).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/melden/fotos/{id}/vorschau", get(draft_photo))
        .route("/meldungen/{reference}/fotos/{number}", get(report_photo))
        .route(
            "/meldungen/{reference}/fotos/{number}/vorschau",
            get(report_thumbnail),
        )
        .route("/karte/gebiete.geojson", get(outlines))
}

/// The request's language, as the pages negotiate it.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    Lang::negotiate(get(header::COOKIE), get(header::ACCEPT_LANGUAGE))
}

/// The value of a request cookie.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get_all(header::COOKIE).iter().find_map(|value| {
        value.to_str().ok()?.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then_some(v)
        })
    })
}

fn draft_token<'a>(state: &AppState, headers: &'a HeaderMap) -> Option<&'a str> {
    let policy = kiezwerk_app::request::CookiePolicy {
        secure: state.settings.is_https(),
    };
    cookie(headers, policy.draft_cookie_name()).filter(|t| !t.is_empty() && t.len() <= 64)
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

/// One uploaded file, read up to the size limit.
struct Upload {
    name: String,
    bytes: Vec<u8>,
    too_large: bool,
}

/// Reads all `foto` parts. Files over the limit are read to their end (so the browser gets our
/// answer instead of a reset connection) but not kept.
async fn read_uploads(
    multipart: &mut Multipart,
    max_bytes: usize,
) -> Result<Vec<Upload>, axum::extract::multipart::MultipartError> {
    let mut uploads = Vec::new();
    while let Some(mut field) = multipart.next_field().await? {
        if field.name() != Some("foto") {
            continue;
        }
        let name: String = field
            .file_name()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(80)
            .collect();
        let mut upload = Upload {
            name,
            bytes: Vec::new(),
            too_large: false,
        };
        while let Some(chunk) = field.chunk().await? {
            if upload.bytes.len() + chunk.len() > max_bytes {
                upload.too_large = true;
                upload.bytes = Vec::new();
            }
            if !upload.too_large {
                upload.bytes.extend_from_slice(&chunk);
            }
        }
        // A form sent without choosing a file has one empty, nameless part.
        if !(upload.name.is_empty() && upload.bytes.is_empty() && !upload.too_large) {
            uploads.push(upload);
        }
    }
    Ok(uploads)
}

pub fn photo_problem(error: &PhotoError, file: &str, limits: &PhotoLimits) -> Problem {
    let file = file.to_owned();
    match error {
        PhotoError::TooLarge => Problem::PhotoTooLarge {
            file,
            max_mb: (limits.max_bytes / (1024 * 1024)) as u64,
        },
        PhotoError::Unsupported => Problem::PhotoUnsupported { file },
        PhotoError::Corrupt => Problem::PhotoCorrupt { file },
        PhotoError::TooManyPixels => Problem::PhotoTooManyPixels {
            file,
            max_megapixels: limits.max_pixels / 1_000_000,
        },
    }
}

/// Processes a photo off the async executor and stores it durably.
pub async fn process_and_store(
    state: &AppState,
    bytes: Vec<u8>,
) -> Result<(PhotoRef, Option<(f64, f64)>), ProcessError> {
    let limits = state.photo_limits;
    let slot = state
        .photo_decodes
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ProcessError::Internal(e.to_string()))?;
    let processed = tokio::task::spawn_blocking(move || {
        let processed = photos::process(&bytes, &limits);
        drop(slot);
        processed
    })
    .await
    .map_err(|e| ProcessError::Internal(e.to_string()))?;
    let processed = match processed {
        Ok(p) => p,
        Err(e) => {
            state.metrics.photo_processed("refused");
            return Err(ProcessError::Refused(e));
        }
    };
    let key = new_key();
    photos::pending::record(&state.db, &key, state.clock.now_ms())
        .await
        .map_err(|e| ProcessError::Internal(e.to_string()))?;
    state
        .photos
        .put(&key, processed.jpeg, processed.thumbnail)
        .await
        .map_err(|e| ProcessError::Internal(e.to_string()))?;
    state.metrics.photo_processed("stored");
    Ok((
        PhotoRef {
            key,
            width: processed.width,
            height: processed.height,
        },
        processed.gps,
    ))
}

#[derive(Debug)]
pub enum ProcessError {
    Refused(PhotoError),
    Internal(String),
}

/// `POST /melden/fotos/hochladen`: the photo step's multipart form (and its JavaScript
/// enhancement, which asks for JSON).
async fn upload_photos(
    State(state): State<AppState>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let json = wants_json(&headers);
    let lang = request_lang(&headers);
    let t = lang.texts();
    let max_mb = state.settings.max_photo_mb;
    let draft = match draft_token(&state, &headers) {
        Some(token) => drafts::load(&state.db, state.clock.now_ms(), token).await,
        None => Ok(None),
    };
    let draft = match draft {
        Ok(Some(d)) if d.submitted.is_none() => d,
        Ok(_) => {
            return if json {
                (
                    StatusCode::CONFLICT,
                    Json(json!({ "errors": [Problem::DraftExpired.message(t)] })),
                )
                    .into_response()
            } else {
                Redirect::to(Step::Category.path()).into_response()
            };
        }
        Err(error) => {
            tracing::error!(%error, "loading draft for upload");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };

    let mut errors = Vec::new();
    let mut stored = 0usize;
    match read_uploads(&mut multipart, state.photo_limits.max_bytes).await {
        Err(error) => {
            tracing::info!(%error, "photo upload aborted");
            errors.push(Problem::UploadTooLarge);
        }
        Ok(uploads) if uploads.is_empty() => errors.push(Problem::PhotoMissing),
        Ok(uploads) => {
            let mut free = MAX_PHOTOS.saturating_sub(draft.photos.len());
            for upload in uploads {
                if free == 0 {
                    errors.push(Problem::TooManyPhotos { max: MAX_PHOTOS });
                    break;
                }
                if upload.too_large {
                    errors.push(Problem::PhotoTooLarge {
                        file: upload.name,
                        max_mb,
                    });
                    continue;
                }
                match process_and_store(&state, upload.bytes).await {
                    Ok((photo, gps)) => {
                        match drafts::add_photo(
                            &state.db,
                            state.clock.now_ms(),
                            &draft.id,
                            &photo,
                            gps,
                        )
                        .await
                        {
                            Ok(true) => {
                                stored += 1;
                                free -= 1;
                            }
                            Ok(false) => {
                                let _ = state.photos.delete(&photo.key).await;
                                errors.push(Problem::TooManyPhotos { max: MAX_PHOTOS });
                                break;
                            }
                            Err(error) => {
                                let _ = state.photos.delete(&photo.key).await;
                                tracing::error!(%error, "attaching photo to draft");
                                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                            }
                        }
                    }
                    Err(ProcessError::Refused(e)) => {
                        errors.push(photo_problem(&e, &upload.name, &state.photo_limits))
                    }
                    Err(ProcessError::Internal(error)) => {
                        tracing::error!(%error, "storing photo");
                        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                    }
                }
            }
        }
    }

    let flash = if errors.is_empty() {
        Flash::default()
    } else {
        Flash {
            step: Some(Step::Photos),
            errors: errors
                .iter()
                .map(|p| FieldError::new("photo", p.clone()))
                .collect(),
            values: Vec::new(),
        }
    };
    if let Err(error) = drafts::set_flash(&state.db, &draft.id, &flash).await {
        tracing::error!(%error, "saving upload result");
    }
    if json {
        let messages: Vec<String> = errors.iter().map(|p| p.message(t)).collect();
        Json(json!({ "stored": stored, "errors": messages })).into_response()
    } else {
        Redirect::to(Step::Photos.path()).into_response()
    }
}

fn jpeg(bytes: Vec<u8>, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response()
}

/// A draft photo's preview, only for the draft's own browser.
async fn draft_photo(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Response {
    let Some(token) = draft_token(&state, &headers) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match drafts::photo_key(&state.db, state.clock.now_ms(), token, id).await {
        Ok(Some(key)) => match state.photos.get(&key, Rendition::Thumbnail).await {
            Ok(Some(bytes)) => jpeg(bytes, "private, max-age=3600"),
            Ok(None) => StatusCode::NOT_FOUND.into_response(),
            Err(error) => {
                tracing::error!(%error, "reading draft photo");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        },
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "looking up draft photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn serve_report_photo(
    state: &AppState,
    reference: &str,
    number: i64,
    rendition: Rendition,
) -> Response {
    let Some(reference) = normalize_reference(reference) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let key = match view::photo_key(&state.db, &reference, number).await {
        Ok(Some(key)) => key,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "looking up report photo");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match state.photos.get(&key, rendition).await {
        Ok(Some(bytes)) => jpeg(bytes, "public, max-age=3600"),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "reading report photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

async fn report_photo(
    State(state): State<AppState>,
    Path((reference, number)): Path<(String, i64)>,
) -> Response {
    serve_report_photo(&state, &reference, number, Rendition::Full).await
}

async fn report_thumbnail(
    State(state): State<AppState>,
    Path((reference, number)): Path<(String, i64)>,
) -> Response {
    serve_report_photo(&state, &reference, number, Rendition::Thumbnail).await
}

async fn outlines(State(state): State<AppState>) -> Response {
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
        state.outlines.to_string(),
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
