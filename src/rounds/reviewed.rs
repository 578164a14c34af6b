//! What code a round reviewed, from its header: the reviewed head (`Review SHA`) or else its
//! list of commits. Two rounds that reviewed the same code cannot disagree about whether a
//! defect was fixed: nothing changed in between (a round re-run with other agents, or a
//! re-review before the author pushed).

use crate::model::Meta;

/// Two abbreviated SHAs name the same commit: one is a prefix of the other, and the shorter has
/// at least 7 hex digits (git's own shortest default).
fn same_sha(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    short.len() >= 7
        && short.bytes().all(|c| c.is_ascii_hexdigit())
        && long.len() >= short.len()
        && long.as_bytes()[..short.len()].eq_ignore_ascii_case(short.as_bytes())
}

/// When both rounds reviewed exactly the same code, how to say so (`commit e03a4c24`,
/// `the same 13 commits`). `None` when either header does not say, or the code differs.
pub fn same_code(earlier: &Meta, later: &Meta) -> Option<String> {
    if let (Some(a), Some(b)) = (&earlier.review_sha, &later.review_sha) {
        return same_sha(a, b).then(|| format!("commit {}", a.trim()));
    }
    let (a, b) = (&earlier.commits, &later.commits);
    if a.is_empty() || a.len() != b.len() {
        return None;
    }
    let all = a.iter().all(|x| b.iter().any(|y| same_sha(&x.sha, &y.sha)))
        && b.iter().all(|y| a.iter().any(|x| same_sha(&x.sha, &y.sha)));
    all.then(|| match a.as_slice() {
        [one] => format!("commit {}", one.sha.trim()),
        _ => format!("the same {} commits", a.len()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Commit;

    fn meta(sha: Option<&str>, commits: &[&str]) -> Meta {
        Meta {
            review_sha: sha.map(str::to_string),
            commits: commits
                .iter()
                .map(|s| Commit {
                    sha: s.to_string(),
                    subject: "subject".to_string(),
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn the_same_commit_under_two_abbreviations_is_the_same_code() {
        let a = meta(None, &["e03a4c24"]);
        let b = meta(None, &["e03a4c24f1"]);
        assert_eq!(same_code(&a, &b).as_deref(), Some("commit e03a4c24"));
        let a = meta(Some("45823748"), &[]);
        let b = meta(Some("4582374"), &["0000000"]);
        assert_eq!(same_code(&a, &b).as_deref(), Some("commit 45823748"));
    }

    #[test]
    fn a_rebased_or_extended_branch_is_other_code() {
        // One commit rewritten (the Windows thread's two rounds share 4 of 13 SHAs).
        let a = meta(None, &["ec95843c", "3b84e922"]);
        let b = meta(None, &["ea22d13d", "3b84e922"]);
        assert_eq!(same_code(&a, &b), None);
        // A commit added on top.
        let c = meta(None, &["ec95843c", "3b84e922", "0123abc"]);
        assert_eq!(same_code(&a, &c), None);
        // Same set in another order is the same code.
        let d = meta(None, &["3b84e922", "ec95843c"]);
        assert_eq!(same_code(&a, &d).as_deref(), Some("the same 2 commits"));
        // Heads differ although the commit lists agree: the heads decide.
        let e = meta(Some("aaaaaaa1"), &["ec95843c"]);
        let f = meta(Some("bbbbbbb2"), &["ec95843c"]);
        assert_eq!(same_code(&e, &f), None);
    }

    #[test]
    fn headers_that_do_not_say_are_not_the_same_code() {
        assert_eq!(same_code(&meta(None, &[]), &meta(None, &[])), None);
        // Too short to be a SHA, or not hex.
        assert_eq!(
            same_code(&meta(None, &["abc"]), &meta(None, &["abc"])),
            None
        );
        assert_eq!(
            same_code(&meta(None, &["pending!"]), &meta(None, &["pending!"])),
            None
        );
    }
}
