//! Charts drawn as SVG on the server, each with a table of the same figures.

use crate::model::Bar;
use leptos::prelude::*;

/// A horizontal bar chart; the table after it carries the same figures for screen readers.
#[component]
pub fn BarChart(
    id: &'static str,
    title: String,
    /// The table's heading of the values: "Meldungen", "Liter".
    value_header: String,
    bars: Vec<Bar>,
) -> impl IntoView {
    let max = bars.iter().map(|b| b.value).max().unwrap_or(1).max(1) as f64;
    let row = 28.0;
    let height = (bars.len() as f64 * row).max(row);
    let table_id = format!("{id}-table");
    view! {
        <section class="stack" aria-labelledby=id>
            <h2 class="kern-heading-medium" id=id>{title.clone()}</h2>
            <svg class="bar-chart" viewBox=format!("0 0 640 {height}") role="img" aria-label=title.clone() aria-describedby=table_id.clone() focusable="false">
                {bars.iter().enumerate().map(|(i, b)| {
                    let y = i as f64 * row;
                    let width = (b.value as f64 / max * 360.0).max(1.0);
                    view! {
                        <g>
                            <text x="0" y=y + 19.0 class="bar-chart__label">{b.label.chars().take(34).collect::<String>()}</text>
                            <rect x="230" y=y + 6.0 width=width height="18" class="bar-chart__bar"></rect>
                            <text x=236.0 + width y=y + 20.0 class="bar-chart__value">{b.value}</text>
                        </g>
                    }
                }).collect_view()}
            </svg>
            <div class="kern-table-responsive" role="region" aria-labelledby=id tabindex="0">
                <table class="kern-table kern-table--small" id=table_id>
                    <thead>
                        <tr class="kern-table__row">
                            <th scope="col" class="kern-table__header">{title}</th>
                            <th scope="col" class="kern-table__header">{value_header}</th>
                        </tr>
                    </thead>
                    <tbody class="kern-table__body">
                        {bars.into_iter().map(|b| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{b.label}</td>
                                <td class="kern-table__cell">{b.value}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}
