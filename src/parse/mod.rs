//! Parsing reports: Markdown of every format generation (FORMAT.md), the rendered-text form
//! (FORMAT.md §16) and the project's JSON schema (DESIGN.md §2).

pub mod cmark;
mod ctx;
pub mod findings;
pub mod header;
pub mod inline;
pub mod json;
pub mod markdown;
pub mod outline;
pub mod paths;
pub mod rendered;
pub mod retro;
pub mod sections;
pub mod xref;

use crate::model::Review;
use std::fmt;

/// The largest input the viewer and CLI accept.
pub const MAX_INPUT_BYTES: usize = 50 * 1024 * 1024;

/// Parse report bytes, refusing more than [`MAX_INPUT_BYTES`]; errors start with `name` (where
/// the bytes came from). The app's one entry point, on the main thread or in the parse worker.
pub fn parse_named(name: &str, bytes: &[u8]) -> Result<Review, String> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(name, bytes.len()));
    }
    parse_bytes(bytes).map_err(|e| format!("{name}: {e}"))
}

/// The message for an input of `bytes` bytes over [`MAX_INPUT_BYTES`], named `name`.
pub fn too_large(name: &str, bytes: usize) -> String {
    format!(
        "{name} is {:.1} MB, over the {} MB limit: open a smaller report",
        bytes as f64 / 1_048_576.0,
        MAX_INPUT_BYTES / 1_048_576
    )
}

/// Why an input could not be turned into a [`Review`]. Every message says what, where and what
/// to do; `Display` gives a one-line form for the CLI and the UI.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    /// Nothing but white space.
    Empty,
    /// Bytes that are not text (NUL bytes, invalid UTF-8/UTF-16).
    NotText { detail: String },
    /// Over [`MAX_INPUT_BYTES`].
    TooLarge { bytes: usize },
    /// A document of another kind: `Supply Chain Scan`, `CI Failures`, or anything else.
    NotADeepReview {
        /// The kind named by the H1 prefix (`Supply Chain Scan`), when there is one.
        kind: Option<String>,
        /// The first non-blank line, shortened.
        first_line: String,
    },
    /// JSON that does not fit the schema; `path` is the field (`findings[3].severity`), empty
    /// when built without the `json-paths` feature (the page).
    Json {
        path: String,
        line: usize,
        message: String,
    },
    /// JSON without `schema`, or with another major version.
    Schema { found: Option<String> },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "the file is empty: choose a Deep Review report (.md or .json)"),
            ParseError::NotText { detail } => write!(
                f,
                "this is not a text file ({detail}): choose a Deep Review report saved as Markdown or JSON"
            ),
            ParseError::TooLarge { bytes } => write!(
                f,
                "the file is {:.1} MB, over the {} MB limit: split it or open a smaller report",
                *bytes as f64 / 1_048_576.0,
                MAX_INPUT_BYTES / 1_048_576
            ),
            ParseError::NotADeepReview { kind: Some(kind), first_line } => write!(
                f,
                "not a Deep Review: this is a {kind} (“{first_line}”); only reports whose first line is `# Deep Review: …` can be shown"
            ),
            ParseError::NotADeepReview { kind: None, first_line } => write!(
                f,
                "not a Deep Review: the first line is “{first_line}”, expected `# Deep Review: <slug>`"
            ),
            ParseError::Json { path, line, message } if path.is_empty() => {
                write!(f, "invalid Deep Review JSON (line {line}): {message}")
            }
            ParseError::Json { path, line, message } => write!(
                f,
                "invalid Deep Review JSON at `{path}` (line {line}): {message}"
            ),
            ParseError::Schema { found: None } => write!(
                f,
                "invalid Deep Review JSON: the `schema` field is missing (expected \"{}\")",
                crate::model::SCHEMA
            ),
            ParseError::Schema { found: Some(v) } => write!(
                f,
                "unsupported Deep Review JSON: `schema` is \"{v}\", this viewer reads \"{}\"",
                crate::model::SCHEMA
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// What an input looks like, decided from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Json,
    Markdown,
    RenderedText,
}

/// Decode bytes as text: UTF-8 (with or without BOM) or UTF-16 with a BOM; CRLF becomes LF.
pub fn decode_text(bytes: &[u8]) -> Result<String, ParseError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge { bytes: bytes.len() });
    }
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        utf8(bytes)?
    };
    checked_text(text)
}

