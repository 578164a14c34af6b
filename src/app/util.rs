//! Small helpers that only the UI needs: formatting, links to the reviewed code, agent colours
//! (pure), and User Timing measures (`timed`, which writes the browser's performance timeline).
//! No Leptos here; tested in `tests/browser.rs`.

use crate::model::{family_of, Location, Meta, FAMILIES, MAIN_FAMILIES};

/// `5025` → `1 h 23 min 45 s`; `725` → `12 min 5 s`; `45` → `45 s`.
pub fn format_duration(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs % 3600) / 60, secs % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s} s"));
    }
    parts.join(" ")
}

/// `Round 3 of PR #4637`, `Round 2`, or `None` when the header has no round.
pub fn round_label(meta: &Meta) -> Option<String> {
    let round = meta.round.as_ref()?;
    // The PR number when known (the header's qualifier may be `of target`), else the qualifier.
    let of = meta
        .pr
        .as_ref()
        .map(|pr| format!("PR #{}", pr.number))
        .or_else(|| round.of.clone());
    Some(match of {
        Some(of) => format!("Round {} of {of}", round.number),
        None => format!("Round {}", round.number),
    })
}

/// The web address of the reviewed repository: the header's repo URL, else derived from the
/// PR URL (`…/owner/name/pull/12` → `…/owner/name`).
pub fn repo_web_url(meta: &Meta) -> Option<String> {
    let from_repo = meta.repo.as_ref().and_then(|r| r.url.clone());
    let from_pr = || {
        let url = meta.pr.as_ref()?.url.as_deref()?;
        let cut = url.rfind("/pull/")?;
        Some(url.get(..cut)?.to_string())
    };
    from_repo
        .or_else(from_pr)
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(|u| u.trim_end_matches('/').to_string())
}

/// The commit (or branch) that locations point at: Review SHA, else the last listed commit,
/// else the branch.
pub fn code_ref(meta: &Meta) -> Option<String> {
    meta.review_sha
        .clone()
        .or_else(|| meta.commits.last().map(|c| c.sha.clone()))
        .or_else(|| meta.branch.clone())
        .filter(|r| !r.trim().is_empty())
}

/// Whether `url` is on a host whose file links follow GitHub's `/blob/{ref}/{path}` shape.
fn github_style(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or("");
    let host = rest.split('/').next().unwrap_or("").to_ascii_lowercase();
    host == "github.com" || host.starts_with("github.") || host.ends_with(".github.com")
}

/// `{repo}/blob/{ref}/{path}#L{start}-L{end}` when the repo is on a GitHub-style host.
pub fn location_href(
    repo_url: Option<&str>,
    git_ref: Option<&str>,
    loc: &Location,
) -> Option<String> {
    let repo = repo_url?;
    let git_ref = git_ref?;
    if !github_style(repo) || loc.path.trim().is_empty() || loc.path.contains("..") {
        return None;
    }
    let path = loc
        .path
        .trim()
        .trim_start_matches("./")
        .trim_start_matches('/');
    let anchor = match (loc.start_line, loc.end_line) {
        (Some(s), Some(e)) if e > s => format!("#L{s}-L{e}"),
        (Some(s), _) => format!("#L{s}"),
        _ => String::new(),
    };
    Some(format!("{repo}/blob/{git_ref}/{path}{anchor}"))
}

/// The first 7 characters of a SHA (or the whole text when shorter / not ASCII).
pub fn short_sha(sha: &str) -> &str {
    sha.get(..7).unwrap_or(sha)
}

/// Number of colour slots in the stylesheet (`.fam-0` … `.fam-9`).
pub const FAMILY_SLOTS: usize = 10;

/// The colour slot of an agent display name: one slot per family, the same everywhere.
/// `Consolidator` is `None` (drawn neutral). The tool's own families (`model::FAMILIES`) have
/// fixed slots; others get one from the remaining slots by name.
pub fn family_slot(agent: &str) -> Option<usize> {
    let fam = family_of(agent).to_ascii_lowercase();
    if fam.is_empty() || fam == "consolidator" {
        return None;
    }
    let main = &FAMILIES[..MAIN_FAMILIES];
    if let Some(i) = main.iter().position(|k| k.eq_ignore_ascii_case(&fam)) {
        return Some(i);
    }
    let h = fam
        .bytes()
        .fold(2166136261u32, |h, b| (h ^ b as u32).wrapping_mul(16777619));
    let free = FAMILY_SLOTS - MAIN_FAMILIES;
    Some(MAIN_FAMILIES + (h as usize % free))
}

/// The CSS class for an agent pill.
pub fn family_class(agent: &str) -> String {
    match family_slot(agent) {
        Some(i) => format!("fam-{i}"),
        None => "fam-none".to_string(),
    }
}

/// `1 finding`, `3 findings`.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `2026-03-22T14:24` → `2026-03-22 14:24`.
pub fn display_date(date: &str) -> String {
    date.replacen('T', " ", 1)
}

/// The message of a JS exception (an `Error`, or a thrown string).
pub fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    wasm_bindgen::JsCast::dyn_ref::<js_sys::Error>(e)
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Run `f` as a User Timing measure named `name` (visible in the browser's profiler and read by
/// the benchmark).
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let perf = web_sys::window().and_then(|w| w.performance());
    let start = format!("{name} (start)");
    if let Some(p) = &perf {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &perf {
        let _ = p.measure_with_start_mark(name, &start);
        p.clear_marks_with_mark_name(&start);
    }
    out
}
