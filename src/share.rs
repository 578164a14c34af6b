//! Self-contained links: a whole report carried in the URL fragment (`#z=…`, DESIGN.md §4).
//!
//! Encoding: the UTF-8 text is compressed with DEFLATE at miniz_oxide's highest level inside a
//! zlib wrapper (RFC 1950: two header bytes and an Adler-32 checksum at the end — the format of
//! the browsers' `CompressionStream("deflate")` and of Python's `zlib.compress`), then written in
//! base64url without padding (RFC 4648 §5). The checksum costs 6 bytes and lets a corrupted link
//! be told apart from a valid one instead of showing garbage.
//!
//! ```
//! use deep_review::share::{decode_fragment, encode_fragment};
//! let fragment = encode_fragment("# Deep Review: demo");
//! assert!(fragment.starts_with("z="));
//! assert_eq!(decode_fragment(&format!("#{fragment}")).unwrap(), "# Deep Review: demo");
//! ```
//!
//! Decoding is lenient about what a person pastes (a whole URL, `#z=…`, `z=…` or the bare
//! data; whitespace and line breaks that chat tools insert; standard base64 `+` `/` and `=`
//! padding) and strict about everything else, with errors a user can act on ([`ShareError`]).

use miniz_oxide::inflate::TINFLStatus;
use std::fmt;

mod link;
pub use link::*;

/// The largest decompressed report a link may carry (a guard against "zip bombs").
pub const MAX_DECOMPRESSED: usize = 50 * 1024 * 1024;

/// Links longer than this get a warning ([`link_size_warning`]).
pub const LINK_WARN_BYTES: usize = 32 * 1024;

/// miniz_oxide's highest compression level.
const LEVEL: u8 = 10;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a `#z=` fragment could not be turned back into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// The text is not a `#z=` link (another fragment, or an ordinary URL).
    NotAShareLink,
    /// The link has `#z=` but no data after it.
    Empty,
    /// A character outside base64url at this 0-based position of the data after `z=`.
    BadBase64 { position: usize, found: char },
    /// The data stops in the middle: the link was probably cut by a chat tool or an editor.
    Truncated,
    /// The data decodes but is not valid compressed data (or fails its checksum).
    Corrupt,
    /// The report would be larger than [`MAX_DECOMPRESSED`] bytes.
    TooLarge { limit: usize },
    /// The decompressed bytes are not UTF-8 text; `position` is the first bad byte.
    NotUtf8 { position: usize },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotAShareLink => f.write_str(
                "This is not a self-contained report link: it has no \"#z=\" part. \
                 Paste the whole link as it was shared.",
            ),
            ShareError::Empty => f.write_str(
                "The link's \"#z=\" part is empty: the report data is missing. \
                 Ask for the link again.",
            ),
            ShareError::BadBase64 { position, found } => write!(
                f,
                "The link's report data has an invalid character {found:?} at position {} \
                 after \"#z=\"; the link was probably changed or mangled when it was copied. \
                 Ask for the link again.",
                position + 1
            ),
            ShareError::Truncated => f.write_str(
                "The link's report data is incomplete: the link was probably cut short by a \
                 chat tool or an editor. Ask for the whole link, or for the report file.",
            ),
            ShareError::Corrupt => f.write_str(
                "The link's report data is damaged (it does not decompress or fails its \
                 checksum); the link was probably cut or changed when it was copied. \
                 Ask for the link again, or for the report file.",
            ),
            ShareError::TooLarge { limit } => write!(
                f,
                "The link's report would be larger than {} MB once decompressed; it was \
                 refused to protect your browser.",
                limit / (1024 * 1024)
            ),
            ShareError::NotUtf8 { position } => write!(
                f,
                "The link's report is not UTF-8 text (invalid byte at offset {position}); \
                 it was not made by this viewer."
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// `z=<data>` for `text` (prepend `#` to put it in a URL).
pub fn encode_fragment(text: &str) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), LEVEL);
    format!("z={}", base64url_encode(&compressed))
}

/// The report text carried by a `#z=` link. Accepts a whole URL, `#z=…`, `z=…` or the bare
/// data (see the module docs for what else is tolerated).
pub fn decode_fragment(fragment: &str) -> Result<String, ShareError> {
    decode_with_limit(fragment, MAX_DECOMPRESSED)
}

