//! Discovery and the services (a municipality's active categories) with their attributes
//! (the categories' extra questions).

use super::error::Open311Error;
use super::{json_file, jurisdiction, lang_of, public_json};
use crate::reports::Reports;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiezwerk_app::i18n::{fill, Lang};
use serde::Deserialize;
use serde_json::{json, Value};

/// When this API last changed in a way clients should know of.
const CHANGESET: &str = "2026-11-22T00:00:00Z";

#[derive(Deserialize)]
pub struct JurisdictionQuery {
    pub jurisdiction_id: Option<String>,
    pub locale: Option<String>,
}

pub async fn discovery(State(reports): State<Reports>) -> Response {
    let base = &reports.core.settings.public_url;
    public_json(json!({
        "changeset": CHANGESET,
        "contact": format!("{base}/datenschutz"),
        "key_service": Lang::De.texts().open311_key_service,
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": format!("{base}/open311/v2"),
            "changeset": CHANGESET,
            "type": "production",
            "formats": ["application/json"],
        }],
    }))
}

pub async fn services(
    State(reports): State<Reports>,
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
    Ok(public_json(Value::Array(list)))
}

pub async fn service_definition(
    State(reports): State<Reports>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Result<Response, Open311Error> {
    let lang = lang_of(&headers, q.locale.as_deref());
    let code = json_file(&file, lang)?;
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
    Ok(public_json(
        json!({ "service_code": category.code, "attributes": attributes }),
    ))
}
