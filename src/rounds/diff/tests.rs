//! The round diff on small hand-made rounds: every outcome with its evidence, references and
//! their relations, demotions, overrides.

use super::*;
use crate::model::Section;
use crate::rounds::test_util::*;

fn outcomes(d: &RoundDiff) -> Vec<(&str, Outcome, Option<&str>)> {
    d.earlier_rows
        .iter()
        .map(|r| {
            (
                r.finding.id.as_str(),
                r.outcome,
                r.later.as_ref().map(|l| l.id.as_str()),
            )
        })
        .collect()
}

/// `f` with the status and note its round's Resolution table gives it.
fn with_resolution(mut f: Finding, status: Status, note: &str) -> Finding {
    f.status = status;
    f.status_note = Some(note.into());
    f
}

/// Round 1's I1, which its own Resolution table marks fixed.
fn fixed_nil_pointer() -> Finding {
    with_resolution(
        finding(
            "I1",
            "Nil pointer when Stat fails",
            "a/b.go",
            "origStat is nil",
        ),
        Status::Resolved,
        "Fixed",
    )
}

/// A section of a later report, as the parser makes it.
fn section(id: &str, heading: &str, body_md: &str) -> Section {
    Section {
        id: id.into(),
        heading: heading.into(),
        body_md: body_md.into(),
    }
}

/// Round 1 with a Resolution-style status on each finding, round 2 that says things about
/// them: every outcome, each with the evidence a user would check.
#[test]
fn every_outcome_comes_with_its_evidence() {
    let fixed = fixed_nil_pointer();
    let skipped = with_resolution(
        finding(
            "S1",
            "Regex captures only MAJOR.MINOR",
            "v/ver.go",
            "banner",
        ),
        Status::Declined,
        "Skipped: speculative",
    );
    let commented = with_resolution(
        finding("S2", "UNC paths untested", "c/copy.go", "no UNC test"),
        Status::Resolved,
        "Commented: needs a fake share",
    );
    let silent = finding("S3", "Docstring missing on Foo", "a/c.go", "exported Foo");
    let design = finding("D1", "Two sources of truth", "", "journal and partial file");
    let verified = finding("I2", "Cache key ignores the digest", "k/cache.go", "stale");
    let e = review(
        "20260101-000000-pr-1",
        Some(1),
        "2026-01-01",
        vec![fixed, skipped, commented, silent, design, verified],
    );
    let mut l = review(
        "20260102-000000-pr-1",
        Some(2),
        "2026-01-02",
        vec![finding(
            "S1",
            "Brand new problem",
            "n/m.go",
            "unrelated words",
        )],
    );
    l.sections.push(section(
        "prior-round-fixes-verified",
        "Prior-Round Fixes Verified",
        "- **I2 — cache key** (`k/cache.go:10`): round 1 I2 verified: the key now \
         includes the digest.\n",
    ));
    l.sections.push(section(
        "acknowledged-limitations",
        "Acknowledged Limitations",
        "### Declined in prior rounds\n\n- **Regex precision** — round 1 S1 \
         declined as speculative.\n",
    ));
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![
            ("I1", Outcome::Fixed, None),
            ("S1", Outcome::Declined, None),
            ("S2", Outcome::Declined, None),
            ("S3", Outcome::NotRaised, None),
            ("D1", Outcome::NotRaised, None),
            ("I2", Outcome::Fixed, None),
        ]
    );
    let ev = |id: &str| d.earlier_rows.iter().find(|r| r.finding.id == id).unwrap();
    assert!(ev("I1").evidence[0].contains("Resolution: Fixed"));
    assert!(ev("S1").evidence[0].contains("Declined in prior rounds"));
    assert!(ev("S2").evidence[0].contains("Commented"));
    assert!(ev("S3").evidence[0].contains("no mention"));
    assert!(ev("I2").evidence[0].contains("Prior-Round Fixes Verified"));
    let s = &d.summary;
    assert_eq!((s.fixed, s.declined, s.not_raised, s.new), (2, 2, 2, 1));
    assert_eq!(
        s.sentence,
        "Round 2 vs Round 1: 2 fixed, 2 declined, 2 not raised again of 6; 1 new"
    );
    // Plain JSON both ways, outcomes by their data-diff names.
    let json = serde_json::to_string(&d).unwrap();
    assert!(json.contains("\"outcome\":\"not_raised\""));
    let back: RoundDiff = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn references_pair_or_relate_by_what_their_words_say() {
    let e = review(
        "e",
        Some(2),
        "",
        vec![
            finding(
                "S3",
                "Glob pattern rejects relative paths",
                "p/glob.go",
                "rejects ./x",
            ),
            finding(
                "S4",
                "Editor saves on every keystroke",
                "w/editor.ts",
                "debounce",
            ),
            finding(
                "S2",
                "Case folding ignores the volume",
                "m/match.go",
                "case-insensitive",
            ),
        ],
    );
    let l = review(
        "l",
        Some(3),
        "",
        vec![
            // A regression from the fix of S3: never the same finding.
            finding(
                "I2",
                "Glob pattern now rejects absolute paths",
                "p/glob.go",
                "This is a regression introduced by Round 2's S3 fix: `/abs` fails.",
            ),
            // A mis-citation: names S4, is S2 reworded.
            finding(
                "S1",
                "Case folding ignores the volume on macOS",
                "m/match.go",
                "Round 2's S4 already recommended probing case-insensitive volumes.",
            ),
            // Still open, by its own words.
            finding(
                "S5",
                "A title sharing nothing",
                "q/q.go",
                "(round 2 S4 unaddressed)",
            ),
        ],
    );
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![
            ("S3", Outcome::NotRaised, None),
            ("S4", Outcome::Persisting, Some("S5")),
            ("S2", Outcome::Persisting, Some("S1")),
        ]
    );
    let new = &d.later_rows[0];
    assert_eq!(new.outcome, Outcome::New);
    assert_eq!(new.relations.len(), 1);
    assert_eq!(
        (new.relations[0].relation, new.relations[0].id.as_str()),
        (Relation::Regression, "S3")
    );
    // The mis-cited S4 is shown as related, not paired.
    let s1 = &d.later_rows[1];
    assert!(s1
        .relations
        .iter()
        .any(|r| r.id == "S4" && r.relation == Relation::Related));
}

