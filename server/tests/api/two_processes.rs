//! Two `kiezwerk serve` processes, as a deployment runs them behind a load balancer, on one
//! PostgreSQL database and one S3 object store (s3s-fs), with mail going to an SMTP server of
//! the test's own: a report taken by A is shown with its photo by B; a session made on A works
//! on B and signing out on B ends it on A; a configuration imported beside them is in force on
//! B within seconds and routes its next report; the rate limit counts the requests to both;
//! every queued mail goes out once although both servers send; and each department's daily
//! digest of overdue reports goes out once although both servers' jobs look for it.

use crate::helpers::{
    account_browser, department_of, dumping_in_pankow_to_bsr, form_request,
    report_with_photo_request, s3_server, staff_browser, Database, TestApp, TestResponse,
};
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use http_body_util::BodyExt;
use kiezwerk::core::mail::{queue, Mail};
use kiezwerk::tenants::config::{import, MunicipalityConfig};
use kiezwerk_app::model::Role;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// Intake posts per client and minute in both processes.
const LIMIT: usize = 8;

/// The address both answer to, behind one load balancer.
const PUBLIC_HOST: &str = "localhost:8080";

/// A server process; killed when dropped.
struct Process {
    addr: SocketAddr,
    log: std::path::PathBuf,
    _child: tokio::process::Child,
}

impl Process {
    async fn start(name: &str, vars: &[(String, String)], dir: &std::path::Path) -> Process {
        Process::start_at(name, vars, dir, None).await
    }

    /// With the system clock shifted by `offset_s` seconds (Debian's faketime).
    async fn start_at(
        name: &str,
        vars: &[(String, String)],
        dir: &std::path::Path,
        offset_s: Option<i64>,
    ) -> Process {
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port");
        let log = dir.join(format!("{name}.log"));
        let binary = env!("CARGO_BIN_EXE_kiezwerk");
        let mut command = match offset_s {
            None => tokio::process::Command::new(binary),
            Some(offset) => {
                let mut faked = tokio::process::Command::new("faketime");
                faked.arg("-f").arg(format!("{offset:+}")).arg(binary);
                faked
            }
        };
        let child = command
            .arg("serve")
            .envs(vars.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("KIEZWERK_BIND", addr.to_string())
            .env("KIEZWERK_DATA_DIR", dir.join(name))
            .env("KIEZWERK_LOG", "warn")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .kill_on_drop(true)
            .spawn()
            .expect("kiezwerk serve");
        let process = Process {
            addr,
            log,
            _child: child,
        };
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            if let Ok(health) = process.try_send(get("/healthz")).await {
                if health.status == StatusCode::OK {
                    return process;
                }
            }
            assert!(
                Instant::now() < deadline,
                "server {name} did not become healthy: {}",
                std::fs::read_to_string(&process.log).unwrap_or_default()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn try_send(&self, mut request: Request<Body>) -> Result<TestResponse, String> {
        let stream = tokio::net::TcpStream::connect(self.addr)
            .await
            .map_err(|e| e.to_string())?;
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(|e| e.to_string())?;
        tokio::spawn(connection);
        // As a load balancer forwards it: the public host name (others are redirected to it).
        request
            .headers_mut()
            .insert(header::HOST, HeaderValue::from_static(PUBLIC_HOST));
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| e.to_string())?;
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes()
            .to_vec();
        Ok(TestResponse {
            status,
            headers,
            body,
        })
    }

    async fn send(&self, request: Request<Body>) -> TestResponse {
        match self.try_send(request).await {
            Ok(response) => response,
            Err(error) => panic!(
                "request to {} failed: {error}\n{}",
                self.addr,
                std::fs::read_to_string(&self.log).unwrap_or_default()
            ),
        }
    }
}

fn get(path: &str) -> Request<Body> {
    Request::get(path).body(Body::empty()).expect("request")
}

fn with_session(mut request: Request<Body>, token: &str) -> Request<Body> {
    let cookie = HeaderValue::from_str(&format!("kw_session={token}")).expect("cookie");
    request.headers_mut().insert(header::COOKIE, cookie);
    request
}

/// An SMTP server that accepts every mail and remembers its recipients.
async fn smtp_sink() -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("SMTP port");
    let addr = listener.local_addr().expect("address");
    let received = Arc::new(Mutex::new(Vec::new()));
    let delivered = received.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(smtp_session(stream, delivered.clone()));
        }
    });
    (addr, received)
}

