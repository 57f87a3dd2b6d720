//! The tree register: a file in the Berlin register's schema (CSV, or GeoJSON points with the
//! same properties) checked line by line, and the import that applies it incrementally. Trees
//! are matched by the register's id: new ones are added, changed ones updated, unchanged ones
//! left alone; a tree gone from the file is retired (marked and no longer shown, never deleted:
//! adoptions and waterings refer to it, and a later file that lists it again brings it back).
//! One transaction: a file with any error changes nothing.

use super::files::{csv_columns, shortened};
use super::grid::{self, placeholders};
use crate::core::db::{Backend, Db};
use crate::core::geo::Coordinates;
use crate::core::text::{clean_text, csv_reader};
use crate::tenants::Municipality;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::texts::texts;
use std::collections::{HashMap, HashSet};

/// Trees written per statement.
const BATCH: usize = 500;
/// A tree may stand this far outside the municipality's (generalised) boundary.
const BOUNDARY_TOLERANCE_M: f64 = 500.0;
/// The columns a file must have; the others may be missing or empty.
const REQUIRED: [&str; 4] = ["id", "lat", "lng", "art_dtsch"];

/// One tree as the register describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct RegisterTree {
    pub register_id: String,
    pub position: Coordinates,
    pub species_de: String,
    pub species_bot: String,
    pub genus_de: String,
    pub genus: String,
    pub street: String,
    pub house_number: String,
    pub place_name: String,
    pub district: String,
    pub owner: String,
    pub planting_year: Option<i64>,
    pub age_years: Option<i64>,
    pub trunk_cm: Option<i64>,
    pub height_cm: Option<i64>,
    pub crown_cm: Option<i64>,
    pub street_tree: bool,
}

impl RegisterTree {
    /// A hash of every stored field (FNV-1a), to tell changed trees from unchanged ones
    /// without comparing column by column. Stable across builds and machines.
    pub fn fingerprint(&self) -> i64 {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let mut eat = |bytes: &[u8]| {
            for b in bytes.iter().chain(std::iter::once(&0x1f)) {
                hash ^= u64::from(*b);
                hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
            }
        };
        let number = |n: Option<i64>| n.map_or(String::new(), |n| n.to_string());
        eat(format!("{:.7},{:.7}", self.position.lat(), self.position.lon()).as_bytes());
        for text in [
            &self.species_de,
            &self.species_bot,
            &self.genus_de,
            &self.genus,
            &self.street,
            &self.house_number,
            &self.place_name,
            &self.district,
            &self.owner,
        ] {
            eat(text.as_bytes());
        }
        for n in [
            self.planting_year,
            self.age_years,
            self.trunk_cm,
            self.height_cm,
            self.crown_cm,
        ] {
            eat(number(n).as_bytes());
        }
        eat(&[u8::from(self.street_tree)]);
        hash as i64
    }
}

/// A checked file.
#[derive(Debug)]
pub struct RegisterFile {
    pub trees: Vec<RegisterTree>,
    /// The newest `updated_at` of the file (YYYY-MM-DD), the data's date.
    pub data_date: Option<String>,
}

/// Reads a register file (CSV with `,` or `;`, or GeoJSON) and checks every tree. The errors
/// name their line (CSV, the header is line 1) or feature (GeoJSON, counted from 1).
pub fn parse(
    bytes: &[u8],
    municipality: &Municipality,
    this_year: i64,
    lang: Lang,
) -> Result<RegisterFile, Vec<String>> {
    let t = texts(lang);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![t.err_import_unreadable.to_owned()]);
    };
    let text = text.trim_start_matches('\u{feff}');
    let mut checker = Checker {
        municipality,
        this_year,
        lang,
        trees: Vec::new(),
        errors: Vec::new(),
        seen: HashSet::new(),
        data_date: None,
    };
    if text.trim_start().starts_with('{') {
        read_geojson(text, &mut checker)?;
    } else {
        read_csv(text, &mut checker)?;
    }
    checker.finish()
}

