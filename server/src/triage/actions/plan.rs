//! What a change does to a report, decided without I/O: the report after it, the timeline
//! entries that record it, and for a merge the surviving report — or why it is refused. What
//! the decision needs from the database (colleagues, the report to merge into) is looked up
//! before and handed in as [`Facts`].

use super::{Actor, Change, Current, MAX_NOTE};
use crate::core::text::clean_text;
use crate::core::time::add_working_days;
use crate::reports::intake::routing_problem;
use crate::reports::{EventKind, Status};
use crate::routing;
use crate::tenants::{Municipality, Registry};
use crate::triage::workflow::{stage, Transition};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, DepartmentId, FieldError, Problem};
use kiezwerk_app::triage::model::TriageRefusal;
use serde_json::json;

/// What the decision needs to know beyond the report itself.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// For an assignment: who may work on the report's department.
    pub colleagues: Vec<AccountId>,
    /// For a merge: the report named as the one that survives, if there is one.
    pub survivor: Option<Current>,
}

/// An entry of the report's timeline that the change adds.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub kind: EventKind,
    /// Shown on the status page (and told to the citizen), or staff only.
    pub public: bool,
    pub data: serde_json::Value,
}

/// The report after the change, the events that record it, and for a merge the surviving
/// report.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub next: Current,
    pub events: Vec<Event>,
    pub merge_into: Option<Current>,
}

pub fn invalid(field: &str, problem: Problem) -> TriageRefusal {
    TriageRefusal::Invalid(FieldError::new(field, problem))
}

/// The municipality a department belongs to.
pub fn department_home(registry: &Registry, department_id: DepartmentId) -> Option<&Municipality> {
    registry
        .municipalities
        .iter()
        .find(|m| m.department(department_id).is_some())
}

