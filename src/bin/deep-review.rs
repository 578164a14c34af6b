//! `deep-review`: the native CLI over the same core as the web app.
//!
//! ```text
//! deep-review parse FILE [--pretty]        Markdown/JSON report → JSON on stdout
//! deep-review index DIR [--pretty]         index JSON of every report in DIR
//! deep-review diff OLD NEW [--via MID]... [--link E:L] [--unlink E:L] [--format json|table]
//!                                          every finding of both rounds once, with its outcome
//!                                          (fixed, declined, persisting, demoted, dropped,
//!                                          not_raised / new), evidence and relations
//! deep-review thread FILE... [--format json|table]
//!                                          the files grouped into threads (one PR), each with
//!                                          its rounds, diffs, finding lifecycles and agents
//! deep-review agents DIR [--format table|json|csv] [--repo R] [--since DATE] [--until DATE] [--pr N]
//!                                          agent scoreboard over every report in DIR: findings
//!                                          raised, what became of them, retro metrics
//! deep-review COMMAND --help               what a command does and its options
//! ```
//! Exit codes: 0 success, 2 unreadable input / not a report / bad usage.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = out.write_to(&mut stdout);
            let _ = stdout.write_all(b"\n");
            let _ = stdout.flush();
        }
        Err(msg) => {
            eprintln!("deep-review: {msg}");
            std::process::exit(2);
        }
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use deep_review::document::DocumentEntry;
    use deep_review::model::{Index, IndexEntry, Skipped, SCHEMA};
    use deep_review::parse;
    use deep_review::rounds;
    use deep_review::scoreboard;
    use serde::Serialize;
    use std::path::Path;

    pub const USAGE: &str = "usage: deep-review parse FILE [--pretty] | deep-review index DIR [--pretty] \
| deep-review diff OLD NEW [--via MID]... [--link E:L] [--unlink E:L] [--format json|table] [--pretty] \
| deep-review thread FILE... [--format json|table] [--pretty] \
| deep-review agents DIR [--format table|json|csv] [--repo R] [--since DATE] [--until DATE] [--pr N] [--pretty] \
| deep-review COMMAND --help";

    const HELP_PARSE: &str = "deep-review parse FILE [--pretty]

Read one report (Markdown of any generation, the rendered text of a published page, or
deep-review/1 JSON) and print it as deep-review/1 JSON.

  --pretty    indent the JSON

Exit status 0; 2 with one line on stderr when FILE cannot be read or is not a Deep Review.";

    const HELP_INDEX: &str = "deep-review index DIR [--pretty]

Print the index (deep-review/1-index JSON) of every report directly in DIR (.md, .json and
.txt files; index.json itself is skipped). Documents of another kind on the same branch (a
`# Supply Chain Scan: …`, `# CI Failures: …`) are listed under `documents`; other files that are
not Deep Reviews under `skipped` with the reason. `outcomes` holds the reports' threads (the
rounds of each PR) and the fate of each finding, so the app's agent scoreboard does not diff
these rounds again (README \"Agent scoreboard\").

  --pretty    indent the JSON";

    const HELP_DIFF: &str = "deep-review diff OLD NEW [--via MID]... [--link E:L]... [--unlink E:L]... [--format json|table] [--pretty]

Compare two rounds of one PR. Every finding of OLD gets exactly one outcome, with its evidence:
fixed, declined (declined / acknowledged), persisting (possibly re-rated), demoted, dropped,
or not_raised (absent, no evidence either way: never counted as fixed). Every finding of NEW is
persisting (paired) or new, with its relations to OLD's findings (regression from a fix,
follow_up, related).

  --via MID       a round between OLD and NEW (repeatable): findings are followed through it
  --link E:L      pair OLD's finding E with NEW's finding L by hand (e.g. --link I2:S3)
  --unlink E:L    never pair E with L
  --format F      json (default) or table (readable text)
  --pretty        indent the JSON";

    const HELP_THREAD: &str = "deep-review thread FILE... [--format json|table] [--pretty]

Group the reports into threads (one PR: reports keyed by the PR and by its branch are merged),
order each by round number, then date (a thread whose round numbers and dates disagree gets a
warning), diff consecutive rounds and follow every finding across them (its lifecycle and
final outcome), with per-agent figures.

  --format F      json (default) or table (readable text)
  --pretty        indent the JSON";

    const HELP_AGENTS: &str = "deep-review agents DIR [--format table|json|csv] [--repo R] [--since DATE] [--until DATE] [--pr N] [--pretty]

