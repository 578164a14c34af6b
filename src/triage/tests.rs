use super::*;
use crate::model::{PullRequest, Repo, Round, Severity};

fn finding(id: &str, title_md: &str, locations: Vec<Location>) -> Finding {
    Finding {
        title: title_md.replace('`', ""),
        title_md: title_md.to_string(),
        locations,
        agents: vec!["Claude Opus 4.6".into()],
        body_md: "Body.".into(),
        line: 1,
        ..Finding::new(
            id,
            Severity::parse(&id[..1]).unwrap_or(Severity::Suggestion),
        )
    }
}

fn loc(path: &str, start: Option<u32>, end: Option<u32>) -> Location {
    Location {
        path: path.into(),
        start_line: start,
        end_line: end,
        text: path.into(),
    }
}

fn review() -> Review {
    let mut r = Review {
        slug: "20260322-142409-pr-242".into(),
        title: "Deep Review: 20260322-142409-pr-242".into(),
        ..Review::default()
    };
    r.meta.date = "2026-03-22T14:24".into();
    r.meta.repo = Some(Repo {
        name: "lima-vm/lima".into(),
        url: None,
    });
    r.meta.pr = Some(PullRequest {
        number: 242,
        url: Some("https://github.com/lima-vm/lima/pull/242".into()),
        title: None,
    });
    r.meta.round = Some(Round {
        number: 2,
        of: None,
        text: "2".into(),
    });
    r.findings = vec![
        finding(
            "C1",
            "Socket leak in `hostagent`",
            vec![loc("pkg/hostagent/hostagent.go", Some(120), Some(134))],
        ),
        finding("I1", "Missing test", vec![]),
        finding(
            "I2",
            "Race on reconnect",
            vec![
                loc("pkg/a.go", Some(7), None),
                loc("pkg/b.go", Some(9), Some(9)),
            ],
        ),
        finding(
            "S1",
            "Rename flag",
            vec![loc("cmd/limactl/main.go", None, None)],
        ),
        finding("D1", "Layering", vec![]),
    ];
    r
}

#[test]
fn mark_spellings_and_keys() {
    for m in Mark::ALL {
        assert_eq!(Mark::parse(m.as_str()), Some(m));
        assert_eq!(Mark::from_key(m.key()), Some(m));
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            format!("\"{}\"", m.as_str())
        );
    }
    assert_eq!(Mark::parse("Won't fix"), Some(Mark::WontFix));
    assert_eq!(Mark::parse("WILL_FIX"), Some(Mark::WillFix));
    assert_eq!(Mark::parse("maybe"), None);
    assert_eq!(Mark::from_key('5'), None);
    assert_eq!(Mark::ALL.map(Mark::key).iter().collect::<String>(), "1234");
}

#[test]
fn set_mark_is_a_toggle_and_switches_between_marks() {
    let mut t = Triage::default();
    assert_eq!(t.mark_of("I2"), None);
    assert_eq!(t.set_mark("I2", Mark::Discuss), Some(Mark::Discuss));
    assert_eq!(t.mark_of("I2"), Some(Mark::Discuss));
    // Another mark replaces it.
    assert_eq!(t.set_mark("I2", Mark::WillFix), Some(Mark::WillFix));
    assert_eq!(t.mark_of("I2"), Some(Mark::WillFix));
    // The same mark again clears it, and the empty entry disappears.
    assert_eq!(t.set_mark("I2", Mark::WillFix), None);
    assert_eq!(t.mark_of("I2"), None);
    assert!(t.marks.is_empty());
}

#[test]
fn notes_survive_mark_toggles_and_blank_notes_vanish() {
    let mut t = Triage::default();
    t.set_note("C1", "owner: jan");
    assert_eq!(t.note_of("C1"), "owner: jan");
    assert_eq!(t.mark_of("C1"), None);
    t.set_mark("C1", Mark::WontFix);
    t.set_mark("C1", Mark::WontFix);
    assert_eq!(
        t.note_of("C1"),
        "owner: jan",
        "clearing the mark keeps the note"
    );
    assert_eq!(t.marks.len(), 1);
    t.set_note("C1", "  ");
    assert!(
        t.marks.is_empty(),
        "no mark and a blank note leave no entry"
    );
    t.set_mark("C1", Mark::Discuss);
    t.set_note("C1", "x");
    t.clear("C1");
    assert_eq!((t.mark_of("C1"), t.note_of("C1")), (None, ""));
    t.clear("never-set");
    assert!(t.marks.is_empty());
}

