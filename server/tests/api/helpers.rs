//! A Kiezwerk instance per test, on a fresh SQLite or PostgreSQL database, driven through the
//! real router; and a small browser that keeps cookies.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::Db;
use kiezwerk::server::AppState;
use kiezwerk_app::model::{AccountId, DepartmentId, MunicipalityId, Role};
use std::collections::HashMap;
use std::path::PathBuf;
use tower::ServiceExt;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    Sqlite,
    Postgres,
}

/// Where PostgreSQL tests create their databases.
fn postgres_admin_url() -> String {
    std::env::var("KIEZWERK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub photo_dir: PathBuf,
    /// The data directory; a second server ([`TestApp::second_server`]) has none of its own.
    _dir: Option<tempfile::TempDir>,
    postgres_database: Option<String>,
}

impl TestApp {
    /// A fresh instance with the demo configuration. `None` (with a loud message) only for
    /// PostgreSQL when no server is reachable and `KIEZWERK_REQUIRE_POSTGRES` is not set.
    pub async fn spawn(database: Database) -> Option<TestApp> {
        Self::spawn_with(database, &[]).await
    }

    pub async fn spawn_with(database: Database, extra: &[(&str, &str)]) -> Option<TestApp> {
        // KIEZWERK_TEST_LOG=debug (any tracing filter) shows the server's logs of a test run.
        if let Ok(filter) = std::env::var("KIEZWERK_TEST_LOG") {
            let _ = tracing_subscriber::fmt()
                .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
                .with_test_writer()
                .try_init();
        }
        let dir = tempfile::tempdir().expect("temporary directory");
        let (url, postgres_database) = match database {
            Database::Sqlite => (
                format!("sqlite:{}", dir.path().join("kiezwerk.db").display()),
                None,
            ),
            Database::Postgres => {
                let name = format!("kiezwerk_test_{:016x}", rand::random::<u64>());
                match create_postgres_database(&name).await {
                    Ok(url) => (url, Some(name)),
                    Err(error) => {
                        if std::env::var("KIEZWERK_REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
                            panic!("PostgreSQL is required but unreachable: {error}");
                        }
                        eprintln!(
                            "\n!!!!! SKIPPED on PostgreSQL: no server at {} ({error}) !!!!!\n",
                            postgres_admin_url()
                        );
                        return None;
                    }
                }
            }
        };
        let photo_dir = dir.path().join("photos");
        let mut vars: HashMap<String, String> = HashMap::from([
            ("KIEZWERK_DATA_DIR".into(), dir.path().display().to_string()),
            ("KIEZWERK_DATABASE_URL".into(), url.clone()),
            ("KIEZWERK_PHOTO_DIR".into(), photo_dir.display().to_string()),
            ("KIEZWERK_INTAKE_PER_MINUTE".into(), "1000".into()),
        ]);
        for (k, v) in extra {
            vars.insert((*k).to_owned(), (*v).to_owned());
        }
        let settings = Settings::load_with(None, &|k| vars.get(k).cloned()).expect("settings");
        let db = Db::connect(&url).await.expect("database");
        // The system clock (faked as a whole by `faketime` in the test command's clock step);
        // a test that needs a particular moment sets it with `app.state.core.clock.set`.
        let clock = Clock::system();
        kiezwerk::demo::install_if_empty(&db, clock.now_ms())
            .await
            .expect("demo configuration");
        let state = AppState::new(settings, db, clock).await.expect("state");
        Some(TestApp {
            router: kiezwerk::server::router(state.clone()),
            state,
            photo_dir,
            _dir: Some(dir),
            postgres_database,
        })
    }

    /// Another server on the same database and photo store, with nothing in memory shared
    /// with this one (its own state, limiters and configuration), behind its configuration
    /// reloader. Declare it after this one: it must be dropped first.
    pub async fn second_server(&self) -> (TestApp, kiezwerk::server::Live) {
        let settings = (*self.state.core.settings).clone();
        let db = Db::connect(settings.database_url.expose())
            .await
            .expect("database");
        let state = AppState::new(settings, db, Clock::system())
            .await
            .expect("state");
        let live = kiezwerk::server::Live::new(state.clone());
        let app = TestApp {
            router: live.router(),
            state,
            photo_dir: self.photo_dir.clone(),
            _dir: None,
            postgres_database: None,
        };
        (app, live)
    }

    pub async fn send(&self, request: Request<Body>) -> TestResponse {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("response");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> TestResponse {
        let response = self
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        if response.header("content-type").starts_with("text/html") {
            assert_unique_ids(path, &response.text());
        }
        response
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.send(form_request(path, fields, &HeaderMap::new()))
            .await
    }

    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("select count(*) from {table}"))
            .fetch_one(&self.state.core.db.pool)
            .await
            .expect("count")
    }

    /// Files (photos) in the photo directory.
    pub fn photo_files(&self) -> usize {
        fn walk(dir: &std::path::Path) -> usize {
            std::fs::read_dir(dir)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| {
                            if e.path().is_dir() {
                                walk(&e.path())
                            } else {
                                1
                            }
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        walk(&self.photo_dir)
    }

    /// The id of the municipality with `slug`.
    pub fn municipality(&self, slug: &str) -> MunicipalityId {
        self.state
            .tenants
            .registry
            .by_slug(slug)
            .expect("municipality")
            .id
    }

    pub fn browser(&self) -> Browser<'_> {
        Browser {
            app: self,
            cookies: HashMap::new(),
            headers: HeaderMap::new(),
        }
    }
}

async fn create_postgres_database(name: &str) -> Result<String, String> {
    use sqlx::Connection;
    let admin = postgres_admin_url();
    let mut conn = tokio::time::timeout(
        std::time::Duration::from_secs(5),
        sqlx::PgConnection::connect(&admin),
    )
    .await
    .map_err(|_| "timed out".to_owned())?
    .map_err(|e| e.to_string())?;
    sqlx::Executor::execute(&mut conn, format!("create database {name}").as_str())
        .await
        .map_err(|e| e.to_string())?;
    let base = admin
        .rsplit_once('/')
        .map(|(base, _)| base)
        .unwrap_or(&admin);
    Ok(format!("{base}/{name}"))
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let Some(name) = self.postgres_database.take() else {
            return;
        };
        // Drop runs outside async; a short-lived runtime of its own removes the database.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            let cleanup = async move {
                use sqlx::Connection;
                if let Ok(mut conn) = sqlx::PgConnection::connect(&postgres_admin_url()).await {
                    let _ = sqlx::Executor::execute(
                        &mut conn,
                        format!("drop database if exists {name} with (force)").as_str(),
                    )
                    .await;
                }
            };
            // A test database left behind costs nothing; a hanging test run costs the CI slot.
            let _ = runtime.block_on(async {
                tokio::time::timeout(std::time::Duration::from_secs(20), cleanup).await
            });
        })
        .join();
    }
}

