//! The rendered-text form (FORMAT.md §16): the visible text of a published HTML page.
//! (Being written: see issue 2.)

use super::ParseError;
use crate::model::Review;

/// True when the text looks like a copied HTML page rather than Markdown.
pub fn looks_rendered(text: &str) -> bool {
    text.starts_with("Deep Review: ")
}

pub fn parse_rendered(text: &str) -> Result<Review, ParseError> {
    Err(ParseError::NotADeepReview {
        kind: None,
        first_line: super::first_line(text),
    })
}
