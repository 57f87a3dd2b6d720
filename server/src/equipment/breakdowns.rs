//! A worker's breakdown report: the draft (one answer per page, kept per account for a day),
//! sending it (the unit goes into repair with a repair record), and the fleet manager's steps
//! on the state machine of [`BreakdownStatus`]: allocate a replacement (a reservation the
//! database keeps free of overlaps), dispatch or make ready, finish, or decline with a reason.
//! Every step is audited and mailed to the worker.

use super::history::{self, Change, Kind};
use super::model::{BreakdownStatus, Damage, Delivery, Step, UnitStatus};
use super::register::{self, normalise_number, Unit};
use super::reservations::{self, begin_write, Refused};
use super::{invalid, not_found, notify, Equipment};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::port::Failure;
use crate::core::text::clean_text;
use crate::core::time::{format_window, parse_local};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::{BauhofRefusal, BreakdownStep, DraftAnswer};
use kiezwerk_app::equipment::texts::{texts, BauhofTexts};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{AccountId, FieldError, MunicipalityId, Problem, Viewer};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

/// A draft untouched this long is removed with its photo.
pub const DRAFT_LIFETIME_MS: i64 = 24 * 3_600_000;
pub const DESCRIPTION_MAX: usize = 1000;
pub const PLACE_MAX: usize = 300;
pub const REASON_MAX: usize = 500;
/// Longest replacement period a worker may ask for.
pub const WINDOW_MAX_MS: i64 = 31 * 24 * 3_600_000;

/// The public name of a breakdown report: the municipality's prefix and its number,
/// `BER-A00042`.
pub fn reference(municipality: &Municipality, id: i64) -> String {
    format!("{}-A{id:05}", municipality.reference_prefix)
}

/// The answers so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub unit_id: Option<i64>,
    pub damage: Option<String>,
    #[serde(default)]
    pub description: String,
    pub photo_key: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    #[serde(default)]
    pub place: String,
    pub needed: Option<bool>,
    pub type_id: Option<i64>,
    pub from: Option<i64>,
    pub until: Option<i64>,
    pub delivery: Option<String>,
}

impl Draft {
    /// The first step still unanswered.
    pub fn missing(&self) -> Option<BreakdownStep> {
        if self.unit_id.is_none() {
            Some(BreakdownStep::Unit)
        } else if self.damage.as_deref().and_then(Damage::parse).is_none() {
            Some(BreakdownStep::Damage)
        } else if self.place.is_empty() && self.lat.is_none() {
            Some(BreakdownStep::Place)
        } else {
            match self.needed {
                None => Some(BreakdownStep::Replacement),
                Some(true)
                    if self.type_id.is_none()
                        || self.from.is_none()
                        || self.until.is_none()
                        || self.delivery.as_deref().and_then(Delivery::parse).is_none() =>
                {
                    Some(BreakdownStep::Replacement)
                }
                Some(_) => None,
            }
        }
    }
}

/// The viewer's draft in `municipality_id` (a draft begun for another municipality does not
/// count), and when it was last changed.
pub async fn load_draft(
    db: &Db,
    account: AccountId,
    municipality_id: MunicipalityId,
) -> Result<Option<Draft>, sqlx::Error> {
    let row: Option<(MunicipalityId, String)> =
        sqlx::query_as("select municipality_id, data from breakdown_drafts where account_id = $1")
            .bind(account)
            .fetch_optional(&db.pool)
            .await?;
    Ok(row
        .filter(|(m, _)| *m == municipality_id)
        .and_then(|(_, data)| serde_json::from_str(&data).ok()))
}

async fn save_draft(
    conn: &mut AnyConnection,
    account: AccountId,
    municipality_id: MunicipalityId,
    draft: &Draft,
    now: i64,
) -> Result<(), sqlx::Error> {
    let data = serde_json::to_string(draft).unwrap_or_default();
    sqlx::query(
        "insert into breakdown_drafts (account_id, municipality_id, data, updated_at) values ($1, $2, $3, $4) \
         on conflict (account_id) do update set municipality_id = excluded.municipality_id, \
         data = excluded.data, updated_at = excluded.updated_at",
    )
    .bind(account)
    .bind(municipality_id)
    .bind(data)
    .bind(now)
    .execute(conn)
    .await
    .map(|_| ())
}

