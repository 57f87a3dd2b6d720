//! A tree's water need in plain words: an estimate, not a measurement, from the tree's age, the
//! last seven days' rain ([`super::rain`]) and the litres logged in those days.
//!
//! The weekly target by age, anchored in Berlin's guidance and in "Gieß den Kiez" (CityLAB
//! Berlin; the figures and their sources are in the README):
//!
//! - up to 4 years: 0 litres — new plantings are watered by the district under the planting
//!   contract in their first years ("Gieß den Kiez": *Baby*, watered by the district);
//! - 5 to 10 years: 100 litres — the Senate gives young street trees intensive support up to
//!   their 10th year, and the districts ask for 75–100 litres per watering ("Gieß den Kiez":
//!   *Junior*, up to 10 years, the only trees it flags);
//! - 11 to 15 years: 50 litres — the Senate's minimum for young street trees in dry spells, at
//!   least 50 litres once a week (Leipzig's "Gieß den Kiez" rates this age *mittel*);
//! - older than 15 years: 0 litres — they reach the groundwater; water them only in long
//!   droughts;
//! - unknown age: 50 litres, the minimum for a young tree, as it may be one.
//!
//! Still needed this week = max(0, target − the last seven days' rain in mm × 1 − the litres
//! logged in the last seven days): 1 mm of rain counted as 1 litre, "Gieß den Kiez"'s
//! convention (the rain on about a square metre of tree pit). The level says what is missing:
//! more than 50 litres (more than the Senate's weekly minimum) *hoch*, 1 to 50 *mittel*,
//! nothing *niedrig*.

use kiezwerk_app::trees::model::NeedLevel;

/// The first moment of "the last seven days" at `now_ms`: midnight in Berlin six days before
/// today. Whole days — today and the six before, as the rain is counted —, so that what the
/// card, the list, the tiles and the overlay say changes only at midnight (the tiles' and the
/// overlay's `ETag` hold the day).
pub fn week_start(now_ms: i64) -> i64 {
    let zone = crate::core::time::berlin();
    jiff::Timestamp::from_millisecond(now_ms)
        .ok()
        .and_then(|now| {
            now.to_zoned(zone.clone())
                .date()
                .checked_sub(jiff::Span::new().days(6))
                .ok()
        })
        .and_then(|day| day.to_zoned(zone).ok())
        .map_or(now_ms - 7 * 24 * 3_600_000, |start| {
            start.timestamp().as_millisecond()
        })
}

/// Litres still missing above which the need is high: the Senate's weekly minimum.
pub const HIGH_ABOVE: u32 = 50;

/// Age classes with their weekly target.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeClass {
    /// Up to 4 years: watered by the district.
    Planted,
    /// 5 to 10 years.
    Young,
    /// 11 to 15 years.
    Growing,
    /// Older than 15 years.
    Established,
    Unknown,
}

impl AgeClass {
    pub fn of(age: Option<i64>) -> AgeClass {
        match age {
            None => AgeClass::Unknown,
            Some(a) if a <= 4 => AgeClass::Planted,
            Some(a) if a <= 10 => AgeClass::Young,
            Some(a) if a <= 15 => AgeClass::Growing,
            Some(_) => AgeClass::Established,
        }
    }

    /// Litres a week.
    pub fn weekly_litres(self) -> u32 {
        match self {
            AgeClass::Young => 100,
            AgeClass::Growing | AgeClass::Unknown => 50,
            AgeClass::Planted | AgeClass::Established => 0,
        }
    }
}

/// A tree's age this year: from its planting year, else the register's age at its date.
pub fn age(
    planting_year: Option<i64>,
    age_years: Option<i64>,
    data_year: i64,
    this_year: i64,
) -> Option<i64> {
    match (planting_year, age_years) {
        (Some(planted), _) => Some((this_year - planted).max(0)),
        (None, Some(age)) => Some(age + (this_year - data_year).max(0)),
        (None, None) => None,
    }
}

/// The need this week.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need {
    pub class: AgeClass,
    pub weekly: u32,
    pub watered: u32,
    pub rain: u32,
    pub still: u32,
    pub level: NeedLevel,
}

