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

mod matching;
mod text;
mod words;

use crate::model::{Finding, Review, Status};
use crate::parse::xref;
use crate::rounds::similarity::Prepared;
use matching::*;
use serde::{Deserialize, Serialize};
use text::*;
use words::*;

/// What a text claims happened to an earlier finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Claim {
    Fixed,
    /// Acted on, by a fix or a decline, the words do not say which (`answers every round-5
    /// finding`): never an outcome of its own, only a higher bar for pairing.
    Answered,
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
    /// What is said after "new, related to R2 S3": `(regression from its fix)`; nothing for a
    /// plain relation, whose verb already says it.
    pub fn qualifier(self) -> Option<&'static str> {
        match self {
            Relation::Same | Relation::Related => None,
            r => Some(r.label()),
        }
    }

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
    /// Read from the finding's title line (`(round 5 S10 / round 4 S3 unaddressed)`), where a
    /// consolidator names the finding it carries, rather than from a sentence.
    pub title_line: bool,
}

impl Mention {
    /// Read again knowing that the earlier finding was fixed (its own Resolution says so, or
    /// the later report does): a plain reference to it, with no words saying it persists, is
    /// about that fix — a regression when the sentence says so, else what the fix left (a
    /// follow-up) — not the same finding raised again (`Round 3 S10 tightened the prefix …`,
    /// `the unstaged mirror of Round-1 I1, whose fix covered the staged case only`).
    pub(super) fn reread_as_fixed(&mut self) {
        if self.relation == Relation::Same && !self.explicit && !self.title_line {
            self.relation = if has_any(&self.text.to_lowercase(), REGRESSION) {
                Relation::Regression
            } else {
                Relation::FollowUp
            };
        }
    }
}

/// Everything the two reports say, per finding.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    /// Per earlier finding: the later report's statements about it.
    pub about: Vec<Vec<Statement>>,
    /// Per later finding: its references to earlier findings.
    pub mentions: Vec<Vec<Mention>>,
    /// Per later finding: it says it was raised in the earlier round already, naming no id
    /// (`this drift persisted from Round 1`).
    pub carried: Vec<bool>,
}

