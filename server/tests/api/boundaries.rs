//! No municipality can take another's reports, and no publication silently undoes a newer
//! one: a municipal administrator cannot move the boundary; nobody can publish a boundary
//! that reaches into a neighbour's beyond a border strip; the draft's preview counts the
//! neighbours' reports a new boundary would take; a draft saved before another version came
//! into force is refused with what changed since; an over-counted file is refused before any
//! polygon is compared.

use crate::configuration::upload;
use crate::helpers::{report_with_contact, staff_browser, Browser, TestApp};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::tenants::config::{import, DepartmentConfig, MunicipalityConfig};
use kiezwerk_app::admin::serverfns::PublishConfig;
use kiezwerk_app::model::Role;
use leptos::server_fn::ServerFn;

/// Alexanderplatz, in the middle of Berlin.
const ALEXANDERPLATZ: (&str, &str) = ("52.5219", "13.4132");

fn demo(slug: &str) -> MunicipalityConfig {
    MunicipalityConfig::from_json(match slug {
        "berlin" => include_str!("../../demo/berlin.json"),
        _ => include_str!("../../demo/potsdam.json"),
    })
    .expect("demo configuration")
}

fn rectangle(west: f64, south: f64, east: f64, north: f64) -> geojson::Geometry {
    serde_json::from_value(serde_json::json!({
        "type": "Polygon",
        "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]]
    }))
    .expect("geometry")
}

/// Potsdam's demo configuration with a rectangle over all of Berlin as its boundary.
fn potsdam_over_berlin() -> Vec<u8> {
    let mut potsdam = demo("potsdam");
    potsdam.boundary = rectangle(12.85, 52.33, 13.77, 52.68);
    serde_json::to_vec(&potsdam).expect("json")
}

async fn browser_of<'a>(app: &'a TestApp, role: Role, slug: &str) -> Browser<'a> {
    staff_browser(app, role, app.municipality(slug), None).await
}

/// The department code of a new dumping report at Alexanderplatz, through Open311.
async fn alexanderplatz_goes_to(app: &TestApp) -> String {
    let (reference, _) = report_with_contact(
        app,
        "berlin",
        "demo-key",
        ALEXANDERPLATZ.0,
        ALEXANDERPLATZ.1,
    )
    .await;
    assert!(reference.starts_with("BER-"), "{reference}");
    crate::helpers::department_of(app, &reference).await
}

on_both_databases! {
    async fn a_municipal_administrator_cannot_move_the_boundary_and_berlins_reports_stay_berlins(app) {
        let mut potsdam_admin = browser_of(&app, Role::MunicipalAdmin, "potsdam").await;
        let refused = upload(&mut potsdam_admin, "potsdam", &potsdam_over_berlin()).await;
        assert_eq!(refused.redirect(), "/verwaltung/potsdam/konfiguration");
        let page = potsdam_admin.get("/verwaltung/potsdam/konfiguration").await.text();
        assert!(page.contains("Nur die Plattformverwaltung kann eine Gemeindegrenze ändern"), "the reason");
        assert!(page.contains("href=\"#config-file\""), "the error summary links to the file field");
        assert_eq!(app.count("config_drafts").await, 0, "nothing kept");

        // The same file with the boundary in force is a draft like any other.
        let kept = upload(&mut potsdam_admin, "potsdam", &serde_json::to_vec(&demo("potsdam")).expect("json")).await;
        assert_eq!(kept.redirect(), "/verwaltung/potsdam/konfiguration/pruefen");

        // A draft with a moved boundary that a platform administrator saved cannot be
        // published by the municipality's administrator either.
        let mut platform = browser_of(&app, Role::PlatformAdmin, "berlin").await;
        let mut moved = demo("potsdam");
        moved.boundary = rectangle(12.95, 52.35, 13.05, 52.42);
        let saved = upload(&mut platform, "potsdam", &serde_json::to_vec(&moved).expect("json")).await;
        assert_eq!(saved.redirect(), "/verwaltung/potsdam/konfiguration/pruefen");
        let refused = potsdam_admin.post(PublishConfig::url(), &[("slug", "potsdam")]).await;
        assert_eq!(refused.redirect(), "/verwaltung/potsdam/konfiguration");
        let page = potsdam_admin.get("/verwaltung/potsdam/konfiguration").await.text();
        assert!(page.contains("Nur die Plattformverwaltung kann eine Gemeindegrenze ändern"));
        assert_eq!(app.count("config_drafts").await, 1, "the refused draft stays");
        assert_eq!(app.count("config_publications").await, 2, "nothing published");

        assert_eq!(alexanderplatz_goes_to(&app).await, "ordnungsamt-mitte");
    }
}

