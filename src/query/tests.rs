use super::*;
use crate::model::Location;

fn f(id: &str, sev: Severity, status: Status, agents: &[&str], kinds: &[&str]) -> Finding {
    Finding {
        title: format!("Title of {id}"),
        title_md: format!("Title of {id}"),
        kinds: kinds.iter().map(|k| k.to_string()).collect(),
        agents: agents.iter().map(|a| a.to_string()).collect(),
        status,
        line: 1,
        ..Finding::new(id, sev)
    }
}

const CLAUDE: &str = "Claude Opus 4.6";
const CODEX: &str = "Codex GPT 5.4";
const GEMINI: &str = "Gemini 2.5 Pro";

/// The hand-built report used for matching and counts.
fn findings() -> Vec<Finding> {
    use Severity::*;
    let mut v = vec![
        f(
            "C1",
            Critical,
            Status::Open,
            &[CLAUDE, CODEX],
            &["regression"],
        ),
        f("I1", Important, Status::Open, &[CODEX], &["gap"]),
        f(
            "I2",
            Important,
            Status::Resolved,
            &[GEMINI],
            &["gap", "in-scope"],
        ),
        f(
            "S1",
            Suggestion,
            Status::Deferred,
            &[CLAUDE, GEMINI],
            &["enhancement"],
        ),
        f(
            "S2",
            Suggestion,
            Status::Dropped,
            &[CODEX, "Consolidator"],
            &[],
        ),
        f(
            "D1",
            Design,
            Status::Open,
            &["Claude Sonnet 4.6"],
            &["future"],
        ),
    ];
    v[0].title = "Socket leak in hostagent".into();
    v[0].body_md = "The socket is never **closed** on error.".into();
    v[0].locations = vec![Location {
        path: "pkg/hostagent/hostagent.go".into(),
        start_line: Some(120),
        end_line: Some(134),
        text: "pkg/hostagent/hostagent.go:120-134".into(),
    }];
    v[2].title = "Race on reconnect".into();
    v[2].body_md = "Größe der Warteschlange".into();
    v
}

fn marks() -> Triage {
    let mut t = Triage::default();
    t.set_mark("C1", Mark::WillFix);
    t.set_mark("I1", Mark::Discuss);
    t.set_mark("S2", Mark::WillFix);
    t
}

fn ids(state: &ViewState) -> Vec<String> {
    let fs = findings();
    filter(state, &fs, &marks())
        .into_iter()
        .map(|f| f.id.clone())
        .collect()
}

fn q(query: &str) -> ViewState {
    let (s, notices) = ViewState::from_query_with_notices(query);
    assert!(notices.is_empty(), "{query}: {notices:?}");
    s
}

// ---- URL ----

#[test]
fn index_filters_are_kept_without_notices() {
    let (s, notices) = ViewState::from_query_with_notices(
        "repo=acme%2Fx&verdict=rework&from=2026-07-01&to=2026-07-31&bogus=1",
    );
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(notices[0].contains("bogus"));
    assert_eq!(
        s.to_query(),
        "repo=acme/x&verdict=rework&from=2026-07-01&to=2026-07-31&bogus=1"
    );
}

#[test]
fn canonical_query_string_follows_the_design_order() {
    let mut s = ViewState {
        view: View::Diff,
        src: vec!["a.md".into(), "https://host/r/b.md".into()],
        compare: Some("c.md".into()),
        q: "text".into(),
        finding: Some("I2".into()),
        ..ViewState::default()
    };
    s.sev.include = vec![Severity::Critical, Severity::Important];
    s.status.include = vec![Status::Open];
    s.agent.include = vec!["codex".into(), "gemini".into()];
    s.kind.include = vec!["gap".into()];
    assert_eq!(
        s.to_query(),
        "src=a.md&src=https://host/r/b.md&compare=c.md&sev=critical,important&status=open\
             &agent=codex,gemini&kind=gap&q=text&finding=I2&view=diff"
    );
    assert_eq!(ViewState::from_query(&s.to_search()), s);
    s.sev.exclude = vec![Severity::Suggestion];
    s.sev.include.clear();
    s.mark.include = vec![Mark::WillFix, Mark::Discuss];
    s.hide_resolved = true;
    s.view = View::Report;
    assert_eq!(
        s.to_query(),
        "src=a.md&src=https://host/r/b.md&compare=c.md&sev=-suggestion&status=open\
             &agent=codex,gemini&kind=gap&mark=will-fix,discuss&resolved=hide&q=text&finding=I2"
    );
    assert_eq!(ViewState::from_query(&s.to_query()), s);
}

