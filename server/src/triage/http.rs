//! The triage's plain HTTP endpoints beside the pages: bulk actions on a selection, the CSV
//! export of the filtered queue, the count of new reports (for the live notice) and the map's
//! points.

use super::actions::{self, Change, Request};
use super::queue::{self, csv_cell, Query};
use super::views::{queue_item, scope};
use super::workflow::Transition;
use crate::auth::roles::Scope;
use crate::reports::format_time;
use crate::state::AppState;
use crate::tenants::Municipality;
use crate::web::request_lang;
use axum::extract::{Path, Query as UrlQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Form, Json, Router};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{QueueFilter, QueueItem, Viewer};
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/dienst/{slug}/sammelaktion", post(bulk))
        .route("/dienst/{slug}/export.csv", get(export))
        .route("/dienst/{slug}/neu.json", get(arrived))
        .route("/dienst/{slug}/karte.json", get(points))
}

/// Selections larger than this are refused (a page shows 50).
const BULK_MAX: usize = 200;
/// Points on the map.
const MAP_MAX: i64 = 2000;

/// The answer for somebody not signed in (401) or without a part in the municipality (404).
fn refusal(status: StatusCode) -> Response {
    let message = if status == StatusCode::UNAUTHORIZED {
        "Bitte melden Sie sich an. / Please sign in."
    } else {
        "Nicht gefunden oder nicht Ihre Zuständigkeit. / Not found or not yours."
    };
    (status, message).into_response()
}

/// The signed-in viewer, the municipality and the viewer's part in its triage; or 401 for
/// somebody not signed in, 404 for somebody without a part in it.
fn authorize<'a>(
    state: &'a AppState,
    viewer: Option<Extension<Viewer>>,
    slug: &str,
) -> Result<(Viewer, &'a Municipality, Scope), StatusCode> {
    let Extension(viewer) = viewer.ok_or(StatusCode::UNAUTHORIZED)?;
    let (municipality, scope) = scope(state, &viewer, slug).ok_or(StatusCode::NOT_FOUND)?;
    Ok((viewer, municipality, scope))
}

/// The viewer's filtered queue, up to `max` reports, as the page lists them; or the answer to
/// give instead (not signed in, not theirs, database failure).
async fn filtered(
    state: &AppState,
    viewer: Option<Extension<Viewer>>,
    slug: &str,
    filter: &QueueFilter,
    max: i64,
    lang: Lang,
) -> Result<Vec<QueueItem>, Box<Response>> {
    let (_, municipality, scope) =
        authorize(state, viewer, slug).map_err(|status| Box::new(refusal(status)))?;
    let now = state.clock.now_ms();
    let query = Query::from_filter(filter, municipality, &scope, now);
    match queue::all(&state.db, &query, max).await {
        Ok(rows) => Ok(rows
            .iter()
            .map(|row| queue_item(municipality, row, now, lang))
            .collect()),
        Err(error) => {
            tracing::error!(%error, "reading the filtered queue failed");
            Err(Box::new(StatusCode::INTERNAL_SERVER_ERROR.into_response()))
        }
    }
}

/// A bulk action on the selected reports, each at the version it was shown with. Reports that
/// changed meanwhile or cannot take the action are skipped and counted.
async fn bulk(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let viewer = match authorize(&state, viewer, &slug) {
        Ok((viewer, _, _)) => viewer,
        Err(status) => return refusal(status),
    };
    let value = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let back = value("zurueck");
    let back: String = back
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "=&%-_.~".contains(*c))
        .collect();
    let page = |hint: &str| {
        let query = if back.is_empty() {
            format!("hinweis={hint}")
        } else {
            format!("{back}&hinweis={hint}")
        };
        Redirect::to(&format!("/dienst/{slug}?{query}")).into_response()
    };
    let selected: Vec<(String, i64)> = fields
        .iter()
        .filter(|(k, _)| k == "auswahl")
        .filter_map(|(_, v)| {
            let (reference, version) = v.split_once(':')?;
            Some((reference.to_owned(), version.parse().ok()?))
        })
        .take(BULK_MAX)
        .collect();
    let change = match value("aktion").as_str() {
        "accept" => Change::Status {
            transition: Transition::Accept,
            reason: String::new(),
            target: None,
            duplicate_of: String::new(),
        },
        "assign" => match value("assignee").as_str() {
            "" => Change::Assign(None),
            id => match id.parse() {
                Ok(id) => Change::Assign(Some(id)),
                Err(_) => return page("keine"),
            },
        },
        "forward" => Change::Status {
            transition: Transition::Forward,
            reason: value("reason"),
            target: value("target").parse().ok(),
            duplicate_of: String::new(),
        },
        _ => return page("keine"),
    };
    if selected.is_empty() {
        return page("keine");
    }
    // What is missing for every report alike is said once, not counted as skipped reports.
    if let Change::Status {
        transition: Transition::Forward,
        reason,
        target,
        ..
    } = &change
    {
        if target.is_none() {
            return page("ziel");
        }
        if reason.trim().is_empty() {
            return page("grund");
        }
    }
    let lang = request_lang(&headers);
    let (mut done, mut skipped) = (0, 0);
    for (reference, version) in selected {
        let request = Request {
            change: change.clone(),
            public_note: String::new(),
            internal_note: String::new(),
        };
        match actions::apply(&state, &viewer, &reference, version, request, lang).await {
            Ok(Ok(())) => done += 1,
            Ok(Err(_)) => skipped += 1,
            Err(error) => {
                tracing::error!(%error, "bulk action failed");
                skipped += 1;
            }
        }
    }
    page(&format!("{done}-{skipped}"))
}

