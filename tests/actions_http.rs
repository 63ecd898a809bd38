//! The plan van aanpak through the router, on the demo with its synthetic material: an
//! action made from a knelpunt, what it answers, its indicators read as the comparison reads
//! them, its log, what viewers may do, the audit log; and the joint meeting's agreements
//! kept out of the professionals' counts. On SQLite and (with TEST_DATABASE_URL) PostgreSQL.

#[path = "common/app.rs"]
mod app;
mod common;
#[path = "common/workspace.rs"]
mod workspace;

use app::App;
use axum::http::{Method, StatusCode};
use common::{TestDb, on_every_database};
use samenspraak::domain::meeting::InsightKind;
use samenspraak::server::synthetic;
use samenspraak::storage::ProjectId;
use workspace::{Session, login, request};

const P: &str = "/beheer/projecten/samenhang";

/// The workspace's accounts on the demo, with its synthetic material.
async fn setup(t: &TestDb) -> (App, ProjectId) {
    let app = workspace::setup(t).await;
    let project = t.db.project_id("samenhang").await.unwrap().unwrap();
    synthetic::seed_demo(&t.db, project).await.unwrap();
    (app, project)
}

async fn get(app: &App, path: &str, who: &Session) -> app::Reply {
    request(app, Method::GET, path, Some(who), "").await
}

/// The text of an HTML fragment: tags out, entities of the page read, spaces folded.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of the table whose caption starts with `caption`: each the texts of its cells
/// (quotes left out).
fn table(html: &str, caption: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("<caption>{caption}"))
        .unwrap_or_else(|| panic!("a table “{caption}” in {html}"));
    let end = start + html[start..].find("</table>").unwrap();
    let body = &html[start..end];
    body.split("<tr")
        .skip(1)
        .map(|row| {
            row.split("<t")
                .skip(1)
                .filter(|c| c.starts_with('h') || c.starts_with('d'))
                .filter(|c| !c.starts_with("head") && !c.starts_with("body"))
                .map(|cell| {
                    let cell = cell.split("<details").next().unwrap();
                    text(&format!("<{cell}"))
                })
                .collect()
        })
        .collect()
}

fn location_id(reply: &app::Reply) -> i64 {
    let location = reply.location.as_deref().expect("a redirect");
    location.rsplit('/').next().unwrap().parse().unwrap()
}

