//! Changes to a unit's calendar and repairs beside the breakdown flow: a worker takes a unit
//! (mobile check-out) and gives it back; a manager reserves ahead, extends, cancels, and
//! closes a repair. Reservations and extensions are checked by the database like every other
//! (see [`reservations`]).

use super::breakdowns::{self, check_window};
use super::history::{self, Change, Kind};
use super::model::UnitStatus;
use super::register;
use super::reservations::{self, begin_write, Refused, Reservation};
use super::{invalid, manages, not_found, Equipment};
use crate::core::port::Failure;
use crate::core::text::clean_text;
use crate::core::time::{format_time, format_window, parse_local};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::BauhofRefusal;
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::Viewer;

/// Longest check-out.
pub const CHECK_OUT_MAX_MS: i64 = 14 * 24 * 3_600_000;
pub const NOTE_MAX: usize = 200;

/// The reservations of the unit that overlap `[from, until)`, as "08:00 – 16:00" lines.
async fn clashes(
    state: &Equipment,
    unit_id: i64,
    from: i64,
    until: i64,
    lang: Lang,
) -> Result<String, sqlx::Error> {
    let upcoming = reservations::upcoming(&state.core.db, unit_id, from).await?;
    Ok(upcoming
        .iter()
        .filter(|r| r.starts_at < until && from < r.ends_at)
        .map(|r| format_window(r.starts_at, r.ends_at, lang))
        .collect::<Vec<_>>()
        .join("; "))
}

/// A worker takes a unit from now until `until` (from its label's page).
pub async fn check_out(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    number: &str,
    until: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let Some(unit) = register::unit_by_number(&core.db, municipality.id, number).await? else {
        return not_found();
    };
    if matches!(unit.status, UnitStatus::InRepair | UnitStatus::Retired) {
        return invalid(
            "until",
            fill(
                b.err_unit_not_usable,
                &[&unit.inventory_number, unit.status.label(b)],
            ),
        );
    }
    let Some(until) = parse_local(until) else {
        return invalid("until", b.err_until_invalid);
    };
    if until <= now {
        return invalid("until", b.err_until_past);
    }
    if until - now > CHECK_OUT_MAX_MS {
        return invalid("until", b.err_check_out_too_long);
    }
    let mut tx = begin_write(&core.db).await?;
    let reserved = reservations::insert(
        &mut tx,
        reservations::New {
            unit_id: unit.id,
            breakdown_id: None,
            borrower_id: municipality.id,
            holder_id: Some(viewer.account_id),
            starts_at: now,
            ends_at: until,
            note: "",
            created_by: Some(viewer.account_id),
        },
        now,
    )
    .await;
    match reserved {
        Ok(_) => {}
        Err(Refused::Overlap) => {
            drop(tx);
            let taken = clashes(state, unit.id, now, until, lang).await?;
            return invalid(
                "until",
                fill(b.err_check_out_taken, &[&unit.inventory_number, &taken]),
            );
        }
        Err(Refused::Database(error)) => return Err(error.into()),
    }
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            unit.id,
            Kind::CheckedOut,
            &format_window(now, until, lang),
            viewer.account_id,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(fill(
        b.done_checked_out,
        &[&unit.inventory_number, &format_time(until, lang)],
    ))
}

/// A reservation the viewer may change: of one of the municipality's units (managers), or
/// the viewer's own (workers, for giving back).
async fn changeable(
    conn: &mut sqlx::AnyConnection,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
) -> Result<Reservation, Failure<BauhofRefusal>> {
    let Some(reservation) = reservations::get(conn, id).await? else {
        return not_found();
    };
    let owner =
        reservation.unit_municipality_id == municipality.id && manages(viewer, municipality);
    let holder = reservation.holder_id == Some(viewer.account_id)
        && (reservation.unit_municipality_id == municipality.id
            || reservation.borrower_id == municipality.id);
    if owner || holder {
        Ok(reservation)
    } else {
        not_found()
    }
}

