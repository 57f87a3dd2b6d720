//! `/verwaltung`: the platform administrators' page — every municipality with its activity and
//! configuration version, and the form that adds a municipality (without JavaScript: a
//! multipart form carrying the boundary file).

use crate::account::model::PlatformView;
use crate::account::pages::admin::Handover;
use crate::account::serverfns::{load_platform, NEW_MUNICIPALITY};
use crate::components::form::{ErrorSummary, FileField, SubmitButton, TextField};
use crate::components::layout::Page;
use crate::components::page::{loaded, Notice};
use crate::components::table::DataTable;
use crate::context::use_lang;
use leptos::prelude::*;

#[component]
pub fn Platform() -> impl IntoView {
    loaded(load_platform, platform_page)
}

fn platform_page(view: PlatformView) -> impl IntoView {
    let t = use_lang().texts();
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |k: &str| flash.value(k).unwrap_or_default().to_owned();
    let problem = |k: &str| flash.error(k).cloned();
    let boundary_problem = problem("grenze");
    let (v_name, v_slug, v_prefix, v_email) = (
        value("name"),
        value("slug"),
        value("prefix"),
        value("email"),
    );
    let (p_name, p_slug, p_prefix, p_email) = (
        problem("name"),
        problem("slug"),
        problem("prefix"),
        problem("email"),
    );
    view! {
        <Page title=t.platform_title has_errors wide=true>
            <h1 class="kern-heading-large">{t.platform_title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <Handover handover=view.handover.clone() />
            <h2 class="kern-heading-medium">{t.platform_municipalities}</h2>
            <DataTable
                caption=t.platform_municipalities
                headers=vec![t.platform_col_name, t.platform_col_slug, t.platform_col_prefix, t.platform_col_reports, t.platform_col_open, t.platform_col_version]
                rows=view.municipalities.iter().map(|m| view! {
                    <tr class="kern-table__row">
                        <td class="kern-table__cell"><a class="kern-link" href=format!("/verwaltung/{}", m.slug)>{m.name.clone()}</a></td>
                        <td class="kern-table__cell"><code>{m.slug.clone()}</code></td>
                        <td class="kern-table__cell">{m.reference_prefix.clone()}</td>
                        <td class="kern-table__cell">{m.reports_30_days}</td>
                        <td class="kern-table__cell">{m.open}</td>
                        <td class="kern-table__cell">{m.version.clone()}</td>
                    </tr>
                }).collect_view()
            />
            <form method="post" action=NEW_MUNICIPALITY enctype="multipart/form-data" class="stack triage-form" novalidate>
                <h2 class="kern-heading-medium">{t.platform_new_title}</h2>
                <p class="kern-body">{t.platform_new_hint}</p>
                <TextField id="name" name="name" label=t.platform_name value=v_name problem=p_name />
                <TextField id="slug" name="slug" label=t.platform_slug hint=t.platform_slug_hint value=v_slug problem=p_slug />
                <TextField id="prefix" name="prefix" label=t.platform_prefix hint=t.platform_prefix_hint value=v_prefix problem=p_prefix />
                <TextField id="email" name="email" label=t.platform_email value=v_email problem=p_email input_type="email" autocomplete="email" />
                <FileField
                    id="grenze"
                    name="grenze"
                    label=t.platform_boundary
                    hint=t.platform_boundary_hint
                    accept=".json,.geojson,application/json,application/geo+json"
                    problem=boundary_problem
                />
                <SubmitButton label=t.platform_create />
            </form>
        </Page>
    }
}
