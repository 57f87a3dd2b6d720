//! Bürger-ID: the account pages' data and forms. Passkey ceremonies themselves run between the
//! browser's script and the server's JSON endpoints; these functions prepare and manage them.

use super::model::{
    AccountView, AdminView, EnrolmentKind, InvitationView, OutboxMail, PlatformView,
};
#[cfg(feature = "ssr")]
use super::{
    model::{Acceptance, AdminRefusal},
    port::SharedAccounts,
};
use crate::model::AccountId;
#[cfg(feature = "ssr")]
use crate::request::signed_in;
#[cfg(feature = "ssr")]
use crate::{
    cookies::{CLAIMS, ENROL, HANDOVER, SESSION},
    model::{FieldError, Flash, Problem, Role},
    port::PortError,
    request,
};
use leptos::prelude::*;

/// Where the account pages live.
pub const ACCOUNT: &str = "/konto";
pub const SIGN_IN: &str = crate::model::SIGN_IN_PATH;
pub const SIGN_UP: &str = "/konto/registrieren";
pub const NEW_PASSKEY: &str = "/konto/neuer-passkey";
pub const RECOVER: &str = "/konto/wiederherstellen";

#[cfg(feature = "ssr")]
const ENROLMENT_SECONDS: i64 = 15 * 60;

#[cfg(feature = "ssr")]
fn accounts() -> SharedAccounts {
    expect_context::<SharedAccounts>()
}

#[cfg(feature = "ssr")]
fn refuse(back: &str, errors: Vec<FieldError>, values: Vec<(String, String)>) {
    request::set_flash(&Flash {
        errors,
        values,
        notice: None,
    });
    request::see_other(back);
}

#[cfg(feature = "ssr")]
fn enrol(token: &str) {
    request::set_our_cookie(ENROL, token, Some(ENROLMENT_SECONDS));
    request::see_other(NEW_PASSKEY);
}

/// The account page's data; `None` (and a redirect) when nobody is signed in.
#[server(prefix = "/api", endpoint = "konto/zustand")]
pub async fn load_account(hinweis: Option<String>) -> Result<Option<AccountView>, ServerFnError> {
    let Some(viewer) = request::viewer() else {
        request::see_other(SIGN_IN);
        return Ok(None);
    };
    let lang = request::lang();
    let t = lang.texts();
    let notice = match hinweis.as_deref() {
        Some("passkey-hinzugefuegt") => Some(t.notice_passkey_added),
        Some("passkey-entfernt") => Some(t.notice_passkey_removed),
        Some("passkey-umbenannt") => Some(t.notice_passkey_renamed),
        Some("email-gesendet") => Some(t.notice_email_sent),
        Some("email-entfernt") => Some(t.notice_email_removed),
        Some("zugeordnet") => Some(t.notice_claimed),
        Some("einladung") => Some(t.invitation_accepted),
        Some("email-bestaetigt") => Some(t.confirm_email_done),
        _ => None,
    };
    let claims = request::our_cookie(CLAIMS);
    let flash = request::take_flash();
    Ok(Some(
        accounts()
            .account(
                &viewer,
                claims.as_deref(),
                flash,
                notice.map(str::to_owned),
                lang,
            )
            .await?,
    ))
}

/// The flash of a refused form on a page without other data (sign-up, recovery).
#[server(prefix = "/api", endpoint = "konto/formular")]
pub async fn load_form_flash() -> Result<crate::model::Flash, ServerFnError> {
    Ok(request::take_flash())
}

