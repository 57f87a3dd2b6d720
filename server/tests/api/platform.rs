//! Platform administrators see every municipality with its activity and add a new one in the
//! browser: its boundary checked as every configuration is (and against its neighbours'), refused with every problem at its
//! field and the typed values kept, created as its first recorded version with one central
//! office, in force on another server after its reload, and its first administrator's
//! invitation handed over once. Nobody else reaches any of it.

use crate::helpers::{multipart_body, staff_browser, Browser, TestApp, TestResponse};
use crate::on_both_databases;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use kiezwerk_app::model::Role;

/// A square in the Havelland, far from the demo's municipalities, as a FeatureCollection.
const SQUARE: &str = r#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[12.5,52.4],[12.56,52.4],[12.56,52.43],[12.5,52.43],[12.5,52.4]]]}}]}"#;

/// A rectangle over all of Berlin.
const OVER_BERLIN: &str = r#"{"type":"Polygon","coordinates":[[[13.0,52.3],[13.8,52.3],[13.8,52.7],[13.0,52.7],[13.0,52.3]]]}"#;

/// A ring that crosses itself.
const BOW_TIE: &str = r#"{"type":"Polygon","coordinates":[[[12.5,52.4],[12.56,52.43],[12.56,52.4],[12.5,52.43],[12.5,52.4]]]}"#;

async fn add(browser: &mut Browser<'_>, fields: &[(&str, &str)], boundary: &str) -> TestResponse {
    let (content_type, body) = multipart_body(
        fields,
        &[(
            "grenze",
            "grenze.geojson",
            "application/geo+json",
            boundary.as_bytes(),
        )],
    );
    let request = Request::post("/verwaltung/neue-gemeinde")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request");
    browser.send(request).await
}

fn havelsee<'a>(slug: &'a str, prefix: &'a str, email: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("name", "Havelsee"),
        ("slug", slug),
        ("prefix", prefix),
        ("email", email),
    ]
}

async fn platform_admin(app: &TestApp) -> Browser<'_> {
    staff_browser(app, Role::PlatformAdmin, app.municipality("berlin"), None).await
}

on_both_databases! {
    async fn a_platform_administrator_adds_a_municipality_and_hands_over_its_first_administrators_invitation(app) {
        let (_other, live) = app.second_server().await;
        let mut platform = platform_admin(&app).await;
        let page = platform.get("/verwaltung").await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("href=\"/verwaltung/berlin\"") && html.contains("href=\"/verwaltung/potsdam\""));
        assert!(html.contains("Fassung 1 vom"), "the demo's imports");

        // A boundary that crosses itself and an unusable e-mail address: every problem at its
        // field, the typed values kept, nothing created.
        let refused = add(&mut platform, &havelsee("havelsee", "HVS", "keine Adresse"), BOW_TIE).await;
        assert_eq!(refused.redirect(), "/verwaltung");
        let html = platform.get("/verwaltung").await.text();
        assert!(html.contains("Geben Sie eine E-Mail-Adresse wie meldungen@gemeinde.de an."));
        assert!(html.contains("href=\"#email\""));
        assert!(html.contains("value=\"havelsee\""), "typed values kept");
        let refused = add(&mut platform, &havelsee("havelsee", "HVS", "meldungen@havelsee.example"), BOW_TIE).await;
        assert_eq!(refused.redirect(), "/verwaltung");
        let html = platform.get("/verwaltung").await.text();
        assert!(html.contains("Die Gemeindegrenze ist nicht verwendbar: Die Gemeindegrenze ist keine gültige Fläche: ein Ring schneidet oder berührt sich selbst bei 52."));
        assert!(html.contains("href=\"#grenze\""));
        for (slug, prefix, expected) in [
            ("berlin", "HVS", "Das Kürzel berlin ist schon vergeben."),
            ("havelsee", "BER", "Das Aktenzeichen-Kürzel BER verwendet schon eine andere Gemeinde."),
            ("Havel See", "HVS", "Geben Sie ein Kürzel aus Kleinbuchstaben"),
        ] {
            let refused = add(&mut platform, &havelsee(slug, prefix, "meldungen@havelsee.example"), SQUARE).await;
            assert_eq!(refused.redirect(), "/verwaltung");
            assert!(platform.get("/verwaltung").await.text().contains(expected), "{expected}");
        }
        // A boundary over a neighbour's: refused, naming it.
        let refused = add(&mut platform, &havelsee("havelsee", "HVS", "meldungen@havelsee.example"), OVER_BERLIN).await;
        assert_eq!(refused.redirect(), "/verwaltung");
        let html = platform.get("/verwaltung").await.text();
        assert!(html.contains("Die Gemeindegrenze überschneidet sich mit der von Berlin auf "), "the neighbour named");
        assert_eq!(app.count("municipalities").await, 2);
        assert_eq!(app.count("invitations").await, 0);

        let created = add(&mut platform, &havelsee("havelsee", "HVS", "meldungen@havelsee.example"), SQUARE).await;
        assert_eq!(created.redirect(), "/verwaltung");
        let html = platform.get("/verwaltung").await.text();
        assert!(html.contains("Havelsee ist angelegt"));
        assert!(html.contains("/einladung?token="), "the invitation, handed over once");
        assert!(!platform.get("/verwaltung").await.text().contains("/einladung?token="), "and only once");
        assert_eq!(app.count("municipalities").await, 3);
        let (role, slug): (String, String) = sqlx::query_as(
            "select i.role, m.slug from invitations i join municipalities m on m.id = i.municipality_id",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("invitation");
        assert_eq!((role.as_str(), slug.as_str()), ("municipal_admin", "havelsee"));
        let first: String = sqlx::query_scalar(
            "select p.changes_de from config_publications p join municipalities m on m.id = p.municipality_id where m.slug = 'havelsee'",
        )
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("publication");
        assert_eq!(first, "Erste Fassung mit Abteilungen: 1, Kategorien: 0, Gebiete: 0, Regeln: 1.");

        assert!(live.reload_if_changed().await.expect("poll"), "the other server reloads");
        let havelsee = live.state();
        let havelsee = havelsee.tenants.registry.by_slug("havelsee").expect("in force on the other server");
        assert_eq!(havelsee.departments[0].email.joined(), "meldungen@havelsee.example");
        assert_eq!(havelsee.reference_prefix, "HVS");
    }
}

on_both_databases! {
    async fn only_platform_administrators_see_every_municipality_and_add_one(app) {
        let mut municipal = staff_browser(&app, Role::MunicipalAdmin, app.municipality("berlin"), None).await;
        assert_eq!(municipal.get("/verwaltung").await.status, StatusCode::NOT_FOUND);
        let refused = add(&mut municipal, &havelsee("havelsee", "HVS", "meldungen@havelsee.example"), SQUARE).await;
        assert_eq!(refused.status, StatusCode::NOT_FOUND);
        let mut anonymous = app.browser();
        let refused = add(&mut anonymous, &havelsee("havelsee", "HVS", "meldungen@havelsee.example"), SQUARE).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(app.count("municipalities").await, 2);
    }
}
