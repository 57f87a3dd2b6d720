//! What staff do to a report: status transitions (with forwarding, hand-back and merging),
//! assignment, priority, category, notes. Every change is checked against the state machine and
//! the viewer's roles, written only if nobody changed the report since the form was shown
//! (optimistic version check), recorded in the audit trail, and told to the citizen by mail
//! where it concerns them.

use super::workflow::{add_working_days, stage, Priority, Transition};
use crate::auth::mail::Mail;
use crate::auth::roles::{allows, Permission, Scope};
use crate::reports::intake::routing_problem;
use crate::reports::{clean_text, normalize_reference, Status};
use crate::routing::{self, Coordinates};
use crate::state::AppState;
use crate::tenants::{Municipality, Registry};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{FieldError, Problem, TriageRefusal, Viewer};
use serde_json::json;

/// Longest note or reason accepted.
pub const MAX_NOTE: usize = 2000;

/// One change as the forms ask for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Status {
        transition: Transition,
        /// Why (forward, hand-back, closing unfixed); the citizen reads it.
        reason: String,
        /// Forwarding target: a department id of any municipality.
        target: Option<i64>,
        /// Merging: the reference of the surviving report.
        duplicate_of: String,
    },
    /// `None` takes the report off whoever had it.
    Assign(Option<i64>),
    Priority(Priority),
    /// A new category; routing decides the department anew.
    Category(String),
    /// A corrected place; routing decides municipality, district and department anew.
    Location(Coordinates),
    /// Only notes.
    Note,
}

/// A change with the notes that go with it.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub change: Change,
    pub public_note: String,
    pub internal_note: String,
}

/// The report as stored, the part a change may touch.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Current {
    pub id: i64,
    pub reference: String,
    pub municipality_id: i64,
    pub department_id: i64,
    pub category_id: i64,
    pub area_id: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub address: Option<String>,
    pub status: String,
    pub version: i64,
    pub priority: String,
    pub assignee_id: Option<i64>,
    pub accepted_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub accept_due_at: Option<i64>,
    pub resolve_due_at: Option<i64>,
    pub forwarded_from_department_id: Option<i64>,
    pub duplicate_of_id: Option<i64>,
    pub reporter_email: Option<String>,
    pub created_at: i64,
}

pub async fn load(state: &AppState, reference: &str) -> Result<Option<Current>, sqlx::Error> {
    sqlx::query_as(
        "select id, reference, municipality_id, department_id, category_id, area_id, lat, lon, address, status, version, \
         priority, assignee_id, accepted_at, closed_at, accept_due_at, resolve_due_at, forwarded_from_department_id, \
         duplicate_of_id, reporter_email, created_at from reports where reference = $1",
    )
    .bind(reference)
    .fetch_optional(&state.db.pool)
    .await
}

fn invalid(field: &str, problem: Problem) -> TriageRefusal {
    TriageRefusal::Invalid(FieldError::new(field, problem))
}

/// The municipality a department belongs to.
pub fn department_home(registry: &Registry, department_id: i64) -> Option<&Municipality> {
    registry
        .municipalities
        .iter()
        .find(|m| m.department(department_id).is_some())
}

/// An event to record with the change.
struct Event {
    kind: &'static str,
    public: bool,
    data: serde_json::Value,
}

