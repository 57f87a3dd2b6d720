use crate::components::form::{SubmitButton, TextField};
use crate::components::layout::Page;
use crate::context::use_lang;
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use leptos_router::hooks::use_query_map;

/// "Meldung verfolgen": a reference number leads to the report's status page.
#[component]
pub fn Lookup() -> impl IntoView {
    let t = use_lang().texts();
    // A GET form: following it changes nothing, so a redirect is enough.
    #[cfg(feature = "ssr")]
    if let Some(number) = use_query_map().with_untracked(|q| q.get("nummer")) {
        let segment = reference_segment(&number);
        if !segment.is_empty() {
            leptos_axum::redirect(&format!("/meldungen/{segment}"));
        }
    }
    view! {
        <Page title=t.lookup_title>
            <h1 class="kern-heading-large">{t.lookup_title}</h1>
            <form method="get" action="/meldungen" class="stack">
                <TextField
                    id="nummer"
                    name="nummer"
                    label=t.lookup_label
                    hint=t.lookup_hint
                    autocomplete="off"
                />
                <SubmitButton label=t.lookup_submit />
            </form>
        </Page>
    }
}

/// Keeps a typed reference inside one path segment.
#[cfg(feature = "ssr")]
fn reference_segment(value: &str) -> String {
    value
        .trim()
        .to_uppercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}