/// A warning to show next to a share link of `len` bytes, when it is long enough that chat
/// tools, mail clients or browsers may cut it.
pub fn link_size_warning(len: usize) -> Option<String> {
    (len > LINK_WARN_BYTES).then(|| {
        format!(
            "This link is {} KB long. Some chat tools and browsers cut links longer than {} KB; \
             if it does not open for others, share the report file or host it and link to it \
             with ?src= instead.",
            len.div_ceil(1024),
            LINK_WARN_BYTES / 1024
        )
    })
}

/// A `#z=` link's report inflated in bounded steps ([`LinkInflater::step`]), so a page can yield
/// between steps: a 245 KB link inflating to 48 MB used to stall the page 10 s in one task. The
/// same limit and errors as [`decode_fragment`].
pub struct LinkInflater {
    data: Vec<u8>,
    consumed: usize,
    state: Box<miniz_oxide::inflate::stream::InflateState>,
    out: Vec<u8>,
    limit: usize,
    done: bool,
}

impl LinkInflater {
    /// Reads the link's data (base64 only: cheap); nothing is inflated yet.
    pub fn new(fragment: &str, limit: usize) -> Result<LinkInflater, ShareError> {
        let data = base64url_decode(payload(fragment)?)?;
        Ok(LinkInflater {
            data,
            consumed: 0,
            state: miniz_oxide::inflate::stream::InflateState::new_boxed(
                miniz_oxide::DataFormat::Zlib,
            ),
            out: Vec::new(),
            limit,
            done: false,
        })
    }

    /// The bytes inflated so far.
    pub fn inflated(&self) -> usize {
        self.out.len()
    }

    /// Inflates up to `max_out` more bytes; `Ok(true)` once the whole report is out.
    pub fn step(&mut self, max_out: usize) -> Result<bool, ShareError> {
        use miniz_oxide::{MZError, MZFlush, MZStatus};
        if self.done {
            return Ok(true);
        }
        let start = self.out.len();
        // One byte past the limit tells "too large" from "exactly the limit".
        let room = max_out.max(1).min(self.limit + 1 - start);
        self.out.resize(start + room, 0);
        let r = miniz_oxide::inflate::stream::inflate(
            &mut self.state,
            &self.data[self.consumed..],
            &mut self.out[start..],
            MZFlush::None,
        );
        self.consumed += r.bytes_consumed;
        self.out.truncate(start + r.bytes_written);
        if self.out.len() > self.limit {
            return Err(ShareError::TooLarge { limit: self.limit });
        }
        match r.status {
            Ok(MZStatus::StreamEnd) => {
                self.done = true;
                Ok(true)
            }
            Ok(_) if r.bytes_written == 0 && r.bytes_consumed == 0 => Err(ShareError::Truncated),
            Ok(_) => Ok(false),
            Err(MZError::Buf) => Err(ShareError::Truncated),
            Err(_) => Err(ShareError::Corrupt),
        }
    }

    /// The report text, once [`LinkInflater::step`] said it is all out.
    pub fn finish(self) -> Result<String, ShareError> {
        if !self.done {
            return Err(ShareError::Truncated);
        }
        String::from_utf8(self.out).map_err(|e| ShareError::NotUtf8 {
            position: e.utf8_error().valid_up_to(),
        })
    }
}

/// Text kept as `.`-joined fragments (each from [`encode_fragment`]), at most `limit` bytes in
/// total: each piece inflates only into what is left of the limit, so no number of pieces can
/// grow the text past it (forty 49 MB pieces used to overflow the page's memory at start-up).
pub fn decode_pieces(data: &str, limit: usize) -> Result<String, ShareError> {
    let mut out = String::new();
    for piece in data.split('.').filter(|p| !p.is_empty()) {
        let left = limit - out.len();
        let text = decode_with_limit(piece, left).map_err(|e| match e {
            ShareError::TooLarge { .. } => ShareError::TooLarge { limit },
            e => e,
        })?;
        out.push_str(&text);
    }
    Ok(out)
}

