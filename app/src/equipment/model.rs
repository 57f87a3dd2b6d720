//! What the Bauhof pages show and send: filled and translated by the server, read by the pages.
//! Times arrive formatted in Berlin time; `*_value` fields carry the `datetime-local` form
//! value of the same moment.

use crate::model::{Choice, Flash};
use serde::{Deserialize, Serialize};

/// A machine as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSummary {
    pub id: i64,
    pub number: String,
    pub type_name: String,
    pub yard: String,
    pub status_code: String,
    pub status: String,
}

/// One line of a history: what happened, when, by whom.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub at: String,
    pub title: String,
    pub actor: Option<String>,
    pub detail: Option<String>,
}

/// A breakdown report as its worker's lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: i64,
    pub reference: String,
    pub unit: String,
    pub status_code: String,
    pub status: String,
    pub created_at: String,
}

/// `/bauhof/{m}`: the worker's start page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkerHome {
    pub slug: String,
    pub municipality: String,
    /// Machines the worker has in hand now (checked out or brought as a replacement).
    pub my_units: Vec<UnitSummary>,
    pub requests: Vec<RequestSummary>,
    /// The yard's machines.
    pub units: Vec<UnitSummary>,
    pub draft_open: bool,
    pub is_manager: bool,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// The steps of "Gerät ausgefallen", one question each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BreakdownStep {
    Unit,
    Damage,
    Photo,
    Place,
    Replacement,
    Check,
}

impl BreakdownStep {
    pub const ALL: [BreakdownStep; 6] = [
        BreakdownStep::Unit,
        BreakdownStep::Damage,
        BreakdownStep::Photo,
        BreakdownStep::Place,
        BreakdownStep::Replacement,
        BreakdownStep::Check,
    ];

    pub fn segment(self) -> &'static str {
        match self {
            BreakdownStep::Unit => "geraet",
            BreakdownStep::Damage => "schaden",
            BreakdownStep::Photo => "foto",
            BreakdownStep::Place => "ort",
            BreakdownStep::Replacement => "ersatz",
            BreakdownStep::Check => "pruefen",
        }
    }

    pub fn path(self, slug: &str) -> String {
        format!("/bauhof/{slug}/ausfall/{}", self.segment())
    }

    /// The step before this one (for "Zurück").
    pub fn previous(self) -> Option<BreakdownStep> {
        let i = BreakdownStep::ALL.iter().position(|s| *s == self)?;
        i.checked_sub(1).map(|i| BreakdownStep::ALL[i])
    }

    pub fn next(self) -> Option<BreakdownStep> {
        let i = BreakdownStep::ALL.iter().position(|s| *s == self)?;
        BreakdownStep::ALL.get(i + 1).copied()
    }

    pub fn number(self) -> usize {
        BreakdownStep::ALL
            .iter()
            .position(|s| *s == self)
            .unwrap_or(0)
            + 1
    }
}

/// One answer of the breakdown flow, as its form sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DraftAnswer {
    /// The machine: typed or scanned inventory number, or picked from the worker's machines.
    Unit {
        number: String,
    },
    Damage {
        damage: String,
        description: String,
    },
    /// Lets the photo step pass without a photo, or removes the one given.
    NoPhoto,
    Place {
        lat: String,
        lon: String,
        place: String,
    },
    Replacement {
        needed: String,
        type_code: String,
        from: String,
        until: String,
        delivery: String,
    },
}

/// The draft of a breakdown report, for each step's page and the check page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub slug: String,
    pub municipality: String,
    pub unit: Option<UnitSummary>,
    /// The worker's machines in hand, to pick from.
    pub my_units: Vec<UnitSummary>,
    pub damage_code: String,
    pub damage: String,
    pub damages: Vec<Choice>,
    pub description: String,
    pub photo_url: Option<String>,
    pub lat: String,
    pub lon: String,
    pub place: String,
    /// "ja", "nein" or "" (not answered yet).
    pub needed: String,
    pub type_code: String,
    pub type_name: String,
    pub types: Vec<Choice>,
    pub from_value: String,
    pub until_value: String,
    pub window: String,
    pub delivery_code: String,
    pub delivery: String,
    /// The first step still unanswered (the check page sends there).
    pub missing: Option<BreakdownStep>,
    pub flash: Flash,
}

/// A breakdown report with its replacement, as the worker (and the managers) see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestView {
    pub slug: String,
    pub id: i64,
    pub reference: String,
    pub version: i64,
    pub status_code: String,
    pub status: String,
    /// What the status means for the worker now ("LT-03 kommt zu Ihnen").
    pub status_detail: String,
    pub unit: UnitSummary,
    pub requester: String,
    pub damage: String,
    pub description: String,
    pub photo_url: Option<String>,
    pub place: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub created_at: String,
    /// "Kleintransporter, 01.12. 08:00 – 16:00, bringen" when a replacement was asked for.
    pub wanted: Option<String>,
    pub reason: Option<String>,
    pub timeline: Vec<LogEntry>,
    pub notice: Option<String>,
}

