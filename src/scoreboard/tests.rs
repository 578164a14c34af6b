use super::*;
use crate::model::{family_of, Finding, Meta, Repo, Reviewer, Round, Status, Table};

fn finding(id: &str, agents: &[&str], status: Status) -> Finding {
    Finding {
        title: format!("Finding {id}"),
        title_md: format!("Finding {id}"),
        agents: agents.iter().map(|a| a.to_string()).collect(),
        status,
        line: 1,
        ..Finding::new(
            id,
            Severity::parse(&id[..1]).unwrap_or(Severity::Suggestion),
        )
    }
}

fn report(slug: &str, date: &str, repo: Option<&str>, findings: Vec<Finding>) -> Review {
    Review {
        slug: slug.to_string(),
        title: format!("Deep Review: {slug}"),
        meta: Meta {
            date: date.to_string(),
            repo: repo.map(|r| Repo {
                name: r.to_string(),
                url: None,
            }),
            round: Some(Round {
                number: 1,
                of: None,
                text: "1".into(),
            }),
            reviewers: ["Claude Opus 4.7", "Codex GPT 5.5"]
                .iter()
                .map(|n| Reviewer {
                    name: n.to_string(),
                    family: family_of(n),
                    effort: None,
                    note: None,
                })
                .collect(),
            ..Default::default()
        },
        findings,
        ..Default::default()
    }
}

#[test]
fn odd_input_never_panics_and_missing_stays_missing() {
    // No findings, no retro, no date, no reviewers.
    let empty = Review {
        slug: "x".into(),
        ..Default::default()
    };
    let mut r = report(
        "20260101-000000-a",
        "2026-01-01",
        Some("o/a"),
        vec![
            finding("I1", &[], Status::Open),
            finding("I2", &["Consolidator"], Status::Dropped),
            finding(
                "S1",
                &["", "  ", "[Claude]", "Claude Opus 4.7"],
                Status::Open,
            ),
        ],
    );
    // A table whose header has no agents, and one with a ragged row.
    r.retro.table = Some(Table {
        columns: vec!["Metric".into()],
        rows: vec![vec!["Duration".into()]],
    });
    let mut s = report("20260102-000000-b", "", None, vec![]);
    s.retro.table = Some(Table {
        columns: vec!["".into(), "Claude Opus 4.7".into(), "Codex GPT 5.5".into()],
        rows: vec![
            vec!["Duration".into(), "—".into()],
            vec![],
            vec!["Tool calls".into(), "N/A".into(), "12 (shell 12)".into()],
        ],
    });
    let reviews = vec![empty, r, s];
    let corpus = Corpus::new(&reviews);
    let board = corpus.scoreboard(&Filter::default());
    assert_eq!(board.reports, 3);
    assert_eq!(board.findings, 3);
    assert_eq!(board.unattributed, 1);
    let claude = board.row(Grouping::Model, "Claude Opus 4.7").unwrap();
    // `[Claude]` is the report's only Claude reviewer: one name, counted once, sole.
    assert_eq!((claude.raised, claude.sole, claude.issues), (1, 1, 1));
    // Duration `—` and tool calls `N/A`: missing, not zero.
    assert!(claude.retro.is_empty());
    let codex = board.row(Grouping::Model, "Codex GPT 5.5").unwrap();
    assert_eq!(codex.raised, 0);
    assert_eq!(codex.confirmation_rate, None);
    assert_eq!(codex.noise_rate, None);
    let tc = codex.retro("tool_calls").unwrap();
    assert_eq!((tc.sum, tc.reports), (12.0, 1));
    let cons = board.row(Grouping::Family, "Consolidator").unwrap();
    assert_eq!(
        (cons.raised, cons.fates.dropped, cons.noise_rate),
        (1, 1, Some(1.0))
    );
    // A date filter drops the undated report; the one without a header date is dated by its
    // slug. Text and CSV render without panicking.
    let f = Filter {
        since: Some("2026".into()),
        ..Default::default()
    };
    assert_eq!(corpus.scoreboard(&f).reports, 2);
    assert!(table(&board).contains("Consolidator"));
    assert!(csv(&board).lines().count() > 1);
    let none = corpus.scoreboard(&Filter {
        repo: Some("nope".into()),
        ..Default::default()
    });
    assert_eq!(none.reports, 0);
    assert!(table(&none).contains("No report matches"));
    assert!(corpus
        .drill(&Filter::default(), Grouping::Model, "Nobody", "raised")
        .is_some_and(|d| d.findings.is_empty()));
    assert!(corpus
        .drill(
            &Filter::default(),
            Grouping::Model,
            "Claude Opus 4.7",
            "bogus"
        )
        .is_none());
}

