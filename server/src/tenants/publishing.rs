//! A municipality's configuration as its administrators change it: the configuration in force
//! read back from the database ([`current`], also the download), the draft they uploaded,
//! restored or changed in the forms ([`editable`], [`save_edit`]: saved only if nobody changed
//! it meanwhile), and publishing it — written in one transaction with its record (who, when,
//! the whole configuration, what changed against the previous one), so that every version can
//! be restored. Every change made in the browser is recorded ([`edits`]). Command-line imports
//! are recorded as publications ([`super::config::import`]).

use super::boundaries::{self, Authority};
use super::config::{apply, AreaConfig, CategoryConfig, DepartmentConfig, Emails, GroupConfig};
use super::config::{MunicipalityConfig, RetentionConfig, RuleConfig};
use super::Registry;
use crate::core::db::{Backend, Db};
use crate::core::geo::polygon::parse_area;
use anyhow::Context;
use kiezwerk_app::model::MunicipalityId;
use std::collections::BTreeMap;
use std::sync::Arc;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// The configuration in force for the municipality, as a file would state it (active
/// categories only; rules by codes).
pub async fn current(tx: &mut Tx<'_>, municipality_id: i64) -> anyhow::Result<MunicipalityConfig> {
    let (slug, name, reference_prefix, boundary, contact_days, photo_days): (
        String,
        String,
        String,
        String,
        i64,
        i64,
    ) = sqlx::query_as(
        "select slug, name, reference_prefix, boundary, contact_retention_days, photo_retention_days \
         from municipalities where id = $1",
    )
    .bind(municipality_id)
    .fetch_one(&mut **tx)
    .await?;
    let departments: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "select id, code, name_de, name_en, email from departments where municipality_id = $1 order by id",
    )
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;
    let groups: Vec<(i64, String, String, String)> = sqlx::query_as(
        "select id, code, name_de, name_en from category_groups where municipality_id = $1 order by position, id",
    )
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;
    type CategoryRow = (
        i64,
        i64,
        String,
        String,
        String,
        Option<String>,
        Option<String>,
        String,
        i64,
        i64,
    );
    let categories: Vec<CategoryRow> = sqlx::query_as(
        "select id, group_id, code, name_de, name_en, hint_de, hint_en, questions, accept_days, resolve_days \
         from categories where municipality_id = $1 and active = 1 order by position, id",
    )
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;
    let areas: Vec<(i64, String, String, String, String)> = sqlx::query_as(
        "select id, code, name, kind, geometry from areas where municipality_id = $1 order by id",
    )
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;
    // Category, group, area, department, priority.
    type RuleRow = (Option<i64>, Option<i64>, Option<i64>, i64, i64);
    let rules: Vec<RuleRow> = sqlx::query_as(
        "select category_id, group_id, area_id, department_id, priority from routing_rules \
         where municipality_id = $1 order by id",
    )
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;

    let code_of =
        |rows: &BTreeMap<i64, String>, id: Option<i64>| -> anyhow::Result<Option<String>> {
            id.map(|id| {
                rows.get(&id)
                    .cloned()
                    .context("a rule refers to a removed entry")
            })
            .transpose()
        };
    let department_codes: BTreeMap<i64, String> =
        departments.iter().map(|d| (d.0, d.1.clone())).collect();
    let group_codes: BTreeMap<i64, String> = groups.iter().map(|g| (g.0, g.1.clone())).collect();
    let category_codes: BTreeMap<i64, String> =
        categories.iter().map(|c| (c.0, c.2.clone())).collect();
    let area_codes: BTreeMap<i64, String> = areas.iter().map(|a| (a.0, a.1.clone())).collect();
    let mut config_rules = Vec::with_capacity(rules.len());
    for (category_id, group_id, area_id, department_id, priority) in rules {
        config_rules.push(RuleConfig {
            category: code_of(&category_codes, category_id)?,
            group: code_of(&group_codes, group_id)?,
            area: code_of(&area_codes, area_id)?,
            department: code_of(&department_codes, Some(department_id))?.unwrap_or_default(),
            priority,
        });
    }
    let mut config_groups: Vec<GroupConfig> = Vec::with_capacity(groups.len());
    for (id, code, name_de, name_en) in groups {
        let mut group_categories = Vec::new();
        for c in categories.iter().filter(|c| c.1 == id) {
            group_categories.push(CategoryConfig {
                code: c.2.clone(),
                name_de: c.3.clone(),
                name_en: c.4.clone(),
                hint_de: c.5.clone(),
                hint_en: c.6.clone(),
                questions: serde_json::from_str(&c.7)?,
                accept_days: c.8,
                resolve_days: c.9,
            });
        }
        // A group whose categories were all removed is no longer offered.
        if !group_categories.is_empty() {
            config_groups.push(GroupConfig {
                code,
                name_de,
                name_en,
                categories: group_categories,
            });
        }
    }
    let mut config_areas = Vec::with_capacity(areas.len());
    for (_, code, name, kind, geometry) in areas {
        config_areas.push(AreaConfig {
            code,
            name,
            kind,
            geometry: serde_json::from_str(&geometry)?,
        });
    }
    Ok(MunicipalityConfig {
        slug,
        name,
        reference_prefix,
        boundary: serde_json::from_str(&boundary)?,
        departments: departments
            .into_iter()
            .map(|(_, code, name_de, name_en, email)| DepartmentConfig {
                code,
                name_de,
                name_en,
                email: Emails::split(&email),
            })
            .collect(),
        groups: config_groups,
        areas: config_areas,
        rules: config_rules,
        retention: Some(RetentionConfig {
            contact_days,
            photo_days,
        }),
    })
}

