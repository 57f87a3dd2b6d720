//! The demo deployment: Berlin (12 Bezirke) and Potsdam, generated from open data by
//! `demo/generate.py`, plus the Open311 API key `demo-key` for Berlin.

use crate::apikeys;
use crate::db::Db;
use crate::tenants::config::{import, MunicipalityConfig};
use crate::tenants::Registry;

pub const BERLIN: &str = include_str!("../demo/berlin.json");
pub const POTSDAM: &str = include_str!("../demo/potsdam.json");

/// The demo's well-known API key. Never use it outside the demo.
pub const DEMO_API_KEY: &str = "demo-key";

/// Loads the demo configuration and API key into an empty database; leaves a configured one
/// alone. `now` is when. Returns whether it installed anything.
pub async fn install_if_empty(db: &Db, now: i64) -> anyhow::Result<bool> {
    let configured: i64 = sqlx::query_scalar("select count(*) from municipalities")
        .fetch_one(&db.pool)
        .await?;
    if configured > 0 {
        return Ok(false);
    }
    for text in [BERLIN, POTSDAM] {
        import(db, now, &MunicipalityConfig::from_json(text)?).await?;
    }
    apikeys::insert(db, now, "berlin", "Demo", DEMO_API_KEY).await?;
    Ok(true)
}

/// The demo configuration loaded through a throwaway SQLite database, exactly as the server
/// loads it; for tests and benchmarks that need real polygons but no server.
pub async fn registry_in_temporary_database() -> anyhow::Result<Registry> {
    let path = std::env::temp_dir().join(format!("kiezwerk-demo-{}.db", rand::random::<u64>()));
    let result = async {
        let db = Db::connect(&format!("sqlite:{}", path.display())).await?;
        install_if_empty(&db, crate::clock::Clock::system().now_ms()).await?;
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
