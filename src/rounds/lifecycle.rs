//! Threads of rounds: each finding followed across every round (its lifecycle, with the
//! outcome after its last appearance) and per-agent figures, from the diffs of consecutive
//! rounds.

use super::diff::{
    diff_hinted, diff_with, outcome_of, Hints, Outcome, Overrides, RoundDiff, RoundInfo, Side,
    TUNING,
};
use super::evidence::own_claim;
use super::thread::{effective_rounds, group_threads, ThreadKey};
use crate::model::{family_of, Review, Severity, Status};
use crate::parse::xref;
use serde::{Deserialize, Serialize};

/// One appearance of a finding in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// Index into [`ThreadReport::rounds`].
    pub round: usize,
    /// Position in that report's `findings`.
    pub index: usize,
    pub id: String,
    pub severity: Severity,
    pub status: Status,
    pub title: String,
    pub agents: Vec<String>,
}

/// One finding followed across the rounds of a thread.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Lifecycle {
    /// Index into [`ThreadReport::rounds`] of the round where it was first raised.
    pub first_round: usize,
    /// Every round it was raised in, in order (a round may be skipped when a later round
    /// re-raises it by cross-reference, `round 1 I4 deferred`).
    pub appearances: Vec<Appearance>,
    /// What happened after its last appearance: the outcome in the next round's diff; for a
    /// finding of the last round, its own resolution there (`fixed`, `declined`, `dropped`)
    /// or `None` while it is open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
    /// Why (the diff's evidence).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// The round whose text decides `outcome`: the finding's last round when its own
    /// resolution does (a Resolution row, `**Fixed.**`), the next round when that one's words
    /// or a re-raise do; `None` for `not_raised`, an open finding, or when nothing says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_in: Option<usize>,
    /// The round whose text first gives the evidence of the fix: the round whose own
    /// resolution (Resolution row, `**Fixed.**`, struck `FIXED`) marks it fixed, else the next
    /// round when that one verifies it. `None` unless the outcome is `fixed`; never inferred
    /// from absence alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_in: Option<usize>,
}

/// What one agent family's findings became in the next round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentFigures {
    /// `Claude`, `Codex`, `Gemini`, `Consolidator` …
    pub family: String,
    /// Display names seen, in order of first appearance (`Claude Opus 4.6`, `Claude Opus 4.7`).
    pub names: Vec<String>,
    /// Findings naming this agent, over all rounds.
    pub raised: usize,
    /// Of those, findings in a round that has a next round (the ones that can be followed).
    pub followed: usize,
    /// Of the followed, by outcome in the next round.
    pub fixed: usize,
    pub declined: usize,
    pub persisted: usize,
    pub demoted: usize,
    pub dropped: usize,
    pub not_raised: usize,
}

/// A whole thread: its rounds in order, each consecutive diff, every finding's lifecycle and
/// per-agent figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadReport {
    pub key: ThreadKey,
    pub label: String,
    pub rounds: Vec<RoundInfo>,
    /// Rounds whose numbers and dates disagree, missing rounds … (from the grouping).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// `diffs[k]` compares `rounds[k]` with `rounds[k + 1]`.
    pub diffs: Vec<RoundDiff>,
    pub lifecycles: Vec<Lifecycle>,
    pub agents: Vec<AgentFigures>,
}

impl ThreadReport {
    /// The lifecycle holding finding `index` of round `round`.
    pub fn lifecycle_of(&self, round: usize, index: usize) -> Option<&Lifecycle> {
        self.lifecycles.iter().find(|l| {
            l.appearances
                .iter()
                .any(|a| a.round == round && a.index == index)
        })
    }
}

/// Group reports into threads and report on each (see [`group_threads`], [`thread_report`]).
pub fn thread_reports(reviews: &[Review]) -> Vec<ThreadReport> {
    group_threads(reviews)
        .into_iter()
        .map(|g| {
            let members: Vec<&Review> = g.members.iter().map(|&i| &reviews[i]).collect();
            let mut t = thread_report(g.key, &members);
            t.warnings = g.warnings;
            t
        })
        .collect()
}

