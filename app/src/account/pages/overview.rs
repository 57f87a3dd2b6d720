//! "Mein Konto": passkeys, e-mail address, reports, roles, sign-out and data rights.

use crate::account::model::{AccountView, MyReport};
use crate::account::serverfns::{
    load_account, BeginAddPasskey, ChangeEmail, ClaimReports, RemovePasskey, RenamePasskey,
    SignOut, SignOutEverywhere,
};
use crate::components::form::{ErrorSummary, InlineError, SubmitButton, TextField};
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountPage() -> impl IntoView {
    let notice = use_query_map().with_untracked(|q| q.get("hinweis"));
    let account = Resource::new(|| (), move |_| load_account(notice.clone()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match account.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Ok(Some(account)) => view! { <Overview account /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn report_list(reports: &[MyReport]) -> impl IntoView {
    view! {
        <ul class="kern-list report-list">
            {reports.iter().map(|r| view! {
                <li>
                    <a class="kern-link" href=format!("/meldungen/{}", r.reference)>{r.reference.clone()}</a>
                    " – "{r.category.clone()}" – "{r.status.clone()}
                    <span class="kern-body--muted">" ("{r.submitted.clone()}")"</span>
                </li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Overview(account: AccountView) -> impl IntoView {
    let t = use_lang().texts();
    let flash = account.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let summary = has_errors.then(|| flash.clone());
    let email_problem = flash.error("email").cloned();
    let email_open = email_problem.is_some();
    let only_one = account.passkeys.len() == 1;
    let passkeys = account
        .passkeys
        .iter()
        .map(|p| {
            let name_field = format!("passkey-{}-name", p.id);
            let remove_field = format!("passkey-{}-remove", p.id);
            let rename_problem = flash.error(&name_field).cloned();
            let rename_open = rename_problem.is_some();
            let remove_problem = flash.error(&remove_field).cloned();
            let confirm_last = remove_problem.is_some() || only_one;
            view! {
                <li class="passkey-item stack">
                    <p class="kern-body kern-body--bold">{p.name.clone()}</p>
                    {p.flagged.then(|| view! { <p class="kern-badge kern-badge--danger"><span class="kern-label kern-label--small">{t.account_passkey_flagged}</span></p> })}
                    <p class="kern-body kern-body--small">
                        {t.account_passkey_created}": "{p.created.clone()}" · "
                        {t.account_passkey_used}": "{p.last_used.clone().unwrap_or_else(|| t.account_passkey_never.to_owned())}
                    </p>
                    <details open=rename_open>
                        <summary class="kern-link">{t.account_passkey_rename}<span class="sr-only">{format!(" – {}", p.name)}</span></summary>
                        <form method="post" action=RenamePasskey::url() novalidate class="stack">
                            <input type="hidden" name="passkey" value=p.id />
                            <TextField
                                id=name_field.clone()
                                name="name"
                                label=fill(t.account_passkey_new_name, &[&p.name])
                                problem=rename_problem
                                value=flash.value(&name_field).unwrap_or(&p.name).to_owned()
                            />
                            <SubmitButton label=t.account_passkey_rename />
                        </form>
                    </details>
                    <form method="post" action=RemovePasskey::url() class="stack" id=remove_field.clone()>
                        <input type="hidden" name="passkey" value=p.id />
                        {confirm_last.then(|| view! {
                            <div class="kern-form-check">
                                <input class="kern-form-check__checkbox" type="checkbox" id=format!("{remove_field}-confirm") name="bestaetigt" value="ja" />
                                <label class="kern-label" for=format!("{remove_field}-confirm")>{t.account_passkey_remove_confirm}</label>
                                <p class="kern-hint">{t.account_passkey_remove_last}</p>
                            </div>
                        })}
                        <InlineError field=remove_field.clone() problem=remove_problem />
                        <button type="submit" class="kern-btn kern-btn--tertiary">
                            <span class="kern-label">{fill(t.account_passkey_remove, &[&p.name])}</span>
                        </button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let email_status = match (
        &account.email,
        account.email_confirmed,
        &account.pending_email,
    ) {
        (_, _, Some(pending)) => fill(t.account_email_pending, &[pending]),
        (Some(email), true, None) => format!("{email} ({})", t.account_email_confirmed),
        _ => t.account_email_none.to_owned(),
    };
    view! {
        <Page title=t.account_title has_errors>
            <ErrorSummary flash=summary />
            {account.notice.clone().map(|n| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
                </div>
            })}
            <h1 class="kern-heading-large">{t.account_title}</h1>
            <p class="kern-body">{t.account_signed_in_as}" "<strong>{account.name.clone()}</strong></p>
            <p class="kern-body">{t.account_number}": "<strong>{account.number.to_string()}</strong></p>

            <section class="stack" aria-labelledby="passkeys-title">
                <h2 class="kern-heading-medium" id="passkeys-title">{t.account_passkeys_title}</h2>
                <ul class="passkey-list">{passkeys}</ul>
                <form method="post" action=BeginAddPasskey::url()>
                    <button type="submit" class="kern-btn kern-btn--secondary">
                        <span class="kern-label">{t.account_passkey_add}</span>
                    </button>
                </form>
            </section>

            <section class="stack" aria-labelledby="email-title">
                <h2 class="kern-heading-medium" id="email-title">{t.account_email_title}</h2>
                <p class="kern-body">{email_status}</p>
                <details open=email_open>
                    <summary class="kern-link">{t.account_email_change}</summary>
                    <form method="post" action=ChangeEmail::url() novalidate class="stack">
                        <TextField
                            id="email"
                            name="email"
                            label=t.account_email_label
                            problem=email_problem
                            value=flash.value("email").unwrap_or_default().to_owned()
                            input_type="email"
                            autocomplete="email"
                        />
                        <SubmitButton label=t.account_email_save />
                    </form>
                </details>
            </section>

            <section class="stack" aria-labelledby="reports-title">
                <h2 class="kern-heading-medium" id="reports-title">{t.account_reports_title}</h2>
                {if account.reports.is_empty() {
                    view! { <p class="kern-body">{t.account_reports_none}</p> }.into_any()
                } else {
                    report_list(&account.reports).into_any()
                }}
                {(!account.claimable.is_empty()).then(|| view! {
                    <h3 class="kern-heading-small">{t.account_claim_title}</h3>
                    <p class="kern-body">{t.account_claim_hint}</p>
                    {report_list(&account.claimable)}
                    <form method="post" action=ClaimReports::url()>
                        <button type="submit" class="kern-btn kern-btn--secondary">
                            <span class="kern-label">{t.account_claim_button}</span>
                        </button>
                    </form>
                })}
            </section>

            {account.sections.iter().enumerate().map(|(i, section)| {
                let title_id = format!("section-{i}-title");
                let labelled_by = title_id.clone();
                view! {
                    <section class="stack" aria-labelledby=labelled_by>
                        <h2 class="kern-heading-medium" id=title_id>{section.title.clone()}</h2>
                        <ul class="kern-list">
                            {section.items.iter().map(|item| view! {
                                <li><a class="kern-link" href=item.href.clone()>{item.label.clone()}</a>" – "{item.detail.clone()}</li>
                            }).collect_view()}
                        </ul>
                        {section.more.iter().map(|(href, label)| view! {
                            <p class="kern-body"><a class="kern-link" href=href.clone()>{label.clone()}</a></p>
                        }).collect_view()}
                    </section>
                }
            }).collect_view()}

            {(!account.grants.is_empty()).then(|| view! {
                <section class="stack" aria-labelledby="roles-title">
                    <h2 class="kern-heading-medium" id="roles-title">{t.account_roles_title}</h2>
                    <ul class="kern-list">
                        {account.grants.iter().map(|g| {
                            let place = [g.municipality_name.clone(), g.department_name.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
                            view! {
                                <li>{g.role.label(t)}{(!place.is_empty()).then(|| format!(" – {place}"))}</li>
                            }
                        }).collect_view()}
                    </ul>
                    <ul class="kern-list">
                        {account.grants.iter().any(|g| g.role == crate::model::Role::PlatformAdmin).then(|| view! {
                            <li><a class="kern-link" href=crate::account::serverfns::PLATFORM>{t.platform_link}</a></li>
                        })}
                        {account.administration.iter().map(|(slug, name)| view! {
                            <li><a class="kern-link" href=format!("/verwaltung/{slug}")>{fill(t.admin_title, &[name])}</a></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}

            <section class="stack" aria-labelledby="security-title">
                <h2 class="kern-heading-medium" id="security-title">{t.account_security_title}</h2>
                <div class="button-row">
                    <form method="post" action=SignOut::url()>
                        <button type="submit" class="kern-btn kern-btn--secondary"><span class="kern-label">{t.account_sign_out}</span></button>
                    </form>
                    <form method="post" action=SignOutEverywhere::url()>
                        <button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">{t.account_sign_out_all}</span></button>
                    </form>
                </div>
            </section>

            <section class="stack" aria-labelledby="data-title">
                <h2 class="kern-heading-medium" id="data-title">{t.account_data_title}</h2>
                <p><a class="kern-link" href="/konto/daten.json" download="kiezwerk-daten.json">{t.account_export}</a></p>
                <p><a class="kern-link" href="/konto/loeschen">{t.account_delete}</a></p>
            </section>
        </Page>
    }
}
