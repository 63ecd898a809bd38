//! The subcommands of the binary: serve, import, links, demo.

use super::auth::hash_password;
use super::{AppState, Clock, router};
use crate::config::{Cli, Command, Common, ServeArgs, leptos_options};
use crate::domain::InvitationCode;
use crate::domain::account::{Email, check_new_password};
use crate::domain::definition::{self, Definition};
use crate::i18n::Translations;
use crate::storage::{Db, ImportSummary};
use std::error::Error;
use std::time::Duration;

pub type CommandResult = Result<(), Box<dyn Error + Send + Sync>>;

/// The demo projects, written from the source documents of two ateliers.
pub const DEMO_FILES: [(&str, &str); 2] = [
    (
        "demo/samenhang.toml",
        include_str!("../../demo/samenhang.toml"),
    ),
    (
        "demo/veilig-thuis.toml",
        include_str!("../../demo/veilig-thuis.toml"),
    ),
];

/// Drafts and used form tokens are kept this many days.
const KEEP_DRAFTS_DAYS: i64 = 30;

pub async fn run(cli: Cli) -> CommandResult {
    let common = cli.common;
    match cli.command.unwrap_or(Command::Serve(ServeArgs::default())) {
        Command::Serve(args) => serve(&common, &args).await,
        Command::Import { file } => {
            let source = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let definition = definition::parse(&source).map_err(|problems| {
                let lines: Vec<String> = problems
                    .0
                    .iter()
                    .map(|p| format!("{}:{}: {}", file.display(), p.line, p.message))
                    .collect();
                format!(
                    "{} has {} problem(s); nothing was stored:\n{}",
                    file.display(),
                    lines.len(),
                    lines.join("\n")
                )
            })?;
            let db = Db::connect(&common.database_url).await?;
            let summary = import(&db, &definition).await?;
            print_summary(&definition, &summary);
            db.close().await;
            Ok(())
        }
        Command::Links => {
            let db = Db::connect(&common.database_url).await?;
            print_links(&db, &common).await?;
            db.close().await;
            Ok(())
        }
        Command::CreateAdmin { email } => {
            let email =
                Email::parse(&email).map_err(|_| format!("`{email}` is not an e-mail address"))?;
            let password = read_new_password()?;
            check_new_password(&password, &email)
                .map_err(|weak| format!("password refused: {weak}"))?;
            let hash = hash_password(password).await?;
            let db = Db::connect(&common.database_url).await?;
            db.create_user(&email, &hash, true).await?;
            db.audit(None, None, "administrator created", email.as_str())
                .await?;
            println!(
                "administrator {email} created; log in at {}/beheer",
                common.public_base()
            );
            db.close().await;
            Ok(())
        }
        Command::Responses { code } => {
            let db = Db::connect(&common.database_url).await?;
            for response in db.responses_for_link(&code).await? {
                println!("{}", serde_json::to_string(&response)?);
            }
            db.close().await;
            Ok(())
        }
        Command::Bundle { site, out } => {
            let exe = std::env::current_exe()?;
            // cargo-leptos hashes the names (`hash-files`): without its list of hashes the
            // pages would ask for names the bundle does not have.
            let hashes = exe.with_file_name(leptos_options().hash_file.as_ref());
            if !hashes.is_file() {
                return Err(format!(
                    "{} is missing: build with `cargo leptos build --release` first",
                    hashes.display()
                )
                .into());
            }
            let n = super::bundle::Bundle::append(&exe, &site.join("pkg"), Some(&hashes), &out)?;
            println!("{n} files bundled into {}", out.display());
            Ok(())
        }
        Command::Backup { file } => {
            crate::storage::backup(&common.database_url, &file).await?;
            println!("backup written to {}", file.display());
            Ok(())
        }
        Command::Demo => {
            let db = Db::connect(&common.database_url).await?;
            load_demo(&db).await?;
            print_links(&db, &common).await?;
            db.close().await;
            Ok(())
        }
    }
}

/// Reads a new password: twice from a terminal without echo, or one line from a pipe.
fn read_new_password() -> Result<String, Box<dyn Error + Send + Sync>> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password (at least 12 characters): ")?;
        let second = rpassword::prompt_password("Password again: ")?;
        if first != second {
            return Err("the passwords differ".into());
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_owned())
    }
}

async fn import(
    db: &Db,
    definition: &Definition,
) -> Result<ImportSummary, Box<dyn Error + Send + Sync>> {
    Ok(db
        .import_definition(definition, || InvitationCode::from_random(rand::random()))
        .await?)
}

fn print_summary(definition: &Definition, summary: &ImportSummary) {
    let verb = if summary.project_created {
        "created"
    } else {
        "updated"
    };
    println!("project `{}` {verb}", definition.project.key);
    for (key, version) in &summary.new_versions {
        println!("questionnaire `{key}`: version {version} stored");
    }
    for (key, version) in &summary.updated_versions {
        println!("questionnaire `{key}`: version {version} (no responses yet) replaced");
    }
    println!("{} new link(s)", summary.links_created.len());
}

/// The demo project that comes with synthetic responses, meetings and codes, so its
/// comparison has something to show.
const DEMO_WITH_MATERIAL: &str = "samenhang";

