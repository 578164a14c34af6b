//! Markup (HTML, XML, Vue) and diffs: line- and tag-oriented scanners.

use super::*;

pub(super) fn scan_markup(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut i = 0;
    while i < len {
        if bytes[i] != b'<' {
            if bytes[i] == b'&' {
                let semi = bytes[i..len.min(i + 12)].iter().position(|&b| b == b';');
                if let Some(p) = semi {
                    if bytes[i + 1..i + p]
                        .iter()
                        .all(|b| b.is_ascii_alphanumeric() || *b == b'#')
                        && p > 1
                    {
                        out.mark(TokenClass::Keyword, i, i + p + 1);
                        i += p + 1;
                        continue;
                    }
                }
            }
            i += 1;
            continue;
        }
        if at(bytes, i, "<!--") {
            let end = find(bytes, i + 4, "-->").map_or(len, |p| p + 3);
            out.mark(TokenClass::Comment, i, end);
            i = end;
        } else if at(bytes, i, "<![CDATA[") {
            let end = find(bytes, i + 9, "]]>").map_or(len, |p| p + 3);
            out.mark(TokenClass::String, i, end);
            i = end;
        } else if at(bytes, i, "<?") || at(bytes, i, "<!") {
            let end = find(bytes, i + 2, ">").map_or(len, |p| p + 1);
            out.mark(TokenClass::Keyword, i, end);
            i = end;
        } else {
            let name_start = if bytes.get(i + 1) == Some(&b'/') {
                i + 2
            } else {
                i + 1
            };
            if !bytes.get(name_start).is_some_and(|&b| is_ident_start(b)) {
                i += 1;
                continue;
            }
            out.mark(TokenClass::Punctuation, i, name_start);
            let name_end = markup_name_end(bytes, name_start);
            out.mark(TokenClass::Tag, name_start, name_end);
            i = markup_attrs(out, name_end);
        }
    }
}

pub(super) fn markup_name_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len()
        && !matches!(
            bytes[i],
            b' ' | b'\t' | b'\r' | b'\n' | b'=' | b'>' | b'/' | b'"' | b'\'' | b'<'
        )
    {
        i += 1;
    }
    i
}

/// Attributes of a tag from `i` up to and including its `>`; returns the position after it.
pub(super) fn markup_attrs(out: &mut Out, mut i: usize) -> usize {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    while i < len {
        match bytes[i] {
            b'>' => {
                out.mark(TokenClass::Punctuation, i, i + 1);
                return i + 1;
            }
            b'/' if bytes.get(i + 1) == Some(&b'>') => {
                out.mark(TokenClass::Punctuation, i, i + 2);
                return i + 2;
            }
            b'<' => return i,
            b'=' => {
                out.mark(TokenClass::Punctuation, i, i + 1);
                i += 1;
                let Some(&v) = bytes.get(i) else { return i };
                let end = if matches!(v, b'"' | b'\'') {
                    find(bytes, i + 1, if v == b'"' { "\"" } else { "'" }).map_or(len, |p| p + 1)
                } else {
                    markup_name_end(bytes, i)
                };
                out.mark(TokenClass::String, i, end);
                i = end;
            }
            b' ' | b'\t' | b'\r' | b'\n' | b'/' => i += 1,
            b'"' | b'\'' => {
                let end = find(bytes, i + 1, if bytes[i] == b'"' { "\"" } else { "'" })
                    .map_or(len, |p| p + 1);
                out.mark(TokenClass::String, i, end);
                i = end;
            }
            _ => {
                let end = markup_name_end(bytes, i).max(i + 1);
                out.mark(TokenClass::Attr, i, end);
                i = end;
            }
        }
    }
    len
}

// ---------------------------------------------------------------------------------------------
// Diff (per line)

pub(super) fn scan_diff(out: &mut Out) {
    let bytes = out.src.as_bytes();
    let len = bytes.len();
    let mut line = 0;
    let mut prev_header = false;
    while line < len {
        let end = line_end(bytes, line);
        let text = &bytes[line..end];
        let next = bytes.get(end + 1..).unwrap_or(&[]);
        let file_header = ((text.starts_with(b"--- ") || text == b"---")
            && next.starts_with(b"+++"))
            || (text.starts_with(b"+++") && prev_header);
        let class = if file_header {
            TokenClass::DiffMeta
        } else if text.starts_with(b"@@") {
            TokenClass::DiffHunk
        } else if [
            "diff ",
            "index ",
            "new file mode",
            "deleted file mode",
            "similarity index",
            "rename from",
            "rename to",
            "old mode",
            "new mode",
            "\\ No newline",
        ]
        .iter()
        .any(|p| text.starts_with(p.as_bytes()))
        {
            TokenClass::DiffMeta
        } else if text.first() == Some(&b'+') {
            TokenClass::DiffAdd
        } else if text.first() == Some(&b'-') {
            TokenClass::DiffDel
        } else {
            TokenClass::Plain
        };
        prev_header = class == TokenClass::DiffMeta && text.starts_with(b"---");
        out.mark(class, line, end);
        line = end + 1;
    }
}
