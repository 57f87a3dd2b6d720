//! The equipment register: equipment types (shared by all municipalities), yards, units, the
//! units published to partners, and the CSV import (line-numbered errors, all or nothing).

use super::history::{self, Change, Kind};
use super::model::UnitStatus;
use super::{invalid, not_found, Equipment};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::port::Failure;
use crate::core::text::{clean_text, csv_reader};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::BauhofRefusal;
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{AccountId, DepartmentId, FieldError, MunicipalityId, Problem};
use sqlx::AnyConnection;

/// Longest inventory number.
pub const NUMBER_MAX: usize = 40;
/// Longest notes of a unit.
pub const NOTES_MAX: usize = 500;
/// Most lines of one import.
pub const IMPORT_MAX_LINES: usize = 5000;
/// Most errors listed for one import (the rest are counted).
const IMPORT_ERRORS_SHOWN: usize = 15;

/// A kind of machine.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EquipmentType {
    pub id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
}

impl EquipmentType {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_de, &self.name_en)
    }
}

pub async fn types(db: &Db) -> Result<Vec<EquipmentType>, sqlx::Error> {
    sqlx::query_as("select id, code, name_de, name_en from equipment_types order by position, id")
        .fetch_all(&db.pool)
        .await
}

/// A works yard.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Yard {
    pub id: i64,
    pub municipality_id: MunicipalityId,
    pub department_id: Option<DepartmentId>,
    pub code: String,
    pub name: String,
    pub address: String,
    pub lat: f64,
    pub lon: f64,
}

impl Yard {
    pub fn position(&self) -> Option<Coordinates> {
        Coordinates::new(self.lat, self.lon)
    }
}

pub async fn yards(db: &Db, municipality_id: MunicipalityId) -> Result<Vec<Yard>, sqlx::Error> {
    sqlx::query_as(
        "select id, municipality_id, department_id, code, name, address, lat, lon from yards \
         where municipality_id = $1 order by name",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await
}

/// A unit with its type and yard.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Unit {
    pub id: i64,
    pub municipality_id: MunicipalityId,
    pub yard_id: i64,
    pub type_id: i64,
    pub inventory_number: String,
    pub status: UnitStatus,
    pub notes: String,
    pub photo_key: Option<String>,
    pub version: i64,
    pub type_code: String,
    pub type_de: String,
    pub type_en: String,
    pub yard_name: String,
    pub yard_lat: f64,
    pub yard_lon: f64,
}

impl Unit {
    pub fn type_name(&self, lang: Lang) -> &str {
        lang.pick(&self.type_de, &self.type_en)
    }

    pub fn yard_position(&self) -> Option<Coordinates> {
        Coordinates::new(self.yard_lat, self.yard_lon)
    }
}

const SELECT_UNIT: &str =
    "select u.id, u.municipality_id, u.yard_id, u.type_id, u.inventory_number, \
     u.status, u.notes, u.photo_key, u.version, t.code as type_code, t.name_de as type_de, \
     t.name_en as type_en, y.name as yard_name, y.lat as yard_lat, y.lon as yard_lon \
     from units u join equipment_types t on t.id = u.type_id join yards y on y.id = u.yard_id";

pub async fn unit(conn: &mut AnyConnection, id: i64) -> Result<Option<Unit>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT_UNIT} where u.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

pub async fn unit_in(db: &Db, id: i64) -> Result<Option<Unit>, sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    unit(&mut conn, id).await
}

pub async fn units_by_ids(db: &Db, ids: &[i64]) -> Result<Vec<Unit>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{SELECT_UNIT} where u.id in ({})", marks.join(", "));
    let mut query = sqlx::query_as(&sql);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(&db.pool).await
}

/// An inventory number as stored: trimmed, upper case. `None` if it cannot be one (Latin
/// letters, digits, `-`, `.`, `_`; at most [`NUMBER_MAX`]): it stands in the address the
/// unit's QR code holds.
pub fn normalise_number(input: &str) -> Option<String> {
    let number = input.trim().to_uppercase();
    let valid = !number.is_empty()
        && number.chars().count() <= NUMBER_MAX
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_'));
    valid.then_some(number)
}

pub async fn unit_by_number(
    db: &Db,
    municipality_id: MunicipalityId,
    number: &str,
) -> Result<Option<Unit>, sqlx::Error> {
    let Some(number) = normalise_number(number) else {
        return Ok(None);
    };
    sqlx::query_as(&format!(
        "{SELECT_UNIT} where u.municipality_id = $1 and u.inventory_number = $2"
    ))
    .bind(municipality_id)
    .bind(number)
    .fetch_optional(&db.pool)
    .await
}

