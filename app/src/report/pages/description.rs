use super::{FlowPage, ReturnField, StepContext};
use crate::components::form::{BackLink, ErrorSummary, SubmitButton, TextArea};
use crate::components::layout::{Page, StepCounter};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::flow::Step;
use crate::report::serverfns::SetDescription;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// What the problem is, in the citizen's words.
#[component]
pub fn DescriptionStep() -> impl IntoView {
    view! { <FlowPage step=Step::Description content=description_form /> }
}

fn description_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let flash = cx.flash.clone();
    let problem = flash.as_ref().and_then(|f| f.error("description")).cloned();
    let value = flash
        .as_ref()
        .and_then(|f| f.value("description"))
        .map(str::to_owned)
        .or(cx.draft.description.clone())
        .unwrap_or_default();
    let hint = format!(
        "{} {}",
        t.description_hint,
        fill(
            t.description_counter,
            &[&cx.state.max_description.to_string()]
        )
    );
    view! {
        <Page title=t.description_title has_errors=problem.is_some()>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <form method="post" action=SetDescription::url() novalidate class="stack">
                <ReturnField returning=cx.returning />
                <TextArea
                    id="description"
                    name="beschreibung"
                    label=t.description_title
                    hint
                    problem
                    value
                    rows=6
                    label_is_heading=true
                />
                <SubmitButton label=if cx.returning { t.save_and_back } else { t.continue_button } />
            </form>
        </Page>
    }
}
