//! Findings (FORMAT.md §8) and Design Observations (§9).
//!
//! A finding starts at a top-level paragraph or list item whose lead has one of the shapes
//! `**[SEV] loc — Title** [A]` (tagged), `N. **Title** — loc [A] (sev, kind)` (numbered list
//! item), `I1. **Title** …` (ID), `~~N. **Title** -- FIXED: …~~` (struck). It runs until the next
//! start or the end of its section; its body is the source after the title line, verbatim.

use super::ctx::Ctx;
use super::inline::{
    collapse_ws, groups, looks_like_location, parse_kind_tag, parse_locations, plain_events,
    plain_md, slice, status_note, tokens, Families, T,
};
use super::outline::{Block, Ev, Kind, Outline};
use super::sections::slugify;
use crate::model::{AgentPass, Finding, Location, Section, Severity, Status, Strength};
use pulldown_cmark::{Event, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

mod head;
use head::*;

/// Findings and strengths collected over a report, with the ids already taken.
pub(crate) struct Collector<'f> {
    pub families: &'f Families,
    pub findings: Vec<Finding>,
    pub strengths: Vec<Strength>,
    pub sections: Vec<Section>,
    ids: HashSet<String>,
    /// The next suffix to try for an id that is taken.
    next_suffix: HashMap<String, usize>,
    /// The report writes G4 ids (`I1.`): findings without agents are worth a warning.
    g4: bool,
    design_count: usize,
}

/// Numbering state of one severity section.
#[derive(Default)]
struct Numbering {
    count: usize,
    last: u64,
    last_open: u64,
    has_id: bool,
    last_id: u64,
}

