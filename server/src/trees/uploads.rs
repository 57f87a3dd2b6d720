//! A register uploaded in the browser waits for its administrator: checked like the command
//! line's file, what it would change is shown ([`register::preview`]: added, changed, retired
//! and of those how many have adopters or waterings, which stay with them), and only "Übernehmen"
//! applies it — unless the register changed since the preview was made (another upload, the
//! command line), then it is refused and must be uploaded again. One waiting upload per
//! municipality (the newest); kept in the database so any server applies it, for a day.

use super::register::{self, register_version, Preview, RegisterFile};
use crate::core::db::Db;
use kiezwerk_app::model::AccountId;

/// A waiting upload's summary, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Waiting {
    pub file_name: String,
    pub preview: Preview,
    /// When it was uploaded: names it in the forms that apply or discard it.
    pub uploaded_at: i64,
}

/// Keeps a checked file with what it would change, replacing a waiting one.
pub async fn keep(
    db: &Db,
    municipality_id: i64,
    account: AccountId,
    file_name: &str,
    content: &[u8],
    file: &RegisterFile,
    now: i64,
) -> Result<Preview, sqlx::Error> {
    // The version first: a register imported while the preview is made leaves this version
    // behind, so the preview is refused when applied, never applied on top of it.
    let version = register_version(&mut *db.pool.acquire().await?, municipality_id).await?;
    let preview = register::preview(db, municipality_id, file).await?;
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    sqlx::query(
        "insert into tree_register_uploads (municipality_id, account_id, file_name, content, \
         register_version, added, updated, unchanged, retired, retired_cared_for, uploaded_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         on conflict (municipality_id) do update set account_id = excluded.account_id, \
         file_name = excluded.file_name, content = excluded.content, \
         register_version = excluded.register_version, added = excluded.added, \
         updated = excluded.updated, unchanged = excluded.unchanged, retired = excluded.retired, \
         retired_cared_for = excluded.retired_cared_for, uploaded_at = excluded.uploaded_at",
    )
    .bind(municipality_id)
    .bind(account)
    .bind(file_name)
    .bind(content.to_vec())
    .bind(version)
    .bind(count(preview.added))
    .bind(count(preview.updated))
    .bind(count(preview.unchanged))
    .bind(count(preview.retired))
    .bind(count(preview.retired_cared_for))
    .bind(now)
    .execute(&db.pool)
    .await?;
    Ok(preview)
}

type Row = (String, i64, i64, i64, i64, i64, i64);

/// The municipality's waiting upload, if any.
pub async fn waiting(
    db: &Db,
    municipality_id: i64,
    now: i64,
) -> Result<Option<Waiting>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "select file_name, added, updated, unchanged, retired, retired_cared_for, uploaded_at \
         from tree_register_uploads where municipality_id = $1 and uploaded_at >= $2",
    )
    .bind(municipality_id)
    .bind(now - KEPT_MS)
    .fetch_optional(&db.pool)
    .await?;
    let count = |n: i64| usize::try_from(n).unwrap_or(0);
    Ok(row.map(
        |(file_name, added, updated, unchanged, retired, cared, uploaded_at)| Waiting {
            file_name,
            preview: Preview {
                added: count(added),
                updated: count(updated),
                unchanged: count(unchanged),
                retired: count(retired),
                retired_cared_for: count(cared),
            },
            uploaded_at,
        },
    ))
}

/// The waiting upload of `uploaded_at`, to be applied ([`register::import_over`], which takes
/// it away): its file name, content and the register's version its preview was made of; `None`
/// when no upload of that moment waits (applied, discarded, replaced or older than a day).
pub async fn find(
    db: &Db,
    municipality_id: i64,
    uploaded_at: i64,
    now: i64,
) -> Result<Option<(String, Vec<u8>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select file_name, content, register_version from tree_register_uploads \
         where municipality_id = $1 and uploaded_at = $2 and uploaded_at >= $3",
    )
    .bind(municipality_id)
    .bind(uploaded_at)
    .bind(now - KEPT_MS)
    .fetch_optional(&db.pool)
    .await
}

/// Discards the waiting upload of `uploaded_at`; whether there was one.
pub async fn discard(db: &Db, municipality_id: i64, uploaded_at: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query(
        "delete from tree_register_uploads where municipality_id = $1 and uploaded_at = $2",
    )
    .bind(municipality_id)
    .bind(uploaded_at)
    .execute(&db.pool)
    .await?
    .rows_affected()
        > 0)
}

/// How long an upload waits to be applied.
pub const KEPT_MS: i64 = 24 * 3_600_000;

/// Forgets uploads nobody applied or discarded within [`KEPT_MS`]; how many.
pub async fn forget_old(db: &Db, now: i64) -> Result<u64, sqlx::Error> {
    Ok(
        sqlx::query("delete from tree_register_uploads where uploaded_at < $1")
            .bind(now - KEPT_MS)
            .execute(&db.pool)
            .await?
            .rows_affected(),
    )
}
