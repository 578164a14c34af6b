//! Markdown report → [`Review`], driven by pulldown-cmark's event stream with offsets.
//!
//! One pass over the events builds an outline of top-level blocks ([`outline`](super::outline));
//! the title and header come first, then the consolidated sections up to the Appendix heading,
//! then the appendix and a report-level `## Resolution` after it. Everything taken verbatim
//! (`body_md`, `title_md`, section bodies) is a slice of the source.

use super::ctx::Ctx;
use super::findings::Collector;
use super::inline::{plain_events, Families};
use super::outline::{self, Block, Kind};
use super::sections::{self, body_of, classify, slugify, SecKind};
use super::{header, retro, ParseError};
use crate::model::{Review, Section};
use std::collections::{HashMap, HashSet};

/// The H1 prefixes of Deep Reviews.
const TITLE_PREFIXES: [&str; 2] = ["Deep Review:", "Deep Code Review:"];
/// The H1 prefixes of other documents that live next to them.
const OTHER_KINDS: [&str; 2] = ["Supply Chain Scan", "CI Failures"];

/// Parse a Markdown Deep Review.
pub fn parse_markdown(text: &str) -> Result<Review, ParseError> {
    if text.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let outline = outline::build(text);
    let blocks = &outline.blocks;
    let not_a_review = |kind: Option<String>| ParseError::NotADeepReview {
        kind,
        first_line: super::first_line(text),
    };
    let Some(h) = blocks
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(_)))
    else {
        return Err(not_a_review(None));
    };
    let title = plain_events(&blocks[h].inline);
    let prefix = TITLE_PREFIXES
        .iter()
        .find(|p| title.starts_with(*p))
        .filter(|_| blocks[h].kind == Kind::Heading(1));
    let Some(prefix) = prefix else {
        let kind = OTHER_KINDS
            .iter()
            .find(|k| title.starts_with(&format!("{k}:")) && blocks[h].kind == Kind::Heading(1))
            .map(|k| k.to_string());
        return Err(not_a_review(kind));
    };

    let mut cx = Ctx::new(text);
    let mut review = Review {
        slug: title[prefix.len()..].trim().to_string(),
        title: title.clone(),
        ..Review::default()
    };
    if review.slug.is_empty() {
        cx.warn(
            blocks[h].range.start,
            "the title names no report (`# Deep Review: <slug>`)",
        );
    }

    let cons_end = outline.appendix.unwrap_or(blocks.len());
    let first_section = blocks[h + 1..cons_end]
        .iter()
        .position(|b| matches!(b.kind, Kind::Heading(_)))
        .map_or(cons_end, |p| p + h + 1);
    review.meta = header::parse_header(&mut cx, &blocks[h + 1..first_section]);
    let families = Families::new(review.meta.reviewers.iter().map(|r| r.name.as_str()));

    let mut collector = Collector::new(&families);
    let mut resolution_rows = Vec::new();
    let mut ids = HashSet::new();
    let mut next_suffix: HashMap<String, usize> = HashMap::new();
    let mut add_section = |sections: &mut Vec<Section>, heading: &str, body: &str| {
        let base = slugify(heading);
        let mut id = base.clone();
        if !ids.insert(id.clone()) {
            let n = next_suffix.entry(base.clone()).or_insert(2);
            loop {
                id = format!("{base}-{n}");
                *n += 1;
                if ids.insert(id.clone()) {
                    break;
                }
            }
        }
        sections.push(Section {
            id,
            heading: heading.to_string(),
            body_md: body.to_string(),
        });
    };

    for sec in split_sections(&blocks[first_section..cons_end], first_section) {
        let heading_block = &blocks[sec.heading];
        let heading = plain_events(&heading_block.inline);
        let body_blocks = &blocks[sec.body.clone()];
        let body = body_of(text, body_blocks);
        match sec.kind {
            SecKind::Wrapper => {
                if !body.is_empty() {
                    add_section(&mut review.sections, &heading, body);
                }
            }
            SecKind::Summary => append(&mut review.summary_md, body),
            SecKind::Severity(sev) => {
                let before = collector.sections.len();
                collector.severity_section(&mut cx, &outline, body_blocks, sev, &heading);
                for s in collector.sections.drain(before..).collect::<Vec<_>>() {
                    add_section(&mut review.sections, &s.heading, &s.body_md);
                }
            }
            SecKind::Design => {
                let before = collector.sections.len();
                collector.design_section(&mut cx, &outline, body_blocks, &heading);
                for s in collector.sections.drain(before..).collect::<Vec<_>>() {
                    add_section(&mut review.sections, &s.heading, &s.body_md);
                }
            }
            SecKind::Retro => {
                let mut r = retro::retro(text, body_blocks, &families);
                if review.retro.agents.is_empty() && review.retro.table.is_none() {
                    r.heading = heading.clone();
                    review.retro = r;
                } else {
                    // A second retro section: its parts follow the first's, in its order.
                    let base = review.retro.agents.len();
                    let had_table = review.retro.table.is_some();
                    for part in r.order {
                        review.retro.order.push(match part {
                            crate::model::RetroPart::Agent { index } => {
                                crate::model::RetroPart::Agent {
                                    index: index + base,
                                }
                            }
                            crate::model::RetroPart::Table { .. } if had_table => continue,
                            other => other,
                        });
                    }
                    review.retro.agents.extend(r.agents);
                    if review.retro.table.is_none() {
                        review.retro.table = r.table;
                    }
                    append(&mut review.retro.notes_md, &r.notes_md);
                }
            }
            SecKind::ProcessNotes => append(&mut review.process_notes_md, body),
            SecKind::Resolution => {
                resolution_rows.extend(sections::resolution_rows(&mut cx, body_blocks));
                add_section(&mut review.sections, &heading, body);
            }
            SecKind::Other(known) => {
                if !known {
                    cx.warn(
                        heading_block.range.start,
                        &format!("unrecognised section `{heading}`; kept as a plain section"),
                    );
                }
                add_section(&mut review.sections, &heading, body);
            }
        }
    }

    if let Some(a) = outline.appendix {
        // A report-level `## Resolution` (with an `Addressed` table) may follow the raw reviews.
        let mut end = blocks.len();
        let mut i = a + 1;
        while i < blocks.len() {
            let b = &blocks[i];
            if let Kind::Heading(l) = b.kind {
                let name = sections::normalize(&plain_events(&b.inline));
                if l <= 2 && name == "resolution" && sections::has_addressed_table(&blocks[i + 1..])
                {
                    let stop = blocks[i + 1..]
                        .iter()
                        .position(|b| matches!(b.kind, Kind::Heading(l) if l <= 2))
                        .map_or(blocks.len(), |p| p + i + 1);
                    end = end.min(i);
                    let body_blocks = &blocks[i + 1..stop];
                    resolution_rows.extend(sections::resolution_rows(&mut cx, body_blocks));
                    let heading = plain_events(&b.inline);
                    add_section(&mut review.sections, &heading, body_of(text, body_blocks));
                    i = stop;
                    continue;
                }
            }
            i += 1;
        }
        review.appendix = sections::appendix_entries(text, &blocks[a..end], &families);
    }

    let mut findings = std::mem::take(&mut collector.findings);
    sections::apply_resolution(&mut cx, &resolution_rows, &mut findings);
    review.findings = findings;
    review.strengths = std::mem::take(&mut collector.strengths);
    for t in super::cmark::big_tables(text) {
        cx.warn(
            t.delimiter,
            &format!(
                "a table of about {} cells is shown as text: tables of more than {} cells are not \
                 laid out (split it, or link to it as a file)",
                t.cells,
                super::cmark::MAX_TABLE_CELLS
            ),
        );
    }
    review.diagnostics = std::mem::take(&mut cx.diags);
    Ok(review)
}

