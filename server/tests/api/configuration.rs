//! A municipality's administrators configure it in the browser: the configuration in force
//! and its download, an upload checked and kept as a draft (refused with every problem, and
//! nothing changed, when it is wrong), the draft's changes and where recent reports would go,
//! publishing (recorded, in force on another server after its reload, routing the next
//! report), the history with restoring an earlier version, the "test a place" tool — and
//! nobody else reaching any of it.

use crate::helpers::{
    department_of, dumping_in_pankow_to_bsr, multipart_body, report_with_photo, staff_browser,
    Browser, TestApp, TestResponse,
};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use kiezwerk::tenants::config::MunicipalityConfig;
use kiezwerk_app::admin::serverfns::{DiscardConfig, PublishConfig, RestoreConfig};
use kiezwerk_app::model::Role;
use leptos::server_fn::ServerFn;

async fn admin_of<'a>(app: &'a TestApp, slug: &str) -> Browser<'a> {
    staff_browser(app, Role::MunicipalAdmin, app.municipality(slug), None).await
}

/// The configuration in force of `slug`, as a file.
pub async fn own_file(app: &TestApp, slug: &str) -> Vec<u8> {
    let id = app.municipality(slug);
    let config = kiezwerk::tenants::publishing::current_of(&app.state.core.db, id)
        .await
        .expect("configuration");
    serde_json::to_vec(&config).expect("json")
}

pub async fn upload(browser: &mut Browser<'_>, slug: &str, file: &[u8]) -> TestResponse {
    let (content_type, body) = multipart_body(
        &[],
        &[("datei", "konfiguration.json", "application/json", file)],
    );
    let request = Request::post(format!("/verwaltung/{slug}/konfiguration/hochladen"))
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request");
    browser.send(request).await
}

fn berlin() -> MunicipalityConfig {
    MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("config")
}

/// Berlin with illegal dumping in Pankow going to the BSR.
fn berlin_dumping_to_bsr() -> Vec<u8> {
    let mut config = berlin();
    config
        .rules
        .push(crate::helpers::dumping_in_pankow_to_bsr());
    serde_json::to_vec(&config).expect("json")
}

async fn publications(app: &TestApp) -> i64 {
    app.count("config_publications").await
}

on_both_databases! {
    async fn an_uploaded_configuration_is_checked_published_and_routes_the_next_report_on_another_server(app) {
        let (other, live) = app.second_server().await;
        let before = report_with_photo(&other.router, None).await.expect("report");
        assert_eq!(department_of(&app, &before).await, "ordnungsamt-pankow");
        let mut admin = admin_of(&app, "berlin").await;

        let page = admin.get("/verwaltung/berlin/konfiguration").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("Fassung 1 vom"), "the demo's import is version 1");
        assert!(html.contains("Straßen- und Grünflächenamt Pankow") || html.contains("sga-pankow"));

        let download = admin.get("/verwaltung/berlin/konfiguration.json").await;
        assert_eq!(download.status, StatusCode::OK);
        assert!(download.header("content-disposition").contains("berlin.json"));
        let downloaded: MunicipalityConfig = serde_json::from_slice(&download.body).expect("the download is a configuration");
        assert_eq!(downloaded.rules.len(), berlin().rules.len());

        let uploaded = upload(&mut admin, "berlin", &berlin_dumping_to_bsr()).await;
        assert_eq!(uploaded.redirect(), "/verwaltung/berlin/konfiguration/pruefen");
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("Neue Regel: illegal-dumping × pankow → bsr (10)"));
        assert!(
            draft.contains("1 von 1 Meldungen gingen mit dem Entwurf an eine andere Abteilung."),
            "the report of a moment ago would now go to the BSR"
        );
        assert_eq!(publications(&app).await, 2, "a draft is not published");

        let published = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(published.redirect(), "/verwaltung/berlin/konfiguration");
        assert_eq!(publications(&app).await, 3);
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Fassung 2 ist veröffentlicht"), "the notice");
        assert!(page.contains("Fassung 2 vom"), "the version in force");

        assert!(live.reload_if_changed().await.expect("poll"), "the other server reloads");
        let after = report_with_photo(&other.router, None).await.expect("report");
        assert_eq!(department_of(&app, &after).await, "bsr");
        assert_eq!(department_of(&app, &before).await, "ordnungsamt-pankow", "reports in flight keep their department");

        let again = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(again.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Es gibt keinen Entwurf (mehr)"), "publishing twice is refused");
        assert_eq!(publications(&app).await, 3);
    }
}

