//! A report as the public and its reporter see it: status page, confirmation, photos.

use super::intake::RoutedEvent;
use super::{EventKind, Reference, Status};
use crate::core::access::{allows, Permission};
use crate::core::db::Db;
use crate::core::secret::matches_hash;
use crate::core::time::format_time;
use crate::routing::{AreaMatch, MunicipalityMatch};
use crate::tenants::{Category, Municipality, Registry};
use kiezwerk_app::i18n::{fill, Lang, Texts};
use kiezwerk_app::model::{AccountId, DepartmentId, MunicipalityId, ReportId, Viewer};
use kiezwerk_app::report::model::{
    Confirmation, PrivateDetails, ReportPhoto, ReportView, TimelineEntry,
};

/// The stored report, as read for display.
#[derive(sqlx::FromRow)]
struct Row {
    id: ReportId,
    municipality_id: MunicipalityId,
    reference: Reference,
    category_id: i64,
    area_id: Option<i64>,
    department_id: DepartmentId,
    status: Status,
    lat: Option<f64>,
    lon: Option<f64>,
    address: Option<String>,
    description: String,
    answers: String,
    reporter_email: Option<String>,
    access_hash: String,
    created_at: i64,
    account_id: Option<AccountId>,
    supporters: i64,
}

async fn load(db: &Db, reference: &Reference) -> Result<Option<Row>, sqlx::Error> {
    sqlx::query_as(
        "select id, municipality_id, reference, category_id, area_id, department_id, status, lat, lon, \
         address, description, answers, reporter_email, access_hash, created_at, account_id, supporters \
         from reports where reference = $1",
    )
    .bind(reference)
    .fetch_optional(&db.pool)
    .await
}

/// The address of a report's photo (positions count from 1 in URLs).
pub fn photo_url(reference: &Reference, position: i64, thumbnail: bool) -> String {
    let n = position + 1;
    if thumbnail {
        format!("/meldungen/{reference}/fotos/{n}/vorschau")
    } else {
        format!("/meldungen/{reference}/fotos/{n}")
    }
}

/// The status page's data; `None` if there is no such report.
pub async fn report_view(
    db: &Db,
    registry: &Registry,
    reference: &Reference,
    access: Option<&str>,
    viewer: Option<&Viewer>,
    lang: Lang,
) -> Result<Option<ReportView>, sqlx::Error> {
    let t = lang.texts();
    let Some(row) = load(db, reference).await? else {
        return Ok(None);
    };
    let Some(municipality) = registry.by_id(row.municipality_id) else {
        return Ok(None);
    };
    // The reporter's details: with the personal link, for the reporter's own account, or for
    // staff responsible for the report.
    let granted = access.is_some_and(|a| matches_hash(a, &row.access_hash))
        || viewer.is_some_and(|v| row.account_id == Some(v.account_id))
        || allows(
            viewer,
            Permission::ViewReporterContact {
                department_id: row.department_id,
            },
            row.municipality_id,
        );
    let status = row.status;
    let category = municipality.category_by_id(row.category_id);

    let photos: Vec<(i64,)> =
        sqlx::query_as("select position from report_photos where report_id = $1 order by position")
            .bind(row.id)
            .fetch_all(&db.pool)
            .await?;
    let events: Vec<(EventKind, String, i64)> = sqlx::query_as(
        "select kind, data, created_at from report_events \
         where report_id = $1 and visibility = 'public' order by id",
    )
    .bind(row.id)
    .fetch_all(&db.pool)
    .await?;

    let timeline = events
        .into_iter()
        .map(|(kind, data, at)| {
            let (title, detail) = describe(registry, municipality, category, kind, &data, t, lang);
            TimelineEntry {
                at: format_time(at, lang),
                title,
                detail,
            }
        })
        .collect();
    let private = granted.then(|| PrivateDetails {
        location: location_text(municipality, &row),
        description: row.description.clone(),
        answers: super::answers::sent(&row.answers, category, lang),
        email: row.reporter_email.clone(),
    });
    Ok(Some(ReportView {
        reference: row.reference.to_string(),
        status: status.label(t).to_owned(),
        status_code: status.code().to_owned(),
        category: category
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        municipality: municipality.name.clone(),
        area: row
            .area_id
            .and_then(|id| municipality.area(id))
            .map(|a| a.name.clone()),
        department: municipality
            .department(row.department_id)
            .map(|d| d.name(lang).to_owned())
            .unwrap_or_default(),
        submitted_at: format_time(row.created_at, lang),
        timeline,
        photos: photos
            .into_iter()
            .map(|(position,)| ReportPhoto {
                url: photo_url(&row.reference, position, false),
                thumbnail_url: photo_url(&row.reference, position, true),
            })
            .collect(),
        private,
        access_denied: access.is_some() && !granted,
        supporters: row.supporters,
    }))
}