#[test]
fn next_untriaged_moves_forward_wraps_and_skips_marked() {
    let ids = ["C1", "I1", "I2", "S1", "D1"];
    let mut t = Triage::default();
    assert_eq!(t.next_untriaged(&ids, None), Some("C1"));
    t.set_mark("C1", Mark::WillFix);
    assert_eq!(t.next_untriaged(&ids, Some("C1")), Some("I1"));
    t.set_mark("I2", Mark::Discuss);
    assert_eq!(
        t.next_untriaged(&ids, Some("I1")),
        Some("S1"),
        "skips marked I2"
    );
    // Wraps around from the end.
    t.set_mark("D1", Mark::Duplicate);
    assert_eq!(t.next_untriaged(&ids, Some("D1")), Some("I1"));
    // The current finding is never "next", even when it is unmarked.
    t.set_mark("S1", Mark::WontFix);
    assert_eq!(t.next_untriaged(&ids, Some("I1")), None);
    t.set_mark("I1", Mark::WillFix);
    assert_eq!(t.next_untriaged(&ids, Some("I1")), None, "all marked");
    // A current id outside the filtered list starts at the top.
    t.clear("I2");
    assert_eq!(t.next_untriaged(&ids, Some("X9")), Some("I2"));
    assert_eq!(t.next_untriaged::<&str>(&[], Some("I2")), None);
    assert_eq!(t.marked_count(&ids), 4);
    // A note alone does not mark a finding: one definition of "marked".
    t.set_note("X7", "ask the author");
    assert_eq!(t.marked_count(&ids), 4);
    assert_eq!(t.marked_total(), 4);
    assert_eq!(t.noted_total(), 1);
}

#[test]
fn storage_key_separates_same_slug_different_content() {
    let a = review();
    let mut b = review();
    b.findings[1].title = "Missing tests for reconnect".into();
    let key = storage_key(&a);
    assert!(key.starts_with("deep-review/triage/v1/20260322-142409-pr-242/"));
    assert_eq!(
        key.len(),
        "deep-review/triage/v1/20260322-142409-pr-242/".len() + 12
    );
    assert_eq!(key, storage_key(&review()), "stable for the same report");
    assert_ne!(key, storage_key(&b));
    // Bodies and diagnostics do not change the key (a re-render keeps marks).
    let mut c = review();
    c.findings[0].body_md = "Reworded body.".into();
    assert_eq!(key, storage_key(&c));
    // Field boundaries matter.
    let mut d = review();
    d.findings[0].id = "C1S".into();
    d.findings[0].title = "ocket leak in hostagent".into();
    assert_ne!(key, storage_key(&d));
}

#[test]
fn storage_round_trip() {
    let r = review();
    let mut t = Triage::default();
    t.set_mark("C1", Mark::WillFix);
    t.set_mark("I2", Mark::Discuss);
    t.set_note("I2", "ask \"Jan\" — später\nsecond line");
    t.set_note("S1", "note only");
    let json = t.to_storage_json(&r);
    assert!(!json.contains("Socket leak"), "storage carries no titles");
    assert_eq!(Triage::from_storage_json(&r, &json), Ok(t));
    let empty = Triage::default();
    assert_eq!(
        Triage::from_storage_json(&r, &empty.to_storage_json(&r)),
        Ok(empty)
    );
}

