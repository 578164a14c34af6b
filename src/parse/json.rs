//! Loading the project's JSON schema (`deep-review/1`): version check first, then serde with
//! the path of the offending field in the error.

use super::ParseError;
use crate::model::{Diagnostic, Level, Review, SCHEMA_MAJOR};

pub mod wire;

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
    // With the `json-paths` feature (default: CLI, tests) the error names the field; the page is
    // built without it (index.html, `data-cargo-no-default-features`: serde_path_to_error costs
    // ~14 KB gzip of wasm) and its error gives the line and column serde_json reports.
    #[cfg(feature = "json-paths")]
    let read =
        serde_path_to_error::deserialize(de).map_err(|e| (e.path().to_string(), e.into_inner()));
    #[cfg(not(feature = "json-paths"))]
    let read = <Review as serde::Deserialize>::deserialize(de).map_err(|e| (String::new(), e));
    let mut review: Review = read.map_err(|(path, inner)| ParseError::Json {
        path,
        line: inner.line(),
        message: inner.to_string(),
    })?;
    dedupe_ids(&mut review);
    Ok(review)
}

/// Finding ids and section ids become DOM ids, `finding=` targets and storage keys: each must be
/// unique, as the Markdown parser makes them. A repeated one gets the first free `-2`, `-3` …
/// suffix and a warning.
fn dedupe_ids(review: &mut Review) {
    use std::collections::{HashMap, HashSet};
    fn unique<'a>(
        ids: impl Iterator<Item = &'a mut String>,
        what: &str,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut seen = HashSet::new();
        let mut next: HashMap<String, usize> = HashMap::new();
        let mut renamed = Vec::new();
        for id in ids {
            if seen.insert(id.clone()) {
                continue;
            }
            let wanted = std::mem::take(id);
            let n = next.entry(wanted.clone()).or_insert(2);
            let fresh = loop {
                let candidate = format!("{wanted}-{n}");
                *n += 1;
                if seen.insert(candidate.clone()) {
                    break candidate;
                }
            };
            renamed.push(format!(
                "{what} id {wanted:?} is used twice; this one is {fresh:?}"
            ));
            *id = fresh;
        }
        diags.extend(renamed.into_iter().map(|message| Diagnostic {
            level: Level::Warning,
            line: 0,
            message,
        }));
    }
    let mut diags = Vec::new();
    unique(
        review.findings.iter_mut().map(|f| &mut f.id),
        "finding",
        &mut diags,
    );
    unique(
        review.sections.iter_mut().map(|s| &mut s.id),
        "section",
        &mut diags,
    );
    review.diagnostics.extend(diags);
}

/// `deep-review/1` → 1, `deep-review/1.2` → 1; anything else → None.
fn schema_major(s: &str) -> Option<u32> {
    let v = s.strip_prefix("deep-review/")?;
    v.split('.').next()?.parse().ok()
}

/// Write a review as the schema's JSON (what [`to_json`] returns) without building it in
/// memory first.
pub fn write_json(
    review: &Review,
    pretty: bool,
    out: &mut impl std::io::Write,
) -> serde_json::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(out, review)
    } else {
        serde_json::to_writer(out, review)
    }
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
    use crate::model::{Finding, Review, Severity};

    fn sample() -> Review {
        let mut r = Review {
            slug: "20260101-000000-pr-1".into(),
            title: "Deep Review: 20260101-000000-pr-1".into(),
            ..Review::default()
        };
        r.findings.push(Finding {
            title: "A title".into(),
            title_md: "A `title`".into(),
            kinds: vec!["gap".into()],
            agents: vec!["Codex GPT 5.4".into()],
            body_md: "Body".into(),
            line: 12,
            ..Finding::new("I1", Severity::Important)
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

    /// With `json-paths` (CLI, tests) the error names the field; without it (the page) it still
    /// says what is wrong and on which line and column.
    #[test]
    fn bad_field_names_its_path() {
        let text = to_json(&sample(), true).replace("\"important\"", "\"urgent\"");
        let err = parse_json(&text).unwrap_err();
        let ParseError::Json {
            path,
            line,
            message,
        } = &err
        else {
            panic!("expected a field error, got {err:?}");
        };
        assert!(*line > 1);
        assert!(message.contains("unknown variant `urgent`"), "{message}");
        assert!(
            message.contains(&format!("line {line} column")),
            "{message}"
        );
        if cfg!(feature = "json-paths") {
            assert_eq!(path, "findings[0].severity");
            assert!(
                err.to_string().contains("at `findings[0].severity`"),
                "{err}"
            );
        } else {
            assert_eq!(path, "");
            assert!(
                err.to_string().starts_with(&format!(
                    "invalid Deep Review JSON (line {line}): unknown variant `urgent`"
                )),
                "{err}"
            );
        }
    }

    /// Issue 11 item 8: the Markdown parser de-duplicates finding and section ids, JSON did
    /// not, so two cards shared a DOM id, a `finding=` target and a storage key.
    #[test]
    fn repeated_ids_in_json_are_made_unique_with_a_warning() {
        let mut r = sample();
        let f = r.findings[0].clone();
        r.findings = vec![f.clone(), f.clone(), f];
        r.findings[2].id = format!("{}-2", r.findings[2].id);
        r.findings.push(r.findings[0].clone());
        let s = crate::model::Section {
            id: "main".into(),
            heading: "Main".into(),
            body_md: String::new(),
        };
        r.sections = vec![s.clone(), s];
        let back = parse_json(&to_json(&r, false)).unwrap();
        let first = &r.findings[0].id;
        let ids: Vec<String> = back.findings.iter().map(|f| f.id.clone()).collect();
        // In document order: the second copy takes `-2`, so the id written as `-2` moves on.
        assert_eq!(
            ids,
            [
                first.clone(),
                format!("{first}-2"),
                format!("{first}-2-2"),
                format!("{first}-3")
            ]
        );
        let sections: Vec<&str> = back.sections.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(sections, ["main", "main-2"]);
        let warnings: Vec<&str> = back
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(warnings.len(), 4, "{warnings:?}");
        assert!(warnings[0].contains("used twice"), "{warnings:?}");
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
        assert!(err.contains("line 1 column"), "{err}");
        if cfg!(feature = "json-paths") {
            assert!(err.contains("findings[0].severity"), "{err}");
        }
    }
}
