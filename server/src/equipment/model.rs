//! The equipment domain's values: a unit's status, a breakdown's life as an explicit state
//! machine, what broke, how a replacement comes. Stored as text, decoded at the row.

use kiezwerk_app::equipment::texts::BauhofTexts as Texts;

/// Where a unit is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitStatus {
    /// Verfügbar.
    Available,
    /// Im Einsatz.
    InUse,
    /// In Reparatur.
    InRepair,
    /// Ausgemustert: kept for its history, never allocated.
    Retired,
}

impl UnitStatus {
    pub const ALL: [UnitStatus; 4] = [
        UnitStatus::Available,
        UnitStatus::InUse,
        UnitStatus::InRepair,
        UnitStatus::Retired,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            UnitStatus::Available => "available",
            UnitStatus::InUse => "in_use",
            UnitStatus::InRepair => "in_repair",
            UnitStatus::Retired => "retired",
        }
    }

    pub fn parse(code: &str) -> Option<UnitStatus> {
        UnitStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The status as a register file may spell it: the code or the German word.
    pub fn parse_loose(text: &str) -> Option<UnitStatus> {
        let text = text.trim().to_lowercase();
        UnitStatus::parse(&text).or(match text.as_str() {
            "verfügbar" | "verfuegbar" => Some(UnitStatus::Available),
            "im einsatz" => Some(UnitStatus::InUse),
            "in reparatur" => Some(UnitStatus::InRepair),
            "ausgemustert" => Some(UnitStatus::Retired),
            _ => None,
        })
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            UnitStatus::Available => t.unit_available,
            UnitStatus::InUse => t.unit_in_use,
            UnitStatus::InRepair => t.unit_in_repair,
            UnitStatus::Retired => t.unit_retired,
        }
    }
}

kiezwerk_app::stored_as_text!(UnitStatus);

/// Where a breakdown report and its replacement are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BreakdownStatus {
    /// Angefragt: waiting for the fleet manager.
    Requested,
    /// Zugeteilt: a replacement is reserved.
    Allocated,
    /// Unterwegs: the replacement is being brought.
    OnTheWay,
    /// Abholbereit: the replacement waits at the yard.
    ReadyForPickup,
    /// Erledigt.
    Done,
    /// Abgelehnt, with a reason.
    Declined,
}

/// What the fleet manager does to a breakdown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// A replacement is reserved (also one a partner lends).
    Allocate,
    /// The replacement is on its way to the worker.
    Dispatch,
    /// The replacement can be picked up at the yard.
    MakeReady,
    /// Nothing more to do (a report without replacement is acknowledged this way).
    Finish,
    /// No replacement, with a reason the worker reads.
    Decline,
}

impl BreakdownStatus {
    pub const ALL: [BreakdownStatus; 6] = [
        BreakdownStatus::Requested,
        BreakdownStatus::Allocated,
        BreakdownStatus::OnTheWay,
        BreakdownStatus::ReadyForPickup,
        BreakdownStatus::Done,
        BreakdownStatus::Declined,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            BreakdownStatus::Requested => "requested",
            BreakdownStatus::Allocated => "allocated",
            BreakdownStatus::OnTheWay => "on_the_way",
            BreakdownStatus::ReadyForPickup => "ready_for_pickup",
            BreakdownStatus::Done => "done",
            BreakdownStatus::Declined => "declined",
        }
    }

    pub fn parse(code: &str) -> Option<BreakdownStatus> {
        BreakdownStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            BreakdownStatus::Requested => t.breakdown_requested,
            BreakdownStatus::Allocated => t.breakdown_allocated,
            BreakdownStatus::OnTheWay => t.breakdown_on_the_way,
            BreakdownStatus::ReadyForPickup => t.breakdown_ready_for_pickup,
            BreakdownStatus::Done => t.breakdown_done,
            BreakdownStatus::Declined => t.breakdown_declined,
        }
    }

    /// Still the fleet manager's to handle.
    pub fn is_open(self) -> bool {
        !matches!(self, BreakdownStatus::Done | BreakdownStatus::Declined)
    }

    /// Where `step` leads from here; `None` where the state machine has no such edge. A
    /// replacement goes by the way the worker chose: brought, or picked up.
    pub fn after(self, step: Step, delivery: Option<Delivery>) -> Option<BreakdownStatus> {
        use BreakdownStatus::*;
        match (self, step) {
            (Requested, Step::Allocate) => Some(Allocated),
            (Requested, Step::Decline) => Some(Declined),
            (Requested, Step::Finish) => Some(Done),
            (Allocated, Step::Dispatch) if delivery == Some(Delivery::Deliver) => Some(OnTheWay),
            (Allocated, Step::MakeReady) if delivery == Some(Delivery::Pickup) => {
                Some(ReadyForPickup)
            }
            (Allocated | OnTheWay | ReadyForPickup, Step::Finish) => Some(Done),
            _ => None,
        }
    }
}

kiezwerk_app::stored_as_text!(BreakdownStatus);

/// How the replacement reaches the worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Brought to where the worker is.
    Deliver,
    /// Picked up at the yard.
    Pickup,
}

