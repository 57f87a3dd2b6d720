//! What the tree pages show, as the server hands it over.

use crate::model::{FieldError, Flash};
use crate::report::model::NearbyReport;
use serde::{Deserialize, Serialize};

/// How much water a tree needs this week, in plain words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NeedLevel {
    Low,
    Medium,
    High,
}

impl NeedLevel {
    /// The code used in classes and tests.
    pub fn code(self) -> &'static str {
        match self {
            NeedLevel::Low => "niedrig",
            NeedLevel::Medium => "mittel",
            NeedLevel::High => "hoch",
        }
    }
}

/// A tree's water need this week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedView {
    pub level: NeedLevel,
    /// "hoch", "mittel", "niedrig" in the page's language.
    pub label: String,
    /// What the tree needs in a week (litres).
    pub weekly_litres: u32,
    /// Logged in the last seven days (litres).
    pub watered_litres: u32,
    /// Rain of the last seven days counted as litres (0 without current rain data).
    pub rain_litres: u32,
    /// Still needed this week (litres).
    pub still_needed: u32,
    /// Why: the age class and what it needs.
    pub reason: String,
}

/// One tree in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeRow {
    pub id: i64,
    pub species: String,
    pub address: String,
    pub age: String,
    pub need: NeedView,
    pub adopters: u32,
    /// Metres from the searched place, when searched by place.
    pub distance_m: Option<u32>,
}

/// A public street pump near a tree or a searched place.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PumpView {
    pub osm_id: i64,
    pub lat: f64,
    pub lon: f64,
    pub distance_m: u32,
    /// "funktioniert", "defekt", … in the page's language.
    pub status: String,
    /// Whether it is known to give water.
    pub works: bool,
    /// "geprüft am …", when someone recorded a check.
    pub checked: Option<String>,
    /// The open report "Pumpe defekt" filed at it, if any (where the page says so).
    pub reported: Option<NearbyReport>,
}

/// A street pump's card (`/baeume/{m}/pumpe/{osm_id}`): its state, an open report about it,
/// and "Pumpe defekt melden".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PumpCard {
    pub slug: String,
    pub municipality: String,
    pub pump: PumpView,
    /// The address of the nearest tree within 100 m, to find the pump by.
    pub near: Option<String>,
    pub can_report_pump: bool,
}

/// The search of the nearby list, as typed (kept on errors).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NearbyQuery {
    pub lat: String,
    pub lon: String,
    pub district: String,
    pub street: String,
    /// The page of the list, from 1 (`seite`).
    #[serde(default)]
    pub page: u32,
}

impl NearbyQuery {
    pub fn by_place(&self) -> bool {
        !self.lat.trim().is_empty() || !self.lon.trim().is_empty()
    }

    pub fn by_street(&self) -> bool {
        !self.street.trim().is_empty() || !self.district.trim().is_empty()
    }

    /// The query string of this search's page `page` (`lat=…&lon=…&seite=2`).
    pub fn page_query(&self, page: u32) -> String {
        use crate::model::encode;
        let search = if self.by_place() {
            format!(
                "lat={}&lon={}",
                encode(self.lat.trim()),
                encode(self.lon.trim())
            )
        } else {
            format!(
                "bezirk={}&strasse={}",
                encode(self.district.trim()),
                encode(self.street.trim())
            )
        };
        if page > 1 {
            format!("{search}&seite={page}")
        } else {
            search
        }
    }
}

/// `/baeume`: the municipalities with a tree register.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreePlaces {
    /// (slug, name, number of trees)
    pub places: Vec<(String, String, u64)>,
}

/// The map of a municipality's trees.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeMapView {
    pub slug: String,
    pub municipality: String,
    /// "Baumdaten: Stand …"; `None` without a register.
    pub data_date: Option<String>,
    pub tree_count: u64,
    /// [south, west, north, east] of the first view (the municipality).
    pub bounds: [f64; 4],
    /// The background map's tile address (`{z}/{x}/{y}`) and its attribution; `None`: the
    /// trees without a background.
    pub background: Option<String>,
    pub attribution: String,
}

/// "Bäume in meiner Nähe".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NearbyView {
    pub slug: String,
    pub municipality: String,
    /// "Baumdaten: Stand …".
    pub data_date: Option<String>,
    pub tree_count: u64,
    pub districts: Vec<String>,
    pub query: NearbyQuery,
    /// `None` before a search.
    pub trees: Option<Vec<TreeRow>>,
    /// The list's page (from 1), the number of its first tree, and whether a next page follows.
    pub page: u32,
    pub first: usize,
    pub has_more: bool,
    /// The street pumps near the searched place, nearest first.
    pub pumps: Vec<PumpView>,
    /// Whether the municipality takes reports of broken pumps ("Pumpe defekt melden").
    pub can_report_pump: bool,
    pub signed_in: bool,
    pub flash: Flash,
}

/// One logged watering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WateringView {
    pub id: i64,
    pub when: String,
    pub litres: u32,
    /// The viewer's own (may be edited and deleted); others' entries carry no name.
    pub mine: bool,
}

