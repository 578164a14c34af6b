//! Documents that are not Deep Reviews but live on the same reviews branch (a `# Supply Chain
//! Scan: …`, a weekly `# CI Failures: …` report): the parser refuses them as reviews
//! ([`ParseError::NotADeepReview`] with a `kind`), and the index lists them as documents, which
//! the app shows as plain Markdown (through its safe renderer: no raw HTML, safe links only).

use crate::parse::{self, ParseError};
use serde::{Deserialize, Serialize};

/// A document of another kind, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The H1 prefix: `Supply Chain Scan`, `CI Failures`.
    pub kind: String,
    /// The whole H1 text: `Supply Chain Scan: 20260712-232447-supply-chain`.
    pub title: String,
    /// The header table's **Date**, as written; empty when there is none.
    #[serde(default)]
    pub date: String,
    /// The Markdown after the H1.
    pub body_md: String,
}

impl Document {
    /// A short name for the document in a URL (`src=local:pasted-<name>`): its title in lower
    /// case, each run of other characters than letters, digits, `.` and `_` one dash, at most
    /// 80 characters; `document` when nothing is left.
    pub fn name(&self) -> String {
        let mut name = String::new();
        for c in self.title.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() || c == '.' || c == '_' {
                name.push(c);
            } else if !name.is_empty() && !name.ends_with('-') {
                name.push('-');
            }
        }
        let name: String = name.trim_end_matches('-').chars().take(80).collect();
        if name.is_empty() {
            "document".to_string()
        } else {
            name
        }
    }
}

/// One document in the index: the index's own data, so it lives in `model` (which imports
/// nothing of the parser); this module says how to make one from a [`Document`].
pub use crate::model::DocumentEntry;

impl DocumentEntry {
    pub fn of(doc: &Document, path: &str) -> DocumentEntry {
        DocumentEntry {
            path: path.to_string(),
            kind: doc.kind.clone(),
            title: doc.title.clone(),
            date: doc.date.clone(),
        }
    }
}

/// The document in `text` when it is a known other kind (the parser's
/// [`ParseError::NotADeepReview`] names one), else `None`.
pub fn of_text(text: &str) -> Option<Document> {
    let kind = match parse::parse_text(text) {
        Err(ParseError::NotADeepReview { kind: Some(k), .. }) => k,
        _ => return None,
    };
    let mut lines = text.lines();
    let mut title = String::new();
    let mut consumed = 0usize;
    for line in lines.by_ref() {
        consumed += line.len() + 1;
        let t = line.trim();
        if let Some(h) = t.strip_prefix("# ") {
            title = h.trim().to_string();
            break;
        }
    }
    let body_md = text
        .get(consumed.min(text.len())..)
        .unwrap_or("")
        .to_string();
    Some(Document {
        kind,
        title,
        date: header_date(&body_md),
        body_md,
    })
}

/// [`of_text`] over bytes (decoded like a report).
pub fn of_bytes(bytes: &[u8]) -> Option<Document> {
    of_text(&parse::decode_text(bytes).ok()?)
}

/// The `| **Date** | 2026-07-12 23:24 |` row of a header table.
fn header_date(md: &str) -> String {
    md.lines()
        .take(40)
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            (cells.len() >= 2 && cells[0].trim_matches('*').eq_ignore_ascii_case("date"))
                .then(|| cells[1].to_string())
        })
        .next()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCAN: &str = "# Supply Chain Scan: 20260712-232447-supply-chain\n\n| | |\n|---|---|\n| **Date** | 2026-07-12 23:24 |\n| **Kind** | Supply chain scan |\n\n## Summary\n\nAll pinned.\n";

    #[test]
    fn other_kinds_are_documents_with_their_date() {
        let d = of_text(SCAN).expect("a document");
        assert_eq!(d.kind, "Supply Chain Scan");
        assert_eq!(d.title, "Supply Chain Scan: 20260712-232447-supply-chain");
        assert_eq!(d.date, "2026-07-12 23:24");
        assert!(d.body_md.starts_with("\n| | |"));
        assert!(d.body_md.contains("## Summary"));
        let ci = of_text("# CI Failures: 2026-W30\n\n## At a glance\n").unwrap();
        assert_eq!((ci.kind.as_str(), ci.date.as_str()), ("CI Failures", ""));
    }

    #[test]
    fn a_document_is_named_by_its_title() {
        assert_eq!(
            of_text(SCAN).unwrap().name(),
            "supply-chain-scan-20260712-232447-supply-chain"
        );
        let ci = of_text("# CI Failures: 2026-W30 (main/*)\n\nHi.\n").unwrap();
        assert_eq!(ci.name(), "ci-failures-2026-w30-main");
        let mut odd = ci.clone();
        odd.title = " — ".into();
        assert_eq!(odd.name(), "document");
        odd.title = "x".repeat(200);
        assert_eq!(odd.name().len(), 80);
    }

    #[test]
    fn reviews_and_unknown_text_are_not_documents() {
        assert_eq!(
            of_text("# Deep Review: 20260101-000000-x\n\n## Executive Summary\n\nHi.\n"),
            None
        );
        assert_eq!(of_text("just some text\n"), None);
        assert_eq!(of_text(""), None);
    }
}