/// Filters of the register list, already checked.
#[derive(Default)]
pub struct Filter {
    pub type_id: Option<i64>,
    pub yard_id: Option<i64>,
    pub status: Option<UnitStatus>,
    pub search: String,
}

pub async fn units(
    db: &Db,
    municipality_id: MunicipalityId,
    filter: &Filter,
) -> Result<Vec<Unit>, sqlx::Error> {
    use crate::core::db::{bind_params, Conditions, Param};
    let mut conditions = Conditions::default();
    conditions.and("u.municipality_id = ?", [Param::Int(municipality_id.0)]);
    if let Some(id) = filter.type_id {
        conditions.and("u.type_id = ?", [Param::Int(id)]);
    }
    if let Some(id) = filter.yard_id {
        conditions.and("u.yard_id = ?", [Param::Int(id)]);
    }
    if let Some(status) = filter.status {
        conditions.and("u.status = ?", [Param::Text(status.code().into())]);
    }
    let search = filter.search.trim();
    if !search.is_empty() {
        let pattern = format!("%{}%", search.to_lowercase());
        conditions.and(
            "(lower(u.inventory_number) like ? or lower(u.notes) like ?)",
            [Param::Text(pattern.clone()), Param::Text(pattern)],
        );
    }
    let sql = format!(
        "{SELECT_UNIT} where {} order by u.inventory_number limit 2000",
        conditions.sql
    );
    bind_params(sqlx::query_as(&sql), &conditions.params)
        .fetch_all(&db.pool)
        .await
}

/// The partners (by id) each unit of the municipality is published to.
pub async fn shares(
    db: &Db,
    municipality_id: MunicipalityId,
) -> Result<Vec<(i64, MunicipalityId)>, sqlx::Error> {
    sqlx::query_as(
        "select s.unit_id, s.partner_id from unit_shares s join units u on u.id = s.unit_id \
         where u.municipality_id = $1 order by s.unit_id",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await
}

/// Whether `unit` is published to `partner`.
pub async fn is_shared(
    conn: &mut AnyConnection,
    unit_id: i64,
    partner: MunicipalityId,
) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "select count(*) from unit_shares where unit_id = $1 and partner_id = $2",
    )
    .bind(unit_id)
    .bind(partner)
    .fetch_one(conn)
    .await?;
    Ok(count > 0)
}

/// A new unit's or a changed unit's fields, checked.
struct Fields {
    type_id: i64,
    yard_id: i64,
    notes: String,
}

async fn check_fields(
    state: &Equipment,
    municipality: &Municipality,
    type_code: &str,
    yard: &str,
    notes: &str,
    lang: Lang,
) -> Result<Fields, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let mut errors = Vec::new();
    let types = types(&state.core.db).await?;
    let type_id = types
        .iter()
        .find(|t| t.code == type_code.trim())
        .map(|t| t.id);
    if type_id.is_none() {
        errors.push(FieldError::new(
            "type",
            Problem::Worded(b.err_type_missing.into()),
        ));
    }
    let yards = yards(&state.core.db, municipality.id).await?;
    let yard_id = yards
        .iter()
        .find(|y| y.id.to_string() == yard.trim() || y.code == yard.trim())
        .map(|y| y.id);
    if yard_id.is_none() {
        errors.push(FieldError::new(
            "yard",
            Problem::Worded(b.err_yard_missing.into()),
        ));
    }
    let notes = clean_text(notes);
    if notes.chars().count() > NOTES_MAX {
        errors.push(FieldError::new(
            "notes",
            Problem::Worded(fill(b.err_notes_too_long, &[&NOTES_MAX.to_string()])),
        ));
    }
    match (type_id, yard_id) {
        (Some(type_id), Some(yard_id)) if errors.is_empty() => Ok(Fields {
            type_id,
            yard_id,
            notes,
        }),
        _ => Err(Failure::Refused(BauhofRefusal::Invalid(errors))),
    }
}