/// Compare any two rounds of a thread (`rounds` in thread order, `from < to` indices into it).
/// Adjacent rounds are diffed directly. For rounds further apart, each earlier finding is also
/// followed through the rounds in between: a chain of pairs that reaches `to` pairs it there
/// (`Round 1 I5 → Round 2 I3 → Round 3 S1`), and a chain that ends earlier gives the outcome
/// where it ended (fixed in round 2, declined …) when the two reports themselves say nothing
/// more specific.
pub fn thread_diff(rounds: &[&Review], from: usize, to: usize, overrides: &Overrides) -> RoundDiff {
    let numbers: Vec<Option<u32>> = rounds
        .iter()
        .map(|r| r.meta.round.as_ref().map(|x| x.number))
        .collect();
    let eff = effective_rounds(&numbers);
    let (from, to) = (from.min(to), from.max(to));
    let pair = (eff[from], eff[to]);
    if to <= from + 1 || to >= rounds.len() {
        let to = to.min(rounds.len().saturating_sub(1));
        return diff_with(rounds[from], rounds[to], pair.0, eff[to], overrides);
    }
    let steps: Vec<RoundDiff> = (from..to)
        .map(|k| {
            diff_with(
                rounds[k],
                rounds[k + 1],
                eff[k],
                eff[k + 1],
                &Overrides::default(),
            )
        })
        .collect();
    let label = |k: usize| format!("Round {}", eff[k]);
    let n = rounds[from].findings.len();
    let mut hints = Hints {
        links: Vec::new(),
        outcomes: vec![None; n],
        apart: Vec::new(),
    };
    // Per finding of the last round: the round (index into `rounds`) where its chain starts.
    let origin: Vec<usize> = (0..rounds[to].findings.len())
        .map(|j| {
            let (mut k, mut cur) = (to, j);
            while k > from {
                match steps[k - 1 - from].pair_of_later(cur) {
                    Some(p) => {
                        cur = p.earlier.index;
                        k -= 1;
                    }
                    None => break,
                }
            }
            k
        })
        .collect();
    // Per finding of the first round: the round where its chain ended (`None`: it reaches `to`).
    let mut ended_at: Vec<Option<usize>> = Vec::with_capacity(n);
    for i in 0..n {
        let mut cur = i;
        let mut path = vec![format!("{} {}", label(from), rounds[from].findings[i].id)];
        let mut ended = None;
        let mut end_round = None;
        for (s, d) in steps.iter().enumerate() {
            let Some(row) = d.earlier_rows.get(cur) else {
                break;
            };
            match &row.later {
                Some(l) => {
                    cur = l.index;
                    path.push(format!("{} {}", label(from + s + 1), l.id));
                }
                None => {
                    let mut ev = vec![format!(
                        "{} (as {}): {}",
                        label(from + s + 1),
                        path.last().map(String::as_str).unwrap_or(""),
                        row.outcome.label().to_lowercase()
                    )];
                    ev.extend(row.evidence.iter().cloned());
                    ended = Some((row.outcome, ev));
                    end_round = Some(from + s + 1);
                    break;
                }
            }
        }
        ended_at.push(end_round);
        match ended {
            None => hints.links.push((i, cur, path.join(" → "))),
            Some(o) => hints.outcomes[i] = Some(o),
        }
    }
    // A later finding that first appeared (as new) in a round where the earlier finding was still
    // present, or in the round where its chain ended, was weighed against it by that round's diff.
    for (i, end) in ended_at.iter().enumerate() {
        let Some(end) = *end else { continue };
        for (j, &o) in origin.iter().enumerate() {
            if o > from && o <= end {
                hints.apart.push((i, j));
            }
        }
    }
    diff_hinted(rounds[from], rounds[to], pair, overrides, &TUNING, &hints)
}

