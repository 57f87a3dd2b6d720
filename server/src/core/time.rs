//! Municipal time: Kiezwerk's municipalities are German, so days, years of references, the
//! digest's hours and deadlines in working days are Berlin's, whatever zone the machine is in.
//! Timestamps are stored as milliseconds since the Unix epoch.

use jiff::tz::TimeZone;
use std::sync::OnceLock;

/// Europe/Berlin, from the time zone database compiled into the binary, so neither the
/// machine's zone nor its zone files matter.
pub fn berlin() -> TimeZone {
    static BERLIN: OnceLock<TimeZone> = OnceLock::new();
    BERLIN
        .get_or_init(|| TimeZone::get("Europe/Berlin").unwrap_or(TimeZone::UTC))
        .clone()
}

/// A timestamp for people, in municipal time: "22.11.2026, 14:05 Uhr" or
/// "22 November 2026, 14:05".
pub fn format_time(ms: i64, lang: kiezwerk_app::i18n::Lang) -> String {
    use kiezwerk_app::i18n::Lang;
    let Ok(ts) = jiff::Timestamp::from_millisecond(ms) else {
        return String::new();
    };
    let zoned = ts.to_zoned(berlin());
    match lang {
        Lang::De => zoned.strftime("%d.%m.%Y, %H:%M Uhr").to_string(),
        Lang::En => zoned.strftime("%-d %B %Y, %H:%M").to_string(),
    }
}

/// A calendar day (`YYYY-MM-DD`) for people: "19.12.2022" or "19 December 2022"; anything
/// else as it is.
pub fn format_day(date: &str, lang: kiezwerk_app::i18n::Lang) -> String {
    use kiezwerk_app::i18n::Lang;
    match (lang, date.parse::<jiff::civil::Date>()) {
        (Lang::De, Ok(d)) => d.strftime("%d.%m.%Y").to_string(),
        (Lang::En, Ok(d)) => d.strftime("%-d %B %Y").to_string(),
        (_, Err(_)) => date.to_owned(),
    }
}

/// RFC 3339 in UTC ("2026-11-22T13:05:00Z"), for machine-readable exports.
pub fn iso_utc(ms: i64) -> Option<String> {
    jiff::Timestamp::from_millisecond(ms)
        .ok()
        .map(|t| t.to_string())
}

/// `days` working days (Monday to Friday) after `from_ms`, at the same time of day in Berlin.
/// A start on a weekend counts from the next Monday. Public holidays differ per state and are
/// not counted out.
///
/// The days are counted on the Berlin calendar and only the result is turned back into an
/// instant: the deadline always falls on a weekday, and Germany changes its clocks on Sundays,
/// so the time of day can never land in a gap or an overlap.
pub fn add_working_days(from_ms: i64, days: i64) -> i64 {
    use jiff::civil::{Date, Weekday};
    let Ok(start) = jiff::Timestamp::from_millisecond(from_ms) else {
        return from_ms;
    };
    let local = start.to_zoned(berlin()).datetime();
    let weekend = |d: Date| matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday);
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

/// A `datetime-local` form value ("2026-12-01T08:00", seconds optional) read as Berlin time.
/// In the hour that exists twice (late October) the earlier one is meant; a time in the hour
/// that is skipped (late March) moves forward by the gap.
pub fn parse_local(value: &str) -> Option<i64> {
    let civil: jiff::civil::DateTime = value.trim().parse().ok()?;
    let zoned = berlin().to_ambiguous_zoned(civil).compatible().ok()?;
    Some(zoned.timestamp().as_millisecond())
}

