//! API keys managed in the browser by a municipality's administrators: created and shown once,
//! named, scoped to the municipality or one department, read or write, revoked (refused at
//! once, also by another server on the same database), last use seen, every change audited.

use crate::helpers::{staff_browser, Browser, TestApp, TestResponse};
use crate::on_both_databases;
use axum::http::StatusCode;
use kiezwerk::server::AppState;
use kiezwerk_app::model::Role;
use tower::ServiceExt;

const KEYS: &str = "/verwaltung/berlin/schnittstellen";
const CREATE: &str = "/api/verwaltung/schluessel/anlegen";
const REVOKE: &str = "/api/verwaltung/schluessel/widerrufen";

/// The key shown once on the page after creating it.
fn shown_key(page: &TestResponse) -> String {
    let text = page.text();
    let marker = "class=\"handover\">";
    let start = text
        .find(marker)
        .unwrap_or_else(|| panic!("key shown: {text}"))
        + marker.len();
    text[start..start + text[start..].find('<').expect("end")].to_owned()
}

async fn create(admin: &mut Browser<'_>, name: &str, department: &str, access: &str) -> String {
    let (next, page) = admin
        .submit(
            CREATE,
            &[
                ("slug", "berlin"),
                ("name", name),
                ("department", department),
                ("access", access),
            ],
        )
        .await;
    assert_eq!(next, KEYS);
    shown_key(&page)
}

/// A report posted through Open311 with `key`.
async fn post_request(router: &axum::Router, key: &str) -> StatusCode {
    let body = serde_urlencoded::to_string([
        ("api_key", key),
        ("jurisdiction_id", "berlin"),
        ("service_code", "illegal-dumping"),
        ("lat", "52.5413"),
        ("long", "13.4124"),
        ("attribute[waste_kind]", "rubble"),
        ("attribute[amount]", "small"),
    ])
    .expect("form");
    let request = axum::http::Request::post("/open311/v2/requests.json")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .expect("request");
    router
        .clone()
        .oneshot(request)
        .await
        .expect("response")
        .status()
}

/// Another server process on the same database: its own state and memory.
async fn second_server(app: &TestApp) -> axum::Router {
    let state = AppState::new(
        (*app.state.core.settings).clone(),
        app.state.core.db.clone(),
        app.state.core.clock.clone(),
    )
    .await
    .expect("second server");
    kiezwerk::server::router(state)
}

async fn audit_events(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("select event, detail from audit_log where event like 'api_key_%' order by id")
        .fetch_all(&app.state.core.db.pool)
        .await
        .expect("audit")
}

on_both_databases! {
    async fn a_key_made_in_the_browser_works_at_once_and_is_refused_everywhere_once_revoked(app) {
        let mut admin = staff_browser(&app, Role::MunicipalAdmin, app.municipality("berlin"), None).await;
        let admin_page = admin.get("/verwaltung/berlin").await;
        assert!(admin_page.text().contains(&format!("href=\"{KEYS}\"")), "the administration links to the keys");

        let key = create(&mut admin, "Mängel-App Pankow", "", "write").await;
        assert!(key.starts_with("kw_") && key.len() == 46, "{key}");
        let page = admin.get(KEYS).await;
        assert!(!page.text().contains(&key), "shown only once");
        assert!(page.text().contains("Mängel-App Pankow") && page.text().contains(&key[..7]), "listed by name and first characters");
        let stored: String = sqlx::query_scalar("select key_hash from api_keys where name = 'Mängel-App Pankow'")
            .fetch_one(&app.state.core.db.pool).await.expect("stored");
        assert_ne!(stored, key, "only the fingerprint is stored");

        let other = second_server(&app).await;
        assert_eq!(post_request(&app.router, &key).await, StatusCode::CREATED);
        assert_eq!(post_request(&other, &key).await, StatusCode::CREATED, "works on every server");
        let used: Option<i64> = sqlx::query_scalar("select last_used_at from api_keys where name = 'Mängel-App Pankow'")
            .fetch_one(&app.state.core.db.pool).await.expect("used");
        let used = kiezwerk::core::time::format_time(used.expect("last use recorded"), kiezwerk_app::i18n::Lang::De);
        assert!(admin.get(KEYS).await.text().contains(&used), "last use shown");

        let id: i64 = sqlx::query_scalar("select id from api_keys where name = 'Mängel-App Pankow'")
            .fetch_one(&app.state.core.db.pool).await.expect("id");
        let (next, page) = admin.submit(REVOKE, &[("slug", "berlin"), ("key", &id.to_string())]).await;
        assert_eq!(next, KEYS);
        assert!(page.text().contains("ist widerrufen"), "{}", page.text());
        assert_eq!(post_request(&app.router, &key).await, StatusCode::FORBIDDEN);
        assert_eq!(post_request(&other, &key).await, StatusCode::FORBIDDEN, "refused at once on the other server too");

        let events = audit_events(&app).await;
        assert_eq!(events, vec![
            ("api_key_created".to_owned(), "Mängel-App Pankow (write)".to_owned()),
            ("api_key_revoked".to_owned(), "Mängel-App Pankow".to_owned()),
        ]);
        let log = admin.get("/verwaltung/berlin").await.text();
        assert!(log.contains("api_key_created") && log.contains("api_key_revoked"), "in the administration's log");
    }
}

