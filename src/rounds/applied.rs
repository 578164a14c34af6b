//! Fixes that landed, read from the code the reports quote: an earlier finding proposes code
//! after its `Fix:` (a fenced block), and a later finding quotes that very code as what the
//! branch now holds. The later finding is then about the fixed code — a follow-up or a defect
//! in the fix — not the earlier finding raised again, and the earlier finding's proposal is in
//! the code. In every judged set, not one later finding that quotes an earlier finding's
//! proposed code (more of it than of the code the earlier one criticised) was judged the same
//! finding, and 42 of the 43 earlier findings were judged fixed.

use super::similarity::marked_code_lines;
use crate::model::Finding;
use crate::parse::cmark::Fence;
use std::collections::{HashMap, HashSet};

/// A quoted line must be at least this long (collapsed) to say anything: `if err != nil {`,
/// `defer cancel()`, `assert.NilError(t, err)` are in every Go fix.
const MIN_LINE: usize = 24;

/// How many earlier proposals one later finding is compared with (the ones it quotes most).
const MAX_CANDIDATES: usize = 4;

/// The two parts of a finding's body: what it criticises and what it proposes.
fn split_at_fix(body: &str) -> (&str, &str) {
    let mut fence = Fence::default();
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let lead = line.trim_start_matches(' ');
        let fence_line = fence.step(line.len() - lead.len(), lead.trim_end().as_bytes());
        if !fence_line && !fence.is_open() && proposes(line.trim()) {
            return (&body[..at], &body[at..]);
        }
        at += line.len();
    }
    (body, "")
}

/// A line that opens a finding's proposal: `**Fix:**`, `Fix:`, `- **Suggested fix**:`,
/// `Recommendation:`.
fn proposes(line: &str) -> bool {
    let t = line
        .trim_start_matches(['-', '*', '>', ' '])
        .trim_start_matches('_')
        .to_ascii_lowercase();
    let t = ["suggested ", "proposed ", "recommended ", "possible "]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .unwrap_or(&t);
    [
        "fix:",
        "fix**",
        "fix_",
        "fix options",
        "fix (",
        "remediation",
        "recommendation",
    ]
    .iter()
    .any(|w| t.starts_with(w))
}

/// What a finding proposes, as lines of code: every line of its proposal that the criticised
/// code does not have, and, when the proposal is written as a diff, its `+` and `-` lines.
struct Proposal {
    /// Every line the finding quotes, criticised or proposed.
    quoted: HashSet<String>,
    criticised: HashSet<String>,
    proposed: Vec<String>,
    plus: Vec<String>,
    minus: HashSet<String>,
}

fn proposal_of(body: &str) -> Proposal {
    let (problem, fix) = split_at_fix(body);
    let mut criticised = HashSet::new();
    marked_code_lines(problem, |l, _| {
        criticised.insert(l.to_string());
    });
    let (mut proposed, mut plus, mut minus) = (Vec::new(), Vec::new(), HashSet::new());
    let mut quoted = criticised.clone();
    marked_code_lines(fix, |l, marker| {
        quoted.insert(l.to_string());
        let long = l.len() >= MIN_LINE;
        match marker {
            Some('-') => {
                minus.insert(l.to_string());
            }
            Some(_) if long => plus.push(l.to_string()),
            _ => {}
        }
        if long && !criticised.contains(l) {
            proposed.push(l.to_string());
        }
    });
    plus.retain(|l| !minus.contains(l));
    Proposal {
        quoted,
        criticised,
        proposed,
        plus,
        minus,
    }
}

impl Proposal {
    /// How many of its lines a later finding's criticised code `now` quotes as the code that
    /// is there, when that says the proposal landed: more proposed lines than criticised ones,
    /// or (a diff) `+` lines and none of its `-` lines. The first such line with the count.
    fn landed_in<'a>(
        &'a self,
        now: &HashSet<String>,
        distinct: impl Fn(&str) -> bool,
    ) -> Option<(String, usize)> {
        let shown = |lines: &'a [String]| -> Vec<&'a String> {
            lines
                .iter()
                .filter(|l| distinct(l) && now.contains(*l))
                .collect()
        };
        let proposed = shown(&self.proposed);
        let old = self.criticised.iter().filter(|l| now.contains(*l)).count();
        let plus = shown(&self.plus);
        let by_diff = !plus.is_empty() && !self.minus.iter().any(|l| now.contains(l));
        let best = match (proposed.len() > old, by_diff) {
            (true, true) if plus.len() > proposed.len() => plus,
            (true, _) => proposed,
            (false, true) => plus,
            (false, false) => return None,
        };
        Some((best[0].clone(), best.len()))
    }
}

/// A later finding that quotes an earlier one's proposed code.
#[derive(Debug, Clone)]
pub(super) struct Quote {
    /// Index of the later finding.
    pub later: usize,
    /// The first line of the proposal it quotes.
    pub line: String,
    /// How many lines of the proposal it quotes.
    pub lines: usize,
}

