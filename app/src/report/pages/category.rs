use super::{FlowPage, ReturnField, StepContext};
use crate::components::form::{
    BackLink, ErrorSummary, InlineError, RadioOption, Radios, SubmitButton,
};
use crate::components::layout::{Page, StepCounter};
use crate::context::use_lang;
use crate::report::flow::Step;
use crate::report::serverfns::ChooseCategory;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Step 1: what kind of problem, grouped by topic.
#[component]
pub fn CategoryStep() -> impl IntoView {
    view! { <FlowPage step=Step::Category content=category_form /> }
}

fn category_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let problem = cx.flash.as_ref().and_then(|f| f.error("category")).cloned();
    let has_error = problem.is_some();
    let selected = cx.draft.category.as_ref().map(|c| c.code.clone());
    let mut first = true;
    let groups = cx
        .state
        .groups
        .into_iter()
        .map(|group| {
            // The first radio of the page carries the id the error summary links to.
            let id = if std::mem::take(&mut first) {
                "category".to_owned()
            } else {
                format!("category-group-{}", group.code)
            };
            let options = group
                .categories
                .into_iter()
                .map(|c| RadioOption { value: c.code, label: c.name, hint: c.hint })
                .collect();
            view! {
                <fieldset class="kern-fieldset category-group">
                    <legend class="kern-label">{group.name}</legend>
                    <Radios id name="category" options selected=selected.clone().unwrap_or_default() has_error />
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <Page title=t.category_title has_errors=has_error>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <form method="post" action=ChooseCategory::url() novalidate>
                <ReturnField returning=cx.returning />
                <fieldset
                    class="kern-fieldset"
                    class:kern-fieldset--error=has_error
                    aria-describedby=if has_error { "category-hint category-error" } else { "category-hint" }
                >
                    <legend>
                        <StepCounter current=cx.position.0 total=cx.position.1 />
                        <h1 class="kern-heading-large">{t.category_title}</h1>
                    </legend>
                    <p class="kern-hint" id="category-hint">{t.category_hint}</p>
                    <InlineError field="category".to_owned() problem />
                    {groups}
                </fieldset>
                <SubmitButton label=if cx.returning { t.save_and_back } else { t.continue_button } />
            </form>
        </Page>
    }
}
