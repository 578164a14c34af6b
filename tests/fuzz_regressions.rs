//! Replays the inputs saved from fuzzing (`tests/fuzz_regressions/`, see its README) through the
//! same checks as the fuzz targets in `fuzz/fuzz_targets/`: no panic, no hang, JSON round trips
//! losslessly, share links round trip.

use deep_review::model::Review;
use deep_review::parse::json::{parse_json, to_json};
use deep_review::parse::markdown::parse_markdown;
use deep_review::parse::parse_bytes;
use deep_review::parse::rendered::parse_rendered;
use deep_review::share::{decode_fragment, encode_fragment};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

/// The longest one input may take through every check (debug build, shared machine).
const LIMIT: Duration = Duration::from_secs(20);

fn regressions_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

/// A review must come back unchanged through JSON, compact and pretty.
fn json_round_trip(review: &Review, from: &str) -> Result<(), String> {
    for pretty in [false, true] {
        let back = parse_json(&to_json(review, pretty)).map_err(|e| {
            format!("to_json(pretty={pretty}) of a review from {from} is refused: {e}")
        })?;
        if back != *review {
            return Err(format!(
                "a review from {from} changed through to_json(pretty={pretty}) → parse_json"
            ));
        }
    }
    Ok(())
}

/// Every check of the three fuzz targets (markdown, json, fragment) on one input.
fn check(data: &[u8]) -> Result<(), String> {
    let _ = parse_bytes(data);
    let text = String::from_utf8_lossy(data);
    let _ = parse_rendered(&text);
    if let Ok(review) = parse_markdown(&text) {
        json_round_trip(&review, "Markdown")?;
    }
    if let Ok(review) = parse_json(&text) {
        json_round_trip(&review, "JSON")?;
    }
    if let Ok(report) = decode_fragment(&text) {
        if decode_fragment(&encode_fragment(&report)).as_deref() != Ok(report.as_str()) {
            return Err("re-encoding a decoded share link changed it".into());
        }
    }
    if decode_fragment(&encode_fragment(&text)).as_deref() != Ok(&*text) {
        return Err("encode_fragment → decode_fragment is not the identity".into());
    }
    Ok(())
}

/// `check` on its own thread: a panic or an overrun of `limit` becomes an error naming the input.
fn replay(
    name: &str,
    data: Vec<u8>,
    limit: Duration,
    check: fn(&[u8]) -> Result<(), String>,
) -> Result<(), String> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let outcome = std::panic::catch_unwind(|| check(&data))
            .unwrap_or_else(|_| Err("panicked (message and location printed above)".into()));
        let _ = tx.send(outcome);
    });
    match rx.recv_timeout(limit) {
        Ok(outcome) => outcome.map_err(|e| format!("{name}: {e}")),
        Err(_) => Err(format!("{name}: took longer than {limit:?}")),
    }
}

#[test]
fn every_saved_fuzz_input_passes_every_fuzz_check() {
    let dir = regressions_dir();
    let entries =
        std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(
        dir.join("README.md").is_file(),
        "{} must explain what the folder holds",
        dir.display()
    );
    let failures: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let name = path.file_name()?.to_string_lossy().into_owned();
            let data = std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {name}: {e}"));
            replay(&name, data, LIMIT, check).err()
        })
        .collect();
    eprintln!("replayed {} saved fuzz input(s)", files.len());
    assert!(
        failures.is_empty(),
        "fuzz regressions:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_replay_names_inputs_that_panic_fail_or_hang() {
    assert_eq!(
        replay("ok", b"# Deep Review: x\n".to_vec(), LIMIT, check),
        Ok(())
    );
    let panics = replay("p.bin", vec![1], LIMIT, |d| {
        assert!(d.len() > 1, "input too short");
        Ok(())
    });
    assert!(
        matches!(&panics, Err(e) if e.starts_with("p.bin: panicked")),
        "{panics:?}"
    );
    let fails = replay("f.bin", vec![], LIMIT, |_| Err("changed".into()));
    assert_eq!(fails, Err("f.bin: changed".to_string()));
    let hangs = replay("h.bin", vec![], Duration::from_millis(50), |_| {
        thread::sleep(Duration::from_secs(2));
        Ok(())
    });
    assert!(
        matches!(&hangs, Err(e) if e.starts_with("h.bin: took longer")),
        "{hangs:?}"
    );
}
