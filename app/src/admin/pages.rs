//! The configuration pages: what is in force with the upload and the starter catalogue
//! ([`ConfigPage`]), the departments' forms ([`DepartmentsPage`], [`DepartmentPage`]), the
//! draft with what it changes and the recent changes ([`DraftPage`]), the history
//! ([`HistoryPage`]), the routing test ([`PlacePage`], where a tap on the map fills in the
//! coordinates), the categories' forms with their extra questions ([`CategoriesPage`],
//! [`CategoryPage`], [`QuestionPage`]) and the rules ([`RulesPage`]). Every form works without
//! JavaScript.

use super::model::{
    CategoriesView, CategoryFormView, ConfigView, DepartmentFormView, DepartmentsView,
    DraftSummary, DraftView, HistoryView, PlaceOutcome, PlaceQuery, PlaceView, QuestionForm,
    QuestionFormView, QuestionRow, RulesView,
};
use super::serverfns::{
    categories_path, category_path, config_path, department_path, departments_path, download_path,
    draft_path, history_path, load_categories, load_category, load_config, load_department,
    load_departments, load_draft, load_history, load_place, load_question, load_rules, place_path,
    question_path, rules_path, upload_path, AddRule, AdoptStarter, DiscardConfig, PublishConfig,
    RearrangeQuestion, RemoveRule, RestoreConfig, SaveCategory, SaveDepartment, SaveQuestion,
    REMOVE,
};
use super::texts::use_texts;
use crate::components::form::{
    BackLink, ChoiceSelect, ErrorSummary, FileField, InlineError, RadioOption, Radios,
    SubmitButton, TextArea, TextField,
};
use crate::components::layout::Page;
use crate::components::location_map::LocationMap;
use crate::components::page::{item, loaded, param, query, Notice};
use crate::components::table::DataTable;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Links between the configuration pages; the current one is marked.
#[component]
fn SetupNav(slug: String, current: &'static str) -> impl IntoView {
    let s = use_texts();
    let link = |href: String, label: &'static str| {
        let here = label == current;
        view! {
            <li>
                <a class="kern-link" href=href aria-current=here.then_some("page")>{label}</a>
            </li>
        }
    };
    view! {
        <nav class="fleet-nav" aria-label=s.nav_label>
            <ul class="kern-list kern-list--horizontal">
                {link(config_path(&slug), s.nav_overview)}
                {link(departments_path(&slug), s.nav_departments)}
                {link(categories_path(&slug), s.categories_title)}
                {link(rules_path(&slug), s.nav_rules)}
                {link(draft_path(&slug), s.nav_draft)}
                {link(place_path(&slug), s.nav_place)}
                {link(history_path(&slug), s.nav_history)}
            </ul>
        </nav>
    }
}

/// `/verwaltung/{m}/konfiguration`.
#[component]
pub fn ConfigPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_config(slug.clone()), config_page)
}

