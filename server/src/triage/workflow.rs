//! The life of a report as an explicit state machine, and its deadlines in working days.

use crate::clock::berlin;
use crate::reports::Status;
use serde::{Deserialize, Serialize};

/// What staff can do to a report's status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Transition {
    /// The responsible department takes the report on (also a forwarded one).
    Accept,
    /// Work has started.
    Start,
    /// Fixed.
    Resolve,
    /// Closed without a fix; needs a reason the citizen reads.
    CloseNotFixed,
    /// Sent to another department or municipality, with a reason.
    Forward,
    /// The receiving department hands a forwarded report back, with a reason.
    HandBack,
    /// Merged into another report.
    MarkDuplicate,
    /// A closed report is opened again.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 8] = [
        Transition::Accept,
        Transition::Start,
        Transition::Resolve,
        Transition::CloseNotFixed,
        Transition::Forward,
        Transition::HandBack,
        Transition::MarkDuplicate,
        Transition::Reopen,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Transition::Accept => "accept",
            Transition::Start => "start",
            Transition::Resolve => "resolve",
            Transition::CloseNotFixed => "close_not_fixed",
            Transition::Forward => "forward",
            Transition::HandBack => "hand_back",
            Transition::MarkDuplicate => "mark_duplicate",
            Transition::Reopen => "reopen",
        }
    }

    pub fn parse(code: &str) -> Option<Transition> {
        Transition::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The status this leads to from `from`; `None` where the state machine has no such edge.
    pub fn from(self, from: Status) -> Option<Status> {
        use Status::*;
        let to = match (self, from) {
            (Transition::Accept, New | Forwarded) => Accepted,
            (Transition::Start, Accepted) => InProgress,
            (Transition::Resolve, Accepted | InProgress) => Resolved,
            (Transition::CloseNotFixed, New | Forwarded | Accepted | InProgress) => ClosedNotFixed,
            (Transition::Forward, New | Forwarded | Accepted | InProgress) => Forwarded,
            (Transition::HandBack, Forwarded) => New,
            (Transition::MarkDuplicate, New | Forwarded | Accepted | InProgress) => Duplicate,
            (Transition::Reopen, Resolved | ClosedNotFixed) => Accepted,
            _ => return None,
        };
        Some(to)
    }

    /// The transitions open to a report in `status`, in the order the detail page offers them.
    pub fn available(status: Status) -> Vec<Transition> {
        Transition::ALL
            .into_iter()
            .filter(|t| t.from(status).is_some())
            .collect()
    }
}

/// Where a report stands in the queue: waiting for acceptance, being worked on, or closed.
pub fn stage(status: Status) -> i64 {
    match status {
        Status::New | Status::Forwarded => 0,
        Status::Accepted | Status::InProgress => 1,
        Status::Resolved | Status::ClosedNotFixed | Status::Duplicate => 2,
    }
}

/// How urgent a report is; set by staff, shown in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Normal,
    High,
}

