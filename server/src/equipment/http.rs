//! The Bauhof's plain HTTP endpoints beside its pages: photo uploads (a form without
//! JavaScript: the draft's and a unit's), the photos for those who may see them, the register
//! file import, the request's status for the page's live update, the count of new requests
//! for the managers' live notice, and the monthly lending statement. Somebody not signed in
//! gets 401, somebody without a part in the municipality 404.

use super::loans::{self, month_bounds};
use super::model::BreakdownStatus;
use super::{breakdowns, manages, place, register, Equipment};
use crate::core::access::Permission;
use crate::core::http::upload::{jpeg, read_files, read_form, Caching};
use crate::core::http::{redirect_with_flash, MaybeViewer, PageError, RequestLang};
use crate::photos::intake::{photo_problem, process_and_store, ProcessError};
use crate::photos::store::Rendition;
use crate::tenants::Municipality;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use kiezwerk_app::equipment::model::BreakdownStep;
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::fill;
use kiezwerk_app::model::{FieldError, Flash, Problem, Viewer};
use serde::Deserialize;
use serde_json::json;

/// Largest register file.
const IMPORT_MAX_BYTES: usize = 2 * 1024 * 1024;

pub fn router(max_photo_mb: u64) -> Router<Equipment> {
    let photo_limit = ((max_photo_mb as usize) + 1) * 1024 * 1024;
    Router::new()
        .route(
            "/bauhof/{slug}/ausfall/foto",
            post(upload_draft_photo).layer(DefaultBodyLimit::max(photo_limit)),
        )
        .route("/bauhof/{slug}/ausfall/entwurf-foto", get(draft_photo))
        .route("/bauhof/{slug}/ausfall/{id}/foto", get(breakdown_photo))
        .route("/bauhof/{slug}/ausfall/{id}/status.json", get(status))
        .route("/bauhof/{slug}/geraet-foto/{id}", get(unit_photo))
        .route("/fuhrpark/{slug}/neu.json", get(arrived))
        .route(
            "/fuhrpark/{slug}/import",
            post(import).layer(DefaultBodyLimit::max(IMPORT_MAX_BYTES + 64 * 1024)),
        )
        .route(
            "/fuhrpark/{slug}/geraete/{id}/foto",
            post(upload_unit_photo).layer(DefaultBodyLimit::max(photo_limit)),
        )
        .route("/fuhrpark/{slug}/verleih.csv", get(statement))
}

/// The municipality if the viewer may do `permission` there.
fn authorize<'a>(
    state: &'a Equipment,
    viewer: Option<&Viewer>,
    slug: &str,
    permission: Permission,
) -> Result<&'a Municipality, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    place(state, viewer, slug, permission).ok_or(PageError::NotYours)
}

fn error_flash(field: &str, problem: Problem) -> Flash {
    Flash::errors(vec![FieldError::new(field, problem)])
}

/// The one photo of an upload, stored, with the form's other fields.
struct Stored {
    key: String,
    fields: Vec<(String, String)>,
}

/// Processes the one photo of an upload: stored, or the flash that says why not (the page's
/// error summary), or an internal failure.
async fn one_photo(
    state: &Equipment,
    multipart: &mut Multipart,
) -> Result<Result<Stored, Flash>, PageError> {
    let (core, photos) = (&state.core, &state.photos);
    let refused = |problem| Ok(Err(error_flash("photo", problem)));
    let (uploads, fields) = match read_form(multipart, "foto", photos.limits.max_bytes).await {
        Ok(read) => read,
        Err(error) => {
            tracing::info!(%error, "photo upload aborted");
            return refused(Problem::UploadTooLarge);
        }
    };
    let Some(upload) = uploads.into_iter().next() else {
        return refused(Problem::PhotoMissing);
    };
    if upload.too_large {
        return refused(Problem::PhotoTooLarge {
            file: upload.name,
            max_mb: core.settings.max_photo_mb,
        });
    }
    match process_and_store(core, photos, upload.bytes).await {
        Ok((photo, _)) => Ok(Ok(Stored {
            key: photo.key,
            fields,
        })),
        Err(ProcessError::Refused(e)) => refused(photo_problem(&e, &upload.name, &photos.limits)),
        Err(ProcessError::Internal(error)) => Err(PageError::internal(error)),
    }
}

