//! Section headings (FORMAT.md §7), the appendix (§14) and the Resolution table (§13).

use super::ctx::Ctx;
use super::inline::{plain_events, slice, Families};
use super::outline::{Block, Kind};
use crate::model::{family_of, AppendixEntry, Finding, Severity, Status, Table};

pub(crate) use super::inline::{normalize, slugify, strip_numbering};

/// What a consolidated section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SecKind {
    /// `## Consolidated Review`, `## Findings`, `## Consolidated Findings`: holds H3 sections.
    Wrapper,
    Summary,
    Severity(Severity),
    Design,
    Retro,
    ProcessNotes,
    Resolution,
    /// Another section; `true` when its name is one the reports use.
    Other(bool),
}

const KNOWN_OTHER: [&str; 13] = [
    "testing assessment",
    "documentation assessment",
    "commit structure",
    "acknowledged limitations",
    "unresolved feedback",
    "status",
    "addressed",
    "prior-round fixes verified",
    "coverage summary",
    "architectural recommendation",
    "testing",
    "documentation",
    "limitations",
];

pub(crate) fn classify(text: &str) -> SecKind {
    let n = normalize(text);
    let starts = |p: &str| n.starts_with(p);
    if n == "findings" || starts("consolidated review") || starts("consolidated findings") {
        SecKind::Wrapper
    } else if starts("executive summary") {
        SecKind::Summary
    } else if starts("critical") {
        SecKind::Severity(Severity::Critical)
    } else if starts("important") {
        SecKind::Severity(Severity::Important)
    } else if starts("suggestion") || starts("minor") {
        SecKind::Severity(Severity::Suggestion)
    } else if starts("design observation") {
        SecKind::Design
    } else if starts("agent performance") || n.contains("retro") {
        SecKind::Retro
    } else if starts("review process notes")
        || starts("skill improvement")
        || starts("improvement recommendations")
        || starts("process notes")
    {
        SecKind::ProcessNotes
    } else if n == "resolution" {
        SecKind::Resolution
    } else {
        SecKind::Other(KNOWN_OTHER.iter().any(|k| starts(k)))
    }
}

