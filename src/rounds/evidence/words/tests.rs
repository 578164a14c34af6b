use super::super::text::{items, sentence_at};
use super::*;
use crate::parse::xref;

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
    assert_eq!(claim_of("this restates round 1 i3;"), Some(Claim::Persists));
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
    // A likeness is not identity: the later finding holds the earlier one up as a model.
    assert_eq!(
        rel("Documenting as a known trade-off (matching R6-I1) is acceptable if the trigger is rare."),
        Relation::Related
    );
    assert_eq!(
        rel("Like round 2's S3, the retry still swallows the error."),
        Relation::Related
    );
    assert_eq!(rel("This is round 2's S3, still open."), Relation::Same);
    assert_eq!(
        rel("Reaching it takes a hand-picked ID, as round-1 S1 did."),
        Relation::Related
    );
    // The earlier finding closed, or its fix told as what left this one behind.
    assert_eq!(
        rel("This line is new in this round and closes round 1's S7, but `EB` is no suffix."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("The doc is rewritten, resolving Round 1 S2, but still omits ownership (S3)."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("This is the direct-entry half that round 1's I2 left open, and it predates the PR."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("So this is the reverse half of round-1 S1 rather than a regression."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("Round 1 I2's type error is genuinely fixed. The new parser rejects `1e3`."),
        Relation::FollowUp
    );
    // A word that only ends like one does not count (`discloses` is not `closes`).
    assert_eq!(
        rel("The log discloses round 1's S7 token as before."),
        Relation::Same
    );
    // … but not when it says the finding is unfixed, or that a part was fixed.
    assert_eq!(
        rel("It is round 2's I4, unfixed and now formalized into a shared helper."),
        Relation::Same
    );
    assert_eq!(
        rel("Round 2's I6 was partially resolved: the writer still races."),
        Relation::Same
    );
    // What the earlier finding asked for, or was about, told as history: the new finding
    // is about what came of it, not the same one raised again.
    assert_eq!(
        rel("Round 4's S6 asked for the warning to move below the return, and it did. But …"),
        Relation::FollowUp
    );
    assert_eq!(
        rel("The anchors added this round reject such a line, which is what round 3's I3 asked for."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("Round-4 S2 moved the lock file into `filenames.go`, but this socket stayed a bare literal."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("This leaves the failure case `True` so round 3's I5 stays fixed, and the suite stays green."),
        Relation::Related
    );
    assert_eq!(
        rel("Line 135 also sets it, which is how round-1 I3 was fixed, so a reader would conclude …"),
        Relation::Related
    );
    assert_eq!(
        rel("Round 2's I6 was fixed for `rdd svc delete` only."),
        Relation::Same
    );
    assert_eq!(
        rel("Round 1's I2 named `virtualMachine.cpus`. The fix landed in the coercion helper."),
        Relation::FollowUp
    );
    assert_eq!(
        rel("Round-1 S4 flagged this for the writer too."),
        Relation::Same
    );
    assert_eq!(
        rel("Round-4 I4 was about the block-device helper. This one is the network helper."),
        Relation::Related
    );
    assert_eq!(
        rel("Round 3's I5 asked for the warning at every caller, and it is still missing in two."),
        Relation::Same
    );
    assert_eq!(
        rel("Round 1's S4 asked for a test with a subscriber that stops reading. The fix landed without one."),
        Relation::Same
    );
}

/// Words of a claim that also have a plain meaning: a regression test "fails against the
/// unfixed code" of a fixed finding; a finding that "skips upstream verify" claims nothing.
#[test]
fn claim_words_that_are_not_claims() {
    assert_ne!(
        claim_of(
            "walks every transition, and the round 1 i1/i2/i3 regression tests are present, \
             each confirmed to fail against the unfixed code."
        ),
        Some(Claim::Persists)
    );
    assert_eq!(
        claim_of("one carry-over concern (round 5 s10), one comment on callsites that skip upstream verify."),
        None
    );
    assert_eq!(
        claim_of("all four round 2 suggestion fixes verify against the current code."),
        Some(Claim::Fixed)
    );
    assert_eq!(
        claim_of(
            "round 3's fixes (wildcard-skip in `publish`, `accepttcp` log throttle) hold up \
             against the current code."
        ),
        Some(Claim::Fixed)
    );
    assert_eq!(
        claim_of("both important findings came from codex alone, and both hold up."),
        None
    );
    assert_eq!(
        claim_of("round-1 i1 is partially resolved."),
        Some(Claim::Persists)
    );
    // `closed` describes code as often as it closes a finding.
    assert_eq!(
        claim_of("nested goroutines that can panic on a closed channel, missing read deadlines"),
        None
    );
    assert_eq!(claim_of("round 2's s3 is closed."), Some(Claim::Fixed));
    // A verb of closing right before a reference, in its own clause, claims it fixed; said of
    // anything else it claims nothing.
    let s = "the design doc is rewritten, resolving round 1 s2, but still omits ownership (s3).";
    assert_eq!(
        clause_claim(s, s.find("round 1").unwrap()),
        Some(Claim::Fixed)
    );
    let s = "the auto-enable resolves through the defaulter, retiring the caveat (round 1 s2).";
    assert_eq!(clause_claim(s, s.find("round 1").unwrap()), None);
    assert_eq!(
        claim_of("the race is latent and unfixed (round 1 i2)."),
        Some(Claim::Persists)
    );
    // Denied, not raised again: the heading's `declined` is the claim.
    assert_eq!(
        claim_of(
            "declined in prior rounds, re-checked and not re-raised: `pathforrsync` \
             duplicating the resolve-and-probe half (round 4 s5;"
        ),
        Some(Claim::Declined)
    );
}

#[test]
fn a_finding_that_says_it_was_raised_before_without_an_id() {
    assert!(says_carried_from(
        "Line 73 says `dynamic` finds template literals (this drift persisted from Round 1).",
        1
    ));
    assert!(says_carried_from(
        "%w in a log.Errorf call. Also flagged in Round 1.",
        1
    ));
    assert!(!says_carried_from("Also flagged in Round 2.", 1));
    assert!(!says_carried_from(
        "Raised as a design observation (the code path is unchanged since Round 3).",
        3
    ));
}

/// In a list after a colon the words describe the new code; the lead says what happened.
#[test]
fn a_listed_reference_takes_the_claim_of_its_lead() {
    let item = "It folds in the Round 4 fixes, all of which verify against the current code: \
                the unsigned cache is dropped on failure (Round 4 S6); the lock is still \
                taken twice (Round 4 S7).";
    let at = |id: &str| {
        let k = item.find(id).unwrap();
        let span = k..k + id.len();
        claim_at(
            item,
            span.clone(),
            &super::super::text::sentence_at(item, span),
        )
    };
    assert_eq!(at("Round 4 S6"), Some(Claim::Fixed));
    assert_eq!(at("Round 4 S7"), Some(Claim::Persists));
    assert_eq!(
        claim_at(
            "Round 3 S4 was dropped as a false positive.",
            0..10,
            "Round 3 S4 was dropped as a false positive."
        ),
        Some(Claim::Dropped)
    );
}

/// "All round-1 findings are fixed" speaks of the findings a round resolves, not of its
/// design observations.
#[test]
fn a_claim_about_all_findings_leaves_design_observations_out() {
    use crate::rounds::test_util::finding;
    let mut design = finding("D1", "Two sources of truth", "", "journal");
    design.severity = Severity::Design;
    let important = finding("I1", "Nil pointer", "a.go", "stat");
    assert!(!Group::All.includes(&design));
    assert!(Group::All.includes(&important));
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
        group_claim(low, 1),
        Some((Claim::Fixed, Group::Severity(Severity::Important), Some(3)))
    ));
    assert!(matches!(
        group_claim("all round 1 fixes verify.", 1),
        Some((Claim::Fixed, Group::Fixes, None))
    ));
    assert!(matches!(
        group_claim("round 4 answers all seven round-3 important findings.", 3),
        Some((
            Claim::Answered,
            Group::Severity(Severity::Important),
            Some(7)
        ))
    ));
    // `all seven`: seven, not any number.
    assert!(matches!(
        group_claim(
            "round 5 reviews the recut commit that closes all seven round-4 findings, and every fix holds.",
            4
        ),
        Some((Claim::Fixed, Group::All, Some(7)))
    ));
    assert!(matches!(
        group_claim("both criticals from round 1 are fixed.", 1),
        Some((Claim::Fixed, Group::Severity(Severity::Critical), Some(2)))
    ));
    assert!(group_claim("most round 1 findings are addressed.", 1).is_none());
    assert!(group_claim("all round 2 findings are addressed.", 1).is_none());
    // The quantifier is about something else; the round is named elsewhere.
    assert!(group_claim(
        "tests for restart policies across a stop, and for delete of a never-started \
         container — declined round 1: both cover the deferred findings above and would \
         commit a red test.",
        1
    )
    .is_none());
    // A status list follows, not a claim.
    assert!(group_claim(
        "every round-1 finding is carried forward above with its current status.",
        1
    )
    .is_none());
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

#[test]
fn claim_words_count_only_where_a_word_starts() {
    // Set 7: a strength about the fix named the test's states; `probe-skipped` is not a decline.
    assert_eq!(
        claim_of(
            "the round 3 i1 bats-test fix (`>= 2 get /version` count) discriminates probe-ran \
             from probe-skipped;"
        ),
        None
    );
    assert_eq!(claim_of("the path stays unverified"), None);
    assert_eq!(claim_of("ids are now prefixed with the round"), None);
    assert_eq!(claim_of("round 1 s2 was skipped"), Some(Claim::Declined));
    assert_eq!(claim_of("(fixed)"), Some(Claim::Fixed));
    assert!(has_word("re-raised in round 2", "re-raise"));
    assert!(!has_word("a non_fixed value", "fixed"));
}