#[test]
#[cfg_attr(
    not(feature = "json-paths"),
    ignore = "two cases check json-paths' field paths"
)]
fn corrupt_and_foreign_storage_values_are_clear_errors() {
    let r = review();
    let hash = content_hash(&r);
    let ok_prefix = format!(
        r#"{{"schema":"deep-review-triage/1","slug":"20260322-142409-pr-242","report":"{hash}""#
    );
    type Case = (String, fn(&TriageError) -> bool, &'static str);
    let cases: Vec<Case> = vec![
            ("".into(), |e| matches!(e, TriageError::NotJson { .. }), "not valid JSON"),
            ("{\"schema\":".into(), |e| matches!(e, TriageError::NotJson { .. }), "not valid JSON"),
            ("undefined".into(), |e| matches!(e, TriageError::NotJson { .. }), "not valid JSON"),
            (format!("{ok_prefix}}} trailing"), |e| matches!(e, TriageError::NotJson { .. }), "not valid JSON"),
            ("[1,2]".into(), |e| matches!(e, TriageError::WrongFormat { found } if found.is_empty()), "not triage data"),
            ("{}".into(), |e| matches!(e, TriageError::WrongFormat { found } if found.is_empty()), "not triage data"),
            (r#"{"schema":"deep-review/1","slug":"x"}"#.into(), |e| matches!(e, TriageError::WrongFormat { .. }), "\"deep-review/1\""),
            (r#"{"schema":"deep-review-triage/2","entries":"new shape"}"#.into(), |e| matches!(e, TriageError::WrongFormat { .. }), "deep-review-triage/2"),
            (r#"{"schema":7}"#.into(), |e| matches!(e, TriageError::WrongFormat { .. }), "\"7\""),
            (r#"{"schema":"deep-review-triage/1","slug":"20260101-000000-pr-1","report":"x"}"#.into(), |e| matches!(e, TriageError::WrongReport { .. }), "20260101-000000-pr-1"),
            (format!("{ok_prefix},\"entries\":[{{\"id\":\"I2\",\"mark\":\"maybe\"}}]}}"), |e| matches!(e, TriageError::Invalid { path, .. } if path == "entries[0].mark"), "entries[0].mark"),
            (format!("{ok_prefix},\"entries\":{{}}}}"), |e| matches!(e, TriageError::Invalid { path, .. } if path == "entries"), "`entries`"),
            (r#"{"schema":"deep-review-triage/1","slug":"20260322-142409-pr-242","report":"000000000000"}"#.into(), |e| matches!(e, TriageError::ReportChanged { .. }), "different version"),
        ];
    for (json, is_expected, message_part) in cases {
        let err = Triage::from_storage_json(&r, &json).expect_err(&json);
        assert!(is_expected(&err), "{json}: {err:?}");
        let msg = err.to_string();
        assert!(msg.contains(message_part), "{json}: {msg}");
    }
    // A well-formed value with unknown extra fields still loads.
    let json = format!("{ok_prefix},\"future\":true,\"entries\":[{{\"id\":\"I1\",\"mark\":\"wont-fix\",\"extra\":1}}]}}");
    let t = Triage::from_storage_json(&r, &json).unwrap();
    assert_eq!(t.mark_of("I1"), Some(Mark::WontFix));
}

#[test]
fn export_import_round_trip_reports_unknown_ids() {
    let r = review();
    let mut t = Triage::default();
    t.set_mark("C1", Mark::WillFix);
    t.set_note("D1", "later");
    let json = to_json(&r, &t);
    assert!(
        json.contains("\"title\": \"Socket leak in hostagent\""),
        "{json}"
    );
    assert!(json.contains("\"pr\": 242"), "{json}");
    let imported = import_json(&r, &json).unwrap();
    assert_eq!(imported.triage, t);
    assert!(imported.unknown_ids.is_empty());
    assert!(imported.notices().is_empty());

    // Ids the report does not have are listed, not applied and not silently dropped.
    let foreign = json.replace("\"D1\"", "\"D9\"");
    let imported = import_json(&r, &foreign).unwrap();
    assert_eq!(imported.unknown_ids, vec!["D9".to_string()]);
    assert_eq!(imported.triage.mark_of("C1"), Some(Mark::WillFix));
    assert_eq!(imported.triage.note_of("D9"), "");
    let notices = imported.notices().join(" ");
    assert!(
        notices.contains("D9") && notices.contains("not applied"),
        "{notices}"
    );

    // From another version of the same report: applied, with a notice.
    let mut r2 = review();
    r2.findings[3].title = "Rename the flag".into();
    let imported = import_json(&r2, &json).unwrap();
    assert!(imported.other_version);
    assert_eq!(imported.triage, t);
    assert!(imported.notices()[0].contains("different version"));

    // Another report's marks are refused.
    let mut other = review();
    other.slug = "20260401-000000-pr-9".into();
    assert!(matches!(
        import_json(&other, &json),
        Err(TriageError::WrongReport { .. })
    ));
}

#[test]
fn merge_from_overrides_per_finding() {
    let mut local = Triage::default();
    local.set_mark("C1", Mark::Discuss);
    local.set_mark("I1", Mark::WillFix);
    let mut incoming = Triage::default();
    incoming.set_mark("C1", Mark::WontFix);
    incoming.set_note("S1", "x");
    local.merge_from(&incoming);
    assert_eq!(local.mark_of("C1"), Some(Mark::WontFix));
    assert_eq!(local.mark_of("I1"), Some(Mark::WillFix));
    assert_eq!(local.note_of("S1"), "x");
}

#[test]
fn markdown_export_exact() {
    let r = review();
    let mut t = Triage::default();
    t.set_mark("I2", Mark::WillFix);
    t.set_note("I2", "Jan takes it\n- add a test");
    t.set_mark("C1", Mark::WillFix);
    t.set_mark("S1", Mark::Duplicate);
    t.set_note("S1", "same as I2");
    t.set_note("D1", "revisit next round");
    let expected = "\
## Triage: 20260322-142409-pr-242

lima-vm/lima · [PR #242](https://github.com/lima-vm/lima/pull/242) · Round 2

### Will fix (2)

- **C1** Socket leak in `hostagent` — `pkg/hostagent/hostagent.go:120-134`
- **I2** Race on reconnect — `pkg/a.go:7`, `pkg/b.go:9` — Jan takes it
  - add a test

### Duplicate (1)

- **S1** Rename flag — `cmd/limactl/main.go` — same as I2

### Untriaged (2)

- **I1** Missing test
- **D1** Layering — revisit next round
";
    assert_eq!(to_markdown(&r, &t), expected);
}

#[test]
fn markdown_export_minimal_report() {
    let r = Review {
        slug: "shell-sync".into(),
        ..Review::default()
    };
    assert_eq!(
        to_markdown(&r, &Triage::default()),
        "## Triage: shell-sync\n\nNo findings.\n"
    );
    let mut r = r;
    r.findings = vec![finding(
        "S1",
        "Odd `` ` `` path",
        vec![loc("we`ird.go", Some(3), Some(5))],
    )];
    let mut t = Triage::default();
    t.set_mark("S1", Mark::WontFix);
    assert_eq!(
            to_markdown(&r, &t),
            "## Triage: shell-sync\n\n### Won't fix (1)\n\n- **S1** Odd `` ` `` path — `` we`ird.go:3-5 ``\n"
        );
}
