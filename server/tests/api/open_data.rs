//! Open data through the real router: the reports of a municipality as GeoJSON and as CSV for
//! German spreadsheets (no personal field, coarsened points), the public page offering them,
//! and the DCAT-AP.de catalogue read as JSON-LD.

use crate::helpers::{report_with_contact, TestApp, TestResponse};
use crate::on_both_databases;
use axum::http::{header, StatusCode};
use kiezwerk::open311::open_data::export::coarsen;
use serde_json::Value;

/// What a reporter wrote or is: none of it may appear in an export.
const PERSONAL: [&str; 3] = ["Bauschutt", "melder@example.de", "rubble"];

fn header_of(response: &TestResponse, name: header::HeaderName) -> &str {
    response
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Two Berlin reports (one accepted) and one in Potsdam; Berlin's references.
async fn reports(app: &TestApp) -> Vec<String> {
    let (first, _) = report_with_contact(app, "berlin", "demo-key", "52.541318", "13.412447").await;
    let (second, _) =
        report_with_contact(app, "berlin", "demo-key", "52.520008", "13.404954").await;
    let accepted = app
        .post_form(
            "/open311/v2/servicerequestupdates.json",
            &[
                ("api_key", "demo-backoffice-key"),
                ("jurisdiction_id", "berlin"),
                ("service_request_id", &first),
                ("status", "investigating"),
                ("description", "Angenommen."),
            ],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.text());
    kiezwerk::open311::keys::insert(
        &app.state.core.db,
        app.state.core.clock.now_ms(),
        "potsdam",
        None,
        "Potsdam",
        "potsdam-key",
    )
    .await
    .expect("key");
    report_with_contact(app, "potsdam", "potsdam-key", "52.3906", "13.0645").await;
    vec![first, second]
}

on_both_databases! {
    async fn the_geojson_export_holds_every_report_coarsened_and_nothing_personal(app) {
        let references = reports(&app).await;
        let response = app.get("/offene-daten/berlin/meldungen.geojson").await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(header_of(&response, header::CONTENT_TYPE), "application/geo+json");
        assert_eq!(header_of(&response, header::ACCESS_CONTROL_ALLOW_ORIGIN), "*");
        assert!(header_of(&response, header::CONTENT_DISPOSITION).contains("berlin-meldungen.geojson"));
        let text = response.text();
        for personal in PERSONAL {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
        let collection: geojson::FeatureCollection = text.parse::<geojson::GeoJson>()
            .expect("valid GeoJSON").try_into().expect("a feature collection");
        assert_eq!(collection.features.len(), 2, "Berlin's reports only");
        let first = &collection.features[0];
        let properties = first.properties.as_ref().expect("properties");
        let mut keys: Vec<&str> = properties.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["accepted", "category", "category_code", "closed", "department", "district", "reference", "status", "status_code", "submitted", "supporters"]);
        assert_eq!(properties["reference"], Value::from(references[0].as_str()));
        assert_eq!(properties["status_code"], "accepted");
        assert_eq!(properties["district"], "Pankow");
        assert!(properties["accepted"].is_string() && properties["closed"].is_null());
        let Some(geojson::Geometry { value: geojson::GeometryValue::Point { coordinates: point }, .. }) = &first.geometry else {
            panic!("a point: {:?}", first.geometry);
        };
        let (lat, lon) = coarsen(52.541318, 13.412447);
        assert_eq!(point.as_slice(), [lon, lat], "the cell's centre, not the reported place");
        assert_ne!(point.as_slice(), [13.412447, 52.541318]);

        // Compressed on the way, as browsers ask for it: the same file.
        let request = axum::http::Request::get("/offene-daten/berlin/meldungen.geojson")
            .header(header::ACCEPT_ENCODING, "gzip")
            .body(axum::body::Body::empty())
            .expect("request");
        let gzipped = app.send(request).await;
        assert_eq!(header_of(&gzipped, header::CONTENT_ENCODING), "gzip");
        let mut unpacked = String::new();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(gzipped.body.as_slice()), &mut unpacked)
            .expect("gzip");
        assert_eq!(unpacked, text);
    }
}

