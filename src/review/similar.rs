//! 内容雷同 between units (R19 on the board): two units of the same year whose section reads
//! (almost) the same — two townships publishing one 五. The same measure as R19 against last
//! year ([`crate::check::similarity`]: the Jaccard index of character bigrams, digits alike),
//! the same threshold and the same minimum length; the sentences nianbao writes from the figures
//! are left out first, since every unit rightly has them word for word.
//!
//! A province's board holds thousands of units, and every pair of them is too many to compare
//! (5,000 units: 12.5 million pairs a section). Prefix filtering finds exactly the pairs at or
//! above the threshold without looking at the others: with each text's bigrams ordered rarest
//! first, two sets whose Jaccard index reaches t share a bigram among the first
//! `n − ⌈t·n⌉ + 1` of each. Only the pairs that do are measured.

use std::collections::HashMap;

use super::Row;
use crate::check::{Finding, Location, RuleId, Severity, bigrams, counted_chars};
use crate::draft::{Draft, SECTION_HEADINGS, TextField, chinese_numeral};
use crate::narrative::generate::{self, Kind};
use crate::profile::{Profile, RuleSeverity};

/// The similarity from which two units' sections count as the same text: R19's.
const SIMILAR: f64 = crate::check::SIMILAR;

/// Texts shorter than this (letters and digits, generated sentences left out) are not compared,
/// as R19 leaves them out against last year.
const MIN_COMPARED_CHARS: usize = crate::check::MIN_COMPARED_CHARS;

/// At most this many other units are named in one finding.
const NAMED: usize = 3;

/// A section that is compared between units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Section {
    OverviewIntro,
    Part(usize),
    Problems,
    OtherMatters,
}

impl Section {
    fn field(self) -> TextField {
        match self {
            Section::OverviewIntro => TextField::OverviewIntro,
            Section::Part(i) => TextField::PartText(i),
            Section::Problems => TextField::Problems,
            Section::OtherMatters => TextField::OtherMatters,
        }
    }

    fn name(self, draft: &Draft) -> String {
        match self {
            Section::OverviewIntro => SECTION_HEADINGS[0].to_string(),
            Section::Part(i) => {
                let heading = draft.parts.get(i).map_or("", |p| p.heading.trim());
                format!(
                    "{}（{}）{heading}",
                    SECTION_HEADINGS[0],
                    chinese_numeral(i + 1)
                )
            }
            Section::Problems => SECTION_HEADINGS[4].to_string(),
            Section::OtherMatters => SECTION_HEADINGS[5].to_string(),
        }
    }

    fn text(self, draft: &Draft) -> Option<&str> {
        match self {
            Section::OverviewIntro => Some(&draft.overview_intro),
            Section::Part(i) => draft.parts.get(i).map(|p| p.text.as_str()),
            Section::Problems => Some(&draft.problems),
            Section::OtherMatters => Some(&draft.other_matters),
        }
    }

    fn of(draft: &Draft) -> impl Iterator<Item = Section> {
        [Section::OverviewIntro]
            .into_iter()
            .chain((0..draft.parts.len()).map(Section::Part))
            .chain([Section::Problems, Section::OtherMatters])
    }
}

/// The text without the sentences written from the figures.
fn own_words(text: &str) -> String {
    let mut text = text.to_string();
    for kind in Kind::ALL {
        // A text holds at most a few generated sentences; each removal shortens it.
        while let Some(range) = generate::find(&text, kind) {
            text.replace_range(range, "");
        }
    }
    text
}

/// The size of the intersection of two sorted sets.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// How many of a set's first tokens (rarest first) another set at the threshold must share one of.
fn prefix(n: usize, threshold: f64) -> usize {
    // A hair below the product, so that rounding never makes the prefix too short to be exact.
    n - (threshold * n as f64 - 1e-9).ceil().max(0.0) as usize + 1
}

