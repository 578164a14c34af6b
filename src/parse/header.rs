//! The header block → [`Meta`] (FORMAT.md §6): a two-column table with bold keys (G1b on),
//! bold-key lines `**Date:** …` (G1a), or plain lines `Date: …` (G0).

use super::ctx::Ctx;
use super::inline::{collapse_ws, leading_strong_md, links_md, plain_md, slice, tokens, T};
use super::outline::{Block, Kind};
use crate::model::{family_of, Author, Commit, Meta, PullRequest, Repo, Reviewer, Round, Verdict};

/// One `key → value` pair of the header, with the value's Markdown.
struct Row<'a> {
    key: String,
    value: &'a str,
    /// The value as plain text (from the table cell's events when there are some).
    plain: String,
    pos: usize,
}

/// Parse the blocks between the title and the first section heading.
pub(crate) fn parse_header(cx: &mut Ctx<'_>, blocks: &[Block<'_>]) -> Meta {
    let src = cx.src;
    let mut rows = Vec::new();
    for b in blocks {
        match b.kind {
            Kind::Table => {
                for row in &b.rows {
                    let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
                        continue;
                    };
                    let key = super::inline::plain_events(&k.inline);
                    let key = key.trim_end_matches(':').trim().to_string();
                    if key.is_empty() {
                        continue;
                    }
                    rows.push(Row {
                        key,
                        value: slice(src, v.range.clone()).trim(),
                        plain: super::inline::plain_events(&v.inline),
                        pos: k.range.start,
                    });
                }
            }
            Kind::Paragraph => {
                let text = slice(src, b.range.clone());
                let mut pos = b.range.start;
                for line in text.split_inclusive('\n') {
                    match header_line(line) {
                        Some((key, value)) => rows.push(Row {
                            key,
                            value,
                            plain: plain_md(value),
                            pos,
                        }),
                        None if line.trim().is_empty() => {}
                        None => cx.warn(pos, "a header line is not `Key: value`; it was ignored"),
                    }
                    pos += line.len();
                }
            }
            Kind::Rule => {}
            _ => cx.warn(
                b.range.start,
                "unexpected content between the title and the first section; it was ignored",
            ),
        }
    }
    let mut meta = Meta::default();
    let mut seen = std::collections::HashSet::new();
    for row in rows {
        let k = row.key.to_ascii_lowercase();
        if !seen.insert(k.clone()) {
            cx.warn(
                row.pos,
                &format!(
                    "header key `{}` appears twice; the later value wins",
                    row.key
                ),
            );
        }
        if let Some(warning) = apply_value(&mut meta, &row.key, &k, row.value, &row.plain) {
            cx.warn(row.pos, &warning);
        }
    }
    if meta.date.is_empty() {
        cx.warn(
            blocks.first().map_or(0, |b| b.range.start),
            "the header has no Date",
        );
    }
    if meta.reviewers.is_empty() {
        cx.warn(
            blocks.first().map_or(0, |b| b.range.start),
            "the header has no Reviewers",
        );
    }
    meta
}

/// `**Date:** 2026-03-13`, `**Date**: …`, `Date: 2026-03-13` → (key, value).
fn header_line(line: &str) -> Option<(String, &str)> {
    let t = line.trim();
    if let Some(rest) = t.strip_prefix("**") {
        let end = rest.find("**")?;
        let key = rest[..end].trim().trim_end_matches(':').trim();
        let value = rest[end + 2..].trim_start().trim_start_matches(':').trim();
        return (!key.is_empty()).then(|| (key.to_string(), value));
    }
    let colon = t.find(':')?;
    let key = t[..colon].trim();
    let ok = !key.is_empty()
        && key.len() <= 30
        && key.split_whitespace().count() <= 3
        && key
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        && key.starts_with(|c: char| c.is_uppercase());
    ok.then(|| (key.to_string(), t[colon + 1..].trim()))
}