#[test]
fn diff_overrides_read_and_write_as_id_pairs() {
    let (s, notices) = ViewState::from_query_with_notices(
        "?view=diff&src=b.md&compare=a.md&link=I2:S3,I4:S1&unlink=C1:C1,bad,:S2",
    );
    assert_eq!(
        s.link,
        vec![("I2".into(), "S3".into()), ("I4".into(), "S1".into())]
    );
    assert_eq!(s.unlink, vec![("C1".to_string(), "C1".to_string())]);
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices[0].contains("unlink=bad"), "{notices:?}");
    assert_eq!(
        s.to_query(),
        "src=b.md&compare=a.md&link=I2:S3,I4:S1&unlink=C1:C1&view=diff"
    );
    // Ids with the separators survive.
    let odd = ViewState {
        link: vec![("a:b,c".into(), "d e%".into())],
        ..ViewState::default()
    };
    assert_eq!(odd.to_query(), "link=a%3Ab%2Cc:d+e%25");
    assert_eq!(ViewState::from_query(&odd.to_query()), odd);
}

#[test]
fn default_state_is_the_empty_query() {
    let s = ViewState::default();
    assert_eq!(s.to_query(), "");
    assert_eq!(s.to_search(), "");
    assert_eq!(q(""), s);
    assert_eq!(q("?"), s);
    // Explicit defaults and empty values read as the default and are not written back.
    assert_eq!(
        q("?view=report&resolved=show&q=&sev=&finding=&src=&agent=,"),
        s
    );
}

#[test]
fn hostile_values_are_escaped_exactly() {
    let s = ViewState {
        q: "a&b=c#d%e+f g,h?i;j".into(),
        src: vec!["https://h/x y.md?raw=1&t=2#frag".into()],
        finding: Some("é日🚀".into()),
        ..ViewState::default()
    };
    assert_eq!(
        s.to_query(),
        "src=https://h/x+y.md%3Fraw%3D1%26t%3D2%23frag\
             &q=a%26b%3Dc%23d%25e%2Bf+g%2Ch%3Fi%3Bj&finding=%C3%A9%E6%97%A5%F0%9F%9A%80"
    );
    assert_eq!(ViewState::from_query(&s.to_query()), s);
}

#[test]
fn list_items_with_commas_and_leading_dashes_survive() {
    let mut s = ViewState::default();
    s.kind.include = vec!["-not-a-not".into(), "a,b".into()];
    s.kind.exclude = vec!["-x".into()];
    assert_eq!(s.to_query(), "kind=%2Dnot-a-not,a%2Cb,-%2Dx");
    assert_eq!(ViewState::from_query(&s.to_query()), s);
}

#[test]
fn plus_is_space_and_escaped_plus_is_plus() {
    assert_eq!(q("q=a+b").q, "a b");
    assert_eq!(q("q=a%2Bb").q, "a+b");
    assert_eq!(q("q=a%20b").q, "a b");
    assert_eq!(
        q("agent=Codex+GPT+5.4").agent.include,
        vec![CODEX.to_string()]
    );
    // Lowercase hex escapes, and a `#` ends the query.
    assert_eq!(q("?q=%c3%a9#z=abc").q, "é");
}

