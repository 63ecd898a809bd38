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

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;
use tokio::sync::Mutex;

/// One reply: status, `Location`, body.
struct Reply {
    status: u16,
    location: Option<String>,
    body: String,
}

/// One keep-alive HTTP/1.1 connection, as one browser has.
struct Browser {
    host: String,
    conn: Option<BufReader<TcpStream>>,
}

impl Browser {
    async fn send(
        &mut self,
        method: &str,
        path: &str,
        form: Option<&str>,
    ) -> std::io::Result<Reply> {
        for attempt in 0..2 {
            if self.conn.is_none() {
                let stream = TcpStream::connect(&self.host).await?;
                stream.set_nodelay(true)?;
                self.conn = Some(BufReader::new(stream));
            }
            match self.exchange(method, path, form).await {
                Ok(reply) => return Ok(reply),
                // The server closed an idle connection: once more on a fresh one.
                Err(_) if attempt == 0 => self.conn = None,
                Err(e) => return Err(e),
            }
        }
        unreachable!()
    }

    async fn exchange(
        &mut self,
        method: &str,
        path: &str,
        form: Option<&str>,
    ) -> std::io::Result<Reply> {
        let conn = self.conn.as_mut().expect("connected");
        let mut request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nUser-Agent: samenspraak-load\r\nAccept: text/html\r\n",
            self.host
        );
        if let Some(form) = form {
            request.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{form}",
                form.len()
            ));
        } else {
            request.push_str("\r\n");
        }
        conn.get_mut().write_all(request.as_bytes()).await?;
        let mut line = String::new();
        if conn.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or(std::io::ErrorKind::InvalidData)?;
        let (mut length, mut chunked, mut location, mut close) = (0usize, false, None, false);
        loop {
            line.clear();
            conn.read_line(&mut line).await?;
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                let value = value.trim();
                match name.to_ascii_lowercase().as_str() {
                    "content-length" => length = value.parse().unwrap_or(0),
                    "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                    "location" => location = Some(value.to_owned()),
                    "connection" => close = value.eq_ignore_ascii_case("close"),
                    _ => {}
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                conn.read_line(&mut line).await?;
                let size = usize::from_str_radix(line.trim(), 16)
                    .map_err(|_| std::io::ErrorKind::InvalidData)?;
                let mut chunk = vec![0; size + 2];
                conn.read_exact(&mut chunk).await?;
                if size == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..size]);
            }
        } else {
            body.resize(length, 0);
            conn.read_exact(&mut body).await?;
        }
        if close {
            self.conn = None;
        }
        Ok(Reply {
            status,
            location,
            body: String::from_utf8_lossy(&body).into_owned(),
        })
    }
}

/// The value of attribute `name` in one tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    Some(&tag[start..start + tag[start..].find('"')?])
}

/// The form a browser sends for a question page: the first option of every radio group and
/// check box, the marker in every text field, the hidden fields, and the primary button.
fn filled_in(page: &str, marker: &str) -> Option<(String, String)> {
    let form_at = page.find("<form id=\"answers\"")?;
    let form_tag = &page[form_at..form_at + page[form_at..].find('>')?];
    let action = attribute(form_tag, "action")?.replace("&amp;", "&");
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for tag in page[form_at..].split('<').skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let kind = tag.split_whitespace().next().unwrap_or("");
        let Some(name) = attribute(tag, "name") else {
            continue;
        };
        let input_type = attribute(tag, "type").unwrap_or("text");
        match (kind, input_type) {
            ("input", "radio" | "checkbox") if seen.insert(name.to_owned()) => {
                fields.push((name.to_owned(), attribute(tag, "value")?.to_owned()));
            }
            ("input", "radio" | "checkbox") => {}
            ("input", "hidden") => fields.push((
                name.to_owned(),
                attribute(tag, "value").unwrap_or("").to_owned(),
            )),
            ("input", _) | ("textarea", _) => fields.push((name.to_owned(), marker.to_owned())),
            ("button", _) if tag.contains("class=\"primary\"") => {
                fields.push((
                    name.to_owned(),
                    attribute(tag, "value").unwrap_or("").to_owned(),
                ));
            }
            _ => {}
        }
        if kind == "/form" {
            break;
        }
    }
    let encode = |s: &str| -> String {
        s.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' => {
                    (b as char).to_string()
                }
                b' ' => "+".into(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    Some((action, body))
}

/// The path of a `Location`, which may be absolute.
fn path_of(location: &str) -> String {
    match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".into(), |i| rest[i..].to_owned()),
        None => location.to_owned(),
    }
}

#[derive(Default)]
struct Tally {
    latencies: Mutex<Vec<u32>>,
    flows: AtomicU64,
    errors: AtomicU64,
    markers: Mutex<Vec<String>>,
}

/// One complete flow; the latency of each request in microseconds goes to `times`.
async fn flow(
    b: &mut Browser,
    code: &str,
    marker: &str,
    times: &mut Vec<u32>,
) -> Result<(), String> {
    let mut timed = async |b: &mut Browser, method: &str, path: &str, form: Option<&str>| {
        let at = Instant::now();
        let reply = b
            .send(method, path, form)
            .await
            .map_err(|e| format!("{method} {path}: {e}"))?;
        times.push(at.elapsed().as_micros().min(u32::MAX as u128) as u32);
        Ok::<Reply, String>(reply)
    };
    let intro = timed(b, "GET", &format!("/{code}"), None).await?;
    if intro.status != 200 {
        return Err(format!("intro: {}", intro.status));
    }
    let start = timed(b, "POST", &format!("/{code}"), Some("lang=nl")).await?;
    let mut next = start
        .location
        .map(|l| path_of(&l))
        .ok_or(format!("start: {}", start.status))?;
    for _ in 0..20 {
        if next.contains("/bedankt") {
            let thanks = timed(b, "GET", &next, None).await?;
            return match thanks.status {
                200 => Ok(()),
                s => Err(format!("thanks: {s}")),
            };
        }
        let page = timed(b, "GET", &next, None).await?;
        if page.status != 200 {
            return Err(format!("GET {next}: {}", page.status));
        }
        let (action, form) = filled_in(&page.body, marker).ok_or("no answer form")?;
        let sent = timed(b, "POST", &action, Some(&form)).await?;
        next = match (sent.status, sent.location) {
            (303, Some(l)) => path_of(&l),
            (s, _) => {
                return Err(format!(
                    "POST {action}: {s}: {}",
                    &sent.body.chars().take(200).collect::<String>()
                ));
            }
        };
    }
    Err("more than 20 pages".into())
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
