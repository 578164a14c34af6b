//! The words that make a claim about an earlier finding or state a reference's relation.

use super::text::floor_char;
use super::{Claim, Relation};
use crate::model::{Finding, Severity, Status};
use std::ops::Range;

/// The relation of a loose reference: the same finding unless its words say otherwise.
pub(super) fn claim_free_relation(sentence: &str) -> Relation {
    let low = sentence.to_lowercase();
    if has_any(&low, DIFFERENT) {
        Relation::Related
    } else {
        Relation::Same
    }
}

/// Words that say an earlier finding is still there. Checked first: `unaddressed` contains
/// `addressed`.
pub(super) const PERSISTS: &[&str] = &[
    "unaddressed",
    "not addressed",
    "not been addressed",
    "not yet addressed",
    "not fixed",
    "not been fixed",
    "isn't fixed",
    // Not `unfixed` alone: regression tests "fail against the unfixed code" of a fixed finding.
    "is unfixed",
    "are unfixed",
    "and unfixed",
    "left unfixed",
    "stays unfixed",
    "still ",
    "remains",
    "persists",
    "persisting",
    "re-raise",
    "reraise",
    // `This restates Round 1 I3; the fixup commit partially addressed it`.
    "restates",
    "restating",
    "raised again",
    "unchanged",
    "not resolved",
    "unresolved",
    "partially addressed",
    "partially fixed",
    "only partially",
    "partly fixed",
    "partly addressed",
    "partially resolved",
    "partly resolved",
    "half done",
    "half-done",
    "half addressed",
    "half-addressed",
    "partial fix",
    // `Round-1 S9 residual.`, `the residual of prior S7`: what is left of it is still there.
    "residual",
    // `the helper fixed the portability half`.
    "fixed the first half",
    "fixed half",
    " half;",
    " half,",
    " half.",
    "carried over as",
    "carries over as",
    "carried forward as",
];

pub(super) const DROPPED: &[&str] = &[
    "dropped",
    "withdrawn",
    "retracted",
    "false positive",
    "false-positive",
    "not a real",
    "invalid",
];

pub(super) const DEMOTED: &[&str] = &[
    "demoted",
    "downgraded",
    "downgrade",
    "reclassified",
    "moved to design",
    "now a design observation",
    "to design observations",
];

pub(super) const DECLINED: &[&str] = &[
    "declined",
    "skipped",
    "won't fix",
    "wont fix",
    "will not fix",
    "not fixing",
    "acknowledged",
    "accepted as",
    "accepted the",
    "limitation",
    "deferred to",
    "deferred until",
    "deferred pending",
    "deferred as",
    "was deferred",
    "were deferred",
    "is deferred",
    "are deferred",
    "still deferred",
    "remains deferred",
    "deferred;",
    "deferred.",
    "out of scope",
    "out-of-scope",
    "by design",
    "intentional",
    "left for a follow-up",
    "carried forward",
    "carries forward",
    "carried from",
    "carried over from",
];

pub(super) const FIXED: &[&str] = &[
    "verified",
    // `verify` alone is as often an intent (`skip upstream verify`, `verify the fix is
    // complete`) as a result: only as the fixes' own verb.
    "fixes verify",
    "fixes all verify",
    "fix verify",
    "verify against",
    "verify correct",
    "verify cleanly",
    "addresses",
    "verifies",
    "addressed",
    "fixed",
    // `fixes` is as often the noun (`Round 3's fixes`): only as a verb on a group.
    " fixes all",
    " fixes both",
    " fixes every",
    " fixes each",
    "resolved",
    "checks out",
    "check out",
    "landed",
    "did land",
    "is gone",
    "are gone",
    "no longer",
    // Not `closed` alone: code is described with it (`panic on a closed channel`).
    "is closed",
    "was closed",
    "were closed",
    "are closed",
    "now closed",
    "closed by",
    "closed in",
    "closed out",
    "closed.",
    "closed,",
    "closed;",
    "closed)",
    "fix holds",
    // `hold up` alone is as often said of findings that are valid (`both hold up`).
    "fixes hold up",
    "fix holds up",
    "fixes held up",
    "remediation holds up",
    ") hold up against",
    "fixes hold",
];

/// `Round 4 answers all seven round-3 Important findings`: each was acted on, by a fix or by a
/// reasoned decline (`Round-4 S3, answered this round by message rather than behaviour`), so
/// not raised again and not to be paired lightly, but not *fixed* either.
const ANSWERED: &[&str] = &[
    "answers all",
    "answers every",
    "answers each",
    "answers both",
    "answered all",
    "answered every",
    "answered each",
    "answered both",
];

