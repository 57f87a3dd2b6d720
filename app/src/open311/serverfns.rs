//! The API-key page's data and forms (post/redirect/get: back to the page with a notice, the
//! new key shown once, or the refusal in the error summary), and the open-data page's data.

use super::model::{ApiKeysView, OpenDataView};
#[cfg(feature = "ssr")]
use super::{
    model::{KeyAccess, KeyRefusal},
    port::SharedOpenStandards,
    texts,
};
use crate::model::Choice;
#[cfg(feature = "ssr")]
use crate::request::signed_in;
#[cfg(feature = "ssr")]
use crate::{
    cookies::HANDOVER,
    model::{FieldError, Flash, Problem},
    port::PortError,
    request,
};
use leptos::prelude::*;

/// A municipality's API keys.
pub fn keys_path(slug: &str) -> String {
    format!("/verwaltung/{slug}/schnittstellen")
}

/// The DCAT-AP.de catalogue of every municipality's datasets.
pub const CATALOGUE: &str = "/offene-daten/katalog.jsonld";

/// A municipality's open-data page.
pub fn open_data_path(slug: &str) -> String {
    format!("/offene-daten/{slug}")
}

#[cfg(feature = "ssr")]
fn open_standards() -> SharedOpenStandards {
    expect_context::<SharedOpenStandards>()
}

/// The API-key page; `None` with 403 when not allowed.
#[server(prefix = "/api", endpoint = "verwaltung/schluessel/zustand")]
pub async fn load_api_keys(slug: String) -> Result<Option<ApiKeysView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let flash = request::take_flash();
    let new_key = request::our_cookie(HANDOVER);
    if new_key.is_some() {
        request::remove_our_cookie(HANDOVER);
    }
    let view = open_standards()
        .api_keys(&viewer, &slug, flash, new_key, request::lang())
        .await?;
    if view.is_none() {
        request::forbid();
    }
    Ok(view)
}

/// Back to the key page: with the new key to show once, a notice, or the refusal.
#[cfg(feature = "ssr")]
fn outcome(
    slug: &str,
    result: Result<(Option<String>, Option<String>), PortError<KeyRefusal>>,
    values: Vec<(String, String)>,
) -> Result<(), ServerFnError> {
    let page = keys_path(slug);
    match result {
        Ok((new_key, notice)) => {
            if let Some(key) = new_key {
                // Shown once on the page, never in a URL or log.
                request::set_our_cookie(HANDOVER, &key, Some(120));
            }
            if let Some(notice) = notice {
                request::set_flash(&Flash::notice(notice));
            }
            request::see_other(&page);
        }
        Err(PortError::Refused(KeyRefusal::Forbidden)) => request::forbid(),
        Err(PortError::Refused(KeyRefusal::Invalid(errors))) => {
            request::set_flash(&Flash {
                errors,
                values,
                notice: None,
            });
            request::see_other(&page);
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "verwaltung/schluessel/anlegen")]
pub async fn create_api_key(
    slug: String,
    name: Option<String>,
    department: Option<String>,
    access: Option<String>,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let name = name.unwrap_or_default();
    // Kept for the form when it comes back with an error.
    let values = vec![
        ("name".to_owned(), name.clone()),
        (
            "department".to_owned(),
            department.clone().unwrap_or_default(),
        ),
        ("access".to_owned(), access.clone().unwrap_or_default()),
    ];
    let department = match department.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(id) => match id.parse() {
            Ok(id) => Some(id),
            Err(_) => {
                let problem = Problem::DepartmentMissing;
                let refusal = KeyRefusal::Invalid(vec![FieldError::new("department", problem)]);
                return outcome(&slug, Err(PortError::Refused(refusal)), values);
            }
        },
    };
    let access = access.as_deref().and_then(KeyAccess::parse);
    let result = open_standards()
        .create_api_key(&viewer, &slug, &name, department, access, request::lang())
        .await;
    outcome(&slug, result.map(|key| (Some(key), None)), values)
}

#[server(prefix = "/api", endpoint = "verwaltung/schluessel/widerrufen")]
pub async fn revoke_api_key(slug: String, key: i64) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let result = open_standards().revoke_api_key(&viewer, &slug, key).await;
    let t = texts::texts(request::lang());
    outcome(
        &slug,
        result.map(|name| (None, Some(crate::i18n::fill(t.revoked_notice, &[&name])))),
        vec![],
    )
}

/// The open-data page; `None` with 404 when there is no such municipality.
#[server(prefix = "/api", endpoint = "offene-daten/zustand")]
pub async fn load_open_data(slug: String) -> Result<Option<OpenDataView>, ServerFnError> {
    let view = open_standards().open_data(&slug, request::lang()).await?;
    if view.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(view)
}

/// The municipalities with open data: slug and name.
#[server(prefix = "/api", endpoint = "offene-daten/kommunen")]
pub async fn load_open_data_index() -> Result<Vec<Choice>, ServerFnError> {
    Ok(open_standards().open_data_index().await?)
}
