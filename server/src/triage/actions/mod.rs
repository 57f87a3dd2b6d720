//! What staff do to a report: status transitions (with forwarding, hand-back and merging),
//! assignment, priority, category, place, notes. [`plan`] decides (checked against the state
//! machine and the actor's rights); [`apply`] loads what the decision needs and writes it only
//! if nobody changed the report since the form was shown (optimistic version check), records
//! it in the timeline and tells the citizen by mail where it concerns them. A department's own
//! back office changes status through [`apply_from_back_office`], on the same state machine.

pub mod plan;

use crate::core::access::{allows, Permission, Scope};
use crate::core::geo::Coordinates;
use crate::core::mail::{self, Mail};
use crate::core::port::Failure;
use crate::core::text::clean_text;
use crate::reports::{Reference, Status, Visibility};
use crate::triage::workflow::{stage, Priority, Transition};
use crate::triage::Triage;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{AccountId, DepartmentId, MunicipalityId, Problem, ReportId, Viewer};
use kiezwerk_app::triage::model::TriageRefusal;
use plan::{department_home, due_at, invalid, plan, Event, Facts, Plan};
use serde_json::json;

/// Longest note or reason accepted.
pub const MAX_NOTE: usize = 2000;

/// Who makes a change.
#[derive(Clone, Copy, Debug)]
pub enum Actor<'a> {
    /// A member of staff, with their roles.
    Staff(&'a Viewer),
    /// A department's own back office, through an Open311 API key bound to the department;
    /// the timeline names it by the key's name.
    BackOffice {
        api_key_id: i64,
        department_id: DepartmentId,
        name: &'a str,
    },
}

impl Actor<'_> {
    /// Whether the actor works on the reports of a department.
    pub fn works_on(&self, department_id: DepartmentId, municipality_id: MunicipalityId) -> bool {
        match self {
            Actor::Staff(viewer) => allows(
                Some(viewer),
                Permission::WorkReports { department_id },
                municipality_id,
            ),
            Actor::BackOffice {
                department_id: own, ..
            } => *own == department_id,
        }
    }

    fn account(&self) -> Option<AccountId> {
        match self {
            Actor::Staff(viewer) => Some(viewer.account_id),
            Actor::BackOffice { .. } => None,
        }
    }

    fn api_key(&self) -> Option<i64> {
        match self {
            Actor::Staff(_) => None,
            Actor::BackOffice { api_key_id, .. } => Some(*api_key_id),
        }
    }
}

/// One change as the forms ask for it.
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    Status {
        transition: Transition,
        /// Why (forward, hand-back, closing unfixed); the citizen reads it.
        reason: String,
        /// Forwarding target: a department of any municipality.
        target: Option<DepartmentId>,
        /// Merging: the reference of the surviving report, as typed.
        duplicate_of: String,
    },
    /// `None` takes the report off whoever had it.
    Assign(Option<AccountId>),
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
    pub id: ReportId,
    pub reference: Reference,
    pub municipality_id: MunicipalityId,
    pub department_id: DepartmentId,
    pub category_id: i64,
    pub area_id: Option<i64>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub address: Option<String>,
    pub status: Status,
    pub version: i64,
    pub priority: Priority,
    pub assignee_id: Option<AccountId>,
    pub accepted_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub accept_due_at: Option<i64>,
    pub resolve_due_at: Option<i64>,
    pub forwarded_from_department_id: Option<DepartmentId>,
    pub duplicate_of_id: Option<ReportId>,
    pub reporter_email: Option<String>,
    pub created_at: i64,
}

pub async fn load(state: &Triage, reference: &Reference) -> Result<Option<Current>, sqlx::Error> {
    sqlx::query_as(
        "select id, reference, municipality_id, department_id, category_id, area_id, lat, lon, address, status, version, \
         priority, assignee_id, accepted_at, closed_at, accept_due_at, resolve_due_at, forwarded_from_department_id, \
         duplicate_of_id, reporter_email, created_at from reports where reference = $1",
    )
    .bind(reference)
    .fetch_optional(&state.core.db.pool)
    .await
}