/// The filtered queue as CSV (semicolon-separated, UTF-8 with BOM: what German spreadsheet
/// programs open without asking).
async fn export(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    UrlQuery(filter): UrlQuery<QueueFilter>,
) -> Response {
    let lang = request_lang(&headers);
    let t = lang.texts();
    let now = state.clock.now_ms();
    let items = match filtered(&state, viewer, &slug, &filter, queue::EXPORT_MAX, lang).await {
        Ok(items) => items,
        Err(response) => return *response,
    };
    let mut csv = String::from("\u{feff}");
    let head = [
        t.triage_col_reference,
        t.triage_col_status,
        t.triage_col_category,
        t.triage_col_area,
        t.triage_col_department,
        t.triage_col_submitted,
        t.triage_col_due,
        t.triage_col_overdue,
        t.triage_col_priority,
        t.triage_col_assignee,
        t.triage_col_photos,
        "lat",
        "lon",
        t.triage_col_summary,
    ];
    csv.push_str(&head.map(csv_cell).join(";"));
    csv.push_str("\r\n");
    for item in items {
        let cells = [
            item.reference,
            item.status,
            item.category,
            item.area,
            item.department,
            item.submitted,
            item.due,
            if item.overdue { t.triage_yes } else { "" }.to_owned(),
            item.priority,
            item.assignee.unwrap_or_default(),
            item.photos.to_string(),
            item.lat.map(|v| format!("{v:.6}")).unwrap_or_default(),
            item.lon.map(|v| format!("{v:.6}")).unwrap_or_default(),
            item.summary,
        ];
        csv.push_str(&cells.map(|c| csv_cell(&c)).join(";"));
        csv.push_str("\r\n");
    }
    let day = format_time(now, lang);
    let day: String = day
        .chars()
        .take(10)
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kiezwerk-{slug}-{day}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        csv,
    )
        .into_response()
}

#[derive(Deserialize)]
struct Since {
    #[serde(default)]
    seit: String,
    #[serde(flatten)]
    filter: QueueFilter,
}

/// How many matching reports arrived since the page was made: `{"count": n}`.
async fn arrived(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    viewer: Option<Extension<Viewer>>,
    UrlQuery(since): UrlQuery<Since>,
) -> Response {
    let (_, municipality, scope) = match authorize(&state, viewer, &slug) {
        Ok(authorized) => authorized,
        Err(status) => return refusal(status),
    };
    let query = Query::from_filter(&since.filter, municipality, &scope, state.clock.now_ms());
    match queue::arrived_since(&state.db, &query, since.seit.parse().unwrap_or(i64::MAX)).await {
        Ok(count) => Json(json!({ "count": count })).into_response(),
        Err(error) => {
            tracing::error!(%error, "counting new reports failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// The filtered queue's located reports as GeoJSON points, for the queue's map.
async fn points(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    viewer: Option<Extension<Viewer>>,
    headers: HeaderMap,
    UrlQuery(filter): UrlQuery<QueueFilter>,
) -> Response {
    let lang = request_lang(&headers);
    let items = match filtered(&state, viewer, &slug, &filter, MAP_MAX, lang).await {
        Ok(items) => items,
        Err(response) => return *response,
    };
    let features: Vec<serde_json::Value> = items
        .into_iter()
        .filter_map(|item| {
            let (lat, lon) = (item.lat?, item.lon?);
            Some(json!({
                "type": "Feature",
                "geometry": { "type": "Point", "coordinates": [lon, lat] },
                "properties": {
                    "reference": item.reference,
                    "title": format!("{} – {} ({})", item.reference, item.category, item.status),
                    "overdue": item.overdue,
                    "href": format!("/dienst/meldungen/{}", item.reference),
                },
            }))
        })
        .collect();
    Json(json!({ "type": "FeatureCollection", "features": features })).into_response()
}
