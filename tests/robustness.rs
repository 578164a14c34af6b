//! Robustness: the parsers never panic and never hang, whatever they are given.
//!
//! Deterministic fuzzing with a tiny xorshift PRNG. `DEEP_REVIEW_FUZZ_SEED=<u64>` changes the
//! seed (printed on failure), `DEEP_REVIEW_FUZZ_ITERS=<n>` multiplies the number of generated
//! inputs (default 1). Every input runs on its own thread with a time limit; a panic or an
//! overrun fails the test with the input's description, and the input is saved to a file in the
//! temp folder so it can be replayed with `deep-review parse <file>`.

use deep_review::parse::{parse_bytes, parse_text};
use std::panic;
use std::path::PathBuf;
use std::sync::{mpsc, Mutex, Once};
use std::thread;
use std::time::{Duration, Instant};

mod common;

/// How long one input may take before it counts as a hang (debug build). A guard, not a
/// timing: every input here parses in well under a second on an idle machine, a super-linear
/// one would take minutes, and CI machines run other builds beside this test (2 s failed at a
/// load average of 10 on 2 cores). Times go to the benchmarks (`bench/shapes.mjs`).
const LIMIT: Duration = Duration::from_secs(10);
const DEFAULT_SEED: u64 = 0x5EED_D0C5_2026_0319;

// ---------------------------------------------------------------------------------------------
// Harness

/// xorshift64* — enough randomness for input generation, no crates needed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// A number in `0..n` (0 when n is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

fn env_u64(name: &str) -> Option<u64> {
    let value = std::env::var(name).ok()?;
    match value.trim().parse() {
        Ok(n) => Some(n),
        Err(_) => panic!("{name}={value:?} is not a whole number"),
    }
}

fn seed() -> u64 {
    env_u64("DEEP_REVIEW_FUZZ_SEED").unwrap_or(DEFAULT_SEED)
}

/// Scale an iteration count by `DEEP_REVIEW_FUZZ_ITERS`.
fn iters(base: usize) -> usize {
    base * env_u64("DEEP_REVIEW_FUZZ_ITERS").map_or(1, |n| n.max(1) as usize)
}

/// Where panics happened (thread name, file:line:column), recorded by a hook that keeps the
/// default output.
static PANICS: Mutex<Vec<(String, String)>> = Mutex::new(Vec::new());

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if let (Some(loc), Ok(mut panics)) = (info.location(), PANICS.lock()) {
                let thread = thread::current().name().unwrap_or("").to_string();
                panics.push((
                    thread,
                    format!("{}:{}:{}", loc.file(), loc.line(), loc.column()),
                ));
            }
            default(info);
        }));
    });
}

/// Where the thread named `name` last panicked.
fn panic_location(name: &str) -> String {
    PANICS
        .lock()
        .ok()
        .and_then(|p| {
            p.iter()
                .rev()
                .find(|(t, _)| t == name)
                .map(|(_, l)| l.clone())
        })
        .unwrap_or_else(|| "an unknown place".to_string())
}

/// Which entry point an input goes through.
#[derive(Clone, Copy)]
enum Entry {
    Bytes,
    Text,
}

fn run_one(entry: Entry, input: &[u8]) -> Result<(), String> {
    let outcome = match entry {
        Entry::Bytes => parse_bytes(input),
        Entry::Text => parse_text(&String::from_utf8_lossy(input)),
    };
    match outcome {
        Err(e) if e.to_string().trim().is_empty() => Err(format!("empty error message: {e:?}")),
        _ => Ok(()),
    }
}

fn save(label: &str, input: &[u8]) -> PathBuf {
    let name: String = label
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(60)
        .collect();
    let path = std::env::temp_dir().join(format!("deep-review-fuzz-{name}.bin"));
    let _ = std::fs::write(&path, input);
    path
}

fn preview(input: &[u8]) -> String {
    let text = String::from_utf8_lossy(&input[..input.len().min(160)]);
    format!("{text:?}{}", if input.len() > 160 { " …" } else { "" })
}

