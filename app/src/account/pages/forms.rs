//! Account pages that are plain forms: sign-up, e-mail confirmation, recovery, deletion,
//! invitations.

use crate::account::serverfns::{
    load_form_flash, load_invitation, AcceptInvitation, BeginSignUp, ConfirmEmail, DeleteAccount,
    RequestRecovery, UseRecoveryCode, UseRecoveryLink, ACCOUNT,
};
use crate::components::form::{ErrorSummary, InlineError, SubmitButton, TextField};
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::model::Flash;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// A page that shows the flash of its refused form.
#[component]
fn WithFlash<F, V>(content: F) -> impl IntoView
where
    F: Fn(Flash) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let flash = Resource::new(|| (), |_| load_form_flash());
    view! {
        <Suspense>
            {move || {
                let content = content.clone();
                Suspend::new(async move {
                    match flash.await {
                        Ok(flash) => content(flash).into_any(),
                        Err(_) => view! { <TechnicalError /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn query(name: &str) -> String {
    use_query_map()
        .with_untracked(|q| q.get(name))
        .unwrap_or_default()
}

fn has_errors(flash: &Flash) -> Option<Flash> {
    (!flash.errors.is_empty()).then(|| flash.clone())
}

#[component]
pub fn SignUp() -> impl IntoView {
    view! { <WithFlash content=sign_up /> }
}

fn sign_up(flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <Page title=t.sign_up_title has_errors=!flash.errors.is_empty()>
            <ErrorSummary flash=has_errors(&flash) />
            <h1 class="kern-heading-large">{t.sign_up_title}</h1>
            <p class="kern-body">{t.sign_up_lead}</p>
            <form method="post" action=BeginSignUp::url() novalidate class="stack">
                <TextField
                    id="name"
                    name="name"
                    label=t.sign_up_name
                    hint=t.sign_up_name_hint
                    problem=flash.error("name").cloned()
                    value=flash.value("name").unwrap_or_default().to_owned()
                    autocomplete="nickname"
                />
                <TextField
                    id="email"
                    name="email"
                    label=t.sign_up_email
                    hint=t.sign_up_email_hint
                    problem=flash.error("email").cloned()
                    value=flash.value("email").unwrap_or_default().to_owned()
                    input_type="email"
                    autocomplete="email"
                    optional=true
                />
                <SubmitButton label=t.sign_up_continue />
            </form>
        </Page>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    view! { <WithFlash content=confirm_email /> }
}

fn confirm_email(flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    let token = query("token");
    view! {
        <Page title=t.confirm_email_title has_errors=!flash.errors.is_empty()>
            <ErrorSummary flash=has_errors(&flash) />
            <h1 class="kern-heading-large">{t.confirm_email_title}</h1>
            <form method="post" action=ConfirmEmail::url() id="confirm">
                <input type="hidden" name="token" value=token />
                <SubmitButton label=t.confirm_email_button />
            </form>
        </Page>
    }
}

#[component]
pub fn Recover() -> impl IntoView {
    view! { <WithFlash content=recover /> }
}

fn recover(flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    let sent = query("hinweis") == "gesendet";
    view! {
        <Page title=t.recover_title has_errors=!flash.errors.is_empty()>
            <ErrorSummary flash=has_errors(&flash) />
            {sent.then(|| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{t.recover_email_sent}</p></div>
                </div>
            })}
            <h1 class="kern-heading-large">{t.recover_title}</h1>
            <p class="kern-body">{t.recover_lead}</p>
            <h2 class="kern-heading-medium">{t.recover_email_title}</h2>
            <form method="post" action=RequestRecovery::url() novalidate class="stack">
                <TextField
                    id="email"
                    name="email"
                    label=t.recover_email_label
                    problem=flash.error("email").cloned()
                    value=flash.value("email").unwrap_or_default().to_owned()
                    input_type="email"
                    autocomplete="email"
                />
                <SubmitButton label=t.recover_email_button />
            </form>
            <h2 class="kern-heading-medium">{t.recover_code_title}</h2>
            <form method="post" action=UseRecoveryCode::url() novalidate class="stack">
                <TextField
                    id="code"
                    name="code"
                    label=t.recover_code_label
                    hint=t.recover_code_hint
                    problem=flash.error("code").cloned()
                    value=flash.value("code").unwrap_or_default().to_owned()
                    autocomplete="one-time-code"
                />
                <SubmitButton label=t.recover_code_button />
            </form>
        </Page>
    }
}

#[component]
pub fn RecoverLink() -> impl IntoView {
    view! { <WithFlash content=recover_link /> }
}

fn recover_link(flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    let token = query("token");
    view! {
        <Page title=t.recover_link_title has_errors=!flash.errors.is_empty()>
            <ErrorSummary flash=has_errors(&flash) />
            <h1 class="kern-heading-large">{t.recover_link_title}</h1>
            <p class="kern-body">{t.recover_link_text}</p>
            <form method="post" action=UseRecoveryLink::url() id="continue">
                <input type="hidden" name="token" value=token />
                <SubmitButton label=t.recover_link_button />
            </form>
        </Page>
    }
}

#[component]
pub fn DeleteAccountPage() -> impl IntoView {
    view! { <WithFlash content=delete_account /> }
}

fn delete_account(flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    let problem = flash.error("confirm").cloned();
    let has_error = problem.is_some();
    view! {
        <Page title=t.account_delete_title has_errors=has_error>
            <ErrorSummary flash=has_errors(&flash) />
            <a class="kern-link back-link" href=ACCOUNT>{t.back}</a>
            <h1 class="kern-heading-large">{t.account_delete_title}</h1>
            <p class="kern-body">{t.account_delete_text}</p>
            <form method="post" action=DeleteAccount::url() class="stack">
                <div class="kern-form-check" class:kern-form-check--error=has_error>
                    <input class="kern-form-check__checkbox" type="checkbox" id="confirm" name="bestaetigt" value="ja" />
                    <label class="kern-label" for="confirm">{t.account_delete_confirm}</label>
                    <InlineError field="confirm".to_owned() problem />
                </div>
                <button type="submit" class="kern-btn kern-btn--primary danger-button">
                    <span class="kern-label">{t.account_delete_button}</span>
                </button>
            </form>
        </Page>
    }
}

#[component]
pub fn Invitation() -> impl IntoView {
    let t = use_lang().texts();
    let token = query("token");
    let invitation = Resource::new(|| (), {
        let token = token.clone();
        move |_| load_invitation(token.clone())
    });
    let flash = Resource::new(|| (), |_| load_form_flash());
    view! {
        <Suspense>
            {move || {
                let token = token.clone();
                Suspend::new(async move {
                    let (Ok(invitation), Ok(flash)) = (invitation.await, flash.await) else {
                        return view! { <TechnicalError /> }.into_any();
                    };
                    let Some(invitation) = invitation else {
                        return view! {
                            <Page title=t.invitation_title>
                                <h1 class="kern-heading-large">{t.invitation_title}</h1>
                                <p class="kern-body">{t.invitation_invalid}</p>
                            </Page>
                        }
                        .into_any();
                    };
                    let role = [Some(invitation.role), invitation.department, invitation.municipality]
                        .into_iter()
                        .flatten()
                        .collect::<Vec<_>>()
                        .join(", ");
                    let signed_in = crate::context::use_viewer().is_some();
                    view! {
                        <Page title=t.invitation_title has_errors=!flash.errors.is_empty()>
                            <ErrorSummary flash=has_errors(&flash) />
                            <h1 class="kern-heading-large">{t.invitation_title}</h1>
                            <p class="kern-body">{crate::i18n::fill(t.invitation_text, &[&role])}</p>
                            <form method="post" action=AcceptInvitation::url() novalidate class="stack">
                                <input type="hidden" name="token" value=token />
                                {(!signed_in).then(|| view! {
                                    <TextField
                                        id="name"
                                        name="name"
                                        label=t.sign_up_name
                                        problem=flash.error("name").cloned()
                                        value=flash.value("name").unwrap_or_default().to_owned()
                                        autocomplete="name"
                                    />
                                })}
                                <SubmitButton label=if signed_in { t.invitation_accept_signed_in } else { t.invitation_accept } />
                            </form>
                        </Page>
                    }
                    .into_any()
                })
            }}
        </Suspense>
    }
}