/// The `datetime-local` form value of a moment, in Berlin time ("2026-12-01T08:00").
pub fn local_value(ms: i64) -> String {
    jiff::Timestamp::from_millisecond(ms)
        .map(|ts| ts.to_zoned(berlin()).strftime("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// A period for people: "01.12.2026, 08:00 – 16:00 Uhr" within a day, both ends in full
/// otherwise.
pub fn format_window(from_ms: i64, until_ms: i64, lang: kiezwerk_app::i18n::Lang) -> String {
    use kiezwerk_app::i18n::Lang;
    let (Ok(from), Ok(until)) = (
        jiff::Timestamp::from_millisecond(from_ms),
        jiff::Timestamp::from_millisecond(until_ms),
    ) else {
        return String::new();
    };
    let (from, until) = (from.to_zoned(berlin()), until.to_zoned(berlin()));
    if from.date() == until.date() {
        match lang {
            Lang::De => format!(
                "{} – {} Uhr",
                from.strftime("%d.%m.%Y, %H:%M"),
                until.strftime("%H:%M")
            ),
            Lang::En => format!(
                "{} – {}",
                from.strftime("%-d %B %Y, %H:%M"),
                until.strftime("%H:%M")
            ),
        }
    } else {
        format!(
            "{} – {}",
            format_time(from_ms, lang),
            format_time(until_ms, lang)
        )
    }
}

/// The months of statistics: a year, the current month last.
pub const MONTHS: usize = 12;

/// The starts of the last twelve months in Berlin (oldest first) and the end of the current
/// one, as timestamps, with the months' labels ("12/2025").
pub fn month_starts(now: i64) -> Option<(Vec<i64>, i64, Vec<String>)> {
    let today = jiff::Timestamp::from_millisecond(now)
        .ok()?
        .to_zoned(berlin())
        .date();
    let current = today.first_of_month();
    let mut starts = Vec::with_capacity(MONTHS);
    let mut labels = Vec::with_capacity(MONTHS);
    for back in (0..MONTHS as i64).rev() {
        let month = current.checked_sub(jiff::Span::new().months(back)).ok()?;
        starts.push(month.to_zoned(berlin()).ok()?.timestamp().as_millisecond());
        labels.push(month.strftime("%m/%Y").to_string());
    }
    let next = current.checked_add(jiff::Span::new().months(1)).ok()?;
    let end = next.to_zoned(berlin()).ok()?.timestamp().as_millisecond();
    Some((starts, end, labels))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twelve_berlin_months_end_with_the_current_one() {
        // 2026-12-31T23:30Z is already January 2027 in Berlin.
        let now = "2026-12-31T23:30:00Z"
            .parse::<jiff::Timestamp>()
            .expect("time")
            .as_millisecond();
        let (starts, end, labels) = month_starts(now).expect("months");
        assert_eq!(labels.first().map(String::as_str), Some("02/2026"));
        assert_eq!(labels.last().map(String::as_str), Some("01/2027"));
        assert_eq!(starts.len(), 12);
        assert!(starts[11] <= now && now < end);
    }
    use kiezwerk_app::i18n::Lang;

    fn at(s: &str) -> i64 {
        s.parse::<jiff::Timestamp>().expect("time").as_millisecond()
    }

    #[test]
    fn times_are_shown_in_german_time() {
        // 2026-07-01T10:00:00Z is noon in Berlin (summer time).
        let ms = 1_782_900_000_000;
        assert_eq!(format_time(ms, Lang::De), "01.07.2026, 12:00 Uhr");
        assert_eq!(format_time(ms, Lang::En), "1 July 2026, 12:00");
    }

    #[test]
    fn municipal_time_is_berlin_time_whatever_the_machine_says() {
        // 23:30 UTC in winter is already the next day in Berlin.
        let late = "2026-11-30T23:30:00Z"
            .parse::<jiff::Timestamp>()
            .expect("time")
            .to_zoned(berlin());
        assert_eq!(late.date().to_string(), "2026-12-01");
        assert_eq!(late.hour(), 0);
    }

    #[test]
    fn form_times_are_berlin_times_also_across_the_clock_changes() {
        // Winter: UTC+1.
        assert_eq!(
            parse_local("2026-12-01T08:00"),
            Some(at("2026-12-01T07:00:00Z"))
        );
        assert_eq!(local_value(at("2026-12-01T07:00:00Z")), "2026-12-01T08:00");
        // Summer: UTC+2.
        assert_eq!(
            parse_local("2026-07-14T08:00:00"),
            Some(at("2026-07-14T06:00:00Z"))
        );
        // 02:30 on 2027-03-28 does not exist in Berlin: it moves forward by the gap.
        assert_eq!(
            parse_local("2027-03-28T02:30"),
            Some(at("2027-03-28T01:30:00Z"))
        );
        // 02:30 on 2026-10-25 exists twice: the earlier (summer time) is meant.
        assert_eq!(
            parse_local("2026-10-25T02:30"),
            Some(at("2026-10-25T00:30:00Z"))
        );
        for bad in ["", "morgen", "2026-13-01T08:00", "2026-12-01 8 Uhr"] {
            assert_eq!(parse_local(bad), None, "{bad}");
        }
        let from = at("2026-12-01T07:00:00Z");
        assert_eq!(
            format_window(from, from + 8 * 3_600_000, Lang::De),
            "01.12.2026, 08:00 – 16:00 Uhr"
        );
        assert_eq!(
            format_window(from, from + 24 * 3_600_000, Lang::En),
            "1 December 2026, 08:00 – 2 December 2026, 08:00"
        );
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