/// Parse `input` on a fresh thread; a panic, a wrong error or an overrun is an `Err` with a full
/// description. Returns how long the parse took.
fn try_check(label: &str, entry: Entry, input: Vec<u8>) -> Result<Duration, String> {
    install_panic_hook();
    let (tx, rx) = mpsc::channel();
    let len = input.len();
    let shared = std::sync::Arc::new(input);
    let for_thread = shared.clone();
    let thread_name = format!("fuzz {label}");
    let start = Instant::now();
    let spawned = thread::Builder::new()
        .name(thread_name.clone())
        .spawn(move || {
            let result = panic::catch_unwind(|| run_one(entry, &for_thread));
            let _ = tx.send(result);
        })
        .expect("spawn a parser thread");
    let describe = |what: String| {
        let path = save(label, &shared);
        let via = match entry {
            Entry::Bytes => "parse_bytes",
            Entry::Text => "parse_text",
        };
        format!(
            "{what}\n  input: {label} ({len} bytes, via {via})\n  seed: {} (DEEP_REVIEW_FUZZ_SEED)\n  \
             saved to: {}\n  starts: {}",
            seed(),
            path.display(),
            preview(&shared)
        )
    };
    match rx.recv_timeout(LIMIT) {
        Ok(Ok(Ok(()))) => {
            let _ = spawned.join();
            Ok(start.elapsed())
        }
        Ok(Ok(Err(problem))) => Err(describe(problem)),
        Ok(Err(payload)) => {
            let msg = payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            let at = panic_location(&thread_name);
            Err(describe(format!("the parser panicked at {at}: {msg}")))
        }
        Err(mpsc::RecvTimeoutError::Timeout) => Err(describe(format!(
            "the parser took longer than {LIMIT:?} (hang?)"
        ))),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(describe("the parser thread died".into())),
    }
}

/// [`try_check`], failing the test at the first problem.
fn check(label: &str, entry: Entry, input: Vec<u8>) -> Duration {
    try_check(label, entry, input).unwrap_or_else(|problem| panic!("{problem}"))
}