#[test]
fn lenient_parsing_reports_what_it_ignored() {
    let (s, notices) = ViewState::from_query_with_notices(
        "?sev=critical,bogus,-Suggestions&view=nope&status=open&frobnicate=1&q=100%zz\
             &resolved=maybe&mark=will-fix,later&theme=dark",
    );
    assert_eq!(s.sev.include, vec![Severity::Critical]);
    assert_eq!(s.sev.exclude, vec![Severity::Suggestion]);
    assert_eq!(s.status.include, vec![Status::Open]);
    assert_eq!(s.view, View::Report);
    assert_eq!(s.q, "100%zz", "a bad % escape is kept as text");
    assert!(!s.hide_resolved);
    assert_eq!(s.mark.include, vec![Mark::WillFix]);
    assert_eq!(
        s.extra,
        vec![
            ("frobnicate".to_string(), "1".to_string()),
            ("theme".to_string(), "dark".to_string())
        ]
    );
    assert_eq!(notices.len(), 6, "{notices:#?}");
    for needle in ["bogus", "nope", "frobnicate", "maybe", "later", "theme"] {
        assert!(
            notices.iter().any(|n| n.contains(needle)),
            "{needle}: {notices:#?}"
        );
    }
    // Unknown parameters are kept and written back after the known ones.
    assert_eq!(
        s.to_query(),
        "sev=critical,-suggestion&status=open&mark=will-fix&q=100%25zz&frobnicate=1&theme=dark"
    );
}

#[test]
fn invalid_utf8_is_replaced_with_a_notice() {
    let (s, notices) = ViewState::from_query_with_notices("q=ok%FF");
    assert_eq!(s.q, "ok\u{FFFD}");
    assert_eq!(notices.len(), 1);
    assert!(notices[0].contains("“q”"), "{notices:?}");
}

#[test]
fn repeated_parameters_merge_lists_and_last_scalar_wins() {
    let s = q("sev=critical&sev=design&view=diff&view=meeting&src=a&src=b&q=x&q=y");
    assert_eq!(s.sev.include, vec![Severity::Critical, Severity::Design]);
    assert_eq!(s.view, View::Meeting);
    assert_eq!(s.src, vec!["a", "b"]);
    assert_eq!(s.q, "y");
}

/// xorshift64*, for reproducible "arbitrary" states without a property-testing crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
    fn text(&mut self) -> String {
        const PIECES: [&str; 32] = [
            "a", "Z", "9", " ", "+", "&", "=", "#", "%", "%2C", "%zz", "?", ",", "-", "é", "日本",
            "🚀", "\n", "\t", "/", ":", ";", "'", "\"", "\\", "~", ".", "_", "\0", "codex", "&q=",
            "%%",
        ];
        (0..1 + self.below(6)).map(|_| self.pick(&PIECES)).collect()
    }
    fn non_blank(&mut self) -> String {
        let t = self.text();
        if t.trim().is_empty() {
            format!("x{t}")
        } else {
            t
        }
    }
    /// Ids are trimmed when read, so a generated one has no outer whitespace.
    fn non_blank_trimmed(&mut self) -> String {
        let t = self.non_blank().trim().to_string();
        if t.is_empty() {
            "x".to_string()
        } else {
            t
        }
    }
    fn list<T>(&mut self, mut item: impl FnMut(&mut Rng) -> T) -> Vec<T> {
        (0..self.below(4)).map(|_| item(self)).collect()
    }
    fn facet<T>(&mut self, mut item: impl FnMut(&mut Rng) -> T) -> Facet<T> {
        Facet {
            include: self.list(&mut item),
            exclude: self.list(&mut item),
        }
    }
    fn state(&mut self) -> ViewState {
        ViewState {
            view: self.pick(&View::ALL),
            src: self.list(Rng::text),
            compare: self.chance().then(|| self.text()),
            link: self.list(|r| (r.non_blank_trimmed(), r.non_blank_trimmed())),
            unlink: self.list(|r| (r.non_blank_trimmed(), r.non_blank_trimmed())),
            sev: self.facet(|r| r.pick(&Severity::ALL)),
            status: self.facet(|r| r.pick(&Status::ALL)),
            agent: self.facet(Rng::non_blank),
            kind: self.facet(Rng::non_blank),
            mark: self.facet(|r| r.pick(&Mark::ALL)),
            q: if self.chance() {
                self.text()
            } else {
                String::new()
            },
            finding: self.chance().then(|| self.text()),
            hide_resolved: self.chance(),
            extra: self.list(|r| {
                let value = if r.chance() { r.text() } else { String::new() };
                (format!("x{}", r.text()), value)
            }),
        }
    }
}