fn read_csv(text: &str, checker: &mut Checker) -> Result<(), Vec<String>> {
    let t = texts(checker.lang);
    let mut reader = csv_reader(text);
    let index = csv_columns(
        &mut reader,
        &REQUIRED,
        t.err_import_unreadable,
        t.err_import_header,
    )?;
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    loop {
        line += 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                checker.error(fill(
                    t.err_import_line,
                    &[&line.to_string(), t.err_import_unreadable],
                ));
                continue;
            }
        }
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let record = &record;
        let field = getter(|name| index.get(name).and_then(|&i| record.get(i)).unwrap_or(""));
        checker.row(&field, &|problems| {
            fill(t.err_import_line, &[&line.to_string(), problems])
        });
    }
    Ok(())
}

fn read_geojson(text: &str, checker: &mut Checker) -> Result<(), Vec<String>> {
    let t = texts(checker.lang);
    let unreadable = || vec![t.err_import_unreadable.to_owned()];
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| unreadable())?;
    let features = value
        .get("features")
        .and_then(|f| f.as_array())
        .ok_or_else(unreadable)?;
    for (index, feature) in features.iter().enumerate() {
        let number = (index + 1).to_string();
        let properties = feature.get("properties").and_then(|p| p.as_object());
        let point = feature
            .get("geometry")
            .filter(|g| g.get("type").and_then(|t| t.as_str()) == Some("Point"))
            .and_then(|g| g.get("coordinates"))
            .and_then(|c| c.as_array());
        let coordinate = |i: usize| {
            point
                .and_then(|c| c.get(i))
                .and_then(|v| v.as_f64())
                .map_or(String::new(), |v| v.to_string())
        };
        let (lng, lat) = (coordinate(0), coordinate(1));
        let field_owned = |name: &str| -> String {
            match name {
                "lat" => lat.clone(),
                "lng" => lng.clone(),
                _ => match properties.and_then(|p| p.get(name)) {
                    Some(serde_json::Value::String(s)) => s.trim().to_owned(),
                    Some(serde_json::Value::Number(n)) => n.to_string(),
                    Some(serde_json::Value::Bool(b)) => (if *b { "t" } else { "f" }).to_owned(),
                    _ => String::new(),
                },
            }
        };
        let fields: HashMap<&str, String> = COLUMNS.iter().map(|c| (*c, field_owned(c))).collect();
        let fields = &fields;
        let field = getter(|name| fields.get(name).map_or("", String::as_str));
        checker.row(&field, &|problems| {
            fill(t.err_import_feature, &[&number, problems])
        });
    }
    Ok(())
}

/// Gives a column reader the signature `row` needs: what it returns borrows the row, not the
/// column's name.
fn getter<'r>(read: impl Fn(&str) -> &'r str) -> impl Fn(&str) -> &'r str {
    read
}

/// Every column the import reads.
const COLUMNS: [&str; 19] = [
    "id",
    "lat",
    "lng",
    "art_dtsch",
    "art_bot",
    "gattung_deutsch",
    "gattung",
    "strname",
    "hausnr",
    "namenr",
    "bezirk",
    "eigentuemer",
    "pflanzjahr",
    "standalter",
    "stammumfg",
    "baumhoehe",
    "kronedurch",
    "street_tree",
    "updated_at",
];

struct Checker<'a> {
    municipality: &'a Municipality,
    this_year: i64,
    lang: Lang,
    trees: Vec<RegisterTree>,
    errors: Vec<String>,
    seen: HashSet<String>,
    data_date: Option<String>,
}

