//! The triage pages' data: the queue and a report as its responsible staff see it.

use super::actions::load;
use super::actions::plan::department_home;
use super::queue::{self, Query, Row};
use super::workflow::{Priority, Transition};
use super::Triage;
use crate::core::access::{allows, triage_scope, Permission, Scope};
use crate::core::geo::Coordinates;
use crate::core::time::format_time;
use crate::reports::answers;
use crate::reports::intake::routing_problem;
use crate::reports::nearby::{open_nearby, Nearby};
use crate::reports::view::{describe, photo_url};
use crate::reports::{EventKind, Reference, Status, Visibility};
use crate::routing;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::{Lang, Texts};
use kiezwerk_app::model::{AccountId, Choice, Flash, Problem, Viewer};
use kiezwerk_app::report::model::ReportPhoto;
use kiezwerk_app::triage::model::{
    CategoryPreview, LocationPreview, QueueFilter, QueueItem, QueueView, StaffEvent,
    StaffReportView,
};
use kiezwerk_app::triage::port::Preview;
use std::collections::BTreeMap;

/// Metres within which open reports count as "nearby" (possible duplicates).
const NEARBY_M: f64 = 150.0;

pub fn priority_label(priority: Priority, t: &Texts) -> &'static str {
    match priority {
        Priority::Low => t.priority_low,
        Priority::High => t.priority_high,
        Priority::Normal => t.priority_normal,
    }
}

pub fn transition_label(transition: Transition, t: &Texts) -> &'static str {
    match transition {
        Transition::Accept => t.transition_accept,
        Transition::Start => t.transition_start,
        Transition::Resolve => t.transition_resolve,
        Transition::CloseNotFixed => t.transition_close_not_fixed,
        Transition::Forward => t.transition_forward,
        Transition::HandBack => t.transition_hand_back,
        Transition::MarkDuplicate => t.transition_mark_duplicate,
        Transition::Reopen => t.transition_reopen,
    }
}

/// Every department of the deployment as a forwarding target, labelled with its municipality.
pub fn targets(state: &Triage, lang: Lang) -> Vec<Choice> {
    state
        .tenants
        .registry
        .municipalities
        .iter()
        .flat_map(|m| {
            m.departments.iter().map(move |d| Choice {
                value: d.id.to_string(),
                label: format!("{} – {}", m.name, d.name(lang)),
            })
        })
        .collect()
}

/// The municipality's active categories for a select.
fn category_choices(municipality: &Municipality, lang: Lang) -> Vec<Choice> {
    municipality
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| Choice {
            value: c.code.clone(),
            label: c.name(lang).to_owned(),
        })
        .collect()
}

/// The municipality named by `slug` and the viewer's part in its triage.
pub fn scope<'a>(
    state: &'a Triage,
    viewer: &Viewer,
    slug: &str,
) -> Option<(&'a Municipality, Scope)> {
    let municipality = state.tenants.registry.by_slug(slug)?;
    let scope = triage_scope(Some(viewer), municipality.id)?;
    Some((municipality, scope))
}

pub fn queue_item(municipality: &Municipality, row: &Row, now: i64, lang: Lang) -> QueueItem {
    let t = lang.texts();
    let status = row.status;
    QueueItem {
        reference: row.reference.to_string(),
        version: row.version,
        status: status.label(t).to_owned(),
        status_code: status.code().to_owned(),
        category: municipality
            .category_by_id(row.category_id)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        area: row
            .area_id
            .and_then(|a| municipality.area(a))
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        department: municipality
            .department(row.department_id)
            .map(|d| d.name(lang).to_owned())
            .unwrap_or_default(),
        summary: row.summary.replace('\n', " "),
        submitted: format_time(row.created_at, lang),
        due: if row.stage < 2 {
            format_time(row.due_at, lang)
        } else {
            String::new()
        },
        overdue: row.stage < 2 && row.due_at < now,
        priority: priority_label(row.priority, t).to_owned(),
        priority_code: row.priority.code().to_owned(),
        assignee: row.assignee.clone(),
        photos: row.photo_count,
        lat: row.lat,
        lon: row.lon,
    }
}