#[test]
fn arbitrary_states_round_trip() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let s = rng.state();
        let query = s.to_query();
        assert!(
            query.bytes().all(|b| b.is_ascii_graphic() && b != b'#'),
            "{query}"
        );
        let (back, notices) = ViewState::from_query_with_notices(&query);
        assert_eq!(back, s, "{query}");
        assert_eq!(back.to_query(), query, "canonical");
        let unknown = notices
            .iter()
            .filter(|n| n.contains("Unknown link parameter"));
        assert_eq!(unknown.count(), s.extra.len(), "{notices:?}");
        assert_eq!(notices.len(), s.extra.len(), "{query}: {notices:?}");
    }
}

// ---- clicks ----

#[test]
fn plain_click_selects_only_or_clears() {
    use Severity::*;
    let mut f = Facet::<Severity>::default();
    f.select_only(Important);
    assert_eq!((f.include.clone(), f.exclude.len()), (vec![Important], 0));
    // Another value replaces it.
    f.select_only(Critical);
    assert_eq!(f.include, vec![Critical]);
    // The only selected value again: clears.
    f.select_only(Critical);
    assert!(!f.is_active());
    // From a multi-selection that contains it: just that one.
    f.include = vec![Critical, Important];
    f.select_only(Important);
    assert_eq!(f.include, vec![Important]);
    // From an exclusion: selects it and drops the NOTs.
    f = Facet {
        include: vec![],
        exclude: vec![Suggestion, Design],
    };
    f.select_only(Suggestion);
    assert_eq!(
        (f.include.clone(), f.exclude.clone()),
        (vec![Suggestion], vec![])
    );
    // Selected alone but with NOTs beside it: the click makes it "just that".
    f.exclude = vec![Design];
    f.select_only(Suggestion);
    assert_eq!(
        (f.include.clone(), f.exclude.clone()),
        (vec![Suggestion], vec![])
    );
}

#[test]
fn ctrl_click_adds_and_removes_in_order() {
    use Severity::*;
    let mut f = Facet::<Severity>::default();
    f.toggle(Design);
    f.toggle(Critical);
    f.toggle(Important);
    assert_eq!(f.include, vec![Critical, Important, Design], "kept sorted");
    f.toggle(Important);
    assert_eq!(f.include, vec![Critical, Design]);
    // Toggling an excluded value includes it instead.
    f.exclude = vec![Suggestion];
    f.toggle(Suggestion);
    assert_eq!(f.include, vec![Critical, Suggestion, Design]);
    assert!(f.exclude.is_empty());
    f.toggle(Critical);
    f.toggle(Suggestion);
    f.toggle(Design);
    assert!(!f.is_active());
}

#[test]
fn not_click_excludes_and_restores() {
    use Status::*;
    let mut f = Facet::<Status>::default();
    f.toggle_not(Resolved);
    assert_eq!(f.exclude, vec![Resolved]);
    assert_eq!(f.selection(&Resolved), Selection::Excluded);
    f.toggle_not(Open);
    assert_eq!(f.exclude, vec![Open, Resolved]);
    f.toggle_not(Resolved);
    assert_eq!(f.exclude, vec![Open]);
    // NOT on an included value moves it to the NOT list.
    f.include = vec![Deferred];
    f.toggle_not(Deferred);
    assert_eq!(
        (f.include.clone(), f.exclude.clone()),
        (vec![], vec![Open, Deferred])
    );
    assert_eq!(f.selection(&Dropped), Selection::Off);
}

#[test]
fn string_values_compare_case_insensitively() {
    let mut f = Facet::<String>::default();
    f.toggle("Codex".into());
    assert_eq!(f.selection(&"codex".to_string()), Selection::Included);
    f.toggle("codex".into());
    assert!(!f.is_active(), "same value in another case toggles it off");
    f.toggle("gemini".into());
    f.toggle("Claude".into());
    f.toggle("codex".into());
    assert_eq!(f.include, vec!["Claude", "codex", "gemini"]);
    f.select_only("GEMINI".into());
    f.select_only("gemini".into());
    assert!(!f.is_active());
}

