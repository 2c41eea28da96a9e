//! Cell values and the parser that turns what a clerk types or pastes into one.
//!
//! One parser serves the grid, the draft loader and the importer, so "537,847", "５３７８４７" and
//! "537847" mean the same everywhere, and "12a" is refused everywhere with the same message.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use crate::format::CellType;

/// The largest count or amount a cell accepts. Far above any real figure, and low enough that
/// summing thousands of drafts can never overflow.
pub const MAX_MAGNITUDE: u64 = 999_999_999_999;

/// Amounts keep at most this many decimal places (spec §2.3).
pub const MAX_DECIMALS: u32 = 6;

/// The unit of a 2019 采购总金额.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MoneyUnit {
    Yuan,
    WanYuan,
}

impl MoneyUnit {
    pub fn label(self) -> &'static str {
        match self {
            MoneyUnit::Yuan => "元",
            MoneyUnit::WanYuan => "万元",
        }
    }
}

/// A value a cell holds. A blank cell holds no value (`None` where values are optional): blank is
/// not 0.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Value {
    Count(u64),
    Signed(i64),
    /// 万元, as entered (the scale is kept: "7730.280" stays with three places).
    Amount(Decimal),
    /// An amount with the unit the report wrote; `None` when the unit was not given (R12).
    Money(Decimal, Option<MoneyUnit>),
}

impl Value {
    /// The value as a count, for sums. Only counts take part in totals.
    pub fn as_count(&self) -> Option<u64> {
        match self {
            Value::Count(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether the value is a non-zero figure (for rules such as R14).
    pub fn is_nonzero(&self) -> bool {
        match self {
            Value::Count(n) => *n != 0,
            Value::Signed(n) => *n != 0,
            Value::Amount(d) | Value::Money(d, _) => !d.is_zero(),
        }
    }

    /// Whether the value fits the type (used when loading and when applying edits).
    pub fn fits(&self, ty: CellType) -> bool {
        matches!(
            (self, ty),
            (Value::Count(_), CellType::Count)
                | (Value::Signed(_), CellType::Signed)
                | (Value::Amount(_), CellType::Amount)
                | (Value::Money(..), CellType::Money)
        )
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Count(n) => write!(f, "{n}"),
            Value::Signed(n) => write!(f, "{n}"),
            Value::Amount(d) => write!(f, "{d}"),
            Value::Money(d, Some(unit)) => write!(f, "{d}{}", unit.label()),
            Value::Money(d, None) => write!(f, "{d}"),
        }
    }
}

/// Why a text is not a value of a cell's type. The messages are for the clerk.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CellError {
    #[error("“{0}”不是数字，请只填写数字")]
    NotANumber(String),
    #[error("此处应填写不小于 0 的整数，“{0}”不符合")]
    NotACount(String),
    #[error("此处应填写整数（可带正负号），“{0}”不符合")]
    NotAWholeNumber(String),
    #[error("此处应填写不小于 0 的金额，“{0}”不符合")]
    NegativeAmount(String),
    #[error("金额最多保留 {MAX_DECIMALS} 位小数，“{0}”超出")]
    TooManyDecimals(String),
    #[error("数值过大（最大 {MAX_MAGNITUDE}），“{0}”超出")]
    TooLarge(String),
    #[error("千分位逗号位置不对：“{0}”")]
    BadGrouping(String),
    #[error("单位只能是“元”或“万元”：“{0}”")]
    BadUnit(String),
    #[error("“{0}”中的单位与表头重复，表头已注明“万元”，请只填写数字")]
    UnitInAmountCell(String),
}

/// A full-width digit (“５”) as its ASCII digit; any other character as it is.
pub fn ascii_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
        _ => c,
    }
}

/// Turns full-width digits and signs into ASCII and drops the spaces people paste around numbers.
fn normalise(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}' && *c != '\u{200b}')
        .map(|c| match c {
            '０'..='９' => ascii_digit(c),
            '，' => ',',
            '．' | '。' => '.',
            '－' | '−' | '—' | '–' => '-',
            '＋' => '+',
            _ => c,
        })
        .collect()
}

