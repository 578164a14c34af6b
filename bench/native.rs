//! Native benchmarks (DESIGN.md §7), the one place for them: parse throughput on real reports
//! against plain pulldown-cmark on the same bytes, in the same run (the two alternate run by
//! run, timed by the clock and by the thread's on-CPU time), with the parser's own passes;
//! filtering and counting 500 findings (the report screen's filter change without the DOM); the
//! round diff of two 300-finding rounds. `cargo bench --bench native`.
//! Reads ../shared/corpus/lima when present, else the bundled public/reviews.

use deep_review::model::Finding;
use deep_review::query::{facet_counts, SearchIndex, ViewState};
use deep_review::triage::Triage;
use pulldown_cmark::Parser;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

mod rounds_input;

fn inputs() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (label, dir) in [
        ("../shared/corpus/lima", root.join("../shared/corpus/lima")),
        ("public/reviews", root.join("public/reviews")),
    ] {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = rd
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        files.sort();
        let texts: Vec<String> = files
            .iter()
            .filter_map(|p| std::fs::read_to_string(p).ok())
            .filter(|t| deep_review::parse::parse_text(t).is_ok())
            .collect();
        if !texts.is_empty() {
            return (label.to_string(), texts);
        }
    }
    (String::from("(none)"), Vec::new())
}

/// Times of `runs` runs of `f` over all inputs (after one warm-up run): min, median, max.
struct Spread {
    min: Duration,
    median: Duration,
    max: Duration,
}

fn measure(runs: usize, mut f: impl FnMut()) -> Spread {
    f();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    Spread {
        min: times[0],
        median: times[times.len() / 2],
        max: times[times.len() - 1],
    }
}

/// Two measurements alternating run by run (after one warm-up run of each): the spread of
/// each, and the median of the paired runs' ratios b / a in per cent, by wall-clock time and by
/// the thread's on-CPU time (Linux `/proc/thread-self/schedstat`; time waiting for a busy
/// machine's cores does not count).
struct Pair {
    a: Spread,
    b: Spread,
    ratio_median: f64,
    cpu_ratio_median: Option<f64>,
}

fn measure_pair(runs: usize, mut fa: impl FnMut(), mut fb: impl FnMut()) -> Pair {
    fa();
    fb();
    let timed = |f: &mut dyn FnMut()| {
        let (t, c) = (Instant::now(), cpu_ns());
        f();
        let cpu = c.zip(cpu_ns()).map(|(c0, c1)| c1.saturating_sub(c0));
        (t.elapsed(), cpu)
    };
    let pairs: Vec<_> = (0..runs)
        .map(|_| (timed(&mut fa), timed(&mut fb)))
        .collect();
    let spread = |mut v: Vec<Duration>| {
        v.sort();
        Spread {
            min: v[0],
            median: v[v.len() / 2],
            max: v[v.len() - 1],
        }
    };
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ratios = pairs
        .iter()
        .map(|((a, _), (b, _))| 100.0 * b.as_secs_f64() / a.as_secs_f64())
        .collect();
    let cpu: Option<Vec<f64>> = pairs
        .iter()
        .map(|((_, a), (_, b))| Some(100.0 * (*b)?.max(1) as f64 / (*a)?.max(1) as f64))
        .collect();
    Pair {
        a: spread(pairs.iter().map(|p| p.0 .0).collect()),
        b: spread(pairs.iter().map(|p| p.1 .0).collect()),
        ratio_median: median(ratios),
        cpu_ratio_median: cpu.map(median),
    }
}

/// The calling thread's time on a CPU so far, in nanoseconds (Linux only).
fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

/// The machine's load average (1, 5, 15 minutes) and core count: timings mean little without it.
fn machine_load() -> String {
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|| "unknown".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    format!("load average {load} on {cores} cores")
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1_000_000.0 / d.as_secs_f64()
}

