//! What the report flow's pages and the status page show. Names and labels arrive already
//! translated into the request's language.

use super::flow::{Step, StepFlash};
use crate::i18n::{fill, Texts};
use crate::model::Choice;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryOption {
    pub code: String,
    pub name: String,
    pub hint: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CategoryGroup {
    pub code: String,
    pub name: String,
    pub categories: Vec<CategoryOption>,
}

/// An extra question a category asks (e.g. "what kind of waste?").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub code: String,
    pub label: String,
    pub hint: Option<String>,
    pub required: bool,
    /// Empty for a free-text question.
    pub choices: Vec<Choice>,
    pub max_len: usize,
}

/// A district or municipality the citizen can pick instead of a point on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AreaOption {
    pub value: String,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum LocationView {
    Point { lat: f64, lon: f64, place: String },
    Described { area: String, address: String },
}

impl LocationView {
    pub fn summary(&self) -> String {
        match self {
            LocationView::Point { lat, lon, place } => format!("{place} ({lat:.5}, {lon:.5})"),
            LocationView::Described { area, address } => format!("{address}, {area}"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PhotoView {
    pub id: i64,
    pub thumbnail_url: String,
    /// Where the photo says it was taken, if it carried GPS data and the place is one we serve.
    pub gps_place: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// The question's code, for the link that changes this answer.
    pub code: String,
    pub question: String,
    pub answer: String,
}

/// The citizen's report in progress.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub category: Option<CategoryOption>,
    pub questions: Vec<Question>,
    /// Raw answers by question code, for pre-filling the form.
    pub answers: Vec<(String, String)>,
    /// Answers as question and answer label, for the summary.
    pub answer_summary: Vec<Answer>,
    pub location: Option<LocationView>,
    /// Who will receive the report, once category and place are known.
    pub responsible: Option<String>,
    pub photos: Vec<PhotoView>,
    pub description: Option<String>,
    pub email: Option<String>,
    /// The contact step was answered (possibly with no address).
    pub contact_answered: bool,
    /// Open reports of the same category close by, which the citizen may support instead.
    pub nearby: Vec<NearbyReport>,
    /// The errors and typed values of the last refused answer, and of which step.
    pub flash: StepFlash,
}

impl DraftView {
    /// The first step that still needs an answer, in flow order.
    pub fn first_missing_step(&self) -> Option<Step> {
        if self.category.is_none() {
            Some(Step::Category)
        } else if self.questions.iter().any(|q| {
            q.required
                && !self
                    .answers
                    .iter()
                    .any(|(code, v)| code == &q.code && !v.is_empty())
        }) {
            Some(Step::Details)
        } else if self.location.is_none() {
            Some(Step::Location)
        } else if self.description.is_none() {
            Some(Step::Description)
        } else if !self.contact_answered {
            Some(Step::Contact)
        } else {
            None
        }
    }
}

/// Map settings for the location step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MapSettings {
    /// Raster tile URL template (`{z}/{x}/{y}`); `None` shows only our own district outlines.
    pub tile_url: Option<String>,
    pub attribution: String,
    /// Initial view: [south, west, north, east].
    pub bounds: [f64; 4],
}

/// Everything the report flow's pages need.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlowState {
    pub groups: Vec<CategoryGroup>,
    pub areas: Vec<AreaOption>,
    pub municipalities: Vec<String>,
    pub draft: Option<DraftView>,
    pub map: MapSettings,
    pub max_photos: usize,
    pub max_photo_mb: u64,
    pub max_description: usize,
    pub max_address: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: String,
    pub title: String,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportPhoto {
    pub url: String,
    pub thumbnail_url: String,
}

/// What the reporter sees in addition, with their personal link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PrivateDetails {
    pub location: String,
    pub description: String,
    pub answers: Vec<Answer>,
    pub email: Option<String>,
}

/// A report as its status page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub reference: String,
    pub status: String,
    pub status_code: String,
    pub category: String,
    pub municipality: String,
    pub area: Option<String>,
    pub department: String,
    pub submitted_at: String,
    pub timeline: Vec<TimelineEntry>,
    pub photos: Vec<ReportPhoto>,
    pub private: Option<PrivateDetails>,
    /// A personal link was given but did not match.
    pub access_denied: bool,
    /// People who supported the report instead of filing their own.
    pub supporters: i64,
}

/// Shown once, right after submitting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Confirmation {
    pub reference: String,
    pub department: String,
    pub status_path: String,
    /// The reporter's personal link, absolute so it can be copied and kept.
    pub private_url: String,
}

/// "Unterstützt von einer weiteren Person" / "… 3 weiteren Personen".
pub fn supporters_text(count: i64, t: &Texts) -> String {
    if count == 1 {
        t.status_supporters_one.to_owned()
    } else {
        fill(t.status_supporters_count, &[&count.to_string()])
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyReport {
    pub reference: String,
    pub category: String,
    pub status: String,
    pub distance_m: i64,
}