/// Removes thousands separators, checking that they group by three ("537,847", not "53,7847").
fn strip_grouping(digits: &str, original: &str) -> Result<String, CellError> {
    if !digits.contains(',') {
        return Ok(digits.to_string());
    }
    let (int_part, frac_part) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && frac_part.is_none_or(|f| !f.contains(','));
    if !well_grouped {
        return Err(CellError::BadGrouping(original.to_string()));
    }
    let mut out = groups.concat();
    if let Some(f) = frac_part {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

fn looks_numeric(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+'))
}

fn parse_count(s: &str, original: &str) -> Result<u64, CellError> {
    let s = strip_grouping(s, original)?;
    let s = s.strip_prefix('+').unwrap_or(&s);
    if !all_digits(s) {
        if s.starts_with('-') || s.contains('.') {
            return Err(CellError::NotACount(original.to_string()));
        }
        return Err(CellError::NotANumber(original.to_string()));
    }
    let trimmed = s.trim_start_matches('0');
    if trimmed.len() > 12 {
        return Err(CellError::TooLarge(original.to_string()));
    }
    let n: u64 = trimmed.parse().unwrap_or(0);
    if n > MAX_MAGNITUDE {
        return Err(CellError::TooLarge(original.to_string()));
    }
    Ok(n)
}

fn parse_signed(s: &str, original: &str) -> Result<i64, CellError> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest.starts_with(['-', '+']) || rest.contains('.') {
        return Err(CellError::NotAWholeNumber(original.to_string()));
    }
    let magnitude = parse_count(rest, original).map_err(|e| match e {
        CellError::NotACount(o) => CellError::NotAWholeNumber(o),
        other => other,
    })?;
    // MAX_MAGNITUDE fits an i64 with room to spare.
    let magnitude = magnitude as i64;
    Ok(if negative { -magnitude } else { magnitude })
}

fn parse_decimal(s: &str, original: &str) -> Result<Decimal, CellError> {
    let s = strip_grouping(s, original)?;
    let s = s.strip_prefix('+').unwrap_or(&s);
    if s.starts_with('-') {
        return Err(CellError::NegativeAmount(original.to_string()));
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, f),
        None => (s, ""),
    };
    let int_ok = all_digits(int_part) || (int_part.is_empty() && !frac_part.is_empty());
    let frac_ok = frac_part.is_empty() || all_digits(frac_part);
    if !int_ok || !frac_ok || (s.contains('.') && frac_part.is_empty() && int_part.is_empty()) {
        return Err(CellError::NotANumber(original.to_string()));
    }
    if frac_part.len() > MAX_DECIMALS as usize {
        return Err(CellError::TooManyDecimals(original.to_string()));
    }
    if int_part.trim_start_matches('0').len() > 12 {
        return Err(CellError::TooLarge(original.to_string()));
    }
    let d = Decimal::from_str(s).map_err(|_| CellError::NotANumber(original.to_string()))?;
    if d > Decimal::from(MAX_MAGNITUDE) {
        return Err(CellError::TooLarge(original.to_string()));
    }
    Ok(d)
}