#[test]
fn demotion_and_severity_change_on_a_pair() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![
            finding(
                "I1",
                "Watcher keeps watches on ignored trees",
                "w/watch.go",
                "inotify",
            ),
            finding("S1", "Resume offset unchecked", "r/recv.go", "offset echo"),
        ],
    );
    let l = review(
        "l",
        Some(2),
        "",
        vec![
            finding(
                "D1",
                "Watching ignored trees costs watches",
                "w/watch.go",
                "Round 1's I1 is demoted to Design Observations (a trade-off, not a defect).",
            ),
            finding(
                "I2",
                "Resume offset unchecked at chunk boundary",
                "r/recv.go",
                "offset",
            ),
        ],
    );
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![
            ("I1", Outcome::Demoted, Some("D1")),
            ("S1", Outcome::Persisting, Some("I2")),
        ]
    );
    assert_eq!(
        d.earlier_rows[1].severity_changed,
        Some(Change {
            from: Severity::Suggestion,
            to: Severity::Important
        })
    );
    let s = &d.summary;
    assert_eq!(
        (s.demoted, s.persisting, s.severity_changed, s.paired),
        (1, 1, 1, 2)
    );
}

#[test]
fn overrides_unlink_and_link_by_hand() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![
            finding(
                "I1",
                "Nil pointer when Stat fails",
                "a/b.go",
                "origStat nil",
            ),
            finding("S1", "Zebra quantum", "x/y.go", "unrelated"),
        ],
    );
    let l = review(
        "l",
        Some(2),
        "",
        vec![
            finding(
                "I1",
                "Nil pointer when Stat fails",
                "a/b.go",
                "origStat nil",
            ),
            finding("S1", "Entirely other words", "q/r.go", "nothing shared"),
        ],
    );
    let auto = diff_reviews(&e, &l);
    assert_eq!(auto.earlier_rows[0].later.as_ref().unwrap().id, "I1");
    let o = Overrides::from_query("S1:S1", "I1:I1");
    assert_eq!(o.to_query(), ("S1:S1".into(), "I1:I1".into()));
    let d = diff_reviews_with(&e, &l, &o);
    assert_eq!(
        outcomes(&d),
        vec![
            ("I1", Outcome::NotRaised, None),
            ("S1", Outcome::Persisting, Some("S1")),
        ]
    );
    assert!(d.earlier_rows.iter().all(|r| r.manual));
    assert_eq!(d.later_rows[0].outcome, Outcome::New);
    assert_eq!(d.overrides, o);
    // Linking again removes the unlink; malformed entries are ignored.
    let again = o.with_link("I1", "I1");
    assert!(again.unlink.is_empty());
    assert_eq!(
        again.link,
        vec![("S1".into(), "S1".into()), ("I1".into(), "I1".into())]
    );
    assert!(Overrides::from_query("bad,,I1:<x>,:S1", "").is_empty());
    // Unlinking a manual link just drops it.
    assert_eq!(again.with_unlink("S1", "S1").link.len(), 1);
}