/// Per earlier finding: the later findings that quote its proposed code as the code under
/// review (in what they criticise), each with the first such line (see
/// [`Proposal::landed_in`]). Only lines at least [`MIN_LINE`] long that no other earlier
/// finding quotes count.
pub(super) fn applied_fixes(ef: &[Finding], lf: &[Finding]) -> Vec<Vec<Quote>> {
    let proposals: Vec<Proposal> = ef.iter().map(|f| proposal_of(&f.body_md)).collect();
    // How many earlier findings quote each line anywhere: a line in two is not one finding's.
    let mut quoted_by: HashMap<&str, usize> = HashMap::new();
    for p in &proposals {
        for l in &p.quoted {
            *quoted_by.entry(l.as_str()).or_default() += 1;
        }
    }
    let distinct = |l: &str| quoted_by.get(l) == Some(&1);
    // Each distinct proposed line → the one earlier finding that proposes it: a later finding
    // is compared only with the proposals it quotes a line of (near-linear in the lines
    // however many findings both rounds have).
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, p) in proposals.iter().enumerate() {
        for l in p.proposed.iter().chain(&p.plus) {
            if distinct(l) {
                owner.insert(l.as_str(), i);
            }
        }
    }
    let mut out: Vec<Vec<Quote>> = vec![Vec::new(); ef.len()];
    if owner.is_empty() {
        return out;
    }
    for (j, f) in lf.iter().enumerate() {
        let mut now = HashSet::new();
        marked_code_lines(split_at_fix(&f.body_md).0, |l, _| {
            now.insert(l.to_string());
        });
        // The proposals it quotes most lines of, at most MAX_CANDIDATES of them (each is then
        // read whole): bounded work per later finding whatever a report holds.
        let mut count: HashMap<usize, usize> = HashMap::new();
        for l in &now {
            if let Some(&i) = owner.get(l.as_str()) {
                *count.entry(i).or_default() += 1;
            }
        }
        let mut candidates: Vec<(usize, usize)> = count.into_iter().collect();
        candidates.sort_unstable_by_key(|&(i, c)| (std::cmp::Reverse(c), i));
        for (i, _) in candidates.into_iter().take(MAX_CANDIDATES) {
            if let Some((line, lines)) = proposals[i].landed_in(&now, distinct) {
                out[i].push(Quote {
                    later: j,
                    line,
                    lines,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rounds::test_util::finding;

    const EARLIER: &str = "The loop returns on the first failure:\n\n```go\nreturn count, fmt.Errorf(\"preserve %s: %w\", name, err)\n```\n\n**Fix:** collect the errors and go on:\n\n```go\nerrs = append(errs, fmt.Errorf(\"preserve %s: %w\", name, err))\n```\n";

    #[test]
    fn a_later_finding_quoting_the_proposed_code_is_about_the_fix() {
        let e = vec![finding(
            "S1",
            "PreserveLogs aborts on the first rename failure",
            "logs.go",
            EARLIER,
        )];
        let now = "The joined error loses the count:\n\n```go\nerrs = append(errs, fmt.Errorf(\"preserve %s: %w\", name, err))\n```\n\n**Fix:** return the count too.";
        let still = "Still aborts:\n\n```go\nreturn count, fmt.Errorf(\"preserve %s: %w\", name, err)\n```\n\n**Fix:**\n\n```go\nerrs = append(errs, fmt.Errorf(\"preserve %s: %w\", name, err))\n```\n";
        let l = vec![
            finding("S1", "Joined error loses the count", "logs.go", now),
            finding(
                "S2",
                "PreserveLogs still aborts on the first failure",
                "logs.go",
                still,
            ),
        ];
        let got = applied_fixes(&e, &l);
        // S1 quotes the proposal as the code now; S2 quotes the old code and proposes the same
        // fix again (the finding persists).
        assert_eq!(got[0].len(), 1);
        assert_eq!(got[0][0].later, 0);
        assert!(got[0][0].line.starts_with("errs = append(errs"));
    }

    /// A diff proposal: the later finding quotes its `+` lines and the unchanged context, not
    /// its `-` line (set 8, PR #350: `run -0 cygpath` quoted with the `else` branch kept).
    #[test]
    fn a_diff_proposal_is_read_by_its_markers() {
        let body = "```bash\nif is_windows; then\n    DOCKER_CONFIG=\"$(cygpath -m \"${TMP}/docker-config\")\"\nelse\n    DOCKER_CONFIG=\"${TMP}/docker-config\"\nfi\n```\n\nFix:\n\n```diff\n if is_windows; then\n-    DOCKER_CONFIG=\"$(cygpath -m \"${TMP}/docker-config\")\"\n+    run -0 cygpath -m \"${TMP}/docker-config\"\n+    DOCKER_CONFIG=${output}\n else\n     DOCKER_CONFIG=\"${TMP}/docker-config\"\n fi\n```\n";
        let e = vec![finding(
            "S2",
            "cygpath in a command substitution",
            "a.bats",
            body,
        )];
        let now = "```bash\nif is_windows; then\n    run -0 cygpath -m \"${TMP}/docker-config\"\n    DOCKER_CONFIG=${output}\nelse\n    DOCKER_CONFIG=\"${TMP}/docker-config\"\nfi\n```\n";
        let old = "```bash\n    DOCKER_CONFIG=\"$(cygpath -m \"${TMP}/docker-config\")\"\n    run -0 cygpath -m \"${TMP}/docker-config\"\n```\n";
        let l = vec![
            finding("I2", "cygpath breaks under WSL2", "a.bats", now),
            finding("S1", "both", "a.bats", old),
        ];
        let got = applied_fixes(&e, &l);
        assert_eq!(got[0].iter().map(|q| q.later).collect::<Vec<_>>(), vec![0]);
    }

    #[test]
    fn short_or_shared_lines_say_nothing() {
        let body = "```go\nx := f()\n```\n\nFix:\n\n```go\nif err != nil {\n```\n";
        let e = vec![finding("I1", "t", "a.go", body)];
        let l = vec![finding("I1", "t", "a.go", "```go\nif err != nil {\n```\n")];
        assert!(applied_fixes(&e, &l)[0].is_empty());
        assert_eq!(
            split_at_fix("a\n- **Suggested fix**: b\n"),
            ("a\n", "- **Suggested fix**: b\n")
        );
        assert_eq!(split_at_fix("```\nFix: in code\n```\n").1, "");
    }
}