pub(super) fn has_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| has_word(s, w))
}

/// Whether `s` holds `w` where a word starts: not inside another word (`probe-skipped` is not
/// *skipped*, `prefixed` not *fixed*, `unverified` not *verified*). A `w` that opens with a
/// space or a mark says where it starts itself.
pub(super) fn has_word(s: &str, w: &str) -> bool {
    if !w.starts_with(|c: char| c.is_alphanumeric()) {
        return s.contains(w);
    }
    s.match_indices(w).any(|(k, _)| {
        !s[..k]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_')
    })
}

/// Words that say "still" without saying what: `still deferred` is declined, `still open`
/// persists.
pub(super) const STILL: &[&str] = &["still ", "remains", "unchanged"];

/// The claim a lower-case sentence makes about what it names.
pub(super) fn claim_of(s: &str) -> Option<Claim> {
    let s = &without_negated_persists(s);
    let strong_persists = PERSISTS.iter().any(|w| !STILL.contains(w) && s.contains(w));
    if has_any(s, STILL) && !strong_persists {
        if has_any(s, DROPPED) {
            return Some(Claim::Dropped);
        }
        if has_any(s, DECLINED) {
            return Some(Claim::Declined);
        }
    }
    if has_any(s, PERSISTS) {
        Some(Claim::Persists)
    } else if has_any(s, DROPPED) {
        Some(Claim::Dropped)
    } else if has_any(s, DEMOTED) {
        Some(Claim::Demoted)
    } else if has_any(s, DECLINED) {
        Some(Claim::Declined)
    } else if has_any(s, ANSWERED) {
        Some(Claim::Answered)
    } else if has_any(s, FIXED) {
        Some(Claim::Fixed)
    } else {
        None
    }
}

/// The text without the phrases that deny a persisting word (`Declined in prior rounds,
/// re-checked and not re-raised`): those say the finding was *not* raised again.
fn without_negated_persists(s: &str) -> String {
    const NEGATED: &[&str] = &[
        "not re-raised",
        "not reraised",
        "not raised again",
        "never re-raised",
        "never raised again",
        "not re-raising",
        "not re-raise",
    ];
    let mut out = s.to_string();
    for n in NEGATED {
        out = out.replace(n, " ");
    }
    out
}

/// Words with which a later finding says, naming the round but no id, that it was raised
/// there already: `(this drift persisted from Round 1)`, `Also flagged in Round 1.`, `Raised in
/// round 1 and unchanged`.
const CARRIED_UNNAMED: &[&str] = &[
    "persisted from round",
    "persists from round",
    "carried over from round",
    "carried forward from round",
    "also flagged in round",
    "also raised in round",
    "already flagged in round",
    "already raised in round",
    "first raised in round",
    "first flagged in round",
    "raised in round",
    "flagged in round",
    "open since round",
    "unchanged since round",
];

/// Whether a later finding's text says, without an id, that it was raised in round `round`
/// already (see [`CARRIED_UNNAMED`]). `the code is unchanged since round 3` speaks of the code,
/// not of the finding.
pub(super) fn says_carried_from(text: &str, round: u32) -> bool {
    // Every phrase names `round` (any case): most texts are passed over in one byte scan.
    crate::parse::xref::contains_ignore_ascii_case(text, "round")
        && super::text::sentences(text).into_iter().any(|sentence| {
            let low = sentence.to_lowercase();
            names_round(&low, round)
                && CARRIED_UNNAMED.iter().any(|w| {
                    low.find(w).is_some_and(|k| {
                        names_round(&low[k..], round)
                            && !(w.starts_with("unchanged") && low[..k].contains("code"))
                    })
                })
        })
}

/// Where a clause ends: a sentence's parts that can each say something else.
const CLAUSE_BREAKS: &[&str] = &["; ", ", and ", ", but ", ", while ", " — ", ": "];

/// The claim of the clause of a lower-case sentence that holds byte `at`.
pub(super) fn clause_claim(s: &str, at: usize) -> Option<Claim> {
    let at = floor_char(s, at.min(s.len()));
    let from = CLAUSE_BREAKS
        .iter()
        .filter_map(|b| s[..at].rfind(b).map(|k| k + b.len()))
        .max()
        .unwrap_or(0);
    let to = CLAUSE_BREAKS
        .iter()
        .filter_map(|b| s[at..].find(b).map(|k| at + k))
        .min()
        .unwrap_or(s.len());
    // `…, resolving Round 1 S2, but still omits …`: a verb of closing right before the
    // reference, in its own clause (not said of anything else: `resolves through the defaulter`).
    claim_of(&s[from..to]).or_else(|| ends_with_word(&s[from..at], CLOSING).then_some(Claim::Fixed))
}

