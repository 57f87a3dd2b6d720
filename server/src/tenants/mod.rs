//! Municipalities (tenants) and their configuration — departments, categories with their
//! questions and deadlines, areas, routing rules — held in memory for routing and display;
//! importing a configuration ([`config`]); who may move a boundary and how far it may reach
//! into a neighbour's ([`boundaries`]); drafts, publishing and the edits of the forms
//! ([`publishing`]); the starter catalogue of a new municipality ([`starter`]); the demo's
//! ([`demo`]); their outlines for the maps ([`outlines`]).

pub mod boundaries;
pub mod config;
pub mod demo;
pub mod outlines;
pub mod publishing;
pub mod starter;

use crate::core::db::{Backend, Db};
use crate::core::geo::grid::BoxIndex;
use crate::core::geo::polygon::{parse_area, PreparedPolygon};
use anyhow::Context;
use config::QuestionConfig;
use geo::MultiPolygon;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{Choice, DepartmentId, MunicipalityId};
use std::collections::HashMap;
use std::sync::Arc;

/// The tenants' part of the application state: the configuration of every municipality, and
/// their outlines for the maps.
#[derive(Clone)]
pub struct Tenants {
    pub registry: Arc<Registry>,
    /// District and municipality outlines as GeoJSON, prepared once.
    pub outlines: Arc<str>,
}

impl Tenants {
    /// Reads every municipality's configuration from the database.
    pub async fn load(db: &Db) -> anyhow::Result<Tenants> {
        let registry = Registry::load(db).await?;
        Ok(Tenants {
            outlines: outlines::outlines_geojson(&registry).into(),
            registry: Arc::new(registry),
        })
    }
}

#[derive(Debug)]
pub struct Department {
    pub id: DepartmentId,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub email: config::Emails,
}

#[derive(Debug)]
pub struct Group {
    pub id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
}

#[derive(Debug)]
pub struct Category {
    pub id: i64,
    pub group_id: i64,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub hint_de: Option<String>,
    pub hint_en: Option<String>,
    pub questions: Vec<QuestionConfig>,
    /// Inactive categories were removed from the configuration; old reports keep them.
    pub active: bool,
    /// Working days to accept a report, and to resolve it from its submission.
    pub accept_days: i64,
    pub resolve_days: i64,
}

#[derive(Debug)]
pub struct Area {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// e.g. `bezirk`, `ortsteil`.
    pub kind: String,
    pub shape: MultiPolygon<f64>,
    pub polygon: PreparedPolygon,
}

/// Category (or group) × area → department; `None` matches any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: i64,
    pub category_id: Option<i64>,
    pub group_id: Option<i64>,
    pub area_id: Option<i64>,
    pub department_id: DepartmentId,
    pub priority: i64,
}

impl Rule {
    /// How specific the rule is (see [`specificity`]).
    pub fn specificity(&self) -> u8 {
        specificity(
            self.category_id.is_some(),
            self.group_id.is_some(),
            self.area_id.is_some(),
        )
    }
}

/// How specific a rule is: category beats group beats neither; an area adds one. Among rules
/// of equal priority the more specific one is tried first.
pub fn specificity(category: bool, group: bool, area: bool) -> u8 {
    let kind = if category {
        2
    } else if group {
        1
    } else {
        0
    };
    kind * 2 + u8::from(area)
}

#[derive(Debug)]
pub struct Municipality {
    pub id: MunicipalityId,
    pub slug: String,
    pub name: String,
    pub reference_prefix: String,
    pub shape: MultiPolygon<f64>,
    pub boundary: PreparedPolygon,
    pub departments: Vec<Department>,
    pub groups: Vec<Group>,
    /// In display order.
    pub categories: Vec<Category>,
    pub areas: Vec<Area>,
    /// Ordered best first: priority, then specificity, then age.
    pub rules: Vec<Rule>,
}

