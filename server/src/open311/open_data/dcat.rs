//! The DCAT-AP.de catalogue (JSON-LD) of the open data, so that a portal such as GovData can
//! harvest it: a `dcat:Catalog` whose `dcat:Dataset`s each have one `dcat:Distribution` per
//! file, with licence, formats from the EU vocabularies, publisher and data date
//! (<https://www.dcat-ap.de/def/dcatde/>).

use crate::core::time::iso_utc;
use serde_json::{json, Value};

/// Datenlizenz Deutschland – Namensnennung – Version 2.0, as DCAT-AP.de names it.
pub const LICENCE_URI: &str = "http://dcat-ap.de/def/licenses/dl-by-de/2.0";
/// The licence text people read.
pub const LICENCE_URL: &str = "https://www.govdata.de/dl-de/by-2-0";
pub const LICENCE_NAME: &str = "Datenlizenz Deutschland – Namensnennung – Version 2.0";

/// Creative Commons Zero (no rights reserved), as DCAT-AP.de names it: the waterings.
pub const CC0_URI: &str = "http://dcat-ap.de/def/licenses/cc-zero";
pub const CC0_URL: &str = "https://creativecommons.org/publicdomain/zero/1.0/deed.de";
pub const CC0_NAME: &str = "Creative Commons Zero (CC0 1.0)";

/// The JSON-LD context: the vocabularies DCAT-AP.de uses.
pub fn context() -> Value {
    json!({
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "dcatde": "http://dcat-ap.de/def/dcatde/",
        "foaf": "http://xmlns.com/foaf/0.1/",
        "vcard": "http://www.w3.org/2006/vcard/ns#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    })
}

/// One file of a dataset.
pub struct File {
    pub url: String,
    /// The EU file-type authority's code: `GEOJSON`, `CSV`.
    pub file_type: &'static str,
    pub media_type: &'static str,
    pub title: String,
}

/// A dataset of one municipality.
pub struct Dataset {
    /// Its page (the landing page) with a fragment naming it; also its identifier.
    pub id: String,
    pub landing_page: String,
    pub title_de: String,
    pub title_en: String,
    pub description_de: String,
    pub description_en: String,
    pub publisher: String,
    pub keywords: Vec<&'static str>,
    pub issued: Option<i64>,
    pub modified: Option<i64>,
    pub files: Vec<File>,
    /// The licence's DCAT-AP.de URI: [`LICENCE_URI`] (attribution asked for) or [`CC0_URI`].
    pub licence: &'static str,
    /// The EU data theme: `GOVE` (government), `ENVI` (environment).
    pub theme: &'static str,
}

fn texts(de: &str, en: &str) -> Value {
    json!([{ "@value": de, "@language": "de" }, { "@value": en, "@language": "en" }])
}

fn date_time(ms: i64) -> Option<Value> {
    iso_utc(ms).map(|t| json!({ "@value": t, "@type": "xsd:dateTime" }))
}

fn dataset(d: &Dataset) -> Value {
    let attribution = format!("{} (Kiezwerk)", d.publisher);
    let distributions: Vec<Value> = d
        .files
        .iter()
        .map(|f| {
            let mut distribution = json!({
                "@type": "dcat:Distribution",
                "@id": f.url,
                "dct:title": f.title,
                "dcat:accessURL": { "@id": f.url },
                "dcat:downloadURL": { "@id": f.url },
                "dct:format": { "@id": format!("http://publications.europa.eu/resource/authority/file-type/{}", f.file_type) },
                "dcat:mediaType": { "@id": format!("https://www.iana.org/assignments/media-types/{}", f.media_type) },
                "dct:license": { "@id": d.licence },
            });
            if d.licence == LICENCE_URI {
                distribution["dcatde:licenseAttributionByText"] = json!(attribution);
            }
            distribution
        })
        .collect();
    let mut dataset = json!({
        "@type": "dcat:Dataset",
        "@id": d.id,
        "dct:identifier": d.id,
        "dct:title": texts(&d.title_de, &d.title_en),
        "dct:description": texts(&d.description_de, &d.description_en),
        "dcat:landingPage": { "@id": d.landing_page },
        "dct:publisher": { "@type": "foaf:Agent", "foaf:name": d.publisher },
        "dcat:contactPoint": { "@type": "vcard:Organization", "vcard:fn": d.publisher },
        "dcat:theme": { "@id": format!("http://publications.europa.eu/resource/authority/data-theme/{}", d.theme) },
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/DEU" },
        "dcat:keyword": d.keywords,
        "dct:accrualPeriodicity": { "@id": "http://publications.europa.eu/resource/authority/frequency/CONT" },
        "dcatde:politicalGeocodingLevelURI": { "@id": "http://dcat-ap.de/def/politicalGeocoding/Level/municipality" },
        "dcat:distribution": distributions,
    });
    if let Some(issued) = d.issued.and_then(date_time) {
        dataset["dct:issued"] = issued;
    }
    if let Some(modified) = d.modified.and_then(date_time) {
        dataset["dct:modified"] = modified;
    }
    dataset
}

/// The catalogue at `id` (its own URL) with its home page and datasets.
pub fn catalogue(id: &str, homepage: &str, title: &str, datasets: &[Dataset]) -> Value {
    json!({
        "@context": context(),
        "@id": id,
        "@type": "dcat:Catalog",
        "dct:title": texts(title, title),
        "dct:description": texts(
            "Offene Daten aus Kiezwerk: Meldungen von Bürgerinnen und Bürgern und ihre Bearbeitung, und die Gießungen von Stadtbäumen, ohne persönliche Daten.",
            "Open data from Kiezwerk: citizens' reports and how they are handled, and the waterings of street trees, without personal data.",
        ),
        "foaf:homepage": { "@id": homepage },
        "dct:publisher": { "@type": "foaf:Agent", "foaf:name": title },
        "dct:language": { "@id": "http://publications.europa.eu/resource/authority/language/DEU" },
        "dct:license": { "@id": LICENCE_URI },
        "dcat:dataset": datasets.iter().map(dataset).collect::<Vec<_>>(),
    })
}
