//! The web flow's drafts: a citizen's answers kept on the server between the one-question
//! pages, keyed by the SHA-256 of a random cookie token. Drafts live 24 hours after their
//! last change; the cleanup job removes expired ones with their photo files.

use super::{Reference, MAX_PHOTOS};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::secret::{hash, new_token};
use crate::photos::PhotoRef;
use kiezwerk_app::model::MunicipalityId;
use kiezwerk_app::report::flow::StepFlash;
use serde::{Deserialize, Serialize};

pub const LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;

/// Where the citizen said the problem is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DraftPlace {
    Point(Coordinates),
    Described {
        municipality_id: MunicipalityId,
        area_id: Option<i64>,
        address: String,
    },
}

/// The answers so far.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftData {
    pub category: Option<String>,
    pub answers: Vec<(String, String)>,
    pub place: Option<DraftPlace>,
    pub description: Option<String>,
    pub email: Option<String>,
    pub contact_answered: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DraftPhoto {
    pub id: i64,
    pub photo: PhotoRef,
    /// Where the photo's EXIF says it was taken; kept only until the report is sent.
    pub gps: Option<Coordinates>,
}

/// A report already made from this draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Submitted {
    pub reference: Reference,
    pub access: String,
}

#[derive(Clone, Debug)]
pub struct Draft {
    pub id: String,
    pub data: DraftData,
    pub flash: StepFlash,
    pub photos: Vec<DraftPhoto>,
    pub submitted: Option<Submitted>,
}

/// The database id of the draft a cookie token names.
pub fn draft_id(token: &str) -> String {
    hash(token)
}

/// Starts a draft and returns its cookie token.
pub async fn create(db: &Db, now: i64, flash: &StepFlash) -> Result<String, sqlx::Error> {
    let token = new_token();
    sqlx::query(
        "insert into drafts (id, data, flash, created_at, updated_at, expires_at) values ($1, $2, $3, $4, $4, $5)",
    )
    .bind(draft_id(&token))
    .bind(serde_json::to_string(&DraftData::default()).unwrap_or_default())
    .bind(serde_json::to_string(flash).ok())
    .bind(now)
    .bind(now + LIFETIME_MS)
    .execute(&db.pool)
    .await?;
    Ok(token)
}

type DraftRow = (String, Option<String>, Option<Reference>, Option<String>);
type DraftPhotoRow = (i64, String, i64, i64, Option<f64>, Option<f64>);

/// The live draft the token names, with its photos.
pub async fn load(db: &Db, now: i64, token: &str) -> Result<Option<Draft>, sqlx::Error> {
    let id = draft_id(token);
    let row: Option<DraftRow> = sqlx::query_as(
        "select data, flash, submitted_reference, submitted_access from drafts where id = $1 and expires_at > $2",
    )
    .bind(&id)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?;
    let Some((data, flash, reference, access)) = row else {
        return Ok(None);
    };
    let photos: Vec<DraftPhotoRow> = sqlx::query_as(
        "select id, storage_key, width, height, gps_lat, gps_lon from draft_photos where draft_id = $1 order by id",
    )
    .bind(&id)
    .fetch_all(&db.pool)
    .await?;
    // What the server wrote it reads back; a row it cannot read is an error, not an empty draft.
    let decode = |e: serde_json::Error| sqlx::Error::Decode(e.into());
    Ok(Some(Draft {
        data: serde_json::from_str(&data).map_err(decode)?,
        flash: match flash {
            Some(f) => serde_json::from_str(&f).map_err(decode)?,
            None => StepFlash::default(),
        },
        photos: photos
            .into_iter()
            .map(|(photo_id, key, width, height, lat, lon)| DraftPhoto {
                id: photo_id,
                photo: PhotoRef {
                    key,
                    width: width as u32,
                    height: height as u32,
                },
                gps: Coordinates::from_columns(lat, lon),
            })
            .collect(),
        submitted: reference
            .zip(access)
            .map(|(reference, access)| Submitted { reference, access }),
        id,
    }))
}

