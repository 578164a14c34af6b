//! The app's warm-up report (src/app/warm_sample.md, parsed at start so the browser compiles the
//! parser before a real report arrives) must keep exercising the parser's main paths: if a
//! format change made it parse to nothing, the warm-up would silently stop warming anything.

use deep_review::model::{Severity, Status};
use deep_review::parse::parse_text;

#[test]
fn warm_up_report_reaches_header_findings_retro_and_appendix() {
    let review = parse_text(include_str!("../src/app/warm_sample.md")).expect("the sample parses");
    assert_eq!(review.meta.pr.as_ref().map(|p| p.number), Some(1));
    let sev: Vec<Severity> = review.findings.iter().map(|f| f.severity).collect();
    for s in [
        Severity::Critical,
        Severity::Important,
        Severity::Suggestion,
        Severity::Design,
    ] {
        assert!(sev.contains(&s), "a {s:?} finding in {sev:?}");
    }
    assert!(review.findings.iter().any(|f| f.status == Status::Resolved));
    assert!(review.findings.iter().any(|f| f.status == Status::Deferred));
    assert!(review
        .findings
        .iter()
        .any(|f| f.body_md.contains("```rust")));
    assert!(!review.findings[0].locations.is_empty());
    assert_eq!(
        review.retro.table.as_ref().map(|t| t.rows.len()),
        Some(2),
        "retro table rows"
    );
    assert_eq!(review.appendix.len(), 1);
}
