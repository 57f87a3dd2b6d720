//! Photo files between being written and being attached. The file is written before the
//! transaction that refers to it commits (so a committed report never lacks its photo); the
//! row in `photo_uploads`, committed before the file is written and deleted by the attaching
//! transaction, remembers files whose attachment never happened — a crash, a dropped
//! connection, a failed insert — so that [`sweep`] can remove them.

use super::store::PhotoStore;
use crate::core::db::Db;
use sqlx::AnyConnection;

/// How long a file may wait for its attachment before it counts as abandoned. Far longer than
/// any request takes, so the sweep never races an intake that is still running.
pub const ABANDONED_AFTER_MS: i64 = 60 * 60 * 1000;

/// Records that the file `key` is about to be written.
pub async fn record(db: &Db, key: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into photo_uploads (storage_key, created_at) values ($1, $2)")
        .bind(key)
        .bind(now)
        .execute(&db.pool)
        .await
        .map(|_| ())
}

/// Marks `key` as attached; call it in the transaction that attaches the photo.
pub async fn attached(conn: &mut AnyConnection, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from photo_uploads where storage_key = $1")
        .bind(key)
        .execute(conn)
        .await
        .map(|_| ())
}

/// Removes the files of uploads abandoned for longer than [`ABANDONED_AFTER_MS`] and forgets
/// them. Idempotent; several servers may run it at once. Returns how many files went.
pub async fn sweep(db: &Db, store: &PhotoStore, now: i64) -> anyhow::Result<usize> {
    // The attaching transaction removes the upload's row; looking into the drafts' and
    // reports' photos too (the reports domain's tables, read only) makes doubly sure that no
    // file anything refers to is ever removed.
    let abandoned: Vec<String> = sqlx::query_scalar(
        "select u.storage_key from photo_uploads u where u.created_at < $1 \
         and not exists (select 1 from draft_photos d where d.storage_key = u.storage_key) \
         and not exists (select 1 from report_photos r where r.storage_key = u.storage_key) \
         order by u.created_at limit 1000",
    )
    .bind(now - ABANDONED_AFTER_MS)
    .fetch_all(&db.pool)
    .await?;
    for key in &abandoned {
        store.delete(key).await?;
        sqlx::query("delete from photo_uploads where storage_key = $1")
            .bind(key)
            .execute(&db.pool)
            .await?;
    }
    Ok(abandoned.len())
}
