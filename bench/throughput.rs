//! Native throughput of the draft builder: every page of a corpus folder through
//! `send_to_medium::build_draft` on one core, with per-stage times and peak heap per page.
//! Run by `./build.sh bench` (`cargo bench --bench throughput -- CORPUS_DIR [--json FILE]`).
//! `--once` makes one pass and prints nothing, for a profiler: `valgrind --tool=callgrind
//! target/release/deps/throughput-* --bench CORPUS_DIR --once`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use send_to_medium::{build_draft, dialect, extract, markdown, Options, Page};

/// Counts live heap bytes and their high-water mark, so each page's peak memory is measured
/// exactly rather than guessed from the process's resident size.
struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static PEAK_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counters only observe.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            grew(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let new_ptr = unsafe { System.realloc(ptr, layout, new_size) };
        if !new_ptr.is_null() {
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
            grew(new_size);
        }
        new_ptr
    }
}

fn grew(bytes: usize) {
    let live = LIVE_BYTES.fetch_add(bytes, Ordering::Relaxed) + bytes;
    PEAK_BYTES.fetch_max(live, Ordering::Relaxed);
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// One corpus page and what was measured for it.
struct PageRun {
    name: String,
    bytes: usize,
    url: Option<url::Url>,
    html_bytes: Vec<u8>,
    totals: Vec<Duration>,
    /// Median time of each stage: decode+parse+extract, dialect rewrite, Markdown, and the
    /// html5ever parse alone (part of the first).
    stages: [Duration; 4],
    peak_heap: usize,
    markdown_len: usize,
    error: Option<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `cargo test --all-targets` runs this target without `--bench`: there is nothing to test
    // here, and the corpus lives outside the repository.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let mut corpus = None;
    let mut json_out = None;
    let mut rounds = 5usize;
    let mut once = false;
    let mut it = args.into_iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--bench" => {}
            "--json" => json_out = it.next().map(PathBuf::from),
            "--rounds" => rounds = it.next().and_then(|n| n.parse().ok()).unwrap_or(rounds),
            "--once" => once = true,
            _ => corpus = Some(PathBuf::from(arg)),
        }
    }
    let corpus = corpus.unwrap_or_else(|| PathBuf::from("../shared/corpus/aeb/html"));
    let mut pages = match load_corpus(&corpus) {
        Ok(pages) if !pages.is_empty() => pages,
        Ok(_) => fail(&format!("no .html files in {}", corpus.display())),
        Err(e) => fail(&format!("cannot read {}: {e}", corpus.display())),
    };

    let options = Options::default();
    // One pass and nothing else, for a profiler (`valgrind --tool=callgrind … --once`): the
    // instruction counts then describe exactly one build_draft per page.
    if once {
        for page in &pages {
            let _ = build_draft(
                &Page::from_bytes(&page.html_bytes, page.url.clone()),
                &options,
            );
        }
        return;
    }
    // Warm-up: caches, allocator arenas, lazy statics.
    for page in &pages {
        let _ = build_draft(
            &Page::from_bytes(&page.html_bytes, page.url.clone()),
            &options,
        );
    }
    let wall = Instant::now();
    for _ in 0..rounds {
        for page in pages.iter_mut() {
            let start = Instant::now();
            let result = build_draft(
                &Page::from_bytes(&page.html_bytes, page.url.clone()),
                &options,
            );
            page.totals.push(start.elapsed());
            match result {
                Ok(draft) => page.markdown_len = draft.content_markdown.len(),
                Err(e) => page.error = Some(e.to_string()),
            }
        }
    }
    let wall = wall.elapsed();
    for page in pages.iter_mut() {
        page.stages = stage_times(page, rounds);
        PEAK_BYTES.store(LIVE_BYTES.load(Ordering::Relaxed), Ordering::Relaxed);
        let before = LIVE_BYTES.load(Ordering::Relaxed);
        let _ = build_draft(
            &Page::from_bytes(&page.html_bytes, page.url.clone()),
            &options,
        );
        page.peak_heap = PEAK_BYTES.load(Ordering::Relaxed).saturating_sub(before);
    }
    report(&corpus, &pages, rounds, wall, json_out.as_deref());
}

