//! What the configuration pages show, as the server prepares it in the viewer's language.

use crate::model::{Choice, FieldError, Flash};
use serde::{Deserialize, Serialize};

/// `/verwaltung/{m}/konfiguration`: the configuration in force.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConfigView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    /// "Fassung 3 vom …, veröffentlicht von …"; `None` before the first recorded publication.
    pub version: Option<String>,
    pub has_draft: bool,
    /// How many categories the starter catalogue brings, offered while the municipality has
    /// none (in force or in the draft).
    pub starter: Option<usize>,
    pub departments: Vec<DepartmentRow>,
    pub categories: Vec<CategoryRow>,
    pub areas: Vec<AreaRow>,
    /// In the order they are tried.
    pub rules: Vec<RuleRow>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub code: String,
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryRow {
    pub code: String,
    pub group: String,
    pub name: String,
    pub questions: usize,
    /// "2 / 10 Arbeitstage".
    pub deadlines: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AreaRow {
    pub code: String,
    pub name: String,
    pub kind: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleRow {
    /// The rule by codes (`category × area → department (priority)`): which one a form means.
    pub key: String,
    /// The category, the group or "any".
    pub what: String,
    pub area: String,
    pub department: String,
    pub priority: i64,
}

/// `/verwaltung/{m}/konfiguration/pruefen`: the draft before it is published.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    /// `None` when there is no draft.
    pub draft: Option<DraftSummary>,
    /// The newest recorded changes to drafts and publications, newest first: "7.12.2026,
    /// 10:00 · Name: what".
    pub edits: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftSummary {
    /// "hochgeladen am … von …".
    pub uploaded: String,
    /// The publication it restores.
    pub restores: Option<i64>,
    pub changes: Vec<String>,
    pub reroute: Reroute,
    /// Set when another version was published after the draft was saved: it cannot be
    /// published as it is.
    pub stale: Option<String>,
}

/// Where the reports of the last days would go under the draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Reroute {
    pub days: i64,
    pub reports: usize,
    /// Reports that would go to another department (of this or another municipality).
    pub moved: usize,
    /// Of those, reports of neighbouring municipalities that a new boundary would bring here.
    pub from_neighbours: usize,
    /// Reports whose category the draft no longer offers (they keep their department).
    pub category_gone: usize,
    pub moves: Vec<Move>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Move {
    pub from: String,
    pub to: String,
    pub count: usize,
}

/// `/verwaltung/{m}/konfiguration/verlauf`: every publication, newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    pub entries: Vec<HistoryEntry>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub number: i64,
    pub at: String,
    /// Who published it (the command line when nobody signed in).
    pub by: String,
    pub changes: Vec<String>,
    pub restores: Option<i64>,
    /// The one in force.
    pub current: bool,
}

/// The "test a place" form's values, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceQuery {
    pub lat: String,
    pub lon: String,
    pub category: String,
    /// `entwurf` to route with the draft instead of the configuration in force.
    #[serde(default)]
    pub version: String,
}

impl PlaceQuery {
    /// The value of [`PlaceQuery::version`] that asks for the draft.
    pub const DRAFT: &'static str = "entwurf";

    pub fn with_draft(&self) -> bool {
        self.version == Self::DRAFT
    }
}

/// `/verwaltung/{m}/konfiguration/ort-testen`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PlaceView {
    pub slug: String,
    pub municipality: String,
    /// The categories in force and the draft's.
    pub categories: Vec<Choice>,
    /// Whether there is a draft to test with.
    pub has_draft: bool,
    pub query: PlaceQuery,
    /// The map to tap a place on (with JavaScript), showing the municipality.
    pub map: Option<crate::report::model::MapSettings>,
    /// The form's problems (as a flash, for the error summary).
    pub flash: Flash,
    pub outcome: Option<PlaceOutcome>,
}

/// How a report at the place would be routed, step by step.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PlaceOutcome {
    Routed {
        /// The municipality and how it was found ("inside", "nearest, 20 m away", …).
        municipality: String,
        area: String,
        rule: String,
        department: String,
        /// Whether the municipality that decides is another than the one configured here.
        elsewhere: bool,
    },
    /// Why no department would get it.
    NotRouted(String),
}

/// `/verwaltung/{m}/konfiguration/abteilungen`: the departments the forms change — the
/// draft's, or those in force while there is no draft.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentsView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    pub from_draft: bool,
    /// Set when another version came into force after the draft was made: it cannot be
    /// published as it is.
    pub stale: Option<String>,
    pub departments: Vec<DepartmentRow>,
}

/// The department form's values as typed. `editing` is the code of the department changed,
/// empty for a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentForm {
    pub slug: String,
    pub editing: String,
    pub code: String,
    pub name_de: String,
    pub name_en: String,
    pub emails: String,
}

