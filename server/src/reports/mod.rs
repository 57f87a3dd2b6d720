//! Reports: their domain values, the intake pipeline every channel shares, and how a report
//! is shown.

pub mod intake;
pub mod nearby;
pub mod view;

use kiezwerk_app::i18n::{Lang, Texts};
use serde::{Deserialize, Serialize};

/// Longest description accepted (GeoReport v2's limit).
pub const MAX_DESCRIPTION: usize = 4000;
/// Longest address or place description accepted.
pub const MAX_ADDRESS: usize = 300;
/// Photos per report.
pub const MAX_PHOTOS: usize = 3;

/// Where a report is in its life. The transitions between them are the dispatchers' work.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    New,
    Accepted,
    InProgress,
    Resolved,
    ClosedNotFixed,
    Forwarded,
    Duplicate,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::New,
        Status::Accepted,
        Status::InProgress,
        Status::Resolved,
        Status::ClosedNotFixed,
        Status::Forwarded,
        Status::Duplicate,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::Accepted => "accepted",
            Status::InProgress => "in_progress",
            Status::Resolved => "resolved",
            Status::ClosedNotFixed => "closed_not_fixed",
            Status::Forwarded => "forwarded",
            Status::Duplicate => "duplicate",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Open311 knows only "open" and "closed".
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Status::New | Status::Accepted | Status::InProgress | Status::Forwarded
        )
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Status::New => t.status_new,
            Status::Accepted => t.status_accepted,
            Status::InProgress => t.status_in_progress,
            Status::Resolved => t.status_resolved,
            Status::ClosedNotFixed => t.status_closed_not_fixed,
            Status::Forwarded => t.status_forwarded,
            Status::Duplicate => t.status_duplicate,
        }
    }
}

/// `BER-2026-000123`: the municipality's prefix, the year of submission and a per-year number.
pub fn format_reference(prefix: &str, year: i64, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:06}")
}

/// Normalises a typed reference ("ber-2026-123" → "BER-2026-000123"); `None` if it cannot be one.
pub fn normalize_reference(input: &str) -> Option<String> {
    let input = input.trim().to_ascii_uppercase();
    let mut parts = input.split('-');
    let (prefix, year, seq) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || prefix.is_empty()
        || prefix.len() > 8
        || !prefix.chars().all(|c| c.is_ascii_uppercase())
        || year.len() != 4
    {
        return None;
    }
    let year: i64 = year.parse().ok()?;
    let seq: i64 = seq.parse().ok().filter(|s| *s > 0)?;
    Some(format_reference(prefix, year, seq))
}

/// A plausible e-mail address: one `@`, a dot in the domain, no spaces, at most 254 characters.
/// Deliverability is the mail server's business; this catches typing slips.
pub fn parse_email(input: &str) -> Option<String> {
    let email = input.trim();
    let (local, domain) = email.split_once('@')?;
    let valid = email.len() <= 254
        && !local.is_empty()
        && local.len() <= 64
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
    valid.then(|| email.to_owned())
}

/// Trims the text a citizen typed; control characters other than line feeds go.
pub fn clean_text(input: &str) -> String {
    input
        .trim()
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// A timestamp for people, in municipal time: "22.11.2026, 14:05 Uhr" or "22 November 2026, 14:05".
pub fn format_time(ms: i64, lang: Lang) -> String {
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let zoned = ts.to_zoned(crate::clock::berlin());
    match lang {
        Lang::De => zoned.strftime("%d.%m.%Y, %H:%M Uhr").to_string(),
        Lang::En => zoned.strftime("%-d %B %Y, %H:%M").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_zero_padded_and_normalised() {
        assert_eq!(format_reference("BER", 2026, 123), "BER-2026-000123");
        assert_eq!(
            normalize_reference(" ber-2026-123 ").as_deref(),
            Some("BER-2026-000123")
        );
        assert_eq!(normalize_reference("BER-2026-0").as_deref(), None);
        assert_eq!(normalize_reference("BER-26-1"), None);
        assert_eq!(normalize_reference("BER-2026-1-2"), None);
        assert_eq!(normalize_reference("../etc"), None);
    }

    #[test]
    fn email_addresses_catch_typing_slips() {
        assert_eq!(
            parse_email(" anna@example.de ").as_deref(),
            Some("anna@example.de")
        );
        for bad in [
            "anna",
            "anna@",
            "@example.de",
            "anna@example",
            "anna@@example.de",
            "an na@example.de",
            "anna@example..de",
            "a<b>@example.de",
        ] {
            assert_eq!(parse_email(bad), None, "{bad}");
        }
    }

    #[test]
    fn status_codes_round_trip_and_split_into_open_and_closed() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
        }
        assert!(Status::New.is_open());
        assert!(!Status::ClosedNotFixed.is_open());
    }

    #[test]
    fn times_are_shown_in_german_time() {
        // 2026-07-01T10:00:00Z is noon in Berlin (summer time).
        let ms = 1_782_900_000_000;
        assert_eq!(format_time(ms, Lang::De), "01.07.2026, 12:00 Uhr");
        assert_eq!(format_time(ms, Lang::En), "1 July 2026, 12:00");
    }

    #[test]
    fn text_is_trimmed_and_stripped_of_control_characters() {
        assert_eq!(clean_text("  Müll\r\nda\u{7}  "), "Müll\nda");
    }
}