/// One line of what a publication changes, in German and English.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub de: String,
    pub en: String,
}

pub fn change(de: String, en: String) -> Change {
    Change { de, en }
}

/// What changes from `old` to `new`, entry by entry (matched by code); the first publication
/// of a municipality says so.
pub fn changes(old: Option<&MunicipalityConfig>, new: &MunicipalityConfig) -> Vec<Change> {
    let Some(old) = old else {
        return vec![change(
            format!(
                "Erste Fassung mit Abteilungen: {}, Kategorien: {}, Gebiete: {}, Regeln: {}.",
                new.departments.len(),
                new.groups.iter().map(|g| g.categories.len()).sum::<usize>(),
                new.areas.len(),
                new.rules.len()
            ),
            format!(
                "First version with departments: {}, categories: {}, areas: {}, rules: {}.",
                new.departments.len(),
                new.groups.iter().map(|g| g.categories.len()).sum::<usize>(),
                new.areas.len(),
                new.rules.len()
            ),
        )];
    };
    let mut out = differences(old, new);
    if out.is_empty() {
        out.push(change(
            "Keine Änderungen gegenüber der Fassung in Kraft.".into(),
            "No changes against the version in force.".into(),
        ));
    }
    out
}

/// What differs from `old` to `new`, entry by entry (matched by code); nothing when they are
/// the same.
fn differences(old: &MunicipalityConfig, new: &MunicipalityConfig) -> Vec<Change> {
    let mut out = Vec::new();
    if old.name != new.name || old.reference_prefix != new.reference_prefix {
        out.push(change(
            format!(
                "Name oder Aktenzeichen-Kürzel: {} ({}) → {} ({}).",
                old.name, old.reference_prefix, new.name, new.reference_prefix
            ),
            format!(
                "Name or reference prefix: {} ({}) → {} ({}).",
                old.name, old.reference_prefix, new.name, new.reference_prefix
            ),
        ));
    }
    if old.boundary != new.boundary {
        out.push(change(
            "Die Gemeindegrenze ändert sich.".into(),
            "The boundary changes.".into(),
        ));
    }
    if new.retention.is_some() && old.retention != new.retention {
        out.push(change(
            "Die Aufbewahrungsfristen ändern sich.".into(),
            "The retention periods change.".into(),
        ));
    }
    compare(
        &mut out,
        ("Abteilung", "Department"),
        keyed(&old.departments, |d| {
            (
                d.code.clone(),
                (d.name_de.clone(), d.name_en.clone(), d.email.clone()),
            )
        }),
        keyed(&new.departments, |d| {
            (
                d.code.clone(),
                (d.name_de.clone(), d.name_en.clone(), d.email.clone()),
            )
        }),
        |d| d.0.clone(),
    );
    let categories = |c: &MunicipalityConfig| {
        let mut all = BTreeMap::new();
        for g in &c.groups {
            for k in &g.categories {
                let questions = serde_json::to_string(&k.questions).unwrap_or_default();
                all.insert(
                    k.code.clone(),
                    (
                        k.name_de.clone(),
                        format!(
                            "{}|{}|{:?}|{:?}|{}|{}|{}",
                            g.code,
                            k.name_en,
                            k.hint_de,
                            k.hint_en,
                            questions,
                            k.accept_days,
                            k.resolve_days
                        ),
                    ),
                );
            }
        }
        all
    };
    compare(
        &mut out,
        ("Kategorie", "Category"),
        categories(old),
        categories(new),
        |c| c.0.clone(),
    );
    compare(
        &mut out,
        ("Gebiet", "Area"),
        keyed(&old.areas, |a| {
            (
                a.code.clone(),
                (a.name.clone(), a.kind.clone(), a.geometry.clone()),
            )
        }),
        keyed(&new.areas, |a| {
            (
                a.code.clone(),
                (a.name.clone(), a.kind.clone(), a.geometry.clone()),
            )
        }),
        |a| a.0.clone(),
    );
    let rules = |c: &MunicipalityConfig| -> Vec<String> {
        let mut all: Vec<String> = c.rules.iter().map(describe_rule).collect();
        all.sort();
        all
    };
    let (old_rules, new_rules) = (rules(old), rules(new));
    for rule in new_rules.iter().filter(|r| !old_rules.contains(r)) {
        out.push(change(
            format!("Neue Regel: {rule}"),
            format!("New rule: {rule}"),
        ));
    }
    for rule in old_rules.iter().filter(|r| !new_rules.contains(r)) {
        out.push(change(
            format!("Regel entfällt: {rule}"),
            format!("Rule removed: {rule}"),
        ));
    }
    out
}

