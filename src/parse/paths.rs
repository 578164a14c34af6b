//! Where a file reference points: a location written as a bare file name
//! (`settingsValidator.ts:290`) is resolved against the full paths the same report writes
//! elsewhere (other locations, code block headers, prose); `file:line` references in prose (code
//! spans) are recognised so they can link to the code too.
//!
//! ```
//! use deep_review::parse::paths::{PathIndex, Resolved};
//! let idx = PathIndex::from_texts(["see `src/main/settingsValidator.ts:12`", "and `pkg/a/b.go`"]);
//! assert_eq!(idx.resolve("settingsValidator.ts"), Resolved::Full("src/main/settingsValidator.ts".into()));
//! assert_eq!(idx.resolve("nowhere.ts"), Resolved::Unknown);
//! ```

use crate::model::{Location, Review};

/// What a path written in a report resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Already a path with a directory, or a bare name that one full path of the report ends with.
    Full(String),
    /// A bare name that several full paths of the report end with (a code search, not a guess).
    Ambiguous(Vec<String>),
    /// A bare name no full path of the report ends with.
    Unknown,
}

/// Every full path (with a `/`) a report writes, and the same paths by file name: a bare name
/// resolves with one look-up (it was a scan of every path per name: 100 findings × 1,000
/// locations took most of a second in the page when a report opened, issue 11).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathIndex {
    /// Every full path once, ordered by file name, then path: a name's paths are one run.
    full: Vec<String>,
}

/// The paths seen while reading, borrowed, with their file names: sorted and de-duplicated
/// once at the end (a hash set and a string copy per path took 80 ms natively and 230 ms in
/// the page for 125,000 locations, issue 11). Sorting keeps the work O(n log n) whatever the
/// paths are.
#[derive(Default)]
struct Seen<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Seen<'a> {
    fn add(&mut self, path: &'a str) {
        let p = clean(path);
        if p.contains('/') && looks_like_file(p) {
            self.0.push((file_name(p), p));
        }
    }

    /// Every word of `text` (split at whitespace and the quoting and bracket characters around
    /// paths) that holds a `/`, less a trailing `.`/`;`/`:` and `:line` suffix. Only the words
    /// around a `/` are looked at (found with a fast byte search): splitting a 5 MB finding
    /// body into all its words took most of a second in the page (issue 11).
    fn add_text(&mut self, text: &'a str) {
        let is_sep = |c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '`' | '(' | ')' | '[' | ']' | '"' | '\'' | ',' | '<' | '>' | '*'
                )
        };
        let mut from = 0;
        while let Some(i) = text[from..].find('/') {
            let slash = from + i;
            let start = text[from..slash]
                .char_indices()
                .rev()
                .find(|&(_, c)| is_sep(c))
                .map_or(from, |(j, c)| from + j + c.len_utf8());
            let end = text[slash..]
                .char_indices()
                .find(|&(_, c)| is_sep(c))
                .map_or(text.len(), |(j, _)| slash + j);
            let (path, _) = split_line_suffix(text[start..end].trim_end_matches(['.', ';', ':']));
            self.add(path);
            from = end;
        }
    }

    fn into_index(mut self) -> PathIndex {
        self.0.sort_unstable();
        self.0.dedup();
        PathIndex {
            full: self.0.into_iter().map(|(_, p)| p.to_string()).collect(),
        }
    }
}

fn file_name(p: &str) -> &str {
    p.rsplit('/').next().unwrap_or(p)
}

impl PathIndex {
    /// The full paths of a review: its locations, and every path-like word of its Markdown
    /// (summary, finding bodies with their code block headers, sections, appendix).
    pub fn of(review: &Review) -> PathIndex {
        let mut seen = Seen::default();
        for f in &review.findings {
            for l in &f.locations {
                seen.add(&l.path);
            }
            seen.add_text(&f.title_md);
            seen.add_text(&f.body_md);
        }
        seen.add_text(&review.summary_md);
        for s in &review.sections {
            seen.add_text(&s.body_md);
        }
        for a in &review.appendix {
            seen.add_text(&a.body_md);
        }
        seen.into_index()
    }

    /// The full paths in some texts (for tests and small inputs).
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> PathIndex {
        let mut seen = Seen::default();
        for t in texts {
            seen.add_text(t);
        }
        seen.into_index()
    }