/// The photo of whatever draft the account has (of any municipality), to delete when it goes.
async fn draft_photo(
    conn: &mut AnyConnection,
    account: AccountId,
) -> Result<Option<String>, sqlx::Error> {
    let data: Option<String> =
        sqlx::query_scalar("select data from breakdown_drafts where account_id = $1")
            .bind(account)
            .fetch_optional(conn)
            .await?;
    Ok(data
        .and_then(|d| serde_json::from_str::<Draft>(&d).ok())
        .and_then(|d| d.photo_key))
}

/// Removes drafts last changed before `before`; the keys of their photos.
pub async fn delete_expired_drafts(
    db: &Db,
    before: i64,
) -> Result<Vec<Option<String>>, sqlx::Error> {
    let rows: Vec<(AccountId, String)> = sqlx::query_as(
        "select account_id, data from breakdown_drafts where updated_at < $1 limit 500",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    let mut photos = Vec::with_capacity(rows.len());
    for (account, data) in rows {
        let deleted =
            sqlx::query("delete from breakdown_drafts where account_id = $1 and updated_at < $2")
                .bind(account)
                .bind(before)
                .execute(&db.pool)
                .await?
                .rows_affected();
        if deleted > 0 {
            photos.push(
                serde_json::from_str::<Draft>(&data)
                    .ok()
                    .and_then(|d| d.photo_key),
            );
        }
    }
    Ok(photos)
}

/// A unit the worker may report: one of the municipality's, not retired.
async fn reportable_unit(
    state: &Equipment,
    municipality: &Municipality,
    number: &str,
    lang: Lang,
) -> Result<Unit, Failure<BauhofRefusal>> {
    let b = texts(lang);
    if number.trim().is_empty() {
        return invalid("number", b.err_unit_missing);
    }
    let Some(unit) = register::unit_by_number(&state.core.db, municipality.id, number).await?
    else {
        let shown = normalise_number(number).unwrap_or_else(|| number.trim().to_owned());
        return invalid(
            "number",
            fill(b.err_unit_unknown, &[&shown, &municipality.name]),
        );
    };
    if unit.status == UnitStatus::Retired {
        return invalid(
            "number",
            fill(b.err_unit_retired, &[&unit.inventory_number]),
        );
    }
    Ok(unit)
}

/// Starts a new report, replacing an unsent one; with the unit when it comes from its label.
pub async fn start(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    number: Option<&str>,
    lang: Lang,
) -> Result<(), Failure<BauhofRefusal>> {
    let mut draft = Draft::default();
    if let Some(number) = number.filter(|n| !n.trim().is_empty()) {
        draft.unit_id = Some(reportable_unit(state, municipality, number, lang).await?.id);
    }
    let core = &state.core;
    // Reads the old draft, then writes: on SQLite the write lock is taken at the start, or a
    // concurrent writer would make the upgrade fail at once ("database is locked").
    let mut tx = begin_write(&core.db).await?;
    let old_photo = draft_photo(&mut tx, viewer.account_id).await?;
    save_draft(
        &mut tx,
        viewer.account_id,
        municipality.id,
        &draft,
        core.clock.now_ms(),
    )
    .await?;
    tx.commit().await?;
    if let Some(key) = old_photo {
        if let Err(error) = state.photos.store.delete(&key).await {
            tracing::warn!(%error, "deleting a replaced draft's photo");
        }
    }
    Ok(())
}

fn refuse<T>(errors: Vec<FieldError>) -> Result<T, Failure<BauhofRefusal>> {
    Err(Failure::Refused(BauhofRefusal::Invalid(errors)))
}

fn worded(field: &str, message: impl Into<String>) -> FieldError {
    FieldError::new(field, Problem::Worded(message.into()))
}

/// Keeps one answer; a refused answer changes nothing.
pub async fn answer(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    answer: DraftAnswer,
    lang: Lang,
) -> Result<(), Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut draft = load_draft(&core.db, viewer.account_id, municipality.id)
        .await?
        .unwrap_or_default();
    let mut removed_photo = None;
    match answer {
        DraftAnswer::Unit { number } => {
            draft.unit_id = Some(
                reportable_unit(state, municipality, &number, lang)
                    .await?
                    .id,
            );
        }
        DraftAnswer::Damage {
            damage,
            description,
        } => {
            let description = clean_text(&description);
            let mut errors = Vec::new();
            let damage = Damage::parse(damage.trim());
            if damage.is_none() {
                errors.push(worded("damage", b.err_damage_missing));
            }
            if description.chars().count() > DESCRIPTION_MAX {
                errors.push(worded(
                    "description",
                    fill(b.err_description_too_long, &[&DESCRIPTION_MAX.to_string()]),
                ));
            } else if damage == Some(Damage::Other) && description.is_empty() {
                errors.push(worded("description", b.err_description_for_other));
            }
            if !errors.is_empty() {
                return refuse(errors);
            }
            draft.damage = damage.map(|d| d.code().to_owned());
            draft.description = description;
        }
        DraftAnswer::NoPhoto => removed_photo = draft.photo_key.take(),
        DraftAnswer::Place { lat, lon, place } => {
            let place = clean_text(&place);
            let mut errors = Vec::new();
            let position = if lat.trim().is_empty() && lon.trim().is_empty() {
                None
            } else {
                match Coordinates::parse(&lat, &lon) {
                    Some(p) => Some(p),
                    None => {
                        errors.push(worded("lat", b.err_coordinates));
                        None
                    }
                }
            };
            if place.chars().count() > PLACE_MAX {
                errors.push(worded(
                    "place",
                    fill(b.err_place_too_long, &[&PLACE_MAX.to_string()]),
                ));
            } else if place.is_empty() && position.is_none() && errors.is_empty() {
                errors.push(worded("place", b.err_place_missing));
            }
            if !errors.is_empty() {
                return refuse(errors);
            }
            draft.lat = position.map(|p| p.lat());
            draft.lon = position.map(|p| p.lon());
            draft.place = place;
        }
        DraftAnswer::Replacement {
            needed,
            type_code,
            from,
            until,
            delivery,
        } => match needed.as_str() {
            "nein" => {
                draft.needed = Some(false);
                (draft.type_id, draft.from, draft.until, draft.delivery) = (None, None, None, None);
            }
            "ja" => {
                let mut errors = Vec::new();
                let types = register::types(&core.db).await?;
                let type_id = types
                    .iter()
                    .find(|t| t.code == type_code.trim())
                    .map(|t| t.id);
                if type_id.is_none() {
                    errors.push(worded("type", b.err_type_missing));
                }
                let window = check_window(&from, &until, now, b, &mut errors);
                let delivery = Delivery::parse(delivery.trim());
                if delivery.is_none() {
                    errors.push(worded("delivery", b.err_delivery_missing));
                }
                if !errors.is_empty() {
                    return refuse(errors);
                }
                draft.needed = Some(true);
                draft.type_id = type_id;
                draft.from = window.map(|w| w.0);
                draft.until = window.map(|w| w.1);
                draft.delivery = delivery.map(|d| d.code().to_owned());
            }
            _ => return invalid("needed", b.err_needed_missing),
        },
    }
    let mut tx = core.db.pool.begin().await?;
    save_draft(&mut tx, viewer.account_id, municipality.id, &draft, now).await?;
    tx.commit().await?;
    if let Some(key) = removed_photo {
        if let Err(error) = state.photos.store.delete(&key).await {
            tracing::warn!(%error, "deleting a removed draft photo");
        }
    }
    Ok(())
}

