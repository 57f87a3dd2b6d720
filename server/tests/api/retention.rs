//! Storage limitation: contact data of closed reports is erased after the municipality's
//! contact period, their photos after the photo period; open reports are untouched, a second
//! pass erases nothing, each pass that erased something is audited, and a municipality's
//! configuration sets the periods.

use crate::helpers::{report_with_photo, TestApp};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::ops::retention::{apply, Erased};
use kiezwerk::tenants::config::{import, MunicipalityConfig, RetentionConfig};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

async fn email_of(app: &TestApp, reference: &str) -> Option<String> {
    sqlx::query_scalar("select reporter_email from reports where reference = $1")
        .bind(reference)
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("report")
}

on_both_databases! {
    async fn contacts_and_then_photos_of_closed_reports_are_erased_after_their_periods(app) {
        let db = &app.state.core.db;
        let store = &app.state.photos.store;
        let closed = report_with_photo(&app.router, Some("melder@example.de")).await.expect("report");
        let open = report_with_photo(&app.router, Some("andere@example.de")).await.expect("report");
        sqlx::query("insert into report_followers (report_id, email, created_at) select id, 'folgt@example.de', 0 from reports where reference = $1")
            .bind(&closed).execute(&db.pool).await.expect("follower");
        let fixed = app.post_form("/open311/v2/servicerequestupdates.json", &[
            ("api_key", "demo-backoffice-key"), ("jurisdiction_id", "berlin"),
            ("service_request_id", &closed), ("status", "fixed"), ("description", "Abgeholt."),
        ]).await;
        assert_eq!(fixed.status, StatusCode::OK, "{}", fixed.text());
        let now = app.state.core.clock.now_ms();
        let files = app.photo_files();

        assert_eq!(apply(db, store, now + 89 * DAY_MS).await.expect("pass"), Erased::default(), "not yet");
        assert_eq!(email_of(&app, &closed).await.as_deref(), Some("melder@example.de"));

        let erased = apply(db, store, now + 91 * DAY_MS).await.expect("pass");
        assert_eq!(erased, Erased { contacts: 1, followers: 1, photos: 0 });
        assert_eq!(email_of(&app, &closed).await, None);
        assert_eq!(email_of(&app, &open).await.as_deref(), Some("andere@example.de"), "open reports keep theirs");
        assert_eq!(app.count("report_followers").await, 0);
        assert_eq!(apply(db, store, now + 91 * DAY_MS).await.expect("again"), Erased::default(), "idempotent");
        assert_eq!(app.get(&format!("/meldungen/{closed}/fotos/1")).await.status, StatusCode::OK, "photos stay longer");

        let erased = apply(db, store, now + 366 * DAY_MS).await.expect("pass");
        assert_eq!(erased, Erased { contacts: 0, followers: 0, photos: 1 });
        assert_eq!(app.photo_files(), files - 2, "the photo and its thumbnail are gone from the disk");
        assert_eq!(app.count("photo_uploads").await, 0, "nothing left for the sweep");
        assert_eq!(app.get(&format!("/meldungen/{closed}/fotos/1")).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/meldungen/{open}/fotos/1")).await.status, StatusCode::OK);
        let count: i64 = sqlx::query_scalar("select photo_count from reports where reference = $1")
            .bind(&closed).fetch_one(&db.pool).await.expect("count");
        assert_eq!(count, 0);
        assert_eq!(app.get(&format!("/meldungen/{closed}")).await.status, StatusCode::OK, "the report itself stays");

        let audited: Vec<String> = sqlx::query_scalar("select detail from audit_log where event = 'retention_applied' order by id")
            .fetch_all(&db.pool).await.expect("audit");
        assert_eq!(audited, ["1 contacts, 1 followers, 0 photos", "0 contacts, 0 followers, 1 photos"]);
    }
}

on_both_databases! {
    async fn a_municipalitys_configuration_sets_its_retention_periods(app) {
        let db = &app.state.core.db;
        let mut config = MunicipalityConfig::from_json(include_str!("../../demo/potsdam.json")).expect("config");
        config.retention = Some(RetentionConfig { contact_days: 30, photo_days: 180 });
        import(db, 0, &config).await.expect("import");
        let periods: (i64, i64) = sqlx::query_as("select contact_retention_days, photo_retention_days from municipalities where slug = 'potsdam'")
            .fetch_one(&db.pool).await.expect("periods");
        assert_eq!(periods, (30, 180));
        let berlin: (i64, i64) = sqlx::query_as("select contact_retention_days, photo_retention_days from municipalities where slug = 'berlin'")
            .fetch_one(&db.pool).await.expect("periods");
        assert_eq!(berlin, (90, 365), "the defaults");

        config.retention = Some(RetentionConfig { contact_days: 0, photo_days: 180 });
        let refused = import(db, 0, &config).await.expect_err("refused");
        assert!(refused.to_string().contains("retention.contact_days"), "{refused}");
        config.retention = None;
        import(db, 0, &config).await.expect("import without retention");
        let kept: (i64, i64) = sqlx::query_as("select contact_retention_days, photo_retention_days from municipalities where slug = 'potsdam'")
            .fetch_one(&db.pool).await.expect("periods");
        assert_eq!(kept, (30, 180), "a file without retention keeps what is set");
    }
}