#[server(prefix = "/api", endpoint = "konto/registrieren")]
pub async fn begin_sign_up(
    name: Option<String>,
    email: Option<String>,
) -> Result<(), ServerFnError> {
    let (name, email) = (name.unwrap_or_default(), email.unwrap_or_default());
    match accounts().begin_sign_up(&name, &email).await {
        Ok(token) => enrol(&token),
        Err(PortError::Refused(errors)) => refuse(
            SIGN_UP,
            errors,
            vec![("name".into(), name), ("email".into(), email)],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

/// What the "create a passkey" page is for; `None` when there is nothing to create.
#[server(prefix = "/api", endpoint = "konto/einrichtung")]
pub async fn load_enrolment() -> Result<Option<EnrolmentKind>, ServerFnError> {
    match request::token_cookie(ENROL) {
        Some(token) => Ok(accounts().enrolment(&token).await?),
        None => Ok(None),
    }
}

#[server(prefix = "/api", endpoint = "konto/passkey-hinzufuegen")]
pub async fn begin_add_passkey() -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let token = accounts().begin_add_passkey(&viewer).await?;
    enrol(&token);
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/passkey-umbenennen")]
pub async fn rename_passkey(passkey: i64, name: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let name = name.unwrap_or_default();
    match accounts().rename_passkey(&viewer, passkey, &name).await {
        Ok(()) => request::see_other(&format!("{ACCOUNT}?hinweis=passkey-umbenannt")),
        Err(PortError::Refused(problem)) => refuse(
            ACCOUNT,
            vec![FieldError::new(&format!("passkey-{passkey}-name"), problem)],
            vec![(format!("passkey-{passkey}-name"), name)],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/passkey-entfernen")]
pub async fn remove_passkey(passkey: i64, bestaetigt: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    match accounts()
        .remove_passkey(&viewer, passkey, bestaetigt.is_some())
        .await
    {
        Ok(()) => request::see_other(&format!("{ACCOUNT}?hinweis=passkey-entfernt")),
        Err(PortError::Refused(problem)) => refuse(
            ACCOUNT,
            vec![FieldError::new(
                &format!("passkey-{passkey}-remove"),
                problem,
            )],
            vec![],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/abmelden")]
pub async fn sign_out() -> Result<(), ServerFnError> {
    if let Some(token) = request::token_cookie(SESSION) {
        accounts()
            .sign_out(&token, request::viewer().as_ref())
            .await?;
    }
    request::remove_our_cookie(SESSION);
    request::see_other("/?hinweis=abgemeldet");
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/ueberall-abmelden")]
pub async fn sign_out_everywhere() -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    accounts().sign_out_everywhere(&viewer).await?;
    request::remove_our_cookie(SESSION);
    request::see_other(&format!("{SIGN_IN}?hinweis=ueberall-abgemeldet"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/email")]
pub async fn change_email(email: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let email = email.unwrap_or_default();
    match accounts().change_email(&viewer, &email).await {
        Ok(()) if email.trim().is_empty() => {
            request::see_other(&format!("{ACCOUNT}?hinweis=email-entfernt"))
        }
        Ok(()) => request::see_other(&format!("{ACCOUNT}?hinweis=email-gesendet")),
        Err(PortError::Refused(problem)) => refuse(
            ACCOUNT,
            vec![FieldError::new("email", problem)],
            vec![("email".into(), email)],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/email-bestaetigen")]
pub async fn confirm_email(token: String) -> Result<(), ServerFnError> {
    match accounts().confirm_email(&token).await {
        Ok(()) if request::viewer().is_some() => {
            request::see_other(&format!("{ACCOUNT}?hinweis=email-bestaetigt"))
        }
        Ok(()) => request::see_other(&format!("{SIGN_IN}?hinweis=email-bestaetigt")),
        Err(PortError::Refused(problem)) => refuse(
            &format!("/konto/email-bestaetigen?token={token}"),
            vec![FieldError::new("confirm", problem)],
            vec![],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/wiederherstellen")]
pub async fn request_recovery(email: Option<String>) -> Result<(), ServerFnError> {
    let email = email.unwrap_or_default();
    match accounts()
        .request_recovery(&email, request::client_ip())
        .await
    {
        Ok(()) => request::see_other(&format!("{RECOVER}?hinweis=gesendet")),
        Err(PortError::Refused(problem)) => refuse(
            RECOVER,
            vec![FieldError::new("email", problem)],
            vec![("email".into(), email)],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/wiederherstellen/link")]
pub async fn use_recovery_link(token: String) -> Result<(), ServerFnError> {
    match accounts().use_recovery_link(&token).await? {
        Some(enrolment) => enrol(&enrolment),
        None => refuse(
            &format!("{RECOVER}/link?token={token}"),
            vec![FieldError::new("continue", Problem::LinkInvalid)],
            vec![],
        ),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/wiederherstellen/code")]
pub async fn use_recovery_code(code: Option<String>) -> Result<(), ServerFnError> {
    let code = code.unwrap_or_default();
    match accounts().use_recovery_code(&code).await? {
        Some(enrolment) => enrol(&enrolment),
        None => refuse(
            RECOVER,
            vec![FieldError::new("code", Problem::CodeInvalid)],
            vec![("code".into(), code)],
        ),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/zuordnen")]
pub async fn claim_reports() -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let claims = request::our_cookie(CLAIMS);
    accounts().claim_reports(&viewer, claims.as_deref()).await?;
    request::remove_our_cookie(CLAIMS);
    request::see_other(&format!("{ACCOUNT}?hinweis=zugeordnet"));
    Ok(())
}

#[server(prefix = "/api", endpoint = "konto/loeschen")]
pub async fn delete_account(bestaetigt: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    if bestaetigt.is_none() {
        refuse(
            "/konto/loeschen",
            vec![FieldError::new("confirm", Problem::DeletionNotConfirmed)],
            vec![],
        );
        return Ok(());
    }
    accounts().delete_account(&viewer).await?;
    request::remove_our_cookie(SESSION);
    request::see_other("/?hinweis=konto-geloescht");
    Ok(())
}

#[server(prefix = "/api", endpoint = "entwicklung/postausgang")]
pub async fn load_outbox() -> Result<Option<Vec<OutboxMail>>, ServerFnError> {
    let outbox = accounts().outbox(request::lang()).await?;
    if outbox.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(outbox)
}

/// The link or code to hand over, shown once: read and removed.
#[cfg(feature = "ssr")]
fn take_handover() -> Option<String> {
    let handover = request::our_cookie(HANDOVER);
    if handover.is_some() {
        request::remove_our_cookie(HANDOVER);
    }
    handover
}

/// A municipality's administration page; `None` with 403 when not allowed.
#[server(prefix = "/api", endpoint = "verwaltung/zustand")]
pub async fn load_admin(slug: String) -> Result<Option<AdminView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let flash = request::take_flash();
    let handover = take_handover();
    let view = accounts()
        .admin(&viewer, &slug, flash, handover, request::lang())
        .await?;
    if view.is_none() {
        request::forbid();
    }
    Ok(view)
}

/// Where platform administrators see every municipality and onboard new ones.
pub const PLATFORM: &str = "/verwaltung";

/// Where the form for a new municipality posts (multipart: it carries the boundary file).
pub const NEW_MUNICIPALITY: &str = "/verwaltung/neue-gemeinde";

#[server(prefix = "/api", endpoint = "verwaltung/plattform")]
pub async fn load_platform() -> Result<Option<PlatformView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let flash = request::take_flash();
    let handover = take_handover();
    let view = accounts()
        .platform(&viewer, flash, handover, request::lang())
        .await?;
    Ok(request::found(view))
}

/// Where an administrative form returns to; refusals become a flash there, or a 403.
#[cfg(feature = "ssr")]
fn admin_outcome(
    slug: &str,
    outcome: Result<Option<String>, PortError<AdminRefusal>>,
) -> Result<(), ServerFnError> {
    let page = format!("/verwaltung/{slug}");
    match outcome {
        Ok(handover) => {
            if let Some(handover) = handover {
                // Shown once on the page, never in a URL or log.
                request::set_our_cookie(HANDOVER, &handover, Some(120));
            }
            request::see_other(&page);
        }
        Err(PortError::Refused(AdminRefusal::Forbidden)) => request::forbid(),
        Err(PortError::Refused(AdminRefusal::Invalid(error))) => refuse(&page, vec![error], vec![]),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "verwaltung/einladen")]
pub async fn invite_staff(
    slug: String,
    role: String,
    department: Option<String>,
    note: Option<String>,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let Some(role) = Role::parse(&role) else {
        return admin_outcome(&slug, Err(PortError::Refused(AdminRefusal::Forbidden)));
    };
    let department = department.and_then(|d| d.parse().ok());
    let outcome = accounts()
        .invite(
            &viewer,
            &slug,
            role,
            department,
            note.as_deref().unwrap_or_default(),
        )
        .await;
    admin_outcome(&slug, outcome.map(Some))
}

#[server(prefix = "/api", endpoint = "verwaltung/wiederherstellungscode")]
pub async fn issue_recovery_code(slug: String, who: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let outcome = accounts()
        .issue_recovery_code(&viewer, &slug, who.as_deref().unwrap_or_default())
        .await;
    admin_outcome(&slug, outcome.map(Some))
}

#[server(prefix = "/api", endpoint = "verwaltung/deaktivieren")]
pub async fn set_staff_disabled(
    slug: String,
    account: AccountId,
    disabled: bool,
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let outcome = accounts()
        .set_staff_disabled(&viewer, &slug, account, disabled)
        .await;
    admin_outcome(&slug, outcome.map(|()| None))
}

#[server(prefix = "/api", endpoint = "einladung/zustand")]
pub async fn load_invitation(token: String) -> Result<Option<InvitationView>, ServerFnError> {
    let invitation = accounts().invitation(&token, request::lang()).await?;
    if invitation.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(invitation)
}

#[server(prefix = "/api", endpoint = "einladung/annehmen")]
pub async fn accept_invitation(token: String, name: Option<String>) -> Result<(), ServerFnError> {
    let name = name.unwrap_or_default();
    let viewer = request::viewer();
    match accounts()
        .accept_invitation(viewer.as_ref(), &token, &name)
        .await
    {
        Ok(Acceptance::Accepted) => request::see_other(&format!("{ACCOUNT}?hinweis=einladung")),
        Ok(Acceptance::Enrol(enrolment)) => enrol(&enrolment),
        Err(PortError::Refused(errors)) => refuse(
            &format!("/einladung?token={token}"),
            errors,
            vec![("name".into(), name)],
        ),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}
