//! What the Bauhof pages show, assembled from the domain's modules in the request's language.
//! Access has been decided by the caller (see [`super::port`]); these only read.

use super::breakdowns::{self, reference, status_detail, Breakdown};
use super::history;
use super::labels::qr_svg;
use super::loans::{self, Loan};
use super::model::{BreakdownStatus, Damage, Delivery, Step, UnitStatus};
use super::register::{self, Filter, Unit};
use super::reservations::{self, Reservation};
use super::{manages, Equipment};
use crate::core::geo::Coordinates;
use crate::core::time::{format_time, format_window, local_value};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::{
    AllocationView, Candidate, DraftView, FleetView, Label, LabelsView, LendingRow, LoanView,
    OpenRequest, PoolView, RegisterFilter, RegisterView, RepairRow, RequestSummary, RequestView,
    ReservationRow, UnitCard, UnitRow, UnitSummary, UnitView, WorkerHome, YardRow, YardsView,
};
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{Choice, Flash, Viewer};
use std::collections::HashSet;

/// A replacement wanted this soon (or already) is urgent.
const URGENT_WITHIN_MS: i64 = 2 * 3_600_000;

/// The units among `ids` that someone has at `now`.
async fn busy_now(state: &Equipment, ids: &[i64], now: i64) -> Result<HashSet<i64>, sqlx::Error> {
    Ok(reservations::upcoming_of(&state.core.db, ids, now)
        .await?
        .into_iter()
        .filter(|r| r.starts_at <= now)
        .map(|r| r.unit_id)
        .collect())
}

/// A unit for lists; an available unit that someone has now shows as "im Einsatz".
pub fn summary(unit: &Unit, busy: bool, lang: Lang) -> UnitSummary {
    let status = if unit.status == UnitStatus::Available && busy {
        UnitStatus::InUse
    } else {
        unit.status
    };
    UnitSummary {
        id: unit.id,
        number: unit.inventory_number.clone(),
        type_name: unit.type_name(lang).to_owned(),
        yard: unit.yard_name.clone(),
        status_code: status.code().to_owned(),
        status: status.label(texts(lang)).to_owned(),
    }
}

async fn summaries(
    state: &Equipment,
    units: &[Unit],
    now: i64,
    lang: Lang,
) -> Result<Vec<UnitSummary>, sqlx::Error> {
    let ids: Vec<i64> = units.iter().map(|u| u.id).collect();
    let busy = busy_now(state, &ids, now).await?;
    Ok(units
        .iter()
        .map(|u| summary(u, busy.contains(&u.id), lang))
        .collect())
}

fn type_choices(types: &[register::EquipmentType], lang: Lang) -> Vec<Choice> {
    types
        .iter()
        .map(|t| Choice {
            value: t.code.clone(),
            label: t.name(lang).to_owned(),
        })
        .collect()
}

fn yard_choices(yards: &[register::Yard]) -> Vec<Choice> {
    yards
        .iter()
        .map(|y| Choice {
            value: y.id.to_string(),
            label: y.name.clone(),
        })
        .collect()
}

fn status_choices(lang: Lang) -> Vec<Choice> {
    UnitStatus::ALL
        .iter()
        .map(|s| Choice {
            value: s.code().to_owned(),
            label: s.label(texts(lang)).to_owned(),
        })
        .collect()
}