pub fn form_request(path: &str, fields: &[(&str, &str)], headers: &HeaderMap) -> Request<Body> {
    let body = serde_urlencoded::to_string(fields).expect("form");
    let mut request = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request");
    request.headers_mut().extend(headers.clone());
    request
}

/// A multipart body: text fields, then files as (field, file name, content type, bytes).
pub fn multipart_body(
    fields: &[(&str, &str)],
    files: &[(&str, &str, &str, &[u8])],
) -> (String, Vec<u8>) {
    let boundary = "kiezwerk-test-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes(),
        );
    }
    for (name, file, content_type, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: {content_type}\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    }

    /// Asserts a post/redirect/get answer and returns where it leads.
    pub fn redirect(&self) -> String {
        assert!(
            self.status.is_redirection(),
            "expected a redirect, got {}: {}",
            self.status,
            self.text()
        );
        self.location()
    }
}

/// A browser without JavaScript: sends form posts like one (same-origin, accepts HTML) and
/// keeps cookies.
pub struct Browser<'a> {
    pub app: &'a TestApp,
    pub cookies: HashMap<String, String>,
    pub headers: HeaderMap,
}

impl Browser<'_> {
    fn decorate(&self, request: &mut Request<Body>) {
        let cookies: Vec<String> = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        let headers = request.headers_mut();
        if !cookies.is_empty() {
            headers.insert(
                header::COOKIE,
                cookies.join("; ").parse().expect("cookie header"),
            );
        }
        headers.insert(
            header::ACCEPT,
            "text/html,application/xhtml+xml".parse().expect("accept"),
        );
        headers.insert("sec-fetch-site", "same-origin".parse().expect("fetch site"));
        headers.extend(self.headers.clone());
    }

    fn remember(&mut self, response: &TestResponse) {
        for value in response.headers.get_all(header::SET_COOKIE) {
            let Some((pair, _)) = value
                .to_str()
                .ok()
                .map(|v| v.split_once(';').unwrap_or((v, "")))
            else {
                continue;
            };
            if let Some((name, value)) = pair.split_once('=') {
                self.cookies
                    .insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
    }

    pub async fn send(&mut self, mut request: Request<Body>) -> TestResponse {
        self.decorate(&mut request);
        let response = self.app.send(request).await;
        self.remember(&response);
        response
    }

    /// Fetches a page; every HTML page is also checked for duplicate element ids, which break
    /// labels, error-summary links and `aria-describedby`.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        let response = self
            .send(Request::get(path).body(Body::empty()).expect("request"))
            .await;
        if response.header("content-type").starts_with("text/html") {
            assert_unique_ids(path, &response.text());
        }
        response
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        self.send(form_request(path, fields, &HeaderMap::new()))
            .await
    }

    /// Posts JSON as the page's script does (`fetch` from the same origin).
    pub async fn post_json(&mut self, path: &str, body: &serde_json::Value) -> TestResponse {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("origin", crate::authenticator::ORIGIN)
            .body(Body::from(body.to_string()))
            .expect("request");
        self.send(request).await
    }

    /// Posts and follows the redirect; returns the page it lands on and its path.
    pub async fn submit(&mut self, path: &str, fields: &[(&str, &str)]) -> (String, TestResponse) {
        let response = self.post(path, fields).await;
        let next = response.redirect();
        let page = self.get(&next).await;
        (next, page)
    }

    pub async fn upload(&mut self, files: &[(&str, &str, &[u8])]) -> TestResponse {
        let parts: Vec<(&str, &str, &str, &[u8])> = files
            .iter()
            .map(|(name, content_type, bytes)| ("foto", *name, *content_type, *bytes))
            .collect();
        let (content_type, body) = multipart_body(&[], &parts);
        let request = Request::post("/melden/fotos/hochladen")
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }
}

