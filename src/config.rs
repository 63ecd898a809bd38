//! Command line, environment and their safe defaults: with no configuration at all the app
//! serves on 127.0.0.1:3000 from a SQLite file under `data/`.

use clap::{Args, Parser, Subcommand};
use leptos::config::LeptosOptions;
use std::net::SocketAddr;
use std::path::PathBuf;

/// Samenspraak: questionnaires for young people and parents, side by side with professionals.
#[derive(Debug, Parser)]
#[command(name = "samenspraak", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub common: Common,
}

/// Settings every subcommand shares.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// Database: `sqlite:<file>` (default) or `postgres://…`.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite:data/samenspraak.db",
        global = true
    )]
    pub database_url: String,
    /// Address the public links start with, e.g. https://vragen.example.nl
    /// (default: http://<addr>).
    #[arg(long, env = "SAMENSPRAAK_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Address to listen on.
    #[arg(
        long,
        env = "SAMENSPRAAK_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,
}

impl Common {
    /// The start of every public link, without a trailing slash.
    pub fn public_base(&self) -> String {
        self.base_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", self.addr))
            .trim_end_matches('/')
            .to_owned()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default): applies migrations, then listens.
    Serve(ServeArgs),
    /// Load a questionnaire definition file (TOML) into its project.
    Import {
        /// The definition file; see docs/questionnaire-format.md.
        file: PathBuf,
    },
    /// Print every open invitation link with its questionnaire, audience and wave.
    Links,
    /// Load the demo project if it is not there yet, and print its links.
    Demo,
    /// Create an administrator account. The password is read from the terminal (asked
    /// twice) or, when input is not a terminal, from the first line of standard input;
    /// never from a flag.
    CreateAdmin {
        /// The administrator's e-mail address (the login name).
        email: String,
    },
    /// Append the site's files (built by cargo-leptos) to this binary, written to OUT, so
    /// that one file is a whole installation.
    Bundle {
        /// The built site (cargo-leptos's `site-root`).
        #[arg(long, default_value = "target/site")]
        site: PathBuf,
        /// The bundled binary to write (may be this binary itself).
        #[arg(long)]
        out: PathBuf,
    },
    /// Write a consistent copy of the (live) SQLite database to FILE, which must not exist.
    Backup {
        /// Where the copy goes, e.g. /var/backups/samenspraak/2026-12-02.db
        file: PathBuf,
    },
    /// Print the responses to one invitation link, one JSON object per line.
    Responses {
        /// The code of the link (the part after the last `/`).
        code: String,
    },
}

#[derive(Debug, Clone, Default, Args)]
pub struct ServeArgs {
    /// Load the demo project before serving (when it is not there yet).
    #[arg(long)]
    pub demo: bool,
    /// Behind a reverse proxy: the header in which it passes the client's address (e.g.
    /// X-Forwarded-For; the last address in it counts), for the login throttle. Without it
    /// the peer's address counts; set it only when every request comes through that proxy.
    #[arg(long, env = "SAMENSPRAAK_TRUSTED_PROXY_HEADER")]
    pub trusted_proxy_header: Option<axum::http::HeaderName>,
    /// New starts one invitation link takes per minute (on each app server); beyond that
    /// a "try again in a minute" page (429). Keyed on the link, never on an address. 0: no
    /// limit.
    #[arg(
        long,
        env = "SAMENSPRAAK_STARTS_PER_LINK_PER_MINUTE",
        default_value_t = crate::server::start_limit::DEFAULT_STARTS_PER_MINUTE
    )]
    pub starts_per_link_per_minute: u32,
    /// The file holding the secret that seals linkage codes (created on first start). Keep
    /// it out of database backups, and back it up on its own. Default: beside a SQLite
    /// database (`data/samenspraak.linkage-key`), else `data/linkage-key`.
    #[arg(long, env = "SAMENSPRAAK_LINKAGE_KEY_FILE")]
    pub linkage_key_file: Option<PathBuf>,
}

/// The Leptos options for serving `/pkg`: from cargo-leptos's environment when it runs us,
/// otherwise found next to the binary (`target/<profile>/` → `target/site`).
pub fn leptos_options() -> LeptosOptions {
    let mut options = leptos::config::get_configuration(None)
        .map(|c| c.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("samenspraak").build());
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(PathBuf::from))
        .unwrap_or_default();
    if std::env::var_os("LEPTOS_SITE_ROOT").is_none() {
        let beside = exe_dir.join("../site");
        if beside.join(options.site_pkg_dir.as_ref()).is_dir() {
            options.site_root = beside.to_string_lossy().into_owned().into();
        }
    }
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        options.hash_files = exe_dir.join(options.hash_file.as_ref()).is_file();
    }
    options
}