/// The worker's start page.
pub async fn home(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<WorkerHome, sqlx::Error> {
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let held = reservations::held_by(db, viewer.account_id, now).await?;
    let held_ids: Vec<i64> = held.iter().map(|r| r.unit_id).collect();
    let my_units = register::units_by_ids(db, &held_ids).await?;
    let requests = breakdowns::of_requester(db, municipality.id, viewer.account_id).await?;
    let request_units: Vec<i64> = requests.iter().map(|r| r.unit_id).collect();
    let request_units = register::units_by_ids(db, &request_units).await?;
    let b = texts(lang);
    let units: Vec<Unit> = register::units(db, municipality.id, &Filter::default())
        .await?
        .into_iter()
        .filter(|u| u.status != UnitStatus::Retired)
        .collect();
    Ok(WorkerHome {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        my_units: my_units.iter().map(|u| summary(u, true, lang)).collect(),
        requests: requests
            .iter()
            .map(|r| RequestSummary {
                id: r.id,
                reference: reference(municipality, r.id),
                unit: request_units
                    .iter()
                    .find(|u| u.id == r.unit_id)
                    .map(|u| u.inventory_number.clone())
                    .unwrap_or_default(),
                status_code: r.status.code().to_owned(),
                status: r.status.label(b).to_owned(),
                created_at: format_time(r.created_at, lang),
            })
            .collect(),
        units: summaries(state, &units, now, lang).await?,
        draft_open: breakdowns::load_draft(db, viewer.account_id, municipality.id)
            .await?
            .is_some(),
        is_manager: manages(viewer, municipality),
        notice: flash.notice.clone(),
        flash,
    })
}

/// Default replacement period: from the next quarter hour until eight hours later.
fn default_window(now: i64) -> (i64, i64) {
    let quarter = 15 * 60_000;
    let from = (now / quarter + 1) * quarter;
    (from, from + 8 * 3_600_000)
}

/// The draft for the breakdown steps.
pub async fn draft(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<DraftView, sqlx::Error> {
    let b = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let draft = breakdowns::load_draft(db, viewer.account_id, municipality.id)
        .await?
        .unwrap_or_default();
    let unit = match draft.unit_id {
        Some(id) => register::unit_in(db, id).await?,
        None => None,
    };
    let held = reservations::held_by(db, viewer.account_id, now).await?;
    let held_ids: Vec<i64> = held.iter().map(|r| r.unit_id).collect();
    let my_units = register::units_by_ids(db, &held_ids).await?;
    let types = register::types(db).await?;
    let wanted_type = draft
        .type_id
        .and_then(|id| types.iter().find(|t| t.id == id));
    let (default_from, default_until) = default_window(now);
    let damage = draft.damage.as_deref().and_then(Damage::parse);
    let delivery = draft.delivery.as_deref().and_then(Delivery::parse);
    let type_code = match (wanted_type, &unit) {
        (Some(t), _) => t.code.clone(),
        (None, Some(u)) => u.type_code.clone(),
        (None, None) => String::new(),
    };
    Ok(DraftView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        unit: unit.as_ref().map(|u| summary(u, false, lang)),
        my_units: my_units.iter().map(|u| summary(u, true, lang)).collect(),
        damage_code: damage.map(|d| d.code().to_owned()).unwrap_or_default(),
        damage: damage.map(|d| d.label(b).to_owned()).unwrap_or_default(),
        damages: Damage::ALL
            .iter()
            .map(|d| Choice {
                value: d.code().to_owned(),
                label: d.label(b).to_owned(),
            })
            .collect(),
        description: draft.description.clone(),
        photo_url: draft
            .photo_key
            .as_ref()
            .map(|_| format!("/bauhof/{}/ausfall/entwurf-foto", municipality.slug)),
        lat: draft.lat.map(|v| format!("{v:.6}")).unwrap_or_default(),
        lon: draft.lon.map(|v| format!("{v:.6}")).unwrap_or_default(),
        place: if draft.place.is_empty() {
            match Coordinates::from_columns(draft.lat, draft.lon) {
                Some(p) => fill(
                    b.place_position,
                    &[&format!("{:.5}", p.lat()), &format!("{:.5}", p.lon())],
                ),
                None => String::new(),
            }
        } else {
            draft.place.clone()
        },
        needed: match draft.needed {
            Some(true) => "ja".into(),
            Some(false) => "nein".into(),
            None => String::new(),
        },
        type_code,
        type_name: wanted_type
            .map(|t| t.name(lang).to_owned())
            .unwrap_or_default(),
        types: type_choices(&types, lang),
        from_value: local_value(draft.from.unwrap_or(default_from)),
        until_value: local_value(draft.until.unwrap_or(default_until)),
        window: match (draft.from, draft.until) {
            (Some(from), Some(until)) => format_window(from, until, lang),
            _ => String::new(),
        },
        delivery_code: delivery.map(|d| d.code().to_owned()).unwrap_or_default(),
        delivery: delivery.map(|d| d.label(b).to_owned()).unwrap_or_default(),
        missing: draft.missing(),
        flash,
    })
}

/// "Kleintransporter, 01.12.2026, 08:00 – 16:00 Uhr, bringen".
fn wanted(breakdown: &Breakdown, types: &[register::EquipmentType], lang: Lang) -> Option<String> {
    let (type_id, from, until) = breakdown.wanted()?;
    let name = types
        .iter()
        .find(|t| t.id == type_id)
        .map(|t| t.name(lang))
        .unwrap_or_default();
    let delivery = breakdown
        .delivery
        .map(|d| d.label(texts(lang)))
        .unwrap_or_default();
    Some(format!(
        "{name}, {}, {delivery}",
        format_window(from, until, lang)
    ))
}

/// A breakdown report for its worker and the managers.
pub async fn request(
    state: &Equipment,
    municipality: &Municipality,
    breakdown: &Breakdown,
    lang: Lang,
) -> Result<RequestView, sqlx::Error> {
    let b = texts(lang);
    let db = &state.core.db;
    let mut conn = db.pool.acquire().await?;
    let allocation = breakdowns::allocation(&mut conn, breakdown.id).await?;
    drop(conn);
    let unit = register::unit_in(db, breakdown.unit_id).await?;
    let types = register::types(db).await?;
    let place = match (breakdown.place.is_empty(), breakdown.position()) {
        (false, _) => breakdown.place.clone(),
        (true, Some(p)) => fill(
            b.place_position,
            &[&format!("{:.5}", p.lat()), &format!("{:.5}", p.lon())],
        ),
        (true, None) => String::new(),
    };
    Ok(RequestView {
        slug: municipality.slug.clone(),
        id: breakdown.id,
        reference: reference(municipality, breakdown.id),
        version: breakdown.version,
        status_code: breakdown.status.code().to_owned(),
        status: breakdown.status.label(b).to_owned(),
        status_detail: status_detail(breakdown, allocation.as_ref(), lang),
        unit: unit
            .as_ref()
            .map(|u| summary(u, false, lang))
            .unwrap_or(UnitSummary {
                id: breakdown.unit_id,
                number: String::new(),
                type_name: String::new(),
                yard: String::new(),
                status_code: String::new(),
                status: String::new(),
            }),
        requester: breakdown.requester.clone().unwrap_or_default(),
        damage: breakdown.damage.label(b).to_owned(),
        description: breakdown.description.clone(),
        photo_url: breakdown.photo_key.as_ref().map(|_| {
            format!(
                "/bauhof/{}/ausfall/{}/foto",
                municipality.slug, breakdown.id
            )
        }),
        place,
        lat: breakdown.lat,
        lon: breakdown.lon,
        created_at: format_time(breakdown.created_at, lang),
        wanted: wanted(breakdown, &types, lang),
        reason: breakdown.reason.clone().filter(|r| !r.is_empty()),
        timeline: history::of_breakdown(db, breakdown.id, lang).await?,
        notice: None,
    })
}

/// Where a unit's label leads.
pub async fn unit_card(
    state: &Equipment,
    viewer: &Viewer,
    municipality: &Municipality,
    unit: &Unit,
    flash: Flash,
    lang: Lang,
) -> Result<UnitCard, sqlx::Error> {
    let now = state.core.clock.now_ms();
    let mut conn = state.core.db.pool.acquire().await?;
    let current = reservations::current(&mut conn, unit.id, now).await?;
    let mine = current
        .as_ref()
        .filter(|r| r.holder_id == Some(viewer.account_id))
        .map(|r| r.id);
    Ok(UnitCard {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        unit: summary(unit, current.is_some(), lang),
        notes: unit.notes.clone(),
        photo_url: unit
            .photo_key
            .as_ref()
            .map(|_| format!("/bauhof/{}/geraet-foto/{}", municipality.slug, unit.id)),
        mine,
        taken: current.is_some() && mine.is_none(),
        is_manager: manages(viewer, municipality),
        until_value: local_value(default_window(now).1),
        flash,
        notice: None,
    })
}

/// The managers' list of open reports, most urgent first.
pub async fn fleet(
    state: &Equipment,
    municipality: &Municipality,
    lang: Lang,
) -> Result<FleetView, sqlx::Error> {
    let b = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let open = breakdowns::open(db, municipality.id).await?;
    let unit_ids: Vec<i64> = open.iter().map(|r| r.unit_id).collect();
    let units = register::units_by_ids(db, &unit_ids).await?;
    let types = register::types(db).await?;
    let mut rows: Vec<(bool, i64, OpenRequest)> = open
        .iter()
        .map(|r| {
            let urgent = r.status == BreakdownStatus::Requested
                && r.wanted()
                    .is_some_and(|(_, from, _)| from <= now + URGENT_WITHIN_MS);
            let due = r.wanted().map_or(r.created_at, |(_, from, _)| from);
            let unit = units
                .iter()
                .find(|u| u.id == r.unit_id)
                .map(|u| format!("{} – {}", u.inventory_number, u.type_name(lang)))
                .unwrap_or_default();
            let waiting = r.status == BreakdownStatus::Requested;
            (
                !waiting,
                if urgent { due - i64::MAX / 4 } else { due },
                OpenRequest {
                    id: r.id,
                    reference: reference(municipality, r.id),
                    unit,
                    damage: r.damage.label(b).to_owned(),
                    requester: r.requester.clone().unwrap_or_default(),
                    since: fill(b.requested_ago, &[&format_time(r.created_at, lang)]),
                    wanted: wanted(r, &types, lang),
                    status_code: r.status.code().to_owned(),
                    status: r.status.label(b).to_owned(),
                    urgent,
                },
            )
        })
        .collect();
    rows.sort_by_key(|(handled, due, _)| (*handled, *due));
    let in_repair = register::units(
        db,
        municipality.id,
        &Filter {
            status: Some(UnitStatus::InRepair),
            ..Filter::default()
        },
    )
    .await?
    .len();
    Ok(FleetView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        open: rows.into_iter().map(|(_, _, r)| r).collect(),
        loans_waiting: loans::waiting(db, municipality.id).await? as usize,
        units_in_repair: in_repair,
        generated_at: now,
    })
}