/// Parses what a clerk typed into a cell of the given type. Empty text (or only spaces) is a blank
/// cell: `Ok(None)`. Full-width digits, spaces and thousands separators are accepted.
pub fn parse_cell(ty: CellType, text: &str) -> Result<Option<Value>, CellError> {
    let original = text.trim();
    let s = normalise(text);
    if s.is_empty() {
        return Ok(None);
    }
    let value = match ty {
        CellType::Count => Value::Count(parse_count(&s, original)?),
        CellType::Signed => Value::Signed(parse_signed(&s, original)?),
        CellType::Amount => {
            if let Some(number) = s.strip_suffix("万元")
                && looks_numeric(number)
                && !number.is_empty()
            {
                return Err(CellError::UnitInAmountCell(original.to_string()));
            }
            Value::Amount(parse_decimal(&s, original)?)
        }
        CellType::Money => {
            let number_len = s
                .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+')))
                .unwrap_or(s.len());
            let (number, unit_text) = s.split_at(number_len);
            let unit = match unit_text {
                "" => None,
                "元" => Some(MoneyUnit::Yuan),
                "万元" => Some(MoneyUnit::WanYuan),
                _ if number.is_empty() => return Err(CellError::NotANumber(original.to_string())),
                _ => return Err(CellError::BadUnit(original.to_string())),
            };
            if number.is_empty() {
                return Err(CellError::NotANumber(original.to_string()));
            }
            Value::Money(parse_decimal(number, original)?, unit)
        }
    };
    Ok(Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(s: &str) -> Result<Option<Value>, CellError> {
        parse_cell(CellType::Count, s)
    }

    #[test]
    fn counts_accept_what_clerks_paste() {
        assert_eq!(count("537847"), Ok(Some(Value::Count(537847))));
        assert_eq!(count("537,847"), Ok(Some(Value::Count(537847))));
        assert_eq!(count(" ５３７，８４７ "), Ok(Some(Value::Count(537847))));
        assert_eq!(count("0"), Ok(Some(Value::Count(0))));
        assert_eq!(count("007"), Ok(Some(Value::Count(7))));
        assert_eq!(count(""), Ok(None));
        assert_eq!(count("   "), Ok(None));
    }

    #[test]
    fn counts_refuse_what_is_not_a_count() {
        assert!(matches!(count("12a"), Err(CellError::NotANumber(_))));
        assert!(matches!(count("-3"), Err(CellError::NotACount(_))));
        assert!(matches!(count("1.5"), Err(CellError::NotACount(_))));
        assert!(matches!(count("53,7847"), Err(CellError::BadGrouping(_))));
        assert!(matches!(
            count("99999999999999999999999"),
            Err(CellError::TooLarge(_))
        ));
        assert!(matches!(
            count("1000000000000"),
            Err(CellError::TooLarge(_))
        ));
        assert_eq!(count("999999999999"), Ok(Some(Value::Count(MAX_MAGNITUDE))));
        assert!(matches!(count("一百"), Err(CellError::NotANumber(_))));
    }

    #[test]
    fn signed_numbers_take_a_sign() {
        let signed = |s| parse_cell(CellType::Signed, s);
        assert_eq!(signed("-18"), Ok(Some(Value::Signed(-18))));
        assert_eq!(signed("－18"), Ok(Some(Value::Signed(-18))));
        assert_eq!(signed("+5"), Ok(Some(Value::Signed(5))));
        assert_eq!(signed("5"), Ok(Some(Value::Signed(5))));
        assert!(signed("--5").is_err());
        assert!(signed("1.5").is_err());
    }

    #[test]
    fn amounts_are_exact_and_keep_their_places() {
        let amount = |s| parse_cell(CellType::Amount, s);
        let v = amount("24252.311082").unwrap().unwrap();
        assert_eq!(v.to_string(), "24252.311082");
        assert_eq!(amount("7730.280").unwrap().unwrap().to_string(), "7730.280");
        assert_eq!(
            amount("15,387.251").unwrap().unwrap().to_string(),
            "15387.251"
        );
        assert!(matches!(
            amount("1.1234567"),
            Err(CellError::TooManyDecimals(_))
        ));
        assert!(matches!(amount("-1"), Err(CellError::NegativeAmount(_))));
        assert!(matches!(
            amount("100万元"),
            Err(CellError::UnitInAmountCell(_))
        ));
        assert!(matches!(amount("1.2.3"), Err(CellError::NotANumber(_))));
        assert!(matches!(amount("."), Err(CellError::NotANumber(_))));
    }

    #[test]
    fn money_keeps_its_unit() {
        let money = |s| parse_cell(CellType::Money, s);
        assert_eq!(money("251000元").unwrap().unwrap().to_string(), "251000元");
        assert_eq!(
            money("20.001万元").unwrap().unwrap().to_string(),
            "20.001万元"
        );
        assert_eq!(
            money("5394432.52元").unwrap().unwrap().to_string(),
            "5394432.52元"
        );
        assert_eq!(
            money("8040").unwrap().unwrap(),
            Value::Money(Decimal::from(8040), None)
        );
        assert!(matches!(money("8040美元"), Err(CellError::BadUnit(_))));
        assert!(money("元").is_err());
    }
}
