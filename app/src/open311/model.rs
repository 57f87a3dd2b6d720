//! What the API-key and open-data pages show: filled and translated by the server.

use crate::model::{Choice, FieldError, Flash};
use serde::{Deserialize, Serialize};

/// What a key may do: read (a named client whose use is seen) or also write (post requests,
/// and for a department's key push status updates).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyAccess {
    Read,
    Write,
}

impl KeyAccess {
    pub const ALL: [KeyAccess; 2] = [KeyAccess::Read, KeyAccess::Write];

    pub fn code(self) -> &'static str {
        match self {
            KeyAccess::Read => "read",
            KeyAccess::Write => "write",
        }
    }

    pub fn parse(code: &str) -> Option<KeyAccess> {
        KeyAccess::ALL.into_iter().find(|a| a.code() == code)
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_text!(KeyAccess);

/// One API key as its municipality's administrators see it (never the key itself).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyRow {
    pub id: i64,
    pub name: String,
    /// The key's first characters, to recognise it.
    pub hint: String,
    /// The department it is bound to; `None` for the whole municipality.
    pub department: Option<String>,
    pub access: KeyAccess,
    pub created: String,
    pub created_by: Option<String>,
    pub last_used: Option<String>,
    /// When and by whom it was revoked.
    pub revoked: Option<String>,
}

/// `/verwaltung/{m}/schnittstellen`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApiKeysView {
    pub slug: String,
    pub municipality: String,
    pub keys: Vec<ApiKeyRow>,
    /// The departments a key may be bound to.
    pub departments: Vec<Choice>,
    pub flash: Flash,
    /// A key just created, shown this once.
    pub new_key: Option<String>,
}

/// Why a key could not be created or revoked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyRefusal {
    /// Not an administrator of the municipality, or no such municipality or key.
    Forbidden,
    Invalid(Vec<FieldError>),
}

/// One file of a dataset.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Download {
    /// `GeoJSON`, `CSV`.
    pub format: String,
    pub href: String,
    pub media_type: String,
}

/// A dataset of the open-data page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub title: String,
    pub description: String,
    /// How many records it holds now.
    pub records: i64,
    /// The date of its newest record ("Stand"), if it has any.
    pub data_date: Option<String>,
    pub downloads: Vec<Download>,
    /// The fields of each record, explained.
    pub fields: Vec<(String, String)>,
    /// Its licence's name and text.
    pub licence: String,
    pub licence_url: String,
}

/// `/offene-daten/{m}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenDataView {
    pub slug: String,
    pub municipality: String,
    pub datasets: Vec<Dataset>,
    /// The DCAT-AP.de catalogue of these datasets (JSON-LD).
    pub catalogue: String,
}