/// "2,4 km"
fn distance(from: Option<Coordinates>, to: Option<Coordinates>, lang: Lang) -> String {
    let b = texts(lang);
    match (from, to) {
        (Some(a), Some(z)) => {
            let km = format!("{:.1}", a.distance_m(z) / 1000.0);
            fill(
                b.distance_km,
                &[&if lang == Lang::De {
                    km.replace('.', ",")
                } else {
                    km
                }],
            )
        }
        _ => b.distance_unknown.to_owned(),
    }
}

fn calendar_lines(reservations: &[Reservation], unit_id: i64, lang: Lang) -> Vec<String> {
    reservations
        .iter()
        .filter(|r| r.unit_id == unit_id)
        .take(5)
        .map(|r| format_window(r.starts_at, r.ends_at, lang))
        .collect()
}

fn loan_view(state: &Equipment, loan: &Loan, choices: Vec<Choice>, lang: Lang) -> LoanView {
    let b = texts(lang);
    let registry = &state.tenants.registry;
    let name = |id| {
        registry
            .by_id(id)
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let borrower = registry.by_id(loan.borrower_id);
    LoanView {
        id: loan.id,
        reference: borrower
            .map(|m| reference(m, loan.breakdown_id))
            .unwrap_or_default(),
        borrower: name(loan.borrower_id),
        lender: name(loan.lender_id),
        unit: loan.number.clone(),
        window: match (loan.wanted_from, loan.wanted_until) {
            (Some(from), Some(until)) => format_window(from, until, lang),
            _ => String::new(),
        },
        place: loan.place.clone(),
        status_code: loan.status.code().to_owned(),
        status: loan.status.label(b).to_owned(),
        reason: loan.reason.clone().filter(|r| !r.is_empty()),
        choices,
    }
}

/// A report with what a manager can do with it.
pub async fn allocation(
    state: &Equipment,
    municipality: &Municipality,
    breakdown: &Breakdown,
    flash: Flash,
    lang: Lang,
) -> Result<AllocationView, sqlx::Error> {
    let b = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let mut request = request(state, municipality, breakdown, lang).await?;
    request.notice = flash.notice.clone();
    let can_allocate = breakdown.wanted().is_some()
        && breakdown
            .status
            .after(Step::Allocate, breakdown.delivery)
            .is_some();
    let (mut own, mut partners) = (Vec::new(), Vec::new());
    if let (true, Some((type_id, from, until))) = (can_allocate, breakdown.wanted()) {
        let mut conn = db.pool.acquire().await?;
        let free =
            reservations::free_units(&mut conn, municipality.id, type_id, from, until).await?;
        drop(conn);
        let ids: Vec<i64> = free.iter().map(|(id, _)| *id).collect();
        let units = register::units_by_ids(db, &ids).await?;
        let calendars = reservations::upcoming_of(db, &ids, now).await?;
        let worker = breakdown.position();
        let registry = &state.tenants.registry;
        let mut candidates: Vec<(f64, bool, Candidate)> = units
            .iter()
            .map(|u| {
                let metres = match (worker, u.yard_position()) {
                    (Some(a), Some(z)) => a.distance_m(z),
                    _ => f64::MAX,
                };
                (
                    metres,
                    u.municipality_id == municipality.id,
                    Candidate {
                        unit_id: u.id,
                        number: u.inventory_number.clone(),
                        type_name: u.type_name(lang).to_owned(),
                        yard: u.yard_name.clone(),
                        municipality: registry
                            .by_id(u.municipality_id)
                            .map(|m| m.name.clone())
                            .unwrap_or_default(),
                        distance: distance(worker, u.yard_position(), lang),
                        calendar: calendar_lines(&calendars, u.id, lang),
                    },
                )
            })
            .collect();
        candidates.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, is_own, candidate) in candidates {
            if is_own {
                own.push(candidate);
            } else {
                partners.push(candidate);
            }
        }
    }
    let steps = [
        (Step::Dispatch, "dispatch", b.step_dispatch),
        (Step::MakeReady, "ready", b.step_ready),
        (Step::Finish, "finish", b.step_finish),
        (Step::Decline, "decline", b.step_decline),
    ]
    .into_iter()
    .filter(|(step, _, _)| breakdown.status.after(*step, breakdown.delivery).is_some())
    .map(|(_, value, label)| Choice {
        value: value.into(),
        label: label.into(),
    })
    .collect();
    let loans = loans::of_breakdown(db, breakdown.id)
        .await?
        .iter()
        .map(|l| loan_view(state, l, Vec::new(), lang))
        .collect();
    Ok(AllocationView {
        request,
        municipality: municipality.name.clone(),
        candidates: own,
        partner_candidates: partners,
        loans,
        steps,
        can_allocate,
        flash,
    })
}

