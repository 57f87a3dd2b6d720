//! What the report flow offers, in the reader's language: the categories of every municipality
//! grouped once per code, their extra questions, the districts to name instead of a point, and
//! places in words.

use crate::core::geo::Coordinates;
use crate::routing;
use crate::tenants::{Category, Municipality, Registry};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{Choice, MunicipalityId};
use kiezwerk_app::report::model::{AreaOption, CategoryGroup, CategoryOption, Question};
use std::collections::HashSet;

/// Every category any municipality offers, grouped, once per code (municipalities sharing a
/// deployment share their catalogue's codes).
pub fn catalogue(registry: &Registry, lang: Lang) -> Vec<CategoryGroup> {
    let mut groups: Vec<CategoryGroup> = Vec::new();
    let mut seen = HashSet::new();
    for m in &registry.municipalities {
        for c in m.categories.iter().filter(|c| c.active) {
            if !seen.insert(c.code.clone()) {
                continue;
            }
            let Some(group) = m.group(c.group_id) else {
                continue;
            };
            let option = category_option(c, lang);
            match groups.iter_mut().find(|g| g.code == group.code) {
                Some(g) => g.categories.push(option),
                None => groups.push(CategoryGroup {
                    code: group.code.clone(),
                    name: group.name(lang).to_owned(),
                    categories: vec![option],
                }),
            }
        }
    }
    groups
}

pub fn category_option(category: &Category, lang: Lang) -> CategoryOption {
    CategoryOption {
        code: category.code.clone(),
        name: category.name(lang).to_owned(),
        hint: category.hint(lang).map(str::to_owned),
    }
}

/// A category's extra questions as its pages ask them.
pub fn questions(category: &Category, lang: Lang) -> Vec<Question> {
    category
        .questions
        .iter()
        .map(|q| Question {
            code: q.code.clone(),
            label: q.label(lang).to_owned(),
            hint: q.hint(lang).map(str::to_owned),
            required: q.required,
            choices: q
                .choices
                .iter()
                .map(|c| Choice {
                    value: c.value.clone(),
                    label: c.label(lang).to_owned(),
                })
                .collect(),
            max_len: q.max_len,
        })
        .collect()
}

/// A category's name from any municipality that offers it (codes are shared), else the code.
pub fn category_name(registry: &Registry, code: &str, lang: Lang) -> String {
    registry
        .municipalities
        .iter()
        .find_map(|m| m.category(code))
        .map(|c| c.name(lang).to_owned())
        .unwrap_or_else(|| code.to_owned())
}

/// The options of the "district or municipality" list: every area, and municipalities that
/// have none. Values are `slug` or `slug/area-code`.
pub fn area_options(registry: &Registry) -> Vec<AreaOption> {
    registry
        .municipalities
        .iter()
        .flat_map(|m| {
            if m.areas.is_empty() {
                vec![AreaOption {
                    value: m.slug.clone(),
                    label: m.name.clone(),
                }]
            } else {
                m.areas
                    .iter()
                    .map(|a| AreaOption {
                        value: format!("{}/{}", m.slug, a.code),
                        label: format!("{} – {}", m.name, a.name),
                    })
                    .collect()
            }
        })
        .collect()
}

/// The municipality and area an option of [`area_options`] names.
pub fn resolve_area(registry: &Registry, value: &str) -> Option<(MunicipalityId, Option<i64>)> {
    let (slug, area) = match value.split_once('/') {
        Some((slug, area)) => (slug, Some(area)),
        None => (value, None),
    };
    let m = registry.by_slug(slug)?;
    match area {
        Some(code) => m
            .areas
            .iter()
            .find(|a| a.code == code)
            .map(|a| (m.id, Some(a.id))),
        None if m.areas.is_empty() => Some((m.id, None)),
        None => None,
    }
}

/// "Berlin – Pankow" for a point, or the municipality alone where it has no areas.
pub fn place_name(registry: &Registry, point: Coordinates) -> Option<String> {
    let (municipality, _) = routing::locate(registry, point)?;
    let (area, _) = routing::area_of(municipality, point);
    Some(area_name(municipality, area))
}

/// "Berlin – Pankow" for an area, or the municipality's name without one.
pub fn area_name(municipality: &Municipality, area: Option<i64>) -> String {
    match area.and_then(|id| municipality.area(id)) {
        Some(area) => format!("{} – {}", municipality.name, area.name),
        None => municipality.name.clone(),
    }
}