/// Pairs (i, j), i < j, of the sets whose Jaccard index is at least `threshold`, with it. With
/// `limit` unbounded, every such pair (exact: the same pairs as measuring all of them). With a
/// limit, each set stops looking at earlier sets once it has found that many: a county whose
/// units all copied one template would otherwise be measured pair by pair, millions of times,
/// to name three. Every set with a similar set still gets at least one: a set that found none
/// and was found by none looks again at the end.
fn similar_pairs(
    sets: &[Vec<(char, char)>],
    threshold: f64,
    limit: usize,
) -> Vec<(usize, usize, f64)> {
    // Tokens numbered rarest first, so that prefixes hold the rare bigrams and few sets share them.
    let mut frequency: HashMap<(char, char), u32> = HashMap::new();
    for set in sets {
        for b in set {
            *frequency.entry(*b).or_default() += 1;
        }
    }
    let mut tokens: Vec<((char, char), u32)> = frequency.into_iter().collect();
    tokens.sort_unstable_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let rank: HashMap<(char, char), u32> = tokens
        .iter()
        .enumerate()
        .map(|(i, (b, _))| (*b, i as u32))
        .collect();
    let ranked: Vec<Vec<u32>> = sets
        .iter()
        .map(|set| {
            let mut r: Vec<u32> = set.iter().map(|b| rank[b]).collect();
            r.sort_unstable();
            r
        })
        .collect();

    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut seen = vec![usize::MAX; sets.len()];
    let mut out = Vec::new();
    for (j, set) in ranked.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        let mut found = 0;
        'tokens: for &token in &set[..prefix(set.len(), threshold)] {
            for &i in index.get(&token).map_or(&[][..], Vec::as_slice) {
                if found >= limit {
                    break 'tokens;
                }
                if seen[i] == j {
                    continue;
                }
                seen[i] = j;
                let other = &ranked[i];
                let (small, large) = (set.len().min(other.len()), set.len().max(other.len()));
                if (small as f64) < threshold * large as f64 - 1e-9 {
                    continue;
                }
                let common = shared(set, other);
                let jaccard = common as f64 / (set.len() + other.len() - common) as f64;
                if jaccard >= threshold {
                    out.push((i, j, jaccard));
                    found += 1;
                }
            }
        }
        for &token in &set[..prefix(set.len(), threshold)] {
            index.entry(token).or_default().push(j);
        }
    }
    if limit < usize::MAX {
        // A set that found none among the earlier ones and was passed over by the later ones
        // (they had found enough before reaching it) looks once more, through every set's prefix.
        let mut told = vec![false; sets.len()];
        for (i, j, _) in &out {
            told[*i] = true;
            told[*j] = true;
        }
        for (k, set) in ranked.iter().enumerate() {
            if told[k] || set.is_empty() {
                continue;
            }
            let found = set[..prefix(set.len(), threshold)]
                .iter()
                .find_map(|token| {
                    index[token].iter().find_map(|&i| {
                        let other = &ranked[i];
                        let common = shared(set, other);
                        let jaccard = common as f64 / (set.len() + other.len() - common) as f64;
                        (i != k && jaccard >= threshold).then_some((i, jaccard))
                    })
                });
            if let Some((i, jaccard)) = found {
                out.push((i.min(k), i.max(k), jaccard));
                told[i] = true;
                told[k] = true;
            }
        }
    }
    out.sort_by_key(|&(i, j, _)| (i, j));
    out
}

/// The rows whose text of one section (in one year) is compared, and the bigrams of each.
type Group = (Vec<usize>, Vec<Vec<(char, char)>>);

/// The other rows a row's section reads like, with the similarity.
type Peers = Vec<(usize, f64)>;