/// The register with its filters.
pub async fn register(
    state: &Equipment,
    municipality: &Municipality,
    filter: RegisterFilter,
    flash: Flash,
    lang: Lang,
) -> Result<RegisterView, sqlx::Error> {
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let types = register::types(db).await?;
    let yards = register::yards(db, municipality.id).await?;
    let query = Filter {
        type_id: types.iter().find(|t| t.code == filter.typ).map(|t| t.id),
        yard_id: yards
            .iter()
            .find(|y| y.id.to_string() == filter.hof)
            .map(|y| y.id),
        status: UnitStatus::parse(&filter.status),
        search: filter.suche.chars().take(80).collect(),
    };
    let units = register::units(db, municipality.id, &query).await?;
    let shares = register::shares(db, municipality.id).await?;
    let registry = &state.tenants.registry;
    let summaries = summaries(state, &units, now, lang).await?;
    Ok(RegisterView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        units: units
            .iter()
            .zip(summaries)
            .map(|(u, unit)| UnitRow {
                unit,
                notes: u.notes.clone(),
                shared_with: shares
                    .iter()
                    .filter(|(id, _)| *id == u.id)
                    .filter_map(|(_, partner)| registry.by_id(*partner).map(|m| m.name.clone()))
                    .collect(),
            })
            .collect(),
        filter,
        types: type_choices(&types, lang),
        yards: yard_choices(&yards),
        statuses: status_choices(lang),
        notice: flash.notice.clone(),
        flash,
    })
}