fn assert_unique_ids(path: &str, html: &str) {
    let mut seen = std::collections::HashSet::new();
    for id in html
        .split(" id=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
    {
        assert!(seen.insert(id), "duplicate id {id:?} on {path}");
    }
}

/// A new account named `name`, signed in through a session made directly in the database.
pub async fn account_browser<'a>(app: &'a TestApp, name: &str) -> (Browser<'a>, AccountId) {
    let now = app.state.core.clock.now_ms();
    let id: AccountId = sqlx::query_scalar(
        "insert into accounts (user_handle, display_name, created_at, updated_at) values ($1, $2, $3, $3) returning id",
    )
    .bind(uuid::Uuid::new_v4().to_string())
    .bind(name)
    .bind(now)
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("account");
    let token = kiezwerk::auth::sessions::create(&app.state.core.db, now, id)
        .await
        .expect("session");
    let mut browser = app.browser();
    browser.cookies.insert("kw_session".into(), token);
    (browser, id)
}

/// A signed-in citizen: an account without any role.
pub async fn citizen_browser(app: &TestApp) -> Browser<'_> {
    account_browser(app, "Bürgerin").await.0
}

/// An account with one role, signed in.
pub async fn staff_browser<'a>(
    app: &'a TestApp,
    role: Role,
    municipality: MunicipalityId,
    department: Option<DepartmentId>,
) -> Browser<'a> {
    let name = format!("{} {}", role.code(), rand::random::<u16>());
    let (browser, id) = account_browser(app, &name).await;
    sqlx::query(
        "insert into role_grants (account_id, role, municipality_id, department_id, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(role.code())
    .bind((role != Role::PlatformAdmin).then_some(municipality))
    .bind(department)
    .bind(app.state.core.clock.now_ms())
    .execute(&app.state.core.db.pool)
    .await
    .expect("grant");
    browser
}