/// A period from two `datetime-local` values: start before end, end in the future, at most
/// [`WINDOW_MAX_MS`] long. Problems go to `errors` under the fields `from` and `until`.
pub fn check_window(
    from: &str,
    until: &str,
    now: i64,
    b: &BauhofTexts,
    errors: &mut Vec<FieldError>,
) -> Option<(i64, i64)> {
    let from_ms = parse_local(from);
    let until_ms = parse_local(until);
    if from_ms.is_none() {
        errors.push(worded("from", b.err_from_invalid));
    }
    if until_ms.is_none() {
        errors.push(worded("until", b.err_until_invalid));
    }
    let (from_ms, until_ms) = (from_ms?, until_ms?);
    if until_ms <= from_ms {
        errors.push(worded("until", b.err_until_before_from));
        return None;
    }
    if until_ms <= now {
        errors.push(worded("until", b.err_until_past));
        return None;
    }
    if until_ms - from_ms > WINDOW_MAX_MS {
        errors.push(worded("until", b.err_window_too_long));
        return None;
    }
    Some((from_ms, until_ms))
}

/// Attaches a stored photo to the viewer's draft; the replaced photo's key.
pub async fn attach_photo(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    key: &str,
) -> Result<Option<String>, sqlx::Error> {
    let core = &state.core;
    let mut draft = load_draft(&core.db, viewer.account_id, municipality.id)
        .await?
        .unwrap_or_default();
    let old = draft.photo_key.replace(key.to_owned());
    let mut tx = core.db.pool.begin().await?;
    save_draft(
        &mut tx,
        viewer.account_id,
        municipality.id,
        &draft,
        core.clock.now_ms(),
    )
    .await?;
    crate::photos::pending::attached(&mut tx, key).await?;
    tx.commit().await?;
    Ok(old)
}

