//! The report flow's navigation, which pages and server functions both follow: its steps in
//! order, where each one leads, the one page per extra question, the way back to the summary
//! after changing an answer, and which step's page shows a refused answer.

use super::model::{DraftView, Question};
use crate::model::Flash;
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

impl Step {
    /// The step whose page asks for a form field (the intake names the fields it refuses).
    pub fn of_field(field: &str) -> Step {
        match field {
            "category" => Step::Category,
            "lat" | "area" | "address" => Step::Location,
            "photo" => Step::Photos,
            "description" => Step::Description,
            "email" => Step::Contact,
            _ => Step::Details,
        }
    }
}

/// A refused answer's errors and typed values, with the step whose page shows them. Stored
/// with the draft (as one JSON object) until that page is shown again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepFlash {
    pub step: Option<Step>,
    #[serde(flatten)]
    pub flash: Flash,
}

impl StepFlash {
    pub fn new(step: Step, flash: Flash) -> StepFlash {
        StepFlash {
            step: Some(step),
            flash,
        }
    }

    /// The flash, if it is `step`'s and says something.
    pub fn for_step(&self, step: Step) -> Option<&Flash> {
        (self.step == Some(step) && !self.flash.errors.is_empty()).then_some(&self.flash)
    }
}

/// Where the upload form posts; handled by the server's photo intake, not a server function,
/// because it streams multipart bodies with size limits.
pub const UPLOAD_PATH: &str = "/melden/fotos/hochladen";

/// Query value that marks "came from the check-your-answers page": save and go back there.
pub const RETURN_TO_CHECK: &str = "pruefen";

const ORDER: [Step; 7] = [
    Step::Category,
    Step::Details,
    Step::Location,
    Step::Photos,
    Step::Description,
    Step::Contact,
    Step::Check,
];

fn index(step: Step) -> usize {
    ORDER.iter().position(|s| *s == step).unwrap_or(0)
}

/// The step's number and the number of steps, for "Schritt 2 von 7". The details step only
/// counts when the chosen category asks extra questions.
pub fn step_position(step: Step, draft: Option<&DraftView>) -> (usize, usize) {
    let has_details = draft.is_some_and(|d| !d.questions.is_empty());
    let visible: Vec<Step> = ORDER
        .into_iter()
        .filter(|s| *s != Step::Details || has_details)
        .collect();
    let current = visible.iter().position(|s| *s == step).unwrap_or(0) + 1;
    (current, visible.len())
}

/// Where a citizen who opened `step` must go instead, because an earlier answer is missing.
pub fn gate(step: Step, draft: Option<&DraftView>) -> Option<Step> {
    if step == Step::Category {
        return None;
    }
    let Some(draft) = draft else {
        return Some(Step::Category);
    };
    if step == Step::Details && draft.questions.is_empty() {
        return Some(Step::Location);
    }
    draft
        .first_missing_step()
        .filter(|missing| index(*missing) < index(step))
}

/// The previous page, for the back link.
pub fn previous(step: Step, draft: Option<&DraftView>, returning: bool) -> String {
    if returning {
        return Step::Check.path().to_owned();
    }
    let has_details = draft.is_some_and(|d| !d.questions.is_empty());
    let prev = ORDER[..index(step)]
        .iter()
        .rev()
        .find(|s| **s != Step::Details || has_details);
    prev.map(|s| s.path().to_owned())
        .unwrap_or_else(|| "/".to_owned())
}

/// Where to go after `step` was answered.
pub fn next_step(step: Step, draft: &DraftView, returning: bool) -> Step {
    if returning {
        return draft.first_missing_step().unwrap_or(Step::Check);
    }
    match step {
        Step::Category if draft.questions.is_empty() => Step::Location,
        Step::Category => Step::Details,
        Step::Details => Step::Location,
        Step::Location => Step::Photos,
        Step::Photos => Step::Description,
        Step::Description => Step::Contact,
        Step::Contact | Step::Check => Step::Check,
    }
}

/// The page of `step`, marked as opened from the summary when the citizen is `returning`.
pub fn step_url(step: Step, returning: bool) -> String {
    if returning && step != Step::Check {
        format!("{}?zurueck={RETURN_TO_CHECK}", step.path())
    } else {
        step.path().to_owned()
    }
}

/// The page of one question.
pub fn question_path(code: &str, returning: bool) -> String {
    let path = Step::Details.path();
    if returning {
        format!("{path}?frage={code}&zurueck={RETURN_TO_CHECK}")
    } else {
        format!("{path}?frage={code}")
    }
}

/// The question after `code`, if there is one.
pub fn next_question<'a>(questions: &'a [Question], code: &str) -> Option<&'a str> {
    let index = questions.iter().position(|q| q.code == code)?;
    questions.get(index + 1).map(|q| q.code.as_str())
}

/// The id of a summary row, which the error summary links to when that answer is missing or
/// no longer valid.
pub fn summary_id(step: Step) -> &'static str {
    match step {
        Step::Category | Step::Details => "summary-category",
        Step::Location => "summary-location",
        Step::Photos => "summary-photos",
        Step::Description => "summary-description",
        Step::Contact | Step::Check => "summary-email",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{CategoryOption, LocationView, Question};

    fn category() -> CategoryOption {
        CategoryOption {
            code: "pothole".into(),
            name: "Schlagloch".into(),
            hint: None,
        }
    }

    #[test]
    fn a_later_step_without_a_draft_goes_to_the_first_step() {
        assert_eq!(gate(Step::Location, None), Some(Step::Category));
        assert_eq!(gate(Step::Category, None), None);
    }

    #[test]
    fn skipping_ahead_lands_on_the_first_unanswered_step() {
        let draft = DraftView {
            category: Some(category()),
            ..Default::default()
        };
        assert_eq!(gate(Step::Check, Some(&draft)), Some(Step::Location));
        assert_eq!(gate(Step::Location, Some(&draft)), None);
        // Photos are optional, so the photo step is open once the place is known.
        let with_place = DraftView {
            location: Some(LocationView::Described {
                area: "Pankow".into(),
                address: "x".into(),
            }),
            ..draft
        };
        assert_eq!(gate(Step::Photos, Some(&with_place)), None);
    }

    #[test]
    fn the_details_step_counts_only_when_the_category_asks_questions() {
        let plain = DraftView {
            category: Some(category()),
            ..Default::default()
        };
        assert_eq!(step_position(Step::Location, Some(&plain)), (2, 6));
        let asking = DraftView {
            questions: vec![Question {
                code: "q".into(),
                label: "Q".into(),
                hint: None,
                required: true,
                choices: vec![],
                max_len: 10,
            }],
            ..plain
        };
        assert_eq!(step_position(Step::Location, Some(&asking)), (3, 7));
        assert_eq!(
            previous(Step::Location, Some(&asking), false),
            Step::Details.path()
        );
        assert_eq!(gate(Step::Location, Some(&asking)), Some(Step::Details));
    }
}