/// Marks every unit whose section reads like another unit's of the same year: one warning per
/// unit and section, naming the others. Findings from an earlier marking are taken away first,
/// so a reload marks again from scratch. A profile's severity for R19 applies.
pub(super) fn mark(rows: &mut [Row], profile: Option<&Profile>) {
    for row in rows.iter_mut() {
        if let Ok(unit) = &mut row.unit {
            let keep = unit.findings.len() - unit.peers;
            unit.findings.truncate(keep);
            unit.peers = 0;
        }
    }
    // (section, year) → the rows whose text is compared, and their bigrams.
    let mut groups: HashMap<(Section, i32), Group> = HashMap::new();
    for (r, row) in rows.iter().enumerate() {
        let Some(unit) = row.report() else { continue };
        for section in Section::of(&unit.draft) {
            let Some(text) = section.text(&unit.draft) else {
                continue;
            };
            let own = own_words(text);
            if counted_chars(&own) < MIN_COMPARED_CHARS {
                continue;
            }
            let group = groups.entry((section, unit.draft.year)).or_default();
            group.0.push(r);
            group.1.push(bigrams(&own));
        }
    }
    // (row, section) → the other rows and the similarity.
    let mut peers: HashMap<(usize, Section), Peers> = HashMap::new();
    for ((section, _), (members, sets)) in &groups {
        for (i, j, s) in similar_pairs(sets, SIMILAR, NAMED) {
            let (a, b) = (members[i], members[j]);
            // A unit reported twice is the roster's 重复, not 雷同 with itself.
            if rows[a].report().map(|u| u.body()) == rows[b].report().map(|u| u.body()) {
                continue;
            }
            peers.entry((a, *section)).or_default().push((b, s));
            peers.entry((b, *section)).or_default().push((a, s));
        }
    }
    let mut marked: Vec<((usize, Section), Peers)> = peers.into_iter().collect();
    marked.sort_by_key(|(key, _)| *key);
    for ((r, section), mut others) in marked {
        others.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let names: Vec<String> = others
            .iter()
            .take(NAMED)
            .map(|(o, s)| format!("「{}」{:.0}%", rows[*o].name(), s * 100.0))
            .collect();
        // The search stops at a few per unit (see `similar_pairs`): there may be more.
        let more = if others.len() >= NAMED { "等" } else { "" };
        let Ok(unit) = &mut rows[r].unit else {
            continue;
        };
        let message = format!(
            "「{}」与同年度其他单位报告的相应部分几乎相同：{}{more}（两字片段相同的比例，不计数字和自动生成的句子），\
             可能照搬了其他单位的文字；国办公开办函〔2021〕30号要求避免“内容雷同”，请按本单位情况撰写",
            section.name(&unit.draft),
            names.join("、"),
        );
        let mut finding = Finding::warning(RuleId::R19, Location::Text(section.field()), message);
        // A regional profile may make R19 an error, as it does for the checker's own findings.
        if profile.and_then(|p| p.severity_of(RuleId::R19)) == Some(RuleSeverity::Error) {
            finding.severity = Severity::Error;
        }
        unit.findings.push(finding);
        unit.peers += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text generator: a few hundred characters from a small vocabulary of words, so that
    /// texts share many bigrams and some pairs land near the threshold.
    fn texts(seed: u64, n: usize) -> Vec<String> {
        const WORDS: [&str; 12] = [
            "政务公开",
            "依申请",
            "主动公开",
            "平台建设",
            "政策解读",
            "回应关切",
            "监督保障",
            "培训",
            "考核",
            "信息管理",
            "规范性文件",
            "网站",
        ];
        let mut state = seed;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let base: Vec<String> = (0..4)
            .map(|_| (0..40).map(|_| WORDS[(next() % 12) as usize]).collect())
            .collect();
        (0..n)
            .map(|_| {
                // A base text with a few words added: near-copies of each other.
                let mut s = base[(next() % 4) as usize].clone();
                for _ in 0..(next() % 30) {
                    s.push_str(WORDS[(next() % 12) as usize]);
                }
                s
            })
            .collect()
    }

    fn jaccard(a: &[(char, char)], b: &[(char, char)]) -> f64 {
        let common = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
        let union = a.len() + b.len() - common;
        if union == 0 {
            0.0
        } else {
            common as f64 / union as f64
        }
    }

    #[test]
    fn prefix_filtering_finds_exactly_the_pairs_that_measuring_all_finds() {
        // Cases where some pairs reach the threshold and others do not: a test with all or none
        // would prove nothing.
        let mut mixed = 0;
        for seed in [1u64, 7, 42, 2026] {
            let sets: Vec<Vec<(char, char)>> = texts(seed, 60).iter().map(|t| bigrams(t)).collect();
            for threshold in [0.5, 0.8, 0.9] {
                let mut all = Vec::new();
                for j in 0..sets.len() {
                    for i in 0..j {
                        let s = jaccard(&sets[i], &sets[j]);
                        if s >= threshold {
                            all.push((i, j));
                        }
                    }
                }
                all.sort_unstable();
                if !all.is_empty() && all.len() < sets.len() * (sets.len() - 1) / 2 {
                    mixed += 1;
                }
                let found: Vec<(usize, usize)> = similar_pairs(&sets, threshold, usize::MAX)
                    .into_iter()
                    .map(|(i, j, _)| (i, j))
                    .collect();
                assert_eq!(found, all, "seed {seed}, threshold {threshold}");
                // With a limit: only true pairs, and every set that has a similar one is in one.
                let limited = similar_pairs(&sets, threshold, 2);
                assert!(limited.iter().all(|(i, j, _)| all.contains(&(*i, *j))));
                for k in 0..sets.len() {
                    let has = all.iter().any(|(i, j)| *i == k || *j == k);
                    let told = limited.iter().any(|(i, j, _)| *i == k || *j == k);
                    assert_eq!(has, told, "seed {seed}, threshold {threshold}, set {k}");
                }
            }
        }
        assert!(mixed >= 8, "{mixed} mixed cases");
    }

    #[test]
    fn the_measure_is_r19s() {
        let a = "本机关2025年认真落实政务公开各项要求，扎实推进主动公开和依申请公开工作，不断完善信息发布机制。";
        let b = "本机关2024年认真落实政务公开各项要求，扎实推进主动公开和依申请公开工作，持续完善信息发布机制。";
        let ours = jaccard(&bigrams(a), &bigrams(b));
        assert!((ours - crate::check::similarity(a, b)).abs() < 1e-12);
    }

    #[test]
    fn generated_sentences_are_not_the_units_own_words() {
        let text = "本报告所列数据统计期限自2025年1月1日至2025年12月31日。我镇加强培训。";
        assert_eq!(own_words(text), "我镇加强培训。");
    }

    #[test]
    fn a_prefix_is_never_empty_and_never_longer_than_the_set() {
        for n in 1..200 {
            for t in [0.5, 0.8, 0.95, 1.0] {
                let p = prefix(n, t);
                assert!((1..=n).contains(&p), "n {n} t {t}: {p}");
            }
        }
    }
}
