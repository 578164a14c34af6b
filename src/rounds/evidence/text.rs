//! Splitting report text into items, sentences and clauses, and cleaning quotes for display.

use crate::parse::cmark::Fence;
use std::ops::Range;

/// The byte ranges of a Markdown text's items: paragraphs, list items and heading lines.
pub(super) fn items(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    let fenced = fences(text);
    let mut fence = fenced.iter().peekable();
    for line in text.split_inclusive('\n') {
        let here = pos;
        pos += line.len();
        while fence.next_if(|f| f.end <= here).is_some() {}
        if fence.peek().is_some_and(|f| f.start <= here) {
            if let Some(s) = start.take() {
                out.push(s..here);
            }
            continue;
        }
        let t = line.trim_start();
        let blank = t.trim().is_empty();
        let opens = t.starts_with('#') || is_list_item(t) || t.starts_with('|');
        if blank || (opens && line.len() - t.len() < 2) {
            if let Some(s) = start.take() {
                out.push(s..here);
            }
        }
        if !blank && start.is_none() {
            start = Some(here);
        }
        if t.starts_with('#') {
            if let Some(s) = start.take() {
                out.push(s..pos);
            }
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

pub(super) fn is_list_item(t: &str) -> bool {
    let t = t.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// The byte ranges of a text's fenced code blocks (from the opening fence line to the end of
/// the closing one, or to the end of the text when it is never closed), by the parser's own
/// fence rule ([`Fence`]): a closing fence uses the opening one's character and is at least as
/// long, so a ```` fence can quote ``` blocks.
pub(super) fn fences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut fence = Fence::default();
    let mut open: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let here = pos;
        pos += line.len();
        let t = line.trim_start_matches(' ');
        if !fence.step(line.len() - t.len(), t.as_bytes()) {
            continue;
        }
        match (fence.is_open(), open) {
            (true, None) => open = Some(here),
            (false, Some(start)) => {
                out.push(start..pos);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        out.push(start..text.len());
    }
    out
}

/// Sentences of an item: split after `.`, `!`, `?` or `;` followed by a space and not inside a
/// code span. A fenced code block ends the sentence before it and is no part of any sentence.
pub(super) fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut start = 0;
    let mut code = false;
    let mut fenced = fences(text).into_iter().peekable();
    let mut i = 0;
    while i < b.len() {
        if let Some(f) = fenced.next_if(|f| f.start <= i) {
            if start < f.start {
                out.push(&text[start..f.start]);
            }
            i = f.end.max(i + 1);
            start = i;
            code = false;
            continue;
        }
        match b[i] {
            b'`' => code = !code,
            b'.' | b'!' | b'?' | b';' if !code => {
                let next = b.get(i + 1).copied();
                if matches!(next, Some(b' ' | b'\n') | None) && !abbreviation(&text[start..i]) {
                    out.push(&text[start..=i]);
                    start = i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out.into_iter().filter(|s| !s.trim().is_empty()).collect()
}

/// `e.g.`, `i.e.`, `vs.`, `cf.` end no sentence.
pub(super) fn abbreviation(before: &str) -> bool {
    let low = before.to_ascii_lowercase();
    ["e.g", "i.e", " vs", " cf", "etc"]
        .iter()
        .any(|a| low.ends_with(a))
}

/// The sentence of `text` that holds `span`.
/// A span inside quoted code (no sentence holds it) gives its line.
pub(super) fn sentence_at(text: &str, span: Range<usize>) -> String {
    for s in sentences(text) {
        let start = s.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + s.len();
        if span.start >= start && span.start < end {
            return s.to_string();
        }
    }
    let at = floor_char(text, span.start.min(text.len()));
    let from = text[..at].rfind('\n').map_or(0, |k| k + 1);
    let to = text[at..].find('\n').map_or(text.len(), |k| at + k);
    text[from..to].to_string()
}

/// Collapse whitespace and Markdown emphasis for display; at most 300 characters. Quoted code
/// before the words (a fenced block the sentence runs on from) is dropped.
pub(super) fn clean(s: &str) -> String {
    let s = match s.rsplit_once("```") {
        Some((before, after)) if before.matches("```").count() % 2 == 1 => after,
        _ => s,
    };
    let flat: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("**", "");
    let flat = flat.trim_start_matches(['-', '*', '+', ' ']).trim();
    if flat.chars().count() > 300 {
        let cut: String = flat.chars().take(297).collect();
        format!("{cut}…")
    } else {
        flat.to_string()
    }
}

/// The clauses of a sentence that lists things: split at `,`, `;`, ` and `, ` — `.
pub(super) fn clauses(sentence: &str) -> Vec<&str> {
    let mut out = vec![sentence];
    for sep in [";", ", ", " and ", " — ", " – "] {
        out = out
            .into_iter()
            .flat_map(|c| c.split(sep))
            .filter(|c| c.split_whitespace().count() >= 2)
            .collect();
    }
    out
}

/// The contents of the `` `code` `` spans of a text.
pub(super) fn code_spans(t: &str) -> impl Iterator<Item = &str> {
    t.split('`').skip(1).step_by(2).filter(|c| !c.is_empty())
}

pub(super) fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The words of a long sentence around `mention` (the first place it occurs), so that a
/// summary sentence listing ten fixes quotes, for each finding, the part about it:
/// `… chunk ranges are validated against the offer (round 1 C2), the journal starts …`.
pub(super) fn excerpt(sentence: &str, mention: &str) -> String {
    const AROUND: usize = 110;
    let flat = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 2 * AROUND + 40 {
        return flat;
    }
    let Some(at) = flat.find(
        mention
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
    ) else {
        return flat;
    };
    let start = floor_char(&flat, at.saturating_sub(AROUND));
    let end = floor_char(&flat, (at + mention.len() + AROUND / 2).min(flat.len()));
    // Whole words only.
    let start = if start == 0 {
        0
    } else {
        flat[start..].find(' ').map_or(start, |k| start + k + 1)
    };
    let end = if end == flat.len() {
        end
    } else {
        flat[..end].rfind(' ').unwrap_or(end)
    };
    format!(
        "{}{}{}",
        if start > 0 { "… " } else { "" },
        &flat[start..end],
        if end < flat.len() { " …" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report that quotes an earlier finding in a ```` fence holding a ```go block.
    const QUOTED: &str = "Round 2's I1 read:\n\n````\nI1. **A dropped subscriber is never told** — `broker.go:70`\n\n```go\ndefault:\n    delete(b.subs, ch). Next\n```\n````\n\n`8a2f5d90` fixes exactly that: the channel is now closed. With replay it drops again.\n";

    #[test]
    fn fences_nest_by_length_and_an_open_fence_runs_to_the_end() {
        let f = fences(QUOTED);
        assert_eq!(f.len(), 1, "one ```` block, the ``` inside is its content");
        assert!(QUOTED[f[0].clone()].starts_with("````\nI1."));
        assert!(QUOTED[f[0].clone()].ends_with("```\n````\n"));
        let open = "Text.\n~~~\ncode. More\n";
        assert_eq!(fences(open), vec![6..open.len()]);
        assert!(fences("no `code` fence. ``inline``").is_empty());
    }

    #[test]
    fn sentences_and_items_skip_quoted_code() {
        let s = sentences(QUOTED);
        assert_eq!(s[0].trim(), "Round 2's I1 read:");
        assert!(
            s.iter()
                .all(|x| !x.contains("I1.") && !x.contains("delete")),
            "{s:?}"
        );
        assert_eq!(
            s[1].trim(),
            "`8a2f5d90` fixes exactly that: the channel is now closed."
        );
        let it: Vec<&str> = items(QUOTED)
            .into_iter()
            .map(|r| QUOTED[r].trim())
            .collect();
        assert_eq!(it.len(), 2, "{it:?}");
        assert!(it[1].starts_with("`8a2f5d90`"));
        // The reference's sentence is the prose one, and a span inside the code gives its line.
        assert_eq!(sentence_at(QUOTED, 0..7).trim(), "Round 2's I1 read:");
        let inside = QUOTED.find("delete").unwrap();
        assert_eq!(
            sentence_at(QUOTED, inside..inside + 6).trim(),
            "delete(b.subs, ch). Next"
        );
    }
}
