//! What the text of two rounds says about the earlier round's findings, beyond similarity
//! (DESIGN.md §3, "evidence, strongest first"):
//!
//! - **statements** of the later report about an earlier finding, read from its executive
//!   summary, sections (Prior-Round Fixes Verified, Acknowledged Limitations › Declined in prior
//!   rounds, Status, …), strengths and notes: *verified fixed*, *declined / carried as a
//!   limitation*, *still open*, *demoted*, *dropped*. A statement names the finding by its id
//!   (`round 1 S5 declined`), by a group (`round 1's three Important findings are all
//!   addressed`, `all Round 1 fixes verify`), or, in a list item without an id, by its title
//!   (`- **ParseOpenSSHVersion regex precision** — declined …`);
//! - **mentions**: each reference a later finding makes to an earlier one, with the relation its
//!   words state — the same finding (`(round 2 I1 unaddressed)`), caused by the fix of it
//!   (`regression introduced by Round 2's S3 fix`), a follow-up or narrower remainder of it, or
//!   merely related (`similar to round 1 S2`);
//! - the earlier report's **own** resolution of each finding (Resolution table row, struck
//!   `FIXED`, `**Fixed.**` / `**Skipped.**`), which the parser already turned into a status and
//!   a note whose first words are the action as written (`Commented: …`).
//!
//! Word lists, not a grammar: each is small and named, and the sentence that gave a claim is kept
//! as the evidence a user reads, so a wrong reading can be seen and overridden by hand.

use super::similarity;
use crate::model::{Finding, Location, Review, Severity, Status};
use crate::parse::xref;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What a text claims happened to an earlier finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    Fixed,
    Declined,
    Persists,
    Demoted,
    Dropped,
}

/// How a later finding's reference relates it to the earlier finding it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The same finding, raised again (`(round 2 I1 unaddressed)`, `re-raise of round 1 S2`).
    Same,
    /// Caused by the fix of the earlier finding (`regression introduced by Round 2's S3 fix`).
    Regression,
    /// A follow-up or narrower remainder of the earlier finding.
    FollowUp,
    /// The same area, a different defect (`similar to round 1 S2`).
    Related,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Regression => "regression",
            Relation::FollowUp => "follow_up",
            Relation::Related => "related",
        }
    }

    /// As shown after "new, …": `regression from its fix`.
    pub fn label(self) -> &'static str {
        match self {
            Relation::Same => "same finding",
            Relation::Regression => "regression from its fix",
            Relation::FollowUp => "follow-up",
            Relation::Related => "related",
        }
    }

    pub fn parse(s: &str) -> Option<Relation> {
        match s.trim().to_ascii_lowercase().replace('-', "_").as_str() {
            "same" => Some(Relation::Same),
            "regression" => Some(Relation::Regression),
            "follow_up" | "followup" => Some(Relation::FollowUp),
            "related" => Some(Relation::Related),
            _ => None,
        }
    }
}

/// How a statement names the earlier finding; explicit ids are the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Naming {
    /// `round 1 S5`.
    Id,
    /// A list item whose title matches the finding's.
    Title,
    /// `round 1's Important findings`, `all Round 1 fixes`.
    Group,
}

/// One statement of the later report about an earlier finding.
#[derive(Debug, Clone)]
pub(super) struct Statement {
    pub claim: Claim,
    pub naming: Naming,
    /// The sentence, trimmed, as the evidence shown to a user.
    pub text: String,
    /// Where it was read: `Executive Summary`, `Declined in prior rounds`, `finding S3`.
    pub place: String,
}

/// A reference from a later finding to an earlier one.
#[derive(Debug, Clone)]
pub(super) struct Mention {
    pub relation: Relation,
    /// Index into the earlier round's findings.
    pub earlier: usize,
    pub text: String,
    /// Says so in so many words (`unaddressed`, `re-raise of`, `still`): a `same` reference
    /// that is not read as a possible mis-citation however little the texts share.
    pub explicit: bool,
}

/// Everything the two reports say, per finding.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    /// Per earlier finding: the later report's statements about it.
    pub about: Vec<Vec<Statement>>,
    /// Per later finding: its references to earlier findings.
    pub mentions: Vec<Vec<Mention>>,
}