/// Stores answers and flash, and extends the draft's life.
pub async fn save(
    db: &Db,
    now: i64,
    id: &str,
    data: &DraftData,
    flash: &StepFlash,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update drafts set data = $2, flash = $3, updated_at = $4, expires_at = $5 \
         where id = $1 and submitted_reference is null",
    )
    .bind(id)
    .bind(serde_json::to_string(data).unwrap_or_default())
    .bind(serde_json::to_string(flash).ok())
    .bind(now)
    .bind(now + LIFETIME_MS)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Keeps a refused answer's errors and typed values for the step's page.
pub async fn set_flash(db: &Db, id: &str, flash: &StepFlash) -> Result<(), sqlx::Error> {
    sqlx::query("update drafts set flash = $2 where id = $1")
        .bind(id)
        .bind(serde_json::to_string(flash).ok())
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Attaches a stored photo, unless the draft already has the maximum (checked in the same
/// statement, so concurrent uploads cannot exceed it). Returns whether it was attached.
pub async fn add_photo(
    db: &Db,
    now: i64,
    id: &str,
    photo: &PhotoRef,
    gps: Option<Coordinates>,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    let inserted = sqlx::query(
        "insert into draft_photos (draft_id, storage_key, width, height, gps_lat, gps_lon, created_at) \
         select $1, $2, $3, $4, $5, $6, $7 \
         where (select count(*) from draft_photos where draft_id = $1) < $8 \
         and exists (select 1 from drafts where id = $1 and submitted_reference is null)",
    )
    .bind(id)
    .bind(&photo.key)
    .bind(i64::from(photo.width))
    .bind(i64::from(photo.height))
    .bind(gps.map(Coordinates::lat))
    .bind(gps.map(Coordinates::lon))
    .bind(now)
    .bind(MAX_PHOTOS as i64)
    // Binds optional floats: see "Optional floats" in `db`.
    .persistent(false)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 1 {
        crate::photos::pending::attached(&mut tx, &photo.key).await?;
    }
    tx.commit().await?;
    Ok(inserted == 1)
}

/// Detaches a photo; returns its storage key so the caller can delete the files.
pub async fn remove_photo(db: &Db, id: &str, photo_id: i64) -> Result<Option<String>, sqlx::Error> {
    let key: Option<String> = sqlx::query_scalar(
        "select storage_key from draft_photos where id = $1 and draft_id = $2 \
         and exists (select 1 from drafts where id = $2 and submitted_reference is null)",
    )
    .bind(photo_id)
    .bind(id)
    .fetch_optional(&db.pool)
    .await?;
    if key.is_some() {
        sqlx::query("delete from draft_photos where id = $1 and draft_id = $2")
            .bind(photo_id)
            .bind(id)
            .execute(&db.pool)
            .await?;
    }
    Ok(key)
}

/// The storage key of a draft's photo, for its preview.
pub async fn photo_key(
    db: &Db,
    now: i64,
    token: &str,
    photo_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select p.storage_key from draft_photos p join drafts d on d.id = p.draft_id \
         where p.id = $1 and d.id = $2 and d.expires_at > $3",
    )
    .bind(photo_id)
    .bind(draft_id(token))
    .bind(now)
    .fetch_optional(&db.pool)
    .await
}

/// How long after expiring a draft is removed. A submission claims only unexpired drafts, so
/// with this margin no intake that is still running can lose its photos to the cleanup.
const REMOVE_AFTER_EXPIRY_MS: i64 = 60 * 60 * 1000;

/// Deletes drafts expired for longer than [`REMOVE_AFTER_EXPIRY_MS`]. Returns the photo keys
/// that no report uses, for file deletion. Safe to run on several servers at once: each step
/// is idempotent.
pub async fn delete_expired(db: &Db, now: i64) -> Result<(usize, Vec<String>), sqlx::Error> {
    let before = now - REMOVE_AFTER_EXPIRY_MS;
    let orphaned: Vec<String> = sqlx::query_scalar(
        "select p.storage_key from draft_photos p join drafts d on d.id = p.draft_id \
         where d.expires_at <= $1 and d.submitted_reference is null",
    )
    .bind(before)
    .fetch_all(&db.pool)
    .await?;
    let deleted = sqlx::query("delete from drafts where expires_at <= $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected();
    Ok((deleted as usize, orphaned))
}