on_both_databases! {
    async fn a_boundary_reaching_into_a_neighbour_is_refused_for_everyone_and_a_border_strip_is_accepted(app) {
        let mut platform = browser_of(&app, Role::PlatformAdmin, "berlin").await;
        let refused = upload(&mut platform, "potsdam", &potsdam_over_berlin()).await;
        assert_eq!(refused.redirect(), "/verwaltung/potsdam/konfiguration");
        let page = platform.get("/verwaltung/potsdam/konfiguration").await.text();
        assert!(page.contains("Die Gemeindegrenze überschneidet sich mit der von Berlin auf "), "names the neighbour");
        assert!(page.contains(" ha, zum Beispiel bei 52,") || page.contains(" ha, zum Beispiel bei 52."), "its size and a point");
        assert!(page.contains("höchstens 50 m Breite"), "the tolerance");
        assert_eq!(app.count("config_drafts").await, 0);

        // The command line is refused the same.
        let mut over = demo("potsdam");
        over.boundary = rectangle(12.85, 52.33, 13.77, 52.68);
        let error = import(&app.state.core.db, app.state.core.clock.now_ms(), &over)
            .await
            .expect_err("refused");
        assert!(error.to_string().contains("overlaps that of Berlin"), "{error}");

        // Potsdam drawn 20 m further east overlaps Berlin only in a strip along the border.
        let mut shifted = demo("potsdam");
        let text = serde_json::to_string(&shifted.boundary).expect("json");
        let mut geometry: serde_json::Value = serde_json::from_str(&text).expect("json");
        for polygon in geometry["coordinates"].as_array_mut().expect("polygons") {
            for ring in polygon.as_array_mut().expect("rings") {
                for point in ring.as_array_mut().expect("points") {
                    let lon = point[0].as_f64().expect("lon");
                    point[0] = serde_json::json!(lon + 0.0003);
                }
            }
        }
        shifted.boundary = serde_json::from_value(geometry).expect("geometry");
        let accepted = upload(&mut platform, "potsdam", &serde_json::to_vec(&shifted).expect("json")).await;
        assert_eq!(accepted.redirect(), "/verwaltung/potsdam/konfiguration/pruefen");
        let draft = platform.get("/verwaltung/potsdam/konfiguration/pruefen").await.text();
        assert!(draft.contains("Die Gemeindegrenze ändert sich."));
        let published = platform.post(PublishConfig::url(), &[("slug", "potsdam")]).await;
        assert_eq!(published.redirect(), "/verwaltung/potsdam/konfiguration");
        assert_eq!(app.count("config_publications").await, 3);

        // A server that starts now routes with the new boundary: Berlin's reports stay Berlin's.
        let (other, _live) = app.second_server().await;
        assert_eq!(alexanderplatz_goes_to(&other).await, "ordnungsamt-mitte");
    }
}

on_both_databases! {
    async fn the_preview_counts_the_neighbours_reports_a_new_boundary_would_take(app) {
        // Ten metres inside Potsdam's westernmost corner, where Potsdam is a few metres deep.
        let (lat, lon) = (52.4629, 12.8872 + 0.00015);
        let key = "potsdam-test-key";
        kiezwerk::open311::keys::insert(&app.state.core.db, app.state.core.clock.now_ms(), "potsdam", None, "Test", key)
            .await
            .expect("key");
        let (reference, _) = report_with_contact(&app, "potsdam", key, &lat.to_string(), &lon.to_string()).await;
        assert!(reference.starts_with("PDM-"), "{reference}");

        // Berlin with a square 40 m wide around that point: a strip of Potsdam narrower than
        // the border tolerance, so it is accepted — and the point lies deeper in it than in
        // Potsdam.
        let mut berlin = demo("berlin");
        let half = (0.00018, 0.00029);
        let square = rectangle(lon - half.1, lat - half.0, lon + half.1, lat + half.0);
        let mut geometry = serde_json::to_value(&berlin.boundary).expect("json");
        let square = serde_json::to_value(&square).expect("json");
        geometry["coordinates"]
            .as_array_mut()
            .expect("a MultiPolygon")
            .push(square["coordinates"].clone());
        berlin.boundary = serde_json::from_value(geometry).expect("geometry");

        let mut platform = browser_of(&app, Role::PlatformAdmin, "berlin").await;
        let saved = upload(&mut platform, "berlin", &serde_json::to_vec(&berlin).expect("json")).await;
        assert_eq!(saved.redirect(), "/verwaltung/berlin/konfiguration/pruefen", "{}", platform.get("/verwaltung/berlin/konfiguration").await.text());
        let draft = platform.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(draft.contains("1 von 1 Meldungen gingen mit dem Entwurf an eine andere Abteilung."), "{draft}");
        assert!(draft.contains("Darunter 1 Meldungen anderer Gemeinden, die mit der neuen Gemeindegrenze hierher gingen."));
        assert!(draft.contains("Landeshauptstadt Potsdam – Bereich Ordnungsangelegenheiten (Potsdam)"), "where it goes now");
    }
}