on_both_databases! {
    async fn a_read_key_names_its_reader_but_may_not_post(app) {
        let mut admin = staff_browser(&app, Role::MunicipalAdmin, app.municipality("berlin"), None).await;
        let key = create(&mut admin, "Statistikamt", "", "read").await;
        let read = app.get(&format!("/open311/v2/requests.json?jurisdiction_id=berlin&api_key={key}")).await;
        assert_eq!(read.status, StatusCode::OK, "{}", read.text());
        let used: Option<i64> = sqlx::query_scalar("select last_used_at from api_keys where name = 'Statistikamt'")
            .fetch_one(&app.state.core.db.pool).await.expect("used");
        assert!(used.is_some(), "the read is seen as its use");
        let updates = app.get(&format!("/open311/v2/servicerequestupdates.xml?jurisdiction_id=berlin&api_key={key}")).await;
        assert_eq!(updates.status, StatusCode::OK);

        let post = app.post_form("/open311/v2/requests.json", &[
            ("api_key", &key), ("jurisdiction_id", "berlin"), ("service_code", "illegal-dumping"),
            ("lat", "52.5413"), ("long", "13.4124"),
        ]).await;
        assert_eq!(post.status, StatusCode::FORBIDDEN);
        assert!(post.text().contains("nur lesen"), "{}", post.text());

        let unknown = app.get("/open311/v2/requests.json?jurisdiction_id=berlin&api_key=kw_nonsense").await;
        assert_eq!(unknown.status, StatusCode::FORBIDDEN, "a named key must be valid");
        let foreign = app.get(&format!("/open311/v2/requests.json?jurisdiction_id=potsdam&api_key={key}")).await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN, "a key reads only its own municipality");
        let anonymous = app.get("/open311/v2/requests.json?jurisdiction_id=berlin").await;
        assert_eq!(anonymous.status, StatusCode::OK, "reading without a key stays open");
    }
}

on_both_databases! {
    async fn a_key_bound_to_a_department_made_in_the_browser_is_that_departments_back_office(app) {
        let municipality = app.state.tenants.registry.by_slug("berlin").expect("berlin");
        let department = municipality.departments.iter().find(|d| d.code == "ordnungsamt-pankow").expect("department");
        let mut admin = staff_browser(&app, Role::MunicipalAdmin, municipality.id, None).await;
        let key = create(&mut admin, "Fachverfahren Ordnungsamt", &department.id.to_string(), "write").await;
        let (reference, _) = crate::helpers::report_with_contact(&app, "berlin", "demo-key", "52.5413", "13.4124").await;
        let pushed = app.post_form("/open311/v2/servicerequestupdates.json", &[
            ("api_key", &key), ("jurisdiction_id", "berlin"), ("service_request_id", &reference),
            ("status", "in_progress"), ("description", "Wir sind dran."),
        ]).await;
        assert_eq!(pushed.status, StatusCode::OK, "{}", pushed.text());
        let page = admin.get(KEYS).await.text();
        assert!(page.contains(department.name(kiezwerk_app::i18n::Lang::De)), "the scope is listed");
    }
}

on_both_databases! {
    async fn wrong_key_forms_and_foreign_hands_change_nothing(app) {
        let berlin_id = app.municipality("berlin");
        let mut admin = staff_browser(&app, Role::MunicipalAdmin, berlin_id, None).await;
        let before = app.count("api_keys").await;

        let (next, page) = admin.submit(CREATE, &[("slug", "berlin"), ("name", "  "), ("department", ""), ("access", "write")]).await;
        assert_eq!(next, KEYS);
        assert!(page.text().contains("href=\"#name\""), "the error summary links to the field");
        let long = "x".repeat(81);
        let (_, page) = admin.submit(CREATE, &[("slug", "berlin"), ("name", &long), ("department", ""), ("access", "write")]).await;
        assert!(page.text().contains("href=\"#name\""));
        let potsdam = app.state.tenants.registry.by_slug("potsdam").expect("potsdam");
        let foreign_department = potsdam.departments[0].id.to_string();
        let (_, page) = admin.submit(CREATE, &[("slug", "berlin"), ("name", "Fremd"), ("department", &foreign_department), ("access", "write")]).await;
        assert!(page.text().contains("href=\"#department\""), "another municipality's department is refused");
        assert!(page.text().contains("value=\"Fremd\""), "the typed name is kept");
        let (_, page) = admin.submit(CREATE, &[("slug", "berlin"), ("name", ""), ("department", "")]).await;
        assert!(page.text().contains("href=\"#access\""), "access must be chosen");
        assert!(page.text().contains("href=\"#name\""), "every error at once");
        assert_eq!(app.count("api_keys").await, before, "nothing was made");

        // Not this municipality's administrator, or no administrator at all.
        let forbidden = admin.post(CREATE, &[("slug", "potsdam"), ("name", "X"), ("department", ""), ("access", "write")]).await;
        assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
        let mut dispatcher = staff_browser(&app, Role::Dispatcher, berlin_id, None).await;
        assert_eq!(dispatcher.get(KEYS).await.status, StatusCode::FORBIDDEN);
        let refused = dispatcher.post(CREATE, &[("slug", "berlin"), ("name", "X"), ("department", ""), ("access", "write")]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(app.count("api_keys").await, before);

        // Berlin's administrator cannot revoke Potsdam's key.
        kiezwerk::open311::keys::insert(&app.state.core.db, app.state.core.clock.now_ms(), "potsdam", None, "Potsdam", "potsdam-key").await.expect("key");
        let id: i64 = sqlx::query_scalar("select id from api_keys where name = 'Potsdam'")
            .fetch_one(&app.state.core.db.pool).await.expect("id");
        let revoke = admin.post(REVOKE, &[("slug", "berlin"), ("key", &id.to_string())]).await;
        assert_eq!(revoke.status, StatusCode::FORBIDDEN);
        let revoked: Option<i64> = sqlx::query_scalar("select revoked_at from api_keys where id = $1")
            .bind(id).fetch_one(&app.state.core.db.pool).await.expect("key");
        assert_eq!(revoked, None);
        assert!(audit_events(&app).await.is_empty(), "refusals change nothing and log no change");
    }
}
