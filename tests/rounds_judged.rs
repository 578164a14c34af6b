//! The round diff against pairs of rounds judged by reading both reports
//! (`tests/fixtures/judged/`, format in its README): precision and recall of the pairing, the
//! outcome of every earlier finding, and the relations of new findings. `scripts/judge` prints
//! the same table.
//!
//! The lima pairs read `../shared/corpus/lima`: without it they are skipped with a message,
//! unless `DEEP_REVIEW_CORPUS=required` (set by `.ci/run`), which makes that a failure.

use deep_review::model::Review;
use deep_review::parse;
use deep_review::rounds::{self, Outcome, Relation, RoundDiff};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod common;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Floors the diff must meet on the judged pairs. Issue 10 targets 0.95 / 0.95; these are
/// the measured figures less a small margin, so a change that makes the diff worse fails
/// (the printed table says where it stands).
const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.93;
/// Outcomes of earlier findings (fixed / declined / persisting / … / not_raised) that agree.
const OUTCOME_FLOOR: f64 = 0.84;

#[derive(Debug, Default)]
struct Judged {
    same: BTreeSet<(String, String)>,
    demoted_pairs: BTreeSet<(String, String)>,
    unsure: BTreeSet<(String, String)>,
    /// Earlier id → its judged outcome.
    outcome: BTreeMap<String, Outcome>,
    /// Later id → (relation, earlier id) for new findings.
    new: BTreeMap<String, Option<(Relation, String)>>,
}

fn parse_judged(text: &str, file: &Path) -> Judged {
    let mut j = Judged::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let w: Vec<&str> = line.split_whitespace().collect();
        let bad = || -> ! { panic!("{}:{}: cannot read `{line}`", file.display(), n + 1) };
        match w.as_slice() {
            [a, "=", b] => {
                j.same.insert((a.to_string(), b.to_string()));
                j.outcome.insert(a.to_string(), Outcome::Persisting);
            }
            [a, "=", b, "demoted"] => {
                j.same.insert((a.to_string(), b.to_string()));
                j.demoted_pairs.insert((a.to_string(), b.to_string()));
                j.outcome.insert(a.to_string(), Outcome::Demoted);
            }
            ["+", b] => {
                j.new.insert(b.to_string(), None);
            }
            ["+", b, rel, a] => {
                let r = Relation::parse(rel).unwrap_or_else(|| bad());
                j.new.insert(b.to_string(), Some((r, a.to_string())));
            }
            ["~", a, b] => {
                j.unsure.insert((a.to_string(), b.to_string()));
            }
            [a, outcome] => {
                let o = Outcome::parse(outcome).unwrap_or_else(|| bad());
                j.outcome.insert(a.to_string(), o);
            }
            _ => bad(),
        }
    }
    j
}