/// Departments and areas that `new` leaves out but reports still refer to: publishing keeps
/// them (a configuration never pulls the ground from under a report), and the draft page says
/// so. Reads the reports domain's table, as the import does.
pub async fn kept_for_reports(
    db: &Db,
    municipality_id: MunicipalityId,
    old: &MunicipalityConfig,
    new: &MunicipalityConfig,
) -> anyhow::Result<Vec<Change>> {
    let mut out = Vec::new();
    for d in old
        .departments
        .iter()
        .filter(|d| !new.departments.iter().any(|n| n.code == d.code))
    {
        let reports: i64 = sqlx::query_scalar(
            "select count(*) from reports r join departments d on d.id = r.department_id \
             where d.municipality_id = $1 and d.code = $2",
        )
        .bind(municipality_id.0)
        .bind(&d.code)
        .fetch_one(&db.pool)
        .await?;
        if reports > 0 {
            out.push(change(
                format!("Abteilung {} ({}) bleibt bestehen: Ihr sind noch Meldungen zugeordnet ({reports}). Leiten Sie offene Meldungen vorher an eine andere Abteilung weiter.", d.name_de, d.code),
                format!("Department {} ({}) stays: reports are still assigned to it ({reports}). Forward its open reports to another department first.", d.name_en, d.code),
            ));
        }
    }
    for a in old
        .areas
        .iter()
        .filter(|a| !new.areas.iter().any(|n| n.code == a.code))
    {
        let reports: i64 = sqlx::query_scalar(
            "select count(*) from reports r join areas a on a.id = r.area_id \
             where a.municipality_id = $1 and a.code = $2",
        )
        .bind(municipality_id.0)
        .bind(&a.code)
        .fetch_one(&db.pool)
        .await?;
        if reports > 0 {
            out.push(change(
                format!(
                    "Gebiet {} ({}) bleibt bestehen: Darin liegen noch Meldungen ({reports}).",
                    a.name, a.code
                ),
                format!(
                    "Area {} ({}) stays: reports still lie in it ({reports}).",
                    a.name, a.code
                ),
            ));
        }
    }
    Ok(out)
}

/// A rule in one line, by codes: `category × area → department (priority)`, `*` for any.
pub fn describe_rule(rule: &RuleConfig) -> String {
    let what = rule
        .category
        .clone()
        .or_else(|| rule.group.as_ref().map(|g| format!("{g}/*")))
        .unwrap_or_else(|| "*".into());
    let area = rule.area.clone().unwrap_or_else(|| "*".into());
    let priority = if rule.priority == 0 {
        String::new()
    } else {
        format!(" ({})", rule.priority)
    };
    format!("{what} × {area} → {}{priority}", rule.department)
}

