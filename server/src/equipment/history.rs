//! The audit of the Bauhof: every change to yards, units, breakdowns, reservations, repairs
//! and loans is written in the same transaction as the change (who, when, what), and read back
//! as a unit's or a request's history.

use crate::core::db::Db;
use crate::core::time::format_time;
use kiezwerk_app::equipment::model::LogEntry;
use kiezwerk_app::equipment::texts::{texts, BauhofTexts};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, MunicipalityId};
use sqlx::AnyConnection;

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    YardCreated,
    UnitCreated,
    UnitChanged,
    UnitImported,
    PhotoChanged,
    Shared,
    Unshared,
    BreakdownReported,
    Allocated,
    Dispatched,
    MadeReady,
    Finished,
    Declined,
    Reserved,
    Extended,
    Cancelled,
    CheckedOut,
    Returned,
    RepairOpened,
    RepairClosed,
    LoanAsked,
    LoanAccepted,
    LoanDeclined,
}

impl Kind {
    pub const ALL: [Kind; 23] = [
        Kind::YardCreated,
        Kind::UnitCreated,
        Kind::UnitChanged,
        Kind::UnitImported,
        Kind::PhotoChanged,
        Kind::Shared,
        Kind::Unshared,
        Kind::BreakdownReported,
        Kind::Allocated,
        Kind::Dispatched,
        Kind::MadeReady,
        Kind::Finished,
        Kind::Declined,
        Kind::Reserved,
        Kind::Extended,
        Kind::Cancelled,
        Kind::CheckedOut,
        Kind::Returned,
        Kind::RepairOpened,
        Kind::RepairClosed,
        Kind::LoanAsked,
        Kind::LoanAccepted,
        Kind::LoanDeclined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Kind::YardCreated => "yard_created",
            Kind::UnitCreated => "unit_created",
            Kind::UnitChanged => "unit_changed",
            Kind::UnitImported => "unit_imported",
            Kind::PhotoChanged => "photo_changed",
            Kind::Shared => "shared",
            Kind::Unshared => "unshared",
            Kind::BreakdownReported => "breakdown_reported",
            Kind::Allocated => "allocated",
            Kind::Dispatched => "dispatched",
            Kind::MadeReady => "made_ready",
            Kind::Finished => "finished",
            Kind::Declined => "declined",
            Kind::Reserved => "reserved",
            Kind::Extended => "extended",
            Kind::Cancelled => "cancelled",
            Kind::CheckedOut => "checked_out",
            Kind::Returned => "returned",
            Kind::RepairOpened => "repair_opened",
            Kind::RepairClosed => "repair_closed",
            Kind::LoanAsked => "loan_asked",
            Kind::LoanAccepted => "loan_accepted",
            Kind::LoanDeclined => "loan_declined",
        }
    }

    pub fn parse(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn title(self, b: &BauhofTexts) -> &'static str {
        match self {
            Kind::YardCreated => b.log_yard_created,
            Kind::UnitCreated => b.log_unit_created,
            Kind::UnitChanged => b.log_unit_changed,
            Kind::UnitImported => b.log_unit_imported,
            Kind::PhotoChanged => b.log_photo_changed,
            Kind::Shared => b.log_shared,
            Kind::Unshared => b.log_unshared,
            Kind::BreakdownReported => b.log_breakdown_reported,
            Kind::Allocated => b.log_allocated,
            Kind::Dispatched => b.log_dispatched,
            Kind::MadeReady => b.log_made_ready,
            Kind::Finished => b.log_finished,
            Kind::Declined => b.log_declined,
            Kind::Reserved => b.log_reserved,
            Kind::Extended => b.log_extended,
            Kind::Cancelled => b.log_cancelled,
            Kind::CheckedOut => b.log_checked_out,
            Kind::Returned => b.log_returned,
            Kind::RepairOpened => b.log_repair_opened,
            Kind::RepairClosed => b.log_repair_closed,
            Kind::LoanAsked => b.log_loan_asked,
            Kind::LoanAccepted => b.log_loan_accepted,
            Kind::LoanDeclined => b.log_loan_declined,
        }
    }
}

kiezwerk_app::stored_as_text!(Kind);

/// One change to record.
pub struct Change<'a> {
    pub municipality_id: MunicipalityId,
    pub unit_id: Option<i64>,
    pub breakdown_id: Option<i64>,
    pub kind: Kind,
    /// Facts in no particular language (numbers, times, names) or the person's own words.
    pub detail: &'a str,
    pub actor: Option<AccountId>,
}

impl<'a> Change<'a> {
    /// A person's change to one unit, outside any breakdown.
    pub fn on_unit(
        municipality_id: MunicipalityId,
        unit_id: i64,
        kind: Kind,
        detail: &'a str,
        actor: AccountId,
    ) -> Change<'a> {
        Change {
            municipality_id,
            unit_id: Some(unit_id),
            breakdown_id: None,
            kind,
            detail,
            actor: Some(actor),
        }
    }
}

/// Records a change inside the transaction that makes it.
pub async fn record(
    conn: &mut AnyConnection,
    now: i64,
    change: Change<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into equipment_log (municipality_id, unit_id, breakdown_id, kind, detail, actor_id, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(change.municipality_id)
    .bind(change.unit_id)
    .bind(change.breakdown_id)
    .bind(change.kind)
    .bind(change.detail)
    .bind(change.actor)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Row {
    kind: Kind,
    detail: String,
    actor: Option<String>,
    created_at: i64,
}

fn entries(rows: Vec<Row>, lang: Lang) -> Vec<LogEntry> {
    let b = texts(lang);
    rows.into_iter()
        .map(|row| LogEntry {
            at: format_time(row.created_at, lang),
            title: row.kind.title(b).to_owned(),
            actor: row.actor,
            detail: (!row.detail.is_empty()).then_some(row.detail),
        })
        .collect()
}

/// A unit's history, newest first (the owner's entries; a borrower's own entries about the
/// unit are in its requests' histories).
pub async fn of_unit(
    db: &Db,
    municipality_id: MunicipalityId,
    unit_id: i64,
    lang: Lang,
) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "select l.kind, l.detail, a.display_name as actor, l.created_at from equipment_log l \
         left join accounts a on a.id = l.actor_id \
         where l.unit_id = $1 and l.municipality_id = $2 order by l.id desc limit 200",
    )
    .bind(unit_id)
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(entries(rows, lang))
}

/// A breakdown's history, newest first, with the lender's entries about it.
pub async fn of_breakdown(
    db: &Db,
    breakdown_id: i64,
    lang: Lang,
) -> Result<Vec<LogEntry>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(
        "select l.kind, l.detail, a.display_name as actor, l.created_at from equipment_log l \
         left join accounts a on a.id = l.actor_id \
         where l.breakdown_id = $1 order by l.id desc limit 200",
    )
    .bind(breakdown_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(entries(rows, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_code_and_a_title_in_both_languages() {
        let mut codes: Vec<_> = Kind::ALL.iter().map(|k| k.code()).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), Kind::ALL.len());
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.code()), Some(kind));
            for lang in [Lang::De, Lang::En] {
                assert!(!kind.title(texts(lang)).is_empty());
            }
        }
    }
}
