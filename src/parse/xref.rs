//! Cross-round references written in report text (FORMAT.md §15): `round 6 S3`, `Round 2's I1`,
//! `round-2 S5`, `R6 S3`, `re-raise of round 6 S3` … (Being written: see issue 4.)

use crate::model::FindingRef;

/// Every cross-round reference in `text`, in order of appearance, without duplicates.
pub fn cross_refs(_text: &str) -> Vec<FindingRef> {
    Vec::new()
}