impl Delivery {
    pub fn code(self) -> &'static str {
        match self {
            Delivery::Deliver => "deliver",
            Delivery::Pickup => "pickup",
        }
    }

    pub fn parse(code: &str) -> Option<Delivery> {
        [Delivery::Deliver, Delivery::Pickup]
            .into_iter()
            .find(|d| d.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Delivery::Deliver => t.delivery_deliver,
            Delivery::Pickup => t.delivery_pickup,
        }
    }
}

kiezwerk_app::stored_as_text!(Delivery);

/// What broke, as the worker picks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    WontStart,
    Engine,
    Blade,
    Tyre,
    Hydraulics,
    Electrics,
    Accident,
    Other,
}

impl Damage {
    pub const ALL: [Damage; 8] = [
        Damage::WontStart,
        Damage::Engine,
        Damage::Blade,
        Damage::Tyre,
        Damage::Hydraulics,
        Damage::Electrics,
        Damage::Accident,
        Damage::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Damage::WontStart => "wont_start",
            Damage::Engine => "engine",
            Damage::Blade => "blade",
            Damage::Tyre => "tyre",
            Damage::Hydraulics => "hydraulics",
            Damage::Electrics => "electrics",
            Damage::Accident => "accident",
            Damage::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Damage> {
        Damage::ALL.into_iter().find(|d| d.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Damage::WontStart => t.damage_wont_start,
            Damage::Engine => t.damage_engine,
            Damage::Blade => t.damage_blade,
            Damage::Tyre => t.damage_tyre,
            Damage::Hydraulics => t.damage_hydraulics,
            Damage::Electrics => t.damage_electrics,
            Damage::Accident => t.damage_accident,
            Damage::Other => t.damage_other,
        }
    }
}

kiezwerk_app::stored_as_text!(Damage);

/// A loan asked of a partner municipality.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoanStatus {
    Asked,
    Accepted,
    Declined,
}

impl LoanStatus {
    pub fn code(self) -> &'static str {
        match self {
            LoanStatus::Asked => "asked",
            LoanStatus::Accepted => "accepted",
            LoanStatus::Declined => "declined",
        }
    }

    pub fn parse(code: &str) -> Option<LoanStatus> {
        [
            LoanStatus::Asked,
            LoanStatus::Accepted,
            LoanStatus::Declined,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            LoanStatus::Asked => t.loan_asked,
            LoanStatus::Accepted => t.loan_accepted,
            LoanStatus::Declined => t.loan_declined,
        }
    }
}

kiezwerk_app::stored_as_text!(LoanStatus);

#[cfg(test)]
mod tests {
    use super::*;
    use BreakdownStatus::*;

    #[test]
    fn codes_round_trip() {
        for s in UnitStatus::ALL {
            assert_eq!(UnitStatus::parse(s.code()), Some(s));
        }
        for s in BreakdownStatus::ALL {
            assert_eq!(BreakdownStatus::parse(s.code()), Some(s));
        }
        for d in Damage::ALL {
            assert_eq!(Damage::parse(d.code()), Some(d));
        }
        assert_eq!(
            UnitStatus::parse_loose(" In Reparatur "),
            Some(UnitStatus::InRepair)
        );
        assert_eq!(UnitStatus::parse_loose("kaputt"), None);
    }

    #[test]
    fn a_replacement_is_brought_or_picked_up_as_the_worker_chose() {
        let deliver = Some(Delivery::Deliver);
        let pickup = Some(Delivery::Pickup);
        assert_eq!(Requested.after(Step::Allocate, deliver), Some(Allocated));
        assert_eq!(Allocated.after(Step::Dispatch, deliver), Some(OnTheWay));
        assert_eq!(Allocated.after(Step::Dispatch, pickup), None);
        assert_eq!(
            Allocated.after(Step::MakeReady, pickup),
            Some(ReadyForPickup)
        );
        assert_eq!(Allocated.after(Step::MakeReady, deliver), None);
        assert_eq!(OnTheWay.after(Step::Finish, deliver), Some(Done));
        assert_eq!(ReadyForPickup.after(Step::Finish, pickup), Some(Done));
    }

    #[test]
    fn only_a_request_can_be_declined_and_nothing_follows_the_end() {
        for step in [
            Step::Allocate,
            Step::Dispatch,
            Step::MakeReady,
            Step::Finish,
            Step::Decline,
        ] {
            for delivery in [None, Some(Delivery::Deliver), Some(Delivery::Pickup)] {
                assert_eq!(Done.after(step, delivery), None, "{step:?} after done");
                assert_eq!(
                    Declined.after(step, delivery),
                    None,
                    "{step:?} after declined"
                );
                if step == Step::Decline {
                    let declinable = BreakdownStatus::ALL
                        .into_iter()
                        .filter(|s| s.after(step, delivery).is_some())
                        .collect::<Vec<_>>();
                    assert_eq!(declinable, vec![Requested]);
                }
            }
        }
        // A report without replacement is acknowledged and closed.
        assert_eq!(Requested.after(Step::Finish, None), Some(Done));
        assert!(Requested.is_open() && Allocated.is_open() && !Done.is_open());
    }
}