impl DepartmentForm {
    /// The values to refill the form with after a refusal.
    pub fn values(&self) -> Vec<(String, String)> {
        [
            ("code", &self.code),
            ("name_de", &self.name_de),
            ("name_en", &self.name_en),
            ("emails", &self.emails),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}

/// `/verwaltung/{m}/konfiguration/abteilung[?code=…]`: adding or changing one department.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentFormView {
    pub municipality: String,
    pub flash: Flash,
    /// The values shown: the department's, or those typed before a refusal.
    pub form: DepartmentForm,
}

/// `/verwaltung/{m}/konfiguration/kategorien`: the categories the forms change.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoriesView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    pub from_draft: bool,
    /// Set when another version came into force after the draft was made: it cannot be
    /// published as it is.
    pub stale: Option<String>,
    pub categories: Vec<CategoryRow>,
}

/// The category form's values as typed. `editing` is the code of the category changed, empty
/// for a new one.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryForm {
    pub slug: String,
    pub editing: String,
    pub code: String,
    pub group: String,
    pub name_de: String,
    pub name_en: String,
    pub hint_de: String,
    pub hint_en: String,
    pub accept_days: String,
    pub resolve_days: String,
}

impl CategoryForm {
    /// The values to refill the form with after a refusal.
    pub fn values(&self) -> Vec<(String, String)> {
        [
            ("code", &self.code),
            ("group", &self.group),
            ("name_de", &self.name_de),
            ("name_en", &self.name_en),
            ("hint_de", &self.hint_de),
            ("hint_en", &self.hint_en),
            ("accept_days", &self.accept_days),
            ("resolve_days", &self.resolve_days),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}

/// `/verwaltung/{m}/konfiguration/kategorie[?code=…]`: adding or changing one category.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CategoryFormView {
    pub municipality: String,
    pub flash: Flash,
    pub form: CategoryForm,
    /// The groups a category can belong to.
    pub groups: Vec<Choice>,
    /// A changed category's extra questions, in the order the report flow asks them.
    pub questions: Vec<QuestionRow>,
}

/// One extra question as its category's form lists it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionRow {
    pub code: String,
    pub label: String,
    /// Free text up to how many characters, or a choice of how many answers, in words.
    pub kind: String,
    pub required: bool,
}

/// The question form's values as typed. `editing` is the code of the question changed, empty
/// for a new one; `category` the code of the category it belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionForm {
    pub slug: String,
    pub category: String,
    pub editing: String,
    pub code: String,
    pub label_de: String,
    pub label_en: String,
    pub hint_de: String,
    pub hint_en: String,
    /// [`QuestionForm::YES`] or [`QuestionForm::NO`].
    pub required: String,
    /// [`QuestionForm::TEXT`] or [`QuestionForm::CHOICE`].
    pub kind: String,
    /// The longest free-text answer, in characters.
    pub max_len: String,
    /// The answers to choose from, one per line: `Deutsch | English`.
    pub choices: String,
}

impl QuestionForm {
    pub const YES: &'static str = "ja";
    pub const NO: &'static str = "nein";
    pub const TEXT: &'static str = "text";
    pub const CHOICE: &'static str = "auswahl";

    /// The values to refill the form with after a refusal.
    pub fn values(&self) -> Vec<(String, String)> {
        [
            ("code", &self.code),
            ("label_de", &self.label_de),
            ("label_en", &self.label_en),
            ("hint_de", &self.hint_de),
            ("hint_en", &self.hint_en),
            ("required", &self.required),
            ("kind", &self.kind),
            ("max_len", &self.max_len),
            ("choices", &self.choices),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}

/// `/verwaltung/{m}/konfiguration/frage?kategorie=…[&code=…]`: adding or changing one extra
/// question of a category.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionFormView {
    pub municipality: String,
    /// The category's name in the page's language.
    pub category_name: String,
    pub flash: Flash,
    pub form: QuestionForm,
}

/// `/verwaltung/{m}/konfiguration/regeln`: the rules the forms change, and what a new one can
/// name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RulesView {
    pub slug: String,
    pub municipality: String,
    pub flash: Flash,
    pub from_draft: bool,
    /// Set when another version came into force after the draft was made: it cannot be
    /// published as it is.
    pub stale: Option<String>,
    /// In the order they are tried.
    pub rules: Vec<RuleRow>,
    /// "any", every group (`gruppe:…`) and every category (`kategorie:…`).
    pub whats: Vec<Choice>,
    /// "anywhere" and every area.
    pub areas: Vec<Choice>,
    pub departments: Vec<Choice>,
}

/// The new rule's values as chosen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleForm {
    pub slug: String,
    /// Empty for any category, `gruppe:{code}` or `kategorie:{code}`.
    pub what: String,
    /// Empty for anywhere, or an area's code.
    pub area: String,
    pub department: String,
    pub priority: String,
}

impl RuleForm {
    pub const GROUP: &'static str = "gruppe:";
    pub const CATEGORY: &'static str = "kategorie:";

    /// The values to refill the form with after a refusal.
    pub fn values(&self) -> Vec<(String, String)> {
        [
            ("what", &self.what),
            ("area", &self.area),
            ("department", &self.department),
            ("priority", &self.priority),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.clone()))
        .collect()
    }
}

/// Why a configuration form was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SetupRefusal {
    /// Not this viewer's municipality to configure.
    Forbidden,
    /// What is wrong, in the viewer's language.
    Invalid(Vec<String>),
    /// What is wrong with which field of a form.
    Fields(Vec<FieldError>),
}
