//! Review rounds (DESIGN.md §3): grouping reports into threads (one PR or branch), matching
//! findings between two rounds, and following each finding across every round of a thread.
//!
//! - [`thread_key`] / [`group_threads`] work on anything that exposes a report's header
//!   ([`RoundSource`]: a parsed [`Review`] or an [`IndexEntry`]), so the app can group its index
//!   without loading every report.
//! - [`diff_reviews`] matches the findings of an earlier and a later round: explicit
//!   cross-references first (`round 2 I1` in the later finding), then an optimal one-to-one
//!   assignment ([`assign`], the Hungarian algorithm) on a similarity score of titles, location
//!   paths and bodies, above [`THRESHOLD`]. Every pair carries a [`MatchExplanation`].
//! - [`thread_report`] diffs consecutive rounds and builds each finding's [`Lifecycle`] and
//!   per-agent figures ([`AgentFigures`]).

use crate::model::{
    family_of, Finding, FindingRef, IndexEntry, PullRequest, Repo, Review, Round, Severity, Status,
};
use crate::parse::xref;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

// ---------------------------------------------------------------------------------------------
// Threads
// ---------------------------------------------------------------------------------------------

/// What identifies a thread of rounds. `repo` is `owner/name` in lower case, empty when no
/// header names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ThreadKey {
    /// The header's PR (or a `pr-N` slug when the header has none).
    Pr { repo: String, number: u64 },
    /// The header's branch, when there is no PR.
    Branch { repo: String, branch: String },
    /// The slug without its timestamp: `windows-plain-ci`.
    Slug { name: String },
}

impl ThreadKey {
    /// A short human label: `lima-vm/lima#4637`, `lima-vm/lima@windows-plain-ci`, `shell-sync`.
    pub fn label(&self) -> String {
        match self {
            ThreadKey::Pr { repo, number } => format!("{repo}#{number}"),
            ThreadKey::Branch { repo, branch } if repo.is_empty() => branch.clone(),
            ThreadKey::Branch { repo, branch } => format!("{repo}@{branch}"),
            ThreadKey::Slug { name } => name.clone(),
        }
    }

    fn repo(&self) -> &str {
        match self {
            ThreadKey::Pr { repo, .. } | ThreadKey::Branch { repo, .. } => repo,
            ThreadKey::Slug { .. } => "",
        }
    }

    fn with_repo(&self, repo: &str) -> ThreadKey {
        match self {
            ThreadKey::Pr { number, .. } => ThreadKey::Pr {
                repo: repo.to_string(),
                number: *number,
            },
            ThreadKey::Branch { branch, .. } => ThreadKey::Branch {
                repo: repo.to_string(),
                branch: branch.clone(),
            },
            ThreadKey::Slug { .. } => self.clone(),
        }
    }
}

/// The header facts that place a report in a thread. Implemented for [`Review`] and
/// [`IndexEntry`], so both share one grouping rule.
pub trait RoundSource {
    fn slug(&self) -> &str;
    fn date(&self) -> &str;
    fn repo(&self) -> Option<&Repo>;
    fn pr(&self) -> Option<&PullRequest>;
    fn branch(&self) -> Option<&str>;
    fn round(&self) -> Option<&Round>;
}

impl RoundSource for Review {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn date(&self) -> &str {
        &self.meta.date
    }
    fn repo(&self) -> Option<&Repo> {
        self.meta.repo.as_ref()
    }
    fn pr(&self) -> Option<&PullRequest> {
        self.meta.pr.as_ref()
    }
    fn branch(&self) -> Option<&str> {
        self.meta.branch.as_deref()
    }
    fn round(&self) -> Option<&Round> {
        self.meta.round.as_ref()
    }
}

impl RoundSource for IndexEntry {
    fn slug(&self) -> &str {
        &self.slug
    }
    fn date(&self) -> &str {
        &self.date
    }
    fn repo(&self) -> Option<&Repo> {
        self.repo.as_ref()
    }
    fn pr(&self) -> Option<&PullRequest> {
        self.pr.as_ref()
    }
    fn branch(&self) -> Option<&str> {
        self.branch.as_deref()
    }
    fn round(&self) -> Option<&Round> {
        self.round.as_ref()
    }
}

impl<T: RoundSource + ?Sized> RoundSource for &T {
    fn slug(&self) -> &str {
        (**self).slug()
    }
    fn date(&self) -> &str {
        (**self).date()
    }
    fn repo(&self) -> Option<&Repo> {
        (**self).repo()
    }
    fn pr(&self) -> Option<&PullRequest> {
        (**self).pr()
    }
    fn branch(&self) -> Option<&str> {
        (**self).branch()
    }
    fn round(&self) -> Option<&Round> {
        (**self).round()
    }
}

/// The slug without its leading timestamp: `20260517-130016-windows-plain-ci` →
/// `windows-plain-ci` (also `YYYYMMDD-HHMM-` and `YYYYMMDD-` prefixes).
pub fn slug_name(slug: &str) -> &str {
    let s = slug.trim();
    match digits_then_dash(s, &[8]) {
        Some(rest) => digits_then_dash(rest, &[6, 4]).unwrap_or(rest),
        None => s,
    }
}

/// `s` after a leading run of exactly `n` digits (one of `lens`) and a dash, if non-empty.
fn digits_then_dash<'a>(s: &'a str, lens: &[usize]) -> Option<&'a str> {
    lens.iter().find_map(|&n| {
        let head = s.get(..n)?;
        let rest = s.get(n..)?.strip_prefix('-')?;
        (head.bytes().all(|b| b.is_ascii_digit()) && !rest.is_empty()).then_some(rest)
    })
}

/// The PR number a slug names: `…-pr-4637` or `pr-4637-…`.
fn slug_pr(slug: &str) -> Option<u64> {
    let name = slug_name(slug).to_ascii_lowercase();
    let rest = name.strip_prefix("pr-")?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    let tail = &rest[digits.len()..];
    if !(tail.is_empty() || tail.starts_with('-')) {
        return None;
    }
    digits.parse().ok().filter(|&n| n > 0)
}

/// `owner/name` from `https://github.com/owner/name[/pull/N…]` (any host).
fn repo_from_url(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut parts = rest.split('/').skip(1).filter(|p| !p.is_empty());
    let owner = parts.next()?;
    let name = parts.next()?.trim_end_matches(".git");
    (!name.is_empty()).then(|| format!("{owner}/{name}"))
}

/// The repository of a report, lower case: the header's Repo, else derived from its URL or the
/// PR link.
pub fn repo_of<T: RoundSource + ?Sized>(item: &T) -> Option<String> {
    let named = item.repo().and_then(|r| {
        let n = r.name.trim().trim_matches('`');
        if n.contains('/') {
            Some(n.to_string())
        } else {
            r.url.as_deref().and_then(repo_from_url)
        }
    });
    named
        .or_else(|| {
            item.pr()
                .and_then(|p| p.url.as_deref())
                .and_then(repo_from_url)
        })
        .map(|r| r.to_ascii_lowercase())
}

/// A usable branch name from the header cell: backticks and `@ sha` dropped; placeholders such
/// as `(PR branch)` ignored.
fn branch_name(raw: &str) -> Option<String> {
    let b = raw.trim().trim_matches('`').trim();
    let b = b
        .split(" @ ")
        .next()
        .unwrap_or(b)
        .trim()
        .trim_matches('`')
        .trim();
    let b = b.split_whitespace().next().unwrap_or("");
    (!b.is_empty() && !b.starts_with('(')).then(|| b.to_string())
}

/// The thread a report belongs to: repo + PR number; else repo + branch; else the slug without
/// its timestamp. A `pr-N` slug gives the PR when the header has none.
pub fn thread_key<T: RoundSource + ?Sized>(item: &T) -> ThreadKey {
    let repo = repo_of(item).unwrap_or_default();
    let pr = item
        .pr()
        .map(|p| p.number)
        .filter(|&n| n > 0)
        .or_else(|| slug_pr(item.slug()));
    if let Some(number) = pr {
        return ThreadKey::Pr { repo, number };
    }
    if let Some(branch) = item.branch().and_then(branch_name) {
        return ThreadKey::Branch { repo, branch };
    }
    ThreadKey::Slug {
        name: slug_name(item.slug()).to_string(),
    }
}

/// A sortable date: the header date, else the slug's timestamp (`2026-05-17T13:00`).
fn sort_date<T: RoundSource + ?Sized>(item: &T) -> String {
    let d = item.date().trim();
    if !d.is_empty() {
        return d.replacen(' ', "T", 1);
    }
    let s = item.slug();
    let ok = |r: std::ops::Range<usize>| s.get(r).filter(|p| p.bytes().all(|b| b.is_ascii_digit()));
    match (ok(0..8), ok(9..13)) {
        (Some(day), Some(hm)) if s.as_bytes().get(8) == Some(&b'-') => format!(
            "{}-{}-{}T{}:{}",
            &day[..4],
            &day[4..6],
            &day[6..],
            &hm[..2],
            &hm[2..]
        ),
        (Some(day), _) => format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..]),
        _ => String::new(),
    }
}

/// One thread: its key and the indices of its members in the input, in round order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadGroup {
    pub key: ThreadKey,
    pub label: String,
    pub members: Vec<usize>,
}

