//! Per-client rate limits (token bucket per IP address) for the requests domains name: report
//! intake, sign-in ceremonies, mail-sending requests, open-data downloads; and buckets per any
//! other key (an API key's id, whatever address its client posts from).
//!
//! The buckets live in the database (`rate_limits`), so every server behind a load balancer
//! counts against the same bucket: a client gets the limit once, not once per server. Taking a
//! token is one upsert that refills the bucket by the time passed and takes a token only if a
//! whole one is there; both databases run it atomically per row. Buckets of clients that have
//! been quiet for longer than a full refill are deleted by the background jobs ([`forget_idle`]):
//! the addresses are kept only as long as they limit something.

use super::extract::{Client, RequestLang};
use crate::core::clock::Clock;
use crate::core::db::{Backend, Db};
use crate::core::metrics::Metrics;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kiezwerk_app::i18n::Lang;
use std::fmt::Display;
use std::marker::PhantomData;
use std::net::IpAddr;
use std::sync::Arc;

/// Token buckets of one limit, one per client: an IP address unless said otherwise.
#[derive(Debug)]
pub struct RateLimiter<K = IpAddr> {
    /// The limit's name in the table, e.g. `intake`.
    scope: &'static str,
    capacity: f64,
    per_ms: f64,
    db: Db,
    clock: Clock,
    key: PhantomData<fn(K)>,
}

impl<K: Display> RateLimiter<K> {
    /// Allows `per_minute` requests per minute and client, in bursts of up to that many.
    pub fn per_minute(
        scope: &'static str,
        per_minute: u32,
        db: Db,
        clock: Clock,
    ) -> RateLimiter<K> {
        let capacity = f64::from(per_minute.max(1));
        RateLimiter {
            scope,
            capacity,
            per_ms: capacity / 60_000.0,
            db,
            clock,
            key: PhantomData,
        }
    }

    /// Takes one token for `client`; `false` means the client must wait. Should the database
    /// fail, the request is let through (it would fail on its own next).
    pub async fn allow(&self, client: K) -> bool {
        match self.take(&client.to_string(), self.clock.now_ms()).await {
            Ok(allowed) => allowed,
            Err(error) => {
                tracing::warn!(%error, scope = self.scope, "rate limit not checked");
                true
            }
        }
    }

    async fn take(&self, client: &str, now: i64) -> Result<bool, sqlx::Error> {
        let (least, greatest) = match self.db.backend {
            Backend::Sqlite => ("min", "max"),
            Backend::Postgres => ("least", "greatest"),
        };
        // The bucket's level now: refilled by the time since its last use (never negative,
        // should another server's clock be behind), at most full.
        let level = format!(
            "{least}($3, rate_limits.tokens + {greatest}(0, $4 - rate_limits.updated_at) * $5)"
        );
        let allowed: i64 = sqlx::query_scalar(&format!(
            "insert into rate_limits (scope, client, tokens, allowed, updated_at) \
             values ($1, $2, $3 - 1, 1, $4) \
             on conflict (scope, client) do update set \
               tokens = case when {level} >= 1 then {level} - 1 else {level} end, \
               allowed = case when {level} >= 1 then 1 else 0 end, \
               updated_at = {greatest}(rate_limits.updated_at, $4) \
             returning allowed"
        ))
        .bind(self.scope)
        .bind(client)
        .bind(self.capacity)
        .bind(now)
        .bind(self.per_ms)
        .fetch_one(&self.db.pool)
        .await?;
        Ok(allowed == 1)
    }
}

/// Deletes the buckets not used since `before`: every limit refills within a minute, so a
/// bucket idle for longer is full and forgetting it changes nothing.
pub async fn forget_idle(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from rate_limits where updated_at < $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// One limit: which posts it counts, its buckets, and how its refusal is answered.
pub struct Limit {
    /// Whether a POST to this path counts.
    pub applies: fn(&str) -> bool,
    pub limiter: Arc<RateLimiter<IpAddr>>,
    /// The refusal in the format of the surface the path belongs to, in the request's language.
    pub refuse: fn(Lang) -> Response,
}

/// The limits of the whole application, each domain's in turn.
pub struct Limits {
    pub limits: Vec<Limit>,
    pub metrics: Arc<Metrics>,
}

/// Counts each POST against the first limit that applies to its path; over the limit, the
/// client waits (429 with `Retry-After`).
pub async fn enforce(State(limits): State<Arc<Limits>>, request: Request, next: Next) -> Response {
    if request.method() != Method::POST {
        return next.run(request).await;
    }
    let Some(limit) = limits
        .limits
        .iter()
        .find(|l| (l.applies)(request.uri().path()))
    else {
        return next.run(request).await;
    };
    let (mut parts, body) = request.into_parts();
    let Ok(Client(client)) = Client::from_request_parts(&mut parts, &()).await;
    if limit.limiter.allow(client).await {
        return next.run(Request::from_parts(parts, body)).await;
    }
    limits.metrics.rate_limited();
    let Ok(RequestLang(lang)) = RequestLang::from_request_parts(&mut parts, &()).await;
    super::error::retry_later((limit.refuse)(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::SignedDuration;

    #[tokio::test]
    async fn a_client_over_the_limit_waits_and_others_are_unaffected() {
        let dir = tempfile::tempdir().expect("directory");
        let db = Db::connect(&format!("sqlite:{}", dir.path().join("k.db").display()))
            .await
            .expect("database");
        let clock = Clock::system();
        let limiter = RateLimiter::per_minute("test", 3, db.clone(), clock.clone());
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        clock.set(jiff::Timestamp::from_second(1_800_000_000).expect("moment"));
        for _ in 0..3 {
            assert!(limiter.allow(a).await);
        }
        assert!(!limiter.allow(a).await);
        assert!(limiter.allow(b).await);
        // One token comes back every 20 seconds; a refused request takes none.
        clock.advance(SignedDuration::from_secs(21));
        assert!(limiter.allow(a).await);
        assert!(!limiter.allow(a).await);
        // Another limit has its own buckets.
        let other = RateLimiter::per_minute("other", 1, db.clone(), clock.clone());
        assert!(other.allow(a).await);
        // Idle buckets are forgotten; a forgotten bucket is a full one.
        clock.advance(SignedDuration::from_secs(61));
        assert_eq!(
            forget_idle(&db, clock.now_ms() - 60_000)
                .await
                .expect("forget"),
            3
        );
        assert!(limiter.allow(a).await);
    }
}
