//! JSON loading never panics, and JSON is lossless: any review parsed from Markdown (or from
//! JSON) comes back equal after `to_json` → `parse_json`.
#![no_main]

use deep_review::model::Review;
use deep_review::parse::json::{parse_json, to_json};
use deep_review::parse::markdown::parse_markdown;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(review) = parse_json(&text) {
        round_trip(&review, "JSON");
    }
    if let Ok(review) = parse_markdown(&text) {
        round_trip(&review, "Markdown");
    }
});

fn round_trip(review: &Review, from: &str) {
    for pretty in [false, true] {
        let json = to_json(review, pretty);
        match parse_json(&json) {
            Ok(back) => assert!(
                back == *review,
                "a review parsed from {from} changed through to_json(pretty={pretty}) → \
                 parse_json:\nbefore: {review:#?}\nafter: {back:#?}"
            ),
            Err(e) => panic!(
                "to_json(pretty={pretty}) of a review parsed from {from} is refused by \
                 parse_json: {e}\n{json}"
            ),
        }
    }
}
