//! The frame of every page: skip link, header with language switch, main, footer.

use super::language::SwitchLanguage;
use crate::context::use_lang;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// A page with its `<title>` ("Fehler: " first when the page shows errors, as GOV.UK does).
#[component]
pub fn Page(
    #[prop(into)] title: String,
    #[prop(optional)] has_errors: bool,
    /// Staff pages with tables and several forms use the width of a desktop screen.
    #[prop(optional)]
    wide: bool,
    children: Children,
) -> impl IntoView {
    let t = use_lang().texts();
    let full_title = format!(
        "{}{} – {}",
        if has_errors { t.error_prefix } else { "" },
        title,
        t.site_name
    );
    let staff = crate::context::use_viewer().is_some_and(|v| {
        v.grants.iter().any(|g| {
            matches!(
                g.role,
                crate::model::Role::Dispatcher
                    | crate::model::Role::DepartmentStaff
                    | crate::model::Role::MunicipalAdmin
            )
        })
    });
    let bauhof = crate::context::use_viewer().is_some_and(|v| {
        v.grants.iter().any(|g| {
            matches!(
                g.role,
                crate::model::Role::BauhofStaff
                    | crate::model::Role::FleetManager
                    | crate::model::Role::MunicipalAdmin
            )
        })
    });
    view! {
        <Title text=full_title />
        <a class="skip-link" href="#inhalt">{t.skip_to_content}</a>
        <header class="site-header">
            <div class="site-header__inner">
                <a href="/" class="site-header__brand">
                    <img src="/favicon.svg" alt="" width="32" height="32" />
                    <span>{t.site_name}</span>
                </a>
                <nav class="site-header__nav" aria-label=t.nav_label>
                    <a class="kern-link" href="/melden/kategorie">{t.nav_report}</a>
                    <a class="kern-link" href="/meldungen">{t.nav_lookup}</a>
                    {staff.then(|| view! { <a class="kern-link" href="/dienst">{t.nav_staff}</a> })}
                    {bauhof.then(|| view! { <a class="kern-link" href="/bauhof">{t.nav_bauhof}</a> })}
                    {match crate::context::use_viewer() {
                        Some(_) => view! { <a class="kern-link" href="/konto">{t.nav_account}</a> }.into_any(),
                        None => view! { <a class="kern-link" href="/konto/anmelden">{t.nav_sign_in}</a> }.into_any(),
                    }}
                </nav>
                <LanguageSwitch />
            </div>
        </header>
        <main id="inhalt" class=if wide { "site-main site-main--wide" } else { "site-main" } tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <div class="site-footer__inner">
                <ul class="kern-list kern-list--horizontal">
                    <li><a class="kern-link" href="/datenschutz">{t.footer_privacy}</a></li>
                    <li><a class="kern-link" href="/datenquellen">{t.footer_data_sources}</a></li>
                    <li><a class="kern-link" href="/offene-daten">{t.footer_open_data}</a></li>
                    <li><a class="kern-link" href="/open311/discovery.json">{t.footer_open311}</a></li>
                </ul>
                <p class="kern-body kern-body--small">{t.footer_licence}</p>
            </div>
        </footer>
    }
}

/// A one-button form that switches to the other language and returns to this page.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let lang = use_lang();
    let other = lang.other();
    let location = use_location();
    let next = format!(
        "{}{}",
        location.pathname.get_untracked(),
        location.search.get_untracked()
    );
    let next = if next.is_empty() {
        "/".to_owned()
    } else {
        next
    };
    view! {
        <form class="language-switch" method="post" action=SwitchLanguage::url()>
            <input type="hidden" name="lang" value=other.tag() />
            <input type="hidden" name="next" value=next />
            <button
                type="submit"
                class="kern-btn kern-btn--tertiary"
                lang=other.tag()
                aria-label=lang.texts().language_switch_label
            >
                <span class="kern-label">{lang.texts().language_switch}</span>
            </button>
        </form>
    }
}

/// "Schritt 2 von 7" above a step's heading.
#[component]
pub fn StepCounter(current: usize, total: usize) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <p class="kern-preline step-counter">
            {fill(t.step_of, &[&current.to_string(), &total.to_string()])}
        </p>
    }
}

/// Loads the WebAssembly that hydrates the islands on this page. Pages without islands leave it
/// out and ship no WebAssembly at all.
#[component]
pub fn IslandsRuntime() -> impl IntoView {
    let options = use_context::<LeptosOptions>();
    options.map(|options| view! { <HydrationScripts options islands=true /> })
}

/// The answer to a server failure: a clear message, status 500, nothing lost.
#[component]
pub fn TechnicalError() -> impl IntoView {
    let t = use_lang().texts();
    #[cfg(feature = "ssr")]
    crate::request::set_status(http::StatusCode::INTERNAL_SERVER_ERROR);
    view! {
        <Page title=t.technical_error_title>
            <h1 class="kern-heading-large">{t.technical_error_title}</h1>
            <p class="kern-body">{t.technical_error_text}</p>
        </Page>
    }
}

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