/// Adds a unit to the register.
#[allow(clippy::too_many_arguments)]
pub async fn add_unit(
    state: &Equipment,
    actor: AccountId,
    municipality: &Municipality,
    number: &str,
    type_code: &str,
    yard: &str,
    notes: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let Some(number) = normalise_number(number) else {
        return invalid(
            "number",
            fill(b.err_number_invalid, &[&NUMBER_MAX.to_string()]),
        );
    };
    let fields = check_fields(state, municipality, type_code, yard, notes, lang).await?;
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = core.db.pool.begin().await?;
    let taken: i64 = sqlx::query_scalar(
        "select count(*) from units where municipality_id = $1 and inventory_number = $2",
    )
    .bind(municipality.id)
    .bind(&number)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return invalid("number", fill(b.err_number_taken, &[&number]));
    }
    let id: i64 = sqlx::query_scalar(
        "insert into units (municipality_id, yard_id, type_id, inventory_number, notes, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6) returning id",
    )
    .bind(municipality.id)
    .bind(fields.yard_id)
    .bind(fields.type_id)
    .bind(&number)
    .bind(&fields.notes)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    history::record(
        &mut tx,
        now,
        Change::on_unit(municipality.id, id, Kind::UnitCreated, &number, actor),
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_unit_added, &[&number]))
}

/// Changes a unit shown at `version`: type, yard, status, notes.
#[allow(clippy::too_many_arguments)]
pub async fn edit_unit(
    state: &Equipment,
    actor: AccountId,
    municipality: &Municipality,
    id: i64,
    version: i64,
    type_code: &str,
    yard: &str,
    status: &str,
    notes: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let Some(status) = UnitStatus::parse(status) else {
        return invalid("status", b.err_status_missing);
    };
    let fields = check_fields(state, municipality, type_code, yard, notes, lang).await?;
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = core.db.pool.begin().await?;
    let Some(unit) = unit(&mut tx, id).await? else {
        return not_found();
    };
    if unit.municipality_id != municipality.id {
        return not_found();
    }
    if unit.version != version {
        return invalid("status", b.err_changed_meanwhile);
    }
    let mut changes = Vec::new();
    if unit.type_id != fields.type_id {
        changes.push(format!("{} → {}", unit.type_code, type_code.trim()));
    }
    if unit.yard_id != fields.yard_id {
        changes.push(format!("{} → {}", unit.yard_name, yard.trim()));
    }
    if unit.status != status {
        changes.push(format!("{} → {}", unit.status.label(b), status.label(b)));
    }
    if unit.notes != fields.notes {
        changes.push(fields.notes.clone());
    }
    if changes.is_empty() {
        return Ok(b.done_nothing_changed.to_owned());
    }
    sqlx::query(
        "update units set type_id = $1, yard_id = $2, status = $3, notes = $4, version = version + 1, updated_at = $5 \
         where id = $6",
    )
    .bind(fields.type_id)
    .bind(fields.yard_id)
    .bind(status)
    .bind(&fields.notes)
    .bind(now)
    .bind(id)
    .execute(&mut *tx)
    .await?;
    history::record(
        &mut tx,
        now,
        Change::on_unit(
            municipality.id,
            id,
            Kind::UnitChanged,
            &changes.join("; "),
            actor,
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_unit_saved, &[&unit.inventory_number]))
}

