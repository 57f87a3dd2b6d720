//! The register's upload beside its administration page: a municipality's administrators
//! import a register file in the browser (a form without JavaScript), checked as a whole and
//! applied like `kiezwerk trees import`; back to the page with what changed or every problem.
//! Somebody not signed in gets 401, somebody who may not configure the municipality 404.

use super::{register, year_of, Trees};
use crate::core::http::upload::read_files;
use crate::core::http::{redirect_with_flash, MaybeViewer, PageError, RequestLang};
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{FieldError, Flash, Problem};
use kiezwerk_app::trees::model::FIELD_REGISTER_FILE;
use kiezwerk_app::trees::serverfns::register_admin_path;
use kiezwerk_app::trees::texts::texts;

/// Largest register file uploaded in the browser: about 250,000 trees. A city's whole
/// register (Berlin: 960,000 trees, 190 MB) is imported on the command line.
pub const UPLOAD_MAX_BYTES: usize = 50 * 1024 * 1024;

pub fn router() -> Router<Trees> {
    Router::new().route(
        "/verwaltung/{slug}/baeume/hochladen",
        post(upload).layer(DefaultBodyLimit::max(UPLOAD_MAX_BYTES + 64 * 1024)),
    )
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

/// `POST /verwaltung/{m}/baeume/hochladen`.
async fn upload(
    State(trees): State<Trees>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let municipality_id = trees
        .administered(&viewer, &slug)
        .ok_or(PageError::NotYours)?
        .id;
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
    let file = match read_files(&mut multipart, "datei", UPLOAD_MAX_BYTES).await {
        Ok(files) => files.into_iter().next(),
        Err(error) => {
            tracing::info!(%error, "tree register upload aborted");
            None
        }
    };
    let Some(file) = file.filter(|f| !f.bytes.is_empty() || f.too_large) else {
        return Ok(refuse(vec![t.err_register_empty.to_owned()]));
    };
    if file.too_large {
        return Ok(refuse(vec![t.err_register_too_large.to_owned()]));
    }
    let started = std::time::Instant::now();
    let now = trees.core.clock.now_ms();
    let source = file.name.clone();
    // Reading and checking up to 50 MB takes seconds: off the executor.
    let registry = trees.tenants.registry.clone();
    let checked = tokio::task::spawn_blocking(move || {
        let municipality = registry.by_id(municipality_id).ok_or_else(Vec::new)?;
        register::parse(&file.bytes, municipality, year_of(now), lang)
    })
    .await?;
    let checked = match checked {
        Ok(checked) => checked,
        Err(problems) => return Ok(refuse(problems)),
    };
    let done = register::import(
        &trees.core.db,
        now,
        municipality_id.0,
        &checked,
        &source,
        &mut |_, _| {},
    )
    .await?;
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