on_both_databases! {
    async fn a_configuration_with_overlapping_areas_is_refused_with_every_problem_and_changes_nothing(app) {
        let mut admin = admin_of(&app, "berlin").await;
        let mut config = berlin();
        let mut copy = config.areas[4].clone();
        copy.code = "mitte-nord".into();
        config.areas.push(copy);
        config.rules[0].department = "niemand".into();
        let refused = upload(&mut admin, "berlin", &serde_json::to_vec(&config).expect("json")).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Die Gebiete mitte und mitte-nord überschneiden sich auf"));
        assert!(page.contains("unbekannte Abteilung \"niemand\"") || page.contains("unbekannte Abteilung &quot;niemand&quot;"));
        assert!(page.contains("href=\"#config-file\""), "the summary links to the file field");
        assert_eq!(app.count("config_drafts").await, 0);

        for (file, expected) in [
            (&b"{ \"slug\": "[..], "Die Datei ist keine Konfiguration im JSON-Format (Zeile 1"),
            (&[0xff, 0xfe, 0x00][..], "Die Datei ist keine Textdatei"),
            (&b""[..], "Wählen Sie eine Konfigurationsdatei aus."),
        ] {
            let refused = upload(&mut admin, "berlin", file).await;
            assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
            let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
            assert!(page.contains(expected), "{expected}");
        }

        let potsdam = MunicipalityConfig::from_json(include_str!("../../demo/potsdam.json")).expect("config");
        let refused = upload(&mut admin, "berlin", &serde_json::to_vec(&potsdam).expect("json")).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Die Datei gehört zur Gemeinde „potsdam“, nicht zu „berlin“."));
        assert_eq!(app.count("config_drafts").await, 0);
        assert_eq!(publications(&app).await, 2);
    }
}

