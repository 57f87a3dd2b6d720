//! Charts drawn as SVG on the server, each with a table of the same figures.

use crate::context::use_lang;
use crate::model::Bar;
use leptos::prelude::*;

/// A horizontal bar chart and, after it, a table of the same figures (what screen readers read:
/// the chart is one image named by its title).
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    /// The table's heading of the labels: "Kategorie", "Monat".
    label_header: String,
    /// The table's heading of the values: "Meldungen", "Liter".
    value_header: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let lang = use_lang();
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
    let row = 28.0;
    let height = (bars.len() as f64 * row).max(row);
    let caption_id = format!("{id}-caption");
    let region_label = caption_id.clone();
    let table_id = format!("{id}-table");
    let count = move |value: i64| lang.count(u64::try_from(value).unwrap_or(0));
    view! {
        <section class="stack">
            <h2 class="kern-heading-medium" id=id>{title.clone()}</h2>
            <svg class="bar-chart" viewBox=format!("0 0 640 {height}") role="img" aria-label=title.clone() focusable="false">
                {bars.iter().enumerate().map(|(i, b)| {
                    let y = i as f64 * row;
                    let width = (b.value as f64 / max * 360.0).max(1.0);
                    view! {
                        <g>
                            <text x="0" y=y + 19.0 class="bar-chart__label">{b.label.chars().take(34).collect::<String>()}</text>
                            <rect x="230" y=y + 6.0 width=width height="18" class="bar-chart__bar"></rect>
                            <text x=236.0 + width y=y + 20.0 class="bar-chart__value">{count(b.value)}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <div class="kern-table-responsive" role="region" aria-labelledby=region_label tabindex="0">
                <table class="kern-table kern-table--small" id=table_id>
                    <caption class="kern-sr-only" id=caption_id>{title}</caption>
                    <thead>
                        <tr class="kern-table__row">
                            <th scope="col" class="kern-table__header">{label_header}</th>
                            <th scope="col" class="kern-table__header">{value_header}</th>
                        </tr>
                    </thead>
                    <tbody class="kern-table__body">
                        {bars.into_iter().map(|b| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{b.label}</td>
                                <td class="kern-table__cell">{count(b.value)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
