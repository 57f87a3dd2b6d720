//! Discovery and the services (a municipality's active categories) with their attributes
//! (the categories' extra questions).

use super::error::Open311Error;
use super::format::{self, Format};
use super::{jurisdiction, lang_of, public, split_file};
use crate::reports::Reports;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiezwerk_app::i18n::fill;
use serde::Deserialize;
use serde_json::{json, Value};

/// When this API last changed in a way clients should know of.
const CHANGESET: &str = "2026-11-22T00:00:00Z";

#[derive(Deserialize)]
pub struct JurisdictionQuery {
    pub jurisdiction_id: Option<String>,
    pub locale: Option<String>,
}

/// `GET discovery`: where the API is, in which formats, and whom to ask for a key.
pub async fn discovery(
    State(reports): State<Reports>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let lang = lang_of(&headers, q.locale.as_deref());
    let base = &reports.core.settings.public_url;
    let discovery = json!({
        "changeset": CHANGESET,
        "contact": format!("{base}/datenschutz"),
        "key_service": lang.texts().open311_key_service,
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": format!("{base}/open311/v2"),
            "changeset": CHANGESET,
            "type": "production",
            "formats": [Format::Xml.media_type(), Format::Json.media_type()],
        }],
    });
    public(Format::of_path(uri.path()), format::DISCOVERY, &discovery)
}

/// `GET services`: the municipality's active categories.
pub async fn services(
    State(reports): State<Reports>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<JurisdictionQuery>,
) -> Result<Response, Open311Error> {
    let lang = lang_of(&headers, q.locale.as_deref());
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    let list: Vec<Value> = municipality
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| {
            json!({
                "service_code": c.code,
                "service_name": c.name(lang),
                "description": c.hint(lang).unwrap_or_default(),
                "metadata": !c.questions.is_empty(),
                "type": "realtime",
                "keywords": "",
                "group": municipality.group(c.group_id).map(|g| g.name(lang)).unwrap_or_default(),
            })
        })
        .collect();
    Ok(public(
        Format::of_path(uri.path()),
        format::SERVICES,
        &Value::Array(list),
    ))
}

/// `GET services/{code}`: a category's extra questions as attributes.
pub async fn service_definition(
    State(reports): State<Reports>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Result<Response, Open311Error> {
    let lang = lang_of(&headers, q.locale.as_deref());
    let (code, format) = split_file(&file, lang)?;
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    let category = municipality
        .category(code)
        .filter(|c| c.active)
        .ok_or_else(|| {
            let message = fill(lang.texts().open311_service_unknown, &[code]);
            Open311Error::new(StatusCode::NOT_FOUND, message)
        })?;
    let attributes: Vec<Value> = category
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let choice = !q.choices.is_empty();
            json!({
                "variable": true,
                "code": q.code,
                "datatype": if choice { "singlevaluelist" } else { "string" },
                "required": q.required,
                "datatype_description": q.hint(lang).unwrap_or_default(),
                "order": i + 1,
                "description": q.label(lang),
                "values": q.choices.iter().map(|c| json!({ "key": c.value, "name": c.label(lang) })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let definition = json!({ "service_code": category.code, "attributes": attributes });
    Ok(public(format, format::SERVICE_DEFINITION, &definition))
}