on_both_databases! {
    async fn the_csv_export_opens_in_a_german_spreadsheet(app) {
        let references = reports(&app).await;
        let response = app.get("/offene-daten/berlin/meldungen.csv").await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(header_of(&response, header::CONTENT_TYPE), "text/csv; charset=utf-8");
        assert!(response.body.starts_with("\u{feff}".as_bytes()), "a byte order mark, so Excel reads UTF-8");
        let text = response.text();
        for personal in PERSONAL {
            assert!(!text.contains(personal), "{personal} in {text}");
        }
        assert!(text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends");
        let mut reader = csv::ReaderBuilder::new().delimiter(b';').from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let headers: Vec<String> = reader.headers().expect("header").iter().map(str::to_owned).collect();
        assert_eq!(headers, ["reference", "category_code", "category", "district", "status_code", "status", "department", "submitted", "accepted", "closed", "supporters", "lat", "lon"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[1][0], references[1].as_str());
        assert_eq!(&rows[1][3], "Mitte");
        // Decimal commas and German dates, as a German spreadsheet reads them.
        let (lat, lon) = coarsen(52.520008, 13.404954);
        assert_eq!(rows[1][11].replace(',', ".").parse::<f64>().expect("lat"), lat);
        assert_eq!(rows[1][12].replace(',', ".").parse::<f64>().expect("lon"), lon);
        assert!(jiff::civil::DateTime::strptime("%d.%m.%Y %H:%M", &rows[1][7]).is_ok(), "{}", &rows[1][7]);
        assert_eq!(&rows[1][8], "", "not accepted yet");
    }
}

/// `prefix:name` → the full IRI, by the document's context.
fn expand(context: &Value, compact: &str) -> String {
    let (prefix, name) = compact.split_once(':').expect("compact IRI");
    format!(
        "{}{name}",
        context[prefix]
            .as_str()
            .unwrap_or_else(|| panic!("prefix {prefix}"))
    )
}

on_both_databases! {
    async fn the_dcat_catalogue_is_json_ld_that_names_every_download(app) {
        reports(&app).await;
        let response = app.get("/offene-daten/katalog.jsonld").await;
        assert_eq!(response.status, StatusCode::OK);
        assert_eq!(header_of(&response, header::CONTENT_TYPE), "application/ld+json");
        let catalogue = response.json();
        let context = &catalogue["@context"];
        assert_eq!(expand(context, catalogue["@type"].as_str().expect("type")), "http://www.w3.org/ns/dcat#Catalog");
        let datasets = catalogue["dcat:dataset"].as_array().expect("datasets");
        assert_eq!(datasets.len(), 2, "one per municipality");
        for dataset in datasets {
            assert_eq!(expand(context, dataset["@type"].as_str().expect("type")), "http://www.w3.org/ns/dcat#Dataset");
            assert_eq!(dataset["dct:title"][0]["@language"], "de");
            assert_eq!(dataset["dct:modified"]["@type"], "xsd:dateTime");
            assert_eq!(expand(context, "dct:license"), "http://purl.org/dc/terms/license");
            let distributions = dataset["dcat:distribution"].as_array().expect("distributions");
            assert_eq!(distributions.len(), 2);
            for distribution in distributions {
                assert_eq!(expand(context, distribution["@type"].as_str().expect("type")), "http://www.w3.org/ns/dcat#Distribution");
                assert_eq!(distribution["dct:license"]["@id"], "http://dcat-ap.de/def/licenses/dl-by-de/2.0");
                let url = distribution["dcat:downloadURL"]["@id"].as_str().expect("url");
                let path = &url[url.find("/offene-daten/").expect("our path")..];
                assert_eq!(app.get(path).await.status, StatusCode::OK, "{path} downloads");
            }
        }
        let berlin = app.get("/offene-daten/berlin/katalog.jsonld").await.json();
        assert_eq!(berlin["dcat:dataset"].as_array().expect("datasets").len(), 1);
    }
}

on_both_databases! {
    async fn the_open_data_page_offers_the_downloads_with_licence_and_data_date(app) {
        reports(&app).await;
        let page = app.get("/offene-daten/berlin").await;
        assert_eq!(page.status, StatusCode::OK);
        let text = page.text();
        for needle in ["href=\"/offene-daten/berlin/meldungen.geojson\"", "href=\"/offene-daten/berlin/meldungen.csv\"",
                       "Datenlizenz Deutschland", "2 Datensätze", "Datenstand:", "href=\"/offene-daten/berlin/katalog.jsonld\""] {
            assert!(text.contains(needle), "{needle} on the page");
        }
        let index = app.get("/offene-daten").await.text();
        assert!(index.contains("href=\"/offene-daten/potsdam\""));
        assert_eq!(app.get("/offene-daten/nirgendwo").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/offene-daten/nirgendwo/meldungen.csv").await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get("/offene-daten/berlin/meldungen.xlsx").await.status, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn downloads_are_limited_per_client(app) {
        let mut statuses = Vec::new();
        for _ in 0..31 {
            statuses.push(app.get("/offene-daten/berlin/meldungen.csv").await.status);
        }
        assert!(statuses[..30].iter().all(|s| *s == StatusCode::OK));
        assert_eq!(statuses[30], StatusCode::TOO_MANY_REQUESTS);
    }
}