fn keyed<T, V>(items: &[T], key: impl Fn(&T) -> (String, V)) -> BTreeMap<String, V> {
    items.iter().map(key).collect()
}

/// Added, removed and changed entries of one kind.
fn compare<V: PartialEq>(
    out: &mut Vec<Change>,
    (what_de, what_en): (&str, &str),
    old: BTreeMap<String, V>,
    new: BTreeMap<String, V>,
    name: impl Fn(&V) -> String,
) {
    for (code, value) in &new {
        match old.get(code) {
            None => out.push(change(
                format!("{what_de} neu: {} ({code}).", name(value)),
                format!("{what_en} added: {} ({code}).", name(value)),
            )),
            Some(before) if before != value => out.push(change(
                format!("{what_de} geändert: {} ({code}).", name(value)),
                format!("{what_en} changed: {} ({code}).", name(value)),
            )),
            Some(_) => {}
        }
    }
    for (code, value) in old.iter().filter(|(code, _)| !new.contains_key(*code)) {
        out.push(change(
            format!("{what_de} entfällt: {} ({code}).", name(value)),
            format!("{what_en} removed: {} ({code}).", name(value)),
        ));
    }
}

/// What a publication is made of.
pub struct Publication<'a> {
    pub municipality_id: i64,
    /// `None` on the command line.
    pub account_id: Option<i64>,
    pub now: i64,
    pub config: &'a MunicipalityConfig,
    /// The configuration in force before, if the municipality existed.
    pub previous: Option<&'a MunicipalityConfig>,
    /// The earlier publication this one restores.
    pub restores: Option<i64>,
}

/// Records a publication written in `tx`; its number.
pub async fn record(tx: &mut Tx<'_>, publication: Publication<'_>) -> anyhow::Result<i64> {
    let number: i64 = sqlx::query_scalar(
        "select coalesce(max(number), 0) + 1 from config_publications where municipality_id = $1",
    )
    .bind(publication.municipality_id)
    .fetch_one(&mut **tx)
    .await?;
    let lines = changes(publication.previous, publication.config);
    let join = |pick: fn(&Change) -> &str| lines.iter().map(pick).collect::<Vec<_>>().join("\n");
    // Two publications at once: the unique number makes the later one fail and roll back.
    sqlx::query(
        "insert into config_publications (municipality_id, number, account_id, published_at, config, \
         changes_de, changes_en, restores) values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(publication.municipality_id)
    .bind(number)
    .bind(publication.account_id)
    .bind(publication.now)
    .bind(serde_json::to_string(publication.config)?)
    .bind(join(|c| &c.de))
    .bind(join(|c| &c.en))
    .bind(publication.restores)
    .execute(&mut **tx)
    .await?;
    Ok(number)
}

/// An uploaded or restored configuration waiting to be published.
#[derive(Clone, Debug)]
pub struct Draft {
    pub config: MunicipalityConfig,
    pub by: Option<String>,
    pub uploaded_at: i64,
    pub restores: Option<i64>,
    /// The publication in force when it was saved.
    pub based_on: Option<i64>,
}

/// Keeps `config` as the municipality's draft, replacing any earlier one, and records the
/// edit. The draft remembers the publication in force now: publishing it after another one is
/// refused ([`PublishRefusal::Stale`]), so that nobody's publication is undone unseen.
pub async fn save_draft(
    db: &Db,
    municipality_id: MunicipalityId,
    edit: Edit<'_>,
    config: &MunicipalityConfig,
    restores: Option<i64>,
) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "insert into config_drafts (municipality_id, account_id, config, restores, uploaded_at, based_on) \
         values ($1, $2, $3, $4, $5, (select coalesce(max(number), 0) from config_publications where municipality_id = $1)) \
         on conflict (municipality_id) do update set \
         account_id = excluded.account_id, config = excluded.config, restores = excluded.restores, \
         uploaded_at = excluded.uploaded_at, based_on = excluded.based_on",
    )
    .bind(municipality_id.0)
    .bind(edit.account_id)
    .bind(serde_json::to_string(config)?)
    .bind(restores)
    .bind(edit.now)
    .execute(&mut *tx)
    .await?;
    record_edit(&mut tx, municipality_id, &edit).await?;
    tx.commit().await?;
    Ok(())
}