/// Group reports (or index entries) into threads. Members are in round order: the header's
/// round number, then date; a report without a round number takes its place by date. Threads
/// are ordered by their first round's date, then label. A key whose repo is unknown joins the
/// thread with the same PR/branch in the one repo that has it.
pub fn group_threads<T: RoundSource>(items: &[T]) -> Vec<ThreadGroup> {
    let mut keys: Vec<ThreadKey> = items.iter().map(thread_key).collect();
    // Unknown repo: adopt the single known repo with the same PR number / branch.
    for i in 0..keys.len() {
        if !keys[i].repo().is_empty() || matches!(keys[i], ThreadKey::Slug { .. }) {
            continue;
        }
        let mut repos: Vec<&str> = keys
            .iter()
            .filter(|k| !k.repo().is_empty() && k.with_repo("") == keys[i])
            .map(|k| k.repo())
            .collect();
        repos.sort_unstable();
        repos.dedup();
        if let [only] = repos.as_slice() {
            keys[i] = keys[i].with_repo(only);
        }
    }
    let mut groups: Vec<ThreadGroup> = Vec::new();
    let mut by_key: HashMap<&ThreadKey, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        match by_key.get(key) {
            Some(&g) => groups[g].members.push(i),
            None => {
                by_key.insert(key, groups.len());
                groups.push(ThreadGroup {
                    key: key.clone(),
                    label: key.label(),
                    members: vec![i],
                });
            }
        }
    }
    let dates: Vec<String> = items.iter().map(sort_date).collect();
    for g in &mut groups {
        g.members = round_order(&g.members, |i| {
            (items[i].round().map(|r| r.number), dates[i].as_str())
        });
    }
    groups.sort_by(|a, b| {
        let first = |g: &ThreadGroup| g.members.first().map_or("", |&i| dates[i].as_str());
        first(a).cmp(first(b)).then_with(|| a.label.cmp(&b.label))
    });
    groups
}

/// Order members by round number, then date; members without a number go before the first
/// numbered member dated after them.
fn round_order<'a>(
    members: &[usize],
    info: impl Fn(usize) -> (Option<u32>, &'a str),
) -> Vec<usize> {
    let mut numbered: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| info(i).0.is_some())
        .collect();
    numbered.sort_by(|&a, &b| info(a).cmp(&info(b)).then(a.cmp(&b)));
    let mut loose: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| info(i).0.is_none())
        .collect();
    loose.sort_by(|&a, &b| info(a).1.cmp(info(b).1).then(a.cmp(&b)));
    let mut out = numbered;
    for i in loose {
        let date = info(i).1;
        let at = out
            .iter()
            .position(|&j| info(j).1 > date)
            .unwrap_or(out.len());
        out.insert(at, i);
    }
    out
}

/// The round number of each member of an ordered thread: the header's number, else one more
/// than the previous member's (or one less than the next numbered member's, for a first
/// member), else its position.
fn effective_rounds(numbers: &[Option<u32>]) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::with_capacity(numbers.len());
    for (i, n) in numbers.iter().enumerate() {
        let v = match (n, out.last()) {
            (Some(n), _) => *n,
            (None, Some(prev)) => prev.saturating_add(1),
            (None, None) => numbers
                .iter()
                .flatten()
                .next()
                .map_or(i as u32 + 1, |next| next.saturating_sub(1).max(1)),
        };
        out.push(v);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Similarity
// ---------------------------------------------------------------------------------------------

/// Pairs scoring below this are never matched by similarity. Calibrated on the lima corpus
/// threads (tests/rounds_corpus.rs).
pub const THRESHOLD: f32 = 0.34;

/// Relative weights of the signals (the score is their weighted mean); `paths` only counts
/// when both findings name locations. Calibrated with the threshold on the judged corpus pairs
/// and the bundled ground truth.
const W_TITLE: f32 = 0.25;
const W_BODY: f32 = 0.65;
const W_CROSS: f32 = 0.45;
const W_PATHS: f32 = 0.1;

/// Bodies are compared on their first characters only (quoted code and fixes come later and
/// the cost stays bounded).
const BODY_PREFIX_CHARS: usize = 1500;

/// Common English words that say nothing about which finding a text is (sorted).
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "before", "but", "by", "can", "could", "does", "each", "for", "from", "has", "have", "if",
    "in", "into", "is", "it", "its", "line", "lines", "may", "more", "must", "no", "not", "now",
    "of", "on", "one", "only", "or", "other", "same", "should", "so", "still", "such", "than",
    "that", "the", "their", "them", "then", "there", "these", "this", "to", "too", "under", "up",
    "via", "was", "when", "where", "which", "while", "will", "with", "without", "would", "yet",
];

fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// The words of `text` (runs of letters and digits; `caller's` gives `caller` and `s`) from
/// about its first `limit` bytes: each as written (a slice of `text`) with a 64-bit hash of its
/// lower-case form, so callers lower-case only words they have not seen. ASCII is handled byte
/// by byte; other characters are decoded where they occur.
fn raw_words(text: &str, limit: usize, mut emit: impl FnMut(&str, u64)) {
    const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const FNV_PRIME: u64 = 0x0100_0000_01b3;
    let bytes = text.as_bytes();
    let end = limit.min(bytes.len());
    // The character at `i` if it is a letter or digit: its byte length, hashed into `h`.
    let word_char = |i: usize, h: &mut u64| -> Option<usize> {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            if !b.is_ascii_alphanumeric() {
                return None;
            }
            *h = (*h ^ b.to_ascii_lowercase() as u64).wrapping_mul(FNV_PRIME);
            return Some(1);
        }
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
            match word_char(i, &mut h) {
                Some(len) => i += len,
                None => break,
            }
        }
        if i > start {
            if let Some(w) = text.get(start..i) {
                emit(w, h);
            }
            continue;
        }
        // Not a word character: skip it whole.
        i += match bytes.get(i) {
            Some(&b) if b >= 0x80 => text
                .get(i..)
                .and_then(|s| s.chars().next())
                .map_or(1, char::len_utf8),
            _ => 1,
        };
    }
}

/// The token a lower-case word counts as: stop words, one-letter words and pure numbers (line
/// numbers move between rounds) count as nothing; the rest lightly stemmed.
fn token_of(w: &str) -> Option<&str> {
    let keep = w.len() >= 2 && !w.bytes().all(|b| b.is_ascii_digit()) && !is_stopword(w);
    keep.then(|| stem(w))
}