Agent scoreboard over every report directly in DIR (.md, .json, .txt; files that are not Deep
Reviews are skipped with a note on stderr), per agent family and per model, with the same
figures per repository and per month:

  raised        findings naming the agent (one per report), by severity C/I/S/D
  sole/shared   raised findings naming no other agent (sole) or several
  issues        distinct findings followed across the rounds of their PR, each with one fate:
                fixed, declined, dropped, demoted, not raised again (no word why), open
  confirmed     fixed / (issues - open)
  noise         (dropped + demoted) / issues
  retro         Agent Performance Retro numbers (duration, tool calls, false positives,
                coverage misses, ...), each with the number of reports it comes from; a
                report without the number adds nothing (missing, never zero)

  --format F      table (default), json or csv
  --repo R        only reports of repository R (owner/name or name)
  --since DATE    only reports dated DATE or later (2026-07-14, 2026-07)
  --until DATE    only reports dated DATE or earlier, inclusive (2026-07 = all of July)
  --pr N          only reports of PR N
  --pretty        indent the JSON";

    /// Options that take a value.
    const VALUED: [&str; 8] = [
        "--via", "--link", "--unlink", "--format", "--repo", "--since", "--until", "--pr",
    ];

    struct Args<'a> {
        pos: Vec<&'a str>,
        pretty: bool,
        help: bool,
        opts: Vec<(&'a str, &'a str)>,
    }

    impl<'a> Args<'a> {
        fn parse(args: &'a [String]) -> Result<Args<'a>, String> {
            let mut out = Args {
                pos: Vec::new(),
                pretty: false,
                help: false,
                opts: Vec::new(),
            };
            let mut it = args.iter();
            while let Some(a) = it.next() {
                let a = a.as_str();
                if a == "--pretty" {
                    out.pretty = true;
                } else if a == "--help" || a == "-h" {
                    out.help = true;
                } else if let Some((k, v)) = a.split_once('=').filter(|(k, _)| VALUED.contains(k)) {
                    out.opts.push((k, v));
                } else if VALUED.contains(&a) {
                    let v = it
                        .next()
                        .ok_or_else(|| format!("{a} needs a value; {USAGE}"))?;
                    out.opts.push((a, v.as_str()));
                } else if a.starts_with("--") {
                    return Err(format!("unknown option {a}; {USAGE}"));
                } else {
                    out.pos.push(a);
                }
            }
            Ok(out)
        }

        fn all(&self, key: &str) -> Vec<&'a str> {
            self.opts
                .iter()
                .filter(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .collect()
        }

        /// The last value of an option.
        fn last(&self, key: &str) -> Option<&'a str> {
            self.all(key).last().copied()
        }

        /// `json` or `table`.
        fn table(&self) -> Result<bool, String> {
            match self.all("--format").last().copied() {
                None | Some("json") => Ok(false),
                Some("table") => Ok(true),
                Some(f) => Err(format!("unknown --format {f}: use json or table")),
            }
        }

        /// Only the options `allowed` may be given.
        fn only(&self, cmd: &str, allowed: &[&str]) -> Result<(), String> {
            match self.opts.iter().find(|(k, _)| !allowed.contains(k)) {
                Some((k, _)) => Err(format!(
                    "{cmd} does not take {k}; see deep-review {cmd} --help"
                )),
                None => Ok(()),
            }
        }
    }

    /// What a command prints: text, or a report written as JSON straight to stdout (a
    /// multi-megabyte report's JSON is never held in memory next to the report).
    pub enum Output {
        Text(String),
        Review {
            review: Box<deep_review::model::Review>,
            pretty: bool,
        },
    }

    impl Output {
        pub fn write_to(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
            match self {
                Output::Text(text) => out.write_all(text.as_bytes()),
                Output::Review { review, pretty } => {
                    parse::json::write_json(review, *pretty, out).map_err(std::io::Error::other)
                }
            }
        }
    }

    pub fn run(args: &[String]) -> Result<Output, String> {
        let a = Args::parse(args)?;
        if let (false, ["parse", file]) = (a.help, a.pos.as_slice()) {
            a.only("parse", &[])?;
            // The input is dropped once parsed; the JSON goes straight to stdout.
            let review = load(Path::new(file))?;
            return Ok(Output::Review {
                review: Box::new(review),
                pretty: a.pretty,
            });
        }
        run_text(args).map(Output::Text)
    }

    fn run_text(args: &[String]) -> Result<String, String> {
        let a = Args::parse(args)?;
        if a.help || matches!(a.pos.as_slice(), ["help", ..]) {
            let cmd = if a.pos.first() == Some(&"help") {
                a.pos.get(1)
            } else {
                a.pos.first()
            };
            return Ok(match cmd.copied() {
                Some("parse") => HELP_PARSE,
                Some("index") => HELP_INDEX,
                Some("diff") => HELP_DIFF,
                Some("thread") => HELP_THREAD,
                Some("agents") => HELP_AGENTS,
                _ => USAGE,
            }
            .to_string());
        }
        let pretty = a.pretty;
        match a.pos.as_slice() {
            ["index", dir] => {
                a.only("index", &[])?;
                json(&index_dir(Path::new(dir))?, pretty)
            }
            ["diff", old, new] => {
                a.only("diff", &["--via", "--link", "--unlink", "--format"])?;
                let table = a.table()?;
                let overrides = rounds::Overrides::from_query(
                    &a.all("--link").join(","),
                    &a.all("--unlink").join(","),
                );
                for (what, list) in [("--link", &overrides.link), ("--unlink", &overrides.unlink)] {
                    let given = a
                        .all(what)
                        .join(",")
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .count();
                    if given != list.len() {
                        return Err(format!(
                            "{what} takes EARLIER:LATER finding ids, e.g. {what} I2:S3"
                        ));
                    }
                }
                let mut reviews = vec![load(Path::new(old))?];
                for via in a.all("--via") {
                    reviews.push(load(Path::new(via))?);
                }
                reviews.push(load(Path::new(new))?);
                let refs: Vec<&deep_review::model::Review> = reviews.iter().collect();
                let d = rounds::thread_diff(&refs, 0, refs.len() - 1, &overrides);
                if table {
                    Ok(rounds::text::diff(&d))
                } else {
                    json(&d, pretty)
                }
            }
            ["diff", ..] => Err(format!(
                "diff needs exactly two reports, OLD then NEW; {USAGE}"
            )),
            ["thread", files @ ..] if !files.is_empty() => {
                a.only("thread", &["--format"])?;
                let table = a.table()?;
                let reviews = files
                    .iter()
                    .map(|f| load(Path::new(f)))
                    .collect::<Result<Vec<_>, _>>()?;
                let threads = rounds::thread_reports(&reviews);
                if table {
                    Ok(threads
                        .iter()
                        .map(rounds::text::thread)
                        .collect::<Vec<_>>()
                        .join("\n\n"))
                } else {
                    json(&threads, pretty)
                }
            }
            ["thread"] => Err(format!("thread needs at least one report; {USAGE}")),
            ["agents", dir] => {
                a.only(
                    "agents",
                    &["--format", "--repo", "--since", "--until", "--pr"],
                )?;
                let format = a.last("--format").unwrap_or("table");
                if !matches!(format, "table" | "json" | "csv") {
                    return Err(format!("unknown --format {format}: use table, json or csv"));
                }
                let filter = scoreboard::Filter {
                    repo: a.last("--repo").map(str::to_string),
                    since: a.last("--since").map(str::to_string),
                    until: a.last("--until").map(str::to_string),
                    pr: match a.last("--pr") {
                        None => None,
                        Some(n) => Some(
                            n.trim_start_matches('#')
                                .parse()
                                .map_err(|_| format!("--pr takes a PR number, not {n:?}"))?,
                        ),
                    },
                };
                filter.check().map_err(|e| format!("--{e}"))?;
                let (reviews, skipped) = load_dir(Path::new(dir))?;
                for s in &skipped {
                    eprintln!("deep-review: skipped {}: {}", s.path, s.reason);
                }
                let board = scoreboard::scoreboard(&reviews, &filter);
                match format {
                    "json" => json(&board, pretty),
                    "csv" => Ok(scoreboard::csv(&board)),
                    _ => Ok(scoreboard::table(&board)),
                }
            }
            ["agents", ..] => Err(format!("agents needs one directory of reports; {USAGE}")),
            [] => Err(USAGE.to_string()),
            _ => Err(format!("unexpected arguments; {USAGE}")),
        }
    }

    /// JSON of plain data (a failure would be a bug: reported, not a panic).
    fn json<T: Serialize>(value: &T, pretty: bool) -> Result<String, String> {
        let out = if pretty {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        };
        out.map_err(|e| format!("cannot write the JSON output: {e}"))
    }

    /// Read and parse one report; errors name the file.
    pub fn load(path: &Path) -> Result<deep_review::model::Review, String> {
        let bytes = read_capped(path).map_err(|e| format!("{}: {e}", path.display()))?;
        parse::parse_owned_bytes(bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// The bytes of `path`, reading at most one byte past the size limit the viewer has
    /// ([`parse::MAX_INPUT_BYTES`]), so `/dev/zero`, a pipe or a huge file ends with a message
    /// instead of filling memory.
    fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
        use std::io::Read;
        let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
        let limit = parse::MAX_INPUT_BYTES as u64;
        let mut bytes = Vec::new();
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read: {e}"))?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "over the {} MB limit (reading stopped there): split the report or open a smaller one",
                limit / 1_048_576
            ));
        }
        Ok(bytes)
    }

    /// The report files directly in `dir`: `.md`, `.json`, `.txt`, not `index.json`; sorted.
    fn report_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
        let entries = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read directory {}: {e}", dir.display()))?;
        let mut files: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.is_file())
            .filter(|p| {
                let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
                matches!(ext, "md" | "json" | "txt") && name != "index.json"
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// A file name and the report in it, or why it is not one.
    type Parsed = (String, Result<deep_review::model::Review, String>);

    /// Parse every report file in `dir`; the others are returned as skipped, with the reason.
    fn parse_dir(dir: &Path) -> Result<Vec<Parsed>, String> {
        Ok(report_files(dir)?
            .into_iter()
            .map(|path| {
                let rel = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let parsed = read_capped(&path)
                    .and_then(|b| parse::parse_bytes(&b).map_err(|e| e.to_string()));
                (rel, parsed)
            })
            .collect())
    }

    /// Every report in `dir`, and the files skipped.
    pub fn load_dir(dir: &Path) -> Result<(Vec<deep_review::model::Review>, Vec<Skipped>), String> {
        let mut reviews = Vec::new();
        let mut skipped = Vec::new();
        for (path, parsed) in parse_dir(dir)? {
            match parsed {
                Ok(r) => reviews.push(r),
                Err(reason) => skipped.push(Skipped { path, reason }),
            }
        }
        Ok((reviews, skipped))
    }

    /// Every `.md` / `.json` / `.txt` file directly in `dir` (not `index.json`), sorted by date
    /// then slug.
    pub fn index_dir(dir: &Path) -> Result<Index, String> {
        let mut index = Index {
            schema: format!("{SCHEMA}-index"),
            reports: vec![],
            skipped: vec![],
            documents: vec![],
            outcomes: None,
        };
        let mut reviews = Vec::new();
        for (rel, parsed) in parse_dir(dir)? {
            match parsed {
                Ok(review) => {
                    index.reports.push(IndexEntry::of(&review, &rel));
                    reviews.push(review);
                }
                Err(reason) => {
                    // A Supply Chain Scan, a CI report …: listed as a document, not skipped.
                    let doc = read_capped(&dir.join(&rel))
                        .ok()
                        .and_then(|b| deep_review::document::of_bytes(&b));
                    match doc {
                        Some(d) => index.documents.push(DocumentEntry::of(&d, &rel)),
                        None => index.skipped.push(Skipped { path: rel, reason }),
                    }
                }
            }
        }
        index
            .documents
            .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.path.cmp(&b.path)));
        index
            .reports
            .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
        // The scoreboard's threads, so the app does not diff the bundled rounds again; over the
        // reports in the order of the list, the order the app loads them in.
        reviews.sort_by(|a, b| {
            (a.meta.date.as_str(), a.slug.as_str()).cmp(&(b.meta.date.as_str(), b.slug.as_str()))
        });
        index.outcomes = Some(deep_review::scoreboard::outcomes(&reviews));
        Ok(index)
    }
}