fn append(to: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if !to.is_empty() {
        to.push_str("\n\n");
    }
    to.push_str(more);
}

/// A consolidated section: its heading block and the blocks of its body (indices into the
/// outline).
struct Sec {
    kind: SecKind,
    heading: usize,
    body: std::ops::Range<usize>,
}

/// Split the consolidated part into sections: H2s (and H1s), plus H3s under a wrapper
/// (`## Consolidated Review`) or H3s with a known section name under a findings/design/other
/// section (report generations switch heading levels mid-file).
fn split_sections(blocks: &[Block<'_>], offset: usize) -> Vec<Sec> {
    let mut out: Vec<Sec> = Vec::new();
    let mut in_wrapper = false;
    for (i, b) in blocks.iter().enumerate() {
        let idx = offset + i;
        if let Kind::Heading(level) = b.kind {
            let text = plain_events(&b.inline);
            let kind = classify(&text);
            let sub = sections::normalize(&text);
            let split = if level <= 2 {
                in_wrapper = kind == SecKind::Wrapper;
                true
            } else if level == 3 && !sub.starts_with("concern") && !sub.starts_with("strength") {
                let parent = out.last().map(|s| s.kind);
                in_wrapper
                    || (!matches!(kind, SecKind::Other(false) | SecKind::Wrapper)
                        && !matches!(parent, Some(SecKind::Retro | SecKind::ProcessNotes)))
            } else {
                false
            };
            if split {
                out.push(Sec {
                    kind,
                    heading: idx,
                    body: idx + 1..idx + 1,
                });
                continue;
            }
        }
        if let Some(last) = out.last_mut() {
            last.body.end = idx + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests;