impl Checker<'_> {
    fn error(&mut self, message: String) {
        self.errors.push(message);
    }

    /// Checks one row; `field` reads a column ("" when missing), `place` words the problems
    /// with the row's line or feature number.
    fn row<'r>(&mut self, field: &dyn Fn(&str) -> &'r str, place: &dyn Fn(&str) -> String) {
        let t = texts(self.lang);
        let mut problems: Vec<String> = Vec::new();
        let text = |name: &str| clean_text(field(name));
        let register_id = text("id");
        if register_id.is_empty() {
            problems.push(t.err_import_id.to_owned());
        } else if self.seen.contains(&register_id) {
            problems.push(fill(t.err_import_twice, &[&register_id]));
        }
        let position = Coordinates::parse(field("lat"), field("lng"));
        match position {
            None => problems.push(t.err_import_position.to_owned()),
            Some(p) => {
                let boundary = &self.municipality.boundary;
                let near = boundary.contains(p.lon(), p.lat())
                    || boundary
                        .distance_to_boundary_m(p.lon(), p.lat(), BOUNDARY_TOLERANCE_M)
                        .is_some();
                if !near {
                    problems.push(fill(t.err_import_outside, &[&self.municipality.name]));
                }
            }
        }
        // Numbers: whole or decimal ("8", "8.5", "8,5"); empty means unknown.
        let mut number = |name: &str, scale: f64| -> Option<i64> {
            let raw = field(name).trim();
            if raw.is_empty() {
                return None;
            }
            match raw.replace(',', ".").parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..1e7).contains(&v) => {
                    Some((v * scale).round() as i64)
                }
                _ => {
                    problems.push(fill(t.err_import_number, &[name, raw]));
                    None
                }
            }
        };
        let planting_year = number("pflanzjahr", 1.0);
        let age_years = number("standalter", 1.0);
        let trunk_cm = number("stammumfg", 1.0);
        let height_cm = number("baumhoehe", 100.0);
        let crown_cm = number("kronedurch", 100.0);
        if let Some(year) = planting_year.filter(|y| *y < 1500 || *y > self.this_year + 1) {
            problems.push(fill(t.err_import_year, &[&year.to_string()]));
        }
        if !problems.is_empty() {
            self.error(place(&problems.join("; ")));
            return;
        }
        let Some(position) = position else { return };
        let updated = field("updated_at");
        if let Some(date) = updated.get(..10).filter(|d| is_date(d)) {
            if self.data_date.as_deref().is_none_or(|known| known < date) {
                self.data_date = Some(date.to_owned());
            }
        }
        let street = text("strname");
        let place_name = text("namenr");
        self.seen.insert(register_id.clone());
        self.trees.push(RegisterTree {
            register_id,
            position,
            species_de: text("art_dtsch"),
            species_bot: text("art_bot"),
            genus_de: text("gattung_deutsch"),
            genus: text("gattung"),
            street,
            house_number: text("hausnr"),
            place_name,
            district: text("bezirk"),
            owner: text("eigentuemer"),
            planting_year,
            age_years,
            trunk_cm,
            height_cm,
            crown_cm,
            street_tree: matches!(field("street_tree").trim(), "t" | "true" | "1" | "ja"),
        });
    }

    fn finish(mut self) -> Result<RegisterFile, Vec<String>> {
        let t = texts(self.lang);
        if self.trees.is_empty() && self.errors.is_empty() {
            self.errors.push(t.err_import_empty.to_owned());
        }
        if self.errors.is_empty() {
            return Ok(RegisterFile {
                trees: self.trees,
                data_date: self.data_date,
            });
        }
        Err(shortened(self.errors, self.lang))
    }
}

/// `YYYY-MM-DD`.
fn is_date(value: &str) -> bool {
    value.parse::<jiff::civil::Date>().is_ok()
}

/// What an import did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Gone from the register: marked as retired (no longer shown), not deleted.
    pub retired: usize,
}

impl Imported {
    /// Whether the import changed the register at all.
    pub fn changed(&self) -> bool {
        self.added + self.updated + self.retired > 0
    }
}

/// A municipality's trees as an import compares them: id, register id, fingerprint, retired.
type Existing = Vec<(i64, String, i64, Option<i64>)>;

