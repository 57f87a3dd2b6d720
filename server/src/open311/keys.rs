//! Open311 API keys: random, shown once, stored only as SHA-256 hashes with their first
//! characters to recognise them by. A key belongs to a municipality and may be bound to one of
//! its departments: such a key is that department's back office, which pushes status updates
//! of its reports. A key reads, or reads and writes (posts requests and updates). Every use is
//! checked against the database, so a revoked key is refused at once on every server.

use crate::core::db::Db;
use crate::core::secret::{hash, new_token};
use anyhow::Context;
use kiezwerk_app::model::{AccountId, DepartmentId, MunicipalityId};
use kiezwerk_app::open311::model::KeyAccess;

/// A key's last use is written at most this often (a busy client does not write on every
/// request).
const LAST_USE_GRANULARITY_MS: i64 = 60_000;

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
    let new = NewKey {
        municipality_id: municipality,
        department_id: department,
        name,
        access: KeyAccess::Write,
        created_by: None,
    };
    store(db, now, &new, key).await?;
    Ok(())
}

/// A key to be made.
pub struct NewKey<'a> {
    pub municipality_id: MunicipalityId,
    pub department_id: Option<DepartmentId>,
    pub name: &'a str,
    pub access: KeyAccess,
    /// The administrator who makes it; `None` from the command line.
    pub created_by: Option<AccountId>,
}

/// The first characters of a key, to recognise it by in lists.
fn hint(key: &str) -> String {
    format!("{}…", key.chars().take(7).collect::<String>())
}

/// Makes a new random key and returns it: the only moment it exists outside the client.
pub async fn create(db: &Db, now: i64, new: &NewKey<'_>) -> Result<String, sqlx::Error> {
    let key = generate();
    store(db, now, new, &key).await?;
    Ok(key)
}

async fn store(db: &Db, now: i64, new: &NewKey<'_>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into api_keys (municipality_id, department_id, name, key_hash, hint, access, created_by, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new.municipality_id)
    .bind(new.department_id)
    .bind(new.name)
    .bind(hash(key))
    .bind(hint(key))
    .bind(new.access)
    .bind(new.created_by)
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Revokes a key of the municipality at `now`; its name, or `None` when the municipality has
/// no such key or it was revoked before.
pub async fn revoke(
    db: &Db,
    now: i64,
    municipality_id: MunicipalityId,
    id: i64,
    by: AccountId,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "update api_keys set revoked_at = $3, revoked_by = $4 \
         where id = $1 and municipality_id = $2 and revoked_at is null returning name",
    )
    .bind(id)
    .bind(municipality_id)
    .bind(now)
    .bind(by)
    .fetch_optional(&db.pool)
    .await
}

/// A key as the administrators' list shows it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub name: String,
    pub hint: String,
    pub department_id: Option<DepartmentId>,
    pub access: KeyAccess,
    pub created_at: i64,
    pub created_by: Option<String>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
}

/// The municipality's keys, active ones first, newest first.
pub async fn list(db: &Db, municipality_id: MunicipalityId) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as(
        "select k.id, k.name, k.hint, k.department_id, k.access, k.created_at, c.display_name as created_by, \
         k.last_used_at, k.revoked_at, r.display_name as revoked_by from api_keys k \
         left join accounts c on c.id = k.created_by left join accounts r on r.id = k.revoked_by \
         where k.municipality_id = $1 \
         order by case when k.revoked_at is null then 0 else 1 end, k.created_at desc, k.id desc",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await
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
    pub access: KeyAccess,
    /// Its last recorded use, before this one.
    pub last_used_at: Option<i64>,
}

/// The key, if it is valid and not revoked, used at `now` (recorded as its last use; a busy
/// client's requests are read only, the write happens once a minute).
pub async fn verify(db: &Db, key: &str, now: i64) -> Result<Option<Key>, sqlx::Error> {
    let found: Option<Key> = sqlx::query_as(
        "select id, name, municipality_id, department_id, access, last_used_at from api_keys \
         where key_hash = $1 and revoked_at is null",
    )
    .bind(hash(key))
    .fetch_optional(&db.pool)
    .await?;
    let stale = |key: &Key| {
        key.last_used_at
            .is_none_or(|t| t <= now - LAST_USE_GRANULARITY_MS)
    };
    if let Some(key) = found.as_ref().filter(|k| stale(k)) {
        // Conditional again: servers that verify at the same moment write once.
        sqlx::query(
            "update api_keys set last_used_at = $2 \
             where id = $1 and (last_used_at is null or last_used_at <= $3)",
        )
        .bind(key.id)
        .bind(now)
        .bind(now - LAST_USE_GRANULARITY_MS)
        .execute(&db.pool)
        .await?;
    }
    Ok(found)
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

    #[test]
    fn a_hint_shows_the_prefix_and_a_few_characters_only() {
        let key = generate();
        let shown = hint(&key);
        assert_eq!(shown.chars().count(), 8);
        assert!(shown.starts_with("kw_") && key.starts_with(shown.trim_end_matches('…')));
    }
}
