//! A data table after KERN: scrolls sideways on a phone instead of squeezing its columns, and
//! names itself to screen readers with a caption the eye does not need (the heading above it
//! already says what it lists).

use leptos::prelude::*;

/// A table with a hidden caption, one column header a `headers` entry, and its `rows`
/// (`<tr class="kern-table__row">…</tr>`, made by the page where its data is at hand).
#[component]
pub fn DataTable(
    #[prop(into)] caption: String,
    headers: Vec<&'static str>,
    rows: impl IntoView + 'static,
) -> impl IntoView {
    view! {
        <div class="table-scroll">
            <table class="kern-table">
                <caption class="sr-only">{caption}</caption>
                <thead class="kern-table__head">
                    <tr class="kern-table__row">
                        {headers
                            .into_iter()
                            .map(|h| view! { <th scope="col" class="kern-table__header">{h}</th> })
                            .collect_view()}
                    </tr>
                </thead>
                <tbody class="kern-table__body">{rows}</tbody>
            </table>
        </div>
    }
}
