//! Benchmark input for the round diff (`bench/native.rs`), not part of the library.

use deep_review::model::{Finding, Review, Round, Severity};

/// Two rounds of `n` findings each: the later one keeps most findings (some titles
/// replaced, lines moved, a fifth of the body reworded) and adds new ones. Deterministic.
pub fn bench_rounds(n: usize) -> (Review, Review) {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut rnd = move |k: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % k.max(1) as u64) as usize
    };
    let letters: Vec<char> = ('a'..='z').collect();
    let vocab: Vec<String> = (0..3000)
        .map(|_| (0..4 + rnd(7)).map(|_| letters[rnd(26)]).collect())
        .collect();
    let dirs = [
        "downloader",
        "hostagent",
        "sshutil",
        "limactl",
        "driverutil",
        "toolset",
    ];
    let make = |i: usize, rnd: &mut dyn FnMut(usize) -> usize| {
        let topic: Vec<&str> = (0..20).map(|_| vocab[rnd(vocab.len())].as_str()).collect();
        let title: Vec<&str> = (0..6).map(|_| topic[rnd(topic.len())]).collect();
        let body: Vec<&str> = (0..120)
            .map(|_| {
                if rnd(2) == 0 {
                    topic[rnd(topic.len())]
                } else {
                    vocab[rnd(vocab.len())].as_str()
                }
            })
            .collect();
        let path = format!("pkg/{}/{}.go", dirs[rnd(dirs.len())], vocab[rnd(40)]);
        let line = 10 + rnd(900) as u32;
        let sev = Severity::ALL[rnd(4)];
        Finding {
            title: title.join(" "),
            title_md: format!("**{}**", title.join(" ")),
            locations: vec![deep_review::model::Location {
                text: format!("{path}:{line}"),
                path,
                start_line: Some(line),
                end_line: None,
            }],
            agents: vec![
                ["Claude Opus 4.7", "Codex GPT 5.5", "Gemini 3.1 Pro"][rnd(3)].to_string(),
            ],
            body_md: body.join(" "),
            line: 1,
            ..Finding::new(format!("{}{}", sev.letter(), i + 1), sev)
        }
    };
    let earlier: Vec<Finding> = (0..n).map(|i| make(i, &mut rnd)).collect();
    let mut later: Vec<Finding> = Vec::with_capacity(n);
    for e in &earlier {
        if rnd(10) < 6 {
            let mut f = e.clone();
            let mut t: Vec<&str> = e.title.split(' ').collect();
            let k = rnd(t.len());
            t[k] = vocab[rnd(vocab.len())].as_str();
            f.title = t.join(" ");
            let body: Vec<&str> = e
                .body_md
                .split(' ')
                .map(|w| {
                    if rnd(5) == 0 {
                        vocab[rnd(vocab.len())].as_str()
                    } else {
                        w
                    }
                })
                .collect();
            f.body_md = body.join(" ");
            if let Some(loc) = f.locations.first_mut() {
                loc.start_line = loc.start_line.map(|l| l + 7);
            }
            later.push(f);
        }
    }
    while later.len() < n {
        let i = later.len();
        later.push(make(i, &mut rnd));
    }
    for (i, f) in later.iter_mut().enumerate() {
        f.id = format!("{}{}", f.severity.letter(), i + 1);
    }
    let review = |slug: &str, round: u32, findings: Vec<Finding>| Review {
        slug: slug.to_string(),
        title: format!("Deep Review: {slug}"),
        meta: deep_review::model::Meta {
            date: format!("2026-05-0{round}T12:00"),
            round: Some(Round {
                number: round,
                of: None,
                text: round.to_string(),
            }),
            ..Default::default()
        },
        findings,
        ..Default::default()
    };
    (
        review("20260501-120000-bench", 1, earlier),
        review("20260502-120000-bench", 2, later),
    )
}