/// Report on one thread whose rounds are given in order.
pub fn thread_report(key: ThreadKey, rounds: &[&Review]) -> ThreadReport {
    let numbers: Vec<Option<u32>> = rounds
        .iter()
        .map(|r| r.meta.round.as_ref().map(|x| x.number))
        .collect();
    let eff = effective_rounds(&numbers);
    let diffs: Vec<RoundDiff> = rounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| diff_with(w[0], w[1], eff[k], eff[k + 1], &Overrides::default()))
        .collect();

    let mut lifecycles: Vec<Lifecycle> = Vec::new();
    // For each round, finding index → lifecycle index.
    let mut owner: Vec<Vec<Option<usize>>> = rounds
        .iter()
        .map(|r| vec![None; r.findings.len()])
        .collect();
    for (k, review) in rounds.iter().enumerate() {
        for (i, f) in review.findings.iter().enumerate() {
            let prev = if k > 0 {
                diffs[k - 1]
                    .pair_of_later(i)
                    .and_then(|p| owner[k - 1].get(p.earlier.index).copied().flatten())
            } else {
                None
            };
            // A new finding that re-raises one from an older round by reference
            // (`round 1 I4 deferred`) continues that finding's life when it had ended.
            let prev = prev.or_else(|| {
                if k > 0 && diffs[k - 1].pair_of_later(i).is_none() {
                    skip_round_link(rounds, &eff, &owner, &lifecycles, k, f)
                } else {
                    None
                }
            });
            let appearance = Appearance {
                round: k,
                index: i,
                id: f.id.clone(),
                severity: f.severity,
                status: f.status,
                title: f.title.clone(),
                agents: f.agents.clone(),
            };
            let life = match prev {
                Some(l) => {
                    lifecycles[l].appearances.push(appearance);
                    l
                }
                None => {
                    lifecycles.push(Lifecycle {
                        first_round: k,
                        appearances: vec![appearance],
                        outcome: None,
                        evidence: Vec::new(),
                        decided_in: None,
                        resolved_in: None,
                    });
                    lifecycles.len() - 1
                }
            };
            owner[k][i] = Some(life);
        }
    }
    let last_round = rounds.len().saturating_sub(1);
    for l in &mut lifecycles {
        let Some(last) = l.appearances.last() else {
            continue;
        };
        let (k, i) = (last.round, last.index);
        if k < last_round {
            if let Some(row) = diffs[k].earlier_rows.get(i) {
                l.outcome = Some(row.outcome);
                l.evidence = row.evidence.clone();
                l.decided_in = row.decided_by.map(|side| match side {
                    Side::Earlier => k,
                    Side::Later => k + 1,
                });
            }
        } else if let Some((claim, words)) = rounds[k].findings.get(i).and_then(own_claim) {
            // The last round: only its own resolution speaks (`Commented` is declined).
            l.outcome = Some(outcome_of(claim));
            l.evidence = vec![format!("Resolution: {words}")];
            l.decided_in = Some(k);
        }
        if l.outcome == Some(Outcome::Fixed) {
            l.resolved_in = l.decided_in;
        }
    }

    ThreadReport {
        label: key.label(),
        key,
        rounds: rounds
            .iter()
            .zip(&eff)
            .map(|(r, &n)| RoundInfo::of(r, n))
            .collect(),
        warnings: Vec::new(),
        agents: agent_figures(rounds, &diffs),
        diffs,
        lifecycles,
    }
}