/// Read what `later` says about `earlier` (whose round number, as the later report cites it, is
/// `earlier_round`).
pub(super) fn gather(
    earlier: &Review,
    later: &Review,
    (earlier_round, later_round): (u32, u32),
) -> Evidence {
    let mut ev = Evidence {
        about: vec![Vec::new(); earlier.findings.len()],
        mentions: vec![Vec::new(); later.findings.len()],
    };
    let ef = &earlier.findings;
    // 1. References inside later findings: relations (and, for a sentence that also says the
    //    earlier one is fixed or declined, a statement).
    for (j, f) in later.findings.iter().enumerate() {
        for text in [&f.title_md, &f.body_md] {
            for (r, span) in xref::cross_ref_spans(text) {
                if r.round != Some(earlier_round) {
                    continue;
                }
                let Some(i) = find_id(ef, &r.id) else {
                    continue;
                };
                let sentence = sentence_at(text, span.clone());
                let relation = relation_of(text, span, &sentence);
                if !ev.mentions[j]
                    .iter()
                    .any(|m| m.earlier == i && m.relation == relation)
                {
                    let low = sentence.to_lowercase();
                    ev.mentions[j].push(Mention {
                        relation,
                        earlier: i,
                        text: clean(&sentence),
                        explicit: has_any(&low, PERSISTS) || has_any(&low, DEMOTED),
                    });
                }
            }
        }
    }
    // References the parser read from the title line (`(round 2 S2; first raised as round 1
    // S2)`) that the texts above do not hold, and loose ones (`Round 2 reported this as I3`).
    for (j, f) in later.findings.iter().enumerate() {
        let mut extra: Vec<(usize, String, Relation)> = Vec::new();
        for r in &f.refs {
            if r.round != Some(earlier_round) {
                continue;
            }
            if let Some(i) = find_id(ef, &r.id) {
                if !ev.mentions[j].iter().any(|m| m.earlier == i) {
                    extra.push((
                        i,
                        format!("title line: round {earlier_round} {}", r.id),
                        Relation::Same,
                    ));
                }
            }
        }
        for text in [&f.title_md, &f.body_md] {
            for (id, sentence) in loose_refs(text, earlier_round) {
                if let Some(i) = find_id(ef, &id) {
                    if !ev.mentions[j].iter().any(|m| m.earlier == i) {
                        let rel = claim_free_relation(&sentence);
                        extra.push((i, clean(&sentence), rel));
                    }
                }
            }
        }
        for (i, text, relation) in extra {
            if !ev.mentions[j].iter().any(|m| m.earlier == i) {
                let explicit = has_any(&text.to_lowercase(), PERSISTS);
                ev.mentions[j].push(Mention {
                    relation,
                    earlier: i,
                    text,
                    explicit,
                });
            }
        }
    }
    // 2. Statements in the later report's prose.
    let mut texts: Vec<(String, &str)> = vec![("Executive Summary".into(), &later.summary_md)];
    for s in &later.sections {
        if s.id == "resolution" {
            continue; // the later round's own Resolution speaks of its own findings
        }
        texts.push((s.heading.clone(), &s.body_md));
    }
    for s in &later.strengths {
        texts.push(("Strengths".into(), &s.text_md));
    }
    texts.push(("Review Process Notes".into(), &later.process_notes_md));
    for (place, text) in texts {
        statements_in(
            &mut ev,
            (ef, &later.findings),
            (earlier_round, later_round),
            &place,
            text,
        );
    }
    ev
}

