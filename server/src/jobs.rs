//! Background work inside the server process: removing expired drafts and their photos.
//! Every step is idempotent, so several servers may run it at the same time.

use crate::db::now_ms;
use crate::drafts;
use crate::state::AppState;
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// One cleanup pass; returns how many drafts were removed.
pub async fn clean_up_drafts(state: &AppState) -> anyhow::Result<usize> {
    let (deleted, orphaned) = drafts::delete_expired(&state.db, now_ms()).await?;
    for key in orphaned {
        if let Err(error) = state.photos.delete(&key).await {
            tracing::warn!(%error, "deleting an expired draft's photo");
        }
    }
    Ok(deleted)
}

/// Runs the cleanup until `shutdown` fires.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mut interval = tokio::time::interval(EVERY);
    loop {
        tokio::select! {
            _ = interval.tick() => match clean_up_drafts(&state).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(drafts = n, "expired drafts removed"),
                Err(error) => tracing::error!(%error, "draft cleanup failed"),
            },
            _ = shutdown.changed() => break,
        }
    }
}
