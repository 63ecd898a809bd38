//! The storage contract, run on SQLite and (with TEST_DATABASE_URL) on PostgreSQL.

mod common;

use common::{TestDb, code, demo, load_demo, on_every_database};
use samenspraak::domain::{Answer, Answers, Audience, InvitationCode, RawAnswers};
use samenspraak::storage::{Db, SubmitOutcome};
use time::macros::date;

const YOUTH: &str = "verzm26j";

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs
        .iter()
        .map(|(k, a)| ((*k).to_owned(), a.clone()))
        .collect()
}

async fn draft(db: &Db, token: &str) -> samenspraak::storage::Draft {
    let link = db.find_link(&code(YOUTH)).await.unwrap().unwrap();
    db.create_draft(token, link.id, link.version_id, "nl", date!(2026 - 11 - 22))
        .await
        .unwrap();
    db.draft(token).await.unwrap().unwrap()
}

#[tokio::test]
async fn the_demo_imports_once_and_lists_its_links() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let links = t.db.open_links(date!(2026 - 05 - 01)).await.unwrap();
        assert_eq!(links.len(), 6, "{}", t.label);
        assert!(
            links.iter().any(
                |l| l.code.as_str() == "verzm26b" && l.group.as_deref() == Some("Vmbo De Brug")
            )
        );

        // Importing the same files again changes nothing.
        for definition in demo() {
            let summary =
                t.db.import_definition(&definition, || unreachable!("no new links"))
                    .await
                    .unwrap();
            assert!(
                !summary.project_created
                    && summary.new_versions.is_empty()
                    && summary.links_created.is_empty()
            );
        }
        assert_eq!(
            t.db.open_links(date!(2026 - 05 - 01)).await.unwrap().len(),
            6
        );

        let link = t.db.find_link(&code(YOUTH)).await.unwrap().unwrap();
        assert_eq!(link.audience, Audience::Youth);
        assert_eq!(link.questionnaire.key, "naar-school");
        assert_eq!(link.wave.key, "najaar-2026");
        assert!(t.db.find_link(&code("zzzzzzzz")).await.unwrap().is_none());
        t
    })
    .await;
}

#[tokio::test]
async fn a_response_is_stored_once_with_its_context_and_nothing_else() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let mut d = draft(&t.db, "token-one").await;
        d.answers = RawAnswers::from([("leeftijd".to_owned(), vec!["13-15".to_owned()])]);
        t.db.save_draft(&d).await.unwrap();
        assert_eq!(
            t.db.draft("token-one").await.unwrap().unwrap().answers,
            d.answers
        );

        let given = answers(&[
            ("leeftijd", Answer::Choice("13-15".into())),
            (
                "redenen",
                Answer::Choices(vec!["moe".into(), "pesten".into()]),
            ),
            ("cijfer-school", Answer::Mark(7)),
            ("wat-helpt", Answer::Text("Een vaste mentor.".into())),
        ]);
        let today = date!(2026 - 11 - 22);
        assert_eq!(
            t.db.submit(&d, Audience::Youth, &given, &Default::default(), today)
                .await
                .unwrap(),
            SubmitOutcome::Stored
        );
        assert_eq!(
            t.db.submit(&d, Audience::Youth, &given, &Default::default(), today)
                .await
                .unwrap(),
            SubmitOutcome::AlreadyStored
        );
        assert!(
            t.db.draft("token-one").await.unwrap().is_none(),
            "the draft is gone once stored"
        );
        assert!(t.db.token_used("token-one").await.unwrap());

        let stored = t.db.responses_for_link(YOUTH).await.unwrap();
        assert_eq!(stored.len(), 1, "{}", t.label);
        let r = &stored[0];
        assert_eq!(r.audience, Audience::Youth);
        assert_eq!(r.submitted_on, "2026-11-22");
        assert_eq!(r.group, None);
        assert_eq!(r.answers["redenen"], vec!["moe", "pesten"]);
        assert_eq!(r.answers["cijfer-school"], vec!["7"]);
        assert_eq!(r.answers.len(), 4);
        t
    })
    .await;
}

