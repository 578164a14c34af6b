//! The parse worker's answer in parts (issue 11): the page reads a big report's JSON a part at a
//! time, with a yield to the browser between parts, instead of one serde read of the whole
//! report in one task (190–270 ms for a 5 MB report in the page, more for 100,000 locations).
//!
//! [`encode`] writes the review as frames: the review without its findings and long texts
//! (JSON), the findings in batches of about [`BATCH_BYTES`] of JSON each, then every long text
//! ([`LONG_TEXT`] bytes or more: a finding's, a section's or an appendix entry's Markdown) as
//! its raw UTF-8 bytes, which need no JSON unescaping. A frame is a 4-byte little-endian length
//! and its bytes; the first frame is a small JSON manifest saying what follows.
//! [`Decoder::step`] reads frames until about a budget of bytes is read; [`Decoder::finish`]
//! gives the same review [`super::read_review`] gives for the review's JSON.

use crate::model::{Finding, Review};
use serde::{Deserialize, Serialize};

/// About this many bytes of findings' JSON per batch (a whole finding always stays in one).
pub const BATCH_BYTES: usize = 64 * 1024;

/// Texts at least this long travel as raw bytes, outside the JSON.
pub const LONG_TEXT: usize = 16 * 1024;

/// Where a long text goes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Slot {
    /// `findings[i].body_md`
    Finding(usize),
    /// `sections[i].body_md`
    Section(usize),
    /// `appendix[i].body_md`
    Appendix(usize),
}

/// The first frame: how many finding batches follow the review's own frame, and where each
/// long text (one frame each, after the batches) goes.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Manifest {
    batches: usize,
    long: Vec<Slot>,
}

fn take_long(text: &mut String, slot: Slot, manifest: &mut Manifest, long: &mut Vec<String>) {
    if text.len() >= LONG_TEXT {
        manifest.long.push(slot);
        long.push(std::mem::take(text));
    }
}

fn push_frame(out: &mut Vec<u8>, bytes: &[u8]) {
    // Reports are at most 50 MB (MAX_INPUT_BYTES), so a frame's length fits in 32 bits.
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(bytes);
}

/// The review as frames (see the module documentation). Takes the review: its long texts move
/// into the frames without a copy of the whole report in between.
pub fn encode(mut review: Review) -> Vec<u8> {
    let mut manifest = Manifest::default();
    let mut long = Vec::new();
    let findings = std::mem::take(&mut review.findings);
    let mut batches: Vec<Vec<u8>> = Vec::new();
    let mut batch: Vec<Finding> = Vec::new();
    let mut batch_bytes = 0;
    let flush = |batch: &mut Vec<Finding>, batches: &mut Vec<Vec<u8>>| {
        if !batch.is_empty() {
            batches.push(serde_json::to_vec(&batch).expect("findings always serialize"));
            batch.clear();
        }
    };
    for (i, mut f) in findings.into_iter().enumerate() {
        take_long(&mut f.body_md, Slot::Finding(i), &mut manifest, &mut long);
        // A finding's JSON size, roughly: its texts and locations.
        batch_bytes += 200
            + f.body_md.len()
            + f.title_md.len() * 2
            + f.locations
                .iter()
                .map(|l| 60 + l.path.len() + l.text.len())
                .sum::<usize>();
        batch.push(f);
        if batch_bytes >= BATCH_BYTES {
            flush(&mut batch, &mut batches);
            batch_bytes = 0;
        }
    }
    flush(&mut batch, &mut batches);
    for (i, s) in review.sections.iter_mut().enumerate() {
        take_long(&mut s.body_md, Slot::Section(i), &mut manifest, &mut long);
    }
    for (i, a) in review.appendix.iter_mut().enumerate() {
        take_long(&mut a.body_md, Slot::Appendix(i), &mut manifest, &mut long);
    }
    manifest.batches = batches.len();
    let head = serde_json::to_vec(&review).expect("a Review always serializes");
    let manifest = serde_json::to_vec(&manifest).expect("a manifest always serializes");
    let size = 8 * (3 + batches.len() + long.len())
        + manifest.len()
        + head.len()
        + batches.iter().map(Vec::len).sum::<usize>()
        + long.iter().map(String::len).sum::<usize>();
    let mut out = Vec::with_capacity(size);
    push_frame(&mut out, &manifest);
    push_frame(&mut out, &head);
    for b in &batches {
        push_frame(&mut out, b);
    }
    for text in &long {
        push_frame(&mut out, text.as_bytes());
    }
    out
}

/// Reads [`encode`]'s frames a few at a time.
pub struct Decoder<'a> {
    rest: &'a [u8],
    manifest: Manifest,
    review: Option<Review>,
    batches_read: usize,
    long_read: usize,
}

fn unreadable(what: impl std::fmt::Display) -> String {
    format!("the parse worker's answer is unreadable: {what}")
}

impl<'a> Decoder<'a> {
    pub fn new(bytes: &'a [u8]) -> Result<Decoder<'a>, String> {
        let mut d = Decoder {
            rest: bytes,
            manifest: Manifest::default(),
            review: None,
            batches_read: 0,
            long_read: 0,
        };
        let first = d.frame()?;
        d.manifest = serde_json::from_slice(first).map_err(unreadable)?;
        Ok(d)
    }

    fn frame(&mut self) -> Result<&'a [u8], String> {
        let rest = self.rest;
        let (len, body) = rest
            .split_first_chunk::<4>()
            .ok_or_else(|| unreadable("a part is cut short"))?;
        let len = u32::from_le_bytes(*len) as usize;
        if body.len() < len {
            return Err(unreadable("a part is cut short"));
        }
        let (frame, rest) = body.split_at(len);
        self.rest = rest;
        Ok(frame)
    }

