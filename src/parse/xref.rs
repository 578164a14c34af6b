//! References to findings written in report text (FORMAT.md §15).
//!
//! Cross-round references name a round and an id: `round 6 S3`, `Round 2 I1`, `Round 2's S3`,
//! `Round 2’s S3`, `round-2 S5`, `Round7 S1`, `R6 S3`, `R3-I6`, `re-raise of round 6 S3`,
//! `(round 2 I1 unaddressed)`, `[round 5 S9 / round 4 S2 unaddressed]`, `(Round 3 S10)`,
//! `Round 2 Important I1`, lists after one round (`round 2 I1, I3 and S2`) and ranges
//! (`Round 1 suggestion S1–S6`). `Round 6 raised this` names no id and gives no reference.
//!
//! Intra-report references are bare ids (`(see I1)`, `I3 above`, `C1's test`) and the
//! Resolution-table form `Important #1` / `Suggestion #3`.
//!
//! A small scanner over the text's characters; no regular expressions. Ids are upper-case
//! `C`/`I`/`S`/`D` followed by digits and must stand as a word of their own (`S3a`, `IS3`,
//! `I2C` are not ids).

use crate::model::FindingRef;

/// Ranges such as `S1–S60` expand to at most this many ids.
const MAX_RANGE: u32 = 30;

/// Every cross-round reference in `text`, in order of appearance, without duplicates.
pub fn cross_refs(text: &str) -> Vec<FindingRef> {
    // The scanner of [`scan`], looking only where a round marker can start: an `r`/`R` at a word
    // start, from the first place [`may_hold_round`] sees one. Bare ids and `Important #1`, which
    // `scan` steps over, never hold such a start, so the references found are the same (a test
    // holds the two against each other); the text before that place is not decoded at all.
    let Some(first) = first_round_candidate(text) else {
        return Vec::new();
    };
    // The character before it decides whether it stands at a word start.
    let prev = text[..first].chars().next_back();
    let s = Scanner {
        c: prev.into_iter().chain(text[first..].chars()).collect(),
    };
    let mut out = Vec::new();
    let mut i = usize::from(prev.is_some());
    while i < s.c.len() {
        if matches!(s.c[i], 'r' | 'R') && s.word_start(i) {
            if let Some((round, after)) = s.round_marker(i) {
                let (ids, end) = s.id_list(after);
                let found = !ids.is_empty();
                out.extend(ids.into_iter().map(|id| FindingRef {
                    round: Some(round),
                    id,
                }));
                i = if found { end } else { after };
                continue;
            }
        }
        i += 1;
    }
    dedupe(out.into_iter())
}

/// Every reference to a finding of the same report in `text` (`round` is `None`), in order of
/// appearance, without duplicates. Ids that are part of a cross-round reference are not
/// repeated here, and agent-local ids such as `Codex P1 I1` are skipped.
pub fn local_refs(text: &str) -> Vec<FindingRef> {
    dedupe(scan(text).into_iter().filter(|r| r.round.is_none()))
}

/// Whether `text` contains `round` (any case) or `R` and a digit: a byte scan that spares most
/// text the character scanner.
fn may_hold_round(text: &str) -> bool {
    first_round_candidate(text).is_some()
}

/// The first byte where [`may_hold_round`] sees `round` or `R` and a digit.
fn first_round_candidate(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    memchr::memchr2_iter(b'R', b'r', b).find(|&i| {
        (b[i] == b'R' && b.get(i + 1).is_some_and(u8::is_ascii_digit))
            || b.get(i + 1..i + 5)
                .is_some_and(|s| s.eq_ignore_ascii_case(b"ound"))
    })
}

/// First occurrences only, in order; a set keeps this linear however many references a text has.
fn dedupe(refs: impl Iterator<Item = FindingRef>) -> Vec<FindingRef> {
    let mut seen = std::collections::HashSet::new();
    refs.filter(|r| seen.insert((r.round, r.id.clone())))
        .collect()
}

