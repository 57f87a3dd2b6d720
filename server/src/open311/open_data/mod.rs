//! Open data: each municipality's reports as GeoJSON and CSV for everyone, and, where it has
//! a tree register, its trees' waterings (CSV, CC0; written by [`crate::trees::open_data`]);
//! the page `/offene-daten/{m}` that offers them (through the app's port), and a DCAT-AP.de
//! catalogue for portals. [`export`] streams the reports, [`dcat`] writes the catalogue.
//!
//! - `GET /offene-daten/{m}/meldungen.geojson`, `…/meldungen.csv` and `…/giessungen.csv`: the
//!   files.
//! - `GET /offene-daten/{m}/katalog.jsonld`: one municipality's catalogue;
//!   `GET /offene-daten/katalog.jsonld`: every municipality's datasets in one.
//!
//! Downloads are public, cacheable for five minutes, readable by any site, and limited per
//! client (a download of a large city reads every report).

pub mod dcat;
pub mod export;

use crate::core::http::error::PageError;
use crate::core::http::extract::{Client, RequestLang};
use crate::core::time::format_time;
use crate::reports::Reports;
use crate::tenants::Municipality;
use crate::trees::open_data as waterings;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use export::{Kind, Summary};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::open311::model::{Dataset, Download, OpenDataView};
use kiezwerk_app::open311::serverfns::{open_data_path, CATALOGUE};
use kiezwerk_app::open311::texts::texts;

pub fn router() -> Router<Reports> {
    Router::new()
        .route(CATALOGUE, get(whole_catalogue))
        .route(
            "/offene-daten/{slug}/katalog.jsonld",
            get(municipality_catalogue),
        )
        .route("/offene-daten/{slug}/{file}", get(download))
}

fn municipality_catalogue_path(slug: &str) -> String {
    format!("/offene-daten/{slug}/katalog.jsonld")
}

fn file_path(slug: &str, kind: Kind) -> String {
    format!("/offene-daten/{slug}/{}", kind.file())
}

/// Public files: any site may read them, caches may keep them for five minutes.
fn public(mut response: Response, media_type: &'static str) -> Response {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    response
}

async fn download(
    State(reports): State<Reports>,
    Path((slug, file)): Path<(String, String)>,
    Client(client): Client,
    RequestLang(lang): RequestLang,
) -> Result<Response, PageError> {
    let kind = Kind::ALL.into_iter().find(|k| k.file() == file);
    let municipality = reports
        .tenants
        .registry
        .by_slug(&slug)
        .ok_or(PageError::NotFound)?;
    let db = &reports.core.db;
    let of_trees = file == waterings::FILE;
    if kind.is_none() && !(of_trees && waterings::has_register(db, municipality.id.0).await?) {
        return Err(PageError::NotFound);
    }
    if !reports.core.download_limiter.allow(client).await {
        reports.core.metrics.rate_limited();
        return Err(PageError::TooManyRequests { lang });
    }
    let mut response = match kind {
        Some(kind) => public(
            export::reports(
                db.clone(),
                reports.tenants.registry.clone(),
                municipality.id,
                kind,
            )
            .into_response(),
            kind.media_type(),
        ),
        None => public(
            waterings::waterings(db.clone(), municipality.id.0).into_response(),
            "text/csv; charset=utf-8",
        ),
    };
    let disposition = format!("attachment; filename=\"{}-{file}\"", municipality.slug);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The reports dataset of a municipality, for the page and the catalogue, with its texts in
/// `lang`.
fn reports_dataset(municipality: &Municipality, summary: &Summary, lang: Lang) -> Dataset {
    let o = texts(lang);
    let downloads = Kind::ALL
        .into_iter()
        .map(|kind| Download {
            format: kind.name().to_owned(),
            href: file_path(&municipality.slug, kind),
            media_type: kind.essence().to_owned(),
        })
        .collect();
    let fields = [
        ("reference", o.field_reference),
        ("category_code, category", o.field_category),
        ("district", o.field_district),
        ("status_code, status", o.field_status),
        ("department", o.field_department),
        ("submitted", o.field_submitted),
        ("accepted", o.field_accepted),
        ("closed", o.field_closed),
        ("supporters", o.field_supporters),
        ("lat, lon", o.field_location),
    ]
    .into_iter()
    .map(|(f, m)| (f.to_owned(), m.to_owned()))
    .collect();
    Dataset {
        title: fill(o.reports_dataset, &[&municipality.name]),
        description: o.reports_dataset_text.to_owned(),
        records: summary.records,
        data_date: summary.modified.map(|m| format_time(m, lang)),
        downloads,
        fields,
        licence: dcat::LICENCE_NAME.to_owned(),
        licence_url: dcat::LICENCE_URL.to_owned(),
    }
}

/// The waterings dataset of a municipality with a tree register.
fn waterings_dataset(
    municipality: &Municipality,
    summary: &waterings::Summary,
    lang: Lang,
) -> Dataset {
    let o = texts(lang);
    let fields = [
        ("id", o.field_tree_id),
        ("lng, lat", o.field_tree_place),
        ("bezirk", o.field_tree_district),
        ("baumart, gattung", o.field_tree_species),
        ("strname", o.field_tree_street),
        ("pflanzjahr", o.field_tree_planted),
        ("zeitpunkt_der_bewaesserung", o.field_watered_at),
        ("bewaesserungsmenge_in_liter", o.field_litres),
    ]
    .into_iter()
    .map(|(f, m)| (f.to_owned(), m.to_owned()))
    .collect();
    Dataset {
        title: fill(o.waterings_dataset, &[&municipality.name]),
        description: o.waterings_dataset_text.to_owned(),
        records: summary.records,
        data_date: summary.latest.map(|m| format_time(m, lang)),
        downloads: vec![Download {
            format: "CSV".to_owned(),
            href: format!("/offene-daten/{}/{}", municipality.slug, waterings::FILE),
            media_type: "text/csv".to_owned(),
        }],
        fields,
        licence: dcat::CC0_NAME.to_owned(),
        licence_url: dcat::CC0_URL.to_owned(),
    }
}

/// The public open-data page of a municipality.
pub async fn view(
    reports: &Reports,
    slug: &str,
    lang: Lang,
) -> Result<Option<OpenDataView>, sqlx::Error> {
    let Some(municipality) = reports.tenants.registry.by_slug(slug) else {
        return Ok(None);
    };
    let db = &reports.core.db;
    let summary = export::summary(db, municipality.id).await?;
    let mut datasets = vec![reports_dataset(municipality, &summary, lang)];
    if waterings::has_register(db, municipality.id.0).await? {
        let summary = waterings::summary(db, municipality.id.0).await?;
        datasets.push(waterings_dataset(municipality, &summary, lang));
    }
    Ok(Some(OpenDataView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        datasets,
        catalogue: municipality_catalogue_path(&municipality.slug),
    }))
}

