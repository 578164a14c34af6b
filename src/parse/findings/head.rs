//! A finding's first line: its shape (numbered, bold, heading), number, title and what follows the
//! title (locations, agents, kind tags, status notes).

use super::*;

/// What the text after a bold title says.
#[derive(Debug, Default)]
pub(super) struct Rest {
    pub(super) locations: Vec<Location>,
    pub(super) agents: Vec<String>,
    pub(super) kinds: Vec<String>,
    pub(super) notes: Vec<(Status, String)>,
    /// Agents named in a `(pass N: [Agent])` note.
    pub(super) passes: Vec<AgentPass>,
    /// Offset (into the rest) where prose starts, when the line holds more than metadata.
    pub(super) stop: Option<usize>,
}

pub(super) fn push_unique(v: &mut Vec<String>, items: impl IntoIterator<Item = String>) {
    for i in items {
        if !v.contains(&i) {
            v.push(i);
        }
    }
}

pub(super) fn handle_group(t: T<'_>, fam: &Families, r: &mut Rest) {
    match t {
        T::Bracket(inner) => {
            if let Some(a) = fam.agents_in(inner) {
                push_unique(&mut r.agents, a);
            }
        }
        T::Paren(inner) => {
            if let Some(k) = parse_kind_tag(inner) {
                push_unique(&mut r.kinds, k);
            } else if let Some((pass, agents)) = later_pass(inner, fam) {
                // `(pass 3: [Claude Opus 4.6])`: a co-finder of a later pass is an agent too.
                for a in agents {
                    if !r.passes.iter().any(|p| p.agent == a) {
                        r.passes.push(AgentPass {
                            agent: a.clone(),
                            pass,
                        });
                    }
                    push_unique(&mut r.agents, [a]);
                }
            } else if let Some(st) = status_note(inner) {
                r.notes.push((st, collapse_ws(inner)));
            }
        }
        _ => {}
    }
}

/// `pass 3: [Claude Opus 4.6]` / `pass 2: Codex GPT 5.5, Claude` → (3, agents).
pub(crate) fn later_pass(inner: &str, fam: &Families) -> Option<(u32, Vec<String>)> {
    let t = inner.trim();
    let rest = t
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("pass"))
        .map(|_| t[4..].trim_start())?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let pass: u32 = digits.parse().ok()?;
    let names = rest[digits.len()..].trim_start().strip_prefix(':')?.trim();
    let names = names.replace(['[', ']'], "");
    fam.agents_in(&names).map(|a| (pass, a))
}

/// A code span that is really a decorated group: `` `(important, gap)` ``, `` `[Claude]` ``.
pub(super) fn as_group(code: &str) -> Option<T<'_>> {
    let c = code.trim();
    if c.len() >= 2 && c.starts_with('(') && c.ends_with(')') {
        Some(T::Paren(&c[1..c.len() - 1]))
    } else if c.len() >= 2 && c.starts_with('[') && c.ends_with(']') {
        Some(T::Bracket(&c[1..c.len() - 1]))
    } else {
        None
    }
}

pub(super) fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "–" | "--" | "-" | ":")
}