#[test]
fn click_by_data_value_and_clear_all() {
    let mut s = q("src=a.md&finding=I2&view=meeting&q=leak&resolved=hide&sev=critical");
    assert!(s.click(FacetKind::Agent, "codex", Click::Only));
    assert!(s.click(FacetKind::Severity, "important", Click::Toggle));
    assert!(s.click(FacetKind::Mark, "wont-fix", Click::Not));
    assert!(!s.click(FacetKind::Severity, "catastrophic", Click::Toggle));
    assert!(!s.click(FacetKind::Kind, "  ", Click::Only));
    assert_eq!(s.selection(FacetKind::Agent, "Codex"), Selection::Included);
    assert_eq!(
        s.selection(FacetKind::Mark, "wont-fix"),
        Selection::Excluded
    );
    assert_eq!(s.selection(FacetKind::Status, "open"), Selection::Off);
    assert_eq!(s.selection(FacetKind::Status, "nonsense"), Selection::Off);
    assert_eq!(
        s.to_query(),
        "src=a.md&sev=critical,important&agent=codex&mark=-wont-fix&resolved=hide&q=leak\
             &finding=I2&view=meeting"
    );
    assert!(s.has_filters());
    s.clear_all();
    assert!(!s.has_filters());
    assert_eq!(s.to_query(), "src=a.md&finding=I2&view=meeting");
    assert_eq!(
        FacetKind::ALL.map(FacetKind::as_str),
        ["severity", "status", "agent", "kind", "mark"]
    );
}

// ---- matching ----

#[test]
fn agent_values_match_family_or_full_name() {
    assert_eq!(ids(&q("agent=codex")), ["C1", "I1", "S2"]);
    assert_eq!(ids(&q("agent=CODEX")), ["C1", "I1", "S2"]);
    assert_eq!(ids(&q("agent=Codex+GPT+5.4")), ["C1", "I1", "S2"]);
    assert_eq!(ids(&q("agent=claude+opus+4.6")), ["C1", "S1"]);
    assert_eq!(ids(&q("agent=claude")), ["C1", "S1", "D1"]);
    assert_eq!(
        ids(&q("agent=Codex+GPT")),
        Vec::<String>::new(),
        "no prefixes"
    );
    assert_eq!(ids(&q("agent=gemini,consolidator")), ["I2", "S1", "S2"]);
    assert_eq!(ids(&q("agent=-claude")), ["I1", "I2", "S2"]);
    assert_eq!(ids(&q("agent=codex,-claude")), ["I1", "S2"]);
}

#[test]
fn facets_combine_with_and_values_with_or() {
    assert_eq!(ids(&q("sev=important,suggestion&status=open")), ["I1"]);
    assert_eq!(ids(&q("sev=-suggestion,-design")), ["C1", "I1", "I2"]);
    assert_eq!(ids(&q("kind=gap")), ["I1", "I2"]);
    assert_eq!(ids(&q("kind=-gap")), ["C1", "S1", "S2", "D1"]);
    assert_eq!(ids(&q("kind=IN-SCOPE,future")), ["I2", "D1"]);
    assert_eq!(ids(&q("mark=will-fix")), ["C1", "S2"]);
    assert_eq!(ids(&q("mark=-will-fix,-discuss")), ["I2", "S1", "D1"]);
    assert_eq!(ids(&q("sev=critical&sev=-critical")), Vec::<String>::new());
    let fs = findings();
    assert!(matches(&q("agent=gemini"), &fs[2], &marks()));
    assert!(!matches(&q("agent=gemini&status=open"), &fs[2], &marks()));
}

#[test]
fn hide_resolved_hides_resolved_and_dropped() {
    assert_eq!(ids(&q("resolved=hide")), ["C1", "I1", "S1", "D1"]);
    assert!(is_closed(Status::Resolved) && is_closed(Status::Dropped));
    assert!(!is_closed(Status::Deferred) && !is_closed(Status::Declined));
}

#[test]
fn text_terms_must_all_match_somewhere_ignoring_case() {
    assert_eq!(ids(&q("q=SOCKET")), ["C1"]);
    assert_eq!(ids(&q("q=socket+closed")), ["C1"], "title + body");
    assert_eq!(ids(&q("q=socket+reconnect")), Vec::<String>::new());
    assert_eq!(ids(&q("q=hostagent.go%3A120")), ["C1"], "location text");
    assert_eq!(ids(&q("q=i2")), ["I2"], "id");
    assert_eq!(ids(&q("q=sonnet")), ["D1"], "agent");
    assert_eq!(ids(&q("q=GRÖSSE")), Vec::<String>::new(), "no ß→ss folding");
    assert_eq!(ids(&q("q=GRÖẞE")), ["I2"], "unicode lowercase");
    assert_eq!(
        ids(&q("q=+++")),
        ids(&ViewState::default()),
        "blank text filters nothing"
    );
    assert!(!q("q=+").has_filters());
}