/// Deletes the photo a new one replaced; a failure is logged and leaves only an unreferenced file.
async fn drop_replaced(state: &Equipment, replaced: Option<String>) {
    if let Some(old) = replaced {
        if let Err(error) = state.photos.store.delete(&old).await {
            tracing::warn!(%error, "deleting a replaced photo");
        }
    }
}

/// `POST /bauhof/{m}/ausfall/foto`: the photo step's form.
async fn upload_draft_photo(
    State(state): State<Equipment>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ReportBreakdown)?;
    let Some(viewer) = viewer else {
        return Err(PageError::Unauthorized);
    };
    let step = BreakdownStep::Photo.path(&slug);
    let Stored { key, fields } = match one_photo(&state, &mut multipart).await? {
        Ok(stored) => stored,
        Err(flash) => return Ok(redirect_with_flash(&state.core.settings, &step, &flash)),
    };
    let replaced = breakdowns::attach_photo(&state, &viewer, municipality, &key).await?;
    drop_replaced(&state, replaced).await;
    let returning = fields.iter().any(|(k, _)| k == "zurueck");
    let next = if returning {
        BreakdownStep::Check
    } else {
        BreakdownStep::Place
    };
    Ok(Redirect::to(&next.path(&slug)).into_response())
}

async fn serve(state: &Equipment, key: &str, rendition: Rendition) -> Result<Response, PageError> {
    let bytes = state
        .photos
        .store
        .get(key, rendition)
        .await?
        .ok_or(PageError::NotFound)?;
    Ok(jpeg(bytes, Caching::Private))
}

/// The draft's photo, for its worker.
async fn draft_photo(
    State(state): State<Equipment>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ReportBreakdown)?;
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let draft = breakdowns::load_draft(&state.core.db, viewer.account_id, municipality.id).await?;
    let key = draft.and_then(|d| d.photo_key).ok_or(PageError::NotFound)?;
    serve(&state, &key, Rendition::Thumbnail).await
}

/// A report's photo, for its worker and the managers.
async fn breakdown_photo(
    State(state): State<Equipment>,
    Path((slug, id)): Path<(String, i64)>,
    MaybeViewer(viewer): MaybeViewer,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ReportBreakdown)?;
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let breakdown = breakdowns::visible(&state, &viewer, municipality, id)
        .await?
        .ok_or(PageError::NotYours)?;
    let key = breakdown.photo_key.ok_or(PageError::NotFound)?;
    serve(&state, &key, Rendition::Full).await
}

/// A unit's photo: for the municipality's staff, and for partners' managers the unit is
/// published to.
async fn unit_photo(
    State(state): State<Equipment>,
    Path((slug, id)): Path<(String, i64)>,
    MaybeViewer(viewer): MaybeViewer,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ReportBreakdown)?;
    let unit = register::unit_in(&state.core.db, id)
        .await?
        .ok_or(PageError::NotYours)?;
    let mut conn = state.core.db.pool.acquire().await?;
    let visible = unit.municipality_id == municipality.id
        || (viewer.as_ref().is_some_and(|v| manages(v, municipality))
            && register::is_shared(&mut conn, unit.id, municipality.id).await?);
    if !visible {
        return Err(PageError::NotYours);
    }
    let key = unit.photo_key.ok_or(PageError::NotFound)?;
    serve(&state, &key, Rendition::Thumbnail).await
}

/// A report's status for its page's live update.
async fn status(
    State(state): State<Equipment>,
    Path((slug, id)): Path<(String, i64)>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ReportBreakdown)?;
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let breakdown = breakdowns::visible(&state, &viewer, municipality, id)
        .await?
        .ok_or(PageError::NotYours)?;
    let mut conn = state.core.db.pool.acquire().await?;
    let allocation = breakdowns::allocation(&mut conn, breakdown.id).await?;
    let b = texts(lang);
    let mut response = Json(json!({
        "status_code": breakdown.status.code(),
        "status": breakdown.status.label(b),
        "detail": breakdowns::status_detail(&breakdown, allocation.as_ref(), lang),
        "version": breakdown.version,
        "open": breakdown.status != BreakdownStatus::Done && breakdown.status != BreakdownStatus::Declined,
    }))
    .into_response();
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

