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

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use kiezwerk::core::clock::Clock;
use kiezwerk::core::config::Settings;
use kiezwerk::core::db::{bind_params, Backend, Db};
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

async fn load(db: &Db) -> anyhow::Result<()> {
    let (municipality, first_category, categories, first_department, departments): (
        i64,
        i64,
        i64,
        i64,
        i64,
    ) = sqlx::query_as(
        "select m.id, (select min(id) from categories where municipality_id = m.id), \
             (select count(*) from categories where municipality_id = m.id), \
             (select min(id) from departments where municipality_id = m.id), \
             (select count(*) from departments where municipality_id = m.id) \
             from municipalities m where m.slug = 'berlin'",
    )
    .fetch_one(&db.pool)
    .await?;
    let now = Clock::system().now_ms();
    let numbers = match db.backend {
        Backend::Sqlite => "with recursive n(i) as (select 1 union all select i + 1 from n where i < $1) select i from n",
        Backend::Postgres => "select i from generate_series(1, $1::bigint) as n(i)",
    };
    // Categories and departments of the demo are numbered consecutively per municipality.
    let sql = format!(
        "insert into reports (municipality_id, reference, year, seq, category_id, area_id, department_id, \
         status, lat, lon, description, answers, access_hash, channel, created_at, updated_at, \
         accept_due_at, resolve_due_at, stage, due_at, photo_count) \
         select $2, 'BEN-2025-' || i, 2025, i, $3 + ((i / 3) % $4), null, $5 + ((i / 7) % $6), \
         case when i % $7 = 0 then (case when i % 20 = 0 then 'new' else 'accepted' end) else 'resolved' end, \
         52.4 + (i % 1000) * 0.0003, 13.2 + (i % 997) * 0.0004, 'Benchmark-Meldung Nummer ' || i, '{{}}', 'x', 'open311', \
         $8 - i * 30000, $8 - i * 30000, $8 - i * 30000 + 172800000, $8 - i * 30000 + 1209600000, \
         case when i % $7 = 0 then (case when i % 20 = 0 then 0 else 1 end) else 2 end, \
         $8 - i * 30000 + (case when i % $7 = 0 then 172800000 else 0 end), i % 3 \
         from ({numbers}) as numbers"
    );
    sqlx::query(&sql)
        .bind(REPORTS)
        .bind(municipality)
        .bind(first_category)
        .bind(categories)
        .bind(first_department)
        .bind(departments)
        .bind(OPEN_EVERY)
        .bind(now)
        .execute(&db.pool)
        .await?;
    if db.backend == Backend::Postgres {
        sqlx::query("analyze reports").execute(&db.pool).await?;
    } else {
        sqlx::query("analyze").execute(&db.pool).await?;
    }
    Ok(())
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
    load(&db).await?;
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
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite:{}", dir.path().join("bench.db").display());
    run("SQLite", sqlite, dir.path()).await?;
    let admin = std::env::var("KIEZWERK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("kiezwerk_bench_{}", std::process::id());
    let url = format!(
        "{}/{name}",
        admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base)
    );
    match run("PostgreSQL", url.clone(), dir.path()).await {
        Ok(()) => {}
        Err(error) => println!("PostgreSQL skipped: {error}"),
    }
    if let Ok(pool) = sqlx::AnyPool::connect(&admin).await {
        let _ = sqlx::query(&format!("drop database if exists {name} with (force)"))
            .execute(&pool)
            .await;
    }
    Ok(())
}