/// A tree's card.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TreeCard {
    pub slug: String,
    pub municipality: String,
    pub id: i64,
    pub register_id: String,
    pub species_de: String,
    pub species_bot: String,
    pub genus: String,
    pub planting_year: Option<i64>,
    pub age: String,
    pub height: Option<String>,
    pub trunk: Option<String>,
    pub crown: Option<String>,
    pub address: String,
    pub district: String,
    pub lat: f64,
    pub lon: f64,
    pub need: NeedView,
    /// Where the rain counted comes from, or why none counts; `None` without rain data.
    pub rain_note: Option<String>,
    /// The nearest street pump within 500 m.
    pub pump: Option<PumpView>,
    pub can_report_pump: bool,
    pub adopters: u32,
    /// The display names of the adopters who chose to show them, in the order they adopted.
    pub adopter_names: Vec<String>,
    pub adopted_by_me: bool,
    /// Whether the viewer's own name is shown (when they adopted the tree).
    pub my_name_shown: bool,
    /// The viewer's display name (for "Meinen Namen zeigen").
    pub my_name: Option<String>,
    pub waterings: Vec<WateringView>,
    pub signed_in: bool,
    pub data_date: Option<String>,
    /// The watering form's default time (now, `datetime-local`).
    pub now_value: String,
    /// Whether the municipality has a category for damaged trees ("Schaden melden").
    pub can_report: bool,
    pub flash: Flash,
}

/// "Meine Bäume".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyTreesView {
    pub slug: String,
    pub municipality: String,
    pub trees: Vec<TreeRow>,
    /// The viewer's waterings, newest first: (tree id, tree, watering).
    pub waterings: Vec<(i64, String, WateringView)>,
    pub flash: Flash,
}

/// A watering of the viewer's, to be changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WateringEdit {
    pub slug: String,
    pub tree_id: i64,
    pub tree: String,
    pub id: i64,
    pub litres: String,
    pub at: String,
    pub flash: Flash,
}

/// What a citizen does with their adoption of a tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Adoption {
    /// Adopt it, showing one's display name on its page or not.
    Adopt { show_name: bool },
    /// Show one's display name on its page, or stop showing it.
    ShowName(bool),
    /// End the adoption.
    End,
}

/// Why a change to a tree was refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TreeRefusal {
    /// No such tree or watering, or not the viewer's.
    NotFound,
    Invalid(Vec<FieldError>),
}

/// The register's administration page (`/verwaltung/{m}/baeume`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegisterAdmin {
    pub slug: String,
    pub municipality: String,
    /// "Baumdaten: Stand …", `None` before the first import.
    pub data_date: Option<String>,
    pub tree_count: u64,
    /// When the register was last imported, and from which file.
    pub imported: Option<(String, String)>,
    /// The largest file the upload takes, in MB.
    pub max_mb: u32,
    /// An uploaded file waiting to be applied, with what it would change.
    pub preview: Option<RegisterPreview>,
    pub flash: Flash,
}

/// What an uploaded register would change, before it is applied.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterPreview {
    pub file_name: String,
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub retired: u64,
    /// Of the retired, those with adopters or waterings (kept with them).
    pub retired_cared_for: u64,
    /// Names the upload in the forms that apply or discard it.
    pub uploaded_at: i64,
}

/// The file field of the register upload.
pub const FIELD_REGISTER_FILE: &str = "register-file";

/// The fields of the watering form.
pub const FIELD_LITRES: &str = "liter";
pub const FIELD_AT: &str = "zeitpunkt";

/// The code of the category a tree's "Schaden melden" starts the report flow with, when the
/// municipality offers it.
pub const DAMAGE_CATEGORY: &str = "street-tree";

/// The code of the category "Pumpe defekt melden" starts the report flow with.
pub const PUMP_CATEGORY: &str = "street-pump";

/// A row of the tree statistics: a month or a district.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeFigures {
    /// "12/2026", or the district's name.
    pub label: String,
    /// Per month the adoptions begun then (that still last); per district those that last.
    pub adoptions: i64,
    pub waterings: i64,
    pub litres: i64,
}

/// `/baeume/{m}/statistik`: a municipality's adoptions and waterings, for everyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TreeStatistics {
    pub slug: String,
    pub municipality: String,
    /// "Baumdaten: Stand …"; `None` without a register.
    pub data_date: Option<String>,
    /// "01/2026 bis 12/2026": the twelve months counted.
    pub window: String,
    pub adopted_trees: u64,
    pub adoptions: u64,
    /// In the twelve months.
    pub waterings: u64,
    pub litres: u64,
    /// The twelve months, oldest first.
    pub months: Vec<TreeFigures>,
    /// The register's districts, by name.
    pub districts: Vec<TreeFigures>,
}

/// `/baeume/erinnerungen`: whether the signed-in adopter gets a mail when a tree is thirsty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    pub subscribed: bool,
    /// The account's confirmed address, where reminders go; `None`: none can be sent.
    pub email: Option<String>,
    /// Whether it is the vegetation period now (March to October), when reminders go out.
    pub in_season: bool,
    pub flash: Flash,
}
