//! The citizen's report flow, one server function per question, and the data of the
//! confirmation and status pages. Where each answer leads is [`super::flow`]'s.

use super::model::{Confirmation, FlowState, ReportView};
#[cfg(feature = "ssr")]
use super::{
    flow::{next_question, next_step, question_path, step_url, Step, RETURN_TO_CHECK},
    port::{DraftToken, DraftUpdate, Outcome, SharedReportFlow, SubmitOutcome},
};
#[cfg(feature = "ssr")]
use crate::{cookies, request};
use leptos::prelude::*;
use std::collections::HashMap;

#[cfg(feature = "ssr")]
fn port() -> SharedReportFlow {
    expect_context::<SharedReportFlow>()
}

/// The draft cookie's token.
#[cfg(feature = "ssr")]
fn draft_token() -> Option<DraftToken> {
    request::token_cookie(cookies::DRAFT).map(DraftToken)
}

/// The draft cookie lives for the browser session; the server expires the draft itself.
#[cfg(feature = "ssr")]
fn set_draft_cookie(token: &DraftToken) {
    request::set_our_cookie(cookies::DRAFT, &token.0, None);
}

/// Catalogue, map settings and the citizen's draft, for every page of the flow.
#[server(prefix = "/api", endpoint = "melden/zustand")]
pub async fn load_flow() -> Result<FlowState, ServerFnError> {
    let backend = port();
    let draft = draft_token();
    Ok(backend.flow_state(draft.as_ref(), request::lang()).await?)
}

/// Saves one answer and redirects: onwards when it was accepted, back to the step (which then
/// shows the errors) when it was refused, to the start when the draft has expired.
#[cfg(feature = "ssr")]
async fn answer(
    step: Step,
    update: DraftUpdate,
    back: Option<String>,
) -> Result<(), ServerFnError> {
    let backend = port();
    let lang = request::lang();
    let returning = back.as_deref() == Some(RETURN_TO_CHECK);
    // The extra questions have a page each: the one just answered, and the next.
    let question = match &update {
        DraftUpdate::Answers { question, .. } => question.clone(),
        _ => None,
    };
    let token = match draft_token() {
        Some(token) => token,
        // Only the first question may start a draft; a later one without a draft has expired.
        None if step == Step::Category => {
            let token = backend.new_draft().await?;
            set_draft_cookie(&token);
            token
        }
        None => return restart(&backend).await,
    };
    let mut outcome = backend.update_draft(&token, update.clone(), lang).await?;
    if outcome == Outcome::NoDraft && step == Step::Category {
        // The cookie names an expired or submitted draft: the first answer starts a new one.
        let token = backend.new_draft().await?;
        set_draft_cookie(&token);
        outcome = backend.update_draft(&token, update, lang).await?;
    }
    match outcome {
        Outcome::Saved(draft) => {
            let next_question = question
                .as_deref()
                .filter(|_| !returning)
                .and_then(|code| next_question(&draft.questions, code));
            match next_question {
                Some(code) => request::see_other(&question_path(code, false)),
                None => {
                    request::see_other(&step_url(next_step(step, &draft, returning), returning))
                }
            }
        }
        Outcome::Refused => match &question {
            Some(code) => request::see_other(&question_path(code, returning)),
            None => request::see_other(&step_url(step, returning)),
        },
        Outcome::NoDraft => return restart(&backend).await,
    }
    Ok(())
}

/// Starts over with a fresh draft that explains why.
#[cfg(feature = "ssr")]
async fn restart(backend: &SharedReportFlow) -> Result<(), ServerFnError> {
    let token = backend.new_draft_expired_notice().await?;
    set_draft_cookie(&token);
    request::see_other(Step::Category.path());
    Ok(())
}

#[server(prefix = "/api", endpoint = "melden/kategorie")]
pub async fn choose_category(
    category: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    answer(
        Step::Category,
        DraftUpdate::Category(category.unwrap_or_default()),
        zurueck,
    )
    .await
}

/// Starts a new report with its category and place already given (from another page, such
/// as a street tree's "Schaden melden"): on to the category's questions, or the place to
/// confirm. A refused preset starts at the category.
#[server(prefix = "/api", endpoint = "melden/vorbelegt")]
pub async fn start_preset(
    kategorie: String,
    lat: String,
    lon: String,
) -> Result<(), ServerFnError> {
    let backend = port();
    let lang = request::lang();
    let token = backend.new_draft().await?;
    set_draft_cookie(&token);
    let category = backend
        .update_draft(&token, DraftUpdate::Category(kategorie), lang)
        .await?;
    let Outcome::Saved(draft) = category else {
        request::see_other(Step::Category.path());
        return Ok(());
    };
    backend
        .update_draft(&token, DraftUpdate::Point { lat, lon }, lang)
        .await?;
    request::see_other(&step_url(next_step(Step::Category, &draft, false), false));
    Ok(())
}