#[test]
fn empty_rounds_diff_cleanly() {
    let e = review("e", None, "", vec![]);
    let l = review("l", None, "", vec![]);
    let d = diff_reviews(&e, &l);
    assert!(d.earlier_rows.is_empty() && d.later_rows.is_empty());
    assert_eq!(
        d.summary.sentence,
        "Round 2 vs Round 1: no earlier findings; 0 new"
    );
}

/// Two findings on the same test file with alike titles, each quoting its own code and naming
/// none of the other's: different code, not the same finding (lima PR 4419: a missing
/// cleanup in the read_file test vs the read-only directory test's cleanup).
#[test]
fn alike_words_over_different_quoted_code_do_not_pair() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![finding(
            "S2",
            "Missing cleanup in read_file BATS test",
            "hack/bats/tests/mcp.bats",
            "```bash\necho \"test content\" > \"$HOME/mcp-read.test\"\n```\n\nThe test never \
             removes the file it creates; other tests clean up.",
        )],
    );
    let l = review(
        "l",
        Some(2),
        "",
        vec![finding(
            "I3",
            "BATS read-only directory test lacks resilient cleanup",
            "hack/bats/tests/mcp.bats",
            "```bash\nmkdir -p \"$HOME/tmp_mcp_ro\"\nchmod 444 \"$HOME/tmp_mcp_ro\"\n```\n\nIf the \
             test fails, the cleanup never runs and leaves a read-only directory.",
        )],
    );
    let d = diff_reviews(&e, &l);
    assert_eq!(outcomes(&d), vec![("S2", Outcome::NotRaised, None)]);
    // The same two findings quoting the same line are paired.
    let mut l2 = l.clone();
    l2.findings[0].body_md = e.findings[0].body_md.clone();
    let d = diff_reviews(&e, &l2);
    assert_eq!(outcomes(&d), vec![("S2", Outcome::Persisting, Some("I3"))]);
}

/// A round that reviewed the very same commit cannot confirm a fix the earlier round's
/// Resolution table promised: the finding is "not raised again", never "fixed".
#[test]
fn a_fix_promised_but_not_in_the_reviewed_code_is_not_fixed() {
    use crate::model::Commit;
    let promised = fixed_nil_pointer();
    let kept = finding(
        "S1",
        "Test uses a hardcoded URL",
        "t/x_test.go",
        "example.com",
    );
    let commit = |sha: &str| Commit {
        sha: sha.into(),
        subject: "Ensure only RAW images in cache".into(),
    };
    let mut r1 = review("r1", Some(1), "2026-03-15", vec![promised, kept.clone()]);
    let mut r2 = review("r2", Some(2), "2026-03-27", vec![kept]);
    r1.meta.commits = vec![commit("e03a4c24")];
    r2.meta.commits = vec![commit("e03a4c24")];

    let d = diff_reviews(&r1, &r2);
    let row = &d.earlier_rows[0];
    assert_eq!(row.outcome, Outcome::NotRaised, "{row:?}");
    assert_eq!(d.summary.fixed, 0);
    assert!(row.evidence[0].contains("Resolution: Fixed"), "{row:?}");
    assert!(
        row.evidence[1].contains("same code (commit e03a4c24)"),
        "{row:?}"
    );
    assert!(
        d.summary
            .sentence
            .ends_with("Both rounds reviewed the same code (commit e03a4c24): no fix can have landed in between"),
        "{}",
        d.summary.sentence
    );
    // The finding raised again says why it is no surprise.
    assert_eq!(d.earlier_rows[1].outcome, Outcome::Persisting);
    assert!(d.earlier_rows[1]
        .evidence
        .iter()
        .any(|e| e.contains("same code")));

    // After a new commit the same Resolution row is evidence of a fix.
    r2.meta.commits = vec![commit("45823748")];
    let d = diff_reviews(&r1, &r2);
    assert_eq!(d.earlier_rows[0].outcome, Outcome::Fixed);
    assert!(!d.summary.sentence.contains("same code"));
    assert!(d.earlier_rows[1]
        .evidence
        .iter()
        .all(|e| !e.contains("same code")));
}

