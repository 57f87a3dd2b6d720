//! The Bauhof's server functions: each page's data, and the forms. Every form posts here and
//! is answered with a redirect (post/redirect/get): to the next step, or back to its page
//! with a notice saying what was done, or with the refusal in the error summary and the typed
//! values kept.

// A server function's arguments are its form's fields.
#![allow(clippy::too_many_arguments)]

use super::model::{
    AllocationView, DraftView, FleetView, LabelsView, PoolView, RegisterFilter, RegisterView,
    RequestView, StatisticsView, UnitCard, UnitView, WorkerHome, YardsView,
};
#[cfg(feature = "ssr")]
use super::{
    model::{BauhofRefusal, BreakdownStep, DraftAnswer, FleetAction},
    port::SharedBauhof,
};
#[cfg(feature = "ssr")]
use crate::request::{found, signed_in};
#[cfg(feature = "ssr")]
use crate::{model::Flash, port::PortError, request};
use leptos::prelude::*;

/// The worker's start page.
pub fn home_path(slug: &str) -> String {
    format!("/bauhof/{slug}")
}

/// A breakdown report's page.
pub fn request_path(slug: &str, id: i64) -> String {
    format!("/bauhof/{slug}/ausfall/{id}")
}

/// The managers' page of a request.
pub fn allocation_path(slug: &str, id: i64) -> String {
    format!("/fuhrpark/{slug}/anfrage/{id}")
}

/// A unit's page in the register.
pub fn unit_path(slug: &str, id: i64) -> String {
    format!("/fuhrpark/{slug}/geraete/{id}")
}

/// Where a unit's label leads (its breakdown page).
pub fn card_path(slug: &str, number: &str) -> String {
    format!("/bauhof/{slug}/geraet/{}", crate::model::encode(number))
}

#[cfg(feature = "ssr")]
fn bauhof() -> SharedBauhof {
    expect_context::<SharedBauhof>()
}

