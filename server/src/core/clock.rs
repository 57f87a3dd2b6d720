//! The server's clock. Every "now" the server uses — timestamps it stores, deadlines, expiry of
//! drafts, sessions and ceremonies, the digest's hours, Open311's date windows — comes from
//! the [`Clock`] in the application state, never from a free call to the system time, so that
//! tests can put the server at any moment (23:30 UTC, a daylight-saving change, New Year's
//! Eve) and see it behave as it will then.
//!
//! Municipal time is German time ([`super::time`]).

use super::time::berlin;
use jiff::{SignedDuration, Timestamp};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;

/// Where the time comes from: the system clock, shifted by an offset that only tests change.
/// Clones share the offset, so moving a test's clock moves it for every part of the server.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    offset_ms: Arc<AtomicI64>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock that reads `at` now and runs on from there in real time.
    pub fn starting_at(at: Timestamp) -> Clock {
        let clock = Clock::system();
        clock.set(at);
        clock
    }

    /// Now, in milliseconds since the Unix epoch (the form timestamps are stored in).
    pub fn now_ms(&self) -> i64 {
        Timestamp::now().as_millisecond() + self.offset_ms.load(Ordering::Relaxed)
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::from_millisecond(self.now_ms()).unwrap_or_else(|_| Timestamp::now())
    }

    /// Now in municipal time.
    pub fn now_in_berlin(&self) -> jiff::Zoned {
        self.now().to_zoned(berlin())
    }

    /// Moves this clock (and every clone of it) so that it reads `at` now.
    pub fn set(&self, at: Timestamp) {
        self.offset_ms.store(
            at.as_millisecond() - Timestamp::now().as_millisecond(),
            Ordering::Relaxed,
        );
    }

    /// Moves this clock (and every clone of it) forwards, or backwards for a negative span.
    pub fn advance(&self, by: SignedDuration) {
        let ms = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        self.offset_ms.fetch_add(ms, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn a_clock_set_to_a_moment_reads_that_moment_and_runs_on() {
        let clock = Clock::starting_at(at("2026-12-31T22:59:59.5Z"));
        let now = clock.now_ms();
        let expected = at("2026-12-31T22:59:59.5Z").as_millisecond();
        assert!((expected..expected + 5_000).contains(&now), "{now}");
        // Half a second later it is New Year in Berlin.
        clock.advance(SignedDuration::from_secs(1));
        assert_eq!(clock.now_in_berlin().year(), 2027);
    }

    #[test]
    fn clones_share_the_moment_they_are_set_to() {
        let clock = Clock::system();
        let clone = clock.clone();
        clock.set(at("2026-03-29T00:30:00Z"));
        assert_eq!(clone.now_in_berlin().date().to_string(), "2026-03-29");
    }

    /// The test command runs the suite again under `faketime` at awkward moments and names the
    /// moment in `KIEZWERK_FAKED_NOW`; this proves the faked time reaches the server's clock
    /// (a run where it did not would prove nothing). Outside that step there is nothing to check.
    #[test]
    fn the_test_commands_faked_moment_reaches_the_servers_clock() {
        let Ok(moment) = std::env::var("KIEZWERK_FAKED_NOW") else {
            return;
        };
        let expected: Timestamp = moment
            .parse()
            .expect("KIEZWERK_FAKED_NOW is an RFC 3339 time");
        let drift = Clock::system().now().duration_since(expected);
        assert!(
            drift >= SignedDuration::ZERO && drift < SignedDuration::from_mins(10),
            "the server's clock reads {} under faketime {moment}",
            Clock::system().now()
        );
    }
}
