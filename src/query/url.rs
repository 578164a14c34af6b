//! The query string's spelling: percent-encoding, `not:` items, id pairs (`link=I2:S3`) and the
//! builder that writes parameters in canonical order.

use super::*;

/// Query string builder.
#[derive(Default)]
pub(super) struct Query(pub(super) String);

impl Query {
    /// `key=value` with `value` percent-encoded; nothing for an empty value.
    pub(super) fn push(&mut self, key: &str, value: &str) {
        if !value.is_empty() {
            self.push_raw(key, &encode(value));
        }
    }

    pub(super) fn push_raw_nonempty(&mut self, key: &str, encoded: &str) {
        if !encoded.is_empty() {
            self.push_raw(key, encoded);
        }
    }

    pub(super) fn push_raw(&mut self, key: &str, encoded: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        self.0.push_str(encoded);
    }
}

/// Percent-encodes `s` for a query value: unreserved characters and `/ : @ ! $ ' ( ) *` stay
/// (so `src=https://host/a.md` stays readable), a space becomes `+`, everything else —
/// including `+ & = # % , ; ?` and every non-ASCII byte — becomes `%XX` (UTF-8).
pub(super) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' => out.push(char::from(b)),
            b'-' | b'.' | b'_' | b'~' | b'/' | b':' | b'@' | b'!' | b'$' | b'\'' | b'(' | b')'
            | b'*' => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// `I2:S3,I4:S1`: each id percent-encoded with `:` escaped too, so any id survives.
pub(super) fn write_id_pairs(pairs: &[(String, String)]) -> String {
    let id = |s: &str| encode(s).replace(':', "%3A");
    pairs
        .iter()
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .map(|(a, b)| format!("{}:{}", id(a), id(b)))
        .collect::<Vec<_>>()
        .join(",")
}

/// Reads `I2:S3,I4:S1` (raw, still encoded); an item without both ids is skipped with a notice.
pub(super) fn read_id_pairs(
    raw: &str,
    notices: &mut Vec<String>,
    key: &str,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for item in raw.split(',').filter(|i| !i.is_empty()) {
        let pair = item.split_once(':').map(|(a, b)| {
            (
                decode(a, key, notices).trim().to_string(),
                decode(b, key, notices).trim().to_string(),
            )
        });
        match pair {
            Some((a, b)) if !a.is_empty() && !b.is_empty() => out.push((a, b)),
            _ => {
                let item = decode(item, key, notices);
                notices.push(format!(
                    "“{key}={item}” in the link was ignored: write EARLIER:LATER finding ids, \
                     as in {key}=I2:S3."
                ));
            }
        }
    }
    out
}

/// One item of a list parameter; a leading `-` that is part of the value is escaped so it is
/// not read as NOT.
pub(super) fn encode_item(value: &str, not: bool) -> String {
    let e = encode(value);
    let e = match e.strip_prefix('-') {
        Some(rest) => format!("%2D{rest}"),
        None => e,
    };
    if not {
        format!("-{e}")
    } else {
        e
    }
}

/// Decodes `+` and `%XX` (as UTF-8); a `%` not followed by two hex digits is kept as it is.
/// Invalid UTF-8 becomes U+FFFD with a notice.
pub(super) fn decode(raw: &str, key: &str, notices: &mut Vec<String>) -> String {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(b),
        }
        i += 1;
    }
    match String::from_utf8(out) {
        Ok(s) => s,
        Err(e) => {
            notices.push(format!(
                "The link's “{key}” parameter is not valid UTF-8; unreadable characters were \
                 replaced."
            ));
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

pub(super) fn param_noun(key: &str) -> &'static str {
    match key {
        "sev" => "severity",
        "status" => "status",
        "agent" => "agent",
        "kind" => "kind",
        "mark" => "mark",
        _ => "value",
    }
}