impl Municipality {
    /// Orders the rules best first: priority, then specificity, then age.
    fn sort_rules(&mut self) {
        self.rules.sort_by(|a, b| {
            b.priority
                .cmp(&a.priority)
                .then(b.specificity().cmp(&a.specificity()))
                .then(a.id.cmp(&b.id))
        });
    }

    /// The municipality as a valid configuration would make it, with ids counted from 1 in
    /// the file's order: what a draft would route, before it is written.
    pub fn from_config(
        id: MunicipalityId,
        config: &config::MunicipalityConfig,
    ) -> anyhow::Result<Municipality> {
        let shape = parse_area(&config.boundary).map_err(|e| anyhow::anyhow!(e))?;
        let number = |i: usize| i as i64 + 1;
        let departments: Vec<Department> = config
            .departments
            .iter()
            .enumerate()
            .map(|(i, d)| Department {
                id: DepartmentId(number(i)),
                code: d.code.clone(),
                name_de: d.name_de.clone(),
                name_en: d.name_en.clone(),
                email: d.email.clone(),
            })
            .collect();
        let groups: Vec<Group> = config
            .groups
            .iter()
            .enumerate()
            .map(|(i, g)| Group {
                id: number(i),
                code: g.code.clone(),
                name_de: g.name_de.clone(),
                name_en: g.name_en.clone(),
            })
            .collect();
        let mut categories = Vec::new();
        for (g, group) in config.groups.iter().enumerate() {
            for c in &group.categories {
                categories.push(Category {
                    id: number(categories.len()),
                    group_id: number(g),
                    code: c.code.clone(),
                    name_de: c.name_de.clone(),
                    name_en: c.name_en.clone(),
                    hint_de: c.hint_de.clone(),
                    hint_en: c.hint_en.clone(),
                    questions: c.questions.clone(),
                    active: true,
                    accept_days: c.accept_days,
                    resolve_days: c.resolve_days,
                });
            }
        }
        let mut areas = Vec::with_capacity(config.areas.len());
        for (i, a) in config.areas.iter().enumerate() {
            let shape = parse_area(&a.geometry).map_err(|e| anyhow::anyhow!(e))?;
            areas.push(Area {
                id: number(i),
                code: a.code.clone(),
                name: a.name.clone(),
                kind: a.kind.clone(),
                polygon: PreparedPolygon::new(&shape),
                shape,
            });
        }
        let find = |codes: Vec<&str>, code: &Option<String>| -> anyhow::Result<Option<i64>> {
            code.as_deref()
                .map(|c| {
                    codes
                        .iter()
                        .position(|k| *k == c)
                        .map(number)
                        .ok_or_else(|| anyhow::anyhow!("unknown code {c}"))
                })
                .transpose()
        };
        let mut rules = Vec::with_capacity(config.rules.len());
        for (i, r) in config.rules.iter().enumerate() {
            let department = find(
                departments.iter().map(|d| d.code.as_str()).collect(),
                &Some(r.department.clone()),
            )?
            .unwrap_or_default();
            rules.push(Rule {
                id: number(i),
                category_id: find(
                    categories.iter().map(|c| c.code.as_str()).collect(),
                    &r.category,
                )?,
                group_id: find(groups.iter().map(|g| g.code.as_str()).collect(), &r.group)?,
                area_id: find(areas.iter().map(|a| a.code.as_str()).collect(), &r.area)?,
                department_id: DepartmentId(department),
                priority: r.priority,
            });
        }
        let mut municipality = Municipality {
            id,
            slug: config.slug.clone(),
            name: config.name.clone(),
            reference_prefix: config.reference_prefix.clone(),
            boundary: PreparedPolygon::new(&shape),
            shape,
            departments,
            groups,
            categories,
            areas,
            rules,
        };
        municipality.sort_rules();
        Ok(municipality)
    }