on_both_databases! {
    async fn only_the_municipalitys_administrators_reach_its_configuration(app) {
        let mut potsdam_admin = admin_of(&app, "potsdam").await;
        for path in [
            "/verwaltung/berlin/konfiguration",
            "/verwaltung/berlin/konfiguration/pruefen",
            "/verwaltung/berlin/konfiguration/verlauf",
            "/verwaltung/berlin/konfiguration/ort-testen",
            "/verwaltung/berlin/konfiguration.json",
        ] {
            assert_eq!(potsdam_admin.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
        }
        let refused = upload(&mut potsdam_admin, "berlin", &berlin_dumping_to_bsr()).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        let refused = potsdam_admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        let refused = potsdam_admin.post(RestoreConfig::url(), &[("slug", "berlin"), ("number", "1")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);

        let berlin_id = app.municipality("berlin");
        let mut dispatcher = staff_browser(&app, Role::Dispatcher, berlin_id, None).await;
        assert_eq!(dispatcher.get("/verwaltung/berlin/konfiguration").await.status, StatusCode::NOT_FOUND);
        let anonymous = app.get("/verwaltung/berlin/konfiguration.json").await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

        let mut platform = staff_browser(&app, Role::PlatformAdmin, berlin_id, None).await;
        assert_eq!(platform.get("/verwaltung/berlin/konfiguration").await.status, StatusCode::OK);
        assert_eq!(app.count("config_drafts").await, 0);
    }
}

on_both_databases! {
    async fn an_earlier_version_is_restored_as_a_draft_and_published_again(app) {
        let mut admin = admin_of(&app, "berlin").await;
        upload(&mut admin, "berlin", &berlin_dumping_to_bsr()).await.redirect();
        admin.post(PublishConfig::url(), &[("slug", "berlin")]).await.redirect();

        let history = admin.get("/verwaltung/berlin/konfiguration/verlauf").await.text();
        assert!(history.contains("Fassung 2 (in Kraft)"));
        assert!(history.contains("Neue Regel: illegal-dumping × pankow → bsr (10)"));
        assert!(history.contains("Betrieb (Kommandozeile)"), "version 1 came from the demo's import");
        assert!(history.contains("Fassung 1 als Entwurf wiederherstellen"));

        let restored = admin.post(RestoreConfig::url(), &[("slug", "berlin"), ("number", "1")]).await;
        assert_eq!(restored.redirect(), "/verwaltung/berlin/konfiguration/pruefen");
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("Der Entwurf stellt Fassung 1 wieder her."));
        assert!(draft.contains("Regel entfällt: illegal-dumping × pankow → bsr (10)"));
        admin.post(PublishConfig::url(), &[("slug", "berlin")]).await.redirect();

        let history = admin.get("/verwaltung/berlin/konfiguration/verlauf").await.text();
        assert!(history.contains("Fassung 3 (in Kraft)"));
        assert!(history.contains("Stellt Fassung 1 wieder her."));
        let download = admin.get("/verwaltung/berlin/konfiguration.json").await;
        let config: MunicipalityConfig = serde_json::from_slice(&download.body).expect("config");
        assert!(config.rules.iter().all(|r| r.department != "bsr" || r.area.is_none()), "the BSR rule is gone");

        let missing = admin.post(RestoreConfig::url(), &[("slug", "berlin"), ("number", "99")]).await;
        assert_eq!(missing.redirect(), "/verwaltung/berlin/konfiguration");
        assert!(admin.get("/verwaltung/berlin/konfiguration").await.text().contains("Diese Fassung gibt es nicht."));

        // A department that reports still belong to is kept, and the draft says so.
        report_with_photo(&app.router, None).await.expect("a report for Ordnungsamt Pankow");
        let mut without = berlin();
        without.departments.retain(|d| d.code != "ordnungsamt-pankow");
        for rule in without.rules.iter_mut().filter(|r| r.department == "ordnungsamt-pankow") {
            rule.department = "sga-pankow".into();
        }
        upload(&mut admin, "berlin", &serde_json::to_vec(&without).expect("json")).await.redirect();
        let draft = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("Abteilung entfällt: Ordnungsamt Pankow (ordnungsamt-pankow)."));
        assert!(draft.contains("Abteilung Ordnungsamt Pankow (ordnungsamt-pankow) bleibt bestehen: Ihr sind noch Meldungen zugeordnet (1)."));

        upload(&mut admin, "berlin", &berlin_dumping_to_bsr()).await.redirect();
        let discarded = admin.post(DiscardConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(discarded.redirect(), "/verwaltung/berlin/konfiguration");
        assert_eq!(app.count("config_drafts").await, 0);
        assert_eq!(publications(&app).await, 4, "two demo imports and two publications");
    }
}

on_both_databases! {
    async fn testing_a_place_shows_the_municipality_area_rule_and_department_a_report_would_get(app) {
        let mut admin = admin_of(&app, "berlin").await;
        let page = admin
            .get("/verwaltung/berlin/konfiguration/ort-testen?lat=52%2C5413&lon=13.4124&category=illegal-dumping")
            .await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("Berlin (der Ort liegt darin)"));
        assert!(html.contains("Pankow (der Ort liegt darin)"));
        assert!(html.contains("Ordnungsamt Pankow"));
        // The map to tap a place on opens on Berlin (its frame is hidden until the script runs).
        assert!(html.contains("data-location-map"), "the map's frame");
        assert!(html.contains("data-bounds=\"[52.3"), "Berlin's bounds");

        let potsdam = admin
            .get("/verwaltung/berlin/konfiguration/ort-testen?lat=52.3906&lon=13.0645&category=illegal-dumping")
            .await
            .text();
        assert!(potsdam.contains("Dieser Ort gehört zu einer anderen Gemeinde"));

        let wrong = admin
            .get("/verwaltung/berlin/konfiguration/ort-testen?lat=Berlin&lon=&category=")
            .await
            .text();
        assert!(wrong.contains("Geben Sie den Breitengrad als Zahl"));
        assert!(wrong.contains("href=\"#lat\""), "the error summary links to the field");
        assert!(wrong.contains("Wählen Sie eine Kategorie."));

        let sea = admin
            .get("/verwaltung/berlin/konfiguration/ort-testen?lat=54.5&lon=7.0&category=illegal-dumping")
            .await
            .text();
        assert!(sea.contains("Der Ort liegt in keiner Gemeinde"));

        // Before it applies: the draft routes dumping in Pankow to the BSR, and offers a new
        // category that the version in force does not know.
        let pankow = "/verwaltung/berlin/konfiguration/ort-testen?lat=52.5413&lon=13.4124";
        assert!(!admin.get(pankow).await.text().contains("Mit dem Entwurf"), "no draft, no choice");
        let mut config = berlin();
        config.rules.push(dumping_in_pankow_to_bsr());
        let mut boar = config.groups[0].categories[0].clone();
        boar.code = "wildschweine".into();
        boar.name_de = "Wildschweine im Wohngebiet".into();
        boar.questions.clear();
        config.groups[0].categories.push(boar);
        upload(&mut admin, "berlin", &serde_json::to_vec(&config).expect("json")).await.redirect();

        let in_force = admin.get(&format!("{pankow}&category=illegal-dumping")).await.text();
        assert!(in_force.contains("Mit dem Entwurf, bevor er gilt"));
        assert!(in_force.contains("Ordnungsamt Pankow"));
        let draft = admin.get(&format!("{pankow}&category=illegal-dumping&version=entwurf")).await.text();
        assert!(draft.contains("Ergebnis mit dem Entwurf"));
        assert!(draft.contains("Berliner Stadtreinigung (BSR)"));
        let new_category = admin.get(&format!("{pankow}&category=wildschweine&version=entwurf")).await.text();
        assert!(new_category.contains("Ordnungsamt Pankow"), "the group's rule in Pankow");
        let not_yet = admin.get(&format!("{pankow}&category=wildschweine")).await.text();
        assert!(not_yet.contains("Diese Kategorie gibt es nur im Entwurf"));
        let potsdam = admin
            .get("/verwaltung/berlin/konfiguration/ort-testen?lat=52.3906&lon=13.0645&category=illegal-dumping&version=entwurf")
            .await
            .text();
        assert!(potsdam.contains("Der Ort liegt außerhalb der Gemeindegrenze des Entwurfs."));
        assert_eq!(app.count("config_publications").await, 2, "testing publishes nothing");
    }
}
