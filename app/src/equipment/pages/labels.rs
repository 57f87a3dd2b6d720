//! The label sheet: one label per unit with its QR code (leading to the unit's breakdown
//! page), inventory number, type and yard, laid out for A4 when printed (24 labels of 70 × 37
//! mm, the common sticker sheet).

use super::{loaded, param, query, FleetNav};
use crate::components::form::{ChoiceSelect, SubmitButton};
use crate::components::layout::Page;
use crate::equipment::model::LabelsView;
use crate::equipment::serverfns::load_labels;
use crate::equipment::texts::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;

/// `/fuhrpark/{m}/etiketten`.
#[component]
pub fn LabelsPage() -> impl IntoView {
    let slug = param("slug");
    let yard = query("hof").unwrap_or_default();
    let number = query("nummer");
    loaded(
        move || load_labels(slug.clone(), yard.clone(), number.clone()),
        labels_page,
    )
}

fn labels_page(sheet: LabelsView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.labels_title, &[&sheet.municipality]);
    let slug = sheet.slug.clone();
    view! {
        <Page title=title.clone() wide=true>
            <div class="no-print stack">
                <FleetNav slug=slug.clone() />
                <h1 class="kern-heading-large">{title}</h1>
                <p class="kern-body">{b.labels_hint}</p>
                <form method="get" action=format!("/fuhrpark/{slug}/etiketten") class="filter-form">
                    <ChoiceSelect id="yard" name="hof" label=b.col_yard choices=sheet.yards.clone() selected=sheet.yard.clone() empty=b.any.to_owned() />
                    <SubmitButton label=b.filter />
                </form>
                <p class="kern-body">{fill(b.labels_count, &[&sheet.labels.len().to_string()])}</p>
            </div>
            <ul class="label-sheet" aria-label=b.labels_title_short>
                {sheet.labels.into_iter().map(|label| view! {
                    <li class="label">
                        <div class="label__code" role="img" aria-label=fill(b.label_code_alt, &[&label.number]) inner_html=label.svg></div>
                        <div class="label__text">
                            <p class="label__number">{label.number.clone()}</p>
                            <p class="label__type">{label.type_name}</p>
                            <p class="label__yard">{label.yard}</p>
                            <p class="label__url">{label.url}</p>
                        </div>
                    </li>
                }).collect_view()}
            </ul>
        </Page>
    }
}