#[tokio::test]
async fn two_submits_at_once_store_one_response() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let d = draft(&t.db, "racing").await;
        let given = answers(&[("leeftijd", Answer::Choice("10-12".into()))]);
        let today = date!(2026 - 11 - 22);
        let no_flags = Default::default();
        let (a, b) = tokio::join!(
            t.db.submit(&d, Audience::Youth, &given, &no_flags, today),
            t.db.submit(&d, Audience::Youth, &given, &no_flags, today)
        );
        let mut outcomes = [a.unwrap(), b.unwrap()];
        outcomes.sort_by_key(|o| *o == SubmitOutcome::AlreadyStored);
        assert_eq!(
            outcomes,
            [SubmitOutcome::Stored, SubmitOutcome::AlreadyStored],
            "{}",
            t.label
        );
        assert_eq!(t.db.responses_for_link(YOUTH).await.unwrap().len(), 1);
        t
    })
    .await;
}

#[tokio::test]
async fn a_changed_questionnaire_with_responses_gets_a_new_version() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let before = t.db.find_link(&code(YOUTH)).await.unwrap().unwrap();
        let mut definition = demo().remove(0);
        definition.questionnaires[0].title = "Naar school (verbeterd)".into();

        // No responses yet: the version is replaced in place.
        let summary =
            t.db.import_definition(&definition, || unreachable!())
                .await
                .unwrap();
        assert_eq!(
            summary.updated_versions,
            vec![("naar-school".to_owned(), 1)]
        );
        assert_eq!(
            t.db.find_link(&code(YOUTH))
                .await
                .unwrap()
                .unwrap()
                .version_id,
            before.version_id
        );

        // With a response (or a draft) it is frozen: a new version, the old one kept.
        let d = draft(&t.db, "first").await;
        t.db.submit(
            &d,
            Audience::Youth,
            &Answers::new(),
            &Default::default(),
            date!(2026 - 11 - 22),
        )
        .await
        .unwrap();
        definition.questionnaires[0].title = "Naar school, versie 2".into();
        let summary =
            t.db.import_definition(&definition, || unreachable!())
                .await
                .unwrap();
        assert_eq!(summary.new_versions, vec![("naar-school".to_owned(), 2)]);
        let after = t.db.find_link(&code(YOUTH)).await.unwrap().unwrap();
        assert_ne!(after.version_id, before.version_id);
        assert_eq!(after.questionnaire.title, "Naar school, versie 2");
        assert_eq!(
            t.db.questionnaire_version(before.version_id)
                .await
                .unwrap()
                .title,
            "Naar school (verbeterd)"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn a_fixed_code_used_by_another_project_is_refused_and_nothing_is_stored() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        let mut definition = demo().remove(1);
        definition.project.key = "ander-project".into();
        definition.links[0].code = Some(code(YOUTH));
        assert!(
            t.db.import_definition(&definition, || unreachable!())
                .await
                .is_err()
        );
        assert!(
            !t.db.project_exists("ander-project").await.unwrap(),
            "{}: rolled back",
            t.label
        );
        t
    })
    .await;
}

#[tokio::test]
async fn closed_links_are_not_listed_and_old_drafts_are_purged() {
    on_every_database(|t: TestDb| async move {
        load_demo(&t.db).await;
        assert!(t.db.close_link(&code("verzm26v")).await.unwrap());
        assert!(!t.db.close_link(&code("verzm26v")).await.unwrap());
        assert!(
            t.db.find_link(&code("verzm26v"))
                .await
                .unwrap()
                .unwrap()
                .closed
        );
        assert_eq!(
            t.db.open_links(date!(2026 - 05 - 01)).await.unwrap().len(),
            5
        );

        draft(&t.db, "old").await;
        assert_eq!(t.db.purge_before(date!(2026 - 11 - 22)).await.unwrap(), 0);
        assert_eq!(t.db.purge_before(date!(2026 - 11 - 23)).await.unwrap(), 1);
        assert!(t.db.draft("old").await.unwrap().is_none());
        t
    })
    .await;
}

#[tokio::test]
async fn a_stored_response_survives_closing_and_reopening_the_file() {
    let t = TestDb::sqlite().await;
    load_demo(&t.db).await;
    let d = draft(&t.db, "durable").await;
    let given = answers(&[("leeftijd", Answer::Choice("16-18".into()))]);
    t.db.submit(
        &d,
        Audience::Youth,
        &given,
        &Default::default(),
        date!(2026 - 11 - 22),
    )
    .await
    .unwrap();
    t.db.close().await;
    let reopened = Db::connect(&t.url).await.unwrap();
    assert_eq!(reopened.responses_for_link(YOUTH).await.unwrap().len(), 1);
    reopened.close().await;
    t.remove().await;
}

#[tokio::test]
async fn unknown_database_urls_are_refused() {
    assert!(Db::connect("mysql://localhost/x").await.is_err());
    let _ = InvitationCode::parse("abcdefgh").unwrap();
}
