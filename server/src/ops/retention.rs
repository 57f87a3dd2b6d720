//! Storage limitation (DSGVO Art. 5 (1) e): once a report has been closed for its
//! municipality's `contact_retention_days`, the reporter's e-mail address and the followers'
//! addresses are erased; once closed for `photo_retention_days`, its photos (rows first, in one
//! transaction that also marks them as abandoned uploads, then the files; a file whose removal
//! fails is removed by the sweep of abandoned uploads). A daily pass in every server: idempotent (what is erased is
//! not found again), safe to run on several servers at once, and audited with the counts per
//! municipality when it erased something. Open and reopened reports are never touched.

use crate::auth::audit::{self, Entry, Event};
use crate::core::db::Db;
use crate::photos::store::PhotoStore;
use kiezwerk_app::model::MunicipalityId;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What one pass erased in one municipality.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Erased {
    pub contacts: u64,
    pub followers: u64,
    pub photos: u64,
}

/// Erases what is due at `now` in every municipality; what was erased, in all.
pub async fn apply(db: &Db, photos: &PhotoStore, now: i64) -> anyhow::Result<Erased> {
    let municipalities: Vec<(MunicipalityId, i64, i64)> = sqlx::query_as(
        "select id, contact_retention_days, photo_retention_days from municipalities order by id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut total = Erased::default();
    for (municipality, contact_days, photo_days) in municipalities {
        let erased = apply_in(
            db,
            photos,
            municipality,
            now - contact_days * DAY_MS,
            now - photo_days * DAY_MS,
        )
        .await?;
        if erased != Erased::default() {
            let detail = format!(
                "{} contacts, {} followers, {} photos",
                erased.contacts, erased.followers, erased.photos
            );
            audit::record(
                db,
                now,
                Event::RetentionApplied,
                Entry {
                    municipality_id: Some(municipality),
                    detail: &detail,
                    ..Default::default()
                },
            )
            .await;
        }
        total.contacts += erased.contacts;
        total.followers += erased.followers;
        total.photos += erased.photos;
    }
    Ok(total)
}

/// Erases contact data of reports closed before `contacts_before` and photos of reports closed
/// before `photos_before` in one municipality.
async fn apply_in(
    db: &Db,
    store: &PhotoStore,
    municipality: MunicipalityId,
    contacts_before: i64,
    photos_before: i64,
) -> anyhow::Result<Erased> {
    let closed = "select id from reports where municipality_id = $1 and closed_at is not null and closed_at < $2";
    let mut tx = db.pool.begin().await?;
    let contacts = sqlx::query(&format!(
        "update reports set reporter_email = null where reporter_email is not null and id in ({closed})"
    ))
    .bind(municipality)
    .bind(contacts_before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let followers = sqlx::query(&format!(
        "delete from report_followers where report_id in ({closed})"
    ))
    .bind(municipality)
    .bind(contacts_before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    let keys: Vec<String> = sqlx::query_scalar(&format!(
        "delete from report_photos where report_id in ({closed}) returning storage_key"
    ))
    .bind(municipality)
    .bind(photos_before)
    .fetch_all(&mut *tx)
    .await?;
    if !keys.is_empty() {
        sqlx::query(&format!(
            "update reports set photo_count = 0 where photo_count > 0 and id in ({closed})"
        ))
        .bind(municipality)
        .bind(photos_before)
        .execute(&mut *tx)
        .await?;
    }
    // Until its file is gone, each photo is remembered as an abandoned upload (written long
    // ago): should the removal below fail or the process die first, the sweep of abandoned
    // uploads removes the file.
    for key in &keys {
        sqlx::query(
            "insert into photo_uploads (storage_key, created_at) values ($1, 0) \
             on conflict (storage_key) do nothing",
        )
        .bind(key)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    for key in &keys {
        match store.delete(key).await {
            Ok(()) => {
                sqlx::query("delete from photo_uploads where storage_key = $1")
                    .bind(key)
                    .execute(&db.pool)
                    .await?;
            }
            Err(error) => {
                tracing::warn!(%error, "erasing a photo past its retention; the sweep retries")
            }
        }
    }
    Ok(Erased {
        contacts,
        followers,
        photos: keys.len() as u64,
    })
}
