//! The pages with a passkey prompt: sign-in and creating a passkey. The prompt itself needs
//! JavaScript (`/js/passkey.js`); without it the pages say so.

use crate::account::model::EnrolmentKind;
use crate::account::serverfns::{load_enrolment, RECOVER, SIGN_UP};
use crate::components::form::TextField;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use leptos::prelude::*;
use leptos_meta::Script;
use leptos_router::hooks::use_query_map;

/// The script and the messages it shows, and what to show without it. (Not `<noscript>`:
/// a blocked or failed script must show the hint too.)
#[component]
fn PasskeyScript() -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <Script src="/js/passkey.js" type_="module" />
        // Shown until the script runs (and where it cannot run at all).
        <div class="kern-alert kern-alert--warning" data-passkey-needs-js="">
            <div class="kern-alert__body"><p class="kern-body">{t.passkey_needs_js}</p></div>
        </div>
        <div
            hidden
            data-passkey-messages=""
            data-working=t.passkey_working
            data-cancelled=t.passkey_cancelled
            data-unsupported=t.passkey_unsupported
            data-failed=t.passkey_refused
        ></div>
        <div class="kern-alert kern-alert--danger" role="alert" tabindex="-1" hidden data-passkey-error="">
            <div class="kern-alert__body"><p class="kern-body" data-passkey-error-text=""></p></div>
        </div>
        <p class="kern-body" role="status" data-passkey-status=""></p>
    }
}

#[component]
pub fn SignIn() -> impl IntoView {
    let t = use_lang().texts();
    let notice = use_query_map()
        .with_untracked(|q| q.get("hinweis"))
        .and_then(|n| match n.as_str() {
            "email-bestaetigt" => Some(t.confirm_email_done),
            "ueberall-abgemeldet" | "abgemeldet" => Some(t.notice_signed_out),
            _ => None,
        });
    view! {
        <Page title=t.sign_in_title>
            {notice.map(|n| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
                </div>
            })}
            <h1 class="kern-heading-large">{t.sign_in_title}</h1>
            <p class="kern-body">{t.sign_in_lead}</p>
            <PasskeyScript />
            <form class="stack" data-passkey-sign-in="">
                <div class="kern-form-input">
                    <label class="kern-label" for="account-hint">{t.sign_in_field}</label>
                    <div class="kern-hint" id="account-hint-hint">{t.sign_in_field_hint}</div>
                    // The autofill of this field offers passkeys (conditional mediation).
                    <input
                        class="kern-form-input__input"
                        type="text"
                        id="account-hint"
                        name="username"
                        autocomplete="username webauthn"
                        aria-describedby="account-hint-hint"
                    />
                </div>
                // Enabled by the script once it can answer the click.
                <button type="submit" class="kern-btn kern-btn--primary" disabled>
                    <span class="kern-label">{t.sign_in_button}</span>
                </button>
            </form>
            <h2 class="kern-heading-small">{t.sign_in_no_account}</h2>
            <p><a class="kern-link" href=SIGN_UP>{t.sign_in_register_link}</a></p>
            <h2 class="kern-heading-small">{t.sign_in_lost}</h2>
            <p><a class="kern-link" href=RECOVER>{t.sign_in_recover_link}</a></p>
        </Page>
    }
}

/// Creating a passkey, for whatever the enrolment cookie says (sign-up, another passkey,
/// recovery, invitation).
#[component]
pub fn NewPasskey() -> impl IntoView {
    let t = use_lang().texts();
    let enrolment = Resource::new(|| (), |_| load_enrolment());
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                let kind = match enrolment.await {
                    Err(_) => return view! { <TechnicalError /> }.into_any(),
                    Ok(kind) => kind,
                };
                let Some(kind) = kind else {
                    return view! {
                        <Page title=t.enrol_title_signup>
                            <h1 class="kern-heading-large">{t.enrol_title_signup}</h1>
                            <p class="kern-body">{t.enrol_missing}</p>
                            <p><a class="kern-link" href=SIGN_UP>{t.sign_in_register_link}</a></p>
                        </Page>
                    }
                    .into_any();
                };
                let title = match kind {
                    EnrolmentKind::SignUp => t.enrol_title_signup,
                    EnrolmentKind::AddPasskey => t.enrol_title_add,
                    EnrolmentKind::Recover => t.enrol_title_recover,
                    EnrolmentKind::Invitation => t.enrol_title_invitation,
                };
                view! {
                    <Page title=title>
                        <h1 class="kern-heading-large">{title}</h1>
                        <p class="kern-body">{t.enrol_lead}</p>
                        <PasskeyScript />
                        <form class="stack" data-passkey-register="">
                            <TextField
                                id="passkey-name"
                                name="name"
                                label=t.enrol_name
                                hint=t.enrol_name_hint
                                autocomplete="off"
                                optional=true
                            />
                            <button type="submit" class="kern-btn kern-btn--primary" disabled>
                                <span class="kern-label">{t.enrol_button}</span>
                            </button>
                        </form>
                    </Page>
                }
                .into_any()
            })}
        </Suspense>
    }
}
