//! The triage's plain HTTP endpoints beside the pages: bulk actions on a selection, the CSV
//! export of the filtered queue, the count of new reports (for the live notice) and the map's
//! points. Somebody not signed in gets 401, somebody without a part in the municipality 404.

use super::actions::{self, Change, Request};
use super::export::csv;
use super::queue::{self, Query};
use super::views::{queue_item, scope};
use super::workflow::Transition;
use super::Triage;
use crate::core::access::Scope;
use crate::core::http::{MaybeViewer, PageError, RequestLang};
use crate::core::time::format_time;
use crate::tenants::Municipality;
use axum::extract::{Path, Query as UrlQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::Viewer;
use kiezwerk_app::triage::model::{QueueFilter, QueueItem};
use serde::Deserialize;
use serde_json::json;

pub fn router() -> Router<Triage> {
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

/// The signed-in viewer, the municipality and the viewer's part in its triage.
fn authorize<'a>(
    state: &'a Triage,
    viewer: Option<Viewer>,
    slug: &str,
) -> Result<(Viewer, &'a Municipality, Scope), PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    let (municipality, scope) = scope(state, &viewer, slug).ok_or(PageError::NotYours)?;
    Ok((viewer, municipality, scope))
}

/// The viewer's filtered queue, up to `max` reports, as the page lists them.
async fn filtered(
    state: &Triage,
    viewer: Option<Viewer>,
    slug: &str,
    filter: &QueueFilter,
    max: i64,
    lang: Lang,
) -> Result<Vec<QueueItem>, PageError> {
    let (_, municipality, scope) = authorize(state, viewer, slug)?;
    let now = state.core.clock.now_ms();
    let query = Query::from_filter(filter, municipality, &scope, now);
    let rows = queue::all(&state.core.db, &query, max).await?;
    Ok(rows
        .iter()
        .map(|row| queue_item(municipality, row, now, lang))
        .collect())
}

/// A bulk action on the selected reports, each at the version it was shown with. Reports that
/// changed meanwhile or cannot take the action are skipped and counted.
async fn bulk(
    State(state): State<Triage>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    Form(fields): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let (viewer, _, _) = authorize(&state, viewer, &slug)?;
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
        Ok(Redirect::to(&format!("/dienst/{slug}?{query}")).into_response())
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
    let (mut done, mut skipped) = (0, 0);
    for (reference, version) in selected {
        let request = Request {
            change: change.clone(),
            public_note: String::new(),
            internal_note: String::new(),
        };
        match actions::apply(&state, &viewer, &reference, version, request, lang).await {
            Ok(()) => done += 1,
            Err(crate::core::port::Failure::Refused(_)) => skipped += 1,
            Err(crate::core::port::Failure::Internal(error)) => {
                tracing::error!(error = format!("{error:#}"), "bulk action failed");
                skipped += 1;
            }
        }
    }
    page(&format!("{done}-{skipped}"))
}

/// The filtered queue as CSV.
async fn export(
    State(state): State<Triage>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    UrlQuery(filter): UrlQuery<QueueFilter>,
) -> Result<Response, PageError> {
    let t = lang.texts();
    let now = state.core.clock.now_ms();
    let items = filtered(&state, viewer, &slug, &filter, queue::EXPORT_MAX, lang).await?;
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
    let rows = items.into_iter().map(|item| {
        vec![
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
        ]
    });
    let file = csv(&head, rows);
    let day: String = format_time(now, lang)
        .chars()
        .take(10)
        .filter(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"kiezwerk-{slug}-{day}.csv\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        file,
    )
        .into_response())
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
    State(state): State<Triage>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    UrlQuery(since): UrlQuery<Since>,
) -> Result<Response, PageError> {
    let (_, municipality, scope) = authorize(&state, viewer, &slug)?;
    let now = state.core.clock.now_ms();
    let query = Query::from_filter(&since.filter, municipality, &scope, now);
    let since = since.seit.parse().unwrap_or(i64::MAX);
    let count = queue::arrived_since(&state.core.db, &query, since).await?;
    Ok(Json(json!({ "count": count })).into_response())
}

/// The filtered queue's located reports as GeoJSON points, for the queue's map.
async fn points(
    State(state): State<Triage>,
    Path(slug): Path<String>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    UrlQuery(filter): UrlQuery<QueueFilter>,
) -> Result<Response, PageError> {
    let items = filtered(&state, viewer, &slug, &filter, MAP_MAX, lang).await?;
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
    Ok(Json(json!({ "type": "FeatureCollection", "features": features })).into_response())
}