/// A breakdown report as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Breakdown {
    pub id: i64,
    pub municipality_id: MunicipalityId,
    pub requester_id: Option<AccountId>,
    pub requester: Option<String>,
    pub unit_id: i64,
    pub damage: Damage,
    pub description: String,
    pub photo_key: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub place: String,
    pub needs_replacement: i64,
    pub wanted_type_id: Option<i64>,
    pub wanted_from: Option<i64>,
    pub wanted_until: Option<i64>,
    pub delivery: Option<Delivery>,
    pub status: BreakdownStatus,
    pub reason: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl Breakdown {
    pub fn position(&self) -> Option<Coordinates> {
        Coordinates::from_columns(self.lat, self.lon)
    }

    /// The replacement asked for: type and period.
    pub fn wanted(&self) -> Option<(i64, i64, i64)> {
        if self.needs_replacement == 0 {
            return None;
        }
        Some((self.wanted_type_id?, self.wanted_from?, self.wanted_until?))
    }
}

pub const SELECT: &str =
    "select b.id, b.municipality_id, b.requester_id, a.display_name as requester, \
     b.unit_id, b.damage, b.description, b.photo_key, b.lat, b.lon, b.place, b.needs_replacement, \
     b.wanted_type_id, b.wanted_from, b.wanted_until, b.delivery, b.status, b.reason, b.version, \
     b.created_at, b.updated_at from breakdowns b left join accounts a on a.id = b.requester_id";

pub async fn get(conn: &mut AnyConnection, id: i64) -> Result<Option<Breakdown>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} where b.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn get_in(db: &Db, id: i64) -> Result<Option<Breakdown>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    get(&mut conn, id).await
}

/// A report the viewer may see: their own, or any of the municipality's if they manage its
/// fleet.
pub async fn visible(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
) -> Result<Option<Breakdown>, sqlx::Error> {
    let breakdown = get_in(&state.core.db, id)
        .await?
        .filter(|b| b.municipality_id == municipality.id);
    Ok(breakdown.filter(|b| {
        b.requester_id == Some(viewer.account_id) || super::manages(viewer, municipality)
    }))
}

/// The account's reports in the municipality, newest first.
pub async fn of_requester(
    db: &Db,
    municipality_id: MunicipalityId,
    account: AccountId,
) -> Result<Vec<Breakdown>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where b.municipality_id = $1 and b.requester_id = $2 order by b.created_at desc limit 50"
    ))
    .bind(municipality_id)
    .bind(account)
    .fetch_all(&db.pool)
    .await
}

/// The municipality's reports still to handle, oldest first (the view orders by urgency).
pub async fn open(db: &Db, municipality_id: MunicipalityId) -> Result<Vec<Breakdown>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} where b.municipality_id = $1 and b.status not in ('done', 'declined') \
         order by b.created_at limit 500"
    ))
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await
}

/// How many reports arrived in the municipality after `since`.
pub async fn arrived_since(
    db: &Db,
    municipality_id: MunicipalityId,
    since: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "select count(*) from breakdowns where municipality_id = $1 and created_at > $2",
    )
    .bind(municipality_id)
    .bind(since)
    .fetch_one(&db.pool)
    .await
}

