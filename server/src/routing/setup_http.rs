//! The configuration's plain HTTP endpoints beside its pages: the upload of a configuration
//! file (a form without JavaScript), checked and kept as the draft, and the download of the
//! configuration in force. Somebody not signed in gets 401, somebody who may not configure
//! the municipality 404.

use super::setup::Setup;
use super::setup_forms::{at_most, MAX_LINES};
use crate::core::http::upload::{read_one_file, NoFile};
use crate::core::http::{redirect_with_flash, MaybeViewer, PageError, RequestLang};
use crate::tenants::boundaries::{self, Authority};
use crate::tenants::config::MunicipalityConfig;
use crate::tenants::publishing;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use kiezwerk_app::admin::serverfns::{config_path, draft_path};
use kiezwerk_app::admin::texts::texts;
use kiezwerk_app::i18n::fill;
use kiezwerk_app::model::{FieldError, Flash, Problem};

/// Largest configuration file: a city's areas with fine boundaries fit easily.
pub const UPLOAD_MAX_BYTES: usize = 20 * 1024 * 1024;

pub fn router() -> Router<Setup> {
    Router::new()
        .route(
            "/verwaltung/{slug}/konfiguration/hochladen",
            post(upload).layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES + 64 * 1024)),
        )
        .route("/verwaltung/{slug}/konfiguration.json", get(download))
}

/// The messages, at most [`MAX_LINES`] of them, as errors of the file field.
fn file_errors(messages: Vec<String>, more: &str) -> Flash {
    Flash::errors(
        at_most(messages, MAX_LINES, more)
            .into_iter()
            .map(|m| FieldError::new("config-file", Problem::Worded(m)))
            .collect(),
    )
}

/// `POST /verwaltung/{m}/konfiguration/hochladen`: the file checked, and kept as the draft
/// (on to the draft's page) or refused with every problem (back to the configuration).
async fn upload(
    State(setup): State<Setup>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let municipality = setup
        .place(Some(&viewer), &slug)
        .ok_or(PageError::NotYours)?;
    let s = texts(lang);
    let back = config_path(&slug);
    let refuse = |messages: Vec<String>| {
        redirect_with_flash(
            &setup.core.settings,
            &back,
            &file_errors(messages, s.more_problems),
        )
    };
    let file = match read_one_file(&mut multipart, "datei", UPLOAD_MAX_BYTES).await {
        Ok(file) => file,
        Err(NoFile::Missing) => return Ok(refuse(vec![s.err_upload_empty.to_owned()])),
        Err(NoFile::TooLarge) => return Ok(refuse(vec![s.err_upload_too_large.to_owned()])),
    };
    let Ok(text) = String::from_utf8(file.bytes) else {
        return Ok(refuse(vec![s.err_upload_not_text.to_owned()]));
    };
    // Reading and checking up to 20 MB of polygons takes a while: off the executor, so that
    // the server answers everybody else meanwhile.
    let registry = setup.tenants.registry.clone();
    let (id, expected_slug) = (municipality.id, municipality.slug.clone());
    let authority = if viewer.is_platform_admin() {
        Authority::Platform
    } else {
        Authority::Municipality
    };
    let checked = tokio::task::spawn_blocking(move || {
        let config = MunicipalityConfig::parse(&text, lang)?;
        if config.slug != expected_slug {
            return Err(vec![fill(
                s.err_other_municipality,
                &[&config.slug, &expected_slug],
            )]);
        }
        if registry
            .municipalities
            .iter()
            .any(|m| m.id != id && m.reference_prefix == config.reference_prefix)
        {
            return Err(vec![fill(s.err_prefix_taken, &[&config.reference_prefix])]);
        }
        let in_force = registry.by_id(id).map(|m| &m.shape);
        let problems = boundaries::problems(&registry, &config, in_force, authority, lang);
        if problems.is_empty() {
            Ok(config)
        } else {
            Err(problems)
        }
    })
    .await?;
    let config = match checked {
        Ok(config) => config,
        Err(problems) => return Ok(refuse(problems)),
    };
    let what = publishing::change(
        format!("Datei „{}“ hochgeladen.", file.name),
        format!("File “{}” uploaded.", file.name),
    );
    let edit = publishing::Edit {
        account_id: viewer.account_id.0,
        now: setup.core.clock.now_ms(),
        what: &what,
    };
    publishing::save_draft(&setup.core.db, municipality.id, edit, &config, None).await?;
    Ok(redirect_with_flash(
        &setup.core.settings,
        &draft_path(&slug),
        &Flash::notice(s.uploaded.to_owned()),
    ))
}

/// `GET /verwaltung/{m}/konfiguration.json`: the configuration in force, in the format the
/// upload and `kiezwerk tenant import` read.
async fn download(
    State(setup): State<Setup>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
) -> Result<Response, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let municipality = setup
        .place(Some(&viewer), &slug)
        .ok_or(PageError::NotYours)?;
    let config = publishing::current_of(&setup.core.db, municipality.id).await?;
    let body = serde_json::to_string_pretty(&config)?;
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{slug}.json\""))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
        ],
        body,
    )
        .into_response())
}