impl Priority {
    pub const ALL: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];

    pub fn code(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
        }
    }

    pub fn parse(code: &str) -> Option<Priority> {
        Priority::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// `days` working days (Monday to Friday) after `from_ms`, at the same time of day in Berlin.
/// A report made on a weekend counts from the next Monday. Public holidays differ per state
/// and are not counted out.
///
/// The days are counted on the Berlin calendar and only the result is turned back into an
/// instant: the deadline always falls on a weekday, and Germany changes its clocks on Sundays,
/// so the time of day can never land in a gap or an overlap.
pub fn add_working_days(from_ms: i64, days: i64) -> i64 {
    use jiff::civil::Weekday;
    let Ok(start) = jiff::Timestamp::from_millisecond(from_ms) else {
        return from_ms;
    };
    let local = start.to_zoned(berlin()).datetime();
    let weekend = |d: jiff::civil::Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
    let mut date = local.date();
    let mut counted = 0;
    while weekend(date) || counted < days {
        let Ok(next) = date.tomorrow() else {
            return from_ms;
        };
        if !weekend(date) {
            counted += 1;
        }
        date = next;
    }
    date.to_datetime(local.time())
        .to_zoned(berlin())
        .map_or(from_ms, |deadline| deadline.timestamp().as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_open_report_can_be_forwarded_closed_or_merged_but_not_a_closed_one() {
        for status in Status::ALL {
            let open = status.is_open();
            for t in [
                Transition::Forward,
                Transition::CloseNotFixed,
                Transition::MarkDuplicate,
            ] {
                assert_eq!(t.from(status).is_some(), open, "{t:?} from {status:?}");
            }
        }
    }

    #[test]
    fn the_state_machine_has_exactly_these_edges() {
        use Status::*;
        let edges: Vec<(Status, Transition, Status)> = Status::ALL
            .into_iter()
            .flat_map(|from| {
                Transition::ALL
                    .into_iter()
                    .filter_map(move |t| t.from(from).map(|to| (from, t, to)))
            })
            .collect();
        assert!(edges.contains(&(New, Transition::Accept, Accepted)));
        assert!(edges.contains(&(Forwarded, Transition::Accept, Accepted)));
        assert!(edges.contains(&(Forwarded, Transition::HandBack, New)));
        assert!(edges.contains(&(Resolved, Transition::Reopen, Accepted)));
        assert!(
            !edges.iter().any(|(from, _, _)| *from == Duplicate),
            "a duplicate stays one"
        );
        assert!(
            Transition::Resolve.from(New).is_none(),
            "accept before resolving"
        );
        assert!(
            Transition::HandBack.from(Accepted).is_none(),
            "only a forwarded report goes back"
        );
        assert!(Transition::Start.from(InProgress).is_none());
        assert_eq!(edges.len(), 20);
    }

    #[test]
    fn codes_round_trip() {
        for t in Transition::ALL {
            assert_eq!(Transition::parse(t.code()), Some(t));
        }
        for p in Priority::ALL {
            assert_eq!(Priority::parse(p.code()), Some(p));
        }
        assert_eq!(Transition::parse("delete"), None);
    }

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().expect("time").as_millisecond()
    }

    #[test]
    fn working_days_skip_weekends() {
        // Thursday 2026-11-19 10:00 Berlin + 2 working days = Monday 2026-11-23 10:00.
        assert_eq!(
            add_working_days(at("2026-11-19T09:00:00Z"), 2),
            at("2026-11-23T09:00:00Z")
        );
        // Saturday counts from Monday: + 1 = Tuesday.
        assert_eq!(
            add_working_days(at("2026-11-21T09:00:00Z"), 1),
            at("2026-11-24T09:00:00Z")
        );
        // Across the change to winter time (25 October 2026), the Berlin time of day holds.
        assert_eq!(
            add_working_days(at("2026-10-23T08:00:00Z"), 1),
            at("2026-10-26T09:00:00Z")
        );
        assert_eq!(
            add_working_days(at("2026-11-19T09:00:00Z"), 0),
            at("2026-11-19T09:00:00Z")
        );
        // Friday evening + 1 = Monday evening.
        assert_eq!(
            add_working_days(at("2026-12-04T16:59:30Z"), 1),
            at("2026-12-07T16:59:30Z")
        );
        // Across New Year.
        assert_eq!(
            add_working_days(at("2026-12-31T22:59:30Z"), 2),
            at("2027-01-04T22:59:30Z")
        );
    }

    #[test]
    fn a_weekend_start_inside_the_spring_forward_gap_keeps_its_time_of_day() {
        // Saturday 2027-03-27 02:30 Berlin (winter time); Sunday has no 02:30 in Berlin, the
        // deadline is on Monday at 02:30 (summer time).
        assert_eq!(
            add_working_days(at("2027-03-27T01:30:00Z"), 0),
            at("2027-03-29T00:30:00Z")
        );
        assert_eq!(
            add_working_days(at("2027-03-27T01:30:00Z"), 1),
            at("2027-03-30T00:30:00Z")
        );
    }
}