// ---- counts ----

fn pairs(v: &[ValueCount]) -> Vec<(&str, &str, usize)> {
    v.iter()
        .map(|c| (c.value.as_str(), c.label.as_str(), c.count))
        .collect()
}

#[test]
fn facet_counts_ignore_only_their_own_selection() {
    use Severity::*;
    let fs = findings();
    // sev ∈ {important, suggestion} and agent = codex: shown I1, S2.
    let c = facet_counts(&q("sev=important,suggestion&agent=codex"), &fs, &marks());
    assert_eq!((c.total, c.shown), (6, 2));
    // Severity counts apply only the agent filter (C1, I1, S2).
    assert_eq!(
        c.severity,
        vec![(Critical, 1), (Important, 1), (Suggestion, 1), (Design, 0)]
    );
    // Status counts apply both filters (I1 open, S2 dropped).
    assert_eq!(
        c.status,
        vec![
            (Status::Open, 1),
            (Status::Resolved, 0),
            (Status::Deferred, 0),
            (Status::Demoted, 0),
            (Status::Dropped, 1),
            (Status::Declined, 0)
        ]
    );
    // Agent counts apply only the severity filter (I1, I2, S1, S2).
    assert_eq!(
        pairs(&c.agent_family),
        vec![
            ("claude", "Claude", 1),
            ("codex", "Codex", 2),
            ("consolidator", "Consolidator", 1),
            ("gemini", "Gemini", 2)
        ]
    );
    assert_eq!(
        pairs(&c.agent),
        vec![
            (CLAUDE, CLAUDE, 1),
            ("Claude Sonnet 4.6", "Claude Sonnet 4.6", 0),
            (CODEX, CODEX, 2),
            (GEMINI, GEMINI, 2)
        ]
    );
    assert_eq!(
        pairs(&c.kind),
        vec![
            ("enhancement", "enhancement", 0),
            ("future", "future", 0),
            ("gap", "gap", 1),
            ("in-scope", "in-scope", 0),
            ("regression", "regression", 0)
        ]
    );
    assert_eq!(
        c.mark,
        vec![
            (Mark::WillFix, 1),
            (Mark::WontFix, 0),
            (Mark::Discuss, 1),
            (Mark::Duplicate, 0)
        ]
    );
    assert_eq!(
        c.shown,
        filter(&q("sev=important,suggestion&agent=codex"), &fs, &marks()).len()
    );
}

#[test]
fn facet_counts_with_not_hide_resolved_and_marks() {
    use Severity::*;
    let fs = findings();
    // Hidden: I2 (resolved), S2 (dropped). Status ≠ open leaves S1; will-fix leaves C1.
    let state = q("status=-open&resolved=hide&mark=will-fix");
    let c = facet_counts(&state, &fs, &marks());
    assert_eq!(c.shown, 0);
    assert_eq!(
        c.severity,
        vec![(Critical, 0), (Important, 0), (Suggestion, 0), (Design, 0)]
    );
    // Ignoring the status facet: C1 (open, will-fix) remains.
    assert_eq!(c.status[0], (Status::Open, 1));
    assert_eq!(c.status.iter().map(|(_, n)| n).sum::<usize>(), 1);
    // Ignoring the mark facet: S1 (deferred, unmarked) remains — no mark to count.
    assert!(c.mark.iter().all(|(_, n)| *n == 0));
    assert!(c.agent_family.iter().all(|v| v.count == 0));

    // No filters: every value counts every finding that has it.
    let c = facet_counts(&ViewState::default(), &fs, &marks());
    assert_eq!((c.total, c.shown), (6, 6));
    assert_eq!(
        c.severity,
        vec![(Critical, 1), (Important, 2), (Suggestion, 2), (Design, 1)]
    );
    assert_eq!(
        pairs(&c.agent_family),
        vec![
            ("claude", "Claude", 3),
            ("codex", "Codex", 3),
            ("consolidator", "Consolidator", 1),
            ("gemini", "Gemini", 2)
        ]
    );
    assert_eq!(c.mark[0], (Mark::WillFix, 2));
    assert_eq!(pairs(&c.kind)[2], ("gap", "gap", 2));
}

