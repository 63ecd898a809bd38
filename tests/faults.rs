//! Faults under load: young people answer through the real no-JS flow while the server is
//! killed with SIGKILL and started again, while PostgreSQL goes away and comes back, or
//! while one of two server processes on one database is killed.
//! Afterwards every response that got its thank-you page is stored exactly once, and nothing
//! else is: no half response, no duplicate, nothing that no flow sent.
//!
//! The short variants run by default; `SAMENSPRAAK_LONG_TESTS=1` (set by `.ci/run`) runs
//! more rounds of each fault.

mod common;
#[path = "common/flow.rs"]
mod flow;
#[path = "common/server.rs"]
mod server;

use common::{TestDb, on_every_database};
use flow::{Browser, flow};
use samenspraak::storage::Db;
use server::Running;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const LINK: &str = "verzm26j";
const MARKER: &str = "storingstest";

/// How often each fault happens: a few times, or many with `SAMENSPRAAK_LONG_TESTS=1`.
fn rounds(short: usize, long: usize) -> usize {
    if common::long_tests() { long } else { short }
}

/// The server binary on a database (the demo loaded, no start limit), and the address it
/// listens on. Blocks until the server says where it listens (on a runtime thread that may
/// block).
fn start_server(url: &str) -> (Running, String) {
    let env = [
        ("SAMENSPRAAK_STARTS_PER_LINK_PER_MINUTE", "0"),
        ("RUST_LOG", "off"),
    ];
    let server = tokio::task::block_in_place(|| Running::start(url, &["--demo"], &env));
    let addr = server.addr.clone();
    (server, addr)
}

/// Eight young people answering one after another, each flow with its own marker, against
/// whatever address the server has now.
struct Load {
    addr: Arc<Mutex<String>>,
    seen: Arc<Mutex<Seen>>,
    stop: Arc<AtomicBool>,
    workers: Vec<tokio::task::JoinHandle<()>>,
}

/// The markers of every flow started, and of those that got the thank-you page.
#[derive(Default)]
struct Seen {
    started: BTreeSet<String>,
    acknowledged: Vec<String>,
}

impl Load {
    /// Starts the young people; `name` keeps their markers apart from another load's.
    fn start(name: &'static str, addr: String) -> Load {
        let addr = Arc::new(Mutex::new(addr));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..8)
            .map(|worker| {
                let (addr, seen, stop) = (addr.clone(), seen.clone(), stop.clone());
                tokio::spawn(async move {
                    let mut n = 0;
                    while !stop.load(Ordering::Relaxed) {
                        n += 1;
                        let marker = format!("{MARKER} {name} {worker} {n}");
                        seen.lock().unwrap().started.insert(marker.clone());
                        let host = addr.lock().unwrap().clone();
                        let mut browser = Browser { host, conn: None };
                        match flow(&mut browser, LINK, &marker, &mut Vec::new()).await {
                            Ok(()) => seen.lock().unwrap().acknowledged.push(marker),
                            // The server or its database is away: a new flow, a bit later.
                            Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
                        }
                    }
                })
            })
            .collect();
        Load {
            addr,
            seen,
            stop,
            workers,
        }
    }

    fn move_to(&self, addr: String) {
        *self.addr.lock().unwrap() = addr;
    }

    async fn finish(self) -> Seen {
        self.stop.store(true, Ordering::Relaxed);
        for w in self.workers {
            w.await.unwrap();
        }
        std::mem::take(&mut *self.seen.lock().unwrap())
    }
}

/// The ids of the link's responses before the load.
async fn stored_ids(db: &Db) -> BTreeSet<i64> {
    let responses = db.responses_for_link(LINK).await.unwrap();
    responses.iter().map(|r| r.id).collect()
}