/// Carries out one change for `viewer`; the refusal says why not. Nothing is written on refusal.
pub async fn apply(
    state: &AppState,
    viewer: &Viewer,
    reference: &str,
    version: i64,
    request: Request,
    lang: Lang,
) -> Result<Result<(), TriageRefusal>, sqlx::Error> {
    let Some(current) = load(state, reference).await? else {
        return Ok(Err(TriageRefusal::NotFound));
    };
    if !allows(
        Some(viewer),
        Permission::WorkReports {
            department_id: current.department_id,
        },
        current.municipality_id,
    ) {
        return Ok(Err(TriageRefusal::NotFound));
    }
    if current.version != version {
        return Ok(Err(invalid("changes", Problem::ChangedMeanwhile)));
    }
    let public_note = clean_text(&request.public_note);
    let internal_note = clean_text(&request.internal_note);
    for (field, note) in [
        ("public-note", &public_note),
        ("internal-note", &internal_note),
    ] {
        if note.chars().count() > MAX_NOTE {
            return Ok(Err(invalid(field, Problem::NoteTooLong { max: MAX_NOTE })));
        }
    }
    let now = state.clock.now_ms();
    let plan = match plan(state, viewer, &current, &request.change, now, lang).await? {
        Ok(plan) => plan,
        Err(refusal) => return Ok(Err(refusal)),
    };
    let (mut next, mut events, merge_into) = plan;
    if next.department_id != current.department_id {
        // Arriving in a department (forwarded, handed back, re-categorised) starts a fresh
        // time to accept there.
        next.accept_due_at = Some(add_working_days(now, category_days(state, &next).0));
    }
    if next == current && public_note.is_empty() && internal_note.is_empty() {
        let field = match request.change {
            Change::Assign(_) => "assignee",
            Change::Priority(_) => "priority",
            Change::Category(_) => "category",
            Change::Location(_) => "new-lat",
            Change::Status { .. } => "transition",
            Change::Note => "public-note",
        };
        return Ok(Err(invalid(field, Problem::NothingToDo)));
    }
    if !public_note.is_empty() {
        events.push(Event {
            kind: "note",
            public: true,
            data: json!({ "text": public_note }),
        });
    }
    if !internal_note.is_empty() {
        events.push(Event {
            kind: "note",
            public: false,
            data: json!({ "text": internal_note }),
        });
    }

    let mut tx = state.db.pool.begin().await?;
    // The write comes first: it takes SQLite's write lock at once, and the version in its
    // condition proves that what the checks above read is still what is stored.
    let updated = sqlx::query(
        "update reports set municipality_id = $1, department_id = $2, category_id = $3, area_id = $4, \
         status = $5, priority = $6, assignee_id = $7, accepted_at = $8, closed_at = $9, \
         forwarded_from_department_id = $10, duplicate_of_id = $11, stage = $12, due_at = $13, \
         accept_due_at = $14, resolve_due_at = $15, lat = $16, lon = $17, address = $18, \
         seq = case when municipality_id <> $1 then -id else seq end, \
         version = version + 1, updated_at = $19 \
         where id = $20 and version = $21",
    )
    // The (municipality, year, seq) key guards the numbering of the municipality that issued
    // the reference; a report moved to another municipality keeps its reference and leaves
    // that numbering (a negative seq is never issued).
    .bind(next.municipality_id)
    .bind(next.department_id)
    .bind(next.category_id)
    .bind(next.area_id)
    .bind(&next.status)
    .bind(&next.priority)
    .bind(next.assignee_id)
    .bind(next.accepted_at)
    .bind(next.closed_at)
    .bind(next.forwarded_from_department_id)
    .bind(next.duplicate_of_id)
    .bind(stage(Status::parse(&next.status).unwrap_or(Status::New)))
    .bind(due_at(state, &next, now))
    .bind(next.accept_due_at)
    .bind(next.resolve_due_at)
    .bind(next.lat)
    .bind(next.lon)
    .bind(&next.address)
    .bind(now)
    .bind(current.id)
    .bind(version)
    // Binds optional floats: see "Optional floats" in `db`.
    .persistent(false)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(Err(invalid("changes", Problem::ChangedMeanwhile)));
    }
    for event in &events {
        sqlx::query(
            "insert into report_events (report_id, kind, visibility, data, created_at, actor_id) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(current.id)
        .bind(event.kind)
        .bind(if event.public { "public" } else { "internal" })
        .bind(event.data.to_string())
        .bind(now)
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(target) = merge_into {
        // The surviving report changes too (followers, its timeline): only as it was checked.
        let bumped = sqlx::query(
            "update reports set version = version + 1, updated_at = $1 where id = $2 and version = $3",
        )
        .bind(now)
        .bind(target.id)
        .bind(target.version)
        .execute(&mut *tx)
        .await?;
        if bumped.rows_affected() == 0 {
            return Ok(Err(invalid("duplicate", Problem::ChangedMeanwhile)));
        }
        // The duplicate's reporter and followers follow the surviving report.
        sqlx::query(
            "insert into report_followers (report_id, email, created_at) \
             select $1, email, $2 from report_followers where report_id = $3 \
             on conflict (report_id, email) do nothing",
        )
        .bind(target.id)
        .bind(now)
        .bind(current.id)
        .execute(&mut *tx)
        .await?;
        if let Some(email) = current
            .reporter_email
            .as_deref()
            .filter(|e| Some(*e) != target.reporter_email.as_deref())
        {
            sqlx::query(
                "insert into report_followers (report_id, email, created_at) values ($1, $2, $3) \
                 on conflict (report_id, email) do nothing",
            )
            .bind(target.id)
            .bind(email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "insert into report_events (report_id, kind, visibility, data, created_at, actor_id) \
             values ($1, 'merged_in', 'internal', $2, $3, $4)",
        )
        .bind(target.id)
        .bind(json!({ "reference": current.reference }).to_string())
        .bind(now)
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    }
    // The citizen hears of status changes and of everything said to them.
    let status_changed = next.status != current.status;
    let said: Vec<String> = events
        .iter()
        .filter(|e| e.public)
        .filter_map(|e| {
            e.data
                .get("text")
                .or_else(|| e.data.get("reason"))
                .and_then(|t| t.as_str())
                .map(str::to_owned)
        })
        .collect();
    if status_changed || !said.is_empty() {
        let followers: Vec<(String,)> =
            sqlx::query_as("select email from report_followers where report_id = $1 order by id")
                .bind(current.id)
                .fetch_all(&mut *tx)
                .await?;
        let status = Status::parse(&next.status).unwrap_or(Status::New);
        let department = department_home(&state.registry, next.department_id)
            .and_then(|m| m.department(next.department_id))
            .map(|d| d.name_de.clone())
            .unwrap_or_default();
        let link = format!(
            "{}/meldungen/{}",
            state.settings.public_url, current.reference
        );
        for to in current
            .reporter_email
            .iter()
            .cloned()
            .chain(followers.into_iter().map(|(e,)| e))
        {
            let mail = update_mail(&to, &current.reference, status, &department, &said, &link);
            crate::auth::mail::queue_on(&mut tx, now, &mail).await?;
        }
    }
    tx.commit().await?;
    Ok(Ok(()))
}

/// The report after the change, the events that record it, and for a merge the surviving report.
type Plan = (Current, Vec<Event>, Option<Current>);

async fn plan(
    state: &AppState,
    viewer: &Viewer,
    current: &Current,
    change: &Change,
    now: i64,
    lang: Lang,
) -> Result<Result<Plan, TriageRefusal>, sqlx::Error> {
    let mut next = current.clone();
    let mut events = Vec::new();
    let mut merge_into = None;
    let status = Status::parse(&current.status).unwrap_or(Status::New);
    match change {
        Change::Note => {}
        Change::Priority(priority) => {
            next.priority = priority.code().to_owned();
            if next.priority != current.priority {
                events.push(Event {
                    kind: "priority",
                    public: false,
                    data: json!({ "from": current.priority, "to": next.priority }),
                });
            }
        }
        Change::Assign(assignee) => {
            if let Some(id) = assignee {
                let department = Scope::Departments(vec![current.department_id]);
                if !super::colleagues(state, current.municipality_id, &department)
                    .await?
                    .iter()
                    .any(|(colleague, _)| colleague == id)
                {
                    return Ok(Err(invalid("assignee", Problem::ColleagueUnknown)));
                }
            }
            next.assignee_id = *assignee;
            if next.assignee_id != current.assignee_id {
                events.push(Event {
                    kind: "assigned",
                    public: false,
                    data: json!({ "from": current.assignee_id, "to": next.assignee_id }),
                });
            }
        }
        Change::Category(code) => {
            let Some(municipality) = state.registry.by_id(current.municipality_id) else {
                return Ok(Err(TriageRefusal::NotFound));
            };
            let Some(category) = municipality.category(code) else {
                return Ok(Err(invalid("category", Problem::CategoryUnknown)));
            };
            let Ok(decision) = routing::route_in_area(municipality, code, current.area_id) else {
                return Ok(Err(invalid(
                    "category",
                    Problem::CategoryNotOffered {
                        category: category.name(lang).to_owned(),
                        municipality: municipality.name.clone(),
                    },
                )));
            };
            next.category_id = category.id;
            next.department_id = decision.department_id;
            // The new category's deadlines, counted from the submission.
            next.accept_due_at = Some(add_working_days(current.created_at, category.accept_days));
            next.resolve_due_at = Some(add_working_days(current.created_at, category.resolve_days));
            hand_over_if_moved(current, &mut next, status);
            if next.category_id != current.category_id {
                events.push(Event {
                    kind: "category_changed",
                    public: true,
                    data: json!({
                        "from": current.category_id,
                        "to": next.category_id,
                        "department_id": next.department_id,
                    }),
                });
            }
        }
        Change::Location(point) => {
            let code = state
                .registry
                .by_id(current.municipality_id)
                .and_then(|m| m.category_by_id(current.category_id))
                .map(|c| c.code.clone())
                .unwrap_or_default();
            let decision = match routing::route(&state.registry, &code, *point) {
                Ok(decision) => decision,
                Err(error) => {
                    return Ok(Err(invalid(
                        "new-lat",
                        routing_problem(&state.registry, &code, &error, lang),
                    )))
                }
            };
            next.lat = Some(point.lat());
            next.lon = Some(point.lon());
            // The typed address described the old place.
            next.address = None;
            next.municipality_id = decision.municipality_id;
            next.area_id = decision.area_id;
            next.category_id = decision.category_id;
            next.department_id = decision.department_id;
            hand_over_if_moved(current, &mut next, status);
            events.push(Event {
                kind: "location_changed",
                public: true,
                data: json!({ "department_id": next.department_id }),
            });
        }
        Change::Status {
            transition,
            reason,
            target,
            duplicate_of,
        } => {
            let Some(to) = transition.from(status) else {
                let label = status.label(lang.texts()).to_owned();
                return Ok(Err(invalid(
                    "transition",
                    Problem::TransitionNotAllowed { status: label },
                )));
            };
            let reason = clean_text(reason);
            if reason.chars().count() > MAX_NOTE {
                return Ok(Err(invalid(
                    "reason",
                    Problem::NoteTooLong { max: MAX_NOTE },
                )));
            }
            let needs_reason = matches!(
                transition,
                Transition::Forward | Transition::HandBack | Transition::CloseNotFixed
            );
            if needs_reason && reason.is_empty() {
                return Ok(Err(invalid("reason", Problem::ReasonMissing)));
            }
            next.status = to.code().to_owned();
            match transition {
                Transition::Accept => {
                    next.accepted_at = Some(current.accepted_at.unwrap_or(now));
                    next.forwarded_from_department_id = None;
                }
                Transition::Start => {}
                Transition::Resolve | Transition::CloseNotFixed => next.closed_at = Some(now),
                Transition::Reopen => {
                    next.closed_at = None;
                    next.resolve_due_at =
                        Some(add_working_days(now, category_days(state, current).1));
                }
                Transition::Forward => {
                    let Some(target) = *target else {
                        return Ok(Err(invalid("target", Problem::TargetMissing)));
                    };
                    if target == current.department_id {
                        return Ok(Err(invalid("target", Problem::TargetSame)));
                    }
                    let Some(home) = department_home(&state.registry, target) else {
                        return Ok(Err(invalid("target", Problem::TargetMissing)));
                    };
                    if let Err(refusal) = move_to(state, &mut next, home, target) {
                        return Ok(Err(refusal));
                    }
                    next.forwarded_from_department_id = Some(current.department_id);
                    next.assignee_id = None;
                    next.accepted_at = None;
                    events.push(Event {
                        kind: "forwarded",
                        public: true,
                        data: json!({
                            "from_department_id": current.department_id,
                            "department_id": target,
                            "reason": reason,
                        }),
                    });
                }
                Transition::HandBack => {
                    let Some(origin) = current.forwarded_from_department_id else {
                        let label = status.label(lang.texts()).to_owned();
                        return Ok(Err(invalid(
                            "transition",
                            Problem::TransitionNotAllowed { status: label },
                        )));
                    };
                    let Some(home) = department_home(&state.registry, origin) else {
                        return Ok(Err(invalid("transition", Problem::TargetMissing)));
                    };
                    if let Err(refusal) = move_to(state, &mut next, home, origin) {
                        return Ok(Err(refusal));
                    }
                    next.forwarded_from_department_id = None;
                    next.assignee_id = None;
                    events.push(Event {
                        kind: "handed_back",
                        public: true,
                        data: json!({
                            "from_department_id": current.department_id,
                            "department_id": origin,
                            "reason": reason,
                        }),
                    });
                }
                Transition::MarkDuplicate => {
                    let target = match normalize_reference(duplicate_of) {
                        Some(reference) => load(state, &reference).await?,
                        None => None,
                    };
                    // Only into an open report of the municipality that the viewer works on too.
                    let target = target.filter(|t| {
                        t.municipality_id == current.municipality_id
                            && Status::parse(&t.status).is_some_and(Status::is_open)
                            && allows(
                                Some(viewer),
                                Permission::WorkReports {
                                    department_id: t.department_id,
                                },
                                t.municipality_id,
                            )
                    });
                    let Some(target) = target else {
                        return Ok(Err(invalid("duplicate", Problem::DuplicateUnknown)));
                    };
                    if target.id == current.id {
                        return Ok(Err(invalid("duplicate", Problem::DuplicateOfItself)));
                    }
                    next.duplicate_of_id = Some(target.id);
                    next.closed_at = Some(now);
                    events.push(Event {
                        kind: "merged",
                        public: true,
                        data: json!({ "into": target.reference }),
                    });
                    merge_into = Some(target);
                }
            }
            if !matches!(
                transition,
                Transition::Forward | Transition::HandBack | Transition::MarkDuplicate
            ) {
                events.push(Event {
                    kind: "status_changed",
                    public: true,
                    data: if reason.is_empty() {
                        json!({ "from": current.status, "to": next.status })
                    } else {
                        json!({ "from": current.status, "to": next.status, "reason": reason })
                    },
                });
            }
        }
    }
    Ok(Ok((next, events, merge_into)))
}

/// A corrected category or place that makes another department responsible hands an open
/// report over: the new department accepts it or hands it back, as if it had been forwarded.
fn hand_over_if_moved(current: &Current, next: &mut Current, status: Status) {
    if next.department_id != current.department_id && status.is_open() {
        next.status = Status::Forwarded.code().to_owned();
        next.forwarded_from_department_id = Some(current.department_id);
        next.assignee_id = None;
        next.accepted_at = None;
    }
}

/// Moves the report to a department, also of another municipality: there it takes the category
/// of the same code (municipalities sharing a deployment share their catalogue's codes).
fn move_to(
    state: &AppState,
    next: &mut Current,
    home: &Municipality,
    department_id: i64,
) -> Result<(), TriageRefusal> {
    if home.id != next.municipality_id {
        let code = state
            .registry
            .by_id(next.municipality_id)
            .and_then(|m| m.category_by_id(next.category_id))
            .map(|c| c.code.clone())
            .unwrap_or_default();
        let Some(category) = home.category(&code) else {
            return Err(invalid(
                "target",
                Problem::TargetLacksCategory {
                    municipality: home.name.clone(),
                },
            ));
        };
        next.municipality_id = home.id;
        next.category_id = category.id;
        next.area_id = None;
    }
    next.department_id = department_id;
    Ok(())
}

fn category_days(state: &AppState, report: &Current) -> (i64, i64) {
    state
        .registry
        .by_id(report.municipality_id)
        .and_then(|m| m.category_by_id(report.category_id))
        .map(|c| (c.accept_days, c.resolve_days))
        .unwrap_or((2, 10))
}

/// The deadline that orders the queue now: to accept, to resolve, or (closed) when it closed.
fn due_at(state: &AppState, report: &Current, now: i64) -> i64 {
    let (accept_days, resolve_days) = category_days(state, report);
    let status = Status::parse(&report.status).unwrap_or(Status::New);
    match stage(status) {
        0 => report
            .accept_due_at
            .unwrap_or_else(|| add_working_days(report.created_at, accept_days)),
        1 => report
            .resolve_due_at
            .unwrap_or_else(|| add_working_days(report.created_at, resolve_days)),
        _ => report.closed_at.unwrap_or(now),
    }
}

/// The citizen's mail about a change, in both languages.
fn update_mail(
    to: &str,
    reference: &str,
    status: Status,
    department: &str,
    said: &[String],
    link: &str,
) -> Mail {
    let de_status = status.label(Lang::De.texts());
    let en_status = status.label(Lang::En.texts());
    let said = said.join("\n\n");
    let said = if said.is_empty() {
        String::new()
    } else {
        format!("\n\n{said}")
    };
    Mail {
        to: to.to_owned(),
        subject: format!("Ihre Meldung {reference}: {de_status} / Your report: {en_status}"),
        body: format!(
            "Guten Tag,\n\nIhre Meldung {reference} hat den Status „{de_status}“ (zuständig: {department}).{said}\n\n\
             Alles zu Ihrer Meldung: {link}\n\nIhr Kiezwerk\n\n---\n\n\
             Hello,\n\nyour report {reference} is now \"{en_status}\" ({department}).{said}\n\n\
             Everything about your report: {link}\n\nYour Kiezwerk\n"
        ),
    }
}