async fn existing(
    connection: &mut sqlx::AnyConnection,
    municipality_id: i64,
) -> Result<Existing, sqlx::Error> {
    sqlx::query_as(
        "select id, register_id, fingerprint, retired_at from trees where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_all(connection)
    .await
}

/// What importing a file does to the trees there are: the same, changed (or back from
/// retirement: id, tree, fingerprint), new (tree, fingerprint), and live trees the file no
/// longer lists (ids, to be retired).
struct Plan<'a> {
    unchanged: usize,
    updates: Vec<(i64, &'a RegisterTree, i64)>,
    new: Vec<(&'a RegisterTree, i64)>,
    vanished: Vec<i64>,
}

fn plan<'a>(existing: &Existing, file: &'a RegisterFile) -> Plan<'a> {
    let known: HashMap<&str, (i64, i64, bool)> = existing
        .iter()
        .map(|(id, key, print, retired)| (key.as_str(), (*id, *print, retired.is_some())))
        .collect();
    let mut plan = Plan {
        unchanged: 0,
        updates: Vec::new(),
        new: Vec::new(),
        vanished: Vec::new(),
    };
    for tree in &file.trees {
        let print = tree.fingerprint();
        match known.get(tree.register_id.as_str()) {
            Some(&(_, known_print, false)) if known_print == print => plan.unchanged += 1,
            Some(&(id, _, _)) => plan.updates.push((id, tree, print)),
            None => plan.new.push((tree, print)),
        }
    }
    let in_file: HashSet<&str> = file.trees.iter().map(|t| t.register_id.as_str()).collect();
    plan.vanished = existing
        .iter()
        .filter(|(_, key, _, retired)| retired.is_none() && !in_file.contains(key.as_str()))
        .map(|(id, ..)| *id)
        .collect();
    plan
}

/// What an import of a file would do, told before it is done.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub retired: usize,
    /// Of the retired, those with adopters or waterings: kept with them (retired trees are
    /// marked, never deleted).
    pub retired_cared_for: usize,
}

/// What importing `file` into the municipality's register would change, without changing it.
pub async fn preview(
    db: &Db,
    municipality_id: i64,
    file: &RegisterFile,
) -> Result<Preview, sqlx::Error> {
    let mut connection = db.pool.acquire().await?;
    let existing = existing(&mut connection, municipality_id).await?;
    let plan = plan(&existing, file);
    let cared_for: HashSet<i64> = sqlx::query_scalar(
        "select t.id from trees t where t.municipality_id = $1 and t.retired_at is null and \
         (exists (select 1 from tree_adoptions a where a.tree_id = t.id) \
         or exists (select 1 from tree_waterings w where w.tree_id = t.id))",
    )
    .bind(municipality_id)
    .fetch_all(&mut *connection)
    .await?
    .into_iter()
    .collect();
    Ok(Preview {
        added: plan.new.len(),
        updated: plan.updates.len(),
        unchanged: plan.unchanged,
        retired: plan.vanished.len(),
        retired_cared_for: plan
            .vanished
            .iter()
            .filter(|id| cared_for.contains(id))
            .count(),
    })
}

/// Applies a checked file to the municipality's register in one transaction. `progress` is
/// told (trees written, trees in the file) as the work goes on.
pub async fn import(
    db: &Db,
    now: i64,
    municipality_id: i64,
    file: &RegisterFile,
    source: &str,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Imported> {
    import_over(db, now, municipality_id, file, source, None, progress).await
}

/// The register's version now (`tree_registers.imported_at`, which moves only when an import
/// changed something; 0 without a register).
pub async fn register_version(
    connection: &mut sqlx::AnyConnection,
    municipality_id: i64,
) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, i64>(
        "select imported_at from tree_registers where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_optional(connection)
    .await?
    .unwrap_or(0))
}

/// The register changed since the version an import was to go over.
#[derive(Debug, thiserror::Error)]
#[error("the tree register changed since its preview")]
pub struct Moved;