/// The queue page; `None` when the viewer has no part in this municipality's triage.
pub async fn queue_view(
    state: &Triage,
    viewer: &Viewer,
    slug: &str,
    filter: QueueFilter,
    flash: Flash,
    notice: Option<String>,
    lang: Lang,
) -> Result<Option<QueueView>, sqlx::Error> {
    let Some((municipality, scope)) = scope(state, viewer, slug) else {
        return Ok(None);
    };
    let now = state.core.clock.now_ms();
    let query = Query::from_filter(&filter, municipality, &scope, now);
    let (rows, next) = queue::page(&state.core.db, &query).await?;
    let count = queue::count(&state.core.db, &query).await?;
    let served: Vec<_> = municipality
        .departments
        .iter()
        .filter(|d| match &scope {
            Scope::Municipality => true,
            Scope::Departments(ids) => ids.contains(&d.id),
        })
        .collect();
    let colleagues = super::colleagues(state, municipality.id, &scope).await?;
    Ok(Some(QueueView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        items: rows
            .iter()
            .map(|row| queue_item(municipality, row, now, lang))
            .collect(),
        count: count.min(queue::COUNT_CAP),
        count_capped: count > queue::COUNT_CAP,
        next: next.map(|c| c.encode()),
        departments: served
            .iter()
            .map(|d| Choice {
                value: d.id.to_string(),
                label: d.name(lang).to_owned(),
            })
            .collect(),
        categories: category_choices(municipality, lang),
        areas: municipality
            .areas
            .iter()
            .map(|a| Choice {
                value: a.id.to_string(),
                label: a.name.clone(),
            })
            .collect(),
        colleagues: colleagues
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect(),
        targets: targets(state, lang),
        map_tiles: state.core.settings.map_tile_url.clone(),
        map_attribution: state.core.settings.map_attribution.clone(),
        generated_at: now,
        filter,
        flash,
        notice,
    }))
}

