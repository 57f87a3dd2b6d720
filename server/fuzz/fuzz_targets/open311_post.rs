//! Open311 posts through the real router on a real (SQLite) database: the first byte picks the
//! body's type (form, or multipart with the boundary `kwfuzz`), the rest is the body. Every
//! answer must be a success or the client's fault (4xx) — a 5xx or a panic is a finding.
#![no_main]

use axum::body::Body;
use axum::http::{header, Request};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::Db;
use kiezwerk::server::{router, AppState};
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;
use std::sync::OnceLock;
use tower::ServiceExt;

struct Fixture {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    _dir: tempfile::TempDir,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("directory");
        let url = format!("sqlite:{}", dir.path().join("kiezwerk.db").display());
        let vars: HashMap<String, String> = HashMap::from([
            ("KIEZWERK_DATA_DIR".into(), dir.path().display().to_string()),
            ("KIEZWERK_DATABASE_URL".into(), url.clone()),
            ("KIEZWERK_INTAKE_PER_MINUTE".into(), "100000000".into()),
            ("KIEZWERK_API_KEY_PER_MINUTE".into(), "100000000".into()),
        ]);
        let settings = Settings::load_with(None, &|k| vars.get(k).cloned()).expect("settings");
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("runtime");
        let router = runtime.block_on(async {
            let db = Db::connect(&url).await.expect("database");
            let clock = Clock::system();
            kiezwerk::demo::install_if_empty(&db, clock.now_ms())
                .await
                .expect("demo");
            router(AppState::new(settings, db, clock).await.expect("state"))
        });
        Fixture {
            runtime,
            router,
            _dir: dir,
        }
    })
}

fuzz_target!(|bytes: &[u8]| {
    let Some((kind, body)) = bytes.split_first() else {
        return;
    };
    let content_type = if kind % 2 == 0 {
        "application/x-www-form-urlencoded"
    } else {
        "multipart/form-data; boundary=kwfuzz"
    };
    let fixture = fixture();
    let request = Request::post("/open311/v2/requests.json")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body.to_vec()))
        .expect("request");
    let response = fixture
        .runtime
        .block_on(fixture.router.clone().oneshot(request))
        .expect("response");
    assert!(
        !response.status().is_server_error(),
        "{} for a post the client got wrong",
        response.status()
    );
});
