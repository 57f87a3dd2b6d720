//! The worker's pages on the phone: the Bauhof start page, a breakdown report's status (kept
//! up to date by `bauhof.js` without reloading), and the page a unit's label leads to.

use super::{bauhof_places, item, loaded, param, Notice, StatusBadge, Timeline};
use crate::account::serverfns::SIGN_IN;
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::components::layout::Page;
use crate::components::table::DataTable;
use crate::context::use_viewer;
use crate::equipment::model::{RequestView, UnitCard, UnitSummary, WorkerHome};
use crate::equipment::serverfns::{
    card_path, home_path, load_home, load_request, load_unit_card, request_path, CheckOut,
    ReturnUnit, StartBreakdown,
};
use crate::equipment::texts::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Script;

/// `/bauhof`: where the viewer works in the Bauhof.
#[component]
pub fn BauhofHome() -> impl IntoView {
    let b = use_texts();
    let places = bauhof_places();
    let signed_in = use_viewer().is_some();
    view! {
        <Page title=b.bauhof_title>
            <div class="bauhof">
                <h1 class="kern-heading-large">{b.bauhof_title}</h1>
                {match (signed_in, places.is_empty()) {
                    (false, _) => view! {
                        <p class="kern-body">{b.sign_in_first}" "<a class="kern-link" href=SIGN_IN>{b.sign_in}</a></p>
                    }.into_any(),
                    (true, true) => view! { <p class="kern-body">{b.no_role}</p> }.into_any(),
                    (true, false) => view! {
                        <ul class="kern-list stack">
                            {places.into_iter().map(|(slug, name, manages)| view! {
                                <li>
                                    <a class="kern-link kern-body--bold" href=home_path(&slug)>{fill(b.home_title, &[&name])}</a>
                                    {manages.then(|| view! {
                                        " · "<a class="kern-link" href=format!("/fuhrpark/{slug}")>{fill(b.fleet_title, &[&name])}</a>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                }}
            </div>
        </Page>
    }
}

fn unit_line(unit: &UnitSummary) -> String {
    format!("{} – {} ({})", unit.number, unit.type_name, unit.yard)
}

/// `/bauhof/{m}`: the worker's start page: report a breakdown, my machines, my requests.
#[component]
pub fn WorkerStart() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_home(slug.clone()), worker_page)
}

fn worker_page(home: WorkerHome) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.home_title, &[&home.municipality]);
    let has_errors = !home.flash.errors.is_empty();
    let slug = home.slug.clone();
    view! {
        <Page title=title.clone() has_errors>
            <div class="bauhof stack">
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| home.flash.clone()) />
                <Notice notice=home.flash.notice.clone() />
                <form method="post" action=StartBreakdown::url()>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <button type="submit" class="kern-btn kern-btn--primary bauhof-big-button">
                        <span class="kern-label">{b.report_breakdown}</span>
                    </button>
                </form>
                {home.draft_open.then(|| view! {
                    <p class="kern-body">
                        <a class="kern-link" href=crate::equipment::model::BreakdownStep::Check.path(&slug)>{b.continue_draft}</a>
                    </p>
                })}
                {home.is_manager.then(|| view! {
                    <p class="kern-body"><a class="kern-link" href=format!("/fuhrpark/{slug}")>{fill(b.fleet_title, &[&home.municipality])}</a></p>
                })}

                <h2 class="kern-heading-medium">{b.my_units}</h2>
                {if home.my_units.is_empty() {
                    view! { <p class="kern-body">{b.my_units_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="kern-list">
                            {home.my_units.iter().map(|u| view! {
                                <li><a class="kern-link" href=card_path(&slug, &u.number)>{unit_line(u)}</a></li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}

                <h2 class="kern-heading-medium">{b.my_requests}</h2>
                {if home.requests.is_empty() {
                    view! { <p class="kern-body">{b.my_requests_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="kern-list bauhof-requests">
                            {home.requests.iter().map(|r| view! {
                                <li>
                                    <a class="kern-link" href=request_path(&slug, r.id)>{format!("{} – {}", r.reference, r.unit)}</a>
                                    " "<StatusBadge code=r.status_code.clone() label=r.status.clone() />
                                    <span class="kern-body kern-body--small kern-body--muted">" "{r.created_at.clone()}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}

                <h2 class="kern-heading-medium">{b.yard_units}</h2>
                <DataTable caption=b.yard_units headers=vec![b.col_number, b.col_type, b.col_yard, b.col_status] rows={home.units.iter().map(|u| view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell"><a class="kern-link" href=card_path(&slug, &u.number)>{u.number.clone()}</a></td>
                            <td class="kern-table__cell">{u.type_name.clone()}</td>
                            <td class="kern-table__cell">{u.yard.clone()}</td>
                            <td class="kern-table__cell"><StatusBadge code=u.status_code.clone() label=u.status.clone() /></td>
                        </tr>
                    }).collect_view()} />
            </div>
        </Page>
    }
}

/// `/bauhof/{m}/ausfall/{id}`: a breakdown report and where its replacement is.
#[component]
pub fn RequestPage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_request(slug.clone(), id), request_page)
}

/// What the worker told, as a description list (also on the managers' page).
pub fn request_facts(r: &RequestView) -> impl IntoView {
    let b = use_texts();
    view! {
        <dl class="kern-description-list">
            {item(b.check_unit, unit_line(&r.unit))}
            {item(b.requested_by, r.requester.clone())}
            {item(b.check_damage, r.damage.clone())}
            {(!r.description.is_empty()).then(|| item(b.check_description, r.description.clone()))}
            {item(b.check_place, r.place.clone())}
            {item(b.check_replacement, r.wanted.clone().unwrap_or_else(|| b.replacement_not_needed.to_owned()))}
            {item(b.sent_at, r.created_at.clone())}
            {r.reason.clone().map(|reason| item(b.decline_reason, reason))}
        </dl>
        {r.photo_url.clone().map(|url| view! {
            <p><img class="bauhof-photo" src=url alt=fill(b.photo_alt, &[&r.unit.number]) width="320" /></p>
        })}
    }
}

fn request_page(r: RequestView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.request_title, &[&r.reference]);
    let status_url = format!("{}/status.json", request_path(&r.slug, r.id));
    view! {
        <Page title=title.clone()>
            <div class="bauhof stack">
                <p class="kern-body"><a class="kern-link" href=home_path(&r.slug)>{b.back_to_start}</a></p>
                {r.notice.clone().map(|_| view! {
                    <div class="confirmation-panel" role="status">
                        <h1 class="kern-heading-large">{b.sent_title}</h1>
                        <p class="kern-body">{b.sent_reference}</p>
                        <p class="confirmation-panel__reference">{r.reference.clone()}</p>
                    </div>
                })}
                {if r.notice.is_some() {
                    view! { <h2 class="kern-heading-medium">{title.clone()}</h2> }.into_any()
                } else {
                    view! { <h1 class="kern-heading-large">{title.clone()}</h1> }.into_any()
                }}
                <div class="bauhof-live" data-bauhof-status=status_url aria-live="polite">
                    <p class="status-badge">
                        <span class="kern-body">{b.status_now}": "</span>
                        <span data-status-badge><StatusBadge code=r.status_code.clone() label=r.status.clone() /></span>
                    </p>
                    <p class="kern-body kern-body--bold" data-status-detail>{r.status_detail.clone()}</p>
                </div>
                {request_facts(&r)}
                <Timeline entries=r.timeline.clone() />
            </div>
            <Script src="/js/bauhof.js" type_="module" />
        </Page>
    }
}

/// `/bauhof/{m}/geraet/{number}`: where a unit's label leads: report it broken, take it, give
/// it back.
#[component]
pub fn UnitCardPage() -> impl IntoView {
    let slug = param("slug");
    let number = param("number");
    loaded(
        move || load_unit_card(slug.clone(), number.clone()),
        unit_card_page,
    )
}

fn unit_card_page(card: UnitCard) -> impl IntoView {
    let b = use_texts();
    let title = format!("{} {}", card.unit.type_name, card.unit.number);
    let has_errors = !card.flash.errors.is_empty();
    let until_problem = card.flash.error("until").cloned();
    let until_value = card
        .flash
        .value("until")
        .map(str::to_owned)
        .unwrap_or_else(|| card.until_value.clone());
    let back = card_path(&card.slug, &card.unit.number);
    view! {
        <Page title=title.clone() has_errors>
            <div class="bauhof stack">
                <p class="kern-body"><a class="kern-link" href=home_path(&card.slug)>{b.back_to_start}</a></p>
                <h1 class="kern-heading-large">{title}</h1>
                <ErrorSummary flash=has_errors.then(|| card.flash.clone()) />
                <Notice notice=card.flash.notice.clone() />
                <dl class="kern-description-list">
                    {item(b.col_yard, card.unit.yard.clone())}
                    <div class="kern-description-list-item">
                        <dt class="kern-description-list-item__key">{b.col_status}</dt>
                        <dd class="kern-description-list-item__value"><StatusBadge code=card.unit.status_code.clone() label=card.unit.status.clone() /></dd>
                    </div>
                    {(!card.notes.is_empty()).then(|| item(b.col_notes, card.notes.clone()))}
                </dl>
                {card.photo_url.clone().map(|url| view! {
                    <p><img class="bauhof-photo" src=url alt=fill(b.unit_photo_alt, &[&card.unit.number]) width="320" /></p>
                })}
                <form method="post" action=StartBreakdown::url()>
                    <input type="hidden" name="slug" value=card.slug.clone() />
                    <input type="hidden" name="number" value=card.unit.number.clone() />
                    <button type="submit" class="kern-btn kern-btn--primary bauhof-big-button">
                        <span class="kern-label">{b.report_this_broken}</span>
                    </button>
                </form>
                {match (card.mine, card.taken) {
                    (Some(reservation), _) => view! {
                        <form method="post" action=ReturnUnit::url()>
                            <input type="hidden" name="slug" value=card.slug.clone() />
                            <input type="hidden" name="reservation" value=reservation />
                            <input type="hidden" name="back" value=back.clone() />
                            <button type="submit" class="kern-btn kern-btn--secondary bauhof-big-button">
                                <span class="kern-label">{b.give_back}</span>
                            </button>
                        </form>
                    }.into_any(),
                    (None, true) => view! { <p class="kern-body">{b.taken_by_other}</p> }.into_any(),
                    (None, false) => view! {
                        <form method="post" action=CheckOut::url() class="stack" novalidate>
                            <input type="hidden" name="slug" value=card.slug.clone() />
                            <input type="hidden" name="number" value=card.unit.number.clone() />
                            <TextField id="until" name="until" label=b.take_until input_type="datetime-local" value=until_value problem=until_problem />
                            <SubmitButton label=b.take_unit />
                        </form>
                    }.into_any(),
                }}
                {card.is_manager.then(|| view! {
                    <p class="kern-body"><a class="kern-link" href=crate::equipment::serverfns::unit_path(&card.slug, card.unit.id)>{b.open_in_register}</a></p>
                })}
            </div>
        </Page>
    }
}