/// A municipality's datasets as the catalogue describes them.
async fn catalogue_entries(
    reports: &Reports,
    municipality: &Municipality,
) -> Result<Vec<dcat::Dataset>, sqlx::Error> {
    let base = &reports.core.settings.public_url;
    let summary = export::summary(&reports.core.db, municipality.id).await?;
    let de = reports_dataset(municipality, &summary, Lang::De);
    let en = reports_dataset(municipality, &summary, Lang::En);
    let page = format!("{base}{}", open_data_path(&municipality.slug));
    let files = Kind::ALL
        .into_iter()
        .map(|kind| dcat::File {
            url: format!("{base}{}", file_path(&municipality.slug, kind)),
            file_type: kind.file_type(),
            media_type: kind.essence(),
            title: format!("{} ({})", de.title, kind.file_type()),
        })
        .collect();
    let mut datasets = vec![dcat::Dataset {
        id: format!("{page}#meldungen"),
        landing_page: page.clone(),
        title_de: de.title,
        title_en: en.title,
        description_de: de.description,
        description_en: en.description,
        publisher: municipality.name.clone(),
        keywords: vec![
            "Mängelmelder",
            "Bürgermeldungen",
            "Open311",
            "Straßenschäden",
            "Verwaltung",
        ],
        issued: summary.first,
        modified: summary.modified,
        files,
        licence: dcat::LICENCE_URI,
        theme: "GOVE",
    }];
    let db = &reports.core.db;
    if waterings::has_register(db, municipality.id.0).await? {
        let summary = waterings::summary(db, municipality.id.0).await?;
        let de = waterings_dataset(municipality, &summary, Lang::De);
        let en = waterings_dataset(municipality, &summary, Lang::En);
        datasets.push(dcat::Dataset {
            id: format!("{page}#giessungen"),
            landing_page: page,
            files: vec![dcat::File {
                url: format!(
                    "{base}/offene-daten/{}/{}",
                    municipality.slug,
                    waterings::FILE
                ),
                file_type: "CSV",
                media_type: "text/csv",
                title: format!("{} (CSV)", de.title),
            }],
            title_de: de.title,
            title_en: en.title,
            description_de: de.description,
            description_en: en.description,
            publisher: municipality.name.clone(),
            keywords: vec![
                "Stadtbäume",
                "Bewässerung",
                "Gieß den Kiez",
                "Baumkataster",
                "Klimaanpassung",
            ],
            issued: summary.first,
            modified: summary.latest,
            licence: dcat::CC0_URI,
            theme: "ENVI",
        });
    }
    Ok(datasets)
}

fn json_ld(value: serde_json::Value) -> Response {
    public(axum::Json(value).into_response(), "application/ld+json")
}

async fn municipality_catalogue(
    State(reports): State<Reports>,
    Path(slug): Path<String>,
) -> Result<Response, PageError> {
    let municipality = reports
        .tenants
        .registry
        .by_slug(&slug)
        .ok_or(PageError::NotFound)?;
    let datasets = catalogue_entries(&reports, municipality).await?;
    let base = &reports.core.settings.public_url;
    Ok(json_ld(dcat::catalogue(
        &format!("{base}{}", municipality_catalogue_path(&slug)),
        &format!("{base}{}", open_data_path(&slug)),
        &format!("Kiezwerk {}", municipality.name),
        &datasets,
    )))
}

async fn whole_catalogue(State(reports): State<Reports>) -> Result<Response, PageError> {
    let mut datasets = Vec::new();
    for municipality in &reports.tenants.registry.municipalities {
        datasets.extend(catalogue_entries(&reports, municipality).await?);
    }
    let base = &reports.core.settings.public_url;
    Ok(json_ld(dcat::catalogue(
        &format!("{base}{CATALOGUE}"),
        &format!("{base}/offene-daten"),
        "Kiezwerk",
        &datasets,
    )))
}
