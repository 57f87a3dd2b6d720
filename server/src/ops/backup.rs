//! Backups while serving, and restoring them into a fresh data directory.
//!
//! `kiezwerk backup DIR` first takes a consistent snapshot of the SQLite database
//! (`VACUUM INTO`: one read transaction, so writers go on meanwhile), then copies the photo
//! files. The order matters: a photo is on disk before the transaction that refers to it
//! commits, and photo files never change, so every photo the snapshot refers to exists when
//! the copy starts. Copying is incremental (a file already in `DIR` with the same size is
//! skipped) and each file goes in under a temporary name, so an interrupted backup leaves no
//! half file. At the end the backup checks that each photo its database refers to is there.
//!
//! On PostgreSQL the database is backed up with `pg_dump` first (the README says how), then
//! `kiezwerk backup --photos-only DIR` copies the photos.
//!
//! `kiezwerk restore DIR` copies both back into an empty data directory: it refuses to
//! overwrite a database that holds reports or a photo directory that holds photos.

use crate::core::db::{Backend, Db};
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// The database file's name inside a backup directory.
pub const DATABASE_FILE: &str = "kiezwerk.db";
/// The photos' directory inside a backup directory.
pub const PHOTOS_DIR: &str = "photos";

/// What a backup or a restore did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub reports: i64,
    pub photos_copied: usize,
    pub photos_present: usize,
    /// Photos the database refers to that are not in the backup (deleted meanwhile).
    pub photos_missing: Vec<String>,
}

/// Every photo key the database refers to: reports, drafts, machines and breakdowns.
const REFERENCED: &str =
    "select storage_key from report_photos union select storage_key from draft_photos \
     union select photo_key from units where photo_key is not null \
     union select photo_key from breakdowns where photo_key is not null";

/// The SQLite database in the file at `path` (brought to the current schema).
async fn open(path: &Path) -> anyhow::Result<Db> {
    Db::connect(&format!("sqlite:{}", path.display())).await
}

fn photo_file(root: &Path, key: &str) -> Option<PathBuf> {
    let valid = key.len() == 32 && key.bytes().all(|b| b.is_ascii_hexdigit());
    valid.then(|| root.join(&key[..2]).join(format!("{key}.jpg")))
}