/// Check every case and fail once with all problems.
fn check_all(cases: impl IntoIterator<Item = (String, Entry, Vec<u8>)>) {
    let mut slowest = (Duration::ZERO, String::new());
    let mut problems = Vec::new();
    for (label, entry, input) in cases {
        match try_check(&label, entry, input) {
            Ok(took) if took > slowest.0 => slowest = (took, label),
            Ok(_) => {}
            Err(problem) => problems.push(problem),
        }
    }
    eprintln!("slowest input: {} ({:?})", slowest.1, slowest.0);
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn check_text(label: &str, text: &str) -> Duration {
    check(label, Entry::Text, text.as_bytes().to_vec())
}

/// A random char boundary of `text`.
fn random_boundary(rng: &mut Rng, text: &str) -> usize {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

// ---------------------------------------------------------------------------------------------
// Generators

const SOUP: &[&str] = &[
    "#",
    "# ",
    "## ",
    "### ",
    "#### ",
    "# Deep Review: ",
    "**",
    "*",
    "~~",
    "`",
    "``",
    "```",
    "````",
    "~~~",
    "|",
    "| ",
    " |",
    "|---|---|\n",
    "[",
    "]",
    "(",
    ")",
    "0",
    "1",
    "7",
    "42",
    "99999999999999999999",
    "C1. ",
    "I2. ",
    "S3. ",
    "D1. ",
    "1. ",
    "2. ",
    "- ",
    "* ",
    "> ",
    "\n",
    "\n",
    "\n\n",
    "---",
    "    ",
    "\t",
    " ",
    " — ",
    " -- ",
    ": ",
    "(important, regression)",
    "(in-scope)",
    "*(deferred to upstream)*",
    "[Claude Opus 4.6]",
    "[Codex GPT 5.4, Gemini 3.1 Pro]",
    "`pkg/a.go:1-2`",
    "## Critical Issues\n",
    "## Important Issues\n",
    "## Suggestions\n",
    "## Design Observations\n",
    "### Concerns\n",
    "### Strengths\n",
    "## Agent Performance Retro\n",
    "### [Claude]\n",
    "### Summary\n",
    "## Appendix: Original Reviews\n",
    "## Resolution\n",
    "| **Date** | 2026-03-22 14:24 |\n",
    "| **Reviewers** | ",
    "| **Verdict** | ",
    "**Merge with fixes** — ",
    "**Fixed.** ",
    "**Skipped.** ",
    "round 6 S3",
    "Round 2's I1",
    "~~1. **T** -- FIXED: x~~",
    "<br>",
    "<details>",
    "&amp;",
    "\\",
    "é",
    "—",
    "…",
    "→",
    "😀",
    "\u{feff}",
    "\r",
    "\r\n",
    "\u{200b}",
    "\u{0}",
    "Deep Review: ",
    "Date",
    "Reviewers",
    "Claude",
    "Verdict",
];

/// Random Markdown-ish text built from [`SOUP`] tokens.
fn soup(rng: &mut Rng, max_tokens: usize) -> String {
    let n = rng.below(max_tokens) + 1;
    (0..n).map(|_| *rng.pick(SOUP)).collect()
}

/// Random text from a mix of ASCII, punctuation, multi-byte and odd characters.
fn random_utf8(rng: &mut Rng, max_chars: usize) -> String {
    const ODD: &[char] = &[
        '\n', '\r', '\t', ' ', '#', '*', '`', '|', '[', ']', '(', ')', '~', '-', '>', 'é', '—',
        '…', '→', '😀', '\u{feff}', '\u{200b}', '\u{301}', '\u{7f}', '\u{ffff}', '{', '}', '"',
    ];
    let n = rng.below(max_chars + 1);
    (0..n)
        .map(|_| match rng.below(4) {
            0 => *rng.pick(ODD),
            1 => char::from_u32(rng.below(0x3000) as u32).unwrap_or('?'),
            _ => (b' ' + rng.below(95) as u8) as char,
        })
        .collect()
}

fn random_bytes(rng: &mut Rng, max_len: usize) -> Vec<u8> {
    let n = rng.below(max_len + 1);
    (0..n).map(|_| rng.next() as u8).collect()
}

/// The prefixes that route text to each parser.
const HEADS: &[&str] = &["", "# Deep Review: fuzz\n\n", "Deep Review: fuzz\n\n", "{"];

/// Top-level `## ` sections of a report (the part before the first is kept first).
fn sections(text: &str) -> (String, Vec<String>) {
    let mut head = String::new();
    let mut parts: Vec<String> = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("## ") {
            parts.push(String::new());
        }
        match parts.last_mut() {
            Some(p) => p.push_str(line),
            None => head.push_str(line),
        }
    }
    (head, parts)
}

fn encode_utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let bom: [u8; 2] = if big_endian {
        [0xFE, 0xFF]
    } else {
        [0xFF, 0xFE]
    };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(|u| {
            if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            }
        }))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Tests

#[test]
fn random_bytes_and_text_never_panic() {
    let mut rng = Rng::new(seed());
    for i in 0..iters(150) {
        check(
            &format!("random bytes #{i}"),
            Entry::Bytes,
            random_bytes(&mut rng, 3000),
        );
        let head = *rng.pick(HEADS);
        let text = format!("{head}{}", random_utf8(&mut rng, 3000));
        check(
            &format!("random utf-8 #{i}"),
            Entry::Bytes,
            text.into_bytes(),
        );
    }
}

#[test]
fn markdown_token_soup_never_panics() {
    let mut rng = Rng::new(seed() ^ 1);
    for i in 0..iters(300) {
        let head = *rng.pick(HEADS);
        let text = format!("{head}{}", soup(&mut rng, 600));
        check_text(&format!("token soup #{i}"), &text);
    }
}

#[test]
fn truncated_corpus_reports_never_panic() {
    let mut rng = Rng::new(seed() ^ 2);
    for kind in ["lima", "rendered"] {
        let Some(docs) = common::corpus_texts(kind, "") else {
            continue;
        };
        for (name, text) in &docs {
            for k in 0..iters(3) {
                let at = random_boundary(&mut rng, text);
                check_text(&format!("{kind}/{name} cut at {at} (#{k})"), &text[..at]);
            }
        }
    }
}