/// A report as its responsible staff see it; `None` when there is no such report or it is not
/// the viewer's (the same answer for both, so references of other departments stay hidden).
pub async fn report_view(
    state: &Triage,
    viewer: &Viewer,
    reference: &str,
    preview: Preview,
    flash: Flash,
    notice: Option<String>,
    lang: Lang,
) -> Result<Option<StaffReportView>, sqlx::Error> {
    let t = lang.texts();
    let Some(reference) = Reference::parse(reference) else {
        return Ok(None);
    };
    let Some(current) = load(state, &reference).await? else {
        return Ok(None);
    };
    if !allows(
        Some(viewer),
        Permission::WorkReports {
            department_id: current.department_id,
        },
        current.municipality_id,
    ) {
        return Ok(None);
    }
    let Some(municipality) = state.tenants.registry.by_id(current.municipality_id) else {
        return Ok(None);
    };
    #[derive(sqlx::FromRow)]
    struct Detail {
        description: String,
        answers: String,
        photo_count: i64,
        due_at: i64,
        stage: i64,
        supporters: i64,
    }
    let detail: Detail = sqlx::query_as(
        "select description, answers, photo_count, due_at, stage, supporters \
         from reports where id = $1",
    )
    .bind(current.id)
    .fetch_one(&state.core.db.pool)
    .await?;
    let status = current.status;
    let category = municipality.category_by_id(current.category_id);
    let events: Vec<(EventKind, Visibility, String, i64, Option<String>)> = sqlx::query_as(
        "select e.kind, e.visibility, e.data, e.created_at, a.display_name from report_events e \
         left join accounts a on a.id = e.actor_id where e.report_id = $1 order by e.id",
    )
    .bind(current.id)
    .fetch_all(&state.core.db.pool)
    .await?;
    let colleagues = super::colleagues(
        state,
        municipality.id,
        &Scope::Departments(vec![current.department_id]),
    )
    .await?;
    // Everybody who ever worked here, also staff since disabled, for the assignment history.
    let names: BTreeMap<AccountId, String> = sqlx::query_as::<_, (AccountId, String)>(
        "select distinct a.id, a.display_name from accounts a \
         join role_grants g on g.account_id = a.id where g.municipality_id = $1",
    )
    .bind(municipality.id)
    .fetch_all(&state.core.db.pool)
    .await?
    .into_iter()
    .collect();
    let timeline = events
        .into_iter()
        .map(|(kind, visibility, data, at, actor)| {
            let (mut title, mut detail) = describe(
                &state.tenants.registry,
                municipality,
                category,
                kind,
                &data,
                t,
                lang,
            );
            let internal = visibility == Visibility::Internal;
            if kind == EventKind::Note && internal {
                title = t.triage_internal_note_title.to_owned();
            }
            // Staff see before → after of every change.
            let value: serde_json::Value = serde_json::from_str(&data).unwrap_or_default();
            if kind == EventKind::Assigned {
                let name = |key: &str| {
                    value
                        .get(key)
                        .and_then(|v| v.as_i64())
                        .map(AccountId)
                        .map(|id| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}")))
                        .unwrap_or_else(|| t.triage_nobody.to_owned())
                };
                detail = Some(format!("{} → {}", name("from"), name("to")));
            }
            if kind == EventKind::StatusChanged {
                let label = |key: &str| {
                    value
                        .get(key)
                        .and_then(|v| v.as_str())
                        .and_then(Status::parse)
                        .map(|s| s.label(t))
                        .unwrap_or_default()
                };
                let change = format!("{} → {}", label("from"), label("to"));
                detail = Some(match detail {
                    Some(reason) => format!("{change}: {reason}"),
                    None => change,
                });
            }
            if kind == EventKind::Priority {
                let label = |key: &str| {
                    let code = value.get(key).and_then(|v| v.as_str()).unwrap_or("");
                    priority_label(Priority::parse(code).unwrap_or(Priority::Normal), t)
                };
                detail = Some(format!("{} → {}", label("from"), label("to")));
            }
            // A change a department's back office sent through its API key names the key.
            let actor = actor.or_else(|| {
                let name = value.get("back_office").and_then(|v| v.as_str())?;
                Some(kiezwerk_app::i18n::fill(t.timeline_by_back_office, &[name]))
            });
            StaffEvent {
                at: format_time(at, lang),
                title,
                detail,
                internal,
                actor,
            }
        })
        .collect();
    let followers: i64 =
        sqlx::query_scalar("select count(*) from report_followers where report_id = $1")
            .bind(current.id)
            .fetch_one(&state.core.db.pool)
            .await?;
    let duplicate_of: Option<Reference> = match current.duplicate_of_id {
        Some(id) => {
            sqlx::query_scalar("select reference from reports where id = $1")
                .bind(id)
                .fetch_optional(&state.core.db.pool)
                .await?
        }
        None => None,
    };
    let nearby = match Coordinates::from_columns(current.lat, current.lon) {
        Some(around) => {
            let query = Nearby {
                municipality,
                category_id: None,
                around,
                radius_m: NEARBY_M,
                exclude: Some(current.id),
                limit: 10,
            };
            open_nearby(&state.core.db, query, lang).await?
        }
        None => Vec::new(),
    };
    let area = current
        .area_id
        .and_then(|a| municipality.area(a))
        .map(|a| a.name.clone());
    let location = match (current.lat, current.lon, &current.address) {
        (Some(lat), Some(lon), Some(address)) => format!("{address} ({lat:.5}, {lon:.5})"),
        (Some(lat), Some(lon), None) => format!("{lat:.5}, {lon:.5}"),
        (_, _, Some(address)) => address.clone(),
        _ => area.clone().unwrap_or_default(),
    };
    let contact = allows(
        Some(viewer),
        Permission::ViewReporterContact {
            department_id: current.department_id,
        },
        current.municipality_id,
    );
    Ok(Some(StaffReportView {
        slug: municipality.slug.clone(),
        reference: current.reference.to_string(),
        version: current.version,
        status: status.label(t).to_owned(),
        status_code: status.code().to_owned(),
        category: category
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        category_code: category.map(|c| c.code.clone()).unwrap_or_default(),
        municipality: municipality.name.clone(),
        area,
        department: department_home(&state.tenants.registry, current.department_id)
            .and_then(|m| m.department(current.department_id))
            .map(|d| d.name(lang).to_owned())
            .unwrap_or_default(),
        submitted_at: format_time(current.created_at, lang),
        accept_due: current
            .accept_due_at
            .map(|d| format_time(d, lang))
            .unwrap_or_default(),
        resolve_due: current
            .resolve_due_at
            .map(|d| format_time(d, lang))
            .unwrap_or_default(),
        overdue: detail.stage < 2 && detail.due_at < state.core.clock.now_ms(),
        priority_code: current.priority.code().to_owned(),
        assignee_id: current.assignee_id,
        location,
        lat: current.lat,
        lon: current.lon,
        description: detail.description,
        answers: answers::sent(&detail.answers, category, lang),
        reporter_email: current.reporter_email.clone().filter(|_| contact),
        followers,
        supporters: detail.supporters,
        duplicate_of: duplicate_of.map(|r| r.to_string()),
        photos: (0..detail.photo_count)
            .map(|position| ReportPhoto {
                url: photo_url(&current.reference, position, false),
                thumbnail_url: photo_url(&current.reference, position, true),
            })
            .collect(),
        timeline,
        nearby,
        transitions: Transition::available(status)
            .into_iter()
            .filter(|tr| {
                *tr != Transition::HandBack || current.forwarded_from_department_id.is_some()
            })
            .map(|tr| Choice {
                value: tr.code().to_owned(),
                label: transition_label(tr, t).to_owned(),
            })
            .collect(),
        colleagues: colleagues
            .into_iter()
            .map(|(id, name)| Choice {
                value: id.to_string(),
                label: name,
            })
            .collect(),
        targets: targets(state, lang)
            .into_iter()
            .filter(|c| c.value != current.department_id.to_string())
            .collect(),
        categories: category_choices(municipality, lang),
        location_preview: preview.location.map(|(lat, lon)| {
            let code = category.map(|c| c.code.as_str()).unwrap_or_default();
            let outcome = match Coordinates::parse(&lat, &lon) {
                None => Err(Problem::CoordinatesInvalid),
                Some(point) => match routing::route(&state.tenants.registry, code, point) {
                    Ok(decision) => Ok(department_home(
                        &state.tenants.registry,
                        decision.department_id,
                    )
                    .and_then(|m| {
                        m.department(decision.department_id)
                            .map(|d| format!("{} ({})", d.name(lang), m.name))
                    })
                    .unwrap_or_default()),
                    Err(error) => Err(routing_problem(&state.tenants.registry, code, &error, lang)),
                },
            };
            LocationPreview { lat, lon, outcome }
        }),
        category_preview: preview
            .category
            .filter(|code| Some(code.as_str()) != category.map(|c| c.code.as_str()))
            .and_then(|code| {
                let new = municipality.category(&code)?;
                let decision = routing::route_in_area(municipality, &code, current.area_id).ok()?;
                Some(CategoryPreview {
                    code: new.code.clone(),
                    category: new.name(lang).to_owned(),
                    department: municipality
                        .department(decision.department_id)
                        .map(|d| d.name(lang).to_owned())
                        .unwrap_or_default(),
                })
            }),
        flash,
        notice,
    }))
}