/// The photo files under `root` (`ab/<key>.jpg` and `ab/<key>.thumb.jpg`), relative to it.
fn photo_files(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let entries = match std::fs::read_dir(root) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(files),
        Err(e) => return Err(e).with_context(|| format!("reading {}", root.display())),
    };
    for fan in entries {
        let fan = fan?;
        if !fan.file_type()?.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(fan.path())? {
            let file = file?;
            let name = file.file_name();
            let name = name.to_string_lossy();
            // Only finished photos: temporary files of writes in progress are left out.
            if file.file_type()?.is_file() && name.ends_with(".jpg") && !name.starts_with('.') {
                files.push(PathBuf::from(fan.file_name()).join(file.file_name()));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// [`copy_photos`] on a thread for blocking work.
async fn copy_photos_blocking(from: &Path, to: &Path) -> anyhow::Result<(usize, usize)> {
    let (from, to) = (from.to_owned(), to.to_owned());
    tokio::task::spawn_blocking(move || copy_photos(&from, &to)).await?
}

/// Copies the photo files from `from` to `to` that are not there yet (same name and size);
/// how many were copied and how many were there in all.
fn copy_photos(from: &Path, to: &Path) -> anyhow::Result<(usize, usize)> {
    let files = photo_files(from)?;
    let mut copied = 0;
    for relative in &files {
        let source = from.join(relative);
        let target = to.join(relative);
        let size = std::fs::metadata(&source)?.len();
        if std::fs::metadata(&target).is_ok_and(|m| m.len() == size) {
            continue;
        }
        let dir = target.parent().context("a photo's directory")?;
        std::fs::create_dir_all(dir)?;
        let temporary = dir.join(format!(
            ".{}.partial",
            relative.file_name().unwrap_or_default().to_string_lossy()
        ));
        std::fs::copy(&source, &temporary)
            .with_context(|| format!("copying {}", source.display()))?;
        std::fs::File::open(&temporary)?.sync_all()?;
        std::fs::rename(&temporary, &target)?;
        copied += 1;
    }
    Ok((copied, files.len()))
}

/// The photos that the database at `db` refers to and that are missing under `photos`.
async fn missing_photos(db: &Db, photos: &Path) -> anyhow::Result<Vec<String>> {
    let keys: Vec<String> = sqlx::query_scalar(REFERENCED).fetch_all(&db.pool).await?;
    Ok(keys
        .into_iter()
        .filter(|key| photo_file(photos, key).is_none_or(|file| !file.exists()))
        .collect())
}

async fn reports(db: &Db) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("select count(*) from reports")
        .fetch_one(&db.pool)
        .await?)
}

/// Backs up the serving database `db` and the photos under `photo_dir` into `target`; with
/// `photos_only`, only the photos (the database went with `pg_dump`).
pub async fn backup(
    db: &Db,
    photo_dir: &Path,
    target: &Path,
    photos_only: bool,
) -> anyhow::Result<Summary> {
    std::fs::create_dir_all(target).with_context(|| format!("creating {}", target.display()))?;
    let database = target.join(DATABASE_FILE);
    let mut summary = Summary::default();
    if !photos_only {
        if db.backend != Backend::Sqlite {
            bail!("PostgreSQL is backed up with pg_dump; then run `kiezwerk backup --photos-only DIR` (see the README)");
        }
        // VACUUM INTO writes a new file and refuses an existing one; the old snapshot goes
        // only once the new one is complete.
        let fresh = target.join(format!("{DATABASE_FILE}.new"));
        let _ = std::fs::remove_file(&fresh);
        sqlx::query("vacuum into $1")
            .bind(fresh.to_string_lossy().into_owned())
            .execute(&db.pool)
            .await
            .context("taking the database snapshot")?;
        std::fs::rename(&fresh, &database)?;
    }
    let photos = target.join(PHOTOS_DIR);
    let (copied, present) = copy_photos_blocking(photo_dir, &photos).await?;
    summary.photos_copied = copied;
    summary.photos_present = present;
    if !photos_only {
        let snapshot = open(&database).await?;
        summary.reports = reports(&snapshot).await?;
        summary.photos_missing = missing_photos(&snapshot, &photos).await?;
        snapshot.pool.close().await;
    }
    Ok(summary)
}

/// Restores the backup in `source` into the SQLite database file `database` and the photo
/// directory `photo_dir`, both empty (or without reports and photos); with `photos_only`, only
/// the photos.
pub async fn restore(
    source: &Path,
    database: Option<&Path>,
    photo_dir: &Path,
    photos_only: bool,
) -> anyhow::Result<Summary> {
    let mut summary = Summary::default();
    if !photo_files(photo_dir)?.is_empty() {
        bail!(
            "{} already holds photos; restore into an empty data directory",
            photo_dir.display()
        );
    }
    if !photos_only {
        let database = database.context(
            "PostgreSQL is restored with pg_restore; then run `kiezwerk restore --photos-only DIR`",
        )?;
        let snapshot = source.join(DATABASE_FILE);
        if !snapshot.exists() {
            bail!(
                "{} holds no database backup ({DATABASE_FILE})",
                source.display()
            );
        }
        if database.exists() {
            let existing = open(database).await?;
            let count = reports(&existing).await;
            existing.pool.close().await;
            if count.is_ok_and(|n| n > 0) {
                bail!(
                    "{} already holds reports; restore into an empty data directory",
                    database.display()
                );
            }
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
            }
        }
        if let Some(dir) = database.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::copy(&snapshot, database)
            .with_context(|| format!("copying the database to {}", database.display()))?;
        std::fs::File::open(database)?.sync_all()?;
    }
    let (copied, present) = copy_photos_blocking(&source.join(PHOTOS_DIR), photo_dir).await?;
    summary.photos_copied = copied;
    summary.photos_present = present;
    if let Some(database) = database.filter(|_| !photos_only) {
        let restored = open(database).await?;
        summary.reports = reports(&restored).await?;
        summary.photos_missing = missing_photos(&restored, photo_dir).await?;
        restored.pool.close().await;
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_finished_photos_are_copied_and_a_second_copy_copies_nothing() {
        let from = tempfile::tempdir().expect("dir");
        let to = tempfile::tempdir().expect("dir");
        let fan = from.path().join("ab");
        std::fs::create_dir_all(&fan).expect("fan");
        std::fs::write(fan.join("ab00000000000000000000000000000a.jpg"), b"full").expect("file");
        std::fs::write(fan.join("ab00000000000000000000000000000a.thumb.jpg"), b"t").expect("file");
        std::fs::write(fan.join("ab00000000000000000000000000000b.tmp"), b"half").expect("file");
        std::fs::write(from.path().join(".healthz-x"), b"ok").expect("file");
        assert_eq!(copy_photos(from.path(), to.path()).expect("copy"), (2, 2));
        assert!(!to
            .path()
            .join("ab")
            .join("ab00000000000000000000000000000b.tmp")
            .exists());
        assert_eq!(copy_photos(from.path(), to.path()).expect("again"), (0, 2));
    }
}