/// The lifecycle a finding of round `k` continues by a `same` reference to a finding of an
/// older round (not the previous one) whose life ended there.
fn skip_round_link(
    rounds: &[&Review],
    eff: &[u32],
    owner: &[Vec<Option<usize>>],
    lifecycles: &[Lifecycle],
    k: usize,
    f: &crate::model::Finding,
) -> Option<usize> {
    let mut refs = f.refs.clone();
    for r in xref::cross_refs(&f.title_md) {
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    refs.into_iter().find_map(|r| {
        let j = (0..k.saturating_sub(1))
            .rev()
            .find(|&j| Some(eff[j]) == r.round)?;
        let idx = rounds[j]
            .findings
            .iter()
            .position(|e| e.id.eq_ignore_ascii_case(&r.id))?;
        let life = owner[j][idx]?;
        let last = lifecycles[life].appearances.last()?;
        (last.round == j && last.index == idx).then_some(life)
    })
}

/// Per agent family: findings raised, and what the followed ones became in the next round.
fn agent_figures(rounds: &[&Review], diffs: &[RoundDiff]) -> Vec<AgentFigures> {
    let mut figures: Vec<AgentFigures> = Vec::new();
    for (k, review) in rounds.iter().enumerate() {
        for (i, f) in review.findings.iter().enumerate() {
            let outcome = diffs.get(k).and_then(|d| d.outcome_of_earlier(i));
            for name in f.agents.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let family = family_of(name);
                let pos = match figures.iter().position(|a| a.family == family) {
                    Some(p) => p,
                    None => {
                        figures.push(AgentFigures {
                            family,
                            names: Vec::new(),
                            raised: 0,
                            followed: 0,
                            fixed: 0,
                            declined: 0,
                            persisted: 0,
                            demoted: 0,
                            dropped: 0,
                            not_raised: 0,
                        });
                        figures.len() - 1
                    }
                };
                let a = &mut figures[pos];
                if !a.names.iter().any(|n| n == name) {
                    a.names.push(name.to_string());
                }
                a.raised += 1;
                if let Some(o) = outcome {
                    a.followed += 1;
                    match o {
                        Outcome::Fixed => a.fixed += 1,
                        Outcome::Declined => a.declined += 1,
                        Outcome::Persisting => a.persisted += 1,
                        Outcome::Demoted => a.demoted += 1,
                        Outcome::Dropped => a.dropped += 1,
                        Outcome::NotRaised | Outcome::New => a.not_raised += 1,
                    }
                }
            }
        }
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounds::test_util::*;

    /// Round 1: nested mounts resolve to the wrong guest path (I1).
    fn nested_mounts_round_1() -> Review {
        let body = "translateToGuestPath picks the first mount whose location prefixes the host \
                    path, so nested mounts resolve to the wrong guest path";
        let i1 = finding(
            "I1",
            "Nested mounts resolve to the wrong guest path",
            "p/m.go",
            body,
        );
        review("r1", Some(1), "2026-01-01", vec![i1])
    }

    /// A new defect in the same function, alike in words and file.
    fn symlinked_nested_mounts() -> crate::model::Finding {
        finding(
            "I1",
            "Nested mount guest path rejected for symlinked host paths",
            "p/m.go",
            "translateToGuestPath compares the host path before resolving symlinks, so nested \
             mounts reached through a symlink resolve to no guest path",
        )
    }

    /// Round 2 with `findings`, verifying round 1's I1 fixed.
    fn round_2_fixes_nested_mounts(findings: Vec<crate::model::Finding>) -> Review {
        let mut r2 = review("r2", Some(2), "2026-01-02", findings);
        r2.sections.push(crate::model::Section {
            id: "prior-round-fixes-verified".into(),
            heading: "Prior-Round Fixes Verified".into(),
            body_md: "- **Nested mounts** — round 1 I1 verified fixed: the longest match wins.\n"
                .into(),
        });
        r2
    }

    /// Round 2 says round 1's I1 is fixed and raises a new defect in the same function; round 3
    /// keeps the new one and says nothing of I1. Compared directly, round 1 I1 and round 3 I1 look
    /// alike (same file, same words), but round 2's diff saw both and kept them apart: the
    /// round 1 → 3 diff must not pair them, and says where I1's chain ended.
    #[test]
    fn skipping_a_round_does_not_pair_what_the_round_between_kept_apart() {
        let d = round_1_to_3_with_i1_fixed_in_round_2(vec![symlinked_nested_mounts()]);
        assert_eq!(d.summary.new, 1);
    }

    /// Round 1 → 3 of round 1 (I1), round 2 (`r2_findings`, I1 verified fixed) and round 3 (the
    /// new defect in I1's function): I1 looks like round 3's finding compared directly, yet the
    /// thread's diff leaves it unpaired and fixed.
    fn round_1_to_3_with_i1_fixed_in_round_2(r2_findings: Vec<crate::model::Finding>) -> RoundDiff {
        let r1 = nested_mounts_round_1();
        let r2 = round_2_fixes_nested_mounts(r2_findings);
        let r3 = review("r3", Some(3), "2026-01-03", vec![symlinked_nested_mounts()]);
        let direct = crate::rounds::diff_reviews(&r1, &r3);
        assert!(
            direct.earlier_rows[0].later.is_some(),
            "the shape needs a direct similarity pair, or the test proves nothing"
        );
        let d = thread_diff(&[&r1, &r2, &r3], 0, 2, &Overrides::default());
        let row = &d.earlier_rows[0];
        assert!(row.later.is_none(), "paired with {:?}", row.later);
        assert_eq!(row.outcome, Outcome::Fixed);
        d
    }

    /// Round 2 says round 1's I1 is fixed and raises nothing else; round 3 raises a new defect
    /// in the same function. Round 1 → 3 holds I1 to the bar of a finding the later report
    /// calls fixed: the rounds in between settled it.
    #[test]
    fn a_finding_settled_in_a_round_between_pairs_only_on_a_high_bar() {
        round_1_to_3_with_i1_fixed_in_round_2(vec![]);
    }

    #[test]
    fn lifecycles_follow_pairs_and_skipped_rounds() {
        let f = finding;
        let r1 = review(
            "r1",
            Some(1),
            "2026-01-01",
            vec![
                f(
                    "I1",
                    "Digest overwritten before validation",
                    "a/d.go",
                    "expectedDigest overwritten by raw digest",
                ),
                f(
                    "I2",
                    "Glob returns guest paths",
                    "a/fs.go",
                    "Glob returns guest paths that fail re-entry",
                ),
                f(
                    "S1",
                    "Docstring missing",
                    "a/x.go",
                    "exported WithImageFormats lacks a comment",
                ),
            ],
        );
        let mut keep = f(
            "C1",
            "Digest overwritten before validation",
            "a/d.go",
            "expectedDigest overwritten by raw digest",
        );
        keep.agents = vec!["Codex GPT 5.4".into()];
        let r2 = review("r2", Some(2), "2026-01-02", vec![keep.clone()]);
        let mut fixed = keep.clone();
        fixed.id = "I1".into();
        fixed.status = Status::Resolved;
        let reraised = f(
            "I2",
            "Tools output guest paths the agent cannot reuse",
            "z/q.go",
            "(round 1 I2 deferred)",
        );
        let r3 = review("r3", Some(3), "2026-01-03", vec![fixed, reraised]);
        let t = thread_report(ThreadKey::Slug { name: "t".into() }, &[&r1, &r2, &r3]);
        assert_eq!(t.diffs.len(), 2);
        let ids = |l: &Lifecycle| {
            l.appearances
                .iter()
                .map(|a| format!("{}:{}", a.round, a.id))
                .collect::<Vec<_>>()
        };
        let got: Vec<(Vec<String>, Option<Outcome>, Option<usize>)> = t
            .lifecycles
            .iter()
            .map(|l| (ids(l), l.outcome, l.resolved_in))
            .collect();
        assert_eq!(
            got,
            vec![
                // Fixed by round 3's own resolution: resolved in round 3 (index 2).
                (
                    vec!["0:I1".into(), "1:C1".into(), "2:I1".into()],
                    Some(Outcome::Fixed),
                    Some(2)
                ),
                // Skipped round 2, re-raised by reference in round 3: still open.
                (vec!["0:I2".into(), "2:I2".into()], None, None),
                // Gone in round 2 with no word about it: not raised again, never "resolved".
                (vec!["0:S1".into()], Some(Outcome::NotRaised), None),
            ]
        );
        assert!(t.lifecycle_of(2, 1).is_some_and(|l| l.first_round == 0));
        // Agents: Claude raised 3 in round 1 (1 persisted, 2 not raised again) and 1 in round 3;
        // Codex raised 1 in round 2 (raised again in round 3) and that one in round 3.
        let claude = t.agents.iter().find(|a| a.family == "Claude").unwrap();
        assert_eq!(
            (
                claude.raised,
                claude.followed,
                claude.persisted,
                claude.not_raised,
                claude.fixed
            ),
            (4, 3, 1, 2, 0)
        );
        let codex = t.agents.iter().find(|a| a.family == "Codex").unwrap();
        assert_eq!(
            (codex.raised, codex.followed, codex.persisted, codex.fixed),
            (2, 1, 1, 0)
        );
    }
}
