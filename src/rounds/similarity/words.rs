//! Words for similarity: tokens (stop words dropped, lightly stemmed), location paths, and the
//! flat hash tables that give each token an id once per comparison.

use std::collections::HashMap;

/// Common English words that say nothing about which finding a text is (sorted).
pub(super) const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "before", "but", "by", "can", "could", "does", "each", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "line", "lines", "may", "more", "must", "no", "not", "now",
    "of", "on", "one", "only", "or", "other", "same", "should", "so", "still", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "this", "to", "too", "under", "up",
    "via", "was", "were", "when", "where", "which", "while", "will", "with", "without", "would",
    "yet",
];

pub(super) fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// The words of `text` (runs of letters and digits; `caller's` gives `caller` and `s`) from
/// about its first `limit` bytes: each as written (a slice of `text`) with a 64-bit hash of its
/// lower-case form, so callers lower-case only words they have not seen. ASCII is handled byte
/// by byte; other characters are decoded where they occur.
pub(super) fn raw_words(text: &str, limit: usize, mut emit: impl FnMut(&str, u64)) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0100_0000_01b3;
    let bytes = text.as_bytes();
    let end = limit.min(bytes.len());
    // The character at `i`, not ASCII, if it is a letter or digit: its byte length, hashed
    // into `h`.
    let other_char = |i: usize, h: &mut u64| -> Option<usize> {
        let c = text.get(i..)?.chars().next()?;
        if !c.is_alphanumeric() {
            return None;
        }
        for l in c.to_lowercase() {
            *h = (*h ^ l as u64).wrapping_mul(FNV_PRIME);
        }
        Some(c.len_utf8())
    };
    let mut i = 0;
    while i < end {
        let start = i;
        let mut h = FNV_OFFSET;
        while i < end {
            match ASCII_WORD[bytes[i] as usize] {
                0 => break,
                NOT_ASCII => match other_char(i, &mut h) {
                    Some(len) => i += len,
                    None => break,
                },
                low => {
                    h = (h ^ low as u64).wrapping_mul(FNV_PRIME);
                    i += 1;
                }
            }
        }
        if i > start {
            if let Some(w) = text.get(start..i) {
                emit(w, h);
            }
            continue;
        }
        // Not a word character: skip it whole.
        i += match bytes[i] {
            b if b >= 0x80 => text
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8),
            _ => 1,
        };
    }
}

/// [`ASCII_WORD`]'s mark for a byte that is not ASCII.
const NOT_ASCII: u8 = 0x80;

/// Per byte: an ASCII letter or digit as lower case, 0 for any other ASCII byte, [`NOT_ASCII`]
/// for the bytes of other characters (decoded where they occur).
static ASCII_WORD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            NOT_ASCII
        } else if c.is_ascii_alphanumeric() {
            c.to_ascii_lowercase()
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The token a lower-case word counts as: stop words, one-letter words and pure numbers (line
/// numbers move between rounds) count as nothing; the rest lightly stemmed.
pub(super) fn token_of(w: &str) -> Option<&str> {
    let keep = w.len() >= 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !is_stopword(w);
    keep.then(|| concept(stem(w)))
}

/// Words that reviewers use for one another (stems, sorted): each counts as the first word of
/// its group, so "no automated coverage" and "no regression test" share a word.
pub(super) const CONCEPTS: &[(&str, &str)] = &[("coverag", "test"), ("untest", "test")];

/// The concept a stem counts as (itself unless [`CONCEPTS`] names it).
fn concept(stem: &str) -> &str {
    match CONCEPTS.binary_search_by(|(w, _)| (*w).cmp(stem)) {
        Ok(i) => CONCEPTS[i].1,
        Err(_) => stem,
    }
}

/// A light suffix stripper: `images`/`image` → `imag`, `resizing`/`resized` → `resiz`,
/// `race`/`racing`/`races` → `rac`.
pub(super) fn stem(w: &str) -> &str {
    if w.len() <= 3 || !w.is_ascii() {
        return w;
    }
    for suf in ["ing", "ed", "es", "s", "e"] {
        if let Some(base) = w.strip_suffix(suf) {
            if base.len() >= 3 && !(suf == "s" && base.ends_with('s')) {
                return base;
            }
        }
    }
    w
}

/// A location path reduced for comparison: lower case, no `./`, no trailing `/`; `None` for
/// things that are not paths (`multiple files`).
pub(super) fn norm_path(p: &str) -> Option<String> {
    let p = p.trim().trim_matches('`').trim();
    if p.contains(' ') || !(p.contains('/') || p.contains('.')) {
        return None;
    }
    let p = p.strip_prefix("./").unwrap_or(p).trim_end_matches('/');
    if p.is_empty() {
        return None;
    }
    Some(p.to_ascii_lowercase())
}

/// A small multiplicative hasher for short words (std's SipHash is needlessly slow here and
/// nothing is attacker-sensitive: the worst case is a slower diff).
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn finish(&self) -> u64 {
        // A final mix so that the low bits (the bucket index) depend on every input byte.
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 =
                (self.0.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x517c_c1b7_2722_0a95);
        }
    }
}

