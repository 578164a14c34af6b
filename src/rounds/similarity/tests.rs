//! Words, stems, paths and scores of the similarity signals.

use super::*;
use crate::rounds::test_util::*;

#[test]
fn stemming_and_words() {
    let mut got = Vec::new();
    raw_words(
        "The caller's images were Resized at line 299; resizing `os.Stat`",
        400,
        |w, _| got.extend(token_of(&w.to_lowercase()).map(str::to_string)),
    );
    assert_eq!(got, ["caller", "imag", "resiz", "resiz", "os", "stat"]);
    // Case does not matter, for non-ASCII letters too; punctuation splits words.
    let mut hashes = Vec::new();
    raw_words("Resized résumé—RESIZED RÉSUMÉ", 400, |w, h| {
        hashes.push((w.to_string(), h))
    });
    let words: Vec<&str> = hashes.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(words, ["Resized", "résumé", "RESIZED", "RÉSUMÉ"]);
    assert_eq!(hashes[0].1, hashes[2].1);
    assert_eq!(hashes[1].1, hashes[3].1);
    assert_ne!(hashes[0].1, hashes[1].1);
    assert!(
        STOPWORDS.windows(2).all(|w| w[0] < w[1]),
        "STOPWORDS sorted"
    );
    assert!(is_stopword("the") && is_stopword("yet") && !is_stopword("digest"));
    assert_eq!(stem("images"), stem("image"));
    assert_eq!(stem("bypasses"), "bypass");
    assert_eq!(stem("bypass"), "bypass");
    // Four-letter words stem too: "racing the helper" and "a race" share a word.
    assert_eq!(stem("racing"), stem("race"));
    assert_eq!(stem("loops"), stem("loop"));
    assert_eq!(stem("uses"), "use");
    // Reviewers' words for one thing: "no automated coverage" and "no regression test".
    assert!(
        CONCEPTS.windows(2).all(|w| w[0].0 < w[1].0),
        "CONCEPTS sorted"
    );
    assert_eq!(token_of("coverage"), token_of("test"));
    assert_eq!(token_of("untested"), token_of("tests"));
    assert_ne!(token_of("covers"), token_of("test"));
}

#[test]
fn path_scores_ignore_lines_and_credit_basenames() {
    let mut v = Vocab::default();
    let mut p = Vocab::default();
    let mut s = Vocab::default();
    let mut f = |path: &str| features(&finding("I1", "t", path, ""), &mut v, &mut p, &mut s);
    let a = f("pkg/driverutil/disk.go");
    let b = f("pkg/driverutil/disk.go");
    let c = f("disk.go");
    let d = f("pkg/other/disk.go");
    let e = f("pkg/other/main.go");
    let none = f("");
    assert_eq!(path_score(&a, &b), Some(1.0));
    assert_eq!(path_score(&a, &c), Some(0.9));
    assert_eq!(path_score(&a, &d), Some(0.5));
    assert_eq!(path_score(&a, &e), Some(0.0));
    assert_eq!(path_score(&a, &none), None);
    assert_eq!(norm_path("multiple files"), None);
    assert_eq!(
        norm_path("`./poc-windows-guest/`"),
        Some("poc-windows-guest".into())
    );
}

#[test]
fn renamed_title_same_file_scores_above_threshold_and_unrelated_below() {
    let body =
        "The new rename path skips the resize. prepareDisk handles resizing after CreateDisk.";
    let e = vec![
        finding(
            "S1",
            "`EnsureDisk` rename path has implicit resize dependency",
            "pkg/driverutil/disk.go",
            body,
        ),
        finding(
            "S2",
            "Test uses hardcoded `example.com` URL",
            "pkg/downloader/downloader_test.go",
            "uses example.com as the remote URL in TestDownloadImageConversionCached",
        ),
    ];
    let l = vec![finding(
        "I5",
        "EnsureDisk rename path skips disk resize",
        "pkg/driverutil/disk.go",
        "The old code always called Convert, which resized. The new rename path skips the resize; prepareDisk resizes after CreateDisk.",
    )];
    let s = score_all(&e, &l);
    let good = s.explain(0, 0, MatchVia::Similarity);
    let bad = s.explain(1, 0, MatchVia::Similarity);
    assert!(good.score >= THRESHOLD, "{good:?}");
    assert!(good.paths_compared && good.paths == 1.0);
    assert!(bad.score < THRESHOLD, "{bad:?}");
    assert!(good.title > bad.title && good.body > bad.body);
}

#[test]
fn fuzzy_title_words_count_as_shared() {
    let e = vec![finding("I1", "decompression ignores context", "", "")];
    let l = vec![finding("I1", "decompressor ignores context", "", "")];
    let s = score_all(&e, &l).explain(0, 0, MatchVia::Similarity);
    assert_eq!(s.title, 1.0, "{s:?}");
    assert!(!s.paths_compared);
    // Different words that only share letters stay different.
    let e = vec![finding("I1", "decompression ignores context", "", "")];
    let l = vec![finding("I1", "compression ignores context", "", "")];
    let s = score_all(&e, &l).explain(0, 0, MatchVia::Similarity);
    assert!(s.title < 0.7, "{s:?}");
}

