//! Calendar arithmetic in whole days, months and years, as guidelines count them.

use chrono::{Datelike, Months, NaiveDate};

/// The first year Vigie reads or writes: every date is `YYYY-MM-DD`, four digits for the year.
pub const FIRST_YEAR: i32 = 0;
/// The last year Vigie reads or writes.
pub const LAST_YEAR: i32 = 9999;

/// Whether `day` is written with a four-digit year (between [`FIRST_YEAR`] and [`LAST_YEAR`]).
pub fn in_range(day: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&day.year())
}

/// Parses `YYYY-MM-DD` strictly (no time, no other separators).
pub fn parse(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes.get(4) == Some(&b'-')
        && bytes.get(7) == Some(&b'-')
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    // The shape is checked: read the digits directly (chrono's `parse_from_str` walks a format
    // string for every date, a tenth of the population diff's time).
    let number = |from: usize, to: usize| {
        bytes.get(from..to).map(|digits| {
            digits
                .iter()
                .fold(0u32, |n, d| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(0, 4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5, 7)?, number(8, 10)?)
}

/// Adds `n` months (negative goes back); the day is clamped to the month's end, so 31 January + 1
/// month is 28 or 29 February. `None` outside years [`FIRST_YEAR`] to [`LAST_YEAR`].
pub fn plus_months(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    let magnitude = u32::try_from(n.unsigned_abs()).ok()?;
    if n >= 0 {
        date.checked_add_months(Months::new(magnitude))
    } else {
        date.checked_sub_months(Months::new(magnitude))
    }
    .filter(|day| in_range(*day))
}

/// Adds `n` years: 29 February + 1 year is 28 February.
pub fn plus_years(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    plus_months(date, n.checked_mul(12)?)
}

/// Adds `n` days. `None` outside years [`FIRST_YEAR`] to [`LAST_YEAR`].
pub fn plus_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    date.checked_add_signed(chrono::TimeDelta::try_days(n)?)
        .filter(|day| in_range(*day))
}

/// Whole months from `from` to `to` (negative when `to` is earlier).
pub fn months_between(from: NaiveDate, to: NaiveDate) -> i64 {
    if to < from {
        return -months_between(to, from);
    }
    let mut months =
        i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    // Not a full month yet when the anniversary day has not come (clamped at month end).
    if plus_months(from, months).is_none_or(|anniversary| anniversary > to) {
        months -= 1;
    }
    months
}

/// Whole years from `from` to `to`: the age on `to` of someone born on `from`.
pub fn years_between(from: NaiveDate, to: NaiveDate) -> i64 {
    let months = months_between(from, to);
    if months >= 0 {
        months / 12
    } else {
        -((-months) / 12)
    }
}

/// How precisely a date is known (docs/contract.md §1, approximate dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// The day itself.
    Day,
    /// A month and a year (`2024-05`): the day is not known.
    Month,
    /// A year only (`2024`).
    Year,
    /// The day someone who gave an age instead of a birth date turns this age: which day that is
    /// is not known, so it is worded as the age ("à vos 50 ans").
    Birthday(u8),
    /// A day counted from a declared age otherwise than by whole years: known within a year, worded
    /// as an approximate month.
    FromAge,
}

impl Precision {
    /// The precision's word in a report (`day`, `month`, `year`, `age`).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Birthday(_) | Precision::FromAge => "age",
        }
    }
}

/// A date as precisely as it is known: the day the rules reason with (its *reading*), and how
/// precisely that day is known. Copy and 8 bytes: rules handle many.
///
/// Arithmetic keeps the precision (a year-precision date plus 2 years is a year-precision date);
/// rules compare reading days. (Rust's order is the day, then the precision.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    /// The day rules reason with.
    pub day: NaiveDate,
    /// How precisely it is known.
    pub precision: Precision,
}

/// How an approximate profile date is read as a day (docs/contract.md §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// The first day of the period (tests, vaccinations): the next one comes due at the earliest,
    /// so no one is told they are up to date for longer than they are.
    Earliest,
    /// The last day of the period (a quit date): the time since quitting is the shortest, which
    /// keeps the person in the programmes for those who quit recently.
    Latest,
}

impl Date {
    /// A day known exactly.
    pub fn exact(day: NaiveDate) -> Date {
        Date {
            day,
            precision: Precision::Day,
        }
    }

    /// Whether the day is known exactly.
    pub fn is_exact(self) -> bool {
        self.precision == Precision::Day
    }

