//! How similar two findings of different rounds are: words of titles and bodies weighted by
//! rarity, near-equal words, location paths.

use crate::model::Finding;
use crate::parse::cmark::Fence;
use serde::{Deserialize, Serialize};
mod words;
use words::*;

// ---------------------------------------------------------------------------------------------

/// Pairs scoring below this are never matched by similarity. Calibrated on the lima corpus
/// threads (tests/rounds_corpus.rs).
pub const THRESHOLD: f32 = 0.28;

/// Relative weights of the signals (the score is their weighted mean); `paths` only counts
/// when both findings name locations. Calibrated with the threshold on the judged corpus pairs
/// and the bundled ground truth.
pub const WEIGHTS: Weights = Weights {
    title: 0.4,
    body: 0.3,
    cross: 0.5,
    paths: 0.1,
    symbols: 0.5,
    code: 0.4,
};

/// The weights of the similarity signals (see [`MatchExplanation`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub title: f32,
    pub body: f32,
    pub cross: f32,
    pub paths: f32,
    pub symbols: f32,
    pub code: f32,
}

/// Bodies are compared on their first characters only (quoted code and fixes come later and
/// the cost stays bounded).
const BODY_PREFIX_CHARS: usize = 1500;

/// One location path: ids of the full path, of its basename, and of every suffix that starts
/// at a component boundary (`downloader/downloader.go`, `downloader.go`).
struct PathKey {
    full: u32,
    base: u32,
    suffixes: Vec<u32>,
}

/// At most this many distinct location paths of a finding are compared: a finding that names a
/// thousand places is not more alike for it, and the cost stays linear.
const MAX_PATHS: usize = 64;

struct Features {
    title: Vec<u32>,
    body: Vec<u32>,
    paths: Vec<PathKey>,
    /// Sorted ids of the full paths, of every component suffix, and of the basenames.
    full_set: Vec<u32>,
    suffix_set: Vec<u32>,
    base_set: Vec<u32>,
    /// Code symbols named in `code` spans of the title and body (`o.expectedDigest`,
    /// `MakeSparse`), lower case, each also split at `.`/`::`/`(`.
    symbols: Vec<u32>,
    /// Ids of the lines of quoted code (fenced blocks; trimmed, diff markers dropped, lines of
    /// 12+ characters), sorted: two findings quoting the same code are about the same place.
    code: Vec<u32>,
    /// Title tokens outside code: the words of the title without its `code` spans and without
    /// words written like identifiers (`StopWithWait`, `os.Rename`, `local_teardown_file`):
    /// what the title says happens, rather than where.
    plain: Vec<u32>,
}