/// Times the pipeline's stages on their own (the same calls `draft::build` makes, minus the
/// small metadata/backlink assembly), so a slow page says which stage is slow.
fn stage_times(page: &PageRun, rounds: usize) -> [Duration; 4] {
    let mut samples: [Vec<Duration>; 4] = Default::default();
    for _ in 0..rounds.max(3) {
        let parsed = Page::from_bytes(&page.html_bytes, page.url.clone());
        let start = Instant::now();
        drop(dom_query::Document::from(parsed.html.as_str()));
        samples[3].push(start.elapsed());

        let start = Instant::now();
        let parsed = Page::from_bytes(&page.html_bytes, page.url.clone());
        let article = extract::extract(&parsed);
        samples[0].push(start.elapsed());
        let Ok(article) = article else { break };
        let start = Instant::now();
        let body = dialect::rewrite(&article.content_html, parsed.url.as_ref(), &mut Vec::new());
        samples[1].push(start.elapsed());
        let start = Instant::now();
        let _ = markdown::from_dialect_html(&body);
        samples[2].push(start.elapsed());
    }
    samples.map(|mut s| median(&mut s))
}

fn load_corpus(dir: &Path) -> std::io::Result<Vec<PageRun>> {
    let urls = page_urls(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension()
                .is_some_and(|ext| ext == "html" || ext == "htm")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let html_bytes = std::fs::read(&path)?;
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let url = urls
                .get(&stem)
                .cloned()
                .or_else(|| url::Url::parse(&format!("http://127.0.0.1/{stem}.html")).ok());
            Ok(PageRun {
                name: stem,
                bytes: html_bytes.len(),
                url,
                html_bytes,
                totals: Vec::new(),
                stages: Default::default(),
                peak_heap: 0,
                markdown_len: 0,
                error: None,
            })
        })
        .collect()
}

/// Page addresses from `../ground-truth.json` (`{id: {url}}`, the AEB layout) when present; the
/// address decides how links resolve, so the bench uses the real one.
fn page_urls(dir: &Path) -> std::collections::HashMap<String, url::Url> {
    let Some(truth) = dir.parent().map(|p| p.join("ground-truth.json")) else {
        return Default::default();
    };
    let Ok(text) = std::fs::read_to_string(truth) else {
        return Default::default();
    };
    let Ok(serde_json::Value::Object(entries)) = serde_json::from_str(&text) else {
        return Default::default();
    };
    entries
        .into_iter()
        .filter_map(|(id, entry)| {
            let url = url::Url::parse(entry.get("url")?.as_str()?).ok()?;
            Some((id, url))
        })
        .collect()
}

fn median(samples: &mut [Duration]) -> Duration {
    percentile(samples, 0.5)
}

