//! The tree pages: the municipalities with trees ([`TreePlacesPage`]), "Bäume in meiner Nähe"
//! ([`NearbyPage`], a list that works without a map and without JavaScript), the map of a
//! municipality's trees ([`TreeMapPage`], on top of Leaflet; without JavaScript it points to
//! the list), a tree's card ([`TreePage`]), "Meine Bäume" ([`MyTreesPage`]), changing a watering ([`WateringPage`]), and
//! the administrators' register page with its upload ([`RegisterPage`]).
//! Every form works without JavaScript; `trees.js` only fills in the device's location, and
//! `tree-map.js` draws the map from the server's vector tiles and the overlay of the trees
//! citizens care for, asked again every two seconds.

use super::model::{
    MyTreesView, NearbyQuery, NearbyView, NeedView, PumpCard, PumpView, RegisterAdmin,
    ReminderSettings, TreeCard, TreeFigures, TreeMapView, TreePlaces, TreeRow, TreeStatistics,
    WateringEdit, WateringView, FIELD_AT, FIELD_LITRES, FIELD_REGISTER_FILE, PUMP_CATEGORY,
};
use super::serverfns::{
    care_stand_path, load_map, load_mine, load_nearby, load_places, load_pump, load_register,
    load_reminders, load_statistics, load_tree, load_watering, map_at_path, map_path, mine_path,
    nearby_path, overlay_path, pump_path, pump_path_template, register_apply_path,
    register_discard_path, register_upload_path, reminders_path, statistics_path, tiles_path,
    tree_path, tree_path_template, unsubscribe_path, watering_path, AdoptTree, DeleteWatering,
    EditWatering, SetReminders, WaterTree, PLACES_PATH,
};
use super::texts::{need_words, use_texts, TreeTexts};
use crate::account::serverfns::SIGN_IN;
use crate::components::chart::BarChart;
use crate::components::form::{ChoiceSelect, ErrorSummary, FileField, SubmitButton, TextField};
use crate::components::layout::Page;
use crate::components::page::{item, loaded, param, query, Notice};
use crate::components::table::DataTable;
use crate::context::use_lang;
use crate::i18n::fill;
use crate::model::{Bar, Choice, Flash};
use crate::report::serverfns::StartPreset;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::{Script, Stylesheet};

/// `/baeume`.
#[component]
pub fn TreePlacesPage() -> impl IntoView {
    loaded(load_places, places_page)
}

