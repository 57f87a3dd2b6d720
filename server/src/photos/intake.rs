//! One upload from the web form or an Open311 client: processed off the async executor, one
//! decode per core at a time, then stored durably before anything refers to it.

use super::store::new_key;
use super::{pending, process, PhotoError, PhotoLimits, PhotoRef, Photos};
use crate::core::geo::Coordinates;
use crate::core::Core;
use anyhow::Context;
use kiezwerk_app::model::Problem;

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum ProcessError {
    /// The upload is not a photo we take; the person can choose another.
    #[error("photo refused: {0}")]
    Refused(PhotoError),
    /// Ours (decoder thread, database, disk).
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Processes a photo and stores it; returns the stored photo and where its EXIF says it was
/// taken. The upload is recorded as pending first, so a crash between writing the file and
/// attaching it leaves nothing that the sweep does not remove.
pub async fn process_and_store(
    core: &Core,
    photos: &Photos,
    bytes: Vec<u8>,
) -> Result<(PhotoRef, Option<Coordinates>), ProcessError> {
    let limits = photos.limits;
    let slot = photos
        .decodes
        .clone()
        .acquire_owned()
        .await
        .context("waiting for a photo decoder")?;
    let processed = tokio::task::spawn_blocking(move || {
        let processed = process(&bytes, &limits);
        drop(slot);
        processed
    })
    .await
    .context("photo decoder thread")?;
    let processed = match processed {
        Ok(p) => p,
        Err(e) => {
            core.metrics.photo_processed("refused");
            return Err(ProcessError::Refused(e));
        }
    };
    let key = new_key();
    pending::record(&core.db, &key, core.clock.now_ms())
        .await
        .context("recording a pending upload")?;
    photos
        .store
        .put(&key, processed.jpeg, processed.thumbnail)
        .await
        .context("writing a photo")?;
    core.metrics.photo_processed("stored");
    Ok((
        PhotoRef {
            key,
            width: processed.width,
            height: processed.height,
        },
        processed.gps,
    ))
}

/// A refused photo in the person's words; `file` names it (the file name, or the parameter).
pub fn photo_problem(error: &PhotoError, file: &str, limits: &PhotoLimits) -> Problem {
    let file = file.to_owned();
    match error {
        PhotoError::TooLarge => Problem::PhotoTooLarge {
            file,
            max_mb: (limits.max_bytes / (1024 * 1024)) as u64,
        },
        PhotoError::Unsupported => Problem::PhotoUnsupported { file },
        PhotoError::Corrupt => Problem::PhotoCorrupt { file },
        PhotoError::TooManyPixels => Problem::PhotoTooManyPixels {
            file,
            max_megapixels: limits.max_pixels / 1_000_000,
        },
    }
}