/// What the decision needs from the database: for an assignment the department's colleagues,
/// for a merge the report named as the survivor.
async fn facts(state: &Triage, current: &Current, change: &Change) -> Result<Facts, sqlx::Error> {
    let mut facts = Facts::default();
    match change {
        Change::Assign(Some(_)) => {
            let department = Scope::Departments(vec![current.department_id]);
            facts.colleagues = super::colleagues(state, current.municipality_id, &department)
                .await?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
        }
        Change::Status {
            transition: Transition::MarkDuplicate,
            duplicate_of,
            ..
        } => {
            if let Some(reference) = Reference::parse(duplicate_of) {
                facts.survivor = load(state, &reference).await?;
            }
        }
        _ => {}
    }
    Ok(facts)
}

/// Carries out one change for `viewer`; the refusal says why not. Nothing is written on refusal.
pub async fn apply(
    state: &Triage,
    viewer: &Viewer,
    reference: &str,
    version: i64,
    request: Request,
    lang: Lang,
) -> Result<(), Failure<TriageRefusal>> {
    let refuse = |refusal| Err(Failure::Refused(refusal));
    let Some(reference) = Reference::parse(reference) else {
        return refuse(TriageRefusal::NotFound);
    };
    let Some(current) = load(state, &reference).await? else {
        return refuse(TriageRefusal::NotFound);
    };
    let actor = Actor::Staff(viewer);
    if !actor.works_on(current.department_id, current.municipality_id) {
        return refuse(TriageRefusal::NotFound);
    }
    if current.version != version {
        return refuse(invalid("changes", Problem::ChangedMeanwhile));
    }
    let public_note = clean_text(&request.public_note);
    let internal_note = clean_text(&request.internal_note);
    for (field, note) in [
        ("public-note", &public_note),
        ("internal-note", &internal_note),
    ] {
        if note.chars().count() > MAX_NOTE {
            return refuse(invalid(field, Problem::NoteTooLong { max: MAX_NOTE }));
        }
    }
    let now = state.core.clock.now_ms();
    let facts = facts(state, &current, &request.change).await?;
    let registry = &state.tenants.registry;
    let Plan {
        next,
        mut events,
        merge_into,
    } = plan(registry, actor, &current, &request.change, facts, now, lang)
        .map_err(Failure::Refused)?;
    if next == current && public_note.is_empty() && internal_note.is_empty() {
        let field = match request.change {
            Change::Assign(_) => "assignee",
            Change::Priority(_) => "priority",
            Change::Category(_) => "category",
            Change::Location(_) => "new-lat",
            Change::Status { .. } => "transition",
            Change::Note => "public-note",
        };
        return refuse(invalid(field, Problem::NothingToDo));
    }
    for (text, public) in [(public_note, true), (internal_note, false)] {
        if !text.is_empty() {
            events.push(Event {
                kind: crate::reports::EventKind::Note,
                public,
                data: json!({ "text": text }),
            });
        }
    }
    write(
        state,
        actor,
        &current,
        &next,
        &events,
        merge_into.as_ref(),
        now,
    )
    .await
    .map(|_| ())
}

/// The steps of a back office's status change, and what it said publicly (the reason, where
/// the last step needs one).
pub struct BackOfficeChange {
    pub steps: Vec<Transition>,
    pub message: String,
}

