//! `deep-review`: the native CLI over the same core as the web app.
//!
//! ```text
//! deep-review parse FILE [--pretty]        Markdown/JSON report → JSON on stdout
//! deep-review index DIR [--pretty]         index JSON of every report in DIR
//! deep-review diff OLD NEW [--pretty]      findings matched between two rounds (pairs with
//!                                          scores and explanations, resolved, new)
//! deep-review thread FILE... [--pretty]    the files grouped into threads (one PR/branch), each
//!                                          with its rounds, diffs, finding lifecycles and agents
//! ```
//! Exit codes: 0 success, 2 unreadable input / not a report / bad usage.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(&args) {
        Ok(out) => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(out.as_bytes());
            let _ = stdout.write_all(b"\n");
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
    use deep_review::model::{Index, IndexEntry, Skipped, SCHEMA};
    use deep_review::parse::{self, json::to_json};
    use deep_review::rounds;
    use serde::Serialize;
    use std::path::Path;

    pub const USAGE: &str =
        "usage: deep-review parse FILE [--pretty] | deep-review index DIR [--pretty] \
| deep-review diff OLD NEW [--pretty] | deep-review thread FILE... [--pretty]";

    pub fn run(args: &[String]) -> Result<String, String> {
        let pretty = args.iter().any(|a| a == "--pretty");
        let pos: Vec<&str> = args
            .iter()
            .filter(|a| !a.starts_with("--"))
            .map(String::as_str)
            .collect();
        if let Some(flag) = args
            .iter()
            .find(|a| a.starts_with("--") && *a != "--pretty")
        {
            return Err(format!("unknown option {flag}; {USAGE}"));
        }
        match pos.as_slice() {
            ["parse", file] => {
                let review = load(Path::new(file))?;
                Ok(to_json(&review, pretty))
            }
            ["index", dir] => json(&index_dir(Path::new(dir))?, pretty),
            ["diff", old, new] => {
                let (old, new) = (load(Path::new(old))?, load(Path::new(new))?);
                json(&rounds::diff_reviews(&old, &new), pretty)
            }
            ["diff", ..] => Err(format!(
                "diff needs exactly two reports, OLD then NEW; {USAGE}"
            )),
            ["thread", files @ ..] if !files.is_empty() => {
                let reviews = files
                    .iter()
                    .map(|f| load(Path::new(f)))
                    .collect::<Result<Vec<_>, _>>()?;
                json(&rounds::thread_reports(&reviews), pretty)
            }
            ["thread"] => Err(format!("thread needs at least one report; {USAGE}")),
            ["help"] | [] => Err(USAGE.to_string()),
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
        parse::parse_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
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

    /// Every `.md` / `.json` file directly in `dir` (not `index.json`), sorted by date then slug.
    pub fn index_dir(dir: &Path) -> Result<Index, String> {
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
        let mut index = Index {
            schema: format!("{SCHEMA}-index"),
            reports: vec![],
            skipped: vec![],
        };
        for path in files {
            let rel = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let parsed =
                read_capped(&path).and_then(|b| parse::parse_bytes(&b).map_err(|e| e.to_string()));
            match parsed {
                Ok(review) => index.reports.push(IndexEntry::of(&review, &rel)),
                Err(reason) => index.skipped.push(Skipped { path: rel, reason }),
            }
        }
        index
            .reports
            .sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.slug.cmp(&b.slug)));
        Ok(index)
    }
}
