use std::time::Instant;

#[test]
#[ignore]
fn throughput_on_the_corpus() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/lima");
    let Ok(entries) = std::fs::read_dir(dir) else {
        eprintln!("skipping: {dir} is absent");
        return;
    };
    let texts: Vec<String> = entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|t| t.starts_with("# Deep Review"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let iters = 30;
    let mb = (bytes * iters) as f64 / 1e6;
    let time = |f: &dyn Fn(&str) -> usize| {
        let t0 = Instant::now();
        let mut n = 0;
        for _ in 0..iters {
            for t in &texts {
                n += f(t);
            }
        }
        (mb / t0.elapsed().as_secs_f64(), n)
    };
    for _ in 0..3 {
        let (events, _) = time(&|t| {
            pulldown_cmark::Parser::new_ext(t, crate::parse::cmark::options())
                .into_offset_iter()
                .count()
        });
        let (fold, _) = time(&|t| {
            std::hint::black_box(crate::parse::cmark::fold_html_end_tags(
                std::hint::black_box(t),
            ))
            .len()
        });
        let (outline, _) = time(&|t| super::outline::build(t).blocks.len());
        let (full, _) = time(&|t| super::parse_markdown(t).map_or(0, |r| r.findings.len()));
        eprintln!(
            "{} reports, {:.2} MB: pulldown-cmark events {events:.1} MB/s, end-tag fold \
                 scan {fold:.0} MB/s, outline pass {outline:.1} MB/s, parse_markdown {full:.1} \
                 MB/s ({:.0}% of pulldown-cmark)",
            texts.len(),
            bytes as f64 / 1e6,
            100.0 * full / events
        );
    }
}