    /// Plus `n` years: a birthday stays a birthday (of `n` more years).
    pub fn plus_years(self, n: i64) -> Option<Date> {
        let day = plus_years(self.day, n)?;
        let precision = match self.precision {
            Precision::Birthday(age) => i64::from(age)
                .checked_add(n)
                .and_then(|a| u8::try_from(a).ok())
                .map_or(Precision::FromAge, Precision::Birthday),
            other => other,
        };
        Some(Date { day, precision })
    }

    /// Plus `n` months: a birthday becomes a day known within a year.
    pub fn plus_months(self, n: i64) -> Option<Date> {
        Some(Date {
            day: plus_months(self.day, n)?,
            precision: self.precision.after_step(n),
        })
    }

    /// Plus `n` days: a birthday becomes a day known within a year.
    pub fn plus_days(self, n: i64) -> Option<Date> {
        Some(Date {
            day: plus_days(self.day, n)?,
            precision: self.precision.after_step(n),
        })
    }

    /// The earlier of two dates, with its own precision; on the same day the more precise.
    pub fn min(self, other: Date) -> Date {
        match self.day.cmp(&other.day) {
            std::cmp::Ordering::Less => self,
            std::cmp::Ordering::Greater => other,
            std::cmp::Ordering::Equal => self.more_precise(other),
        }
    }

    /// The later of two dates, with its own precision; on the same day the more precise.
    pub fn max(self, other: Date) -> Date {
        match self.day.cmp(&other.day) {
            std::cmp::Ordering::Greater => self,
            std::cmp::Ordering::Less => other,
            std::cmp::Ordering::Equal => self.more_precise(other),
        }
    }

    fn more_precise(self, other: Date) -> Date {
        if other.is_exact() {
            other
        } else {
            self
        }
    }

    /// Reads a profile's event date, `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: the period it names (first
    /// and last day) and its precision. `None` when it is none of these, or not a real date.
    pub fn period(text: &str) -> Option<(NaiveDate, NaiveDate, Precision)> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| {
            bytes
                .get(range)
                .filter(|b| b.iter().all(u8::is_ascii_digit))
                .and_then(|b| std::str::from_utf8(b).ok())
                .and_then(|t| t.parse::<u32>().ok())
        };
        match bytes.len() {
            10 => parse(text).map(|day| (day, day, Precision::Day)),
            7 if bytes.get(4) == Some(&b'-') => {
                let year = i32::try_from(digits(0..4)?).ok()?;
                let first = NaiveDate::from_ymd_opt(year, digits(5..7)?, 1)?;
                let last = plus_months(first, 1)
                    .and_then(|next| plus_days(next, -1))
                    .or_else(|| NaiveDate::from_ymd_opt(year, 12, 31))?;
                Some((first, last, Precision::Month))
            }
            4 => {
                let year = i32::try_from(digits(0..4)?).ok()?;
                Some((
                    NaiveDate::from_ymd_opt(year, 1, 1)?,
                    NaiveDate::from_ymd_opt(year, 12, 31)?,
                    Precision::Year,
                ))
            }
            _ => None,
        }
    }
}

impl Precision {
    /// What a step of months or days leaves of a precision.
    fn after_step(self, n: i64) -> Precision {
        match self {
            Precision::Birthday(_) if n != 0 => Precision::FromAge,
            other => other,
        }
    }
}