/// A change to a municipality's configuration made in the browser: who, when, what.
#[derive(Clone, Copy, Debug)]
pub struct Edit<'a> {
    pub account_id: i64,
    pub now: i64,
    pub what: &'a Change,
}

async fn record_edit(
    tx: &mut Tx<'_>,
    municipality_id: MunicipalityId,
    edit: &Edit<'_>,
) -> anyhow::Result<()> {
    sqlx::query(
        "insert into config_edits (municipality_id, account_id, at, what_de, what_en) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(municipality_id.0)
    .bind(edit.account_id)
    .bind(edit.now)
    .bind(&edit.what.de)
    .bind(&edit.what.en)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// One recorded change ([`Edit`]), with the name of who made it.
#[derive(Clone, Debug)]
pub struct EditRecord {
    pub at: i64,
    pub by: Option<String>,
    pub what: Change,
}

/// The municipality's newest recorded changes, newest first, at most `limit`.
pub async fn edits(
    db: &Db,
    municipality_id: MunicipalityId,
    limit: i64,
) -> anyhow::Result<Vec<EditRecord>> {
    let rows: Vec<(i64, Option<String>, String, String)> = sqlx::query_as(
        "select e.at, a.display_name, e.what_de, e.what_en from config_edits e \
         left join accounts a on a.id = e.account_id where e.municipality_id = $1 \
         order by e.id desc limit $2",
    )
    .bind(municipality_id.0)
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(at, by, de, en)| EditRecord {
            at,
            by,
            what: change(de, en),
        })
        .collect())
}

/// Where a configuration edited in a form comes from: the municipality's draft as it was read,
/// or — without a draft — the configuration in force under publication `number`.
#[derive(Clone, Debug)]
pub enum Basis {
    Draft { text: String },
    InForce { number: i64 },
}

/// The configuration a form edits: the draft, or the configuration in force when there is
/// none, read in one snapshot, with where it came from (for [`save_edit`]).
pub async fn editable(
    db: &Db,
    municipality_id: MunicipalityId,
) -> anyhow::Result<(MunicipalityConfig, Basis)> {
    let mut tx = db.pool.begin().await?;
    if db.backend == Backend::Postgres {
        sqlx::query("set transaction isolation level repeatable read, read only")
            .execute(&mut *tx)
            .await?;
    }
    let text: Option<String> =
        sqlx::query_scalar("select config from config_drafts where municipality_id = $1")
            .bind(municipality_id.0)
            .fetch_optional(&mut *tx)
            .await?;
    let editable = match text {
        Some(text) => (serde_json::from_str(&text)?, Basis::Draft { text }),
        None => {
            let number: i64 = sqlx::query_scalar(
                "select coalesce(max(number), 0) from config_publications where municipality_id = $1",
            )
            .bind(municipality_id.0)
            .fetch_one(&mut *tx)
            .await?;
            (
                current(&mut tx, municipality_id.0).await?,
                Basis::InForce { number },
            )
        }
    };
    tx.commit().await?;
    Ok(editable)
}

/// Saves a configuration edited from `basis` as the municipality's draft and records the edit
/// — unless, since `basis` was read, the draft changed, a draft appeared or another version
/// was published: then nothing is written and the answer is `false` (read again, edit again).
/// An edited draft keeps the publication it is based on, so a draft that another publication
/// made stale stays refused; a new one is based on the version it was made from.
pub async fn save_edit(
    db: &Db,
    municipality_id: MunicipalityId,
    basis: &Basis,
    config: &MunicipalityConfig,
    edit: Edit<'_>,
) -> anyhow::Result<bool> {
    let text = serde_json::to_string(config)?;
    let mut tx = db.begin_write().await?;
    let written = match basis {
        Basis::Draft { text: before } => sqlx::query(
            "update config_drafts set config = $1, account_id = $2, uploaded_at = $3, restores = null \
             where municipality_id = $4 and config = $5",
        )
        .bind(&text)
        .bind(edit.account_id)
        .bind(edit.now)
        .bind(municipality_id.0)
        .bind(before)
        .execute(&mut *tx)
        .await?
        .rows_affected(),
        Basis::InForce { number } => sqlx::query(
            "insert into config_drafts (municipality_id, account_id, config, restores, uploaded_at, based_on) \
             select $1, $2, $3, null, $4, $5 where (select coalesce(max(number), 0) \
             from config_publications where municipality_id = $1) = $5 \
             on conflict (municipality_id) do nothing",
        )
        .bind(municipality_id.0)
        .bind(edit.account_id)
        .bind(&text)
        .bind(edit.now)
        .bind(number)
        .execute(&mut *tx)
        .await?
        .rows_affected(),
    };
    if written != 1 {
        return Ok(false);
    }
    record_edit(&mut tx, municipality_id, &edit).await?;
    tx.commit().await?;
    Ok(true)
}