/// The replacement reserved for a report.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Allocation {
    pub reservation_id: i64,
    pub unit_id: i64,
    pub number: String,
    pub yard: String,
    pub owner_id: MunicipalityId,
    pub starts_at: i64,
    pub ends_at: i64,
}

pub async fn allocation(
    conn: &mut AnyConnection,
    breakdown_id: i64,
) -> Result<Option<Allocation>, sqlx::Error> {
    sqlx::query_as(
        "select r.id as reservation_id, u.id as unit_id, u.inventory_number as number, y.name as yard, \
         u.municipality_id as owner_id, r.starts_at, r.ends_at from reservations r \
         join units u on u.id = r.unit_id join yards y on y.id = u.yard_id \
         where r.breakdown_id = $1 and r.cancelled_at is null order by r.id desc limit 1",
    )
    .bind(breakdown_id)
    .fetch_optional(conn)
    .await
}

/// What the status means for the worker now, in one sentence.
pub fn status_detail(breakdown: &Breakdown, allocation: Option<&Allocation>, lang: Lang) -> String {
    let b = texts(lang);
    match (breakdown.status, allocation) {
        (BreakdownStatus::Requested, _) if breakdown.needs_replacement != 0 => {
            b.detail_searching.to_owned()
        }
        (BreakdownStatus::Requested, _) => b.detail_received.to_owned(),
        (BreakdownStatus::Allocated, Some(a)) => {
            let window = format_window(a.starts_at, a.ends_at, lang);
            match breakdown.delivery {
                Some(Delivery::Pickup) => {
                    fill(b.detail_allocated_pickup, &[&a.number, &a.yard, &window])
                }
                _ => fill(b.detail_allocated_deliver, &[&a.number, &a.yard, &window]),
            }
        }
        (BreakdownStatus::OnTheWay, Some(a)) => fill(b.detail_on_the_way, &[&a.number]),
        (BreakdownStatus::ReadyForPickup, Some(a)) => fill(b.detail_ready, &[&a.number, &a.yard]),
        (BreakdownStatus::Declined, _) => fill(
            b.detail_declined,
            &[breakdown.reason.as_deref().unwrap_or_default()],
        ),
        (BreakdownStatus::Done, _) => b.detail_done.to_owned(),
        (_, None) => breakdown.status.label(b).to_owned(),
    }
}