/// The source between a section's heading and its end, without leading/trailing rules.
pub(crate) fn body_of<'s>(src: &'s str, blocks: &[Block<'_>]) -> &'s str {
    let content: Vec<&Block<'_>> = blocks.iter().filter(|b| b.kind != Kind::Rule).collect();
    match (content.first(), content.last()) {
        (Some(a), Some(b)) => slice(src, a.range.start..b.range.end).trim_end(),
        _ => "",
    }
}

/// Plain table from a table block (bold and other Markdown stripped); rows padded to the header.
pub(crate) fn table_of(block: &Block<'_>) -> Option<Table> {
    let (head, body) = block.rows.split_first()?;
    let columns: Vec<String> = head.iter().map(|c| plain_events(&c.inline)).collect();
    let rows = body
        .iter()
        .map(|r| {
            let mut cells: Vec<String> = r.iter().map(|c| plain_events(&c.inline)).collect();
            cells.resize(columns.len(), String::new());
            cells
        })
        .collect();
    Some(Table { columns, rows })
}

/// Does this block sequence start a report-level Resolution (a table with an `Addressed` row)?
pub(crate) fn has_addressed_table(blocks: &[Block<'_>]) -> bool {
    blocks
        .iter()
        .take_while(|b| !matches!(b.kind, Kind::Heading(l) if l <= 2))
        .filter(|b| b.kind == Kind::Table)
        .any(|b| {
            b.rows.iter().any(|r| {
                r.first()
                    .is_some_and(|c| plain_events(&c.inline).eq_ignore_ascii_case("addressed"))
            })
        })
}

/// One Resolution row that names a finding.
#[derive(Debug)]
pub(crate) struct ResolutionRow {
    pub pos: usize,
    pub target: Target,
    pub status: Status,
    pub note: String,
}

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `I1`, `S4`.
    Id(String),
    /// `Important #1`: the n-th finding of that severity.
    Nth(Severity, usize),
}

/// `Important #1: …`, `Suggestion S2: …`, `S4: …`, `I1: …`, `C1` → the finding it names.
pub(crate) fn resolution_target(cell: &str) -> Option<Target> {
    let t = cell.trim();
    let word: String = t.chars().take_while(|c| c.is_alphabetic()).collect();
    let sev = Severity::parse(&word).filter(|_| word.len() > 1);
    if let Some(sev) = sev {
        let rest = t[word.len()..].trim_start();
        if let Some(n) = rest.strip_prefix('#') {
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            return Some(Target::Nth(sev, digits.parse().ok()?));
        }
        return id_prefix(rest).map(Target::Id);
    }
    id_prefix(t).map(Target::Id)
}

/// A leading finding id `I1`, `S12`, `C2`, `D1` followed by a non-alphanumeric character.
pub(crate) fn id_prefix(t: &str) -> Option<String> {
    let mut chars = t.chars();
    let letter = chars.next()?;
    if !matches!(letter, 'C' | 'I' | 'S' | 'D') {
        return None;
    }
    let digits: String = chars.take_while(char::is_ascii_digit).collect();
    let after = t.get(1 + digits.len()..)?.chars().next();
    (!digits.is_empty() && after.is_none_or(|c| !c.is_alphanumeric()))
        .then(|| format!("{letter}{digits}"))
}

/// Fixed / Test written / Documentation updated / … → resolved; Skipped → declined.
fn action_status(action: &str) -> Option<Status> {
    let a = action.trim().to_ascii_lowercase();
    const RESOLVED: [&str; 9] = [
        "fixed",
        "test written",
        "tests written",
        "documentation updated",
        "documentation drafted",
        "documented",
        "commented",
        "addressed",
        "resolved",
    ];
    if RESOLVED.iter().any(|p| a.starts_with(p)) {
        Some(Status::Resolved)
    } else if a.starts_with("skipped") || a.starts_with("declined") || a.starts_with("won't") {
        Some(Status::Declined)
    } else if a.starts_with("deferred") {
        Some(Status::Deferred)
    } else {
        None
    }
}

/// The finding rows of every `# | Finding | Action | Reason` table in a Resolution section.
pub(crate) fn resolution_rows(cx: &mut Ctx<'_>, blocks: &[Block<'_>]) -> Vec<ResolutionRow> {
    let mut out = Vec::new();
    for b in blocks.iter().filter(|b| b.kind == Kind::Table) {
        let Some(table) = table_of(b) else { continue };
        let col = |name: &str| {
            table
                .columns
                .iter()
                .position(|c| c.eq_ignore_ascii_case(name))
        };
        let (Some(fc), Some(ac)) = (col("finding"), col("action")) else {
            continue;
        };
        let rc = col("reason");
        for (i, row) in table.rows.iter().enumerate() {
            let pos = b
                .rows
                .get(i + 1)
                .and_then(|r| r.first())
                .map_or(b.range.start, |c| c.range.start);
            let Some(target) = resolution_target(&row[fc]) else {
                continue;
            };
            let action = row[ac].trim();
            let Some(status) = action_status(action) else {
                cx.warn(
                    pos,
                    &format!("unknown Resolution action `{action}`; the row was not applied"),
                );
                continue;
            };
            let reason = rc.map(|c| row[c].trim()).unwrap_or("");
            let note = if reason.is_empty() {
                action.to_string()
            } else {
                format!("{action}: {reason}")
            };
            out.push(ResolutionRow {
                pos,
                target,
                status,
                note,
            });
        }
    }
    out
}