/// As the profile gives it: `2024`, `2024-05` or `2024-05-12` (a day counted from an age is
/// written as the day).
impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.precision {
            Precision::Year => write!(f, "{:04}", self.day.year()),
            Precision::Month => write!(f, "{:04}-{:02}", self.day.year(), self.day.month()),
            _ => write!(f, "{}", self.day),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse(text).unwrap()
    }

    #[test]
    fn parse_refuses_what_is_not_a_calendar_date() {
        assert_eq!(
            parse("2024-02-29"),
            Some(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1-01",
            "24-01-01",
            "2024/01/01",
            " 2024-01-01",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }

    /// The digit reader gives what chrono's `%Y-%m-%d` gave on every date-shaped text: every
    /// month and day from 00 to 39 (February 29 and 30 included) in leap, common and century
    /// years, the first and last years.
    #[test]
    fn parse_reads_digits_as_chrono_did() {
        for year in [
            0, 1, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 2100, 9996, 9999,
        ] {
            for month in 0..=19 {
                for day in 0..=39 {
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    let chrono = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
                    assert_eq!(parse(&text), chrono, "{text}");
                }
            }
        }
    }

    #[test]
    fn date_arithmetic_never_leaves_four_digit_years() {
        assert_eq!(plus_years(d("9999-06-01"), 1), None);
        assert_eq!(plus_days(d("9999-12-31"), 1), None);
        assert_eq!(plus_months(d("0000-01-31"), -1), None);
        assert_eq!(plus_years(d("2026-01-15"), -3000), None);
        assert_eq!(plus_days(d("9999-12-30"), 1), Some(d("9999-12-31")));
        assert_eq!(plus_days(d("0000-01-02"), -1), Some(d("0000-01-01")));
    }

    #[test]
    fn years_clamp_29_february() {
        assert_eq!(plus_years(d("2024-02-29"), 1), Some(d("2025-02-28")));
        assert_eq!(plus_years(d("2024-02-29"), 4), Some(d("2028-02-29")));
        assert_eq!(plus_months(d("2026-03-31"), -1), Some(d("2026-02-28")));
    }

    #[test]
    fn age_changes_on_the_birthday_not_the_day_before() {
        let born = d("1976-01-15");
        assert_eq!(years_between(born, d("2026-01-14")), 49);
        assert_eq!(years_between(born, d("2026-01-15")), 50);
        assert_eq!(years_between(born, d("2026-01-16")), 50);
    }

    #[test]
    fn someone_born_on_29_february_ages_on_28_february() {
        let born = d("2000-02-29");
        assert_eq!(years_between(born, d("2025-02-27")), 24);
        assert_eq!(years_between(born, d("2025-02-28")), 25);
    }

    #[test]
    fn months_between_counts_whole_months_both_ways() {
        assert_eq!(months_between(d("2026-01-31"), d("2026-02-28")), 1);
        assert_eq!(months_between(d("2026-01-15"), d("2026-02-14")), 0);
        assert_eq!(months_between(d("2026-02-14"), d("2026-01-15")), 0);
        assert_eq!(months_between(d("2026-03-15"), d("2026-01-15")), -2);
    }

    #[test]
    fn a_profile_date_names_a_day_a_month_or_a_year() {
        assert_eq!(
            Date::period("2024"),
            Some((d("2024-01-01"), d("2024-12-31"), Precision::Year))
        );
        assert_eq!(
            Date::period("2024-02"),
            Some((d("2024-02-01"), d("2024-02-29"), Precision::Month))
        );
        assert_eq!(
            Date::period("9999-12"),
            Some((d("9999-12-01"), d("9999-12-31"), Precision::Month))
        );
        assert_eq!(
            Date::period("2024-02-10"),
            Some((d("2024-02-10"), d("2024-02-10"), Precision::Day))
        );
        for bad in [
            "2024-13",
            "2024-00",
            "24",
            "2024-1",
            "+202",
            "2024/02",
            "20245",
            "2024-02-30",
        ] {
            assert_eq!(Date::period(bad), None, "{bad}");
        }
    }

    #[test]
    fn arithmetic_keeps_the_precision_and_max_keeps_the_chosen_ones() {
        let year = Date {
            day: d("2022-01-01"),
            precision: Precision::Year,
        };
        assert_eq!(
            year.plus_years(2),
            Some(Date {
                day: d("2024-01-01"),
                precision: Precision::Year
            })
        );
        assert_eq!(year.plus_days(3).unwrap().precision, Precision::Year);
        let born = Date {
            day: d("1976-07-15"),
            precision: Precision::Birthday(0),
        };
        assert_eq!(
            born.plus_years(50).unwrap().precision,
            Precision::Birthday(50)
        );
        assert_eq!(
            born.plus_years(50)
                .unwrap()
                .plus_months(2)
                .unwrap()
                .precision,
            Precision::FromAge
        );
        assert_eq!(born.plus_years(300).unwrap().precision, Precision::FromAge);
        let exact = Date::exact(d("2024-01-01"));
        assert_eq!(year.plus_years(2).unwrap().max(exact), exact);
        assert_eq!(exact.max(year.plus_years(2).unwrap()), exact);
        assert_eq!(year.max(exact), exact);
        assert_eq!(year.min(exact), year);
        assert_eq!(year.to_string(), "2022");
        assert_eq!(std::mem::size_of::<Date>(), 8);
    }
}