#[test]
fn shuffled_corpus_reports_never_panic() {
    let mut rng = Rng::new(seed() ^ 3);
    let Some(docs) = common::corpus_texts("lima", "") else {
        return;
    };
    for (name, text) in &docs {
        // Section shuffle: the title and header stay first, the `## ` sections move.
        let (head, mut parts) = sections(text);
        rng.shuffle(&mut parts);
        check_text(
            &format!("lima/{name} sections shuffled"),
            &(head + &parts.concat()),
        );
        // Line shuffle: a few random swaps keep most structure; a full shuffle keeps none.
        let mut lines: Vec<&str> = text.lines().collect();
        for _ in 0..iters(20) {
            let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
            lines.swap(a, b);
        }
        check_text(&format!("lima/{name} lines swapped"), &lines.join("\n"));
    }
    for (name, text) in docs.iter().take(iters(3)) {
        let mut lines: Vec<&str> = text.lines().collect();
        let first = lines.first().copied().unwrap_or("");
        rng.shuffle(&mut lines);
        check_text(
            &format!("lima/{name} lines shuffled"),
            &format!("{first}\n{}", lines.join("\n")),
        );
    }
}

#[test]
fn spliced_corpus_reports_never_panic() {
    let mut rng = Rng::new(seed() ^ 4);
    let Some(docs) = common::corpus_texts("lima", "") else {
        return;
    };
    for k in 0..iters(20) {
        let (name, text) = rng.pick(&docs);
        let at = random_boundary(&mut rng, text);
        let spliced = format!("{}{}{}", &text[..at], soup(&mut rng, 40), &text[at..]);
        check_text(&format!("lima/{name} spliced at {at} (#{k})"), &spliced);
    }
}

