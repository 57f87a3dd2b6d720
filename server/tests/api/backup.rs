//! `kiezwerk backup` and `kiezwerk restore` on SQLite: a backup taken while reports with photos
//! keep arriving restores into a fresh data directory with every report it holds and all their
//! photos, and a server started on it shows them.

use crate::helpers::{report_with_photo, Database, TestApp};
use axum::body::Body;
use axum::http::{Request, StatusCode};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::db::Db;
use kiezwerk::ops::backup::{backup, restore};
use kiezwerk::server::AppState;
use tower::ServiceExt;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_load_restores_every_report_with_its_photos() {
    let app = TestApp::spawn(Database::Sqlite).await.expect("SQLite");
    for _ in 0..3 {
        report_with_photo(&app.router, None).await.expect("report");
    }
    // Reports keep arriving while the backup runs.
    let router = app.router.clone();
    let load = tokio::spawn(async move {
        let mut acknowledged = Vec::new();
        for _ in 0..12 {
            acknowledged.extend(report_with_photo(&router, None).await);
        }
        acknowledged
    });
    let target = tempfile::tempdir().expect("backup directory");
    let first = backup(&app.state.core.db, &app.photo_dir, target.path(), false)
        .await
        .expect("backup");
    assert!(first.reports >= 3, "{first:?}");
    assert!(
        first.photos_missing.is_empty(),
        "every photo of the snapshot is in the backup: {first:?}"
    );
    let acknowledged = load.await.expect("load");
    assert_eq!(acknowledged.len(), 12);

    // Again into the same directory: the whole database, only the new photos.
    let second = backup(&app.state.core.db, &app.photo_dir, target.path(), false)
        .await
        .expect("backup again");
    assert_eq!(second.reports, 15);
    assert_eq!(
        second.photos_copied,
        second.photos_present - first.photos_present
    );
    assert!(second.photos_missing.is_empty());

    let fresh = tempfile::tempdir().expect("fresh data directory");
    let database = fresh.path().join("kiezwerk.db");
    let photos = fresh.path().join("photos");
    let restored = restore(target.path(), Some(&database), &photos, false)
        .await
        .expect("restore");
    assert_eq!(restored.reports, 15);
    assert!(restored.photos_missing.is_empty(), "{restored:?}");
    let again = restore(target.path(), Some(&database), &photos, false).await;
    assert!(again.is_err(), "a restore never overwrites data");

    // A server on the restored data shows each report with its photo.
    let mut settings = (*app.state.core.settings).clone();
    settings.photo_dir = photos.clone();
    let db = Db::connect(&format!("sqlite:{}", database.display()))
        .await
        .expect("restored database");
    let state = AppState::new(settings, db, Clock::system())
        .await
        .expect("state");
    let server = kiezwerk::server::router(state);
    for reference in &acknowledged {
        let request = Request::get(format!("/meldungen/{reference}/fotos/1"))
            .body(Body::empty())
            .expect("request");
        let photo = server.clone().oneshot(request).await.expect("response");
        assert_eq!(photo.status(), StatusCode::OK, "{reference}");
    }
}

#[tokio::test]
async fn backing_up_postgresql_asks_for_pg_dump_and_copies_only_photos() {
    let Some(app) = TestApp::spawn(Database::Postgres).await else {
        return;
    };
    report_with_photo(&app.router, None).await.expect("report");
    let target = tempfile::tempdir().expect("backup directory");
    let refused = backup(&app.state.core.db, &app.photo_dir, target.path(), false).await;
    assert!(refused
        .expect_err("refused")
        .to_string()
        .contains("pg_dump"));
    let photos = backup(&app.state.core.db, &app.photo_dir, target.path(), true)
        .await
        .expect("photos");
    assert_eq!(
        (photos.photos_copied, photos.photos_present),
        (2, 2),
        "the photo and its thumbnail"
    );
    assert!(!target.path().join("kiezwerk.db").exists());
}
