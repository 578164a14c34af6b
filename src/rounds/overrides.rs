//! Pairs linked or unlinked by hand (DESIGN.md §3): in the URL as `link=` / `unlink=`, kept
//! with the meeting marks by the app, applied by the diff before anything else.

use serde::{Deserialize, Serialize};

/// Pairs linked or unlinked by hand, by finding id: `(earlier, later)`. In the URL as
/// `link=I2:S3,I4:S1` and `unlink=I1:I3`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub link: Vec<(String, String)>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unlink: Vec<(String, String)>,
}

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.link.is_empty() && self.unlink.is_empty()
    }

    /// From the `link=` and `unlink=` values; malformed entries are skipped.
    pub fn from_query(link: &str, unlink: &str) -> Overrides {
        let list = |s: &str| -> Vec<(String, String)> {
            let mut out: Vec<(String, String)> = Vec::new();
            for part in s.split(',') {
                let Some((a, b)) = part.split_once(':') else {
                    continue;
                };
                let ok = |x: &str| {
                    let x = x.trim();
                    (!x.is_empty() && x.len() <= 12 && x.chars().all(|c| c.is_ascii_alphanumeric()))
                        .then(|| x.to_string())
                };
                if let (Some(a), Some(b)) = (ok(a), ok(b)) {
                    if !out.contains(&(a.clone(), b.clone())) {
                        out.push((a, b));
                    }
                }
            }
            out
        };
        Overrides {
            link: list(link),
            unlink: list(unlink),
        }
    }

    /// The `link=` and `unlink=` values (empty strings for none).
    pub fn to_query(&self) -> (String, String) {
        let join = |v: &[(String, String)]| {
            v.iter()
                .map(|(a, b)| format!("{a}:{b}"))
                .collect::<Vec<_>>()
                .join(",")
        };
        (join(&self.link), join(&self.unlink))
    }

    /// Link `earlier` to `later` by hand: drops any unlink of that pair and any other manual
    /// link of either finding.
    pub fn with_link(&self, earlier: &str, later: &str) -> Overrides {
        let mut o = self.clone();
        o.unlink.retain(|(a, b)| !(a == earlier && b == later));
        o.link.retain(|(a, b)| a != earlier && b != later);
        o.link.push((earlier.to_string(), later.to_string()));
        o
    }

    /// Unlink a pair: drops a manual link of it, or records the unlink of a computed pair.
    pub fn with_unlink(&self, earlier: &str, later: &str) -> Overrides {
        let mut o = self.clone();
        let before = o.link.len();
        o.link.retain(|(a, b)| !(a == earlier && b == later));
        if o.link.len() == before && !o.unlink.iter().any(|(a, b)| a == earlier && b == later) {
            o.unlink.push((earlier.to_string(), later.to_string()));
        }
        o
    }
}