fn decode_with_limit(fragment: &str, limit: usize) -> Result<String, ShareError> {
    let data = payload(fragment)?;
    let bytes = base64url_decode(data)?;
    let inflated = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, limit).map_err(
        |e| match e.status {
            TINFLStatus::HasMoreOutput => ShareError::TooLarge { limit },
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
                ShareError::Truncated
            }
            _ => ShareError::Corrupt,
        },
    )?;
    String::from_utf8(inflated).map_err(|e| ShareError::NotUtf8 {
        position: e.utf8_error().valid_up_to(),
    })
}

/// The base64 data of a fragment: after the first `#` (if any), after `z=` (if present), up to
/// a following `&` parameter.
fn payload(input: &str) -> Result<&str, ShareError> {
    let input = input.trim();
    let (had_hash, fragment) = match input.split_once('#') {
        Some((_, after)) => (true, after),
        None => (false, input),
    };
    let data = match fragment.strip_prefix("z=") {
        Some(rest) => rest.split('&').next().unwrap_or(""),
        None => {
            // Bare data is allowed; anything that looks like another URL or parameter is not.
            let looks_foreign = had_hash
                || fragment.contains(['?', ':', '&'])
                || fragment.trim_end_matches('=').contains('=');
            if looks_foreign {
                return Err(ShareError::NotAShareLink);
            }
            fragment
        }
    };
    if data.trim().is_empty() {
        return Err(if input.is_empty() {
            ShareError::NotAShareLink
        } else {
            ShareError::Empty
        });
    }
    Ok(data)
}

