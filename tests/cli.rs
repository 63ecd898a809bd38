//! The subcommands, run as the binary runs them.

use clap::Parser;
use samenspraak::config::Cli;
use samenspraak::server::commands::run;
use samenspraak::storage::Db;

fn cli(url: &str, args: &[&str]) -> Cli {
    let mut argv = vec!["samenspraak", "--database-url", url];
    argv.extend_from_slice(args);
    Cli::try_parse_from(argv).expect("valid command line")
}

#[tokio::test]
async fn import_reports_every_problem_with_its_line_and_stores_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("cli.db").display());
    let file = dir.path().join("bad.toml");
    let source = include_str!("../demo/samenhang.toml")
        .replace(
            "theme = \"hulp-op-tijd\"\ntype = \"yes_no\"",
            "theme = \"onbekend\"\ntype = \"yes_no\"",
        )
        .replace("wave = \"voorjaar-2026\"", "wave = \"zomer\"");
    std::fs::write(&file, &source).unwrap();

    let error = run(cli(&url, &["import", file.to_str().unwrap()]))
        .await
        .unwrap_err()
        .to_string();
    assert!(error.contains("nothing was stored"), "{error}");
    // A question's problems point at its `[[questionnaires.questions]]` line.
    let line = source
        .lines()
        .position(|l| l == "key = \"hulp-gehad\"")
        .unwrap();
    assert!(
        error.contains(&format!(
            "bad.toml:{line}: question `hulp-gehad`: theme `onbekend`"
        )),
        "{error}"
    );
    assert!(
        error.contains("link: wave `zomer` is not defined"),
        "{error}"
    );
    let db = Db::connect(&url).await.unwrap();
    assert!(!db.project_exists("samenhang").await.unwrap());
    db.close().await;
}

#[tokio::test]
async fn import_demo_and_links_work_on_a_fresh_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("cli.db").display());
    let file = dir.path().join("good.toml");
    std::fs::write(&file, include_str!("../demo/veilig-thuis.toml")).unwrap();
    run(cli(&url, &["import", file.to_str().unwrap()]))
        .await
        .unwrap();
    run(cli(&url, &["demo"])).await.unwrap();
    run(cli(&url, &["demo"])).await.unwrap();
    run(cli(&url, &["links"])).await.unwrap();
    let db = Db::connect(&url).await.unwrap();
    // The spring round of the demo has ended; its link is no longer listed as open.
    assert_eq!(
        db.open_links(time::macros::date!(2026 - 05 - 01))
            .await
            .unwrap()
            .len(),
        6
    );
    assert_eq!(
        db.open_links(time::macros::date!(2026 - 11 - 22))
            .await
            .unwrap()
            .len(),
        4
    );
    // The comparison of the demo has material: responses in both rounds and meetings, once
    // (the second `demo` adds nothing).
    let project = db.project_id("samenhang").await.unwrap().unwrap();
    let material = db.material(project).await.unwrap();
    let responses: u64 = material.iter().map(|m| m.responses).sum();
    assert_eq!(responses, 18 + 64 + 86 + 42 + 55);
    assert_eq!(material.iter().map(|m| m.meetings).sum::<u64>(), 2);
    db.close().await;
    assert!(
        Cli::try_parse_from(["samenspraak", "import", "--help"]).is_err(),
        "--help is answered by clap"
    );
}

/// A backup of a live database is a database of its own, with everything committed before
/// it; it never overwrites a file.
#[tokio::test]
async fn backup_copies_a_live_database_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("live.db").display());
    run(cli(&url, &["demo"])).await.unwrap();
    let live = Db::connect(&url).await.unwrap();
    let project = live.project_id("samenhang").await.unwrap().unwrap();
    let before = live.material(project).await.unwrap();
    let copy = dir.path().join("copy.db");
    run(cli(&url, &["backup", copy.to_str().unwrap()]))
        .await
        .unwrap();
    let restored = Db::connect(&format!("sqlite:{}", copy.display()))
        .await
        .unwrap();
    let project = restored.project_id("samenhang").await.unwrap().unwrap();
    assert_eq!(restored.material(project).await.unwrap(), before);
    restored.close().await;
    let again = run(cli(&url, &["backup", copy.to_str().unwrap()]))
        .await
        .unwrap_err()
        .to_string();
    assert!(again.contains("never overwrites"), "{again}");
    live.close().await;
    // A wrong path is an error, not a copy of a database made on the spot.
    let missing = format!("sqlite:{}", dir.path().join("typo.db").display());
    let wrong = run(cli(
        &missing,
        &["backup", dir.path().join("x.db").to_str().unwrap()],
    ))
    .await
    .unwrap_err()
    .to_string();
    assert!(wrong.contains("no database at"), "{wrong}");
    assert!(!dir.path().join("typo.db").exists());
}
