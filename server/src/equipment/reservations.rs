//! Who has a unit when. Overlapping reservations of one unit cannot exist: PostgreSQL refuses
//! them with an exclusion constraint (`btree_gist`, SQLSTATE 23P01), SQLite with triggers that
//! abort the insert or update (see the migrations). Periods are half-open, `[starts_at,
//! ends_at)`, so back-to-back bookings are fine. Writers open their transaction with
//! [`begin_write`], which on SQLite takes the write lock first (`BEGIN IMMEDIATE`): two
//! managers allocating at the same moment are served one after the other, and the second is
//! refused by the database, not by a check that both passed.

use crate::core::db::Db;
use kiezwerk_app::model::{AccountId, MunicipalityId};
use sqlx::{Any, AnyConnection, Transaction};

/// The name both databases give the refusal of an overlap.
pub const NO_OVERLAP: &str = "reservations_no_overlap";

/// A transaction for a change that reads and then writes reservations ([`Db::begin_write`]).
pub async fn begin_write(db: &Db) -> Result<Transaction<'static, Any>, sqlx::Error> {
    db.begin_write().await
}

/// Whether the database refused a write because it would overlap another reservation.
pub fn is_overlap(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Database(db) => {
            db.code().as_deref() == Some("23P01")
                || db.constraint() == Some(NO_OVERLAP)
                || db.message().contains(NO_OVERLAP)
        }
        _ => false,
    }
}

/// Why a reservation was not made.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// The unit is taken (some of) that time.
    #[error("overlaps another reservation")]
    Overlap,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

fn refused(error: sqlx::Error) -> Refused {
    if is_overlap(&error) {
        Refused::Overlap
    } else {
        Refused::Database(error)
    }
}

/// A reservation to make.
pub struct New<'a> {
    pub unit_id: i64,
    pub breakdown_id: Option<i64>,
    pub borrower_id: MunicipalityId,
    pub holder_id: Option<AccountId>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub note: &'a str,
    pub created_by: Option<AccountId>,
}

/// Inserts a reservation; the database refuses an overlap.
pub async fn insert(conn: &mut AnyConnection, new: New<'_>, now: i64) -> Result<i64, Refused> {
    sqlx::query_scalar(
        "insert into reservations (unit_id, breakdown_id, borrower_id, holder_id, starts_at, ends_at, note, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
    )
    .bind(new.unit_id)
    .bind(new.breakdown_id)
    .bind(new.borrower_id)
    .bind(new.holder_id)
    .bind(new.starts_at)
    .bind(new.ends_at)
    .bind(new.note)
    .bind(new.created_by)
    .bind(now)
    .fetch_one(conn)
    .await
    .map_err(refused)
}

/// Moves a reservation's end; the database refuses an overlap.
pub async fn set_end(conn: &mut AnyConnection, id: i64, ends_at: i64) -> Result<(), Refused> {
    sqlx::query("update reservations set ends_at = $1 where id = $2")
        .bind(ends_at)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
        .map_err(refused)
}

pub async fn cancel(conn: &mut AnyConnection, id: i64, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update reservations set cancelled_at = $1 where id = $2 and cancelled_at is null")
        .bind(now)
        .bind(id)
        .execute(conn)
        .await
        .map(|_| ())
}

/// A reservation with what the calendar shows.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Reservation {
    pub id: i64,
    pub unit_id: i64,
    pub unit_municipality_id: MunicipalityId,
    pub breakdown_id: Option<i64>,
    pub borrower_id: MunicipalityId,
    pub holder_id: Option<AccountId>,
    pub holder: Option<String>,
    pub starts_at: i64,
    pub ends_at: i64,
    pub note: String,
}

const SELECT: &str = "select r.id, r.unit_id, u.municipality_id as unit_municipality_id, \
     r.breakdown_id, r.borrower_id, r.holder_id, a.display_name as holder, r.starts_at, r.ends_at, r.note \
     from reservations r join units u on u.id = r.unit_id left join accounts a on a.id = r.holder_id";

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Reservation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where r.id = $1 and r.cancelled_at is null"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// A unit's reservations that have not ended by `now`, soonest first.
pub async fn upcoming(db: &Db, unit_id: i64, now: i64) -> Result<Vec<Reservation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where r.unit_id = $1 and r.cancelled_at is null and r.ends_at > $2 order by r.starts_at limit 50"
    ))
    .bind(unit_id)
    .bind(now)
    .fetch_all(&db.pool)
    .await
}

/// The reservations of several units that have not ended by `now`, by unit and start.
pub async fn upcoming_of(
    db: &Db,
    unit_ids: &[i64],
    now: i64,
) -> Result<Vec<Reservation>, sqlx::Error> {
    if unit_ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (0..unit_ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "{SELECT} where r.cancelled_at is null and r.ends_at > $1 and r.unit_id in ({}) order by r.unit_id, r.starts_at",
        marks.join(", ")
    );
    let mut query = sqlx::query_as(&sql).bind(now);
    for id in unit_ids {
        query = query.bind(*id);
    }
    query.fetch_all(&db.pool).await
}

/// The reservation `holder` has of each unit at `now` (what they have in hand).
pub async fn held_by(
    db: &Db,
    holder: AccountId,
    now: i64,
) -> Result<Vec<Reservation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where r.holder_id = $1 and r.cancelled_at is null and r.starts_at <= $2 and r.ends_at > $2 \
         order by r.starts_at"
    ))
    .bind(holder)
    .bind(now)
    .fetch_all(&db.pool)
    .await
}

/// The reservation of a unit that runs at `now`, if any.
pub async fn current(
    conn: &mut AnyConnection,
    unit_id: i64,
    now: i64,
) -> Result<Option<Reservation>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where r.unit_id = $1 and r.cancelled_at is null and r.starts_at <= $2 and r.ends_at > $2"
    ))
    .bind(unit_id)
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// The units of `type_id` that `borrower` may use (its own, and those partners published to
/// it) and that are free during `[from, until)`: not retired, not in repair, no reservation
/// overlapping. Ids with the owning municipality.
pub async fn free_units(
    conn: &mut AnyConnection,
    borrower: MunicipalityId,
    type_id: i64,
    from: i64,
    until: i64,
) -> Result<Vec<(i64, MunicipalityId)>, sqlx::Error> {
    sqlx::query_as(
        "select u.id, u.municipality_id from units u \
         where u.type_id = $1 and u.status in ('available', 'in_use') \
         and (u.municipality_id = $2 \
              or exists (select 1 from unit_shares s where s.unit_id = u.id and s.partner_id = $2)) \
         and not exists (select 1 from reservations r where r.unit_id = u.id and r.cancelled_at is null \
                         and r.starts_at < $4 and $3 < r.ends_at) \
         order by u.inventory_number",
    )
    .bind(type_id)
    .bind(borrower)
    .bind(from)
    .bind(until)
    .fetch_all(conn)
    .await
}
