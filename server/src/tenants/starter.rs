//! The starter catalogue a newly onboarded municipality adopts, so that its first day needs no
//! file: the demo's categories (Berlin's, without its street pumps) with their questions and
//! deadlines, a department per kind of work (public order, roads, green spaces, waste) and the
//! rules between them (`server/demo/starter.json`). Adopted into the draft, to be adapted in the
//! forms and published like every change.

use super::config::{DepartmentConfig, GroupConfig, MunicipalityConfig, RuleConfig};
use serde::Deserialize;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Catalogue {
    departments: Vec<DepartmentConfig>,
    groups: Vec<GroupConfig>,
    rules: Vec<RuleConfig>,
}

static CATALOGUE: LazyLock<Catalogue> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../demo/starter.json"))
        .expect("the starter catalogue is part of the build and valid (unit test)")
});

/// What adopting the catalogue added.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Adopted {
    pub departments: usize,
    pub categories: usize,
    pub rules: usize,
}

impl Adopted {
    pub fn is_empty(&self) -> bool {
        *self == Adopted::default()
    }
}

/// The number of categories the catalogue offers.
pub fn categories() -> usize {
    CATALOGUE.groups.iter().map(|g| g.categories.len()).sum()
}

/// Adds the catalogue to `config`: every group and category whose code it does not have yet,
/// the rules of those, and the departments those rules name. The new departments take the
/// contact addresses of the municipality's first department (its central office) until
/// somebody enters their own; the configuration's fallback rule stays as it is.
pub fn adopt(config: &mut MunicipalityConfig) -> Adopted {
    let mut adopted = Adopted::default();
    let taken = |config: &MunicipalityConfig, code: &str| {
        config
            .groups
            .iter()
            .flat_map(|g| &g.categories)
            .any(|c| c.code == code)
    };
    let mut new_categories = Vec::new();
    for group in &CATALOGUE.groups {
        let fresh: Vec<_> = group
            .categories
            .iter()
            .filter(|c| !taken(config, &c.code))
            .cloned()
            .collect();
        new_categories.extend(fresh.iter().map(|c| c.code.clone()));
        adopted.categories += fresh.len();
        match config.groups.iter_mut().find(|g| g.code == group.code) {
            Some(existing) => existing.categories.extend(fresh),
            None if !fresh.is_empty() => config.groups.push(GroupConfig {
                categories: fresh,
                ..group.clone()
            }),
            None => {}
        }
    }
    // A rule of the catalogue is adopted when what it names came with the catalogue and no rule
    // for the same reports, place and priority is there already (that one, older, would always
    // win): an existing category keeps its routing.
    let mut rules = Vec::new();
    for rule in &CATALOGUE.rules {
        let about_new = match (&rule.category, &rule.group) {
            (Some(category), _) => new_categories.contains(category),
            (None, Some(group)) => CATALOGUE
                .groups
                .iter()
                .find(|g| &g.code == group)
                .is_some_and(|g| {
                    g.categories
                        .iter()
                        .any(|c| new_categories.contains(&c.code))
                }),
            (None, None) => false,
        };
        let taken = config.rules.iter().any(|r| {
            r.category == rule.category
                && r.group == rule.group
                && r.area == rule.area
                && r.priority == rule.priority
        });
        if about_new && !taken {
            rules.push(rule.clone());
        }
    }
    // The catalogue's departments that its adopted rules name and the municipality lacks, with
    // the addresses of its first department (its central office) until somebody enters their
    // own.
    let addresses = config.departments.first().map(|d| d.email.clone());
    for department in &CATALOGUE.departments {
        let named = rules.iter().any(|r| r.department == department.code);
        if !named || config.departments.iter().any(|d| d.code == department.code) {
            continue;
        }
        let mut department = department.clone();
        if let Some(addresses) = &addresses {
            department.email = addresses.clone();
        }
        config.departments.push(department);
        adopted.departments += 1;
    }
    adopted.rules = rules.len();
    config.rules.extend(rules);
    adopted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenants::config::Emails;
    use kiezwerk_app::i18n::Lang;

    /// A municipality as the platform creates it: a boundary, one central office, one rule.
    fn fresh() -> MunicipalityConfig {
        serde_json::from_value(serde_json::json!({
            "slug": "havelsee",
            "name": "Havelsee",
            "reference_prefix": "HVS",
            "boundary": {"type": "Polygon", "coordinates": [[[12.95, 52.56], [13.0, 52.56], [13.0, 52.59], [12.95, 52.59], [12.95, 52.56]]]},
            "departments": [{"code": "zentrale", "name_de": "Zentrale Meldestelle", "name_en": "Central reporting office", "email": "meldungen@havelsee.example"}],
            "groups": [],
            "rules": [{"department": "zentrale"}]
        }))
        .expect("config")
    }

    #[test]
    fn a_fresh_municipality_adopts_every_category_with_departments_and_rules_and_stays_valid() {
        let mut config = fresh();
        let adopted = adopt(&mut config);
        assert_eq!(adopted.departments, 4);
        assert_eq!(adopted.categories, categories());
        assert!(adopted.categories >= 10, "{adopted:?}");
        assert_eq!(adopted.rules, CATALOGUE.rules.len());
        assert_eq!(config.check(Lang::En), Ok(()));
        assert!(config
            .departments
            .iter()
            .all(|d| d.email == Emails::one("meldungen@havelsee.example")));
        assert!(config
            .rules
            .iter()
            .any(|r| r.category.is_none() && r.group.is_none() && r.department == "zentrale"));
    }

    #[test]
    fn adopting_twice_adds_nothing_and_an_existing_category_keeps_its_routing() {
        let mut config = fresh();
        config.groups.push(GroupConfig {
            code: "eigene".into(),
            name_de: "Eigene".into(),
            name_en: "Own".into(),
            categories: vec![CATALOGUE.groups[0].categories[0].clone()],
        });
        let own = config.groups[0].categories[0].code.clone();
        let adopted = adopt(&mut config);
        assert_eq!(adopted.categories, categories() - 1);
        assert!(!config
            .rules
            .iter()
            .any(|r| r.category.as_deref() == Some(own.as_str())));
        assert_eq!(config.check(Lang::En), Ok(()));
        assert!(adopt(&mut config).is_empty());
    }

    #[test]
    fn a_rule_that_an_older_one_would_always_beat_is_not_adopted() {
        let mut config = fresh();
        config.groups.push(GroupConfig {
            code: "sauberkeit".into(),
            name_de: "Sauberkeit".into(),
            name_en: "Cleanliness".into(),
            categories: Vec::new(),
        });
        config.rules.push(RuleConfig {
            category: None,
            group: Some("sauberkeit".into()),
            area: None,
            department: "zentrale".into(),
            priority: 0,
        });
        adopt(&mut config);
        let cleanliness: Vec<&str> = config
            .rules
            .iter()
            .filter(|r| r.group.as_deref() == Some("sauberkeit"))
            .map(|r| r.department.as_str())
            .collect();
        assert_eq!(cleanliness, ["zentrale"]);
        assert_eq!(config.check(Lang::En), Ok(()));
    }
}