/// Whether `before` (the words up to a reference) ends with one of `words`, as a word of its
/// own, past any opening marks (`(matching R6-I1)`).
fn ends_with_word(before: &str, words: &[&str]) -> bool {
    let b = before
        .trim_end()
        .trim_end_matches(['(', '*', '`', '['])
        .trim_end();
    words.iter().any(|w| {
        b.strip_suffix(w)
            .is_some_and(|rest| !rest.ends_with(|c: char| c.is_alphanumeric()))
    })
}

/// Verbs that close the finding named right after them: a claim that it is fixed
/// (`resolving Round 1 S2`), and, in a later finding, its fix told as what this one is about
/// (`closes round 1's S7, but …`: a follow-up).
const CLOSING: &[&str] = &["resolving", "resolves", "closes", "closed", "closing"];

/// The claim of the lead of a list the reference at byte `at` of `item` belongs to: the words
/// before the last colon ahead of it in the same sentence (`… all of which verify against the
/// current code: X now … (S1); the cache is dropped on failure (S6)`).
pub(super) fn lead_claim(item: &str, at: usize) -> Option<Claim> {
    let at = floor_char(item, at.min(item.len()));
    let colon = item[..at].rfind(": ")?;
    if item[colon..at].contains(". ") || item[colon..at].contains('\n') {
        return None;
    }
    let start = item[..colon]
        .rfind(". ")
        .map(|k| k + 2)
        .into_iter()
        .chain(item[..colon].rfind('\n').map(|k| k + 1))
        .max()
        .unwrap_or(0);
    claim_of(&item[start..colon].to_lowercase())
}

/// The claim a statement makes about the reference at `span` of `item`, whose sentence is
/// `sentence`: its own clause's when that says the finding persists; else that of the lead of
/// the list it is in (the words after the colon describe the new code, not a claim: `the
/// unsigned cache is dropped on failure (Round 4 S6)`); else its clause's; else the sentence's.
pub(super) fn claim_at(item: &str, span: std::ops::Range<usize>, sentence: &str) -> Option<Claim> {
    let low = sentence.to_lowercase();
    let at = sentence.find(&item[span.clone()]).unwrap_or(0);
    let clause = clause_claim(&low, at);
    if clause == Some(Claim::Persists) {
        return clause;
    }
    // `addressed every Round 1 finding except the docstring (prior-round S4), which …`: what
    // the sentence says of the rest is not said of the exception; only its own clause speaks.
    if let Some(from) = low[..floor_char(&low, at.min(low.len()))].rfind(" except ") {
        let after = from + " except ".len();
        return clause_claim(&low[after..], at.saturating_sub(after));
    }
    lead_claim(item, span.start)
        .or(clause)
        .or_else(|| claim_of(&low))
}

/// The claim a heading gives the items under it: `Prior-Round Fixes Verified` → fixed,
/// `Declined in prior rounds` / `Acknowledged Limitations` → declined.
pub(super) fn heading_claim(h: &str) -> Option<Claim> {
    let h = h.to_lowercase();
    if h.contains("declined") || h.contains("limitation") || h.contains("won't fix") {
        Some(Claim::Declined)
    } else if h.contains("verified") || h.contains("fixes") || h == "addressed" {
        Some(Claim::Fixed)
    } else if h.contains("dropped") || h.contains("withdrawn") {
        Some(Claim::Dropped)
    } else {
        None
    }
}