/// Carries out a back office's change of the report `reference` at the version stored now: its
/// transitions one after the other on the state machine, as one change (all or nothing), the
/// message as the closing reason or a public note. The id of the first timeline entry written
/// names the update.
pub async fn apply_from_back_office(
    state: &Triage,
    actor: Actor<'_>,
    reference: &Reference,
    change: BackOfficeChange,
    lang: Lang,
) -> Result<i64, Failure<TriageRefusal>> {
    let Some(current) = load(state, reference).await? else {
        return Err(Failure::Refused(TriageRefusal::NotFound));
    };
    if !actor.works_on(current.department_id, current.municipality_id) {
        return Err(Failure::Refused(TriageRefusal::NotFound));
    }
    let message = clean_text(&change.message);
    if message.chars().count() > MAX_NOTE {
        return Err(Failure::Refused(invalid(
            "reason",
            Problem::NoteTooLong { max: MAX_NOTE },
        )));
    }
    let now = state.core.clock.now_ms();
    let registry = &state.tenants.registry;
    let mut next = current.clone();
    let mut events = Vec::new();
    let last = change.steps.len().saturating_sub(1);
    let mut said = false;
    for (i, transition) in change.steps.iter().enumerate() {
        let takes_reason = i == last && transition.needs_reason();
        let step = Change::Status {
            transition: *transition,
            reason: if takes_reason {
                message.clone()
            } else {
                String::new()
            },
            target: None,
            duplicate_of: String::new(),
        };
        let planned = plan(registry, actor, &next, &step, Facts::default(), now, lang)
            .map_err(Failure::Refused)?;
        next = planned.next;
        events.extend(planned.events);
        said |= takes_reason;
    }
    if !said && !message.is_empty() {
        events.push(Event {
            kind: crate::reports::EventKind::Note,
            public: true,
            data: json!({ "text": message }),
        });
    }
    if events.is_empty() {
        return Err(Failure::Refused(invalid(
            "description",
            Problem::NothingToDo,
        )));
    }
    if let Actor::BackOffice { name, .. } = actor {
        for event in &mut events {
            event.data["back_office"] = json!(name);
        }
    }
    let first = write(state, actor, &current, &next, &events, None, now).await?;
    first.ok_or_else(|| Failure::internal(anyhow::anyhow!("a change without timeline entries")))
}

/// Writes a planned change in one transaction: the report (only at the version the plan was
/// made from), its timeline, a merge's survivor, and the citizen's mails. The id of the first
/// timeline entry written, if any.
async fn write(
    state: &Triage,
    actor: Actor<'_>,
    current: &Current,
    next: &Current,
    events: &[Event],
    merge_into: Option<&Current>,
    now: i64,
) -> Result<Option<i64>, Failure<TriageRefusal>> {
    let mut tx = state.core.db.pool.begin().await?;
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
    .bind(next.status)
    .bind(next.priority)
    .bind(next.assignee_id)
    .bind(next.accepted_at)
    .bind(next.closed_at)
    .bind(next.forwarded_from_department_id)
    .bind(next.duplicate_of_id)
    .bind(stage(next.status))
    .bind(due_at(&state.tenants.registry, next, now))
    .bind(next.accept_due_at)
    .bind(next.resolve_due_at)
    .bind(next.lat)
    .bind(next.lon)
    .bind(&next.address)
    .bind(now)
    .bind(current.id)
    .bind(current.version)
    // Binds optional floats: see "Optional floats" in `db`.
    .persistent(false)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Err(Failure::Refused(invalid(
            "changes",
            Problem::ChangedMeanwhile,
        )));
    }
    let mut first_event = None;
    for event in events {
        let id: i64 = sqlx::query_scalar(
            "insert into report_events (report_id, kind, visibility, data, created_at, actor_id, api_key_id) \
             values ($1, $2, $3, $4, $5, $6, $7) returning id",
        )
        .bind(current.id)
        .bind(event.kind)
        .bind(if event.public {
            Visibility::Public
        } else {
            Visibility::Internal
        })
        .bind(event.data.to_string())
        .bind(now)
        .bind(actor.account())
        .bind(actor.api_key())
        .fetch_one(&mut *tx)
        .await?;
        first_event.get_or_insert(id);
    }
    if let Some(survivor) = merge_into {
        // The surviving report changes too (followers, its timeline): only as it was checked.
        let bumped = sqlx::query(
            "update reports set version = version + 1, updated_at = $1 where id = $2 and version = $3",
        )
        .bind(now)
        .bind(survivor.id)
        .bind(survivor.version)
        .execute(&mut *tx)
        .await?;
        if bumped.rows_affected() == 0 {
            return Err(Failure::Refused(invalid(
                "duplicate",
                Problem::ChangedMeanwhile,
            )));
        }
        // The duplicate's reporter and followers follow the surviving report.
        sqlx::query(
            "insert into report_followers (report_id, email, created_at) \
             select $1, email, $2 from report_followers where report_id = $3 \
             on conflict (report_id, email) do nothing",
        )
        .bind(survivor.id)
        .bind(now)
        .bind(current.id)
        .execute(&mut *tx)
        .await?;
        if let Some(email) = current
            .reporter_email
            .as_deref()
            .filter(|e| Some(*e) != survivor.reporter_email.as_deref())
        {
            sqlx::query(
                "insert into report_followers (report_id, email, created_at) values ($1, $2, $3) \
                 on conflict (report_id, email) do nothing",
            )
            .bind(survivor.id)
            .bind(email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "insert into report_events (report_id, kind, visibility, data, created_at, actor_id) \
             values ($1, 'merged_in', 'internal', $2, $3, $4)",
        )
        .bind(survivor.id)
        .bind(json!({ "reference": current.reference }).to_string())
        .bind(now)
        .bind(actor.account())
        .execute(&mut *tx)
        .await?;
    }
    // The citizen hears of status changes and of everything said to them.
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
    if next.status != current.status || !said.is_empty() {
        let followers: Vec<(String,)> =
            sqlx::query_as("select email from report_followers where report_id = $1 order by id")
                .bind(current.id)
                .fetch_all(&mut *tx)
                .await?;
        let department = department_home(&state.tenants.registry, next.department_id)
            .and_then(|m| m.department(next.department_id))
            .map(|d| d.name_de.clone())
            .unwrap_or_default();
        let link = format!(
            "{}/meldungen/{}",
            state.core.settings.public_url, current.reference
        );
        for to in current
            .reporter_email
            .iter()
            .cloned()
            .chain(followers.into_iter().map(|(e,)| e))
        {
            let update = Update {
                reference: &current.reference,
                status: next.status,
                department: &department,
                said: &said,
                link: &link,
            };
            mail::queue_on(&mut tx, now, &update.mail(&to)).await?;
        }
    }
    tx.commit().await?;
    Ok(first_event)
}

