//! The citizen's report flow: one question per page, each a plain form.

pub mod category;
pub mod check;
pub mod confirmation;
pub mod contact;
pub mod description;
pub mod details;
pub mod location;
pub mod photos;

use crate::components::layout::TechnicalError;
use crate::model::{DraftView, Flash, FlowState, Step};
use crate::serverfns::report_flow::{load_flow, RETURN_TO_CHECK};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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

/// What a step page needs from the loaded state.
#[derive(Clone)]
pub struct StepContext {
    pub state: FlowState,
    pub draft: DraftView,
    /// Errors and typed values of this step's last refused submission.
    pub flash: Option<Flash>,
    pub returning: bool,
    pub position: (usize, usize),
    pub back: String,
}

/// Loads the flow, sends citizens who skipped ahead to the first unanswered step, and renders
/// `content` for this step.
#[component]
pub fn FlowPage<F, V>(step: Step, content: F) -> impl IntoView
where
    F: Fn(StepContext) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let state = Resource::new(|| (), |_| load_flow());
    let returning = use_query_map()
        .read_untracked()
        .get("zurueck")
        .is_some_and(|v| v == RETURN_TO_CHECK);
    view! {
        <Suspense>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    let Ok(state) = state.await else {
                        return view! { <TechnicalError /> }.into_any();
                    };
                    if let Some(target) = gate(step, state.draft.as_ref()) {
                        #[cfg(feature = "ssr")]
                        leptos_axum::redirect(target.path());
                        let _ = target;
                        return ().into_any();
                    }
                    let draft = state.draft.clone().unwrap_or_default();
                    let flash = draft.flash.for_step(step).cloned();
                    let context = StepContext {
                        position: step_position(step, Some(&draft)),
                        back: previous(step, Some(&draft), returning),
                        state,
                        draft,
                        flash,
                        returning,
                    };
                    content(context).into_any()
                })
            }}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CategoryOption, LocationView, Question};

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
