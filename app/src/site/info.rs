//! Pages of fixed content: data sources with their licences, and the privacy notice.

use crate::components::layout::Page;
use crate::context::use_lang;
use leptos::prelude::*;

/// Attribution for the open data Kiezwerk shows and routes with.
#[component]
pub fn DataSources() -> impl IntoView {
    let t = use_lang().texts();
    let rows = [
        (
            t.source_districts_what,
            t.source_districts_source,
            t.source_districts_licence,
        ),
        (
            t.source_municipalities_what,
            t.source_municipalities_source,
            t.source_municipalities_licence,
        ),
        (
            t.source_trees_what,
            t.source_trees_source,
            t.source_trees_licence,
        ),
        (
            t.source_pumps_what,
            t.source_pumps_source,
            t.source_pumps_licence,
        ),
        (
            t.source_rain_what,
            t.source_rain_source,
            t.source_rain_licence,
        ),
        (
            t.source_basemap_what,
            t.source_basemap_source,
            t.source_basemap_licence,
        ),
        (
            t.source_libraries_what,
            t.source_libraries_source,
            t.source_libraries_licence,
        ),
    ];
    view! {
        <Page title=t.data_sources_title>
            <h1 class="kern-heading-large">{t.data_sources_title}</h1>
            <dl class="kern-description-list">
                {rows.into_iter().map(|(what, source, licence)| view! {
                    <div class="kern-description-list-item">
                        <dt class="kern-description-list-item__key">{what}</dt>
                        <dd class="kern-description-list-item__value">{source}" – "{licence}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </Page>
    }
}

/// What Kiezwerk stores about a report, who sees it and for how long.
#[component]
pub fn Privacy() -> impl IntoView {
    let t = use_lang().texts();
    let paragraphs = [
        t.privacy_paragraph_1,
        t.privacy_paragraph_2,
        t.privacy_paragraph_3,
        t.privacy_paragraph_4,
        t.privacy_paragraph_retention,
        t.privacy_paragraph_trees,
        t.privacy_paragraph_5,
    ];
    view! {
        <Page title=t.privacy_title>
            <h1 class="kern-heading-large">{t.privacy_title}</h1>
            {paragraphs.into_iter().map(|p| view! { <p class="kern-body">{p}</p> }).collect_view()}
        </Page>
    }
}