/// What the citizen is told about a change to their report.
struct Update<'a> {
    reference: &'a Reference,
    status: Status,
    department: &'a str,
    /// Public messages and reasons of the staff.
    said: &'a [String],
    link: &'a str,
}

impl Update<'_> {
    /// The mail, in German and then in English (we do not know which the reader prefers).
    fn mail(&self, to: &str) -> Mail {
        let said = self.said.join("\n\n");
        let said = if said.is_empty() {
            String::new()
        } else {
            format!("\n\n{said}")
        };
        let reference = self.reference.to_string();
        let part = |lang: Lang| {
            let t = lang.texts();
            let status = self.status.label(t);
            (
                fill(t.mail_update_subject, &[&reference, status]),
                fill(
                    t.mail_update_text,
                    &[&reference, status, self.department, &said, self.link],
                ),
            )
        };
        let (de_subject, de_body) = part(Lang::De);
        let (en_subject, en_body) = part(Lang::En);
        Mail {
            to: to.to_owned(),
            subject: format!("{de_subject} / {en_subject}"),
            body: format!("{de_body}\n---\n\n{en_body}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_citizens_mail_says_the_status_and_what_staff_said_in_both_languages() {
        let reference = Reference::new("BER", 2026, 7);
        let said = ["Der Schutt wurde abgeholt.".to_owned()];
        let update = Update {
            reference: &reference,
            status: Status::Resolved,
            department: "Ordnungsamt Pankow",
            said: &said,
            link: "https://k.example/meldungen/BER-2026-000007",
        };
        let mail = update.mail("melder@example.de");
        assert_eq!(
            mail.subject,
            "Ihre Meldung BER-2026-000007: Erledigt / Your report: Resolved"
        );
        assert!(mail.body.starts_with(
            "Guten Tag,\n\nIhre Meldung BER-2026-000007 hat den Status „Erledigt“ (zuständig: Ordnungsamt Pankow).\n\nDer Schutt wurde abgeholt.\n\nAlles zu Ihrer Meldung: https://k.example/meldungen/BER-2026-000007\n\nIhr Kiezwerk\n\n---\n\nHello,\n\nyour report BER-2026-000007 is now \"Resolved\""
        ), "{}", mail.body);
        assert!(mail.body.ends_with("\n\nYour Kiezwerk\n"));
    }
}