/// base64url without padding.
fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Decodes base64url (also standard base64's `+` and `/`), skipping ASCII whitespace and
/// trailing `=` padding.
fn base64url_decode(data: &str) -> Result<Vec<u8>, ShareError> {
    let mut out = Vec::with_capacity(data.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut padding_from: Option<usize> = None;
    for (position, c) in data.char_indices() {
        if c.is_ascii_whitespace() {
            continue;
        }
        if c == '=' {
            padding_from.get_or_insert(position);
            continue;
        }
        let value = match c {
            'A'..='Z' => c as u32 - 'A' as u32,
            'a'..='z' => c as u32 - 'a' as u32 + 26,
            '0'..='9' => c as u32 - '0' as u32 + 52,
            '-' | '+' => 62,
            '_' | '/' => 63,
            _ => return Err(ShareError::BadBase64 { position, found: c }),
        };
        if let Some(p) = padding_from {
            // Data after `=` padding.
            return Err(ShareError::BadBase64 {
                position: p,
                found: '=',
            });
        }
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // A single leftover character (6 bits) cannot end a valid encoding: the text was cut.
    if bits == 6 {
        return Err(ShareError::Truncated);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# Deep Review: 20260322-142409-pr-242\n\n\
        ## Critical\n\n1. **Ünïcödé & <html> \"quotes\"** — `src/a.rs:1-3` 🚀\n";

    fn data_of(fragment: &str) -> &str {
        fragment.strip_prefix("z=").unwrap()
    }

    #[test]
    fn round_trips_in_every_accepted_form() {
        let f = encode_fragment(SAMPLE);
        let data = data_of(&f);
        assert!(data
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        for form in [
            f.clone(),
            format!("#{f}"),
            data.to_string(),
            format!("https://example.org/viewer/?view=report#{f}"),
            format!("#{f}&other=1"),
            format!("  #{f}\n"),
        ] {
            assert_eq!(decode_fragment(&form).as_deref(), Ok(SAMPLE), "{form}");
        }
    }

    #[test]
    fn round_trips_empty_and_binary_like_text() {
        for text in [
            "",
            "a",
            "ab",
            "abc",
            "\u{0}\u{1}\u{7f}",
            &"x".repeat(100_000),
        ] {
            assert_eq!(decode_fragment(&encode_fragment(text)).as_deref(), Ok(text));
        }
    }

    #[test]
    fn compresses_repetitive_reports() {
        let text = SAMPLE.repeat(200);
        assert!(encode_fragment(&text).len() < text.len() / 10);
    }

    #[test]
    fn base64url_matches_rfc4648_vectors() {
        // RFC 4648 §10, without padding.
        let vectors = [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in vectors {
            assert_eq!(base64url_encode(plain.as_bytes()), encoded);
            assert_eq!(base64url_decode(encoded).unwrap(), plain.as_bytes());
        }
        // The url-safe alphabet, and the standard one accepted on input.
        assert_eq!(base64url_encode(&[0xfb, 0xff]), "-_8");
        assert_eq!(base64url_decode("+/8=").unwrap(), vec![0xfb, 0xff]);
        // Line breaks inserted by mail and chat tools are ignored.
        assert_eq!(base64url_decode("Zm9v\r\nYmFy").unwrap(), b"foobar");
    }

    #[test]
    fn tolerates_whitespace_inserted_into_a_link() {
        let f = encode_fragment(SAMPLE);
        let data = data_of(&f);
        let (a, b) = data.split_at(data.len() / 2);
        assert_eq!(decode_fragment(&format!("#z={a}\n  {b}")).unwrap(), SAMPLE);
    }

    #[test]
    fn not_a_share_link() {
        for input in [
            "",
            "#",
            "#finding-I2",
            "#q=foo",
            "https://example.org/?src=a.md",
            "https://example.org/?src=a.md#top",
            "src=a.md&view=diff",
        ] {
            assert_eq!(
                decode_fragment(input),
                Err(ShareError::NotAShareLink),
                "{input:?}"
            );
        }
        assert_eq!(decode_fragment("#z="), Err(ShareError::Empty));
        assert_eq!(decode_fragment("https://x/#z=&a=b"), Err(ShareError::Empty));
    }

    #[test]
    fn bad_base64_names_the_position() {
        let f = encode_fragment(SAMPLE);
        let data = data_of(&f);
        let bad = format!("#z={}%{}", &data[..5], &data[5..]);
        assert_eq!(
            decode_fragment(&bad),
            Err(ShareError::BadBase64 {
                position: 5,
                found: '%'
            })
        );
        let msg = decode_fragment(&bad).unwrap_err().to_string();
        assert!(msg.contains("position 6"), "{msg}");
        assert!(msg.contains("'%'"), "{msg}");
        // Non-ASCII characters are reported as characters, not bytes.
        assert_eq!(
            decode_fragment("z=ab€cd"),
            Err(ShareError::BadBase64 {
                position: 2,
                found: '€'
            })
        );
        // Data after padding.
        assert!(matches!(
            decode_fragment("z=Zg==Zg"),
            Err(ShareError::BadBase64 { found: '=', .. })
        ));
    }

    #[test]
    fn every_cut_of_a_link_is_an_error_never_a_wrong_report() {
        let text = SAMPLE.repeat(3);
        let f = encode_fragment(&text);
        let data = data_of(&f);
        for cut in 1..data.len() {
            let err = decode_fragment(&format!("#z={}", &data[..cut]))
                .expect_err("a cut link must not decode");
            assert!(
                matches!(err, ShareError::Truncated | ShareError::Corrupt),
                "cut at {cut}: {err:?}"
            );
        }
        // A typical cut (half the link) is reported as truncated.
        assert_eq!(
            decode_fragment(&format!("#z={}", &data[..data.len() / 2])),
            Err(ShareError::Truncated)
        );
        let msg = ShareError::Truncated.to_string();
        assert!(msg.contains("cut"), "{msg}");
    }

    #[test]
    fn a_changed_character_is_corrupt() {
        let text = "the quick brown fox jumps over the lazy dog\n".repeat(20);
        let f = encode_fragment(&text);
        let data = data_of(&f);
        let mut failures = 0;
        // The last character also carries unused padding bits; every other one is pure data.
        let checked = data.len() - 1;
        for i in 0..checked {
            let mut chars: Vec<char> = data.chars().collect();
            chars[i] = if chars[i] == 'A' { 'B' } else { 'A' };
            let changed: String = chars.into_iter().collect();
            match decode_fragment(&changed) {
                Ok(decoded) => assert_ne!(decoded, text, "change at {i} went unnoticed"),
                Err(e) => {
                    assert!(
                        matches!(
                            e,
                            ShareError::Corrupt
                                | ShareError::Truncated
                                | ShareError::NotUtf8 { .. }
                        ),
                        "{e:?}"
                    );
                    failures += 1;
                }
            }
        }
        // With the zlib checksum, (practically) every change is detected.
        assert_eq!(failures, checked);
        // Garbage that is valid base64 but not compressed data.
        assert_eq!(
            decode_fragment("#z=SGVsbG8gd29ybGQ"),
            Err(ShareError::Corrupt)
        );
    }

    /// Inflate `fragment` in steps of `step` bytes, as the page does between frames.
    fn in_steps(fragment: &str, limit: usize, step: usize) -> Result<String, ShareError> {
        let mut inf = LinkInflater::new(fragment, limit)?;
        let mut steps = 0;
        while !inf.step(step)? {
            steps += 1;
            assert!(inf.inflated() <= limit + 1);
            assert!(steps < 1_000_000, "no progress");
        }
        inf.finish()
    }

    #[test]
    fn inflating_in_steps_gives_what_decode_gives() {
        let report = "# Deep Review: x\n\nsome text é ✓\n".repeat(5_000);
        let link = encode_fragment(&report);
        for step in [1, 7, 4096, 1 << 20] {
            assert_eq!(in_steps(&link, MAX_DECOMPRESSED, step).unwrap(), report);
        }
        // Every cut of the data is an error, as with decode_fragment.
        for cut in (3..link.len()).step_by(97) {
            let got = in_steps(&link[..cut], MAX_DECOMPRESSED, 4096);
            assert!(got.is_err(), "cut at {cut} decoded");
            assert_eq!(got.is_err(), decode_fragment(&link[..cut]).is_err());
        }
        // A bomb stops at the limit, not after inflating it all.
        let zeros = encode_fragment(&"0".repeat(3 << 20));
        assert_eq!(
            in_steps(&zeros, 1 << 20, 64 << 10),
            Err(ShareError::TooLarge { limit: 1 << 20 })
        );
        assert_eq!(in_steps(&zeros, 3 << 20, 64 << 10).unwrap().len(), 3 << 20);
        assert_eq!(in_steps("z=", 10, 10).err(), decode_fragment("z=").err());
    }

    #[test]
    fn kept_pieces_are_limited_in_total() {
        let piece = encode_fragment(&"a".repeat(600));
        let data = [piece.as_str(); 40].join(".");
        assert_eq!(decode_pieces(&data, 24_000).unwrap().len(), 24_000);
        assert_eq!(
            decode_pieces(&data, 23_999),
            Err(ShareError::TooLarge { limit: 23_999 })
        );
        assert_eq!(decode_pieces("", 10).unwrap(), "");
        assert!(decode_pieces("not*base64", 10).is_err());
    }

    #[test]
    fn bomb_guard_refuses_oversized_reports() {
        // 51 MB of zeros compress to a few dozen KB.
        let zeros = vec![b'0'; MAX_DECOMPRESSED + 1024 * 1024];
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&zeros, 1);
        let fragment = format!("z={}", base64url_encode(&bomb));
        assert!(fragment.len() < 1024 * 1024);
        assert_eq!(
            decode_fragment(&fragment),
            Err(ShareError::TooLarge {
                limit: MAX_DECOMPRESSED
            })
        );
        assert!(decode_fragment(&fragment)
            .unwrap_err()
            .to_string()
            .contains("50 MB"));
        // Exactly at a limit is fine; one byte over is not.
        let small = encode_fragment("0123456789");
        assert_eq!(decode_with_limit(&small, 10).as_deref(), Ok("0123456789"));
        assert_eq!(
            decode_with_limit(&small, 9),
            Err(ShareError::TooLarge { limit: 9 })
        );
    }

    #[test]
    fn not_utf8_is_reported_with_its_offset() {
        let bytes = [b'o', b'k', 0xff, b'!'];
        let compressed = miniz_oxide::deflate::compress_to_vec_zlib(&bytes, LEVEL);
        let fragment = format!("#z={}", base64url_encode(&compressed));
        assert_eq!(
            decode_fragment(&fragment),
            Err(ShareError::NotUtf8 { position: 2 })
        );
    }

    #[test]
    fn size_warning_above_32_kb() {
        assert_eq!(link_size_warning(0), None);
        assert_eq!(link_size_warning(32 * 1024), None);
        let w = link_size_warning(32 * 1024 + 1).expect("warning");
        assert!(w.contains("33 KB") && w.contains("32 KB"), "{w}");
        assert!(link_size_warning(200_000).unwrap().contains("196 KB"));
    }
}
