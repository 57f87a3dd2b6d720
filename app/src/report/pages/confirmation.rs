use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::serverfns::load_confirmation;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// "Meldung eingegangen": the reference number, who got it, and the two links.
#[component]
pub fn ConfirmationPage() -> impl IntoView {
    let query = use_query_map();
    let (reference, access) = query.with_untracked(|q| {
        (
            q.get("meldung").unwrap_or_default(),
            q.get("zugang").unwrap_or_default(),
        )
    });
    let data = Resource::new(
        || (),
        move |_| load_confirmation(reference.clone(), access.clone()),
    );
    let t = use_lang().texts();
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(c)) => view! {
                        <Page title=t.confirmation_title>
                            <div class="confirmation-panel">
                                <h1 class="kern-heading-large">{t.confirmation_title}</h1>
                                <p class="kern-body">{t.confirmation_reference}</p>
                                <p class="confirmation-panel__reference" id="reference">{c.reference.clone()}</p>
                            </div>
                            <p class="kern-body">{fill(t.confirmation_routed, &[&c.department])}</p>
                            <h2 class="kern-heading-medium">{t.confirmation_next_title}</h2>
                            <p class="kern-body">{t.confirmation_next_text}</p>
                            <p><a class="kern-link" href=c.status_path.clone()>{t.confirmation_status_link}</a></p>
                            <h2 class="kern-heading-medium">{t.confirmation_private_title}</h2>
                            <p class="kern-body">{t.confirmation_private_text}</p>
                            <p class="private-link"><a class="kern-link" href=c.private_url.clone() id="private-link">{c.private_url.clone()}</a></p>
                            <p><a class="kern-btn kern-btn--secondary" href="/melden/kategorie"><span class="kern-label">{t.confirmation_new_report}</span></a></p>
                        </Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