fn load(dir: &Path, slug: &str) -> Review {
    let path = dir.join(format!("{slug}.md"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parse::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[derive(Default, Clone, Copy)]
struct Tally {
    tp: usize,
    fp: usize,
    fn_: usize,
    outcome_ok: usize,
    outcome_all: usize,
    rel_ok: usize,
    rel_all: usize,
    rel_extra: usize,
    /// `fixed` said by the diff, and of those, judged otherwise (the costly mistake).
    fixed_said: usize,
    fixed_wrong: usize,
}

impl Tally {
    fn add(&mut self, o: Tally) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
        self.outcome_ok += o.outcome_ok;
        self.outcome_all += o.outcome_all;
        self.rel_ok += o.rel_ok;
        self.rel_all += o.rel_all;
        self.rel_extra += o.rel_extra;
        self.fixed_said += o.fixed_said;
        self.fixed_wrong += o.fixed_wrong;
    }
    /// The line `scripts/judge` prints for a set of judged pairs.
    fn summary(&self) -> String {
        format!(
            "pairs precision {:.3} recall {:.3} ({} right, {} wrong, {} missed); outcomes {:.3} ({}/{}); relations recall {}/{}, {} unjudged relations shown; `fixed` said {} times, {} of them judged otherwise",
            self.precision(),
            self.recall(),
            self.tp,
            self.fp,
            self.fn_,
            self.outcomes(),
            self.outcome_ok,
            self.outcome_all,
            self.rel_ok,
            self.rel_all,
            self.rel_extra,
            self.fixed_said,
            self.fixed_wrong
        )
    }
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn outcomes(&self) -> f64 {
        self.outcome_ok as f64 / self.outcome_all.max(1) as f64
    }
}

/// The similarity breakdown of a pair, as the diff would explain it if it were linked.
fn explain(e: &Review, l: &Review, a: &str, b: &str) -> String {
    let o = rounds::Overrides::from_query(&format!("{a}:{b}"), "");
    let d = rounds::diff_reviews_with(e, l, &o);
    d.earlier_rows
        .iter()
        .find(|r| r.finding.id == a)
        .and_then(|r| r.explanation)
        .map(|x| {
            format!(
                "score {:.2} (title {:.2}, body {:.2}, cross {:.2}, paths {:.2}{}, symbols {:.2}, code {:.2})",
                x.score,
                x.title,
                x.body,
                x.cross,
                x.paths,
                if x.paths_compared { "" } else { " n/a" },
                x.symbols,
                x.code
            )
        })
        .map(|x| match std::env::var_os("JUDGE_PAIRS") {
            // With the titles when every pair is listed.
            Some(_) => format!("{x} {}", titles(e, l, a, b)),
            None => x,
        })
        .unwrap_or_default()
}

/// `E=… L=…`: the titles of earlier `a` and later `b`, for `JUDGE_PAIRS=1` listings.
fn titles(e: &Review, l: &Review, a: &str, b: &str) -> String {
    let title = |r: &Review, id: &str| {
        r.findings
            .iter()
            .find(|f| f.id == id)
            .map(|f| f.title.clone())
            .unwrap_or_default()
    };
    format!("E={} L={}", title(e, a), title(l, b))
}

fn score(
    d: &RoundDiff,
    j: &Judged,
    (e, l): (&Review, &Review),
    mistakes: &mut Vec<String>,
) -> Tally {
    let mut t = Tally::default();
    let predicted: BTreeSet<(String, String)> = d
        .earlier_rows
        .iter()
        .filter_map(|r| {
            r.later
                .as_ref()
                .map(|l| (r.finding.id.clone(), l.id.clone()))
        })
        .collect();
    let list_pairs = std::env::var_os("JUDGE_PAIRS").is_some();
    for p in &predicted {
        let x = d
            .earlier_rows
            .iter()
            .find(|r| r.finding.id == p.0)
            .and_then(|r| r.explanation);
        let verdict = if j.same.contains(p) {
            t.tp += 1;
            "right"
        } else if j.unsure.contains(p) {
            "unsure"
        } else {
            t.fp += 1;
            let via = x.map(|x| format!("{:?}", x.via)).unwrap_or_default();
            mistakes.push(format!(
                "wrong pair {} = {} via {via}: {}",
                p.0,
                p.1,
                explain(e, l, &p.0, &p.1)
            ));
            "wrong"
        };
        if let Some(x) = x.filter(|_| list_pairs) {
            mistakes.push(format!(
                "pair {verdict} {:?} {:.2} {} = {} (title {:.2}, body {:.2}, symbols {:.2}, code {:.2}, cross {:.2}, paths {:.2} {}) {}",
                x.via, x.score, p.0, p.1, x.title, x.body, x.symbols, x.code, x.cross, x.paths, x.paths_compared,
                titles(e, l, &p.0, &p.1),
            ));
        }
    }
    for p in j.same.difference(&predicted) {
        t.fn_ += 1;
        mistakes.push(format!(
            "missed pair {} = {}: {}",
            p.0,
            p.1,
            explain(e, l, &p.0, &p.1)
        ));
    }
    for r in &d.earlier_rows {
        let Some(want) = j.outcome.get(&r.finding.id) else {
            panic!("judged file has no line for earlier {}", r.finding.id);
        };
        t.outcome_all += 1;
        if r.outcome == Outcome::Fixed {
            t.fixed_said += 1;
            if *want != Outcome::Fixed {
                t.fixed_wrong += 1;
            }
        }
        if *want == r.outcome {
            t.outcome_ok += 1;
        } else {
            mistakes.push(format!(
                "{}: {} (judged {}) — {}",
                r.finding.id,
                r.outcome.as_str(),
                want.as_str(),
                r.evidence.join(" | ")
            ));
        }
    }
    for r in &d.later_rows {
        let judged = j.new.get(&r.finding.id);
        if let Some(Some((rel, a))) = judged {
            t.rel_all += 1;
            if r.relations.iter().any(|x| x.relation == *rel && &x.id == a) {
                t.rel_ok += 1;
            } else if std::env::var_os("JUDGE_RELATIONS").is_some() {
                let shown: Vec<String> = r
                    .relations
                    .iter()
                    .map(|x| format!("{} {}", x.relation.as_str(), x.id))
                    .collect();
                mistakes.push(format!(
                    "relation missed: later {} {} {a} (shown: {})",
                    r.finding.id,
                    rel.as_str(),
                    if shown.is_empty() {
                        "none".to_string()
                    } else {
                        shown.join(", ")
                    }
                ));
            }
        }
        for x in &r.relations {
            let ok = matches!(judged, Some(Some((rel, a))) if *rel == x.relation && *a == x.id);
            if !ok {
                t.rel_extra += 1;
            }
        }
    }
    t
}

fn judged_files(sub: &str) -> Vec<PathBuf> {
    files_ending(
        &Path::new(ROOT).join("tests/fixtures/judged").join(sub),
        "txt",
    )
}

/// Every Deep Review of a folder.
/// Every report of `dir` that parses, with its file name without `.md` (the name a judged file
/// uses; a report's own slug, from its title, may differ: `app-controller-…-20260313-180000`).
fn load_all(dir: &Path) -> (Vec<String>, Vec<Review>) {
    files_ending(dir, "md")
        .iter()
        .filter_map(|p| {
            let r = parse::parse_bytes(&std::fs::read(p).unwrap()).ok()?;
            Some((p.file_stem()?.to_string_lossy().to_string(), r))
        })
        .unzip()
}

/// The files of `dir` with extension `ext`, sorted.
fn files_ending(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

/// The diff of two reports as the app and `deep-review diff --thread` make it: within their
/// thread, so the rounds in between are followed.
fn thread_diff((names, all): &(Vec<String>, Vec<Review>), a: &str, b: &str) -> RoundDiff {
    for g in rounds::group_threads(all) {
        let members: Vec<&Review> = g.members.iter().map(|&i| &all[i]).collect();
        let pos = |name: &str| g.members.iter().position(|&i| names[i] == name);
        if let (Some(x), Some(y)) = (pos(a), pos(b)) {
            return rounds::thread_diff(&members, x, y, &Default::default());
        }
    }
    // Reports the threads keep apart (`msys2` and `msys2-ci`: a branch renamed) that a reader
    // judged to be rounds of one piece of work: diffed as two files, as `deep-review diff A B`
    // and the app's file comparison do.
    println!("    {a} and {b} are not in one thread: diffed as two files");
    let r = |name: &str| &all[names.iter().position(|n| n == name).unwrap()];
    rounds::thread_diff(&[r(a), r(b)], 0, 1, &Default::default())
}

fn run(sub: &str, reports: &Path, total: &mut Tally) -> usize {
    let mut count = 0;
    let all = load_all(reports);
    for file in judged_files(sub) {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let (a, b) = name
            .split_once("__")
            .expect("file named EARLIER__LATER.txt");
        let (e, l) = (load(reports, a), load(reports, b));
        let text = std::fs::read_to_string(&file).unwrap();
        let j = parse_judged(&text, &file);
        // Every finding is judged once.
        for f in &l.findings {
            let paired = j.same.iter().any(|(_, b)| *b == f.id);
            assert!(
                paired ^ j.new.contains_key(&f.id),
                "{}: later {} must be on exactly one `=` or `+` line",
                file.display(),
                f.id
            );
        }
        let d = thread_diff(&all, a, b);
        // Held-out threads too: the summary adds up on reports never used to write the diff.
        assert_accounts(&d, &e, &l);
        let mut mistakes = Vec::new();
        let t = score(&d, &j, (&e, &l), &mut mistakes);
        println!(
            "{sub:8} {name:70} pairs P {:.2} R {:.2} ({} ok, {} wrong, {} missed) · outcomes {}/{} · relations {}/{} (+{} unjudged)",
            t.precision(),
            t.recall(),
            t.tp,
            t.fp,
            t.fn_,
            t.outcome_ok,
            t.outcome_all,
            t.rel_ok,
            t.rel_all,
            t.rel_extra
        );
        for m in &mistakes {
            println!("    {m}");
        }
        total.add(t);
        count += 1;
    }
    count
}

#[test]
fn judged_pairs_precision_recall_and_outcomes() {
    let mut total = Tally::default();
    let bundled = Path::new(ROOT).join("public/reviews");
    let mut files = run("bundled", &bundled, &mut total);
    if let Some(dir) = common::corpus_dir("lima") {
        files += run("lima", &dir, &mut total);
    }
    println!("\nTOTAL {files} judged round pairs: {}", total.summary());
    assert!(files >= 6, "expected the judged files, found {files}");
    assert!(
        total.tp + total.fn_ >= 60,
        "fewer than 60 judged pairs ({})",
        total.tp + total.fn_
    );
    assert!(
        total.precision() >= PRECISION_FLOOR,
        "precision below {PRECISION_FLOOR}"
    );
    assert!(
        total.recall() >= RECALL_FLOOR,
        "recall below {RECALL_FLOOR}"
    );
    assert!(
        total.outcomes() >= OUTCOME_FLOOR,
        "outcome agreement below {OUTCOME_FLOOR}"
    );
}

/// Held-out pairs: real threads of other repositories, judged the same way but never used to
/// calibrate the diff (`tune` does not read them). Their reports are public but third-party,
/// so they are not in this repository: `DEEP_REVIEW_EXTERNAL=DIR` names a folder holding one
/// folder of reports per set (`DIR/rancher-desktop/*.md`, as `scripts/fetch-held-out DIR`
/// writes it). Without it this prints that it skipped; the figures are a measurement, so they
/// are printed, not asserted (every judged file must still be well-formed).
#[test]
fn held_out_pairs() {
    let Some(root) = std::env::var_os("DEEP_REVIEW_EXTERNAL") else {
        eprintln!(
            "SKIPPING held-out pairs: DEEP_REVIEW_EXTERNAL is not set (scripts/fetch-held-out DIR)"
        );
        return;
    };
    let mut files = 0;
    for (sub, reports) in HELD_OUT {
        let dir = Path::new(&root).join(reports);
        assert!(dir.is_dir(), "{} is absent", dir.display());
        let mut total = Tally::default();
        let n = run(sub, &dir, &mut total);
        files += n;
        println!(
            "\nHELD-OUT {sub}: {n} judged round pairs: {}\n",
            total.summary()
        );
    }
    assert!(files > 0, "no held-out judged files");
}

/// The held-out sets: (folder of `tests/fixtures/judged/`, folder of reports in
/// `DEEP_REVIEW_EXTERNAL`). The first was read to find what the diff got wrong (session 9); the
/// second was judged afterwards and measured, then looked at once; the third (rounds that are
/// not adjacent) was judged last and only measured. The fourth judges another project's
/// reports (rancher-desktop-daemon, session 10), measured before anything was changed for it.
/// The fifth judges later lima reports (published after `../shared/corpus/lima` was taken),
/// measured before anything was changed for it (session 11). The sixth judges later rounds of
/// both rancher-desktop projects (`rd-later`, `daemon-later`: reports published after the first
/// and fourth sets were copied), measured before anything was changed for it (session 12). The
/// seventh judges the earliest rancher-desktop-daemon reviews (March–May 2026, partly in the
/// older format without Round rows), from `rancher-sandbox/rancher-desktop-daemon`'s `reviews`
/// branch, measured before anything was changed for it (session 12). The eighth judges the rest
/// of that branch (`daemon-early2`: later rounds of three of those threads, the branch-named
/// reviews before PR numbers, and the other threads), measured before anything was changed for
/// it (session 13).
const HELD_OUT: [(&str, &str); 9] = [
    ("rancher-desktop", "rancher-desktop"),
    ("rancher-desktop-2", "rancher-desktop"),
    ("rancher-desktop-3", "rancher-desktop"),
    ("rancher-desktop-daemon", "rancher-desktop-daemon"),
    ("lima-later", "lima-later"),
    ("rd-later", "rancher-desktop"),
    ("daemon-later", "rancher-desktop-daemon"),
    ("daemon-early", "daemon-early"),
    ("daemon-early2", "daemon-early"),
];

/// Each finding of both rounds once (every earlier one with an outcome and its evidence, every
/// later one paired or new, no later one paired twice), and the summary adds up to both sides.
fn assert_accounts(d: &RoundDiff, e: &Review, l: &Review) {
    let s = &d.summary;
    assert_eq!(d.earlier_rows.len(), e.findings.len());
    assert_eq!(d.later_rows.len(), l.findings.len());
    assert_eq!(
        s.fixed + s.declined + s.persisting + s.demoted + s.dropped + s.not_raised,
        e.findings.len(),
        "{}",
        s.sentence
    );
    assert_eq!(s.paired + s.new, l.findings.len(), "{}", s.sentence);
    assert!(d.earlier_rows.iter().all(|r| r.outcome != Outcome::New));
    let mut seen = BTreeSet::new();
    for r in &d.earlier_rows {
        if let Some(x) = &r.later {
            assert!(seen.insert(x.index), "later {} paired twice", x.id);
            assert_eq!(
                d.later_rows[x.index].earlier.as_ref().map(|y| y.index),
                Some(r.finding.index)
            );
        }
        assert!(!r.evidence.is_empty() || r.later.is_some());
    }
}

/// Every pair of rounds of every thread (bundled and corpus): each finding of both rounds once,
/// and the summary adds up to both sides.
#[test]
fn every_diff_accounts_for_every_finding() {
    let mut sets: Vec<Vec<Review>> = Vec::new();
    let mut dirs = vec![Path::new(ROOT).join("public/reviews")];
    dirs.extend(common::corpus_dir("lima"));
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        sets.push(
            files
                .iter()
                .filter_map(|p| parse::parse_bytes(&std::fs::read(p).unwrap()).ok())
                .collect(),
        );
    }
    let mut checked = 0;
    for reviews in &sets {
        for g in rounds::group_threads(reviews) {
            for (a, &i) in g.members.iter().enumerate() {
                for &k in &g.members[a + 1..] {
                    let (e, l) = (&reviews[i], &reviews[k]);
                    assert_accounts(&rounds::diff_reviews(e, l), e, l);
                    checked += 1;
                }
            }
        }
    }
    println!("{checked} round pairs checked");
    assert!(checked >= 6);
}

/// Writes the similarity signals of every judged earlier × later pair to
/// `$JUDGE_DUMP` (CSV) for calibrating the weights: `cargo test --test rounds_judged dump --
/// --ignored`.
#[test]
#[ignore]
fn dump_signals_for_calibration() {
    let out = std::env::var("JUDGE_DUMP").unwrap_or_else(|_| "/tmp/judged_signals.csv".into());
    let mut csv =
        String::from("file,earlier,later,label,esev,lsev,title,body,cross,paths,symbols\n");
    let mut sources = vec![("bundled", Path::new(ROOT).join("public/reviews"))];
    sources.extend(common::corpus_dir("lima").map(|d| ("lima", d)));
    for (sub, dir) in sources {
        for file in judged_files(sub) {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            let (a, b) = name.split_once("__").unwrap();
            let (e, l) = (load(&dir, a), load(&dir, b));
            let j = parse_judged(&std::fs::read_to_string(&file).unwrap(), &file);
            let sig = rounds::pair_signals(&e.findings, &l.findings);
            for (i, ef) in e.findings.iter().enumerate() {
                for (k, lf) in l.findings.iter().enumerate() {
                    let key = (ef.id.clone(), lf.id.clone());
                    let label = if j.same.contains(&key) {
                        1
                    } else if j.unsure.contains(&key) {
                        -1
                    } else {
                        0
                    };
                    let s = sig[i * l.findings.len() + k];
                    csv.push_str(&format!(
                        "{name},{},{},{label},{},{},{},{},{},{},{}\n",
                        ef.id,
                        lf.id,
                        ef.severity.as_str(),
                        lf.severity.as_str(),
                        s[0],
                        s[1],
                        s[2],
                        s[3],
                        s[4]
                    ));
                }
            }
        }
    }
    std::fs::write(&out, csv).unwrap();
    println!("wrote {out}");
}

/// Random search over the diff's tuning on the judged pairs, printing each improvement
/// (`cargo test --release --test rounds_judged tune -- --ignored --nocapture`; `TUNE_ITERS`).
/// The objective is min(precision, recall) plus F1 of the pairing, then outcome agreement.
#[test]
#[ignore]
fn tune_on_judged_pairs() {
    use rounds::{Tuning, Weights, TUNING};
    let mut cases: Vec<(Review, Review, Judged)> = Vec::new();
    let mut sources = vec![("bundled", Path::new(ROOT).join("public/reviews"))];
    sources.extend(common::corpus_dir("lima").map(|d| ("lima", d)));
    for (sub, dir) in sources {
        for file in judged_files(sub) {
            let name = file.file_stem().unwrap().to_string_lossy().to_string();
            let (a, b) = name.split_once("__").unwrap();
            let j = parse_judged(&std::fs::read_to_string(&file).unwrap(), &file);
            cases.push((load(&dir, a), load(&dir, b), j));
        }
    }
    // With DEEP_REVIEW_EXTERNAL, also the held-out sets' pairs of adjacent rounds (all of
    // them read by now), at the round numbers their thread gives: to see how far a tuning on
    // everything read moves each figure, not to tune before an unseen set is measured.
    let mut held: Vec<(Review, Review, Judged, (u32, u32))> = Vec::new();
    if let Some(root) = std::env::var_os("DEEP_REVIEW_EXTERNAL") {
        for (sub, reports) in HELD_OUT {
            let dir = Path::new(&root).join(reports);
            let all = load_all(&dir);
            for file in judged_files(sub) {
                let name = file.file_stem().unwrap().to_string_lossy().to_string();
                let (a, b) = name.split_once("__").unwrap();
                let d = thread_diff(&all, a, b);
                if d.later.effective_round != d.earlier.effective_round + 1 {
                    continue;
                }
                let j = parse_judged(&std::fs::read_to_string(&file).unwrap(), &file);
                let rounds = (d.earlier.effective_round, d.later.effective_round);
                held.push((load(&dir, a), load(&dir, b), j, rounds));
            }
        }
        println!(
            "tuning on {} judged and {} held-out pairs",
            cases.len(),
            held.len()
        );
    }
    let eval = |t: &Tuning| {
        let mut total = Tally::default();
        for (e, l, j, (er, lr)) in &held {
            let d = rounds::diff_tuned(e, l, *er, *lr, &Default::default(), t);
            let mut m = Vec::new();
            total.add(score(&d, j, (e, l), &mut m));
        }
        for (e, l, j) in &cases {
            let er = e.meta.round.as_ref().map_or(1, |r| r.number);
            let lr = l.meta.round.as_ref().map_or(er + 1, |r| r.number);
            let d = rounds::diff_tuned(e, l, er, lr, &Default::default(), t);
            let mut m = Vec::new();
            total.add(score(&d, j, (e, l), &mut m));
        }
        let (p, r) = (total.precision(), total.recall());
        let f1 = 2.0 * p * r / (p + r).max(1e-9);
        (p.min(r) + f1, p, r, total.outcomes())
    };
    let mut best = eval(&TUNING);
    println!("current {best:?} {TUNING:?}");
    let iters: usize = std::env::var("TUNE_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(400);
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move |choices: &[f32]| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        choices[(seed % choices.len() as u64) as usize]
    };
    let ws = [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0];
    for _ in 0..iters {
        let t = Tuning {
            weights: Weights {
                title: rnd(&ws),
                body: rnd(&ws),
                cross: rnd(&ws),
                paths: rnd(&ws),
                symbols: rnd(&ws),
                code: rnd(&ws),
            },
            threshold: rnd(&[0.24, 0.26, 0.28, 0.3, 0.32, 0.34, 0.36, 0.38, 0.4]),
            xref_bonus: rnd(&[0.3, 0.45, 0.6]),
            xref_floor: rnd(&[0.05, 0.1, 0.15]),
            settled_penalty: rnd(&[0.1, 0.2, 0.35, 0.5]),
            declined_penalty: rnd(&[0.0, 0.1, 0.15, 0.2, 0.35]),
            resolved_penalty: rnd(&[0.0, 0.08, 0.16, 0.25, 0.35]),
            design_penalty: rnd(&[0.0, 0.03, 0.06, 0.1]),
            design_bonus: rnd(&[0.0, 0.06, 0.12, 0.18, 0.24]),
            code_mismatch_penalty: rnd(&[0.0, 0.05, 0.1, 0.15]),
            subject_only_penalty: rnd(&[0.0, 0.03, 0.05, 0.08, 0.1]),
            carried_bonus: rnd(&[0.0, 0.05, 0.1, 0.15]),
        };
        let got = eval(&t);
        if (got.0, got.3) > (best.0, best.3) {
            best = got;
            println!("better {got:?} {t:?}");
        }
    }
}