async fn smtp_session(stream: tokio::net::TcpStream, received: Arc<Mutex<Vec<String>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    let mut recipients = Vec::new();
    if writer.write_all(b"220 sink ESMTP\r\n").await.is_err() {
        return;
    }
    while let Ok(Some(line)) = lines.next_line().await {
        let command = line.to_ascii_uppercase();
        let answer: &[u8] = if command.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if command.starts_with("RCPT TO:") {
            recipients.push(line[8..].trim().trim_matches(['<', '>']).to_owned());
            b"250 OK\r\n"
        } else if command == "DATA" {
            if writer.write_all(b"354 go on\r\n").await.is_err() {
                return;
            }
            while let Ok(Some(line)) = lines.next_line().await {
                if line == "." {
                    break;
                }
            }
            received
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .append(&mut recipients);
            b"250 queued\r\n"
        } else if command == "QUIT" {
            let _ = writer.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if writer.write_all(answer).await.is_err() {
            return;
        }
    }
}

fn reference_of(response: &TestResponse) -> String {
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    response.json()[0]["service_request_id"]
        .as_str()
        .expect("reference")
        .to_owned()
}

#[tokio::test]
async fn two_server_processes_on_one_postgresql_and_one_object_store_share_everything() {
    let Some(s3) = s3_server() else {
        return;
    };
    let (bucket, mut vars) = s3.bucket();
    let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    // The test's own handle on the database: it made it, with the demo configuration.
    let Some(app) = TestApp::spawn_with(Database::Postgres, &borrowed).await else {
        return;
    };
    let (smtp, received) = smtp_sink().await;
    vars.extend([
        (
            "KIEZWERK_DATABASE_URL".to_owned(),
            app.state.core.settings.database_url.expose().to_owned(),
        ),
        ("KIEZWERK_SMTP_URL".to_owned(), format!("smtp://{smtp}")),
        ("KIEZWERK_INTAKE_PER_MINUTE".to_owned(), LIMIT.to_string()),
        (
            "KIEZWERK_PUBLIC_URL".to_owned(),
            format!("http://{PUBLIC_HOST}"),
        ),
    ]);
    let dir = tempfile::tempdir().expect("directory");
    let a = Process::start("a", &vars, dir.path()).await;
    let b = Process::start("b", &vars, dir.path()).await;
    let mut intake_posts = 0;

    // A report taken by A, with its photo, is shown by B.
    let reference = reference_of(&a.send(report_with_photo_request(None)).await);
    intake_posts += 1;
    assert_eq!(
        s3.objects(&bucket).len(),
        2,
        "photo and thumbnail are objects"
    );
    let photo = b
        .send(get(&format!("/meldungen/{reference}/fotos/1")))
        .await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.header("content-type"), "image/jpeg");
    assert!(b
        .send(get(&format!("/meldungen/{reference}")))
        .await
        .text()
        .contains(&reference));

    // A session made on A works on B; signing out on B ends it on A.
    let berlin = app.municipality("berlin");
    let staff = staff_browser(&app, Role::MunicipalAdmin, berlin, None).await;
    let token = staff.cookies.get("kw_session").expect("session").clone();
    assert_eq!(
        a.send(with_session(get("/konto"), &token)).await.status,
        StatusCode::OK
    );
    assert_eq!(
        b.send(with_session(get("/konto"), &token)).await.status,
        StatusCode::OK
    );
    let signed_out = b
        .send(with_session(
            form_request("/api/konto/abmelden", &[], &HeaderMap::new()),
            &token,
        ))
        .await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        a.send(with_session(get("/konto"), &token)).await.redirect(),
        "/konto/anmelden",
        "the session ended on A too"
    );

    // A configuration imported beside both (as `kiezwerk tenant import` does) is in force on
    // B within seconds: a renamed category shows, and dumping in Pankow goes to the BSR.
    let mut config =
        MunicipalityConfig::from_json(include_str!("../../demo/berlin.json")).expect("config");
    for category in config
        .groups
        .iter_mut()
        .flat_map(|g| g.categories.iter_mut())
    {
        if category.code == "illegal-dumping" {
            category.name_de = "Illegale Ablagerung (neu geregelt)".into();
        }
    }
    config.rules.push(dumping_in_pankow_to_bsr());
    import(&app.state.core.db, app.state.core.clock.now_ms(), &config)
        .await
        .expect("import");
    let imported = Instant::now();
    loop {
        let services = b
            .send(get("/open311/v2/services.json?jurisdiction_id=berlin"))
            .await;
        if services.text().contains("neu geregelt") {
            break;
        }
        assert!(
            imported.elapsed() < Duration::from_secs(15),
            "B still runs the old configuration"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "configuration in force on the other server after {} ms",
        imported.elapsed().as_millis()
    );
    let routed = reference_of(&b.send(report_with_photo_request(None)).await);
    intake_posts += 1;
    assert_eq!(department_of(&app, &routed).await, "bsr");

    // A tree adopted through A is on the map B serves at its next poll: the overlay of the
    // tree's tile, revalidated against the care version both read from the database.
    kiezwerk::demo::install_trees_if_empty(&app.state.core.db, app.state.core.clock.now_ms())
        .await
        .expect("demo trees");
    let (tree, lat, lon): (i64, f64, f64) = sqlx::query_as(
        "select id, lat, lon from trees where planting_year between 2017 and 2020 order by id limit 1",
    )
    .fetch_one(&app.state.core.db.pool)
    .await
    .expect("a young tree");
    let (x, y) = crate::trees::tile_of(lat, lon, 15);
    let overlay = format!("/baeume/berlin/pflege/15/{x}/{y}");
    let before = b.send(get(&overlay)).await;
    assert_eq!(before.json()["trees"], serde_json::json!([]));
    let (citizen, _) = account_browser(&app, "Gießerin").await;
    let citizen = citizen.cookies.get("kw_session").expect("session").clone();
    let tree_field = tree.to_string();
    let adopted = a
        .send(with_session(
            form_request(
                "/api/baeume/adoptieren",
                &[
                    ("slug", "berlin"),
                    ("baum", &tree_field),
                    ("aktion", "adoptieren"),
                ],
                &HeaderMap::new(),
            ),
            &citizen,
        ))
        .await;
    assert_eq!(adopted.status, StatusCode::SEE_OTHER);
    let mut stale = get(&overlay);
    stale.headers_mut().insert(
        header::IF_NONE_MATCH,
        HeaderValue::from_str(&before.header("etag")).expect("tag"),
    );
    let after = b.send(stale).await;
    assert_eq!(after.status, StatusCode::OK, "B's copy is stale at once");
    assert_eq!(after.json()["trees"][0]["id"], tree);
    assert_eq!(after.json()["trees"][0]["adopters"], 1);

    // The rate limit counts the posts to both: empty Open311 posts (refused for the missing
    // API key, storing nothing) alternately to A and B until one is refused for the limit.
    let mut refused_at = None;
    for n in 0..2 * LIMIT {
        let server = if n % 2 == 0 { &a } else { &b };
        let post = server
            .send(form_request(
                "/open311/v2/requests.json",
                &[],
                &HeaderMap::new(),
            ))
            .await;
        if post.status == StatusCode::TOO_MANY_REQUESTS {
            refused_at = Some(intake_posts);
            break;
        }
        assert!(post.status.is_client_error(), "{}", post.status);
        intake_posts += 1;
    }
    // The bucket refills by one every 60/LIMIT seconds while the test runs.
    let accepted = refused_at.expect("the limit is reached");
    assert!(
        (LIMIT..=LIMIT + 1).contains(&accepted),
        "{accepted} posts accepted by both together, limit {LIMIT}"
    );
    for server in [&a, &b] {
        let post = server
            .send(form_request(
                "/open311/v2/requests.json",
                &[],
                &HeaderMap::new(),
            ))
            .await;
        assert_eq!(post.status, StatusCode::TOO_MANY_REQUESTS);
    }

    // Every queued mail goes out once, although both servers send.
    let now = app.state.core.clock.now_ms();
    for n in 0..10 {
        let mail = Mail {
            to: format!("buerger-{n}@example.org"),
            subject: format!("Mitteilung {n}"),
            body: "Hallo".into(),
        };
        queue(&app.state.core.db, now, mail).await.expect("queue");
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let pending: i64 = sqlx::query_scalar("select count(*) from outbox where sent_at is null")
            .fetch_one(&app.state.core.db.pool)
            .await
            .expect("outbox");
        if pending == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "{pending} mails still queued");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // The sink records a mail before its sender marks it sent, so every delivery is counted
    // by now; a mail claimed by one server is not claimed by the other.
    let mut delivered = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    delivered.sort();
    let expected: Vec<String> = {
        let mut all: Vec<String> = (0..10)
            .map(|n| format!("buerger-{n}@example.org"))
            .collect();
        all.sort();
        all
    };
    assert_eq!(delivered, expected, "each mail once");
}