on_both_databases! {
    async fn a_draft_saved_before_a_command_line_import_that_changed_something_is_refused_with_what_changed_since(app) {
        let mut admin = browser_of(&app, Role::MunicipalAdmin, "berlin").await;
        let mut draft = demo("berlin");
        draft.departments[0].email = kiezwerk::tenants::config::Emails::one("entwurf@berlin.example");
        let saved = upload(&mut admin, "berlin", &serde_json::to_vec(&draft).expect("json")).await;
        assert_eq!(saved.redirect(), "/verwaltung/berlin/konfiguration/pruefen");

        // The same file imported again (as a deployment script does) undoes nothing.
        import(&app.state.core.db, app.state.core.clock.now_ms(), &demo("berlin")).await.expect("import");
        let page = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(page.contains("Entwurf prüfen") && !page.contains("Dieser Entwurf beruht auf"), "no warning");

        let mut imported = demo("berlin");
        imported.departments.push(DepartmentConfig {
            code: "wasserbetriebe".into(),
            name_de: "Berliner Wasserbetriebe".into(),
            name_en: "Berlin Water Works".into(),
            email: kiezwerk::tenants::config::Emails::one("service@bwb.example"),
        });
        import(&app.state.core.db, app.state.core.clock.now_ms(), &imported).await.expect("import");

        let page = admin.get("/verwaltung/berlin/konfiguration/pruefen").await.text();
        assert!(page.contains("Dieser Entwurf beruht auf Fassung 1, inzwischen gilt Fassung 3."), "warned before publishing");
        let refused = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Seit dieser Entwurf gespeichert wurde, ist Fassung 3 in Kraft getreten; er beruht auf Fassung 1."));
        assert!(page.contains("Abteilung neu: Berliner Wasserbetriebe (wasserbetriebe)."), "what it would undo");
        assert!(page.contains("Laden Sie die Konfiguration in Kraft herunter"));
        assert_eq!(app.count("config_drafts").await, 1, "the draft stays");
        assert_eq!(app.count("config_publications").await, 4, "the demo's two and the imports");

        // Uploaded again on top of the version in force, it publishes.
        let mut again = imported.clone();
        again.departments[0].email = kiezwerk::tenants::config::Emails::one("entwurf@berlin.example");
        upload(&mut admin, "berlin", &serde_json::to_vec(&again).expect("json")).await.redirect();
        let published = admin.post(PublishConfig::url(), &[("slug", "berlin")]).await;
        assert_eq!(published.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Fassung 4 ist veröffentlicht"), "{page}");
        let departments: i64 = sqlx::query_scalar(
            "select count(*) from departments d join municipalities m on m.id = d.municipality_id \
             where m.slug = 'berlin' and d.code = 'wasserbetriebe'",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("count");
        assert_eq!(departments, 1, "the import's department is still there");
    }
}

on_both_databases! {
    async fn an_over_counted_file_and_unusable_values_are_refused_and_change_nothing(app) {
        let mut admin = browser_of(&app, Role::MunicipalAdmin, "berlin").await;
        let mut many = demo("berlin");
        let template = many.departments[0].clone();
        many.departments = (0..400)
            .map(|i| DepartmentConfig { code: format!("abteilung-{i}"), ..template.clone() })
            .collect();
        let refused = upload(&mut admin, "berlin", &serde_json::to_vec(&many).expect("json")).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("Zu viele Abteilungen: 400, höchstens 300."), "{page}");

        let mut wrong = demo("berlin");
        wrong.departments[0].email = kiezwerk::tenants::config::Emails::one("bsr at example");
        wrong.groups[0].categories[0].name_de = "x".repeat(201);
        let refused = upload(&mut admin, "berlin", &serde_json::to_vec(&wrong).expect("json")).await;
        assert_eq!(refused.redirect(), "/verwaltung/berlin/konfiguration");
        let page = admin.get("/verwaltung/berlin/konfiguration").await.text();
        assert!(page.contains("ist keine E-Mail-Adresse wie meldungen@gemeinde.de"), "{page}");
        assert!(page.contains("höchstens 200 Zeichen, nicht 201."));
        assert_eq!(app.count("config_drafts").await, 0);
        assert_eq!(app.count("config_publications").await, 2);
        assert_eq!(admin.get("/verwaltung/berlin/konfiguration").await.status, StatusCode::OK);
    }
}