/// Every cross-round reference in `text` with the byte range of the words that make it
/// (`round 2 I1, I3`: both refs share the range), in order of appearance, duplicates kept: the
/// round diff reads what the text around each mention says about it.
pub fn cross_ref_spans(text: &str) -> Vec<(FindingRef, std::ops::Range<usize>)> {
    if !may_hold_round(text) {
        return Vec::new();
    }
    let bytes = byte_offsets(text);
    scan_spans(text)
        .into_iter()
        .filter(|(r, _)| r.round.is_some())
        .map(|(r, span)| (r, bytes[span.start]..bytes[span.end.min(bytes.len() - 1)]))
        .collect()
}

/// References to the round just before the one a text belongs to, which name it by position
/// rather than by number: `prior I1, I3, and S1–S6`, `Prior I2 —`, `the previous round's S4`,
/// `last round's I1`. The ids with the byte range of their words, in order of appearance; the
/// reader knows which round that is.
pub fn prior_ref_spans(text: &str) -> Vec<(String, std::ops::Range<usize>)> {
    if !may_hold_prior(text) {
        return Vec::new();
    }
    let s = Scanner {
        c: text.chars().collect(),
    };
    let bytes = byte_offsets(text);
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.c.len() {
        if !matches!(s.c[i], 'p' | 'P' | 'l' | 'L') || !s.word_start(i) {
            i += 1;
            continue;
        }
        let Some(after) = s.prior_marker(i) else {
            i += 1;
            continue;
        };
        let (ids, end) = s.id_list(after);
        if ids.is_empty() {
            i = after;
            continue;
        }
        let span = bytes[i]..bytes[end.min(bytes.len() - 1)];
        out.extend(ids.into_iter().map(|id| (id, span.clone())));
        i = end;
    }
    out
}

/// Whether `text` contains `prior`, `previous` or `last round` (any case): a byte scan that
/// spares most text the character scanner.
fn may_hold_prior(text: &str) -> bool {
    ["prior", "previous", "last round"]
        .iter()
        .any(|w| contains_ignore_ascii_case(text, w))
}

/// Whether `text` contains the ASCII `word` in any letter case: `memchr` finds each place its
/// first letter occurs (either case), and only there are the rest of its bytes compared.
pub(crate) fn contains_ignore_ascii_case(text: &str, word: &str) -> bool {
    let (b, w) = (text.as_bytes(), word.as_bytes());
    let Some((&first, rest)) = w.split_first() else {
        return true;
    };
    memchr::memchr2_iter(first.to_ascii_lowercase(), first.to_ascii_uppercase(), b).any(|i| {
        b.get(i + 1..i + 1 + rest.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(rest))
    })
}

/// The byte offset of every char of `text`, and its length at the end: the scanner counts
/// chars, callers want byte ranges.
fn byte_offsets(text: &str) -> Vec<usize> {
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    bytes
}

/// One pass over the text producing both kinds of reference in order.
fn scan(text: &str) -> Vec<FindingRef> {
    scan_spans(text).into_iter().map(|(r, _)| r).collect()
}

