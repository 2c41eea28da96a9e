//! Sums of money: 采购总金额 in 元 and 万元, and the 信息处理费, added up exactly.

use rust_decimal::Decimal;

use super::{MergeError, Unit, too_large};
use crate::format::CellDef;
use crate::value::{MAX_DECIMALS, MAX_MAGNITUDE, MoneyUnit, Value};

/// The sum of 采购总金额 figures: in their unit when they share one; in 元 when they mix 元 and
/// 万元 (exact: a 万元 figure has at most 6 places, so in 元 at most 2), or in 万元 when the sum in
/// 元 would exceed the cell's limit and 万元 holds it exactly.
pub(super) fn sum_money(
    cell: &CellDef,
    figures: &[(Decimal, Option<MoneyUnit>, usize)],
    units: &[Unit<'_>],
) -> Result<Value, MergeError> {
    let overflow = || too_large(cell, "—");
    let units_seen: Vec<Option<MoneyUnit>> = figures.iter().map(|f| f.1).collect();
    let all_same = units_seen.windows(2).all(|w| w[0] == w[1]);
    if all_same {
        let mut sum = Decimal::ZERO;
        for (d, _, _) in figures {
            sum = sum.checked_add(*d).ok_or_else(overflow)?;
        }
        if sum > Decimal::from(MAX_MAGNITUDE) {
            return Err(too_large(cell, sum));
        }
        return Ok(Value::Money(sum, units_seen.first().copied().flatten()));
    }
    if units_seen.contains(&None) {
        let sources: Vec<&str> = figures
            .iter()
            .filter(|f| f.1.is_none())
            .filter_map(|f| units.get(f.2).map(|u| u.source))
            .collect();
        return Err(MergeError::UnknownUnit {
            cell: cell.describe(),
            sources: sources.join("、"),
        });
    }
    let ten_thousand = Decimal::from(10_000);
    let mut yuan = Decimal::ZERO;
    for (d, unit, _) in figures {
        let in_yuan = match unit {
            Some(MoneyUnit::WanYuan) => d.checked_mul(ten_thousand).ok_or_else(overflow)?,
            _ => *d,
        };
        // 20.001万元 is 200010元, not 200010.000元.
        yuan = yuan.checked_add(in_yuan.normalize()).ok_or_else(overflow)?;
    }
    if yuan <= Decimal::from(MAX_MAGNITUDE) {
        return Ok(Value::Money(yuan, Some(MoneyUnit::Yuan)));
    }
    let wan = (yuan / ten_thousand).normalize();
    if wan.scale() <= MAX_DECIMALS
        && wan * ten_thousand == yuan
        && wan <= Decimal::from(MAX_MAGNITUDE)
    {
        return Ok(Value::Money(wan, Some(MoneyUnit::WanYuan)));
    }
    Err(too_large(cell, format!("{yuan}元")))
}

/// The 信息处理费 of the units added up exactly; blank when no unit states one.
pub(super) fn sum_fees(units: &[Unit<'_>]) -> Result<Option<Decimal>, MergeError> {
    let mut sum: Option<Decimal> = None;
    for fee in units.iter().filter_map(|u| u.draft.info_fee) {
        let total = sum.unwrap_or(Decimal::ZERO).checked_add(fee);
        sum = Some(total.ok_or_else(|| MergeError::TooLarge {
            cell: "信息处理费".to_string(),
            sum: "—".to_string(),
        })?);
    }
    Ok(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Draft, Level};
    use crate::format::{FormatId, TableId};

    #[test]
    fn money_in_yuan_and_wan_yuan_adds_up_exactly() {
        let cell = FormatId::F2019
            .def()
            .cell(TableId::T2, "procurement", "amount")
            .unwrap();
        let d = Draft::new("x", Level::Township, 2019);
        let units = [Unit {
            source: "a.ron",
            draft: &d,
        }];
        let sum = |figures: &[(&str, Option<MoneyUnit>)]| {
            let figures: Vec<_> = figures
                .iter()
                .map(|(d, u)| (d.parse::<Decimal>().unwrap(), *u, 0))
                .collect();
            sum_money(&cell, &figures, &units)
        };
        let (y, w) = (Some(MoneyUnit::Yuan), Some(MoneyUnit::WanYuan));
        assert_eq!(
            sum(&[("251000", y), ("20.001", w)]).unwrap().to_string(),
            "451010元"
        );
        assert_eq!(
            sum(&[("0.1", w), ("0.2", w)]).unwrap().to_string(),
            "0.3万元"
        );
        assert_eq!(
            sum(&[("5394432.52", y), ("0.000001", w)])
                .unwrap()
                .to_string(),
            "5394432.53元"
        );
        let err = sum(&[("8040", None), ("1", y)]).unwrap_err().to_string();
        assert!(err.contains("a.ron") && err.contains("未注明单位"), "{err}");
        // Beyond the limit in 元 but exact in 万元.
        assert_eq!(
            sum(&[("999999999999", w), ("1", y)])
                .map(|v| v.to_string())
                .ok(),
            None
        );
        assert_eq!(
            sum(&[("99999999", w), ("10000", y)]).unwrap().to_string(),
            "100000000万元"
        );
    }
}
