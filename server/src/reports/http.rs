//! The report flow's plain HTTP endpoints beside its server functions: the photo step's
//! multipart upload (a form without JavaScript, JSON for the island), a draft photo's preview
//! for its own browser, and the photos of a report for everybody.

use super::drafts;
use super::{Reference, Reports, MAX_PHOTOS};
use crate::core::http::upload::{jpeg, read_files, Caching};
use crate::core::http::{JsonError, PageError, RequestLang};
use crate::photos::intake::{photo_problem, process_and_store, ProcessError};
use crate::photos::store::Rendition;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kiezwerk_app::cookies::{self, CookiePolicy};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{FieldError, Flash, Problem};
use kiezwerk_app::report::flow::{Step, StepFlash, UPLOAD_PATH};
use serde_json::json;

pub fn router(max_photo_mb: u64) -> Router<Reports> {
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
}

/// The draft cookie's token.
fn draft_token(reports: &Reports, headers: &HeaderMap) -> Option<String> {
    let policy = CookiePolicy {
        secure: reports.core.settings.is_https(),
    };
    policy.token(headers, cookies::DRAFT)
}

/// The photo step's script asks for JSON; the plain form for a page.
fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json") && !v.contains("text/html"))
}

/// An internal failure in the form the request asked for.
fn failed(json: bool, lang: Lang, error: impl Into<anyhow::Error>) -> Response {
    if json {
        JsonError::internal(error, lang).into_response()
    } else {
        PageError::internal(error).into_response()
    }
}

/// `POST /melden/fotos/hochladen`: the photo step's multipart form (and its JavaScript
/// enhancement, which asks for JSON). Refused photos are said in the draft's flash (and in
/// the JSON answer); the others are stored and attached.
async fn upload_photos(
    State(reports): State<Reports>,
    RequestLang(lang): RequestLang,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Response {
    let json = wants_json(&headers);
    let t = lang.texts();
    let (core, photos) = (&reports.core, &reports.photos);
    let max_mb = core.settings.max_photo_mb;
    let draft = match draft_token(&reports, &headers) {
        Some(token) => drafts::load(&core.db, core.clock.now_ms(), &token).await,
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
        Err(error) => return failed(json, lang, error),
    };

    let mut errors = Vec::new();
    let mut stored = 0usize;
    match read_files(&mut multipart, "foto", photos.limits.max_bytes).await {
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
                let (photo, gps) = match process_and_store(core, photos, upload.bytes).await {
                    Ok(stored) => stored,
                    Err(ProcessError::Refused(e)) => {
                        errors.push(photo_problem(&e, &upload.name, &photos.limits));
                        continue;
                    }
                    Err(ProcessError::Internal(error)) => return failed(json, lang, error),
                };
                let now = core.clock.now_ms();
                match drafts::add_photo(&core.db, now, &draft.id, &photo, gps).await {
                    Ok(true) => {
                        stored += 1;
                        free -= 1;
                    }
                    Ok(false) => {
                        let _ = photos.store.delete(&photo.key).await;
                        errors.push(Problem::TooManyPhotos { max: MAX_PHOTOS });
                        break;
                    }
                    Err(error) => {
                        let _ = photos.store.delete(&photo.key).await;
                        return failed(json, lang, error);
                    }
                }
            }
        }
    }

    let flash = if errors.is_empty() {
        StepFlash::default()
    } else {
        let errors = errors
            .iter()
            .map(|p| FieldError::new("photo", p.clone()))
            .collect();
        StepFlash::new(Step::Photos, Flash::errors(errors))
    };
    if let Err(error) = drafts::set_flash(&core.db, &draft.id, &flash).await {
        tracing::error!(error = format!("{error:#}"), "saving upload result");
    }
    if json {
        let messages: Vec<String> = errors.iter().map(|p| p.message(t)).collect();
        Json(json!({ "stored": stored, "errors": messages })).into_response()
    } else {
        Redirect::to(Step::Photos.path()).into_response()
    }
}

/// A draft photo's preview, only for the draft's own browser.
async fn draft_photo(
    State(reports): State<Reports>,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let token = draft_token(&reports, &headers).ok_or(PageError::NotFound)?;
    let core = &reports.core;
    let key = drafts::photo_key(&core.db, core.clock.now_ms(), &token, id)
        .await?
        .ok_or(PageError::NotFound)?;
    let bytes = reports
        .photos
        .store
        .get(&key, Rendition::Thumbnail)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(jpeg(bytes, Caching::Private))
}

async fn serve_report_photo(
    reports: &Reports,
    reference: &str,
    number: i64,
    rendition: Rendition,
) -> Result<Response, PageError> {
    let reference = Reference::parse(reference).ok_or(PageError::NotFound)?;
    let key = super::view::photo_key(&reports.core.db, &reference, number)
        .await?
        .ok_or(PageError::NotFound)?;
    let bytes = reports
        .photos
        .store
        .get(&key, rendition)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(jpeg(bytes, Caching::Public))
}

async fn report_photo(
    State(reports): State<Reports>,
    Path((reference, number)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    serve_report_photo(&reports, &reference, number, Rendition::Full).await
}

async fn report_thumbnail(
    State(reports): State<Reports>,
    Path((reference, number)): Path<(String, i64)>,
) -> Result<Response, PageError> {
    serve_report_photo(&reports, &reference, number, Rendition::Thumbnail).await
}
