//! The Markdown parser on one sample report of each generation (`../shared/docs/FORMAT.md`,
//! G0 prototype to G4): every `tests/fixtures/generations/<name>.md` is parsed and held against
//! `<name>.expect`, written by reading the sample (never from the parser's output).
//!
//! An expectation file is one check a line (`#` starts a comment), on the report's
//! `deep-review/1` JSON:
//!
//! ```text
//! PATH = JSON        the value at PATH is JSON (a field the JSON leaves out is null)
//! PATH = @PATH2      the value at PATH is the value at PATH2
//! PATH ^= "text"     a string that starts with text (`$=` ends with, `~=` contains; on a
//!                    list, `~=` holds when one of its strings contains text)
//! PATH.len() = N     a list of N items
//! ```
//!
//! A PATH is fields joined by dots, each followed by any number of selectors: `[2]` (the third
//! item), `[C1]` (the item whose `id` is `C1`), `[*]` (every item: the rest of the path is taken
//! of each, giving a list), `[message~"text"]` (the first item whose `message` contains text).
//! Every sample must also parse without an error diagnostic.

mod common;

use deep_review::model::Review;
use serde_json::Value;

/// The folder of the samples and their expectation files.
const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/generations");

/// One step of a path.
#[derive(Debug)]
enum Step {
    Field(String),
    Index(usize),
    Id(String),
    Each,
    /// The first item whose field contains the text.
    Where(String, String),
    Len,
}

/// Split `meta.reviewers[*].name` into steps.
fn steps(path: &str) -> Result<Vec<Step>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = path.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '.' => i += 1,
            '[' => {
                let close = chars[i..]
                    .iter()
                    .position(|&c| c == ']')
                    .map(|p| i + p)
                    .ok_or_else(|| format!("unclosed `[` in {path}"))?;
                // A quoted text may hold `]`: find the `]` after the closing quote.
                let close = match chars[i..close].iter().position(|&c| c == '"') {
                    Some(q) => {
                        let start = i + q + 1;
                        let end = chars[start..]
                            .iter()
                            .position(|&c| c == '"')
                            .map(|p| start + p)
                            .ok_or_else(|| format!("unclosed quote in {path}"))?;
                        if chars.get(end + 1) != Some(&']') {
                            return Err(format!("expected `]` after the quote in {path}"));
                        }
                        end + 1
                    }
                    None => close,
                };
                let inner: String = chars[i + 1..close].iter().collect();
                out.push(if inner == "*" {
                    Step::Each
                } else if let Ok(n) = inner.parse() {
                    Step::Index(n)
                } else if let Some((field, text)) = inner.split_once("~\"") {
                    Step::Where(field.to_string(), text.trim_end_matches('"').to_string())
                } else {
                    Step::Id(inner)
                });
                i = close + 1;
            }
            _ => {
                let end = chars[i..]
                    .iter()
                    .position(|&c| c == '.' || c == '[')
                    .map_or(chars.len(), |p| i + p);
                let name: String = chars[i..end].iter().collect();
                out.push(if name == "len()" {
                    Step::Len
                } else {
                    Step::Field(name)
                });
                i = end;
            }
        }
    }
    Ok(out)
}

/// The value at `steps` below `v`.
fn at(v: &Value, steps: &[Step]) -> Result<Value, String> {
    let Some((step, rest)) = steps.split_first() else {
        return Ok(v.clone());
    };
    let list = || {
        v.as_array()
            .ok_or_else(|| format!("{step:?} needs a list, found {v}"))
    };
    match step {
        Step::Field(name) => match v {
            Value::Object(o) => at(o.get(name).unwrap_or(&Value::Null), rest),
            _ => Err(format!("no field `{name}` in {v}")),
        },
        Step::Index(n) => at(
            list()?
                .get(*n)
                .ok_or_else(|| format!("no item {n} in a list of {}", list().unwrap().len()))?,
            rest,
        ),
        Step::Id(id) => at(
            list()?
                .iter()
                .find(|x| x.get("id").and_then(Value::as_str) == Some(id))
                .ok_or_else(|| format!("no item with id `{id}`"))?,
            rest,
        ),
        Step::Where(field, text) => at(
            list()?
                .iter()
                .find(|x| {
                    x.get(field)
                        .and_then(Value::as_str)
                        .is_some_and(|s| s.contains(text.as_str()))
                })
                .ok_or_else(|| format!("no item whose `{field}` contains {text:?}"))?,
            rest,
        ),
        Step::Each => list()?
            .iter()
            .map(|x| at(x, rest))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Array),
        Step::Len => at(&Value::from(list()?.len()), rest),
    }
}