    /// Reads frames until at least `budget` bytes were read or all are; `Ok(true)` once the
    /// whole review is read.
    pub fn step(&mut self, budget: usize) -> Result<bool, String> {
        let mut read = 0;
        while read < budget && !self.done() {
            let frame = self.frame()?;
            read += frame.len() + 4;
            let Some(review) = self.review.as_mut() else {
                let review: Review = serde_json::from_slice(frame).map_err(unreadable)?;
                self.review = Some(review);
                continue;
            };
            if self.batches_read < self.manifest.batches {
                let batch: Vec<Finding> = serde_json::from_slice(frame).map_err(unreadable)?;
                review.findings.extend(batch);
                self.batches_read += 1;
                continue;
            }
            let text = std::str::from_utf8(frame).map_err(unreadable)?.to_string();
            let slot = self.manifest.long[self.long_read];
            self.long_read += 1;
            let target = match slot {
                Slot::Finding(i) => review.findings.get_mut(i).map(|f| &mut f.body_md),
                Slot::Section(i) => review.sections.get_mut(i).map(|s| &mut s.body_md),
                Slot::Appendix(i) => review.appendix.get_mut(i).map(|a| &mut a.body_md),
            };
            *target.ok_or_else(|| unreadable("a long text has no place"))? = text;
        }
        Ok(self.done())
    }

    fn done(&self) -> bool {
        self.review.is_some()
            && self.batches_read == self.manifest.batches
            && self.long_read == self.manifest.long.len()
    }

    /// The review, once [`Decoder::step`] said it is read; ids made unique as
    /// [`super::read_review`] makes them.
    pub fn finish(self) -> Result<Review, String> {
        if !self.done() {
            return Err(unreadable("it ends before the report does"));
        }
        let mut review = self.review.ok_or_else(|| unreadable("no report"))?;
        super::dedupe_ids(&mut review);
        Ok(review)
    }
}

/// The whole answer at once (tests; the page steps).
pub fn decode(bytes: &[u8]) -> Result<Review, String> {
    let mut d = Decoder::new(bytes)?;
    while !d.step(usize::MAX)? {}
    d.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AppendixEntry, Location, Section, Severity};

    fn review() -> Review {
        let mut r = Review {
            slug: "s".into(),
            title: "T".into(),
            summary_md: "summary".into(),
            ..Review::default()
        };
        for i in 0..300 {
            let mut f = Finding::new(format!("I{i}"), Severity::Important);
            f.title = format!("Finding {i} \"quoted\" é");
            f.body_md = if i % 100 == 7 {
                "long `body` with \"quotes\"\n and — dashes ".repeat(2_000)
            } else {
                format!("body {i}")
            };
            f.locations = (0..i)
                .map(|l| Location {
                    path: format!("src/m{i}/f{l}.rs"),
                    start_line: Some(l as u32 + 1),
                    end_line: None,
                    text: format!("src/m{i}/f{l}.rs:{}", l + 1),
                })
                .collect();
            r.findings.push(f);
        }
        r.sections.push(Section {
            id: "testing".into(),
            heading: "Testing".into(),
            body_md: "x".repeat(LONG_TEXT),
        });
        r.sections.push(Section {
            id: "short".into(),
            heading: "Short".into(),
            body_md: "short".into(),
        });
        r.appendix.push(AppendixEntry {
            body_md: "the agent's whole review\n".repeat(5_000),
            ..AppendixEntry::default()
        });
        r
    }

    #[test]
    fn the_review_comes_back_whole_in_parts() {
        let r = review();
        let bytes = encode(r.clone());
        let mut d = Decoder::new(&bytes).expect("a manifest");
        assert_eq!(
            d.manifest.long.len(),
            3 + 1 + 1,
            "three bodies, a section, the appendix"
        );
        assert!(d.manifest.batches > 10, "{} batches", d.manifest.batches);
        let mut steps = 0;
        while !d.step(BATCH_BYTES).expect("readable") {
            steps += 1;
        }
        assert!(steps > 10, "read in many steps, not one: {steps}");
        assert_eq!(d.finish().expect("whole"), r);
        assert_eq!(decode(&bytes).expect("whole"), r);
    }

    #[test]
    fn a_review_without_findings_or_long_texts_is_read_too() {
        let r = Review::default();
        assert_eq!(decode(&encode(r.clone())).expect("whole"), r);
    }

    #[test]
    fn ids_are_made_unique_as_when_reading_json() {
        let mut r = review();
        r.findings[1].id = "I0".into();
        let via_json = super::super::read_review(&super::super::to_json(&r, false)).unwrap();
        let via_parts = decode(&encode(r)).expect("whole");
        assert_eq!(via_parts, via_json);
        assert_eq!(via_parts.findings[1].id, "I0-2");
    }

    #[test]
    fn a_cut_answer_is_an_error_not_a_panic() {
        let bytes = encode(review());
        for cut in [0, 3, 4, 10, bytes.len() / 2, bytes.len() - 1] {
            let err = Decoder::new(&bytes[..cut])
                .and_then(|mut d| {
                    while !d.step(usize::MAX)? {}
                    d.finish()
                })
                .expect_err("a cut answer");
            assert!(err.contains("unreadable"), "{err}");
        }
    }
}
