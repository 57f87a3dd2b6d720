//! The fleet managers' pages: open requests by urgency (with a live notice of new ones), a
//! request with the free units to allocate and the partners' to borrow, the inter-municipal
//! pool, and the figures per equipment type.

use super::worker::request_facts;
use super::{loaded, param, FleetNav, Notice, StatusBadge, Timeline};
use crate::components::form::{ChoiceSelect, ErrorSummary, SubmitButton, TextArea};
use crate::components::layout::Page;
use crate::components::table::DataTable;
use crate::equipment::model::{
    AllocationView, Candidate, FleetView, LoanView, PoolView, StatisticsView,
};
use crate::equipment::serverfns::{
    allocation_path, load_allocation, load_fleet, load_pool, load_statistics, Allocate, AnswerLoan,
    AskPartner, StepRequest,
};
use crate::equipment::texts::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Script;

/// `/fuhrpark/{m}`: the open requests, most urgent first.
#[component]
pub fn FleetStart() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_fleet(slug.clone()), fleet_page)
}

fn fleet_page(fleet: FleetView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.fleet_title, &[&fleet.municipality]);
    let slug = fleet.slug.clone();
    let live = format!("/fuhrpark/{slug}/neu.json?seit={}", fleet.generated_at);
    view! {
        <Page title=title.clone() wide=true>
            <h1 class="kern-heading-large">{title}</h1>
            <FleetNav slug=slug.clone() />
            <p class="kern-body live-notice" data-fleet-live=live data-label=b.fleet_new_arrived data-reload=b.reload aria-live="polite"></p>
            {(fleet.loans_waiting > 0).then(|| view! {
                <div class="kern-alert kern-alert--warning">
                    <div class="kern-alert__body">
                        <p class="kern-body">
                            {fill(b.loans_waiting, &[&fleet.loans_waiting.to_string()])}" "
                            <a class="kern-link" href=format!("/fuhrpark/{slug}/verleih")>{b.pool_title_short}</a>
                        </p>
                    </div>
                </div>
            })}
            <h2 class="kern-heading-medium">{fill(b.open_requests, &[&fleet.open.len().to_string()])}</h2>
            {if fleet.open.is_empty() {
                view! { <p class="kern-body">{b.open_requests_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=b.open_requests_caption headers=vec![b.col_request, b.col_unit, b.col_damage, b.col_requester, b.col_wanted, b.col_status] rows={fleet.open.iter().map(|r| view! {
                            <tr class="kern-table__row" class:fleet-urgent=r.urgent>
                                <td class="kern-table__cell">
                                    <a class="kern-link" href=allocation_path(&slug, r.id)>{r.reference.clone()}</a>
                                    {r.urgent.then(|| view! { " " <strong class="overdue-badge">{b.urgent}</strong> })}
                                    <br /><span class="kern-body kern-body--small kern-body--muted">{r.since.clone()}</span>
                                </td>
                                <td class="kern-table__cell">{r.unit.clone()}</td>
                                <td class="kern-table__cell">{r.damage.clone()}</td>
                                <td class="kern-table__cell">{r.requester.clone()}</td>
                                <td class="kern-table__cell">{r.wanted.clone().unwrap_or_else(|| b.replacement_not_needed.to_owned())}</td>
                                <td class="kern-table__cell"><StatusBadge code=r.status_code.clone() label=r.status.clone() /></td>
                            </tr>
                        }).collect_view()} />
                }.into_any()
            }}
            {(fleet.units_in_repair > 0).then(|| view! {
                <p class="kern-body">
                    {fill(b.units_in_repair, &[&fleet.units_in_repair.to_string()])}" "
                    <a class="kern-link" href=format!("/fuhrpark/{slug}/geraete?status=in_repair")>{b.show}</a>
                </p>
            })}
            <Script src="/js/bauhof.js" type_="module" />
        </Page>
    }
}

/// `/fuhrpark/{m}/anfrage/{id}`: one request: allocate, borrow, move on, decline.
#[component]
pub fn AllocationPage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_allocation(slug.clone(), id), allocation_page)
}