#[test]
fn filters_and_their_query_form() {
    let reviews = [
        report(
            "20260701-000000-pr-1",
            "2026-07-01T10:00",
            Some("Acme/Tide"),
            vec![],
        ),
        report(
            "20260731-000000-pr-2",
            "2026-07-31",
            Some("acme/tide"),
            vec![],
        ),
        report(
            "20260801-000000-pr-2",
            "2026-08-01",
            Some("acme/other"),
            vec![],
        ),
    ];
    let kept = |f: &Filter| -> Vec<&str> {
        reviews
            .iter()
            .filter(|r| f.matches(r))
            .map(|r| r.slug.as_str())
            .collect()
    };
    let f = Filter {
        until: Some("2026-07".into()),
        ..Default::default()
    };
    assert_eq!(kept(&f).len(), 2, "until 2026-07 keeps all of July");
    let f = Filter {
        since: Some("2026-07-31".into()),
        ..Default::default()
    };
    assert_eq!(kept(&f).len(), 2);
    let f = Filter {
        repo: Some("tide".into()),
        ..Default::default()
    };
    assert_eq!(kept(&f).len(), 2, "repository by name, any case");
    let f = Filter {
        pr: Some(2),
        ..Default::default()
    };
    assert_eq!(kept(&f).len(), 2, "the PR from the slug");
    let f = Filter {
        repo: Some("acme/tide".into()),
        since: Some("2026-07-02".into()),
        until: Some("2026-08-31".into()),
        pr: Some(2),
    };
    assert_eq!(kept(&f), vec!["20260731-000000-pr-2"]);
    let q = f.to_query();
    assert_eq!(q, "repo=acme/tide&since=2026-07-02&until=2026-08-31&pr=2");
    assert_eq!(Filter::from_query(&format!("?{q}&view=agents")), f);
    assert_eq!(
        Filter::from_query("repo=a%20b").repo.as_deref(),
        Some("a b")
    );
    assert!(
        Filter::from_query("repo=%").repo.is_some(),
        "a stray % is kept"
    );
    assert!(Filter {
        since: Some("July".into()),
        ..Default::default()
    }
    .check()
    .is_err());
    assert!(f.check().is_ok());
}

/// Two single-round reports: July (Claude Opus 4.7 I1 fixed, Codex S1 open) and August
/// (Claude Opus 4.8 I1 open, I2 declined).
pub(super) fn two_month_board() -> Scoreboard {
    let mut july = report(
        "20260710-000000-a",
        "2026-07-10",
        Some("o/a"),
        vec![
            finding("I1", &["Claude Opus 4.7"], Status::Resolved),
            finding("S1", &["Codex GPT 5.5"], Status::Open),
        ],
    );
    july.meta.reviewers.truncate(2);
    let aug = report(
        "20260802-000000-b",
        "2026-08-02",
        Some("o/a"),
        vec![
            finding("I1", &["Claude Opus 4.8"], Status::Open),
            finding("I2", &["Claude Opus 4.8"], Status::Declined),
        ],
    );
    Corpus::new(&[july, aug]).scoreboard(&Filter::default())
}
