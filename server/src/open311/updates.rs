//! The updates extension as FixMyStreet's open311-adapter speaks it.
//! - `GET servicerequestupdates`: what staff told the public about a municipality's requests in
//!   a time window (status changes, messages, forwarding, merging), one update per change, so
//!   that a client follows the requests it knows.
//! - `POST servicerequestupdates`, with a key bound to a department: that department's own back
//!   office pushes a status and a public message. The triage state machine decides: the back
//!   office names where the request should be, Kiezwerk walks there on the machine's edges (at
//!   most two steps: a new request is accepted before it is started) or answers 400 with the
//!   reason. The citizen's status page and mail show the change as any other.
//!
//! Status words are FixMyStreet's: `open`, `investigating`, `action_scheduled`, `in_progress`,
//! `fixed`, `closed`, `no_further_action`, `not_councils_responsibility`, `internal_referral`,
//! `duplicate` (any case; spaces for underscores).

use super::error::Open311Error;
use super::format::{self, Format};
use super::list::window;
use super::requests::iso;
use super::{authorised_key, jurisdiction, lang_of, public};
use crate::core::db::{bind_params, Conditions, Param};
use crate::reports::{EventKind, Reference, Reports, Status};
use crate::triage::actions::{apply_from_back_office, Actor, BackOfficeChange};
use crate::triage::workflow::Transition;
use crate::triage::Triage;
use axum::extract::{FromRequest, OriginalUri, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use kiezwerk_app::i18n::fill;
use kiezwerk_app::model::{DepartmentId, MunicipalityId, ReportId};
use kiezwerk_app::triage::model::TriageRefusal;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::HashMap;

/// Most updates in one answer; a client asks for a narrower window to see more.
const MAX_UPDATES: i64 = 1000;

/// The timeline entries a client is told of, and those that change the status.
const TOLD: [EventKind; 5] = [
    EventKind::StatusChanged,
    EventKind::Note,
    EventKind::Forwarded,
    EventKind::HandedBack,
    EventKind::Merged,
];

/// The extension's word for a status.
pub fn word(status: Status) -> &'static str {
    match status {
        Status::New => "open",
        Status::Accepted => "investigating",
        Status::InProgress => "in_progress",
        Status::Resolved => "fixed",
        Status::ClosedNotFixed => "no_further_action",
        Status::Forwarded => "internal_referral",
        Status::Duplicate => "duplicate",
    }
}

/// Where a back office's status word asks the request to be.
#[derive(Debug, PartialEq, Eq)]
enum Wanted {
    /// Open, whatever the step: a closed request is opened again, an open one stays.
    Open,
    Status(Status),
    /// Forwarding and merging need a target the extension cannot name: staff do them.
    StaffOnly,
}

fn wanted(word: &str) -> Option<Wanted> {
    let word = word.trim().to_ascii_lowercase().replace([' ', '-'], "_");
    Some(match word.as_str() {
        "open" => Wanted::Open,
        "investigating" | "action_scheduled" => Wanted::Status(Status::Accepted),
        "in_progress" => Wanted::Status(Status::InProgress),
        "fixed" => Wanted::Status(Status::Resolved),
        "closed" | "no_further_action" | "not_councils_responsibility" => {
            Wanted::Status(Status::ClosedNotFixed)
        }
        "internal_referral" | "duplicate" => Wanted::StaffOnly,
        _ => return None,
    })
}

/// The status a change leaves a request in, from a timeline entry; `None` for entries that do
/// not change it.
fn status_after(kind: EventKind, data: &Value) -> Option<Status> {
    match kind {
        EventKind::StatusChanged => data["to"].as_str().and_then(Status::parse),
        EventKind::Forwarded => Some(Status::Forwarded),
        EventKind::HandedBack => Some(Status::New),
        EventKind::Merged => Some(Status::Duplicate),
        _ => None,
    }
}

/// What a timeline entry told the public in words.
fn said(data: &Value) -> Option<&str> {
    data.get("text")
        .or_else(|| data.get("reason"))
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
}

#[derive(Deserialize)]
pub struct UpdatesQuery {
    api_key: Option<String>,
    jurisdiction_id: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    locale: Option<String>,
}

/// One timeline entry as the list reads it.
#[derive(sqlx::FromRow)]
struct Entry {
    id: i64,
    report_id: ReportId,
    reference: Reference,
    data: String,
    created_at: i64,
}

