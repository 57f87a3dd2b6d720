//! The configuration file of one municipality (JSON): departments, categories with their extra
//! questions, areas with their polygons, and routing rules. `kiezwerk tenant import` loads it;
//! importing again updates in place, so reports keep their references.

use crate::core::db::Db;
use crate::core::geo::polygon::parse_area;
use anyhow::{bail, Context};
use kiezwerk_app::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityConfig {
    /// Used in URLs and as Open311 `jurisdiction_id`.
    pub slug: String,
    pub name: String,
    /// First part of report references, e.g. `BER` in `BER-2026-000123`.
    pub reference_prefix: String,
    /// GeoJSON Polygon or MultiPolygon: where this municipality is responsible.
    pub boundary: geojson::Geometry,
    pub departments: Vec<DepartmentConfig>,
    pub groups: Vec<GroupConfig>,
    #[serde(default)]
    pub areas: Vec<AreaConfig>,
    pub rules: Vec<RuleConfig>,
    /// How long data of closed reports is kept; without it, what the municipality has (90 and
    /// 365 days for a new one).
    #[serde(default)]
    pub retention: Option<RetentionConfig>,
}

/// Days after a report is closed until its contact data, and until its photos, are erased.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RetentionConfig {
    pub contact_days: i64,
    pub photo_days: i64,
}

/// The longest retention a configuration may set: ten years.
const MAX_RETENTION_DAYS: i64 = 3650;

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentConfig {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub email: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GroupConfig {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub categories: Vec<CategoryConfig>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryConfig {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub hint_de: Option<String>,
    pub hint_en: Option<String>,
    #[serde(default)]
    pub questions: Vec<QuestionConfig>,
    /// Working days to accept a report (triage deadline).
    #[serde(default = "default_accept_days")]
    pub accept_days: i64,
    /// Working days from submission to resolve it.
    #[serde(default = "default_resolve_days")]
    pub resolve_days: i64,
}

fn default_accept_days() -> i64 {
    2
}

fn default_resolve_days() -> i64 {
    10
}

/// An extra question of a category; a choice question when `choices` is not empty.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct QuestionConfig {
    pub code: String,
    pub label_de: String,
    pub label_en: String,
    pub hint_de: Option<String>,
    pub hint_en: Option<String>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub choices: Vec<ChoiceConfig>,
    /// Maximum length of a free-text answer.
    #[serde(default = "default_max_len")]
    pub max_len: usize,
}

fn default_max_len() -> usize {
    200
}

impl QuestionConfig {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_de, &self.label_en)
    }

    pub fn hint(&self, lang: Lang) -> Option<&str> {
        lang.pick(self.hint_de.as_deref(), self.hint_en.as_deref())
    }
}

impl ChoiceConfig {
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_de, &self.label_en)
    }
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChoiceConfig {
    pub value: String,
    pub label_de: String,
    pub label_en: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AreaConfig {
    pub code: String,
    pub name: String,
    /// e.g. `bezirk`, `ortsteil`.
    pub kind: String,
    pub geometry: geojson::Geometry,
}

/// Category (or group) × area → department. Leave out `category`/`group` for any category and
/// `area` for anywhere in the municipality; a rule with neither is the fallback.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    pub category: Option<String>,
    pub group: Option<String>,
    pub area: Option<String>,
    pub department: String,
    /// Higher wins; among equal priorities the more specific rule wins.
    #[serde(default)]
    pub priority: i64,
}

