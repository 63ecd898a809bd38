//! Slow clients cannot hold the server: a client gets ten seconds to send a request's
//! headers and thirty for its body (`src/server/listen.rs`, `src/server/middleware.rs`). Hundreds of connections that trickle their headers do
//! not keep anyone else waiting, and are closed.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/server.rs"]
mod server;

use app::App;
use axum::body::{Body, Bytes};
use axum::http::{Request, StatusCode, header};
use common::{TestDb, load_demo};
use server::Running;
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The server binary on a fresh SQLite database; killed when dropped.
struct Server {
    running: Running,
    _dir: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite:{}", dir.path().join("slow.db").display());
        Server {
            running: Running::start(&url, &[], &[]),
            _dir: dir,
        }
    }

    fn health_in(&self) -> Duration {
        let started = Instant::now();
        let mut conn = TcpStream::connect(&self.running.addr).unwrap();
        conn.set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        write!(
            conn,
            "GET /healthz HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.running.addr
        )
        .unwrap();
        let mut reply = String::new();
        conn.read_to_string(&mut reply).unwrap();
        assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
        started.elapsed()
    }
}

/// Whether the server closes the connection before the read timeout.
fn closed(conn: &mut TcpStream) -> bool {
    let mut buf = [0u8; 256];
    loop {
        match conn.read(&mut buf) {
            Ok(0) => return true,
            // A 408 before closing is fine: keep reading until the end.
            Ok(_) => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return false;
            }
            // Reset by the server.
            Err(_) => return true,
        }
    }
}

#[test]
fn connections_that_trickle_their_headers_are_closed_and_keep_nobody_waiting() {
    let server = Server::start();
    let mut slow: Vec<TcpStream> = (0..300)
        .map(|_| {
            let mut conn = TcpStream::connect(&server.running.addr).unwrap();
            write!(
                conn,
                "GET / HTTP/1.1\r\nHost: {}\r\nX-Slow: ",
                server.running.addr
            )
            .unwrap();
            conn
        })
        .collect();
    // Everyone else is served at once.
    assert!(
        server.health_in() < Duration::from_secs(5),
        "a request waited behind slow clients"
    );
    // The slow ones keep sending a byte now and then, and are cut off all the same.
    let started = Instant::now();
    for _ in 0..4 {
        std::thread::sleep(Duration::from_secs(2));
        for conn in &mut slow {
            let _ = conn.write_all(b"x");
        }
    }
    for conn in &mut slow {
        conn.set_read_timeout(Some(Duration::from_secs(15)))
            .unwrap();
        assert!(
            closed(conn),
            "a connection without whole headers stays open"
        );
    }
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(14),
        "slow clients were cut off only after {took:?}"
    );
    assert!(server.health_in() < Duration::from_secs(5));
}

/// A body that sends its first bytes and then nothing more.
fn stalling_body() -> Body {
    let first = futures_util::stream::once(async { Ok::<_, std::io::Error>(Bytes::from("q.")) });
    let never = futures_util::stream::pending();
    Body::from_stream(futures_util::StreamExt::chain(first, never))
}

#[tokio::test]
async fn a_body_that_does_not_arrive_in_time_gets_408() {
    let t = TestDb::sqlite().await;
    load_demo(&t.db).await;
    // Half a second here instead of thirty.
    let state = App::state(&t.db, time::macros::date!(2026 - 11 - 22))
        .with_body_read(Duration::from_millis(500));
    let app = App::with_state(state);
    let page = app.start("verzm26j").await;
    let started = Instant::now();
    let request = Request::post(&page)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(stalling_body())
        .unwrap();
    let reply = app.send(request).await;
    assert_eq!(reply.status, StatusCode::REQUEST_TIMEOUT);
    assert_eq!(reply.headers[header::CONNECTION], "close");
    assert!(started.elapsed() < Duration::from_secs(5));
    // The draft is untouched and still answers.
    assert_eq!(app.get(&page).await.status, StatusCode::OK);
    t.remove().await;
}