/// The confirmation page's data, only with the matching personal token.
pub async fn confirmation(
    db: &Db,
    registry: &Registry,
    public_url: &str,
    reference: &Reference,
    access: &str,
    lang: Lang,
) -> Result<Option<Confirmation>, sqlx::Error> {
    let Some(row) = load(db, reference).await? else {
        return Ok(None);
    };
    if !matches_hash(access, &row.access_hash) {
        return Ok(None);
    }
    let Some(municipality) = registry.by_id(row.municipality_id) else {
        return Ok(None);
    };
    Ok(Some(Confirmation {
        status_path: format!("/meldungen/{}", row.reference),
        private_url: format!("{public_url}/meldungen/{}?zugang={access}", row.reference),
        department: municipality
            .department(row.department_id)
            .map(|d| d.name(lang).to_owned())
            .unwrap_or_default(),
        reference: row.reference.to_string(),
    }))
}

/// The storage key of a report's photo (position counted from 1 in URLs).
pub async fn photo_key(
    db: &Db,
    reference: &Reference,
    number: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select p.storage_key from report_photos p join reports r on r.id = p.report_id \
         where r.reference = $1 and p.position = $2",
    )
    .bind(reference)
    .bind(number - 1)
    .fetch_optional(&db.pool)
    .await
}

fn location_text(municipality: &Municipality, row: &Row) -> String {
    let area = row
        .area_id
        .and_then(|id| municipality.area(id))
        .map(|a| format!("{}, {}", a.name, municipality.name))
        .unwrap_or_else(|| municipality.name.clone());
    match (row.lat, row.lon, &row.address) {
        (Some(lat), Some(lon), Some(address)) => format!("{address} ({lat:.5}, {lon:.5}), {area}"),
        (Some(lat), Some(lon), None) => format!("{lat:.5}, {lon:.5} ({area})"),
        (_, _, Some(address)) => format!("{address}, {area}"),
        _ => area,
    }
}

fn department_name(registry: &Registry, id: Option<DepartmentId>, lang: Lang) -> String {
    id.and_then(|id| {
        registry
            .municipalities
            .iter()
            .find_map(|m| m.department(id).map(|d| (m, d)))
    })
    .map(|(m, d)| format!("{} ({})", d.name(lang), m.name))
    .unwrap_or_default()
}