/// Read locations, agents, tags and notes from the text after a title, up to prose.
pub(super) fn parse_rest(rest: &str, fam: &Families) -> Rest {
    let toks = tokens(rest);
    let mut r = Rest::default();
    let mut prev_path = None;
    // 0: before anything, 1: in locations, 2: in agents/tags/notes.
    let mut phase = 0u8;
    let mut sep_seen = false;
    let mut words: Vec<(usize, &str)> = Vec::new();
    let flush_words = |words: &mut Vec<(usize, &str)>, r: &mut Rest, prev: &mut Option<String>| {
        if let Some(&(_, _)) = words.first() {
            let joined: Vec<&str> = words.iter().map(|w| w.1).collect();
            let joined = joined.join(" ");
            if looks_like_location(&joined) {
                parse_locations(&joined, prev, &mut r.locations);
            }
            words.clear();
        }
    };
    let mut i = 0;
    while i < toks.len() {
        let tok = toks[i];
        let t = match tok.t {
            T::Code(c) => as_group(c).unwrap_or(tok.t),
            t => t,
        };
        match t {
            T::Sep(s) => {
                if phase == 2 && is_dash(s) {
                    if let Some(next) = toks.get(i + 1) {
                        let group = match next.t {
                            T::Code(c) => as_group(c).is_some() || is_pathish(c),
                            T::Bracket(_) | T::Paren(_) | T::Sep(_) => true,
                            _ => false,
                        };
                        if !group {
                            r.stop = Some(next.start);
                            break;
                        }
                    }
                }
                if is_dash(s) || s == "," {
                    sep_seen = true;
                }
            }
            T::Code(c) => {
                let after_dash =
                    phase == 2 && i > 0 && matches!(toks[i - 1].t, T::Sep(s) if is_dash(s));
                if (phase < 2 && (sep_seen || phase == 1)) || (after_dash && is_pathish(c)) {
                    flush_words(&mut words, &mut r, &mut prev_path);
                    parse_locations(c, &mut prev_path, &mut r.locations);
                    phase = 1;
                } else {
                    r.stop = Some(tok.start);
                    break;
                }
            }
            T::Bracket(_) | T::Paren(_) => {
                flush_words(&mut words, &mut r, &mut prev_path);
                handle_group(t, fam, &mut r);
                phase = 2;
            }
            T::Link => {
                r.stop = Some(tok.start);
                break;
            }
            T::Word(w) => {
                let connector = matches!(w, "vs" | "vs." | "and" | "also");
                if phase == 1 && connector {
                } else if phase == 0 && sep_seen {
                    words.push((tok.start, w));
                } else {
                    r.stop = Some(words.first().map_or(tok.start, |w| w.0));
                    words.clear();
                    break;
                }
            }
        }
        i += 1;
    }
    if let Some(&(start, _)) = words.first() {
        // Only words after the separator: prose unless a group followed (`multiple files [A]`).
        r.stop = Some(start);
    }
    // Prose starts after punctuation left over from the metadata (`[Claude]. The fix …`).
    if let Some(stop) = r.stop {
        let skip = rest[stop..]
            .bytes()
            .take_while(|b| matches!(b, b'.' | b',' | b';' | b':' | b' '))
            .count();
        r.stop = Some(stop + skip);
    }
    r
}

/// A code span that names a file or directory (`pkg/a.go:12`, `main.go`), not code.
pub(super) fn is_pathish(code: &str) -> bool {
    !code.is_empty()
        && !code.contains(char::is_whitespace)
        && (code.contains('/')
            || code.rsplit_once('.').is_some_and(|(a, ext)| {
                !a.is_empty()
                    && !ext.is_empty()
                    && ext
                        .split(':')
                        .next()
                        .is_some_and(|e| e.chars().all(|c| c.is_ascii_alphanumeric()))
            }))
}

/// The index of the `End(Strong)` matching the `Start(Strong)` at `i`.
pub(super) fn strong_end(lead: &[Ev<'_>], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (j, (ev, _)) in lead.iter().enumerate().skip(i) {
        match ev {
            Event::Start(Tag::Strong) => depth += 1,
            Event::End(TagEnd::Strong) => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            _ => {}
        }
    }
    None
}

pub(super) fn is_start(ev: &Event<'_>, tag: fn(&Tag<'_>) -> bool) -> bool {
    matches!(ev, Event::Start(t) if tag(t))
}

