use crate::components::layout::Page;
use crate::context::use_lang;
use crate::report::serverfns::load_flow;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The start page: what Kiezwerk does and the button into the report flow.
#[component]
pub fn Home() -> impl IntoView {
    let t = use_lang().texts();
    let state = Resource::new(|| (), |_| load_flow());
    // After signing out or deleting the account, the start page confirms it.
    let notice = use_query_map()
        .with_untracked(|q| q.get("hinweis"))
        .and_then(|n| match n.as_str() {
            "abgemeldet" => Some(t.notice_signed_out),
            "konto-geloescht" => Some(t.account_deleted),
            _ => None,
        });
    view! {
        <Page title=t.home_title>
            {notice.map(|n| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
                </div>
            })}
            <h1 class="kern-heading-x-large">{t.home_title}</h1>
            <p class="kern-body kern-body--large">{t.home_lead}</p>
            <h2 class="kern-heading-medium">{t.home_steps_title}</h2>
            <ol class="kern-list kern-list--number">
                <li>{t.home_step_1}</li>
                <li>{t.home_step_2}</li>
                <li>{t.home_step_3}</li>
                <li>{t.home_step_4}</li>
            </ol>
            <p class="kern-body">{t.home_no_account}</p>
            <p>
                <a class="kern-btn kern-btn--primary start-button" href="/melden/kategorie">
                    <span class="kern-label">{t.home_start}</span>
                    <span class="kern-icon kern-icon--arrow-forward" aria-hidden="true"></span>
                </a>
            </p>
            <h2 class="kern-heading-medium">{t.home_trees_title}</h2>
            <p class="kern-body">{t.home_trees}" "<a class="kern-link" href="/baeume">{t.home_trees_link}</a></p>
            <Suspense>
                {move || Suspend::new(async move {
                    state.await.ok().filter(|s| !s.municipalities.is_empty()).map(|s| view! {
                        <p class="kern-body">{t.home_areas}" "{s.municipalities.join(", ")}</p>
                    })
                })}
            </Suspense>
        </Page>
    }
}
