//! What keeps long report content from overwhelming the page (issue 11): code blocks are
//! highlighted only at the start, long paragraphs come in parts the app mounts a slice at a
//! time, and finding ids enter DOM ids only as tokens that cannot collide.

use super::{Node, Tag};

/// Code blocks are highlighted up to this many bytes (cut at a line end); the rest is plain
/// text. A 1 MB block made about a million spans and froze the page 3.6 s; 10 MB ran the page
/// out of memory.
pub const HIGHLIGHT_LIMIT: usize = 64 * 1024;

/// The plain rest of a long block is split into text nodes of about this size.
const PLAIN_SLICE: usize = 16 * 1024;

/// Where a long block's highlighting stops: the end of the last line that fits in
/// [`HIGHLIGHT_LIMIT`] (or the last char boundary, for one huge line). `code.len()` when it all
/// fits.
pub fn highlight_cut(code: &str) -> usize {
    if code.len() <= HIGHLIGHT_LIMIT {
        return code.len();
    }
    let mut cut = HIGHLIGHT_LIMIT;
    while !code.is_char_boundary(cut) {
        cut -= 1;
    }
    code[..cut].rfind('\n').map_or(cut, |nl| nl + 1)
}

/// `text` as text nodes of about [`PLAIN_SLICE`] bytes, cut at char boundaries.
pub(super) fn plain_slices(mut text: &str, out: &mut Vec<Node>) {
    while !text.is_empty() {
        let mut cut = text.len().min(PLAIN_SLICE);
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, rest) = text.split_at(cut);
        out.push(Node::Text(piece.to_owned()));
        text = rest;
    }
}

