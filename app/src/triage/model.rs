//! The dispatchers' triage view: queue, report detail, actions, statistics.

pub use crate::model::Bar;
use crate::model::{AccountId, Choice, FieldError, Flash, Problem};
use crate::report::model::{Answer, NearbyReport, ReportPhoto};
use serde::{Deserialize, Serialize};

/// The queue's filters as the form and the URL carry them (`?status=…&kategorie=…`). Empty means
/// "any"; the server checks every value.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// A department id of the municipality, or empty for all the viewer serves.
    pub abteilung: String,
    /// `offen` (default), `alle`, or a status code.
    pub status: String,
    /// A category code.
    pub kategorie: String,
    /// An area id.
    pub gebiet: String,
    /// Older than this many days.
    pub alter: String,
    /// `ja`: only overdue reports.
    pub ueberfaellig: String,
    /// `ja`: only reports with a photo.
    pub foto: String,
    /// A reference or words of the description.
    pub suche: String,
    /// Where the page starts (keyset cursor, opaque).
    pub nach: String,
}

impl QueueFilter {
    /// The filters as a query string, without the page cursor.
    pub fn query(&self) -> String {
        let pairs = [
            ("abteilung", &self.abteilung),
            ("status", &self.status),
            ("kategorie", &self.kategorie),
            ("gebiet", &self.gebiet),
            ("alter", &self.alter),
            ("ueberfaellig", &self.ueberfaellig),
            ("foto", &self.foto),
            ("suche", &self.suche),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

pub use crate::model::encode;

/// One line of the queue.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub reference: String,
    pub version: i64,
    pub status: String,
    pub status_code: String,
    pub category: String,
    pub area: String,
    pub department: String,
    pub summary: String,
    pub submitted: String,
    pub due: String,
    pub overdue: bool,
    pub priority: String,
    pub priority_code: String,
    pub assignee: Option<String>,
    pub photos: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

/// The queue page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueView {
    pub slug: String,
    pub municipality: String,
    pub filter: QueueFilter,
    pub items: Vec<QueueItem>,
    /// Matching reports, counted up to a cap (`count_capped`).
    pub count: i64,
    pub count_capped: bool,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
    pub departments: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub areas: Vec<Choice>,
    pub colleagues: Vec<Choice>,
    /// Forwarding targets (departments of every municipality), labelled with the municipality.
    pub targets: Vec<Choice>,
    /// Map tiles (URL template) and their attribution; without tiles the map shows points only.
    pub map_tiles: Option<String>,
    pub map_attribution: String,
    /// When the page was made (ms), for the "new reports" notice.
    pub generated_at: i64,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// One event of a report's full timeline, as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub at: String,
    pub title: String,
    pub detail: Option<String>,
    pub internal: bool,
    pub actor: Option<String>,
}

/// A report nearby, for spotting duplicates.
/// A report as the responsible staff see it, with what they may do to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffReportView {
    pub slug: String,
    pub reference: String,
    pub version: i64,
    pub status: String,
    pub status_code: String,
    pub category: String,
    pub category_code: String,
    pub municipality: String,
    pub area: Option<String>,
    pub department: String,
    pub submitted_at: String,
    pub accept_due: String,
    pub resolve_due: String,
    pub overdue: bool,
    pub priority_code: String,
    pub assignee_id: Option<AccountId>,
    pub location: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub description: String,
    pub answers: Vec<Answer>,
    /// The reporter's e-mail address; `None` also when the viewer may not see it.
    pub reporter_email: Option<String>,
    pub followers: i64,
    /// Citizens who supported the report instead of filing their own.
    pub supporters: i64,
    pub duplicate_of: Option<String>,
    pub photos: Vec<ReportPhoto>,
    pub timeline: Vec<StaffEvent>,
    pub nearby: Vec<NearbyReport>,
    /// Status transitions open now (codes with labels).
    pub transitions: Vec<Choice>,
    pub colleagues: Vec<Choice>,
    pub targets: Vec<Choice>,
    pub categories: Vec<Choice>,
    /// A new category asked for, with the department routing would choose, to confirm.
    pub category_preview: Option<CategoryPreview>,
    /// A corrected place asked for, with where routing would send the report, to confirm.
    pub location_preview: Option<LocationPreview>,
    pub flash: Flash,
    pub notice: Option<String>,
}

/// What changing the category would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryPreview {
    pub code: String,
    pub category: String,
    pub department: String,
}

/// What correcting the place would do.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocationPreview {
    pub lat: String,
    pub lon: String,
    /// The responsible department (with its municipality), or why there is none.
    pub outcome: Result<String, Problem>,
}

/// A municipality's statistics page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatisticsView {
    pub slug: String,
    pub municipality: String,
    pub total: i64,
    pub open: i64,
    pub by_category: Vec<Bar>,
    pub by_area: Vec<Bar>,
    /// Median hours to accept and to resolve; `None` with no such report yet.
    pub median_accept_hours: Option<f64>,
    pub median_resolve_hours: Option<f64>,
    pub closed: i64,
    pub closed_not_fixed: i64,
}

/// One change a staff form asks for; the server checks every value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TriageAction {
    Status {
        transition: String,
        reason: String,
        target: String,
        duplicate: String,
        public_note: String,
        internal_note: String,
    },
    Assign {
        assignee: String,
    },
    Priority {
        priority: String,
    },
    Category {
        category: String,
    },
    Location {
        lat: String,
        lon: String,
    },
    Note {
        public_note: String,
        internal_note: String,
    },
}

/// Why a triage action was not carried out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TriageRefusal {
    /// No such report, or not the viewer's (answered as 404, never revealing which).
    NotFound,
    Invalid(FieldError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_a_query_string_without_empty_values() {
        let filter = QueueFilter {
            status: "new".into(),
            suche: "Müll & Co".into(),
            nach: "cursor".into(),
            ..Default::default()
        };
        assert_eq!(filter.query(), "status=new&suche=M%C3%BCll%20%26%20Co");
    }
}
