//! SIGKILL under load: young people answer through the real no-JS flow while the server is
//! killed with SIGKILL and started again, over and over. Afterwards every response that got
//! its thank-you page is stored exactly once, and nothing else is: no half response, no
//! duplicate, nothing that no flow sent.
//!
//! Three kills by default; `SAMENSPRAAK_LONG_TESTS=1` (set by `.ci/run`) makes it twelve.

mod common;
#[path = "common/flow.rs"]
mod flow;

use common::{TestDb, on_every_database};
use flow::{Browser, flow};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const LINK: &str = "verzm26j";
const MARKER: &str = "crashtest";

/// The server binary on the test's database, and the address it listens on.
fn start(url: &str) -> (Child, String) {
    let mut server = Command::new(env!("CARGO_BIN_EXE_samenspraak"))
        .args([
            "--database-url",
            url,
            "--addr",
            "127.0.0.1:0",
            "serve",
            "--demo",
        ])
        .env("SAMENSPRAAK_STARTS_PER_LINK_PER_MINUTE", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server starts");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let addr = lines
        .by_ref()
        .find_map(|line| {
            let line = line.ok()?;
            Some(
                line.strip_prefix("Samenspraak is running at http://")?
                    .to_owned(),
            )
        })
        .expect("the server says where it listens");
    // Whatever it prints later must not fill the pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (server, addr)
}

fn kills() -> usize {
    match std::env::var("SAMENSPRAAK_LONG_TESTS").as_deref() {
        Ok("1") => 12,
        _ => 3,
    }
}

/// What the flows saw: the markers of every flow started, and of those that got the
/// thank-you page.
#[derive(Default)]
struct Seen {
    started: BTreeSet<String>,
    acknowledged: Vec<String>,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_response_survives_sigkill_exactly_once() {
    on_every_database(|t: TestDb| async move {
        let (mut server, addr) = start(&t.url);
        let before: BTreeSet<i64> =
            t.db.responses_for_link(LINK)
                .await
                .unwrap()
                .iter()
                .map(|r| r.id)
                .collect();
        let addr = Arc::new(Mutex::new(addr));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let mut workers = Vec::new();
        for worker in 0..8 {
            let (addr, seen, stop) = (addr.clone(), seen.clone(), stop.clone());
            workers.push(tokio::spawn(async move {
                let mut n = 0;
                while !stop.load(Ordering::Relaxed) {
                    n += 1;
                    let marker = format!("{MARKER} {worker} {n}");
                    seen.lock().unwrap().started.insert(marker.clone());
                    let host = addr.lock().unwrap().clone();
                    let mut browser = Browser { host, conn: None };
                    match flow(&mut browser, LINK, &marker, &mut Vec::new()).await {
                        Ok(()) => seen.lock().unwrap().acknowledged.push(marker),
                        // The server is down or was killed mid-flow: a new flow, later.
                        Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                    }
                }
            }));
        }
        for kill in 0..kills() {
            tokio::time::sleep(Duration::from_millis(400 + 250 * (kill as u64 % 4))).await;
            server.kill().unwrap();
            server.wait().unwrap();
            let (restarted, new_addr) = start(&t.url);
            server = restarted;
            *addr.lock().unwrap() = new_addr;
        }
        tokio::time::sleep(Duration::from_millis(800)).await;
        stop.store(true, Ordering::Relaxed);
        for w in workers {
            w.await.unwrap();
        }
        server.kill().unwrap();
        server.wait().unwrap();

        let seen = std::mem::take(&mut *seen.lock().unwrap());
        assert!(
            seen.acknowledged.len() >= 10,
            "{}: only {} flows got through",
            t.label,
            seen.acknowledged.len()
        );
        let stored: Vec<_> =
            t.db.responses_for_link(LINK)
                .await
                .unwrap()
                .into_iter()
                .filter(|r| !before.contains(&r.id))
                .collect();
        let mut times_stored: BTreeMap<&str, usize> = BTreeMap::new();
        let mut shapes = BTreeSet::new();
        for response in &stored {
            let markers: BTreeSet<&str> = response
                .answers
                .values()
                .flatten()
                .filter(|v| v.starts_with(MARKER))
                .map(String::as_str)
                .collect();
            let [marker] = markers.into_iter().collect::<Vec<_>>()[..] else {
                panic!("{}: a response without one marker: {response:?}", t.label);
            };
            assert!(
                seen.started.contains(marker),
                "{}: stored but never sent: {marker}",
                t.label
            );
            *times_stored.entry(marker).or_default() += 1;
            shapes.insert(response.answers.keys().cloned().collect::<Vec<_>>());
        }
        assert_eq!(shapes.len(), 1, "{}: half responses: {shapes:?}", t.label);
        for (marker, n) in &times_stored {
            assert_eq!(*n, 1, "{}: {marker} stored {n} times", t.label);
        }
        for marker in &seen.acknowledged {
            assert!(
                times_stored.contains_key(marker.as_str()),
                "{}: acknowledged but lost: {marker}",
                t.label
            );
        }
        println!(
            "{}: {} kills, {} flows acknowledged, {} responses stored (the rest were cut off \
             after their submit was stored)",
            t.label,
            kills(),
            seen.acknowledged.len(),
            stored.len()
        );
        t
    })
    .await;
}
