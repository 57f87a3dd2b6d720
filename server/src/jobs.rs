//! Background work inside the server process: removing expired drafts and their photos, photo
//! files whose upload was abandoned, expired sign-in ceremonies, tokens and sessions, the
//! departments' daily digest of overdue reports, and sending queued mail. Every step is
//! idempotent, so several servers may run it at the same time.

use crate::drafts;
use crate::state::AppState;
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(10 * 60);

/// One cleanup pass; returns how many drafts were removed.
pub async fn clean_up_drafts(state: &AppState) -> anyhow::Result<usize> {
    let (deleted, orphaned) = drafts::delete_expired(&state.db, state.clock.now_ms()).await?;
    for key in orphaned {
        if let Err(error) = state.photos.delete(&key).await {
            tracing::warn!(%error, "deleting an expired draft's photo");
        }
    }
    Ok(deleted)
}

/// Removes photo files whose upload was never attached (a crash or dropped connection between
/// writing the file and committing the report); returns how many.
pub async fn sweep_abandoned_photos(state: &AppState, now: i64) -> anyhow::Result<usize> {
    crate::photos::pending::sweep(&state.db, &state.photos, now).await
}

/// How often queued mail is looked for.
const MAIL_EVERY: Duration = Duration::from_secs(15);

/// Runs the cleanup and the mail delivery until `shutdown` fires.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let mailer = match crate::auth::mail::Mailer::from_settings(&state.settings) {
        Ok(mailer) => mailer,
        Err(error) => {
            tracing::error!(%error, "SMTP is misconfigured; mail stays in the outbox");
            None
        }
    };
    let mut cleanup = tokio::time::interval(EVERY);
    let mut mail = tokio::time::interval(MAIL_EVERY);
    loop {
        tokio::select! {
            _ = cleanup.tick() => {
                match clean_up_drafts(&state).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(drafts = n, "expired drafts removed"),
                    Err(error) => tracing::error!(%error, "draft cleanup failed"),
                }
                match sweep_abandoned_photos(&state, state.clock.now_ms()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(photos = n, "abandoned photo uploads removed"),
                    Err(error) => tracing::error!(%error, "photo sweep failed"),
                }
                if let Err(error) = crate::web::accounts_backend::clean_up(&state).await {
                    tracing::error!(%error, "sign-in cleanup failed");
                }
                match crate::triage::digest::send_due(
                    &state.db,
                    &state.registry,
                    &state.settings.public_url,
                    state.clock.now_ms(),
                )
                .await
                {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(digests = n, "overdue digests queued"),
                    Err(error) => tracing::error!(%error, "overdue digest failed"),
                }
            }
            _ = mail.tick(), if mailer.is_some() => {
                if let Some(mailer) = &mailer {
                    match mailer.send_pending(&state.db, &state.clock).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(mails = n, "mail sent"),
                        Err(error) => tracing::error!(%error, "sending mail failed"),
                    }
                }
            }
            _ = shutdown.changed() => break,
        }
    }
}
