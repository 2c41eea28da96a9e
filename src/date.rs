//! A calendar date, as the report needs it (planned publication date, deadlines). Small enough
//! that a date crate would not earn its build time.

use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;
use std::time::{SystemTime, UNIX_EPOCH};

/// The years a report, a draft or a date may be of. Anything else is a typing error.
pub const REPORT_YEARS: RangeInclusive<i32> = 1900..=2999;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("“{0}”不是有效日期，请按“2022-01-31”或“2022年1月31日”填写")]
pub struct DateError(pub String);

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A valid date, or `None`.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        (REPORT_YEARS.contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// The date `days` days after 1970-01-01 (before it when negative); `None` outside
    /// [`REPORT_YEARS`].
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let (year, month, day) = civil_from_days(days);
        Date::new(i32::try_from(year).ok()?, month, day)
    }

    /// "2022年1月31日"
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
}

/// (year, month, day) of the day `days` days after 1970-01-01 in the proleptic Gregorian
/// calendar, in whole numbers only (Howard Hinnant's `civil_from_days`), for any year.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11], from March
    let day = doy - (153 * mp + 2) / 5 + 1; // [1, 31]
    let month = if mp < 10 { mp + 3 } else { mp - 9 }; // [1, 12]
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both fit: day ≤ 31, month ≤ 12.
    (year, month as u32, day as u32)
}

/// China Standard Time, UTC+8 all year (no daylight saving): the clock every user of this tool
/// reads, and the one the report's dates and deadlines are set by.
pub const CHINA_UTC_OFFSET_SECS: u64 = 8 * 3600;

/// Today's date in China (UTC+8), from the system clock. A clock set before 1970 or past
/// [`REPORT_YEARS`] gives 1970-01-01.
pub fn today() -> Date {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    Date::from_unix_days((secs + CHINA_UTC_OFFSET_SECS as i64).div_euclid(86_400)).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Accepts "2022-01-31", "2022/1/31", "2022.1.31" and "2022年1月31日", with full-width digits.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.trim().to_string());
        let normalised: String = s
            .trim()
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => crate::value::ascii_digit(c),
                '年' | '月' | '/' | '.' | '－' => '-',
                _ => c,
            })
            .collect();
        let normalised = normalised.strip_suffix('日').unwrap_or(&normalised);
        let mut parts = normalised.split('-');
        let mut next = || -> Result<i64, DateError> {
            let p = parts.next().ok_or_else(err)?;
            if p.is_empty() || p.len() > 4 || !p.chars().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            p.parse().map_err(|_| err())
        };
        let (y, m, d) = (next()?, next()?, next()?);
        if parts.next().is_some() {
            return Err(err());
        }
        Date::new(y as i32, m as u32, d as u32).ok_or_else(err)
    }
}

/// Seconds since 1970 as a date and time in China Standard Time (UTC+8, no daylight saving),
/// the clock every user of this tool reads.
pub fn beijing_time(secs: u64) -> String {
    let local = secs + CHINA_UTC_OFFSET_SECS;
    let (h, m) = ((local % 86_400) / 3600, (local % 3600) / 60);
    let (year, month, day) = civil_from_days((local / 86_400) as i64);
    format!("{year}年{month}月{day}日 {h:02}:{m:02}（北京时间）")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_usual_spellings() {
        let d = Date::new(2022, 1, 31).unwrap();
        assert_eq!("2022-01-31".parse(), Ok(d));
        assert_eq!("2022年1月31日".parse(), Ok(d));
        assert_eq!("２０２２/1/31".parse(), Ok(d));
        assert_eq!(d.to_string(), "2022-01-31");
        assert_eq!(d.chinese(), "2022年1月31日");
    }

    #[test]
    fn days_since_1970_count_whole_days() {
        let d = |y, m, day| Date::new(y, m, day);
        assert_eq!(Date::from_unix_days(0), d(1970, 1, 1));
        assert_eq!(Date::from_unix_days(-1), d(1969, 12, 31));
        assert_eq!(Date::from_unix_days(11_016), d(2000, 2, 29));
        assert_eq!(Date::from_unix_days(19_023), d(2022, 1, 31));
        assert_eq!(Date::from_unix_days(20_513), d(2026, 3, 1));
        assert_eq!(Date::from_unix_days(-25_567), d(1900, 1, 1));
        assert_eq!(Date::from_unix_days(-25_568), None);
        // Every day of four centuries follows the one before.
        let mut prev = Date::from_unix_days(-25_567).unwrap();
        for n in -25_566..(-25_566 + 146_097) {
            let next = Date::from_unix_days(n).unwrap();
            let expected = if Date::new(prev.year, prev.month, prev.day + 1).is_some() {
                Date {
                    day: prev.day + 1,
                    ..prev
                }
            } else if prev.month < 12 {
                Date {
                    month: prev.month + 1,
                    day: 1,
                    ..prev
                }
            } else {
                Date {
                    year: prev.year + 1,
                    month: 1,
                    day: 1,
                }
            };
            assert_eq!(next, expected);
            prev = next;
        }
        assert!(REPORT_YEARS.contains(&today().year));
    }

    #[test]
    fn refuses_impossible_dates() {
        assert!("2022-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2022-13-01".parse::<Date>().is_err());
        assert!("明年".parse::<Date>().is_err());
        assert!("2022-1".parse::<Date>().is_err());
    }
}
