//! A browser without JavaScript on the respondent flow, for the load benchmark
//! (`benches/load.rs`) and the fault tests (`tests/faults.rs`): one keep-alive HTTP/1.1
//! connection, the forms filled in as a browser sends them (the first option of every
//! radio group and check box, a marker in every text field), and the whole flow from the
//! introduction to the thank-you page.

use std::time::Instant;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// One reply: status, `Location`, body.
pub struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

/// One keep-alive HTTP/1.1 connection, as one browser has.
pub struct Browser {
    pub host: String,
    pub conn: Option<BufReader<TcpStream>>,
}

impl Browser {
    pub async fn send(
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
pub fn filled_in(page: &str, marker: &str) -> Option<(String, String)> {
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
pub fn path_of(location: &str) -> String {
    match location.split_once("://") {
        Some((_, rest)) => rest.find('/').map_or("/".into(), |i| rest[i..].to_owned()),
        None => location.to_owned(),
    }
}

/// One complete flow; the latency of each request in microseconds goes to `times`.
pub async fn flow(
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