/// Answers to the category's extra questions, as `antworten[code]=value`: to the one named by
/// `frage` (each question has its own page), or to all at once without it.
#[server(prefix = "/api", endpoint = "melden/angaben")]
pub async fn answer_questions(
    #[server(default)] antworten: HashMap<String, String>,
    frage: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let update = DraftUpdate::Answers {
        question: frage.filter(|code| !code.trim().is_empty()),
        answers: antworten.into_iter().collect(),
    };
    answer(Step::Details, update, zurueck).await
}

/// A point picked on the map, by geolocation or typed as coordinates.
#[server(prefix = "/api", endpoint = "melden/ort/punkt")]
pub async fn set_point(
    lat: Option<String>,
    lon: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let update = DraftUpdate::Point {
        lat: lat.unwrap_or_default(),
        lon: lon.unwrap_or_default(),
    };
    answer(Step::Location, update, zurueck).await
}

/// The non-map alternative: a district or municipality and an address or description.
#[server(prefix = "/api", endpoint = "melden/ort/beschreibung")]
pub async fn describe_location(
    gebiet: Option<String>,
    adresse: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let update = DraftUpdate::Described {
        area: gebiet.unwrap_or_default(),
        address: adresse.unwrap_or_default(),
    };
    answer(Step::Location, update, zurueck).await
}

/// Takes the place a photo's GPS data names as the report's location.
#[server(prefix = "/api", endpoint = "melden/fotos/ort")]
pub async fn use_photo_location(foto: i64) -> Result<(), ServerFnError> {
    let backend = port();
    let Some(token) = draft_token() else {
        return restart(&backend).await;
    };
    match backend
        .update_draft(&token, DraftUpdate::PhotoLocation(foto), request::lang())
        .await?
    {
        Outcome::NoDraft => return restart(&backend).await,
        Outcome::Saved(_) | Outcome::Refused => request::see_other(Step::Photos.path()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "melden/fotos/entfernen")]
pub async fn remove_photo(foto: i64) -> Result<(), ServerFnError> {
    let backend = port();
    let Some(token) = draft_token() else {
        return restart(&backend).await;
    };
    match backend
        .update_draft(&token, DraftUpdate::RemovePhoto(foto), request::lang())
        .await?
    {
        Outcome::NoDraft => return restart(&backend).await,
        Outcome::Saved(_) | Outcome::Refused => request::see_other(Step::Photos.path()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "melden/beschreibung")]
pub async fn set_description(
    beschreibung: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let update = DraftUpdate::Description(beschreibung.unwrap_or_default());
    answer(Step::Description, update, zurueck).await
}

#[server(prefix = "/api", endpoint = "melden/kontakt")]
pub async fn set_contact(
    email: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    answer(
        Step::Contact,
        DraftUpdate::Contact(email.unwrap_or_default()),
        zurueck,
    )
    .await
}

/// Sends the report. On success the citizen lands on the confirmation page.
#[server(prefix = "/api", endpoint = "melden/absenden")]
pub async fn submit_report() -> Result<(), ServerFnError> {
    let backend = port();
    let Some(token) = draft_token() else {
        return restart(&backend).await;
    };
    let account = request::viewer().map(|v| v.account_id);
    match backend.submit(&token, account, request::lang()).await? {
        SubmitOutcome::Submitted { reference, access } => {
            // An anonymous report can be claimed later by signing up in this browser.
            if account.is_none() {
                request::remember_claim(&reference, &access);
            }
            request::see_other(&format!(
                "/melden/bestaetigung?meldung={reference}&zugang={access}"
            ))
        }
        SubmitOutcome::Refused => request::see_other(Step::Check.path()),
        SubmitOutcome::NoDraft => return restart(&backend).await,
    }
    Ok(())
}

/// Supports an open report of the same kind nearby instead of sending a new one. The citizen
/// lands on that report's status page.
#[server(prefix = "/api", endpoint = "melden/unterstuetzen")]
pub async fn support_report(meldung: String) -> Result<(), ServerFnError> {
    let backend = port();
    let Some(token) = draft_token() else {
        return restart(&backend).await;
    };
    match backend.support(&token, &meldung, request::lang()).await? {
        Some(reference) => {
            request::see_other(&format!("/meldungen/{reference}?hinweis=unterstuetzt"))
        }
        None => request::see_other(Step::Check.path()),
    }
    Ok(())
}

/// A report's status page data; `access` is the reporter's personal token, if any.
#[server(prefix = "/api", endpoint = "meldung")]
pub async fn load_report(
    reference: String,
    access: Option<String>,
) -> Result<Option<ReportView>, ServerFnError> {
    let backend = port();
    let report = backend
        .report(
            reference.trim(),
            access.as_deref(),
            request::viewer().as_ref(),
            request::lang(),
        )
        .await?;
    if report.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(report)
}

/// The confirmation shown right after submitting.
#[server(prefix = "/api", endpoint = "melden/bestaetigung")]
pub async fn load_confirmation(
    reference: String,
    access: String,
) -> Result<Option<Confirmation>, ServerFnError> {
    let backend = port();
    let confirmation = backend
        .confirmation(&reference, &access, request::lang())
        .await?;
    if confirmation.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(confirmation)
}