/// `/fuhrpark/{m}`: a fleet manager's start page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FleetView {
    pub slug: String,
    pub municipality: String,
    pub open: Vec<OpenRequest>,
    /// Loans partners ask of this municipality and nobody answered yet.
    pub loans_waiting: usize,
    pub units_in_repair: usize,
    pub generated_at: i64,
}

/// An open breakdown in the managers' list, most urgent first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub id: i64,
    pub reference: String,
    pub unit: String,
    pub damage: String,
    pub requester: String,
    pub since: String,
    pub wanted: Option<String>,
    pub status_code: String,
    pub status: String,
    /// Needs a decision now (a replacement wanted within the next two hours, or already).
    pub urgent: bool,
}

/// A machine that could serve a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub unit_id: i64,
    pub number: String,
    pub type_name: String,
    pub yard: String,
    pub municipality: String,
    /// "2,4 km" from the worker (from the yard when the worker gave no position).
    pub distance: String,
    /// The unit's next reservations, as its calendar.
    pub calendar: Vec<String>,
}

/// A loan asked of a partner, from either side.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoanView {
    pub id: i64,
    pub reference: String,
    pub borrower: String,
    pub lender: String,
    pub unit: String,
    pub window: String,
    pub place: String,
    pub status_code: String,
    pub status: String,
    pub reason: Option<String>,
    /// For the lender: the free shared units of the type, the asked one first.
    pub choices: Vec<Choice>,
}

/// `/fuhrpark/{m}/anfrage/{id}`: a request and what can be done with it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllocationView {
    pub request: RequestView,
    pub municipality: String,
    /// The own yard's free units of the wanted type in the wanted time, nearest first.
    pub candidates: Vec<Candidate>,
    /// Partners' units published to this municipality, free in the wanted time.
    pub partner_candidates: Vec<Candidate>,
    pub loans: Vec<LoanView>,
    /// The steps the state machine allows now (value = step code).
    pub steps: Vec<Choice>,
    pub can_allocate: bool,
    pub flash: Flash,
}

/// A unit row of the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitRow {
    pub unit: UnitSummary,
    pub notes: String,
    pub shared_with: Vec<String>,
}

/// Filters of the register list (from the query string).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RegisterFilter {
    pub typ: String,
    pub hof: String,
    pub status: String,
    pub suche: String,
}

/// `/fuhrpark/{m}/geraete`: the register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterView {
    pub slug: String,
    pub municipality: String,
    pub units: Vec<UnitRow>,
    pub filter: RegisterFilter,
    pub types: Vec<Choice>,
    pub yards: Vec<Choice>,
    pub statuses: Vec<Choice>,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// A reservation in a unit's calendar.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReservationRow {
    pub id: i64,
    pub window: String,
    pub until_value: String,
    pub holder: Option<String>,
    pub borrower: String,
    pub note: String,
    pub request: Option<String>,
    pub active: bool,
}

/// A repair record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RepairRow {
    pub id: i64,
    pub what: String,
    pub since: String,
    pub by: Option<String>,
    pub closed: Option<String>,
    pub outcome: Option<String>,
}

/// `/fuhrpark/{m}/geraete/{id}`: one unit with its calendar and history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitView {
    pub slug: String,
    pub municipality: String,
    pub unit: UnitSummary,
    pub type_code: String,
    pub yard_id: i64,
    pub notes: String,
    pub version: i64,
    pub photo_url: Option<String>,
    pub label_url: String,
    pub types: Vec<Choice>,
    pub yards: Vec<Choice>,
    pub statuses: Vec<Choice>,
    /// Every other municipality, and whether this unit is published to it.
    pub partners: Vec<(Choice, bool)>,
    pub reservations: Vec<ReservationRow>,
    pub repairs: Vec<RepairRow>,
    pub history: Vec<LogEntry>,
    pub from_value: String,
    pub until_value: String,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// `/bauhof/{m}/geraet/{number}`: where a unit's label leads.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitCard {
    pub slug: String,
    pub municipality: String,
    pub unit: UnitSummary,
    pub notes: String,
    pub photo_url: Option<String>,
    /// The worker has it in hand now (and may give it back).
    pub mine: Option<i64>,
    /// Someone else has it now.
    pub taken: bool,
    pub is_manager: bool,
    pub until_value: String,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// A yard of the municipality.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YardRow {
    pub code: String,
    pub name: String,
    pub address: String,
    pub position: String,
    pub department: Option<String>,
    pub units: i64,
}

