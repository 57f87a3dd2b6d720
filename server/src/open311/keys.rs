//! Open311 API keys: random, shown once, stored only as SHA-256 hashes. A key belongs to a
//! municipality (it posts requests there) and may be bound to one of its departments: such a
//! key is that department's back office, which pushes status updates of its reports.

use crate::core::db::Db;
use crate::core::secret::{hash, new_token};
use anyhow::Context;
use kiezwerk_app::model::{DepartmentId, MunicipalityId};

/// A new random key (`kw_` and 43 characters of base64url).
pub fn generate() -> String {
    format!("kw_{}", new_token())
}

/// Stores `key`, created at `now`, for the municipality with `slug` and, given its code, one
/// of its departments.
pub async fn insert(
    db: &Db,
    now: i64,
    slug: &str,
    department: Option<&str>,
    name: &str,
    key: &str,
) -> anyhow::Result<()> {
    let municipality: MunicipalityId =
        sqlx::query_scalar("select id from municipalities where slug = $1")
            .bind(slug)
            .fetch_optional(&db.pool)
            .await?
            .with_context(|| format!("no municipality with slug {slug:?}"))?;
    let department: Option<DepartmentId> = match department {
        None => None,
        Some(code) => Some(
            sqlx::query_scalar(
                "select id from departments where municipality_id = $1 and code = $2",
            )
            .bind(municipality)
            .bind(code)
            .fetch_optional(&db.pool)
            .await?
            .with_context(|| format!("{slug} has no department with code {code:?}"))?,
        ),
    };
    sqlx::query(
        "insert into api_keys (municipality_id, department_id, name, key_hash, created_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(municipality)
    .bind(department)
    .bind(name)
    .bind(hash(key))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A valid key, as a request may use it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Key {
    pub id: i64,
    /// Who uses the key, as it was named when created.
    pub name: String,
    pub municipality_id: MunicipalityId,
    /// The department whose back office the key is, if it is bound to one.
    pub department_id: Option<DepartmentId>,
}

/// The key, if it is valid and not revoked.
pub async fn verify(db: &Db, key: &str) -> Result<Option<Key>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, municipality_id, department_id from api_keys \
         where key_hash = $1 and revoked_at is null",
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