/// A later finding that cites an earlier one its own Resolution marks fixed, without words
/// saying it persists, is about that fix (a follow-up, or a regression when it says so), not
/// the same finding raised again; with such words, or named on its title line, it is the same.
#[test]
fn a_plain_reference_to_a_fixed_finding_is_about_its_fix() {
    let e = review(
        "e",
        Some(3),
        "",
        vec![
            with_resolution(
                finding(
                    "S10",
                    "Checksum regex accepts short hex prefixes",
                    "scripts/download.ts",
                    "the prefix is unbounded",
                ),
                Status::Resolved,
                "Fixed",
            ),
            with_resolution(
                finding(
                    "S1",
                    "Archive helpers skip verification on a cache hit",
                    "scripts/download.ts",
                    "extracted output exists",
                ),
                Status::Resolved,
                "Fixed",
            ),
            with_resolution(
                finding(
                    "S4",
                    "Windows arm64 matrices are missing",
                    "scripts/checksums.ts",
                    "no arm64",
                ),
                Status::Resolved,
                "Fixed",
            ),
            with_resolution(
                finding(
                    "S5",
                    "Lookup returns a raw string",
                    "scripts/lookup.ts",
                    "string",
                ),
                Status::Resolved,
                "Fixed",
            ),
        ],
    );
    let mut carried = finding(
        "S12",
        "Lookup returns a raw string",
        "scripts/lookup.ts",
        "The lookup still hands back a string.",
    );
    carried.refs = vec![crate::model::FindingRef {
        round: Some(3),
        id: "S5".into(),
    }];
    let l = review(
        "l",
        Some(4),
        "",
        vec![
            finding(
                "S10",
                "Checksum regex admits md5-width hex",
                "scripts/download.ts",
                "Round 3 S10 tightened the prefix to reject documentation lines. The bound admits md5.",
            ),
            finding(
                "I2",
                "Archive helpers overwrite locked binaries",
                "scripts/download.ts",
                "Round 3 S1 noted the skip, and always re-extracting it is a regression on Windows.",
            ),
            finding(
                "S2",
                "Windows arm64 matrices are missing",
                "scripts/checksums.ts",
                "Round 3 S4 is unaddressed.",
            ),
            carried,
        ],
    );
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![
            ("S10", Outcome::Fixed, None),
            ("S1", Outcome::Fixed, None),
            ("S4", Outcome::Persisting, Some("S2")),
            ("S5", Outcome::Persisting, Some("S12")),
        ]
    );
    let relation = |id: &str| {
        d.later_rows
            .iter()
            .find(|r| r.finding.id == id)
            .and_then(|r| r.relations.first())
            .map(|r| (r.relation, r.id.clone()))
    };
    assert_eq!(relation("S10"), Some((Relation::FollowUp, "S10".into())));
    assert_eq!(relation("I2"), Some((Relation::Regression, "S1".into())));
}

/// A Resolution row whose note says the work is not done (`drafted`, `push deferred`) is not a
/// fix, whatever its label.
#[test]
fn a_drafted_or_deferred_resolution_is_not_a_fix() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![with_resolution(
            finding(
                "S9",
                "PR description names the wrong subsystem",
                "",
                "CNI portmap",
            ),
            Status::Resolved,
            "Documentation updated: New PR description drafted; push deferred per author",
        )],
    );
    let l = review("l", Some(2), "", vec![]);
    let d = diff_reviews(&e, &l);
    assert_eq!(outcomes(&d), vec![("S9", Outcome::Declined, None)]);
}