/// `GET servicerequestupdates`: the municipality's updates in the window, oldest first. One
/// change (a status with its message) is one update, named by its first timeline entry; its
/// status is the request's after the change.
pub async fn list_updates(
    State(reports): State<Reports>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<UpdatesQuery>,
) -> Result<Response, Open311Error> {
    let format = Format::of_path(uri.path());
    let lang = lang_of(&headers, q.locale.as_deref());
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    super::reading_key(&reports, q.api_key.as_deref(), municipality, lang).await?;
    let now = reports.core.clock.now_ms();
    let (start, end) = window(q.start_date.as_deref(), q.end_date.as_deref(), now, lang)?;
    let internal = |e| Open311Error::internal(e, lang);
    let told: Vec<Param> = TOLD
        .into_iter()
        .map(|k| Param::Text(k.code().to_owned()))
        .collect();
    let mut c = Conditions::default();
    c.and("r.municipality_id = ?", [Param::Int(municipality.id.0)]);
    c.and("e.visibility = 'public'", []);
    c.and_in("e.kind", told);
    c.and("e.created_at >= ?", [Param::Int(start)]);
    c.and("e.created_at < ?", [Param::Int(end)]);
    let sql = format!(
        "select e.id, e.report_id, r.reference, e.data, e.created_at \
         from report_events e join reports r on r.id = e.report_id \
         where {} order by e.id limit {MAX_UPDATES}",
        c.sql
    );
    let entries: Vec<Entry> = bind_params(sqlx::query_as(&sql), &c.params)
        .fetch_all(&reports.core.db.pool)
        .await
        .map_err(internal)?;
    let history = statuses(&reports, &entries).await.map_err(internal)?;

    let mut updates: Vec<Value> = Vec::new();
    let mut last: Option<(ReportId, i64)> = None;
    for entry in entries {
        let data: Value = serde_json::from_str(&entry.data).unwrap_or(Value::Null);
        let status = history
            .get(&entry.report_id)
            .and_then(|h| h.iter().rev().find(|(id, _)| *id <= entry.id))
            .map_or(Status::New, |(_, status)| *status);
        let text = said(&data).unwrap_or_default();
        // Entries of one change share their report and moment.
        if last == Some((entry.report_id, entry.created_at)) {
            if let Some(update) = updates.last_mut() {
                update["status"] = json!(word(status));
                if !text.is_empty() {
                    let before = update["description"].as_str().unwrap_or_default();
                    update["description"] = json!(if before.is_empty() {
                        text.to_owned()
                    } else {
                        format!("{before}\n\n{text}")
                    });
                }
                continue;
            }
        }
        last = Some((entry.report_id, entry.created_at));
        updates.push(json!({
            "update_id": entry.id.to_string(),
            "service_request_id": entry.reference,
            "status": word(status),
            "updated_datetime": iso(entry.created_at),
            "description": text,
            "media_url": "",
        }));
    }
    Ok(public(format, format::UPDATES, &Value::Array(updates)))
}

/// For each report of `entries`, its status after each change up to the last entry: `(entry
/// id, status)` in order.
async fn statuses(
    reports: &Reports,
    entries: &[Entry],
) -> Result<HashMap<ReportId, Vec<(i64, Status)>>, sqlx::Error> {
    let mut ids: Vec<ReportId> = entries.iter().map(|e| e.report_id).collect();
    ids.sort();
    ids.dedup();
    let mut history: HashMap<ReportId, Vec<(i64, Status)>> = HashMap::new();
    let Some(last) = entries.iter().map(|e| e.id).max() else {
        return Ok(history);
    };
    for chunk in ids.chunks(500) {
        let mut c = Conditions::default();
        c.and_in(
            "report_id",
            chunk.iter().map(|id| Param::Int(id.0)).collect(),
        );
        c.and("id <= ?", [Param::Int(last)]);
        let sql = format!(
            "select id, report_id, kind, data from report_events where {} order by id",
            c.sql
        );
        let rows: Vec<(i64, ReportId, EventKind, String)> =
            bind_params(sqlx::query_as(&sql), &c.params)
                .fetch_all(&reports.core.db.pool)
                .await?;
        for (id, report, kind, data) in rows {
            let data: Value = serde_json::from_str(&data).unwrap_or(Value::Null);
            if let Some(status) = status_after(kind, &data) {
                history.entry(report).or_default().push((id, status));
            }
        }
    }
    Ok(history)
}

