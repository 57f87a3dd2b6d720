use super::{FlowPage, ReturnField, StepContext};
use crate::components::form::{BackLink, ErrorSummary, SubmitButton, TextField};
use crate::components::layout::{Page, StepCounter};
use crate::context::use_lang;
use crate::report::flow::Step;
use crate::report::serverfns::SetContact;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// An optional e-mail address for updates.
#[component]
pub fn ContactStep() -> impl IntoView {
    view! { <FlowPage step=Step::Contact content=contact_form /> }
}

fn contact_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let flash = cx.flash.clone();
    let problem = flash.as_ref().and_then(|f| f.error("email")).cloned();
    let value = flash
        .as_ref()
        .and_then(|f| f.value("email"))
        .map(str::to_owned)
        .or(cx.draft.email.clone())
        .unwrap_or_default();
    view! {
        <Page title=t.contact_title has_errors=problem.is_some()>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <h1 class="kern-heading-large">{t.contact_title}</h1>
            <form method="post" action=SetContact::url() novalidate class="stack">
                <ReturnField returning=cx.returning />
                <TextField
                    id="email"
                    name="email"
                    label=t.contact_email_label
                    hint=t.contact_hint
                    problem
                    value
                    input_type="email"
                    autocomplete="email"
                    optional=true
                />
                <SubmitButton label=if cx.returning { t.save_and_back } else { t.continue_button } />
            </form>
        </Page>
    }
}