#[tokio::test]
async fn an_action_is_made_from_a_knelpunt_tied_to_indicators_and_logged() {
    on_every_database(|t: TestDb| async move {
        let (app, project) = setup(&t).await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let viewer = login(&app, "kijker@example.nl").await;
        let post = |path: String, form: String| researcher.post(&app, path, form);

        // The knelpunt about waiting lists, from the professionals' meeting.
        let mut knelpunt = None;
        for m in t.db.meetings(project).await.unwrap() {
            for i in t.db.insights(project, m.id).await.unwrap() {
                if i.kind == InsightKind::Knelpunt && i.statement.contains("wachtlijsten") {
                    knelpunt = Some((m.id, i));
                }
            }
        }
        let (meeting, knelpunt) = knelpunt.expect("the demo's knelpunt on waiting lists");
        let meeting_page = get(&app, &format!("{P}/bijeenkomsten/{meeting}"), &researcher).await;
        let from_here = format!("{P}/acties?inzicht={}#nieuwe-actie", knelpunt.id);
        assert!(meeting_page.body.contains(&from_here.replace('&', "&amp;")) || meeting_page.body.contains(&from_here));
        // Viewers read meetings but make no actions from them.
        let as_viewer = get(&app, &format!("{P}/bijeenkomsten/{meeting}"), &viewer).await;
        assert!(!as_viewer.body.contains("acties?inzicht="));

        // The form starts from the knelpunt, in its theme.
        let form = get(&app, &format!("{P}/acties?inzicht={}", knelpunt.id), &researcher).await;
        assert_eq!(form.status, StatusCode::OK);
        assert!(text(&form.body).contains("Naar aanleiding van knelpunt: De wachtlijsten in de jeugdhulp zijn te lang."), "{}", form.body);
        assert!(form.body.contains("<option value=\"hulp-op-tijd\" selected"), "{}", form.body);
        let unknown = get(&app, &format!("{P}/acties?inzicht=999999"), &researcher).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);

        // Without a title, with a person's name and no date: each problem next to its
        // field, everything typed kept, nothing stored.
        let bad = post(
            format!("{P}/acties"),
            format!("theme=hulp-op-tijd&title=&taken_on_by=juf+Petra&starts_on=morgen&status=gepland&description=Samen+met+de+scholen&insight={}", knelpunt.id),
        )
        .await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
        for message in [
            "Schrijf in een paar woorden wat de actie is.",
            "Hier lijkt een naam, e-mailadres of telefoonnummer in te staan.",
            "Vul een datum in, bijvoorbeeld 2027-03-01.",
        ] {
            assert!(bad.body.contains(message), "{message}");
        }
        assert!(bad.body.contains("id=\"new-action-taken-on-by-error\""));
        assert!(bad.body.contains("value=\"juf Petra\""));
        assert!(bad.body.contains("Samen met de scholen"));
        assert!(bad.body.contains(&format!("name=\"insight\" value=\"{}\"", knelpunt.id)));
        assert!(t.db.actions(project, None).await.unwrap().is_empty());
        // An insight of no project of ours: nothing.
        let foreign = post(
            format!("{P}/acties"),
            "theme=hulp-op-tijd&title=x&taken_on_by=Gemeente&starts_on=2026-07-15&status=gepland&insight=999999".into(),
        )
        .await;
        assert_eq!(foreign.status, StatusCode::NOT_FOUND);

        // The action: between the spring and the autumn round.
        let made = post(
            format!("{P}/acties"),
            format!("theme=hulp-op-tijd&title=Inloopspreekuur+jeugdhulp+op+school&taken_on_by=Wijkteam+Noord&starts_on=2026-07-15&status=gepland&description=&insight={}", knelpunt.id),
        )
        .await;
        assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
        let id = location_id(&made);
        let path = format!("{P}/acties/{id}");
        let page = get(&app, &path, &researcher).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(text(&page.body).contains("knelpunt: De wachtlijsten in de jeugdhulp zijn te lang."));

        // What it answers: a code of the codebook.
        let codes = t.db.codes(project).await.unwrap();
        let wachtlijst = codes.iter().find(|c| c.name == "Geen wachtlijst").unwrap();
        assert_eq!(post(format!("{path}/koppelingen"), format!("target=code-{}", wachtlijst.id)).await.status, StatusCode::SEE_OTHER);
        assert_eq!(post(format!("{path}/koppelingen"), "target=code-999999".into()).await.status, StatusCode::NOT_FOUND);
        assert_eq!(post(format!("{path}/koppelingen"), "target=thema-1".into()).await.status, StatusCode::NOT_FOUND);

        // Indicators: young people agreeing they got help in time, and raising the code.
        for form in [
            "measure=vraag:naar-school/hulp-op-tijd&audience=youth".to_owned(),
            format!("measure=code:{}&audience=youth", wachtlijst.id),
        ] {
            let added = post(format!("{path}/indicatoren"), form.clone()).await;
            assert_eq!(added.status, StatusCode::SEE_OTHER, "{form}: {}", added.body);
        }
        // Adding the same again adds nothing; what cannot be measured is refused.
        post(format!("{path}/indicatoren"), "measure=vraag:naar-school/hulp-op-tijd&audience=youth".into()).await;
        for (form, message) in [
            (format!("measure=code:{}&audience=professional", wachtlijst.id), "Kies een andere groep."),
            ("measure=vraag:naar-school/wat-helpt&audience=youth".to_owned(), "Kies een vraag of code uit de lijst."),
            ("measure=vraag:naar-school/leeftijd&audience=youth".to_owned(), "Kies een vraag of code uit de lijst."),
            ("measure=code:999999&audience=youth".to_owned(), "Kies een vraag of code uit de lijst."),
            ("measure=vraag:naar-school/hulp-op-tijd&audience=iedereen".to_owned(), "Kies een andere groep."),
        ] {
            let refused = post(format!("{path}/indicatoren"), form.clone()).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{form}");
            assert!(refused.body.contains(message), "{form}: {message}");
        }
        let detail = t.db.action(project, id).await.unwrap().unwrap();
        assert_eq!(detail.indicators.len(), 2);
        assert_eq!(detail.codes.len(), 1);
        assert_eq!(detail.insights.len(), 1);

        // A conversation with a young person in the autumn: heard too, so counted in the
        // share of a code.
        let talked = post(format!("{P}/gesprekken"), "audience=youth&wave=najaar-2026&held_on=2026-11-02&setting=individual&group_size=1&label=j1&questionnaire=naar-school".into()).await;
        assert_eq!(talked.status, StatusCode::SEE_OTHER, "{}", talked.body);

        // The indicators are the comparison's own numbers, round by round.
        let page = get(&app, &path, &viewer).await;
        assert_eq!(page.status, StatusCode::OK);
        let rows = table(&page.body, "Indicatoren van “Inloopspreekuur jeugdhulp op school”");
        assert_eq!(rows[0], ["Indicator", "Voorjaar 2026", "Najaar 2026 (eerste meting na de start)"]);
        let comparison = get(&app, &format!("{P}/vergelijking?thema=hulp-op-tijd&weergave=tabel"), &viewer).await;
        let trend = table(&comparison.body, "Verloop over de meetmomenten: Aandeel (helemaal) eens bij “De hulp kwam op tijd.");
        let youth = trend.iter().find(|r| r[0] == "Jongeren").unwrap();
        assert!(rows[1][0].starts_with("Jongeren: Aandeel (helemaal) eens bij"), "{:?}", rows[1]);
        assert_eq!(rows[1][1..], youth[1..], "the question's indicator is the trend's row");
        for (i, wave) in ["voorjaar-2026", "najaar-2026"].iter().enumerate() {
            let round = get(&app, &format!("{P}/vergelijking?thema=hulp-op-tijd&golf={wave}&weergave=tabel"), &viewer).await;
            let codes_table = table(&round.body, "Hoe vaak elke groep een code van");
            let youth_column = codes_table[0].iter().position(|c| c == "Jongeren").unwrap();
            let count = &codes_table.iter().find(|r| r[0] == "Geen wachtlijst").unwrap()[youth_column];
            let cell = &rows[2][i + 1];
            assert!(cell.starts_with(&format!("{count} van ")), "{wave}: {cell} against the comparison's {count}");
            // The share is the count out of everyone heard in that round: questionnaires and
            // conversations, as the method note gives them.
            let method = text(&round.body);
            let note = method.split("Jongeren (").nth(1).unwrap();
            let responses: u64 = note.split("): ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
            let conversations: u64 = note.split("vragenlijsten, ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
            assert_eq!(conversations, u64::from(i == 1), "{wave}");
            let of = responses + conversations;
            let x: u64 = count.parse().unwrap();
            assert_eq!(cell, &format!("{x} van {of} ({:.0}%)", 100.0 * x as f64 / of as f64));
        }
        // The change from before to after, with its interval, and the caution.
        let words = text(&page.body);
        assert!(words.contains("Najaar 2026 tegenover Voorjaar 2026:"), "{words}");
        assert!(words.contains("procentpunt (95%-interval"));
        assert!(words.contains("geen bewijs dat de actie het deed"));
        // Viewers read it all and change nothing.
        assert!(!page.body.contains(&format!("action=\"{path}/indicatoren\"")));
        assert!(!page.body.contains(&format!("action=\"{path}/logboek\"")));

        // The log: a bad number is explained next to it with what was typed kept.
        let wrong = post(format!("{path}/logboek"), "noted_on=2026-09-15&text=Spreekuur+elke+dinsdag&number=veel".into()).await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(wrong.body.contains("Vul een getal in, bijvoorbeeld 12 of 3,5."));
        assert!(wrong.body.contains("id=\"log-number-error\""));
        assert!(wrong.body.contains("Spreekuur elke dinsdag"));
        assert!(wrong.body.contains("value=\"veel\""));
        for form in [
            "noted_on=2026-09-15&text=Spreekuur+elke+dinsdag+op+het+Da+Vinci&number=",
            "noted_on=2026-10-20&text=Jongeren+kwamen+op+het+spreekuur&number=12,5",
        ] {
            assert_eq!(post(format!("{path}/logboek"), form.into()).await.status, StatusCode::SEE_OTHER);
        }
        let log = t.db.action(project, id).await.unwrap().unwrap().log;
        assert_eq!(log.iter().map(|e| e.number).collect::<Vec<_>>(), [None, Some(12.5)]);
        let page = get(&app, &path, &viewer).await;
        assert!(page.body.contains("12,5"));

        // Under way: the status changes; a bad one is refused with everything kept.
        let refused = post(path.clone(), "theme=hulp-op-tijd&title=Inloopspreekuur&taken_on_by=Wijkteam+Noord&starts_on=2026-07-15&status=half".into()).await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Kies een stand van zaken uit de lijst."));
        let changed = post(path.clone(), "theme=hulp-op-tijd&title=Inloopspreekuur+jeugdhulp+op+school&taken_on_by=Wijkteam+Noord&starts_on=2026-07-15&status=bezig".into()).await;
        assert_eq!(changed.status, StatusCode::SEE_OTHER);
        assert_eq!(t.db.action(project, id).await.unwrap().unwrap().action.status.as_str(), "bezig");

        // The plan, the comparison and the report show the action with its indicators.
        for page in [
            format!("{P}/acties"),
            format!("{P}/vergelijking?thema=hulp-op-tijd"),
            format!("{P}/rapport?thema=hulp-op-tijd"),
        ] {
            let reply = get(&app, &page, &viewer).await;
            assert_eq!(reply.status, StatusCode::OK, "{page}");
            let words = text(&reply.body);
            assert!(words.contains("Inloopspreekuur jeugdhulp op school"), "{page}");
            assert!(words.contains("Wijkteam Noord · vanaf 2026-07-15 · bezig"), "{page}");
            assert!(reply.body.contains("<caption>Indicatoren van"), "{page}");
        }
        // Another theme's comparison does not.
        let other = get(&app, &format!("{P}/vergelijking?thema=verbinden"), &viewer).await;
        assert!(!other.body.contains("Inloopspreekuur"));

        // Every change is in the audit log.
        let owner = login(&app, "eigenaar@example.nl").await;
        let audit = get(&app, &format!("{P}/logboek"), &owner).await;
        for what in ["action created", "action linked", "action indicator added", "action log added", "action changed"] {
            assert!(audit.body.contains(what), "{what}");
        }

        // Taking things away again.
        let indicator = t.db.action(project, id).await.unwrap().unwrap().indicators[1].id;
        let entry = t.db.action(project, id).await.unwrap().unwrap().log[0].id;
        for (step, expected) in [
            (format!("{path}/indicatoren/{indicator}/verwijderen"), StatusCode::SEE_OTHER),
            (format!("{path}/indicatoren/{indicator}/verwijderen"), StatusCode::NOT_FOUND),
            (format!("{path}/logboek/{entry}/verwijderen"), StatusCode::SEE_OTHER),
            (format!("{path}/koppelingen/code-{}/verwijderen", wachtlijst.id), StatusCode::SEE_OTHER),
            (format!("{path}/koppelingen/inzicht-{}/verwijderen", knelpunt.id), StatusCode::SEE_OTHER),
        ] {
            assert_eq!(post(step.clone(), String::new()).await.status, expected, "{step}");
        }
        let detail = t.db.action(project, id).await.unwrap().unwrap();
        assert_eq!((detail.indicators.len(), detail.log.len(), detail.codes.len(), detail.insights.len()), (1, 1, 0, 0));
        assert_eq!(post(format!("{path}/verwijderen"), String::new()).await.status, StatusCode::SEE_OTHER);
        assert!(t.db.action(project, id).await.unwrap().is_none());
        assert_eq!(get(&app, &path, &viewer).await.status, StatusCode::NOT_FOUND);
        let audit = get(&app, &format!("{P}/logboek"), &owner).await;
        for what in ["action indicator removed", "action log removed", "action unlinked", "action deleted"] {
            assert!(audit.body.contains(what), "{what}");
        }
        t
    })
    .await;
}

#[tokio::test]
async fn agreements_of_the_joint_meeting_are_insights_but_not_the_professionals_voice() {
    on_every_database(|t: TestDb| async move {
        let (app, project) = setup(&t).await;
        let researcher = login(&app, "onderzoeker@example.nl").await;
        let post = |path: String, form: String| researcher.post(&app, path, form);
        let counts = || async { t.db.code_counts(project, "hulp-op-tijd", None).await.unwrap() };
        let before = counts().await;
        let material = t.db.material(project).await.unwrap();

        // The joint session in the autumn round: an agreement and a reaction.
        let made = post(format!("{P}/bijeenkomsten"), "held_on=2026-11-10&title=Gezamenlijke+bijeenkomst&onderwijs=4&jeugdhulp=3".into()).await;
        let meeting = location_id(&made);
        let lines = "afspraak%3A+Wijkteam+houdt+spreekuur+op+school%0D%0Areactie%3A+Jongeren+willen+het+spreekuur+na+schooltijd";
        let added = post(format!("{P}/bijeenkomsten/{meeting}/inzichten"), format!("theme=hulp-op-tijd&kind=knelpunt&lines={lines}")).await;
        assert_eq!(added.status, StatusCode::SEE_OTHER, "{}", added.body);
        let insights = t.db.insights(project, meeting).await.unwrap();
        let kinds: Vec<InsightKind> = insights.iter().map(|i| i.kind).collect();
        assert_eq!(kinds.len(), 2);
        assert!(kinds.contains(&InsightKind::Afspraak) && kinds.contains(&InsightKind::Reactie));
        let page = request(&app, Method::GET, &format!("{P}/bijeenkomsten/{meeting}"), Some(&researcher), "").await;
        assert!(text(&page.body).contains("afspraak Wijkteam houdt spreekuur op school"));

        // Coded with the same codebook …
        let code = t.db.codes(project).await.unwrap().into_iter().find(|c| c.name == "Geen wachtlijst").unwrap();
        for i in &insights {
            let coded = post(format!("{P}/bijeenkomsten/{meeting}/inzichten/{}/codes", i.id), format!("code={}", code.id)).await;
            assert_eq!(coded.status, StatusCode::SEE_OTHER);
        }
        assert_eq!(t.db.insight_codes(project, meeting).await.unwrap().len(), 2);
        // … but not counted as what professionals raise, nor as their insights.
        assert_eq!(counts().await, before);
        assert_eq!(t.db.material(project).await.unwrap().iter().map(|m| m.insights).sum::<u64>(), material.iter().map(|m| m.insights).sum::<u64>());
        // And an action can come from an agreement.
        let agreement = insights.iter().find(|i| i.kind == InsightKind::Afspraak).unwrap();
        let form = request(&app, Method::GET, &format!("{P}/acties?inzicht={}", agreement.id), Some(&researcher), "").await;
        assert!(text(&form.body).contains("Naar aanleiding van afspraak: Wijkteam houdt spreekuur op school"));
        t
    })
    .await;
}

#[tokio::test]
async fn another_projects_insights_and_codes_cannot_be_tied_to_an_action() {
    on_every_database(|t: TestDb| async move {
        let (app, project) = setup(&t).await;
        let outsider = login(&app, "buiten@example.nl").await;
        let post = |path: String, form: String| outsider.post(&app, path, form);
        let theirs = t.db.project_id("veilig-thuis").await.unwrap().unwrap();
        let theme = t.db.project_themes(theirs).await.unwrap()[0].key.clone();
        let q = "/beheer/projecten/veilig-thuis";
        let meeting = t.db.meetings(project).await.unwrap()[0].id;
        let insight = t.db.insights(project, meeting).await.unwrap()[0].clone();
        let code = t.db.codes(project).await.unwrap()[0].id;

        // An action of their own, made from an insight of ours: nothing, and not a word of it.
        let peek = request(
            &app,
            Method::GET,
            &format!("{q}/acties?inzicht={}", insight.id),
            Some(&outsider),
            "",
        )
        .await;
        assert_eq!(peek.status, StatusCode::NOT_FOUND);
        assert!(!peek.body.contains(&insight.statement));
        let form = format!(
            "theme={theme}&title=Spreekuur&taken_on_by=Gemeente&starts_on=2026-11-01&status=gepland"
        );
        let stolen = post(
            format!("{q}/acties"),
            format!("{form}&insight={}", insight.id),
        )
        .await;
        assert_eq!(stolen.status, StatusCode::NOT_FOUND);
        assert!(t.db.actions(theirs, None).await.unwrap().is_empty());

        // Their own action cannot be tied to our codes or insights.
        let own = location_id(&post(format!("{q}/acties"), form).await);
        let path = format!("{q}/acties/{own}");
        for target in [format!("code-{code}"), format!("inzicht-{}", insight.id)] {
            assert_eq!(
                post(format!("{path}/koppelingen"), format!("target={target}"))
                    .await
                    .status,
                StatusCode::NOT_FOUND,
                "{target}"
            );
        }
        let measured = post(
            format!("{path}/indicatoren"),
            format!("measure=code:{code}&audience=youth"),
        )
        .await;
        assert_eq!(measured.status, StatusCode::UNPROCESSABLE_ENTITY);
        let detail = t.db.action(theirs, own).await.unwrap().unwrap();
        assert!(
            detail.codes.is_empty() && detail.insights.is_empty() && detail.indicators.is_empty()
        );
        // Nor can storage be led there by a caller that skips the checks.
        use samenspraak::domain::Audience;
        use samenspraak::domain::action::Measure;
        use samenspraak::storage::ActionLink;
        assert!(
            !t.db
                .add_indicator(theirs, own, Audience::Youth, &Measure::Code(code))
                .await
                .unwrap()
        );
        assert!(
            !t.db
                .link_to_action(theirs, own, ActionLink::Code(code))
                .await
                .unwrap()
        );
        assert!(
            !t.db
                .link_to_action(theirs, own, ActionLink::Insight(insight.id))
                .await
                .unwrap()
        );
        assert!(
            t.db.action(project, own).await.unwrap().is_none(),
            "their action is not ours either"
        );
        t
    })
    .await;
}

#[tokio::test]
async fn the_joint_meeting_gets_a_summary_and_a_projector_view_under_the_same_threshold() {
    on_every_database(|t: TestDb| async move {
        let (app, _) = setup(&t).await;
        let viewer = login(&app, "kijker@example.nl").await;

        // The summary version: every theme at a glance and the method; none of the details.
        let summary = get(&app, &format!("{P}/rapport?versie=samenvatting"), &viewer).await;
        assert_eq!(summary.status, StatusCode::OK);
        let words = text(&summary.body);
        for theme in [
            "Naar school gaan en schoolverzuim",
            "Hulp op tijd, dichtbij",
            "Ouders en jongeren met elkaar verbinden",
        ] {
            assert!(words.contains(theme), "{theme}");
        }
        assert_eq!(summary.body.matches("Dit noemen alle groepen").count(), 3);
        assert!(words.contains("Werkwijze"));
        assert!(words.contains("Wat veranderde van Voorjaar 2026 naar Najaar 2026"));
        assert!(
            words.contains("Jongeren in hun eigen woorden")
                || summary.body.contains("class=\"quotes-of\"")
        );
        assert!(!summary.body.contains("<caption>Antwoorden op"));
        assert!(
            summary.body.contains("/rapport?thema=\""),
            "a link to the full report"
        );
        // The full report: the summary first, then the figures with the quotes listed below
        // the codes table instead of inside its narrow cells.
        let full = get(&app, &format!("{P}/rapport?thema=naar-school"), &viewer).await;
        assert_eq!(full.status, StatusCode::OK);
        let at_glance = full.body.find("Dit noemen alle groepen").unwrap();
        let figures = full.body.find("<caption>Antwoorden op").unwrap();
        assert!(at_glance < figures);
        assert!(full.body.contains("Citaten per code"));
        assert!(
            !full.body.contains("<details"),
            "no quotes hidden in table cells on paper"
        );
        assert!(full.body.contains("versie=samenvatting"));

        // The projector view: one screen after the other by its links, from the first to
        // the last, then no further.
        let base = format!("{P}/presentatie/naar-school");
        let mut path = format!("{base}/1");
        let mut screens = Vec::new();
        loop {
            let screen = get(&app, &path, &viewer).await;
            assert_eq!(screen.status, StatusCode::OK, "{path}");
            assert!(screen.body.contains(&format!("{} van ", screens.len() + 1)));
            let next = screen
                .body
                .split("rel=\"next\"")
                .next()
                .and_then(|before| before.rsplit("href=\"").next())
                .map(|href| href.split('"').next().unwrap().to_owned());
            screens.push(text(&screen.body));
            match next {
                Some(href) if screen.body.contains("rel=\"next\"") => {
                    path = href.replace("&amp;", "&")
                }
                _ => break,
            }
            assert!(screens.len() < 40, "the screens end");
        }
        let count = screens.len();
        assert!(count >= 8, "{count} screens");
        assert!(screens[0].contains("Naar school gaan en schoolverzuim"));
        assert!(
            screens
                .iter()
                .any(|s| s.contains("Ik ga graag naar school.")),
            "a screen per closed question"
        );
        assert!(
            screens
                .iter()
                .any(|s| s.contains("Jongeren in hun eigen woorden"))
        );
        assert!(screens[count - 1].contains(&format!("{count} van {count}")));
        for bad in [
            format!("{base}/0"),
            format!("{base}/{}", count + 1),
            format!("{P}/presentatie/onbekend/1"),
        ] {
            assert_eq!(
                get(&app, &bad, &viewer).await.status,
                StatusCode::NOT_FOUND,
                "{bad}"
            );
        }
        let first = get(&app, &format!("{base}/1"), &viewer).await;
        assert!(first.body.contains("data-key=\"last\""));
        assert!(
            first.body.contains("data-island") || first.body.contains("<leptos-island"),
            "the keys island"
        );

        // The same threshold: at 100, no group of young people or parents is shown, so their
        // words and counts disappear from the screens too.
        let owner = login(&app, "eigenaar@example.nl").await;
        assert_eq!(
            owner
                .post(&app, format!("{P}/drempel"), "threshold=100".into())
                .await
                .status,
            StatusCode::SEE_OTHER
        );
        let mut n = 1;
        loop {
            let screen = get(&app, &format!("{base}/{n}"), &viewer).await;
            if screen.status == StatusCode::NOT_FOUND {
                break;
            }
            let words = text(&screen.body);
            assert!(
                !words.contains("Jongeren in hun eigen woorden"),
                "screen {n}: {words}"
            );
            assert!(!words.contains("Ouders in hun eigen woorden"), "screen {n}");
            n += 1;
        }
        t
    })
    .await;
}