/// Loads each demo project that is not in the database yet.
pub async fn load_demo(db: &Db) -> CommandResult {
    for (name, source) in DEMO_FILES {
        let definition = definition::parse(source).map_err(|p| format!("{name}: {p}"))?;
        if db.project_exists(&definition.project.key).await? {
            println!("demo project `{}` is already there", definition.project.key);
            continue;
        }
        let summary = import(db, &definition).await?;
        print_summary(&definition, &summary);
        if definition.project.key == DEMO_WITH_MATERIAL
            && let Some(id) = db.project_id(DEMO_WITH_MATERIAL).await?
        {
            super::synthetic::seed_demo(db, id).await?;
            println!(
                "demo project `{DEMO_WITH_MATERIAL}`: synthetic responses, codes and meetings added"
            );
        }
    }
    Ok(())
}

async fn print_links(db: &Db, common: &Common) -> CommandResult {
    let base = common.public_base();
    let links = db.open_links(Clock::system().today()).await?;
    if links.is_empty() {
        println!("no open links");
    }
    for link in links {
        let group = link.group.map(|g| format!(" · {g}")).unwrap_or_default();
        println!(
            "{base}/{}\t{} · {} · {} · {}{group}",
            link.code, link.project, link.questionnaire, link.audience, link.wave
        );
    }
    Ok(())
}

async fn serve(common: &Common, args: &ServeArgs) -> CommandResult {
    let db = Db::connect(&common.database_url).await?;
    if args.demo {
        load_demo(&db).await?;
        print_links(&db, common).await?;
    }
    let state = AppState::new(
        db.clone(),
        Translations::load()?,
        leptos_options(),
        Clock::system(),
    )
    .with_public_base(common.public_base())
    .with_client_header(args.trusted_proxy_header.clone())
    .with_starts_per_minute(args.starts_per_link_per_minute)
    .with_linkage_key(super::linkage_key::LinkageKey::load_or_create(
        &args
            .linkage_key_file
            .clone()
            .unwrap_or_else(|| super::linkage_key::default_path(&common.database_url)),
    )?);
    spawn_purge(db.clone(), state.clock.clone());
    let base = common.public_base();
    if args.demo {
        demo_account(&db, &base).await?;
    }
    if !db.has_accounts().await? {
        let token = state.setup.offer();
        println!(
            "No account yet. Create the first administrator here (works once, for one hour):\n  {base}/beheer/start/{token}"
        );
    }
    let listener = tokio::net::TcpListener::bind(common.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!(%addr, backend = ?db.backend(), "listening");
    println!("Samenspraak is running at http://{addr}");
    // The client address reaches the login throttle only (as a keyed hash), never a log.
    super::listen::serve(listener, router(state), shutdown_signal()).await?;
    db.close().await;
    Ok(())
}

/// The demo's researcher account: owner of the demo projects, with a fresh random password
/// printed at every start (and returned). Only in a database that holds nothing but the
/// demo projects; otherwise none.
pub async fn demo_account(
    db: &Db,
    base: &str,
) -> Result<Option<String>, Box<dyn Error + Send + Sync>> {
    let demo: Vec<String> = DEMO_FILES
        .iter()
        .map(|(name, source)| {
            definition::parse(source)
                .map(|d| d.project.key)
                .map_err(|p| format!("{name}: {p}"))
        })
        .collect::<Result<_, _>>()?;
    let admin_view = crate::storage::User {
        id: 0,
        email: String::new(),
        password_hash: String::new(),
        is_admin: true,
    };
    let projects = db.projects_for(&admin_view).await?;
    let others = db.users().await?.iter().any(|u| u.email != DEMO_EMAIL);
    if others || projects.iter().any(|p| !demo.contains(&p.key)) {
        println!(
            "This database holds other projects or accounts than the demo's: no demo account."
        );
        return Ok(None);
    }
    let email = Email::parse(DEMO_EMAIL).map_err(|_| "demo e-mail address")?;
    let password = crate::domain::code::encode(&rand::random::<[u8; 16]>());
    let hash = hash_password(password.clone()).await?;
    let id = match db.user_by_email(&email).await? {
        Some(user) => {
            db.set_password(user.id, &hash, None).await?;
            user.id
        }
        None => db.create_user(&email, &hash, false).await?,
    };
    for project in projects {
        db.set_membership(id, project.id, crate::domain::account::Role::Owner)
            .await?;
    }
    println!(
        "Demo workspace: {base}/beheer/inloggen\n  e-mail {DEMO_EMAIL}\n  password {password} (new at every start with --demo)"
    );
    Ok(Some(password))
}

/// The demo's researcher (a reserved domain: no mail can reach it).
pub const DEMO_EMAIL: &str = "demo@samenspraak.example";

/// Forgets abandoned drafts and old form tokens, at start-up and then daily.
fn spawn_purge(db: Db, clock: Clock) {
    let throttle = db.clone();
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            if let Err(error) = throttle.purge_login_failures(now).await {
                tracing::error!(%error, "purging old login failures failed");
            }
        }
    });
    tokio::spawn(async move {
        let mut every_day = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
        loop {
            every_day.tick().await;
            let cutoff = clock.today() - time::Duration::days(KEEP_DRAFTS_DAYS);
            match db.purge_before(cutoff).await {
                Ok(n) => tracing::info!(removed = n, "purged old drafts and tokens"),
                Err(error) => tracing::error!(%error, "purging old drafts failed"),
            }
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            if let Err(error) = db.session_purge(now).await {
                tracing::error!(%error, "purging expired sessions failed");
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