/// A light suffix stripper: `images`/`image` → `imag`, `resizing`/`resized` → `resiz`.
fn stem(w: &str) -> &str {
    if w.len() <= 4 || !w.is_ascii() {
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
fn norm_path(p: &str) -> Option<String> {
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
struct FxHasher(u64);

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

type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Open addressing (linear probing) from a word's 64-bit hash to a value: the one lookup made
/// per word of every body, so it is kept simpler than a general map.
#[derive(Default)]
struct HashSlots {
    keys: Vec<u64>,
    vals: Vec<u32>,
    len: usize,
}

impl HashSlots {
    /// The slot holding `key`, or the empty slot where it would go. Needs a non-empty table.
    fn slot(keys: &[u64], key: u64) -> usize {
        let mask = keys.len() - 1;
        let mut i = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & mask;
        while keys[i] != key && keys[i] != 0 {
            i = (i + 1) & mask;
        }
        i
    }

    fn get(&self, key: u64) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let i = Self::slot(&self.keys, key.max(1));
        (self.keys[i] != 0).then(|| self.vals[i])
    }

    fn insert(&mut self, key: u64, val: u32) {
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

/// Token ids shared by both rounds of one comparison.
#[derive(Default)]
struct Vocab {
    /// Hash of a token → its id.
    ids: HashSlots,
    words: Vec<String>,
    /// Hash of a raw word → its token id ([`NO_TOKEN`] for none), so each distinct word is
    /// filtered and stemmed once. (A 64-bit collision would only blur one comparison.)
    raw: HashSlots,
    /// Per token: the stamp of the last set it was put in (dedup without sorting).
    seen: Vec<u32>,
    stamp: u32,
}

const NO_TOKEN: u32 = u32::MAX;

impl Vocab {
    fn id(&mut self, w: &str) -> u32 {
        let hash = w.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
        });
        if let Some(id) = self.ids.get(hash) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(hash, id);
        self.words.push(w.to_string());
        self.seen.push(0);
        id
    }

    fn token(&mut self, raw: &str, hash: u64) -> Option<u32> {
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
    fn set(&mut self, text: &str, limit: usize) -> Vec<u32> {
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

/// One location path: ids of the full path, of its basename, and of every suffix that starts
/// at a component boundary (`downloader/downloader.go`, `downloader.go`).
struct PathKey {
    full: u32,
    base: u32,
    suffixes: Vec<u32>,
}

struct Features {
    title: Vec<u32>,
    body: Vec<u32>,
    paths: Vec<PathKey>,
}

fn features(f: &Finding, vocab: &mut Vocab, paths: &mut Vocab) -> Features {
    let mut keys: Vec<PathKey> = Vec::new();
    for loc in &f.locations {
        let Some(p) = norm_path(&loc.path) else {
            continue;
        };
        let comps: Vec<&str> = p.split('/').filter(|c| !c.is_empty()).collect();
        let suffixes: Vec<u32> = (1..comps.len())
            .map(|i| paths.id(&comps[i..].join("/")))
            .collect();
        let key = PathKey {
            full: paths.id(&p),
            base: paths.id(comps.last().copied().unwrap_or(&p)),
            suffixes,
        };
        if !keys.iter().any(|k| k.full == key.full) {
            keys.push(key);
        }
    }
    Features {
        title: vocab.set(&f.title, 400),
        body: vocab.set(&f.body_md, BODY_PREFIX_CHARS),
        paths: keys,
    }
}

/// How similar two location lists are (each path of the shorter list scored by its best
/// counterpart, averaged): same path 1, one path a component suffix of the other (`disk.go` vs
/// `pkg/driverutil/disk.go`) 0.9, same file name elsewhere 0.5. `None` when either has none.
fn path_score(a: &[PathKey], b: &[PathKey]) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let one = |p: &PathKey, q: &PathKey| -> f32 {
        if p.full == q.full {
            1.0
        } else if p.base != q.base {
            0.0 // (a component suffix has the same file name)
        } else if p.suffixes.contains(&q.full) || q.suffixes.contains(&p.full) {
            0.9
        } else {
            0.5
        }
    };
    let total: f32 = short
        .iter()
        .map(|p| long.iter().map(|q| one(p, q)).fold(0.0, f32::max))
        .sum();
    Some(total / short.len() as f32)
}

/// Near-equal title words (`decompression` / `decompressor`, `sparse` / `sparsely`): words of
/// at least 6 letters with the same first 4 letters and a Jaro-Winkler similarity ≥ 0.9 are
/// given one id, once per comparison rather than per pair. Returns id → canonical id.
fn fuzzy_title_ids(sets: &[&Vec<u32>], vocab: &Vocab) -> Vec<u32> {
    let mut canon: Vec<u32> = (0..vocab.words.len() as u32).collect();
    let mut ids: Vec<u32> = sets.iter().flat_map(|s| s.iter().copied()).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut buckets: FastMap<&str, Vec<u32>> = FastMap::default();
    for id in ids {
        let Some(w) = vocab.words.get(id as usize) else {
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
            let wa = &vocab.words[a as usize];
            let near = ids[..k]
                .iter()
                .filter(|&&b| canon[b as usize] == b)
                .filter(|&&b| vocab.words[b as usize].len().abs_diff(wa.len()) <= 3)
                .take(MAX_TRIES)
                .find(|&&b| strsim::jaro_winkler(wa, &vocab.words[b as usize]) >= 0.9);
            if let Some(&b) = near {
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
    /// The weighted score compared with [`THRESHOLD`].
    pub score: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchVia {
    /// The later finding names the earlier one (`round 2 I1`).
    Xref,
    /// The assignment on similarity.
    Similarity,
}

/// The similarity of every earlier × later pair.
struct Scores {
    cols: usize,
    score: Vec<f32>,
    title: Vec<f32>,
    body: Vec<f32>,
    cross: Vec<f32>,
    paths: Vec<Option<f32>>,
}

impl Scores {
    fn explain(&self, e: usize, l: usize, via: MatchVia) -> MatchExplanation {
        let k = e * self.cols + l;
        let (title, body, paths) = (self.title[k], self.body[k], self.paths[k]);
        let cross = self.cross[k];
        MatchExplanation {
            via,
            title,
            paths: paths.unwrap_or(0.0),
            paths_compared: paths.is_some(),
            body,
            cross,
            score: combine(title, body, cross, paths),
        }
    }
}

fn combine(title: f32, body: f32, cross: f32, paths: Option<f32>) -> f32 {
    let base = W_TITLE * title + W_BODY * body + W_CROSS * cross;
    match paths {
        Some(p) => (base + W_PATHS * p) / (W_TITLE + W_BODY + W_CROSS + W_PATHS),
        None => base / (W_TITLE + W_BODY + W_CROSS),
    }
}

/// Score every pair. Words are weighted by their rarity among the findings of both rounds
/// (IDF, `ln((N + 1) / df)`): an identifier named by two findings says much more than `error`.
/// Titles compare by weighted Dice, bodies by weighted Jaccard, both through inverted indexes so
/// the cost follows shared words rather than n × m × words. In large comparisons (≥ 64
/// findings) body words found in more than half of the findings are skipped: they weigh little
/// and would dominate the cost.
fn score_all(earlier: &[Finding], later: &[Finding]) -> Scores {
    let mut vocab = Vocab::default();
    let mut paths = Vocab::default();
    let feats: Vec<Features> = earlier
        .iter()
        .chain(later)
        .map(|f| features(f, &mut vocab, &mut paths))
        .collect();
    let (n, m) = (earlier.len(), later.len());
    let v = vocab.words.len();

    // Titles with near-equal words merged.
    let titles: Vec<&Vec<u32>> = feats.iter().map(|f| &f.title).collect();
    let canon = fuzzy_title_ids(&titles, &vocab);
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
    for (k, (t, f)) in title_sets.iter().zip(&feats).enumerate() {
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
    let t_inter = shared(&title_sets[..n], &title_sets[n..]);
    let b_inter = shared(&body_sets[..n], &body_sets[n..]);
    // Each finding's whole text (title ∪ body, near-equal words merged) for the cross signal:
    // how much of one title the other finding mentions anywhere.
    let text_sets: Vec<Vec<u32>> = title_sets
        .iter()
        .zip(&feats)
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
    let x_el = shared(&title_sets[..n], &text_sets[n..]); // earlier title in later text
    let x_le = shared(&title_sets[n..], &text_sets[..n]); // later title in earlier text

    let mut title = vec![0f32; n * m];
    let mut body = vec![0f32; n * m];
    let mut cross = vec![0f32; n * m];
    let mut pth = vec![None; n * m];
    // Slices, not Vecs, in the hot loop: size-optimised builds do not inline Vec indexing.
    let (feats, t_inter, b_inter) = (&feats[..], &t_inter[..], &b_inter[..]);
    let (x_el, x_le) = (&x_el[..], &x_le[..]);
    let (title_w, body_w) = (&title_w[..], &body_w[..]);
    let (title_s, body_s, pth_s) = (&mut title[..], &mut body[..], &mut pth[..]);
    let cross_s = &mut cross[..];
    for i in 0..n {
        for j in 0..m {
            let k = i * m + j;
            let ti = t_inter[k];
            if ti > 0.0 {
                title_s[k] = (2.0 * ti / (title_w[i] + title_w[n + j])).min(1.0);
            }
            let bi = b_inter[k];
            let union = body_w[i] + body_w[n + j] - bi;
            if bi > 0.0 && union > 0.0 {
                body_s[k] = (bi / union).min(1.0);
            }
            let part = |x: f32, w: f32| if w > 0.0 { (x / w).min(1.0) } else { 0.0 };
            cross_s[k] = 0.5 * (part(x_el[k], title_w[i]) + part(x_le[j * n + i], title_w[n + j]));
            pth_s[k] = path_score(&feats[i].paths, &feats[n + j].paths);
        }
    }
    let score = (0..n * m)
        .map(|k| combine(title[k], body[k], cross[k], pth[k]))
        .collect();
    Scores {
        cols: m,
        score,
        title,
        body,
        cross,
        paths: pth,
    }
}

// ---------------------------------------------------------------------------------------------
// Assignment (Hungarian algorithm)
// ---------------------------------------------------------------------------------------------

/// A minimum-cost one-to-one assignment on a `rows × cols` cost matrix (row-major): for each
/// row, its column, or `None` when there are more rows than columns and the row is left out.
/// The Hungarian method in its shortest-augmenting-path form, O(min² · max).
pub fn assign(rows: usize, cols: usize, cost: &[i64]) -> Vec<Option<usize>> {
    if rows == 0 || cols == 0 || cost.len() != rows * cols {
        return vec![None; rows];
    }
    if rows > cols {
        // Solve the transpose (its rows are our columns) and invert.
        let mut t = vec![0i64; rows * cols];
        for r in 0..rows {
            for c in 0..cols {
                t[c * rows + r] = cost[r * cols + c];
            }
        }
        let by_col = assign(cols, rows, &t);
        let mut out = vec![None; rows];
        for (c, r) in by_col.into_iter().enumerate() {
            if let Some(r) = r {
                out[r] = Some(c);
            }
        }
        return out;
    }
    // Shortest augmenting paths with potentials (Jonker–Volgenant style, as in Crouse 2016),
    // one augmentation per row; ties prefer free columns, which ends most searches early.
    const INF: i64 = i64::MAX / 4;
    const NONE: usize = usize::MAX;
    let (n, m) = (rows, cols);
    // Slices, not Vecs, in the hot loop: size-optimised builds do not inline Vec indexing.
    let (mut u_buf, mut v_buf) = (vec![0i64; n], vec![0i64; m]);
    let (mut shortest_buf, mut path_buf) = (vec![INF; m], vec![NONE; m]);
    let (mut col4row_buf, mut row4col_buf) = (vec![NONE; n], vec![NONE; m]);
    let (u, v) = (&mut u_buf[..], &mut v_buf[..]);
    let (shortest, path) = (&mut shortest_buf[..], &mut path_buf[..]);
    let (col4row, row4col) = (&mut col4row_buf[..], &mut row4col_buf[..]);
    let mut remaining: Vec<usize> = Vec::with_capacity(m);
    let mut seen_rows: Vec<usize> = Vec::with_capacity(n);
    let mut seen_cols: Vec<usize> = Vec::with_capacity(m);
    for cur in 0..n {
        remaining.clear();
        remaining.extend((0..m).rev());
        shortest.iter_mut().for_each(|x| *x = INF);
        seen_rows.clear();
        seen_cols.clear();
        let mut min_val = 0i64;
        let mut i = cur;
        let sink = loop {
            seen_rows.push(i);
            let row = &cost[i * m..(i + 1) * m];
            let base = min_val - u[i];
            let mut lowest = INF;
            let mut at = NONE;
            for (k, &j) in remaining.iter().enumerate() {
                let r = base + row[j] - v[j];
                if r < shortest[j] {
                    path[j] = i;
                    shortest[j] = r;
                }
                let s = shortest[j];
                if s < lowest || (s == lowest && row4col[j] == NONE) {
                    lowest = s;
                    at = k;
                }
            }
            if at == NONE {
                // Only when every column is used, which rows ≤ cols rules out.
                return vec![None; rows];
            }
            min_val = lowest;
            let j = remaining.swap_remove(at);
            seen_cols.push(j);
            if row4col[j] == NONE {
                break j;
            }
            i = row4col[j];
        };
        u[cur] += min_val;
        for &i in &seen_rows {
            if i != cur {
                u[i] += min_val - shortest[col4row[i]];
            }
        }
        for &j in &seen_cols {
            v[j] -= min_val - shortest[j];
        }
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur {
                break;
            }
        }
    }
    col4row_buf
        .into_iter()
        .map(|c| (c != NONE).then_some(c))
        .collect()
}

/// The pairs (row, col) with `score ≥ threshold` that maximise the total score, one-to-one.
/// The graph of eligible pairs is split into connected parts, each solved by [`assign`].
fn best_pairs(
    rows: usize,
    cols: usize,
    score: impl Fn(usize, usize) -> f32,
    threshold: f32,
) -> Vec<(usize, usize)> {
    const SCALE: f32 = 1_000_000.0;
    // Union-find over rows (0..rows) and cols (rows..rows+cols).
    let mut parent: Vec<usize> = (0..rows + cols).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut eligible = vec![false; rows * cols];
    for r in 0..rows {
        for c in 0..cols {
            if score(r, c) >= threshold {
                eligible[r * cols + c] = true;
                let (a, b) = (find(&mut parent, r), find(&mut parent, rows + c));
                parent[a] = b;
            }
        }
    }
    let mut parts: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for r in 0..rows {
        if (0..cols).any(|c| eligible[r * cols + c]) {
            let root = find(&mut parent, r);
            parts.entry(root).or_default().0.push(r);
        }
    }
    for c in 0..cols {
        if (0..rows).any(|r| eligible[r * cols + c]) {
            let root = find(&mut parent, rows + c);
            parts.entry(root).or_default().1.push(c);
        }
    }
    let mut out = Vec::new();
    for (rs, cs) in parts.into_values() {
        let mut cost = Vec::with_capacity(rs.len() * cs.len());
        for &r in &rs {
            for &c in &cs {
                let s = if eligible[r * cols + c] {
                    score(r, c)
                } else {
                    0.0
                };
                cost.push(((1.0 - s) * SCALE) as i64);
            }
        }
        for (i, c) in assign(rs.len(), cs.len(), &cost).into_iter().enumerate() {
            if let Some(c) = c {
                let (r, c) = (rs[i], cs[c]);
                if eligible[r * cols + c] {
                    out.push((r, c));
                }
            }
        }
    }
    out.sort_unstable();
    out
}

// ---------------------------------------------------------------------------------------------
// Diff of two rounds
// ---------------------------------------------------------------------------------------------

/// Which report a diff side is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundInfo {
    pub slug: String,
    /// The header's round number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<u32>,
    /// The round number used for cross-references: the header's, else inferred from the thread.
    pub effective_round: u32,
    pub date: String,
    pub findings: usize,
}

impl RoundInfo {
    fn of(r: &Review, effective_round: u32) -> RoundInfo {
        RoundInfo {
            slug: r.slug.clone(),
            round: r.meta.round.as_ref().map(|x| x.number),
            effective_round,
            date: r.meta.date.clone(),
            findings: r.findings.len(),
        }
    }

    /// `Round 3`, or the slug when the report has no round number.
    pub fn label(&self) -> String {
        match self.round {
            Some(n) => format!("Round {n}"),
            None => self.slug.clone(),
        }
    }
}

/// A finding as the diff names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FindingSummary {
    /// Position in the report's `findings`.
    pub index: usize,
    pub id: String,
    pub severity: Severity,
    pub status: Status,
    pub title: String,
}

impl FindingSummary {
    fn of(index: usize, f: &Finding) -> FindingSummary {
        FindingSummary {
            index,
            id: f.id.clone(),
            severity: f.severity,
            status: f.status,
            title: f.title.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Gone in the later round, or there marked fixed/addressed.
    Resolved,
    /// Still raised in the later round.
    Persisting,
    /// Only in the later round.
    New,
}

/// A change of a value between rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub from: T,
    pub to: T,
}

fn change<T: PartialEq + Copy>(from: T, to: T) -> Option<Change<T>> {
    (from != to).then_some(Change { from, to })
}

/// An earlier finding and its counterpart in the later round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchedPair {
    pub earlier: FindingSummary,
    pub later: FindingSummary,
    /// `persisting`, or `resolved` when the later report marks it fixed.
    pub outcome: Outcome,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity_changed: Option<Change<Severity>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_changed: Option<Change<Status>>,
    pub explanation: MatchExplanation,
}

/// Why an earlier finding counts as resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResolvedHow {
    /// No counterpart in the later round.
    Absent,
    /// The later round lists it as fixed/addressed (status `resolved`).
    MarkedResolved,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedFinding {
    #[serde(flatten)]
    pub finding: FindingSummary,
    pub how: ResolvedHow,
    /// The later finding that marks it fixed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub later_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffSummary {
    pub earlier: usize,
    pub later: usize,
    pub resolved: usize,
    pub persisting: usize,
    pub new: usize,
    pub severity_changed: usize,
    /// `Round 3 resolved 5 of 8, 3 persist, 3 new`.
    pub sentence: String,
}

/// What changed between an earlier and a later round.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoundDiff {
    pub earlier: RoundInfo,
    pub later: RoundInfo,
    /// Every matched pair, in the earlier report's order.
    pub pairs: Vec<MatchedPair>,
    /// Earlier findings absent from the later round or marked fixed there.
    pub resolved: Vec<ResolvedFinding>,
    /// Later findings with no earlier counterpart.
    pub new: Vec<FindingSummary>,
    pub summary: DiffSummary,
}

impl RoundDiff {
    /// The outcome of the earlier finding at `index`.
    pub fn outcome_of_earlier(&self, index: usize) -> Outcome {
        self.pairs
            .iter()
            .find(|p| p.earlier.index == index)
            .map_or(Outcome::Resolved, |p| p.outcome)
    }

    /// The pair whose later finding is at `index`, if any.
    pub fn pair_of_later(&self, index: usize) -> Option<&MatchedPair> {
        self.pairs.iter().find(|p| p.later.index == index)
    }
}

/// Every cross-round reference a finding makes: its `refs` (the parser fills them from the
/// title line and body) plus any in its title as stored (for reviews built by other means).
fn finding_xrefs(f: &Finding) -> Vec<FindingRef> {
    let mut refs: Vec<FindingRef> = f
        .refs
        .iter()
        .filter(|r| r.round.is_some())
        .cloned()
        .collect();
    for r in xref::cross_refs(&f.title_md) {
        if !refs.contains(&r) {
            refs.push(r);
        }
    }
    refs
}

/// Diff two rounds of one thread. Cross-references name the earlier round by its header number;
/// when it has none, the later round's number minus one is assumed.
pub fn diff_reviews(earlier: &Review, later: &Review) -> RoundDiff {
    let later_n = later.meta.round.as_ref().map(|r| r.number);
    let earlier_n = earlier
        .meta
        .round
        .as_ref()
        .map(|r| r.number)
        .or_else(|| later_n.map(|n| n.saturating_sub(1).max(1)))
        .unwrap_or(1);
    diff_with(
        earlier,
        later,
        earlier_n,
        later_n.unwrap_or(earlier_n + 1),
        THRESHOLD,
    )
}

/// [`diff_reviews`] with explicit round numbers (as a thread infers them) and threshold.
pub fn diff_with(
    earlier: &Review,
    later: &Review,
    earlier_round: u32,
    later_round: u32,
    threshold: f32,
) -> RoundDiff {
    let (ef, lf) = (&earlier.findings, &later.findings);
    let scores = score_all(ef, lf);
    let mut e_taken = vec![false; ef.len()];
    let mut l_taken = vec![false; lf.len()];
    let mut matched: Vec<(usize, usize, MatchVia)> = Vec::new();

    // 1. Explicit cross-references to the earlier round, in the later report's order.
    for (j, f) in lf.iter().enumerate() {
        for r in finding_xrefs(f) {
            if r.round != Some(earlier_round) {
                continue;
            }
            let hit = ef
                .iter()
                .enumerate()
                .find(|(i, e)| !e_taken[*i] && e.id.eq_ignore_ascii_case(&r.id));
            if let Some((i, _)) = hit {
                e_taken[i] = true;
                l_taken[j] = true;
                matched.push((i, j, MatchVia::Xref));
                break;
            }
        }
    }

    // 2. Optimal assignment of the rest on similarity.
    let er: Vec<usize> = (0..ef.len()).filter(|&i| !e_taken[i]).collect();
    let lr: Vec<usize> = (0..lf.len()).filter(|&j| !l_taken[j]).collect();
    let score = |a: usize, b: usize| scores.score[er[a] * scores.cols + lr[b]];
    for (a, b) in best_pairs(er.len(), lr.len(), score, threshold) {
        matched.push((er[a], lr[b], MatchVia::Similarity));
    }
    matched.sort_unstable_by_key(|&(i, j, _)| (i, j));

    let mut pairs = Vec::new();
    let mut resolved = Vec::new();
    let mut has_pair = vec![false; ef.len()];
    let mut later_paired = vec![false; lf.len()];
    for &(i, j, via) in &matched {
        has_pair[i] = true;
        later_paired[j] = true;
        let (e, l) = (&ef[i], &lf[j]);
        let outcome = if l.status == Status::Resolved {
            Outcome::Resolved
        } else {
            Outcome::Persisting
        };
        if outcome == Outcome::Resolved {
            resolved.push(ResolvedFinding {
                finding: FindingSummary::of(i, e),
                how: ResolvedHow::MarkedResolved,
                later_id: Some(l.id.clone()),
            });
        }
        pairs.push(MatchedPair {
            earlier: FindingSummary::of(i, e),
            later: FindingSummary::of(j, l),
            outcome,
            severity_changed: change(e.severity, l.severity),
            status_changed: change(e.status, l.status),
            explanation: scores.explain(i, j, via),
        });
    }
    for (i, e) in ef.iter().enumerate() {
        if !has_pair[i] {
            resolved.push(ResolvedFinding {
                finding: FindingSummary::of(i, e),
                how: ResolvedHow::Absent,
                later_id: None,
            });
        }
    }
    resolved.sort_by_key(|r| r.finding.index);
    let new: Vec<FindingSummary> = lf
        .iter()
        .enumerate()
        .filter(|(j, _)| !later_paired[*j])
        .map(|(j, f)| FindingSummary::of(j, f))
        .collect();

    let later_info = RoundInfo::of(later, later_round);
    let persisting = pairs
        .iter()
        .filter(|p| p.outcome == Outcome::Persisting)
        .count();
    let summary = DiffSummary {
        earlier: ef.len(),
        later: lf.len(),
        resolved: resolved.len(),
        persisting,
        new: new.len(),
        severity_changed: pairs
            .iter()
            .filter(|p| p.severity_changed.is_some())
            .count(),
        sentence: format!(
            "{} resolved {} of {}, {} {}, {} new",
            later_info.label(),
            resolved.len(),
            ef.len(),
            persisting,
            if persisting == 1 {
                "persists"
            } else {
                "persist"
            },
            new.len()
        ),
    };
    RoundDiff {
        earlier: RoundInfo::of(earlier, earlier_round),
        later: later_info,
        pairs,
        resolved,
        new,
        summary,
    }
}

// ---------------------------------------------------------------------------------------------
// Threads of rounds: lifecycles and agents
// ---------------------------------------------------------------------------------------------

/// One appearance of a finding in one round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appearance {
    /// Index into [`ThreadReport::rounds`].
    pub round: usize,
    /// Position in that report's `findings`.
    pub index: usize,
    pub id: String,
    pub severity: Severity,
    pub status: Status,
    pub title: String,
    pub agents: Vec<String>,
}

/// One finding followed across the rounds of a thread.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lifecycle {
    /// Index into [`ThreadReport::rounds`] of the round where it was first raised.
    pub first_round: usize,
    /// Every round it was raised in, in order (a round may be skipped when a later round
    /// re-raises it by cross-reference, `round 1 I4 deferred`).
    pub appearances: Vec<Appearance>,
    /// The round in which it was resolved: the first round after its last appearance, or the
    /// round that marks it fixed. `None` while it is still open in the last round.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_in: Option<usize>,
}

/// What one agent family's findings became in the next round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgentFigures {
    /// `Claude`, `Codex`, `Gemini`, `Consolidator` …
    pub family: String,
    /// Display names seen, in order of first appearance (`Claude Opus 4.6`, `Claude Opus 4.7`).
    pub names: Vec<String>,
    /// Findings naming this agent, over all rounds.
    pub raised: usize,
    /// Of those, findings in a round that has a next round (the ones that can be followed).
    pub followed: usize,
    /// Of the followed: still raised in the next round.
    pub persisted: usize,
    /// Of the followed: absent in the next round or marked fixed there.
    pub resolved: usize,
}

/// A whole thread: its rounds in order, each consecutive diff, every finding's lifecycle and
/// per-agent figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThreadReport {
    pub key: ThreadKey,
    pub label: String,
    pub rounds: Vec<RoundInfo>,
    /// `diffs[k]` compares `rounds[k]` with `rounds[k + 1]`.
    pub diffs: Vec<RoundDiff>,
    pub lifecycles: Vec<Lifecycle>,
    pub agents: Vec<AgentFigures>,
}

impl ThreadReport {
    /// Findings present in round `from` that were resolved by round `to` (indices into
    /// `rounds`, `from < to`).
    pub fn resolved_between(&self, from: usize, to: usize) -> Vec<&Lifecycle> {
        self.lifecycles
            .iter()
            .filter(|l| l.appearances.iter().any(|a| a.round == from))
            .filter(|l| l.resolved_in.is_some_and(|r| r > from && r <= to))
            .collect()
    }

    /// The lifecycle holding finding `index` of round `round`.
    pub fn lifecycle_of(&self, round: usize, index: usize) -> Option<&Lifecycle> {
        self.lifecycles.iter().find(|l| {
            l.appearances
                .iter()
                .any(|a| a.round == round && a.index == index)
        })
    }
}

/// Group reports into threads and report on each (see [`group_threads`], [`thread_report`]).
pub fn thread_reports(reviews: &[Review]) -> Vec<ThreadReport> {
    group_threads(reviews)
        .into_iter()
        .map(|g| {
            let members: Vec<&Review> = g.members.iter().map(|&i| &reviews[i]).collect();
            thread_report(g.key, &members)
        })
        .collect()
}

/// Report on one thread whose rounds are given in order.
pub fn thread_report(key: ThreadKey, rounds: &[&Review]) -> ThreadReport {
    let numbers: Vec<Option<u32>> = rounds
        .iter()
        .map(|r| r.meta.round.as_ref().map(|x| x.number))
        .collect();
    let eff = effective_rounds(&numbers);
    let diffs: Vec<RoundDiff> = rounds
        .windows(2)
        .enumerate()
        .map(|(k, w)| diff_with(w[0], w[1], eff[k], eff[k + 1], THRESHOLD))
        .collect();

    // Chains: next[(round, index)] = the same finding in round + 1.
    let mut lifecycles: Vec<Lifecycle> = Vec::new();
    // For each round, finding index → lifecycle index.
    let mut owner: Vec<Vec<Option<usize>>> = rounds
        .iter()
        .map(|r| vec![None; r.findings.len()])
        .collect();
    for (k, review) in rounds.iter().enumerate() {
        for (i, f) in review.findings.iter().enumerate() {
            let prev = if k > 0 {
                diffs[k - 1]
                    .pair_of_later(i)
                    .and_then(|p| owner[k - 1].get(p.earlier.index).copied().flatten())
            } else {
                None
            };
            // A new finding that re-raises one from an older round by reference
            // (`round 1 I4 deferred`) continues that finding's life when it had ended.
            let prev = prev.or_else(|| {
                finding_xrefs(f).into_iter().find_map(|r| {
                    let j = (0..k.saturating_sub(1))
                        .rev()
                        .find(|&j| Some(eff[j]) == r.round)?;
                    let idx = rounds[j]
                        .findings
                        .iter()
                        .position(|e| e.id.eq_ignore_ascii_case(&r.id))?;
                    let life = owner[j][idx]?;
                    let last = lifecycles[life].appearances.last()?;
                    (last.round == j && last.index == idx).then_some(life)
                })
            });
            let appearance = Appearance {
                round: k,
                index: i,
                id: f.id.clone(),
                severity: f.severity,
                status: f.status,
                title: f.title.clone(),
                agents: f.agents.clone(),
            };
            let life = match prev {
                Some(l) => {
                    lifecycles[l].appearances.push(appearance);
                    l
                }
                None => {
                    lifecycles.push(Lifecycle {
                        first_round: k,
                        appearances: vec![appearance],
                        resolved_in: None,
                    });
                    lifecycles.len() - 1
                }
            };
            owner[k][i] = Some(life);
        }
    }
    let last_round = rounds.len().saturating_sub(1);
    for l in &mut lifecycles {
        let marked = l
            .appearances
            .iter()
            .skip(1)
            .find(|a| a.status == Status::Resolved)
            .map(|a| a.round);
        let last = l.appearances.last().map_or(0, |a| a.round);
        l.resolved_in = marked.or((last < last_round).then_some(last + 1));
    }

    ThreadReport {
        label: key.label(),
        key,
        rounds: rounds
            .iter()
            .zip(&eff)
            .map(|(r, &n)| RoundInfo::of(r, n))
            .collect(),
        agents: agent_figures(rounds, &diffs),
        diffs,
        lifecycles,
    }
}

/// Per agent family: findings raised, and what the followed ones became in the next round.
fn agent_figures(rounds: &[&Review], diffs: &[RoundDiff]) -> Vec<AgentFigures> {
    let mut figures: Vec<AgentFigures> = Vec::new();
    for (k, review) in rounds.iter().enumerate() {
        for (i, f) in review.findings.iter().enumerate() {
            let outcome = diffs.get(k).map(|d| d.outcome_of_earlier(i));
            for name in f.agents.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
                let family = family_of(name);
                let pos = match figures.iter().position(|a| a.family == family) {
                    Some(p) => p,
                    None => {
                        figures.push(AgentFigures {
                            family,
                            names: Vec::new(),
                            raised: 0,
                            followed: 0,
                            persisted: 0,
                            resolved: 0,
                        });
                        figures.len() - 1
                    }
                };
                let a = &mut figures[pos];
                if !a.names.iter().any(|n| n == name) {
                    a.names.push(name.to_string());
                }
                a.raised += 1;
                if let Some(o) = outcome {
                    a.followed += 1;
                    if o == Outcome::Persisting {
                        a.persisted += 1;
                    } else {
                        a.resolved += 1;
                    }
                }
            }
        }
    }
    figures
}

