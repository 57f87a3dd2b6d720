//! Kiezwerk's web interface: server-rendered pages that work without JavaScript, with a few
//! interactive islands (map, photo upload) hydrated from WebAssembly where they appear.

pub mod components;
pub mod i18n;
pub mod islands;
pub mod model;
pub mod pages;
pub mod serverfns;

#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "ssr")]
pub mod request;

use crate::i18n::Lang;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, Link, MetaTags};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

/// The document around every page.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d2034" />
                <AutoReload options=options.clone() />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <link rel="preload" href="/fonts/FiraSans-Regular-latin.woff2" r#as="font" r#type="font/woff2" crossorigin="" />
                <link rel="stylesheet" href="/vendor/kern-ux-native-2.7.2/kern.min.css" />
                <link rel="stylesheet" id="leptos" href=format!("/{}/{}.css", options.site_pkg_dir, options.output_name) />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The signed-in person, if any (resolved by the server from the session cookie).
pub fn use_viewer() -> Option<model::Viewer> {
    use_context::<Option<model::Viewer>>().flatten()
}

/// The request's language, decided once per page and shared with every component.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "ssr")]
    {
        provide_context(request::lang());
        provide_context(request::viewer());
        if let Some(nonce) = use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<CspNonce>().cloned())
        {
            provide_context(leptos::nonce::Nonce::from_value(nonce.0));
        }
    }
    let lang = use_lang();
    view! {
        <Html attr:lang=lang.tag() />
        <Link rel="alternate" href="/open311/discovery.json" attr:r#type="application/json" />
        <Router>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view=pages::home::Home ssr=SsrMode::Async />
                <Route path=path!("/melden/kategorie") view=pages::report::category::CategoryStep ssr=SsrMode::Async />
                <Route path=path!("/melden/angaben") view=pages::report::details::DetailsStep ssr=SsrMode::Async />
                <Route path=path!("/melden/ort") view=pages::report::location::LocationStep ssr=SsrMode::Async />
                <Route path=path!("/melden/fotos") view=pages::report::photos::PhotosStep ssr=SsrMode::Async />
                <Route path=path!("/melden/beschreibung") view=pages::report::description::DescriptionStep ssr=SsrMode::Async />
                <Route path=path!("/melden/kontakt") view=pages::report::contact::ContactStep ssr=SsrMode::Async />
                <Route path=path!("/melden/pruefen") view=pages::report::check::CheckStep ssr=SsrMode::Async />
                <Route path=path!("/melden/bestaetigung") view=pages::report::confirmation::ConfirmationPage ssr=SsrMode::Async />
                <Route path=path!("/meldungen") view=pages::lookup::Lookup ssr=SsrMode::Async />
                <Route path=path!("/meldungen/:reference") view=pages::status::StatusPage ssr=SsrMode::Async />
                <Route path=path!("/konto") view=pages::account::overview::AccountPage ssr=SsrMode::Async />
                <Route path=path!("/konto/anmelden") view=pages::account::passkey_pages::SignIn ssr=SsrMode::Async />
                <Route path=path!("/konto/registrieren") view=pages::account::forms::SignUp ssr=SsrMode::Async />
                <Route path=path!("/konto/neuer-passkey") view=pages::account::passkey_pages::NewPasskey ssr=SsrMode::Async />
                <Route path=path!("/konto/email-bestaetigen") view=pages::account::forms::ConfirmEmailPage ssr=SsrMode::Async />
                <Route path=path!("/konto/wiederherstellen") view=pages::account::forms::Recover ssr=SsrMode::Async />
                <Route path=path!("/konto/wiederherstellen/link") view=pages::account::forms::RecoverLink ssr=SsrMode::Async />
                <Route path=path!("/konto/loeschen") view=pages::account::forms::DeleteAccountPage ssr=SsrMode::Async />
                <Route path=path!("/einladung") view=pages::account::forms::Invitation ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug") view=pages::admin::Admin ssr=SsrMode::Async />
                <Route path=path!("/dienst") view=pages::triage::TriageHome ssr=SsrMode::Async />
                <Route path=path!("/dienst/meldungen/:reference") view=pages::triage::report::StaffReport ssr=SsrMode::Async />
                <Route path=path!("/dienst/statistik/:slug") view=pages::triage::statistics::Statistics ssr=SsrMode::Async />
                <Route path=path!("/dienst/:slug") view=pages::triage::queue::Queue ssr=SsrMode::Async />
                <Route path=path!("/entwicklung/postausgang") view=pages::outbox::Outbox ssr=SsrMode::Async />
                <Route path=path!("/datenquellen") view=pages::info::DataSources ssr=SsrMode::Async />
                <Route path=path!("/datenschutz") view=pages::info::Privacy ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

/// The per-request nonce that the server also puts into the `Content-Security-Policy` header,
/// so that the one inline script hydration needs may run and no other.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    leptos::mount::hydrate_islands();
}