/// A new finding at the same code as an earlier one that was fixed, filed as a regression of
/// this change and related by no words, is shown as caused by that fix; the same finding filed
/// as a gap stays "same area".
#[test]
fn a_regression_at_the_code_of_a_fix_is_shown_as_caused_by_it() {
    let e = review("e", Some(1), "", vec![fixed_nil_pointer()]);
    let relation_of = |kind: &str| {
        let mut s1 = finding(
            "S1",
            "Nil check after Stat fails logs twice",
            "a/b.go",
            "the new origStat nil check logs at Error and again at Debug",
        );
        s1.kinds = vec![kind.to_string()];
        let l = review("l", Some(2), "", vec![s1]);
        let d = diff_reviews(&e, &l);
        assert_eq!(outcomes(&d), vec![("I1", Outcome::Fixed, None)]);
        d.later_rows[0]
            .relations
            .first()
            .map(|r| (r.relation, r.id.clone()))
    };
    assert_eq!(
        relation_of("regression"),
        Some((Relation::Regression, "I1".into()))
    );
    assert_eq!(relation_of("gap"), Some((Relation::Related, "I1".into())));
}

/// What the rancher-desktop-daemon reports write (session 10's held-out set): the previous
/// round named by position (`prior I1, I3, and S1–S2`), a finding's own title words inside a
/// statement about it (`Prior I2 — x dropped a parameter (declined Round 1)`), and a group
/// whose size is not the earlier round's (`Both Round-1 Important findings … are fixed` of
/// three): each finding gets what the text says of it, and nothing the text does not.
#[test]
fn prior_findings_named_by_position_and_by_their_own_words() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![
            finding("I1", "Mock omits ObservedGeneration", "", "x"),
            finding("I2", "startSlowerDesktop dropped a parameter", "", "y"),
            finding("I3", "beforeExit cleanup spawns async work", "", "z"),
            finding("I4", "Lease renewal races shutdown", "", "w"),
            finding("S1", "Status written on every reconcile", "", "v"),
            finding("S2", "Timer leak in waitForAppSettled", "", "u"),
        ],
    );
    let mut l = review("l", Some(2), "", vec![]);
    l.sections.push(section(
        "executive-summary",
        "Executive Summary",
        "The delta commit resolved prior I1, I3, and S1–S2; the author declined prior \
         I2. Both Round-1 Important findings on the mock are fixed and verified.\n",
    ));
    l.sections.push(section(
        "acknowledged-limitations",
        "Acknowledged Limitations",
        "- **Prior I2 — `startSlowerDesktop` dropped a parameter (declined Round 1).** \
         All those suites are `.fixme`.\n",
    ));
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![
            ("I1", Outcome::Fixed, None),
            ("I2", Outcome::Declined, None),
            ("I3", Outcome::Fixed, None),
            // `Both … Important findings` of four Important ones says nothing of I4.
            ("I4", Outcome::NotRaised, None),
            ("S1", Outcome::Fixed, None),
            ("S2", Outcome::Fixed, None),
        ]
    );
}

/// A suggestion its round skipped and the later report lists as declined is still in the code:
/// a later finding much like it is that suggestion raised again, not a new one (a fixed
/// finding's look-alike, by contrast, is most likely a different defect at the same place).
#[test]
fn a_declined_finding_raised_again_pairs() {
    let e = crate::parse::parse_text(EARLIER_SKIPPED).unwrap();
    let l = crate::parse::parse_text(LATER_RERAISED).unwrap();
    let d = diff_reviews(&e, &l);
    assert_eq!(
        outcomes(&d),
        vec![("S2", Outcome::Persisting, Some("S3"))],
        "{:?}",
        d.later_rows
    );
    // With the penalty of a fixed finding, the same pair would not be made.
    let strict = Tuning {
        declined_penalty: TUNING.settled_penalty,
        ..TUNING
    };
    let d = diff_tuned(&e, &l, 1, 2, &Default::default(), &strict);
    assert_eq!(outcomes(&d), vec![("S2", Outcome::Declined, None)]);
}

const EARLIER_SKIPPED: &str = r#"# Deep Review: 20260601-100000-pr-1

