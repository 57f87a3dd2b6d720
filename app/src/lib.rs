//! Kiezwerk's web interface: server-rendered pages that work without JavaScript, with a few
//! interactive islands (photo upload) hydrated from WebAssembly where they appear.
//!
//! The lower layer — texts ([`i18n`]), shared data ([`model`]), building blocks
//! ([`components`]), the request and its cookies, the ports' error — serves one folder per
//! domain (the citizen's [`report`] flow, the Bürger-ID [`account`], the dispatchers'
//! [`triage`], the works yards' [`equipment`], the street [`trees`]), each with its pages, server functions and
//! port; [`site`] holds the pages of no domain. The routes are listed once, here.

// Server-rendered views are deeply nested types; computing their async rendering's layout
// needs more than the default depth.
#![recursion_limit = "256"]

pub mod account;
pub mod admin;
pub mod components;
pub mod context;
pub mod equipment;
pub mod i18n;
pub mod model;
pub mod open311;
pub mod port;
pub mod report;
pub mod site;
pub mod trees;
pub mod triage;

#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod request;

use crate::context::use_lang;
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
            <Routes fallback=components::layout::NotFound>
                <Route path=path!("/") view=site::home::Home ssr=SsrMode::Async />
                <Route path=path!("/melden/kategorie") view=report::pages::category::CategoryStep ssr=SsrMode::Async />
                <Route path=path!("/melden/angaben") view=report::pages::details::DetailsStep ssr=SsrMode::Async />
                <Route path=path!("/melden/ort") view=report::pages::location::LocationStep ssr=SsrMode::Async />
                <Route path=path!("/melden/fotos") view=report::pages::photos::PhotosStep ssr=SsrMode::Async />
                <Route path=path!("/melden/beschreibung") view=report::pages::description::DescriptionStep ssr=SsrMode::Async />
                <Route path=path!("/melden/kontakt") view=report::pages::contact::ContactStep ssr=SsrMode::Async />
                <Route path=path!("/melden/pruefen") view=report::pages::check::CheckStep ssr=SsrMode::Async />
                <Route path=path!("/melden/bestaetigung") view=report::pages::confirmation::ConfirmationPage ssr=SsrMode::Async />
                <Route path=path!("/meldungen") view=report::pages::lookup::Lookup ssr=SsrMode::Async />
                <Route path=path!("/meldungen/:reference") view=report::pages::status::StatusPage ssr=SsrMode::Async />
                <Route path=path!("/konto") view=account::pages::overview::AccountPage ssr=SsrMode::Async />
                <Route path=path!("/konto/anmelden") view=account::pages::passkey_pages::SignIn ssr=SsrMode::Async />
                <Route path=path!("/konto/registrieren") view=account::pages::forms::SignUp ssr=SsrMode::Async />
                <Route path=path!("/konto/neuer-passkey") view=account::pages::passkey_pages::NewPasskey ssr=SsrMode::Async />
                <Route path=path!("/konto/email-bestaetigen") view=account::pages::forms::ConfirmEmailPage ssr=SsrMode::Async />
                <Route path=path!("/konto/wiederherstellen") view=account::pages::forms::Recover ssr=SsrMode::Async />
                <Route path=path!("/konto/wiederherstellen/link") view=account::pages::forms::RecoverLink ssr=SsrMode::Async />
                <Route path=path!("/konto/loeschen") view=account::pages::forms::DeleteAccountPage ssr=SsrMode::Async />
                <Route path=path!("/einladung") view=account::pages::forms::Invitation ssr=SsrMode::Async />
                <Route path=path!("/verwaltung") view=account::pages::platform::Platform ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug") view=account::pages::admin::Admin ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration") view=admin::pages::ConfigPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/pruefen") view=admin::pages::DraftPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/verlauf") view=admin::pages::HistoryPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/ort-testen") view=admin::pages::PlacePage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/abteilungen") view=admin::pages::DepartmentsPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/abteilung") view=admin::pages::DepartmentPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/regeln") view=admin::pages::RulesPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/kategorien") view=admin::pages::CategoriesPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/kategorie") view=admin::pages::CategoryPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/konfiguration/frage") view=admin::pages::QuestionPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/baeume") view=trees::pages::RegisterPage ssr=SsrMode::Async />
                <Route path=path!("/verwaltung/:slug/schnittstellen") view=open311::pages::keys::ApiKeys ssr=SsrMode::Async />
                <Route path=path!("/offene-daten") view=open311::pages::open_data::OpenDataIndex ssr=SsrMode::Async />
                <Route path=path!("/offene-daten/:slug") view=open311::pages::open_data::OpenData ssr=SsrMode::Async />
                <Route path=path!("/dienst") view=triage::pages::TriageHome ssr=SsrMode::Async />
                <Route path=path!("/dienst/meldungen/:reference") view=triage::pages::report::StaffReport ssr=SsrMode::Async />
                <Route path=path!("/dienst/statistik/:slug") view=triage::pages::statistics::Statistics ssr=SsrMode::Async />
                <Route path=path!("/dienst/:slug") view=triage::pages::queue::Queue ssr=SsrMode::Async />
                <Route path=path!("/bauhof") view=equipment::pages::worker::BauhofHome ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug") view=equipment::pages::worker::WorkerStart ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/geraet") view=equipment::pages::breakdown::UnitStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/schaden") view=equipment::pages::breakdown::DamageStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/foto") view=equipment::pages::breakdown::PhotoStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/ort") view=equipment::pages::breakdown::PlaceStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/ersatz") view=equipment::pages::breakdown::ReplacementStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/pruefen") view=equipment::pages::breakdown::CheckStep ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/ausfall/:id") view=equipment::pages::worker::RequestPage ssr=SsrMode::Async />
                <Route path=path!("/bauhof/:slug/geraet/:number") view=equipment::pages::worker::UnitCardPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug") view=equipment::pages::fleet::FleetStart ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/anfrage/:id") view=equipment::pages::fleet::AllocationPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/verleih") view=equipment::pages::fleet::PoolPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/statistik") view=equipment::pages::fleet::StatisticsPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/geraete") view=equipment::pages::register::RegisterPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/geraete/:id") view=equipment::pages::register::UnitPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/hoefe") view=equipment::pages::register::YardsPage ssr=SsrMode::Async />
                <Route path=path!("/fuhrpark/:slug/etiketten") view=equipment::pages::labels::LabelsPage ssr=SsrMode::Async />
                <Route path=path!("/baeume") view=trees::pages::TreePlacesPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/erinnerungen") view=trees::pages::RemindersPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/erinnerungen/abmelden/:token") view=trees::pages::UnsubscribePage />
                <Route path=path!("/baeume/erinnerungen/abgemeldet") view=trees::pages::UnsubscribedPage />
                <Route path=path!("/baeume/:slug") view=trees::pages::NearbyPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/meine") view=trees::pages::MyTreesPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/karte") view=trees::pages::TreeMapPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/baum/:id") view=trees::pages::TreePage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/pumpe/:id") view=trees::pages::PumpPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/statistik") view=trees::pages::StatisticsPage ssr=SsrMode::Async />
                <Route path=path!("/baeume/:slug/giessen/:id") view=trees::pages::WateringPage ssr=SsrMode::Async />
                <Route path=path!("/entwicklung/postausgang") view=account::pages::outbox::Outbox ssr=SsrMode::Async />
                <Route path=path!("/datenquellen") view=site::info::DataSources ssr=SsrMode::Async />
                <Route path=path!("/datenschutz") view=site::info::Privacy ssr=SsrMode::Async />
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