/// The need of a tree of `age` that got `watered` litres and `rain` litres (mm) of rain in the
/// last seven days.
pub fn need(age: Option<i64>, watered: u32, rain: u32) -> Need {
    let class = AgeClass::of(age);
    let weekly = class.weekly_litres();
    let still = weekly.saturating_sub(rain).saturating_sub(watered);
    let level = match still {
        0 => NeedLevel::Low,
        1..=HIGH_ABOVE => NeedLevel::Medium,
        _ => NeedLevel::High,
    };
    Need {
        class,
        weekly,
        watered,
        rain,
        still,
        level,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_young_tree_without_rain_or_water_needs_100_litres_and_is_high() {
        let n = need(Some(8), 0, 0);
        assert_eq!(
            (n.class, n.weekly, n.still, n.level),
            (AgeClass::Young, 100, 100, NeedLevel::High)
        );
    }

    #[test]
    fn a_recent_watering_counts_against_the_need_down_to_low() {
        assert_eq!(need(Some(8), 30, 0).level, NeedLevel::High);
        assert_eq!(need(Some(8), 50, 0).level, NeedLevel::Medium);
        assert_eq!(need(Some(8), 50, 0).still, 50);
        assert_eq!(need(Some(8), 99, 0).level, NeedLevel::Medium);
        assert_eq!(need(Some(8), 100, 0).level, NeedLevel::Low);
        assert_eq!(need(Some(8), 250, 0).still, 0);
    }

    #[test]
    fn recent_rain_counts_like_watering_one_millimetre_a_litre() {
        let n = need(Some(8), 10, 30);
        assert_eq!((n.rain, n.still, n.level), (30, 60, NeedLevel::High));
        assert_eq!(need(Some(8), 0, 120).level, NeedLevel::Low);
        assert_eq!(need(Some(12), 0, 20).still, 30);
    }

    #[test]
    fn an_old_tree_and_a_new_planting_need_nothing_from_citizens() {
        for age in [0, 4, 16, 80] {
            let n = need(Some(age), 0, 0);
            assert_eq!((n.still, n.level), (0, NeedLevel::Low), "{age} years");
        }
    }

    #[test]
    fn age_classes_have_their_bounds() {
        assert_eq!(AgeClass::of(Some(4)), AgeClass::Planted);
        assert_eq!(AgeClass::of(Some(5)), AgeClass::Young);
        assert_eq!(AgeClass::of(Some(10)), AgeClass::Young);
        assert_eq!(AgeClass::of(Some(11)), AgeClass::Growing);
        assert_eq!(AgeClass::of(Some(15)), AgeClass::Growing);
        assert_eq!(AgeClass::of(Some(16)), AgeClass::Established);
        assert_eq!(need(Some(13), 0, 0).level, NeedLevel::Medium);
        assert_eq!(need(None, 0, 0).still, 50);
        assert_eq!(need(None, 0, 0).level, NeedLevel::Medium);
    }

    #[test]
    fn the_last_seven_days_are_today_and_the_six_before_in_berlin() {
        let at = |s: &str| {
            s.parse::<jiff::Timestamp>()
                .expect("moment")
                .as_millisecond()
        };
        // 10:00 on 14 July 2026 in Berlin (summer time): from midnight on 8 July.
        assert_eq!(
            week_start(at("2026-07-14T08:00:00Z")),
            at("2026-07-07T22:00:00Z")
        );
        // 00:30 on 15 July in Berlin, still 14 July in UTC: from midnight on 9 July.
        assert_eq!(
            week_start(at("2026-07-14T22:30:00Z")),
            at("2026-07-08T22:00:00Z")
        );
        // Across the change to summer time (29 March 2026): midnight on 26 March was winter time.
        assert_eq!(
            week_start(at("2026-04-01T10:00:00Z")),
            at("2026-03-25T23:00:00Z")
        );
    }

    #[test]
    fn age_comes_from_the_planting_year_else_the_registers_age_moved_on() {
        assert_eq!(age(Some(2002), Some(20), 2022, 2026), Some(24));
        assert_eq!(age(None, Some(20), 2022, 2026), Some(24));
        assert_eq!(age(None, None, 2022, 2026), None);
        assert_eq!(age(Some(2030), None, 2022, 2026), Some(0));
    }
}
