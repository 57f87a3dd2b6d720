//! The life of a report as an explicit state machine, and how urgent it is. Deadlines count
//! working days (`core::time::add_working_days`).

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

    /// Whether the citizen must be told why (forwarding, handing back, closing unfixed).
    pub fn needs_reason(self) -> bool {
        matches!(
            self,
            Transition::Forward | Transition::HandBack | Transition::CloseNotFixed
        )
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

    /// The way from one status to another through the steps a department's back office may
    /// take: one step of the machine, or two where the first only takes the report on (accept)
    /// or opens it again (reopen) — a new report is accepted before it is started, but nothing
    /// is closed on the way to somewhere else. No steps when the report is there already;
    /// `None` where there is no such way.
    pub fn way(from: Status, to: Status) -> Option<Vec<Transition>> {
        const FIRST: [Transition; 2] = [Transition::Accept, Transition::Reopen];
        const STEPS: [Transition; 5] = [
            Transition::Accept,
            Transition::Start,
            Transition::Resolve,
            Transition::CloseNotFixed,
            Transition::Reopen,
        ];
        if from == to {
            return Some(Vec::new());
        }
        if let Some(step) = STEPS.into_iter().find(|s| s.from(from) == Some(to)) {
            return Some(vec![step]);
        }
        FIRST.into_iter().find_map(|first| {
            let between = first.from(from)?;
            let second = STEPS.into_iter().find(|s| s.from(between) == Some(to))?;
            Some(vec![first, second])
        })
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

kiezwerk_app::stored_as_text!(Priority);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_back_office_reaches_a_status_in_at_most_two_steps_of_the_state_machine() {
        use Status::*;
        use Transition::*;
        assert_eq!(Transition::way(New, InProgress), Some(vec![Accept, Start]));
        assert_eq!(
            Transition::way(Forwarded, Resolved),
            Some(vec![Accept, Resolve])
        );
        assert_eq!(
            Transition::way(New, ClosedNotFixed),
            Some(vec![CloseNotFixed])
        );
        assert_eq!(
            Transition::way(Resolved, InProgress),
            Some(vec![Reopen, Start])
        );
        assert_eq!(Transition::way(Accepted, Accepted), Some(vec![]));
        // No way back from work to acceptance, and none out of a merge.
        assert_eq!(Transition::way(InProgress, Accepted), None);
        assert_eq!(Transition::way(Duplicate, Accepted), None);
        // Every way found is a walk on the state machine's edges that closes nothing on the way.
        for from in Status::ALL {
            for to in Status::ALL {
                if let Some(steps) = Transition::way(from, to) {
                    let end = steps.iter().try_fold(from, |at, t| t.from(at));
                    assert_eq!(end, Some(to), "{from:?} → {to:?}");
                    if let [first, _] = steps[..] {
                        assert!(
                            first.from(from).is_some_and(Status::is_open),
                            "{from:?} → {to:?}"
                        );
                    }
                }
            }
        }
    }

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
}