async fn unit_number(conn: &mut sqlx::AnyConnection, unit_id: i64) -> Result<String, sqlx::Error> {
    Ok(register::unit(conn, unit_id)
        .await?
        .map(|u| u.inventory_number)
        .unwrap_or_default())
}

/// Gives a unit back now (a reservation that has not begun is cancelled instead).
pub async fn give_back(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let reservation = changeable(&mut tx, viewer, municipality, id).await?;
    if reservation.ends_at <= now {
        return invalid("reservation", b.err_reservation_over);
    }
    if reservation.starts_at < now {
        reservations::set_end(&mut tx, id, now)
            .await
            .map_err(|e| Failure::internal(anyhow::anyhow!(e)))?;
    } else {
        reservations::cancel(&mut tx, id, now).await?;
    }
    let number = unit_number(&mut tx, reservation.unit_id).await?;
    history::record(
        &mut tx,
        now,
        Change {
            municipality_id: reservation.unit_municipality_id,
            unit_id: Some(reservation.unit_id),
            breakdown_id: reservation.breakdown_id,
            kind: Kind::Returned,
            detail: &number,
            actor: Some(viewer.account_id),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_returned, &[&number]))
}

/// A manager reserves a unit ahead ("Grünpflege Bürgerpark, Mittwoch 7–15 Uhr").
#[allow(clippy::too_many_arguments)]
pub async fn reserve(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    unit_id: i64,
    from: &str,
    until: &str,
    note: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let note = clean_text(note);
    let mut errors = Vec::new();
    let window = check_window(from, until, now, b, &mut errors);
    if note.chars().count() > NOTE_MAX {
        return invalid("note", fill(b.err_note_too_long, &[&NOTE_MAX.to_string()]));
    }
    let Some((from, until)) = window.filter(|_| errors.is_empty()) else {
        return Err(Failure::Refused(BauhofRefusal::Invalid(errors)));
    };
    let mut tx = begin_write(&core.db).await?;
    let Some(unit) = register::unit(&mut tx, unit_id)
        .await?
        .filter(|u| u.municipality_id == municipality.id)
    else {
        return not_found();
    };
    if unit.status == UnitStatus::Retired {
        return invalid(
            "from",
            fill(
                b.err_unit_not_usable,
                &[&unit.inventory_number, unit.status.label(b)],
            ),
        );
    }
    match reservations::insert(
        &mut tx,
        reservations::New {
            unit_id: unit.id,
            breakdown_id: None,
            borrower_id: municipality.id,
            holder_id: None,
            starts_at: from,
            ends_at: until,
            note: &note,
            created_by: Some(viewer.account_id),
        },
        now,
    )
    .await
    {
        Ok(_) => {}
        Err(Refused::Overlap) => {
            drop(tx);
            let taken = clashes(state, unit.id, from, until, lang).await?;
            return invalid(
                "from",
                fill(b.err_reserve_taken, &[&unit.inventory_number, &taken]),
            );
        }
        Err(Refused::Database(error)) => return Err(error.into()),
    }
    let window = format_window(from, until, lang);
    let detail = if note.is_empty() {
        window.clone()
    } else {
        format!("{window}: {note}")
    };
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            unit.id,
            Kind::Reserved,
            &detail,
            viewer.account_id,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_reserved, &[&unit.inventory_number, &window]))
}

