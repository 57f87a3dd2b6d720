use crate::account::serverfns::load_outbox;
use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use leptos::prelude::*;

/// The developers' outbox: mail that would have gone out, newest first. Only when switched on
/// (`KIEZWERK_DEV_OUTBOX`) and no SMTP server is configured.
#[component]
pub fn Outbox() -> impl IntoView {
    let t = use_lang().texts();
    let outbox = Resource::new(|| (), |_| load_outbox());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match outbox.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(mails)) => view! {
                        <Page title=t.outbox_title>
                            <h1 class="kern-heading-large">{t.outbox_title}</h1>
                            <p class="kern-body">{t.outbox_hint}</p>
                            {mails.is_empty().then(|| view! { <p class="kern-body">{t.outbox_empty}</p> })}
                            <ol class="outbox">
                                {mails.into_iter().map(|m| view! {
                                    <li class="outbox__mail stack">
                                        <p class="kern-body kern-body--bold">{m.subject}</p>
                                        <p class="kern-body kern-body--small">{m.to}" · "{m.created}</p>
                                        <div class="outbox__body">
                                            {m.body.lines().map(|line| if line.starts_with("http") {
                                                view! { <p><a class="kern-link" href=line.to_owned()>{line.to_owned()}</a></p> }.into_any()
                                            } else {
                                                view! { <p>{line.to_owned()}</p> }.into_any()
                                            }).collect_view()}
                                        </div>
                                    </li>
                                }).collect_view()}
                            </ol>
                        </Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
