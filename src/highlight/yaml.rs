//! YAML: a line-oriented scanner (keys, scalars, block scalars, comments).

use super::*;

pub(super) fn scan_yaml(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut line = 0;
    // Indentation of the line that opened a `|` / `>` block scalar.
    let mut block_indent: Option<usize> = None;
    while line < len {
        let end = line_end(bytes, line);
        let indent = bytes[line..end].iter().take_while(|&&b| b == b' ').count();
        let content = line + indent;
        let blank = content >= end || bytes[content..end].iter().all(u8::is_ascii_whitespace);
        if let Some(bi) = block_indent {
            if blank || indent > bi {
                out.mark(TokenClass::String, content, end);
                line = end + 1;
                continue;
            }
            block_indent = None;
        }
        if at(bytes, line, "---") || at(bytes, line, "...") {
            out.mark(TokenClass::Punctuation, line, line + 3);
            yaml_value(out, line + 3, end, &mut block_indent, indent);
        } else {
            let mut i = content;
            // List markers.
            while i < end
                && bytes.get(i) == Some(&b'-')
                && matches!(bytes.get(i + 1), Some(b' ') | Some(b'\n') | None)
            {
                out.mark(TokenClass::Punctuation, i, i + 1);
                i += 1;
                while i < end && bytes[i] == b' ' {
                    i += 1;
                }
            }
            if i < end && bytes[i] == b'#' {
                out.mark(TokenClass::Comment, i, end);
            } else if let Some(colon) = yaml_key_colon(bytes, i, end) {
                out.mark(TokenClass::Attr, i, colon);
                out.mark(TokenClass::Punctuation, colon, colon + 1);
                yaml_value(out, colon + 1, end, &mut block_indent, indent);
            } else {
                yaml_value(out, i, end, &mut block_indent, indent);
            }
        }
        line = end + 1;
    }
}

/// The `:` ending a mapping key that starts at `i` (a colon followed by a space or line end,
/// outside quotes, before any ` #` comment).
pub(super) fn yaml_key_colon(bytes: &[u8], i: usize, end: usize) -> Option<usize> {
    let first = *bytes.get(i)?;
    if matches!(first, b'"' | b'\'') {
        let close = bytes[i + 1..end].iter().position(|&b| b == first)? + i + 1;
        return (bytes.get(close + 1) == Some(&b':')).then_some(close + 1);
    }
    if matches!(first, b'{' | b'[' | b'|' | b'>' | b'&' | b'*' | b'!') {
        return None;
    }
    let mut j = i;
    while j < end {
        match bytes[j] {
            b':' if j + 1 >= end || matches!(bytes[j + 1], b' ' | b'\t' | b'\r') => return Some(j),
            b'#' if j > i && bytes[j - 1] == b' ' => return None,
            _ => j += 1,
        }
    }
    None
}

pub(super) fn yaml_value(
    out: &mut Out,
    start: usize,
    end: usize,
    block: &mut Option<usize>,
    indent: usize,
) {
    let bytes = out.src.as_bytes();
    let mut i = start;
    while i < end && matches!(bytes[i], b' ' | b'\t') {
        i += 1;
    }
    if i >= end {
        return;
    }
    let b = bytes[i];
    match b {
        b'#' => out.mark(TokenClass::Comment, i, end),
        b'"' | b'\'' => {
            let quote = q(
                b,
                if b == b'"' {
                    Escape::Backslash
                } else {
                    Escape::None
                },
                false,
            );
            let s_end = string_end(bytes, i, 1, &[b], &quote).min(end);
            out.mark(TokenClass::String, i, s_end);
            yaml_trailing_comment(out, s_end, end);
        }
        b'|' | b'>' => {
            out.mark(TokenClass::Punctuation, i, i + 1);
            *block = Some(indent);
            yaml_trailing_comment(out, i + 1, end);
        }
        b'&' | b'*' | b'!' => {
            let w_end = bytes[i..end]
                .iter()
                .position(|&c| c == b' ')
                .map_or(end, |p| i + p);
            out.mark(TokenClass::Type, i, w_end);
            yaml_value(out, w_end, end, block, indent);
        }
        _ => {
            // A plain scalar: up to a ` #` comment.
            let mut j = i;
            while j < end && !(j > i && bytes[j] == b'#' && bytes[j - 1] == b' ') {
                j += 1;
            }
            let scalar = out.src.get(i..j).unwrap_or("").trim_end();
            let class = if matches!(
                scalar,
                "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "True" | "False" | "~"
            ) {
                TokenClass::Keyword
            } else if !scalar.is_empty()
                && scalar
                    .bytes()
                    .all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'-' | b'+' | b'_' | b'e'))
                && scalar
                    .bytes()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit() || c == b'-')
                && scalar.bytes().any(|c| c.is_ascii_digit())
            {
                TokenClass::Number
            } else {
                TokenClass::Plain
            };
            out.mark(class, i, i + scalar.len());
            if j < end {
                out.mark(TokenClass::Comment, j, end);
            }
        }
    }
}

pub(super) fn yaml_trailing_comment(out: &mut Out, from: usize, end: usize) {
    let bytes = out.src.as_bytes();
    if let Some(p) = bytes
        .get(from..end)
        .and_then(|r| r.iter().position(|&b| b == b'#'))
    {
        out.mark(TokenClass::Comment, from + p, end);
    }
}