/// Moves a reservation's end later (or earlier); the database refuses running into the next.
pub async fn extend(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    until: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let field = format!("until-{id}");
    let core = &state.core;
    let now = core.clock.now_ms();
    let Some(until) = parse_local(until) else {
        return invalid(&field, b.err_until_invalid);
    };
    let mut tx = begin_write(&core.db).await?;
    let reservation = changeable(&mut tx, viewer, municipality, id).await?;
    if reservation.unit_municipality_id != municipality.id {
        return not_found();
    }
    if until <= reservation.starts_at || until <= now {
        return invalid(&field, b.err_until_before_from);
    }
    if until - reservation.starts_at > breakdowns::WINDOW_MAX_MS {
        return invalid(&field, b.err_window_too_long);
    }
    let number = unit_number(&mut tx, reservation.unit_id).await?;
    match reservations::set_end(&mut tx, id, until).await {
        Ok(()) => {}
        Err(Refused::Overlap) => {
            drop(tx);
            let taken =
                clashes(state, reservation.unit_id, reservation.ends_at, until, lang).await?;
            return invalid(&field, fill(b.err_extend_taken, &[&number, &taken]));
        }
        Err(Refused::Database(error)) => return Err(error.into()),
    }
    let window = format_window(reservation.starts_at, until, lang);
    history::record(
        &mut tx,
        now,
        Change {
            municipality_id: municipality.id,
            unit_id: Some(reservation.unit_id),
            breakdown_id: reservation.breakdown_id,
            kind: Kind::Extended,
            detail: &format!("{number}: {window}"),
            actor: Some(viewer.account_id),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_extended, &[&number, &window]))
}

/// Cancels a reservation of the municipality's unit; a report it served goes back to
/// "requested".
pub async fn cancel(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let reservation = changeable(&mut tx, viewer, municipality, id).await?;
    if reservation.unit_municipality_id != municipality.id {
        return not_found();
    }
    reservations::cancel(&mut tx, id, now).await?;
    let number = unit_number(&mut tx, reservation.unit_id).await?;
    let window = format_window(reservation.starts_at, reservation.ends_at, lang);
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            reservation.unit_id,
            Kind::Cancelled,
            &format!("{number}: {window}"),
            viewer.account_id,
        ),
    )
    .await?;
    if let Some(breakdown_id) = reservation.breakdown_id {
        breakdowns::reopen_after_cancel(&mut tx, state, breakdown_id, viewer.account_id, now, lang)
            .await?;
    }
    tx.commit().await?;
    Ok(fill(b.done_cancelled, &[&number, &window]))
}

/// Closes an open repair; the unit is available again once it has no open repair left.
pub async fn close_repair(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    outcome: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let field = format!("outcome-{id}");
    let outcome = clean_text(outcome);
    if outcome.is_empty() {
        return invalid(&field, b.err_outcome_missing);
    }
    if outcome.chars().count() > breakdowns::REASON_MAX {
        return invalid(
            &field,
            fill(
                b.err_reason_too_long,
                &[&breakdowns::REASON_MAX.to_string()],
            ),
        );
    }
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = core.db.pool.begin().await?;
    let repair: Option<(i64, Option<i64>)> =
        sqlx::query_as("select unit_id, closed_at from repairs where id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((unit_id, closed)) = repair else {
        return not_found();
    };
    let Some(unit) = register::unit(&mut tx, unit_id)
        .await?
        .filter(|u| u.municipality_id == municipality.id)
    else {
        return not_found();
    };
    if closed.is_some() {
        return invalid(&field, b.err_repair_closed);
    }
    sqlx::query("update repairs set closed_at = $1, closed_by = $2, outcome = $3 where id = $4")
        .bind(now)
        .bind(viewer.account_id)
        .bind(&outcome)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let still_open: i64 =
        sqlx::query_scalar("select count(*) from repairs where unit_id = $1 and closed_at is null")
            .bind(unit.id)
            .fetch_one(&mut *tx)
            .await?;
    if still_open == 0 && unit.status == UnitStatus::InRepair {
        sqlx::query("update units set status = 'available', version = version + 1, updated_at = $1 where id = $2")
            .bind(now)
            .bind(unit.id)
            .execute(&mut *tx)
            .await?;
    }
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            unit.id,
            Kind::RepairClosed,
            &outcome,
            viewer.account_id,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_repair_closed, &[&unit.inventory_number]))
}