/// A prepared earlier round scores each later text exactly as a fresh comparison does, however
/// many texts were compared with it before (the evidence compares many clauses with one round).
#[test]
fn a_prepared_round_scores_like_a_fresh_comparison() {
    let earlier = vec![
        finding("C1", "Cached raw conversion bypasses digest validation", "pkg/downloader/downloader.go", "`o.expectedDigest` is overwritten with the raw digest\n\n```go\no.expectedDigest = rawDigest\n```"),
        finding("I1", "Nil pointer dereference when Stat fails", "pkg/downloader/downloader.go", "`origStat` is nil when `os.Stat(shadData)` fails"),
        finding("S1", "Decompression buffer is unbounded", "pkg/imgutil/convert.go", "decompressor reads the whole image"),
    ];
    let probes = [
        finding(
            "X1",
            "digest validation bypassed for cached raw images",
            "",
            "",
        ),
        finding("X1", "the origStat nil check landed", "", "`origStat`"),
        finding(
            "X1",
            "decompresser buffer now bounded",
            "pkg/imgutil/convert.go",
            "",
        ),
        finding("X1", "unrelated words entirely", "", "nothing shared"),
    ];
    let prepared = Prepared::new(&earlier);
    for probe in probes.iter().chain(probes.iter().rev()) {
        let fresh = score_all(&earlier, std::slice::from_ref(probe));
        let again = prepared.score(std::slice::from_ref(probe));
        for (i, e) in earlier.iter().enumerate() {
            assert_eq!(
                fresh.explain(i, 0, MatchVia::Similarity),
                again.explain(i, 0, MatchVia::Similarity),
                "{} vs {}",
                e.title,
                probe.title
            );
        }
    }
    // And the comparison is not empty: the clauses find their findings.
    let s = prepared.score(std::slice::from_ref(&probes[0]));
    assert!(s.score[0] > s.score[1] && s.score[0] > s.score[2]);
}

#[test]
fn a_pair_under_the_threshold_made_on_similarity_is_weak() {
    let e = |via, score| MatchExplanation {
        via,
        title: 0.0,
        paths: 0.0,
        paths_compared: false,
        body: 0.0,
        cross: 0.0,
        symbols: 0.0,
        code: 0.0,
        score,
    };
    let under = THRESHOLD - 0.06;
    assert!(e(MatchVia::Similarity, under).is_weak());
    // A cross-reference or a hand link is the report's or the user's word, not a score; a pair
    // followed through the rounds between stands on each step's own pairing.
    assert!(!e(MatchVia::Xref, under).is_weak());
    assert!(!e(MatchVia::Thread, under).is_weak());
    assert!(!e(MatchVia::Manual, under).is_weak());
    assert!(!e(MatchVia::Similarity, THRESHOLD).is_weak());
}

/// Quoted code is read by the parser's fence rule: everything inside a ```` fence that quotes
/// a ```go block is code (the quoted finding line and the go line), and prose after the
/// closing ```` is not.
#[test]
fn code_lines_follow_nested_fences() {
    let text = "Round 2's I1 read:\n\n````\nI1. **Dropped**\n\n```go\ndelete(b.subs, ch) // drop the slow one\n```\n````\n\nThe prose after the quote is long enough.\n";
    let mut lines = Vec::new();
    code_lines(text, |l| lines.push(l.to_string()));
    assert_eq!(
        lines,
        ["I1. **Dropped**", "delete(b.subs, ch) // drop the slow one"]
    );
    let mut symbols = Vec::new();
    code_symbols(
        "`b.subs` and\n````\n```go\n`inside`\n```\n````\n`after()`",
        |s| symbols.push(s.to_string()),
    );
    assert!(symbols.contains(&"b.subs".to_string()) && symbols.contains(&"after".to_string()));
    assert!(!symbols.iter().any(|s| s.contains("inside")), "{symbols:?}");
}

#[test]
fn plain_title_keeps_what_goes_wrong_not_the_code() {
    assert_eq!(
        plain_title("`setVerbosityFromEnv` silently ignores unrecognized levels"),
        "silently ignores unrecognized levels "
    );
    // Identifiers written without backticks go too; acronyms and hyphenated words stay.
    assert_eq!(
        plain_title("StopWithWait sends SIGINT via os.Kill in local_teardown_file (k3s, v1.2)"),
        "sends SIGINT via in "
    );
    assert_eq!(
        plain_title("PID reuse after a force-stop"),
        "PID reuse after a force-stop "
    );
}