#[derive(Deserialize)]
struct Since {
    seit: Option<i64>,
}

/// How many reports arrived since the managers' page was made.
async fn arrived(
    State(state): State<Equipment>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    Query(since): Query<Since>,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ManageFleet)?;
    let since = since.seit.unwrap_or_else(|| state.core.clock.now_ms());
    let count = breakdowns::arrived_since(&state.core.db, municipality.id, since).await?;
    Ok(Json(json!({ "count": count })).into_response())
}

/// `POST /fuhrpark/{m}/import`: the register file; all lines or none.
async fn import(
    State(state): State<Equipment>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ManageFleet)?;
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let b = texts(lang);
    let page = format!("/fuhrpark/{slug}/geraete");
    let refuse = |messages: Vec<String>| {
        let errors = messages
            .into_iter()
            .map(|m| FieldError::new("import-file", Problem::Worded(m)))
            .collect();
        redirect_with_flash(&state.core.settings, &page, &Flash::errors(errors))
    };
    let file = match read_files(&mut multipart, "datei", IMPORT_MAX_BYTES).await {
        Ok(files) => files.into_iter().next(),
        Err(_) => None,
    };
    let Some(file) = file else {
        return Ok(refuse(vec![b.err_import_empty.to_owned()]));
    };
    if file.too_large {
        return Ok(refuse(vec![Problem::UploadTooLarge.message(lang.texts())]));
    }
    match register::import(&state, viewer.account_id, municipality, &file.bytes, lang).await {
        Ok(done) => Ok(redirect_with_flash(
            &state.core.settings,
            &page,
            &Flash::notice(fill(
                b.imported,
                &[&done.added.to_string(), &done.updated.to_string()],
            )),
        )),
        Err(crate::core::port::Failure::Refused(messages)) => Ok(refuse(messages)),
        Err(crate::core::port::Failure::Internal(error)) => Err(PageError::internal(error)),
    }
}

/// `POST /fuhrpark/{m}/geraete/{id}/foto`: a unit's photo.
async fn upload_unit_photo(
    State(state): State<Equipment>,
    Path((slug, id)): Path<(String, i64)>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ManageFleet)?;
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let unit = register::unit_in(&state.core.db, id)
        .await?
        .filter(|u| u.municipality_id == municipality.id)
        .ok_or(PageError::NotYours)?;
    let page = format!("/fuhrpark/{slug}/geraete/{id}");
    let key = match one_photo(&state, &mut multipart).await? {
        Ok(stored) => stored.key,
        Err(flash) => return Ok(redirect_with_flash(&state.core.settings, &page, &flash)),
    };
    let replaced = register::set_photo(&state, viewer.account_id, &unit, &key).await?;
    drop_replaced(&state, replaced).await;
    Ok(redirect_with_flash(
        &state.core.settings,
        &page,
        &Flash::notice(texts(lang).photo_saved.to_owned()),
    ))
}

#[derive(Deserialize)]
struct StatementQuery {
    partner: Option<String>,
    monat: Option<String>,
}

/// `GET /fuhrpark/{m}/verleih.csv?partner=…&monat=2026-12`: a month's lendings with a partner.
async fn statement(
    State(state): State<Equipment>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    Query(query): Query<StatementQuery>,
) -> Result<Response, PageError> {
    let municipality = authorize(&state, viewer.as_ref(), &slug, Permission::ManageFleet)?;
    let partner = query
        .partner
        .as_deref()
        .and_then(|p| state.tenants.registry.by_slug(p))
        .filter(|p| p.id != municipality.id)
        .ok_or(PageError::NotFound)?;
    let month = query.monat.unwrap_or_default();
    let (from, until) = month_bounds(&month).ok_or(PageError::NotFound)?;
    let lendings = loans::lendings(&state.core.db, municipality.id, from, until).await?;
    let body = loans::statement_csv(municipality, partner, &lendings, from, until, lang);
    let file = format!(
        "attachment; filename=\"verleih-{}-{}-{month}.csv\"",
        municipality.slug, partner.slug
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&file).unwrap_or(HeaderValue::from_static("attachment")),
            ),
        ],
        format!("\u{feff}{body}"),
    )
        .into_response())
}
