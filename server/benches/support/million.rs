//! The benches' million reports: loaded in one statement on SQLite or PostgreSQL, and each
//! bench run on a fresh SQLite file and a fresh PostgreSQL database (when one answers at
//! `KIEZWERK_TEST_POSTGRES_URL`, default `postgres://postgres@127.0.0.1:5432/postgres`).

use kiezwerk::core::clock::Clock;
use kiezwerk::core::db::{Backend, Db};
use std::future::Future;
use std::path::PathBuf;

/// Loads `reports` reports into Berlin of the demo configuration, every `open_every`-th open
/// (one in twenty of those still new), spread over the categories and departments, two a
/// minute back from now.
pub async fn load(db: &Db, reports: i64, open_every: i64) -> anyhow::Result<()> {
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
        .bind(reports)
        .bind(municipality)
        .bind(first_category)
        .bind(categories)
        .bind(first_department)
        .bind(departments)
        .bind(open_every)
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

/// Runs `bench` on SQLite and then on a PostgreSQL database made for it (dropped after).
pub async fn on_both_databases<F, R>(bench: &str, run: F) -> anyhow::Result<()>
where
    F: Fn(&'static str, String, PathBuf) -> R,
    R: Future<Output = anyhow::Result<()>>,
{
    let dir = tempfile::tempdir()?;
    let sqlite = format!("sqlite:{}", dir.path().join("bench.db").display());
    run("SQLite", sqlite, dir.path().to_owned()).await?;
    let admin = std::env::var("KIEZWERK_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned());
    let name = format!("kiezwerk_bench_{bench}_{}", std::process::id());
    let url = format!(
        "{}/{name}",
        admin
            .rsplit_once('/')
            .map_or(admin.as_str(), |(base, _)| base)
    );
    if let Err(error) = run("PostgreSQL", url, dir.path().to_owned()).await {
        println!("PostgreSQL skipped: {error}");
    }
    if let Ok(pool) = sqlx::AnyPool::connect(&admin).await {
        let _ = sqlx::query(&format!("drop database if exists {name} with (force)"))
            .execute(&pool)
            .await;
    }
    Ok(())
}
