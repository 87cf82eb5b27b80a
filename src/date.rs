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
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
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
}