pub(super) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Open addressing (linear probing) from a word's 64-bit hash to a value: the one lookup made
/// per word of every body, so it is kept simpler than a general map.
#[derive(Default, Clone)]
pub(super) struct HashSlots {
    pub(super) keys: Vec<u64>,
    pub(super) vals: Vec<u32>,
    pub(super) len: usize,
}

impl HashSlots {
    /// The slot holding `key`, or the empty slot where it would go. Needs a non-empty table.
    pub(super) fn slot(keys: &[u64], key: u64) -> usize {
        let mask = keys.len() - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while keys[i] != key && keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    pub(super) fn get(&self, key: u64) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let i = Self::slot(&self.keys, key.max(1));
        (self.keys[i] != 0).then(|| self.vals[i])
    }

    pub(super) fn insert(&mut self, key: u64, val: u32) {
        let key = key.max(1); // 0 marks an empty slot
        if (self.len + 1) * 2 > self.keys.len() {
            let cap = (self.keys.len() * 2).max(1024);
            let (old_k, old_v) = (
                std::mem::take(&mut self.keys),
                std::mem::take(&mut self.vals),
            );
            self.keys = vec![0; cap];
            self.vals = vec![0; cap];
            for (k, v) in old_k.into_iter().zip(old_v).filter(|(k, _)| *k != 0) {
                let i = Self::slot(&self.keys, k);
                self.keys[i] = k;
                self.vals[i] = v;
            }
        }
        let i = Self::slot(&self.keys, key);
        if self.keys[i] == 0 {
            self.len += 1;
        }
        self.keys[i] = key;
        self.vals[i] = val;
    }
}

/// Token ids shared by both rounds of one comparison. Flat arrays only, so that a prepared
/// earlier round ([`super::Prepared`]) is copied cheaply for each later text compared with it.
#[derive(Default, Clone)]
pub(super) struct Vocab {
    /// Hash of a token → its id.
    pub(super) ids: HashSlots,
    /// The tokens, end to end; `ends[id]` is where token `id` ends in `text`.
    pub(super) text: String,
    pub(super) ends: Vec<u32>,
    /// Hash of a raw word → its token id ([`NO_TOKEN`] for none), so each distinct word is
    /// filtered and stemmed once. (A 64-bit collision would only blur one comparison.)
    pub(super) raw: HashSlots,
    /// Per token: the stamp of the last set it was put in (dedup without sorting).
    pub(super) seen: Vec<u32>,
    pub(super) stamp: u32,
}

pub(super) const NO_TOKEN: u32 = u32::MAX;

impl Vocab {
    pub(super) fn id(&mut self, w: &str) -> u32 {
        let hash = w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        });
        if let Some(id) = self.ids.get(hash) {
            return id;
        }
        let id = self.ends.len() as u32;
        self.ids.insert(hash, id);
        self.text.push_str(w);
        self.ends.push(self.text.len() as u32);
        self.seen.push(0);
        id
    }

    /// How many tokens there are.
    pub(super) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The token with id `id`.
    pub(super) fn word(&self, id: u32) -> Option<&str> {
        let end = *self.ends.get(id as usize)? as usize;
        let start = match id {
            0 => 0,
            _ => self.ends[id as usize - 1] as usize,
        };
        self.text.get(start..end)
    }

    pub(super) fn token(&mut self, raw: &str, hash: u64) -> Option<u32> {
        let t = match self.raw.get(hash) {
            Some(t) => t,
            None => {
                let t = token_of(&raw.to_lowercase()).map_or(NO_TOKEN, |w| self.id(w));
                self.raw.insert(hash, t);
                t
            }
        };
        (t != NO_TOKEN).then_some(t)
    }

    /// The distinct tokens of `text` (first `limit` bytes), in order of first appearance.
    pub(super) fn set(&mut self, text: &str, limit: usize) -> Vec<u32> {
        self.stamp += 1;
        let mut v = Vec::with_capacity(limit.min(text.len()) / 6);
        raw_words(text, limit, |w, h| {
            if let Some(t) = self.token(w, h) {
                if let Some(s) = self.seen.get_mut(t as usize).filter(|s| **s != self.stamp) {
                    *s = self.stamp;
                    v.push(t);
                }
            }
        });
        v
    }
}