fn main() {
    let (label, texts) = inputs();
    if texts.is_empty() {
        eprintln!("bench: no reports found (../shared/corpus/lima or public/reviews)");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let runs = 15;

    println!("machine: {} (before)", machine_load());
    // The report parser's own options, so both rows parse the same Markdown dialect.
    let opts = deep_review::parse::cmark::options();
    // Ours and plain pulldown-cmark alternate run by run, so both see the same load.
    let pair = measure_pair(
        runs,
        || {
            for t in &texts {
                black_box(deep_review::parse::parse_text(black_box(t)).ok());
            }
        },
        || {
            for t in &texts {
                black_box(
                    Parser::new_ext(black_box(t), opts)
                        .into_offset_iter()
                        .count(),
                );
            }
        },
    );
    let (ours, plain) = (&pair.a, &pair.b);

    println!("| benchmark | input | runs | min | median | max (ms) | throughput (median) |");
    println!("|---|---|---|---|---|---|---|");
    let row = |name: &str, input: &str, t: &Spread, extra: String| {
        println!(
            "| {name} | {input} | {runs} | {} | {} | {} | {extra} |",
            ms(t.min),
            ms(t.median),
            ms(t.max)
        );
    };
    let input = format!(
        "{} reports, {:.2} MB ({label})",
        texts.len(),
        bytes as f64 / 1e6
    );
    row(
        "deep-review parse",
        &input,
        ours,
        format!("{:.1} MB/s", mbps(bytes, ours.median)),
    );
    row(
        "pulldown-cmark events only",
        "same bytes",
        plain,
        format!("{:.1} MB/s", mbps(bytes, plain.median)),
    );
    let ratio = |a: Duration, b: Duration| 100.0 * a.as_secs_f64() / b.as_secs_f64();
    println!(
        "| ratio ours / plain | | | {:.0}% (min/min) | {:.0}% (medians) | {:.0}% (max/max) | budget ≥ 25% (DESIGN §7), ≥ 80% (issue 12), ≥ 50 MB/s |",
        ratio(plain.min, ours.min),
        ratio(plain.median, ours.median),
        ratio(plain.max, ours.max)
    );
    println!(
        "| ratio, run by run | | | {:.0}% (median of the {runs} paired runs' ratios) | {} | | |",
        pair.ratio_median,
        pair.cpu_ratio_median.map_or_else(
            || "on-CPU time: unavailable".to_string(),
            |r| format!("{r:.0}% (on-CPU time, median of pairs)")
        )
    );

    // Part of the parser's time: the end-tag scan before pulldown-cmark.
    let fold = measure(runs, || {
        for t in &texts {
            black_box(deep_review::parse::cmark::fold_html_end_tags(black_box(t)).len());
        }
    })
    .median;
    println!(
        "| end-tag fold scan | same bytes | {:.2} ms | {:.1} MB/s |",
        fold.as_secs_f64() * 1e3,
        mbps(bytes, fold)
    );

    filter_rows(&texts, runs);

    let (earlier, later) = rounds_input::bench_rounds(300);
    let diff = measure(runs, || {
        black_box(deep_review::rounds::diff_reviews(
            black_box(&earlier),
            black_box(&later),
        ));
    });
    row(
        "round diff",
        "300 × 300 findings",
        &diff,
        "budget ≤ 10 ms (median)".into(),
    );
    println!("machine: {} (after)", machine_load());
}

/// Filtering 500 findings with live counts, as a filter click does before the DOM: the findings
/// of the input reports, repeated to 500 with long bodies; a facet click, a text search, and
/// an exclusion that matches nothing. With the search index (the app's path) and without.
fn filter_rows(texts: &[String], runs: usize) {
    let pool: Vec<Finding> = texts
        .iter()
        .filter_map(|t| deep_review::parse::parse_text(t).ok())
        .flat_map(|r| r.findings)
        .collect();
    if pool.is_empty() {
        return;
    }
    let body = "The reconnect loop does not back off; a busy socket spins the CPU — see \
                `hostagent.go`. "
        .repeat(20);
    let fs: Vec<Finding> = (0..500)
        .map(|i| {
            let mut f = pool[i % pool.len()].clone();
            f.id = format!("{}{i}", &f.id[..1]);
            f.body_md = format!("{}\n\n{body} item {i}", f.body_md);
            f
        })
        .collect();
    let marks = Triage::default();
    let index = SearchIndex::new(&fs);
    for query in [
        "sev=important,suggestion&agent=codex",
        "q=socket+spins&status=-open&resolved=hide",
        "agent=-claude&kind=gap&mark=-will-fix&q=zzz",
    ] {
        let s = ViewState::from_query(query);
        let indexed = measure(runs, || {
            black_box(index.facet_counts(black_box(&s), &fs, &marks).shown);
        })
        .median;
        let plain = measure(runs, || {
            black_box(facet_counts(black_box(&s), &fs, &marks).shown);
        })
        .median;
        println!(
            "| filter + counts `{query}` | 500 findings | {:.3} ms (without the search index {:.3} ms) | |",
            indexed.as_secs_f64() * 1e3,
            plain.as_secs_f64() * 1e3
        );
    }
}