/// Publishes a unit to a partner, or stops.
pub async fn share(
    state: &Equipment,
    actor: AccountId,
    municipality: &Municipality,
    id: i64,
    partner_slug: &str,
    shared: bool,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let Some(partner) = state
        .tenants
        .registry
        .by_slug(partner_slug)
        .filter(|p| p.id != municipality.id)
    else {
        return not_found();
    };
    let core = &state.core;
    let now = core.clock.now_ms();
    let mut tx = core.db.pool.begin().await?;
    let Some(unit) = unit(&mut tx, id).await? else {
        return not_found();
    };
    if unit.municipality_id != municipality.id {
        return not_found();
    }
    let changed = if shared {
        sqlx::query(
            "insert into unit_shares (unit_id, partner_id, created_at) values ($1, $2, $3) \
             on conflict (unit_id, partner_id) do nothing",
        )
        .bind(id)
        .bind(partner.id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
    } else {
        sqlx::query("delete from unit_shares where unit_id = $1 and partner_id = $2")
            .bind(id)
            .bind(partner.id)
            .execute(&mut *tx)
            .await?
            .rows_affected()
    };
    if changed > 0 {
        history::record(
            &mut tx,
            now,
            Change::on_unit(
                municipality.id,
                id,
                if shared { Kind::Shared } else { Kind::Unshared },
                &partner.name,
                actor,
            ),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(if shared {
        fill(b.done_shared, &[&unit.inventory_number, &partner.name])
    } else {
        fill(b.done_unshared, &[&unit.inventory_number, &partner.name])
    })
}

/// Sets a unit's photo (already stored and recorded as pending); returns the replaced one's
/// key, for the caller to delete after the commit.
pub async fn set_photo(
    state: &Equipment,
    actor: AccountId,
    unit: &Unit,
    key: &str,
) -> Result<Option<String>, sqlx::Error> {
    let now = state.core.clock.now_ms();
    let mut tx = state.core.db.pool.begin().await?;
    sqlx::query(
        "update units set photo_key = $1, version = version + 1, updated_at = $2 where id = $3",
    )
    .bind(key)
    .bind(now)
    .bind(unit.id)
    .execute(&mut *tx)
    .await?;
    crate::photos::pending::attached(&mut tx, key).await?;
    history::record(
        &mut tx,
        now,
        Change::on_unit(unit.municipality_id, unit.id, Kind::PhotoChanged, "", actor),
    )
    .await?;
    tx.commit().await?;
    Ok(unit.photo_key.clone())
}

/// Adds a yard.
#[allow(clippy::too_many_arguments)]
pub async fn add_yard(
    state: &Equipment,
    actor: AccountId,
    municipality: &Municipality,
    code: &str,
    name: &str,
    address: &str,
    lat: &str,
    lon: &str,
    department: &str,
    lang: Lang,
) -> Result<String, Failure<BauhofRefusal>> {
    let b = texts(lang);
    let mut errors = Vec::new();
    let mut error = |field: &str, message: String| {
        errors.push(FieldError::new(field, Problem::Worded(message)))
    };
    let code = code.trim().to_lowercase();
    let code_ok = !code.is_empty()
        && code.len() <= 30
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !code_ok {
        error("code", b.err_yard_code.into());
    }
    let name = clean_text(name);
    if name.is_empty() || name.chars().count() > 120 {
        error("name", b.err_yard_name.into());
    }
    let address = clean_text(address);
    if address.is_empty() || address.chars().count() > 200 {
        error("address", b.err_yard_address.into());
    }
    let position =
        Coordinates::parse(lat, lon).filter(|p| municipality.boundary.contains(p.lon(), p.lat()));
    if position.is_none() {
        error("lat", fill(b.err_yard_position, &[&municipality.name]));
    }
    let department_id = match department.trim() {
        "" => None,
        id => match id
            .parse::<DepartmentId>()
            .ok()
            .filter(|d| municipality.department(*d).is_some())
        {
            Some(id) => Some(id),
            None => {
                error("department", b.err_department_unknown.into());
                None
            }
        },
    };
    let Some(position) = position.filter(|_| errors.is_empty()) else {
        return Err(Failure::Refused(BauhofRefusal::Invalid(errors)));
    };
    let now = state.core.clock.now_ms();
    let mut tx = state.core.db.pool.begin().await?;
    let taken: i64 =
        sqlx::query_scalar("select count(*) from yards where municipality_id = $1 and code = $2")
            .bind(municipality.id)
            .bind(&code)
            .fetch_one(&mut *tx)
            .await?;
    if taken > 0 {
        return invalid("code", fill(b.err_yard_code_taken, &[&code]));
    }
    sqlx::query(
        "insert into yards (municipality_id, department_id, code, name, address, lat, lon) \
         values ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(municipality.id)
    .bind(department_id)
    .bind(&code)
    .bind(&name)
    .bind(&address)
    .bind(position.lat())
    .bind(position.lon())
    .execute(&mut *tx)
    .await?;
    history::record(
        &mut tx,
        now,
        Change {
            municipality_id: municipality.id,
            unit_id: None,
            breakdown_id: None,
            kind: Kind::YardCreated,
            detail: &name,
            actor: Some(actor),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(fill(b.done_yard_added, &[&name]))
}

/// One checked line of an import.
#[derive(Debug, PartialEq)]
pub struct ImportLine {
    pub number: String,
    pub type_id: i64,
    pub yard_id: i64,
    pub status: UnitStatus,
    pub notes: String,
}

/// What an import did.
#[derive(Debug, Default, PartialEq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
}

/// Reads a register file: a header line naming the columns `inventarnummer`, `typ`, `hof`
/// and optionally `status` and `notizen` (English names work too), separated by `;` or `,`.
/// Every line is checked; the errors name their line numbers (the header is line 1).
pub fn parse_import(
    text: &str,
    types: &[EquipmentType],
    yards: &[Yard],
    lang: Lang,
) -> Result<Vec<ImportLine>, Vec<String>> {
    let b = texts(lang);
    let mut reader = csv_reader(text);
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_lowercase()).collect(),
        Err(_) => return Err(vec![b.err_import_unreadable.to_owned()]),
    };
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let number_col = column(&["inventarnummer", "inventory_number", "nummer", "number"]);
    let type_col = column(&["typ", "type", "geraetetyp", "gerätetyp"]);
    let yard_col = column(&["hof", "yard", "bauhof"]);
    let status_col = column(&["status"]);
    let notes_col = column(&["notizen", "notes", "bemerkung"]);
    let (Some(number_col), Some(type_col), Some(yard_col)) = (number_col, type_col, yard_col)
    else {
        return Err(vec![b.err_import_header.to_owned()]);
    };
    let mut lines = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        if index >= IMPORT_MAX_LINES {
            errors.push(fill(
                b.err_import_too_long,
                &[&IMPORT_MAX_LINES.to_string()],
            ));
            break;
        }
        let record = match record {
            Ok(r) => r,
            Err(_) => {
                errors.push(fill(b.err_import_line_unreadable, &[&line.to_string()]));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        let mut problems = Vec::new();
        let number = normalise_number(field(number_col));
        match &number {
            None => problems.push(fill(b.err_number_invalid, &[&NUMBER_MAX.to_string()])),
            Some(n) if seen.contains(n) => problems.push(fill(b.err_import_twice, &[n])),
            Some(_) => {}
        }
        let type_text = field(type_col).to_lowercase();
        let type_id = types
            .iter()
            .find(|t| {
                t.code == type_text
                    || t.name_de.to_lowercase() == type_text
                    || t.name_en.to_lowercase() == type_text
            })
            .map(|t| t.id);
        if type_id.is_none() {
            problems.push(fill(b.err_import_type, &[field(type_col)]));
        }
        let yard_text = field(yard_col).to_lowercase();
        let yard_id = yards
            .iter()
            .find(|y| y.code == yard_text || y.name.to_lowercase() == yard_text)
            .map(|y| y.id);
        if yard_id.is_none() {
            problems.push(fill(b.err_import_yard, &[field(yard_col)]));
        }
        let status = match status_col.map(field).filter(|s| !s.is_empty()) {
            None => Some(UnitStatus::Available),
            Some(s) => UnitStatus::parse_loose(s),
        };
        if status.is_none() {
            problems.push(fill(
                b.err_import_status,
                &[status_col.map(field).unwrap_or_default()],
            ));
        }
        let notes = clean_text(notes_col.map(field).unwrap_or_default());
        if notes.chars().count() > NOTES_MAX {
            problems.push(fill(b.err_notes_too_long, &[&NOTES_MAX.to_string()]));
        }
        if !problems.is_empty() {
            errors.push(fill(
                b.err_import_line,
                &[&line.to_string(), &problems.join("; ")],
            ));
            continue;
        }
        if let (Some(number), Some(type_id), Some(yard_id), Some(status)) =
            (number, type_id, yard_id, status)
        {
            seen.push(number.clone());
            lines.push(ImportLine {
                number,
                type_id,
                yard_id,
                status,
                notes,
            });
        }
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(b.err_import_empty.to_owned());
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        if errors.len() > IMPORT_ERRORS_SHOWN {
            let more = errors.len() - IMPORT_ERRORS_SHOWN;
            errors.truncate(IMPORT_ERRORS_SHOWN);
            errors.push(fill(b.err_import_more, &[&more.to_string()]));
        }
        Err(errors)
    }
}

/// Imports a register file: every line is checked first; with any error nothing is written.
/// Known inventory numbers are updated, new ones added, all in one transaction.
pub async fn import(
    state: &Equipment,
    actor: AccountId,
    municipality: &Municipality,
    bytes: &[u8],
    lang: Lang,
) -> Result<Imported, Failure<Vec<String>>> {
    let b = texts(lang);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(Failure::Refused(vec![b.err_import_encoding.to_owned()]));
    };
    let db = &state.core.db;
    let types = types(db).await?;
    let yards = yards(db, municipality.id).await?;
    let lines = parse_import(text, &types, &yards, lang).map_err(Failure::Refused)?;
    let now = state.core.clock.now_ms();
    let mut tx = db.pool.begin().await?;
    let mut imported = Imported::default();
    for line in &lines {
        let existing: Option<i64> = sqlx::query_scalar(
            "select id from units where municipality_id = $1 and inventory_number = $2",
        )
        .bind(municipality.id)
        .bind(&line.number)
        .fetch_optional(&mut *tx)
        .await?;
        let id = match existing {
            Some(id) => {
                sqlx::query(
                    "update units set type_id = $1, yard_id = $2, status = $3, notes = $4, \
                     version = version + 1, updated_at = $5 where id = $6",
                )
                .bind(line.type_id)
                .bind(line.yard_id)
                .bind(line.status)
                .bind(&line.notes)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                imported.updated += 1;
                id
            }
            None => {
                imported.added += 1;
                sqlx::query_scalar(
                    "insert into units (municipality_id, yard_id, type_id, inventory_number, status, notes, created_at, updated_at) \
                     values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
                )
                .bind(municipality.id)
                .bind(line.yard_id)
                .bind(line.type_id)
                .bind(&line.number)
                .bind(line.status)
                .bind(&line.notes)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        history::record(
            &mut tx,
            now,
            Change::on_unit(municipality.id, id, Kind::UnitImported, &line.number, actor),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(imported)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixtures() -> (Vec<EquipmentType>, Vec<Yard>) {
        let types = vec![
            EquipmentType {
                id: 1,
                code: "aufsitzmaeher".into(),
                name_de: "Aufsitzmäher".into(),
                name_en: "Ride-on mower".into(),
            },
            EquipmentType {
                id: 2,
                code: "freischneider".into(),
                name_de: "Freischneider".into(),
                name_en: "Brush cutter".into(),
            },
        ];
        let yards = vec![Yard {
            id: 7,
            municipality_id: MunicipalityId(1),
            department_id: None,
            code: "pankow".into(),
            name: "Bauhof Pankow".into(),
            address: "".into(),
            lat: 52.57,
            lon: 13.41,
        }];
        (types, yards)
    }

    #[test]
    fn a_register_file_is_read_by_its_header_with_names_or_codes() {
        let (types, yards) = fixtures();
        let text = "\u{feff}Inventarnummer;Typ;Hof;Status;Notizen\n\
                    pan-am-09;Aufsitzmäher;pankow;in Reparatur;Messer neu\n\
                    \n\
                    PAN-FS-10;freischneider;Bauhof Pankow;;\n";
        let lines = parse_import(text, &types, &yards, Lang::De).expect("valid");
        assert_eq!(
            lines,
            vec![
                ImportLine {
                    number: "PAN-AM-09".into(),
                    type_id: 1,
                    yard_id: 7,
                    status: UnitStatus::InRepair,
                    notes: "Messer neu".into()
                },
                ImportLine {
                    number: "PAN-FS-10".into(),
                    type_id: 2,
                    yard_id: 7,
                    status: UnitStatus::Available,
                    notes: String::new()
                },
            ]
        );
        let commas = "number,type,yard\nX-1,freischneider,pankow\n";
        assert_eq!(
            parse_import(commas, &types, &yards, Lang::En).map(|l| l.len()),
            Ok(1)
        );
    }

    #[test]
    fn every_faulty_line_is_named_with_its_number_and_nothing_is_taken() {
        let (types, yards) = fixtures();
        let text = "inventarnummer;typ;hof;status\n\
                    PAN-AM-09;aufsitzmaeher;pankow;verfügbar\n\
                    ;rasenmäher;mitte;kaputt\n\
                    PAN-AM-09;aufsitzmaeher;pankow;\n";
        let errors = parse_import(text, &types, &yards, Lang::De).expect_err("invalid");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("Zeile 3:"), "{}", errors[0]);
        assert!(errors[0].contains("rasenmäher") && errors[0].contains("mitte"));
        assert!(errors[0].contains("kaputt"));
        assert!(errors[1].starts_with("Zeile 4:") && errors[1].contains("PAN-AM-09"));
        assert!(parse_import("a;b\n1;2\n", &types, &yards, Lang::De).is_err());
        assert!(parse_import("inventarnummer;typ;hof\n", &types, &yards, Lang::De).is_err());
    }

    #[test]
    fn inventory_numbers_are_upper_case_without_spaces_or_odd_characters() {
        assert_eq!(
            normalise_number(" pan-am-01 ").as_deref(),
            Some("PAN-AM-01")
        );
        assert_eq!(normalise_number("bh_2024.7").as_deref(), Some("BH_2024.7"));
        for bad in ["", "PAN AM", "BH/7", "MÄH-1", "<script>", &"X".repeat(41)] {
            assert_eq!(normalise_number(bad), None, "{bad}");
        }
    }
}
