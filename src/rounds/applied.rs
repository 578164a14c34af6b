//! Fixes that landed, read from the code the reports quote: an earlier finding proposes code
//! after its `Fix:` (a fenced block), and a later finding quotes that very code as what the
//! branch now holds. The later finding is then about the fixed code — a follow-up or a defect
//! in the fix — not the earlier finding raised again, and the earlier finding's proposal is in
//! the code. In every judged set, not one later finding that quotes an earlier finding's
//! proposed code (more of it than of the code the earlier one criticised) was judged the same
//! finding, and 42 of the 43 earlier findings were judged fixed.

use super::similarity::code_lines;
use crate::model::Finding;
use std::collections::{HashMap, HashSet};

/// A quoted line must be at least this long (collapsed) to say anything: `if err != nil {`,
/// `defer cancel()`, `assert.NilError(t, err)` are in every Go fix.
const MIN_LINE: usize = 24;

/// The two parts of a finding's body: what it criticises and what it proposes.
fn split_at_fix(body: &str) -> (&str, &str) {
    let mut fenced = false;
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        if t.starts_with("```") || t.starts_with("~~~") {
            fenced = !fenced;
        } else if !fenced && proposes(t) {
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

fn lines_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    code_lines(text, |l| out.push(l.to_string()));
    out
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
/// review, each with the first such line. Only lines at least [`MIN_LINE`] long that no other
/// earlier finding quotes count, and the later finding must quote more of the proposal than
/// of the code the earlier finding criticised.
pub(super) fn applied_fixes(ef: &[Finding], lf: &[Finding]) -> Vec<Vec<Quote>> {
    let parts: Vec<(HashSet<String>, Vec<String>)> = ef
        .iter()
        .map(|f| {
            let (problem, fix) = split_at_fix(&f.body_md);
            let problem: HashSet<String> = lines_of(problem).into_iter().collect();
            let fix = lines_of(fix)
                .into_iter()
                .filter(|l| l.len() >= MIN_LINE && !problem.contains(l))
                .collect();
            (problem, fix)
        })
        .collect();
    // How many earlier findings quote each line anywhere: a line in two is not one finding's.
    let mut quoted_by: HashMap<&str, usize> = HashMap::new();
    for (problem, fix) in &parts {
        let mine: HashSet<&str> = problem
            .iter()
            .map(String::as_str)
            .chain(fix.iter().map(String::as_str))
            .collect();
        for l in mine {
            *quoted_by.entry(l).or_default() += 1;
        }
    }
    let later: Vec<HashSet<String>> = lf
        .iter()
        .map(|f| lines_of(split_at_fix(&f.body_md).0).into_iter().collect())
        .collect();
    parts
        .iter()
        .map(|(problem, fix)| {
            if fix.is_empty() {
                return Vec::new();
            }
            later
                .iter()
                .enumerate()
                .filter_map(|(j, now)| {
                    let mut shown = fix
                        .iter()
                        .filter(|l| quoted_by.get(l.as_str()) == Some(&1) && now.contains(*l));
                    let first = shown.next()?;
                    let from_fix = 1 + shown.count();
                    let from_problem = problem.iter().filter(|l| now.contains(*l)).count();
                    (from_fix > from_problem).then(|| Quote {
                        later: j,
                        line: first.clone(),
                        lines: from_fix,
                    })
                })
                .collect()
        })
        .collect()
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