/// Apply Resolution rows to the findings they name.
pub(crate) fn apply_resolution(cx: &mut Ctx<'_>, rows: &[ResolutionRow], findings: &mut [Finding]) {
    if rows.is_empty() {
        return;
    }
    let by_id: std::collections::HashMap<String, usize> = findings
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    let nth = |sev: Severity| -> Vec<usize> {
        findings
            .iter()
            .enumerate()
            .filter(|(_, f)| f.severity == sev)
            .map(|(i, _)| i)
            .collect()
    };
    let by_severity: Vec<Vec<usize>> = Severity::ALL.iter().map(|s| nth(*s)).collect();
    for row in rows {
        let idx = match &row.target {
            Target::Id(id) => by_id.get(id).copied(),
            Target::Nth(sev, n) => Severity::ALL
                .iter()
                .position(|s| s == sev)
                .and_then(|k| by_severity[k].get(n.checked_sub(1)?))
                .copied(),
        };
        match idx.and_then(|i| findings.get_mut(i)) {
            Some(f) => {
                f.status = row.status;
                f.status_note = Some(row.note.clone());
            }
            None => cx.warn(
                row.pos,
                &format!(
                    "the Resolution row {:?} names no finding of this report",
                    row.target
                ),
            ),
        }
    }
}

/// A per-agent heading of the appendix: (agent name, pass).
pub(crate) fn appendix_agent(text: &str, families: &Families) -> Option<(String, Option<u32>)> {
    let mut t = text.trim();
    let n = normalize(t);
    if n.starts_with("appendix") {
        // `Appendix A: Claude Opus 4.6 Review`, `Appendix: [Claude]`.
        t = strip_numbering(t);
        let colon = t.find(':')?;
        let label = t[8.min(t.len())..colon].trim();
        if label.split_whitespace().count() > 1 {
            return None;
        }
        t = t[colon + 1..].trim();
    }
    let mut pass = None;
    for sep in [" — ", " -- ", " - ", " – "] {
        if let Some(i) = t.find(sep) {
            let tail = t[i + sep.len()..].trim();
            if let Some(p) = tail
                .strip_prefix("Pass ")
                .or_else(|| tail.strip_prefix("pass "))
            {
                let digits: String = p.chars().take_while(char::is_ascii_digit).collect();
                pass = digits.parse().ok();
            }
            t = t[..i].trim();
            break;
        }
    }
    for suffix in [" Original Review", " Full Review", " Review"] {
        if let Some(s) = t.strip_suffix(suffix) {
            t = s.trim();
            break;
        }
    }
    let name: String = super::inline::collapse_ws(&t.replace(['[', ']'], " "));
    families.is_agent(&name).then_some((name, pass))
}