#[server(prefix = "/api", endpoint = "bauhof/start")]
pub async fn load_home(slug: String) -> Result<Option<WorkerHome>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .home(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "bauhof/entwurf")]
pub async fn load_draft(slug: String) -> Result<Option<DraftView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .draft(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "bauhof/anfrage")]
pub async fn load_request(slug: String, id: i64) -> Result<Option<RequestView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let mut view = bauhof()
        .request(&viewer, &slug, id, request::lang())
        .await?;
    if let Some(view) = view.as_mut() {
        view.notice = request::take_flash().notice;
    }
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "bauhof/geraet")]
pub async fn load_unit_card(
    slug: String,
    number: String,
) -> Result<Option<UnitCard>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .unit_card(
            &viewer,
            &slug,
            &number,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/start")]
pub async fn load_fleet(slug: String) -> Result<Option<FleetView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof().fleet(&viewer, &slug, request::lang()).await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/anfrage")]
pub async fn load_allocation(
    slug: String,
    id: i64,
) -> Result<Option<AllocationView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .allocation(&viewer, &slug, id, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/geraete")]
pub async fn load_register(
    slug: String,
    filter: RegisterFilter,
) -> Result<Option<RegisterView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .register(
            &viewer,
            &slug,
            filter,
            request::take_flash(),
            request::lang(),
        )
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/geraet")]
pub async fn load_unit(slug: String, id: i64) -> Result<Option<UnitView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .unit(&viewer, &slug, id, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/hoefe")]
pub async fn load_yards(slug: String) -> Result<Option<YardsView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .yards(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/etiketten")]
pub async fn load_labels(
    slug: String,
    hof: String,
    nummer: Option<String>,
) -> Result<Option<LabelsView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .labels(&viewer, &slug, hof, nummer, request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/verleih")]
pub async fn load_pool(slug: String) -> Result<Option<PoolView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof()
        .pool(&viewer, &slug, request::take_flash(), request::lang())
        .await?;
    Ok(found(view))
}

#[server(prefix = "/api", endpoint = "fuhrpark/statistik")]
pub async fn load_statistics(slug: String) -> Result<Option<StatisticsView>, ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(None);
    };
    let view = bauhof().statistics(&viewer, &slug, request::lang()).await?;
    Ok(found(view))
}

/// The typed values of a refused form, kept for the page it returns to.
#[cfg(feature = "ssr")]
fn keep(values: &[(&str, &str)]) -> Vec<(String, String)> {
    values
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// Back to `back` with the refusal's errors and the typed values.
#[cfg(feature = "ssr")]
fn refused(back: &str, refusal: BauhofRefusal, values: &[(&str, &str)]) {
    match refusal {
        BauhofRefusal::NotFound => request::see_other(back),
        BauhofRefusal::Invalid(errors) => {
            request::set_flash(&Flash {
                errors,
                values: keep(values),
                notice: None,
            });
            request::see_other(back);
        }
    }
}

/// Keeps one answer of the breakdown draft and goes on to the next step (or back to the
/// check page, when the answer was changed from there).
#[cfg(feature = "ssr")]
async fn answer(
    slug: &str,
    step: BreakdownStep,
    answer: DraftAnswer,
    from_check: bool,
    values: &[(&str, &str)],
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    match bauhof()
        .answer(&viewer, slug, answer, request::lang())
        .await
    {
        Ok(()) => {
            let next = if from_check {
                BreakdownStep::Check
            } else {
                step.next().unwrap_or(BreakdownStep::Check)
            };
            request::see_other(&next.path(slug));
        }
        Err(PortError::Refused(refusal)) => refused(&step.path(slug), refusal, values),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

/// "Gerät ausgefallen": starts a new report (with its machine when it comes from the label).
#[server(prefix = "/api", endpoint = "bauhof/ausfall/neu")]
pub async fn start_breakdown(slug: String, number: Option<String>) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let with_unit = number.as_deref().is_some_and(|n| !n.trim().is_empty());
    match bauhof()
        .start(&viewer, &slug, number, request::lang())
        .await
    {
        Ok(()) => {
            let step = if with_unit {
                BreakdownStep::Damage
            } else {
                BreakdownStep::Unit
            };
            request::see_other(&step.path(&slug));
        }
        Err(PortError::Refused(refusal)) => refused(&home_path(&slug), refusal, &[]),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "bauhof/ausfall/geraet")]
pub async fn answer_unit(
    slug: String,
    number: Option<String>,
    picked: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    // A unit picked from the worker's own list wins over an empty typed field.
    let typed = number.unwrap_or_default();
    let number = match picked.filter(|p| !p.is_empty()) {
        Some(picked) if typed.trim().is_empty() => picked,
        _ => typed,
    };
    answer(
        &slug,
        BreakdownStep::Unit,
        DraftAnswer::Unit {
            number: number.clone(),
        },
        zurueck.is_some(),
        &[("number", &number)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "bauhof/ausfall/schaden")]
pub async fn answer_damage(
    slug: String,
    damage: Option<String>,
    description: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let (damage, description) = (damage.unwrap_or_default(), description.unwrap_or_default());
    answer(
        &slug,
        BreakdownStep::Damage,
        DraftAnswer::Damage {
            damage: damage.clone(),
            description: description.clone(),
        },
        zurueck.is_some(),
        &[("damage", &damage), ("description", &description)],
    )
    .await
}

/// The photo step without (or without another) photo.
#[server(prefix = "/api", endpoint = "bauhof/ausfall/ohne-foto")]
pub async fn skip_photo(
    slug: String,
    remove: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    if remove.is_some() {
        let Some(viewer) = signed_in() else {
            return Ok(());
        };
        match bauhof()
            .answer(&viewer, &slug, DraftAnswer::NoPhoto, request::lang())
            .await
        {
            Ok(()) => request::see_other(&BreakdownStep::Photo.path(&slug)),
            Err(PortError::Refused(refusal)) => {
                refused(&BreakdownStep::Photo.path(&slug), refusal, &[])
            }
            Err(internal) => return Err(internal.into()),
        }
        return Ok(());
    }
    let next = if zurueck.is_some() {
        BreakdownStep::Check
    } else {
        BreakdownStep::Place
    };
    request::see_other(&next.path(&slug));
    Ok(())
}

#[server(prefix = "/api", endpoint = "bauhof/ausfall/ort")]
pub async fn answer_place(
    slug: String,
    lat: Option<String>,
    lon: Option<String>,
    place: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let (lat, lon, place) = (
        lat.unwrap_or_default(),
        lon.unwrap_or_default(),
        place.unwrap_or_default(),
    );
    answer(
        &slug,
        BreakdownStep::Place,
        DraftAnswer::Place {
            lat: lat.clone(),
            lon: lon.clone(),
            place: place.clone(),
        },
        zurueck.is_some(),
        &[("lat", &lat), ("lon", &lon), ("place", &place)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "bauhof/ausfall/ersatz")]
pub async fn answer_replacement(
    slug: String,
    needed: Option<String>,
    type_code: Option<String>,
    from: Option<String>,
    until: Option<String>,
    delivery: Option<String>,
    zurueck: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (needed, type_code, from, until, delivery) = (
        field(needed),
        field(type_code),
        field(from),
        field(until),
        field(delivery),
    );
    answer(
        &slug,
        BreakdownStep::Replacement,
        DraftAnswer::Replacement {
            needed: needed.clone(),
            type_code: type_code.clone(),
            from: from.clone(),
            until: until.clone(),
            delivery: delivery.clone(),
        },
        zurueck.is_some(),
        &[
            ("needed", &needed),
            ("type", &type_code),
            ("from", &from),
            ("until", &until),
            ("delivery", &delivery),
        ],
    )
    .await
}

#[server(prefix = "/api", endpoint = "bauhof/ausfall/senden")]
pub async fn submit_breakdown(slug: String) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let lang = request::lang();
    match bauhof().submit(&viewer, &slug, lang).await {
        Ok(id) => {
            // The report's page shows the confirmation panel once, after sending.
            request::set_flash(&Flash::notice(
                super::texts::texts(lang).sent_title.to_owned(),
            ));
            request::see_other(&request_path(&slug, id));
        }
        Err(PortError::Refused(refusal)) => {
            refused(&BreakdownStep::Check.path(&slug), refusal, &[])
        }
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

/// Carries out a manager's action and returns to `back` with what was done or why not.
#[cfg(feature = "ssr")]
async fn act(
    slug: &str,
    action: FleetAction,
    back: &str,
    values: &[(&str, &str)],
) -> Result<(), ServerFnError> {
    let Some(viewer) = signed_in() else {
        return Ok(());
    };
    let back = request::local_path(back).to_owned();
    match bauhof().act(&viewer, slug, action, request::lang()).await {
        Ok(notice) => {
            request::set_flash(&Flash::notice(notice));
            request::see_other(&back);
        }
        Err(PortError::Refused(refusal)) => refused(&back, refusal, values),
        Err(internal) => return Err(internal.into()),
    }
    Ok(())
}

#[server(prefix = "/api", endpoint = "fuhrpark/zuteilen")]
pub async fn allocate(
    slug: String,
    request_id: i64,
    version: i64,
    unit: Option<String>,
) -> Result<(), ServerFnError> {
    let unit = unit.unwrap_or_default();
    let action = FleetAction::Allocate {
        request: request_id,
        version,
        unit: unit.clone(),
    };
    act(
        &slug,
        action,
        &allocation_path(&slug, request_id),
        &[("unit", &unit)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/schritt")]
pub async fn step_request(
    slug: String,
    request_id: i64,
    version: i64,
    step: Option<String>,
    reason: Option<String>,
) -> Result<(), ServerFnError> {
    let (step, reason) = (step.unwrap_or_default(), reason.unwrap_or_default());
    let action = FleetAction::Step {
        request: request_id,
        version,
        step: step.clone(),
        reason: reason.clone(),
    };
    act(
        &slug,
        action,
        &allocation_path(&slug, request_id),
        &[("step", &step), ("reason", &reason)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/ausleihen")]
pub async fn ask_partner(
    slug: String,
    request_id: i64,
    unit: Option<String>,
) -> Result<(), ServerFnError> {
    let unit = unit.unwrap_or_default();
    let action = FleetAction::AskPartner {
        request: request_id,
        unit: unit.clone(),
    };
    act(
        &slug,
        action,
        &allocation_path(&slug, request_id),
        &[("partner-unit", &unit)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/leihanfrage")]
pub async fn answer_loan(
    slug: String,
    loan: i64,
    decision: String,
    unit: Option<String>,
    reason: Option<String>,
) -> Result<(), ServerFnError> {
    let (unit, reason) = (unit.unwrap_or_default(), reason.unwrap_or_default());
    let action = FleetAction::AnswerLoan {
        loan,
        accept: decision == "annehmen",
        unit: unit.clone(),
        reason: reason.clone(),
    };
    let unit_field = format!("loan-{loan}-unit");
    let reason_field = format!("loan-{loan}-reason");
    act(
        &slug,
        action,
        &format!("/fuhrpark/{slug}/verleih"),
        &[(&unit_field, &unit), (&reason_field, &reason)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/reservieren")]
pub async fn reserve(
    slug: String,
    unit: i64,
    from: Option<String>,
    until: Option<String>,
    note: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (from, until, note) = (field(from), field(until), field(note));
    let action = FleetAction::Reserve {
        unit,
        from: from.clone(),
        until: until.clone(),
        note: note.clone(),
    };
    act(
        &slug,
        action,
        &unit_path(&slug, unit),
        &[("from", &from), ("until", &until), ("note", &note)],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/verlaengern")]
pub async fn extend(
    slug: String,
    reservation: i64,
    until: Option<String>,
    back: String,
) -> Result<(), ServerFnError> {
    let until = until.unwrap_or_default();
    let field = format!("until-{reservation}");
    let action = FleetAction::Extend {
        reservation,
        until: until.clone(),
    };
    act(&slug, action, &back, &[(&field, &until)]).await
}

#[server(prefix = "/api", endpoint = "fuhrpark/stornieren")]
pub async fn cancel_reservation(
    slug: String,
    reservation: i64,
    back: String,
) -> Result<(), ServerFnError> {
    act(&slug, FleetAction::Cancel { reservation }, &back, &[]).await
}

#[server(prefix = "/api", endpoint = "fuhrpark/reparatur")]
pub async fn close_repair(
    slug: String,
    repair: i64,
    outcome: Option<String>,
    back: String,
) -> Result<(), ServerFnError> {
    let outcome = outcome.unwrap_or_default();
    let field = format!("outcome-{repair}");
    let action = FleetAction::CloseRepair {
        repair,
        outcome: outcome.clone(),
    };
    act(&slug, action, &back, &[(&field, &outcome)]).await
}

#[server(prefix = "/api", endpoint = "fuhrpark/neues-geraet")]
pub async fn add_unit(
    slug: String,
    number: Option<String>,
    type_code: Option<String>,
    yard: Option<String>,
    notes: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (number, type_code, yard, notes) =
        (field(number), field(type_code), field(yard), field(notes));
    let action = FleetAction::AddUnit {
        number: number.clone(),
        type_code: type_code.clone(),
        yard: yard.clone(),
        notes: notes.clone(),
    };
    act(
        &slug,
        action,
        &format!("/fuhrpark/{slug}/geraete"),
        &[
            ("number", &number),
            ("type", &type_code),
            ("yard", &yard),
            ("notes", &notes),
        ],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/geraet-aendern")]
pub async fn edit_unit(
    slug: String,
    unit: i64,
    version: i64,
    type_code: Option<String>,
    yard: Option<String>,
    status: Option<String>,
    notes: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (type_code, yard, status, notes) =
        (field(type_code), field(yard), field(status), field(notes));
    let action = FleetAction::EditUnit {
        unit,
        version,
        type_code: type_code.clone(),
        yard: yard.clone(),
        status: status.clone(),
        notes: notes.clone(),
    };
    act(
        &slug,
        action,
        &unit_path(&slug, unit),
        &[
            ("type", &type_code),
            ("yard", &yard),
            ("status", &status),
            ("notes", &notes),
        ],
    )
    .await
}

#[server(prefix = "/api", endpoint = "fuhrpark/freigabe")]
pub async fn share(
    slug: String,
    unit: i64,
    partner: String,
    shared: String,
) -> Result<(), ServerFnError> {
    let action = FleetAction::Share {
        unit,
        partner,
        shared: shared == "ja",
    };
    act(&slug, action, &unit_path(&slug, unit), &[]).await
}

#[server(prefix = "/api", endpoint = "fuhrpark/neuer-hof")]
pub async fn add_yard(
    slug: String,
    code: Option<String>,
    name: Option<String>,
    address: Option<String>,
    lat: Option<String>,
    lon: Option<String>,
    department: Option<String>,
) -> Result<(), ServerFnError> {
    let field = |v: Option<String>| v.unwrap_or_default();
    let (code, name, address, lat, lon, department) = (
        field(code),
        field(name),
        field(address),
        field(lat),
        field(lon),
        field(department),
    );
    let action = FleetAction::AddYard {
        code: code.clone(),
        name: name.clone(),
        address: address.clone(),
        lat: lat.clone(),
        lon: lon.clone(),
        department: department.clone(),
    };
    act(
        &slug,
        action,
        &format!("/fuhrpark/{slug}/hoefe"),
        &[
            ("code", &code),
            ("name", &name),
            ("address", &address),
            ("lat", &lat),
            ("lon", &lon),
            ("department", &department),
        ],
    )
    .await
}

/// A worker takes a unit (from its label's page).
#[server(prefix = "/api", endpoint = "bauhof/uebernehmen")]
pub async fn check_out(
    slug: String,
    number: String,
    until: Option<String>,
) -> Result<(), ServerFnError> {
    let until = until.unwrap_or_default();
    let action = FleetAction::CheckOut {
        number: number.clone(),
        until: until.clone(),
    };
    act(
        &slug,
        action,
        &card_path(&slug, &number),
        &[("until", &until)],
    )
    .await
}

/// A worker gives a unit back.
#[server(prefix = "/api", endpoint = "bauhof/zurueckgeben")]
pub async fn return_unit(
    slug: String,
    reservation: i64,
    back: String,
) -> Result<(), ServerFnError> {
    act(&slug, FleetAction::Return { reservation }, &back, &[]).await
}