fn features(f: &Finding, vocab: &mut Vocab, paths: &mut Vocab, syms: &mut Vocab) -> Features {
    let mut keys: Vec<PathKey> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for loc in &f.locations {
        if keys.len() >= MAX_PATHS {
            break;
        }
        let Some(p) = norm_path(&loc.path) else {
            continue;
        };
        if !seen.insert(p.clone()) {
            continue;
        }
        let comps: Vec<&str> = p.split('/').filter(|c| !c.is_empty()).collect();
        let suffixes: Vec<u32> = (1..comps.len())
            .map(|i| paths.id(&comps[i..].join("/")))
            .collect();
        keys.push(PathKey {
            full: paths.id(&p),
            base: paths.id(comps.last().copied().unwrap_or(&p)),
            suffixes,
        });
    }
    let sorted = |it: &mut dyn Iterator<Item = u32>| {
        let mut v: Vec<u32> = it.collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let full_set = sorted(&mut keys.iter().map(|k| k.full));
    let suffix_set = sorted(&mut keys.iter().flat_map(|k| k.suffixes.iter().copied()));
    let base_set = sorted(&mut keys.iter().map(|k| k.base));
    let mut symbols = Vec::new();
    for text in [
        f.title_md.as_str(),
        body_prefix(&f.body_md, BODY_PREFIX_CHARS * 2),
    ] {
        code_symbols(text, |s| {
            let id = syms.id(s);
            if !symbols.contains(&id) {
                symbols.push(id);
            }
        });
    }
    symbols.sort_unstable();
    let mut code = Vec::new();
    code_lines(&f.body_md, |l| code.push(syms.id(l)));
    code.sort_unstable();
    code.dedup();
    Features {
        title: vocab.set(&f.title, 400),
        body: vocab.set(&f.body_md, BODY_PREFIX_CHARS),
        paths: keys,
        full_set,
        suffix_set,
        base_set,
        symbols,
        code,
        plain: vocab.set(&plain_title(&f.title_md), 400),
    }
}

/// The words of a Markdown title outside its `code` spans, without words written like
/// identifiers (an upper-case letter after a lower-case one, `_`, `.`, `(`, `/`, `:`, `=`, or
/// letters and digits mixed), joined by spaces.
fn plain_title(title_md: &str) -> String {
    let mut out = String::new();
    for part in title_md.split('`').step_by(2) {
        for w in part.split_ascii_whitespace() {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            // One pass over the bytes: a lower-case letter before an upper-case one, marks,
            // digits and letters.
            let (mut lower, mut code, mut digit, mut alpha) = (false, false, false, false);
            for &b in w.as_bytes() {
                code |= (lower && b.is_ascii_uppercase())
                    || matches!(b, b'_' | b'.' | b'(' | b'/' | b'=' | b':');
                lower = b.is_ascii_lowercase();
                digit |= b.is_ascii_digit();
                alpha |= b.is_ascii_alphabetic();
            }
            if w.is_empty() || code || (digit && alpha) {
                continue;
            }
            out.push_str(w);
            out.push(' ');
        }
    }
    out
}

/// The lines of fenced code in a Markdown text, normalised (trimmed; a leading diff marker
/// dropped; inner whitespace collapsed), 12+ characters, at most 200 lines.
fn code_lines(text: &str, mut emit: impl FnMut(&str)) {
    marked_code_lines(text, |l, _| emit(l));
}

/// [`code_lines`] with each line's diff marker (`+`, `-`), if it had one.
pub(super) fn marked_code_lines(text: &str, mut emit: impl FnMut(&str, Option<char>)) {
    let mut fence = Fence::default();
    let mut count = 0;
    let mut buf = String::new();
    for line in text.lines() {
        let lead = line.trim_start_matches(' ');
        if fence.step(line.len() - lead.len(), lead.as_bytes()) {
            continue;
        }
        let t = line.trim();
        if !fence.is_open() || t.starts_with("@@") {
            continue;
        }
        let marker = t.chars().next().filter(|c| matches!(c, '+' | '-'));
        let t = t.strip_prefix(['+', '-']).unwrap_or(t).trim();
        buf.clear();
        for w in t.split_whitespace() {
            if !buf.is_empty() {
                buf.push(' ');
            }
            buf.push_str(w);
        }
        if buf.len() >= 12 {
            emit(&buf, marker);
            count += 1;
            if count >= 200 {
                return;
            }
        }
    }
}

/// The first `limit` bytes of `text` (at a character boundary).
fn body_prefix(text: &str, limit: usize) -> &str {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The code symbols of the inline `code` spans of a Markdown text (fenced blocks skipped): each
/// span that looks like code (a call, a member, CamelCase, snake_case, a path) whole, lower
/// case, and its identifier parts of 3+ characters. At most 64 per text.
fn code_symbols(text: &str, mut emit: impl FnMut(&str)) {
    let mut count = 0;
    let mut fence = Fence::default();
    for line in text.lines() {
        let t = line.trim_start_matches(' ');
        if fence.step(line.len() - t.len(), t.as_bytes()) || fence.is_open() {
            continue;
        }
        for span in line.split('`').skip(1).step_by(2) {
            let span = span.trim();
            if span.is_empty() || span.len() > 80 || span.contains(' ') && !span.contains('(') {
                continue;
            }
            let low = span.to_lowercase();
            let whole = low.trim_end_matches("()");
            let parts: Vec<&str> = whole
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|p| p.len() >= 3 && !p.bytes().all(|b| b.is_ascii_digit()))
                .collect();
            if parts.is_empty() {
                continue;
            }
            if whole.len() >= 3 {
                emit(whole);
                count += 1;
            }
            for p in parts {
                if p != whole && !is_stopword(p) {
                    emit(p);
                    count += 1;
                }
            }
            if count >= 64 {
                return;
            }
        }
    }
}

/// How similar two location lists are (each path of the shorter list scored by its best
/// counterpart, averaged): same path 1, one path a component suffix of the other (`disk.go` vs
/// `pkg/driverutil/disk.go`) 0.9, same file name elsewhere 0.5. `None` when either has none.
/// Set lookups, so the cost is linear in the number of paths.
fn path_score(a: &Features, b: &Features) -> Option<f32> {
    if a.paths.is_empty() || b.paths.is_empty() {
        return None;
    }
    let (short, long) = if a.paths.len() <= b.paths.len() {
        (a, b)
    } else {
        (b, a)
    };
    let has = |set: &[u32], x: u32| set.binary_search(&x).is_ok();
    let total: f32 = short
        .paths
        .iter()
        .map(|p| {
            // A path related to another (same, or a component suffix) has the same file name:
            // most pairs stop at this one lookup.
            if !has(&long.base_set, p.base) {
                0.0
            } else if has(&long.full_set, p.full) {
                1.0
            } else if has(&long.suffix_set, p.full)
                || p.suffixes.iter().any(|&s| has(&long.full_set, s))
            {
                0.9
            } else {
                0.5
            }
        })
        .sum();
    Some(total / short.paths.len() as f32)
}

/// Near-equal title words (`decompression` / `decompressor`, `sparse` / `sparsely`): words of
/// at least 6 letters with the same first 4 letters and a Jaro-Winkler similarity ≥ 0.9 are
/// given one id, once per comparison rather than per pair. Returns id → canonical id.
fn fuzzy_title_ids(sets: &[&Vec<u32>], vocab: &Vocab) -> Vec<u32> {
    let mut canon: Vec<u32> = (0..vocab.len() as u32).collect();
    let mut ids: Vec<u32> = sets.iter().flat_map(|s| s.iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut buckets: FastMap<&str, Vec<u32>> = FastMap::default();
    for id in ids {
        let Some(w) = vocab.word(id) else {
            continue;
        };
        if w.len() >= 6 && w.is_ascii() {
            buckets.entry(&w[..4]).or_default().push(id);
        }
    }
    // Each word is compared with at most this many earlier words of its bucket, so a text
    // full of same-prefix words cannot make this quadratic.
    const MAX_TRIES: usize = 24;
    for ids in buckets.values() {
        for (k, &a) in ids.iter().enumerate() {
            let wa = vocab.word(a).unwrap_or_default();
            let near = ids[..k]
                .iter()
                .filter(|&&b| canon[b as usize] == b)
                .filter_map(|&b| Some((b, vocab.word(b)?)))
                .filter(|(_, wb)| wb.len().abs_diff(wa.len()) <= 3)
                .take(MAX_TRIES)
                .find(|(_, wb)| strsim::jaro_winkler(wa, wb) >= 0.9);
            if let Some((b, _)) = near {
                canon[a as usize] = b;
            }
        }
    }
    canon
}

/// How a matched pair was found and how similar the two findings are.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct MatchExplanation {
    pub via: MatchVia,
    /// Title similarity (word-set Dice weighted by word rarity, near-equal words merged), 0–1.
    pub title: f32,
    /// Shared location paths, 0–1 (0 when either finding names no location: see
    /// `paths_compared`).
    pub paths: f32,
    /// Whether both findings named locations, so `paths` counted in `score`.
    pub paths_compared: bool,
    /// Body similarity (word-set Jaccard weighted by word rarity, over the first 1,500
    /// bytes), 0–1.
    pub body: f32,
    /// How much of each title the other finding's text mentions (weighted by word rarity,
    /// averaged over both directions), 0–1.
    pub cross: f32,
    /// Shared code symbols (`code` spans of titles and bodies, weighted by rarity, Dice), 0–1;
    /// 0 when either names none.
    #[serde(default)]
    pub symbols: f32,
    /// Shared lines of quoted code (fenced blocks, weighted by rarity, Dice), 0–1.
    #[serde(default)]
    pub code: f32,
    /// The weighted score compared with [`THRESHOLD`].
    pub score: f32,
}

impl MatchExplanation {
    /// A pair made on similarity alone that scores under [`THRESHOLD`]: it got in on the
    /// bonus two design observations share. A reader should check it (on the judged pairs, 2 of
    /// the 6 such pairs are wrong or unsure, against 2 of the 38 similarity pairs above it). A
    /// pair followed through the rounds between is not weak for its direct score: each step of
    /// the chain was paired on its own evidence.
    pub fn is_weak(&self) -> bool {
        self.via == MatchVia::Similarity && self.score < THRESHOLD
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchVia {
    /// The later finding names the earlier one (`round 2 I1`).
    Xref,
    /// The assignment on similarity.
    Similarity,
    /// Linked by hand (a user's override).
    Manual,
    /// Followed through the rounds in between (a diff of two rounds that are not adjacent).
    Thread,
}

/// The similarity of every earlier × later pair.
pub(super) struct Scores {
    weights: Weights,
    pub cols: usize,
    pub score: Vec<f32>,
    title: Vec<f32>,
    body: Vec<f32>,
    cross: Vec<f32>,
    paths: Vec<Option<f32>>,
    symbols: Vec<f32>,
    code: Vec<f32>,
    /// Per pair: the weight of the title words outside code both share (`Features::plain`).
    plain_shared: Vec<f32>,
    /// Per finding (earlier, then later): whether its title has words outside code.
    plain_any: Vec<bool>,
    /// Per finding (earlier, then later): how many lines of code it quotes.
    pub code_counts: Vec<usize>,
}

impl Scores {
    /// Shared quoted code and shared code symbols of pair `k` (`e * cols + l`), without the
    /// rest of [`Scores::explain`].
    pub(super) fn code_and_symbols(&self, k: usize) -> (f32, f32) {
        (self.code[k], self.symbols[k])
    }

    /// Whether the titles of earlier `e` and later `l` both have words outside code and share
    /// none of them (whatever they share is code: the subject, not what goes wrong).
    pub(super) fn titles_share_only_code(&self, e: usize, l: usize) -> bool {
        let n = self.plain_any.len() - self.cols;
        self.plain_any[e] && self.plain_any[n + l] && self.plain_shared[e * self.cols + l] == 0.0
    }

    pub(super) fn explain(&self, e: usize, l: usize, via: MatchVia) -> MatchExplanation {
        let k = e * self.cols + l;
        let (title, body, paths) = (self.title[k], self.body[k], self.paths[k]);
        let cross = self.cross[k];
        let symbols = self.symbols[k];
        let code = self.code[k];
        MatchExplanation {
            via,
            title,
            paths: paths.unwrap_or(0.0),
            paths_compared: paths.is_some(),
            body,
            cross,
            symbols,
            code,
            score: combine(&self.weights, [title, body, cross, symbols, code], paths),
        }
    }
}

/// The weighted mean of the signals `[title, body, cross, symbols, code]` and, when both
/// findings name locations, `paths`.
fn combine(w: &Weights, [title, body, cross, sym, code]: [f32; 5], paths: Option<f32>) -> f32 {
    let base = w.title * title + w.body * body + w.cross * cross + w.symbols * sym + w.code * code;
    let sum = (w.title + w.body + w.cross + w.symbols + w.code).max(f32::MIN_POSITIVE);
    match paths {
        Some(p) => (base + w.paths * p) / (sum + w.paths),
        None => base / sum,
    }
}

/// Weighted Dice of every pair of symbol sets (`a` × `b`), weights `ln((N + 1) / df)` over all
/// findings, through an inverted index of `b`.
fn symbol_scores(a: &[&Vec<u32>], b: &[&Vec<u32>], vocab_len: usize) -> Vec<f32> {
    let total = (a.len() + b.len()) as f32;
    let mut df = vec![0u32; vocab_len];
    for set in a.iter().chain(b) {
        for &t in set.iter() {
            df[t as usize] += 1;
        }
    }
    let idf: Vec<f32> = df
        .iter()
        .map(|&d| ((total + 1.0) / d.max(1) as f32).ln())
        .collect();
    let mut post: Vec<Vec<u32>> = vec![Vec::new(); vocab_len];
    for (j, set) in b.iter().enumerate() {
        for &t in set.iter() {
            post[t as usize].push(j as u32);
        }
    }
    let weight = |set: &Vec<u32>| set.iter().map(|&t| idf[t as usize]).sum::<f32>();
    let wa: Vec<f32> = a.iter().map(|s| weight(s)).collect();
    let wb: Vec<f32> = b.iter().map(|s| weight(s)).collect();
    let mut out = vec![0f32; a.len() * b.len()];
    for (i, set) in a.iter().enumerate() {
        let row = &mut out[i * b.len()..(i + 1) * b.len()];
        for &t in set.iter() {
            for &j in &post[t as usize] {
                row[j as usize] += idf[t as usize];
            }
        }
        for (j, x) in row.iter_mut().enumerate() {
            let denom = wa[i] + wb[j];
            *x = if *x > 0.0 && denom > 0.0 {
                (2.0 * *x / denom).min(1.0)
            } else {
                0.0
            };
        }
    }
    out
}

/// Score every pair. Words are weighted by their rarity among the findings of both rounds
/// (IDF, `ln((N + 1) / df)`): an identifier named by two findings says much more than `error`.
/// Titles compare by weighted Dice, bodies by weighted Jaccard, both through inverted indexes so
/// the cost follows shared words rather than n × m × words. In large comparisons (≥ 64
/// findings) body words found in more than half of the findings are skipped: they weigh little
/// and would dominate the cost.
pub(super) fn score_all(earlier: &[Finding], later: &[Finding]) -> Scores {
    score_all_with(earlier, later, &WEIGHTS)
}

/// [`score_all`] with other weights (calibration).
pub(super) fn score_all_with(earlier: &[Finding], later: &[Finding], weights: &Weights) -> Scores {
    Prepared::new(earlier).score_with(later, weights)
}

/// The earlier round's side of a comparison, read once: its words, paths, code symbols and
/// quoted code. The evidence of a diff compares many short texts (a clause of the executive
/// summary, an item of a "verified fixed" list) with the same earlier findings; each
/// comparison copies these flat tables instead of reading every earlier finding again, and
/// scores exactly as [`score_all`] does.
pub(super) struct Prepared {
    vocab: Vocab,
    paths: Vocab,
    syms: Vocab,
    feats: Vec<Features>,
}

impl Prepared {
    pub(super) fn new(earlier: &[Finding]) -> Prepared {
        let mut vocab = Vocab::default();
        let mut paths = Vocab::default();
        let mut syms = Vocab::default();
        let feats = earlier
            .iter()
            .map(|f| features(f, &mut vocab, &mut paths, &mut syms))
            .collect();
        Prepared {
            vocab,
            paths,
            syms,
            feats,
        }
    }

    /// [`score_all`] of the prepared earlier findings and `later`.
    pub(super) fn score(&self, later: &[Finding]) -> Scores {
        self.score_with(later, &WEIGHTS)
    }

    /// [`score_all_with`] of the prepared earlier findings and `later`.
    pub(super) fn score_with(&self, later: &[Finding], weights: &Weights) -> Scores {
        let (mut vocab, mut paths, mut syms) =
            (self.vocab.clone(), self.paths.clone(), self.syms.clone());
        let later_feats: Vec<Features> = later
            .iter()
            .map(|f| features(f, &mut vocab, &mut paths, &mut syms))
            .collect();
        let feats: Vec<&Features> = self.feats.iter().chain(&later_feats).collect();
        score_features(&feats, self.feats.len(), &vocab, &syms, weights)
    }
}

/// Score every pair of `feats[..n]` (earlier) × `feats[n..]` (later).
fn score_features(
    feats: &[&Features],
    n: usize,
    vocab: &Vocab,
    syms: &Vocab,
    weights: &Weights,
) -> Scores {
    let m = feats.len() - n;
    let v = vocab.len();

    // Titles with near-equal words merged.
    let titles: Vec<&Vec<u32>> = feats.iter().map(|f| &f.title).collect();
    let canon = fuzzy_title_ids(&titles, vocab);
    let title_sets: Vec<Vec<u32>> = titles
        .iter()
        .map(|t| {
            let mut c: Vec<u32> = t.iter().map(|&w| canon[w as usize]).collect();
            c.sort_unstable(); // titles are short
            c.dedup();
            c
        })
        .collect();

    // Document frequency over title ∪ body of every finding, and the weights.
    let mut df_buf = vec![0u32; v];
    let mut stamp_buf = vec![usize::MAX; v];
    let (df, stamp) = (&mut df_buf[..], &mut stamp_buf[..]);
    for (k, (t, f)) in title_sets.iter().zip(feats).enumerate() {
        for &w in t.iter().chain(&f.body) {
            if stamp[w as usize] != k {
                stamp[w as usize] = k;
                df[w as usize] += 1;
            }
        }
    }
    let total = (n + m) as f32;
    let idf_buf: Vec<f32> = df
        .iter()
        .map(|&d| ((total + 1.0) / d.max(1) as f32).ln())
        .collect();
    let idf = &idf_buf[..];
    let common = if n + m >= 64 {
        (n + m) as u32 / 2
    } else {
        u32::MAX
    };
    let body_sets: Vec<Vec<u32>> = feats
        .iter()
        .map(|f| {
            f.body
                .iter()
                .copied()
                .filter(|&w| df[w as usize] <= common)
                .collect()
        })
        .collect();
    let weight = |set: &Vec<u32>| set.iter().map(|&w| idf[w as usize]).sum::<f32>();
    let title_w: Vec<f32> = title_sets.iter().map(weight).collect();
    let body_w: Vec<f32> = body_sets.iter().map(weight).collect();

    // Σ idf over a_i ∩ b_j for every pair, through an inverted index of `b` (flat arrays).
    let shared = |a: &[Vec<u32>], b: &[Vec<u32>]| -> Vec<f32> {
        let mut start = vec![0u32; v + 1];
        for set in b {
            for &t in set {
                start[t as usize + 1] += 1;
            }
        }
        for t in 0..v {
            start[t + 1] += start[t];
        }
        let start = &start[..];
        let mut fill_buf = start[..v].to_vec();
        let mut post_buf = vec![0u32; start[v] as usize];
        let (fill, post) = (&mut fill_buf[..], &mut post_buf[..]);
        for (j, set) in b.iter().enumerate() {
            for &t in set {
                post[fill[t as usize] as usize] = j as u32;
                fill[t as usize] += 1;
            }
        }
        let post = &post[..];
        let mut inter = vec![0f32; a.len() * b.len()];
        for (i, set) in a.iter().enumerate() {
            let row = &mut inter[i * b.len()..(i + 1) * b.len()];
            for &t in set {
                let w = idf[t as usize];
                let (lo, hi) = (start[t as usize] as usize, start[t as usize + 1] as usize);
                for &j in &post[lo..hi] {
                    row[j as usize] += w;
                }
            }
        }
        inter
    };
    // The sums of shared weights become the scores in place (each is read once, at its own
    // index): three fewer n × m tables to allocate.
    let mut title = shared(&title_sets[..n], &title_sets[n..]);
    let mut body = shared(&body_sets[..n], &body_sets[n..]);
    // Each finding's whole text (title ∪ body, near-equal words merged) for the cross signal:
    // how much of one title the other finding mentions anywhere.
    let text_sets: Vec<Vec<u32>> = title_sets
        .iter()
        .zip(feats)
        .enumerate()
        .map(|(k, (t, f))| {
            let mut x = Vec::with_capacity(t.len() + f.body.len());
            for &w in t.iter().chain(&f.body) {
                let c = canon[w as usize];
                if stamp[c as usize] != usize::MAX - 1 - k {
                    stamp[c as usize] = usize::MAX - 1 - k;
                    x.push(c);
                }
            }
            x
        })
        .collect();
    let mut cross = shared(&title_sets[..n], &text_sets[n..]); // earlier title in later text
    let x_le = shared(&title_sets[n..], &text_sets[..n]); // later title in earlier text

    let mut pth = vec![None; n * m];
    // Slices, not Vecs, in the hot loop: size-optimised builds do not inline Vec indexing.
    let x_le = &x_le[..];
    let (title_w, body_w) = (&title_w[..], &body_w[..]);
    let (title_s, body_s, pth_s) = (&mut title[..], &mut body[..], &mut pth[..]);
    let cross_s = &mut cross[..];
    for i in 0..n {
        for j in 0..m {
            let k = i * m + j;
            let ti = title_s[k];
            title_s[k] = if ti > 0.0 {
                (2.0 * ti / (title_w[i] + title_w[n + j])).min(1.0)
            } else {
                0.0
            };
            let bi = body_s[k];
            let union = body_w[i] + body_w[n + j] - bi;
            body_s[k] = if bi > 0.0 && union > 0.0 {
                (bi / union).min(1.0)
            } else {
                0.0
            };
            let part = |x: f32, w: f32| if w > 0.0 { (x / w).min(1.0) } else { 0.0 };
            cross_s[k] =
                0.5 * (part(cross_s[k], title_w[i]) + part(x_le[j * n + i], title_w[n + j]));
            pth_s[k] = path_score(feats[i], feats[n + j]);
        }
    }
    let sym_sets: Vec<&Vec<u32>> = feats.iter().map(|f| &f.symbols).collect();
    let symbols = symbol_scores(&sym_sets[..n], &sym_sets[n..], syms.len());
    let code_sets: Vec<&Vec<u32>> = feats.iter().map(|f| &f.code).collect();
    let code = symbol_scores(&code_sets[..n], &code_sets[n..], syms.len());
    // Shared title words outside code: only whether there are any is read.
    let plain_sets: Vec<Vec<u32>> = feats
        .iter()
        .map(|f| {
            let mut c: Vec<u32> = f.plain.iter().map(|&w| canon[w as usize]).collect();
            c.sort_unstable();
            c.dedup();
            c
        })
        .collect();
    let plain_shared = shared(&plain_sets[..n], &plain_sets[n..]);
    let plain_any = plain_sets.iter().map(|p| !p.is_empty()).collect();
    let score = (0..n * m)
        .map(|k| {
            let sig = [title[k], body[k], cross[k], symbols[k], code[k]];
            combine(weights, sig, pth[k])
        })
        .collect();
    Scores {
        code_counts: feats.iter().map(|f| f.code.len()).collect(),
        plain_shared,
        plain_any,
        weights: *weights,
        cols: m,
        score,
        title,
        body,
        cross,
        paths: pth,
        symbols,
        code,
    }
}

// ---------------------------------------------------------------------------------------------
// Assignment (Hungarian algorithm)
// ---------------------------------------------------------------------------------------------

/// The signals of every earlier × later pair, row-major: `[title, body, cross, paths (-1 when
/// not compared), symbols]`. For calibrating the weights on judged pairs (`scripts/judge`).
#[doc(hidden)]
pub fn pair_signals(earlier: &[Finding], later: &[Finding]) -> Vec<[f32; 5]> {
    let s = score_all(earlier, later);
    (0..earlier.len() * later.len())
        .map(|k| {
            [
                s.title[k],
                s.body[k],
                s.cross[k],
                s.paths[k].unwrap_or(-1.0),
                s.symbols[k],
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests;
