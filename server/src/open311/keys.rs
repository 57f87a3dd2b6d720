//! Open311 API keys: random, shown once, stored only as SHA-256 hashes.

use crate::core::db::Db;
use crate::core::secret::{hash, new_token};
use anyhow::Context;
use kiezwerk_app::model::MunicipalityId;

/// A new random key (`kw_` and 43 characters of base64url).
pub fn generate() -> String {
    format!("kw_{}", new_token())
}

/// Stores `key`, created at `now`, for the municipality with `slug`.
pub async fn insert(db: &Db, now: i64, slug: &str, name: &str, key: &str) -> anyhow::Result<()> {
    let municipality: MunicipalityId =
        sqlx::query_scalar("select id from municipalities where slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .with_context(|| format!("no municipality with slug {slug:?}"))?;
    sqlx::query(
        "insert into api_keys (municipality_id, name, key_hash, created_at) values ($1, $2, $3, $4)",
    )
    .bind(municipality)
    .bind(name)
    .bind(hash(key))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The key's id and municipality, if the key is valid and not revoked.
pub async fn verify(db: &Db, key: &str) -> Result<Option<(i64, MunicipalityId)>, sqlx::Error> {
    sqlx::query_as(
        "select id, municipality_id from api_keys where key_hash = $1 and revoked_at is null",
    )
    .bind(hash(key))
    .fetch_optional(&db.pool)
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_random_and_hashes_are_stable() {
        let (a, b) = (generate(), generate());
        assert_ne!(a, b);
        assert!(a.starts_with("kw_") && a.len() == 46);
        assert_eq!(hash("demo-key"), hash("demo-key"));
        assert_eq!(hash("demo-key").len(), 64);
    }
}
