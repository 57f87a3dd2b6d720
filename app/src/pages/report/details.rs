use super::{FlowPage, StepContext};
use crate::components::form::{
    BackLink, ErrorSummary, InlineError, RadioOption, Radios, ReturnField, SubmitButton, TextField,
};
use crate::components::layout::{Page, StepCounter};
use crate::i18n::fill;
use crate::model::Step;
use crate::serverfns::report_flow::AnswerQuestions;
use crate::use_lang;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// The category's extra questions (e.g. what kind of waste), only for categories that ask any.
#[component]
pub fn DetailsStep() -> impl IntoView {
    view! { <FlowPage step=Step::Details content=details_form /> }
}

fn details_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let category = cx
        .draft
        .category
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let title = fill(t.details_title, &[&category]);
    let has_errors = cx.flash.is_some();
    let questions = cx
        .draft
        .questions
        .iter()
        .map(|q| {
            let id = format!("answer-{}", q.code);
            let name = format!("antworten[{}]", q.code);
            let problem = cx.flash.as_ref().and_then(|f| f.error(&id)).cloned();
            let value = cx
                .flash
                .as_ref()
                .and_then(|f| f.value(&q.code).map(str::to_owned))
                .or_else(|| {
                    cx.draft.answers.iter().find(|(c, _)| c == &q.code).map(|(_, v)| v.clone())
                })
                .unwrap_or_default();
            if q.choices.is_empty() {
                view! {
                    <TextField
                        id
                        name
                        label=q.label.clone()
                        hint=q.hint.clone().unwrap_or_default()
                        problem
                        value
                        optional=!q.required
                    />
                }
                .into_any()
            } else {
                let has_error = problem.is_some();
                let options = q
                    .choices
                    .iter()
                    .map(|c| RadioOption { value: c.value.clone(), label: c.label.clone(), hint: None })
                    .collect();
                view! {
                    <fieldset class="kern-fieldset" class:kern-fieldset--error=has_error>
                        <legend class="kern-label">
                            {q.label.clone()}
                            {(!q.required).then(|| view! { " " <span class="kern-label__optional">{t.optional}</span> })}
                        </legend>
                        {q.hint.clone().map(|hint| view! { <div class="kern-hint">{hint}</div> })}
                        <InlineError field=id.clone() problem />
                        <Radios id name options selected=value has_error />
                    </fieldset>
                }
                .into_any()
            }
        })
        .collect_view();
    view! {
        <Page title=title.clone() has_errors>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <h1 class="kern-heading-large">{title}</h1>
            <form method="post" action=AnswerQuestions::url() novalidate class="stack">
                <ReturnField returning=cx.returning />
                {questions}
                <SubmitButton label=if cx.returning { t.save_and_back } else { t.continue_button } />
            </form>
        </Page>
    }
}
