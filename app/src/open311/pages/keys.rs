//! `/verwaltung/{m}/schnittstellen`: the municipality's Open311 API keys. A new key is shown
//! once; each key names its scope (the municipality or one department) and its access (read,
//! or read and write); a revoked key is refused from that moment on.

use crate::components::form::{
    ChoiceSelect, ErrorSummary, InlineError, RadioOption, Radios, SubmitButton, TextField,
};
use crate::components::layout::{Page, TechnicalError};
use crate::components::table::DataTable;
use crate::i18n::fill;
use crate::open311::model::{ApiKeyRow, ApiKeysView, KeyAccess};
use crate::open311::serverfns::{load_api_keys, CreateApiKey, RevokeApiKey};
use crate::open311::texts::{use_texts, OpenTexts};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ApiKeys() -> impl IntoView {
    let o = use_texts();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let keys = Resource::new(|| (), move |_| load_api_keys(slug.clone()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match keys.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! {
                        <Page title=o.forbidden>
                            <h1 class="kern-heading-large">{o.forbidden}</h1>
                        </Page>
                    }.into_any(),
                    Ok(Some(view)) => view! { <KeysPage view /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn access_label(o: &OpenTexts, access: KeyAccess) -> &'static str {
    match access {
        KeyAccess::Read => o.access_read,
        KeyAccess::Write => o.access_write,
    }
}

#[component]
fn KeysPage(view: ApiKeysView) -> impl IntoView {
    let o = use_texts();
    let title = fill(o.keys_title, &[&view.municipality]);
    let flash = view.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let admin = format!("/verwaltung/{}", view.slug);
    view! {
        <Page title=title.clone() has_errors wide=true>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <h1 class="kern-heading-large">{title}</h1>
            {flash.notice.clone().map(|notice| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{notice}</p></div>
                </div>
            })}
            {view.new_key.clone().map(|key| view! {
                <div class="kern-alert kern-alert--info" role="status">
                    <div class="kern-alert__header">
                        <h2 class="kern-title">{o.new_key_title}</h2>
                    </div>
                    <div class="kern-alert__body stack">
                        <p class="kern-body">{o.new_key_hint}</p>
                        <p class="handover" id="new-key">{key}</p>
                    </div>
                </div>
            })}
            <p class="kern-body">{o.keys_intro}</p>
            <KeyList slug=view.slug.clone() keys=view.keys.clone() />
            <CreateKeyForm view />
            <p class="kern-body"><a class="kern-link" href=admin>{o.back_to_admin}</a></p>
        </Page>
    }
}

#[component]
fn KeyList(slug: String, keys: Vec<ApiKeyRow>) -> impl IntoView {
    let o = use_texts();
    let empty = keys.is_empty();
    let rows = keys
        .into_iter()
        .map(|key| {
            let revoke = key.revoked.is_none().then(|| {
                let label = fill(o.revoke, &[&key.name]);
                view! {
                    <form method="post" action=RevokeApiKey::url()>
                        <input type="hidden" name="slug" value=slug.clone() />
                        <input type="hidden" name="key" value=key.id.to_string() />
                        <button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">{label}</span></button>
                    </form>
                }
            });
            let state = match &key.revoked {
                Some(when) => fill(o.revoked_at, &[when]),
                None => o.active.to_owned(),
            };
            view! {
                <tr class="kern-table__row">
                    <td class="kern-table__cell">{key.name.clone()}</td>
                    <td class="kern-table__cell"><code>{key.hint}</code></td>
                    <td class="kern-table__cell">{key.department.unwrap_or_else(|| o.whole_municipality.to_owned())}</td>
                    <td class="kern-table__cell">{access_label(o, key.access)}</td>
                    <td class="kern-table__cell">{key.created}{key.created_by.map(|by| format!(" · {by}"))}</td>
                    <td class="kern-table__cell">{key.last_used.unwrap_or_else(|| o.never_used.to_owned())}</td>
                    <td class="kern-table__cell">{state}{revoke}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="stack" aria-labelledby="keys-title">
            <h2 class="kern-heading-medium" id="keys-title">{o.keys_list_title}</h2>
            {if empty {
                view! { <p class="kern-body">{o.keys_none}</p> }.into_any()
            } else {
                view! {
                    <DataTable
                        caption=o.keys_list_title
                        headers=vec![o.col_name, o.col_key, o.col_scope, o.col_access, o.col_created, o.col_last_used, o.col_state]
                        rows
                    />
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn CreateKeyForm(view: ApiKeysView) -> impl IntoView {
    let o = use_texts();
    let flash = view.flash;
    let access_problem = flash.error("access").cloned();
    let department_problem = flash.error("department").cloned();
    let access_error = access_problem.is_some();
    // A key reads unless the administrator chooses more.
    let access_selected = if access_error {
        String::new()
    } else {
        flash
            .value("access")
            .unwrap_or(KeyAccess::Read.code())
            .to_owned()
    };
    let access_options = KeyAccess::ALL
        .into_iter()
        .map(|access| RadioOption {
            value: access.code().to_owned(),
            label: access_label(o, access).to_owned(),
            hint: Some(
                match access {
                    KeyAccess::Read => o.access_read_hint,
                    KeyAccess::Write => o.access_write_hint,
                }
                .to_owned(),
            ),
        })
        .collect::<Vec<_>>();
    view! {
        <section class="stack" aria-labelledby="create-title">
            <h2 class="kern-heading-medium" id="create-title">{o.create_title}</h2>
            <form method="post" action=CreateApiKey::url() novalidate class="stack">
                <input type="hidden" name="slug" value=view.slug />
                <TextField
                    id="name"
                    name="name"
                    label=o.key_name
                    hint=o.key_name_hint
                    problem=flash.error("name").cloned()
                    value=flash.value("name").unwrap_or_default()
                />
                <ChoiceSelect
                    id="department"
                    name="department"
                    label=o.key_department
                    choices=view.departments
                    selected=flash.value("department").unwrap_or_default()
                    empty=o.whole_municipality
                    problem=department_problem
                />
                <fieldset class="kern-fieldset" class:kern-fieldset--error=access_error>
                    <legend class="kern-fieldset__legend">{o.key_access}</legend>
                    <InlineError field="access".to_owned() problem=access_problem />
                    <Radios id="access" name="access" options=access_options selected=access_selected has_error=access_error />
                </fieldset>
                <SubmitButton label=o.create_button />
            </form>
        </section>
    }
}
