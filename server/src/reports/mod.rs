//! Reports: their domain values, the intake pipeline every channel shares ([`intake`]), the web
//! flow's drafts and answers ([`drafts`], [`flow`], [`catalogue`], [`answers`]), how a report is shown
//! ([`view`]), open reports nearby ([`nearby`]), a citizen's own reports ([`mine`]), the
//! photo endpoints ([`http`]) and the port the report flow's pages use ([`port`]).

pub mod answers;
pub mod catalogue;
pub mod drafts;
pub mod flow;
pub mod http;
pub mod intake;
pub mod mine;
pub mod nearby;
pub mod port;
pub mod view;

use crate::core::http::rate_limit::Limit;
use crate::core::http::PageError;
use crate::core::Core;
use crate::photos::Photos;
use crate::tenants::Tenants;
use axum::response::IntoResponse;
use kiezwerk_app::i18n::Texts;
pub use kiezwerk_app::model::Reference;
use serde::{Deserialize, Serialize};

/// What the reports domain uses of the application state.
#[derive(Clone)]
pub struct Reports {
    pub core: Core,
    pub tenants: Tenants,
    pub photos: Photos,
}

/// Sending a report, supporting one and uploading photos count against the intake limit per
/// client.
pub fn limits(core: &Core) -> Vec<Limit> {
    vec![Limit {
        applies: |path| {
            path == "/api/melden/absenden"
                || path == "/api/melden/unterstuetzen"
                || path == kiezwerk_app::report::flow::UPLOAD_PATH
        },
        limiter: core.intake_limiter.clone(),
        refuse: |lang| PageError::TooManyRequests { lang }.into_response(),
    }]
}

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

kiezwerk_app::stored_as_text!(Status);

/// What an entry of a report's timeline records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Submitted,
    /// The routing decision, with enough to explain it (see [`intake::RoutedEvent`]).
    Routed,
    StatusChanged,
    Forwarded,
    HandedBack,
    /// This report was merged into another as its duplicate.
    Merged,
    /// Another report was merged into this one.
    MergedIn,
    CategoryChanged,
    LocationChanged,
    Note,
    Supported,
    Priority,
    Assigned,
}

impl EventKind {
    pub const ALL: [EventKind; 13] = [
        EventKind::Submitted,
        EventKind::Routed,
        EventKind::StatusChanged,
        EventKind::Forwarded,
        EventKind::HandedBack,
        EventKind::Merged,
        EventKind::MergedIn,
        EventKind::CategoryChanged,
        EventKind::LocationChanged,
        EventKind::Note,
        EventKind::Supported,
        EventKind::Priority,
        EventKind::Assigned,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Routed => "routed",
            EventKind::StatusChanged => "status_changed",
            EventKind::Forwarded => "forwarded",
            EventKind::HandedBack => "handed_back",
            EventKind::Merged => "merged",
            EventKind::MergedIn => "merged_in",
            EventKind::CategoryChanged => "category_changed",
            EventKind::LocationChanged => "location_changed",
            EventKind::Note => "note",
            EventKind::Supported => "supported",
            EventKind::Priority => "priority",
            EventKind::Assigned => "assigned",
        }
    }

    pub fn parse(code: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

kiezwerk_app::stored_as_text!(EventKind);

/// Who sees an entry of the timeline: everybody (status page, the citizen's mails), or staff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Visibility {
    Public,
    Internal,
}

impl Visibility {
    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Internal => "internal",
        }
    }

    pub fn parse(code: &str) -> Option<Visibility> {
        [Visibility::Public, Visibility::Internal]
            .into_iter()
            .find(|v| v.code() == code)
    }
}

kiezwerk_app::stored_as_text!(Visibility);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_codes_round_trip_and_split_into_open_and_closed() {
        for status in Status::ALL {
            assert_eq!(Status::parse(status.code()), Some(status));
        }
        assert!(Status::New.is_open());
        assert!(!Status::ClosedNotFixed.is_open());
    }

    #[test]
    fn event_kinds_round_trip() {
        for kind in EventKind::ALL {
            assert_eq!(EventKind::parse(kind.code()), Some(kind));
        }
        assert_eq!(EventKind::parse("deleted"), None);
        for visibility in [Visibility::Public, Visibility::Internal] {
            assert_eq!(Visibility::parse(visibility.code()), Some(visibility));
        }
    }
}
