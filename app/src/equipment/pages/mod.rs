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
use crate::components::layout::{NotFound, TechnicalError};
use crate::context::use_viewer;
use crate::model::Role;
use leptos::prelude::*;
use serde::{de::DeserializeOwned, Serialize};
use std::future::Future;

/// Loads a page's data once and shows it: the technical error when loading failed, nothing
/// when the viewer is not signed in (the server function sent them to sign in), "not found"
/// when there is nothing or it is not theirs.
pub fn loaded<T, Fut, V>(
    fetch: impl Fn() -> Fut + Send + Sync + 'static,
    show: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<Option<T>, ServerFnError>> + Send + 'static,
    V: IntoView + Send + 'static,
{
    let data = Resource::new(|| (), move |_| fetch());
    view! {
        <Suspense>
            {move || {
                let show = show.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(_) => view! { <TechnicalError /> }.into_any(),
                        Ok(None) if use_viewer().is_none() => ().into_any(),
                        Ok(None) => view! { <NotFound /> }.into_any(),
                        Ok(Some(value)) => show(value).into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The `:name` parameter of the route.
pub fn param(name: &'static str) -> String {
    leptos_router::hooks::use_params_map().with_untracked(|p| p.get(name).unwrap_or_default())
}

/// A query parameter of the address.
pub fn query(name: &'static str) -> Option<String> {
    leptos_router::hooks::use_query_map().with_untracked(|q| q.get(name))
}

/// The success message of a form that went through.
#[component]
pub fn Notice(notice: Option<String>) -> impl IntoView {
    notice.map(|n| {
        view! {
            <div class="kern-alert kern-alert--success" role="status">
                <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
            </div>
        }
    })
}

/// A status as a badge; the class carries the status code (for colour and tests).
#[component]
pub fn StatusBadge(code: String, label: String) -> impl IntoView {
    view! {
        <span class=format!("kern-badge kern-badge--info bauhof-status bauhof-status--{code}")>
            <span class="kern-label kern-label--small">{label}</span>
        </span>
    }
}

/// One row of a description list.
pub fn item(key: &str, value: String) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{key.to_owned()}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
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
