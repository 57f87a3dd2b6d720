//! The inter-municipal pool: a municipality publishes chosen units to named partners; a
//! report its own yard cannot serve is asked of a partner's fleet manager, who lends (a
//! reservation in the lender's calendar, held by the borrower's worker) or declines. Every
//! loan is recorded; a month's loans with one partner are exported as CSV for settlement.

use super::breakdowns::{self, reference, Breakdown};
use super::history::{self, Change, Kind};
use super::model::{BreakdownStatus, LoanStatus, Step, UnitStatus};
use super::register::{self, Unit};
use super::reservations::{self, begin_write, Refused};
use super::{invalid, not_found, notify, Equipment};
use crate::core::db::Db;
use crate::core::port::Failure;
use crate::core::text::clean_text;
use crate::core::time::{berlin, format_window};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::BauhofRefusal;
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{AccountId, MunicipalityId, Viewer};

/// A loan asked of a partner.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Loan {
    pub id: i64,
    pub breakdown_id: i64,
    pub borrower_id: MunicipalityId,
    pub lender_id: MunicipalityId,
    pub unit_id: i64,
    pub number: String,
    pub status: LoanStatus,
    pub reason: Option<String>,
    pub created_at: i64,
    pub wanted_type_id: Option<i64>,
    pub wanted_from: Option<i64>,
    pub wanted_until: Option<i64>,
    pub place: String,
}

const SELECT: &str = "select l.id, l.breakdown_id, b.municipality_id as borrower_id, l.lender_id, \
     l.unit_id, u.inventory_number as number, l.status, l.reason, l.created_at, b.wanted_type_id, \
     b.wanted_from, b.wanted_until, b.place from loan_requests l \
     join breakdowns b on b.id = l.breakdown_id join units u on u.id = l.unit_id";

/// Loans asked of `lender`, the open ones first, newest first.
pub async fn incoming(db: &Db, lender: MunicipalityId) -> Result<Vec<Loan>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where l.lender_id = $1 order by case when l.status = 'asked' then 0 else 1 end, l.created_at desc limit 100"
    ))
    .bind(lender)
    .fetch_all(&db.pool)
    .await
}

/// Loans `borrower` asked for, newest first.
pub async fn outgoing(db: &Db, borrower: MunicipalityId) -> Result<Vec<Loan>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where b.municipality_id = $1 order by l.created_at desc limit 100"
    ))
    .bind(borrower)
    .fetch_all(&db.pool)
    .await
}

pub async fn of_breakdown(db: &Db, breakdown_id: i64) -> Result<Vec<Loan>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where l.breakdown_id = $1 order by l.created_at desc"
    ))
    .bind(breakdown_id)
    .fetch_all(&db.pool)
    .await
}

pub async fn waiting(db: &Db, lender: MunicipalityId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select count(*) from loan_requests where lender_id = $1 and status = 'asked'",
    )
    .bind(lender)
    .fetch_one(&db.pool)
    .await
}