/// Whether a lower-case text names round `n` (`round 1`, `round-1`, `r1`, `round 1's`).
pub(super) fn names_round(low: &str, n: u32) -> bool {
    let num = n.to_string();
    let b = low.as_bytes();
    let mut from = 0;
    while let Some(k) = low[from..].find("round") {
        let at = from + k;
        from = at + 5;
        if at > 0 && b[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = low[at + 5..].trim_start_matches([' ', '-']);
        if rest.starts_with(&num)
            && !rest[num.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit())
        {
            return true;
        }
    }
    false
}

/// A group of earlier findings named by a sentence.
#[derive(Debug, Clone, Copy)]
pub(super) enum Group {
    All,
    Severity(Severity),
    /// `fixes`: the findings the earlier round's own resolution marks fixed.
    Fixes,
}

impl Group {
    pub(super) fn includes(self, f: &Finding) -> bool {
        match self {
            // `all round-1 findings are fixed`, `addressed every Round-1 finding`: the findings
            // a round resolves, not its design observations, which a later round that stops
            // mentioning them has not raised again (nothing says they were acted on).
            Group::All => f.severity != Severity::Design,
            Group::Severity(s) => f.severity == s,
            Group::Fixes => f.status == Status::Resolved && !super::acknowledged_only(f),
        }
    }
}

/// A claim about a whole group (`round 1's three Important findings … are all addressed`,
/// `all Round 1 fixes verify`, `both criticals from round 1 are fixed`): a quantifier followed,
/// within a few words, by the group's noun, with the round named right there (`both cover the
/// deferred findings above`, in a sentence that says `declined round 1`, is about two tests);
/// nothing that says only some of them. A number (`both`, `four`) is returned too: a group of
/// another size is not the one meant (`Round 2's four findings are fixed` of five).
pub(super) fn group_claim(low: &str, round: u32) -> Option<(Claim, Group, Option<usize>)> {
    // Quantifiers and the group size they state (`all`, `every`, `each`: none).
    const ALL: &[(&str, Option<usize>)] = &[
        ("all", None),
        ("every", None),
        ("each", None),
        ("both", Some(2)),
        ("two", Some(2)),
        ("three", Some(3)),
        ("four", Some(4)),
        ("five", Some(5)),
        ("six", Some(6)),
        ("seven", Some(7)),
        ("eight", Some(8)),
        ("nine", Some(9)),
        ("ten", Some(10)),
    ];
    const SOME: &[&str] = &["most ", "some ", "several ", "mostly", "except", " but "];
    if has_any(low, SOME) {
        return None;
    }
    let words: Vec<&str> = low
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut found = None;
    for (k, w) in words.iter().enumerate() {
        let Some(&(_, size)) = ALL.iter().find(|(a, _)| a == w) else {
            continue;
        };
        for (x, word) in words.iter().enumerate().skip(k + 1).take(5) {
            let g = match word.trim_end_matches("'s") {
                "fixes" => Some(Group::Fixes),
                "findings" | "finding" | "issues" => Some(Group::All),
                "critical" | "criticals" => Some(Group::Severity(Severity::Critical)),
                "important" | "importants" => Some(Group::Severity(Severity::Important)),
                "suggestion" | "suggestions" => Some(Group::Severity(Severity::Suggestion)),
                "observations" => Some(Group::Severity(Severity::Design)),
                _ => None,
            };
            let Some(g) = g else {
                continue;
            };
            // The round is named in the group's own words: `all round-1 findings` (between),
            // `both criticals from round 1` (right after), `round 1's three Important findings`
            // (a possessive right before).
            let between = words[k + 1..x].join(" ");
            let after = words[x + 1..(x + 4).min(words.len())].join(" ");
            let before = words[k.saturating_sub(2)..k].join(" ");
            let named = names_round(&between, round)
                || (["from ", "of ", "in "].iter().any(|w| after.starts_with(w))
                    && names_round(&after, round))
                || ((before.ends_with("'s") || before.ends_with("’s"))
                    && names_round(&before, round));
            if named {
                // `all seven round-4 findings`: the number after `all` is the group's size.
                let stated = words[k + 1..x]
                    .iter()
                    .find_map(|w| ALL.iter().find(|(a, n)| a == w && n.is_some()))
                    .and_then(|&(_, n)| n);
                found = Some((g, stated.or(size)));
            }
            break;
        }
        if found.is_some() {
            break;
        }
    }
    let (group, size) = found?;
    // `Every Round-1 finding is carried forward above with its current status`: a list of
    // statuses follows, not a claim.
    if has_any(
        low,
        &[
            "with its current status",
            "with their current status",
            "with its status",
            "with their status",
        ],
    ) {
        return None;
    }
    let claim = claim_of(low)?;
    if claim == Claim::Persists || (matches!(group, Group::Fixes) && claim != Claim::Fixed) {
        return None;
    }
    Some((claim, group, size))
}

/// Where a later report sums up what was fixed: its executive summary, strengths, and
/// sections about verification or status.
pub(super) fn paraphrase_place(heading: &str) -> bool {
    let h = heading.to_lowercase();
    // Not `Status` / `Addressed`: those banners speak of the later round's own findings.
    [
        "executive summary",
        "strengths",
        "verified",
        "verification",
        "prior round",
    ]
    .iter()
    .any(|w| h.contains(w))
}

/// Whether a lower-case sentence names a round other than `n` and the later round itself (then
/// its words are about that round's findings).
pub(super) fn names_other_round(low: &str, n: u32, later: u32) -> bool {
    let mut from = 0;
    while let Some(k) = low[from..].find("round") {
        let at = from + k + 5;
        from = at;
        let rest = low[at..].trim_start_matches([' ', '-']);
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(m) = digits.parse::<u32>() {
            if m != n && m != later {
                return true;
            }
        }
    }
    false
}

/// Words near a reference that say the later finding is *caused by the fix* of the earlier one.
pub(super) const REGRESSION: &[&str] = &[
    "regression",
    "introduced",
    "introduces",
    "caused by",
    "causes",
    "broke",
    "breaks",
    "defect in",
    "bug in",
    "side effect",
    "side-effect",
    "reintroduce",
    "new bug",
    "new failure",
];

/// … a follow-up or narrower remainder.
pub(super) const FOLLOW_UP: &[&str] = &[
    "follow-up",
    "follow up",
    "followup",
    "remainder",
    "narrower",
    "residue",
    "residual",
    "incomplete",
    "only covers",
    "did not cover",
    "does not cover",
    "doesn't cover",
    "missed",
    "misses",
    "left over",
    "leftover",
    "the other half",
];

/// … related but different.
pub(super) const RELATED: &[&str] = &[
    "see also",
    "similar to",
    "related to",
    "related:",
    "analogous",
    "sibling",
    "same area",
    "same pattern",
    "cf.",
    "compare ",
    "distinct from",
    "different from",
    "separate from",
    "unlike",
    "not the same",
    "in addition to",
    "beyond ",
    "parallel to",
];

/// Words right before a reference that make it about the *fix* of that finding: `the fix for
/// round 1 I1`, `the test added for round 1 S4`.
pub(super) const FIX_BEFORE: &[&str] = &[
    "fix for",
    "fix of",
    "fixes for",
    "fixing",
    "fixed",
    "added for",
    "introduced for",
    "change for",
    "patch for",
    "fix to",
    "the other half of",
];

/// … or right after it: `Round 2's S3 fix`, `round 1 I1's fix`.
pub(super) const FIX_AFTER: &[&str] = &["fix", "'s fix", "’s fix", " fix"];

/// Words that say the new finding is a different problem.
pub(super) const DIFFERENT: &[&str] = &[
    "different problem",
    "different defect",
    "different issue",
    "different bug",
    "separate problem",
    "separate issue",
    "another problem",
    "a new problem",
    "not the same",
];

/// Words right before a reference that hold the finding up as a likeness, not as itself
/// (`Documenting as a known trade-off (matching R6-I1) is acceptable`, `the same pattern as
/// round 2's S3`): another finding in the same vein.
const COMPARED: &[&str] = &[
    "matching",
    "similar to",
    "analogous to",
    "same pattern as",
    "same shape as",
    "mirrors",
    "mirroring",
    "like",
    "unlike",
];

/// What an earlier finding asked for, said right after its reference (`Round 4's S6 asked for
/// …`).
const ASKED: &[&str] = &["asked", "requested", "wanted", "called for", "proposed"];

/// An earlier finding told as history, right after its reference: a change to the code its fix
/// made, written as if the finding made it (`Round-4 S2 moved the lock file into …`), or what it
/// named (`Round 1's I2 named `virtualMachine.cpus`. The fix landed …`). Not the words of a
/// reviewer's act (`flagged`, `noted`, `recommended`), nor `covered` (`Round 1's S4 covered the
/// webhook and the renderer; the CLI too …`), which name the finding itself.
const ACTED: &[&str] = &[
    "named ",
    "moved ",
    "added ",
    "replaced ",
    "removed ",
    "renamed ",
    "deleted ",
    "introduced ",
    "extracted ",
    "switched ",
    "hoisted ",
    // `the direct-entry half that round 1's I2 left open`.
    "left ",
];

/// Words that say only a part of something was done.
const PARTLY: &[&str] = &[" only", "in part", "partly", "partially", " half"];

/// The state of an earlier finding said right after its reference: fixed.
const FIXED_STATE: &[&str] = &[
    "stays fixed",
    "remains fixed",
    "is fixed",
    "was fixed",
    "were fixed",
    "is resolved",
    "was resolved",
    "is closed",
];

/// Words that say what an earlier finding asked for was done (`asked for …, and it did`).
const DONE_AS_ASKED: &[&str] = &["and it did", "and they did", "which is what", "and it does"];

/// The relation a reference at `span` of `text` states.
pub(super) fn relation_of(text: &str, span: Range<usize>, sentence: &str) -> Relation {
    let low = sentence.to_lowercase();
    let before = text[floor_char(text, span.start.saturating_sub(40))..span.start].to_lowercase();
    let after_end = floor_char(text, (span.end + 12).min(text.len()));
    let after = text[span.end..after_end].to_lowercase();
    // The words right after the reference, past its closing marks: `'s fix`, `stays fixed`,
    // `asked for`.
    let next = after.trim_start_matches(['*', '`', ')', ' ', ',']);
    let fix_adjacent = ends_with_word(&before, FIX_BEFORE)
        || ends_with_word(&before, CLOSING)
        || FIX_AFTER.iter().any(|w| next.starts_with(w.trim_start())) && !next.starts_with("fixed");
    let strong_persists = PERSISTS
        .iter()
        .any(|w| !STILL.contains(w) && low.contains(w));
    let regression = has_any(&low, REGRESSION);
    // `so round 3's I5 stays fixed`, `which is how round-1 I3 was fixed`: the earlier finding
    // named as fixed, the context of this one. Not when only a part was: `Round 2's I6 was
    // fixed for `rdd svc delete` only` is the same finding, left open elsewhere.
    if FIXED_STATE.iter().any(|w| next.starts_with(w)) && !has_any(&low, PARTLY) {
        return if regression {
            Relation::Regression
        } else {
            Relation::Related
        };
    }
    if fix_adjacent {
        if strong_persists && !regression {
            return Relation::Same;
        }
        if regression {
            return Relation::Regression;
        }
        return Relation::FollowUp;
    }
    // `Round 1 I2's type error is genuinely fixed.`: a finding that says the earlier one was
    // fixed tells it as the context of its own (not when a part was, or something is still).
    // (`unfixed` holds `fixed`: `It is prior round I4, unfixed and now formalized …`.)
    if claim_of(&low.replace("unfixed", "")) == Some(Claim::Fixed)
        && !has_any(&low, STILL)
        && !has_any(&low, PARTLY)
    {
        return if regression {
            Relation::Regression
        } else {
            Relation::FollowUp
        };
    }
    if has_any(
        &before,
        &["half of", "remainder of", "follow-up to", "follow up to"],
    ) {
        return Relation::FollowUp;
    }
    // `Reaching it takes a hand-picked ID, as round-1 S1 did.`: what the earlier one did, held
    // up as a likeness.
    let as_it_did = ends_with_word(&before, &["as"])
        && ["did", "does", "had ", "has "]
            .iter()
            .any(|w| next.starts_with(w));
    if has_any(&low, DIFFERENT) || ends_with_word(&before, COMPARED) || as_it_did {
        return Relation::Related;
    }
    if strong_persists || has_any(&low, STILL) || has_any(&low, DEMOTED) {
        return Relation::Same;
    }
    // `Round 4's S6 asked for …`, `which is what round 3's I3 asked for`, `Round-4 I4 was about
    // …`: the earlier finding told as history, the context of a new one (`already recommended
    // this` names the same one again).
    let told = next.trim_start_matches("already ");
    if told.starts_with("was about") || told.starts_with("were about") {
        return Relation::Related;
    }
    // `Round-4 S2 moved the lock file into …, but this socket stayed a bare literal`: the
    // finding as the doer of a change to the code is its fix, and what this one says came
    // after it.
    if ACTED.iter().any(|w| told.starts_with(w)) {
        return Relation::FollowUp;
    }
    // Only when the words say it was done: `asked for a test …; the fix landed without one` is
    // the same finding, still open.
    if ASKED.iter().any(|w| told.starts_with(w))
        && has_any(&low, DONE_AS_ASKED)
        && !low.contains("already")
    {
        return Relation::FollowUp;
    }
    let near = text[floor_char(text, span.start.saturating_sub(40))..after_end].to_lowercase();
    if near.contains("fix") && regression {
        return Relation::Regression;
    }
    if has_any(&near, FOLLOW_UP) {
        return Relation::FollowUp;
    }
    if has_any(&low, RELATED) {
        return Relation::Related;
    }
    Relation::Same
}

#[cfg(test)]
mod tests;
