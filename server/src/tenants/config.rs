//! The configuration file of one municipality (JSON): departments, categories with their extra
//! questions, areas with their polygons, and routing rules. `kiezwerk tenant import` loads it;
//! importing again updates in place, so reports keep their references.

use crate::core::db::Db;
use crate::core::geo::polygon::parse_area;
use crate::core::geo::shapes::{
    invalid_reason, outside, overlap, square_metres, uncovered, Piece, ShapeProblem,
};
use crate::core::text::parse_email;
use anyhow::Context;
use geo::MultiPolygon;
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

/// The most a configuration may hold.
pub struct Limits {
    pub departments: usize,
    pub groups: usize,
    pub categories: usize,
    pub areas: usize,
    pub rules: usize,
    pub questions: usize,
    pub choices: usize,
    /// Points of the boundary and every area together.
    pub points: usize,
    pub name_chars: usize,
    pub hint_chars: usize,
    /// The longest free-text answer a question may allow.
    pub answer_chars: usize,
}

/// Far above what a municipality needs (the demo's Berlin: 28 departments, 13 categories, 12
/// districts, 52 rules, 2,000 points; a city by every Ortsteil: about 100 areas), and low
/// enough that the checks of the largest file allowed stay short: 300 areas of 1,600 points
/// each (12.5 MB) are read and checked in 0.47 s on the 2-core development machine (`cargo
/// bench --bench uploads`), off the server's executor.
pub const LIMITS: Limits = Limits {
    departments: 300,
    groups: 100,
    categories: 500,
    areas: 300,
    rules: 3_000,
    questions: 20,
    choices: 50,
    points: 500_000,
    name_chars: 200,
    hint_chars: 2_000,
    answer_chars: 5_000,
};

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DepartmentConfig {
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    /// Its contact addresses: one as a string, or several as a list.
    pub email: Emails,
}

/// The most contact addresses a department may have.
pub const MAX_EMAILS: usize = 10;

/// A department's contact addresses, one or more. A file gives one as a string (as every file
/// did before several were possible) and several as a list; the database keeps them joined by
/// commas.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Emails(pub Vec<String>);

impl Emails {
    pub fn one(address: impl Into<String>) -> Emails {
        Emails(vec![address.into()])
    }

    /// As stored and shown: `a@example.org, b@example.org`.
    pub fn joined(&self) -> String {
        self.0.join(", ")
    }

    /// What a person typed or the database holds: addresses separated by commas, semicolons,
    /// spaces or lines; empty pieces and repetitions (in any case) dropped.
    pub fn split(text: &str) -> Emails {
        let mut addresses: Vec<String> = Vec::new();
        for address in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
            if !address.is_empty() && !addresses.iter().any(|a| a.eq_ignore_ascii_case(address)) {
                addresses.push(address.to_owned());
            }
        }
        Emails(addresses)
    }

    /// An address given twice (in any case), if one is.
    pub fn repeated(&self) -> Option<&str> {
        self.0
            .iter()
            .enumerate()
            .find(|(i, a)| self.0[..*i].iter().any(|b| b.eq_ignore_ascii_case(a)))
            .map(|(_, a)| a.as_str())
    }

    /// The addresses that cannot receive mail as written.
    pub fn invalid(&self) -> Vec<&str> {
        self.0
            .iter()
            .filter(|a| parse_email(a).as_deref() != Some(a.as_str()))
            .map(String::as_str)
            .collect()
    }
}

