//! The single pass over pulldown-cmark's event stream: top-level blocks with their source
//! ranges and the inline events the rest of the parser needs (headings, paragraph and list-item
//! leads, table cells), plus per-paragraph sightings of `(severity, kind)` tags and resolution
//! labels. Everything later works on this outline and on source slices; nothing re-parses the
//! document.

use super::cmark::{self, is_inline_end, is_inline_tag};
use super::inline::{kind_tag_at_end, plain_events, status_label};
use crate::model::Status;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

pub(crate) use super::cmark::Ev;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Heading(u8),
    Paragraph,
    /// The start number of an ordered list.
    List(Option<u64>),
    Table,
    Code,
    Rule,
    Other,
}

/// One top-level block.
#[derive(Debug)]
pub(crate) struct Block<'a> {
    pub kind: Kind,
    pub range: Range<usize>,
    /// Inline events of a heading or paragraph (not kept for appendix paragraphs).
    pub inline: Vec<Ev<'a>>,
    /// Items of a list, with their leads.
    pub items: Vec<Item<'a>>,
    /// Rows of a table; row 0 is the header row.
    pub rows: Vec<Vec<Cell<'a>>>,
    /// A paragraph's `inline` holds only its lead: the events up to the first line break
    /// outside bold/strikethrough, or nothing when it opens with plain text.
    pub truncated: bool,
}

#[derive(Debug)]
pub(crate) struct Item<'a> {
    pub range: Range<usize>,
    /// Inline events of the item's first paragraph (or of its tight text).
    pub lead: Vec<Ev<'a>>,
}

#[derive(Debug)]
pub(crate) struct Cell<'a> {
    pub range: Range<usize>,
    pub inline: Vec<Ev<'a>>,
}

/// A `(severity, kind)` tag closing a paragraph.
#[derive(Debug)]
pub(crate) struct TagSighting {
    pub pos: usize,
    pub kinds: Vec<String>,
}

/// A paragraph that starts with a resolution label (`**Fixed.**`, `**Skipped.**`, `Deferred:` …).
#[derive(Debug)]
pub(crate) struct Mark {
    pub pos: usize,
    pub status: Status,
    /// The label without decoration: `Fixed`, `Skipped` …
    pub label: &'static str,
    /// The paragraph's text after the label.
    pub rest: Range<usize>,
}

#[derive(Debug, Default)]
pub(crate) struct Outline<'a> {
    pub blocks: Vec<Block<'a>>,
    pub tags: Vec<TagSighting>,
    pub marks: Vec<Mark>,
    /// Index of the first block of the appendix (its heading).
    pub appendix: Option<usize>,
}

/// Where inline events currently go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cap {
    None,
    /// The current top-level heading.
    Block,
    /// The lead of the current top-level paragraph (see [`Block::truncated`]).
    Lead,
    /// The lead of the current list item (tight text or its first paragraph).
    ItemLead,
    /// The current table cell.
    Cell,
}

/// Is this heading text the start of the appendix (`Appendix: …`, `Appendix A: …`, `4. Appendix: …`)?
pub(crate) fn is_appendix_heading(text: &str) -> bool {
    let t = super::inline::strip_numbering(text);
    t.get(..8)
        .is_some_and(|p| p.eq_ignore_ascii_case("appendix"))
}

/// Text opening a paragraph that may be a finding id (`I1. `, `D2. `).
fn id_opening(t: &str) -> bool {
    let b = t.as_bytes();
    matches!(b.first(), Some(b'C' | b'I' | b'S' | b'D')) && b.get(1).is_some_and(u8::is_ascii_digit)
}