// ---------------------------------------------------------------------------------------------
// Benchmark input
// ---------------------------------------------------------------------------------------------

/// Two synthetic rounds of `n` findings each for timing the diff (DESIGN.md §7: ≤ 10 ms for
/// 300 × 300). Findings draw words from a 3,000-word vocabulary with a per-finding topic, as
/// real reports do; the later round keeps about 60% of the earlier findings (a title word
/// replaced, lines moved, a fifth of the body reworded) and adds new ones. Deterministic.
pub fn bench_rounds(n: usize) -> (Review, Review) {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move |k: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % k.max(1) as u64) as usize
    };
    let letters: Vec<char> = ('a'..='z').collect();
    let vocab: Vec<String> = (0..3000)
        .map(|_| (0..4 + rnd(7)).map(|_| letters[rnd(26)]).collect())
        .collect();
    let dirs = [
        "downloader",
        "hostagent",
        "sshutil",
        "limactl",
        "driverutil",
        "toolset",
    ];
    let make = |i: usize, rnd: &mut dyn FnMut(usize) -> usize| {
        let topic: Vec<&str> = (0..20).map(|_| vocab[rnd(vocab.len())].as_str()).collect();
        let title: Vec<&str> = (0..6).map(|_| topic[rnd(topic.len())]).collect();
        let body: Vec<&str> = (0..120)
            .map(|_| {
                if rnd(2) == 0 {
                    topic[rnd(topic.len())]
                } else {
                    vocab[rnd(vocab.len())].as_str()
                }
            })
            .collect();
        let path = format!("pkg/{}/{}.go", dirs[rnd(dirs.len())], vocab[rnd(40)]);
        let line = 10 + rnd(900) as u32;
        let sev = Severity::ALL[rnd(4)];
        Finding {
            id: format!("{}{}", sev.letter(), i + 1),
            severity: sev,
            title: title.join(" "),
            title_md: format!("**{}**", title.join(" ")),
            kinds: vec![],
            locations: vec![crate::model::Location {
                text: format!("{path}:{line}"),
                path,
                start_line: Some(line),
                end_line: None,
            }],
            agents: vec![
                ["Claude Opus 4.7", "Codex GPT 5.5", "Gemini 3.1 Pro"][rnd(3)].to_string(),
            ],
            status: Status::Open,
            status_note: None,
            refs: vec![],
            body_md: body.join(" "),
            line: 1,
        }
    };
    let earlier: Vec<Finding> = (0..n).map(|i| make(i, &mut rnd)).collect();
    let mut later: Vec<Finding> = Vec::with_capacity(n);
    for e in &earlier {
        if rnd(10) < 6 {
            let mut f = e.clone();
            let mut t: Vec<&str> = e.title.split(' ').collect();
            let k = rnd(t.len());
            t[k] = vocab[rnd(vocab.len())].as_str();
            f.title = t.join(" ");
            let body: Vec<&str> = e
                .body_md
                .split(' ')
                .map(|w| {
                    if rnd(5) == 0 {
                        vocab[rnd(vocab.len())].as_str()
                    } else {
                        w
                    }
                })
                .collect();
            f.body_md = body.join(" ");
            if let Some(loc) = f.locations.first_mut() {
                loc.start_line = loc.start_line.map(|l| l + 7);
            }
            later.push(f);
        }
    }
    while later.len() < n {
        let i = later.len();
        later.push(make(i, &mut rnd));
    }
    for (i, f) in later.iter_mut().enumerate() {
        f.id = format!("{}{}", f.severity.letter(), i + 1);
    }
    let review = |slug: &str, round: u32, findings: Vec<Finding>| Review {
        slug: slug.to_string(),
        title: format!("Deep Review: {slug}"),
        meta: crate::model::Meta {
            date: format!("2026-05-0{round}T12:00"),
            round: Some(Round {
                number: round,
                of: None,
                text: round.to_string(),
            }),
            ..Default::default()
        },
        findings,
        ..Default::default()
    };
    (
        review("20260501-120000-bench", 1, earlier),
        review("20260502-120000-bench", 2, later),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Location, Meta};

    fn finding(id: &str, title: &str, path: &str, body: &str) -> Finding {
        Finding {
            id: id.to_string(),
            severity: Severity::parse(&id[..1]).unwrap_or(Severity::Suggestion),
            title: title.to_string(),
            title_md: format!("**{title}**"),
            kinds: vec![],
            locations: if path.is_empty() {
                vec![]
            } else {
                vec![Location {
                    path: path.to_string(),
                    start_line: Some(10),
                    end_line: None,
                    text: format!("{path}:10"),
                }]
            },
            agents: vec!["Claude Opus 4.6".to_string()],
            status: Status::Open,
            status_note: None,
            refs: crate::parse::xref::cross_refs(body), // as the parser fills them
            body_md: body.to_string(),
            line: 1,
        }
    }

    fn review(slug: &str, round: Option<u32>, date: &str, findings: Vec<Finding>) -> Review {
        Review {
            slug: slug.to_string(),
            title: format!("Deep Review: {slug}"),
            meta: Meta {
                date: date.to_string(),
                round: round.map(|n| Round {
                    number: n,
                    of: None,
                    text: n.to_string(),
                }),
                ..Default::default()
            },
            findings,
            ..Default::default()
        }
    }

    // ---- Hungarian -------------------------------------------------------------------------

    fn brute(rows: usize, cols: usize, cost: &[i64]) -> i64 {
        // Best total over all injective maps of the smaller side into the larger.
        fn go(
            r: usize,
            rows: usize,
            cols: usize,
            cost: &[i64],
            used: &mut Vec<bool>,
            t: bool,
        ) -> i64 {
            let (n, m) = if t { (cols, rows) } else { (rows, cols) };
            if r == n {
                return 0;
            }
            let mut best = i64::MAX;
            for c in 0..m {
                if !used[c] {
                    used[c] = true;
                    let v = if t {
                        cost[c * cols + r]
                    } else {
                        cost[r * cols + c]
                    };
                    let rest = go(r + 1, rows, cols, cost, used, t);
                    best = best.min(v + rest);
                    used[c] = false;
                }
            }
            best
        }
        let t = rows > cols;
        let mut used = vec![false; rows.max(cols)];
        go(0, rows, cols, cost, &mut used, t)
    }

    #[test]
    fn hungarian_matches_brute_force_on_random_matrices() {
        let mut seed: u64 = 42;
        let mut rnd = |k: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % k
        };
        for case in 0..300 {
            let rows = 1 + rnd(6) as usize;
            let cols = 1 + rnd(6) as usize;
            let spread = if case % 3 == 0 { 3 } else { 1000 }; // many ties in a third of cases
            let cost: Vec<i64> = (0..rows * cols).map(|_| rnd(spread) as i64).collect();
            let got = assign(rows, cols, &cost);
            assert_eq!(got.len(), rows);
            let cs: Vec<usize> = got.iter().flatten().copied().collect();
            assert_eq!(
                cs.len(),
                rows.min(cols),
                "every row of the smaller side assigned"
            );
            let mut dedup = cs.clone();
            dedup.sort_unstable();
            dedup.dedup();
            assert_eq!(dedup.len(), cs.len(), "one-to-one");
            let total: i64 = got
                .iter()
                .enumerate()
                .filter_map(|(r, c)| c.map(|c| cost[r * cols + c]))
                .sum();
            assert_eq!(
                total,
                brute(rows, cols, &cost),
                "case {case}: {rows}x{cols} {cost:?}"
            );
        }
    }

    #[test]
    fn hungarian_handles_empty_and_bad_shapes() {
        assert_eq!(assign(0, 3, &[]), Vec::<Option<usize>>::new());
        assert_eq!(assign(2, 0, &[]), vec![None, None]);
        assert_eq!(assign(2, 2, &[1, 2, 3]), vec![None, None]);
        assert_eq!(assign(1, 1, &[7]), vec![Some(0)]);
    }

    #[test]
    fn best_pairs_maximises_total_score_above_threshold() {
        // a–x alone (0.9) loses to a–y + b–x (0.5 + 0.6): the total counts.
        let s = [[0.9, 0.5], [0.6, 0.0]];
        let pairs = best_pairs(2, 2, |r, c| s[r][c], 0.3);
        assert_eq!(pairs, vec![(0, 1), (1, 0)]);
        // Below the threshold nothing pairs, even if it is the only option.
        let pairs = best_pairs(2, 2, |r, c| s[r][c], 0.95);
        assert!(pairs.is_empty());
        // A row whose only eligible column is taken by a better row stays unmatched.
        let s = [[0.9, 0.0], [0.4, 0.0]];
        assert_eq!(best_pairs(2, 2, |r, c| s[r][c], 0.3), vec![(0, 0)]);
    }

    // ---- Scoring ---------------------------------------------------------------------------

    #[test]
    fn stemming_and_words() {
        let mut got = Vec::new();
        raw_words(
            "The caller's images were Resized at line 299; resizing `os.Stat`",
            400,
            |w, _| got.extend(token_of(&w.to_lowercase()).map(str::to_string)),
        );
        assert_eq!(
            got,
            ["caller", "imag", "were", "resiz", "resiz", "os", "stat"]
        );
        // Case does not matter, for non-ASCII letters too; punctuation splits words.
        let mut hashes = Vec::new();
        raw_words("Resized résumé—RESIZED RÉSUMÉ", 400, |w, h| {
            hashes.push((w.to_string(), h))
        });
        let words: Vec<&str> = hashes.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["Resized", "résumé", "RESIZED", "RÉSUMÉ"]);
        assert_eq!(hashes[0].1, hashes[2].1);
        assert_eq!(hashes[1].1, hashes[3].1);
        assert_ne!(hashes[0].1, hashes[1].1);
        assert!(
            STOPWORDS.windows(2).all(|w| w[0] < w[1]),
            "STOPWORDS sorted"
        );
        assert!(is_stopword("the") && is_stopword("yet") && !is_stopword("digest"));
        assert_eq!(stem("images"), stem("image"));
        assert_eq!(stem("bypasses"), "bypass");
        assert_eq!(stem("bypass"), "bypass");
    }

    #[test]
    fn path_scores_ignore_lines_and_credit_basenames() {
        let mut v = Vocab::default();
        let mut p = Vocab::default();
        let f = |path: &str, v: &mut Vocab, p: &mut Vocab| {
            features(&finding("I1", "t", path, ""), v, p).paths
        };
        let a = f("pkg/driverutil/disk.go", &mut v, &mut p);
        let b = f("pkg/driverutil/disk.go", &mut v, &mut p);
        let c = f("disk.go", &mut v, &mut p);
        let d = f("pkg/other/disk.go", &mut v, &mut p);
        let e = f("pkg/other/main.go", &mut v, &mut p);
        let none = f("", &mut v, &mut p);
        assert_eq!(path_score(&a, &b), Some(1.0));
        assert_eq!(path_score(&a, &c), Some(0.9));
        assert_eq!(path_score(&a, &d), Some(0.5));
        assert_eq!(path_score(&a, &e), Some(0.0));
        assert_eq!(path_score(&a, &none), None);
        assert_eq!(norm_path("multiple files"), None);
        assert_eq!(
            norm_path("`./poc-windows-guest/`"),
            Some("poc-windows-guest".into())
        );
    }

    #[test]
    fn renamed_title_same_file_scores_above_threshold_and_unrelated_below() {
        let body =
            "The new rename path skips the resize. prepareDisk handles resizing after CreateDisk.";
        let e = vec![
            finding(
                "S1",
                "`EnsureDisk` rename path has implicit resize dependency",
                "pkg/driverutil/disk.go",
                body,
            ),
            finding(
                "S2",
                "Test uses hardcoded `example.com` URL",
                "pkg/downloader/downloader_test.go",
                "uses example.com as the remote URL in TestDownloadImageConversionCached",
            ),
        ];
        let l = vec![finding(
            "I5",
            "EnsureDisk rename path skips disk resize",
            "pkg/driverutil/disk.go",
            "The old code always called Convert, which resized. The new rename path skips the resize; prepareDisk resizes after CreateDisk.",
        )];
        let s = score_all(&e, &l);
        let good = s.explain(0, 0, MatchVia::Similarity);
        let bad = s.explain(1, 0, MatchVia::Similarity);
        assert!(good.score >= THRESHOLD, "{good:?}");
        assert!(good.paths_compared && good.paths == 1.0);
        assert!(bad.score < THRESHOLD, "{bad:?}");
        assert!(good.title > bad.title && good.body > bad.body);
    }

    #[test]
    fn fuzzy_title_words_count_as_shared() {
        let e = vec![finding("I1", "decompression ignores context", "", "")];
        let l = vec![finding("I1", "decompressor ignores context", "", "")];
        let s = score_all(&e, &l).explain(0, 0, MatchVia::Similarity);
        assert_eq!(s.title, 1.0, "{s:?}");
        assert!(!s.paths_compared);
        // Different words that only share letters stay different.
        let e = vec![finding("I1", "decompression ignores context", "", "")];
        let l = vec![finding("I1", "compression ignores context", "", "")];
        let s = score_all(&e, &l).explain(0, 0, MatchVia::Similarity);
        assert!(s.title < 0.7, "{s:?}");
    }

    // ---- Diffs -----------------------------------------------------------------------------

    #[test]
    fn xref_wins_over_similarity_and_outcomes_are_counted() {
        let e = review(
            "20260101-000000-pr-1",
            Some(1),
            "2026-01-01",
            vec![
                finding(
                    "I1",
                    "Nil pointer when Stat fails",
                    "a/b.go",
                    "origStat is nil and ModTime panics",
                ),
                finding(
                    "S1",
                    "Missing docstring on Foo",
                    "a/c.go",
                    "exported function Foo lacks a comment",
                ),
                finding(
                    "S2",
                    "Something entirely different",
                    "x/y.go",
                    "zebra quantum",
                ),
            ],
        );
        let mut l1 = finding(
            "S4",
            "A new title with no words in common",
            "q/r.go",
            "(round 1 S1 unaddressed)",
        );
        l1.severity = Severity::Suggestion;
        let mut l2 = finding(
            "S1",
            "Nil pointer when Stat fails",
            "a/b.go",
            "origStat is nil and ModTime panics",
        );
        l2.status = Status::Resolved;
        let l3 = finding(
            "I1",
            "Brand new problem",
            "n/m.go",
            "unrelated words entirely",
        );
        let l = review(
            "20260102-000000-pr-1",
            Some(2),
            "2026-01-02",
            vec![l1, l2, l3],
        );
        let d = diff_reviews(&e, &l);
        let by: Vec<(&str, &str, MatchVia, Outcome)> = d
            .pairs
            .iter()
            .map(|p| {
                (
                    p.earlier.id.as_str(),
                    p.later.id.as_str(),
                    p.explanation.via,
                    p.outcome,
                )
            })
            .collect();
        assert_eq!(
            by,
            vec![
                ("I1", "S1", MatchVia::Similarity, Outcome::Resolved),
                ("S1", "S4", MatchVia::Xref, Outcome::Persisting),
            ]
        );
        assert_eq!(
            d.pairs[0].severity_changed,
            Some(Change {
                from: Severity::Important,
                to: Severity::Suggestion
            })
        );
        assert_eq!(
            d.pairs[0].status_changed,
            Some(Change {
                from: Status::Open,
                to: Status::Resolved
            })
        );
        let resolved: Vec<(&str, ResolvedHow)> = d
            .resolved
            .iter()
            .map(|r| (r.finding.id.as_str(), r.how))
            .collect();
        assert_eq!(
            resolved,
            vec![
                ("I1", ResolvedHow::MarkedResolved),
                ("S2", ResolvedHow::Absent)
            ]
        );
        assert_eq!(
            d.new.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
            vec!["I1"]
        );
        assert_eq!(
            (
                d.summary.resolved,
                d.summary.persisting,
                d.summary.new,
                d.summary.severity_changed
            ),
            (2, 1, 1, 1)
        );
        assert_eq!(
            d.summary.sentence,
            "Round 2 resolved 2 of 3, 1 persists, 1 new"
        );
        // The diff is plain JSON.
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains("\"via\":\"xref\"") && json.contains("\"how\":\"marked_resolved\""));
        let back: RoundDiff = serde_json::from_str(&json).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn xref_to_another_round_or_missing_id_is_ignored() {
        let e = review(
            "e",
            Some(2),
            "",
            vec![finding("S1", "alpha beta", "", "gamma")],
        );
        let l = review(
            "l",
            Some(3),
            "",
            vec![finding("S1", "zeta eta", "", "round 1 S1 and round 2 S9")],
        );
        let d = diff_reviews(&e, &l);
        assert!(d.pairs.is_empty());
        assert_eq!(
            d.summary.sentence,
            "Round 3 resolved 1 of 1, 0 persist, 1 new"
        );
    }

    #[test]
    fn empty_rounds_diff_cleanly() {
        let e = review("e", None, "", vec![]);
        let l = review("l", None, "", vec![]);
        let d = diff_reviews(&e, &l);
        assert_eq!((d.pairs.len(), d.resolved.len(), d.new.len()), (0, 0, 0));
        assert_eq!(d.summary.sentence, "l resolved 0 of 0, 0 persist, 0 new");
    }

    // ---- Threads ---------------------------------------------------------------------------

    #[test]
    fn slug_names_and_pr_numbers() {
        assert_eq!(
            slug_name("20260517-130016-windows-plain-ci"),
            "windows-plain-ci"
        );
        assert_eq!(
            slug_name("20260517-1300-windows-plain-ci"),
            "windows-plain-ci"
        );
        assert_eq!(slug_name("20260517-windows"), "windows");
        assert_eq!(slug_name("windows"), "windows");
        assert_eq!(slug_name("20260517-130016-"), "130016-");
        assert_eq!(slug_pr("20260315-221940-pr-4637"), Some(4637));
        assert_eq!(slug_pr("20260315-221940-pr-4637-retry"), Some(4637));
        assert_eq!(slug_pr("20260315-221940-pr-46x"), None);
        assert_eq!(slug_pr("20260315-221940-prose"), None);
        assert_eq!(
            repo_from_url("https://github.com/lima-vm/lima/pull/4637"),
            Some("lima-vm/lima".into())
        );
        assert_eq!(branch_name("`master` @ `d6ca3936`"), Some("master".into()));
        assert_eq!(branch_name("(PR branch)"), None);
    }

    fn meta_review(
        slug: &str,
        date: &str,
        round: Option<u32>,
        repo: Option<&str>,
        pr: Option<(u64, Option<&str>)>,
        branch: Option<&str>,
    ) -> Review {
        let mut r = review(slug, round, date, vec![]);
        r.meta.repo = repo.map(|n| Repo {
            name: n.to_string(),
            url: None,
        });
        r.meta.pr = pr.map(|(number, url)| PullRequest {
            number,
            url: url.map(str::to_string),
            title: None,
        });
        r.meta.branch = branch.map(str::to_string);
        r
    }

    #[test]
    fn thread_keys_follow_pr_then_branch_then_slug() {
        let pr = meta_review(
            "20260101-000000-x",
            "",
            None,
            Some("lima-vm/lima"),
            Some((7, None)),
            Some("b"),
        );
        assert_eq!(
            thread_key(&pr),
            ThreadKey::Pr {
                repo: "lima-vm/lima".into(),
                number: 7
            }
        );
        let from_url = meta_review(
            "x",
            "",
            None,
            None,
            Some((7, Some("https://github.com/Lima-VM/lima/pull/7"))),
            None,
        );
        assert_eq!(
            thread_key(&from_url),
            ThreadKey::Pr {
                repo: "lima-vm/lima".into(),
                number: 7
            }
        );
        let br = meta_review(
            "x",
            "",
            None,
            Some("lima-vm/lima"),
            None,
            Some("`windows-plain-ci`"),
        );
        assert_eq!(
            thread_key(&br),
            ThreadKey::Branch {
                repo: "lima-vm/lima".into(),
                branch: "windows-plain-ci".into()
            }
        );
        let slug_pr = meta_review(
            "20260101-000000-pr-12",
            "",
            None,
            None,
            None,
            Some("(PR branch)"),
        );
        assert_eq!(
            thread_key(&slug_pr),
            ThreadKey::Pr {
                repo: String::new(),
                number: 12
            }
        );
        let slug = meta_review("20260313-000000-shell-sync", "", None, None, None, None);
        assert_eq!(
            thread_key(&slug),
            ThreadKey::Slug {
                name: "shell-sync".into()
            }
        );
        assert_eq!(thread_key(&slug).label(), "shell-sync");
        // Index entries give the same key as their reviews.
        let entry = IndexEntry::of(&br, "br.md");
        assert_eq!(thread_key(&entry), thread_key(&br));
    }

    #[test]
    fn grouping_orders_by_round_then_date_and_places_unnumbered_by_date() {
        let items = vec![
            meta_review(
                "20260401-000000-pr-5",
                "2026-04-01",
                Some(3),
                Some("o/r"),
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260315-000000-pr-5",
                "2026-03-15",
                None,
                None,
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260327-000000-pr-5",
                "2026-03-27",
                Some(2),
                Some("o/r"),
                Some((5, None)),
                None,
            ),
            meta_review(
                "20260101-000000-solo",
                "2026-01-01",
                Some(1),
                None,
                None,
                None,
            ),
            // i18n-style: round 5 dated before round 4 still comes after it.
            meta_review(
                "20260502-000000-b",
                "2026-05-02",
                Some(5),
                Some("o/r"),
                None,
                Some("b"),
            ),
            meta_review(
                "20260503-000000-b",
                "2026-05-03",
                Some(4),
                Some("o/r"),
                None,
                Some("b"),
            ),
            // Another repo's branch of the same name is another thread.
            meta_review(
                "20260102-000000-b",
                "2026-01-02",
                Some(1),
                Some("x/y"),
                None,
                Some("b"),
            ),
        ];
        let groups = group_threads(&items);
        let got: Vec<(String, Vec<usize>)> = groups
            .iter()
            .map(|g| (g.label.clone(), g.members.clone()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("solo".to_string(), vec![3]),
                ("x/y@b".to_string(), vec![6]),
                ("o/r#5".to_string(), vec![1, 2, 0]),
                ("o/r@b".to_string(), vec![5, 4]),
            ]
        );
        // The same grouping from index entries.
        let entries: Vec<IndexEntry> = items.iter().map(|r| IndexEntry::of(r, "p")).collect();
        assert_eq!(group_threads(&entries), groups);
    }

    #[test]
    fn unknown_repo_stays_apart_when_ambiguous() {
        let items = vec![
            meta_review("a", "2026-01-01", None, None, Some((5, None)), None),
            meta_review("b", "2026-01-02", None, Some("o/r"), Some((5, None)), None),
            meta_review("c", "2026-01-03", None, Some("x/y"), Some((5, None)), None),
        ];
        assert_eq!(group_threads(&items).len(), 3);
    }

    #[test]
    fn effective_round_numbers() {
        assert_eq!(effective_rounds(&[None, Some(2), Some(3)]), vec![1, 2, 3]);
        assert_eq!(effective_rounds(&[None, Some(4)]), vec![3, 4]);
        assert_eq!(effective_rounds(&[Some(1), None, None]), vec![1, 2, 3]);
        assert_eq!(effective_rounds(&[None, None]), vec![1, 2]);
        assert_eq!(effective_rounds(&[]), Vec::<u32>::new());
    }

    #[test]
    fn lifecycles_follow_pairs_and_skipped_rounds() {
        let f = finding;
        let r1 = review(
            "r1",
            Some(1),
            "2026-01-01",
            vec![
                f(
                    "I1",
                    "Digest overwritten before validation",
                    "a/d.go",
                    "expectedDigest overwritten by raw digest",
                ),
                f(
                    "I2",
                    "Glob returns guest paths",
                    "a/fs.go",
                    "Glob returns guest paths that fail re-entry",
                ),
                f(
                    "S1",
                    "Docstring missing",
                    "a/x.go",
                    "exported WithImageFormats lacks a comment",
                ),
            ],
        );
        let mut keep = f(
            "C1",
            "Digest overwritten before validation",
            "a/d.go",
            "expectedDigest overwritten by raw digest",
        );
        keep.agents = vec!["Codex GPT 5.4".into()];
        let r2 = review("r2", Some(2), "2026-01-02", vec![keep.clone()]);
        let mut fixed = keep.clone();
        fixed.id = "I1".into();
        fixed.status = Status::Resolved;
        let reraised = f(
            "I2",
            "Tools output guest paths the agent cannot reuse",
            "z/q.go",
            "(round 1 I2 deferred)",
        );
        let r3 = review("r3", Some(3), "2026-01-03", vec![fixed, reraised]);
        let t = thread_report(ThreadKey::Slug { name: "t".into() }, &[&r1, &r2, &r3]);
        assert_eq!(t.diffs.len(), 2);
        let ids = |l: &Lifecycle| {
            l.appearances
                .iter()
                .map(|a| format!("{}:{}", a.round, a.id))
                .collect::<Vec<_>>()
        };
        let got: Vec<(Vec<String>, Option<usize>)> = t
            .lifecycles
            .iter()
            .map(|l| (ids(l), l.resolved_in))
            .collect();
        assert_eq!(
            got,
            vec![
                (vec!["0:I1".into(), "1:C1".into(), "2:I1".into()], Some(2)),
                (vec!["0:I2".into(), "2:I2".into()], None),
                (vec!["0:S1".into()], Some(1)),
            ]
        );
        assert_eq!(t.resolved_between(0, 1).len(), 1);
        assert_eq!(t.resolved_between(0, 2).len(), 2);
        assert!(t.lifecycle_of(2, 1).is_some_and(|l| l.first_round == 0));
        // Agents: Claude raised 3 in round 1 (1 persisted, 2 resolved) and 1 in round 3;
        // Codex raised 1 in round 2 (marked fixed in round 3) and that fixed one in round 3.
        let claude = t.agents.iter().find(|a| a.family == "Claude").unwrap();
        assert_eq!(
            (
                claude.raised,
                claude.followed,
                claude.persisted,
                claude.resolved
            ),
            (4, 3, 1, 2)
        );
        let codex = t.agents.iter().find(|a| a.family == "Codex").unwrap();
        assert_eq!(
            (
                codex.raised,
                codex.followed,
                codex.persisted,
                codex.resolved
            ),
            (2, 1, 0, 1)
        );
    }

    #[test]
    fn bench_generator_gives_the_requested_sizes_and_plausible_diff() {
        let (e, l) = bench_rounds(60);
        assert_eq!((e.findings.len(), l.findings.len()), (60, 60));
        let d = diff_reviews(&e, &l);
        // About 60% of the earlier findings were kept with small edits: most should pair.
        assert!(d.summary.persisting >= 25, "{}", d.summary.sentence);
        assert!(d.pairs.iter().all(|p| p.explanation.score >= THRESHOLD));
    }
}
