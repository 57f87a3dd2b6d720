//! Data the pages show, shared by the server (which fills it) and the browser (islands).
//! Names and labels arrive already translated into the request's language.

use crate::i18n::{fill, Texts};
use serde::{Deserialize, Serialize};

/// The steps of the citizen's report flow, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Category,
    Details,
    Location,
    Photos,
    Description,
    Contact,
    Check,
}

impl Step {
    pub fn path(self) -> &'static str {
        match self {
            Step::Category => "/melden/kategorie",
            Step::Details => "/melden/angaben",
            Step::Location => "/melden/ort",
            Step::Photos => "/melden/fotos",
            Step::Description => "/melden/beschreibung",
            Step::Contact => "/melden/kontakt",
            Step::Check => "/melden/pruefen",
        }
    }
}

/// Why an answer was refused. Shown in the error summary and next to the field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    CategoryMissing,
    CategoryUnknown,
    AnswerMissing {
        question: String,
    },
    AnswerInvalid {
        question: String,
    },
    AnswerTooLong {
        question: String,
        max: usize,
    },
    LocationMissing,
    CoordinatesInvalid,
    OutsideMunicipalities {
        served: String,
    },
    CategoryNotOffered {
        category: String,
        municipality: String,
    },
    AreaMissing,
    AreaUnknown,
    AddressMissing,
    AddressTooLong {
        max: usize,
    },
    PhotoMissing,
    PhotoTooLarge {
        file: String,
        max_mb: u64,
    },
    PhotoUnsupported {
        file: String,
    },
    PhotoCorrupt {
        file: String,
    },
    PhotoTooManyPixels {
        file: String,
        max_megapixels: u64,
    },
    TooManyPhotos {
        max: usize,
    },
    /// The whole upload exceeded the request limit.
    UploadTooLarge,
    DescriptionMissing,
    DescriptionTooLong {
        max: usize,
    },
    EmailInvalid,
    DraftExpired,
    TooManyRequests,
    NameMissing,
    NameTooLong {
        max: usize,
    },
    PasskeyNameMissing,
    PasskeyNameTooLong {
        max: usize,
    },
    /// A link from an e-mail that is unknown, used or expired.
    LinkInvalid,
    EmailTaken,
    CodeInvalid,
    /// Removing the last passkey needs a second, explicit confirmation.
    LastPasskey,
    /// The passkey is not (or no longer) one of the account's.
    PasskeyUnknown,
    DeletionNotConfirmed,
    DepartmentMissing,
    AccountUnknown,
    CannotDisableSelf,
    /// Somebody else changed the report since the form was shown.
    ChangedMeanwhile,
    TransitionNotAllowed {
        status: String,
    },
    ReasonMissing,
    NoteTooLong {
        max: usize,
    },
    TargetMissing,
    /// Forwarding to the department that already has the report.
    TargetSame,
    /// The receiving municipality has no category with this code.
    TargetLacksCategory {
        municipality: String,
    },
    DuplicateUnknown,
    DuplicateOfItself,
    ColleagueUnknown,
    SelectionEmpty,
    NothingToDo,
}