#[test]
fn facet_counts_list_selected_values_missing_from_the_report() {
    let fs = findings();
    let c = facet_counts(&q("agent=qwen,codex&kind=-flaky&q=socket"), &fs, &marks());
    assert_eq!(c.shown, 1);
    assert!(
        pairs(&c.agent).contains(&("qwen", "qwen", 0)),
        "{:?}",
        c.agent
    );
    assert!(pairs(&c.kind).contains(&("flaky", "flaky", 0)));
    // Text applies to every facet's count.
    assert_eq!(pairs(&c.agent_family)[1], ("codex", "Codex", 1));
    assert_eq!(c.severity[0], (Severity::Critical, 1));
    assert_eq!(c.severity[1], (Severity::Important, 0));
}

// ---- words and keys ----

#[test]
fn empty_state_describes_active_filters() {
    assert_eq!(
        q("sev=critical&agent=codex&q=foo").empty_message(),
        "No findings match: severity critical; agent codex; text \"foo\""
    );
    assert_eq!(
            q("sev=critical,important&status=-resolved,-dropped,-declined&mark=will-fix,-discuss&resolved=hide")
                .empty_message(),
            "No findings match: severity critical or important; status neither resolved, \
             dropped nor declined; mark will fix; mark not discuss; resolved and dropped hidden"
        );
    assert_eq!(
        q("src=a.md&view=diff").empty_message(),
        "This report has no findings."
    );
}

#[test]
fn keyboard_steps_clamp_at_the_ends() {
    let ids = ["C1", "I1", "S2"];
    assert_eq!(step(&ids, Some("C1"), Step::Next), Some("I1"));
    assert_eq!(step(&ids, Some("I1"), Step::Prev), Some("C1"));
    assert_eq!(
        step(&ids, Some("S2"), Step::Next),
        Some("S2"),
        "clamps at the end"
    );
    assert_eq!(
        step(&ids, Some("C1"), Step::Prev),
        Some("C1"),
        "clamps at the start"
    );
    assert_eq!(step(&ids, None, Step::Next), Some("C1"));
    assert_eq!(step(&ids, None, Step::Prev), Some("S2"));
    assert_eq!(
        step(&ids, Some("D9"), Step::Next),
        Some("C1"),
        "hidden current"
    );
    assert_eq!(step::<&str>(&[], Some("C1"), Step::Next), None);
    let owned: Vec<String> = vec!["X1".into()];
    assert_eq!(step(&owned, Some("X1"), Step::Next), Some("X1"));
}

#[test]
fn search_index_gives_the_same_answers() {
    let fs = findings();
    let t = marks();
    let index = SearchIndex::new(&fs);
    for query in [
        "",
        "q=socket+closed",
        "q=GRÖẞE&agent=gemini",
        "q=reconnect&sev=-critical&resolved=hide",
        "q=zzz",
        "agent=codex&q=title",
    ] {
        let s = q(query);
        let plain: Vec<&str> = filter(&s, &fs, &t).iter().map(|f| f.id.as_str()).collect();
        let indexed: Vec<&str> = index
            .filter(&s, &fs, &t)
            .iter()
            .map(|f| f.id.as_str())
            .collect();
        assert_eq!(plain, indexed, "{query}");
        let counts = index.facet_counts(&s, &fs, &t);
        assert_eq!(counts, facet_counts(&s, &fs, &t), "{query}");
        let via_counts: Vec<&str> = counts.matching.iter().map(|&i| fs[i].id.as_str()).collect();
        assert_eq!(via_counts, plain, "{query}");
        assert_eq!(counts.shown, plain.len());
    }
    // An index of other findings is ignored rather than misapplied.
    let stale = SearchIndex::new(&fs[..2]);
    assert_eq!(stale.filter(&q("q=reconnect"), &fs, &t).len(), 1);
}
