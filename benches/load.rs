//! Load on the real respondent flow without JavaScript, as browsers send it, against a
//! running server: the introduction, "Beginnen", then per page its GET and its POST with
//! an answer to every question (radio buttons and check boxes take the first option, text
//! fields a marker unique to the flow), and the thank-you page. Every flow writes its marker
//! into an open answer, so the stored rows can be matched to the acknowledged flows.
//!
//! Run (the server on its own database, e.g. `scripts/load.sh` does it all):
//!
//! ```sh
//! cargo bench --features ssr --bench load -- http://127.0.0.1:3333 verzm26j 64 10 <server pid>
//! ```
//!
//! Prints complete flows per second, p50/p99 per request, server CPU per flow (from
//! `/proc/<pid>/stat`) and the server's peak RSS, and writes the markers of acknowledged
//! flows to `target/load-markers.txt`. Method and figures: BENCHMARKS.md.

#[path = "../tests/common/flow.rs"]
mod flow;

use flow::{Browser, flow};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

#[derive(Default)]
struct Tally {
    latencies: Mutex<Vec<u32>>,
    flows: AtomicU64,
    errors: AtomicU64,
    markers: Mutex<Vec<String>>,
}

/// utime + stime of a process in clock ticks, and its peak RSS in kB.
fn process(pid: u32) -> Option<(u64, u64)> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let peak = status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())?;
    Some((ticks, peak))
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let base = args
        .first()
        .cloned()
        .unwrap_or_else(|| "http://127.0.0.1:3333".into());
    let code = args.get(1).cloned().unwrap_or_else(|| "verzm26j".into());
    let concurrency: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
    let seconds: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10);
    let pid: Option<u32> = args.get(4).and_then(|a| a.parse().ok());
    let host = base
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    assert!(
        host.starts_with("127.") || host.starts_with("localhost"),
        "load only ever goes to loopback"
    );

    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    let before = pid.and_then(process);
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let (tally, stop, host, code) = (tally.clone(), stop.clone(), host.clone(), code.clone());
        workers.push(tokio::spawn(async move {
            let mut browser = Browser { host, conn: None };
            let mut times = Vec::new();
            let mut markers = Vec::new();
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let marker = format!("lastmeting {worker} {n} {}", started.elapsed().as_nanos());
                match flow(&mut browser, &code, &marker, &mut times).await {
                    Ok(()) => {
                        tally.flows.fetch_add(1, Ordering::Relaxed);
                        markers.push(marker);
                    }
                    Err(e) => {
                        if tally.errors.fetch_add(1, Ordering::Relaxed) < 3 {
                            eprintln!("flow failed: {e}");
                        }
                        browser.conn = None;
                    }
                }
            }
            tally.latencies.lock().await.extend(times);
            tally.markers.lock().await.extend(markers);
        }));
    }
    tokio::time::sleep(Duration::from_secs(seconds)).await;
    stop.store(true, Ordering::Relaxed);
    for w in workers {
        let _ = w.await;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let after = pid.and_then(process);
    let flows = tally.flows.load(Ordering::Relaxed);
    let mut latencies = tally.latencies.lock().await.clone();
    latencies.sort_unstable();
    let pct = |p: f64| {
        latencies
            .get(((latencies.len() as f64 - 1.0) * p).round() as usize)
            .map_or(0.0, |&us| us as f64 / 1000.0)
    };
    println!(
        "concurrency {concurrency}: {flows} complete flows in {elapsed:.1} s = {:.0} responses/s; {} requests, p50 {:.1} ms, p99 {:.1} ms; {} failed flows",
        flows as f64 / elapsed,
        latencies.len(),
        pct(0.5),
        pct(0.99),
        tally.errors.load(Ordering::Relaxed)
    );
    if let (Some((t0, _)), Some((t1, peak))) = (before, after) {
        // Linux clock ticks are 1/100 s.
        let cpu_ms = (t1 - t0) as f64 * 10.0;
        println!(
            "server: {:.2} ms CPU per response, peak RSS {} MB",
            cpu_ms / flows.max(1) as f64,
            peak / 1024
        );
    }
    let markers = tally.markers.lock().await.join("\n");
    let _ = std::fs::write("target/load-markers.txt", markers);
}
