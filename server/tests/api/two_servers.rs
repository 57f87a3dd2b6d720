//! Two servers on one database and one photo store, as behind a load balancer: nothing either
//! keeps in memory is needed by the other. A report taken by one is shown with its photo by
//! the other; a session made on one works on the other and ends on both; the rate limit counts
//! the requests to both; a configuration imported while both run routes on the other within
//! its next reload.

use crate::helpers::{
    department_of, dumping_in_pankow_to_bsr, report_with_photo, staff_browser, TestApp,
};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::tenants::config::{import, MunicipalityConfig};
use kiezwerk_app::model::Role;

on_both_databases! {
    async fn a_report_taken_by_one_server_is_shown_with_its_photo_by_the_other(app) {
        let (other, _) = app.second_server().await;
        let reference = report_with_photo(&app.router, None).await.expect("report");
        let page = other.get(&format!("/meldungen/{reference}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains(&reference));
        let photo = other.get(&format!("/meldungen/{reference}/fotos/1")).await;
        assert_eq!(photo.status, StatusCode::OK);
        assert_eq!(photo.header("content-type"), "image/jpeg");
    }
}

on_both_databases! {
    async fn a_session_made_on_one_server_works_on_the_other_and_signing_out_there_ends_it(app) {
        let (other, _) = app.second_server().await;
        let berlin = app.municipality("berlin");
        let mut on_a = staff_browser(&app, Role::MunicipalAdmin, berlin, None).await;
        assert_eq!(on_a.get("/konto").await.status, StatusCode::OK);
        let mut on_b = other.browser();
        on_b.cookies = on_a.cookies.clone();
        assert_eq!(on_b.get("/konto").await.status, StatusCode::OK, "the session is known to B");

        let signed_out = on_b.post("/api/konto/abmelden", &[]).await;
        assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
        assert_eq!(on_a.get("/konto").await.redirect(), "/konto/anmelden", "and ended on A");
    }
}

#[tokio::test]
async fn the_rate_limit_counts_the_requests_to_both_servers() {
    for database in [
        crate::helpers::Database::Sqlite,
        crate::helpers::Database::Postgres,
    ] {
        let Some(app) = TestApp::spawn_with(database, &[("KIEZWERK_INTAKE_PER_MINUTE", "4")]).await
        else {
            continue;
        };
        let (other, _) = app.second_server().await;
        for router in [&app.router, &other.router, &app.router, &other.router] {
            assert!(
                report_with_photo(router, None).await.is_some(),
                "within the limit on {database:?}"
            );
        }
        assert_eq!(
            report_with_photo(&app.router, None).await,
            None,
            "the fifth, on A, on {database:?}"
        );
        assert_eq!(
            report_with_photo(&other.router, None).await,
            None,
            "and on B, on {database:?}"
        );
        assert_eq!(app.count("reports").await, 4);
    }
}

on_both_databases! {
    async fn a_configuration_imported_while_both_run_routes_on_the_other_after_its_reload(app) {
        let (other, live) = app.second_server().await;
        let before = report_with_photo(&other.router, None).await.expect("report");
        assert_eq!(department_of(&app, &before).await, "ordnungsamt-pankow");
        assert!(!live.reload_if_changed().await.expect("poll"), "nothing changed yet");

        // As `kiezwerk tenant import` does, beside both servers: dumping in Pankow goes to the BSR.
        let mut config = MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("config");
        config.rules.push(dumping_in_pankow_to_bsr());
        import(&app.state.core.db, app.state.core.clock.now_ms(), &config).await.expect("import");

        assert!(live.reload_if_changed().await.expect("poll"), "the other server reloads");
        assert!(!live.reload_if_changed().await.expect("poll"), "once");
        let after = report_with_photo(&other.router, None).await.expect("report");
        assert_eq!(department_of(&app, &after).await, "bsr");
    }
}