fn config_page(view: ConfigView) -> impl IntoView {
    let s = use_texts();
    let title = fill(s.config_title, &[&view.municipality]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let file_problem = flash.error("config-file").cloned();
    let slug = view.slug.clone();
    view! {
        <Page title=title.clone() has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.nav_overview />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <p class="kern-body">{view.version.clone().unwrap_or_else(|| s.version_none.to_owned())}</p>
            {view.has_draft.then(|| view! {
                <div class="kern-alert kern-alert--info" role="status">
                    <div class="kern-alert__body">
                        <p class="kern-body">
                            {s.draft_waiting}" "<a class="kern-link" href=draft_path(&slug)>{s.draft_open}</a>
                        </p>
                    </div>
                </div>
            })}
            {view.starter.map(|count| view! {
                <section class="stack" aria-labelledby="starter-title">
                    <h2 class="kern-heading-medium" id="starter-title">{s.starter_title}</h2>
                    <p class="kern-body">{fill(s.starter_intro, &[&count.to_string()])}</p>
                    <form method="post" action=AdoptStarter::url()>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <SubmitButton label=s.starter_button />
                    </form>
                </section>
            })}
            <p class="kern-body">
                <a class="kern-link" href=departments_path(&slug)>{s.nav_departments}</a>
            </p>
            <p class="kern-body">
                <a class="kern-link" href=download_path(&slug) download=format!("{slug}.json")>{s.download}</a>
            </p>
            <form method="post" action=upload_path(&slug) enctype="multipart/form-data" class="stack triage-form" novalidate>
                <h2 class="kern-heading-medium">{s.upload_title}</h2>
                <FileField
                    id="config-file"
                    name="datei"
                    label=s.upload_file
                    hint=s.upload_hint
                    accept=".json,application/json,application/geo+json"
                    problem=file_problem.clone()
                />
                <SubmitButton label=s.upload_button />
            </form>
            <h2 class="kern-heading-medium">{s.departments_title}</h2>
            <DataTable caption=s.departments_title headers=vec![s.col_name, s.col_code, s.col_email] rows=view.departments.iter().map(|d| view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{d.name.clone()}</td>
                    <td class="kern-table__cell"><code>{d.code.clone()}</code></td>
                    <td class="kern-table__cell">{d.email.clone()}</td>
                </tr>
            }).collect_view() />
            <h2 class="kern-heading-medium">{s.categories_title}</h2>
            <DataTable caption=s.categories_title headers=vec![s.col_name, s.col_group, s.col_code, s.col_questions, s.col_deadlines] rows=view.categories.iter().map(|c| view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{c.name.clone()}</td>
                    <td class="kern-table__cell">{c.group.clone()}</td>
                    <td class="kern-table__cell"><code>{c.code.clone()}</code></td>
                    <td class="kern-table__cell">{c.questions}</td>
                    <td class="kern-table__cell">{c.deadlines.clone()}</td>
                </tr>
            }).collect_view() />
            <h2 class="kern-heading-medium">{s.areas_title}</h2>
            {if view.areas.is_empty() {
                view! { <p class="kern-body">{s.areas_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=s.areas_title headers=vec![s.col_name, s.col_kind, s.col_code] rows=view.areas.iter().map(|a| view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell">{a.name.clone()}</td>
                            <td class="kern-table__cell">{a.kind.clone()}</td>
                            <td class="kern-table__cell"><code>{a.code.clone()}</code></td>
                        </tr>
                    }).collect_view() />
                }.into_any()
            }}
            <h2 class="kern-heading-medium">{s.rules_title}</h2>
            <DataTable caption=s.rules_title headers=vec![s.col_what, s.col_area, s.col_department, s.col_priority] rows=view.rules.iter().map(|r| view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{r.what.clone()}</td>
                    <td class="kern-table__cell">{r.area.clone()}</td>
                    <td class="kern-table__cell">{r.department.clone()}</td>
                    <td class="kern-table__cell">{r.priority}</td>
                </tr>
            }).collect_view() />
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/pruefen`.
#[component]
pub fn DraftPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_draft(slug.clone()), draft_page)
}

fn draft_page(view: DraftView) -> impl IntoView {
    let s = use_texts();
    let title = s.draft_title;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.nav_draft />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            {match view.draft {
                None => view! { <p class="kern-body">{s.draft_none}</p> }.into_any(),
                Some(draft) => view! { <DraftDetails slug=slug.clone() draft /> }.into_any(),
            }}
            {(!view.edits.is_empty()).then(|| view! {
                <section class="stack" aria-labelledby="edits-title">
                    <h2 class="kern-heading-medium" id="edits-title">{s.edits_title}</h2>
                    <ul class="kern-list" id="edits">
                        {view.edits.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
                    </ul>
                </section>
            })}
        </Page>
    }
}

#[component]
fn DraftDetails(slug: String, draft: DraftSummary) -> impl IntoView {
    let s = use_texts();
    let reroute = draft.reroute.clone();
    let summary = if reroute.moved == 0 {
        fill(s.reroute_none, &[&reroute.reports.to_string()])
    } else {
        fill(
            s.reroute_moved,
            &[&reroute.moved.to_string(), &reroute.reports.to_string()],
        )
    };
    view! {
        {draft.stale.clone().map(|warning| view! {
            <div class="kern-alert kern-alert--warning" id="draft-stale">
                <div class="kern-alert__body"><p class="kern-body">{warning}</p></div>
            </div>
        })}
        <p class="kern-body">{draft.uploaded.clone()}</p>
        {draft.restores.map(|n| view! { <p class="kern-body">{fill(s.draft_restores, &[&n.to_string()])}</p> })}
        <section class="stack" aria-labelledby="changes-title">
            <h2 class="kern-heading-medium" id="changes-title">{s.changes_title}</h2>
            <ul class="kern-list" id="changes">
                {draft.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
            </ul>
        </section>
        <section class="stack" aria-labelledby="reroute-title">
            <h2 class="kern-heading-medium" id="reroute-title">{fill(s.reroute_title, &[&reroute.days.to_string()])}</h2>
            <p class="kern-body" id="reroute-summary">{summary}</p>
            {(reroute.from_neighbours > 0).then(|| view! {
                <p class="kern-body" id="reroute-neighbours">{fill(s.reroute_neighbours, &[&reroute.from_neighbours.to_string()])}</p>
            })}
            {(reroute.category_gone > 0).then(|| view! {
                <p class="kern-body">{fill(s.reroute_gone, &[&reroute.category_gone.to_string()])}</p>
            })}
            {(!reroute.moves.is_empty()).then(|| view! {
                <DataTable caption=s.changes_title headers=vec![s.col_from, s.col_to, s.col_count] rows=reroute.moves.iter().map(|m| view! {
                    <tr class="kern-table__row">
                        <td class="kern-table__cell">{m.from.clone()}</td>
                        <td class="kern-table__cell">{m.to.clone()}</td>
                        <td class="kern-table__cell">{m.count}</td>
                    </tr>
                }).collect_view() />
            })}
            <p class="kern-body kern-body--small">{s.reroute_note}</p>
        </section>
        <p class="kern-body">{s.publish_hint}</p>
        <div class="button-row">
            <form method="post" action=PublishConfig::url()>
                <input type="hidden" name="slug" value=slug.clone() />
                <SubmitButton label=s.publish_button />
            </form>
            <form method="post" action=DiscardConfig::url()>
                <input type="hidden" name="slug" value=slug.clone() />
                <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{s.discard_button}</span></button>
            </form>
        </div>
    }
}

/// `/verwaltung/{m}/konfiguration/verlauf`.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_history(slug.clone()), history_page)
}

fn history_page(view: HistoryView) -> impl IntoView {
    let s = use_texts();
    let title = s.history_title;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.nav_history />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            {view.entries.is_empty().then(|| view! { <p class="kern-body">{s.history_empty}</p> })}
            <ol class="timeline">
                {view.entries.into_iter().map(|e| {
                    let heading = if e.current {
                        format!("{} ({})", fill(s.version_label, &[&e.number.to_string()]), s.in_force)
                    } else {
                        fill(s.version_label, &[&e.number.to_string()])
                    };
                    view! {
                        <li class="timeline__entry" id=format!("fassung-{}", e.number)>
                            <h2 class="kern-heading-small">{heading}</h2>
                            <p class="kern-body kern-body--small kern-body--muted">{fill(s.published_by, &[&e.at, &e.by])}</p>
                            {e.restores.map(|n| view! { <p class="kern-body">{fill(s.restores_label, &[&n.to_string()])}</p> })}
                            <ul class="kern-list">
                                {e.changes.iter().map(|c| view! { <li>{c.clone()}</li> }).collect_view()}
                            </ul>
                            {(!e.current).then(|| view! {
                                <form method="post" action=RestoreConfig::url()>
                                    <input type="hidden" name="slug" value=slug.clone() />
                                    <input type="hidden" name="number" value=e.number.to_string() />
                                    <button type="submit" class="kern-btn kern-btn--tertiary">
                                        <span class="kern-label">{fill(s.restore_button, &[&e.number.to_string()])}</span>
                                    </button>
                                </form>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ol>
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/ort-testen?lat=…&lon=…&category=…`.
#[component]
pub fn PlacePage() -> impl IntoView {
    let slug = param("slug");
    let place = PlaceQuery {
        lat: query("lat").unwrap_or_default(),
        lon: query("lon").unwrap_or_default(),
        category: query("category").unwrap_or_default(),
        version: query("version").unwrap_or_default(),
    };
    loaded(move || load_place(slug.clone(), place.clone()), place_page)
}

