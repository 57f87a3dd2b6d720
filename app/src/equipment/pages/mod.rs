//! The Bauhof's pages: the worker's ([`worker`], [`breakdown`]) on the phone, the fleet
//! managers' ([`fleet`], [`register`], [`labels`]). Every page loads its data through one
//! server function and shows the technical error, "not found" or the sign-in redirect the same
//! way ([`loaded`]).

pub mod breakdown;
pub mod fleet;
pub mod labels;
pub mod register;
pub mod worker;

use super::model::LogEntry;
use super::texts::use_texts;
pub use crate::components::page::{item, loaded, param, query, Notice};
use crate::context::use_viewer;
use crate::model::Role;
use leptos::prelude::*;

/// A status as a badge; the class carries the status code (for colour and tests).
#[component]
pub fn StatusBadge(code: String, label: String) -> impl IntoView {
    view! {
        <span class=format!("kern-badge kern-badge--info bauhof-status bauhof-status--{code}")>
            <span class="kern-label kern-label--small">{label}</span>
        </span>
    }
}

/// A history, newest first.
#[component]
pub fn Timeline(entries: Vec<LogEntry>) -> impl IntoView {
    let b = use_texts();
    view! {
        <h2 class="kern-heading-medium">{b.history}</h2>
        {if entries.is_empty() {
            view! { <p class="kern-body">{b.history_empty}</p> }.into_any()
        } else {
            view! {
                <ol class="timeline">
                    {entries.into_iter().map(|e| view! {
                        <li class="timeline__entry">
                            <p class="kern-body kern-body--bold">{e.title}</p>
                            <p class="kern-body kern-body--small kern-body--muted">
                                {e.at}{e.actor.map(|a| format!(" · {a}"))}
                            </p>
                            {e.detail.map(|d| view! { <p class="kern-body">{d}</p> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
    }
}

/// The fleet managers' navigation between their pages.
#[component]
pub fn FleetNav(slug: String) -> impl IntoView {
    let b = use_texts();
    let link = |path: &str, label: &'static str| {
        view! { <li><a class="kern-link" href=format!("/fuhrpark/{slug}{path}")>{label}</a></li> }
    };
    view! {
        <nav class="fleet-nav" aria-label=b.fleet_nav>
            <ul class="kern-list kern-list--horizontal">
                {link("", b.fleet_requests)}
                {link("/geraete", b.register_title_short)}
                {link("/hoefe", b.yards_title_short)}
                {link("/etiketten", b.labels_title_short)}
                {link("/verleih", b.pool_title_short)}
                {link("/statistik", b.stats_title_short)}
            </ul>
        </nav>
    }
}

/// The places where the viewer works in the Bauhof, with whether they manage the fleet there.
pub fn bauhof_places() -> Vec<(String, String, bool)> {
    let viewer = use_viewer();
    let mut places: Vec<(String, String, bool)> = Vec::new();
    for grant in viewer.iter().flat_map(|v| v.grants.iter()) {
        let manages = matches!(grant.role, Role::FleetManager | Role::MunicipalAdmin);
        if !(manages || grant.role == Role::BauhofStaff) {
            continue;
        }
        let (Some(slug), Some(name)) = (
            grant.municipality_slug.clone(),
            grant.municipality_name.clone(),
        ) else {
            continue;
        };
        match places.iter_mut().find(|(s, _, _)| *s == slug) {
            Some(place) => place.2 |= manages,
            None => places.push((slug, name, manages)),
        }
    }
    places.sort();
    places
}