/// `Round 2 reported the inotify load as I3`, `the author fixed round 1's blocking fan-out (C1)`:
/// a round named without an id right after it, and a few words on `as ID` or `(ID)` (before any
/// other round or id). Returns each id with its sentence.
fn loose_refs(text: &str, round: u32) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !text.to_ascii_lowercase().contains("round") {
        return out;
    }
    let num = round.to_string();
    let is_id = |t: &str| {
        t.len() >= 2
            && matches!(t.as_bytes()[0], b'C' | b'I' | b'S' | b'D')
            && t[1..].bytes().all(|b| b.is_ascii_digit())
    };
    for sentence in sentences(text) {
        let low = sentence.to_lowercase();
        if !names_round(&low, round) {
            continue;
        }
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for k in 0..words.len() {
            let lw = words[k].to_lowercase();
            // `round 1`, `round 1's`, `round-1`.
            let n = if lw == "round" {
                words.get(k + 1).map(|w| w.to_lowercase())
            } else {
                lw.strip_prefix("round-").map(str::to_string)
            };
            let Some(n) = n else { continue };
            let n = n.trim_end_matches(['\'', '’', 's', ',', '.', ':', ';', ')']);
            if n != num {
                continue;
            }
            let start = if lw == "round" { k + 2 } else { k + 1 };
            // An id right after the round is an explicit reference (read elsewhere).
            if words
                .get(start)
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .is_some_and(|t| {
                    is_id(t)
                        || ["critical", "important", "suggestion"]
                            .contains(&t.to_lowercase().as_str())
                })
            {
                continue;
            }
            for d in start..(start + 10).min(words.len()) {
                let x = words[d];
                let t = x.trim_matches(|c: char| !c.is_alphanumeric());
                if t.eq_ignore_ascii_case("round") {
                    break;
                }
                let prev = words[d - 1].to_lowercase();
                if is_id(t) {
                    if prev == "as" || x.starts_with('(') {
                        out.push((t.to_string(), sentence.to_string()));
                    }
                    break;
                }
            }
        }
    }
    out
}

/// The relation of a loose reference: the same finding unless its words say otherwise.
fn claim_free_relation(sentence: &str) -> Relation {
    let low = sentence.to_lowercase();
    if has_any(&low, DIFFERENT) {
        Relation::Related
    } else {
        Relation::Same
    }
}

/// The earlier finding with this id (case-insensitive).
fn find_id(findings: &[Finding], id: &str) -> Option<usize> {
    findings.iter().position(|e| e.id.eq_ignore_ascii_case(id))
}

/// Statements in one text of the later report. A text is read item by item (paragraphs and
/// list items); within an item, the sentence around each mention decides its claim. Nested
/// headings inside a section body (`### Declined in prior rounds`) set the context of the items
/// below them.
fn statements_in(
    ev: &mut Evidence,
    (ef, lf): (&[Finding], &[Finding]),
    (round, later_round): (u32, u32),
    place: &str,
    text: &str,
) {
    let mut heading = place.to_string();
    for item in items(text) {
        let raw = &text[item.clone()];
        let trimmed = raw.trim_start();
        if trimmed.starts_with('#') {
            heading = trimmed.trim_start_matches('#').trim().to_string();
            continue;
        }
        let context = heading_claim(&heading);
        let mut named = false;
        for (r, span) in xref::cross_ref_spans(raw) {
            if r.round != Some(round) {
                continue;
            }
            named = true;
            let Some(i) = find_id(ef, &r.id) else {
                continue;
            };
            let sentence = sentence_at(raw, span.clone());
            let claim = claim_of(&sentence.to_lowercase())
                .or_else(|| claim_before(raw, span.start))
                .or(context);
            if let Some(claim) = claim {
                let claim = if context.is_none() {
                    carried_as(ev, lf, i, claim, &sentence)
                } else {
                    claim
                };
                push(ev, i, claim, Naming::Id, &sentence, &heading);
            }
        }
        // `round 1's blocking fan-out (C1)`, `Round 2 reported the inotify load as I3`.
        for (id, sentence) in loose_refs(raw, round) {
            let Some(i) = find_id(ef, &id) else {
                continue;
            };
            named = true;
            if let Some(claim) = claim_of(&sentence.to_lowercase()).or(context) {
                push(ev, i, claim, Naming::Id, &sentence, &heading);
            }
        }
        if named {
            continue;
        }
        // A group: `round 1's three Important findings … are all addressed`.
        for sentence in sentences(raw) {
            let low = sentence.to_lowercase();
            if !names_round(&low, round) {
                continue;
            }
            if let Some((claim, group)) = group_claim(&low) {
                for (i, e) in ef.iter().enumerate() {
                    if group.includes(e) {
                        push(ev, i, claim, Naming::Group, sentence, &heading);
                    }
                }
                named = true;
            }
        }
        if named {
            continue;
        }
        // A summary sentence that says fixes landed, naming them in words only (`Encoder reuse,
        // the journalPerm constant and the docs fix landed in a follow-up commit`): each
        // clause that clearly describes one earlier finding (shared code symbols or close
        // wording, well ahead of the next) says that finding is fixed.
        if paraphrase_place(&heading) {
            for sentence in sentences(raw) {
                let low = sentence.to_lowercase();
                if claim_of(&low) != Some(Claim::Fixed)
                    || names_other_round(&low, round, later_round)
                {
                    continue;
                }
                for clause in clauses(sentence) {
                    if let Some(i) = match_clause(ef, clause) {
                        push(ev, i, Claim::Fixed, Naming::Title, sentence, &heading);
                    }
                }
            }
        }
        // A list item without an id in a section about earlier rounds: match it by its title.
        let Some(claim) = context else { continue };
        if !is_list_item(trimmed) {
            continue;
        }
        let low = raw.to_lowercase();
        let about_round = names_round(&low, round)
            || low.contains("prior round")
            || low.contains("previous round")
            || heading.to_lowercase().contains("prior")
            || heading.to_lowercase().contains("previous");
        if let Some(i) = match_item(ef, raw, about_round) {
            let claim = claim_of(&low).unwrap_or(claim);
            push(ev, i, claim, Naming::Title, raw, &heading);
        }
    }
}

