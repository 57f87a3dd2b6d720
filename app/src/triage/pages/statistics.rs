//! A municipality's statistics: charts drawn as SVG on the server, each with its table.

use crate::components::chart::BarChart;
use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::triage::model::StatisticsView;
use crate::triage::serverfns::load_statistics;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn Statistics() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(|| (), move |_| load_statistics(slug.clone()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    // Not signed in: the server function answered with a redirect to sign in.
                    Ok(None) if crate::context::use_viewer().is_none() => ().into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(stats)) => view! { <StatisticsPage stats /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn hours(value: Option<f64>, t: &crate::i18n::Texts) -> String {
    match value {
        None => t.triage_no_data.to_owned(),
        Some(h) if h < 48.0 => fill(t.triage_hours, &[&format!("{h:.1}")]),
        Some(h) => fill(t.triage_days, &[&format!("{:.1}", h / 24.0)]),
    }
}

#[component]
fn StatisticsPage(stats: StatisticsView) -> impl IntoView {
    let t = use_lang().texts();
    let title = fill(t.triage_statistics_title, &[&stats.municipality]);
    let share = if stats.closed > 0 {
        format!(
            "{:.0} % ({} / {})",
            stats.closed_not_fixed as f64 * 100.0 / stats.closed as f64,
            stats.closed_not_fixed,
            stats.closed
        )
    } else {
        t.triage_no_data.to_owned()
    };
    let item = |key: &str, value: String| {
        view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{key.to_owned()}</dt>
                <dd class="kern-description-list-item__value">{value}</dd>
            </div>
        }
    };
    view! {
        <Page title=title.clone() wide=true>
            <p class="kern-body"><a class="kern-link" href=format!("/dienst/{}", stats.slug)>{t.triage_back_to_queue}</a></p>
            <h1 class="kern-heading-large">{title}</h1>
            <p class="kern-body">{t.triage_statistics_period}</p>
            <dl class="kern-description-list">
                {item(t.triage_total, stats.total.to_string())}
                {item(t.triage_status_open, stats.open.to_string())}
                {item(t.triage_median_accept, hours(stats.median_accept_hours, t))}
                {item(t.triage_median_resolve, hours(stats.median_resolve_hours, t))}
                {item(t.triage_share_not_fixed, share)}
            </dl>
            <BarChart id="by-category" title=t.triage_by_category.to_owned() label_header=t.triage_col_category.to_owned() value_header=t.triage_reports.to_owned() bars=stats.by_category.clone() />
            <BarChart id="by-area" title=t.triage_by_area.to_owned() label_header=t.triage_col_area.to_owned() value_header=t.triage_reports.to_owned() bars=stats.by_area.clone() />
        </Page>
    }
}
