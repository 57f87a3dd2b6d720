//! What the trees' file imports share: reading a CSV file's header and a GeoJSON feature
//! collection, and keeping the list of errors short.

use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::texts::texts;
use std::collections::HashMap;

/// Most errors listed for one file (the rest are counted).
pub const ERRORS_SHOWN: usize = 20;

/// A GeoJSON FeatureCollection in UTF-8 (a byte-order mark allowed): the collection without its
/// features, and the features; or the file refused with `unreadable`.
pub fn geojson_features(
    bytes: &[u8],
    unreadable: &str,
) -> Result<(serde_json::Value, Vec<serde_json::Value>), Vec<String>> {
    let value: Option<serde_json::Value> = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| serde_json::from_str(text.trim_start_matches('\u{feff}')).ok());
    let Some(mut collection) = value else {
        return Err(vec![unreadable.to_owned()]);
    };
    match collection.get_mut("features").map(serde_json::Value::take) {
        Some(serde_json::Value::Array(features)) => Ok((collection, features)),
        _ => Err(vec![unreadable.to_owned()]),
    }
}

/// Keeps the first [`ERRORS_SHOWN`] errors and counts the rest in a last line.
pub fn shortened(mut errors: Vec<String>, lang: Lang) -> Vec<String> {
    if errors.len() > ERRORS_SHOWN {
        let more = errors.len() - ERRORS_SHOWN;
        errors.truncate(ERRORS_SHOWN);
        errors.push(fill(texts(lang).err_import_more, &[&more.to_string()]));
    }
    errors
}

/// The columns of a CSV file's header (trimmed, lower case) by name, once every `required`
/// one is there; else the file refused with `unreadable`, or `missing` naming the absent ones.
pub fn csv_columns(
    reader: &mut csv::Reader<&[u8]>,
    required: &[&str],
    unreadable: &str,
    missing: &str,
) -> Result<HashMap<String, usize>, Vec<String>> {
    let Ok(headers) = reader.headers() else {
        return Err(vec![unreadable.to_owned()]);
    };
    let columns: HashMap<String, usize> = headers
        .iter()
        .enumerate()
        .map(|(i, h)| (h.trim().to_lowercase(), i))
        .collect();
    let absent: Vec<&str> = required
        .iter()
        .copied()
        .filter(|r| !columns.contains_key(*r))
        .collect();
    if absent.is_empty() {
        Ok(columns)
    } else {
        Err(vec![fill(missing, &[&absent.join(", ")])])
    }
}
