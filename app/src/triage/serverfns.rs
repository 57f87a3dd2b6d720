//! The dispatchers' triage: the queue's and a report's data, and the forms that change a report.
//! Every form carries the report's version; the server refuses a change to a report that
//! somebody else changed meanwhile.

// A server function's arguments are its form's fields; the status form has eight.
#![allow(clippy::too_many_arguments)]

use super::model::{QueueFilter, QueueView, StaffReportView, StatisticsView};
#[cfg(feature = "ssr")]
use super::{
    model::{TriageAction, TriageRefusal},
    port::{Preview, SharedTriage},
};
#[cfg(feature = "ssr")]
use crate::request::signed_in;
#[cfg(feature = "ssr")]
use crate::{port::PortError, request};
use leptos::prelude::*;

/// A report's page in the triage view.
pub fn report_path(reference: &str) -> String {
    format!("/dienst/meldungen/{reference}")
}

#[cfg(feature = "ssr")]
fn triage() -> SharedTriage {
    expect_context::<SharedTriage>()
}

#[server(prefix = "/api", endpoint = "dienst/eingang")]
pub async fn load_queue(
    slug: String,
    filter: QueueFilter,
    hinweis: Option<String>,
) -> Result<Option<QueueView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let lang = request::lang();
    let notice = hinweis.as_deref().and_then(|h| bulk_notice(h, lang));
    let view = triage()
        .queue(&viewer, &slug, filter, request::take_flash(), notice, lang)
        .await?;
    if view.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(view)
}

/// "3 geändert, 1 übersprungen": the outcome of a bulk action, carried as `?hinweis=3-1`.
#[cfg(feature = "ssr")]
fn bulk_notice(hint: &str, lang: crate::i18n::Lang) -> Option<String> {
    let t = lang.texts();
    match hint {
        "keine" => return Some(t.err_selection_empty.to_owned()),
        "ziel" => return Some(format!("{}.", t.err_target_missing)),
        "grund" => return Some(format!("{}.", t.err_reason_missing)),
        _ => {}
    }
    let (done, skipped) = hint.split_once('-')?;
    let (done, skipped): (u32, u32) = (done.parse().ok()?, skipped.parse().ok()?);
    Some(if skipped == 0 {
        crate::i18n::fill(t.triage_bulk_done, &[&done.to_string()])
    } else {
        crate::i18n::fill(
            t.triage_bulk_partly,
            &[&done.to_string(), &skipped.to_string()],
        )
    })
}

#[server(prefix = "/api", endpoint = "dienst/meldung")]
pub async fn load_staff_report(
    reference: String,
    hinweis: Option<String>,
    neue_kategorie: Option<String>,
    neuer_breitengrad: Option<String>,
    neuer_laengengrad: Option<String>,
) -> Result<Option<StaffReportView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let lang = request::lang();
    let notice =
        (hinweis.as_deref() == Some("gespeichert")).then(|| lang.texts().triage_saved.to_owned());
    let view = triage()
        .report(
            &viewer,
            &reference,
            Preview {
                category: neue_kategorie,
                location: neuer_breitengrad.zip(neuer_laengengrad),
            },
            request::take_flash(),
            notice,
            lang,
        )
        .await?;
    if view.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(view)
}

#[server(prefix = "/api", endpoint = "dienst/statistik")]
pub async fn load_statistics(slug: String) -> Result<Option<StatisticsView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = triage().statistics(&viewer, &slug, request::lang()).await?;
    if view.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(view)
}

/// Carries out a change and returns to the report: with a notice, or with the refusal in the
/// error summary and the typed values kept.
#[cfg(feature = "ssr")]
async fn act(
    reference: &str,
    version: i64,
    action: TriageAction,
    values: Vec<(&str, &str)>,
    renames: &[(&str, &str)],
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let page = report_path(reference);
    match triage()
        .act(&viewer, reference, version, action, request::lang())
        .await
    {
        Ok(()) => request::see_other(&format!("{page}?hinweis=gespeichert")),
        Err(PortError::Refused(TriageRefusal::NotFound)) => request::see_other(&page),
        Err(PortError::Refused(TriageRefusal::Invalid(mut error))) => {
            if let Some((_, to)) = renames.iter().find(|(from, _)| *from == error.field) {
                error.field = (*to).to_owned();
            }
            request::set_flash(&crate::model::Flash {
                errors: vec![error],
                values: values
                    .into_iter()
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
                notice: None,
            });
            request::see_other(&page);
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "dienst/status")]
pub async fn change_status(
    reference: String,
    version: i64,
    transition: Option<String>,
    reason: Option<String>,
    target: Option<String>,
    duplicate: Option<String>,
    public_note: Option<String>,
    internal_note: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (transition, reason, target, duplicate, public_note, internal_note) = (
        field(transition),
        field(reason),
        field(target),
        field(duplicate),
        field(public_note),
        field(internal_note),
    );
    let values = [
        ("transition", transition.clone()),
        ("reason", reason.clone()),
        ("target", target.clone()),
        ("duplicate", duplicate.clone()),
        ("public-note", public_note.clone()),
        ("internal-note", internal_note.clone()),
    ];
    let action = TriageAction::Status {
        transition,
        reason,
        target,
        duplicate,
        public_note,
        internal_note,
    };
    act(
        &reference,
        version,
        action,
        values.iter().map(|(k, v)| (*k, v.as_str())).collect(),
        &[],
    )
    .await
}

#[server(prefix = "/api", endpoint = "dienst/zuweisen")]
pub async fn assign(
    reference: String,
    version: i64,
    assignee: Option<String>,
) -> Result<(), ServerFnError> {
    let assignee = assignee.unwrap_or_default();
    act(
        &reference,
        version,
        TriageAction::Assign { assignee },
        vec![],
        &[],
    )
    .await
}

#[server(prefix = "/api", endpoint = "dienst/prioritaet")]
pub async fn set_priority(
    reference: String,
    version: i64,
    priority: String,
) -> Result<(), ServerFnError> {
    act(
        &reference,
        version,
        TriageAction::Priority { priority },
        vec![],
        &[],
    )
    .await
}

#[server(prefix = "/api", endpoint = "dienst/kategorie")]
pub async fn change_category(
    reference: String,
    version: i64,
    category: String,
) -> Result<(), ServerFnError> {
    act(
        &reference,
        version,
        TriageAction::Category { category },
        vec![],
        &[],
    )
    .await
}

#[server(prefix = "/api", endpoint = "dienst/ort")]
pub async fn change_location(
    reference: String,
    version: i64,
    lat: String,
    lon: String,
) -> Result<(), ServerFnError> {
    act(
        &reference,
        version,
        TriageAction::Location { lat, lon },
        vec![],
        &[],
    )
    .await
}

#[server(prefix = "/api", endpoint = "dienst/notiz")]
pub async fn add_note(
    reference: String,
    version: i64,
    public_note: Option<String>,
    internal_note: Option<String>,
) -> Result<(), ServerFnError> {
    let public_note = public_note.unwrap_or_default();
    let internal_note = internal_note.unwrap_or_default();
    let values = [
        ("note-public", public_note.clone()),
        ("note-internal", internal_note.clone()),
    ];
    act(
        &reference,
        version,
        TriageAction::Note {
            public_note,
            internal_note,
        },
        values.iter().map(|(k, v)| (*k, v.as_str())).collect(),
        &[
            ("public-note", "note-public"),
            ("internal-note", "note-internal"),
        ],
    )
    .await
}