fn places_page(view: TreePlaces) -> impl IntoView {
    let s = use_texts();
    view! {
        <Page title=s.places_title>
            <h1 class="kern-heading-large">{s.places_title}</h1>
            <p class="kern-body">{s.places_intro}</p>
            {if view.places.is_empty() {
                view! { <p class="kern-body">{s.places_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list stack">
                        {view.places.into_iter().map(|(slug, name, count)| {
                            let size = if count > 0 { fill(s.places_count, &[&use_lang().count(count)]) } else { s.places_no_register.to_owned() };
                            view! {
                                <li>
                                    <a class="kern-link kern-body--bold" href=nearby_path(&slug)>{fill(s.nearby_title, &[&name])}</a>
                                    " "<span class="kern-body--muted">{size}</span>
                                    {(count > 0).then(|| view! {
                                        " · "<a class="kern-link" href=map_path(&slug)>{s.map_link}</a>
                                        " · "<a class="kern-link" href=statistics_path(&slug)>{s.stats_link}</a>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Page>
    }
}

/// `/baeume/{m}?lat=…&lon=…` or `?bezirk=…&strasse=…`.
#[component]
pub fn NearbyPage() -> impl IntoView {
    let slug = param("slug");
    let search = NearbyQuery {
        lat: query("lat").unwrap_or_default(),
        lon: query("lon").unwrap_or_default(),
        district: query("bezirk").unwrap_or_default(),
        street: query("strasse").unwrap_or_default(),
        page: query("seite").and_then(|p| p.parse().ok()).unwrap_or(1),
    };
    loaded(
        move || load_nearby(slug.clone(), search.clone()),
        nearby_page,
    )
}

/// The need as a badge that says it in words (colour only adds to it).
#[component]
fn NeedBadge(need: NeedView) -> impl IntoView {
    let s = use_texts();
    let class = format!("tree-need tree-need--{}", need.level.code());
    view! { <span class=class>{need_words(s, &need)}</span> }
}

fn tree_rows(slug: &str, trees: Vec<TreeRow>, with_distance: bool) -> impl IntoView {
    let s = use_texts();
    trees
        .into_iter()
        .map(|t| {
            let distance = t
                .distance_m
                .map(|m| fill(s.metres, &[&m.to_string()]))
                .unwrap_or_default();
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><a class="kern-link" href=tree_path(slug, t.id)>{t.species.clone()}</a></td>
                    <td class="kern-table__cell">{t.address.clone()}</td>
                    <td class="kern-table__cell">{t.age.clone()}</td>
                    <td class="kern-table__cell"><NeedBadge need=t.need.clone() /></td>
                    <td class="kern-table__cell">{t.adopters}</td>
                    {with_distance.then(|| view! { <td class="kern-table__cell">{distance}</td> })}
                </tr>
            }
        })
        .collect_view()
}

fn tree_table(slug: &str, caption: &str, trees: Vec<TreeRow>) -> impl IntoView {
    let s = use_texts();
    let with_distance = trees.iter().any(|t| t.distance_m.is_some());
    let mut headers = vec![
        s.col_tree,
        s.col_address,
        s.col_age,
        s.col_need,
        s.col_adopters,
    ];
    if with_distance {
        headers.push(s.col_distance);
    }
    view! { <DataTable caption=caption.to_owned() headers rows=tree_rows(slug, trees, with_distance) /> }
}

/// "Pumpe defekt melden": starts the report flow with the pump's place and category.
#[component]
fn ReportPump(pump: PumpView, label: String) -> impl IntoView {
    let s = use_texts();
    view! {
        <form method="post" action=StartPreset::url()>
            <input type="hidden" name="kategorie" value=PUMP_CATEGORY />
            <input type="hidden" name="lat" value=pump.lat.to_string() />
            <input type="hidden" name="lon" value=pump.lon.to_string() />
            <button type="submit" class="kern-btn kern-btn--secondary" aria-label=label><span class="kern-label">{s.pump_report}</span></button>
        </form>
    }
}

fn pump_state(pump: &PumpView) -> String {
    match &pump.checked {
        Some(checked) => format!("{} ({checked})", pump.status),
        None => pump.status.clone(),
    }
}

/// A pump's open report "Pumpe defekt", linked to its status page.
fn reported_link(s: &'static TreeTexts, pump: &PumpView) -> Option<impl IntoView> {
    pump.reported.as_ref().map(|r| {
        let reference = r.reference.clone();
        view! {
            <a class="kern-link" href=format!("/meldungen/{reference}")>{fill(s.pump_reported_short, &[&reference])}</a>
        }
    })
}

fn pump_table(
    s: &'static TreeTexts,
    slug: &str,
    pumps: Vec<PumpView>,
    can_report: bool,
) -> impl IntoView {
    let mut headers = vec![s.col_pump, s.col_pump_status];
    if can_report {
        headers.push(s.col_pump_action);
    }
    let rows = pumps
        .into_iter()
        .map(|p| {
            let distance = fill(s.metres, &[&p.distance_m.to_string()]);
            let label = fill(s.pump_report_label, &[&distance]);
            let action = if p.reported.is_some() {
                reported_link(s, &p).into_any()
            } else {
                view! { <ReportPump pump=p.clone() label /> }.into_any()
            };
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell"><a class="kern-link" href=pump_path(slug, p.osm_id)>{fill(s.pump_at, &[&distance])}</a></td>
                    <td class="kern-table__cell">{pump_state(&p)}</td>
                    {can_report.then(|| view! { <td class="kern-table__cell">{action}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! { <DataTable caption=s.pumps_title headers rows /> }
}

/// `/baeume/erinnerungen`: the signed-in adopter's reminders.
#[component]
pub fn RemindersPage() -> impl IntoView {
    loaded(load_reminders, reminders_page)
}

fn reminders_page(view: ReminderSettings) -> impl IntoView {
    let s = use_texts();
    let title = s.reminders_title;
    let switch = |on: bool| {
        let (value, label, class) = if on {
            ("ja", s.reminders_on, "kern-btn kern-btn--primary")
        } else {
            ("nein", s.reminders_off, "kern-btn kern-btn--secondary")
        };
        view! {
            <form method="post" action=SetReminders::url()>
                <input type="hidden" name="an" value=value />
                <button type="submit" class=class><span class="kern-label">{label}</span></button>
            </form>
        }
    };
    let no_email = || {
        view! {
            <p class="kern-body">{s.reminders_no_email}" "<a class="kern-link" href="/konto">{s.reminders_account_link}</a></p>
        }
    };
    let state = match (&view.email, view.subscribed) {
        (Some(email), true) => view! {
            <p class="kern-body kern-body--bold">{fill(s.reminders_state_on, &[email])}</p>
            {switch(false)}
        }
        .into_any(),
        // Ordered once, the address since removed: nothing is sent until one is confirmed.
        (None, true) => view! {
            {no_email()}
            {switch(false)}
        }
        .into_any(),
        (Some(_), false) => view! {
            <p class="kern-body">{s.reminders_state_off}</p>
            {switch(true)}
        }
        .into_any(),
        (None, false) => view! {
            <p class="kern-body">{s.reminders_state_off}</p>
            {no_email()}
        }
        .into_any(),
    };
    view! {
        <Page title=title>
            <div class="stack">
                <p class="kern-body"><a class="kern-link" href=PLACES_PATH>{s.places_title}</a></p>
                <h1 class="kern-heading-large">{title}</h1>
                <Notice notice=view.flash.notice.clone() />
                <p class="kern-body">{s.reminders_intro}</p>
                {(!view.in_season).then(|| view! { <p class="kern-body">{s.reminders_off_season}</p> })}
                {state}
            </div>
        </Page>
    }
}

/// `/baeume/erinnerungen/abmelden/{token}`: a reminder's unsubscribe link opened in the
/// browser. The button posts what mail programs post by themselves (RFC 8058) to the same
/// address; nothing about the token is shown.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let s = use_texts();
    let action = unsubscribe_path(&param("token"));
    view! {
        <Page title=s.unsubscribe_title>
            <div class="stack">
                <h1 class="kern-heading-large">{s.unsubscribe_title}</h1>
                <p class="kern-body">{s.unsubscribe_text}</p>
                <form method="post" action=action>
                    <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{s.unsubscribe_button}</span></button>
                </form>
            </div>
        </Page>
    }
}

/// `/baeume/erinnerungen/abgemeldet`: where unsubscribing in the browser ends.
#[component]
pub fn UnsubscribedPage() -> impl IntoView {
    let s = use_texts();
    let known = query("gueltig").as_deref() != Some("nein");
    let title = s.unsubscribed_title;
    view! {
        <Page title=title>
            <div class="stack">
                <h1 class="kern-heading-large">{title}</h1>
                <p class="kern-body">{if known { s.unsubscribed_text } else { s.unsubscribed_unknown }}</p>
                <p class="kern-body"><a class="kern-link" href=reminders_path()>{s.reminders_settings_link}</a></p>
            </div>
        </Page>
    }
}

/// `/baeume/{m}/statistik`.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_statistics(slug.clone()), statistics_page)
}

fn statistics_page(view: TreeStatistics) -> impl IntoView {
    let s = use_texts();
    let lang = use_lang();
    let title = fill(s.stats_title, &[&view.municipality]);
    if view.data_date.is_none() {
        return no_register(title, &view.municipality).into_any();
    }
    type Figure = fn(&TreeFigures) -> i64;
    let bars = |rows: &[TreeFigures], value: Figure| -> Vec<Bar> {
        rows.iter()
            .map(|r| Bar {
                label: r.label.clone(),
                value: value(r),
            })
            .collect()
    };
    let (adoptions, waterings, litres): (Figure, Figure, Figure) =
        (|r| r.adoptions, |r| r.waterings, |r| r.litres);
    let csv = format!("/offene-daten/{}/giessungen.csv", view.slug);
    view! {
        <Page title=title.clone()>
            <div class="stack">
                <p class="kern-body"><a class="kern-link" href=nearby_path(&view.slug)>{s.back_to_list}</a>" · "<a class="kern-link" href=map_path(&view.slug)>{s.map_link}</a></p>
                <h1 class="kern-heading-large">{title}</h1>
                <p class="kern-body">{fill(s.stats_intro, &[&view.window])}</p>
                <dl class="kern-description-list">
                    {item(s.stats_adopted_trees, lang.count(view.adopted_trees))}
                    {item(s.stats_adoptions, lang.count(view.adoptions))}
                    {item(s.stats_waterings, lang.count(view.waterings))}
                    {item(s.stats_litres, lang.count(view.litres))}
                </dl>
                <BarChart id="monat-giessungen" label_header=s.stats_col_month.to_owned() title=s.stats_month_waterings.to_owned() value_header=s.stats_col_waterings.to_owned() bars=bars(&view.months, waterings) />
                <BarChart id="monat-liter" label_header=s.stats_col_month.to_owned() title=s.stats_month_litres.to_owned() value_header=s.stats_col_litres.to_owned() bars=bars(&view.months, litres) />
                <BarChart id="monat-patenschaften" label_header=s.stats_col_month.to_owned() title=s.stats_month_adoptions.to_owned() value_header=s.stats_col_adoptions.to_owned() bars=bars(&view.months, adoptions) />
                <BarChart id="bezirk-giessungen" label_header=s.stats_col_district.to_owned() title=s.stats_district_waterings.to_owned() value_header=s.stats_col_waterings.to_owned() bars=bars(&view.districts, waterings) />
                <BarChart id="bezirk-liter" label_header=s.stats_col_district.to_owned() title=s.stats_district_litres.to_owned() value_header=s.stats_col_litres.to_owned() bars=bars(&view.districts, litres) />
                <BarChart id="bezirk-patenschaften" label_header=s.stats_col_district.to_owned() title=s.stats_district_adoptions.to_owned() value_header=s.stats_col_adoptions.to_owned() bars=bars(&view.districts, adoptions) />
                <p class="kern-body kern-body--small">{s.stats_note}</p>
                <p class="kern-body">{s.stats_open_data}" "<a class="kern-link" href=csv.clone()>{csv.clone()}</a></p>
            </div>
        </Page>
    }
    .into_any()
}

/// `/baeume/{m}/pumpe/{osm_id}`.
#[component]
pub fn PumpPage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_pump(slug.clone(), id), pump_page)
}

fn pump_page(view: PumpCard) -> impl IntoView {
    let s = use_texts();
    let pump = view.pump;
    let title = match &view.near {
        Some(near) => fill(s.pump_title_near, &[near]),
        None => s.pump_title.to_owned(),
    };
    let position = format!("{:.6}, {:.6}", pump.lat, pump.lon);
    let node = pump.osm_id.to_string();
    let osm = format!("https://www.openstreetmap.org/node/{node}");
    let report = match pump.reported.clone() {
        Some(r) => {
            let href = format!("/meldungen/{}", r.reference);
            view! {
                <div class="kern-alert kern-alert--info" role="note">
                    <div class="kern-alert__body stack">
                        <p class="kern-body kern-body--bold">{fill(s.pump_reported, &[&r.reference, &r.status])}</p>
                        <p class="kern-body">{s.pump_reported_hint}</p>
                        <p class="kern-body"><a class="kern-link" href=href>{r.reference.clone()}</a></p>
                    </div>
                </div>
            }
            .into_any()
        }
        None if view.can_report_pump => {
            let label = s.pump_report.to_owned();
            view! {
                <p class="kern-body">{s.pump_report_intro}</p>
                <ReportPump pump=pump.clone() label />
            }
            .into_any()
        }
        None => ().into_any(),
    };
    view! {
        <Page title=title.clone()>
            <div class="stack">
                <p class="kern-body"><a class="kern-link" href=nearby_path(&view.slug)>{s.back_to_list}</a>" · "<a class="kern-link" href=map_at_path(&view.slug, pump.lat, pump.lon)>{s.map_show_pump}</a></p>
                <h1 class="kern-heading-large">{title}</h1>
                <section class="stack" aria-labelledby="pump-state-title">
                    <h2 class="kern-heading-medium" id="pump-state-title">{s.pump_state_title}</h2>
                    <p class="kern-body">{fill(s.pump_state_recorded, &[&pump_state(&pump)])}</p>
                    {report}
                </section>
                <dl class="kern-description-list">
                    {item(s.pump_place, position)}
                    {item(s.pump_title, fill(s.pump_osm_node, &[&node]))}
                </dl>
                <p class="kern-body kern-body--small">{s.pumps_source}" "<a class="kern-link" href=osm>{fill(s.pump_osm_node, &[&node])}</a></p>
            </div>
        </Page>
    }
}

/// A tree page of a municipality without a register: its title and what that means.
fn no_register(title: String, municipality: &str) -> impl IntoView {
    let text = fill(use_texts().nearby_no_register, &[municipality]);
    view! {
        <Page title=title.clone()>
            <h1 class="kern-heading-large">{title}</h1>
            <p class="kern-body">{text}</p>
        </Page>
    }
}

fn nearby_page(view: NearbyView) -> impl IntoView {
    let s = use_texts();
    let title = fill(s.nearby_title, &[&view.municipality]);
    if view.data_date.is_none() {
        return no_register(title, &view.municipality).into_any();
    }
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let (p_lat, p_lon, p_district, p_street) = (
        problem("lat"),
        problem("lon"),
        problem("bezirk"),
        problem("strasse"),
    );
    let q = view.query.clone();
    let districts: Vec<Choice> = view
        .districts
        .iter()
        .map(|d| Choice {
            value: d.clone(),
            label: d.clone(),
        })
        .collect();
    let slug = view.slug.clone();
    let by_place = q.by_place();
    view! {
        <Page title=title.clone() has_errors>
            <div class="stack">
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                {view.data_date.clone().map(|d| view! {
                    <p class="kern-body kern-body--small">{fill(s.data_date, &[&d])}" · "{fill(s.places_count, &[&use_lang().count(view.tree_count)])}</p>
                })}
                <p class="kern-body"><a class="kern-link" href=map_path(&slug)>{s.map_link}</a>" · "<a class="kern-link" href=statistics_path(&slug)>{s.stats_link}</a></p>
                {view.signed_in.then(|| view! {
                    <p class="kern-body"><a class="kern-link" href=mine_path(&slug)>{s.my_trees_link}</a></p>
                })}
                <form method="get" action=nearby_path(&slug) class="stack" novalidate data-tree-locate="">
                    <h2 class="kern-heading-medium">{s.search_place_title}</h2>
                    <p class="kern-body" id="locate-hint">{s.search_place_hint}</p>
                    <p class="kern-body tree-locate" hidden>
                        <button type="button" class="kern-btn kern-btn--secondary" data-locate="" data-locating=s.locating data-failed=s.location_failed>
                            <span class="kern-label">{s.use_location}</span>
                        </button>
                        <span class="kern-body" role="status" data-locate-status=""></span>
                    </p>
                    <TextField id="lat" name="lat" label=s.lat value=q.lat.clone() problem=p_lat inputmode="decimal" />
                    <TextField id="lon" name="lon" label=s.lon value=q.lon.clone() problem=p_lon inputmode="decimal" />
                    <SubmitButton label=s.search_place_button />
                </form>
                <form method="get" action=nearby_path(&slug) class="stack" novalidate>
                    <h2 class="kern-heading-medium">{s.search_street_title}</h2>
                    <ChoiceSelect id="bezirk" name="bezirk" label=s.district choices=districts selected=q.district.clone() empty=s.all_districts.to_owned() problem=p_district />
                    <TextField id="strasse" name="strasse" label=s.street hint=s.street_hint value=q.street.clone() problem=p_street />
                    <SubmitButton label=s.search_street_button />
                </form>
                {view.trees.map(|trees| {
                    let (first, last) = (view.first, view.first + trees.len().saturating_sub(1));
                    let range = fill(if by_place { s.results_range } else { s.results_range_street }, &[&first.to_string(), &last.to_string()]);
                    let page_href = |page: u32| format!("{}?{}#results", nearby_path(&slug), q.page_query(page));
                    let previous = (view.page > 1).then(|| page_href(view.page - 1));
                    let next = view.has_more.then(|| page_href(view.page + 1));
                    view! {
                        <section class="stack" aria-labelledby="results-title" id="results">
                            <h2 class="kern-heading-medium" id="results-title">{s.results_title}</h2>
                            {if trees.is_empty() {
                                view! { <p class="kern-body">{s.results_none}</p> }.into_any()
                            } else {
                                view! {
                                    <p class="kern-body">{range}</p>
                                    {tree_table(&slug, s.results_title, trees)}
                                }.into_any()
                            }}
                            {(previous.is_some() || next.is_some()).then(|| view! {
                                <nav class="pager" aria-label=s.pages_label>
                                    {previous.map(|href| view! { <a class="kern-link" href=href rel="prev">{s.previous_page}</a> })}
                                    {next.map(|href| view! { <a class="kern-link" href=href rel="next">{s.next_page}</a> })}
                                </nav>
                            })}
                        </section>
                    }
                })}
                {(by_place && view.flash.errors.is_empty()).then(|| view! {
                    <section class="stack" aria-labelledby="pumps-title" id="pumps">
                        <h2 class="kern-heading-medium" id="pumps-title">{s.pumps_title}</h2>
                        {if view.pumps.is_empty() {
                            view! { <p class="kern-body">{s.pumps_none}</p> }.into_any()
                        } else {
                            pump_table(s, &view.slug, view.pumps.clone(), view.can_report_pump).into_any()
                        }}
                        <p class="kern-body kern-body--small">{s.pumps_source}</p>
                    </section>
                })}
                <p class="kern-body kern-body--small">{s.need_formula}</p>
            </div>
            <Script src="/js/trees.js" type_="module" />
        </Page>
    }
    .into_any()
}

/// `/baeume/{m}/karte`.
#[component]
pub fn TreeMapPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_map(slug.clone()), map_page)
}

fn map_page(view: TreeMapView) -> impl IntoView {
    let s = use_texts();
    let lang = use_lang();
    let t = lang.texts();
    let title = fill(s.map_title, &[&view.municipality]);
    let list = view! {
        <p class="kern-body"><a class="kern-link" href=nearby_path(&view.slug) data-tree-list="">{s.map_list}</a></p>
    };
    let Some(date) = view.data_date.clone() else {
        return no_register(title, &view.municipality).into_any();
    };
    let [south, west, north, east] = view.bounds;
    view! {
        <Page title=title.clone()>
            <Stylesheet href="/vendor/leaflet-1.9.4/leaflet.css" />
            <Script src="/vendor/leaflet-1.9.4/leaflet.js" defer="" />
            <Script src="/js/tree-map.js" type_="module" />
            <div class="stack tree-map-page">
                <h1 class="kern-heading-large">{title}</h1>
                <p class="kern-body kern-body--small">{fill(s.data_date, &[&date])}" · "{fill(s.places_count, &[&lang.count(view.tree_count)])}</p>
                // The map's box is there from the start, so that nothing moves when the map
                // appears; until then (and without JavaScript) it says what to do instead.
                <div
                    class="tree-map"
                    data-tree-map=""
                    data-tiles=tiles_path(&view.slug)
                    data-overlay=overlay_path(&view.slug)
                    data-care-stand=care_stand_path(&view.slug)
                    data-summary=s.map_summary
                    data-tree=tree_path_template(&view.slug)
                    data-pump=pump_path_template(&view.slug)
                    data-list=nearby_path(&view.slug)
                    data-background=view.background.clone().unwrap_or_default()
                    data-attribution=view.attribution.clone()
                    data-bounds=format!("[{south},{west},{north},{east}]")
                    data-zoom-in=t.map_zoom_in
                    data-zoom-out=t.map_zoom_out
                    data-closer=s.map_zoom_closer
                    data-no-tree=s.map_no_tree
                    data-failed=s.map_tiles_failed
                    data-locating=s.locating
                    data-location-failed=s.location_failed
                >
                    <div class="tree-map__canvas" role="region" tabindex="0" aria-label=s.map_label aria-describedby="tree-map-hint">
                        <p class="kern-body tree-map__fallback" data-tree-map-fallback="">{s.map_needs_js}</p>
                    </div>
                    // Moved onto the map by its script.
                    <button type="button" class="kern-btn kern-btn--secondary tree-map__locate" data-locate="" hidden>
                        <span class="kern-label">{s.map_my_location}</span>
                    </button>
                    <p class="kern-body tree-map__status" role="status"></p>
                    <p class="kern-body kern-body--small tree-map__hint" id="tree-map-hint">{s.map_hint}</p>
                    <p class="kern-body kern-body--small tree-map__summary" data-tree-summary=""></p>
                    <section class="tree-map__legend" aria-labelledby="tree-map-legend">
                        <h2 class="kern-heading-small" id="tree-map-legend">{s.map_legend_title}</h2>
                        <ul class="tree-map__keys">
                            <li><span class="tree-map__key tree-map__key--high" aria-hidden="true"></span>{s.map_legend_high}</li>
                            <li><span class="tree-map__key tree-map__key--medium" aria-hidden="true"></span>{s.map_legend_medium}</li>
                            <li><span class="tree-map__key tree-map__key--low" aria-hidden="true"></span>{s.map_legend_low}</li>
                            <li><span class="tree-map__key tree-map__key--adopted" aria-hidden="true"></span>{s.map_legend_adopted}</li>
                            <li><span class="tree-map__key tree-map__key--watered" aria-hidden="true"></span>{s.map_legend_watered}</li>
                            <li><span class="tree-map__key tree-map__key--far" aria-hidden="true"></span>{s.map_legend_far}</li>
                            <li><span class="tree-map__key tree-map__key--pump" aria-hidden="true"></span>{s.map_legend_pump}</li>
                            <li><span class="tree-map__key tree-map__key--pump-broken" aria-hidden="true"></span>{s.map_legend_pump_broken}</li>
                            <li><span class="tree-map__key tree-map__key--pump-unknown" aria-hidden="true"></span>{s.map_legend_pump_unknown}</li>
                        </ul>
                        <p class="kern-body kern-body--small">{s.map_legend_live}</p>
                    </section>
                </div>
                {list}
            </div>
        </Page>
    }
    .into_any()
}

/// `/baeume/{m}/baum/{id}`.
#[component]
pub fn TreePage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_tree(slug.clone(), id), tree_page)
}

fn watering_rows(s: &'static TreeTexts, slug: &str, waterings: Vec<WateringView>) -> impl IntoView {
    let slug = slug.to_owned();
    waterings
        .into_iter()
        .map(move |w| {
            let by = if w.mine { s.by_you } else { s.by_someone };
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{w.when.clone()}</td>
                    <td class="kern-table__cell">{w.litres}</td>
                    <td class="kern-table__cell">
                        {by}
                        {w.mine.then(|| view! {
                            " · "<a class="kern-link" href=watering_path(&slug, w.id) aria-label=fill(s.edit_label, &[&w.when])>{s.edit}</a>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view()
}

fn tree_page(view: TreeCard) -> impl IntoView {
    let s = use_texts();
    let title = fill(s.card_title, &[&view.species_de, &view.address]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    let need = view.need.clone();
    let adopters = match view.adopters {
        0 => s.adopters_none.to_owned(),
        1 => s.adopters_one.to_owned(),
        n => fill(s.adopters_many, &[&n.to_string()]),
    };
    let litres_value = flash.value(FIELD_LITRES).unwrap_or_default().to_owned();
    let at_value = flash
        .value(FIELD_AT)
        .map(str::to_owned)
        .unwrap_or(view.now_value.clone());
    view! {
        <Page title=title.clone() has_errors>
            <div class="stack">
                <p class="kern-body"><a class="kern-link" href=nearby_path(&slug)>{s.back_to_list}</a>" · "<a class="kern-link" href=map_at_path(&slug, view.lat, view.lon)>{s.map_show_tree}</a></p>
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                <Notice notice=flash.notice.clone() />
                <section class="stack" aria-labelledby="need-title">
                    <h2 class="kern-heading-medium" id="need-title">{s.need_title}": "<NeedBadge need=need.clone() /></h2>
                    <p class="kern-body">{need.reason.clone()}</p>
                    <dl class="kern-description-list">
                        {item(s.need_weekly, fill(s.litres, &[&need.weekly_litres.to_string()]))}
                        {item(s.need_watered, fill(s.litres, &[&need.watered_litres.to_string()]))}
                        {view.rain_note.is_some().then(|| item(s.need_rain, fill(s.litres, &[&need.rain_litres.to_string()])))}
                        {item(s.need_still, fill(s.litres, &[&need.still_needed.to_string()]))}
                    </dl>
                    {view.rain_note.clone().map(|note| view! { <p class="kern-body">{note}</p> })}
                    <p class="kern-body kern-body--small">{s.need_formula}</p>
                </section>
                {view.pump.clone().map(|pump| {
                    let distance = fill(s.metres, &[&pump.distance_m.to_string()]);
                    let label = fill(s.pump_report_label, &[&distance]);
                    view! {
                        <section class="stack" aria-labelledby="pump-title">
                            <h2 class="kern-heading-medium" id="pump-title">{s.pump_nearest}</h2>
                            <p class="kern-body">{fill(s.pump_line, &[&distance, &pump_state(&pump)])}" "<a class="kern-link" href=pump_path(&slug, pump.osm_id)>{s.pump_open}</a></p>
                            {match reported_link(s, &pump) {
                                Some(link) => Some(view! { <p class="kern-body">{link}</p> }.into_any()),
                                None => view.can_report_pump.then(|| view! { <ReportPump pump=pump.clone() label /> }.into_any()),
                            }}
                            <p class="kern-body kern-body--small">{s.pumps_source}</p>
                        </section>
                    }
                })}
                <section class="stack" aria-labelledby="adopt-title">
                    <h2 class="kern-heading-medium" id="adopt-title">{s.adopt_title}</h2>
                    <p class="kern-body">{adopters}</p>
                    {(!view.adopter_names.is_empty()).then(|| view! {
                        <p class="kern-body">{fill(s.adopter_names, &[&view.adopter_names.join(", ")])}</p>
                    })}
                    {if view.signed_in {
                        let my_name = view.my_name.clone().unwrap_or_default();
                        let tree_id = view.id.to_string();
                        let action = |aktion: &'static str, label: &'static str, class: &'static str| view! {
                            <form method="post" action=AdoptTree::url()>
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="baum" value=tree_id.clone() />
                                <input type="hidden" name="aktion" value=aktion />
                                <button type="submit" class=class><span class="kern-label">{label}</span></button>
                            </form>
                        };
                        if view.adopted_by_me {
                            view! {
                                <p class="kern-body kern-body--bold">{s.adopted_by_you}</p>
                                <p class="kern-body">{if view.my_name_shown { s.name_shown } else { s.name_hidden }}</p>
                                <div class="button-row">
                                    {if view.my_name_shown {
                                        action("name-verbergen", s.hide_name, "kern-btn kern-btn--tertiary")
                                    } else {
                                        action("name-zeigen", s.show_name, "kern-btn kern-btn--tertiary")
                                    }}
                                    {action("beenden", s.unadopt, "kern-btn kern-btn--secondary")}
                                </div>
                            }.into_any()
                        } else {
                            view! {
                                <form method="post" action=AdoptTree::url() class="stack">
                                    <input type="hidden" name="slug" value=slug.clone() />
                                    <input type="hidden" name="baum" value=view.id.to_string() />
                                    <input type="hidden" name="aktion" value="adoptieren" />
                                    <div class="kern-form-check">
                                        <input class="kern-form-check__checkbox" type="checkbox" id="name-zeigen" name="name" value="zeigen" />
                                        <label class="kern-label" for="name-zeigen">{fill(s.show_my_name, &[&my_name])}</label>
                                    </div>
                                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{s.adopt}</span></button>
                                </form>
                            }.into_any()
                        }
                    } else {
                        view! {
                            <p class="kern-body">{s.sign_in_first}" "<a class="kern-link" href=SIGN_IN>{s.sign_in}</a></p>
                        }.into_any()
                    }}
                </section>
                {view.signed_in.then(|| view! {
                    <form method="post" action=WaterTree::url() class="stack" novalidate>
                        <h2 class="kern-heading-medium">{s.water_title}</h2>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <input type="hidden" name="baum" value=view.id.to_string() />
                        <TextField id=FIELD_LITRES name="liter" label=s.water_litres hint=s.water_litres_hint value=litres_value.clone() problem=flash.error(FIELD_LITRES).cloned() inputmode="numeric" />
                        <TextField id=FIELD_AT name="zeitpunkt" label=s.water_at value=at_value.clone() problem=flash.error(FIELD_AT).cloned() input_type="datetime-local" />
                        <SubmitButton label=s.water_button />
                    </form>
                })}
                <section class="stack" aria-labelledby="history-title">
                    <h2 class="kern-heading-medium" id="history-title">{s.history_title}</h2>
                    {if view.waterings.is_empty() {
                        view! { <p class="kern-body">{s.history_none}</p> }.into_any()
                    } else {
                        view! {
                            <DataTable caption=s.history_title headers=vec![s.col_when, s.col_litres, s.col_by] rows=watering_rows(s, &slug, view.waterings.clone()) />
                        }.into_any()
                    }}
                </section>
                <section class="stack" aria-labelledby="facts-title">
                    <h2 class="kern-heading-medium" id="facts-title">{view.species_de.clone()}</h2>
                    <dl class="kern-description-list">
                        {item(s.species_bot, view.species_bot.clone())}
                        {item(s.genus, view.genus.clone())}
                        {view.planting_year.map(|y| item(s.planted, y.to_string()))}
                        {item(s.age, view.age.clone())}
                        {view.height.clone().map(|h| item(s.height, h))}
                        {view.trunk.clone().map(|t| item(s.trunk, t))}
                        {view.crown.clone().map(|c| item(s.crown, c))}
                        {item(s.location, format!("{}, {}", view.address, view.district))}
                        {item(s.register_id, view.register_id.clone())}
                    </dl>
                    {view.data_date.clone().map(|d| view! { <p class="kern-body kern-body--small">{fill(s.data_date, &[&d])}</p> })}
                </section>
                {view.can_report.then(|| view! {
                    <form method="post" action=StartPreset::url() class="stack">
                        <h2 class="kern-heading-medium">{s.report_damage}</h2>
                        <p class="kern-body">{s.report_damage_hint}</p>
                        <input type="hidden" name="kategorie" value=super::model::DAMAGE_CATEGORY />
                        <input type="hidden" name="lat" value=view.lat.to_string() />
                        <input type="hidden" name="lon" value=view.lon.to_string() />
                        <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{s.report_damage}</span></button>
                    </form>
                })}
            </div>
        </Page>
    }
}

/// `/baeume/{m}/meine`.
#[component]
pub fn MyTreesPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_mine(slug.clone()), my_trees_page)
}

fn my_trees_page(view: MyTreesView) -> impl IntoView {
    let s = use_texts();
    let title = fill(s.my_title, &[&view.municipality]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    view! {
        <Page title=title.clone() has_errors>
            <div class="stack">
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                <Notice notice=flash.notice.clone() />
                {if view.trees.is_empty() {
                    view! { <p class="kern-body">{s.my_none}</p> }.into_any()
                } else {
                    tree_table(&slug, s.my_trees_link, view.trees.clone()).into_any()
                }}
                <p class="kern-body"><a class="kern-link" href=nearby_path(&slug)>{s.my_find}</a></p>
                <p class="kern-body"><a class="kern-link" href=reminders_path()>{s.reminders_link}</a></p>
                <h2 class="kern-heading-medium">{s.my_waterings}</h2>
                {if view.waterings.is_empty() {
                    view! { <p class="kern-body">{s.my_waterings_none}</p> }.into_any()
                } else {
                    view! {
                        <DataTable caption=s.my_waterings headers=vec![s.col_when, s.col_tree, s.col_litres] rows=view.waterings.iter().map(|(tree_id, tree, w)| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell"><a class="kern-link" href=watering_path(&slug, w.id) aria-label=fill(s.edit_label, &[&w.when])>{w.when.clone()}</a></td>
                                <td class="kern-table__cell"><a class="kern-link" href=tree_path(&slug, *tree_id)>{tree.clone()}</a></td>
                                <td class="kern-table__cell">{w.litres}</td>
                            </tr>
                        }).collect_view() />
                    }.into_any()
                }}
            </div>
        </Page>
    }
}

/// `/baeume/{m}/giessen/{id}`: change or delete one of the viewer's waterings.
#[component]
pub fn WateringPage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_watering(slug.clone(), id), watering_page)
}

fn watering_page(view: WateringEdit) -> impl IntoView {
    let s = use_texts();
    let flash: Flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let litres = flash
        .value(FIELD_LITRES)
        .map(str::to_owned)
        .unwrap_or(view.litres.clone());
    let at = flash
        .value(FIELD_AT)
        .map(str::to_owned)
        .unwrap_or(view.at.clone());
    let slug = view.slug.clone();
    view! {
        <Page title=s.edit_title has_errors>
            <div class="stack">
                <p class="kern-body"><a class="kern-link" href=tree_path(&slug, view.tree_id)>{view.tree.clone()}</a></p>
                <h1 class="kern-heading-large">{s.edit_title}</h1>
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                <form method="post" action=EditWatering::url() class="stack" novalidate>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="giessung" value=view.id.to_string() />
                    <TextField id=FIELD_LITRES name="liter" label=s.water_litres value=litres problem=flash.error(FIELD_LITRES).cloned() inputmode="numeric" />
                    <TextField id=FIELD_AT name="zeitpunkt" label=s.water_at value=at problem=flash.error(FIELD_AT).cloned() input_type="datetime-local" />
                    <SubmitButton label=s.edit_button />
                </form>
                <form method="post" action=DeleteWatering::url()>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="giessung" value=view.id.to_string() />
                    <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{s.delete}</span></button>
                </form>
                <p class="kern-body"><a class="kern-link" href=tree_path(&slug, view.tree_id)>{s.cancel}</a></p>
            </div>
        </Page>
    }
}

/// `/verwaltung/{m}/baeume`: the register in force and its upload.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_register(slug.clone()), register_page)
}

fn register_page(view: RegisterAdmin) -> impl IntoView {
    let s = use_texts();
    let title = fill(s.register_title, &[&view.municipality]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let file_problem = flash.error(FIELD_REGISTER_FILE).cloned();
    let slug = view.slug.clone();
    let state = match &view.data_date {
        Some(date) => fill(
            s.register_state,
            &[&use_lang().count(view.tree_count), date],
        ),
        None => s.register_none.to_owned(),
    };
    view! {
        <Page title=title.clone() has_errors>
            <div class="stack">
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                <Notice notice=flash.notice.clone() />
                <p class="kern-body">{state}</p>
                {view.imported.clone().map(|(when, file)| view! {
                    <p class="kern-body">{fill(s.register_last, &[&when, &file])}</p>
                })}
                <p class="kern-body"><a class="kern-link" href=nearby_path(&slug)>{s.register_public}</a></p>
                {view.preview.clone().map(|p| {
                    let lang = use_lang();
                    let waiting = p.uploaded_at.to_string();
                    view! {
                        <section class="stack register-preview" aria-labelledby="preview-title">
                            <h2 class="kern-heading-medium" id="preview-title">{fill(s.register_preview_title, &[&p.file_name])}</h2>
                            <p class="kern-body">{s.register_preview_intro}</p>
                            <dl class="kern-description-list">
                                {item(s.register_preview_added, lang.count(p.added))}
                                {item(s.register_preview_updated, lang.count(p.updated))}
                                {item(s.register_preview_retired, lang.count(p.retired))}
                                {item(s.register_preview_cared, lang.count(p.retired_cared_for))}
                                {item(s.register_preview_unchanged, lang.count(p.unchanged))}
                            </dl>
                            <div class="button-row">
                                <form method="post" action=register_apply_path(&slug)>
                                    <input type="hidden" name="vorschau" value=waiting.clone() />
                                    <button type="submit" class="kern-btn kern-btn--primary"><span class="kern-label">{s.register_preview_apply}</span></button>
                                </form>
                                <form method="post" action=register_discard_path(&slug)>
                                    <input type="hidden" name="vorschau" value=waiting.clone() />
                                    <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{s.register_preview_discard}</span></button>
                                </form>
                            </div>
                        </section>
                    }
                })}
                <form method="post" action=register_upload_path(&slug) enctype="multipart/form-data" class="stack" novalidate>
                    <h2 class="kern-heading-medium">{s.register_upload_title}</h2>
                    <p class="kern-body">{s.register_upload_intro}</p>
                    <FileField
                        id=FIELD_REGISTER_FILE
                        name="datei"
                        label=s.register_file
                        hint=fill(s.register_file_hint, &[&view.max_mb.to_string()])
                        accept=".csv,text/csv,.json,.geojson,application/json,application/geo+json"
                        problem=file_problem
                    />
                    <SubmitButton label=s.register_upload_button />
                </form>
            </div>
        </Page>
    }
}