/// Put one header value on `meta`: `key` is the lower-case key, `raw_key` as written (for
/// `extra`), `v` the value's Markdown (plain text works too) and `plain` its plain text. Shared
/// by the Markdown header and the rendered-text header, so both read values the same way.
/// Returns a warning when the value could not be read; it is then kept under `extra`.
pub(crate) fn apply_value(
    meta: &mut Meta,
    raw_key: &str,
    key: &str,
    v: &str,
    plain: &str,
) -> Option<String> {
    // A value that does not read is kept under `extra`; the warning says why.
    let keep = |meta: &mut Meta, why: &str| {
        meta.extra.insert(raw_key.to_string(), v.to_string());
        Some(format!("{why}; kept under extra"))
    };
    match key {
        "date" => match normalize_date(&plain_md(v)) {
            Some(d) => meta.date = d,
            None => {
                meta.date = plain_md(v);
                return Some(format!(
                    "the Date `{}` is not `YYYY-MM-DD[ HH:MM]`",
                    plain_md(v)
                ));
            }
        },
        "repo" | "repository" => meta.repo = Some(repo(v)),
        "round" => match round(v, plain) {
            Some(r) => meta.round = Some(r),
            None => return keep(meta, "the Round does not start with a number"),
        },
        "mode" => meta.mode = Some(plain.to_string()),
        "author" => meta.author = Some(author(v)),
        "pr" | "pull request" => match pull_request(v) {
            Some(pr) => meta.pr = Some(pr),
            None => return keep(meta, "the PR has no `#number`"),
        },
        "branch" => meta.branch = Some(plain.to_string()),
        "review sha" => {
            let (sha, more) = review_sha(v);
            meta.review_sha = Some(sha);
            if more {
                meta.extra.insert(raw_key.to_string(), v.to_string());
            }
        }
        "commits" | "commit" => meta.commits = commits(v),
        "reviewers" | "agents" => meta.reviewers = reviewers(plain),
        "verdict" => meta.verdict = Some(verdict(v)),
        "wall-clock time" | "wall-clock" | "wall clock time" | "wall clock" => {
            match duration_seconds(plain) {
                Some(s) => meta.wall_clock_seconds = Some(s),
                None => return keep(meta, "the Wall-clock time is not a duration"),
            }
        }
        "updated" => meta.updated = Some(v.to_string()),
        _ => {
            meta.extra.insert(raw_key.to_string(), v.to_string());
        }
    }
    None
}

/// `2026-03-22 14:24` → `2026-03-22T14:24`; `2026-03-13` stays.
pub(crate) fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let date = s.get(..10)?;
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
        return None;
    }
    let rest = s[10..].trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some(date.to_string());
    }
    let time = rest.get(..5)?;
    let t = time.as_bytes();
    let ok = t[0..2].iter().all(u8::is_ascii_digit)
        && t[2] == b':'
        && t[3..5].iter().all(u8::is_ascii_digit);
    ok.then(|| format!("{date}T{time}"))
}

fn repo(v: &str) -> Repo {
    match links_md(v).into_iter().next() {
        Some((name, url, _)) => Repo {
            name,
            url: Some(url),
        },
        None => Repo {
            name: plain_md(v),
            url: None,
        },
    }
}

/// `2 (of PR #4637)`, `1`, `2 of 2 — single recut commit …`.
fn round(v: &str, plain: &str) -> Option<Round> {
    let text = v.trim().to_string();
    let digits: String = plain.chars().take_while(char::is_ascii_digit).collect();
    let number: u32 = digits.parse().ok()?;
    let rest = plain[digits.len()..].trim_start();
    let of = if let Some(r) = rest.strip_prefix("(of ") {
        let mut depth = 1usize;
        let end = r
            .char_indices()
            .find(|&(_, c)| {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ => {}
                }
                depth == 0
            })
            .map_or(r.len(), |(i, _)| i);
        Some(r[..end].trim().to_string())
    } else if let Some(r) = rest.strip_prefix("of ") {
        let end = [" — ", " -- ", " (", ";", ","]
            .iter()
            .filter_map(|s| r.find(s))
            .min()
            .unwrap_or(r.len());
        Some(r[..end].trim().to_string())
    } else {
        None
    };
    Some(Round {
        number,
        of: of.filter(|s| !s.is_empty()),
        text,
    })
}

/// `[@h](url)`, `[@h](url) (Real Name)`, `@h`, `Real Name`, `Name <mail@x>`.
fn author(v: &str) -> Author {
    let v = v.trim();
    let mut a = Author::default();
    if let Some((text, url, range)) = links_md(v).into_iter().next().filter(|l| l.2.start == 0) {
        a.handle = Some(text.trim_start_matches('@').to_string()).filter(|h| !h.is_empty());
        a.url = Some(url);
        let rest = plain_md(slice(v, range.end..v.len()));
        let rest = rest
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        a.name = (!rest.is_empty()).then(|| rest.to_string());
    } else if let Some(h) = v.strip_prefix('@') {
        let end = h.find(char::is_whitespace).unwrap_or(h.len());
        a.handle = Some(h[..end].to_string());
        let rest = h[end..]
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim();
        a.name = (!rest.is_empty()).then(|| plain_md(rest));
    } else {
        let name = v.split('<').next().unwrap_or(v);
        a.name = Some(plain_md(name)).filter(|n| !n.is_empty());
        if let Some(mail) = v.split('<').nth(1).and_then(|m| m.split('>').next()) {
            if mail.contains('@') {
                a.url = Some(format!("mailto:{}", mail.trim()));
            }
        }
    }
    a
}