/// Sends the draft: the report is stored, the unit goes into repair with a repair record, a
/// unit the worker had in hand goes back, the fleet managers are told. Returns the report's id.
pub async fn submit(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    lang: Lang,
) -> Result<i64, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let core = &state.core;
    let now = core.clock.now_ms();
    let Some(draft) = load_draft(&core.db, viewer.account_id, municipality.id).await? else {
        return invalid("send", b.err_draft_gone);
    };
    if let Some(step) = draft.missing() {
        return invalid(step.segment(), b.err_draft_incomplete);
    }
    let (Some(unit_id), Some(damage)) = (
        draft.unit_id,
        draft.damage.as_deref().and_then(Damage::parse),
    ) else {
        return invalid("send", b.err_draft_incomplete);
    };
    let needed = draft.needed == Some(true);
    let delivery = draft.delivery.as_deref().and_then(Delivery::parse);
    let mut tx = begin_write(&core.db).await?;
    let Some(unit) = register::unit(&mut tx, unit_id)
        .await?
        .filter(|u| u.municipality_id == municipality.id)
    else {
        return invalid("send", b.err_draft_gone);
    };
    let id: i64 = sqlx::query_scalar(
        "insert into breakdowns (municipality_id, requester_id, unit_id, damage, description, photo_key, \
         lat, lon, place, needs_replacement, wanted_type_id, wanted_from, wanted_until, delivery, status, \
         created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'requested', $15, $15) returning id",
    )
    .bind(municipality.id)
    .bind(viewer.account_id)
    .bind(unit.id)
    .bind(damage)
    .bind(&draft.description)
    .bind(&draft.photo_key)
    .bind(draft.lat)
    .bind(draft.lon)
    .bind(&draft.place)
    .bind(i64::from(needed))
    .bind(draft.type_id.filter(|_| needed))
    .bind(draft.from.filter(|_| needed))
    .bind(draft.until.filter(|_| needed))
    .bind(delivery.filter(|_| needed))
    .bind(now)
    .persistent(false)
    .fetch_one(&mut *tx)
    .await?;
    // The broken unit goes into repair; a reservation of it the worker holds ends now.
    if unit.status != UnitStatus::InRepair {
        sqlx::query("update units set status = 'in_repair', version = version + 1, updated_at = $1 where id = $2")
            .bind(now)
            .bind(unit.id)
            .execute(&mut *tx)
            .await?;
    }
    if let Some(held) = reservations::current(&mut tx, unit.id, now).await? {
        if held.holder_id == Some(viewer.account_id) {
            reservations::set_end(&mut tx, held.id, now.max(held.starts_at + 1))
                .await
                .map_err(|e| Failure::internal(anyhow::anyhow!(e)))?;
        }
    }
    let what = if draft.description.is_empty() {
        damage.label(b).to_owned()
    } else {
        format!("{}: {}", damage.label(b), draft.description)
    };
    sqlx::query(
        "insert into repairs (unit_id, breakdown_id, what, since, reported_by) values ($1, $2, $3, $4, $5)",
    )
    .bind(unit.id)
    .bind(id)
    .bind(&what)
    .bind(now)
    .bind(viewer.account_id)
    .execute(&mut *tx)
    .await?;
    let reference = reference(municipality, id);
    for kind in [Kind::BreakdownReported, Kind::RepairOpened] {
        history::record(
            &mut tx,
            now,
            Change {
                municipality_id: municipality.id,
                unit_id: Some(unit.id),
                breakdown_id: Some(id),
                kind,
                detail: &format!("{reference}: {what}"),
                actor: Some(viewer.account_id),
            },
        )
        .await?;
    }
    if let Some(key) = &draft.photo_key {
        crate::photos::pending::attached(&mut tx, key).await?;
    }
    sqlx::query("delete from breakdown_drafts where account_id = $1")
        .bind(viewer.account_id)
        .execute(&mut *tx)
        .await?;
    notify::new_request(
        &mut tx,
        &core.settings.public_url,
        municipality,
        &reference,
        id,
        &unit.inventory_number,
        &what,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// Loads a report of `municipality` at `version` for a manager's change, in `tx`.
async fn for_change(
    conn: &mut AnyConnection,
    municipality: &Municipality,
    id: i64,
    version: i64,
    b: &BauhofTexts,
) -> Result<Breakdown, Failure<BauhofRefusal>> {
    let Some(breakdown) = get(conn, id)
        .await?
        .filter(|r| r.municipality_id == municipality.id)
    else {
        return not_found();
    };
    if breakdown.version != version {
        return invalid("step", b.err_changed_meanwhile);
    }
    Ok(breakdown)
}

/// Writes a report's new status (guarded by its version), the history entry and the mail.
#[allow(clippy::too_many_arguments)]
async fn move_to(
    conn: &mut AnyConnection,
    state: &Equipment,
    municipality: &Municipality,
    breakdown: &Breakdown,
    status: BreakdownStatus,
    reason: Option<&str>,
    kind: Kind,
    detail: &str,
    actor: AccountId,
    now: i64,
    b: &BauhofTexts,
) -> Result<(), Failure<BauhofRefusal>> {
    let changed = sqlx::query(
        "update breakdowns set status = $1, reason = coalesce($2, reason), version = version + 1, updated_at = $3 \
         where id = $4 and version = $5",
    )
    .bind(status)
    .bind(reason)
    .bind(now)
    .bind(breakdown.id)
    .bind(breakdown.version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if changed != 1 {
        return invalid("step", b.err_changed_meanwhile);
    }
    history::record(
        conn,
        now,
        Change {
            municipality_id: municipality.id,
            unit_id: None,
            breakdown_id: Some(breakdown.id),
            kind,
            detail,
            actor: Some(actor),
        },
    )
    .await?;
    let moved = Breakdown {
        status,
        reason: reason.map(str::to_owned).or(breakdown.reason.clone()),
        ..breakdown.clone()
    };
    let allocation = allocation(conn, breakdown.id).await?;
    notify::status_changed(
        conn,
        &state.core.settings.public_url,
        municipality,
        &moved,
        allocation.as_ref(),
        now,
    )
    .await?;
    Ok(())
}

/// A manager's step other than allocating: dispatch, make ready, finish, decline.
#[allow(clippy::too_many_arguments)]
pub async fn step(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    version: i64,
    step: &str,
    reason: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let (step, kind) = match step {
        "dispatch" => (Step::Dispatch, Kind::Dispatched),
        "ready" => (Step::MakeReady, Kind::MadeReady),
        "finish" => (Step::Finish, Kind::Finished),
        "decline" => (Step::Decline, Kind::Declined),
        _ => return invalid("step", b.err_step_missing),
    };
    let reason = clean_text(reason);
    if reason.chars().count() > REASON_MAX {
        return invalid(
            "reason",
            fill(b.err_reason_too_long, &[&REASON_MAX.to_string()]),
        );
    }
    if step == Step::Decline && reason.is_empty() {
        return invalid("reason", b.err_reason_missing);
    }
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let breakdown = for_change(&mut tx, municipality, id, version, b).await?;
    let Some(next) = breakdown.status.after(step, breakdown.delivery) else {
        return invalid(
            "step",
            fill(b.err_step_not_now, &[breakdown.status.label(b)]),
        );
    };
    let reference = reference(municipality, id);
    move_to(
        &mut tx,
        state,
        municipality,
        &breakdown,
        next,
        (!reason.is_empty()).then_some(reason.as_str()),
        kind,
        &reason,
        viewer.account_id,
        now,
        b,
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_step, &[&reference, next.label(b)]))
}

/// The names of the free units of the type that `municipality` may use in the period, for a
/// refusal's list of alternatives.
pub async fn alternatives(
    state: &Equipment,
    municipality: &Municipality,
    type_id: i64,
    from: i64,
    until: i64,
) -> Result<Vec<String>, sqlx::Error> {
    let mut conn = state.core.db.pool.acquire().await?;
    let free = reservations::free_units(&mut conn, municipality.id, type_id, from, until).await?;
    let ids: Vec<i64> = free.iter().map(|(id, _)| *id).collect();
    let units = register::units_by_ids(&state.core.db, &ids).await?;
    let registry = &state.tenants.registry;
    let mut names: Vec<String> = units
        .iter()
        .map(|u| {
            if u.municipality_id == municipality.id {
                format!("{} ({})", u.inventory_number, u.yard_name)
            } else {
                let owner = registry
                    .by_id(u.municipality_id)
                    .map(|m| m.name.as_str())
                    .unwrap_or("");
                format!("{} ({}, {owner})", u.inventory_number, u.yard_name)
            }
        })
        .collect();
    names.sort();
    Ok(names)
}

/// The refusal of a reservation that another one overlaps, with the free alternatives.
pub fn taken_message(number: &str, alternatives: &[String], b: &BauhofTexts) -> String {
    if alternatives.is_empty() {
        fill(b.err_taken_none_free, &[number])
    } else {
        fill(b.err_taken, &[number, &alternatives.join(", ")])
    }
}

/// Reserves one of the municipality's own units for the report's wanted period. Two managers
/// allocating the same unit at once: the database lets exactly one reservation in; the other
/// is told the unit is taken and which ones are free.
pub async fn allocate(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    id: i64,
    version: i64,
    unit_id: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let Ok(unit_id) = unit_id.trim().parse::<i64>() else {
        return invalid("unit", b.err_unit_choose);
    };
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = begin_write(&core.db).await?;
    let breakdown = for_change(&mut tx, municipality, id, version, b).await?;
    let Some((type_id, from, until)) = breakdown.wanted() else {
        return invalid("unit", b.err_no_replacement_wanted);
    };
    if breakdown
        .status
        .after(Step::Allocate, breakdown.delivery)
        .is_none()
    {
        return invalid(
            "unit",
            fill(b.err_step_not_now, &[breakdown.status.label(b)]),
        );
    }
    let Some(unit) = register::unit(&mut tx, unit_id)
        .await?
        .filter(|u| u.municipality_id == municipality.id)
    else {
        return invalid("unit", b.err_unit_choose);
    };
    if matches!(unit.status, UnitStatus::InRepair | UnitStatus::Retired) {
        return invalid(
            "unit",
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
            borrower_id: municipality.id,
            holder_id: breakdown.requester_id,
            starts_at: from,
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
            let free = alternatives(state, municipality, type_id, from, until).await?;
            return invalid("unit", taken_message(&unit.inventory_number, &free, b));
        }
        Err(Refused::Database(error)) => return Err(error.into()),
    }
    let reference = reference(municipality, id);
    let detail = format!(
        "{}, {}",
        unit.inventory_number,
        format_window(from, until, lang)
    );
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            unit.id,
            Kind::Reserved,
            &format!("{reference}: {detail}"),
            viewer.account_id,
        ),
    )
    .await?;
    move_to(
        &mut tx,
        state,
        municipality,
        &breakdown,
        BreakdownStatus::Allocated,
        None,
        Kind::Allocated,
        &detail,
        viewer.account_id,
        now,
        b,
    )
    .await?;
    tx.commit().await?;
    Ok(fill(
        b.done_allocated,
        &[&unit.inventory_number, &reference],
    ))
}

