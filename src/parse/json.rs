//! Loading the project's JSON schema (`deep-review/1`): version check first, then serde with
//! the path of the offending field in the error.

use super::ParseError;
use crate::model::{Review, SCHEMA_MAJOR};

/// Parse a JSON review. A missing `schema`, or another major version, is refused with the
/// version found; a field of the wrong type names its path (`findings[3].severity`).
pub fn parse_json(text: &str) -> Result<Review, ParseError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ParseError::Json {
        path: "$".into(),
        line: e.line(),
        message: e.to_string(),
    })?;
    match value.get("schema") {
        None | Some(serde_json::Value::Null) => return Err(ParseError::Schema { found: None }),
        Some(serde_json::Value::String(s)) if schema_major(s) == Some(SCHEMA_MAJOR) => {}
        Some(other) => {
            return Err(ParseError::Schema {
                found: Some(match other {
                    serde_json::Value::String(s) => s.clone(),
                    v => v.to_string(),
                }),
            })
        }
    }
    // Re-read from the text (not the Value) so serde_path_to_error can give line numbers.
    read_review(text)
}

/// The typed read of a schema document whose version is already known to be ours (the app's
/// parse worker answers with one): a field of the wrong type names its path.
pub fn read_review(text: &str) -> Result<Review, ParseError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        ParseError::Json {
            path,
            line: inner.line(),
            message: inner.to_string(),
        }
    })
}

/// `deep-review/1` → 1, `deep-review/1.2` → 1; anything else → None.
fn schema_major(s: &str) -> Option<u32> {
    let v = s.strip_prefix("deep-review/")?;
    v.split('.').next()?.parse().ok()
}

/// Serialize a review as the schema's JSON.
pub fn to_json(review: &Review, pretty: bool) -> String {
    if pretty {
        serde_json::to_string_pretty(review)
    } else {
        serde_json::to_string(review)
    }
    .expect("a Review always serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Finding, Review, Severity, Status};

    fn sample() -> Review {
        let mut r = Review {
            slug: "20260101-000000-pr-1".into(),
            title: "Deep Review: 20260101-000000-pr-1".into(),
            ..Review::default()
        };
        r.findings.push(Finding {
            id: "I1".into(),
            severity: Severity::Important,
            title: "A title".into(),
            title_md: "A `title`".into(),
            kinds: vec!["gap".into()],
            locations: vec![],
            agents: vec!["Codex GPT 5.4".into()],
            status: Status::Open,
            status_note: None,
            refs: vec![],
            body_md: "Body".into(),
            line: 12,
        });
        r
    }

    #[test]
    fn round_trips() {
        let r = sample();
        assert_eq!(parse_json(&to_json(&r, true)).unwrap(), r);
        assert_eq!(parse_json(&to_json(&r, false)).unwrap(), r);
    }

    #[test]
    fn missing_or_foreign_schema_is_refused() {
        let text = to_json(&sample(), true);
        let no_schema = text.replace("\"schema\": \"deep-review/1\",", "");
        assert_eq!(
            parse_json(&no_schema),
            Err(ParseError::Schema { found: None })
        );
        let v2 = text.replace("deep-review/1", "deep-review/2");
        let err = parse_json(&v2).unwrap_err();
        assert_eq!(
            err,
            ParseError::Schema {
                found: Some("deep-review/2".into())
            }
        );
        assert!(err.to_string().contains("deep-review/2"));
    }

    #[test]
    fn bad_field_names_its_path() {
        let text = to_json(&sample(), true).replace("\"important\"", "\"urgent\"");
        match parse_json(&text) {
            Err(ParseError::Json { path, line, .. }) => {
                assert_eq!(path, "findings[0].severity");
                assert!(line > 1);
            }
            other => panic!("expected a path error, got {other:?}"),
        }
    }

    #[test]
    fn unknown_fields_are_ignored() {
        let text = to_json(&sample(), false).replacen('{', "{\"future_field\":[1,2],", 1);
        assert_eq!(parse_json(&text).unwrap(), sample());
    }

    #[test]
    fn syntax_error_gives_line() {
        let err = parse_json("{\n\"schema\": \"deep-review/1\",\n oops\n}").unwrap_err();
        assert!(matches!(err, ParseError::Json { line: 3, .. }), "{err:?}");
    }

    /// What the app's parse worker does: a parsed report to JSON and back is the same report
    /// (the page shows exactly what the worker parsed); a bad field names its path.
    #[test]
    fn a_parsed_report_survives_the_worker_round_trip() {
        let md = include_str!("../../public/reviews/20260716-091208-pr-418.md");
        let review = crate::parse::parse_text(md).expect("bundled report parses");
        assert!(review.findings.len() > 10);
        assert_eq!(
            read_review(&to_json(&review, false)).expect("reads back"),
            review
        );
        let bad =
            to_json(&review, false).replacen("\"severity\":\"critical\"", "\"severity\":7", 1);
        let err = read_review(&bad).unwrap_err().to_string();
        assert!(err.contains("findings[0].severity"), "{err}");
    }
}