/// The first `#123` in a text: (number, offset after it).
fn pr_number(s: &str) -> Option<(u64, usize)> {
    let mut from = 0;
    while let Some(i) = s[from..].find('#') {
        let start = from + i + 1;
        let digits: String = s[start..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(n) = digits.parse() {
            return Some((n, start + digits.len()));
        }
        from = start;
    }
    None
}

/// Text after a leading separator (` — `, ` -- `, `–`, `:`), or `None` when there is none.
fn after_separator(s: &str) -> Option<&str> {
    let t = s.trim_start();
    ["—", "--", "–", ":", "-"]
        .iter()
        .find_map(|sep| t.strip_prefix(sep))
        .map(str::trim)
}

/// `[#242](url) — Title`, `#10176 — Title`, `#10637`, `owner/repo#10557 (@user)`.
fn pull_request(v: &str) -> Option<PullRequest> {
    if let Some((text, url, range)) = links_md(v).into_iter().next() {
        let number = pr_number(&text)
            .map(|n| n.0)
            .or_else(|| url.rsplit('/').next().and_then(|n| n.parse().ok()))?;
        let title = after_separator(slice(v, range.end..v.len()))
            .map(plain_md)
            .filter(|t| !t.is_empty());
        return Some(PullRequest {
            number,
            url: Some(url),
            title,
        });
    }
    let plain = plain_md(v);
    let (number, end) = pr_number(&plain)?;
    let title = after_separator(&plain[end..])
        .map(str::to_string)
        .filter(|t| !t.is_empty());
    Some(PullRequest {
        number,
        url: None,
        title,
    })
}

fn is_sha(s: &str) -> bool {
    (7..=40).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// `` `fa08…` `` or `` `ea55…` (agents reviewed …) `` → (sha, has more text).
fn review_sha(v: &str) -> (String, bool) {
    let toks = tokens(v);
    let sha = match toks.first().map(|t| t.t) {
        Some(T::Code(c)) | Some(T::Word(c)) => c.to_string(),
        _ => plain_md(v),
    };
    (sha, toks.len() > 1)
}

/// `` `99f1148` Subject<br>`abc1234` Other `` and the G1a form
/// `` `4fd77c6` (serial log rotation), `71714cf` (instance log preservation) ``.
pub(crate) fn commits(v: &str) -> Vec<Commit> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    let lower = v.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<br") {
        let start = from + i;
        let end = lower[start..]
            .find('>')
            .map_or(lower.len(), |j| start + j + 1);
        parts.push(slice(v, from..start));
        from = end;
    }
    parts.push(slice(v, from..v.len()));
    for part in parts {
        let toks = tokens(part);
        let shas: Vec<usize> = toks
            .iter()
            .enumerate()
            .filter(|(i, t)| match t.t {
                T::Code(c) => is_sha(c),
                T::Word(w) => *i == 0 && is_sha(w),
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        if shas.is_empty() {
            let subject = plain_md(part);
            if !subject.is_empty() {
                out.push(Commit {
                    sha: String::new(),
                    subject,
                });
            }
            continue;
        }
        for (n, &ti) in shas.iter().enumerate() {
            let sha = match toks[ti].t {
                T::Code(c) | T::Word(c) => c.to_string(),
                _ => continue,
            };
            let end = shas.get(n + 1).map_or(part.len(), |&j| toks[j].start);
            let subject = plain_md(slice(part, toks[ti].end..end));
            let subject = subject.trim().trim_end_matches([',', ';']).trim();
            let subject = subject
                .strip_prefix('(')
                .and_then(|s| s.strip_suffix(')'))
                .unwrap_or(subject);
            out.push(Commit {
                sha,
                subject: subject.to_string(),
            });
        }
    }
    out
}

/// Split on `,`/`;` outside parentheses.
fn split_outside_parens(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = (depth - 1).max(0),
            ',' | ';' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

/// `Claude Opus 4.7 (effort: xhigh), Codex GPT 5.4 (effort: high — dropped, see retro); …`.
pub(crate) fn reviewers(plain: &str) -> Vec<Reviewer> {
    let mut out = Vec::new();
    for part in split_outside_parens(plain) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, paren, after) = match part.find('(') {
            Some(i) => {
                let inner_end = part[i..].find(')').map_or(part.len(), |j| i + j);
                (
                    part[..i].trim(),
                    Some(part[i + 1..inner_end].trim()),
                    part.get(inner_end + 1..).unwrap_or("").trim(),
                )
            }
            None => (part, None, ""),
        };
        if name.is_empty() {
            continue;
        }
        let mut effort = None;
        let mut notes: Vec<String> = Vec::new();
        if let Some(p) = paren {
            match p.to_ascii_lowercase().find("effort:") {
                Some(i) => {
                    let e = p[i + 7..].trim();
                    let cut = [" — ", " -- ", " – ", ",", ";"]
                        .iter()
                        .filter_map(|s| e.find(s))
                        .min()
                        .unwrap_or(e.len());
                    effort = Some(e[..cut].trim().to_string()).filter(|e| !e.is_empty());
                    let rest = e[cut..]
                        .trim_start_matches([' ', '—', '-', '–', ',', ';'])
                        .trim();
                    if !rest.is_empty() {
                        notes.push(rest.to_string());
                    }
                }
                None if !p.is_empty() => notes.push(p.to_string()),
                None => {}
            }
        }
        if !after.is_empty() {
            notes.push(after.to_string());
        }
        out.push(Reviewer {
            name: name.to_string(),
            family: family_of(name),
            effort,
            note: (!notes.is_empty()).then(|| notes.join("; ")),
        });
    }
    out
}

/// `**Merge with fixes** — text`, `**Merge as-is** -- text`, `**Merge with fixes**: text`.
fn verdict(v: &str) -> Verdict {
    if let Some((label, end)) = leading_strong_md(v) {
        let rest = slice(v, end..v.len());
        let text = after_separator(rest).unwrap_or(rest.trim());
        return Verdict {
            label,
            text: text.to_string(),
        };
    }
    let plain = collapse_ws(v);
    let cut = [" — ", " -- ", " – ", ": "]
        .iter()
        .filter_map(|s| plain.find(s).map(|i| (i, s.len())))
        .min();
    match cut {
        Some((i, n)) => Verdict {
            label: plain_md(&plain[..i]),
            text: plain[i + n..].trim().to_string(),
        },
        None => Verdict {
            label: plain_md(&plain),
            text: String::new(),
        },
    }
}

/// `18 min 21 s`, `1 h 14 min 30 s`, `13m 21s`, `12:02`, `1:02:03`, `360 s` → seconds.
pub(crate) fn duration_seconds(s: &str) -> Option<u64> {
    let s = s.trim().trim_matches('`').trim();
    if s.is_empty() {
        return None;
    }
    if s.contains(':') && s.chars().all(|c| c.is_ascii_digit() || c == ':') {
        let mut total = 0u64;
        for part in s.split(':') {
            total = total.checked_mul(60)?.checked_add(part.parse().ok()?)?;
        }
        return Some(total);
    }
    let mut total = 0u64;
    let mut any = false;
    let mut rest = s;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() {
            return None;
        }
        let n: u64 = digits.parse().ok()?;
        rest = rest[digits.len()..].trim_start();
        let unit: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
        rest = &rest[unit.len()..];
        let mult = match unit.to_ascii_lowercase().as_str() {
            "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
            "m" | "min" | "mins" | "minute" | "minutes" => 60,
            "s" | "sec" | "secs" | "second" | "seconds" | "" => 1,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(mult)?)?;
        any = true;
    }
    any.then_some(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            normalize_date("2026-03-22 14:24").as_deref(),
            Some("2026-03-22T14:24")
        );
        assert_eq!(normalize_date("2026-03-13").as_deref(), Some("2026-03-13"));
        assert_eq!(
            normalize_date("2026-03-22T14:24:09").as_deref(),
            Some("2026-03-22T14:24")
        );
        assert_eq!(normalize_date("March 3"), None);
        assert_eq!(normalize_date("2026-03-22 1"), None);
        assert_eq!(normalize_date("2026-03-2é"), None);
    }

    #[test]
    fn durations() {
        assert_eq!(duration_seconds("18 min 21 s"), Some(1101));
        assert_eq!(duration_seconds("`1 h 14 min 30 s`"), Some(4470));
        assert_eq!(duration_seconds("13m 21s"), Some(801));
        assert_eq!(duration_seconds("12:02"), Some(722));
        assert_eq!(duration_seconds("about an hour"), None);
        assert_eq!(duration_seconds("99999999999999999999 s"), None);
    }

    #[test]
    fn rounds() {
        let r = round("2 (of PR #4637)", "2 (of PR #4637)").unwrap();
        assert_eq!((r.number, r.of.as_deref()), (2, Some("PR #4637")));
        let v = "3 (amendment of `ced80326e` → `fa7d39869`)";
        let r = round(v, &plain_md(v)).unwrap();
        assert_eq!((r.number, r.of), (3, None));
        assert_eq!(r.text, "3 (amendment of `ced80326e` → `fa7d39869`)");
        let v = "2 of 2 — single recut commit `b6ec2c667`";
        let r = round(v, &plain_md(v)).unwrap();
        assert_eq!((r.number, r.of.as_deref()), (2, Some("2")));
        assert!(round("second", "second").is_none());
    }

    #[test]
    fn authors() {
        let a = author("[@endemics](https://github.com/endemics) (Gildas Le Nadan)");
        assert_eq!(a.handle.as_deref(), Some("endemics"));
        assert_eq!(a.url.as_deref(), Some("https://github.com/endemics"));
        assert_eq!(a.name.as_deref(), Some("Gildas Le Nadan"));
        let a = author("@opjt");
        assert_eq!((a.handle.as_deref(), a.name), (Some("opjt"), None));
        let a = author("Mark Yen <mark.yen@suse.com>");
        assert_eq!(a.name.as_deref(), Some("Mark Yen"));
        assert_eq!(a.url.as_deref(), Some("mailto:mark.yen@suse.com"));
    }

    #[test]
    fn pull_requests() {
        let p = pull_request("[#242](https://github.com/o/r/pull/242) — Run `x`: y").unwrap();
        assert_eq!(p.number, 242);
        assert_eq!(p.title.as_deref(), Some("Run x: y"));
        let p = pull_request("#10176 — rddepman: fix").unwrap();
        assert_eq!(
            (p.number, p.url, p.title.as_deref()),
            (10176, None, Some("rddepman: fix"))
        );
        let p = pull_request("rancher-sandbox/rancher-desktop#10557 (@voidmatcha)").unwrap();
        assert_eq!((p.number, p.title), (10557, None));
        assert!(pull_request("none").is_none());
    }

    #[test]
    fn commit_lists() {
        let c = commits("`99f1148` Fix `x` (y)<br>`abcdef12` Other<br/>55afbf72d Plain");
        let got: Vec<(&str, &str)> = c
            .iter()
            .map(|c| (c.sha.as_str(), c.subject.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("99f1148", "Fix x (y)"),
                ("abcdef12", "Other"),
                ("55afbf72d", "Plain")
            ]
        );
        let c = commits("`4fd77c6` (serial log rotation), `71714cf` (instance log preservation)");
        let got: Vec<(&str, &str)> = c
            .iter()
            .map(|c| (c.sha.as_str(), c.subject.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("4fd77c6", "serial log rotation"),
                ("71714cf", "instance log preservation")
            ]
        );
    }

    #[test]
    fn reviewer_lists() {
        let r = reviewers(
            &plain_md("Claude Opus 4.7 (effort: xhigh — dropped, see retro), Codex GPT 5.4 (effort: high), \
             Gemini 3.5 Flash (effort: default); Gemini 3.1 Pro (effort: default) produced no output — quota exhausted"),
        );
        let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = r
            .iter()
            .map(|r| {
                (
                    r.name.as_str(),
                    r.family.as_str(),
                    r.effort.as_deref(),
                    r.note.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "Claude Opus 4.7",
                    "Claude",
                    Some("xhigh"),
                    Some("dropped, see retro")
                ),
                ("Codex GPT 5.4", "Codex", Some("high"), None),
                ("Gemini 3.5 Flash", "Gemini", Some("default"), None),
                (
                    "Gemini 3.1 Pro",
                    "Gemini",
                    Some("default"),
                    Some("produced no output — quota exhausted")
                ),
            ]
        );
    }

    #[test]
    fn verdicts() {
        let v = verdict("**Merge with fixes** — fix `I3` first");
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge with fixes", "fix `I3` first")
        );
        let v = verdict("**Merge as-is** -- remaining items");
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge as-is", "remaining items")
        );
        let v = verdict("**Merge with fixes**: text");
        assert_eq!(
            (v.label.as_str(), v.text.as_str()),
            ("Merge with fixes", "text")
        );
        let v = verdict("Approve");
        assert_eq!((v.label.as_str(), v.text.as_str()), ("Approve", ""));
    }

    #[test]
    fn header_lines() {
        assert_eq!(
            header_line("**Date:** 2026-03-13\n"),
            Some(("Date".into(), "2026-03-13"))
        );
        assert_eq!(
            header_line("**Date**: 2026-03-13"),
            Some(("Date".into(), "2026-03-13"))
        );
        assert_eq!(
            header_line("Reviewers: A, B"),
            Some(("Reviewers".into(), "A, B"))
        );
        assert_eq!(header_line("this is prose: not a key"), None);
    }
}