/// Every acknowledged flow is stored exactly once; every stored response is whole (the same
/// questions answered as the others) and was sent by a flow. Returns how many were stored.
async fn assert_nothing_lost_nothing_else(
    db: &Db,
    before: &BTreeSet<i64>,
    seen: &Seen,
    label: &str,
) -> usize {
    assert!(
        seen.acknowledged.len() >= 10,
        "{label}: only {} flows got through",
        seen.acknowledged.len()
    );
    let stored: Vec<_> = db
        .responses_for_link(LINK)
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
            panic!("{label}: a response without one marker: {response:?}");
        };
        assert!(
            seen.started.contains(marker),
            "{label}: stored but never sent: {marker}"
        );
        *times_stored.entry(marker).or_default() += 1;
        shapes.insert(response.answers.keys().cloned().collect::<Vec<_>>());
    }
    assert_eq!(shapes.len(), 1, "{label}: half responses: {shapes:?}");
    for (marker, n) in &times_stored {
        assert_eq!(*n, 1, "{label}: {marker} stored {n} times");
    }
    for marker in &seen.acknowledged {
        assert!(
            times_stored.contains_key(marker.as_str()),
            "{label}: acknowledged but lost: {marker}"
        );
    }
    stored.len()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_response_survives_sigkill_exactly_once() {
    on_every_database(|t: TestDb| async move {
        let (mut server, addr) = start_server(&t.url);
        let before = stored_ids(&t.db).await;
        let load = Load::start("kill", addr);
        let kills = rounds(3, 12);
        for kill in 0..kills {
            tokio::time::sleep(Duration::from_millis(400 + 250 * (kill as u64 % 4))).await;
            // SIGKILL, and wait for it to be gone.
            tokio::task::block_in_place(|| drop(server));
            let (restarted, addr) = start_server(&t.url);
            server = restarted;
            load.move_to(addr);
        }
        tokio::time::sleep(Duration::from_millis(800)).await;
        let seen = load.finish().await;
        tokio::task::block_in_place(|| drop(server));
        let stored = assert_nothing_lost_nothing_else(&t.db, &before, &seen, t.label).await;
        println!(
            "{}: {kills} kills, {} flows acknowledged, {stored} responses stored (the rest were \
             cut off after their submit was stored)",
            t.label,
            seen.acknowledged.len(),
        );
        t
    })
    .await;
}

/// A PostgreSQL server of this test's own, in a temporary folder, on a free port: so that
/// it can be stopped and started without touching anyone else's.
struct OwnPostgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    server: Option<Child>,
}