fn candidates_table(
    caption: &'static str,
    candidates: Vec<Candidate>,
    form: impl Fn(&Candidate) -> AnyView,
) -> impl IntoView {
    let b = use_texts();
    view! {
        <div class="table-scroll">
            <table class="kern-table">
                <caption class="kern-title">{caption}</caption>
                <thead class="kern-table__head">
                    <tr class="kern-table__row">
                        <th scope="col" class="kern-table__header">{b.col_unit}</th>
                        <th scope="col" class="kern-table__header">{b.col_yard}</th>
                        <th scope="col" class="kern-table__header">{b.col_distance}</th>
                        <th scope="col" class="kern-table__header">{b.col_calendar}</th>
                        <th scope="col" class="kern-table__header"><span class="sr-only">{b.col_action}</span></th>
                    </tr>
                </thead>
                <tbody class="kern-table__body">
                    {candidates.iter().map(|c| view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell">{format!("{} – {}", c.number, c.type_name)}</td>
                            <td class="kern-table__cell">{format!("{} ({})", c.yard, c.municipality)}</td>
                            <td class="kern-table__cell">{c.distance.clone()}</td>
                            <td class="kern-table__cell">
                                {if c.calendar.is_empty() {
                                    view! { <span>{b.calendar_free}</span> }.into_any()
                                } else {
                                    view! { <ul class="kern-list calendar-list">{c.calendar.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            </td>
                            <td class="kern-table__cell">{form(c)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

fn allocation_page(view: AllocationView) -> impl IntoView {
    let b = use_texts();
    let r = view.request.clone();
    let slug = r.slug.clone();
    let title = fill(b.request_title, &[&r.reference]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let (request_id, version) = (r.id, r.version);
    let identity = move || {
        view! {
            <input type="hidden" name="slug" value=slug.clone() />
            <input type="hidden" name="request_id" value=request_id />
            <input type="hidden" name="version" value=version />
        }
    };
    let identity2 = identity.clone();
    let identity3 = identity;
    let step = flash.value("step").unwrap_or_default().to_owned();
    let reason = flash.value("reason").unwrap_or_default().to_owned();
    let step_problem = flash.error("step").cloned();
    let reason_problem = flash.error("reason").cloned();
    let own = view.candidates.clone();
    let partners = view.partner_candidates.clone();
    view! {
        <Page title=title.clone() has_errors wide=true>
            <FleetNav slug=r.slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <p class="status-badge">
                <span class="kern-body">{b.status_now}": "</span>
                <StatusBadge code=r.status_code.clone() label=r.status.clone() />
            </p>
            <p class="kern-body kern-body--bold">{r.status_detail.clone()}</p>
            {request_facts(&r)}

            {view.can_allocate.then(|| view! {
                <section class="stack" aria-labelledby="allocate-title">
                    <h2 class="kern-heading-medium" id="allocate-title">{b.allocate_title}</h2>
                    <span id="unit" tabindex="-1"></span>
                    {if own.is_empty() {
                        view! { <p class="kern-body">{b.no_own_free}</p> }.into_any()
                    } else {
                        let identity = identity2.clone();
                        candidates_table(b.own_free, own.clone(), move |c| view! {
                            <form method="post" action=Allocate::url()>
                                {identity()}
                                <input type="hidden" name="unit" value=c.unit_id />
                                <button type="submit" class="kern-btn kern-btn--primary">
                                    <span class="kern-label">{fill(b.allocate_unit, &[&c.number])}</span>
                                </button>
                            </form>
                        }.into_any()).into_any()
                    }}
                    <span id="partner-unit" tabindex="-1"></span>
                    {if partners.is_empty() {
                        view! { <p class="kern-body">{b.no_partner_free}</p> }.into_any()
                    } else {
                        let slug = r.slug.clone();
                        candidates_table(b.partner_free, partners.clone(), move |c| view! {
                            <form method="post" action=AskPartner::url()>
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="request_id" value=request_id />
                                <input type="hidden" name="unit" value=c.unit_id />
                                <button type="submit" class="kern-btn kern-btn--secondary">
                                    <span class="kern-label">{fill(b.ask_partner_unit, &[&c.number, &c.municipality])}</span>
                                </button>
                            </form>
                        }.into_any()).into_any()
                    }}
                </section>
            })}

            {(!view.loans.is_empty()).then(|| view! {
                <h2 class="kern-heading-medium">{b.loans_of_request}</h2>
                <ul class="kern-list">
                    {view.loans.iter().map(|l| view! {
                        <li>
                            {format!("{} – {} ({}) ", l.unit, l.lender, l.window)}
                            <StatusBadge code=l.status_code.clone() label=l.status.clone() />
                            {l.reason.clone().map(|r| format!(" {r}"))}
                        </li>
                    }).collect_view()}
                </ul>
            })}

            {(!view.steps.is_empty()).then(|| view! {
                <form method="post" action=StepRequest::url() class="stack triage-form" novalidate>
                    <h2 class="kern-heading-medium">{b.next_step_title}</h2>
                    {identity3()}
                    <ChoiceSelect id="step" name="step" label=b.next_step choices=view.steps.clone() selected=step problem=step_problem />
                    <TextArea id="reason" name="reason" label=b.step_reason hint=b.step_reason_hint value=reason problem=reason_problem rows=2 />
                    <SubmitButton label=b.next_step_button />
                </form>
            })}
            <Timeline entries=r.timeline.clone() />
        </Page>
    }
}

/// `/fuhrpark/{m}/verleih`: loans asked of us and by us, lendings, the statement.
#[component]
pub fn PoolPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_pool(slug.clone()), pool_page)
}

fn loan_row(slug: &str, loan: &LoanView, flash: &crate::model::Flash) -> impl IntoView {
    let b = use_texts();
    let unit_field = format!("loan-{}-unit", loan.id);
    let reason_field = format!("loan-{}-reason", loan.id);
    let reason = flash.value(&reason_field).unwrap_or_default().to_owned();
    let unit_problem = flash.error(&unit_field).cloned();
    let reason_problem = flash.error(&reason_field).cloned();
    let selected = flash.value(&unit_field).unwrap_or_default().to_owned();
    let answerable = loan.status_code == "asked";
    view! {
        <li class="stack loan">
            <p class="kern-body kern-body--bold">
                {fill(b.loan_line, &[&loan.borrower, &loan.reference, &loan.unit])}" "
                <StatusBadge code=loan.status_code.clone() label=loan.status.clone() />
            </p>
            <p class="kern-body">{format!("{} · {}", loan.window, loan.place)}</p>
            {loan.reason.clone().map(|r| view! { <p class="kern-body">{r}</p> })}
            {answerable.then(|| view! {
                <form method="post" action=AnswerLoan::url() class="stack" novalidate>
                    <input type="hidden" name="slug" value=slug.to_owned() />
                    <input type="hidden" name="loan" value=loan.id />
                    <input type="hidden" name="decision" value="annehmen" />
                    <ChoiceSelect id=unit_field.clone() name="unit" label=b.lend_which choices=loan.choices.clone() selected=selected problem=unit_problem />
                    <button type="submit" class="kern-btn kern-btn--primary">
                        <span class="kern-label">{fill(b.lend_accept, &[&loan.reference])}</span>
                    </button>
                </form>
                <form method="post" action=AnswerLoan::url() class="stack" novalidate>
                    <input type="hidden" name="slug" value=slug.to_owned() />
                    <input type="hidden" name="loan" value=loan.id />
                    <input type="hidden" name="decision" value="ablehnen" />
                    <TextArea id=reason_field.clone() name="reason" label=b.lend_decline_reason value=reason problem=reason_problem rows=2 />
                    <button type="submit" class="kern-btn kern-btn--secondary">
                        <span class="kern-label">{fill(b.lend_decline, &[&loan.reference])}</span>
                    </button>
                </form>
            })}
        </li>
    }
}

fn pool_page(pool: PoolView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.pool_title, &[&pool.municipality]);
    let slug = pool.slug.clone();
    let flash = pool.flash.clone();
    let has_errors = !flash.errors.is_empty();
    view! {
        <Page title=title.clone() has_errors wide=true>
            <FleetNav slug=slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <p class="kern-body">{b.pool_intro}</p>

            <h2 class="kern-heading-medium">{b.loans_incoming}</h2>
            {if pool.incoming.is_empty() {
                view! { <p class="kern-body">{b.loans_none}</p> }.into_any()
            } else {
                view! { <ul class="kern-list stack">{pool.incoming.iter().map(|l| loan_row(&slug, l, &flash)).collect_view()}</ul> }.into_any()
            }}

            <h2 class="kern-heading-medium">{b.loans_outgoing}</h2>
            {if pool.outgoing.is_empty() {
                view! { <p class="kern-body">{b.loans_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list">
                        {pool.outgoing.iter().map(|l| view! {
                            <li>
                                {fill(b.loan_out_line, &[&l.reference, &l.unit, &l.lender, &l.window])}" "
                                <StatusBadge code=l.status_code.clone() label=l.status.clone() />
                                {l.reason.clone().map(|r| format!(" {r}"))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h2 class="kern-heading-medium">{b.lendings_title}</h2>
            {if pool.lendings.is_empty() {
                view! { <p class="kern-body">{b.lendings_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=b.lendings_title headers=vec![b.col_direction, b.col_partner, b.col_unit, b.col_window, b.col_days] rows={pool.lendings.iter().map(|l| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{l.direction.clone()}</td>
                                <td class="kern-table__cell">{l.partner.clone()}</td>
                                <td class="kern-table__cell">{l.unit.clone()}</td>
                                <td class="kern-table__cell">{l.window.clone()}</td>
                                <td class="kern-table__cell">{l.days.clone()}</td>
                            </tr>
                        }).collect_view()} />
                }.into_any()
            }}

            <form method="get" action=format!("/fuhrpark/{slug}/verleih.csv") class="stack triage-form">
                <h2 class="kern-heading-medium">{b.statement_title}</h2>
                <p class="kern-body">{b.statement_hint}</p>
                <ChoiceSelect id="partner" name="partner" label=b.col_partner choices=pool.partners.clone() />
                <ChoiceSelect id="month" name="monat" label=b.month choices=pool.months.clone() />
                <SubmitButton label=b.statement_download />
            </form>

            <h2 class="kern-heading-medium">{b.shared_title}</h2>
            {if pool.shared.is_empty() {
                view! { <p class="kern-body">{b.shared_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list">
                        {pool.shared.iter().map(|row| view! {
                            <li>
                                <a class="kern-link" href=crate::equipment::serverfns::unit_path(&slug, row.unit.id)>{format!("{} – {}", row.unit.number, row.unit.type_name)}</a>
                                {format!(": {}", row.shared_with.join(", "))}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Page>
    }
}

/// `/fuhrpark/{m}/statistik`: breakdowns per month, mean repair time, utilisation, per type.
#[component]
pub fn StatisticsPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_statistics(slug.clone()), statistics_page)
}

fn statistics_page(stats: StatisticsView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.stats_title, &[&stats.municipality]);
    view! {
        <Page title=title.clone() wide=true>
            <FleetNav slug=stats.slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <p class="kern-body">{stats.window.clone()}</p>
            {stats.types.iter().map(|f| {
                let caption = fill(b.stats_caption, &[&f.type_name]);
                view! {
                    <section class="stack stats-type">
                        <h2 class="kern-heading-medium">{format!("{} ({})", f.type_name, f.units)}</h2>
                        <dl class="kern-description-list">
                            {super::item(b.mean_repair, f.mean_repair.clone())}
                            {super::item(b.utilisation, f.utilisation.clone())}
                        </dl>
                        <figure class="stats-chart">
                            <div aria-hidden="true" inner_html=f.chart.clone()></div>
                            <figcaption class="kern-body kern-body--small">{caption.clone()}</figcaption>
                        </figure>
                        <DataTable caption=caption headers=vec![b.month, b.breakdowns] rows={stats.months.iter().zip(f.breakdowns.iter()).map(|(m, n)| view! {
                                <tr class="kern-table__row">
                                    <th scope="row" class="kern-table__cell">{m.clone()}</th>
                                    <td class="kern-table__cell">{n.to_string()}</td>
                                </tr>
                            }).collect_view()} />
                    </section>
                }
            }).collect_view()}
        </Page>
    }
}