pub async fn draft(db: &Db, municipality_id: MunicipalityId) -> anyhow::Result<Option<Draft>> {
    let municipality_id = municipality_id.0;
    // The configuration, who uploaded it and when, what it restores and what it is based on.
    type Row = (String, Option<String>, i64, Option<i64>, Option<i64>);
    let row: Option<Row> = sqlx::query_as(
        "select d.config, a.display_name, d.uploaded_at, d.restores, d.based_on from config_drafts d \
         left join accounts a on a.id = d.account_id where d.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|(config, by, uploaded_at, restores, based_on)| {
        Ok(Draft {
            config: serde_json::from_str(&config)?,
            by,
            uploaded_at,
            restores,
            based_on,
        })
    })
    .transpose()
}

/// Drops the municipality's draft and records it; `false` when there was none.
pub async fn discard_draft(
    db: &Db,
    municipality_id: MunicipalityId,
    edit: Edit<'_>,
) -> anyhow::Result<bool> {
    let mut tx = db.begin_write().await?;
    let gone = sqlx::query("delete from config_drafts where municipality_id = $1")
        .bind(municipality_id.0)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone > 0 {
        record_edit(&mut tx, municipality_id, &edit).await?;
    }
    tx.commit().await?;
    Ok(gone > 0)
}

/// Why a draft was not published.
#[derive(Debug, PartialEq, Eq)]
pub enum PublishRefusal {
    /// There is none (already published, discarded, or published by someone else meanwhile).
    NoDraft,
    /// Another draft took its place while it was checked.
    Replaced,
    /// It is no longer valid (a report now refers to what it removes cannot happen; this is
    /// for configurations saved under older rules), or it moves the boundary in a way the
    /// publisher may not ([`boundaries`]).
    Invalid(Vec<String>),
    /// Another version was published after the draft was saved: publishing it would undo that
    /// one's changes unseen. (`based_on` is `None` for a draft saved before drafts remembered.)
    Stale {
        based_on: Option<i64>,
        in_force: i64,
        /// What changed from the draft's basis to the version in force.
        since: Vec<Change>,
    },
}

