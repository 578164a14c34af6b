//! Any bytes through the parsers: must return `Ok` or `Err`, never panic, hang or blow memory.
#![no_main]

use deep_review::parse::{markdown::parse_markdown, parse_bytes, rendered::parse_rendered};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The real entry point: decoding (BOM, UTF-16, CRLF), kind detection, then one parser.
    let _ = parse_bytes(data);
    // Both text parsers directly, so invalid UTF-8 and inputs detected as another kind still
    // reach their code.
    let text = String::from_utf8_lossy(data);
    let _ = parse_markdown(&text);
    let _ = parse_rendered(&text);
});