/// A report with the reporter's address, through Open311, in `slug`; reference and department.
pub async fn report_with_contact(
    app: &TestApp,
    slug: &str,
    key: &str,
    lat: &str,
    lon: &str,
) -> (String, DepartmentId) {
    let created = app
        .post_form(
            "/open311/v2/requests.json",
            &[
                ("api_key", key),
                ("jurisdiction_id", slug),
                ("service_code", "illegal-dumping"),
                ("lat", lat),
                ("long", lon),
                ("description", "Bauschutt"),
                ("email", "melder@example.de"),
                ("attribute[waste_kind]", "rubble"),
                ("attribute[amount]", "small"),
            ],
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let reference = created.json()[0]["service_request_id"]
        .as_str()
        .expect("id")
        .to_owned();
    let department: DepartmentId =
        sqlx::query_scalar("select department_id from reports where reference = $1")
            .bind(&reference)
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("report");
    (reference, department)
}

/// A report with a photo (and the reporter's address, if given) through Open311 in Pankow; its
/// reference, if it was acknowledged.
pub async fn report_with_photo(router: &Router, email: Option<&str>) -> Option<String> {
    let request = report_with_photo_request(email);
    let response = router.clone().oneshot(request).await.expect("response");
    if response.status() != StatusCode::CREATED {
        return None;
    }
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let answer: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
    answer[0]["service_request_id"].as_str().map(str::to_owned)
}

/// A routing rule for Berlin's demo: illegal dumping in Pankow goes to the BSR (instead of the
/// Ordnungsamt), before every other rule.
pub fn dumping_in_pankow_to_bsr() -> kiezwerk::tenants::config::RuleConfig {
    kiezwerk::tenants::config::RuleConfig {
        category: Some("illegal-dumping".into()),
        group: None,
        area: Some("pankow".into()),
        department: "bsr".into(),
        priority: 10,
    }
}

/// The code of the department a report went to.
pub async fn department_of(app: &TestApp, reference: &str) -> String {
    sqlx::query_scalar(
        "select d.code from reports r join departments d on d.id = r.department_id where r.reference = $1",
    )
    .bind(reference)
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("report")
}

/// The Open311 post of [`report_with_photo`]: dumping in Pankow with a photo.
pub fn report_with_photo_request(email: Option<&str>) -> Request<Body> {
    let mut fields = vec![
        ("api_key", "demo-key"),
        ("jurisdiction_id", "berlin"),
        ("service_code", "illegal-dumping"),
        ("lat", "52.5413"),
        ("long", "13.4124"),
        ("attribute[waste_kind]", "rubble"),
        ("attribute[amount]", "small"),
    ];
    fields.extend(email.map(|e| ("email", e)));
    let photo = include_bytes!("../fixtures/rotated-gps.jpg");
    let (content_type, body) =
        multipart_body(&fields, &[("media", "photo.jpg", "image/jpeg", photo)]);
    Request::post("/open311/v2/requests.json")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .expect("request")
}

/// Runs each test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[doc = $doc:literal])* async fn $name:ident($app:ident) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($app: $crate::helpers::TestApp) $body

            #[tokio::test]
            async fn sqlite() {
                let app = $crate::helpers::TestApp::spawn($crate::helpers::Database::Sqlite)
                    .await
                    .expect("SQLite test app");
                run(app).await;
            }

            #[tokio::test]
            async fn postgres() {
                if let Some(app) = $crate::helpers::TestApp::spawn($crate::helpers::Database::Postgres).await {
                    run(app).await;
                }
            }
        }
    };
}