/// Read what `later` says about `earlier` (whose round number, as the later report cites it, is
/// `earlier_round`).
pub(super) fn gather(
    (earlier, prepared): (&Review, &Prepared),
    later: &Review,
    (earlier_round, later_round): (u32, u32),
) -> Evidence {
    let mut ev = Evidence {
        about: vec![Vec::new(); earlier.findings.len()],
        mentions: vec![Vec::new(); later.findings.len()],
        carried: later
            .findings
            .iter()
            .map(|f| {
                says_carried_from(&f.title_md, earlier_round)
                    || says_carried_from(&f.body_md, earlier_round)
            })
            .collect(),
    };
    let ef = &earlier.findings;
    // 1. References inside later findings: relations (and, for a sentence that also says the
    //    earlier one is fixed or declined, a statement).
    for (j, f) in later.findings.iter().enumerate() {
        for text in [&f.title_md, &f.body_md] {
            for (id, span) in refs_to(text, earlier_round, later_round) {
                let Some(i) = find_id(ef, &id) else {
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
                        title_line: false,
                    });
                }
            }
        }
    }
    // References the parser read from the title line (`(round 2 S2; first raised as round 1
    // S2)`) that the texts above do not hold, and loose ones (`Round 2 reported this as I3`).
    for (j, f) in later.findings.iter().enumerate() {
        let mut extra: Vec<(usize, String, Relation, bool)> = Vec::new();
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
                        true,
                    ));
                }
            }
        }
        for text in [&f.title_md, &f.body_md] {
            for (id, sentence) in loose_refs(text, earlier_round) {
                if let Some(i) = find_id(ef, &id) {
                    if !ev.mentions[j].iter().any(|m| m.earlier == i) {
                        let rel = claim_free_relation(&sentence);
                        extra.push((i, clean(&sentence), rel, false));
                    }
                }
            }
        }
        for (i, text, relation, title_line) in extra {
            if !ev.mentions[j].iter().any(|m| m.earlier == i) {
                let explicit = has_any(&text.to_lowercase(), PERSISTS);
                ev.mentions[j].push(Mention {
                    relation,
                    earlier: i,
                    text,
                    explicit,
                    title_line,
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
    let earlier = Earlier {
        findings: ef,
        prepared,
    };
    for (place, text) in texts {
        statements_in(
            &mut ev,
            (&earlier, &later.findings),
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

/// The references in `text` (of round `later_round`) to findings of round `earlier_round`, with
/// the byte range of their words, in order: by number (`round 2 I1`) and, when the earlier round
/// is the one just before, by position (`prior I1`, `the previous round's S4`).
fn refs_to(
    text: &str,
    earlier_round: u32,
    later_round: u32,
) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out: Vec<(String, std::ops::Range<usize>)> = xref::cross_ref_spans(text)
        .into_iter()
        .filter(|(r, _)| r.round == Some(earlier_round))
        .map(|(r, span)| (r.id, span))
        .collect();
    if later_round == earlier_round + 1 {
        out.extend(xref::prior_ref_spans(text));
        out.sort_by_key(|(_, span)| span.start);
    }
    out
}

/// `text` with every claim word that also occurs in `title` blanked out (same byte length, so
/// ranges into `text` still hold).
fn mask_title_words(text: &str, title: &str) -> String {
    let title = title.to_ascii_lowercase();
    let low = text.to_ascii_lowercase();
    let mut bytes = text.as_bytes().to_vec();
    for w in [PERSISTS, DROPPED, DEMOTED, DECLINED, FIXED]
        .into_iter()
        .flatten()
        .filter(|w| title.contains(w.trim()))
    {
        for (at, _) in low.match_indices(w) {
            bytes[at..at + w.len()].fill(b' ');
        }
    }
    // Only ASCII words were blanked, each whole: still UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
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
    (earlier, lf): (&Earlier, &[Finding]),
    (round, later_round): (u32, u32),
    place: &str,
    text: &str,
) {
    let ef = earlier.findings;
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
        for (id, span) in refs_to(raw, round, later_round) {
            named = true;
            let Some(i) = find_id(ef, &id) else {
                continue;
            };
            let sentence = sentence_at(raw, span.clone());
            // Claim words the text repeats from the finding's own title (`Prior I2 —
            // startSlowerDesktop dropped a parameter (declined Round 1)`) say nothing of it.
            let masked = mask_title_words(raw, &ef[i].title_md);
            let masked_sentence = sentence_at(&masked, span.clone());
            let claim = claim_at(&masked, span.clone(), &masked_sentence)
                .or_else(|| claim_before(&masked, span.start))
                .or(context);
            if let Some(claim) = claim {
                let claim = if context.is_none() {
                    carried_as(ev, lf, i, claim, &sentence)
                } else {
                    claim
                };
                let quote = excerpt(&sentence, &raw[span.clone()]);
                push(ev, i, claim, Naming::Id, &quote, &heading);
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
        // A group with its exceptions named: `The author addressed every Round 1 finding
        // except the DockerSocket() docstring (prior-round S4), which is now subsumed …`.
        for sentence in sentences(raw) {
            for (i, claim) in group_except(ef, sentence, (round, later_round)) {
                push(ev, i, claim, Naming::Group, sentence, &heading);
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
            if let Some((claim, group, size)) = group_claim(&low, round) {
                let members: Vec<usize> =
                    (0..ef.len()).filter(|&i| group.includes(&ef[i])).collect();
                // `Both Round-2 Important findings (negative cpus, `coerceValue` widening) are
                // fixed` of a round with three: the group does not say which two (the words
                // after it may, below).
                if size.is_none_or(|n| n == members.len()) {
                    for i in members {
                        push(ev, i, claim, Naming::Group, sentence, &heading);
                    }
                    named = true;
                }
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
                    if let Some(i) = match_clause(earlier, clause) {
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
        if let Some(i) = match_item(earlier, raw, about_round) {
            // The heading says what the item is; its words may only say it persists
            // (`Declined in prior rounds` … "Claude raised it again; dropped per the
            // resolutions gate" is still a decline: what was dropped is the re-raise).
            let claim = match claim_of(&low) {
                Some(c) if c == Claim::Persists || claim != Claim::Declined => c,
                _ => claim,
            };
            push(ev, i, claim, Naming::Title, raw, &heading);
        }
    }
}

/// The members of a group claim whose exceptions are named by id (`every Round 1 finding
/// except … (prior-round S4)`), with the claim the words before `except` make: every member
/// but those named. Nothing when no id is named after `except` (then which ones is unknown).
fn group_except(
    ef: &[Finding],
    sentence: &str,
    (round, later_round): (u32, u32),
) -> Vec<(usize, Claim)> {
    let low = sentence.to_lowercase();
    let Some(at) = low.find(" except ") else {
        return Vec::new();
    };
    if !names_round(&low[..at], round) {
        return Vec::new();
    }
    let Some((claim, group, _)) = group_claim(&low[..at], round) else {
        return Vec::new();
    };
    let tail = &sentence[floor_char(sentence, at)..];
    let excepted: Vec<usize> = refs_to(tail, round, later_round)
        .into_iter()
        .filter_map(|(id, _)| find_id(ef, &id))
        .collect();
    if excepted.is_empty() {
        return Vec::new();
    }
    (0..ef.len())
        .filter(|i| group.includes(&ef[*i]) && !excepted.contains(i))
        .map(|i| (i, claim))
        .collect()
}

/// A statement about earlier finding `i` that also names one later finding by its bare id
/// (`Round 2's I1 was deferred …, so a file … still never syncs again (I1)`, `re-raised as S3`)
/// says the two are the same: record that as a reference from the later finding, and read a
/// "declined" or "still" claim as *persists*. Fixed and dropped claims stay as they are.
fn carried_as(ev: &mut Evidence, lf: &[Finding], i: usize, claim: Claim, sentence: &str) -> Claim {
    if matches!(claim, Claim::Fixed | Claim::Answered | Claim::Dropped) {
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
            title_line: false,
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
        Status::Resolved if acknowledged_only(f) || not_done(f) => {
            Some((Claim::Declined, words("Commented")))
        }
        Status::Resolved => Some((Claim::Fixed, words("Fixed"))),
        Status::Declined => Some((Claim::Declined, words("Declined"))),
        Status::Deferred => Some((Claim::Declined, words("Deferred"))),
        Status::Dropped => Some((Claim::Dropped, words("Dropped"))),
        Status::Open | Status::Demoted => None,
    }
}

/// A resolution other than `Fixed` whose note says the work is not done: `Documentation
/// updated: New PR description drafted …; push deferred per author`.
fn not_done(f: &Finding) -> bool {
    f.status_note.as_deref().is_some_and(|n| {
        let low = n.trim_start().to_ascii_lowercase();
        !low.starts_with("fixed") && (low.contains("deferred") || low.contains("drafted"))
    })
}

/// A resolution that only answered the finding with a comment.
pub(super) fn acknowledged_only(f: &Finding) -> bool {
    f.status_note
        .as_deref()
        .is_some_and(|n| n.trim_start().to_ascii_lowercase().starts_with("commented"))
}
