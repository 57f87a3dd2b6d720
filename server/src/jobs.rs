//! Background work inside the server process: removing expired drafts (citizens' reports and
//! workers' breakdown reports) and their photos, photo
//! files whose upload was abandoned, expired sign-in ceremonies, tokens and sessions, the
//! departments' daily digest of overdue reports, and sending queued mail. Every step is
//! idempotent, so several servers may run it at the same time.

use crate::core::mail::Mailer;
use crate::photos::pending;
use crate::reports::drafts;
use crate::server::AppState;
use crate::{auth, triage};
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(10 * 60);
/// How often queued mail is looked for.
const MAIL_EVERY: Duration = Duration::from_secs(15);

/// One cleanup pass; returns how many drafts were removed.
pub async fn clean_up_drafts(state: &AppState) -> anyhow::Result<usize> {
    let core = &state.core;
    let (deleted, orphaned) = drafts::delete_expired(&core.db, core.clock.now_ms()).await?;
    for key in orphaned {
        if let Err(error) = state.photos.store.delete(&key).await {
            tracing::warn!(%error, "deleting an expired draft's photo");
        }
    }
    Ok(deleted)
}

/// Removes photo files whose upload was never attached (a crash or dropped connection between
/// writing the file and committing the report); returns how many.
pub async fn sweep_abandoned_photos(state: &AppState, now: i64) -> anyhow::Result<usize> {
    pending::sweep(&state.core.db, &state.photos.store, now).await
}

/// Runs the cleanup and the mail delivery until `shutdown` fires.
pub async fn run(state: AppState, mut shutdown: watch::Receiver<bool>) {
    let core = &state.core;
    let mailer = match Mailer::from_settings(&core.settings) {
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
                    Err(error) => tracing::error!(error = format!("{error:#}"), "draft cleanup failed"),
                }
                match sweep_abandoned_photos(&state, core.clock.now_ms()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(photos = n, "abandoned photo uploads removed"),
                    Err(error) => tracing::error!(error = format!("{error:#}"), "photo sweep failed"),
                }
                match crate::equipment::clean_up(&state.equipment()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(drafts = n, "expired breakdown drafts removed"),
                    Err(error) => tracing::error!(error = format!("{error:#}"), "breakdown draft cleanup failed"),
                }
                if let Err(error) = auth::clean_up(&state.auth()).await {
                    tracing::error!(%error, "sign-in cleanup failed");
                }
                let registry = &state.tenants.registry;
                let public_url = &core.settings.public_url;
                match triage::digest::send_due(&core.db, registry, public_url, core.clock.now_ms()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(digests = n, "overdue digests queued"),
                    Err(error) => tracing::error!(%error, "overdue digest failed"),
                }
            }
            _ = mail.tick(), if mailer.is_some() => {
                if let Some(mailer) = &mailer {
                    match mailer.send_pending(&core.db, &core.clock).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(mails = n, "mail sent"),
                        Err(error) => tracing::error!(error = format!("{error:#}"), "sending mail failed"),
                    }
                }
            }
            _ = shutdown.changed() => break,
        }
    }
}