#[derive(sqlx::FromRow)]
struct Repair {
    id: i64,
    what: String,
    since: i64,
    reporter: Option<String>,
    closed_at: Option<i64>,
    outcome: Option<String>,
}

/// One unit with its calendar, repairs, sharing and history.
pub async fn unit(
    state: &Equipment,
    municipality: &Municipality,
    unit: &Unit,
    flash: Flash,
    lang: Lang,
) -> Result<UnitView, sqlx::Error> {
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let b = texts(lang);
    let registry = &state.tenants.registry;
    let types = register::types(db).await?;
    let yards = register::yards(db, municipality.id).await?;
    let upcoming = reservations::upcoming(db, unit.id, now).await?;
    let shares = register::shares(db, municipality.id).await?;
    let repairs: Vec<Repair> = sqlx::query_as(
        "select r.id, r.what, r.since, a.display_name as reporter, r.closed_at, r.outcome from repairs r \
         left join accounts a on a.id = r.reported_by where r.unit_id = $1 order by r.since desc limit 50",
    )
    .bind(unit.id)
    .fetch_all(&db.pool)
    .await?;
    let (from, until) = default_window(now);
    Ok(UnitView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        unit: summary(unit, upcoming.iter().any(|r| r.starts_at <= now), lang),
        type_code: unit.type_code.clone(),
        yard_id: unit.yard_id,
        notes: unit.notes.clone(),
        version: unit.version,
        photo_url: unit
            .photo_key
            .as_ref()
            .map(|_| format!("/bauhof/{}/geraet-foto/{}", municipality.slug, unit.id)),
        label_url: format!(
            "/fuhrpark/{}/etiketten?nummer={}",
            municipality.slug,
            kiezwerk_app::model::encode(&unit.inventory_number)
        ),
        types: type_choices(&types, lang),
        yards: yard_choices(&yards),
        statuses: status_choices(lang),
        partners: registry
            .municipalities
            .iter()
            .filter(|m| m.id != municipality.id)
            .map(|m| {
                (
                    Choice {
                        value: m.slug.clone(),
                        label: m.name.clone(),
                    },
                    shares.iter().any(|(id, p)| *id == unit.id && *p == m.id),
                )
            })
            .collect(),
        reservations: upcoming
            .iter()
            .map(|r| ReservationRow {
                id: r.id,
                window: format_window(r.starts_at, r.ends_at, lang),
                until_value: local_value(r.ends_at),
                holder: r.holder.clone(),
                borrower: registry
                    .by_id(r.borrower_id)
                    .map(|m| {
                        if m.id == municipality.id {
                            m.name.clone()
                        } else {
                            format!("{} ({})", m.name, b.lent_out)
                        }
                    })
                    .unwrap_or_default(),
                note: r.note.clone(),
                request: r
                    .breakdown_id
                    .and_then(|id| registry.by_id(r.borrower_id).map(|m| reference(m, id))),
                active: r.starts_at <= now,
            })
            .collect(),
        repairs: repairs
            .into_iter()
            .map(|r| RepairRow {
                id: r.id,
                what: r.what,
                since: format_time(r.since, lang),
                by: r.reporter,
                closed: r.closed_at.map(|c| format_time(c, lang)),
                outcome: r.outcome,
            })
            .collect(),
        history: history::of_unit(db, municipality.id, unit.id, lang).await?,
        from_value: local_value(from),
        until_value: local_value(until),
        notice: flash.notice.clone(),
        flash,
    })
}

