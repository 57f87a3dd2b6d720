//! Data every domain's pages share, filled by the server and read by pages and islands: why a
//! form was refused ([`Problem`], [`FieldError`], [`Flash`]), who is signed in ([`Viewer`]) and
//! the identifiers that travel between pages and server. Names and labels arrive already
//! translated into the request's language; each domain's own view data is in its folder.

mod identity;
mod ids;
pub use identity::*;
pub use ids::*;

use crate::i18n::{fill, Texts};
use serde::{Deserialize, Serialize};

/// One bar of a statistics chart and its table row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: i64,
}

/// The sign-in page, where pages that need a signed-in person send everybody else.
pub const SIGN_IN_PATH: &str = "/konto/anmelden";

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
    /// A refusal already worded in the request's language by a domain that keeps its own texts
    /// (the Bauhof's): its message is shown as it is.
    Worded(String),
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
            Problem::Worded(message) => message.clone(),
        }
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

/// What a refused form left behind, so the page can show the errors and the values the person
/// typed (GOV.UK pattern: nothing typed is lost) — or, after a form that went through, the
/// sentence that says what was done.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flash {
    pub errors: Vec<FieldError>,
    pub values: Vec<(String, String)>,
    #[serde(default)]
    pub notice: Option<String>,
}

impl Flash {
    /// A flash with these errors and no typed values.
    pub fn errors(errors: Vec<FieldError>) -> Flash {
        Flash {
            errors,
            ..Flash::default()
        }
    }

    /// A flash that says what was done.
    pub fn notice(notice: String) -> Flash {
        Flash {
            notice: Some(notice),
            ..Flash::default()
        }
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

/// Percent-encoding for query values (RFC 3986 unreserved characters stay).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}