/// `I1. `, `D2. `, `12. ` → (prefix letter or none, number).
pub(super) fn numbered_prefix(t: &str) -> Option<(Option<char>, u64)> {
    let t = t.trim();
    let body = t.strip_suffix('.')?;
    let (letter, digits) = match body.chars().next()? {
        c @ ('C' | 'I' | 'S' | 'D') => (Some(c), &body[1..]),
        _ => (None, body),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((letter, digits.parse().ok()?))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Shape {
    /// `I1. **Title**` or `**I1. Title**`: the id as written.
    Id(String),
    /// `**Title**` first in a list item or paragraph.
    Bold,
    /// `**[CRITICAL] loc — Title**`.
    Tagged,
    /// `~~N. **Title** -- FIXED: …~~`.
    Struck(u64),
}

/// The shape of a lead and the index of its title's `Start(Strong)`.
pub(super) fn shape(lead: &[Ev<'_>]) -> Option<(Shape, usize)> {
    let first = &lead.first()?.0;
    if is_start(first, |t| matches!(t, Tag::Strikethrough)) {
        if let (Some((Event::Text(t), _)), Some((ev, _))) = (lead.get(1), lead.get(2)) {
            if let Some((None, n)) = numbered_prefix(t) {
                if is_start(ev, |t| matches!(t, Tag::Strong)) {
                    return Some((Shape::Struck(n), 2));
                }
            }
        }
        return None;
    }
    if let Event::Text(t) = first {
        let (Some((letter, n)), Some((ev, _))) = (numbered_prefix(t), lead.get(1)) else {
            return None;
        };
        let letter = letter?;
        return is_start(ev, |t| matches!(t, Tag::Strong))
            .then(|| (Shape::Id(format!("{letter}{n}")), 1));
    }
    if is_start(first, |t| matches!(t, Tag::Strong)) {
        // Most bold leads are plain titles: look closer only at `[…` and `X1.` openings.
        let opening = match lead.get(1) {
            Some((Event::Text(t), _)) => t.as_bytes().first().copied(),
            _ => None,
        };
        if !matches!(opening, Some(b'[' | b'C' | b'I' | b'S' | b'D')) {
            return Some((Shape::Bold, 0));
        }
        let end = strong_end(lead, 0)?;
        let inner = plain_events(&lead[1..end]);
        let upper = inner.to_ascii_uppercase();
        if ["[CRITICAL]", "[IMPORTANT]", "[SUGGESTION]", "[DOWNGRADED"]
            .iter()
            .any(|p| upper.starts_with(p))
        {
            return Some((Shape::Tagged, 0));
        }
        let word = inner.split_whitespace().next().unwrap_or("");
        if let Some((Some(letter), n)) = numbered_prefix(word) {
            return Some((Shape::Id(format!("{letter}{n}")), 0));
        }
        return Some((Shape::Bold, 0));
    }
    None
}

/// Remove up to `n` leading spaces from every line (list item content).
pub(super) fn dedent(s: &str, n: usize) -> String {
    if n == 0 {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for line in s.split_inclusive('\n') {
        let spaces = line.bytes().take(n).take_while(|&b| b == b' ').count();
        out.push_str(&line[spaces..]);
    }
    out
}

/// A finding being read.
pub(super) struct Open {
    pub(super) f: Finding,
    pub(super) start: usize,
    pub(super) body_start: usize,
    pub(super) end: usize,
    /// Spaces to remove from body lines inside the list item (up to `item_end`).
    pub(super) indent: usize,
    pub(super) item_end: usize,
}

/// The title, its Markdown and the metadata of a lead whose title `Strong` is at `si`.
pub(super) struct Head {
    pub(super) title: String,
    pub(super) title_md: String,
    pub(super) rest: Rest,
    /// Where the body starts.
    pub(super) body_start: usize,
    /// Notes from the shape itself (struck `FIXED: …`, `[DOWNGRADED from CRITICAL]`).
    pub(super) notes: Vec<(Status, String)>,
}

pub(super) fn line_end(src: &str, from: usize, limit: usize) -> usize {
    let hay = slice(src, from..limit);
    hay.find('\n').map_or(limit, |i| from + i)
}

pub(super) fn read_head(
    src: &str,
    lead: &[Ev<'_>],
    si: usize,
    shape: &Shape,
    container_end: usize,
    fam: &Families,
) -> Option<Head> {
    let se = strong_end(lead, si)?;
    let outer = lead[si].1.clone();
    let inner = outer.start + 2..outer.end.saturating_sub(2).max(outer.start + 2);
    let mut title = plain_events(&lead[si + 1..se]);
    let mut title_md = slice(src, inner.clone()).trim().to_string();
    let mut notes = Vec::new();
    let mut rest_info = Rest::default();
    let (rest_range, after_line) = match shape {
        Shape::Struck(_) => {
            // The rest lives inside the strike: ` -- FIXED: note`.
            let strike_end = lead
                .iter()
                .skip(se)
                .find(|(e, _)| matches!(e, Event::End(TagEnd::Strikethrough)))
                .map_or(container_end, |(_, r)| r.end.saturating_sub(2));
            let rest = slice(src, outer.end..strike_end);
            let note = plain_md(rest);
            let note = note
                .trim_start_matches(['-', '—', '–', ':', ' '])
                .trim()
                .to_string();
            let upper = note.to_ascii_uppercase();
            let st = if upper.starts_with("DROPPED") {
                Status::Dropped
            } else if upper.starts_with("DEFERRED") {
                Status::Deferred
            } else {
                Status::Resolved
            };
            notes.push((st, note));
            (
                outer.end..outer.end,
                line_end(src, strike_end, container_end),
            )
        }
        _ => {
            let le = line_end(src, outer.end, container_end);
            (outer.end..le, le)
        }
    };
    if !rest_range.is_empty() {
        rest_info = parse_rest(slice(src, rest_range.clone()), fam);
    }
    let body_start = match rest_info.stop {
        Some(off) => rest_range.start + off,
        None => (after_line + 1).min(container_end.max(after_line)),
    };
    match shape {
        Shape::Id(id) if si == 0 => {
            // `**I1. Title**`: drop the id from the title.
            title = title.get(id.len() + 1..).unwrap_or("").trim().to_string();
            let md = title_md.trim_start();
            title_md = md.get(id.len() + 1..).unwrap_or("").trim().to_string();
        }
        Shape::Tagged => {
            // `[CRITICAL] path:lines — Title`: the tag becomes a status note when it is a
            // downgrade, the location goes to `locations`.
            let close = title.find(']').map_or(0, |i| i + 1);
            let tag = title[..close].trim_matches(['[', ']']).to_string();
            if tag.to_ascii_uppercase().starts_with("DOWNGRADED") {
                notes.push((Status::Demoted, tag));
            }
            let after = title[close..].trim();
            let md_close = title_md.find(']').map_or(0, |i| i + 1);
            let md_after = title_md[md_close..].trim();
            let sep = [" — ", " -- ", " – "]
                .iter()
                .filter_map(|s| after.find(s).map(|i| (i, *s)))
                .min();
            let md_sep = [" — ", " -- ", " – "]
                .iter()
                .filter_map(|s| md_after.find(s).map(|i| (i, *s)))
                .min();
            match (sep, md_sep) {
                (Some((i, s)), Some((j, ms))) if looks_like_location(&after[..i]) => {
                    let mut prev = None;
                    let mut locs = Vec::new();
                    parse_locations(&after[..i], &mut prev, &mut locs);
                    locs.append(&mut rest_info.locations);
                    rest_info.locations = locs;
                    title = after[i + s.len()..].trim().to_string();
                    title_md = md_after[j + ms.len()..].trim().to_string();
                }
                _ => {
                    title = after.to_string();
                    title_md = md_after.to_string();
                }
            }
        }
        _ => {}
    }
    Some(Head {
        title,
        title_md,
        rest: rest_info,
        body_start,
        notes,
    })
}