pub async fn yards(
    state: &Equipment,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<YardsView, sqlx::Error> {
    let db = &state.core.db;
    let yards = register::yards(db, municipality.id).await?;
    let units = register::units(db, municipality.id, &Filter::default()).await?;
    Ok(YardsView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        yards: yards
            .iter()
            .map(|y| YardRow {
                code: y.code.clone(),
                name: y.name.clone(),
                address: y.address.clone(),
                position: format!("{:.5}, {:.5}", y.lat, y.lon),
                department: y
                    .department_id
                    .and_then(|d| municipality.department(d))
                    .map(|d| d.name(lang).to_owned()),
                units: units.iter().filter(|u| u.yard_id == y.id).count() as i64,
            })
            .collect(),
        departments: municipality.department_choices(lang),
        notice: flash.notice.clone(),
        flash,
    })
}

/// The label sheet: every unit (of one yard, or one unit by number), with its QR code.
pub async fn labels(
    state: &Equipment,
    municipality: &Municipality,
    yard: String,
    number: Option<String>,
    lang: Lang,
) -> Result<LabelsView, sqlx::Error> {
    let db = &state.core.db;
    let yards = register::yards(db, municipality.id).await?;
    let filter = Filter {
        yard_id: yards
            .iter()
            .find(|y| y.id.to_string() == yard)
            .map(|y| y.id),
        ..Filter::default()
    };
    let public_url = state.core.settings.public_url.trim_end_matches('/');
    let wanted = number.as_deref().and_then(register::normalise_number);
    let labels = register::units(db, municipality.id, &filter)
        .await?
        .into_iter()
        .filter(|u| u.status != UnitStatus::Retired)
        .filter(|u| wanted.as_ref().is_none_or(|n| *n == u.inventory_number))
        .filter_map(|u| {
            let url = format!(
                "{public_url}/bauhof/{}/geraet/{}",
                municipality.slug, u.inventory_number
            );
            Some(Label {
                svg: qr_svg(&url)?,
                number: u.inventory_number.clone(),
                type_name: u.type_name(lang).to_owned(),
                yard: u.yard_name.clone(),
                url,
            })
        })
        .collect();
    Ok(LabelsView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        labels,
        yards: yard_choices(&yards),
        yard,
    })
}

