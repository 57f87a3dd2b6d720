//! Per-client rate limits (token bucket per IP address) for the requests domains name: report
//! intake, sign-in ceremonies, mail-sending requests; and buckets per any other key (an API
//! key's id, whatever address its client posts from).
//!
//! Buckets live in the memory of each server: behind a load balancer with N servers a client
//! gets at most N times the limit, which still stops floods from one address.

use super::extract::{Client, RequestLang};
use crate::core::metrics::Metrics;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use kiezwerk_app::i18n::Lang;
use std::collections::HashMap;
use std::hash::Hash;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Instant;

#[derive(Debug)]
struct Bucket {
    tokens: f64,
    updated: Instant,
}

/// Token buckets, one per client: an IP address unless said otherwise.
#[derive(Debug)]
pub struct RateLimiter<K = IpAddr> {
    capacity: f64,
    per_second: f64,
    buckets: Mutex<HashMap<K, Bucket>>,
}

impl<K: Hash + Eq> RateLimiter<K> {
    /// Allows `per_minute` requests per minute and client, in bursts of up to that many.
    pub fn per_minute(per_minute: u32) -> RateLimiter<K> {
        RateLimiter {
            capacity: f64::from(per_minute.max(1)),
            per_second: f64::from(per_minute.max(1)) / 60.0,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `client`; `false` means the client must wait.
    pub fn allow(&self, client: K, now: Instant) -> bool {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() > 100_000 {
            // Forget clients whose bucket has refilled; they lose nothing.
            let (capacity, rate) = (self.capacity, self.per_second);
            buckets.retain(|_, b| {
                b.tokens + now.duration_since(b.updated).as_secs_f64() * rate < capacity
            });
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.capacity,
            updated: now,
        });
        let refill = now.saturating_duration_since(bucket.updated).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.capacity);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            true
        } else {
            false
        }
    }
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
    if limit.limiter.allow(client, Instant::now()) {
        return next.run(Request::from_parts(parts, body)).await;
    }
    limits.metrics.rate_limited();
    let Ok(RequestLang(lang)) = RequestLang::from_request_parts(&mut parts, &()).await;
    super::error::retry_later((limit.refuse)(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_client_over_the_limit_waits_and_others_are_unaffected() {
        let limiter = RateLimiter::per_minute(3);
        let (a, b): (IpAddr, IpAddr) = ([10, 0, 0, 1].into(), [10, 0, 0, 2].into());
        let t0 = Instant::now();
        assert!((0..3).all(|_| limiter.allow(a, t0)));
        assert!(!limiter.allow(a, t0));
        assert!(limiter.allow(b, t0));
        // One token comes back every 20 seconds.
        assert!(limiter.allow(a, t0 + Duration::from_secs(21)));
        assert!(!limiter.allow(a, t0 + Duration::from_secs(22)));
    }
}