/// A statement about earlier finding `i` that also names one later finding by its bare id
/// (`Round 2's I1 was deferred …, so a file … still never syncs again (I1)`, `re-raised as S3`)
/// says the two are the same: record that as a reference from the later finding, and read a
/// "declined" or "still" claim as *persists*. Fixed and dropped claims stay as they are.
fn carried_as(ev: &mut Evidence, lf: &[Finding], i: usize, claim: Claim, sentence: &str) -> Claim {
    if matches!(claim, Claim::Fixed | Claim::Dropped) {
        return claim;
    }
    // Only a later id written as `(I1)`, `as I1` or `now I1` names the same finding.
    let carried = |id: &str| {
        sentence.contains(&format!("({id})"))
            || [" as ", " now "]
                .iter()
                .any(|w| sentence.contains(&format!("{w}{id}")))
    };
    let local: Vec<usize> = xref::local_refs(sentence)
        .iter()
        .filter(|r| carried(&r.id))
        .filter_map(|r| find_id(lf, &r.id))
        .collect();
    let [j] = local.as_slice() else {
        return claim;
    };
    let text = clean(sentence);
    if !ev.mentions[*j].iter().any(|m| m.earlier == i) {
        ev.mentions[*j].push(Mention {
            relation: Relation::Same,
            earlier: i,
            text,
            explicit: true,
        });
    }
    match claim {
        Claim::Declined => Claim::Persists,
        c => c,
    }
}

/// The claim of the nearest sentence before byte `at` of an item that makes one (`Round 2's
/// cookie regression is fixed properly … The drop path has a test (Round 2's I4)`): a list of
/// what was done continues the sentence that said it was done. Only *fixed* carries over.
fn claim_before(item: &str, at: usize) -> Option<Claim> {
    let before: Vec<&str> = sentences(item)
        .into_iter()
        .filter(|s| (s.as_ptr() as usize - item.as_ptr() as usize) + s.len() <= at)
        .collect();
    before
        .iter()
        .rev()
        .find_map(|s| claim_of(&s.to_lowercase()))
        .filter(|c| *c == Claim::Fixed)
}

fn push(ev: &mut Evidence, i: usize, claim: Claim, naming: Naming, text: &str, place: &str) {
    let text = clean(text);
    let list = &mut ev.about[i];
    if !list.iter().any(|s| s.claim == claim && s.text == text) {
        list.push(Statement {
            claim,
            naming,
            text,
            place: place.to_string(),
        });
    }
}