impl OwnPostgres {
    /// `None` where PostgreSQL's programs are not installed.
    fn create() -> Option<OwnPostgres> {
        let bin = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(|e| Some(e.ok()?.path().join("bin")))
            .find(|bin| bin.join("initdb").exists())?;
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let own = OwnPostgres {
            bin,
            dir,
            port,
            server: None,
        };
        // PostgreSQL refuses to run as root: as root, its folder and programs are the
        // postgres user's.
        if as_root() {
            let status = Command::new("chown")
                .args(["postgres"])
                .arg(own.dir.path())
                .status()
                .unwrap();
            assert!(status.success());
        }
        let status = own
            .command("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(own.data())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "initdb");
        Some(own)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if as_root() {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// Starts the server and waits until it takes connections.
    fn start(&mut self) {
        let child = self
            .command("postgres")
            .arg("-D")
            .arg(self.data())
            .args([
                "-p",
                &self.port.to_string(),
                "-c",
                "listen_addresses=127.0.0.1",
            ])
            .arg("-k")
            .arg(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.server = Some(child);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !ready(&self.bin, self.port) {
            assert!(Instant::now() < deadline, "PostgreSQL did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server: `fast` shuts it down cleanly (connections cut, work rolled back),
    /// otherwise as after a crash (`immediate`: no checkpoint, recovery from the log at the
    /// next start).
    fn stop(&mut self, fast: bool) {
        if let Some(mut child) = self.server.take() {
            let signal = if fast { "-INT" } else { "-QUIT" };
            // runuser's child is the postmaster: signal the postmaster by its pid file.
            let pid = std::fs::read_to_string(self.data().join("postmaster.pid"))
                .ok()
                .and_then(|s| s.lines().next().map(str::to_owned));
            if let Some(pid) = pid {
                Command::new("kill").args([signal, &pid]).status().unwrap();
            }
            child.wait().unwrap();
        }
    }
}

impl Drop for OwnPostgres {
    fn drop(&mut self) {
        self.stop(false);
    }
}

fn as_root() -> bool {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
}

fn ready(bin: &Path, port: u16) -> bool {
    Command::new(bin.join("pg_isready"))
        .args(["-q", "-h", "127.0.0.1", "-p", &port.to_string()])
        .status()
        .is_ok_and(|s| s.success())
}

/// The status `/healthz` answers, or `None` if nothing answers.
async fn health(addr: &str) -> Option<u16> {
    let mut browser = Browser {
        host: addr.to_owned(),
        conn: None,
    };
    let reply = tokio::time::timeout(
        Duration::from_secs(15),
        browser.send("GET", "/healthz", None),
    )
    .await
    .ok()?
    .ok()?;
    Some(reply.status)
}

/// Waits until `/healthz` answers `status`.
async fn until_health(addr: &str, status: u16, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if health(addr).await == Some(status) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "/healthz never answered {status} {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// PostgreSQL stopped and started under load, cleanly and as after a crash: `/healthz`
/// answers 503 while it is gone, the app reconnects by itself, and no acknowledged response
/// is lost. Runs where `TEST_DATABASE_URL` is set and PostgreSQL's programs are installed
/// (Debian's, as on our machines and in CI).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_rides_out_postgresql_restarting_under_load() {
    if std::env::var("TEST_DATABASE_URL").is_err() {
        eprintln!("TEST_DATABASE_URL is not set: the PostgreSQL restart test does not run");
        return;
    }
    let Some(mut postgres) = OwnPostgres::create() else {
        eprintln!("PostgreSQL's programs are not installed: the restart test does not run");
        return;
    };
    tokio::task::block_in_place(|| postgres.start());
    let (server, addr) = start_server(&postgres.url());
    let db = Db::connect(&postgres.url()).await.unwrap();
    let before = stored_ids(&db).await;
    db.close().await;
    let load = Load::start("herstart", addr.clone());
    let restarts = rounds(2, 6);
    for restart in 0..restarts {
        tokio::time::sleep(Duration::from_millis(700)).await;
        tokio::task::block_in_place(|| postgres.stop(restart % 2 == 0));
        until_health(&addr, 503, "while PostgreSQL was down").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        tokio::task::block_in_place(|| postgres.start());
        until_health(&addr, 200, "after PostgreSQL came back").await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let seen = load.finish().await;
    tokio::task::block_in_place(|| drop(server));
    let db = Db::connect(&postgres.url()).await.unwrap();
    let stored = assert_nothing_lost_nothing_else(&db, &before, &seen, "postgres").await;
    db.close().await;
    println!(
        "{restarts} PostgreSQL restarts, {} flows acknowledged, {stored} responses stored",
        seen.acknowledged.len()
    );
}

/// Two server processes on one database, as behind a load balancer: young people answer
/// through both at once; then one is killed and its young people carry on through the
/// other. Every acknowledged response is stored once, nothing else is.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_server_processes_share_the_load_and_survive_losing_one() {
    on_every_database(|t: TestDb| async move {
        let (one, addr_one) = start_server(&t.url);
        let (two, addr_two) = start_server(&t.url);
        let before = stored_ids(&t.db).await;
        let to_one = Load::start("een", addr_one);
        let to_two = Load::start("twee", addr_two.clone());
        tokio::time::sleep(Duration::from_millis(1500)).await;
        tokio::task::block_in_place(|| drop(one));
        to_one.move_to(addr_two);
        tokio::time::sleep(Duration::from_millis(1500)).await;
        let mut seen = to_one.finish().await;
        let through_two = to_two.finish().await;
        tokio::task::block_in_place(|| drop(two));
        seen.started.extend(through_two.started);
        seen.acknowledged.extend(through_two.acknowledged);
        let stored = assert_nothing_lost_nothing_else(&t.db, &before, &seen, t.label).await;
        println!(
            "{}: two servers, one killed: {} flows acknowledged, {stored} responses stored",
            t.label,
            seen.acknowledged.len()
        );
        t
    })
    .await;
}