/// Puts a report whose replacement reservation was cancelled back to "requested".
pub async fn reopen_after_cancel(
    conn: &mut AnyConnection,
    state: &Equipment,
    breakdown_id: i64,
    actor: AccountId,
    now: i64,
    lang: Lang,
) -> Result<(), Failure<BauhofRefusal>> {
    let Some(breakdown) = get(conn, breakdown_id).await? else {
        return Ok(());
    };
    if !matches!(
        breakdown.status,
        BreakdownStatus::Allocated | BreakdownStatus::OnTheWay | BreakdownStatus::ReadyForPickup
    ) {
        return Ok(());
    }
    let Some(owner) = state.tenants.registry.by_id(breakdown.municipality_id) else {
        return Ok(());
    };
    move_to(
        conn,
        state,
        owner,
        &breakdown,
        BreakdownStatus::Requested,
        None,
        Kind::Cancelled,
        "",
        actor,
        now,
        texts(lang),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_asks_for_the_first_missing_answer() {
        let mut draft = Draft::default();
        assert_eq!(draft.missing(), Some(BreakdownStep::Unit));
        draft.unit_id = Some(1);
        assert_eq!(draft.missing(), Some(BreakdownStep::Damage));
        draft.damage = Some("blade".into());
        assert_eq!(draft.missing(), Some(BreakdownStep::Place));
        draft.place = "Bürgerpark".into();
        assert_eq!(draft.missing(), Some(BreakdownStep::Replacement));
        draft.needed = Some(true);
        draft.type_id = Some(1);
        draft.from = Some(1);
        draft.until = Some(2);
        assert_eq!(draft.missing(), Some(BreakdownStep::Replacement));
        draft.delivery = Some("pickup".into());
        assert_eq!(draft.missing(), None);
        draft.needed = Some(false);
        assert_eq!(draft.missing(), None);
        // A photo is never required; a position stands in for a description of the place.
        draft.place.clear();
        draft.lat = Some(52.5);
        draft.lon = Some(13.4);
        assert_eq!(draft.missing(), None);
    }

    #[test]
    fn a_replacement_period_must_end_after_it_starts_in_the_future_within_a_month() {
        let b = texts(Lang::De);
        let now = parse_local("2026-12-01T07:40").expect("now");
        let mut errors = Vec::new();
        assert!(
            check_window("2026-12-01T08:00", "2026-12-01T16:00", now, b, &mut errors).is_some()
        );
        assert!(errors.is_empty());
        for (from, until, field) in [
            ("", "2026-12-01T16:00", "from"),
            ("2026-12-01T08:00", "bald", "until"),
            ("2026-12-01T16:00", "2026-12-01T08:00", "until"),
            ("2026-11-30T08:00", "2026-11-30T16:00", "until"),
            ("2026-12-01T08:00", "2027-02-01T08:00", "until"),
        ] {
            let mut errors = Vec::new();
            assert!(
                check_window(from, until, now, b, &mut errors).is_none(),
                "{from}–{until}"
            );
            assert_eq!(errors[0].field, field, "{from}–{until}");
        }
    }
}
