//! The server binary as a process of a test: started on a database at a free port on
//! loopback, its address read from what it prints, killed (and waited for) when dropped,
//! also when the test fails half-way.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

pub struct Running {
    pub child: Child,
    /// `127.0.0.1:<port>`.
    pub addr: String,
}

impl Running {
    /// `samenspraak --database-url <url> --addr 127.0.0.1:0 serve <serve>` with `env` set;
    /// returns once the server says where it listens.
    pub fn start(url: &str, serve: &[&str], env: &[(&str, &str)]) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samenspraak"))
            .args(["--database-url", url, "--addr", "127.0.0.1:0", "serve"])
            .args(serve)
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server starts");
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
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
        Running { child, addr }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
