//! What every data page does alike: load its data once through its server function and show
//! the technical error, "not found" or nothing (the sign-in redirect is under way); read the
//! route's parameters; say that a form went through; a row of a description list.

use crate::components::layout::{NotFound, TechnicalError};
use crate::context::use_viewer;
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

/// One row of a description list.
pub fn item(key: &str, value: String) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{key.to_owned()}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
    }
}