/// Run the single pass.
pub(crate) fn build<'a>(src: &'a str) -> Outline<'a> {
    let mut o = Outline::default();
    let mut depth = 0usize;
    let mut cap = Cap::None;
    // List item lead state: the item accepts events while `item_open`; the lead closes at the
    // first nested block (tight items) or at the end of the first paragraph.
    let mut item_lead_open = false;
    let mut in_appendix = false;
    let mut keep_tables_in_appendix = false;
    let mut seen_h1 = false;
    // Bold/strikethrough nesting in the current paragraph's lead.
    let mut lead_depth = 0u32;

    let source = cmark::Source::for_outline(src);
    let mut step = |ev: Event<'a>, range: Range<usize>| {
        // Most events are text outside anything captured: nothing to do.
        if cap == Cap::None && matches!(ev, Event::Text(_) | Event::Code(_) | Event::SoftBreak) {
            return;
        }
        match ev {
            Event::Start(ref tag) if !is_inline_tag(tag) => {
                if depth == 0 {
                    let kind = match tag {
                        Tag::Heading { level, .. } => Kind::Heading(*level as u8),
                        Tag::Paragraph => Kind::Paragraph,
                        Tag::List(start) => Kind::List(*start),
                        Tag::Table(_) => Kind::Table,
                        Tag::CodeBlock(_) => Kind::Code,
                        _ => Kind::Other,
                    };
                    cap = match kind {
                        Kind::Heading(_) => Cap::Block,
                        Kind::Paragraph if !in_appendix => Cap::Lead,
                        _ => Cap::None,
                    };
                    o.blocks.push(Block {
                        kind,
                        range: range.clone(),
                        inline: Vec::new(),
                        items: Vec::new(),
                        rows: Vec::new(),
                        truncated: false,
                    });
                    lead_depth = 0;
                } else if let Some(top) = o.blocks.last_mut() {
                    match (top.kind, depth, tag) {
                        (Kind::List(_), 1, Tag::Item) if !in_appendix => {
                            top.items.push(Item {
                                range: range.clone(),
                                lead: Vec::new(),
                            });
                            item_lead_open = true;
                            cap = Cap::ItemLead;
                        }
                        (Kind::List(_), 2, Tag::Paragraph)
                            if item_lead_open
                                && top.items.last().is_some_and(|i| i.lead.is_empty()) =>
                        {
                            cap = Cap::ItemLead;
                        }
                        (Kind::List(_), _, _) => {
                            // Any other nested block ends the item's lead.
                            item_lead_open = false;
                            cap = Cap::None;
                        }
                        (Kind::Table, 1, Tag::TableHead | Tag::TableRow)
                            if !in_appendix || keep_tables_in_appendix =>
                        {
                            top.rows.push(Vec::new());
                        }
                        (Kind::Table, 2, Tag::TableCell) => {
                            if let Some(row) = top.rows.last_mut() {
                                row.push(Cell {
                                    range: range.clone(),
                                    inline: Vec::new(),
                                });
                                cap = Cap::Cell;
                            }
                        }
                        _ => {}
                    }
                }
                if matches!(tag, Tag::Paragraph) && !in_appendix {
                    sight_paragraph(src, range.clone(), &mut o);
                }
                depth += 1;
            }
            Event::End(ref tag) if !is_inline_end(tag) => {
                depth = depth.saturating_sub(1);
                match depth {
                    0 => {
                        cap = Cap::None;
                        item_lead_open = false;
                        if let (TagEnd::Heading(level), Some(block)) = (tag, o.blocks.last()) {
                            let level = *level as u8;
                            let text = plain_events(&block.inline);
                            if level == 1 && !seen_h1 {
                                seen_h1 = true;
                            } else if level <= 2 {
                                if !in_appendix && is_appendix_heading(&text) {
                                    in_appendix = true;
                                    o.appendix = Some(o.blocks.len() - 1);
                                }
                                keep_tables_in_appendix =
                                    in_appendix && super::inline::normalize(&text) == "resolution";
                            }
                        }
                    }
                    1 if matches!(tag, TagEnd::Item) => {
                        item_lead_open = false;
                        cap = Cap::None;
                    }
                    2 if matches!(tag, TagEnd::Paragraph) && cap == Cap::ItemLead => {
                        item_lead_open = false;
                        cap = Cap::None;
                    }
                    2 if matches!(tag, TagEnd::TableCell) => cap = Cap::None,
                    _ => {}
                }
            }
            Event::Rule if depth == 0 => o.blocks.push(Block {
                kind: Kind::Rule,
                range,
                inline: Vec::new(),
                items: Vec::new(),
                rows: Vec::new(),
                truncated: false,
            }),
            ev => {
                if cap == Cap::None {
                    return;
                }
                let Some(top) = o.blocks.last_mut() else {
                    return;
                };
                match cap {
                    Cap::Block => top.inline.push((ev, range)),
                    Cap::Lead => {
                        let stop = match &ev {
                            Event::Text(t) if top.inline.is_empty() => !id_opening(t),
                            Event::SoftBreak | Event::HardBreak => lead_depth == 0,
                            Event::Start(Tag::Strong | Tag::Strikethrough) => {
                                lead_depth += 1;
                                false
                            }
                            Event::End(TagEnd::Strong | TagEnd::Strikethrough) => {
                                lead_depth = lead_depth.saturating_sub(1);
                                false
                            }
                            _ => false,
                        };
                        if stop {
                            top.truncated = true;
                            cap = Cap::None;
                        } else {
                            top.inline.push((ev, range));
                        }
                    }
                    Cap::ItemLead => {
                        if let Some(item) = top.items.last_mut() {
                            item.lead.push((ev, range));
                        }
                    }
                    Cap::Cell => {
                        if let Some(cell) = top.rows.last_mut().and_then(|r| r.last_mut()) {
                            cell.inline.push((ev, range));
                        }
                    }
                    Cap::None => {}
                }
            }
        }
    };
    // Pulldown-cmark's own iterator when the text was not changed (the common case), without
    // the wrapper's dispatch and copy per event.
    match source.events(cmark::options()) {
        cmark::SourceEvents::Direct(events) => events.for_each(|(ev, range)| step(ev, range)),
        events => events.for_each(|(ev, range)| step(ev, range)),
    }
    o
}

/// Record a paragraph's closing `(severity, kind)` tag and a leading resolution label.
fn sight_paragraph(src: &str, range: Range<usize>, o: &mut Outline<'_>) {
    let Some(text) = src.get(range.clone()) else {
        return;
    };
    if let Some(kinds) = kind_tag_at_end(text) {
        o.tags.push(TagSighting {
            pos: range.start,
            kinds,
        });
    }
    if let Some((status, label, skip)) = status_label(text) {
        o.marks.push(Mark {
            pos: range.start,
            status,
            label,
            rest: range.start + skip..range.end,
        });
    }
}
