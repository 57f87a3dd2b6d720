//! The queue of a department: filters, the reports in the order they need attention, bulk
//! actions on a selection, and a map of the same filtered reports.

use crate::components::form::ChoiceSelect;
use crate::components::form::{ErrorSummary, SubmitButton};
use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::model::Choice;
use crate::triage::model::{encode, QueueFilter, QueueView};
use crate::triage::serverfns::{load_queue, report_path};
use leptos::prelude::*;
use leptos_meta::{Script, Stylesheet};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn Queue() -> impl IntoView {
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let (filter, notice) = use_query_map().with_untracked(|q| {
        let get = |k: &str| q.get(k).unwrap_or_default();
        (
            QueueFilter {
                abteilung: get("abteilung"),
                status: get("status"),
                kategorie: get("kategorie"),
                gebiet: get("gebiet"),
                alter: get("alter"),
                ueberfaellig: get("ueberfaellig"),
                foto: get("foto"),
                suche: get("suche"),
                nach: get("nach"),
            },
            q.get("hinweis"),
        )
    });
    // A bulk action that changed nothing or not everything is a warning, not a success.
    let warning = notice.as_deref().is_some_and(|hint| {
        matches!(hint, "keine" | "ziel" | "grund")
            || hint
                .split_once('-')
                .is_some_and(|(_, skipped)| skipped != "0")
    });
    let data = Resource::new(
        || (),
        move |_| load_queue(slug.clone(), filter.clone(), notice.clone()),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    // Not signed in: the server function answered with a redirect to sign in.
                    Ok(None) if crate::context::use_viewer().is_none() => ().into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(queue)) => view! { <QueuePage queue warning /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn status_choices(t: &crate::i18n::Texts) -> Vec<Choice> {
    [
        ("offen", t.triage_status_open),
        ("alle", t.triage_status_all),
        ("new", t.status_new),
        ("forwarded", t.status_forwarded),
        ("accepted", t.status_accepted),
        ("in_progress", t.status_in_progress),
        ("resolved", t.status_resolved),
        ("closed_not_fixed", t.status_closed_not_fixed),
        ("duplicate", t.status_duplicate),
    ]
    .into_iter()
    .map(|(value, label)| Choice {
        value: value.into(),
        label: label.into(),
    })
    .collect()
}

#[component]
fn QueuePage(queue: QueueView, warning: bool) -> impl IntoView {
    let t = use_lang().texts();
    let title = fill(t.triage_queue_title, &[&queue.municipality]);
    let f = queue.filter.clone();
    let query = f.query();
    let base = format!("/dienst/{}", queue.slug);
    let with_query = |path: &str| {
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    };
    let export = with_query(&format!("{base}/export.csv"));
    let map_src = with_query(&format!("{base}/karte.json"));
    let live_src = format!(
        "{base}/neu.json?seit={}{}{}",
        queue.generated_at,
        if query.is_empty() { "" } else { "&" },
        query
    );
    let count = if queue.count_capped {
        fill(t.triage_count_more, &[&queue.count.to_string()])
    } else {
        fill(t.triage_count, &[&queue.count.to_string()])
    };
    let next = queue.next.clone().map(|cursor| {
        let sep = if query.is_empty() { "" } else { "&" };
        format!("{base}?{query}{sep}nach={}", encode(&cursor))
    });
    let first = (!f.nach.is_empty()).then(|| with_query(&base));
    let has_errors = !queue.flash.errors.is_empty();
    let flash = queue.flash.clone();
    let bulk_action = format!("{base}/sammelaktion");
    view! {
        <Page title=title.clone() has_errors wide=true>
            <Stylesheet href="/vendor/leaflet-1.9.4/leaflet.css" />
            <Script src="/vendor/leaflet-1.9.4/leaflet.js" defer="" />
            <Script src="/js/triage.js" type_="module" />
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <h1 class="kern-heading-large">{title}</h1>
            {queue.notice.clone().map(|n| view! {
                <div class=if warning { "kern-alert kern-alert--warning" } else { "kern-alert kern-alert--success" } role="status">
                    <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
                </div>
            })}
            <p class="kern-body queue-live" role="status" data-queue-live=live_src data-label=t.triage_new_arrived data-reload=t.triage_reload></p>
            <nav class="queue-links" aria-label=t.triage_views_label>
                <a class="kern-link" href=export.clone() download="">{t.triage_export}</a>
                <a class="kern-link" href=format!("/dienst/statistik/{}", queue.slug)>{t.triage_statistics_link}</a>
            </nav>

            <form method="get" action=base.clone() class="queue-filter" role="search" aria-label=t.triage_filter_label>
                <ChoiceSelect id="f-abteilung" name="abteilung" label=t.triage_department choices=queue.departments.clone() selected=f.abteilung.clone() empty=t.triage_all_served.to_owned() />
                <ChoiceSelect id="f-status" name="status" label=t.triage_status choices=status_choices(t) selected=f.status.clone() />
                <ChoiceSelect id="f-kategorie" name="kategorie" label=t.triage_category choices=queue.categories.clone() selected=f.kategorie.clone() empty=t.triage_any.to_owned() />
                <ChoiceSelect id="f-gebiet" name="gebiet" label=t.triage_area choices=queue.areas.clone() selected=f.gebiet.clone() empty=t.triage_any.to_owned() />
                <div class="kern-form-input">
                    <label class="kern-label" for="f-alter">{t.triage_older_than}</label>
                    <input class="kern-form-input__input" id="f-alter" name="alter" type="number" min="1" max="3650" inputmode="numeric" value=f.alter.clone() />
                </div>
                <div class="kern-form-input">
                    <label class="kern-label" for="f-suche">{t.triage_search}</label>
                    <input class="kern-form-input__input" id="f-suche" name="suche" type="search" value=f.suche.clone() />
                </div>
                <div class="kern-form-check">
                    <input class="kern-form-check__checkbox" id="f-ueberfaellig" name="ueberfaellig" type="checkbox" value="ja" checked=f.ueberfaellig == "ja" />
                    <label class="kern-label" for="f-ueberfaellig">{t.triage_only_overdue}</label>
                </div>
                <div class="kern-form-check">
                    <input class="kern-form-check__checkbox" id="f-foto" name="foto" type="checkbox" value="ja" checked=f.foto == "ja" />
                    <label class="kern-label" for="f-foto">{t.triage_only_photo}</label>
                </div>
                <SubmitButton label=t.triage_filter />
            </form>

            <section class="queue-map" hidden data-queue-map=map_src data-tiles=queue.map_tiles.clone().unwrap_or_default() data-attribution=queue.map_attribution.clone() data-zoom-in=t.map_zoom_in data-zoom-out=t.map_zoom_out aria-labelledby="map-title">
                <h2 class="kern-heading-medium" id="map-title">{t.triage_map_title}</h2>
                <div class="queue-map__canvas" role="region" tabindex="0" aria-label=t.triage_map_label></div>
            </section>

            <h2 class="kern-heading-medium" id="queue-title">{count}</h2>
            <form method="post" action=bulk_action class="stack">
                <input type="hidden" name="zurueck" value=query.clone() />
                {if queue.items.is_empty() {
                    view! { <p class="kern-body">{t.triage_empty}</p> }.into_any()
                } else {
                    view! {
                        <div class="kern-table-responsive" role="region" aria-labelledby="queue-title" tabindex="0">
                            <table class="kern-table kern-table--small queue-table">
                                <thead>
                                    <tr class="kern-table__row">
                                        <th scope="col" class="kern-table__header"><span class="sr-only">{t.triage_select}</span></th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_reference}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_status}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_category}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_area}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_due}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_priority}</th>
                                        <th scope="col" class="kern-table__header">{t.triage_col_assignee}</th>
                                    </tr>
                                </thead>
                                <tbody class="kern-table__body">
                                    {queue.items.iter().map(|item| {
                                        let check_id = format!("sel-{}", item.reference);
                                        view! {
                                            <tr class=if item.overdue { "kern-table__row queue-row--overdue" } else { "kern-table__row" }>
                                                <td class="kern-table__cell">
                                                    <input type="checkbox" class="kern-form-check__checkbox" id=check_id.clone() name="auswahl" value=format!("{}:{}", item.reference, item.version) />
                                                    <label class="sr-only" for=check_id>{fill(t.triage_select_one, &[&item.reference])}</label>
                                                </td>
                                                <td class="kern-table__cell">
                                                    <a class="kern-link" href=report_path(&item.reference)>{item.reference.clone()}</a>
                                                    <span class="queue-summary">{item.summary.clone()}</span>
                                                </td>
                                                <td class="kern-table__cell">{item.status.clone()}</td>
                                                <td class="kern-table__cell">{item.category.clone()}{(item.photos > 0).then(|| format!(" · {}", fill(t.triage_photos, &[&item.photos.to_string()])))}</td>
                                                <td class="kern-table__cell">{item.area.clone()}</td>
                                                <td class="kern-table__cell">
                                                    {item.due.clone()}
                                                    {item.overdue.then(|| view! { <strong class="overdue-badge">{t.triage_overdue}</strong> })}
                                                </td>
                                                <td class="kern-table__cell">{item.priority.clone()}</td>
                                                <td class="kern-table__cell">{item.assignee.clone().unwrap_or_default()}</td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                        <fieldset class="kern-fieldset bulk-actions">
                            <legend class="kern-label">{t.triage_bulk_title}</legend>
                            <div class="kern-fieldset__body stack">
                                <ChoiceSelect id="b-aktion" name="aktion" label=t.triage_bulk_action choices=vec![
                                    Choice { value: "accept".into(), label: t.transition_accept.into() },
                                    Choice { value: "assign".into(), label: t.triage_assign.into() },
                                    Choice { value: "forward".into(), label: t.transition_forward.into() },
                                ] />
                                <ChoiceSelect id="b-assignee" name="assignee" label=t.triage_assignee choices=queue.colleagues.clone() empty=t.triage_nobody.to_owned() />
                                <ChoiceSelect id="b-target" name="target" label=t.triage_target choices=queue.targets.clone() empty=t.triage_choose.to_owned() />
                                <div class="kern-form-input">
                                    <label class="kern-label" for="b-reason">{t.triage_reason}</label>
                                    <input class="kern-form-input__input" id="b-reason" name="reason" type="text" />
                                </div>
                                <SubmitButton label=t.triage_bulk_button />
                            </div>
                        </fieldset>
                    }.into_any()
                }}
            </form>
            <nav class="pager" aria-label=t.triage_pages_label>
                {first.map(|href| view! { <a class="kern-link" href=href>{t.triage_first_page}</a> })}
                {next.map(|href| view! { <a class="kern-link" href=href rel="next">{t.triage_next_page}</a> })}
            </nav>
        </Page>
    }
}
