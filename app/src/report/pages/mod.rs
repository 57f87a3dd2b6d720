//! The report flow's pages — one question per page, each a plain form — and the pages around
//! it: confirmation, status, lookup.

pub mod category;
pub mod check;
pub mod confirmation;
pub mod contact;
pub mod description;
pub mod details;
pub mod location;
pub mod lookup;
pub mod photos;
pub mod status;

use super::flow::{gate, previous, step_position, Step, RETURN_TO_CHECK};
use super::model::{DraftView, FlowState};
use super::serverfns::load_flow;
use crate::components::layout::TechnicalError;
use crate::model::Flash;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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

/// The hidden field that sends the citizen back to the summary after changing an answer.
#[component]
pub fn ReturnField(returning: bool) -> impl IntoView {
    returning.then(|| {
        view! {
            <input type="hidden" name="zurueck" value=RETURN_TO_CHECK />
        }
    })
}