/// `POST servicerequestupdates`: a department's back office changes one of its requests.
pub async fn post_update(
    State(reports): State<Reports>,
    request: Request,
) -> Result<Response, Open311Error> {
    let format = Format::of_path(request.uri().path());
    let headers = request.headers().clone();
    let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, &reports)
        .await
        .map_err(|_| {
            let t = lang_of(&headers, None).texts();
            Open311Error::new(StatusCode::BAD_REQUEST, t.open311_unreadable_form)
        })?;
    let get = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim())
            .filter(|v| !v.is_empty())
    };
    let lang = lang_of(&headers, get("locale"));
    let t = lang.texts();
    let forbidden = |message: &str| Open311Error::new(StatusCode::FORBIDDEN, message);
    let (key, municipality) =
        authorised_key(&reports, get("api_key"), get("jurisdiction_id"), lang).await?;
    let department_id = key
        .department_id
        .ok_or_else(|| forbidden(t.open311_key_not_back_office))?;
    let id = get("service_request_id").unwrap_or_default();
    let not_found = || {
        let message = fill(t.open311_request_unknown, &[id]);
        Open311Error::new(StatusCode::NOT_FOUND, message)
    };
    let reference = Reference::parse(id).ok_or_else(not_found)?;
    let bad = |message: String| Open311Error::new(StatusCode::BAD_REQUEST, message);
    let wanted = wanted(get("status").unwrap_or_default())
        .ok_or_else(|| bad(t.open311_update_status_values.to_owned()))?;
    let message = get("description").unwrap_or_default().to_owned();

    // Where the request is now decides the way; the write checks that nobody changed it since.
    let current: Option<(Status, MunicipalityId, DepartmentId)> = sqlx::query_as(
        "select status, municipality_id, department_id from reports where reference = $1",
    )
    .bind(&reference)
    .fetch_optional(&reports.core.db.pool)
    .await
    .map_err(|e| Open311Error::internal(e, lang))?;
    let (status, home, responsible) = current.ok_or_else(not_found)?;
    if home != municipality.id {
        return Err(not_found());
    }
    // Requests are public by their reference, so saying whose it is reveals nothing.
    if responsible != department_id {
        return Err(forbidden(t.open311_key_other_department));
    }
    let target = match wanted {
        Wanted::StaffOnly => return Err(bad(t.open311_update_staff_only.to_owned())),
        Wanted::Open if status.is_open() => status,
        Wanted::Open => Status::Accepted,
        Wanted::Status(target) => target,
    };
    let refused_way = || {
        let from = status.label(t);
        bad(fill(t.open311_update_not_allowed, &[from, target.label(t)]))
    };
    let steps = Transition::way(status, target).ok_or_else(refused_way)?;
    let triage = Triage {
        core: reports.core.clone(),
        tenants: reports.tenants.clone(),
    };
    let actor = Actor::BackOffice {
        api_key_id: key.id,
        department_id,
        name: &key.name,
    };
    let change = BackOfficeChange { steps, message };
    match apply_from_back_office(&triage, actor, &reference, change, lang).await {
        Ok(update_id) => {
            let answer = json!([{ "update_id": update_id.to_string() }]);
            Ok(format::respond(
                StatusCode::OK,
                format,
                format::UPDATES,
                &answer,
            ))
        }
        Err(crate::core::port::Failure::Refused(TriageRefusal::NotFound)) => Err(not_found()),
        Err(crate::core::port::Failure::Refused(TriageRefusal::Invalid(problem)))
            if problem.field == "changes" =>
        {
            // Somebody changed the request between reading and writing: the client may retry.
            let message = problem.problem.message(t);
            Err(Open311Error::new(StatusCode::CONFLICT, message))
        }
        Err(crate::core::port::Failure::Refused(TriageRefusal::Invalid(problem))) => {
            let parameter = match problem.field.as_str() {
                "reason" | "description" => "description",
                _ => "status",
            };
            Err(bad(format!("{parameter}: {}", problem.problem.message(t))))
        }
        Err(crate::core::port::Failure::Internal(e)) => Err(Open311Error::internal(e, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixmystreets_status_words_map_to_ours_and_back() {
        assert_eq!(
            wanted("IN_PROGRESS"),
            Some(Wanted::Status(Status::InProgress))
        );
        assert_eq!(
            wanted("in progress"),
            Some(Wanted::Status(Status::InProgress))
        );
        assert_eq!(wanted("Fixed"), Some(Wanted::Status(Status::Resolved)));
        assert_eq!(
            wanted("not_councils_responsibility"),
            Some(Wanted::Status(Status::ClosedNotFixed))
        );
        assert_eq!(wanted("duplicate"), Some(Wanted::StaffOnly));
        assert_eq!(wanted("erledigt"), None);
        // Every status we report is a word a back office could send back.
        for status in Status::ALL {
            assert!(wanted(word(status)).is_some(), "{status:?}");
        }
    }

    #[test]
    fn a_change_leaves_the_status_its_entry_names() {
        let changed = json!({ "from": "new", "to": "accepted" });
        assert_eq!(
            status_after(EventKind::StatusChanged, &changed),
            Some(Status::Accepted)
        );
        assert_eq!(
            status_after(EventKind::HandedBack, &json!({})),
            Some(Status::New)
        );
        assert_eq!(status_after(EventKind::Note, &json!({ "text": "x" })), None);
        assert_eq!(said(&json!({ "text": "Abgeholt." })), Some("Abgeholt."));
        assert_eq!(said(&json!({ "reason": "" })), None);
    }
}
