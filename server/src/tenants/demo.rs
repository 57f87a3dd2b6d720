//! The demo's municipalities: Berlin (12 Bezirke) and Potsdam, generated from open data by
//! `server/demo/generate.py`.

use super::config::{import, MunicipalityConfig};
use super::Registry;
use crate::core::clock::Clock;
use crate::core::db::Db;

pub const BERLIN: &str = include_str!("../../demo/berlin.json");
pub const POTSDAM: &str = include_str!("../../demo/potsdam.json");

/// Whether no municipality is configured yet.
pub async fn is_empty(db: &Db) -> Result<bool, sqlx::Error> {
    let configured: i64 = sqlx::query_scalar("select count(*) from municipalities")
        .fetch_one(&db.pool)
        .await?;
    Ok(configured == 0)
}

/// Imports Berlin and Potsdam at `now`.
pub async fn install(db: &Db, now: i64) -> anyhow::Result<()> {
    for text in [BERLIN, POTSDAM] {
        import(db, now, &MunicipalityConfig::from_json(text)?).await?;
    }
    Ok(())
}

/// The demo configuration loaded through a throwaway SQLite database, exactly as the server
/// loads it; for tests and benchmarks that need real polygons but no server.
pub async fn registry_in_temporary_database() -> anyhow::Result<Registry> {
    let path = std::env::temp_dir().join(format!("kiezwerk-demo-{}.db", rand::random::<u64>()));
    let result = async {
        let db = Db::connect(&format!("sqlite:{}", path.display())).await?;
        install(&db, Clock::system().now_ms()).await?;
        let registry = Registry::load(&db).await;
        db.pool.close().await;
        registry
    }
    .await;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    result
}