/// A real S3-compatible server for this test run: `s3s-fs` (installed by the test command's
/// tools step), listening on a free loopback port with its objects in a temporary directory.
/// Started once; it ends with the test process (a shell waits on our end of a pipe, then
/// stops it and removes its directory).
pub struct S3Server {
    pub endpoint: String,
    /// Where s3s-fs keeps the objects: `{root}/{bucket}/{name}`.
    pub root: PathBuf,
    _lifeline: std::sync::Mutex<std::process::ChildStdin>,
}

pub const S3_ACCESS_KEY: &str = "kiezwerk-test";
pub const S3_SECRET_KEY: &str = "kiezwerk-test-secret";

/// The run's S3 server; `None` (with a loud message) when `s3s-fs` is not installed and
/// `KIEZWERK_REQUIRE_S3` is not set.
pub fn s3_server() -> Option<&'static S3Server> {
    static SERVER: std::sync::OnceLock<Option<S3Server>> = std::sync::OnceLock::new();
    SERVER
        .get_or_init(|| match start_s3_server() {
            Ok(server) => Some(server),
            Err(error) => {
                if std::env::var("KIEZWERK_REQUIRE_S3").is_ok_and(|v| v == "1") {
                    panic!("an S3 server is required but could not start: {error}");
                }
                eprintln!("\n!!!!! SKIPPED on object storage: {error} !!!!!\n");
                None
            }
        })
        .as_ref()
}

fn start_s3_server() -> Result<S3Server, String> {
    use std::process::{Command, Stdio};
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let root = tempfile::Builder::new()
        .prefix("kiezwerk-s3-")
        .tempdir()
        .map_err(|e| e.to_string())?
        .keep();
    let mut child = Command::new("sh")
        .args([
            "-c",
            r#"command -v s3s-fs >/dev/null || { echo "s3s-fs is not installed (cargo install s3s-fs@0.14.1 --locked --features binary)" >&2; exit 1; }
               # Our end of stderr closes with us: nothing may write there afterwards.
               exec 2>/dev/null
               s3s-fs --host 127.0.0.1 --port "$1" --access-key "$2" --secret-key "$3" "$4" >/dev/null 2>&1 &
               server=$!
               read -r _
               kill "$server"; wait "$server"; rm -rf "$4""#,
            "s3",
            &port.to_string(),
            S3_ACCESS_KEY,
            S3_SECRET_KEY,
            &root.display().to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting s3s-fs: {e}"))?;
    let lifeline = child.stdin.take().ok_or("no pipe to s3s-fs")?;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(_)) = child.try_wait() {
            let mut message = String::new();
            if let Some(mut stderr) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut stderr, &mut message);
            }
            return Err(message.trim().to_owned());
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("s3s-fs did not listen on port {port} within 10 s"));
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Ok(S3Server {
        endpoint: format!("http://127.0.0.1:{port}"),
        root,
        _lifeline: std::sync::Mutex::new(lifeline),
    })
}

impl S3Server {
    /// A new, empty bucket and the settings that keep a server's photos in it.
    pub fn bucket(&self) -> (String, Vec<(String, String)>) {
        let bucket = format!("photos-{:016x}", rand::random::<u64>());
        std::fs::create_dir_all(self.root.join(&bucket)).expect("bucket directory");
        let vars = vec![
            ("KIEZWERK_PHOTO_STORE".into(), format!("s3://{bucket}")),
            ("KIEZWERK_S3_ENDPOINT".into(), self.endpoint.clone()),
            ("KIEZWERK_S3_ACCESS_KEY_ID".into(), S3_ACCESS_KEY.into()),
            ("KIEZWERK_S3_SECRET_ACCESS_KEY".into(), S3_SECRET_KEY.into()),
        ];
        (bucket, vars)
    }

    /// The objects in `bucket`, by name.
    pub fn objects(&self, bucket: &str) -> Vec<String> {
        fn walk(dir: &std::path::Path, base: &std::path::Path, names: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, base, names);
                } else if let Ok(name) = path.strip_prefix(base) {
                    names.push(name.display().to_string());
                }
            }
        }
        let base = self.root.join(bucket);
        let mut names = Vec::new();
        walk(&base, &base, &mut names);
        names.sort();
        names
    }
}