/// Seconds from now to 10:00 today in Berlin, when the digest goes out.
fn to_ten_in_berlin() -> i64 {
    let now =
        jiff::Zoned::now().with_time_zone(jiff::tz::TimeZone::get("Europe/Berlin").expect("zone"));
    let ten = now
        .with()
        .hour(10)
        .minute(0)
        .second(0)
        .subsec_nanosecond(0)
        .build()
        .expect("10:00");
    ten.timestamp().as_second() - now.timestamp().as_second()
}

#[tokio::test]
async fn each_departments_digest_goes_out_once_from_two_server_processes() {
    if std::process::Command::new("faketime")
        .arg("--version")
        .output()
        .is_err()
    {
        // The test command installs Debian's faketime; CI must not skip.
        assert!(
            std::env::var_os("KIEZWERK_REQUIRE_S3").is_none(),
            "faketime is required"
        );
        eprintln!("SKIPPED: no faketime to put the servers at 10:00 in Berlin");
        return;
    }
    let Some(app) = TestApp::spawn(Database::Postgres).await else {
        return;
    };
    // Two reports for two departments in Pankow, both overdue.
    let mut departments = Vec::new();
    for service in ["bulky-waste", "pothole"] {
        let created = app
            .post_form(
                "/open311/v2/requests.json",
                &[
                    ("api_key", "demo-key"),
                    ("jurisdiction_id", "berlin"),
                    ("service_code", service),
                    ("lat", "52.5413"),
                    ("long", "13.4124"),
                    ("description", "Überfällig"),
                ],
            )
            .await;
        departments.push(department_of(&app, &reference_of(&created)).await);
    }
    sqlx::query("update reports set due_at = 1")
        .execute(&app.state.core.db.pool)
        .await
        .expect("overdue");
    let mut emails: Vec<String> =
        sqlx::query_scalar("select email from departments where code in ($1, $2) order by email")
            .bind(&departments[0])
            .bind(&departments[1])
            .fetch_all(&app.state.core.db.pool)
            .await
            .expect("departments");
    assert_eq!(emails.len(), 2, "two departments: {departments:?}");

    let (smtp, received) = smtp_sink().await;
    let vars = [
        (
            "KIEZWERK_DATABASE_URL".to_owned(),
            app.state.core.settings.database_url.expose().to_owned(),
        ),
        ("KIEZWERK_SMTP_URL".to_owned(), format!("smtp://{smtp}")),
        (
            "KIEZWERK_PUBLIC_URL".to_owned(),
            format!("http://{PUBLIC_HOST}"),
        ),
    ];
    let dir = tempfile::tempdir().expect("directory");
    // Both servers at 10:00 in Berlin: each one's jobs look for due digests as it starts.
    let offset = Some(to_ten_in_berlin());
    let _a = Process::start_at("a", &vars, dir.path(), offset).await;
    let _b = Process::start_at("b", &vars, dir.path(), offset).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let delivered = received.lock().unwrap_or_else(|e| e.into_inner()).len();
        if delivered >= 2 {
            break;
        }
        assert!(Instant::now() < deadline, "{delivered} digests delivered");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Each server looks as it starts, a pass of milliseconds here; three more seconds give a
    // second digest every chance to go out.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let mut delivered = received.lock().unwrap_or_else(|e| e.into_inner()).clone();
    delivered.sort();
    emails.sort();
    assert_eq!(delivered, emails, "one digest per department");
    let runs: i64 = sqlx::query_scalar("select count(*) from digest_runs")
        .fetch_one(&app.state.core.db.pool)
        .await
        .expect("runs");
    assert_eq!(runs, 2);
}