/// One line of an expectation file against the report's JSON: `Err` says what differs.
fn check_line(json: &Value, line: &str) -> Result<(), String> {
    // The path ends at the first space outside a quoted text.
    let mut quoted = false;
    let end = line
        .char_indices()
        .find(|&(_, c)| {
            if c == '"' {
                quoted = !quoted;
            }
            c == ' ' && !quoted
        })
        .map(|(i, _)| i)
        .ok_or("expected `PATH OP VALUE`".to_string())?;
    let (path, rest) = (&line[..end], &line[end + 1..]);
    let (op, expected) = rest
        .split_once(' ')
        .ok_or("expected `PATH OP VALUE`".to_string())?;
    let found = at(json, &steps(path)?)?;
    let expected = match expected.strip_prefix('@') {
        Some(other) => at(json, &steps(other)?)?,
        None => serde_json::from_str::<Value>(expected)
            .map_err(|e| format!("the expected value is not JSON: {e}"))?,
    };
    let text = || {
        expected
            .as_str()
            .ok_or("`^=`, `$=` and `~=` take a string".to_string())
    };
    let strings = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let holds = match op {
        "=" => found == expected,
        "^=" => {
            let t = text()?;
            found.as_str().is_some_and(|s| s.starts_with(t))
        }
        "$=" => {
            let t = text()?;
            found.as_str().is_some_and(|s| s.ends_with(t))
        }
        "~=" => {
            let t = text()?;
            strings(&found).iter().any(|s| s.contains(t))
        }
        _ => return Err(format!("unknown operator `{op}`")),
    };
    if holds {
        Ok(())
    } else {
        Err(format!("found {found}"))
    }
}

/// Parse `<name>.md` and hold it against `<name>.expect`; every mismatch is listed with its line.
fn check(name: &str) {
    let md_path = format!("{DIR}/{name}.md");
    let expect_path = format!("{DIR}/{name}.expect");
    let md = std::fs::read_to_string(&md_path).unwrap_or_else(|e| panic!("{md_path}: {e}"));
    let expect =
        std::fs::read_to_string(&expect_path).unwrap_or_else(|e| panic!("{expect_path}: {e}"));
    let review: Review = deep_review::parse::parse_text(&md)
        .unwrap_or_else(|e| panic!("{md_path} does not parse: {e}"));
    common::assert_no_errors(&review, &md_path);
    let json = serde_json::to_value(&review).expect("a review serializes");
    let mut checks = 0;
    let failures: Vec<String> = expect
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .filter_map(|(n, line)| {
            checks += 1;
            check_line(&json, line.trim()).err().map(|why| {
                format!(
                    "tests/fixtures/generations/{name}.expect:{}: {line}\n      {why}",
                    n + 1
                )
            })
        })
        .collect();
    assert!(checks > 0, "{expect_path} checks nothing");
    assert!(
        failures.is_empty(),
        "{} of {checks} expectation(s) failed:\n  - {}",
        failures.len(),
        failures.join("\n  - ")
    );
}

#[test]
fn g0_prototype_with_plain_header_and_tagged_findings() {
    check("g0");
}

#[test]
fn g1a_bold_key_header_numbered_sections_and_rules_between_findings() {
    check("g1a");
}

#[test]
fn g1b_numbered_findings_plain_design_items_and_sentence_retro() {
    check("g1b");
}

#[test]
fn g2_seed_struck_items_updated_row_and_ascii_separators() {
    check("g2-seed");
}

#[test]
fn g4_with_every_switch() {
    check("g4");
}

#[test]
fn every_sample_has_an_expectation_file_and_a_test() {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let stems = |ext: &str| -> Vec<String> {
        names
            .iter()
            .filter_map(|n| n.strip_suffix(ext).map(str::to_string))
            .collect()
    };
    assert_eq!(
        stems(".md"),
        stems(".expect"),
        "samples vs expectation files"
    );
    assert_eq!(
        stems(".md"),
        ["g0", "g1a", "g1b", "g2-seed", "g4"],
        "a test per sample"
    );
}

#[test]
fn a_wrong_expectation_fails_with_what_was_found() {
    let review = deep_review::parse::parse_text(
        &std::fs::read_to_string(format!("{DIR}/g0.md")).expect("g0.md"),
    )
    .expect("g0 parses");
    let json = serde_json::to_value(&review).expect("a review serializes");
    assert_eq!(check_line(&json, r#"findings[C1].line = 15"#), Ok(()));
    assert_eq!(
        check_line(&json, r#"findings[C1].line = 16"#),
        Err("found 15".into())
    );
    assert!(check_line(&json, r#"findings[C9].line = 15"#).is_err());
    assert!(check_line(&json, r#"findings[*].id ~= "C3""#).is_err());
    assert!(check_line(&json, r#"summary_md ^= "works""#).is_err());
    assert!(check_line(&json, r#"summary_md $= "works.""#).is_ok());
    assert!(check_line(&json, "findings.len() = 3").is_err());
    // A quoted text in a selector may hold spaces.
    assert_eq!(
        check_line(
            &json,
            r#"sections[body_md~"Gaps every"].id = "testing-assessment""#
        ),
        Ok(())
    );
}
