//! Background work inside the server process: removing expired drafts (citizens' reports and
//! workers' breakdown reports) and their photos, photo
//! files whose upload was abandoned, expired sign-in ceremonies, tokens and sessions, the
//! departments' daily digest of overdue reports, the adopters' reminders of thirsty trees,
//! idle rate-limit buckets, sending queued mail,
//! every hour the erasure of closed reports' contact data and photos past their retention, and
//! every two seconds the check whether the municipalities' configuration changed. Every step
//! is idempotent, so several servers may run it at the same time.

use crate::core::http::rate_limit;
use crate::core::mail::Mailer;
use crate::photos::pending;
use crate::reports::drafts;
use crate::server::{AppState, Live, RELOAD_EVERY};
use crate::{auth, trees, triage};
use std::time::Duration;
use tokio::sync::watch;

const EVERY: Duration = Duration::from_secs(10 * 60);
/// How often queued mail is looked for.
const MAIL_EVERY: Duration = Duration::from_secs(15);
/// How often data past its retention is looked for.
const RETENTION_EVERY: Duration = Duration::from_secs(60 * 60);

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

/// Runs the cleanup, the mail delivery and the configuration reload until `shutdown` fires.
/// Each pass works with the state in force when it starts.
pub async fn run(live: Live, mut shutdown: watch::Receiver<bool>) {
    let mailer = match Mailer::from_settings(&live.state().core.settings) {
        Ok(mailer) => mailer,
        Err(error) => {
            tracing::error!(%error, "SMTP is misconfigured; mail stays in the outbox");
            None
        }
    };
    let mut cleanup = tokio::time::interval(EVERY);
    let mut mail = tokio::time::interval(MAIL_EVERY);
    let mut retention = tokio::time::interval(RETENTION_EVERY);
    let mut reload = tokio::time::interval(RELOAD_EVERY);
    reload.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = cleanup.tick() => clean_up(&live.state()).await,
            _ = retention.tick() => {
                let state = live.state();
                let core = &state.core;
                match crate::ops::retention::apply(&core.db, &state.photos.store, core.clock.now_ms()).await {
                    Ok(erased) if erased == Default::default() => {}
                    Ok(erased) => tracing::info!(contacts = erased.contacts, followers = erased.followers, photos = erased.photos, "data past its retention erased"),
                    Err(error) => tracing::error!(error = format!("{error:#}"), "retention pass failed"),
                }
            }
            _ = mail.tick(), if mailer.is_some() => {
                if let Some(mailer) = &mailer {
                    let core = live.state().core;
                    match mailer.send_pending(&core.db, &core.clock).await {
                        Ok(0) => {}
                        Ok(n) => tracing::info!(mails = n, "mail sent"),
                        Err(error) => tracing::error!(error = format!("{error:#}"), "sending mail failed"),
                    }
                }
            }
            _ = reload.tick() => match live.reload_if_changed().await {
                Ok(false) => {}
                Ok(true) => tracing::info!(
                    version = live.state().tenants.registry.version,
                    "municipalities' configuration reloaded"
                ),
                Err(error) => tracing::error!(error = format!("{error:#}"), "configuration reload failed"),
            },
            _ = shutdown.changed() => break,
        }
    }
}

/// The ten-minute pass: expired drafts, abandoned photos, sign-in leftovers, idle rate-limit
/// buckets, the overdue digest, the thirst reminders.
async fn clean_up(state: &AppState) {
    let core = &state.core;
    match clean_up_drafts(state).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(drafts = n, "expired drafts removed"),
        Err(error) => tracing::error!(error = format!("{error:#}"), "draft cleanup failed"),
    }
    match sweep_abandoned_photos(state, core.clock.now_ms()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(photos = n, "abandoned photo uploads removed"),
        Err(error) => tracing::error!(error = format!("{error:#}"), "photo sweep failed"),
    }
    match crate::equipment::clean_up(&state.equipment()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(drafts = n, "expired breakdown drafts removed"),
        Err(error) => tracing::error!(
            error = format!("{error:#}"),
            "breakdown draft cleanup failed"
        ),
    }
    if let Err(error) = auth::clean_up(&state.auth()).await {
        tracing::error!(%error, "sign-in cleanup failed");
    }
    if let Err(error) = rate_limit::forget_idle(&core.db, core.clock.now_ms() - 60_000).await {
        tracing::error!(%error, "forgetting idle rate-limit buckets failed");
    }
    let registry = &state.tenants.registry;
    let public_url = &core.settings.public_url;
    match triage::digest::send_due(&core.db, registry, public_url, core.clock.now_ms()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(digests = n, "overdue digests queued"),
        Err(error) => tracing::error!(%error, "overdue digest failed"),
    }
    match trees::uploads::forget_old(&core.db, core.clock.now_ms()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(uploads = n, "unapplied tree register uploads forgotten"),
        Err(error) => tracing::error!(%error, "forgetting tree register uploads failed"),
    }
    match trees::reminders::send_due(&state.trees(), core.clock.now_ms()).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(reminders = n, "tree reminders queued"),
        Err(error) => tracing::error!(%error, "tree reminders failed"),
    }
}