/// Decides what `change` does to `current` at `now`, made by `actor`.
pub fn plan(
    registry: &Registry,
    actor: Actor<'_>,
    current: &Current,
    change: &Change,
    facts: Facts,
    now: i64,
    lang: Lang,
) -> Result<Plan, TriageRefusal> {
    let mut next = current.clone();
    let mut events = Vec::new();
    let mut merge_into = None;
    let status = current.status;
    match change {
        Change::Note => {}
        Change::Priority(priority) => {
            next.priority = *priority;
            if next.priority != current.priority {
                events.push(Event {
                    kind: EventKind::Priority,
                    public: false,
                    data: json!({ "from": current.priority.code(), "to": next.priority.code() }),
                });
            }
        }
        Change::Assign(assignee) => {
            if assignee.is_some_and(|id| !facts.colleagues.contains(&id)) {
                return Err(invalid("assignee", Problem::ColleagueUnknown));
            }
            next.assignee_id = *assignee;
            if next.assignee_id != current.assignee_id {
                events.push(Event {
                    kind: EventKind::Assigned,
                    public: false,
                    data: json!({ "from": current.assignee_id, "to": next.assignee_id }),
                });
            }
        }
        Change::Category(code) => {
            let municipality = registry
                .by_id(current.municipality_id)
                .ok_or(TriageRefusal::NotFound)?;
            let category = municipality
                .category(code)
                .ok_or_else(|| invalid("category", Problem::CategoryUnknown))?;
            let decision =
                routing::route_in_area(municipality, code, current.area_id).map_err(|_| {
                    invalid(
                        "category",
                        Problem::CategoryNotOffered {
                            category: category.name(lang).to_owned(),
                            municipality: municipality.name.clone(),
                        },
                    )
                })?;
            next.category_id = category.id;
            next.department_id = decision.department_id;
            // The new category's deadlines, counted from the submission.
            next.accept_due_at = Some(add_working_days(current.created_at, category.accept_days));
            next.resolve_due_at = Some(add_working_days(current.created_at, category.resolve_days));
            hand_over_if_moved(current, &mut next);
            if next.category_id != current.category_id {
                events.push(Event {
                    kind: EventKind::CategoryChanged,
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
            let code = registry
                .by_id(current.municipality_id)
                .and_then(|m| m.category_by_id(current.category_id))
                .map(|c| c.code.clone())
                .unwrap_or_default();
            let decision = routing::route(registry, &code, *point).map_err(|error| {
                invalid("new-lat", routing_problem(registry, &code, &error, lang))
            })?;
            next.lat = Some(point.lat());
            next.lon = Some(point.lon());
            // The typed address described the old place.
            next.address = None;
            next.municipality_id = decision.municipality_id;
            next.area_id = decision.area_id;
            next.category_id = decision.category_id;
            next.department_id = decision.department_id;
            hand_over_if_moved(current, &mut next);
            events.push(Event {
                kind: EventKind::LocationChanged,
                public: true,
                data: json!({ "department_id": next.department_id }),
            });
        }
        Change::Status {
            transition,
            reason,
            target,
            ..
        } => {
            let not_allowed = || {
                let label = status.label(lang.texts()).to_owned();
                invalid(
                    "transition",
                    Problem::TransitionNotAllowed { status: label },
                )
            };
            let to = transition.from(status).ok_or_else(not_allowed)?;
            let reason = clean_text(reason);
            if reason.chars().count() > MAX_NOTE {
                return Err(invalid("reason", Problem::NoteTooLong { max: MAX_NOTE }));
            }
            if transition.needs_reason() && reason.is_empty() {
                return Err(invalid("reason", Problem::ReasonMissing));
            }
            next.status = to;
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
                        Some(add_working_days(now, category_days(registry, current).1));
                }
                Transition::Forward => {
                    let target = target.ok_or_else(|| invalid("target", Problem::TargetMissing))?;
                    if target == current.department_id {
                        return Err(invalid("target", Problem::TargetSame));
                    }
                    let home = department_home(registry, target)
                        .ok_or_else(|| invalid("target", Problem::TargetMissing))?;
                    move_to(registry, &mut next, home, target)?;
                    next.forwarded_from_department_id = Some(current.department_id);
                    next.assignee_id = None;
                    next.accepted_at = None;
                    events.push(Event {
                        kind: EventKind::Forwarded,
                        public: true,
                        data: json!({
                            "from_department_id": current.department_id,
                            "department_id": target,
                            "reason": reason,
                        }),
                    });
                }
                Transition::HandBack => {
                    let origin = current
                        .forwarded_from_department_id
                        .ok_or_else(not_allowed)?;
                    let home = department_home(registry, origin)
                        .ok_or_else(|| invalid("transition", Problem::TargetMissing))?;
                    move_to(registry, &mut next, home, origin)?;
                    next.forwarded_from_department_id = None;
                    next.assignee_id = None;
                    events.push(Event {
                        kind: EventKind::HandedBack,
                        public: true,
                        data: json!({
                            "from_department_id": current.department_id,
                            "department_id": origin,
                            "reason": reason,
                        }),
                    });
                }
                Transition::MarkDuplicate => {
                    // Only into an open report of the municipality that the actor works on too.
                    let survivor = facts.survivor.filter(|t| {
                        t.municipality_id == current.municipality_id
                            && t.status.is_open()
                            && actor.works_on(t.department_id, t.municipality_id)
                    });
                    let survivor =
                        survivor.ok_or_else(|| invalid("duplicate", Problem::DuplicateUnknown))?;
                    if survivor.id == current.id {
                        return Err(invalid("duplicate", Problem::DuplicateOfItself));
                    }
                    next.duplicate_of_id = Some(survivor.id);
                    next.closed_at = Some(now);
                    events.push(Event {
                        kind: EventKind::Merged,
                        public: true,
                        data: json!({ "into": survivor.reference }),
                    });
                    merge_into = Some(survivor);
                }
            }
            if !matches!(
                transition,
                Transition::Forward | Transition::HandBack | Transition::MarkDuplicate
            ) {
                let (from, to) = (current.status.code(), next.status.code());
                events.push(Event {
                    kind: EventKind::StatusChanged,
                    public: true,
                    data: if reason.is_empty() {
                        json!({ "from": from, "to": to })
                    } else {
                        json!({ "from": from, "to": to, "reason": reason })
                    },
                });
            }
        }
    }
    if next.department_id != current.department_id {
        // Arriving in a department (forwarded, handed back, re-categorised) starts a fresh
        // time to accept there.
        next.accept_due_at = Some(add_working_days(now, category_days(registry, &next).0));
    }
    Ok(Plan {
        next,
        events,
        merge_into,
    })
}

/// A corrected category or place that makes another department responsible hands an open
/// report over: the new department accepts it or hands it back, as if it had been forwarded.
fn hand_over_if_moved(current: &Current, next: &mut Current) {
    if next.department_id != current.department_id && current.status.is_open() {
        next.status = Status::Forwarded;
        next.forwarded_from_department_id = Some(current.department_id);
        next.assignee_id = None;
        next.accepted_at = None;
    }
}

/// Moves the report to a department, also of another municipality: there it takes the category
/// of the same code (municipalities sharing a deployment share their catalogue's codes).
fn move_to(
    registry: &Registry,
    next: &mut Current,
    home: &Municipality,
    department_id: DepartmentId,
) -> Result<(), TriageRefusal> {
    if home.id != next.municipality_id {
        let code = registry
            .by_id(next.municipality_id)
            .and_then(|m| m.category_by_id(next.category_id))
            .map(|c| c.code.clone())
            .unwrap_or_default();
        let category = home.category(&code).ok_or_else(|| {
            invalid(
                "target",
                Problem::TargetLacksCategory {
                    municipality: home.name.clone(),
                },
            )
        })?;
        next.municipality_id = home.id;
        next.category_id = category.id;
        next.area_id = None;
    }
    next.department_id = department_id;
    Ok(())
}

/// The category's working days to accept and to resolve.
fn category_days(registry: &Registry, report: &Current) -> (i64, i64) {
    registry
        .by_id(report.municipality_id)
        .and_then(|m| m.category_by_id(report.category_id))
        .map(|c| (c.accept_days, c.resolve_days))
        .unwrap_or((2, 10))
}

/// The deadline that orders the queue now: to accept, to resolve, or (closed) when it closed.
pub fn due_at(registry: &Registry, report: &Current, now: i64) -> i64 {
    let (accept_days, resolve_days) = category_days(registry, report);
    match stage(report.status) {
        0 => report
            .accept_due_at
            .unwrap_or_else(|| add_working_days(report.created_at, accept_days)),
        1 => report
            .resolve_due_at
            .unwrap_or_else(|| add_working_days(report.created_at, resolve_days)),
        _ => report.closed_at.unwrap_or(now),
    }
}