impl<'f> Collector<'f> {
    pub fn new(families: &'f Families) -> Collector<'f> {
        Collector {
            families,
            findings: Vec::new(),
            strengths: Vec::new(),
            sections: Vec::new(),
            ids: HashSet::new(),
            next_suffix: HashMap::new(),
            g4: false,
            design_count: 0,
        }
    }

    /// A unique id: `wanted` when free, else a suffixed one (with a warning).
    fn unique_id(&mut self, cx: &mut Ctx<'_>, wanted: String, pos: usize) -> String {
        if self.ids.insert(wanted.clone()) {
            return wanted;
        }
        let n = self.next_suffix.entry(wanted.clone()).or_insert(2);
        loop {
            let id = format!("{wanted}-{n}");
            *n += 1;
            if self.ids.insert(id.clone()) {
                cx.warn(
                    pos,
                    &format!("finding id {wanted} is used twice; this one is {id}"),
                );
                return id;
            }
        }
    }

    /// Finish a finding: body, body tags and labels, refs.
    fn close(&mut self, cx: &mut Ctx<'_>, outline: &Outline<'_>, open: Option<Open>) {
        let Some(mut o) = open else { return };
        let src = cx.src;
        let body = item_text(src, o.body_start..o.end, o.indent, o.item_end);
        o.f.body_md = body.trim_matches('\n').trim_end().to_string();
        let range = o.start..o.end.max(o.start + 1);
        let tags = &outline.tags;
        let from = tags.partition_point(|t| t.pos < range.start);
        for t in tags[from..].iter().take_while(|t| t.pos < range.end) {
            push_unique(&mut o.f.kinds, t.kinds.iter().cloned());
        }
        let marks = &outline.marks;
        let from = marks.partition_point(|m| m.pos < range.start);
        for m in marks[from..].iter().take_while(|m| m.pos < range.end) {
            let rest = plain_md(slice(src, m.rest.clone()));
            let rest = rest.trim_start_matches([':', '.', ' ']).trim();
            o.f.status = m.status;
            o.f.status_note = Some(if rest.is_empty() {
                m.label.to_string()
            } else {
                format!("{}: {rest}", m.label)
            });
        }
        // The whole title line counts: notes after the title such as `(round 2 I1 unaddressed)`
        // or `(Round 2's I3)` are where later rounds name their predecessor.
        let head = slice(src, o.start..o.body_start.max(o.start));
        let text = format!("{head}\n{}", o.f.body_md);
        o.f.refs = super::xref::cross_refs(&text)
            .into_iter()
            .filter(|r| r.round.is_some())
            .collect();
        self.findings.push(o.f);
    }

    #[allow(clippy::too_many_arguments)]
    fn open(
        &mut self,
        cx: &mut Ctx<'_>,
        lead: &[Ev<'_>],
        si: usize,
        shape: &Shape,
        container: Range<usize>,
        indent: usize,
        severity: Severity,
        id: String,
    ) -> Option<Open> {
        let src = cx.src;
        let Some(head) = read_head(src, lead, si, shape, container.end, self.families) else {
            cx.error(
                container.start,
                "a finding's bold title is not closed; the finding was skipped",
            );
            return None;
        };
        let start = container.start;
        let id = self.unique_id(cx, id, start);
        let mut f = Finding {
            title: head.title,
            title_md: head.title_md,
            kinds: head.rest.kinds,
            locations: head.rest.locations,
            agents: head.rest.agents,
            later_passes: head.rest.passes,
            line: cx.line(start),
            ..Finding::new(id, severity)
        };
        for (st, note) in head.notes.into_iter().chain(head.rest.notes) {
            f.status = st;
            f.status_note = Some(note);
        }
        if f.title.is_empty() {
            cx.warn(start, "a finding has an empty title");
        }
        Some(Open {
            f,
            start,
            body_start: head.body_start,
            end: container.end,
            indent,
            item_end: container.end,
        })
    }

    /// Findings of one Critical / Important / Suggestions section.
    pub fn severity_section(
        &mut self,
        cx: &mut Ctx<'_>,
        outline: &Outline<'_>,
        blocks: &[Block<'_>],
        severity: Severity,
        heading: &str,
    ) {
        let letter = severity.letter();
        let mut num = Numbering::default();
        let mut open: Option<Open> = None;
        let mut loose: Vec<&Block<'_>> = Vec::new();
        for b in blocks {
            match b.kind {
                Kind::Rule => continue,
                Kind::Paragraph => {
                    if let Some((sh, si)) = shape(&b.inline) {
                        let id = match &sh {
                            Shape::Id(id) => {
                                self.g4 = true;
                                num.has_id = true;
                                let n: u64 = id[1..].parse().unwrap_or(0);
                                if !id.starts_with(letter) {
                                    cx.warn(
                                        b.range.start,
                                        &format!("finding {id} is listed under {heading}"),
                                    );
                                } else if n != num.last_id + 1 {
                                    cx.warn(
                                        b.range.start,
                                        &format!(
                                            "finding {id} follows {letter}{} (numbering gap)",
                                            num.last_id
                                        ),
                                    );
                                }
                                num.last_id = n;
                                Some(id.clone())
                            }
                            Shape::Tagged => Some(format!("{letter}{}", num.count + 1)),
                            Shape::Struck(n) => {
                                num.last = num.last.max(*n);
                                Some(format!("{letter}{}", num.count + 1))
                            }
                            Shape::Bold => None,
                        };
                        if let Some(id) = id {
                            let prev = open.take();
                            self.close(cx, outline, prev);
                            open =
                                self.open(cx, &b.inline, si, &sh, b.range.clone(), 0, severity, id);
                            if open.is_some() {
                                num.count += 1;
                                if let (Some(o), Shape::Id(_)) = (&open, &sh) {
                                    if o.f.agents.is_empty() {
                                        cx.warn(
                                            o.start,
                                            &format!("finding {} names no agents", o.f.id),
                                        );
                                    }
                                }
                            }
                            continue;
                        }
                    }
                }
                Kind::List(Some(start)) if !num.has_id => {
                    let mut list_is_findings = false;
                    for (k, item) in b.items.iter().enumerate() {
                        let n = start + k as u64;
                        let Some((sh, si)) = shape(&item.lead) else {
                            if list_is_findings {
                                extend(&mut open, item.range.end);
                            }
                            continue;
                        };
                        let indent = item
                            .lead
                            .first()
                            .map_or(0, |(_, r)| r.start.saturating_sub(item.range.start));
                        let accept = match sh {
                            Shape::Bold => {
                                (k == 0 || list_is_findings)
                                    && if n == num.last + 1
                                        || (n == num.last_open + 1 && num.last_open < num.last)
                                    {
                                        true
                                    } else if n > num.last + 1 {
                                        let le =
                                            line_end(cx.src, item.lead[si].1.end, item.range.end);
                                        let rest = parse_rest(
                                            slice(cx.src, item.lead[si].1.end..le),
                                            self.families,
                                        );
                                        let ok =
                                            !rest.agents.is_empty() || !rest.locations.is_empty();
                                        if ok {
                                            cx.warn(item.range.start, &format!(
                                                "finding {n} follows finding {} in {heading} (numbering gap)", num.last));
                                        }
                                        ok
                                    } else {
                                        false
                                    }
                            }
                            Shape::Tagged | Shape::Id(_) | Shape::Struck(_) => true,
                        };
                        if !accept {
                            if k == 0 && open.is_none() {
                                loose.push(b);
                                break;
                            }
                            extend(&mut open, item.range.end);
                            if k == 0 {
                                // A numbered sub-list inside the previous finding's body.
                                extend(&mut open, b.range.end);
                                break;
                            }
                            continue;
                        }
                        list_is_findings = true;
                        num.last = num.last.max(n);
                        num.last_open = n;
                        let id = match &sh {
                            Shape::Id(id) => id.clone(),
                            _ => format!("{letter}{}", num.count + 1),
                        };
                        let prev = open.take();
                        self.close(cx, outline, prev);
                        open = self.open(
                            cx,
                            &item.lead,
                            si,
                            &sh,
                            item.range.clone(),
                            indent,
                            severity,
                            id,
                        );
                        if open.is_some() {
                            num.count += 1;
                        }
                    }
                    continue;
                }
                _ => {}
            }
            if open.is_some() {
                extend(&mut open, b.range.end);
            } else {
                loose.push(b);
            }
        }
        let last = open.take();
        self.close(cx, outline, last);
        self.keep_loose(cx, &loose, heading);
    }

    /// Content of a findings section that is not a finding (other than `None.`) becomes a section.
    fn keep_loose(&mut self, cx: &mut Ctx<'_>, loose: &[&Block<'_>], heading: &str) {
        let src = cx.src;
        let parts: Vec<&str> = loose
            .iter()
            .map(|b| slice(src, b.range.clone()).trim())
            .filter(|t| !t.is_empty())
            .collect();
        if parts.is_empty() {
            return;
        }
        let joined = parts.join("\n\n");
        let plain = plain_md(&joined).to_ascii_lowercase();
        if plain == "none" || plain == "none." {
            return;
        }
        self.sections.push(Section {
            id: slugify(heading),
            heading: heading.to_string(),
            body_md: joined,
        });
    }

    /// Design Observations: concerns (or every item when unsplit) → findings, strengths → strengths.
    pub fn design_section(
        &mut self,
        cx: &mut Ctx<'_>,
        outline: &Outline<'_>,
        blocks: &[Block<'_>],
        heading: &str,
    ) {
        let mut strengths_mode = false;
        // The open item and whether a paragraph (not a list item) started it.
        let mut open: Option<(DItem, bool)> = None;
        let mut loose: Vec<&Block<'_>> = Vec::new();
        for b in blocks {
            match b.kind {
                Kind::Heading(_) => {
                    let t = super::sections::normalize(&plain_events(&b.inline));
                    self.finish_design(cx, outline, open.take());
                    if t.starts_with("concern") {
                        strengths_mode = false;
                    } else if t.starts_with("strength") {
                        strengths_mode = true;
                    } else {
                        loose.push(b);
                    }
                    continue;
                }
                Kind::Rule => continue,
                Kind::Paragraph => {
                    let only_strong = !b.truncated
                        && matches!(b.inline.first(), Some((Event::Start(Tag::Strong), _)))
                        && strong_end(&b.inline, 0) == Some(b.inline.len() - 1);
                    let label = if only_strong {
                        plain_events(&b.inline)
                            .trim_end_matches(':')
                            .trim()
                            .to_ascii_lowercase()
                    } else {
                        String::new()
                    };
                    if only_strong && (label == "concerns" || label == "strengths") {
                        self.finish_design(cx, outline, open.take());
                        strengths_mode = label == "strengths";
                        continue;
                    }
                    // `**Outcome:** both skipped as future work.` after the items: a note on
                    // the section, not an item of its own.
                    if label_lead(&b.inline) && !self.has_design_marks(cx.src, &b.inline) {
                        self.finish_design(cx, outline, open.take());
                        loose.push(b);
                        continue;
                    }
                    if design_item_start(&b.inline) {
                        self.finish_design(cx, outline, open.take());
                        open = self
                            .design_item(cx, &b.inline, b.range.clone(), 0, strengths_mode)
                            .map(|i| (i, true));
                        continue;
                    }
                }
                Kind::List(_)
                    if !matches!(open, Some((_, true)))
                        || b.items
                            .first()
                            .is_some_and(|i| self.has_design_marks(cx.src, &i.lead)) =>
                {
                    for item in &b.items {
                        self.finish_design(cx, outline, open.take());
                        let indent = item
                            .lead
                            .first()
                            .map_or(0, |(_, r)| r.start.saturating_sub(item.range.start));
                        open = self
                            .design_item(cx, &item.lead, item.range.clone(), indent, strengths_mode)
                            .map(|i| (i, false));
                    }
                    continue;
                }
                _ => {}
            }
            match open.as_mut() {
                Some((DItem::Finding(o), _)) => o.end = o.end.max(b.range.end),
                Some((DItem::Strength { end, .. }, _)) => *end = (*end).max(b.range.end),
                None => loose.push(b),
            }
        }
        self.finish_design(cx, outline, open.take());
        self.keep_loose(cx, &loose, heading);
    }

    fn finish_design(
        &mut self,
        cx: &mut Ctx<'_>,
        outline: &Outline<'_>,
        item: Option<(DItem, bool)>,
    ) {
        match item {
            Some((DItem::Finding(o), _)) => self.close(cx, outline, Some(*o)),
            Some((
                DItem::Strength {
                    start,
                    end,
                    indent,
                    item_end,
                    agents,
                },
                _,
            )) => {
                let text = item_text(cx.src, start..end, indent, item_end);
                // The agents become pills: their `[Agent]` bracket leaves the text.
                self.strengths.push(Strength {
                    text_md: without_agent_bracket(text.trim(), &agents),
                    agents,
                });
            }
            None => {}
        }
    }

    /// Does a lead carry a scope tag or an agent bracket (a design item, not a body's sub-list)?
    fn has_design_marks(&self, src: &str, lead: &[Ev<'_>]) -> bool {
        let (Some(first), Some(last)) = (lead.first(), lead.last()) else {
            return false;
        };
        let mut scan = Rest::default();
        for tok in groups(slice(src, first.1.start..last.1.end)) {
            let t = match tok.t {
                T::Code(c) => as_group(c).unwrap_or(tok.t),
                t => t,
            };
            handle_group(t, self.families, &mut scan);
        }
        !scan.agents.is_empty() || !scan.kinds.is_empty()
    }

    /// One design item: a finding (concern, or any item when unsplit) or a strength.
    fn design_item(
        &mut self,
        cx: &mut Ctx<'_>,
        lead: &[Ev<'_>],
        container: Range<usize>,
        indent: usize,
        strength: bool,
    ) -> Option<DItem> {
        let src = cx.src;
        let lead_start = lead
            .first()
            .map_or(container.start + indent, |(_, r)| r.start);
        let lead_end = lead.last().map_or(lead_start, |(_, r)| r.end);
        // Agents and scope tags anywhere in the lead paragraph.
        let mut scan = Rest::default();
        for tok in groups(slice(src, lead_start..lead_end)) {
            let t = match tok.t {
                T::Code(c) => as_group(c).unwrap_or(tok.t),
                t => t,
            };
            handle_group(t, self.families, &mut scan);
        }
        if strength {
            return Some(DItem::Strength {
                start: lead_start,
                end: container.end,
                indent,
                item_end: container.end,
                agents: scan.agents,
            });
        }
        let mut i = 0;
        let mut id = None;
        if let Some((Event::Text(t), _)) = lead.first() {
            if let Some((Some('D'), n)) = numbered_prefix(t) {
                id = Some(format!("D{n}"));
                i = 1;
            }
        }
        let skip_space = |mut i: usize| {
            while matches!(lead.get(i), Some((Event::Text(t), _)) if t.trim().is_empty()) {
                i += 1;
            }
            i
        };
        i = skip_space(i);
        // `**(future)** …`: a scope tag in bold before the title.
        if matches!(lead.get(i), Some((Event::Start(Tag::Strong), _))) {
            if let Some(se) = strong_end(lead, i) {
                let p = plain_events(&lead[i + 1..se]);
                let tag = p.strip_prefix('(').and_then(|p| p.strip_suffix(')'));
                if let Some(k) = tag.and_then(parse_kind_tag) {
                    push_unique(&mut scan.kinds, k);
                    i = skip_space(se + 1);
                }
            }
        }
        let (mut title, mut title_md, body_start);
        let mut notes = Vec::new();
        match lead.get(i) {
            Some((Event::Start(Tag::Strong), outer)) => {
                let end = strong_end(lead, i)?;
                let inner = outer.start + 2..outer.end.saturating_sub(2).max(outer.start + 2);
                title = plain_events(&lead[i + 1..end]);
                title_md = slice(src, inner).trim().to_string();
                if let Some(w) = title.split_whitespace().next() {
                    if let Some((Some('D'), n)) = numbered_prefix(w) {
                        id = Some(format!("D{n}"));
                        title = title[w.len()..].trim().to_string();
                        let mw = title_md.split_whitespace().next().unwrap_or("").len();
                        title_md = title_md[mw..].trim().to_string();
                    }
                }
                if let Some((t, k)) = strip_trailing_tag(&title) {
                    push_unique(&mut scan.kinds, k);
                    title = t;
                    if let Some((m, _)) = strip_trailing_tag(&title_md) {
                        title_md = m;
                    }
                }
                let le = line_end(src, outer.end, container.end);
                let rest = parse_rest(slice(src, outer.end..le), self.families);
                push_unique(&mut scan.agents, rest.agents);
                push_unique(&mut scan.kinds, rest.kinds);
                scan.passes.extend(rest.passes);
                notes = rest.notes;
                body_start = match rest.stop {
                    Some(off) => outer.end + off,
                    None => (le + 1).min(container.end.max(le)),
                };
            }
            other => {
                let start = other.map_or(lead_end, |(_, r)| r.start);
                title = plain_title(slice(src, start..lead_end), self.families);
                title_md = title.clone();
                body_start = start;
            }
        }
        self.design_count += 1;
        let id = id.unwrap_or_else(|| format!("D{}", self.design_count));
        let id = self.unique_id(cx, id, container.start);
        let mut f = Finding {
            title,
            title_md,
            kinds: scan.kinds,
            agents: scan.agents,
            later_passes: scan.passes,
            line: cx.line(container.start),
            ..Finding::new(id, Severity::Design)
        };
        for (st, note) in notes {
            f.status = st;
            f.status_note = Some(note);
        }
        Some(DItem::Finding(Box::new(Open {
            f,
            start: container.start,
            body_start,
            end: container.end,
            indent,
            item_end: container.end,
        })))
    }
}

/// An open design item.
enum DItem {
    Finding(Box<Open>),
    Strength {
        start: usize,
        end: usize,
        indent: usize,
        item_end: usize,
        agents: Vec<String>,
    },
}

/// `text` without the first `[A, B]` bracket that names exactly `agents` (and the space before
/// it); unchanged when there is none or `agents` is empty.
pub(crate) fn without_agent_bracket(text: &str, agents: &[String]) -> String {
    if agents.is_empty() {
        return text.to_string();
    }
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|i| i + from) {
        let Some(close) = text[open..].find(']').map(|i| i + open) else {
            break;
        };
        let inner: Vec<&str> = text[open + 1..close]
            .split([',', ';'])
            .map(|p| p.trim().trim_matches('`').trim())
            .filter(|p| !p.is_empty())
            .collect();
        let names_them = inner.len() == agents.len()
            && inner.iter().all(|p| agents.iter().any(|a| a == p))
            // Not a link's text: `[Claude](…)`.
            && !text[close + 1..].starts_with('(');
        if names_them {
            let head = text[..open].trim_end();
            let tail = &text[close + 1..];
            let sep = if head.is_empty() || tail.starts_with(char::is_whitespace) || tail.is_empty()
            {
                ""
            } else {
                " "
            };
            return format!("{head}{sep}{tail}").trim().to_string();
        }
        from = close + 1;
    }
    text.to_string()
}

/// Source text of a finding's or item's body: lines inside the list item (up to `item_end`)
/// lose the item's indentation, blocks after the list stay as written.
fn item_text(src: &str, range: Range<usize>, indent: usize, item_end: usize) -> String {
    if range.start >= range.end {
        return String::new();
    }
    let split = item_end.clamp(range.start, range.end);
    let mut b = dedent(slice(src, range.start..split), indent);
    b.push_str(slice(src, split..range.end));
    b
}

/// `Native probe … retries (in-scope)` → (`Native probe … retries`, [in-scope]).
fn strip_trailing_tag(s: &str) -> Option<(String, Vec<String>)> {
    let t = s.trim_end().trim_end_matches(['*', '_', '`']);
    let inner_end = t.strip_suffix(')')?;
    let open = inner_end.rfind('(')?;
    let kinds = parse_kind_tag(&inner_end[open + 1..])?;
    let head = inner_end[..open]
        .trim_end()
        .trim_end_matches(['*', '_', '`'])
        .trim_end();
    Some((head.to_string(), kinds))
}

/// The title of a design item without a bold title: its text up to the first ` — ` or through
/// the end of its first sentence, without agent brackets and scope tags.
fn plain_title(md: &str, fam: &Families) -> String {
    let mut cleaned = String::with_capacity(md.len());
    let mut last = 0;
    for tok in tokens(md) {
        let t = match tok.t {
            T::Code(c) => as_group(c).unwrap_or(tok.t),
            t => t,
        };
        let drop = match t {
            T::Bracket(inner) => fam.agents_in(inner).is_some(),
            T::Paren(inner) => parse_kind_tag(inner).is_some(),
            _ => false,
        };
        if drop {
            let b = md.as_bytes();
            let mut start = tok.start;
            while start > last && matches!(b[start - 1], b'*' | b'_' | b'`') {
                start -= 1;
            }
            let mut end = tok.end;
            while end < md.len() && matches!(b[end], b'*' | b'_' | b'`') {
                end += 1;
            }
            cleaned.push_str(slice(md, last..start));
            cleaned.truncate(cleaned.trim_end().len());
            last = end;
        }
    }
    cleaned.push_str(slice(md, last..md.len()));
    first_sentence(&plain_md(&cleaned))
}

/// Text up to the first ` — ` (exclusive) or through the end of the first sentence (`.`, `?`,
/// `!` with closing quotes or brackets, before white space or the end).
fn first_sentence(plain: &str) -> String {
    let dash = plain.find(" — ").unwrap_or(plain.len());
    let b = plain.as_bytes();
    let mut end = plain.len();
    for (i, c) in plain.char_indices() {
        if i >= dash {
            break;
        }
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        let mut j = i + 1;
        while j < b.len() && matches!(b[j], b'"' | b'\'' | b')' | b']' | b'*') {
            j += 1;
        }
        if j < b.len() && b[j] != b' ' {
            continue;
        }
        // `"… be?" and "…"`: a lower-case word after the mark continues the sentence.
        if j > i + 1
            && plain[j..]
                .trim_start()
                .starts_with(|c: char| c.is_lowercase())
        {
            continue;
        }
        let before = &plain[..i];
        let word = before.rsplit(' ').next().unwrap_or("");
        if c == '.' && matches!(word, "e.g" | "i.e" | "vs" | "cf" | "etc") {
            continue;
        }
        end = j;
        break;
    }
    plain[..end.min(dash)].trim().to_string()
}

fn extend(open: &mut Option<Open>, end: usize) {
    if let Some(o) = open {
        o.end = o.end.max(end);
    }
}

/// Does a paragraph open with a bold label (`**Outcome:** …`, `**Note:** …`): a word or two
/// ending in a colon?
fn label_lead(lead: &[Ev<'_>]) -> bool {
    if !matches!(lead.first(), Some((Event::Start(Tag::Strong), _))) {
        return false;
    }
    let Some(end) = strong_end(lead, 0) else {
        return false;
    };
    let label = plain_events(&lead[1..end]);
    let label = label.trim();
    label.ends_with(':') && label.split_whitespace().count() <= 2
}

/// Does a design paragraph start an item (`**Title** …`, `D1. **Title**`, `**(future)** …`)?
fn design_item_start(lead: &[Ev<'_>]) -> bool {
    match lead.first() {
        Some((Event::Start(Tag::Strong), _)) => true,
        Some((Event::Text(t), _)) => {
            matches!(numbered_prefix(t), Some((Some('D'), _)))
                && matches!(lead.get(1), Some((Event::Start(Tag::Strong), _)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::without_agent_bracket;

    #[test]
    fn strength_text_loses_the_bracket_its_pills_show() {
        let a = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            without_agent_bracket(
                "**Lifecycle is explicit** [Codex GPT 5.5] — restarts on change.",
                &a(&["Codex GPT 5.5"])
            ),
            "**Lifecycle is explicit** — restarts on change."
        );
        assert_eq!(
            without_agent_bracket(
                "Nice thing. [Claude Opus 4.6, Gemini 3.1 Pro]",
                &a(&["Claude Opus 4.6", "Gemini 3.1 Pro"])
            ),
            "Nice thing."
        );
        assert_eq!(
            without_agent_bracket("See [Claude](https://x) notes [Claude]", &a(&["Claude"])),
            "See [Claude](https://x) notes"
        );
        assert_eq!(
            without_agent_bracket("Keeps [other] text", &a(&["Claude"])),
            "Keeps [other] text"
        );
        assert_eq!(
            without_agent_bracket("No agents [Claude]", &[]),
            "No agents [Claude]"
        );
    }
}
