//! URL state and `#z=` share-link round trips over the real reports in ../shared/corpus/lima.
//! Reads the files as text only (no parser). Skips with a message when the corpus is absent.
//!
//! `cargo test --test share_corpus -- --nocapture` prints the share-link sizes.

use deep_review::model::Severity;
use deep_review::query::ViewState;
use deep_review::share::{decode_fragment, encode_fragment, link_size_warning, LINK_WARN_BYTES};

mod common;

fn median(sorted: &[usize]) -> usize {
    match sorted.len() {
        0 => 0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2,
    }
}

#[test]
fn every_report_round_trips_through_a_share_link() {
    let Some(files) = common::corpus_texts("lima", ".md") else {
        return;
    };
    let mut sizes = Vec::new();
    for (name, text) in &files {
        let fragment = format!("#{}", encode_fragment(text));
        assert_eq!(
            decode_fragment(&fragment).as_deref(),
            Ok(text.as_str()),
            "{name}"
        );
        let url = format!("https://example.org/viewer/?view=report{fragment}");
        assert_eq!(
            decode_fragment(&url).as_deref(),
            Ok(text.as_str()),
            "{name}"
        );
        assert!(
            fragment.len() < text.len() * 3 / 4,
            "{name}: {} → {}",
            text.len(),
            fragment.len()
        );
        assert_eq!(
            link_size_warning(fragment.len()).is_some(),
            fragment.len() > LINK_WARN_BYTES
        );
        sizes.push((fragment.len(), text.len(), name.as_str()));
    }
    sizes.sort();
    let lens: Vec<usize> = sizes.iter().map(|s| s.0).collect();
    let over = lens.iter().filter(|&&l| l > LINK_WARN_BYTES).count();
    let (min, max) = (sizes[0], sizes[sizes.len() - 1]);
    eprintln!(
        "share links over {} corpus reports: median #z= fragment {} bytes ({:.1} KB); \
         min {} ({} bytes of Markdown, {}), max {} ({} bytes, {}); {} of {} over the {} KB \
         warning",
        sizes.len(),
        median(&lens),
        median(&lens) as f64 / 1024.0,
        min.0,
        min.1,
        min.2,
        max.0,
        max.1,
        max.2,
        over,
        sizes.len(),
        LINK_WARN_BYTES / 1024
    );
}

/// The first `max` characters of `s` (on a char boundary).
fn prefix(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

#[test]
fn real_report_text_round_trips_through_the_url_state() {
    let Some(files) = common::corpus_texts("lima", ".md") else {
        return;
    };
    let mut checked = 0;
    let mut previous: Option<&str> = None;
    for (name, text) in &files {
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let line = prefix(line, 300);
            let words: Vec<&str> = line.split_whitespace().collect();
            let mut s = ViewState {
                src: vec![format!("reviews/{name}"), format!("https://h/{line}")],
                compare: previous.map(|p| format!("reviews/{p}")),
                q: line.to_string(),
                finding: words.first().map(|w| w.to_string()),
                ..ViewState::default()
            };
            s.agent.include = words.iter().take(3).map(|w| w.to_string()).collect();
            s.kind.exclude = vec![line.to_string()];
            s.sev.include = vec![Severity::ALL[checked % 4]];
            s.hide_resolved = checked % 2 == 0;
            let query = s.to_query();
            assert!(!query.contains([' ', '#', '\n']), "{name}: {query}");
            let (back, notices) = ViewState::from_query_with_notices(&query);
            assert_eq!(back, s, "{name}: {line:?}");
            assert!(notices.is_empty(), "{name}: {notices:?}");
            checked += 1;
        }
        previous = Some(name);
    }
    assert!(checked > 1000, "only {checked} lines");
    eprintln!(
        "URL state round trips: {checked} lines of {} reports",
        files.len()
    );
}
