//! Photos in an S3-compatible object store, against a real one (s3s-fs, started by the test
//! command): the photo is an object before the report that refers to it commits, a second
//! server serves it, abandoned uploads and erased photos leave no object behind, and a store
//! that cannot be reached refuses the report cleanly instead of losing its photo.

use crate::helpers::{report_with_photo, s3_server, Database, TestApp};
use axum::http::StatusCode;

/// A server on `database` whose photos are in a new bucket of the run's S3 server.
async fn with_object_store(database: Database) -> Option<(TestApp, String)> {
    let s3 = s3_server()?;
    let (bucket, vars) = s3.bucket();
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let app = TestApp::spawn_with(database, &vars).await?;
    Some((app, bucket))
}

#[tokio::test]
async fn a_reports_photo_is_an_object_in_the_store_and_another_server_shows_it() {
    for database in [Database::Sqlite, Database::Postgres] {
        let Some((app, bucket)) = with_object_store(database).await else {
            continue;
        };
        let s3 = s3_server().expect("S3 server");
        assert_eq!(app.get("/healthz").await.json()["photos"], "ok");
        let reference = report_with_photo(&app.router, None).await.expect("report");

        let objects = s3.objects(&bucket);
        assert_eq!(objects.len(), 2, "photo and thumbnail: {objects:?}");
        assert!(objects.iter().any(|o| o.ends_with(".thumb.jpg")));
        assert_eq!(app.photo_files(), 0, "nothing on the local disk");

        let (other, _) = app.second_server().await;
        let photo = other.get(&format!("/meldungen/{reference}/fotos/1")).await;
        assert_eq!(photo.status, StatusCode::OK, "{database:?}");
        assert_eq!(photo.header("content-type"), "image/jpeg");
        let full = objects
            .iter()
            .find(|o| !o.ends_with(".thumb.jpg"))
            .expect("full");
        let stored = std::fs::read(s3.root.join(&bucket).join(full)).expect("object");
        assert_eq!(photo.body, stored, "served from the object store");
    }
}

#[tokio::test]
async fn an_abandoned_upload_and_an_erased_photo_leave_no_object_behind() {
    for database in [Database::Sqlite, Database::Postgres] {
        let Some((app, bucket)) = with_object_store(database).await else {
            continue;
        };
        let s3 = s3_server().expect("S3 server");
        // What a crash between storing the object and committing leaves: the object and its
        // upload record, nothing referring to it.
        let key = kiezwerk::photos::store::new_key();
        let written = app.state.core.clock.now_ms();
        kiezwerk::photos::pending::record(&app.state.core.db, &key, written)
            .await
            .expect("record");
        app.state
            .photos
            .store
            .put(&key, b"full".to_vec(), b"thumb".to_vec())
            .await
            .expect("put");
        report_with_photo(&app.router, None).await.expect("report");
        assert_eq!(s3.objects(&bucket).len(), 4);

        let swept = kiezwerk::jobs::sweep_abandoned_photos(&app.state, written + 61 * 60 * 1000)
            .await
            .expect("sweep");
        assert_eq!(swept, 1);
        let left = s3.objects(&bucket);
        assert_eq!(left.len(), 2, "the report's photo stays: {left:?}");
        assert!(!left.iter().any(|o| o.contains(&key)));

        // Deleting what is already gone is no error (a sweep on two servers at once).
        app.state
            .photos
            .store
            .delete(&key)
            .await
            .expect("idempotent delete");
        let photo: String = sqlx::query_scalar("select storage_key from report_photos")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("photo");
        app.state.photos.store.delete(&photo).await.expect("delete");
        assert!(s3.objects(&bucket).is_empty());
    }
}

#[tokio::test]
async fn an_unreachable_store_refuses_the_report_and_stores_nothing() {
    let Some(s3) = s3_server() else {
        return;
    };
    let (_, mut vars) = s3.bucket();
    // A loopback port nobody listens on.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("port");
    vars[1].1 = format!("http://{closed}");
    let vars: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let app = TestApp::spawn_with(Database::Sqlite, &vars)
        .await
        .expect("app");

    let health = app.get("/healthz").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_ne!(health.json()["photos"], "ok");
    assert_eq!(report_with_photo(&app.router, None).await, None, "refused");
    assert_eq!(app.count("reports").await, 0);
}
