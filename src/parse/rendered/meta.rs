//! The header block of the copied page (title, key–value rows, reviewer pills) into [`Meta`].

use super::*;

/// Parse the `KeyValue` header lines; returns the meta, the number of lines consumed and
/// diagnostics for lines that could not be read.
pub(super) fn parse_header(lines: &[Line]) -> (Meta, usize, Vec<Diagnostic>) {
    let mut meta = Meta::default();
    let mut diagnostics = Vec::new();
    let mut seen_key = false;
    let mut in_commits = false;
    let mut i = 0;
    while let Some(&(no, line)) = lines.get(i) {
        let t = line.trim();
        if t.is_empty() {
            if seen_key {
                break;
            }
            i += 1;
            continue;
        }
        if in_commits {
            let commits = header::commits(t);
            if !commits.is_empty() && commits.iter().all(|c| !c.sha.is_empty()) {
                meta.commits.extend(commits);
                i += 1;
                continue;
            }
        }
        let Some((key, value)) = header_key(t) else {
            break;
        };
        seen_key = true;
        in_commits = key == "Commits";
        apply_header(&mut meta, key, value, no, &mut diagnostics);
        i += 1;
    }
    if !seen_key {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            line: 0,
            message: "no header lines (Date, Reviewers, Verdict …) were found after the title"
                .to_string(),
        });
    }
    (meta, i, diagnostics)
}

/// Split a header line into its known key and the value glued to it. Tabs or a colon that a
/// browser may put between the cells are dropped.
pub(super) fn header_key(line: &str) -> Option<(&'static str, &str)> {
    HEADER_KEYS.iter().find_map(|&key| {
        line.strip_prefix(key)
            .map(|v| (key, v.trim_start_matches([':', '\t', ' '])))
    })
}

/// One header line's value onto `meta`, read by the same value parsers as the Markdown header
/// (`header::apply_value`); only the G2-era family-name pills need their own reading here.
pub(super) fn apply_header(
    meta: &mut Meta,
    key: &str,
    value: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) {
    let value = value.trim();
    match key {
        "Reviewers" if is_family_pills(value) => meta.reviewers = family_pills(value),
        // One commit per line: the first is glued to the key, the rest follow (parse_header).
        "Commits" => meta.commits.extend(header::commits(value)),
        _ => {
            if let Some(warning) =
                header::apply_value(meta, key, &key.to_ascii_lowercase(), value, value)
            {
                diags.push(Diagnostic {
                    level: Level::Warning,
                    line,
                    message: format!("{warning} (the {key} line “{value}”)"),
                });
            }
        }
    }
}

/// The leading integer of `s` and the rest.
pub(super) fn leading_number(s: &str) -> Option<(u64, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let n = s.get(..end)?.parse().ok()?;
    Some((n, s.get(end..).unwrap_or("")))
}

/// Split on the first ` — ` or ` -- `.
pub(super) fn split_dash(s: &str) -> Option<(&str, &str)> {
    [" — ", " -- "]
        .iter()
        .filter_map(|sep| s.find(sep).map(|i| (i, sep.len())))
        .min()
        .and_then(|(i, len)| Some((s.get(..i)?.trim(), s.get(i + len..)?.trim())))
}

/// G2-era reviewer pills are family names only, space-separated: `Claude Codex Gemini`.
pub(super) fn is_family_pills(value: &str) -> bool {
    !value.contains([',', ';', '(']) && !value.contains(|c: char| c.is_ascii_digit())
}

pub(super) fn family_pills(value: &str) -> Vec<Reviewer> {
    value
        .split_whitespace()
        .map(|name| Reviewer {
            name: name.to_string(),
            family: family_of(name),
            effort: None,
            note: None,
        })
        .collect()
}