/// The byte ranges of a Markdown text's items: paragraphs, list items and heading lines.
fn items(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let mut fence = false;
    for line in text.split_inclusive('\n') {
        let here = pos;
        pos += line.len();
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = !fence;
            if let Some(s) = start.take() {
                out.push(s..here);
            }
            continue;
        }
        if fence {
            continue;
        }
        let blank = t.trim().is_empty();
        let opens = t.starts_with('#') || is_list_item(t) || t.starts_with('|');
        if blank || (opens && line.len() - t.len() < 2) {
            if let Some(s) = start.take() {
                out.push(s..here);
            }
        }
        if !blank && start.is_none() {
            start = Some(here);
        }
        if t.starts_with('#') {
            if let Some(s) = start.take() {
                out.push(s..pos);
            }
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

fn is_list_item(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// Sentences of an item: split after `.`, `!`, `?` or `;` followed by a space and not inside a
/// code span.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut code = false;
    for i in 0..b.len() {
        match b[i] {
            b'`' => code = !code,
            b'.' | b'!' | b'?' | b';' if !code => {
                let next = b.get(i + 1).copied();
                if matches!(next, Some(b' ' | b'\n') | None) && !abbreviation(&text[start..i]) {
                    out.push(&text[start..=i]);
                    start = i + 1;
                }
            }
            _ => {}
        }
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// `e.g.`, `i.e.`, `vs.`, `cf.` end no sentence.
fn abbreviation(before: &str) -> bool {
    let low = before.to_ascii_lowercase();
    ["e.g", "i.e", " vs", " cf", "etc"]
        .iter()
        .any(|a| low.ends_with(a))
}

/// The sentence of `text` that holds `span`.
fn sentence_at(text: &str, span: Range<usize>) -> String {
    let mut at = 0;
    for s in sentences(text) {
        let start = s.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + s.len();
        if span.start >= start && span.start < end {
            return s.to_string();
        }
        at = end;
    }
    text.get(span.start.min(at)..).unwrap_or("").to_string()
}

/// Collapse whitespace and Markdown emphasis for display; at most 300 characters. Quoted code
/// before the words (a fenced block the sentence runs on from) is dropped.
fn clean(s: &str) -> String {
    let s = match s.rsplit_once("```") {
        Some((before, after)) if before.matches("```").count() % 2 == 1 => after,
        _ => s,
    };
    let flat: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "");
    let flat = flat.trim_start_matches(['-', '*', '+', ' ']).trim();
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(297).collect();
        format!("{cut}…")
    } else {
        flat.to_string()
    }
}

/// Words that say an earlier finding is still there. Checked first: `unaddressed` contains
/// `addressed`.
const PERSISTS: &[&str] = &[
    "unaddressed",
    "not addressed",
    "not been addressed",
    "not yet addressed",
    "not fixed",
    "not been fixed",
    "isn't fixed",
    "unfixed",
    "still ",
    "remains",
    "persists",
    "persisting",
    "re-raise",
    "reraise",
    "raised again",
    "unchanged",
    "not resolved",
    "unresolved",
    "partially addressed",
    "partially fixed",
    "only partially",
    "carried over as",
    "carries over as",
    "carried forward as",
];
const DROPPED: &[&str] = &[
    "dropped",
    "withdrawn",
    "retracted",
    "false positive",
    "false-positive",
    "not a real",
    "invalid",
];
const DEMOTED: &[&str] = &[
    "demoted",
    "downgraded",
    "downgrade",
    "reclassified",
    "moved to design",
    "now a design observation",
    "to design observations",
];
const DECLINED: &[&str] = &[
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
const FIXED: &[&str] = &[
    "verified",
    "verify",
    "addresses",
    "verifies",
    "addressed",
    "fixed",
    "resolved",
    "checks out",
    "check out",
    "landed",
    "is gone",
    "are gone",
    "no longer",
    "closed",
    "fix holds",
    "fixes hold",
];

fn has_any(s: &str, words: &[&str]) -> bool {
    words.iter().any(|w| s.contains(w))
}

/// Words that say "still" without saying what: `still deferred` is declined, `still open`
/// persists.
const STILL: &[&str] = &["still ", "remains", "unchanged"];

/// The claim a lower-case sentence makes about what it names.
fn claim_of(s: &str) -> Option<Claim> {
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
    } else if has_any(s, FIXED) {
        Some(Claim::Fixed)
    } else {
        None
    }
}

/// The claim a heading gives the items under it: `Prior-Round Fixes Verified` → fixed,
/// `Declined in prior rounds` / `Acknowledged Limitations` → declined.
fn heading_claim(h: &str) -> Option<Claim> {
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
fn names_round(low: &str, n: u32) -> bool {
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
enum Group {
    All,
    Severity(Severity),
    /// `fixes`: the findings the earlier round's own resolution marks fixed.
    Fixes,
}

impl Group {
    fn includes(self, f: &Finding) -> bool {
        match self {
            Group::All => true,
            Group::Severity(s) => f.severity == s,
            Group::Fixes => f.status == Status::Resolved && !acknowledged_only(f),
        }
    }
}

/// A claim about a whole group (`round 1's three Important findings … are all addressed`,
/// `all Round 1 fixes verify`, `both criticals from round 1 are fixed`): a quantifier followed,
/// within a few words, by the group's noun; nothing that says only some of them.
fn group_claim(low: &str) -> Option<(Claim, Group)> {
    const ALL: &[&str] = &[
        "all", "both", "every", "each", "two", "three", "four", "five", "six", "seven", "eight",
        "nine", "ten",
    ];
    const SOME: &[&str] = &["most ", "some ", "several ", "mostly", "except", " but "];
    if has_any(low, SOME) {
        return None;
    }
    let words: Vec<&str> = low
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut group = None;
    for (k, w) in words.iter().enumerate() {
        if !ALL.contains(w) {
            continue;
        }
        for x in words.iter().skip(k + 1).take(5) {
            let g = match x.trim_end_matches("'s") {
                "fixes" => Some(Group::Fixes),
                "findings" | "finding" | "issues" => Some(Group::All),
                "critical" | "criticals" => Some(Group::Severity(Severity::Critical)),
                "important" | "importants" => Some(Group::Severity(Severity::Important)),
                "suggestion" | "suggestions" => Some(Group::Severity(Severity::Suggestion)),
                "observations" => Some(Group::Severity(Severity::Design)),
                _ => None,
            };
            if g.is_some() {
                group = g;
                break;
            }
        }
        if group.is_some() {
            break;
        }
    }
    let group = group?;
    let claim = claim_of(low)?;
    if claim == Claim::Persists || (matches!(group, Group::Fixes) && claim != Claim::Fixed) {
        return None;
    }
    Some((claim, group))
}

/// Where a later report sums up what was fixed: its executive summary, strengths, and
/// sections about verification or status.
fn paraphrase_place(heading: &str) -> bool {
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
fn names_other_round(low: &str, n: u32, later: u32) -> bool {
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

/// The clauses of a sentence that lists things: split at `,`, `;`, ` and `, ` — `.
fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = vec![sentence];
    for sep in [";", ", ", " and ", " — ", " – "] {
        out = out
            .into_iter()
            .flat_map(|c| c.split(sep))
            .filter(|c| c.split_whitespace().count() >= 2)
            .collect();
    }
    out
}

/// The earlier finding a clause describes, when that is clear: it shares a code symbol or
/// close wording with the finding's title, scores well ahead of every other finding, and above
/// a bar set so that a clause about something else names nothing.
fn match_clause(ef: &[Finding], clause: &str) -> Option<usize> {
    let low = clause.to_lowercase();
    let negated = [
        " not ",
        "n't ",
        "still",
        "missing",
        "remain",
        "unresolved",
        "open",
    ]
    .iter()
    .any(|w| low.contains(w));
    if ef.is_empty() || clause.split_whitespace().count() < 3 || negated {
        return None;
    }
    let probe = Finding {
        id: "X1".into(),
        severity: Severity::Suggestion,
        title: clause.replace('`', ""),
        title_md: clause.to_string(),
        kinds: vec![],
        locations: vec![],
        agents: vec![],
        status: Status::Open,
        status_note: None,
        refs: vec![],
        body_md: String::new(),
        line: 0,
    };
    let scores = similarity::score_all(ef, std::slice::from_ref(&probe));
    // A clause has no body: its title words (rarity-weighted Dice), how much of each title the
    // other mentions, and shared code symbols.
    let key = |i: usize| {
        let x = scores.explain(i, 0, similarity::MatchVia::Similarity);
        (x.title.max(x.cross) + x.symbols) / 2.0 + x.title.min(x.cross) / 4.0
    };
    let mut best = (0usize, 0f32);
    let mut second = 0f32;
    for i in 0..ef.len() {
        let x = key(i);
        if x > best.1 {
            second = best.1;
            best = (i, x);
        } else if x > second {
            second = x;
        }
    }
    (best.1 >= 0.36 && best.1 >= second * 1.6).then_some(best.0)
}

/// The earlier finding a list item without an id is about, by title and locations: the best
/// match when it is clear (well above the rest and above a bar; a lower bar when the item says
/// it is about that round).
fn match_item(ef: &[Finding], item: &str, about_round: bool) -> Option<usize> {
    if ef.is_empty() {
        return None;
    }
    let t = item.trim_start().trim_start_matches(['-', '*', '+', ' ']);
    // The lead: a bold span, else up to ` — ` / `:`.
    let (title, body) = match t.strip_prefix("**").and_then(|r| r.split_once("**")) {
        Some((title, rest)) => (title.to_string(), rest.to_string()),
        None => match t.split_once(" — ").or_else(|| t.split_once(": ")) {
            Some((a, b)) => (a.to_string(), b.to_string()),
            None => (t.to_string(), String::new()),
        },
    };
    let locations: Vec<Location> = code_spans(t)
        .filter(|c| c.contains('/') || c.contains('.'))
        .map(|c| {
            let path = c.split(':').next().unwrap_or(c).to_string();
            Location {
                path,
                start_line: None,
                end_line: None,
                text: c.to_string(),
            }
        })
        .collect();
    let probe = Finding {
        id: "X1".into(),
        severity: Severity::Suggestion,
        title: title.replace('`', ""),
        title_md: title,
        kinds: vec![],
        locations,
        agents: vec![],
        status: Status::Open,
        status_note: None,
        refs: vec![],
        body_md: body,
        line: 0,
    };
    let scores = similarity::score_all(ef, std::slice::from_ref(&probe));
    let mut best = (0usize, 0f32);
    let mut second = 0f32;
    for i in 0..ef.len() {
        let s = scores.score[i];
        if s > best.1 {
            second = best.1;
            best = (i, s);
        } else if s > second {
            second = s;
        }
    }
    let bar = if about_round { 0.3 } else { 0.45 };
    (best.1 >= bar && best.1 >= second + 0.08).then_some(best.0)
}

/// The contents of the `` `code` `` spans of a text.
fn code_spans(t: &str) -> impl Iterator<Item = &str> {
    t.split('`').skip(1).step_by(2).filter(|c| !c.is_empty())
}

/// Words near a reference that say the later finding is *caused by the fix* of the earlier one.
const REGRESSION: &[&str] = &[
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
const FOLLOW_UP: &[&str] = &[
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
const RELATED: &[&str] = &[
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
const FIX_BEFORE: &[&str] = &[
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
const FIX_AFTER: &[&str] = &["fix", "'s fix", "’s fix", " fix"];
/// Words that say the new finding is a different problem.
const DIFFERENT: &[&str] = &[
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

/// The relation a reference at `span` of `text` states.
fn relation_of(text: &str, span: Range<usize>, sentence: &str) -> Relation {
    let low = sentence.to_lowercase();
    let before = text[floor_char(text, span.start.saturating_sub(40))..span.start].to_lowercase();
    let after_end = floor_char(text, (span.end + 12).min(text.len()));
    let after = text[span.end..after_end].to_lowercase();
    let fix_adjacent = FIX_BEFORE.iter().any(|w| before.trim_end().ends_with(w))
        || FIX_AFTER.iter().any(|w| {
            after
                .trim_start_matches(['*', '`', ')', ' '])
                .starts_with(w.trim_start())
        }) && !after
            .trim_start_matches(['*', '`', ')', ' '])
            .starts_with("fixed");
    let strong_persists = PERSISTS
        .iter()
        .any(|w| !STILL.contains(w) && low.contains(w));
    if fix_adjacent {
        if strong_persists && !has_any(&low, REGRESSION) {
            return Relation::Same;
        }
        if has_any(&low, REGRESSION) {
            return Relation::Regression;
        }
        return Relation::FollowUp;
    }
    if has_any(
        &before,
        &[
            "other half of",
            "remainder of",
            "follow-up to",
            "follow up to",
        ],
    ) {
        return Relation::FollowUp;
    }
    if has_any(&low, DIFFERENT) {
        return Relation::Related;
    }
    if strong_persists || has_any(&low, STILL) || has_any(&low, DEMOTED) {
        return Relation::Same;
    }
    let near = text[floor_char(text, span.start.saturating_sub(40))..after_end].to_lowercase();
    if near.contains("fix") && has_any(&low, REGRESSION) {
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

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The earlier report's own resolution of a finding, as a claim with its words: the parser's
/// status and the action as written (`Commented` is an acknowledgement, not a fix).
pub(super) fn own_claim(f: &Finding) -> Option<(Claim, String)> {
    let note = f.status_note.clone().unwrap_or_default();
    let words = |default: &str| {
        if note.is_empty() {
            default.to_string()
        } else {
            note.clone()
        }
    };
    match f.status {
        Status::Resolved if acknowledged_only(f) => Some((Claim::Declined, words("Commented"))),
        Status::Resolved => Some((Claim::Fixed, words("Fixed"))),
        Status::Declined => Some((Claim::Declined, words("Declined"))),
        Status::Deferred => Some((Claim::Declined, words("Deferred"))),
        Status::Dropped => Some((Claim::Dropped, words("Dropped"))),
        Status::Open | Status::Demoted => None,
    }
}

/// A resolution that only answered the finding with a comment.
fn acknowledged_only(f: &Finding) -> bool {
    f.status_note
        .as_deref()
        .is_some_and(|n| n.trim_start().to_ascii_lowercase().starts_with("commented"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(text: &str) -> Relation {
        let (_, span) = xref::cross_ref_spans(text).into_iter().next().unwrap();
        let sentence = sentence_at(text, span.clone());
        relation_of(text, span, &sentence)
    }

    #[test]
    fn relations_read_from_the_words_around_a_reference() {
        assert_eq!(
            rel("This is a regression introduced by Round 2's S3 fix: the cache now …"),
            Relation::Regression
        );
        assert_eq!(
            rel("A defect in the fix for R4 S6 leaves the lock held."),
            Relation::Regression
        );
        assert_eq!(rel("(round 2 I1 unaddressed)"), Relation::Same);
        assert_eq!(rel("Re-raise of round 1 S2."), Relation::Same);
        assert_eq!(
            rel("The fix for round 1 I3 only covers the reader; the writer is the remainder."),
            Relation::FollowUp
        );
        assert_eq!(
            rel("Similar to round 1 S2, but in the uploader."),
            Relation::Related
        );
        assert_eq!(
            rel("Round 1's S4 already recommended this."),
            Relation::Same
        );
    }

    #[test]
    fn claims_and_headings() {
        assert_eq!(
            claim_of("round 1 s5 (4-part version banners) declined as speculative."),
            Some(Claim::Declined)
        );
        assert_eq!(
            claim_of("round 1 i2 is unaddressed."),
            Some(Claim::Persists)
        );
        assert_eq!(
            claim_of("round 1's i1 is verified fixed."),
            Some(Claim::Fixed)
        );
        assert_eq!(
            claim_of("round 2 i3 was demoted to design observations."),
            Some(Claim::Demoted)
        );
        assert_eq!(
            heading_claim("Prior-Round Fixes Verified"),
            Some(Claim::Fixed)
        );
        assert_eq!(
            heading_claim("Declined in prior rounds"),
            Some(Claim::Declined)
        );
        assert_eq!(heading_claim("Testing Assessment"), None);
    }

    #[test]
    fn group_claims_need_all_of_a_group() {
        let low = "this is round 2 — round 1's three important findings (cygpath, qemu, gzip) are all addressed in the current head.";
        assert!(names_round(low, 1));
        assert!(!names_round(low, 3));
        assert!(matches!(
            group_claim(low),
            Some((Claim::Fixed, Group::Severity(Severity::Important)))
        ));
        assert!(matches!(
            group_claim("all round 1 fixes verify."),
            Some((Claim::Fixed, Group::Fixes))
        ));
        assert!(group_claim("most round 1 findings are addressed.").is_none());
    }

    #[test]
    fn items_split_paragraphs_list_items_and_headings() {
        let t = "Intro line\ncontinued.\n\n### Declined in prior rounds\n\n- **A** — round 1 S5\n  declined.\n- **B** — carried.\n";
        let got: Vec<&str> = items(t).into_iter().map(|r| t[r].trim()).collect();
        assert_eq!(
            got,
            vec![
                "Intro line\ncontinued.",
                "### Declined in prior rounds",
                "- **A** — round 1 S5\n  declined.",
                "- **B** — carried."
            ]
        );
    }
}
