//! The equipment register: the units with filters, a new unit, the CSV import; one unit with
//! its photo, status, sharing with partners, calendar of reservations, repairs and history;
//! the yards.

use super::{item, loaded, param, query, FleetNav, Notice, StatusBadge, Timeline};
use crate::components::form::{ChoiceSelect, ErrorSummary, SubmitButton, TextArea, TextField};
use crate::components::layout::Page;
use crate::components::table::DataTable;
use crate::equipment::model::{RegisterFilter, RegisterView, UnitView, YardsView};
use crate::equipment::serverfns::{
    card_path, load_register, load_unit, load_yards, unit_path, AddUnit, AddYard,
    CancelReservation, CloseRepair, EditUnit, Extend, Reserve, Share,
};
use crate::equipment::texts::use_texts;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/fuhrpark/{m}/geraete`.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let slug = param("slug");
    let filter = RegisterFilter {
        typ: query("typ").unwrap_or_default(),
        hof: query("hof").unwrap_or_default(),
        status: query("status").unwrap_or_default(),
        suche: query("suche").unwrap_or_default(),
    };
    loaded(
        move || load_register(slug.clone(), filter.clone()),
        register_page,
    )
}

fn register_page(register: RegisterView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.register_title, &[&register.municipality]);
    let slug = register.slug.clone();
    let flash = register.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |k: &str| flash.value(k).unwrap_or_default().to_owned();
    let problem = |k: &str| flash.error(k).cloned();
    let f = register.filter.clone();
    let import_problem = problem("import-file");
    let (v_number, v_type, v_yard, v_notes) = (
        value("number"),
        value("type"),
        value("yard"),
        value("notes"),
    );
    let (p_number, p_type, p_yard, p_notes) = (
        problem("number"),
        problem("type"),
        problem("yard"),
        problem("notes"),
    );
    view! {
        <Page title=title.clone() has_errors wide=true>
            <FleetNav slug=slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <form method="get" action=format!("/fuhrpark/{slug}/geraete") class="filter-form">
                <ChoiceSelect id="filter-type" name="typ" label=b.col_type choices=register.types.clone() selected=f.typ.clone() empty=b.any.to_owned() />
                <ChoiceSelect id="filter-yard" name="hof" label=b.col_yard choices=register.yards.clone() selected=f.hof.clone() empty=b.any.to_owned() />
                <ChoiceSelect id="filter-status" name="status" label=b.col_status choices=register.statuses.clone() selected=f.status.clone() empty=b.any.to_owned() />
                <TextField id="filter-search" name="suche" label=b.search value=f.suche.clone() />
                <SubmitButton label=b.filter />
            </form>
            <p class="kern-body">{fill(b.units_count, &[&register.units.len().to_string()])}</p>
            <DataTable caption=b.register_title_short headers=vec![b.col_number, b.col_type, b.col_yard, b.col_status, b.col_shared, b.col_notes] rows={register.units.iter().map(|row| view! {
                    <tr class="kern-table__row">
                        <td class="kern-table__cell"><a class="kern-link" href=unit_path(&slug, row.unit.id)>{row.unit.number.clone()}</a></td>
                        <td class="kern-table__cell">{row.unit.type_name.clone()}</td>
                        <td class="kern-table__cell">{row.unit.yard.clone()}</td>
                        <td class="kern-table__cell"><StatusBadge code=row.unit.status_code.clone() label=row.unit.status.clone() /></td>
                        <td class="kern-table__cell">{row.shared_with.join(", ")}</td>
                        <td class="kern-table__cell">{row.notes.clone()}</td>
                    </tr>
                }).collect_view()} />

            <div class="triage-forms">
                <form method="post" action=AddUnit::url() class="stack triage-form" novalidate>
                    <h2 class="kern-heading-medium">{b.add_unit}</h2>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <TextField id="number" name="number" label=b.col_number hint=b.number_hint value=v_number problem=p_number autocomplete="off" />
                    <ChoiceSelect id="type" name="type_code" label=b.col_type choices=register.types.clone() selected=v_type empty=b.choose.to_owned() problem=p_type />
                    <ChoiceSelect id="yard" name="yard" label=b.col_yard choices=register.yards.clone() selected=v_yard empty=b.choose.to_owned() problem=p_yard />
                    <TextArea id="notes" name="notes" label=b.col_notes value=v_notes problem=p_notes rows=2 />
                    <SubmitButton label=b.add_unit />
                </form>
                <form method="post" action=format!("/fuhrpark/{slug}/import") enctype="multipart/form-data" class="stack triage-form" novalidate>
                    <h2 class="kern-heading-medium">{b.import_title}</h2>
                    <p class="kern-body">{b.import_hint}</p>
                    <pre class="import-example">"inventarnummer;typ;hof;status;notizen\nPAN-FS-09;freischneider;pankow;verfügbar;Stihl FS 561"</pre>
                    <div class="kern-form-input" class:kern-form-input--error=import_problem.is_some()>
                        <label class="kern-label" for="import-file">{b.import_file}</label>
                        <crate::components::form::InlineError field="import-file".to_owned() problem=import_problem.clone() />
                        <input class="kern-form-input__input" type="file" id="import-file" name="datei" accept=".csv,text/csv" aria-describedby=import_problem.is_some().then_some("import-file-error") />
                    </div>
                    <SubmitButton label=b.import_button />
                </form>
            </div>
        </Page>
    }
}

/// `/fuhrpark/{m}/geraete/{id}`.
#[component]
pub fn UnitPage() -> impl IntoView {
    let slug = param("slug");
    let id = param("id").parse::<i64>().unwrap_or(0);
    loaded(move || load_unit(slug.clone(), id), unit_page)
}

fn unit_page(unit: UnitView) -> impl IntoView {
    let b = use_texts();
    let title = format!("{} {}", unit.unit.type_name, unit.unit.number);
    let slug = unit.slug.clone();
    let page = unit_path(&slug, unit.unit.id);
    let flash = unit.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |k: &str, saved: &str| flash.value(k).unwrap_or(saved).to_owned();
    let problem = |k: &str| flash.error(k).cloned();
    let photo_problem = problem("photo");
    let (v_type, v_yard, v_status, v_notes) = (
        value("type", &unit.type_code),
        value("yard", &unit.yard_id.to_string()),
        value("status", &unit.unit.status_code),
        value("notes", &unit.notes),
    );
    let (p_type, p_yard, p_status, p_notes) = (
        problem("type"),
        problem("yard"),
        problem("status"),
        problem("notes"),
    );
    let (v_from, v_until, v_note) = (
        value("from", &unit.from_value),
        value("until", &unit.until_value),
        value("note", ""),
    );
    let (p_from, p_until, p_note) = (problem("from"), problem("until"), problem("note"));
    let calendar_flash = flash.clone();
    let repair_flash = flash.clone();
    let unit_id = unit.unit.id;
    view! {
        <Page title=title.clone() has_errors wide=true>
            <FleetNav slug=slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <dl class="kern-description-list">
                {item(b.col_yard, unit.unit.yard.clone())}
                <div class="kern-description-list-item">
                    <dt class="kern-description-list-item__key">{b.col_status}</dt>
                    <dd class="kern-description-list-item__value"><StatusBadge code=unit.unit.status_code.clone() label=unit.unit.status.clone() /></dd>
                </div>
                {(!unit.notes.is_empty()).then(|| item(b.col_notes, unit.notes.clone()))}
            </dl>
            <p class="kern-body">
                <a class="kern-link" href=card_path(&slug, &unit.unit.number)>{b.worker_page}</a>" · "
                <a class="kern-link" href=unit.label_url.clone()>{b.label_of_unit}</a>
            </p>
            <section class="stack">
                <h2 class="kern-heading-medium">{b.photo}</h2>
                {unit.photo_url.clone().map(|url| view! {
                    <p><img class="bauhof-photo" src=url alt=fill(b.unit_photo_alt, &[&unit.unit.number]) width="320" /></p>
                })}
                <form method="post" action=format!("/fuhrpark/{slug}/geraete/{unit_id}/foto") enctype="multipart/form-data" class="stack" novalidate>
                    <div class="kern-form-input" class:kern-form-input--error=photo_problem.is_some()>
                        <label class="kern-label" for="photo">{b.photo_label}</label>
                        <crate::components::form::InlineError field="photo".to_owned() problem=photo_problem.clone() />
                        <input class="kern-form-input__input" type="file" id="photo" name="foto" accept="image/jpeg,image/png,image/webp,image/heic" aria-describedby=photo_problem.is_some().then_some("photo-error") />
                    </div>
                    <SubmitButton label=b.photo_upload />
                </form>
            </section>

            <div class="triage-forms">
                <form method="post" action=EditUnit::url() class="stack triage-form" novalidate>
                    <h2 class="kern-heading-medium">{b.edit_unit}</h2>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="unit" value=unit_id />
                    <input type="hidden" name="version" value=unit.version />
                    <ChoiceSelect id="type" name="type_code" label=b.col_type choices=unit.types.clone() selected=v_type problem=p_type />
                    <ChoiceSelect id="yard" name="yard" label=b.col_yard choices=unit.yards.clone() selected=v_yard problem=p_yard />
                    <ChoiceSelect id="status" name="status" label=b.col_status choices=unit.statuses.clone() selected=v_status problem=p_status />
                    <TextArea id="notes" name="notes" label=b.col_notes value=v_notes problem=p_notes rows=2 />
                    <SubmitButton label=b.save />
                </form>
                <form method="post" action=Reserve::url() class="stack triage-form" novalidate>
                    <h2 class="kern-heading-medium">{b.reserve_title}</h2>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <input type="hidden" name="unit" value=unit_id />
                    <TextField id="from" name="from" label=b.replacement_from input_type="datetime-local" value=v_from problem=p_from />
                    <TextField id="until" name="until" label=b.replacement_until input_type="datetime-local" value=v_until problem=p_until />
                    <TextField id="note" name="note" label=b.reserve_note hint=b.reserve_note_hint value=v_note problem=p_note />
                    <SubmitButton label=b.reserve_button />
                </form>
            </div>

            <h2 class="kern-heading-medium">{b.calendar}</h2>
            {if unit.reservations.is_empty() {
                view! { <p class="kern-body">{b.calendar_free}</p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list stack calendar">
                        {unit.reservations.iter().map(|r| {
                            let field = format!("until-{}", r.id);
                            let until = calendar_flash.value(&field).unwrap_or(&r.until_value).to_owned();
                            let until_problem = calendar_flash.error(&field).cloned();
                            let who = [r.holder.clone(), Some(r.borrower.clone()), r.request.clone(), (!r.note.is_empty()).then(|| r.note.clone())]
                                .into_iter().flatten().collect::<Vec<_>>().join(" · ");
                            view! {
                                <li class="calendar__entry" class:calendar__entry--active=r.active>
                                    <p class="kern-body kern-body--bold">{r.window.clone()}</p>
                                    <p class="kern-body">{who}</p>
                                    <form method="post" action=Extend::url() class="inline-form" novalidate>
                                        <input type="hidden" name="slug" value=slug.clone() />
                                        <input type="hidden" name="reservation" value=r.id />
                                        <input type="hidden" name="back" value=page.clone() />
                                        <TextField id=field.clone() name="until" label=fill(b.extend_until, &[&r.window]) input_type="datetime-local" value=until problem=until_problem />
                                        <SubmitButton label=b.extend />
                                    </form>
                                    <form method="post" action=CancelReservation::url()>
                                        <input type="hidden" name="slug" value=slug.clone() />
                                        <input type="hidden" name="reservation" value=r.id />
                                        <input type="hidden" name="back" value=page.clone() />
                                        <button type="submit" class="kern-btn kern-btn--tertiary">
                                            <span class="kern-label">{b.cancel_reservation}<span class="sr-only">{format!(" {}", r.window)}</span></span>
                                        </button>
                                    </form>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h2 class="kern-heading-medium">{b.repairs}</h2>
            {if unit.repairs.is_empty() {
                view! { <p class="kern-body">{b.repairs_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="kern-list stack">
                        {unit.repairs.iter().map(|r| {
                            let field = format!("outcome-{}", r.id);
                            let outcome_problem = repair_flash.error(&field).cloned();
                            let outcome = repair_flash.value(&field).unwrap_or_default().to_owned();
                            view! {
                                <li>
                                    <p class="kern-body kern-body--bold">{format!("{} – {}", r.since, r.what)}</p>
                                    {r.by.clone().map(|by| view! { <p class="kern-body">{fill(b.repair_by, &[&by])}</p> })}
                                    {match r.closed.clone() {
                                        Some(closed) => view! {
                                            <p class="kern-body">{fill(b.repair_closed, &[&closed, &r.outcome.clone().unwrap_or_default()])}</p>
                                        }.into_any(),
                                        None => view! {
                                            <form method="post" action=CloseRepair::url() class="stack" novalidate>
                                                <input type="hidden" name="slug" value=slug.clone() />
                                                <input type="hidden" name="repair" value=r.id />
                                                <input type="hidden" name="back" value=page.clone() />
                                                <TextArea id=field.clone() name="outcome" label=b.repair_outcome value=outcome problem=outcome_problem rows=2 />
                                                <SubmitButton label=b.repair_close />
                                            </form>
                                        }.into_any(),
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}

            <h2 class="kern-heading-medium">{b.shares_title}</h2>
            <p class="kern-body">{b.shares_hint}</p>
            <ul class="kern-list stack">
                {unit.partners.iter().map(|(partner, shared)| view! {
                    <li>
                        <form method="post" action=Share::url() class="inline-form">
                            <input type="hidden" name="slug" value=slug.clone() />
                            <input type="hidden" name="unit" value=unit_id />
                            <input type="hidden" name="partner" value=partner.value.clone() />
                            <input type="hidden" name="shared" value=if *shared { "nein" } else { "ja" } />
                            <span class="kern-body">{if *shared { fill(b.shared_with, &[&partner.label]) } else { fill(b.not_shared_with, &[&partner.label]) }}</span>" "
                            <button type="submit" class="kern-btn kern-btn--secondary">
                                <span class="kern-label">{if *shared { fill(b.unshare, &[&partner.label]) } else { fill(b.share, &[&partner.label]) }}</span>
                            </button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <Timeline entries=unit.history.clone() />
        </Page>
    }
}

/// `/fuhrpark/{m}/hoefe`.
#[component]
pub fn YardsPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_yards(slug.clone()), yards_page)
}

fn yards_page(yards: YardsView) -> impl IntoView {
    let b = use_texts();
    let title = fill(b.yards_title, &[&yards.municipality]);
    let slug = yards.slug.clone();
    let flash = yards.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |k: &str| flash.value(k).unwrap_or_default().to_owned();
    let problem = |k: &str| flash.error(k).cloned();
    let (v_code, v_name, v_address, v_lat, v_lon, v_department) = (
        value("code"),
        value("name"),
        value("address"),
        value("lat"),
        value("lon"),
        value("department"),
    );
    let (p_code, p_name, p_address, p_lat) = (
        problem("code"),
        problem("name"),
        problem("address"),
        problem("lat"),
    );
    view! {
        <Page title=title.clone() has_errors wide=true>
            <FleetNav slug=slug.clone() />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <DataTable caption=b.yards_title_short headers=vec![b.yard_name, b.yard_address, b.yard_position, b.yard_department, b.yard_unit_count] rows={yards.yards.iter().map(|y| view! {
                    <tr class="kern-table__row">
                        <td class="kern-table__cell">{format!("{} ({})", y.name, y.code)}</td>
                        <td class="kern-table__cell">{y.address.clone()}</td>
                        <td class="kern-table__cell">{y.position.clone()}</td>
                        <td class="kern-table__cell">{y.department.clone().unwrap_or_default()}</td>
                        <td class="kern-table__cell">{y.units.to_string()}</td>
                    </tr>
                }).collect_view()} />
            <form method="post" action=AddYard::url() class="stack triage-form" novalidate>
                <h2 class="kern-heading-medium">{b.add_yard}</h2>
                <input type="hidden" name="slug" value=slug.clone() />
                <TextField id="code" name="code" label=b.yard_code hint=b.yard_code_hint value=v_code problem=p_code autocomplete="off" />
                <TextField id="name" name="name" label=b.yard_name value=v_name problem=p_name />
                <TextField id="address" name="address" label=b.yard_address value=v_address problem=p_address />
                <TextField id="lat" name="lat" label=b.lat value=v_lat problem=p_lat inputmode="decimal" />
                <TextField id="lon" name="lon" label=b.lon value=v_lon inputmode="decimal" />
                <ChoiceSelect id="department" name="department" label=b.yard_department choices=yards.departments.clone() selected=v_department empty=b.none.to_owned() />
                <SubmitButton label=b.add_yard />
            </form>
        </Page>
    }
}