/// Asks the partner owning `unit` (published to this municipality) to lend it for the report.
pub async fn ask(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    breakdown_id: i64,
    unit_id: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let Ok(unit_id) = unit_id.trim().parse::<i64>() else {
        return invalid("partner-unit", b.err_unit_choose);
    };
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let Some(breakdown) = breakdowns::get(&mut tx, breakdown_id)
        .await?
        .filter(|r| r.municipality_id == municipality.id)
    else {
        return not_found();
    };
    let Some((_, from, until)) = breakdown.wanted() else {
        return invalid("partner-unit", b.err_no_replacement_wanted);
    };
    if breakdown
        .status
        .after(Step::Allocate, breakdown.delivery)
        .is_none()
    {
        return invalid(
            "partner-unit",
            fill(b.err_step_not_now, &[breakdown.status.label(b)]),
        );
    }
    let Some(unit) = register::unit(&mut tx, unit_id).await? else {
        return invalid("partner-unit", b.err_unit_choose);
    };
    let lender = state.tenants.registry.by_id(unit.municipality_id);
    let shared = register::is_shared(&mut tx, unit.id, municipality.id).await?;
    let Some(lender) = lender.filter(|l| shared && l.id != municipality.id) else {
        return invalid("partner-unit", b.err_unit_choose);
    };
    let open: i64 = sqlx::query_scalar(
        "select count(*) from loan_requests where breakdown_id = $1 and status = 'asked'",
    )
    .bind(breakdown.id)
    .fetch_one(&mut *tx)
    .await?;
    if open > 0 {
        return invalid("partner-unit", b.err_loan_open);
    }
    sqlx::query(
        "insert into loan_requests (breakdown_id, lender_id, unit_id, status, created_at) values ($1, $2, $3, 'asked', $4)",
    )
    .bind(breakdown.id)
    .bind(lender.id)
    .bind(unit.id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let reference = reference(municipality, breakdown.id);
    let detail = format!(
        "{reference}: {} ({}), {}",
        unit.inventory_number,
        lender.name,
        format_window(from, until, lang)
    );
    for municipality_id in [municipality.id, lender.id] {
        history::record(
            &mut tx,
            now,
            Change {
                municipality_id,
                unit_id: (municipality_id == lender.id).then_some(unit.id),
                breakdown_id: (municipality_id == municipality.id).then_some(breakdown.id),
                kind: Kind::LoanAsked,
                detail: &detail,
                actor: Some(viewer.account_id),
            },
        )
        .await?;
    }
    notify::loan_asked(
        &mut tx,
        &core.settings.public_url,
        lender,
        municipality,
        &unit.inventory_number,
        &format_window(from, until, Lang::De),
        &format_window(from, until, Lang::En),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(fill(
        b.done_loan_asked,
        &[&unit.inventory_number, &lender.name],
    ))
}

/// The units of the lender published to the borrower, of the type, free in the period: what
/// the lender may lend instead of the one asked for.
pub async fn lendable(
    state: &Equipment,
    lender: MunicipalityId,
    borrower: MunicipalityId,
    type_id: i64,
    from: i64,
    until: i64,
) -> Result<Vec<Unit>, sqlx::Error> {
    let mut conn = state.core.db.pool.acquire().await?;
    let free = reservations::free_units(&mut conn, borrower, type_id, from, until).await?;
    let ids: Vec<i64> = free
        .into_iter()
        .filter(|(_, owner)| *owner == lender)
        .map(|(id, _)| id)
        .collect();
    register::units_by_ids(&state.core.db, &ids).await
}

/// The lender's answer: lend `unit` (one of theirs published to the borrower) or decline with
/// a reason.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    state: &Equipment,
    viewer: &Viewer,
    lender: &Municipality,
    loan_id: i64,
    accept: bool,
    unit_id: &str,
    reason: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let unit_field = format!("loan-{loan_id}-unit");
    let reason_field = format!("loan-{loan_id}-reason");
    let reason = clean_text(reason);
    if !accept && reason.is_empty() {
        return invalid(&reason_field, b.err_reason_missing);
    }
    if reason.chars().count() > breakdowns::REASON_MAX {
        return invalid(
            &reason_field,
            fill(
                b.err_reason_too_long,
                &[&breakdowns::REASON_MAX.to_string()],
            ),
        );
    }
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let loan: Option<Loan> = sqlx::query_as(&format!("{SELECT} where l.id = $1"))
        .bind(loan_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some(loan) = loan.filter(|l| l.lender_id == lender.id) else {
        return not_found();
    };
    if loan.status != LoanStatus::Asked {
        return invalid(
            &unit_field,
            fill(b.err_loan_answered, &[loan.status.label(b)]),
        );
    }
    let Some(borrower) = state.tenants.registry.by_id(loan.borrower_id) else {
        return not_found();
    };
    let Some(breakdown) = breakdowns::get(&mut tx, loan.breakdown_id).await? else {
        return not_found();
    };
    let reference = reference(borrower, breakdown.id);
    if !accept {
        sqlx::query(
            "update loan_requests set status = 'declined', reason = $1, decided_at = $2, decided_by = $3 where id = $4",
        )
        .bind(&reason)
        .bind(now)
        .bind(viewer.account_id)
        .bind(loan.id)
        .execute(&mut *tx)
        .await?;
        record_both(
            &mut tx,
            &loan,
            borrower,
            lender,
            Kind::LoanDeclined,
            &format!("{reference}: {} – {reason}", loan.number),
            viewer.account_id,
            now,
        )
        .await?;
        notify::loan_answered(
            &mut tx,
            &core.settings.public_url,
            lender,
            borrower,
            breakdown.id,
            &loan.number,
            false,
            &reason,
            now,
        )
        .await?;
        tx.commit().await?;
        return Ok(fill(b.done_loan_declined, &[&reference]));
    }
    lend(
        state,
        tx,
        viewer.account_id,
        lender,
        borrower,
        &loan,
        &breakdown,
        unit_id,
        &unit_field,
        now,
        lang,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn record_both(
    conn: &mut sqlx::AnyConnection,
    loan: &Loan,
    borrower: &Municipality,
    lender: &Municipality,
    kind: Kind,
    detail: &str,
    actor: AccountId,
    now: i64,
) -> Result<(), sqlx::Error> {
    for (municipality_id, unit_id, breakdown_id) in [
        (borrower.id, None, Some(loan.breakdown_id)),
        (lender.id, Some(loan.unit_id), None),
    ] {
        history::record(
            conn,
            now,
            Change {
                municipality_id,
                unit_id,
                breakdown_id,
                kind,
                detail,
                actor: Some(actor),
            },
        )
        .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn lend(
    state: &Equipment,
    mut tx: sqlx::Transaction<'static, sqlx::Any>,
    actor: AccountId,
    lender: &Municipality,
    borrower: &Municipality,
    loan: &Loan,
    breakdown: &Breakdown,
    unit_id: &str,
    unit_field: &str,
    now: i64,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let reference = reference(borrower, breakdown.id);
    let Some((type_id, from, until)) = breakdown.wanted() else {
        return not_found();
    };
    if breakdown.status != BreakdownStatus::Requested {
        return invalid(unit_field, fill(b.err_loan_served, &[&reference]));
    }
    let unit_id = unit_id.trim().parse::<i64>().unwrap_or(loan.unit_id);
    let unit = register::unit(&mut tx, unit_id).await?;
    let shared = match &unit {
        Some(u) => register::is_shared(&mut tx, u.id, borrower.id).await?,
        None => false,
    };
    let Some(unit) = unit.filter(|u| u.municipality_id == lender.id && shared) else {
        return invalid(unit_field, b.err_unit_choose);
    };
    if matches!(unit.status, UnitStatus::InRepair | UnitStatus::Retired) {
        return invalid(
            unit_field,
            fill(
                b.err_unit_not_usable,
                &[&unit.inventory_number, unit.status.label(b)],
            ),
        );
    }
    let reserved = reservations::insert(
        &mut tx,
        reservations::New {
            unit_id: unit.id,
            breakdown_id: Some(breakdown.id),
            borrower_id: borrower.id,
            holder_id: breakdown.requester_id,
            starts_at: from,
            ends_at: until,
            note: "",
            created_by: Some(actor),
        },
        now,
    )
    .await;
    let reservation_id = match reserved {
        Ok(id) => id,
        Err(Refused::Overlap) => {
            drop(tx);
            let free: Vec<String> = lendable(state, lender.id, borrower.id, type_id, from, until)
                .await?
                .iter()
                .map(|u| u.inventory_number.clone())
                .collect();
            return invalid(
                unit_field,
                breakdowns::taken_message(&unit.inventory_number, &free, b),
            );
        }
        Err(Refused::Database(error)) => return Err(error.into()),
    };
    sqlx::query(
        "update loan_requests set status = 'accepted', unit_id = $1, reservation_id = $2, decided_at = $3, decided_by = $4 \
         where id = $5",
    )
    .bind(unit.id)
    .bind(reservation_id)
    .bind(now)
    .bind(actor)
    .bind(loan.id)
    .execute(&mut *tx)
    .await?;
    let changed = sqlx::query(
        "update breakdowns set status = 'allocated', version = version + 1, updated_at = $1 where id = $2 and status = 'requested'",
    )
    .bind(now)
    .bind(breakdown.id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return invalid(unit_field, fill(b.err_loan_served, &[&reference]));
    }
    let detail = format!(
        "{reference}: {} ({}), {}",
        unit.inventory_number,
        lender.name,
        format_window(from, until, lang)
    );
    let lent = Loan {
        unit_id: unit.id,
        ..loan.clone()
    };
    record_both(
        &mut tx,
        &lent,
        borrower,
        lender,
        Kind::LoanAccepted,
        &detail,
        actor,
        now,
    )
    .await?;
    history::record(
        &mut tx,
        now,
        Change {
            municipality_id: borrower.id,
            unit_id: None,
            breakdown_id: Some(breakdown.id),
            kind: Kind::Allocated,
            detail: &detail,
            actor: Some(actor),
        },
    )
    .await?;
    let allocated = Breakdown {
        status: BreakdownStatus::Allocated,
        ..breakdown.clone()
    };
    let allocation = breakdowns::allocation(&mut tx, breakdown.id).await?;
    let public_url = &state.core.settings.public_url;
    notify::status_changed(
        &mut tx,
        public_url,
        borrower,
        &allocated,
        allocation.as_ref(),
        now,
    )
    .await?;
    notify::loan_answered(
        &mut tx,
        public_url,
        lender,
        borrower,
        breakdown.id,
        &unit.inventory_number,
        true,
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(fill(
        b.done_loan_accepted,
        &[&unit.inventory_number, &borrower.name],
    ))
}

/// A reservation of one municipality's unit by another: lent or borrowed.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Lending {
    pub owner_id: MunicipalityId,
    pub borrower_id: MunicipalityId,
    pub number: String,
    pub type_de: String,
    pub type_en: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub breakdown_id: Option<i64>,
}

/// Lendings between `municipality` and its partners that overlap `[from, until)`, by start.
pub async fn lendings(
    db: &Db,
    municipality: MunicipalityId,
    from: i64,
    until: i64,
) -> Result<Vec<Lending>, sqlx::Error> {
    sqlx::query_as(
        "select u.municipality_id as owner_id, r.borrower_id, u.inventory_number as number, \
         t.name_de as type_de, t.name_en as type_en, r.starts_at, r.ends_at, r.breakdown_id \
         from reservations r join units u on u.id = r.unit_id join equipment_types t on t.id = u.type_id \
         where r.cancelled_at is null and r.borrower_id <> u.municipality_id \
         and (u.municipality_id = $1 or r.borrower_id = $1) and r.starts_at < $3 and $2 < r.ends_at \
         order by r.starts_at, u.inventory_number",
    )
    .bind(municipality)
    .bind(from)
    .bind(until)
    .fetch_all(&db.pool)
    .await
}

/// The first moment of a month in Berlin and of the next, from "2026-12".
pub fn month_bounds(month: &str) -> Option<(i64, i64)> {
    let (year, number) = month.trim().split_once('-')?;
    let (year, number): (i16, i8) = (year.parse().ok()?, number.parse().ok()?);
    let first = jiff::civil::Date::new(year, number, 1).ok()?;
    let next = first.checked_add(jiff::Span::new().months(1)).ok()?;
    let start = first.to_zoned(berlin()).ok()?.timestamp().as_millisecond();
    let end = next.to_zoned(berlin()).ok()?.timestamp().as_millisecond();
    Some((start, end))
}

/// Days a lending covers of `[from, until)`, to one decimal (hours / 24).
pub fn days_within(lending: &Lending, from: i64, until: i64) -> f64 {
    let start = lending.starts_at.max(from);
    let end = lending.ends_at.min(until);
    let hours = ((end - start).max(0) as f64 / 3_600_000.0).round();
    (hours / 24.0 * 10.0).round() / 10.0
}

/// The statement of a month's lendings with one partner, as CSV (`;`, German number format,
/// the header in the reader's language).
pub fn statement_csv(
    municipality: &Municipality,
    partner: &Municipality,
    lendings: &[Lending],
    from: i64,
    until: i64,
    lang: Lang,
) -> String {
    let b = texts(lang);
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let _ = out.write_record([
        b.csv_direction,
        b.csv_lender,
        b.csv_borrower,
        b.csv_unit,
        b.csv_type,
        b.csv_from,
        b.csv_until,
        b.csv_days,
        b.csv_request,
    ]);
    for l in lendings.iter().filter(|l| {
        (l.owner_id == municipality.id && l.borrower_id == partner.id)
            || (l.owner_id == partner.id && l.borrower_id == municipality.id)
    }) {
        let lent = l.owner_id == municipality.id;
        let (lender, borrower) = if lent {
            (municipality, partner)
        } else {
            (partner, municipality)
        };
        let days = format!("{:.1}", days_within(l, from, until));
        let days = if lang == Lang::De {
            days.replace('.', ",")
        } else {
            days
        };
        let iso = |ms: i64| crate::core::time::local_value(ms).replace('T', " ");
        let _ = out.write_record([
            if lent { b.csv_lent } else { b.csv_borrowed },
            &lender.name,
            &borrower.name,
            &l.number,
            lang.pick(&l.type_de, &l.type_en),
            &iso(l.starts_at),
            &iso(l.ends_at),
            &days,
            &l.breakdown_id
                .map(|id| reference(borrower, id))
                .unwrap_or_default(),
        ]);
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_is_a_berlin_month() {
        let (start, end) = month_bounds("2026-12").expect("month");
        assert_eq!(crate::core::time::local_value(start), "2026-12-01T00:00");
        assert_eq!(crate::core::time::local_value(end), "2027-01-01T00:00");
        // March 2027 has 31 days of 24 hours but one of 23: the clocks go forward.
        let (start, end) = month_bounds("2027-03").expect("month");
        assert_eq!(end - start, (31 * 24 - 1) * 3_600_000);
        for bad in ["", "2026", "2026-13", "Dezember"] {
            assert_eq!(month_bounds(bad), None, "{bad}");
        }
    }

    #[test]
    fn days_count_only_the_part_inside_the_month() {
        let (from, until) = month_bounds("2026-12").expect("month");
        let lending = Lending {
            owner_id: MunicipalityId(1),
            borrower_id: MunicipalityId(2),
            number: "X".into(),
            type_de: String::new(),
            type_en: String::new(),
            starts_at: from - 36 * 3_600_000,
            ends_at: from + 12 * 3_600_000,
            breakdown_id: None,
        };
        assert_eq!(days_within(&lending, from, until), 0.5);
    }
}