impl Problem {
    pub fn message(&self, t: &Texts) -> String {
        match self {
            Problem::CategoryMissing => t.err_category_missing.into(),
            Problem::CategoryUnknown => t.err_category_unknown.into(),
            Problem::AnswerMissing { question } => fill(t.err_answer_missing, &[question]),
            Problem::AnswerInvalid { question } => fill(t.err_answer_invalid, &[question]),
            Problem::AnswerTooLong { question, max } => {
                fill(t.err_answer_too_long, &[question, &max.to_string()])
            }
            Problem::LocationMissing => t.err_location_missing.into(),
            Problem::CoordinatesInvalid => t.err_coordinates_invalid.into(),
            Problem::OutsideMunicipalities { served } => {
                fill(t.err_outside_municipalities, &[served])
            }
            Problem::CategoryNotOffered {
                category,
                municipality,
            } => fill(t.err_category_not_offered, &[category, municipality]),
            Problem::AreaMissing => t.err_area_missing.into(),
            Problem::AreaUnknown => t.err_area_unknown.into(),
            Problem::AddressMissing => t.err_address_missing.into(),
            Problem::AddressTooLong { max } => fill(t.err_address_too_long, &[&max.to_string()]),
            Problem::PhotoMissing => t.err_photo_missing.into(),
            Problem::PhotoTooLarge { file, max_mb } => {
                fill(t.err_photo_too_large, &[file, &max_mb.to_string()])
            }
            Problem::PhotoUnsupported { file } => fill(t.err_photo_unsupported, &[file]),
            Problem::PhotoCorrupt { file } => fill(t.err_photo_corrupt, &[file]),
            Problem::PhotoTooManyPixels {
                file,
                max_megapixels,
            } => fill(
                t.err_photo_too_many_pixels,
                &[file, &max_megapixels.to_string()],
            ),
            Problem::TooManyPhotos { max } => fill(t.err_too_many_photos, &[&max.to_string()]),
            Problem::UploadTooLarge => t.err_upload_too_large.into(),
            Problem::DescriptionMissing => t.err_description_missing.into(),
            Problem::DescriptionTooLong { max } => {
                fill(t.err_description_too_long, &[&max.to_string()])
            }
            Problem::EmailInvalid => t.err_email_invalid.into(),
            Problem::DraftExpired => t.err_draft_expired.into(),
            Problem::TooManyRequests => t.err_too_many_requests.into(),
            Problem::NameMissing => t.err_name_missing.into(),
            Problem::NameTooLong { max } => fill(t.err_name_too_long, &[&max.to_string()]),
            Problem::PasskeyNameMissing => t.err_passkey_name_missing.into(),
            Problem::PasskeyNameTooLong { max } => {
                fill(t.err_passkey_name_too_long, &[&max.to_string()])
            }
            Problem::LinkInvalid => t.err_link_invalid.into(),
            Problem::EmailTaken => t.err_email_taken.into(),
            Problem::CodeInvalid => t.err_code_invalid.into(),
            Problem::LastPasskey => t.err_last_passkey.into(),
            Problem::PasskeyUnknown => t.err_passkey_unknown.into(),
            Problem::DeletionNotConfirmed => t.err_deletion_not_confirmed.into(),
            Problem::DepartmentMissing => t.err_department_missing.into(),
            Problem::AccountUnknown => t.err_account_unknown.into(),
            Problem::CannotDisableSelf => t.err_cannot_disable_self.into(),
            Problem::ChangedMeanwhile => t.err_changed_meanwhile.into(),
            Problem::TransitionNotAllowed { status } => {
                fill(t.err_transition_not_allowed, &[status])
            }
            Problem::ReasonMissing => t.err_reason_missing.into(),
            Problem::NoteTooLong { max } => fill(t.err_note_too_long, &[&max.to_string()]),
            Problem::TargetMissing => t.err_target_missing.into(),
            Problem::TargetSame => t.err_target_same.into(),
            Problem::TargetLacksCategory { municipality } => {
                fill(t.err_target_lacks_category, &[municipality])
            }
            Problem::DuplicateUnknown => t.err_duplicate_unknown.into(),
            Problem::DuplicateOfItself => t.err_duplicate_of_itself.into(),
            Problem::ColleagueUnknown => t.err_colleague_unknown.into(),
            Problem::SelectionEmpty => t.err_selection_empty.into(),
            Problem::NothingToDo => t.err_nothing_to_do.into(),
        }
    }
}

/// "Unterstützt von einer weiteren Person" / "… 3 weiteren Personen".
pub fn supporters_text(count: i64, t: &Texts) -> String {
    if count == 1 {
        t.status_supporters_one.to_owned()
    } else {
        fill(t.status_supporters_count, &[&count.to_string()])
    }
}

/// A refused answer: which form field (its HTML id) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: &str, problem: Problem) -> Self {
        FieldError {
            field: field.to_owned(),
            problem,
        }
    }
}

/// What a refused submission left behind, so the step can show the errors and the values the
/// citizen typed (GOV.UK pattern: nothing typed is lost).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub step: Option<Step>,
    pub errors: Vec<FieldError>,
    pub values: Vec<(String, String)>,
}

impl Flash {
    pub fn for_step(&self, step: Step) -> Option<&Flash> {
        (self.step == Some(step) && !self.errors.is_empty()).then_some(self)
    }

    pub fn error(&self, field: &str) -> Option<&Problem> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| &e.problem)
    }

    pub fn value(&self, field: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_str())
    }
}

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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
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
    pub flash: Flash,
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

mod account;
mod triage;
pub use account::*;
pub use triage::*;