    /// Does the report write this full path?
    pub fn has(&self, path: &str) -> bool {
        self.named(file_name(path)).any(|p| p == path)
    }

    /// The full paths whose file name is `name`, in path order.
    fn named(&self, name: &str) -> impl Iterator<Item = &str> {
        let from = self.full.partition_point(|p| file_name(p) < name);
        let to = from + self.full[from..].partition_point(|p| file_name(p) <= name);
        self.full[from..to].iter().map(String::as_str)
    }
}

impl PathIndex {
    /// Resolve a path as written in a location or in prose.
    pub fn resolve(&self, path: &str) -> Resolved {
        if let Some(p) = full_path(path) {
            return Resolved::Full(p.to_string());
        }
        let p = clean(path);
        // A full path ends with `/name` exactly when its file name is `name`; in path order.
        let hits: Vec<String> = self.named(p).map(str::to_string).collect();
        match hits.len() {
            0 => Resolved::Unknown,
            1 => Resolved::Full(hits.into_iter().next().unwrap_or_default()),
            _ => Resolved::Ambiguous(hits),
        }
    }
}

/// A path as written with a directory resolves to itself, without the index: `Some` of it
/// cleaned (`./src/a.rs` → `src/a.rs`), `None` for a bare file name.
pub fn full_path(path: &str) -> Option<&str> {
    let p = clean(path);
    p.contains('/').then_some(p)
}

/// Without quoting backticks, leading `./` and `/`. (Byte loops: `trim_start_matches("./")`
/// sets up a substring searcher per call, a measurable part of indexing 125,000 paths.)
fn clean(path: &str) -> &str {
    let mut p = path.trim().trim_matches('`');
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.trim_start_matches('/')
}

/// `name.ext` with a short alphanumeric extension, no spaces, no URL scheme (`:` is not a path
/// byte), no `..`.
fn looks_like_file(p: &str) -> bool {
    let b = p.as_bytes();
    if !b
        .iter()
        .all(|&c| c.is_ascii_alphanumeric() || matches!(c, b'/' | b'.' | b'_' | b'-' | b'+' | b'@'))
        || b.windows(2).any(|w| w == b"..")
    {
        return false;
    }
    let name = p.rsplit('/').next().unwrap_or("");
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    !stem.is_empty()
        && (1..=10).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric())
        && ext.bytes().any(|b| b.is_ascii_alphabetic())
}

/// `path:12` / `path:12-40` → (`path`, Some((12, Some(40)))).
fn split_line_suffix(s: &str) -> (&str, Option<(u32, Option<u32>)>) {
    let Some((path, lines)) = s.rsplit_once(':') else {
        return (s, None);
    };
    let (a, b) = match lines.split_once(['-', '–']) {
        Some((a, b)) => (a, Some(b)),
        None => (lines, None),
    };
    let start = a.parse::<u32>().ok();
    let end = b.map(|b| b.trim_start_matches('L').parse::<u32>().ok());
    match (start, end) {
        (Some(s), None) => (path, Some((s, None))),
        (Some(s), Some(Some(e))) => (path, Some((s, Some(e)))),
        _ => (s, None),
    }
}

/// A `file:line` (or `dir/file.ext`) reference in a code span of prose, as a location.
pub fn code_span_location(text: &str) -> Option<Location> {
    let t = text.trim();
    if t.contains(char::is_whitespace) {
        return None;
    }
    let (path, lines) = split_line_suffix(t);
    let path = clean(path);
    // A bare `name.ext` without a line is too often a config key or a type name.
    if !looks_like_file(path) || (!path.contains('/') && lines.is_none()) {
        return None;
    }
    Some(Location {
        path: path.to_string(),
        start_line: lines.map(|l| l.0),
        end_line: lines.and_then(|l| l.1),
        text: t.to_string(),
    })
}

/// Top-level directories common enough to split a glued title at (`…Runningcmd/rdd/x.go`).
const COMMON_ROOTS: [&str; 22] = [
    "cmd", "pkg", "src", "internal", "lib", "app", "apps", "api", "web", "test", "tests",
    "scripts", "docs", "bin", "e2e", "hack", "tools", "packages", "build", "config", "server",
    "client",
];