/// [`scan`] with the character range of each reference's words.
fn scan_spans(text: &str) -> Vec<(FindingRef, std::ops::Range<usize>)> {
    let s = Scanner {
        c: text.chars().collect(),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < s.c.len() {
        if !s.word_start(i) {
            i += 1;
            continue;
        }
        if let Some((round, after)) = s.round_marker(i) {
            let (ids, end) = s.id_list(after);
            if !ids.is_empty() {
                out.extend(ids.into_iter().map(|id| {
                    let r = FindingRef {
                        round: Some(round),
                        id,
                    };
                    (r, i..end)
                }));
                i = end;
                continue;
            }
            i = after;
            continue;
        }
        if let Some((id, end)) = s.severity_hash(i) {
            out.push((FindingRef { round: None, id }, i..end));
            i = end;
            continue;
        }
        if let Some((id, end)) = s.id(i) {
            if !s.agent_local(i) {
                out.push((FindingRef { round: None, id }, i..end));
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out
}

struct Scanner {
    c: Vec<char>,
}

impl Scanner {
    fn at(&self, i: usize) -> Option<char> {
        self.c.get(i).copied()
    }

    fn is_word(&self, i: usize) -> bool {
        self.at(i).is_some_and(|c| c.is_alphanumeric() || c == '_')
    }

    fn word_start(&self, i: usize) -> bool {
        i == 0 || !self.is_word(i - 1)
    }

    /// Case-insensitive ASCII `word` at `i`; the index after it.
    fn keyword(&self, i: usize, word: &str) -> Option<usize> {
        let mut j = i;
        for w in word.chars() {
            if !self.at(j)?.eq_ignore_ascii_case(&w) {
                return None;
            }
            j += 1;
        }
        Some(j)
    }

    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let mut j = i;
        let mut n: u32 = 0;
        while let Some(d) = self.at(j).and_then(|c| c.to_digit(10)) {
            n = n.checked_mul(10)?.checked_add(d)?;
            j += 1;
        }
        (j > i).then_some((n, j))
    }

    fn skip_spaces(&self, mut i: usize) -> usize {
        while self
            .at(i)
            .is_some_and(|c| c == ' ' || c == '\t' || c == '\u{a0}')
        {
            i += 1;
        }
        i
    }

    /// Spaces and Markdown emphasis/code marks around an id: `**I1**`, `` `S3` ``.
    fn skip_decor(&self, mut i: usize) -> usize {
        while self
            .at(i)
            .is_some_and(|c| matches!(c, ' ' | '\t' | '\u{a0}' | '*' | '`'))
        {
            i += 1;
        }
        i
    }

    /// `round 6`, `Round-6`, `Round7`, `round 6's`, `R6` (upper-case R only) at a word start:
    /// the round number and the index after the marker (and any possessive).
    fn round_marker(&self, i: usize) -> Option<(u32, usize)> {
        let (n, j) = if let Some(j) = self.keyword(i, "round") {
            let k = match self.at(j) {
                Some('-') => j + 1,
                _ => self.skip_spaces(j),
            };
            self.digits(k)?
        } else if self.at(i) == Some('R') {
            let (n, j) = self.digits(i + 1)?;
            // `R3-I6`: a hyphen joins the round to the id.
            if let (Some('-'), Some('C' | 'I' | 'S' | 'D')) = (self.at(j), self.at(j + 1)) {
                return Some((n, j + 1));
            }
            (n, j)
        } else {
            return None;
        };
        let j = self.possessive(j).unwrap_or(j);
        if self.is_word(j) {
            return None;
        }
        Some((n, j))
    }

    /// `prior`, `previous`, `prior round's`, `previous round's`, `last round's` at `i`: the
    /// index after the marker (and any possessive). `last` alone is not one (`the last S3`).
    fn prior_marker(&self, i: usize) -> Option<usize> {
        let round = |j: usize| {
            let k = self.skip_spaces(j);
            let k = match self.at(j) {
                Some('-') => j + 1,
                _ => k,
            };
            let r = self.keyword(k, "round")?;
            let r = self.possessive(r).unwrap_or(r);
            (!self.is_word(r)).then_some(r)
        };
        let j = ["prior", "previous", "last"]
            .iter()
            .find_map(|w| self.keyword(i, w).filter(|&k| !self.is_word(k)))?;
        let last = self.at(i).is_some_and(|c| c.eq_ignore_ascii_case(&'l'));
        match round(j) {
            Some(r) => Some(r),
            None if last => None,
            None => Some(j),
        }
    }

    /// `'s` or `’s` ending a word.
    fn possessive(&self, i: usize) -> Option<usize> {
        match (self.at(i), self.at(i + 1)) {
            (Some('\'' | '’'), Some('s')) if !self.is_word(i + 2) => Some(i + 2),
            _ => None,
        }
    }

    /// An id at `i` (which must be a word start): `S3`, `I12`; the id and the index after it.
    fn id(&self, i: usize) -> Option<(String, usize)> {
        let letter = self.at(i).filter(|c| matches!(c, 'C' | 'I' | 'S' | 'D'))?;
        let (n, j) = self.digits(i + 1)?;
        if self.is_word(j) || n == 0 {
            return None;
        }
        Some((format!("{letter}{n}"), j))
    }

    /// The ids following a round marker: an optional severity word, then ids separated by
    /// `,` `/` `&` `and` `or`, each possibly a range `S1–S6`.
    fn id_list(&self, i: usize) -> (Vec<String>, usize) {
        let mut ids = Vec::new();
        let mut j = self.skip_decor(i);
        if let Some(k) = self.severity_word(j) {
            j = self.skip_decor(k);
        }
        let mut end = i;
        while let Some((id, k)) = self.id(j) {
            let k2 = self.possessive(k).unwrap_or(k);
            match self.range_end(&id, k) {
                Some((mut more, k3)) => {
                    ids.push(id);
                    ids.append(&mut more);
                    end = k3;
                }
                None => {
                    ids.push(id);
                    end = k2;
                }
            }
            // A separator followed by another id continues the list.
            let mut s = self.skip_decor(end);
            match self.at(s) {
                Some(',' | '/' | '&') => {
                    s += 1;
                    // `I1, I3, and S1–S6`: a serial comma before the last id.
                    let t = self.skip_decor(s);
                    if let Some(k) = self.keyword(t, "and").or_else(|| self.keyword(t, "or")) {
                        if !self.is_word(k) {
                            s = k;
                        }
                    }
                }
                _ => {
                    if let Some(k) = self.keyword(s, "and").or_else(|| self.keyword(s, "or")) {
                        if self.is_word(k) {
                            break;
                        }
                        s = k;
                    } else {
                        break;
                    }
                }
            }
            j = self.skip_decor(s);
            if self.id(j).is_none() {
                break;
            }
        }
        (ids, end)
    }

    /// `critical`/`important`/`suggestion(s)`/`design`/`finding` between a round and its id.
    fn severity_word(&self, i: usize) -> Option<usize> {
        [
            "suggestions",
            "suggestion",
            "important",
            "critical",
            "design",
            "finding",
        ]
        .iter()
        .find_map(|w| self.keyword(i, w).filter(|&k| !self.is_word(k)))
    }

    /// After `S1` at `k`: `–S6` / `-S6` / `–6` with the same letter → the ids `S2`…`S6`.
    fn range_end(&self, first: &str, k: usize) -> Option<(Vec<String>, usize)> {
        if !matches!(self.at(k), Some('-' | '–')) {
            return None;
        }
        let letter = first.chars().next()?;
        let from: u32 = first.get(1..)?.parse().ok()?;
        let mut j = k + 1;
        if self.at(j) == Some(letter) {
            j += 1;
        }
        let (to, end) = self.digits(j)?;
        if self.is_word(end) || to <= from || to - from > MAX_RANGE {
            return None;
        }
        Some((
            ((from + 1)..=to).map(|n| format!("{letter}{n}")).collect(),
            end,
        ))
    }

    /// `Important #1`, `Suggestion #3`, `Critical #2` → `I1`, `S3`, `C2`.
    fn severity_hash(&self, i: usize) -> Option<(String, usize)> {
        let (letter, k) = [
            ('C', "critical"),
            ('I', "important"),
            ('S', "suggestion"),
            ('D', "design"),
        ]
        .iter()
        .find_map(|(l, w)| self.keyword(i, w).map(|k| (*l, k)))?;
        let k = self.skip_spaces(k);
        if self.at(k) != Some('#') {
            return None;
        }
        let (n, end) = self.digits(k + 1)?;
        if self.is_word(end) || n == 0 {
            return None;
        }
        Some((format!("{letter}{n}"), end))
    }

    /// `P1 I1` (an agent's own pass-local numbering) just before the id at `i`.
    fn agent_local(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 && self.at(j - 1) == Some(' ') {
            j -= 1;
        }
        if j == i {
            return false;
        }
        let mut k = j;
        while k > 0 && self.at(k - 1).is_some_and(|c| c.is_ascii_digit()) {
            k -= 1;
        }
        k < j && k > 0 && self.at(k - 1) == Some('P') && self.word_start(k - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(round: u32, id: &str) -> FindingRef {
        FindingRef {
            round: Some(round),
            id: id.to_string(),
        }
    }

    fn l(id: &str) -> FindingRef {
        FindingRef {
            round: None,
            id: id.to_string(),
        }
    }

    #[test]
    fn every_phrasing_of_format_15() {
        let cases: &[(&str, Vec<FindingRef>)] = &[
            ("raised in round 5 S3 before", vec![r(5, "S3")]),
            ("Round 6 S3 was declined", vec![r(6, "S3")]),
            ("see Round 2 I1.", vec![r(2, "I1")]),
            ("round 7 I1 unaddressed", vec![r(7, "I1")]),
            ("Round 2's S3 fix", vec![r(2, "S3")]),
            ("Round 4’s I2 fix", vec![r(4, "I2")]),
            ("the round-2 S5 concern", vec![r(2, "S5")]),
            ("as R6 S3 said", vec![r(6, "S3")]),
            ("fixes R3-I6 on both sides", vec![r(3, "I6")]),
            (
                "R1-I1, R1-S7 and R2-D1",
                vec![r(1, "I1"), r(1, "S7"), r(2, "D1")],
            ),
            ("R2-R3 drift, R2-Ix", vec![]),
            ("a re-raise of round 6 S3.", vec![r(6, "S3")]),
            ("**Title** (round 2 I1 unaddressed)", vec![r(2, "I1")]),
            ("(round 1 I4 deferred)", vec![r(1, "I4")]),
            (
                "[round 5 S9 / round 4 S2 unaddressed]",
                vec![r(5, "S9"), r(4, "S2")],
            ),
            (
                "Round 2 S2: “…” — declined Round 2 (\"no\"). Re-raised this round as **I1**",
                vec![r(2, "S2")],
            ),
            ("(Round 3 S10)", vec![r(3, "S10")]),
            (
                "raised in multiple prior rounds (round 5 S3)",
                vec![r(5, "S3")],
            ),
            (
                "Round 6 raised this; this round has not addressed it",
                vec![],
            ),
            ("Round7 C1 again", vec![r(7, "C1")]),
            ("round 3 D2 persists", vec![r(3, "D2")]),
            (
                "(suggestion, regression — round 1 S4 unaddressed)",
                vec![r(1, "S4")],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&cross_refs(text), want, "in {text:?}");
        }
    }

    #[test]
    fn lists_ranges_and_severity_words() {
        assert_eq!(
            cross_refs("round 2 I1, I3 and S2 remain"),
            vec![r(2, "I1"), r(2, "I3"), r(2, "S2")]
        );
        assert_eq!(
            cross_refs("every Round 1 suggestion S1–S3 is addressed"),
            vec![r(1, "S1"), r(1, "S2"), r(1, "S3")]
        );
        assert_eq!(cross_refs("Round 2 Important I1"), vec![r(2, "I1")]);
        assert_eq!(cross_refs("round 2 **I1** again"), vec![r(2, "I1")]);
        // A range that would explode is kept to its first id.
        assert_eq!(cross_refs("round 1 S1-S900"), vec![r(1, "S1")]);
    }

    #[test]
    fn dedupes_in_order() {
        assert_eq!(
            cross_refs("round 2 S1 … Round 1 I4 … round 2 S1 again, R1 I4"),
            vec![r(2, "S1"), r(1, "I4")]
        );
    }

    #[test]
    fn things_that_are_not_references() {
        for text in [
            "rounds 2 and 3",
            "Round 1 raised both as separate suggestions",
            "Round 2 addresses three of five issues",
            "the round-1 gzip fix",
            "store it in S3 later", // no round: local, not cross
            "around 5 S3",          // `around` is not `round`
            "R2D2 S3",
            "round 2 S3a",
            "round 2 IS3",
            "R6 I2C bus",
            "round 99999999999 S1", // number overflows u32
            "",
            "round",
            "round 2",
            "R",
        ] {
            assert_eq!(cross_refs(text), vec![], "in {text:?}");
        }
    }

    #[test]
    fn local_references() {
        assert_eq!(
            local_refs("(see I1); I3 above; C1's test; D2."),
            vec![l("I1"), l("I3"), l("C1"), l("D2")]
        );
        assert_eq!(
            local_refs("| 1 | Important #1: x | Fixed |\n| 2 | Suggestion #3 | Skipped |"),
            vec![l("I1"), l("S3")]
        );
        // Cross-round ids are not local; agent-local pass ids are skipped.
        assert_eq!(local_refs("round 2 I1 and then S4"), vec![l("S4")]);
        assert_eq!(local_refs("Codex P1 I1 became I2"), vec![l("I2")]);
        assert_eq!(local_refs("S0 and SS1 and I2x"), vec![]);
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in [
            "’",
            "R’s",
            "round ’s S1",
            "round-",
            "I",
            "S1–",
            "Important #",
            "é R1 S1 é",
        ] {
            let _ = cross_refs(text);
            let _ = local_refs(text);
        }
        assert_eq!(cross_refs("é R1 S1 é"), vec![r(1, "S1")]);
    }

    /// `cross_refs` looks only at `r`/`R` word starts from the first possible marker on; it must
    /// find exactly what the full scanner finds with its local ids and `Important #1` steps.
    #[test]
    fn the_round_only_scan_finds_what_the_full_scan_finds() {
        let texts = [
            "Important #1 round 2 S1",
            "Critical #2R1 I1, rounds R3 S4 and I5",
            "S1R2 I3 / D4R5 S6 round 7’s I8–I10",
            "xround 2 S1 éR3 S2 _R4 S3 9R5 S4 (R6 S5) **R7 S6**",
            "round round 2 I1 R R8 S1-S3 and or I4",
            "Codex P1 I1 then round 2 P1 I1; Round-3 Suggestion S2 & S3",
            "Design #3 round 4 design D1, D2 or D3's note; R9 finding S9",
            "\u{a0}R1\u{a0}S1 ’R2 S2 1R3 S3",
        ];
        let long = texts.join(" … ").repeat(3);
        for text in texts.iter().copied().chain([long.as_str()]) {
            let full = dedupe(scan(text).into_iter().filter(|r| r.round.is_some()));
            assert!(!full.is_empty(), "{text:?}");
            assert_eq!(cross_refs(text), full, "in {text:?}");
        }
    }

    #[test]
    fn prior_refs_name_the_round_before() {
        let t = "The delta commit `8ce37aa06` resolved prior I1, I3, and S1–S3; the author \
                 declined prior I2. **Prior I4 — x.** The previous round's S5 and last \
                 round's D1 hold; the last S6 does not count, nor does priority I7.";
        let ids: Vec<String> = prior_ref_spans(t).into_iter().map(|(id, _)| id).collect();
        assert_eq!(
            ids,
            ["I1", "I3", "S1", "S2", "S3", "I2", "I4", "S5", "D1"].map(String::from)
        );
        let (_, span) = &prior_ref_spans(t)[5];
        assert_eq!(&t[span.clone()], "prior I2");
        assert!(prior_ref_spans("no such words here: I1").is_empty());
        assert!(contains_ignore_ascii_case("Raised in ROUND 2", "round"));
        assert!(!contains_ignore_ascii_case("roun", "round"));
        // The byte pre-scan passes every case, and each of the three words alone.
        for (t, id) in [
            ("PRIOR I2 stays open.", "I2"),
            ("As the Previous round's S4 said.", "S4"),
            ("Last Round's D1 holds.", "D1"),
        ] {
            let ids: Vec<String> = prior_ref_spans(t).into_iter().map(|(id, _)| id).collect();
            assert_eq!(ids, [id], "{t}");
        }
    }
}
