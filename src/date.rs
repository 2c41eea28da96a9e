//! A calendar date, as the report needs it (planned publication date, deadlines). Small enough
//! that a date crate would not earn its build time.

use std::fmt;
use std::str::FromStr;

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
        ((1900..=2999).contains(&year) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// "2022年1月31日"
    pub fn chinese(&self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }
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
    fn refuses_impossible_dates() {
        assert!("2022-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2022-13-01".parse::<Date>().is_err());
        assert!("明年".parse::<Date>().is_err());
        assert!("2022-1".parse::<Date>().is_err());
    }
}