/// Publishes the municipality's draft: checked again (the configuration's rules, the boundary
/// against `registry`'s neighbours and the publisher's `authority`, and that no other version
/// was published since it was saved), then written in one transaction with its record, the
/// draft gone; every server reloads within seconds. The publication's number. A refused draft
/// stays.
pub async fn publish_draft(
    db: &Db,
    registry: Arc<Registry>,
    municipality_id: MunicipalityId,
    account_id: i64,
    authority: Authority,
    now: i64,
    lang: kiezwerk_app::i18n::Lang,
) -> anyhow::Result<Result<i64, PublishRefusal>> {
    let municipality_id = municipality_id.0;
    // Checked before the writing transaction: a large file's polygons take seconds, which no
    // writer (SQLite has one at a time) should wait for.
    let mut tx = db.pool.begin().await?;
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("select config, based_on from config_drafts where municipality_id = $1")
            .bind(municipality_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some((checked_text, based_on)) = row else {
        return Ok(Err(PublishRefusal::NoDraft));
    };
    if let Some(stale) = stale(&mut tx, municipality_id, based_on).await? {
        return Ok(Err(stale));
    }
    let previous = current(&mut tx, municipality_id).await?;
    tx.commit().await?;
    let config: MunicipalityConfig = serde_json::from_str(&checked_text)?;
    let (config, problems) = tokio::task::spawn_blocking(move || {
        let mut problems = config.check(lang).err().unwrap_or_default();
        if problems.is_empty() {
            let old = parse_area(&previous.boundary).ok();
            problems = boundaries::problems(&registry, &config, old.as_ref(), authority, lang);
        }
        (config, problems)
    })
    .await?;
    if !problems.is_empty() {
        return Ok(Err(PublishRefusal::Invalid(problems)));
    }

    let mut tx = db.pool.begin().await?;
    // Taking the draft first: of two administrators publishing at once, one finds it gone.
    let row: Option<(String, Option<i64>, Option<i64>)> = sqlx::query_as(
        "delete from config_drafts where municipality_id = $1 returning config, restores, based_on",
    )
    .bind(municipality_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((text, restores, based_on)) = row else {
        return Ok(Err(PublishRefusal::NoDraft));
    };
    if text != checked_text {
        return Ok(Err(PublishRefusal::Replaced));
    }
    // Another publication while it was checked: the draft stays, refused.
    if let Some(stale) = stale(&mut tx, municipality_id, based_on).await? {
        return Ok(Err(stale));
    }
    let previous = current(&mut tx, municipality_id).await?;
    let (written, _) = apply(&mut tx, now, &config).await?;
    anyhow::ensure!(
        written == municipality_id,
        "the draft names another municipality"
    );
    let number = record(
        &mut tx,
        Publication {
            municipality_id,
            account_id: Some(account_id),
            now,
            config: &config,
            previous: Some(&previous),
            restores,
        },
    )
    .await?;
    let what = change(
        format!("Fassung {number} veröffentlicht."),
        format!("Version {number} published."),
    );
    record_edit(
        &mut tx,
        MunicipalityId(municipality_id),
        &Edit {
            account_id,
            now,
            what: &what,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(number))
}

/// Whether the municipality's draft can no longer be published as it is: the refusal
/// publishing it would meet ([`PublishRefusal::Stale`]), for the draft page to say so first.
pub async fn staleness(
    db: &Db,
    draft: &Draft,
    municipality_id: MunicipalityId,
) -> anyhow::Result<Option<PublishRefusal>> {
    let mut tx = db.pool.begin().await?;
    let refusal = stale(&mut tx, municipality_id.0, draft.based_on).await?;
    tx.commit().await?;
    Ok(refusal)
}

/// The refusal of a draft based on `based_on` when another publication is in force, with what
/// changed since.
async fn stale(
    tx: &mut Tx<'_>,
    municipality_id: i64,
    based_on: Option<i64>,
) -> anyhow::Result<Option<PublishRefusal>> {
    let in_force: i64 = sqlx::query_scalar(
        "select coalesce(max(number), 0) from config_publications where municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_one(&mut **tx)
    .await?;
    if based_on == Some(in_force) {
        return Ok(None);
    }
    let basis = match based_on {
        Some(number) => published_in(tx, municipality_id, number).await?,
        None => None,
    };
    let latest = published_in(tx, municipality_id, in_force).await?;
    let since = match (basis, latest) {
        (Some(basis), Some(latest)) => Some(differences(&basis, &latest)),
        _ => None,
    };
    // A later version that changed nothing (the same file imported again, as deployment
    // scripts do) undoes nothing: the draft applies on top of it as it is.
    if since.as_ref().is_some_and(Vec::is_empty) {
        return Ok(None);
    }
    Ok(Some(PublishRefusal::Stale {
        based_on,
        in_force,
        since: since.unwrap_or_default(),
    }))
}

/// Why a new municipality was not created.
#[derive(Debug, PartialEq, Eq)]
pub enum CreateRefusal {
    SlugTaken,
    PrefixTaken,
}

/// Creates a municipality from a valid configuration, recorded as its first version published
/// by `account_id`, in one transaction: its id, or why not.
pub async fn create(
    db: &Db,
    account_id: i64,
    now: i64,
    config: &MunicipalityConfig,
) -> anyhow::Result<Result<MunicipalityId, CreateRefusal>> {
    let mut tx = db.pool.begin().await?;
    let (slug, prefix): (i64, i64) = sqlx::query_as(
        "select (select count(*) from municipalities where slug = $1), \
         (select count(*) from municipalities where reference_prefix = $2)",
    )
    .bind(&config.slug)
    .bind(&config.reference_prefix)
    .fetch_one(&mut *tx)
    .await?;
    if slug > 0 {
        return Ok(Err(CreateRefusal::SlugTaken));
    }
    if prefix > 0 {
        return Ok(Err(CreateRefusal::PrefixTaken));
    }
    let (municipality_id, _) = apply(&mut tx, now, config).await?;
    record(
        &mut tx,
        Publication {
            municipality_id,
            account_id: Some(account_id),
            now,
            config,
            previous: None,
            restores: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(MunicipalityId(municipality_id)))
}

/// One publication in the history.
#[derive(Clone, Debug)]
pub struct PublicationRecord {
    pub number: i64,
    pub published_at: i64,
    /// `None` when published on the command line.
    pub by: Option<String>,
    pub changes_de: String,
    pub changes_en: String,
    pub restores: Option<i64>,
}

/// The municipality's publications, newest first.
pub async fn publications(
    db: &Db,
    municipality_id: MunicipalityId,
) -> anyhow::Result<Vec<PublicationRecord>> {
    let municipality_id = municipality_id.0;
    type Row = (i64, i64, Option<String>, String, String, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(
        "select p.number, p.published_at, a.display_name, p.changes_de, p.changes_en, p.restores \
         from config_publications p left join accounts a on a.id = p.account_id \
         where p.municipality_id = $1 order by p.number desc",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(number, published_at, by, changes_de, changes_en, restores)| PublicationRecord {
                number,
                published_at,
                by,
                changes_de,
                changes_en,
                restores,
            },
        )
        .collect())
}

/// The configuration as publication `number` published it.
pub async fn published(
    db: &Db,
    municipality_id: MunicipalityId,
    number: i64,
) -> anyhow::Result<Option<MunicipalityConfig>> {
    let mut tx = db.pool.begin().await?;
    let config = published_in(&mut tx, municipality_id.0, number).await?;
    tx.commit().await?;
    Ok(config)
}

async fn published_in(
    tx: &mut Tx<'_>,
    municipality_id: i64,
    number: i64,
) -> anyhow::Result<Option<MunicipalityConfig>> {
    let text: Option<String> = sqlx::query_scalar(
        "select config from config_publications where municipality_id = $1 and number = $2",
    )
    .bind(municipality_id)
    .bind(number)
    .fetch_optional(&mut **tx)
    .await?;
    text.map(|t| serde_json::from_str(&t).map_err(anyhow::Error::from))
        .transpose()
}

/// The configuration in force, read in its own transaction.
pub async fn current_of(
    db: &Db,
    municipality_id: MunicipalityId,
) -> anyhow::Result<MunicipalityConfig> {
    let municipality_id = municipality_id.0;
    let mut tx = db.pool.begin().await?;
    let config = current(&mut tx, municipality_id).await?;
    tx.commit().await?;
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> MunicipalityConfig {
        MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("valid")
    }

    #[test]
    fn the_changes_name_what_was_added_changed_and_removed() {
        let old = demo();
        let mut new = demo();
        new.departments[0].email = Emails::one("neu@example.org");
        let removed = new.areas.pop().expect("berlin has areas");
        new.rules.push(RuleConfig {
            category: None,
            group: None,
            area: None,
            department: new.departments[1].code.clone(),
            priority: 5,
        });
        let lines: Vec<String> = changes(Some(&old), &new)
            .into_iter()
            .map(|c| c.en)
            .collect();
        assert!(
            lines.contains(&format!(
                "Department changed: {} ({}).",
                new.departments[0].name_de, new.departments[0].code
            )),
            "{lines:?}"
        );
        assert!(
            lines.contains(&format!(
                "Area removed: {} ({}).",
                removed.name, removed.code
            )),
            "{lines:?}"
        );
        assert!(
            lines.contains(&format!(
                "New rule: * × * → {} (5)",
                new.departments[1].code
            )),
            "{lines:?}"
        );
        assert_eq!(lines.len(), 3, "{lines:?}");
    }

    #[test]
    fn the_same_configuration_changes_nothing() {
        let lines = changes(Some(&demo()), &demo());
        assert_eq!(lines.len(), 1);
        assert!(lines[0].en.starts_with("No changes"));
    }
}