/// The pool: loans asked of us and by us, lendings, the statement form, shared units.
pub async fn pool(
    state: &Equipment,
    municipality: &Municipality,
    flash: Flash,
    lang: Lang,
) -> Result<PoolView, sqlx::Error> {
    let b = texts(lang);
    let db = &state.core.db;
    let now = state.core.clock.now_ms();
    let registry = &state.tenants.registry;
    let mut incoming = Vec::new();
    for loan in loans::incoming(db, municipality.id).await? {
        let mut choices = Vec::new();
        if let (super::model::LoanStatus::Asked, Some(type_id), Some(from), Some(until)) = (
            loan.status,
            loan.wanted_type_id,
            loan.wanted_from,
            loan.wanted_until,
        ) {
            let mut units = loans::lendable(
                state,
                municipality.id,
                loan.borrower_id,
                type_id,
                from,
                until,
            )
            .await?;
            units.sort_by_key(|u| u.id != loan.unit_id);
            choices = units
                .iter()
                .map(|u| Choice {
                    value: u.id.to_string(),
                    label: format!("{} ({})", u.inventory_number, u.yard_name),
                })
                .collect();
        }
        incoming.push(loan_view(state, &loan, choices, lang));
    }
    let outgoing = loans::outgoing(db, municipality.id)
        .await?
        .iter()
        .map(|l| loan_view(state, l, Vec::new(), lang))
        .collect();
    let year_ago = now - 365 * 24 * 3_600_000;
    let lendings = loans::lendings(db, municipality.id, year_ago, i64::MAX / 2)
        .await?
        .into_iter()
        .rev()
        .take(100)
        .map(|l| {
            let lent = l.owner_id == municipality.id;
            let partner = if lent { l.borrower_id } else { l.owner_id };
            LendingRow {
                direction: if lent { b.lent_out } else { b.borrowed_in }.to_owned(),
                partner: registry
                    .by_id(partner)
                    .map(|m| m.name.clone())
                    .unwrap_or_default(),
                unit: format!("{} – {}", l.number, lang.pick(&l.type_de, &l.type_en)),
                window: format_window(l.starts_at, l.ends_at, lang),
                days: format!("{:.1}", (l.ends_at - l.starts_at) as f64 / 86_400_000.0),
            }
        })
        .collect();
    let shares = register::shares(db, municipality.id).await?;
    let shared_ids: Vec<i64> = {
        let mut ids: Vec<i64> = shares.iter().map(|(id, _)| *id).collect();
        ids.dedup();
        ids
    };
    let shared_units = register::units_by_ids(db, &shared_ids).await?;
    let months = crate::core::time::month_starts(now)
        .map(|(starts, _, _)| {
            starts
                .iter()
                .rev()
                .map(|start| {
                    let value = local_value(*start)[..7].to_owned();
                    Choice {
                        label: value.clone(),
                        value,
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(PoolView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        incoming,
        outgoing,
        lendings,
        shared: shared_units
            .iter()
            .map(|u| UnitRow {
                unit: summary(u, false, lang),
                notes: u.notes.clone(),
                shared_with: shares
                    .iter()
                    .filter(|(id, _)| *id == u.id)
                    .filter_map(|(_, p)| registry.by_id(*p).map(|m| m.name.clone()))
                    .collect(),
            })
            .collect(),
        partners: registry
            .municipalities
            .iter()
            .filter(|m| m.id != municipality.id)
            .map(|m| Choice {
                value: m.slug.clone(),
                label: m.name.clone(),
            })
            .collect(),
        months,
        notice: flash.notice.clone(),
        flash,
    })
}
