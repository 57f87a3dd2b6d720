//! `/offene-daten/{m}`: the municipality's open data, each dataset with its downloads, licence,
//! data date and fields, and the DCAT-AP.de catalogue for portals.

use crate::components::layout::{Page, TechnicalError};
use crate::components::table::DataTable;
use crate::i18n::fill;
use crate::open311::model::{Dataset, OpenDataView};
use crate::open311::serverfns::{load_open_data, load_open_data_index, open_data_path, CATALOGUE};
use crate::open311::texts::use_texts;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OpenData() -> impl IntoView {
    let o = use_texts();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let data = Resource::new(|| (), move |_| load_open_data(slug.clone()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! {
                        <Page title=o.open_data_none>
                            <h1 class="kern-heading-large">{o.open_data_none}</h1>
                        </Page>
                    }.into_any(),
                    Ok(Some(view)) => view! { <OpenDataPage view /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OpenDataPage(view: OpenDataView) -> impl IntoView {
    let o = use_texts();
    let title = fill(o.open_data_title, &[&view.municipality]);
    let open311 = format!("/open311/v2/requests.json?jurisdiction_id={}", view.slug);
    view! {
        <Page title=title.clone()>
            <h1 class="kern-heading-large">{title}</h1>
            <p class="kern-body">{o.open_data_intro}</p>
            {view.datasets.into_iter().enumerate().map(|(i, dataset)| view! {
                <DatasetSection dataset id=format!("dataset-{i}") />
            }).collect_view()}
            <section class="stack" aria-labelledby="catalogue-title">
                <h2 class="kern-heading-medium" id="catalogue-title">{o.catalogue_title}</h2>
                <p class="kern-body">{o.catalogue_text}" "<a class="kern-link" href=view.catalogue.clone()>{view.catalogue.clone()}</a></p>
                <p class="kern-body">{o.open311_text}" "<a class="kern-link" href=open311.clone()>{open311.clone()}</a></p>
            </section>
        </Page>
    }
}

#[component]
fn DatasetSection(dataset: Dataset, id: String) -> impl IntoView {
    let o = use_texts();
    let title_id = format!("{id}-title");
    let fields_id = format!("{id}-fields");
    let rows = dataset
        .fields
        .into_iter()
        .map(|(field, meaning)| {
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><code>{field}</code></td>
                    <td class="kern-table__cell">{meaning}</td>
                </tr>
            }
        })
        .collect_view();
    let facts = match &dataset.data_date {
        Some(date) => format!(
            "{} · {}",
            fill(o.dataset_records, &[&dataset.records.to_string()]),
            fill(o.dataset_date, &[date])
        ),
        None => o.dataset_no_data.to_owned(),
    };
    view! {
        <section class="stack" aria-labelledby=title_id.clone()>
            <h2 class="kern-heading-medium" id=title_id.clone()>{dataset.title}</h2>
            <p class="kern-body">{dataset.description}</p>
            <p class="kern-body">{facts}</p>
            <p class="kern-body">
                {fill(o.licence, &[""])}<a class="kern-link" href=dataset.licence_url rel="license">{dataset.licence}</a>
            </p>
            <ul class="kern-list">
                {dataset.downloads.into_iter().map(|d| view! {
                    <li><a class="kern-link" href=d.href type=d.media_type.clone() download="">{fill(o.download, &[&d.format, &d.media_type])}</a></li>
                }).collect_view()}
            </ul>
            <h3 class="kern-heading-small" id=fields_id>{o.fields_title}</h3>
            <DataTable caption=o.fields_title headers=vec![o.col_field, o.col_meaning] rows />
        </section>
    }
}

/// `/offene-daten`: the municipalities of this deployment, each with its open data, and the
/// catalogue of all of them.
#[component]
pub fn OpenDataIndex() -> impl IntoView {
    let o = use_texts();
    let index = Resource::new(|| (), |_| load_open_data_index());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match index.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(municipalities) => view! {
                        <Page title=o.open_data_link>
                            <h1 class="kern-heading-large">{o.open_data_link}</h1>
                            <p class="kern-body">{o.open_data_intro}</p>
                            <ul class="kern-list">
                                {municipalities.into_iter().map(|m| view! {
                                    <li><a class="kern-link" href=open_data_path(&m.value)>{fill(o.open_data_title, &[&m.label])}</a></li>
                                }).collect_view()}
                            </ul>
                            <h2 class="kern-heading-medium">{o.catalogue_title}</h2>
                            <p class="kern-body">{o.catalogue_text}" "<a class="kern-link" href=CATALOGUE>{CATALOGUE}</a></p>
                        </Page>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