    pub fn department(&self, id: DepartmentId) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    pub fn category(&self, code: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.code == code)
    }

    pub fn category_by_id(&self, id: i64) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    pub fn group(&self, id: i64) -> Option<&Group> {
        self.groups.iter().find(|g| g.id == id)
    }

    pub fn area(&self, id: i64) -> Option<&Area> {
        self.areas.iter().find(|a| a.id == id)
    }

    /// The departments as a form's choices: id and name in `lang`.
    pub fn department_choices(&self, lang: Lang) -> Vec<Choice> {
        self.departments
            .iter()
            .map(|d| Choice {
                value: d.id.to_string(),
                label: d.name(lang).to_owned(),
            })
            .collect()
    }
}

impl Department {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_de, &self.name_en)
    }
}

impl Group {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_de, &self.name_en)
    }
}

impl Category {
    pub fn name(&self, lang: Lang) -> &str {
        lang.pick(&self.name_de, &self.name_en)
    }

    pub fn hint(&self, lang: Lang) -> Option<&str> {
        lang.pick(self.hint_de.as_deref(), self.hint_en.as_deref())
    }
}

/// Every municipality of the deployment.
#[derive(Debug, Default)]
pub struct Registry {
    pub municipalities: Vec<Municipality>,
    /// The configuration's version this was read at (see [`version`]).
    pub version: i64,
    /// The municipalities' bounding boxes on a grid: routing asks the few whose box reaches a
    /// point, not all of them (a nationwide deployment has 11,000).
    index: BoxIndex,
}

impl Registry {
    pub fn new(municipalities: Vec<Municipality>, version: i64) -> Registry {
        let boxes: Vec<[f64; 4]> = municipalities
            .iter()
            .map(|m| m.boundary.bounding_box())
            .collect();
        Registry {
            index: BoxIndex::new(&boxes),
            municipalities,
            version,
        }
    }

    /// The municipalities whose boundary box reaches within the margins (degrees) of the
    /// point — every one that does, some more than once, and a few that miss by centimetres.
    pub fn near(
        &self,
        x: f64,
        y: f64,
        margin_x: f64,
        margin_y: f64,
    ) -> impl Iterator<Item = &Municipality> {
        self.index
            .near(x, y, margin_x, margin_y)
            .map(|i| &self.municipalities[i as usize])
    }

