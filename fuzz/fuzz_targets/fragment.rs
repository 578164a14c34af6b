//! Share links: decoding anything pasted never panics, and encode → decode is the identity.
#![no_main]

use deep_review::share::{decode_fragment, encode_fragment};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Whatever a user pastes; a link that decodes must survive a second round trip.
    if let Ok(report) = decode_fragment(&text) {
        let again = decode_fragment(&encode_fragment(&report));
        assert!(
            again.as_deref() == Ok(report.as_str()),
            "re-encoding a decoded link changed it: {again:?}"
        );
    }
    // Any text round-trips, in the forms a link is pasted in.
    let fragment = encode_fragment(&text);
    for form in [
        fragment.clone(),
        format!("#{fragment}"),
        format!("https://example.org/viewer/?view=report#{fragment}&x=1"),
    ] {
        let back = decode_fragment(&form);
        assert!(
            back.as_deref() == Ok(&*text),
            "encode → decode is not the identity for {form:?}: {back:?}"
        );
    }
});