/// Pasted page text glues a location to the title before it (the page showed them in separate
/// elements): `… not extended over ensureServiceRunningcmd/rdd/service.go:88-91`. Split such a
/// title into (title, location) when its last word is a path with a line whose first directory
/// can be told apart: a full path `known` writes elsewhere, or a common root (`cmd`, `pkg`, …).
pub fn split_glued_location(title: &str, known: &PathIndex) -> Option<(String, Location)> {
    let t = title.trim_end();
    // After the last whitespace character, which may be more than one byte (a no-break space).
    let start = t
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &t[start..];
    let (path, lines) = split_line_suffix(word);
    lines?;
    let slash = path.find('/')?;
    let first = &path[..slash];
    // Where the path starts inside the glued first word: a known full path, else the longest
    // common root that ends it.
    let cut = (1..first.len())
        .filter(|&i| first.is_char_boundary(i))
        .find(|&i| known.has(&path[i..]))
        .or_else(|| {
            COMMON_ROOTS
                .iter()
                .filter(|r| first.len() > r.len() && first.ends_with(*r))
                .map(|r| first.len() - r.len())
                .min()
        })?;
    let loc = code_span_location(&word[cut..])?;
    let head = format!("{}{}", &t[..start], &word[..cut]);
    Some((head.trim_end().to_string(), loc))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The words of a text as the index first read them: every word, split one by one.
    fn index_by_every_word(text: &str) -> PathIndex {
        let mut idx = Seen::default();
        for word in text.split(|c: char| {
            c.is_whitespace()
                || matches!(
                    c,
                    '`' | '(' | ')' | '[' | ']' | '"' | '\'' | ',' | '<' | '>' | '*'
                )
        }) {
            let (path, _) = split_line_suffix(word.trim_end_matches(['.', ';', ':']));
            idx.add(path);
        }
        idx.into_index()
    }

    /// Issue 11: only the words around a `/` are read, and they are the same words.
    #[test]
    fn reading_only_words_with_a_slash_finds_the_same_paths() {
        let texts = [
            "see `src/a.rs:12` and (web/b/index.ts), ./c/d.go; /e/f.py: g/h.rs:1-2.",
            "// src/x.rs\n/top.rs a/b.rs/ //, a/b/ /a/b\u{a0}c/d.rs\u{2003}é/ü.rs\t[x/y.md](x/y.md)",
            "https://x.test/a.html /x.rs//y.rs a//b.rs a/../b.rs <p/q.ts>*r/s.js*",
            "/",
            "no slash at all",
            "",
        ];
        for t in texts {
            assert_eq!(PathIndex::from_texts([t]), index_by_every_word(t), "{t}");
        }
        let all = texts.concat();
        assert_eq!(
            PathIndex::from_texts([all.as_str()]),
            index_by_every_word(&all)
        );
        assert!(PathIndex::from_texts([texts[0]]).has("web/b/index.ts"));
    }

    #[test]
    fn bare_names_resolve_against_full_paths_written_elsewhere() {
        let idx = PathIndex::from_texts([
            "```ts\n// src/main/settingsValidator.ts\nconst x = 1;\n```",
            "The check in `pkg/rdd/service.go:88-91` and (see web/a/index.ts, web/b/index.ts).",
        ]);
        assert_eq!(
            idx.resolve("settingsValidator.ts"),
            Resolved::Full("src/main/settingsValidator.ts".into())
        );
        assert_eq!(
            idx.resolve("service.go"),
            Resolved::Full("pkg/rdd/service.go".into())
        );
        assert_eq!(
            idx.resolve("index.ts"),
            Resolved::Ambiguous(vec!["web/a/index.ts".into(), "web/b/index.ts".into()])
        );
        assert_eq!(idx.resolve("other.go"), Resolved::Unknown);
        assert_eq!(idx.resolve("pkg/x.go"), Resolved::Full("pkg/x.go".into()));
        // A path with a directory needs no index (the page builds it on the first bare name).
        assert_eq!(full_path(" `./pkg/x.go` "), Some("pkg/x.go"));
        assert_eq!(full_path("x.go"), None);
        assert!(idx.has("pkg/rdd/service.go") && !idx.has("rdd/service.go"));
        // Not files: URLs, versions, sentences.
        let noise = PathIndex::from_texts(["https://example.com/a/b.html v1.2/3 and/or e.g."]);
        assert_eq!(noise.resolve("b.html"), Resolved::Unknown);
    }

    /// Issue 11: a bare name is one look-up by file name, with the same answer as a scan of
    /// every full path for the `/name` suffix (ambiguous ones in path order), so 20,000 bare
    /// names against 20,000 full paths stay fast.
    #[test]
    fn bare_names_resolve_by_file_name_like_a_suffix_scan() {
        let text: String = (0..20_000)
            .map(|i| format!("`src/m{}/f{}.rs:{i}` ", i % 997, i % 50))
            .collect();
        let idx = PathIndex::from_texts([text.as_str(), "a/b.rs/ x/.rs"]);
        let scan = |name: &str| -> Vec<String> {
            let suffix = format!("/{name}");
            let mut hits: Vec<String> = idx
                .full
                .iter()
                .filter(|f| f.ends_with(&suffix))
                .cloned()
                .collect();
            hits.sort();
            hits
        };
        for name in ["f7.rs", "f49.rs", "f50.rs", "b.rs", ".rs", "", "m3"] {
            let want = match scan(name).as_slice() {
                [] => Resolved::Unknown,
                [one] => Resolved::Full(one.clone()),
                many => Resolved::Ambiguous(many.to_vec()),
            };
            assert_eq!(idx.resolve(name), want, "{name}");
        }
        assert!(matches!(idx.resolve("f7.rs"), Resolved::Ambiguous(v) if v.len() == 400));
        let unknown = (0..20_000)
            .filter(|i| idx.resolve(&format!("g{i}.rs")) == Resolved::Unknown)
            .count();
        assert_eq!(unknown, 20_000);
    }

    #[test]
    fn a_location_glued_to_a_title_is_split_off() {
        let none = PathIndex::default();
        let (title, loc) = split_glued_location(
            "--timeout flag scope is intentionally not extended over ensureServiceRunningcmd/rdd/service.go:88-91",
            &none,
        )
        .unwrap();
        assert_eq!(
            title,
            "--timeout flag scope is intentionally not extended over ensureServiceRunning"
        );
        assert_eq!(
            (loc.path.as_str(), loc.start_line, loc.end_line),
            ("cmd/rdd/service.go", Some(88), Some(91))
        );
        // A full path written elsewhere in the report decides where the path starts.
        let known = PathIndex::from_texts(["see `rdd/service.go:12`"]);
        let (title, loc) = split_glued_location(
            "Shutdown ignores ctx in stopServicerdd/service.go:40",
            &known,
        )
        .unwrap();
        assert_eq!(
            (title.as_str(), loc.path.as_str()),
            ("Shutdown ignores ctx in stopService", "rdd/service.go")
        );
        // Nothing to split: no path, no line, or no telling where the path starts.
        assert_eq!(split_glued_location("Plain title", &none), None);
        assert_eq!(split_glued_location("Uses cmd/rdd/service.go", &none), None);
        assert_eq!(split_glued_location("Over fooBarxyz/a.go:3", &none), None);
    }

    /// Found by cargo-fuzz (session 8): a title whose last whitespace is a no-break space
    /// (two bytes) cut a string inside that character and panicked.
    #[test]
    fn a_title_ending_after_a_no_break_space_is_split_at_a_char_boundary() {
        let idx = PathIndex::default();
        let (head, loc) = split_glued_location("Stop\u{a0}forkscmd/rdd/x.go:3", &idx)
            .expect("split at the common root");
        assert_eq!(head, "Stop\u{a0}forks");
        assert_eq!(loc.path, "cmd/rdd/x.go");
        assert_eq!(split_glued_location("Stop\u{a0}\u{2003}x", &idx), None);
        assert_eq!(split_glued_location("\u{a0}", &idx), None);
    }

    #[test]
    fn code_spans_that_name_files() {
        let l = code_span_location("internal/peer/tls.go:88-104").unwrap();
        assert_eq!(
            (l.path.as_str(), l.start_line, l.end_line),
            ("internal/peer/tls.go", Some(88), Some(104))
        );
        let l = code_span_location("settingsValidator.ts:290").unwrap();
        assert_eq!(
            (l.path.as_str(), l.start_line),
            ("settingsValidator.ts", Some(290))
        );
        assert!(
            code_span_location("config.yaml").is_none(),
            "bare name without a line"
        );
        assert!(code_span_location("docs/discovery.md").is_some());
        assert!(code_span_location("ifi.Flags&net.FlagPointToPoint").is_none());
        assert!(code_span_location("a b.go:1").is_none());
        assert!(code_span_location("3f0d8e65").is_none());
    }
}
