//! The dispatchers' triage view: the staff start page, the queue, a report, statistics.

pub mod queue;
pub mod report;
pub mod statistics;

use crate::account::serverfns::SIGN_IN;
use crate::components::layout::Page;
use crate::context::{use_lang, use_viewer};
use crate::model::Role;
use leptos::prelude::*;

/// `/dienst`: the queues and statistics the signed-in staff member can open.
#[component]
pub fn TriageHome() -> impl IntoView {
    let t = use_lang().texts();
    let viewer = use_viewer();
    let mut places: Vec<(String, String)> = viewer
        .iter()
        .flat_map(|v| v.grants.iter())
        .filter(|g| {
            matches!(
                g.role,
                Role::Dispatcher | Role::DepartmentStaff | Role::MunicipalAdmin
            )
        })
        .filter_map(|g| Some((g.municipality_slug.clone()?, g.municipality_name.clone()?)))
        .collect();
    places.sort();
    places.dedup();
    view! {
        <Page title=t.triage_home_title>
            <h1 class="kern-heading-large">{t.triage_home_title}</h1>
            {match (viewer.is_some(), places.is_empty()) {
                (false, _) => view! {
                    <p class="kern-body">{t.triage_sign_in_first}" "<a class="kern-link" href=SIGN_IN>{t.nav_sign_in}</a></p>
                }.into_any(),
                (true, true) => view! { <p class="kern-body">{t.triage_no_role}</p> }.into_any(),
                (true, false) => view! {
                    <ul class="kern-list stack">
                        {places.into_iter().map(|(slug, name)| view! {
                            <li>
                                <p class="kern-body kern-body--bold">{name}</p>
                                <a class="kern-link" href=format!("/dienst/{slug}")>{t.triage_queue_link}</a>
                                " · "
                                <a class="kern-link" href=format!("/dienst/statistik/{slug}")>{t.triage_statistics_link}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </Page>
    }
}