/// Nearest-rank percentile.
fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    if samples.is_empty() {
        return Duration::ZERO;
    }
    samples.sort();
    let rank = ((p * samples.len() as f64).ceil() as usize).clamp(1, samples.len());
    samples[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(
    corpus: &Path,
    pages: &[PageRun],
    rounds: usize,
    wall: Duration,
    json_out: Option<&Path>,
) {
    let total_bytes: usize = pages.iter().map(|p| p.bytes).sum();
    let mut medians: Vec<Duration> = pages
        .iter()
        .map(|p| median(&mut p.totals.clone()))
        .collect();
    let sum_of_medians: Duration = medians.iter().sum();
    let mb = total_bytes as f64 / 1e6;
    let throughput = mb / sum_of_medians.as_secs_f64();
    let wall_throughput = mb * rounds as f64 / wall.as_secs_f64();
    let page_median = median(&mut medians);
    let page_p95 = percentile(&mut medians, 0.95);
    let page_max = medians.last().copied().unwrap_or_default();
    let stage_sums: Vec<Duration> = (0..4)
        .map(|i| pages.iter().map(|p| p.stages[i]).sum())
        .collect();
    // Shares of the whole build_draft time; what the three timed stages leave is the draft
    // assembly: related posts, footer, content Markdown.
    let share = |d: Duration| 100.0 * d.as_secs_f64() / sum_of_medians.as_secs_f64().max(1e-12);
    let staged: Duration = stage_sums[..3].iter().sum();
    let rest = sum_of_medians.saturating_sub(staged);
    let largest = pages.iter().max_by_key(|p| p.bytes);
    let heaviest = pages.iter().max_by_key(|p| p.peak_heap);
    let failed: Vec<&PageRun> = pages.iter().filter(|p| p.error.is_some()).collect();
    let empty = pages
        .iter()
        .filter(|p| p.error.is_none() && p.markdown_len == 0)
        .count();

    println!(
        "native (one core, release profile): {} pages, {:.2} MB of HTML from {}",
        pages.len(),
        mb,
        corpus.display()
    );
    println!("  throughput        {throughput:.1} MB/s (sum of per-page medians; {wall_throughput:.1} MB/s wall over {rounds} rounds)");
    println!(
        "  per page          median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        ms(page_median),
        ms(page_p95),
        ms(page_max)
    );
    println!(
        "  stages            decode+parse+extract {:.0}% (html5ever parse alone {:.0}%), dialect rewrite {:.0}%, body Markdown {:.0}%, rest (related posts, footer, content Markdown) {:.0}%",
        share(stage_sums[0]),
        share(stage_sums[3]),
        share(stage_sums[1]),
        share(stage_sums[2]),
        share(rest)
    );
    if let (Some(largest), Some(heaviest)) = (largest, heaviest) {
        println!(
            "  peak heap         {:.1} MB on the largest page ({} KB); max {:.1} MB ({} KB page)",
            largest.peak_heap as f64 / 1e6,
            largest.bytes / 1000,
            heaviest.peak_heap as f64 / 1e6,
            heaviest.bytes / 1000
        );
    }
    println!(
        "  output            {} drafts, {} errors, {} empty Markdown",
        pages.len() - failed.len(),
        failed.len(),
        empty
    );
    for page in &failed {
        println!(
            "    {}: {}",
            page.name,
            page.error.as_deref().unwrap_or_default()
        );
    }

    if let Some(path) = json_out {
        let per_page: Vec<serde_json::Value> = pages
            .iter()
            .map(|p| {
                serde_json::json!({
                    "name": p.name,
                    "bytes": p.bytes,
                    "median_ms": ms(median(&mut p.totals.clone())),
                    "stage_ms": p.stages.map(ms),
                    "peak_heap_bytes": p.peak_heap,
                    "markdown_len": p.markdown_len,
                    "error": p.error,
                })
            })
            .collect();
        let summary = serde_json::json!({
            "pages": pages.len(),
            "bytes": total_bytes,
            "rounds": rounds,
            "mb_per_s": throughput,
            "wall_mb_per_s": wall_throughput,
            "page_median_ms": ms(page_median),
            "page_p95_ms": ms(page_p95),
            "page_max_ms": ms(page_max),
            "stage_share_pct": {
                "parse_extract": share(stage_sums[0]),
                "html5ever_parse": share(stage_sums[3]),
                "dialect": share(stage_sums[1]),
                "markdown": share(stage_sums[2]),
                "rest": share(rest),
            },
            "largest_page": largest.map(|p| serde_json::json!({"name": p.name, "bytes": p.bytes, "peak_heap_bytes": p.peak_heap})),
            "max_peak_heap_bytes": heaviest.map(|p| p.peak_heap),
            "errors": failed.len(),
            "empty": empty,
            "per_page": per_page,
        });
        if let Err(e) = std::fs::write(path, summary.to_string()) {
            fail(&format!("cannot write {}: {e}", path.display()));
        }
    }
}

fn fail(message: &str) -> ! {
    eprintln!("bench throughput: {message}");
    std::process::exit(2);
}
