//! SIGTERM, as systemd sends it on `systemctl stop` or a deploy: requests in flight finish,
//! new connections are refused, then the server stops with success.

#[path = "common/server.rs"]
mod server;

use server::Running;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn sigterm_lets_requests_in_flight_finish_refuses_new_connections_then_stops() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("shutdown.db").display());
    let mut server = Running::start(&url, &["--demo"], &[]);
    let addr = server.addr.clone();

    // A request in flight: its head and half its body are sent.
    let mut in_flight = TcpStream::connect(&addr).unwrap();
    write!(
        in_flight,
        "POST /verzm26j HTTP/1.1\r\nHost: {addr}\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\
         Connection: close\r\n\r\nlang"
    )
    .unwrap();
    in_flight.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let status = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());

    // New connections are refused once the listener is closed.
    let deadline = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(&addr).is_ok() {
        assert!(Instant::now() < deadline, "still accepting after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        server.child.try_wait().unwrap().is_none(),
        "the server waits for the request in flight"
    );

    // The request in flight gets its whole answer.
    in_flight.write_all(b"=nl").unwrap();
    let mut reply = String::new();
    in_flight.read_to_string(&mut reply).unwrap();
    let status_line = reply.lines().next().unwrap_or_default();
    assert!(
        status_line.starts_with("HTTP/1.1 ") && !status_line.starts_with("HTTP/1.1 5"),
        "{status_line}"
    );
    assert!(
        reply.contains("location: /verzm26j/") || reply.contains("</html>"),
        "the whole answer: {reply}"
    );

    // Then it stops, with success.
    let deadline = Instant::now() + Duration::from_secs(10);
    let exit = loop {
        if let Some(exit) = server.child.try_wait().unwrap() {
            break exit;
        }
        assert!(
            Instant::now() < deadline,
            "still running after its last request"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(exit.success(), "{exit}");
}