fn is_code(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl MunicipalityConfig {
    pub fn from_json(text: &str) -> anyhow::Result<MunicipalityConfig> {
        let config: MunicipalityConfig = serde_json::from_str(text)?;
        config.validate()?;
        Ok(config)
    }

    /// Refuses a configuration that could not route every report.
    pub fn validate(&self) -> anyhow::Result<()> {
        if let Some(r) = self.retention {
            for (what, days) in [
                ("contact_days", r.contact_days),
                ("photo_days", r.photo_days),
            ] {
                if !(1..=MAX_RETENTION_DAYS).contains(&days) {
                    bail!("retention.{what} must be between 1 and {MAX_RETENTION_DAYS} days, not {days}");
                }
            }
        }
        if !is_code(&self.slug) {
            bail!(
                "slug {:?}: use lowercase letters, digits and dashes",
                self.slug
            );
        }
        if self.reference_prefix.is_empty()
            || self.reference_prefix.len() > 8
            || !self
                .reference_prefix
                .chars()
                .all(|c| c.is_ascii_uppercase())
        {
            bail!(
                "reference_prefix {:?}: use 1 to 8 capital letters",
                self.reference_prefix
            );
        }
        parse_area(&self.boundary).map_err(|e| anyhow::anyhow!("boundary: {e}"))?;
        for c in self.groups.iter().flat_map(|g| &g.categories) {
            if !(1..=60).contains(&c.accept_days)
                || !(c.accept_days..=365).contains(&c.resolve_days)
            {
                bail!(
                    "category {:?}: accept_days must be 1 to 60 and resolve_days from accept_days to 365",
                    c.code
                );
            }
        }
        let unique = |what: &str, codes: Vec<&str>| -> anyhow::Result<HashSet<String>> {
            let mut seen = HashSet::new();
            for code in codes {
                if !is_code(code) {
                    bail!("{what} code {code:?}: use lowercase letters, digits and dashes");
                }
                if !seen.insert(code.to_owned()) {
                    bail!("{what} code {code:?} appears twice");
                }
            }
            Ok(seen)
        };
        let departments = unique(
            "department",
            self.departments.iter().map(|d| d.code.as_str()).collect(),
        )?;
        let groups = unique(
            "group",
            self.groups.iter().map(|g| g.code.as_str()).collect(),
        )?;
        let categories = unique(
            "category",
            self.groups
                .iter()
                .flat_map(|g| &g.categories)
                .map(|c| c.code.as_str())
                .collect(),
        )?;
        let areas = unique("area", self.areas.iter().map(|a| a.code.as_str()).collect())?;
        for area in &self.areas {
            parse_area(&area.geometry).map_err(|e| anyhow::anyhow!("area {}: {e}", area.code))?;
        }
        for category in self.groups.iter().flat_map(|g| &g.categories) {
            for q in &category.questions {
                if !is_code(&q.code) {
                    bail!(
                        "category {}: question code {:?} is not a code",
                        category.code,
                        q.code
                    );
                }
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            let n = i + 1;
            if rule.category.is_some() && rule.group.is_some() {
                bail!("rule {n}: give a category or a group, not both");
            }
            if let Some(c) = rule
                .category
                .as_deref()
                .filter(|c| !categories.contains(*c))
            {
                bail!("rule {n}: unknown category {c:?}");
            }
            if let Some(g) = rule.group.as_deref().filter(|g| !groups.contains(*g)) {
                bail!("rule {n}: unknown group {g:?}");
            }
            if let Some(a) = rule.area.as_deref().filter(|a| !areas.contains(*a)) {
                bail!("rule {n}: unknown area {a:?}");
            }
            if !departments.contains(&rule.department) {
                bail!("rule {n}: unknown department {:?}", rule.department);
            }
        }
        if !self
            .rules
            .iter()
            .any(|r| r.category.is_none() && r.group.is_none() && r.area.is_none())
        {
            bail!("no fallback rule: add one with only a department, so that every report has a recipient");
        }
        Ok(())
    }
}

/// What an import changed.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub created: bool,
    pub departments: usize,
    pub categories: usize,
    pub areas: usize,
    pub rules: usize,
}

/// Creates or updates a municipality from its configuration in one transaction. Entities are
/// matched by code; categories missing from the file are deactivated (reports keep them),
/// areas and departments missing from it are removed unless reports refer to them.
/// `now` is when the import happens.
pub async fn import(
    db: &Db,
    now: i64,
    config: &MunicipalityConfig,
) -> anyhow::Result<ImportSummary> {
    config.validate()?;
    let mut tx = db.pool.begin().await?;
    let boundary = serde_json::to_string(&config.boundary)?;
    let existing: Option<i64> = sqlx::query_scalar("select id from municipalities where slug = $1")
        .bind(&config.slug)
        .fetch_optional(&mut *tx)
        .await?;
    let municipality_id = match existing {
        Some(id) => {
            sqlx::query(
                "update municipalities set name = $1, reference_prefix = $2, boundary = $3, updated_at = $4 \
                 where id = $5",
            )
            .bind(&config.name)
            .bind(&config.reference_prefix)
            .bind(&boundary)
            .bind(now)
            .bind(id)
            .execute(&mut *tx)
            .await?;
            id
        }
        None => sqlx::query_scalar(
            "insert into municipalities (slug, name, reference_prefix, boundary, created_at, updated_at) \
             values ($1, $2, $3, $4, $5, $5) returning id",
        )
        .bind(&config.slug)
        .bind(&config.name)
        .bind(&config.reference_prefix)
        .bind(&boundary)
        .bind(now)
        .fetch_one(&mut *tx)
        .await
        .context("creating the municipality (is the reference prefix already taken?)")?,
    };

    if let Some(retention) = config.retention {
        sqlx::query(
            "update municipalities set contact_retention_days = $1, photo_retention_days = $2 where id = $3",
        )
        .bind(retention.contact_days)
        .bind(retention.photo_days)
        .bind(municipality_id)
        .execute(&mut *tx)
        .await?;
    }

    // Rules are rebuilt from the file; they refer to everything else.
    sqlx::query("delete from routing_rules where municipality_id = $1")
        .bind(municipality_id)
        .execute(&mut *tx)
        .await?;

    for d in &config.departments {
        sqlx::query(
            "insert into departments (municipality_id, code, name_de, name_en, email) values ($1, $2, $3, $4, $5) \
             on conflict (municipality_id, code) do update set name_de = excluded.name_de, \
             name_en = excluded.name_en, email = excluded.email",
        )
        .bind(municipality_id)
        .bind(&d.code)
        .bind(&d.name_de)
        .bind(&d.name_en)
        .bind(&d.email)
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query("update categories set active = 0 where municipality_id = $1")
        .bind(municipality_id)
        .execute(&mut *tx)
        .await?;
    let mut position = 0i64;
    for (group_position, g) in config.groups.iter().enumerate() {
        let group_id: i64 = sqlx::query_scalar(
            "insert into category_groups (municipality_id, code, name_de, name_en, position) values ($1, $2, $3, $4, $5) \
             on conflict (municipality_id, code) do update set name_de = excluded.name_de, \
             name_en = excluded.name_en, position = excluded.position returning id",
        )
        .bind(municipality_id)
        .bind(&g.code)
        .bind(&g.name_de)
        .bind(&g.name_en)
        .bind(group_position as i64)
        .fetch_one(&mut *tx)
        .await?;
        for c in &g.categories {
            position += 1;
            sqlx::query(
                "insert into categories (municipality_id, group_id, code, name_de, name_en, hint_de, hint_en, \
                 questions, position, active, accept_days, resolve_days) \
                 values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11) \
                 on conflict (municipality_id, code) do update set group_id = excluded.group_id, \
                 name_de = excluded.name_de, name_en = excluded.name_en, hint_de = excluded.hint_de, \
                 hint_en = excluded.hint_en, questions = excluded.questions, position = excluded.position, active = 1, \
                 accept_days = excluded.accept_days, resolve_days = excluded.resolve_days",
            )
            .bind(municipality_id)
            .bind(group_id)
            .bind(&c.code)
            .bind(&c.name_de)
            .bind(&c.name_en)
            .bind(&c.hint_de)
            .bind(&c.hint_en)
            .bind(serde_json::to_string(&c.questions)?)
            .bind(position)
            .bind(c.accept_days)
            .bind(c.resolve_days)
            .execute(&mut *tx)
            .await?;
        }
    }
    for a in &config.areas {
        sqlx::query(
            "insert into areas (municipality_id, code, name, kind, geometry) values ($1, $2, $3, $4, $5) \
             on conflict (municipality_id, code) do update set name = excluded.name, kind = excluded.kind, \
             geometry = excluded.geometry",
        )
        .bind(municipality_id)
        .bind(&a.code)
        .bind(&a.name)
        .bind(&a.kind)
        .bind(serde_json::to_string(&a.geometry)?)
        .execute(&mut *tx)
        .await?;
    }
    let area_codes: Vec<&str> = config.areas.iter().map(|a| a.code.as_str()).collect();
    remove_unlisted(&mut tx, "areas", "area_id", municipality_id, &area_codes).await?;
    let department_codes: Vec<&str> = config.departments.iter().map(|d| d.code.as_str()).collect();
    remove_unlisted(
        &mut tx,
        "departments",
        "department_id",
        municipality_id,
        &department_codes,
    )
    .await?;

    for rule in &config.rules {
        let category_id = id_by_code(
            &mut tx,
            "categories",
            municipality_id,
            rule.category.as_deref(),
        )
        .await?;
        let group_id = id_by_code(
            &mut tx,
            "category_groups",
            municipality_id,
            rule.group.as_deref(),
        )
        .await?;
        let area_id = id_by_code(&mut tx, "areas", municipality_id, rule.area.as_deref()).await?;
        let department_id = id_by_code(
            &mut tx,
            "departments",
            municipality_id,
            Some(&rule.department),
        )
        .await?
        .context("department vanished during import")?;
        sqlx::query(
            "insert into routing_rules (municipality_id, category_id, group_id, area_id, department_id, priority) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(municipality_id)
        .bind(category_id)
        .bind(group_id)
        .bind(area_id)
        .bind(department_id)
        .bind(rule.priority)
        .execute(&mut *tx)
        .await?;
    }
    // Every server sees the new version within seconds and reloads (`server::Live`).
    sqlx::query("update config_version set version = version + 1 where id = 1")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(ImportSummary {
        created: existing.is_none(),
        departments: config.departments.len(),
        categories: config.groups.iter().map(|g| g.categories.len()).sum(),
        areas: config.areas.len(),
        rules: config.rules.len(),
    })
}

async fn id_by_code(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &'static str,
    municipality_id: i64,
    code: Option<&str>,
) -> anyhow::Result<Option<i64>> {
    let Some(code) = code else { return Ok(None) };
    Ok(sqlx::query_scalar(&format!(
        "select id from {table} where municipality_id = $1 and code = $2"
    ))
    .bind(municipality_id)
    .bind(code)
    .fetch_optional(&mut **tx)
    .await?)
}

/// Deletes the municipality's rows of `table` whose code is not listed, unless a report refers
/// to them through `report_column` (a read of the reports domain's table: a configuration
/// must never pull the ground from under a report).
async fn remove_unlisted(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    table: &'static str,
    report_column: &'static str,
    municipality_id: i64,
    keep: &[&str],
) -> anyhow::Result<()> {
    let rows: Vec<(i64, String)> = sqlx::query_as(&format!(
        "select id, code from {table} where municipality_id = $1"
    ))
    .bind(municipality_id)
    .fetch_all(&mut **tx)
    .await?;
    for (id, code) in rows
        .into_iter()
        .filter(|(_, code)| !keep.contains(&code.as_str()))
    {
        let used: i64 = sqlx::query_scalar(&format!(
            "select count(*) from reports where {report_column} = $1"
        ))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
        if used == 0 {
            sqlx::query(&format!("delete from {table} where id = $1"))
                .bind(id)
                .execute(&mut **tx)
                .await?;
        } else {
            tracing::warn!(table, code, "kept because reports refer to it");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn demo() -> MunicipalityConfig {
        MunicipalityConfig::from_json(include_str!("../../demo/potsdam.json"))
            .expect("demo config is valid")
    }

    #[test]
    fn the_demo_configurations_are_valid() {
        demo();
        MunicipalityConfig::from_json(include_str!("../../demo/berlin.json"))
            .expect("berlin is valid");
    }

    #[test]
    fn a_configuration_without_fallback_rule_is_refused() {
        let mut config = demo();
        config
            .rules
            .retain(|r| r.category.is_some() || r.group.is_some() || r.area.is_some());
        let err = config
            .validate()
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("no fallback rule"), "{err}");
    }

    #[test]
    fn rules_must_name_known_entities() {
        let mut config = demo();
        config.rules[0].department = "nobody".into();
        assert!(config.validate().is_err());
        let mut config = demo();
        config.rules[0].category = Some("unicorns".into());
        config.rules[0].group = None;
        assert!(config.validate().is_err());
    }

    #[test]
    fn duplicate_codes_are_refused() {
        let mut config = demo();
        let copy = config.departments[0].clone();
        config.departments.push(copy);
        assert!(config.validate().is_err());
    }
}
