//! A tree's water need in plain words. The weekly need follows the tree's age in the age
//! classes "Gieß den Kiez" (CityLAB Berlin) uses: young trees up to 15 years do not reach the
//! groundwater and need about 200 litres a week, trees of 16 to 40 years about 100 litres,
//! older trees supply themselves. What was logged in the last seven days counts against it,
//! and so does the last seven days' rain ([`super::rain`]: 1 mm as 1 litre).

use kiezwerk_app::trees::model::NeedLevel;

/// The last days whose waterings count against this week's need.
pub const WEEK_MS: i64 = 7 * 24 * 3_600_000;

/// Age classes with their weekly need.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeClass {
    Young,
    Middle,
    Old,
    Unknown,
}

impl AgeClass {
    pub fn of(age: Option<i64>) -> AgeClass {
        match age {
            None => AgeClass::Unknown,
            Some(a) if a <= 15 => AgeClass::Young,
            Some(a) if a <= 40 => AgeClass::Middle,
            Some(_) => AgeClass::Old,
        }
    }

    /// Litres a week.
    pub fn weekly_litres(self) -> u32 {
        match self {
            AgeClass::Young => 200,
            AgeClass::Middle | AgeClass::Unknown => 100,
            AgeClass::Old => 0,
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

/// The need of a tree of `age` that got `watered` litres and `rain` litres of rain in the last
/// seven days. The level says how much is still missing: nothing is low, up to 100 litres
/// medium, more is high.
pub fn need(age: Option<i64>, watered: u32, rain: u32) -> Need {
    let class = AgeClass::of(age);
    let weekly = class.weekly_litres();
    let still = weekly.saturating_sub(watered).saturating_sub(rain);
    let level = match still {
        0 => NeedLevel::Low,
        1..=100 => NeedLevel::Medium,
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
    fn a_young_unwatered_tree_needs_200_litres_and_is_high() {
        let n = need(Some(8), 0, 0);
        assert_eq!(
            (n.class, n.weekly, n.still, n.level),
            (AgeClass::Young, 200, 200, NeedLevel::High)
        );
    }

    #[test]
    fn waterings_count_against_the_need_down_to_low() {
        assert_eq!(need(Some(8), 150, 0).level, NeedLevel::Medium);
        assert_eq!(need(Some(8), 150, 0).still, 50);
        assert_eq!(need(Some(8), 250, 0).still, 0);
        assert_eq!(need(Some(8), 250, 0).level, NeedLevel::Low);
    }

    #[test]
    fn rain_counts_against_the_need_like_watering() {
        let n = need(Some(8), 50, 30);
        assert_eq!((n.rain, n.still, n.level), (30, 120, NeedLevel::High));
        assert_eq!(need(Some(30), 0, 120).level, NeedLevel::Low);
    }

    #[test]
    fn age_classes_have_their_bounds() {
        assert_eq!(AgeClass::of(Some(15)), AgeClass::Young);
        assert_eq!(AgeClass::of(Some(16)), AgeClass::Middle);
        assert_eq!(AgeClass::of(Some(40)), AgeClass::Middle);
        assert_eq!(AgeClass::of(Some(41)), AgeClass::Old);
        assert_eq!(need(Some(80), 0, 0).level, NeedLevel::Low);
        assert_eq!(need(None, 0, 0).still, 100);
    }

    #[test]
    fn age_comes_from_the_planting_year_else_the_registers_age_moved_on() {
        assert_eq!(age(Some(2002), Some(20), 2022, 2026), Some(24));
        assert_eq!(age(None, Some(20), 2022, 2026), Some(24));
        assert_eq!(age(None, None, 2022, 2026), None);
        assert_eq!(age(Some(2030), None, 2022, 2026), Some(0));
    }
}