impl Serialize for Emails {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [one] => serializer.serialize_str(one),
            many => many.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Emails {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Emails, D::Error> {
        struct Addresses;
        impl<'de> serde::de::Visitor<'de> for Addresses {
            type Value = Emails;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an e-mail address or a list of e-mail addresses")
            }

            fn visit_str<E: serde::de::Error>(self, one: &str) -> Result<Emails, E> {
                Ok(Emails::one(one))
            }

            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Emails, A::Error> {
                let mut addresses = Vec::new();
                while let Some(address) = seq.next_element::<String>()? {
                    addresses.push(address);
                }
                Ok(Emails(addresses))
            }
        }
        deserializer.deserialize_any(Addresses)
    }
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

impl RuleConfig {
    /// How specific the rule is (see [`super::specificity`]).
    pub fn specificity(&self) -> u8 {
        super::specificity(
            self.category.is_some(),
            self.group.is_some(),
            self.area.is_some(),
        )
    }
}

/// Whether `s` can be a reference prefix: 1 to 8 capital letters.
pub fn is_reference_prefix(s: &str) -> bool {
    (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether `s` can be a code (slug, department, category, area): lowercase letters, digits,
/// dashes and underscores, 1 to 64 of them.
pub fn is_code(s: &str) -> bool {
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

    /// Reads an uploaded configuration: the configuration, or every problem found in `lang`.
    pub fn parse(text: &str, lang: Lang) -> Result<MunicipalityConfig, Vec<String>> {
        let config: MunicipalityConfig = serde_json::from_str(text).map_err(|e| {
            vec![lang.pick(
                format!(
                    "Die Datei ist keine Konfiguration im JSON-Format (Zeile {}, Spalte {}): {e}",
                    e.line(),
                    e.column()
                ),
                format!(
                    "The file is not a configuration in JSON format (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            )]
        })?;
        config.check(lang)?;
        Ok(config)
    }

    /// Refuses a configuration that could not route every report (the command line's words).
    pub fn validate(&self) -> anyhow::Result<()> {
        self.check(Lang::En)
            .map_err(|problems| anyhow::anyhow!(problems.join("; ")))
    }

    /// Every reason the configuration cannot be used, in `lang`: codes, deadlines, retention,
    /// shapes (valid rings; areas inside the municipality, not overlapping each other, not
    /// leaving part of it uncovered), and rules that name what exists and leave no report
    /// without a recipient.
    pub fn check(&self, lang: Lang) -> Result<(), Vec<String>> {
        // Counts first: a file beyond them is refused before any polygon is compared.
        let too_many = self.too_many(lang);
        if !too_many.is_empty() {
            return Err(too_many);
        }
        let mut problems = Vec::new();
        let mut say = |de: String, en: String| problems.push(lang.pick(de, en));
        self.check_texts(&mut say);
        if let Some(r) = self.retention {
            for (what, days) in [
                ("contact_days", r.contact_days),
                ("photo_days", r.photo_days),
            ] {
                if !(1..=MAX_RETENTION_DAYS).contains(&days) {
                    say(
                        format!("retention.{what} muss zwischen 1 und {MAX_RETENTION_DAYS} Tagen liegen, nicht {days}."),
                        format!("retention.{what} must be between 1 and {MAX_RETENTION_DAYS} days, not {days}."),
                    );
                }
            }
        }
        if !is_code(&self.slug) {
            say(
                format!(
                    "slug {:?}: nur Kleinbuchstaben, Ziffern und Bindestriche.",
                    self.slug
                ),
                format!(
                    "slug {:?}: use lowercase letters, digits and dashes.",
                    self.slug
                ),
            );
        }
        if !is_reference_prefix(&self.reference_prefix) {
            say(
                format!(
                    "reference_prefix {:?}: 1 bis 8 Großbuchstaben.",
                    self.reference_prefix
                ),
                format!(
                    "reference_prefix {:?}: use 1 to 8 capital letters.",
                    self.reference_prefix
                ),
            );
        }
        for c in self.groups.iter().flat_map(|g| &g.categories) {
            if !(1..=60).contains(&c.accept_days)
                || !(c.accept_days..=365).contains(&c.resolve_days)
            {
                say(
                    format!("Kategorie {:?}: accept_days muss 1 bis 60 sein und resolve_days zwischen accept_days und 365.", c.code),
                    format!("category {:?}: accept_days must be 1 to 60 and resolve_days from accept_days to 365.", c.code),
                );
            }
        }
        let mut unique = |what_de: &str, what_en: &str, codes: Vec<&str>| -> HashSet<String> {
            let mut seen = HashSet::new();
            for code in codes {
                if !is_code(code) {
                    say(
                        format!("{what_de} {code:?}: der Code darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten."),
                        format!("{what_en} code {code:?}: use lowercase letters, digits and dashes."),
                    );
                } else if !seen.insert(code.to_owned()) {
                    say(
                        format!("{what_de} {code:?} kommt zweimal vor."),
                        format!("{what_en} code {code:?} appears twice."),
                    );
                }
            }
            seen
        };
        let departments = unique(
            "Abteilung",
            "department",
            self.departments.iter().map(|d| d.code.as_str()).collect(),
        );
        let groups = unique(
            "Gruppe",
            "group",
            self.groups.iter().map(|g| g.code.as_str()).collect(),
        );
        let categories = unique(
            "Kategorie",
            "category",
            self.groups
                .iter()
                .flat_map(|g| &g.categories)
                .map(|c| c.code.as_str())
                .collect(),
        );
        let areas = unique(
            "Gebiet",
            "area",
            self.areas.iter().map(|a| a.code.as_str()).collect(),
        );
        for category in self.groups.iter().flat_map(|g| &g.categories) {
            for q in category.questions.iter().filter(|q| !is_code(&q.code)) {
                say(
                    format!("Kategorie {}: der Code der Frage {:?} darf nur Kleinbuchstaben, Ziffern und Bindestriche enthalten.", category.code, q.code),
                    format!("category {}: question code {:?} is not a code.", category.code, q.code),
                );
            }
        }
        self.check_shapes(&mut say);
        for (i, rule) in self.rules.iter().enumerate() {
            let n = i + 1;
            if rule.category.is_some() && rule.group.is_some() {
                say(
                    format!("Regel {n}: entweder eine Kategorie oder eine Gruppe, nicht beides."),
                    format!("rule {n}: give a category or a group, not both."),
                );
            }
            if let Some(c) = rule
                .category
                .as_deref()
                .filter(|c| !categories.contains(*c))
            {
                say(
                    format!("Regel {n}: unbekannte Kategorie {c:?}."),
                    format!("rule {n}: unknown category {c:?}."),
                );
            }
            if let Some(g) = rule.group.as_deref().filter(|g| !groups.contains(*g)) {
                say(
                    format!("Regel {n}: unbekannte Gruppe {g:?}."),
                    format!("rule {n}: unknown group {g:?}."),
                );
            }
            if let Some(a) = rule.area.as_deref().filter(|a| !areas.contains(*a)) {
                say(
                    format!("Regel {n}: unbekanntes Gebiet {a:?}."),
                    format!("rule {n}: unknown area {a:?}."),
                );
            }
            if !departments.contains(&rule.department) {
                say(
                    format!("Regel {n}: unbekannte Abteilung {:?}.", rule.department),
                    format!("rule {n}: unknown department {:?}.", rule.department),
                );
            }
        }
        if !self
            .rules
            .iter()
            .any(|r| r.category.is_none() && r.group.is_none() && r.area.is_none())
        {
            say(
                "Es gibt keine Auffangregel: Fügen Sie eine Regel nur mit einer Abteilung hinzu, damit jede Meldung einen Empfänger hat.".into(),
                "no fallback rule: add one with only a department, so that every report has a recipient.".into(),
            );
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Counts beyond [`LIMITS`], in `lang`.
    fn too_many(&self, lang: Lang) -> Vec<String> {
        let categories = || self.groups.iter().flat_map(|g| &g.categories);
        let questions = || categories().flat_map(|c| &c.questions);
        let points = |g: &geojson::Geometry| -> usize {
            match &g.value {
                geojson::GeometryValue::Polygon { coordinates } => {
                    coordinates.iter().map(Vec::len).sum()
                }
                geojson::GeometryValue::MultiPolygon { coordinates } => {
                    coordinates.iter().flatten().map(Vec::len).sum()
                }
                _ => 0,
            }
        };
        let counts = [
            (
                "Abteilungen",
                "departments",
                self.departments.len(),
                LIMITS.departments,
            ),
            ("Gruppen", "groups", self.groups.len(), LIMITS.groups),
            (
                "Kategorien",
                "categories",
                categories().count(),
                LIMITS.categories,
            ),
            ("Gebiete", "areas", self.areas.len(), LIMITS.areas),
            ("Regeln", "rules", self.rules.len(), LIMITS.rules),
            (
                "Zusatzfragen einer Kategorie",
                "extra questions of one category",
                categories().map(|c| c.questions.len()).max().unwrap_or(0),
                LIMITS.questions,
            ),
            (
                "Antworten einer Auswahlfrage",
                "choices of one question",
                questions().map(|q| q.choices.len()).max().unwrap_or(0),
                LIMITS.choices,
            ),
            (
                "Punkte aller Flächen",
                "points of all shapes",
                points(&self.boundary)
                    + self
                        .areas
                        .iter()
                        .map(|a| points(&a.geometry))
                        .sum::<usize>(),
                LIMITS.points,
            ),
        ];
        counts
            .into_iter()
            .filter(|(_, _, count, limit)| count > limit)
            .map(|(de, en, count, limit)| {
                lang.pick(
                    format!("Zu viele {de}: {count}, höchstens {limit}."),
                    format!("Too many {en}: {count}, at most {limit}."),
                )
            })
            .collect()
    }

    /// Every text of the file: where it stands, the text, its most characters, and whether it
    /// is required.
    fn texts(&self) -> Vec<(String, &str, usize, bool)> {
        // Names are required, help texts not.
        let (name, hint) = ((LIMITS.name_chars, true), (LIMITS.hint_chars, false));
        let mut texts = vec![("name".to_owned(), self.name.as_str(), name.0, true)];
        // German and English of one thing.
        fn both<'a>(
            texts: &mut Vec<(String, &'a str, usize, bool)>,
            at: &str,
            (field, de, en): (&str, Option<&'a str>, Option<&'a str>),
            (max, required): (usize, bool),
        ) {
            texts.push((
                format!("{at} {field}_de"),
                de.unwrap_or_default(),
                max,
                required,
            ));
            texts.push((
                format!("{at} {field}_en"),
                en.unwrap_or_default(),
                max,
                required,
            ));
        }
        for d in &self.departments {
            both(
                &mut texts,
                &d.code,
                ("name", Some(&d.name_de), Some(&d.name_en)),
                name,
            );
        }
        for g in &self.groups {
            both(
                &mut texts,
                &g.code,
                ("name", Some(&g.name_de), Some(&g.name_en)),
                name,
            );
        }
        for c in self.groups.iter().flat_map(|g| &g.categories) {
            both(
                &mut texts,
                &c.code,
                ("name", Some(&c.name_de), Some(&c.name_en)),
                name,
            );
            both(
                &mut texts,
                &c.code,
                ("hint", c.hint_de.as_deref(), c.hint_en.as_deref()),
                hint,
            );
            for q in &c.questions {
                let at = format!("{} {}", c.code, q.code);
                both(
                    &mut texts,
                    &at,
                    ("label", Some(&q.label_de), Some(&q.label_en)),
                    name,
                );
                both(
                    &mut texts,
                    &at,
                    ("hint", q.hint_de.as_deref(), q.hint_en.as_deref()),
                    hint,
                );
                for choice in &q.choices {
                    let at = format!("{at} {}", choice.value);
                    texts.push((at.clone(), choice.value.as_str(), name.0, true));
                    both(
                        &mut texts,
                        &at,
                        ("label", Some(&choice.label_de), Some(&choice.label_en)),
                        name,
                    );
                }
            }
        }
        for a in &self.areas {
            texts.push((format!("{} name", a.code), a.name.as_str(), name.0, true));
            texts.push((format!("{} kind", a.code), a.kind.as_str(), 64, true));
        }
        texts
    }

    /// Names, help texts and e-mail addresses: present, of a sensible length, addresses that
    /// can receive mail.
    fn check_texts(&self, say: &mut impl FnMut(String, String)) {
        for (at, text, max, required) in self.texts() {
            let count = text.trim().chars().count();
            if required && count == 0 {
                say(
                    format!("{at}: Der Text fehlt."),
                    format!("{at}: the text is missing."),
                );
            } else if count > max {
                say(
                    format!("{at}: höchstens {max} Zeichen, nicht {count}."),
                    format!("{at}: at most {max} characters, not {count}."),
                );
            }
        }
        for q in self
            .groups
            .iter()
            .flat_map(|g| &g.categories)
            .flat_map(|c| &c.questions)
        {
            if !(1..=LIMITS.answer_chars).contains(&q.max_len) {
                say(
                    format!(
                        "Frage {}: max_len muss zwischen 1 und {} liegen.",
                        q.code, LIMITS.answer_chars
                    ),
                    format!(
                        "question {}: max_len must be between 1 and {}.",
                        q.code, LIMITS.answer_chars
                    ),
                );
            }
        }
        for d in &self.departments {
            if d.email.0.is_empty() {
                say(
                    format!(
                        "Abteilung {}: Geben Sie mindestens eine E-Mail-Adresse an.",
                        d.code
                    ),
                    format!("department {}: give at least one e-mail address.", d.code),
                );
            } else if d.email.0.len() > MAX_EMAILS {
                say(
                    format!(
                        "Abteilung {}: höchstens {MAX_EMAILS} E-Mail-Adressen.",
                        d.code
                    ),
                    format!(
                        "department {}: at most {MAX_EMAILS} e-mail addresses.",
                        d.code
                    ),
                );
            }
            if let Some(address) = d.email.repeated() {
                say(
                    format!("Abteilung {}: {address:?} steht zweimal da.", d.code),
                    format!("department {}: {address:?} is given twice.", d.code),
                );
            }
            for address in d.email.invalid() {
                say(
                    format!("Abteilung {}: {address:?} ist keine E-Mail-Adresse wie meldungen@gemeinde.de.", d.code),
                    format!("department {}: {address:?} is not an e-mail address such as reports@municipality.example.", d.code),
                );
            }
        }
    }

    /// The boundary and the areas: valid shapes; each area inside the boundary; no two areas
    /// overlapping; the areas (if any) covering the boundary. Slivers are ignored — boundaries
    /// from different sources differ by metres along their whole length.
    fn check_shapes(&self, say: &mut impl FnMut(String, String)) {
        let boundary = match parse_area(&self.boundary) {
            Ok(shape) => shape,
            Err(e) => {
                say(format!("Gemeindegrenze: {e}"), format!("boundary: {e}"));
                return;
            }
        };
        if let Some(problem) = invalid_reason(&boundary) {
            let (de, en) = shape_problem(&problem);
            say(
                format!("Die Gemeindegrenze ist keine gültige Fläche: {de}."),
                format!("The boundary is not a valid area: {en}."),
            );
            return;
        }
        let mut shapes = Vec::with_capacity(self.areas.len());
        for area in &self.areas {
            match parse_area(&area.geometry) {
                Err(e) => say(
                    format!("Gebiet {}: {e}", area.code),
                    format!("area {}: {e}", area.code),
                ),
                Ok(shape) => match invalid_reason(&shape) {
                    Some(problem) => {
                        let (de, en) = shape_problem(&problem);
                        say(
                            format!("Gebiet {} ist keine gültige Fläche: {de}.", area.code),
                            format!("Area {} is not a valid area: {en}.", area.code),
                        )
                    }
                    None => {
                        let size = square_metres(&shape);
                        shapes.push((area, shape, size));
                    }
                },
            }
        }
        if shapes.len() < self.areas.len() {
            return;
        }
        let where_ = |p: &Piece| format!("{:.5}, {:.5}", p.at.lat(), p.at.lon());
        for (area, shape, size) in &shapes {
            if let Some(p) = outside(shape, &boundary, sliver(*size)) {
                say(
                    format!(
                        "Gebiet {} liegt auf {} außerhalb der Gemeindegrenze, zum Beispiel bei {}.",
                        area.code,
                        hectares(p.square_metres, Lang::De),
                        where_(&p)
                    ),
                    format!(
                        "Area {} lies outside the boundary on {}, for example at {}.",
                        area.code,
                        hectares(p.square_metres, Lang::En),
                        where_(&p)
                    ),
                );
            }
        }
        for (i, (a, shape_a, size_a)) in shapes.iter().enumerate() {
            for (b, shape_b, size_b) in &shapes[i + 1..] {
                if let Some(p) = overlap(shape_a, shape_b, sliver(size_a.min(*size_b))) {
                    say(
                        format!(
                            "Die Gebiete {} und {} überschneiden sich auf {}, zum Beispiel bei {}.",
                            a.code,
                            b.code,
                            hectares(p.square_metres, Lang::De),
                            where_(&p)
                        ),
                        format!(
                            "Areas {} and {} overlap on {}, for example at {}.",
                            a.code,
                            b.code,
                            hectares(p.square_metres, Lang::En),
                            where_(&p)
                        ),
                    );
                }
            }
        }
        if !shapes.is_empty() {
            let parts: Vec<&MultiPolygon<f64>> = shapes.iter().map(|(_, s, _)| s).collect();
            if let Some(p) = uncovered(&boundary, &parts, sliver(square_metres(&boundary))) {
                say(
                    format!(
                        "{} der Gemeinde liegen in keinem Gebiet, zum Beispiel bei {}.",
                        hectares(p.square_metres, Lang::De),
                        where_(&p)
                    ),
                    format!(
                        "{} of the municipality lie in no area, for example at {}.",
                        hectares(p.square_metres, Lang::En),
                        where_(&p)
                    ),
                );
            }
        }
    }
}

/// A shape's problem in German and English.
fn shape_problem(problem: &ShapeProblem) -> (String, String) {
    match problem {
        ShapeProblem::TooFewPoints => (
            "ein Ring hat weniger als drei verschiedene Punkte".into(),
            "a ring has fewer than three distinct points".into(),
        ),
        ShapeProblem::NotFinite => (
            "eine Koordinate ist keine Zahl".into(),
            "a coordinate is not a number".into(),
        ),
        ShapeProblem::SelfIntersection { at } => (
            format!(
                "ein Ring schneidet oder berührt sich selbst bei {:.5}, {:.5}",
                at.lat(),
                at.lon()
            ),
            format!(
                "a ring crosses or touches itself at {:.5}, {:.5}",
                at.lat(),
                at.lon()
            ),
        ),
    }
}

/// How much of a shape of `size` square metres a check ignores: one percent, at least a
/// hectare.
fn sliver(size: f64) -> f64 {
    (size / 100.0).max(10_000.0)
}

/// Square metres as hectares, the unit of planning offices, with the language's decimal mark.
pub(crate) fn hectares(square_metres: f64, lang: Lang) -> String {
    let text = format!("{:.1} ha", square_metres / 10_000.0);
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
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

/// Creates or updates a municipality from its configuration in one transaction, and records
/// it as the municipality's next publication (published on the command line). A boundary that
/// reaches into a neighbour's is refused ([`super::boundaries`]). Entities are
/// matched by code; categories missing from the file are deactivated (reports keep them),
/// areas and departments missing from it are removed unless reports refer to them.
/// `now` is when the import happens.
pub async fn import(
    db: &Db,
    now: i64,
    config: &MunicipalityConfig,
) -> anyhow::Result<ImportSummary> {
    config.validate()?;
    // The command line is operated by the platform: it may move a boundary, never into a
    // neighbour's.
    let registry = super::Registry::load(db).await?;
    let in_force = registry.by_slug(&config.slug).map(|m| &m.shape);
    let problems = super::boundaries::problems(
        &registry,
        config,
        in_force,
        super::boundaries::Authority::Platform,
        Lang::En,
    );
    anyhow::ensure!(problems.is_empty(), problems.join("; "));
    let mut tx = db.pool.begin().await?;
    let previous = match id_of(&mut tx, &config.slug).await? {
        Some(id) => Some(super::publishing::current(&mut tx, id).await?),
        None => None,
    };
    let (municipality_id, summary) = apply(&mut tx, now, config).await?;
    super::publishing::record(
        &mut tx,
        super::publishing::Publication {
            municipality_id,
            account_id: None,
            now,
            config,
            previous: previous.as_ref(),
            restores: None,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(summary)
}

/// The municipality's id by its slug.
pub(super) async fn id_of(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slug: &str,
) -> anyhow::Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("select id from municipalities where slug = $1")
            .bind(slug)
            .fetch_optional(&mut **tx)
            .await?,
    )
}

/// Writes a valid configuration in the caller's transaction and raises the configuration's
/// version (every server reloads): the municipality's id and what was written.
pub(super) async fn apply(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    now: i64,
    config: &MunicipalityConfig,
) -> anyhow::Result<(i64, ImportSummary)> {
    let boundary = serde_json::to_string(&config.boundary)?;
    let existing = id_of(tx, &config.slug).await?;
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
            .execute(&mut **tx)
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
        .fetch_one(&mut **tx)
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
        .execute(&mut **tx)
        .await?;
    }

    // Rules are rebuilt from the file; they refer to everything else.
    sqlx::query("delete from routing_rules where municipality_id = $1")
        .bind(municipality_id)
        .execute(&mut **tx)
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
        .bind(d.email.joined())
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("update categories set active = 0 where municipality_id = $1")
        .bind(municipality_id)
        .execute(&mut **tx)
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
        .fetch_one(&mut **tx)
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
            .execute(&mut **tx)
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
        .execute(&mut **tx)
        .await?;
    }
    let area_codes: Vec<&str> = config.areas.iter().map(|a| a.code.as_str()).collect();
    remove_unlisted(tx, "areas", "area_id", municipality_id, &area_codes).await?;
    let department_codes: Vec<&str> = config.departments.iter().map(|d| d.code.as_str()).collect();
    remove_unlisted(
        tx,
        "departments",
        "department_id",
        municipality_id,
        &department_codes,
    )
    .await?;

    for rule in &config.rules {
        let category_id =
            id_by_code(tx, "categories", municipality_id, rule.category.as_deref()).await?;
        let group_id = id_by_code(
            tx,
            "category_groups",
            municipality_id,
            rule.group.as_deref(),
        )
        .await?;
        let area_id = id_by_code(tx, "areas", municipality_id, rule.area.as_deref()).await?;
        let department_id = id_by_code(tx, "departments", municipality_id, Some(&rule.department))
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
        .execute(&mut **tx)
        .await?;
    }
    // Every server sees the new version within seconds and reloads (`server::Live`).
    sqlx::query("update config_version set version = version + 1 where id = 1")
        .execute(&mut **tx)
        .await?;
    Ok((
        municipality_id,
        ImportSummary {
            created: existing.is_none(),
            departments: config.departments.len(),
            categories: config.groups.iter().map(|g| g.categories.len()).sum(),
            areas: config.areas.len(),
            rules: config.rules.len(),
        },
    ))
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

    fn berlin() -> MunicipalityConfig {
        MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("valid")
    }

    fn problems(config: &MunicipalityConfig, lang: Lang) -> Vec<String> {
        config.check(lang).err().unwrap_or_default()
    }

    #[test]
    fn an_area_drawn_twice_is_an_overlap_with_its_size_and_place() {
        let mut config = berlin();
        let mut copy = config.areas[4].clone();
        copy.code = "mitte-2".into();
        config.areas.push(copy);
        let found = problems(&config, Lang::De);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("Die Gebiete mitte und mitte-2 überschneiden sich auf "),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains(" ha, zum Beispiel bei 52,")
                || found[0].contains(" ha, zum Beispiel bei 52."),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_missing_district_leaves_a_gap_and_a_shifted_one_lies_outside() {
        let mut config = berlin();
        config.areas.retain(|a| a.code != "spandau");
        config
            .rules
            .retain(|r| r.area.as_deref() != Some("spandau"));
        let found = problems(&config, Lang::En);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("of the municipality lie in no area"),
            "{}",
            found[0]
        );

        let mut config = berlin();
        let shifted = serde_json::to_string(&config.areas[8].geometry)
            .expect("json")
            .replace("[13.", "[12.");
        config.areas[8].geometry = serde_json::from_str(&shifted).expect("geometry");
        let found = problems(&config, Lang::En);
        assert!(
            found
                .iter()
                .any(|p| p.starts_with("Area spandau lies outside the boundary on ")),
            "{found:?}"
        );
    }

    #[test]
    fn a_self_intersecting_area_is_refused_and_every_problem_is_listed() {
        let mut config = berlin();
        config.areas[0].geometry = serde_json::from_str(
            r#"{"type":"Polygon","coordinates":[[[13.2,52.5],[13.3,52.6],[13.3,52.5],[13.2,52.6],[13.2,52.5]]]}"#,
        )
        .expect("geometry");
        config.rules[0].department = "nobody".into();
        let found = problems(&config, Lang::En);
        assert!(
            found
                .iter()
                .any(|p| p.contains("is not a valid area")
                    && p.contains("crosses or touches itself")),
            "{found:?}"
        );
        assert!(
            found
                .iter()
                .any(|p| p.contains("unknown department \"nobody\"")),
            "{found:?}"
        );
    }

    #[test]
    fn a_departments_addresses_are_read_as_one_string_or_a_list_and_one_is_written_as_a_string() {
        let read = |email: &str| -> DepartmentConfig {
            serde_json::from_str(&format!(
                r#"{{"code":"a","name_de":"A","name_en":"A","email":{email}}}"#
            ))
            .expect("department")
        };
        let one = read(r#""a@example.org""#);
        assert_eq!(one.email, Emails::one("a@example.org"));
        assert!(serde_json::to_string(&one)
            .expect("json")
            .contains(r#""email":"a@example.org""#));
        let two = read(r#"["a@example.org","b@example.org"]"#);
        assert_eq!(two.email.joined(), "a@example.org, b@example.org");
        assert_eq!(
            Emails::split(&two.email.joined()),
            two.email,
            "stored and read back"
        );
        assert!(serde_json::to_string(&two)
            .expect("json")
            .contains(r#""email":["a@example.org","b@example.org"]"#));
        assert_eq!(
            Emails::split("a@example.org, A@Example.org\nb@example.org")
                .0
                .len(),
            2
        );
        let wrong = serde_json::from_str::<DepartmentConfig>(
            r#"{"code":"a","name_de":"A","name_en":"A","email":7}"#,
        )
        .expect_err("a number");
        assert!(
            wrong.to_string().contains("an e-mail address or a list"),
            "{wrong}"
        );

        let mut config = demo();
        config.departments[0].email = Emails(vec!["a@example.org".into(), "kein-at".into()]);
        let found = problems(&config, Lang::En);
        assert!(
            found[0].contains("\"kein-at\" is not an e-mail address"),
            "{found:?}"
        );
        config.departments[0].email = Emails(Vec::new());
        assert!(problems(&config, Lang::En)[0].contains("give at least one e-mail address"));
        config.departments[0].email = Emails(vec!["a@example.org".into(), "A@example.org".into()]);
        assert!(problems(&config, Lang::En)[0].contains("is given twice"));
    }

    #[test]
    fn an_upload_that_is_not_json_names_line_and_column_in_german() {
        let problems = MunicipalityConfig::parse("{\n  \"slug\": ", Lang::De)
            .err()
            .unwrap_or_default();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("(Zeile 2, Spalte"), "{}", problems[0]);
    }
}