/// An event of the timeline in words: its title and the detail below it.
pub fn describe(
    registry: &Registry,
    municipality: &Municipality,
    category: Option<&Category>,
    kind: EventKind,
    data: &str,
    t: &Texts,
    lang: Lang,
) -> (String, Option<String>) {
    let value: serde_json::Value = serde_json::from_str(data).unwrap_or_default();
    let text = |key: &str| {
        value
            .get(key)
            .and_then(|v| v.as_str())
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let id = |key: &str| value.get(key).and_then(|v| v.as_i64());
    let department = |key: &str| id(key).map(DepartmentId);
    let status = |key: &str| {
        value
            .get(key)
            .and_then(|s| s.as_str())
            .and_then(Status::parse)
            .map(|s| s.label(t))
            .unwrap_or_default()
    };
    match kind {
        EventKind::Routed => match serde_json::from_str::<RoutedEvent>(data) {
            Ok(event) => {
                let department = municipality
                    .department(event.department_id)
                    .map(|d| d.name(lang).to_owned())
                    .unwrap_or_default();
                (
                    fill(t.event_routed, &[&department]),
                    Some(explain(municipality, category, &event, t, lang)),
                )
            }
            Err(_) => (fill(t.event_routed, &[""]), None),
        },
        EventKind::StatusChanged => (
            fill(t.event_status_changed, &[status("to")]),
            text("reason"),
        ),
        EventKind::Forwarded => (
            fill(
                t.event_forwarded,
                &[&department_name(
                    registry,
                    department("department_id"),
                    lang,
                )],
            ),
            text("reason"),
        ),
        EventKind::HandedBack => (
            fill(
                t.event_handed_back,
                &[&department_name(
                    registry,
                    department("department_id"),
                    lang,
                )],
            ),
            text("reason"),
        ),
        EventKind::Merged => (
            fill(t.event_merged, &[&text("into").unwrap_or_default()]),
            None,
        ),
        EventKind::MergedIn => (
            fill(t.event_merged_in, &[&text("reference").unwrap_or_default()]),
            None,
        ),
        EventKind::CategoryChanged => {
            let name = |key: &str| {
                id(key)
                    .and_then(|c| municipality.category_by_id(c))
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default()
            };
            (
                fill(t.event_category_changed, &[&name("to")]),
                Some(fill(
                    t.event_now_responsible,
                    &[&department_name(
                        registry,
                        department("department_id"),
                        lang,
                    )],
                )),
            )
        }
        EventKind::LocationChanged => (
            t.event_location_changed.to_owned(),
            Some(fill(
                t.event_now_responsible,
                &[&department_name(
                    registry,
                    department("department_id"),
                    lang,
                )],
            )),
        ),
        EventKind::Note => (t.event_note.to_owned(), text("text")),
        EventKind::Supported => (t.event_supported.to_owned(), None),
        EventKind::Priority => (
            fill(t.event_priority, &[&text("to").unwrap_or_default()]),
            None,
        ),
        EventKind::Assigned => (t.event_assigned.to_owned(), None),
        EventKind::Submitted => (t.event_submitted.to_owned(), None),
    }
}

/// Why the report went where it went, in whole sentences.
pub fn explain(
    municipality: &Municipality,
    category: Option<&Category>,
    event: &RoutedEvent,
    t: &Texts,
    lang: Lang,
) -> String {
    let area_name = |id: Option<i64>| {
        id.and_then(|id| municipality.area(id))
            .map(|a| a.name.clone())
    };
    let mut sentences = Vec::new();
    match event.municipality_match {
        MunicipalityMatch::Inside => {}
        MunicipalityMatch::Overlap { .. } => {
            sentences.push(fill(t.why_municipality_overlap, &[&municipality.name]))
        }
        MunicipalityMatch::Nearest { distance_m } => sentences.push(fill(
            t.why_municipality_nearest,
            &[&distance_m.to_string(), &municipality.name],
        )),
    }
    let area = area_name(event.area_id).unwrap_or_default();
    match event.area_match {
        AreaMatch::Inside => sentences.push(fill(t.why_area_inside, &[&area])),
        AreaMatch::Nearest { distance_m } => {
            sentences.push(fill(t.why_area_nearest, &[&distance_m.to_string(), &area]))
        }
        AreaMatch::Chosen => sentences.push(fill(t.why_area_chosen, &[&area])),
        AreaMatch::None => {}
    }
    let category_name = category
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_default();
    let group_name = event
        .rule_group_id
        .and_then(|id| municipality.group(id))
        .map(|g| g.name(lang).to_owned())
        .unwrap_or_default();
    let rule_area = area_name(event.rule_area_id);
    sentences.push(
        match (event.rule_category_id, event.rule_group_id, rule_area) {
            (Some(_), _, Some(area)) => fill(t.why_rule_category_area, &[&category_name, &area]),
            (Some(_), _, None) => fill(t.why_rule_category, &[&category_name, &municipality.name]),
            (None, Some(_), Some(area)) => fill(t.why_rule_group_area, &[&group_name, &area]),
            (None, Some(_), None) => fill(t.why_rule_group, &[&group_name, &municipality.name]),
            (None, None, Some(area)) => fill(t.why_rule_fallback, &[&area]),
            (None, None, None) => fill(t.why_rule_fallback, &[&municipality.name]),
        },
    );
    sentences.join(" ")
}
