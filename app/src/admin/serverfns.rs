//! The configuration pages' server functions: each page's data, and the forms (publish,
//! discard, restore), answered with a redirect (post/redirect/get). The upload and the download
//! are plain HTTP endpoints of the server (a file upload must work without JavaScript).

use super::model::{ConfigView, DraftView, HistoryView, PlaceQuery, PlaceView};
#[cfg(feature = "ssr")]
use super::{model::SetupRefusal, port::SharedSetup};
#[cfg(feature = "ssr")]
use crate::request::{found, signed_in};
#[cfg(feature = "ssr")]
use crate::{
    model::{FieldError, Flash, Problem},
    port::PortError,
    request,
};
use leptos::prelude::*;

/// The configuration in force.
pub fn config_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration")
}

/// The draft, checked, before it is published.
pub fn draft_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/pruefen")
}

pub fn history_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/verlauf")
}

pub fn place_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/ort-testen")
}

/// Where the upload form posts (multipart).
pub fn upload_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration/hochladen")
}

/// The configuration in force as a file.
pub fn download_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/konfiguration.json")
}

#[cfg(feature = "ssr")]
fn setup() -> SharedSetup {
    expect_context::<SharedSetup>()
}

#[server(prefix = "/api", endpoint = "konfiguration/ansehen")]
pub async fn load_config(slug: String) -> Result<Option<ConfigView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .overview(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/entwurf")]
pub async fn load_draft(slug: String) -> Result<Option<DraftView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .draft(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/verlauf")]
pub async fn load_history(slug: String) -> Result<Option<HistoryView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .history(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "konfiguration/ort")]
pub async fn load_place(
    slug: String,
    query: PlaceQuery,
) -> Result<Option<PlaceView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = setup()
        .test_place(&viewer, &slug, query, request::lang())
        .await?;
    Ok(found(view))
}

/// After a form: on to `next` with the notice, or back to `back` with the refusal (the
/// configuration page, whose file field the error summary links to).
#[cfg(feature = "ssr")]
fn answer<T>(
    outcome: Result<T, PortError<SetupRefusal>>,
    next: &str,
    notice: impl FnOnce(T) -> String,
    back: &str,
) -> Result<(), ServerFnError> {
    match outcome {
        Ok(value) => {
            request::set_flash(&Flash::notice(notice(value)));
            request::see_other(next);
        }
        Err(PortError::Refused(SetupRefusal::Forbidden)) => request::forbid(),
        Err(PortError::Refused(SetupRefusal::Invalid(messages))) => {
            request::set_flash(&Flash::errors(
                messages
                    .into_iter()
                    .map(|m| FieldError::new("config-file", Problem::Worded(m)))
                    .collect(),
            ));
            request::see_other(back);
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konfiguration/veroeffentlichen")]
pub async fn publish_config(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = super::texts::texts(lang);
    let outcome = setup().publish(&viewer, &slug, lang).await;
    answer(
        outcome,
        &config_path(&slug),
        |number| crate::i18n::fill(t.published, &[&number.to_string()]),
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/verwerfen")]
pub async fn discard_config(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let t = super::texts::texts(request::lang());
    let outcome = setup().discard(&viewer, &slug).await;
    answer(
        outcome,
        &config_path(&slug),
        |()| t.discarded.to_owned(),
        &config_path(&slug),
    )
}

#[server(prefix = "/api", endpoint = "konfiguration/wiederherstellen")]
pub async fn restore_config(slug: String, number: i64) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    let t = super::texts::texts(lang);
    let outcome = setup().restore(&viewer, &slug, number, lang).await;
    answer(
        outcome,
        &draft_path(&slug),
        |()| crate::i18n::fill(t.restored, &[&number.to_string()]),
        &config_path(&slug),
    )
}
