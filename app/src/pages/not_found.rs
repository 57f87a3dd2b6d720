use crate::components::layout::Page;
use crate::use_lang;
use leptos::prelude::*;

/// 404, in the site's frame.
#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_lang().texts();
    #[cfg(feature = "ssr")]
    crate::request::set_status(http::StatusCode::NOT_FOUND);
    view! {
        <Page title=t.not_found_title>
            <h1 class="kern-heading-large">{t.not_found_title}</h1>
            <p class="kern-body">{t.not_found_text}</p>
            <p><a class="kern-link" href="/">{t.to_home}</a></p>
        </Page>
    }
}