/// [`import`] of a browser upload whose preview was made of the register at `version`
/// ([`super::uploads`]): refused with [`Moved`] when the register changed since, checked in the
/// import's own transaction, which also takes the waiting upload away.
pub async fn import_over(
    db: &Db,
    now: i64,
    municipality_id: i64,
    file: &RegisterFile,
    source: &str,
    version: Option<i64>,
    progress: &mut (dyn FnMut(usize, usize) + Send),
) -> anyhow::Result<Imported> {
    let mut tx = db.begin_write().await?;
    if let Some(version) = version {
        if register_version(&mut tx, municipality_id).await? != version {
            return Err(Moved.into());
        }
        sqlx::query("delete from tree_register_uploads where municipality_id = $1")
            .bind(municipality_id)
            .execute(&mut *tx)
            .await?;
    }
    let existing = existing(&mut tx, municipality_id).await?;
    let total = file.trees.len();
    let Plan {
        unchanged,
        updates,
        new,
        vanished,
    } = plan(&existing, file);
    let mut imported = Imported {
        unchanged,
        ..Imported::default()
    };
    for (done, (id, tree, print)) in updates.into_iter().enumerate() {
        update(&mut tx, id, tree, print, now).await?;
        imported.updated += 1;
        if done % 10_000 == 0 {
            progress(unchanged + done, total);
        }
    }
    let mut written = total - new.len();
    for batch in new.chunks(BATCH) {
        insert(&mut tx, db.backend, municipality_id, batch, now).await?;
        imported.added += batch.len();
        written += batch.len();
        progress(written, total);
    }
    for chunk in vanished.chunks(BATCH) {
        // Marked, never deleted: adoptions and waterings hang on them, and a later register
        // that lists them again brings them back.
        let retire = format!(
            "update trees set retired_at = {} where id in ({})",
            placeholders(db.backend, 0, 1),
            placeholders(db.backend, 1, chunk.len())
        );
        let mut query = sqlx::query(&retire).bind(now);
        for id in chunk {
            query = query.bind(id);
        }
        let retired = query
            .persistent(false)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        imported.retired += usize::try_from(retired).unwrap_or(0);
    }
    let data_date = file.data_date.clone().unwrap_or_else(|| {
        jiff::Timestamp::from_millisecond(now)
            .map(|ts| ts.to_zoned(crate::core::time::berlin()).date().to_string())
            .unwrap_or_default()
    });
    let districts: std::collections::BTreeSet<&str> = file
        .trees
        .iter()
        .map(|t| t.district.as_str())
        .filter(|d| !d.is_empty())
        .collect();
    // The same file again changes nothing, not even the date of the last import.
    if imported.changed() || existing.is_empty() {
        sqlx::query(
            "insert into tree_registers (municipality_id, data_date, imported_at, source, tree_count, districts) \
             values ($1, $2, $3, $4, $5, $6) on conflict (municipality_id) do update \
             set data_date = excluded.data_date, imported_at = excluded.imported_at, source = excluded.source, \
             tree_count = excluded.tree_count, districts = excluded.districts",
        )
        .bind(municipality_id)
        .bind(&data_date)
        .bind(now)
        .bind(source)
        .bind(i64::try_from(total).unwrap_or(i64::MAX))
        .bind(serde_json::to_string(&districts)?)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    let written = imported.added + imported.updated + imported.retired;
    if db.backend == Backend::Postgres && written >= TIDY_AFTER {
        // What autovacuum does some minutes later, at once: fresh statistics, and the new rows
        // marked visible to all, so the map's and the list's lookups read the index alone
        // (measured by the tree_city benchmark: a zoom-16 tile of a million trees 43 ms
        // before, a few ms after). Outside the transaction, as VACUUM must be; the import
        // stands if it fails.
        if let Err(error) = sqlx::query("vacuum (analyze) trees")
            .execute(&db.pool)
            .await
        {
            tracing::warn!(%error, "vacuum after the tree import failed; autovacuum will do it");
        }
    }
    progress(total, total);
    Ok(imported)
}

/// Trees written by an import after which PostgreSQL's table of trees is tidied at once.
const TIDY_AFTER: usize = 20_000;

async fn update(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    id: i64,
    tree: &RegisterTree,
    print: i64,
    now: i64,
) -> Result<(), sqlx::Error> {
    let query = sqlx::query(
        "update trees set lat = $1, lon = $2, cell = $3, species_de = $4, species_bot = $5, \
         genus_de = $6, genus = $7, street = $8, house_number = $9, place_name = $10, district = $11, \
         owner = $12, planting_year = $13, age_years = $14, trunk_cm = $15, height_cm = $16, \
         crown_cm = $17, street_tree = $18, street_key = $19, place_key = $20, fingerprint = $21, \
         updated_at = $22, retired_at = null where id = $23",
    );
    bind_fields(query, tree)
        .bind(print)
        .bind(now)
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds the register's fields in the order of the `trees` table (position and its grid cell
/// to street tree), then the search keys of street and green space.
fn bind_fields<'q>(query: AnyQuery<'q>, tree: &'q RegisterTree) -> AnyQuery<'q> {
    query
        .bind(tree.position.lat())
        .bind(tree.position.lon())
        .bind(grid::cell(tree.position))
        .bind(&tree.species_de)
        .bind(&tree.species_bot)
        .bind(&tree.genus_de)
        .bind(&tree.genus)
        .bind(&tree.street)
        .bind(&tree.house_number)
        .bind(&tree.place_name)
        .bind(&tree.district)
        .bind(&tree.owner)
        .bind(tree.planting_year)
        .bind(tree.age_years)
        .bind(tree.trunk_cm)
        .bind(tree.height_cm)
        .bind(tree.crown_cm)
        .bind(i64::from(tree.street_tree))
        .bind(search_key(&tree.street))
        .bind(search_key(&tree.place_name))
}

/// A name as the search by its beginning compares it: trimmed, in lower case.
pub fn search_key(name: &str) -> String {
    name.trim().to_lowercase()
}

async fn insert(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    backend: Backend,
    municipality_id: i64,
    batch: &[(&RegisterTree, i64)],
    now: i64,
) -> Result<(), sqlx::Error> {
    const COLUMNS: usize = 24;
    let rows: Vec<String> = (0..batch.len())
        .map(|r| format!("({})", placeholders(backend, r * COLUMNS, COLUMNS)))
        .collect();
    let sql = format!(
        "insert into trees (municipality_id, register_id, lat, lon, cell, species_de, species_bot, \
         genus_de, genus, street, house_number, place_name, district, owner, planting_year, \
         age_years, trunk_cm, height_cm, crown_cm, street_tree, street_key, place_key, \
         fingerprint, updated_at) values {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql);
    for (tree, print) in batch {
        let keyed = query.bind(municipality_id).bind(&tree.register_id);
        query = bind_fields(keyed, tree).bind(*print).bind(now);
    }
    // Statements of different batch sizes are not worth preparing.
    query.persistent(false).execute(&mut **tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree() -> RegisterTree {
        RegisterTree {
            register_id: "00008100:002db6b6".into(),
            position: Coordinates::new(52.576_288, 13.390_291).expect("position"),
            species_de: "Robinie".into(),
            species_bot: "Robinia pseudoacacia".into(),
            genus_de: "ROBINIE".into(),
            genus: "ROBINIA".into(),
            street: String::new(),
            house_number: String::new(),
            place_name: "Schönholzer Heide".into(),
            district: "Pankow".into(),
            owner: "Land Berlin".into(),
            planting_year: Some(2002),
            age_years: Some(20),
            trunk_cm: Some(53),
            height_cm: Some(800),
            crown_cm: Some(400),
            street_tree: false,
        }
    }

    #[test]
    fn the_fingerprint_is_stable_and_changes_with_any_field() {
        assert_eq!(tree().fingerprint(), tree().fingerprint());
        let mut taller = tree();
        taller.height_cm = Some(900);
        let mut unknown_age = tree();
        unknown_age.age_years = None;
        let mut moved = tree();
        moved.position = Coordinates::new(52.576_3, 13.390_291).expect("position");
        let mut renamed = tree();
        renamed.place_name = "Schönholzer Heid".into();
        renamed.district = "ePankow".into();
        let prints = [tree(), taller, unknown_age, moved, renamed].map(|t| t.fingerprint());
        let distinct: HashSet<i64> = prints.iter().copied().collect();
        assert_eq!(distinct.len(), prints.len(), "{prints:?}");
    }

    #[test]
    fn dates_are_calendar_dates() {
        assert!(is_date("2022-12-19"));
        assert!(!is_date("2022-13-19"));
        assert!(!is_date("19.12.2022"));
    }
}