| | |
|---|---|
| **Date** | 2026-06-01 10:00 |
| **Round** | 1 (of PR #1) |

## Suggestions

S2. **resolveLongPath need not double the buffer** — `pkg/util/process/process_windows.go:120` [Gemini 3.1 Pro]

`resolveLongPath` doubles the buffer on every retry, but `GetLongPathName` returns the exact length it needs, so one resize is enough; the loop mirrors `processImagePath`.

## Resolution

| Finding | Action |
|---|---|
| S2 | Skipped: doubling is correct and mirrors processImagePath |
"#;

const LATER_RERAISED: &str = r#"# Deep Review: 20260602-100000-pr-1

| | |
|---|---|
| **Date** | 2026-06-02 10:00 |
| **Round** | 2 (of PR #1) |

## Suggestions

S3. **`resolveLongPath` could size the buffer in one retry instead of doubling** — `pkg/util/process/process_windows.go:120-130` [Gemini 3.1 Pro]

`GetLongPathName` returns the exact required length, so a single resize would suffice; the loop doubles instead, mirroring `processImagePath`.

## Acknowledged Limitations

- Declined in prior rounds — `resolveLongPath` need not double the buffer (Round 1 S2; doubling mirrors `processImagePath`).
"#;

/// An item under `Declined in prior rounds`, matched by its title, stays a decline whatever
/// else its words tell: what was dropped here is a reviewer's re-raise of it.
#[test]
fn a_declined_section_item_is_a_decline_though_its_words_say_dropped() {
    let e = review(
        "20260101-000000-pr-1",
        Some(1),
        "2026-01-01",
        vec![finding(
            "S3",
            "CacheDir panics when UserCacheDir fails",
            "p/cache.go",
            "the panic surfaces a stack",
        )],
    );
    let mut l = review("20260102-000000-pr-1", Some(2), "2026-01-02", vec![]);
    l.sections.push(section(
        "acknowledged-limitations",
        "Acknowledged Limitations",
        "### Declined in prior rounds\n\n- **CacheDir panics when UserCacheDir fails** — \
         declined Round 1: the failure needs neither `$HOME` nor `%LocalAppData%`. Claude \
         raised it again in Round 2; dropped per the resolutions gate.\n",
    ));
    let d = diff_reviews(&e, &l);
    assert_eq!(outcomes(&d), vec![("S3", Outcome::Declined, None)]);
}

/// Round 1 proposes code after its `Fix:`; round 2 quotes that code as what the branch holds and
/// finds a defect in it: a follow-up about the fix, never the finding raised again, and the
/// proposal landed. One quoted line only relates them (it may be a test the fix also named).
#[test]
fn a_later_finding_that_quotes_the_proposed_code_is_about_the_fix() {
    let proposal = "```go\nerrs = append(errs, fmt.Errorf(\"preserve %s: %w\", name, err))\ncount += preserveOne(ctx, dir, name, &errs)\n```\n";
    let earlier = finding(
        "S1",
        "PreserveLogs aborts on the first rename failure",
        "pkg/logs/logs.go",
        &format!("```go\nreturn count, fmt.Errorf(\"preserve %s: %w\", name, err)\n```\n\n**Fix:** go on and collect the errors:\n\n{proposal}"),
    );
    let later = finding(
        "S2",
        "PreserveLogs aborts when a rename fails and loses the count",
        "pkg/logs/logs.go",
        &format!("The collected errors drop the count:\n\n{proposal}\n**Fix:** return the count with the joined error."),
    );
    let r1 = review("r1", Some(1), "2026-03-01", vec![earlier.clone()]);
    let r2 = review("r2", Some(2), "2026-03-02", vec![later.clone()]);
    let d = diff_reviews(&r1, &r2);
    assert_eq!(outcomes(&d), vec![("S1", Outcome::Fixed, None)]);
    let ev = &d.earlier_rows[0].evidence[0];
    assert!(
        ev.starts_with("Round 2 S2 quotes 2 lines of the code it proposed"),
        "{ev}"
    );
    let rel = &d.later_rows[0].relations[0];
    assert_eq!((rel.relation, rel.id.as_str()), (Relation::FollowUp, "S1"));
    // Filed as a regression: a defect in the fix.
    let mut regression = later.clone();
    regression.kinds = vec!["regression".into()];
    let d = diff_reviews(&r1, &review("r2", Some(2), "2026-03-02", vec![regression]));
    assert_eq!(d.later_rows[0].relations[0].relation, Relation::Regression);

    // One line: related and kept apart, but no claim that the proposal landed.
    let one = "```go\nerrs = append(errs, fmt.Errorf(\"preserve %s: %w\", name, err))\n```\n";
    let later = finding("S2", &later.title, "pkg/logs/logs.go", one);
    let d = diff_reviews(&r1, &review("r2", Some(2), "2026-03-02", vec![later]));
    assert_eq!(outcomes(&d), vec![("S1", Outcome::NotRaised, None)]);
    assert!(d.earlier_rows[0].evidence[1].contains("quotes a line of the code it proposed"));
}

/// `every Round 1 finding except … (prior-round S4)`: the group claim holds for every member
/// but the ones named after `except`; without a named exception it says nothing.
#[test]
fn a_group_claim_with_named_exceptions_leaves_them_out() {
    let e = review(
        "r1",
        Some(1),
        "2026-05-12",
        vec![
            finding("I1", "waitMirrorResourcesGone is unbounded", "a.go", "x"),
            finding("S1", "Stale tcp/unix wording", "b.go", "y"),
            finding(
                "S4",
                "DockerSocket docstring claims this instance",
                "c.go",
                "z",
            ),
        ],
    );
    let summary = |text: &str| {
        let mut l = review("r2", Some(2), "2026-05-14", vec![]);
        l.sections
            .push(section("executive-summary", "Executive Summary", text));
        diff_reviews(&e, &l)
    };
    let d = summary(
        "Round 2 of PR #350. The author addressed every Round 1 finding except the \
         `DockerSocket()` docstring (prior-round S4), which is now subsumed by the larger \
         finding below.\n",
    );
    assert_eq!(
        outcomes(&d),
        vec![
            ("I1", Outcome::Fixed, None),
            ("S1", Outcome::Fixed, None),
            ("S4", Outcome::NotRaised, None),
        ]
    );
    let d = summary("The author addressed every Round 1 finding except the docstring one.\n");
    assert!(d
        .earlier_rows
        .iter()
        .all(|r| r.outcome == Outcome::NotRaised));
}

/// A finding whose Markdown title has `code` spans (`title` is its text without them).
fn coded(id: &str, title_md: &str, path: &str, body: &str) -> Finding {
    let mut f = finding(id, "", path, body);
    f.title = title_md.replace('`', "");
    f.title_md = title_md.into();
    f
}

/// Two findings on one function whose titles share nothing but the function's name are two
/// defects there, not one reworded (rancher-desktop-daemon: `setVerbosityFromEnv silently
/// ignores unrecognized levels` and, a round later, `setVerbosityFromEnv default message lacks
/// guidance`); the same words about what goes wrong still pair.
#[test]
fn titles_that_share_only_the_subject_do_not_pair() {
    let e = review(
        "e",
        Some(1),
        "",
        vec![coded(
            "I3",
            "`setVerbosityFromEnv` silently ignores unrecognized levels",
            "",
            "`setVerbosityFromEnv` falls through its switch for any value it does not know, so \
             a typo in the variable leaves the default level in place.",
        )],
    );
    let other = coded(
        "S4",
        "`setVerbosityFromEnv` default message lacks guidance",
        "",
        "When the variable is unset, `setVerbosityFromEnv` prints the default with no hint of \
         the accepted values.",
    );
    let l = review("l", Some(2), "", vec![other.clone()]);
    // They score 0.30 on similarity (the subject's symbol, a few words), over the threshold.
    let d = diff_reviews(&e, &l);
    assert_eq!(outcomes(&d), vec![("I3", Outcome::NotRaised, None)]);
    // Without the penalty these two would pair: the test holds the rule, not the data.
    let loose = Tuning {
        subject_only_penalty: 0.0,
        ..TUNING
    };
    let d = diff_tuned(&e, &l, 1, 2, &Overrides::default(), &loose);
    assert_eq!(outcomes(&d), vec![("I3", Outcome::Persisting, Some("S4"))]);
    // Reworded, with a word of what goes wrong in common: the same finding.
    let mut same = other;
    same.title_md = "`setVerbosityFromEnv` ignores unknown levels without a warning".into();
    same.title = same.title_md.replace('`', "");
    let l = review("l", Some(2), "", vec![same]);
    let d = diff_reviews(&e, &l);
    assert_eq!(outcomes(&d), vec![("I3", Outcome::Persisting, Some("S4"))]);
}
