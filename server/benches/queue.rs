//! The dispatcher's queue at scale: 1,000,000 reports of which 100,000 are open, spread over
//! Berlin's 24 departments. Prints the server time of the queue page (p50/p95) next to the
//! same SQL run raw, on SQLite and on PostgreSQL (when one answers at
//! `KIEZWERK_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).
//!
//! Three figures per database and scope: the raw SQL of one page (rows and capped count), the
//! queue's data as the page asks for it (`triage::views::queue_view`: the same SQL plus
//! colleagues, labels, deadlines), and the whole page through the router (session lookup,
//! rendering the HTML).
//!
//! `cargo bench -p kiezwerk-server --bench queue` (loading takes a minute or two per database)

#[path = "support/million.rs"]
mod million;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::{bind_params, Db};
use kiezwerk::server::AppState;
use kiezwerk::triage::queue::{self, Query};
use kiezwerk::triage::views::queue_view;
use kiezwerk_app::model::{AccountId, DepartmentId, Flash, Grant, Role, Viewer};
use kiezwerk_app::triage::model::QueueFilter;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const REPORTS: i64 = 1_000_000;
/// Every tenth report is open.
const OPEN_EVERY: i64 = 10;
const ROUNDS: usize = 300;

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

async fn run(name: &str, url: String, dir: &std::path::Path) -> anyhow::Result<()> {
    let vars: HashMap<String, String> = HashMap::from([
        ("KIEZWERK_DATA_DIR".into(), dir.display().to_string()),
        ("KIEZWERK_DATABASE_URL".into(), url.clone()),
    ]);
    let settings = Settings::load_with(None, &|k| vars.get(k).cloned())?;
    let db = Db::connect(&url).await?;
    kiezwerk::demo::install_if_empty(&db, Clock::system().now_ms()).await?;
    let started = Instant::now();
    million::load(&db, REPORTS, OPEN_EVERY).await?;
    println!(
        "{name}: {REPORTS} reports loaded in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    let state = AppState::new(settings, db.clone(), Clock::system()).await?;
    let router = kiezwerk::server::router(state.clone());
    let triage = state.triage();
    let berlin = state.tenants.registry.by_slug("berlin").expect("berlin");
    let departments: Vec<DepartmentId> = berlin.departments.iter().map(|d| d.id).collect();

    for (scope, department) in [("one department", true), ("whole municipality", false)] {
        let (mut raw, mut data, mut page) = (Vec::new(), Vec::new(), Vec::new());
        for round in 0..ROUNDS {
            let department_id = departments[round % departments.len()];
            let viewer = Viewer {
                account_id: AccountId(1),
                name: "Bench".into(),
                grants: vec![Grant {
                    role: Role::Dispatcher,
                    municipality_id: Some(berlin.id),
                    municipality_slug: Some("berlin".into()),
                    municipality_name: Some("Berlin".into()),
                    department_id: department.then_some(department_id),
                    department_name: None,
                }],
            };
            let scope_of =
                kiezwerk::core::access::triage_scope(Some(&viewer), berlin.id).expect("scope");
            let query = Query::from_filter(
                &QueueFilter::default(),
                berlin,
                &scope_of,
                Clock::system().now_ms(),
            );

            let t = Instant::now();
            let (sql, params) = queue::page_sql(&query, queue::PAGE + 1);
            let rows: Vec<queue::Row> = bind_params(sqlx::query_as(&sql), &params)
                .fetch_all(&db.pool)
                .await?;
            let (count_sql, count_params) = queue::count_sql(&query);
            let (_count,): (i64,) = bind_params(sqlx::query_as(&count_sql), &count_params)
                .fetch_one(&db.pool)
                .await?;
            raw.push(t.elapsed());
            assert_eq!(rows.len() as i64, queue::PAGE + 1);

            let t = Instant::now();
            let view = queue_view(
                &triage,
                &viewer,
                "berlin",
                QueueFilter::default(),
                Flash::default(),
                None,
                kiezwerk_app::i18n::Lang::De,
            )
            .await?
            .expect("queue");
            data.push(t.elapsed());
            assert_eq!(view.items.len() as i64, queue::PAGE);
        }
        // The whole page through the router, with a real session of a dispatcher.
        let now = Clock::system().now_ms();
        let account: AccountId = sqlx::query_scalar(
            "insert into accounts (user_handle, display_name, created_at, updated_at) values ($1, 'Bench', $2, $2) returning id",
        )
        .bind(format!("bench-{scope}-{now}"))
        .bind(now)
        .fetch_one(&db.pool)
        .await?;
        sqlx::query("insert into role_grants (account_id, role, municipality_id, department_id, created_at) values ($1, 'dispatcher', $2, $3, $4)")
            .bind(account)
            .bind(berlin.id)
            .bind(department.then_some(departments[0]))
            .bind(now)
            .execute(&db.pool)
            .await?;
        let token =
            kiezwerk::auth::sessions::create(&db, Clock::system().now_ms(), account).await?;
        for _ in 0..ROUNDS / 3 {
            let request = Request::get("/dienst/berlin")
                .header(header::COOKIE, format!("kw_session={token}"))
                .body(Body::empty())?;
            let t = Instant::now();
            let response = router.clone().oneshot(request).await?;
            let status = response.status();
            let _ = http_body_util::BodyExt::collect(response.into_body()).await?;
            page.push(t.elapsed());
            assert_eq!(status, StatusCode::OK);
        }
        let (raw50, raw95) = (percentile(&mut raw, 0.5), percentile(&mut raw, 0.95));
        let (data50, data95) = (percentile(&mut data, 0.5), percentile(&mut data, 0.95));
        let (page50, page95) = (percentile(&mut page, 0.5), percentile(&mut page, 0.95));
        println!(
            "{name}, {scope}: raw SQL p50 {raw50:.2} ms p95 {raw95:.2} ms | queue data p50 {data50:.2} ms p95 {data95:.2} ms ({:.2}× raw at p50) | whole page p50 {page50:.2} ms p95 {page95:.2} ms",
            data50 / raw50
        );
    }
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    million::on_both_databases("queue", |name, url, dir| async move {
        run(name, url, &dir).await
    })
    .await
}