    pub fn by_id(&self, id: MunicipalityId) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.id == id)
    }

    pub fn by_slug(&self, slug: &str) -> Option<&Municipality> {
        self.municipalities.iter().find(|m| m.slug == slug)
    }

    /// Names of all municipalities, for messages such as "Kiezwerk serves Berlin, Potsdam".
    pub fn names(&self) -> String {
        self.municipalities
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Reads all configuration, as one consistent snapshot with its version, and prepares the
    /// polygons.
    pub async fn load(db: &Db) -> anyhow::Result<Registry> {
        let mut tx = db.pool.begin().await?;
        if db.backend == Backend::Postgres {
            // One snapshot for all the statements below, whatever an import commits meanwhile.
            sqlx::query("set transaction isolation level repeatable read, read only")
                .execute(&mut *tx)
                .await?;
        }
        let version: i64 = sqlx::query_scalar("select version from config_version where id = 1")
            .fetch_one(&mut *tx)
            .await?;
        let rows: Vec<(MunicipalityId, String, String, String, String)> = sqlx::query_as(
            "select id, slug, name, reference_prefix, boundary from municipalities order by name",
        )
        .fetch_all(&mut *tx)
        .await?;
        let mut municipalities = Vec::with_capacity(rows.len());
        for (id, slug, name, reference_prefix, boundary) in rows {
            let shape = geometry(&boundary).with_context(|| format!("boundary of {slug}"))?;
            municipalities.push(Municipality {
                id,
                boundary: PreparedPolygon::new(&shape),
                shape,
                slug,
                name,
                reference_prefix,
                departments: Vec::new(),
                groups: Vec::new(),
                categories: Vec::new(),
                areas: Vec::new(),
                rules: Vec::new(),
            });
        }
        let mut index: HashMap<MunicipalityId, usize> = HashMap::new();
        for (i, m) in municipalities.iter().enumerate() {
            index.insert(m.id, i);
        }
        let slot = |municipality_id: MunicipalityId| index.get(&municipality_id).copied();

        let departments: Vec<(DepartmentId, MunicipalityId, String, String, String, String)> = sqlx::query_as(
            "select id, municipality_id, code, name_de, name_en, email from departments order by id",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (id, m, code, name_de, name_en, email) in departments {
            if let Some(i) = slot(m) {
                municipalities[i].departments.push(Department {
                    id,
                    code,
                    name_de,
                    name_en,
                    email: config::Emails::split(&email),
                });
            }
        }

        let groups: Vec<(i64, MunicipalityId, String, String, String)> = sqlx::query_as(
            "select id, municipality_id, code, name_de, name_en from category_groups order by position, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (id, m, code, name_de, name_en) in groups {
            if let Some(i) = slot(m) {
                municipalities[i].groups.push(Group {
                    id,
                    code,
                    name_de,
                    name_en,
                });
            }
        }

        type CategoryRow = (
            i64,
            MunicipalityId,
            i64,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            i64,
            i64,
            i64,
        );
        let categories: Vec<CategoryRow> = sqlx::query_as(
            "select id, municipality_id, group_id, code, name_de, name_en, hint_de, hint_en, questions, active, \
             accept_days, resolve_days from categories order by position, id",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (
            id,
            m,
            group_id,
            code,
            name_de,
            name_en,
            hint_de,
            hint_en,
            questions,
            active,
            accept_days,
            resolve_days,
        ) in categories
        {
            if let Some(i) = slot(m) {
                let questions = serde_json::from_str(&questions)
                    .with_context(|| format!("questions of category {code}"))?;
                municipalities[i].categories.push(Category {
                    id,
                    group_id,
                    code,
                    name_de,
                    name_en,
                    hint_de,
                    hint_en,
                    questions,
                    active: active != 0,
                    accept_days,
                    resolve_days,
                });
            }
        }

        let areas: Vec<(i64, MunicipalityId, String, String, String, String)> = sqlx::query_as(
            "select id, municipality_id, code, name, kind, geometry from areas order by name",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (id, m, code, name, kind, geometry_json) in areas {
            if let Some(i) = slot(m) {
                let shape = geometry(&geometry_json).with_context(|| format!("area {code}"))?;
                municipalities[i].areas.push(Area {
                    id,
                    code,
                    name,
                    kind,
                    polygon: PreparedPolygon::new(&shape),
                    shape,
                });
            }
        }

        type RuleRow = (
            i64,
            MunicipalityId,
            Option<i64>,
            Option<i64>,
            Option<i64>,
            DepartmentId,
            i64,
        );
        let rules: Vec<RuleRow> = sqlx::query_as(
            "select id, municipality_id, category_id, group_id, area_id, department_id, priority \
             from routing_rules order by id",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (id, m, category_id, group_id, area_id, department_id, priority) in rules {
            if let Some(i) = slot(m) {
                municipalities[i].rules.push(Rule {
                    id,
                    category_id,
                    group_id,
                    area_id,
                    department_id,
                    priority,
                });
            }
        }
        for m in &mut municipalities {
            m.sort_rules();
        }
        tx.commit().await?;
        Ok(Registry::new(municipalities, version))
    }
}

/// The version of the municipalities' configuration in the database: raised by every import
/// ([`config::import`]), so a server whose [`Registry::version`] differs reloads.
pub async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select version from config_version where id = 1")
        .fetch_one(&db.pool)
        .await
}

fn geometry(json: &str) -> anyhow::Result<MultiPolygon<f64>> {
    let geometry: geojson::Geometry = serde_json::from_str(json)?;
    parse_area(&geometry).map_err(|e| anyhow::anyhow!(e))
}