/// A paragraph with more than `budget` bytes of text as consecutive paragraphs of about
/// `budget` bytes each (class `md-part`: style/main.css joins them without a gap), so the
/// app can mount a 5 MB paragraph a slice at a time; any other node is returned as it is. A
/// long text run is cut at a space near the budget when there is one.
pub fn split_long_paragraph(node: Node, budget: usize) -> Vec<Node> {
    let budget = budget.max(1);
    let (attrs, children) = match node {
        Node::Element {
            tag: Tag::P,
            attrs,
            children,
        } if children
            .iter()
            .map(|c| c.text_content().len())
            .sum::<usize>()
            > budget =>
        {
            (attrs, children)
        }
        other => return vec![other],
    };
    let mut parts: Vec<Vec<Node>> = Vec::new();
    let mut current = Vec::new();
    let mut size = 0;
    let mut push = |piece: Node, current: &mut Vec<Node>, size: &mut usize| {
        let len = piece.text_content().len();
        if *size > 0 && *size + len > budget {
            parts.push(std::mem::take(current));
            *size = 0;
        }
        *size += len;
        current.push(piece);
    };
    for child in children {
        match child {
            Node::Text(text) if text.len() > budget => {
                let mut rest = text.as_str();
                while !rest.is_empty() {
                    // Forward to a char boundary: every piece holds at least one char.
                    let mut cut = rest.len().min(budget);
                    while !rest.is_char_boundary(cut) {
                        cut += 1;
                    }
                    if cut < rest.len() {
                        if let Some(space) = rest[..cut].rfind(' ').filter(|&i| i > budget / 2) {
                            cut = space + 1;
                        }
                    }
                    let (piece, tail) = rest.split_at(cut);
                    push(Node::Text(piece.to_owned()), &mut current, &mut size);
                    rest = tail;
                }
            }
            other => push(other, &mut current, &mut size),
        }
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
        .into_iter()
        .map(|children| {
            let mut attrs = attrs.clone();
            attrs.push(("class", "md-part".to_owned()));
            Node::Element {
                tag: Tag::P,
                attrs,
                children,
            }
        })
        .collect()
}

/// A finding id (any text in a JSON report) as a piece of a DOM id: ASCII letters and digits
/// stay, every other character becomes `_` + its hex code + `_`. The result has no `-`, so
/// `finding-{token}` and `finding-body-{token}` can never be equal, whatever the ids are.
pub fn dom_token(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else {
            out.push_str(&format!("_{:x}_", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{code_block, render, Options};
    use super::*;

    fn render_default(md: &str) -> Vec<Node> {
        render(md, &Options::default())
    }

    /// Issue 11 item 2: highlighting is bounded per block; the text is all there.
    #[test]
    fn long_code_blocks_are_highlighted_only_at_the_start() {
        let line = "    let x: Vec<u8> = vec![1, 2, 3]; // \"str\" and 'c'\n";
        let code = line.repeat(5 * 1024 * 1024 / line.len());
        let node = code_block("rust", &code);
        assert_eq!(node.text_content(), code, "every byte is shown");
        let cut: usize = node.attr("data-plain-from").unwrap().parse().unwrap();
        assert!(cut <= HIGHLIGHT_LIMIT && cut > HIGHLIGHT_LIMIT - line.len());
        assert!(code[..cut].ends_with('\n'), "cut at a line end");
        let Node::Element { children, .. } = &node else {
            panic!()
        };
        let Node::Element {
            children: inner, ..
        } = &children[0]
        else {
            panic!()
        };
        let spans = inner.iter().filter(|n| n.attr("class").is_some()).count();
        assert!(spans > 1000, "the head is highlighted");
        let plain = inner
            .iter()
            .rev()
            .take_while(|n| matches!(n, Node::Text(_)))
            .count();
        assert!(
            plain >= (code.len() - cut) / PLAIN_SLICE,
            "the rest is plain text in slices"
        );
        assert!(inner.len() < 100_000, "no node per token past the limit");
        // One huge line: cut at a char boundary.
        let one = "é".repeat(HIGHLIGHT_LIMIT);
        let node = code_block("", &one);
        assert_eq!(node.text_content(), one);
        // Short blocks are unchanged.
        assert_eq!(
            code_block("rust", "fn main() {}\n").attr("data-plain-from"),
            None
        );
    }

    /// Issue 11 item 5: one 5 MB paragraph was one block, mounted in one long task.
    #[test]
    fn a_long_paragraph_splits_into_parts_with_all_its_text() {
        let unit = "The writer flushes `buf` before *the* [checkpoint](https://x.test/a) lands. ";
        let md_text = unit.repeat(5 * 1024 * 1024 / unit.len());
        let nodes = render_default(&md_text);
        assert_eq!(nodes.len(), 1);
        let whole = nodes[0].text_content();
        let parts = split_long_paragraph(nodes.into_iter().next().unwrap(), 16 * 1024);
        assert!(parts.len() > 200, "{} parts", parts.len());
        assert!(parts
            .iter()
            .all(|p| p.text_content().len() <= 16 * 1024 + unit.len()));
        assert!(parts.iter().all(|p| p.attr("class") == Some("md-part")));
        assert_eq!(
            parts.iter().map(Node::text_content).collect::<String>(),
            whole
        );
        // One long run of plain text is cut at spaces.
        let plain = "word ".repeat(100_000);
        let parts = split_long_paragraph(render_default(&plain).remove(0), 16 * 1024);
        assert!(parts.len() > 20);
        assert_eq!(
            parts.iter().map(Node::text_content).collect::<String>(),
            plain.trim_end()
        );
        assert!(parts[..parts.len() - 1]
            .iter()
            .all(|p| p.text_content().ends_with(' ')));
        // Short paragraphs and other blocks are unchanged.
        let short = render_default("short *text*").remove(0);
        assert_eq!(split_long_paragraph(short.clone(), 16), vec![short.clone()]);
        let code = code_block("", &"x".repeat(100_000));
        assert_eq!(split_long_paragraph(code.clone(), 16), vec![code]);
    }

    #[test]
    fn finding_ids_become_dom_tokens_without_dashes() {
        assert_eq!(dom_token("I2"), "I2");
        assert_eq!(dom_token("I2-2"), "I2_2d_2");
        assert_eq!(dom_token("body I1"), "body_20_I1");
        // `finding-{token}` of one id never equals `finding-body-{token}` of another.
        assert!(!dom_token("body-I1").contains('-'));
    }
}