/// Appendix entries from the blocks after the appendix heading, up to `end`.
pub(crate) fn appendix_entries(
    src: &str,
    blocks: &[Block<'_>],
    families: &Families,
) -> Vec<AppendixEntry> {
    let mut out = Vec::new();
    let mut level: Option<u8> = None;
    let mut cur: Option<(AppendixEntry, usize)> = None;
    let finish = |cur: Option<(AppendixEntry, usize)>, end: usize, out: &mut Vec<AppendixEntry>| {
        if let Some((mut e, start)) = cur {
            e.body_md = body_of(src, blocks.get(start..end).unwrap_or(&[])).to_string();
            out.push(e);
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        let Kind::Heading(l) = b.kind else { continue };
        if l > 2 && (l > 4 || level.is_some_and(|x| x != l)) {
            continue;
        }
        // Raw reviews hold many headings; only ones opening with an agent family can qualify.
        let opening = slice(src, b.range.clone()).trim_start_matches(['#', ' ']);
        let appendix_word = opening
            .get(..8)
            .is_some_and(|w| w.eq_ignore_ascii_case("appendix"));
        if !appendix_word && !families.opens_with_family(opening) {
            continue;
        }
        let text = plain_events(&b.inline);
        let appendix_form = l <= 2 && normalize(&text).starts_with("appendix");
        if !appendix_form && (l < 2 || level.is_some_and(|x| x != l)) {
            continue;
        }
        if let Some((agent, pass)) = appendix_agent(&text, families) {
            if !appendix_form {
                level = Some(l);
            }
            finish(cur.take(), i, &mut out);
            cur = Some((
                AppendixEntry {
                    family: family_of(&agent),
                    agent,
                    pass,
                    body_md: String::new(),
                },
                i + 1,
            ));
        }
    }
    finish(cur, blocks.len(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_headings() {
        assert_eq!(classify("1. Consolidated Review"), SecKind::Wrapper);
        assert_eq!(classify("Findings"), SecKind::Wrapper);
        assert_eq!(
            classify("Critical Findings"),
            SecKind::Severity(Severity::Critical)
        );
        assert_eq!(
            classify("Important Issues"),
            SecKind::Severity(Severity::Important)
        );
        assert_eq!(
            classify("Suggestions"),
            SecKind::Severity(Severity::Suggestion)
        );
        assert_eq!(classify("2. Agent Performance Retro"), SecKind::Retro);
        assert_eq!(
            classify("3. Skill Improvement Recommendations"),
            SecKind::ProcessNotes
        );
        assert_eq!(classify("Testing Assessment"), SecKind::Other(true));
        assert_eq!(
            classify("Architectural Recommendation — Nonce"),
            SecKind::Other(true)
        );
        assert_eq!(classify("Something new"), SecKind::Other(false));
        assert_eq!(
            slugify("2. Prior-Round Fixes Verified"),
            "prior-round-fixes-verified"
        );
        assert_eq!(slugify("Testing Assessment"), "testing-assessment");
    }

    #[test]
    fn resolution_targets() {
        assert_eq!(
            resolution_target("Important #1: `x`"),
            Some(Target::Nth(Severity::Important, 1))
        );
        assert_eq!(
            resolution_target("Suggestion #3: y"),
            Some(Target::Nth(Severity::Suggestion, 3))
        );
        assert_eq!(
            resolution_target("Suggestion S2: y"),
            Some(Target::Id("S2".into()))
        );
        assert_eq!(resolution_target("S4: y"), Some(Target::Id("S4".into())));
        assert_eq!(
            resolution_target("Important I1: y"),
            Some(Target::Id("I1".into()))
        );
        assert_eq!(resolution_target("C1"), Some(Target::Id("C1".into())));
        assert_eq!(resolution_target("Testing Gap #1: x"), None);
        assert_eq!(resolution_target("Doc: wsl2.md"), None);
        assert_eq!(resolution_target("Something"), None);
        assert_eq!(
            action_status("Fixed (merged with S3)"),
            Some(Status::Resolved)
        );
        assert_eq!(action_status("Test written"), Some(Status::Resolved));
        assert_eq!(action_status("Skipped"), Some(Status::Declined));
        assert_eq!(action_status("Pondered"), None);
    }

    #[test]
    fn appendix_agent_headings() {
        let f = Families::new(std::iter::empty());
        let a = |t: &str| appendix_agent(t, &f);
        assert_eq!(
            a("Appendix A: Claude Opus 4.6 Review"),
            Some(("Claude Opus 4.6".into(), None))
        );
        assert_eq!(a("Appendix: [Claude]"), Some(("Claude".into(), None)));
        assert_eq!(a("Appendix: Original Reviews"), None);
        assert_eq!(a("[Claude] — Pass 2"), Some(("Claude".into(), Some(2))));
        assert_eq!(
            a("[Codex] — Pass 1 (retry; first attempt empty)"),
            Some(("Codex".into(), Some(1)))
        );
        assert_eq!(
            a("[Claude] Opus 4.7"),
            Some(("Claude Opus 4.7".into(), None))
        );
        assert_eq!(
            a("Codex GPT 5.4 Review"),
            Some(("Codex GPT 5.4".into(), None))
        );
        assert_eq!(
            a("[Claude] — Original Review"),
            Some(("Claude".into(), None))
        );
        assert_eq!(a("Executive Summary"), None);
        assert_eq!(a("Claude's view"), None);
    }
}