/// Refuse NUL bytes (binary data); CRLF and CR become LF.
fn checked_text(text: String) -> Result<String, ParseError> {
    if text.contains('\0') {
        return Err(ParseError::NotText {
            detail: "it contains NUL bytes".into(),
        });
    }
    if !text.contains('\r') {
        return Ok(text);
    }
    // In place: `\r\n` → `\n`, a lone `\r` → `\n` (ASCII only, so the text stays UTF-8).
    let mut bytes = text.into_bytes();
    let mut w = 0;
    for r in 0..bytes.len() {
        let b = bytes[r];
        if b == b'\r' && bytes.get(r + 1) == Some(&b'\n') {
            continue;
        }
        bytes[w] = if b == b'\r' { b'\n' } else { b };
        w += 1;
    }
    bytes.truncate(w);
    // Only ASCII bytes changed, so this is UTF-8 still.
    String::from_utf8(bytes).map_err(|e| ParseError::NotText {
        detail: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}

fn utf8(bytes: &[u8]) -> Result<String, ParseError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| ParseError::NotText {
        detail: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })
}

fn utf16(bytes: &[u8], conv: fn([u8; 2]) -> u16) -> Result<String, ParseError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ParseError::NotText {
            detail: "UTF-16 with an odd number of bytes".into(),
        });
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| conv([c[0], c[1]])).collect();
    String::from_utf16(&units).map_err(|_| ParseError::NotText {
        detail: "invalid UTF-16".into(),
    })
}

/// Guess the kind of a text from its content.
pub fn detect(text: &str) -> InputKind {
    let t = text.trim_start();
    if t.starts_with('{') {
        InputKind::Json
    } else if rendered::looks_rendered(t) {
        InputKind::RenderedText
    } else {
        InputKind::Markdown
    }
}

/// Parse any supported input from text.
pub fn parse_text(text: &str) -> Result<Review, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    match detect(text) {
        InputKind::Json => json::parse_json(text),
        InputKind::RenderedText => rendered::parse_rendered(text),
        InputKind::Markdown => markdown::parse_markdown(text),
    }
}

/// Parse any supported input from bytes (decoding as [`decode_text`]).
pub fn parse_bytes(bytes: &[u8]) -> Result<Review, ParseError> {
    parse_text(&decode_text(bytes)?)
}

/// [`parse_bytes`] for bytes the caller no longer needs: UTF-8 input becomes the text in
/// place, without a second copy of a multi-megabyte report.
pub fn parse_owned_bytes(bytes: Vec<u8>) -> Result<Review, ParseError> {
    parse_text(&decode_owned(bytes)?)
}

/// [`decode_text`] reusing the buffer of UTF-8 input (with or without BOM).
pub fn decode_owned(mut bytes: Vec<u8>) -> Result<String, ParseError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(ParseError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_text(&bytes);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|e| ParseError::NotText {
        detail: format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
    })?;
    checked_text(text)
}

/// The first non-blank line of a text, shortened to 80 characters, for error messages.
pub fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.chars().count() > 80 {
        let cut: String = line.chars().take(79).collect();
        format!("{cut}…")
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_named_says_where_the_bytes_came_from() {
        let e = parse_named("notes.md", b"# Shopping list\n").unwrap_err();
        assert!(e.starts_with("notes.md: not a Deep Review"), "{e}");
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        let e = parse_named("big.md", &big).unwrap_err();
        assert!(
            e.starts_with("big.md is 50.0 MB, over the 50 MB limit"),
            "{e}"
        );
    }

    #[test]
    fn decodes_bom_utf16_and_crlf() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFa\r\nb").unwrap(), "a\nb");
        assert_eq!(
            decode_text("a\r\rb\r\né\r".as_bytes()).unwrap(),
            "a\n\nb\né\n"
        );
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("# Hi\r\n".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode_text(&utf16le).unwrap(), "# Hi\n");
        // The in-place decoding gives the same text and errors.
        assert_eq!(
            decode_owned(b"\xEF\xBB\xBFa\r\nb".to_vec()).unwrap(),
            "a\nb"
        );
        assert_eq!(decode_owned(utf16le.clone()).unwrap(), "# Hi\n");
        assert_eq!(decode_owned(b"plain".to_vec()).unwrap(), "plain");
        for bad in [
            &b"abc\0def"[..],
            &[0xC3, 0x28],
            &[0xEF, 0xBB, 0xBF, 0xC3, 0x28],
        ] {
            assert_eq!(decode_owned(bad.to_vec()), decode_text(bad), "{bad:?}");
        }
        assert!(matches!(
            decode_text(b"abc\0def"),
            Err(ParseError::NotText { .. })
        ));
        assert!(matches!(
            decode_text(&[0xC3, 0x28]),
            Err(ParseError::NotText { .. })
        ));
    }

    #[test]
    fn empty_input_is_a_clear_error() {
        assert_eq!(parse_text("  \n\n"), Err(ParseError::Empty));
        assert!(ParseError::Empty.to_string().contains("empty"));
    }

    #[test]
    fn first_line_is_shortened() {
        let long = "x".repeat(200);
        assert_eq!(first_line(&format!("\n\n{long}")).chars().count(), 80);
    }
}