/// `/fuhrpark/{m}/hoefe`: the yards, and the form for a new one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct YardsView {
    pub slug: String,
    pub municipality: String,
    pub yards: Vec<YardRow>,
    pub departments: Vec<Choice>,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// One label of the sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub number: String,
    pub type_name: String,
    pub yard: String,
    pub url: String,
    /// The QR code as an SVG document (made by the server).
    pub svg: String,
}

/// `/fuhrpark/{m}/etiketten`: the printable label sheet.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabelsView {
    pub slug: String,
    pub municipality: String,
    pub labels: Vec<Label>,
    pub yards: Vec<Choice>,
    pub yard: String,
}

/// A lending for the statement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LendingRow {
    pub direction: String,
    pub partner: String,
    pub unit: String,
    pub window: String,
    pub days: String,
}

/// `/fuhrpark/{m}/verleih`: the inter-municipal pool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolView {
    pub slug: String,
    pub municipality: String,
    pub incoming: Vec<LoanView>,
    pub outgoing: Vec<LoanView>,
    pub lendings: Vec<LendingRow>,
    pub shared: Vec<UnitRow>,
    pub partners: Vec<Choice>,
    pub months: Vec<Choice>,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// Figures of one equipment type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TypeFigures {
    pub type_name: String,
    pub units: i64,
    /// Breakdowns per month, oldest month first (the view's `months`).
    pub breakdowns: Vec<i64>,
    pub mean_repair: String,
    pub utilisation: String,
    /// The breakdowns as a bar chart (SVG made by the server, described by the table).
    pub chart: String,
}

/// `/fuhrpark/{m}/statistik`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatisticsView {
    pub slug: String,
    pub municipality: String,
    pub months: Vec<String>,
    pub types: Vec<TypeFigures>,
    pub window: String,
}

/// What a fleet manager (or a worker, for check-out and return) does, as the form sent it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FleetAction {
    /// Reserve `unit` for the request for its wanted time.
    Allocate {
        request: i64,
        version: i64,
        unit: String,
    },
    /// Move a request on (dispatch, ready, finish) or decline it with a reason.
    Step {
        request: i64,
        version: i64,
        step: String,
        reason: String,
    },
    /// Ask the partner owning `unit` to lend it.
    AskPartner {
        request: i64,
        unit: String,
    },
    /// The lender's answer.
    AnswerLoan {
        loan: i64,
        accept: bool,
        unit: String,
        reason: String,
    },
    /// Plan a reservation ahead.
    Reserve {
        unit: i64,
        from: String,
        until: String,
        note: String,
    },
    Extend {
        reservation: i64,
        until: String,
    },
    Cancel {
        reservation: i64,
    },
    /// Close the open repair of a unit.
    CloseRepair {
        repair: i64,
        outcome: String,
    },
    AddUnit {
        number: String,
        type_code: String,
        yard: String,
        notes: String,
    },
    EditUnit {
        unit: i64,
        version: i64,
        type_code: String,
        yard: String,
        status: String,
        notes: String,
    },
    /// Publish the unit to a partner municipality (by slug), or stop.
    Share {
        unit: i64,
        partner: String,
        shared: bool,
    },
    AddYard {
        code: String,
        name: String,
        address: String,
        lat: String,
        lon: String,
        department: String,
    },
    /// A worker takes a unit until `until` (mobile check-out).
    CheckOut {
        number: String,
        until: String,
    },
    /// A worker gives back a unit they have.
    Return {
        reservation: i64,
    },
}

/// Why a Bauhof form was refused; nothing was changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum BauhofRefusal {
    /// No such thing, or not the viewer's.
    NotFound,
    /// Fields that are wrong, each with its message in the request's language.
    Invalid(Vec<crate::model::FieldError>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_steps_follow_each_other_and_have_their_own_addresses() {
        assert_eq!(BreakdownStep::Unit.previous(), None);
        assert_eq!(BreakdownStep::Unit.next(), Some(BreakdownStep::Damage));
        assert_eq!(BreakdownStep::Check.next(), None);
        assert_eq!(
            BreakdownStep::Check.previous(),
            Some(BreakdownStep::Replacement)
        );
        assert_eq!(
            BreakdownStep::Place.path("berlin"),
            "/bauhof/berlin/ausfall/ort"
        );
        let mut segments: Vec<_> = BreakdownStep::ALL.iter().map(|s| s.segment()).collect();
        segments.dedup();
        assert_eq!(segments.len(), 6);
    }
}