fn place_page(view: PlaceView) -> impl IntoView {
    let s = use_texts();
    let title = s.place_title;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let (p_lat, p_lon, p_category) = (problem("lat"), problem("lon"), problem("category"));
    let q = view.query.clone();
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=view.slug.clone() current=s.nav_place />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <p class="kern-body">{s.place_intro}</p>
            <form method="get" action=place_path(&view.slug) class="stack triage-form" novalidate>
                {view.map.clone().map(|map| view! {
                    <LocationMap tile_url=map.tile_url attribution=map.attribution bounds=map.bounds />
                })}
                <TextField id="lat" name="lat" label=s.place_lat value=q.lat.clone() problem=p_lat inputmode="decimal" />
                <TextField id="lon" name="lon" label=s.place_lon value=q.lon.clone() problem=p_lon inputmode="decimal" />
                <ChoiceSelect id="category" name="category" label=s.place_category choices=view.categories.clone() selected=q.category.clone() empty=s.choose.to_owned() problem=p_category />
                {view.has_draft.then(|| view! {
                    <fieldset class="kern-fieldset">
                        <legend class="kern-label">{s.place_version}</legend>
                        <Radios
                            id="version"
                            name="version"
                            options=vec![
                                RadioOption { value: String::new(), label: s.place_version_in_force.to_owned(), hint: None },
                                RadioOption { value: PlaceQuery::DRAFT.to_owned(), label: s.place_version_draft.to_owned(), hint: None },
                            ]
                            selected=q.version.clone()
                        />
                    </fieldset>
                })}
                <SubmitButton label=s.place_button />
            </form>
            {view.outcome.map(|outcome| view! {
                <section class="stack" aria-labelledby="result-title" id="result">
                    <h2 class="kern-heading-medium" id="result-title">{if q.with_draft() { s.result_with_draft } else { s.result_title }}</h2>
                    {match outcome {
                        PlaceOutcome::Routed { municipality, area, rule, department, elsewhere } => view! {
                            {elsewhere.then(|| view! { <p class="kern-body">{s.result_elsewhere}</p> })}
                            <dl class="kern-description-list">
                                {item(s.result_municipality, municipality)}
                                {item(s.result_area, area)}
                                {item(s.result_rule, rule)}
                                {item(s.result_department, department)}
                            </dl>
                        }.into_any(),
                        PlaceOutcome::NotRouted(why) => view! {
                            <p class="kern-body">{s.not_routed}" "{why}</p>
                        }.into_any(),
                    }}
                </section>
            })}
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/abteilungen`.
#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_departments(slug.clone()), departments_page)
}

fn departments_page(view: DepartmentsView) -> impl IntoView {
    let s = use_texts();
    let title = s.departments_title;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    let intro = editing_intro(&slug, view.from_draft, view.stale.clone());
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.nav_departments />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            {intro}
            <p class="kern-body">
                <a class="kern-btn kern-btn--secondary" href=department_path(&slug, "")>
                    <span class="kern-label">{s.department_add}</span>
                </a>
            </p>
            <div id="departments" tabindex="-1">
            <DataTable caption=s.departments_title headers=vec![s.col_name, s.col_code, s.col_email, s.col_actions] rows=view.departments.iter().map(|d| view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{d.name.clone()}</td>
                    <td class="kern-table__cell"><code>{d.code.clone()}</code></td>
                    <td class="kern-table__cell">{d.email.clone()}</td>
                    <td class="kern-table__cell">
                        <a class="kern-link" href=department_path(&slug, &d.code)>
                            {s.department_edit_link}<span class="sr-only">": "{d.name.clone()}</span>
                        </a>
                    </td>
                </tr>
            }).collect_view() />
            </div>
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/abteilung[?code=…]`.
#[component]
pub fn DepartmentPage() -> impl IntoView {
    let slug = param("slug");
    let code = query("code").unwrap_or_default();
    loaded(
        move || load_department(slug.clone(), code.clone()),
        department_page,
    )
}

fn department_page(view: DepartmentFormView) -> impl IntoView {
    let s = use_texts();
    let form = view.form.clone();
    let new = form.editing.is_empty();
    let title = if new {
        s.department_add
    } else {
        s.department_edit
    };
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let typed = |k: &str, shown: &str| flash.value(k).unwrap_or(shown).to_owned();
    let (p_code, p_de, p_en, p_emails) = (
        problem("code"),
        problem("name_de"),
        problem("name_en"),
        problem("emails"),
    );
    let (v_code, v_de, v_en, v_emails) = (
        typed("code", &form.code),
        typed("name_de", &form.name_de),
        typed("name_en", &form.name_en),
        typed("emails", &form.emails),
    );
    let code_field = if new {
        view! {
            <TextField id="code" name="code" label=s.field_code hint=s.field_code_hint value=v_code problem=p_code />
        }
        .into_any()
    } else {
        view! {
            <p class="kern-body">{s.field_code}": "<code>{form.code.clone()}</code></p>
            <input type="hidden" name="code" value=form.code.clone() />
        }
        .into_any()
    };
    view! {
        <Page title=title has_errors>
            <BackLink href=departments_path(&form.slug) />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <p class="kern-body">{s.departments_intro_force}</p>
            <form method="post" action=SaveDepartment::url() class="stack triage-form" novalidate>
                <input type="hidden" name="slug" value=form.slug.clone() />
                <input type="hidden" name="editing" value=form.editing.clone() />
                {code_field}
                <TextField id="name_de" name="name_de" label=s.field_name_de value=v_de problem=p_de />
                <TextField id="name_en" name="name_en" label=s.field_name_en value=v_en problem=p_en />
                <TextArea id="emails" name="emails" label=s.field_emails hint=s.field_emails_hint value=v_emails problem=p_emails rows=3 />
                <SubmitButton label=s.save_to_draft />
            </form>
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/regeln`.
#[component]
pub fn RulesPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_rules(slug.clone()), rules_page)
}

fn rules_page(view: RulesView) -> impl IntoView {
    let s = use_texts();
    let title = s.nav_rules;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let chosen = |k: &str| flash.value(k).unwrap_or_default().to_owned();
    let (p_rules, p_what, p_area, p_department, p_priority) = (
        problem("rules"),
        problem("what"),
        problem("area"),
        problem("department"),
        problem("priority"),
    );
    let (v_what, v_area, v_department) = (chosen("what"), chosen("area"), chosen("department"));
    let v_priority = flash.value("priority").unwrap_or("0").to_owned();
    let slug = view.slug.clone();
    let intro = editing_intro(&slug, view.from_draft, view.stale.clone());
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.nav_rules />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            {intro}
            <p class="kern-body">{s.rules_intro}</p>
            <section class="stack" id="rules" tabindex="-1" aria-labelledby="rules-title">
                <h2 class="kern-heading-medium" id="rules-title">{s.rules_title}</h2>
                <InlineError field="rules".to_owned() problem=p_rules />
                <DataTable caption=s.rules_title headers=vec![s.col_what, s.col_area, s.col_department, s.col_priority, s.col_actions] rows=view.rules.iter().map(|r| {
                    let label = format!("{} × {} → {} ({} {})", r.what, r.area, r.department, s.col_priority, r.priority);
                    view! {
                        <tr class="kern-table__row">
                            <td class="kern-table__cell">{r.what.clone()}</td>
                            <td class="kern-table__cell">{r.area.clone()}</td>
                            <td class="kern-table__cell">{r.department.clone()}</td>
                            <td class="kern-table__cell">{r.priority}</td>
                            <td class="kern-table__cell">
                                <form method="post" action=RemoveRule::url()>
                                    <input type="hidden" name="slug" value=slug.clone() />
                                    <input type="hidden" name="rule" value=r.key.clone() />
                                    <button type="submit" class="kern-btn kern-btn--tertiary">
                                        <span class="kern-label">{s.rule_remove}<span class="sr-only">": "{label}</span></span>
                                    </button>
                                </form>
                            </td>
                        </tr>
                    }
                }).collect_view() />
            </section>
            <form method="post" action=AddRule::url() class="stack triage-form" novalidate>
                <h2 class="kern-heading-medium">{s.rule_add_title}</h2>
                <input type="hidden" name="slug" value=slug.clone() />
                <ChoiceSelect id="what" name="what" label=s.field_what choices=view.whats.clone() selected=v_what problem=p_what />
                <ChoiceSelect id="area" name="area" label=s.field_area choices=view.areas.clone() selected=v_area problem=p_area />
                <ChoiceSelect id="department" name="department" label=s.field_department choices=view.departments.clone() selected=v_department empty=s.choose.to_owned() problem=p_department />
                <TextField id="priority" name="priority" label=s.field_priority hint=s.field_priority_hint value=v_priority problem=p_priority inputmode="numeric" />
                <SubmitButton label=s.rule_add_button />
            </form>
        </Page>
    }
}

/// "You change the draft" or "changes go into a draft", for the forms' lists, with the warning
/// that the draft cannot be published as it is.
fn editing_intro(slug: &str, from_draft: bool, stale: Option<String>) -> AnyView {
    let s = use_texts();
    let warning = stale.map(|warning| {
        view! {
            <div class="kern-alert kern-alert--warning" id="draft-stale">
                <div class="kern-alert__body"><p class="kern-body">{warning}</p></div>
            </div>
        }
    });
    if from_draft {
        view! {
            {warning}
            <p class="kern-body">
                {s.departments_intro_draft}" "<a class="kern-link" href=draft_path(slug)>{s.draft_open}</a>
            </p>
        }
        .into_any()
    } else {
        view! { <p class="kern-body">{s.departments_intro_force}</p> }.into_any()
    }
}

/// `/verwaltung/{m}/konfiguration/kategorien`.
#[component]
pub fn CategoriesPage() -> impl IntoView {
    let slug = param("slug");
    loaded(move || load_categories(slug.clone()), categories_page)
}

fn categories_page(view: CategoriesView) -> impl IntoView {
    let s = use_texts();
    let title = s.categories_title;
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let slug = view.slug.clone();
    view! {
        <Page title=title has_errors wide=true>
            <SetupNav slug=slug.clone() current=s.categories_title />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            {editing_intro(&slug, view.from_draft, view.stale.clone())}
            <p class="kern-body">
                <a class="kern-btn kern-btn--secondary" href=category_path(&slug, "")>
                    <span class="kern-label">{s.category_add}</span>
                </a>
            </p>
            <div id="categories" tabindex="-1">
            <DataTable caption=s.categories_title headers=vec![s.col_name, s.col_group, s.col_code, s.col_questions, s.col_deadlines, s.col_actions] rows=view.categories.iter().map(|c| view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{c.name.clone()}</td>
                    <td class="kern-table__cell">{c.group.clone()}</td>
                    <td class="kern-table__cell"><code>{c.code.clone()}</code></td>
                    <td class="kern-table__cell">{c.questions}</td>
                    <td class="kern-table__cell">{c.deadlines.clone()}</td>
                    <td class="kern-table__cell">
                        <a class="kern-link" href=category_path(&slug, &c.code)>
                            {s.department_edit_link}<span class="sr-only">": "{c.name.clone()}</span>
                        </a>
                    </td>
                </tr>
            }).collect_view() />
            </div>
        </Page>
    }
}

/// `/verwaltung/{m}/konfiguration/kategorie[?code=…]`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = param("slug");
    let code = query("code").unwrap_or_default();
    loaded(
        move || load_category(slug.clone(), code.clone()),
        category_page,
    )
}

fn category_page(view: CategoryFormView) -> impl IntoView {
    let s = use_texts();
    let form = view.form.clone();
    let new = form.editing.is_empty();
    let title = if new { s.category_add } else { s.category_edit };
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let typed = |k: &str, shown: &str| flash.value(k).unwrap_or(shown).to_owned();
    let (p_code, p_group, p_de, p_en, p_hint_de, p_hint_en, p_accept, p_resolve) = (
        problem("code"),
        problem("group"),
        problem("name_de"),
        problem("name_en"),
        problem("hint_de"),
        problem("hint_en"),
        problem("accept_days"),
        problem("resolve_days"),
    );
    let (v_code, v_group, v_de, v_en, v_hint_de, v_hint_en, v_accept, v_resolve) = (
        typed("code", &form.code),
        typed("group", &form.group),
        typed("name_de", &form.name_de),
        typed("name_en", &form.name_en),
        typed("hint_de", &form.hint_de),
        typed("hint_en", &form.hint_en),
        typed("accept_days", &form.accept_days),
        typed("resolve_days", &form.resolve_days),
    );
    let code_field = if new {
        view! {
            <TextField id="code" name="code" label=s.field_code hint=s.field_category_code_hint value=v_code problem=p_code />
        }
        .into_any()
    } else {
        view! {
            <p class="kern-body">{s.field_code}": "<code>{form.code.clone()}</code></p>
            <input type="hidden" name="code" value=form.code.clone() />
        }
        .into_any()
    };
    view! {
        <Page title=title has_errors>
            <BackLink href=categories_path(&form.slug) />
            <h1 class="kern-heading-large">{title}</h1>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <Notice notice=flash.notice.clone() />
            <p class="kern-body">{s.departments_intro_force}</p>
            <form method="post" action=SaveCategory::url() class="stack triage-form" novalidate>
                <input type="hidden" name="slug" value=form.slug.clone() />
                <input type="hidden" name="editing" value=form.editing.clone() />
                {code_field}
                <ChoiceSelect id="group" name="group" label=s.field_group choices=view.groups.clone() selected=v_group empty=s.choose.to_owned() problem=p_group />
                <TextField id="name_de" name="name_de" label=s.field_name_de value=v_de problem=p_de />
                <TextField id="name_en" name="name_en" label=s.field_name_en value=v_en problem=p_en />
                <TextArea id="hint_de" name="hint_de" label=s.field_hint_de hint=s.field_hint_hint value=v_hint_de problem=p_hint_de rows=3 />
                <TextArea id="hint_en" name="hint_en" label=s.field_hint_en value=v_hint_en problem=p_hint_en rows=3 />
                <TextField id="accept_days" name="accept_days" label=s.field_accept_days hint=s.field_accept_days_hint value=v_accept problem=p_accept inputmode="numeric" />
                <TextField id="resolve_days" name="resolve_days" label=s.field_resolve_days hint=s.field_resolve_days_hint value=v_resolve problem=p_resolve inputmode="numeric" />
                <SubmitButton label=s.save_to_draft />
            </form>
            {if new {
                view! { <p class="kern-body">{s.questions_after_adding}</p> }.into_any()
            } else {
                question_list(&form.slug, &form.code, &view.questions).into_any()
            }}
        </Page>
    }
}

/// A category's extra questions in the order they are asked, each to change, ask earlier or
/// remove, and the link to add one.
fn question_list(slug: &str, category: &str, questions: &[QuestionRow]) -> impl IntoView {
    let s = use_texts();
    let rows = questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let label = q.label.clone();
            let up = (i > 0).then(|| {
                let label = label.clone();
                view! {
                    <button type="submit" name="action" value="nach-oben" class="kern-btn kern-btn--tertiary">
                        <span class="kern-label">{s.question_up}<span class="sr-only">": "{label}</span></span>
                    </button>
                }
            });
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{label.clone()}<br /><code>{q.code.clone()}</code></td>
                    <td class="kern-table__cell">{q.kind.clone()}</td>
                    <td class="kern-table__cell">{if q.required { s.yes } else { s.no }}</td>
                    <td class="kern-table__cell">
                        <a class="kern-link" href=question_path(slug, category, &q.code)>
                            {s.department_edit_link}<span class="sr-only">": "{label.clone()}</span>
                        </a>
                        <form method="post" action=RearrangeQuestion::url()>
                            <input type="hidden" name="slug" value=slug.to_owned() />
                            <input type="hidden" name="category" value=category.to_owned() />
                            <input type="hidden" name="code" value=q.code.clone() />
                            {up}
                            <button type="submit" name="action" value=REMOVE class="kern-btn kern-btn--tertiary">
                                <span class="kern-label">{s.question_remove}<span class="sr-only">": "{label}</span></span>
                            </button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="stack" aria-labelledby="questions-title" id="questions" tabindex="-1">
            <h2 class="kern-heading-medium" id="questions-title">{s.questions_title}</h2>
            <p class="kern-body">{s.questions_intro}</p>
            {if questions.is_empty() {
                view! { <p class="kern-body">{s.questions_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable caption=s.questions_title headers=vec![s.col_question, s.col_kind, s.col_required, s.col_actions] rows=rows />
                }.into_any()
            }}
            <p class="kern-body">
                <a class="kern-btn kern-btn--secondary" href=question_path(slug, category, "")>
                    <span class="kern-label">{s.question_add}</span>
                </a>
            </p>
        </section>
    }
}

/// `/verwaltung/{m}/konfiguration/frage?kategorie=…[&code=…]`.
#[component]
pub fn QuestionPage() -> impl IntoView {
    let slug = param("slug");
    let category = query("kategorie").unwrap_or_default();
    let code = query("code").unwrap_or_default();
    loaded(
        move || load_question(slug.clone(), category.clone(), code.clone()),
        question_page,
    )
}

fn question_page(view: QuestionFormView) -> impl IntoView {
    let s = use_texts();
    let form = view.form.clone();
    let new = form.editing.is_empty();
    let title = if new { s.question_add } else { s.question_edit };
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let problem = |k: &str| flash.error(k).cloned();
    let typed = |k: &str, shown: &str| flash.value(k).unwrap_or(shown).to_owned();
    let (p_code, p_de, p_en, p_hint_de, p_hint_en, p_max, p_choices) = (
        problem("code"),
        problem("label_de"),
        problem("label_en"),
        problem("hint_de"),
        problem("hint_en"),
        problem("max_len"),
        problem("choices"),
    );
    let (p_required, p_kind) = (problem("required"), problem("kind"));
    let (e_required, e_kind) = (p_required.is_some(), p_kind.is_some());
    let (v_code, v_de, v_en, v_hint_de, v_hint_en, v_max, v_choices) = (
        typed("code", &form.code),
        typed("label_de", &form.label_de),
        typed("label_en", &form.label_en),
        typed("hint_de", &form.hint_de),
        typed("hint_en", &form.hint_en),
        typed("max_len", &form.max_len),
        typed("choices", &form.choices),
    );
    let (v_required, v_kind) = (typed("required", &form.required), typed("kind", &form.kind));
    let code_field = if new {
        view! {
            <TextField id="code" name="code" label=s.field_code hint=s.field_question_code_hint value=v_code problem=p_code />
        }
        .into_any()
    } else {
        view! {
            <p class="kern-body">{s.field_code}": "<code>{form.code.clone()}</code></p>
            <input type="hidden" name="code" value=form.code.clone() />
        }
        .into_any()
    };
    let option = |value: &str, label: &str| RadioOption {
        value: value.to_owned(),
        label: label.to_owned(),
        hint: None,
    };
    let required_options = vec![
        option(QuestionForm::YES, s.required_yes),
        option(QuestionForm::NO, s.required_no),
    ];
    let kind_options = vec![
        option(QuestionForm::TEXT, s.kind_text_option),
        option(QuestionForm::CHOICE, s.kind_choice_option),
    ];
    view! {
        <Page title=title has_errors>
            <BackLink href=category_path(&form.slug, &form.category) />
            <h1 class="kern-heading-large">{title}</h1>
            <p class="kern-body">{fill(s.question_of, &[&view.category_name])}</p>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <p class="kern-body">{s.departments_intro_force}</p>
            <form method="post" action=SaveQuestion::url() class="stack triage-form" novalidate>
                <input type="hidden" name="slug" value=form.slug.clone() />
                <input type="hidden" name="category" value=form.category.clone() />
                <input type="hidden" name="editing" value=form.editing.clone() />
                {code_field}
                <TextField id="label_de" name="label_de" label=s.field_label_de value=v_de problem=p_de />
                <TextField id="label_en" name="label_en" label=s.field_label_en value=v_en problem=p_en />
                <TextArea id="hint_de" name="hint_de" label=s.field_hint_de hint=s.field_question_hint_hint value=v_hint_de problem=p_hint_de rows=2 />
                <TextArea id="hint_en" name="hint_en" label=s.field_hint_en value=v_hint_en problem=p_hint_en rows=2 />
                <fieldset class="kern-fieldset" class:kern-fieldset--error=e_required>
                    <legend class="kern-fieldset__legend">{s.field_required}</legend>
                    <InlineError field="required".to_owned() problem=p_required />
                    <Radios id="required" name="required" options=required_options selected=v_required has_error=e_required />
                </fieldset>
                <fieldset class="kern-fieldset" class:kern-fieldset--error=e_kind>
                    <legend class="kern-fieldset__legend">{s.field_kind}</legend>
                    <InlineError field="kind".to_owned() problem=p_kind />
                    <Radios id="kind" name="kind" options=kind_options selected=v_kind has_error=e_kind />
                </fieldset>
                <TextField id="max_len" name="max_len" label=s.field_max_len hint=s.field_max_len_hint value=v_max problem=p_max inputmode="numeric" />
                <TextArea id="choices" name="choices" label=s.field_choices hint=s.field_choices_hint value=v_choices problem=p_choices rows=6 />
                <SubmitButton label=s.save_to_draft />
            </form>
        </Page>
    }
}