#[test]
fn pathological_inputs_never_panic_or_hang() {
    const H1: &str = "# Deep Review: 20260101-000000-fuzz\n\n";
    const R1: &str = "Deep Review: x\n\n";
    let numbered =
        |n: usize, line: &dyn Fn(usize) -> String| -> String { (1..=n).map(line).collect() };
    let utf16_report = format!("{H1}| | |\n|---|---|\n| **Date** | 2026-01-01 |\r\n");
    let crlf = format!("{H1}## Critical Issues\n\nC1. **T** — `a.go:1`\n").replace('\n', "\r\n");
    let bytes: Vec<(&str, Vec<u8>)> = vec![
        ("empty", Vec::new()),
        ("only white space", b" \n\t\r\n  ".to_vec()),
        ("only a BOM", b"\xEF\xBB\xBF".to_vec()),
        (
            "binary with NUL",
            b"# Deep Review: x\n\0\x01\x02\xFF".to_vec(),
        ),
        ("invalid UTF-8", b"# Deep Review: x\n\xC3\x28\xFF".to_vec()),
        ("UTF-16LE with BOM", encode_utf16(&utf16_report, false)),
        ("UTF-16BE with BOM", encode_utf16(&utf16_report, true)),
        ("UTF-16 odd length", vec![0xFF, 0xFE, b'#']),
        (
            "UTF-16 lone surrogate",
            vec![0xFF, 0xFE, 0x00, 0xD8, b'#', 0],
        ),
        ("CRLF report", crlf.into_bytes()),
        (
            "lone CRs",
            format!("{H1}## Suggestions\r\rS1. **T**\r").into_bytes(),
        ),
    ];
    let texts: Vec<(&str, String)> = vec![
        ("1 MB single line", format!("{H1}{}", "word ".repeat(210_000))),
        ("1 MB single line, no spaces", "x".repeat(1 << 20)),
        ("1 MB of stars", format!("{H1}{}", "*".repeat(1 << 20))),
        ("1 MB of brackets", format!("{H1}{}", "[".repeat(1 << 20))),
        ("1 MB of backticks", format!("{H1}{}", "`".repeat(1 << 20))),
        ("1 MB of pipes", format!("{H1}|{}\n|---|\n", "a|".repeat(400_000))),
        (
            "10,000 nested list levels",
            format!("{H1}## Suggestions\n\n{}x\n", "- ".repeat(10_000)),
        ),
        (
            "10,000 nested ordered lists",
            format!("{H1}## Suggestions\n\n{}x\n", "1. ".repeat(10_000)),
        ),
        (
            "2,000 indented list levels",
            format!(
                "{H1}## Important Issues\n\n{}",
                numbered(2_000, &|i| format!("{}- item {i}\n", " ".repeat(2 * i)))
            ),
        ),
        ("5,000 nested block quotes", format!("{H1}{}x\n", "> ".repeat(5_000))),
        ("5,000 nested block quotes, no spaces", format!("{H1}{}x\n", ">".repeat(5_000))),
        (
            "unclosed fence",
            format!("{H1}## Critical Issues\n\nC1. **T**\n\n```go\nfunc x() {{\n## Important Issues\n"),
        ),
        (
            "4-backtick fence never closed",
            format!("{H1}## Executive Summary\n\n````markdown\n```\n## Critical Issues\n```\nC1. **T**\n"),
        ),
        ("unclosed tilde fence", format!("{H1}~~~~\n## Appendix: Original Reviews\n")),
        (
            "header table with 10,000 rows",
            format!(
                "{H1}| | |\n|---|---|\n{}",
                numbered(10_000, &|i| format!("| **Key{i}** | value {i} |\n"))
            ),
        ),
        (
            "10,000 findings",
            format!(
                "{H1}## Suggestions\n\n{}",
                numbered(10_000, &|i| format!("S{i}. **T{i}** — `a.go:{i}` [Claude]\n\n"))
            ),
        ),
        ("10,000 headings", format!("{H1}{}", "## Suggestions\n### Concerns\n".repeat(5_000))),
        ("deep emphasis", format!("{H1}{}x{}", "**_".repeat(20_000), "_**".repeat(20_000))),
        ("many link openers", format!("{H1}{}", "[a](".repeat(50_000))),
        ("title only", "# Deep Review: ".to_string()),
        ("title without slug", "# Deep Review:".to_string()),
        ("rendered title only", "Deep Review: ".to_string()),
        ("rendered 10,000 commits", format!("{R1}Commits{}", "abcdef1 subject\n".repeat(10_000))),
        (
            "rendered 10,000 findings",
            format!(
                "{R1}ReviewersClaude\n\nSuggestions\n\n{}",
                numbered(10_000, &|i| format!("{i}. T Claude\n"))
            ),
        ),
        ("rendered 10,000 repeated ids", format!("{R1}Important Issues\n\n{}", "I1. T\n".repeat(10_000))),
        (
            "rendered nested parens",
            format!("{R1}Suggestions\n\n1. T {}x{}\n", "(".repeat(50_000), ")".repeat(50_000)),
        ),
        (
            "rendered title with 20,000 tags",
            format!(
                "{R1}Suggestions\n\n1. T{}\n",
                numbered(20_000, &|i| format!(" (suggestion, k{i}) Claude"))
            ),
        ),
        (
            "JSON deep nesting",
            format!("{{\"schema\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000)),
        ),
        ("JSON deep objects", "{\"a\":".repeat(50_000)),
    ];
    let cases = bytes
        .into_iter()
        .map(|(label, b)| (label, Entry::Bytes, b))
        .chain(
            texts
                .into_iter()
                .map(|(label, t)| (label, Entry::Text, t.into_bytes())),
        );
    check_all(cases.map(|(label, entry, input)| (label.to_string(), entry, input)));
}

/// Found by this suite (616f329): a finding that cites many distinct cross-round references
/// took time quadratic in their number, because `cross_refs` removes duplicates with a linear
/// search (`src/parse/xref.rs:53` `dedupe`); ranges make it worse (`round N S1–S30` is 30
/// references). 700 such ranges (14 KB) took 3.5 s in a debug build, 1,400 took 11 s.
#[test]
fn many_cross_round_references_stay_fast() {
    let ranges: String = (1..=2_000).map(|i| format!("round {i} S1–S30, ")).collect();
    check_all([
        (
            "Markdown finding citing 2,000 ranges of cross-round refs".to_string(),
            Entry::Text,
            format!("# Deep Review: x\n\n## Suggestions\n\nS1. **T**\n\n{ranges}\n").into_bytes(),
        ),
        (
            "rendered finding citing 2,000 ranges of cross-round refs".to_string(),
            Entry::Text,
            format!("Deep Review: x\n\nSuggestions\n\n1. T\n\n{ranges}\n").into_bytes(),
        ),
    ]);
}

/// Found by this suite against the first Markdown parser (616f329): repeated finding ids and
/// repeated section headings took time quadratic in their count (about 2 s for 2,000 repeats,
/// 7 s for 4,000 in a debug build), because each duplicate searched `-2`, `-3`, … from the
/// start for a free suffix (`src/parse/findings.rs:460` `unique_id`,
/// `src/parse/markdown.rs:127` `add_section`).
#[test]
fn repeated_ids_and_headings_stay_fast() {
    const H1: &str = "# Deep Review: 20260101-000000-fuzz\n\n";
    check_all([
        (
            "10,000 findings with the same id".to_string(),
            Entry::Text,
            format!("{H1}## Suggestions\n\n{}", "S1. **T**\n\n".repeat(10_000)).into_bytes(),
        ),
        (
            "10,000 sections with the same heading".to_string(),
            Entry::Text,
            format!("{H1}{}", "## Foo\n".repeat(10_000)).into_bytes(),
        ),
    ]);
}

#[test]
fn the_harness_reports_panics_with_their_location() {
    install_panic_hook();
    let name = "harness self-test".to_string();
    let handle = thread::Builder::new()
        .name(name.clone())
        .spawn(|| panic::catch_unwind(|| panic!("boom")).is_err())
        .expect("spawn");
    assert_eq!(handle.join().ok(), Some(true));
    assert!(
        panic_location(&name).contains("robustness.rs"),
        "{}",
        panic_location(&name)
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile shapes (issue 11). Each is sized so that a super-linear parse would take seconds (or
// minutes) in a debug build; the tests assert what a reader sees, `bench/shapes.mjs` generates
// the same shapes for timing.

/// A small valid G4 report; `commits` goes in the header's Commits cell, `design` is the body
/// of a Design Observations concern.
fn shape_report(commits: &str, design: &str) -> String {
    format!(
        "# Deep Review: 20260901-120000-shape\n\n| | |\n|---|---|\n| **Date** | 2026-09-01 12:00 |\n\
         | **Commits** | {commits} |\n| **Reviewers** | Claude Opus 4.6, Codex GPT 5.4 |\n\n---\n\n\
         ## Consolidated Review\n\n### Important Issues\n\n\
         1. **Ordinary** — `src/lib.rs:10` (important, gap) [Claude Opus 4.6]\n\nBody.\n\n\
         ### Design Observations\n\n**Concerns**\n\n- **Run** (future) [Codex GPT 5.4] — {design}\n\n\
         ### Testing Assessment\n\nFine.\n"
    )
}

/// Issue 11 item 1: one run of backticks took time quadratic in its length (`code_span` counted
/// the run again from each of its backticks): 128k took 7.2 s in a release build, 512k about
/// 70 s. A run that opens no code span is literal text as a whole.
#[test]
fn one_long_backtick_run_parses_in_linear_time() {
    let run = "`".repeat(512 * 1024);
    let review = parse_text(&shape_report("`5e1b7a30` one", &run)).expect("a Deep Review");
    let design = review
        .findings
        .iter()
        .find(|f| f.title == "Run")
        .expect("the design concern is a finding");
    assert_eq!(design.id, "D1");
    assert_eq!(
        design.body_md.len(),
        run.len(),
        "the run is kept as the body"
    );
    assert_eq!(review.findings.len(), 2);

    let review =
        parse_text(&shape_report(&format!("`5e1b7a30` {run}"), "plain")).expect("a Deep Review");
    assert_eq!(review.meta.commits.len(), 1);
    assert_eq!(review.meta.commits[0].sha, "5e1b7a30");
    assert_eq!(review.findings.len(), 2);
    assert!(review.findings.iter().any(|f| f.title == "Run"));
}

/// Runs of every length from 1 to 2,000, none closed by another of the same length except the
/// last pair: each opener scans to the end of its window, which the work budget keeps linear.
#[test]
fn many_unmatched_backtick_runs_stay_linear() {
    let mut design = String::new();
    for n in 1..=2_000 {
        design.push_str(&"`".repeat(n));
        design.push_str(" x ");
    }
    design.push_str("`code`");
    let review = parse_text(&shape_report("`5e1b7a30` one", &design)).expect("a Deep Review");
    assert_eq!(review.findings.len(), 2);
    assert!(review.findings[1].body_md.ends_with("`code`"));
}

/// Issue 11 item 3: an 8 MB table took 760 MB in the CLI (pulldown-cmark's tree plus a few
/// hundred bytes per cell in the outline); 46 MB aborted it. A table of more than
/// `MAX_TABLE_CELLS` cells is read as text with a warning; smaller tables stay tables.
#[test]
fn a_huge_table_is_read_as_text_with_a_warning() {
    let rows = "| `a.rs` | 12 | x | yes |\n".repeat(200_000);
    let body = format!("See:\n\n| file | line | what | ok |\n|---|---|---|---|\n{rows}");
    let md =
        shape_report("`5e1b7a30` one", "plain").replace("\n\nBody.\n\n", &format!("\n\n{body}\n"));
    let review = parse_text(&md).expect("a Deep Review");
    assert_eq!(
        review.findings.len(),
        2,
        "the findings around the table survive"
    );
    assert!(review.findings[0].body_md.len() > rows.len());
    let warning = review
        .diagnostics
        .iter()
        .find(|d| d.message.contains("shown as text"))
        .expect("a warning names the table");
    assert_eq!(warning.line, 20, "the warning points at the delimiter row");
    assert!(warning.message.contains("800"), "{}", warning.message);

    // The view renders it as a paragraph, not 800,000 cells.
    let nodes =
        deep_review::markdown_view::render(&review.findings[0].body_md, &Default::default());
    let text = format!("{nodes:?}");
    assert!(!text.contains("Table"), "no table node");

    // A normal table is still a table.
    let small = "| a | b |\n|---|---|\n| 1 | 2 |\n";
    assert!(format!(
        "{:?}",
        deep_review::markdown_view::render(small, &Default::default())
    )
    .contains("Table"));
}

/// Issue 11 (CLI memory): a multi-megabyte paragraph full of code spans, emphasis and links
/// kept several pulldown-cmark nodes per piece of markup for the outline (8 MB: 93 MB peak).
/// Past 64 KB such a run is flattened for the outline only: the body is kept byte for byte and
/// everything around it parses as before.
#[test]
fn a_long_paragraph_keeps_its_text_and_its_neighbours() {
    let unit = "The writer flushes `buf` before *the* [checkpoint](https://x.test/a) lands. ";
    let para = unit.repeat(2 * 1024 * 1024 / unit.len());
    let lines = "A line with `code`, *emphasis* and [a link](https://x.test/b).\n".repeat(20_000);
    let second =
        "2. **Second** — `src/b.rs:7`, `src/c.rs:9` (important, regression) [Codex GPT 5.4]";
    let body = format!("{para}\n\n{lines}\n{second}\n\nAfter.");
    let md = shape_report("`5e1b7a30` one", "plain")
        .replace("\n\nBody.\n\n", &format!("\n\n{body}\n\n"));
    let review = parse_text(&md).expect("a Deep Review");
    assert_eq!(
        review.findings.len(),
        3,
        "both findings and the design concern"
    );
    let first = &review.findings[0];
    assert_eq!(first.body_md, format!("{para}\n\n{}", lines.trim_end()));
    let f2 = &review.findings[1];
    assert_eq!((f2.id.as_str(), f2.title.as_str()), ("I2", "Second"));
    assert_eq!(f2.agents, ["Codex GPT 5.4"]);
    assert_eq!(f2.kinds, ["regression"]);
    let paths: Vec<&str> = f2.locations.iter().map(|l| l.path.as_str()).collect();
    assert_eq!(paths, ["src/b.rs", "src/c.rs"]);
    assert_eq!(f2.body_md, "After.");
    assert!(review
        .sections
        .iter()
        .any(|s| s.heading == "Testing Assessment"));
}

/// Issue 11 item 7: the CLI read `/dev/zero` (or any endless or huge input) until memory ran
/// out. It stops one byte past the viewer's 50 MB limit and says so.
#[cfg(unix)]
#[test]
fn the_cli_stops_reading_at_the_size_limit() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_deep-review"))
        .args(["parse", "/dev/zero"])
        .output()
        .expect("run deep-review");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/zero") && err.contains("over the 50 MB limit"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}
