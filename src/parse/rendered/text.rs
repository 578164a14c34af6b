//! Plain text back to Markdown: paragraphs, lists, sub-headings and code lines of the copied page.

use super::*;

#[derive(Debug)]
pub(super) enum Block<'a> {
    Para(String),
    Sub(&'a str),
    List(Vec<(u64, &'a str)>),
    Code(Vec<&'a str>),
}

/// `  1. text` → (1, `text`).
pub(super) fn list_item(line: &str) -> Option<(u64, &str)> {
    let (n, rest) = leading_number(line.trim_start())?;
    let rest = rest.strip_prefix(['.', ')'])?;
    (rest.starts_with([' ', '\t']) && !rest.trim().is_empty()).then(|| (n, rest.trim()))
}

pub(super) fn is_subheading(line: &str) -> bool {
    let t = line.trim();
    SUBHEADINGS.iter().any(|s| s.eq_ignore_ascii_case(t))
        || ["Strengths", "Standing limitations", "Existing limitations"]
            .iter()
            .any(|p| t.starts_with(p) && t.len() < 80)
}

/// A line that can only be code: indented, or nothing but brackets.
pub(super) fn looks_code(line: &str) -> bool {
    line.starts_with(['\t', ' ']) || line.trim().chars().all(|c| "{}()[];,".contains(c))
}

/// Group lines into blocks. The page puts each paragraph on one line, so a run of several
/// non-blank lines is a code excerpt or a glued table (kept verbatim), unless it is a list.
pub(super) fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Block<'a>> {
    let mut out = Vec::new();
    let mut run: Vec<&'a str> = Vec::new();
    for &(_, line) in lines.iter().chain(std::iter::once(&(0, ""))) {
        if !line.trim().is_empty() {
            run.push(line);
            continue;
        }
        if run.is_empty() {
            continue;
        }
        let first = run.first().copied().unwrap_or("");
        let first_is_code = looks_code(first);
        let items: Option<Vec<_>> = run.iter().map(|&l| list_item(l)).collect();
        let tail_items: Option<Vec<_>> = run.iter().skip(1).map(|&l| list_item(l)).collect();
        if let Some(items) = items {
            out.push(Block::List(items));
        } else if run.len() == 1 && !first_is_code {
            out.push(if is_subheading(first) {
                Block::Sub(first.trim())
            } else {
                Block::Para(first.trim().to_string())
            });
        } else if let (false, Some(items)) = (first_is_code, tail_items) {
            out.push(Block::Para(first.trim().to_string()));
            out.push(Block::List(items));
        } else if let Some(Block::Code(code)) = out.last_mut() {
            code.push("");
            code.append(&mut run);
        } else {
            out.push(Block::Code(std::mem::take(&mut run)));
        }
        run.clear();
    }
    out
}

/// Backslash-escape what Markdown would otherwise read as markup.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    for (i, c) in text.char_indices() {
        let at_start = i == 0 && "#-+=".contains(c);
        let list_marker = digits > 0 && i == digits && (c == '.' || c == ')');
        if at_start || list_marker || "\\`*_[]<>|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(super) fn render(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        parts.push(match block {
            Block::Para(text) if text.is_empty() => continue,
            Block::Para(text) => escape(text),
            Block::Sub(text) => format!("**{}**", escape(text)),
            Block::List(items) => items
                .iter()
                .map(|(n, t)| format!("{n}. {}", escape(t)))
                .collect::<Vec<_>>()
                .join("\n"),
            Block::Code(lines) => {
                let longest = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                format!("{fence}\n{}\n{fence}", lines.join("\n"))
            }
        });
    }
    parts.join("\n\n")
}

pub(super) fn longest_run(s: &str, ch: char) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for c in s.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

pub(super) fn markdown(lines: &[Line]) -> String {
    render(&blocks(lines))
}

/// Text that only says the section is empty (`None.`).
pub(super) fn says_none(md: &str) -> bool {
    let t = md.trim().to_ascii_lowercase();
    t.is_empty() || t.starts_with("none") || t.starts_with("no ") && !t.contains("\n\n")
}

pub(super) fn is_blank(lines: &[Line], i: usize) -> bool {
    lines.get(i).is_none_or(|(_, l)| l.trim().is_empty())
}

/// A line standing alone between blank lines (a paragraph or heading of the page).
pub(super) fn standalone(lines: &[Line], i: usize) -> bool {
    (i == 0 || is_blank(lines, i - 1)) && is_blank(lines, i + 1)
}
