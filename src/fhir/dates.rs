//! FHIR R4 dates (https://hl7.org/fhir/R4/datatypes.html): `date` is `YYYY`, `YYYY-MM` or
//! `YYYY-MM-DD`, never with a time zone; `dateTime` may add a time, which then needs seconds and a
//! zone (`2024-03-01T23:30:00-05:00`); `instant` always has both. Dates must exist.
//!
//! What a day means here: the calendar date **as written in the value's own offset** — its first
//! ten characters. `2024-03-01T23:30:00-05:00` is 1 March, although it is already 2 March in UTC:
//! the person was vaccinated on 1 March where it happened. Nothing is ever converted to UTC.

use chrono::NaiveDate;

use crate::date;

/// A FHIR date as precise as it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum FhirDate {
    /// Only a year (`2019`).
    Year(i32),
    /// A year and a month (`2019-06`).
    Month(i32, u32),
    /// A day (`2019-06-14`, or the day of a `dateTime`).
    Day(NaiveDate),
}

impl FhirDate {
    /// The first and the last day the date may be.
    pub(super) fn bounds(self) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            FhirDate::Day(day) => Some((day, day)),
            FhirDate::Month(year, month) => {
                let first = NaiveDate::from_ymd_opt(year, month, 1)?;
                let last = date::plus_days(date::plus_months(first, 1)?, -1)?;
                Some((first, last))
            }
            FhirDate::Year(year) => Some((
                NaiveDate::from_ymd_opt(year, 1, 1)?,
                NaiveDate::from_ymd_opt(year, 12, 31)?,
            )),
        }
    }

    /// The date as written (`2019`, `2019-06`, `2019-06-14`).
    pub(super) fn text(self) -> String {
        match self {
            FhirDate::Year(year) => format!("{year:04}"),
            FhirDate::Month(year, month) => format!("{year:04}-{month:02}"),
            FhirDate::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// Reads an R4 `date`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a day that exists, no time.
pub(super) fn parse_date(text: &str) -> Option<FhirDate> {
    let bytes = text.as_bytes();
    let year = year(bytes.get(..4)?)?;
    match bytes.len() {
        4 => Some(FhirDate::Year(year)),
        7 if bytes.get(4) == Some(&b'-') => {
            let month = two_digits(bytes.get(5..7)?)?;
            (1..=12)
                .contains(&month)
                .then_some(FhirDate::Month(year, month))
        }
        10 if bytes.get(4) == Some(&b'-') && bytes.get(7) == Some(&b'-') => {
            let month = two_digits(bytes.get(5..7)?)?;
            let day = two_digits(bytes.get(8..10)?)?;
            NaiveDate::from_ymd_opt(year, month, day).map(FhirDate::Day)
        }
        _ => None,
    }
}

/// Reads an R4 `dateTime`: a `date`, or a day with a time `Thh:mm:ss[.fff]` and a zone (`Z` or
/// `±hh:mm`, at most 14:00). The day is the one written, in the value's own offset.
pub(super) fn parse_date_time(text: &str) -> Option<FhirDate> {
    match text.split_once('T') {
        None => parse_date(text),
        Some((day, time)) => {
            let day = parse_date(day)?;
            (matches!(day, FhirDate::Day(_)) && is_time_with_zone(time)).then_some(day)
        }
    }
}

/// `hh:mm:ss`, optional fraction, then `Z` or `±hh:mm` (R4's regex: hours 00-23, seconds up to 60
/// for a leap second, offsets up to 14:00).
fn is_time_with_zone(time: &str) -> bool {
    let bytes = time.as_bytes();
    let Some(clock) = bytes.get(..8) else {
        return false;
    };
    let field = |at: usize| clock.get(at..at + 2).and_then(two_digits);
    let clock_ok = clock.get(2) == Some(&b':')
        && clock.get(5) == Some(&b':')
        && field(0).is_some_and(|h| h <= 23)
        && field(3).is_some_and(|m| m <= 59)
        && field(6).is_some_and(|s| s <= 60);
    if !clock_ok {
        return false;
    }
    let mut rest = bytes.get(8..).unwrap_or_default();
    if let Some(fraction) = rest.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = fraction.get(digits..).unwrap_or_default();
    }
    match rest {
        b"Z" => true,
        [sign, h1, h2, b':', m1, m2] if *sign == b'+' || *sign == b'-' => {
            match (two_digits(&[*h1, *h2]), two_digits(&[*m1, *m2])) {
                (Some(14), Some(0)) => true,
                (Some(hours), Some(minutes)) => hours <= 13 && minutes <= 59,
                _ => false,
            }
        }
        _ => false,
    }
}

/// Four digits, `0001` to `9999` (R4's year excludes `0000`).
fn year(bytes: &[u8]) -> Option<i32> {
    if bytes.len() != 4 || !bytes.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let year: i32 = std::str::from_utf8(bytes).ok()?.parse().ok()?;
    (year >= 1).then_some(year)
}

fn two_digits(bytes: &[u8]) -> Option<u32> {
    match bytes {
        [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(u32::from(a - b'0') * 10 + u32::from(b - b'0'))
        }
        _ => None,
    }
}

/// A date of the profile made from a FHIR date, as precise as it was written: a year or a month
/// becomes the profile's approximate date (`2019`, `2019-06`, docs/contract.md §1), which the
/// profile then reads as one of its days. The date's `day` is the first of the period, for
/// ordering; `None` when the date does not exist.
pub(super) fn profile_date(written: FhirDate) -> Option<date::Date> {
    let (first, _) = written.bounds()?;
    let precision = match written {
        FhirDate::Day(_) => date::Precision::Day,
        FhirDate::Month(..) => date::Precision::Month,
        FhirDate::Year(_) => date::Precision::Year,
    };
    Some(date::Date {
        day: first,
        precision,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> FhirDate {
        FhirDate::Day(date::parse(text).unwrap())
    }

    #[test]
    fn a_date_time_keeps_the_day_written_in_its_own_offset() {
        assert_eq!(
            parse_date_time("2024-03-01T23:30:00-05:00"),
            Some(day("2024-03-01"))
        );
        assert_eq!(
            parse_date_time("2024-03-01T00:30:00+14:00"),
            Some(day("2024-03-01"))
        );
        assert_eq!(
            parse_date_time("2023-12-31T23:59:59Z"),
            Some(day("2023-12-31"))
        );
        assert_eq!(
            parse_date_time("2023-12-31T23:59:60.123Z"),
            Some(day("2023-12-31"))
        );
        assert_eq!(parse_date_time("2019"), Some(FhirDate::Year(2019)));
        assert_eq!(parse_date_time("2019-06"), Some(FhirDate::Month(2019, 6)));
    }

    #[test]
    fn r4_refuses_a_time_without_zone_or_seconds_and_days_that_do_not_exist() {
        for bad in [
            "2024-03-01T23:30:00",
            "2024-03-01T23:30Z",
            "2024-03-01T24:00:00Z",
            "2024-03-01T23:30:00+15:00",
            "2024-03-01T23:30:00+14:30",
            "2024-03-01T23:30:00.Z",
            "1974-02-30",
            "2019-13",
            "0000",
            "19",
            "2019-6",
            "2019T10:00:00Z",
            "2019-06T10:00:00Z",
            " 2019",
        ] {
            assert_eq!(parse_date_time(bad), None, "{bad}");
        }
        assert_eq!(parse_date("2024-03-01T23:30:00Z"), None);
    }

    #[test]
    fn partial_dates_have_bounds_and_become_approximate_profile_dates() {
        assert_eq!(
            FhirDate::Month(2024, 2).bounds(),
            Some((
                date::parse("2024-02-01").unwrap(),
                date::parse("2024-02-29").unwrap()
            ))
        );
        assert_eq!(
            profile_date(FhirDate::Year(2019)).unwrap().to_string(),
            "2019"
        );
        assert_eq!(
            profile_date(FhirDate::Month(2019, 6)).unwrap().to_string(),
            "2019-06"
        );
        assert_eq!(
            profile_date(day("2019-06-14")).unwrap(),
            date::Date::exact(date::parse("2019-06-14").unwrap())
        );
    }
}
