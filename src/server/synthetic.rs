//! Synthetic material: plausible, reproducible answers, insights and codes, so the demo
//! shows a comparison worth reading and the benchmarks can load 100,000 responses. Nothing
//! here is ever mixed with real responses: it is only written by `demo` and by benchmarks.

use crate::domain::meeting::{InsightKind, NewInsight, Sector};
use crate::domain::{Audience, QuestionKind, Questionnaire};
use crate::storage::{Db, LinkTarget, NewApplication, NewResponse, Source, StorageError};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub mod panel;

/// Open answers the generator draws from, each with the code it is given (by name).
const OPEN_ANSWERS: [(&str, &str); 8] = [
    (
        "Een vaste mentor die echt naar me luistert.",
        "Een vaste mentor",
    ),
    (
        "Dat de mentor merkt als het niet goed gaat.",
        "Een vaste mentor",
    ),
    ("Minder drukte en meer rust in de klas.", "Rust in de klas"),
    (
        "Een rustige plek op school om even bij te komen.",
        "Rust in de klas",
    ),
    (
        "Hulp dichtbij, niet eerst maanden op een wachtlijst.",
        "Geen wachtlijst",
    ),
    ("Sneller hulp als je erom vraagt.", "Geen wachtlijst"),
    ("Later beginnen op school.", "Later beginnen"),
    (
        "Iemand bij wie ik terecht kan als thuis iets speelt.",
        "Een vaste mentor",
    ),
];

/// How favourable a group leans on a question, from −1 to 1: fixed per question and
/// audience, a little better in later rounds (the ateliers acted).
fn lean(question: &str, audience: Audience, round: usize) -> f64 {
    let hash = question
        .bytes()
        .chain(audience.as_str().bytes())
        .fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
    f64::from(hash % 1000) / 1000.0 * 1.2 - 0.6 + 0.25 * round as f64
}

/// One respondent's answers to the questions their audience sees, conditions respected.
pub fn answers(
    questionnaire: &Questionnaire,
    audience: Audience,
    round: usize,
    rng: &mut StdRng,
) -> Vec<(String, Vec<String>)> {
    let mut given: Vec<(String, Vec<String>)> = Vec::new();
    for q in questionnaire.questions_for(audience) {
        if let Some(c) = &q.show_if {
            let met = given
                .iter()
                .any(|(k, v)| *k == c.question && v.first() == Some(&c.equals));
            if !met {
                continue;
            }
        }
        let l = lean(&q.key, audience, round);
        let noise = rng.random::<f64>() + rng.random::<f64>() - 1.0;
        let values: Vec<String> = match &q.kind {
            // Codes are made for a whole panel at once (`panel_codes`), never per answer.
            QuestionKind::LinkageCode { .. } => continue,
            QuestionKind::Agreement => {
                if rng.random::<f64>() < 0.07 {
                    vec!["weet-niet".into()]
                } else {
                    let point = (2.0 + l * 1.6 + noise * 1.8).round().clamp(0.0, 4.0) as usize;
                    vec![q.kind.values()[point].to_owned()]
                }
            }
            QuestionKind::YesNo => {
                let yes = rng.random::<f64>() < (0.5 + l * 0.35);
                vec![if yes { "ja" } else { "nee" }.into()]
            }
            QuestionKind::SingleChoice { options } => {
                let i = ((options.len() as f64) * (0.5 + noise * 0.5 + l * 0.2))
                    .floor()
                    .clamp(0.0, options.len() as f64 - 1.0) as usize;
                vec![options[i].value.clone()]
            }
            QuestionKind::MultipleChoice { options } => {
                let chosen: Vec<String> = options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| rng.random::<f64>() < 0.15 + 0.1 * (*i % 3) as f64)
                    .map(|(_, o)| o.value.clone())
                    .collect();
                if chosen.is_empty() {
                    vec![options[0].value.clone()]
                } else {
                    chosen
                }
            }
            QuestionKind::Mark => {
                let mark = (6.6 + l * 1.5 + noise * 2.0).round().clamp(1.0, 10.0);
                vec![format!("{mark}")]
            }
            QuestionKind::ShortText { .. } | QuestionKind::LongText { .. } => {
                if rng.random::<f64>() < 0.4 {
                    vec![
                        OPEN_ANSWERS[rng.random_range(0..OPEN_ANSWERS.len())]
                            .0
                            .to_owned(),
                    ]
                } else {
                    continue;
                }
            }
        };
        given.push((q.key.clone(), values));
    }
    given
}

/// `n` synthetic responses to one link, in round `round` (0 for the first).
pub fn responses(
    target: &LinkTarget,
    questionnaire: &Questionnaire,
    round: usize,
    day: time::Date,
    n: usize,
    rng: &mut StdRng,
) -> Vec<NewResponse> {
    let languages = questionnaire.languages_for(target.audience);
    (0..n)
        .map(|i| NewResponse {
            link_id: target.link_id,
            version_id: target.version_id,
            audience: target.audience,
            wave_id: target.wave_id,
            group: target.group.clone(),
            submitted_on: day,
            language: language(&languages, target.audience, (target.link_id, round, i)),
            answers: answers(questionnaire, target.audience, round, rng),
        })
        .collect()
}

/// The language a synthetic respondent answers in: mostly Dutch (the first of `offered`),
/// parents more often than young people one of the others. Drawn from its own seed, so the
/// answers are the same whatever the languages.
fn language(offered: &[&str], audience: Audience, (link, round, i): (i64, usize, usize)) -> String {
    let mut rng = StdRng::seed_from_u64(
        (link as u64).wrapping_mul(1_000_003) ^ ((round as u64) << 40) ^ i as u64,
    );
    let other = match audience {
        Audience::Parent => 0.2,
        _ => 0.05,
    };
    match offered {
        [_, others @ ..] if !others.is_empty() && rng.random::<f64>() < other => {
            others[rng.random_range(0..others.len())].to_owned()
        }
        _ => offered.first().copied().unwrap_or("nl").to_owned(),
    }
}

/// Codes an open answer by the phrase it was drawn from.
pub fn code_for(text: &str) -> Option<&'static str> {
    OPEN_ANSWERS
        .iter()
        .find(|(answer, _)| *answer == text)
        .map(|(_, code)| *code)
}

/// The demo's material for the project `samenhang`: a few hundred responses in both rounds.
pub async fn seed_demo(db: &Db, project_id: crate::storage::ProjectId) -> Result<(), StorageError> {
    seed(db, project_id, |target, round| {
        match (target.audience, round, target.group.is_some()) {
            (_, _, true) => 18,
            (Audience::Youth, 0, _) => 64,
            (Audience::Youth, _, _) => 86,
            (_, 0, _) => 42,
            _ => 55,
        }
    })
    .await
}

/// Responses to every link of the project (`size` says how many per link and round), codes
/// on their open answers, and a meeting of professionals per round with coded insights.
pub async fn seed(
    db: &Db,
    project_id: crate::storage::ProjectId,
    size: impl Fn(&LinkTarget, usize) -> usize,
) -> Result<(), StorageError> {
    const BATCH: usize = 5_000;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut waves = db.project_waves(project_id).await?;
    waves.sort_by_key(|w| w.opens);
    let questionnaires = db.project_questionnaires(project_id).await?;
    // (response id, question, code name) of every open answer drawn from a coded phrase.
    let mut coded: Vec<(i64, String, &'static str)> = Vec::new();
    // Linkage codes come from panels of their own, so the answers stay as they were.
    let mut panels = panel::Panels::new(2027);
    for target in db.link_targets(project_id).await? {
        let Some(round) = waves.iter().position(|w| w.key == target.wave) else {
            continue;
        };
        let Some(q) = questionnaires
            .iter()
            .find(|q| q.key == target.questionnaire)
        else {
            continue;
        };
        let mut left = size(&target, round);
        while left > 0 {
            let n = left.min(BATCH);
            left -= n;
            let batch = responses(
                &target,
                &q.questionnaire,
                round,
                waves[round].opens,
                n,
                &mut rng,
            );
            let ids = db.insert_responses(&batch).await?;
            if let Some(parts) = q
                .questionnaire
                .questions_for(target.audience)
                .find_map(|q| q.kind.code_parts())
            {
                let codes = panels.codes(
                    project_id,
                    &target.questionnaire,
                    target.audience,
                    parts,
                    round,
                    n,
                );
                let codes: Vec<_> = ids.iter().copied().zip(codes).collect();
                db.insert_codes(&codes).await?;
            }
            for (id, response) in ids.into_iter().zip(&batch) {
                for (key, values) in &response.answers {
                    if let Some(code) = values.first().and_then(|v| code_for(v)) {
                        coded.push((id, key.clone(), code));
                    }
                }
            }
        }
    }
    let mut code_ids = std::collections::HashMap::new();
    for (name, theme) in [
        ("Een vaste mentor", "naar-school"),
        ("Rust in de klas", "naar-school"),
        ("Later beginnen", "naar-school"),
        ("Geen wachtlijst", "hulp-op-tijd"),
    ] {
        code_ids.insert(
            name,
            db.create_code(project_id, name, "", None, Some(theme))
                .await?,
        );
    }
    let mut applications: Vec<NewApplication> = coded
        .into_iter()
        .map(|(id, key, code)| NewApplication {
            code_id: code_ids[code],
            source: Source::Answer,
            target_id: id,
            part: key,
            span: None,
        })
        .collect();
    let insights = [
        (
            0,
            "naar-school",
            InsightKind::Knelpunt,
            "Jongeren hebben geen vaste persoon op school bij wie ze terecht kunnen.",
            Some(Sector::Onderwijs),
            5,
            "Een vaste mentor",
        ),
        (
            0,
            "naar-school",
            InsightKind::Oplossingsrichting,
            "Eén vaste mentor per thuiszitter, die ook contact houdt met thuis.",
            Some(Sector::Jeugdhulp),
            4,
            "Een vaste mentor",
        ),
        (
            0,
            "hulp-op-tijd",
            InsightKind::Knelpunt,
            "De wachtlijsten in de jeugdhulp zijn te lang.",
            Some(Sector::Gemeente),
            6,
            "Geen wachtlijst",
        ),
        (
            1,
            "naar-school",
            InsightKind::Kans,
            "De pilot met een vaste mentor werkt: minder verzuim in de klassen die meedoen.",
            Some(Sector::Onderwijs),
            5,
            "Een vaste mentor",
        ),
        (
            1,
            "hulp-op-tijd",
            InsightKind::Knelpunt,
            "Nog steeds te lang wachten op hulp na een aanmelding.",
            Some(Sector::Zorg),
            3,
            "Geen wachtlijst",
        ),
    ];
    for (round, wave) in waves.iter().enumerate() {
        let day = wave.opens.saturating_add(time::Duration::days(30));
        let meeting = db
            .create_meeting(
                project_id,
                day,
                &format!("Atelierbijeenkomst {}", wave.name),
                &[
                    (Sector::Onderwijs, 6),
                    (Sector::Jeugdhulp, 4),
                    (Sector::Gemeente, 2),
                ],
            )
            .await?;
        let mine: Vec<_> = insights.iter().filter(|i| i.0 == round).collect();
        let new: Vec<NewInsight> = mine
            .iter()
            .map(|i| NewInsight {
                theme: i.1.into(),
                kind: i.2,
                statement: i.3.into(),
                sector: i.4,
                priority: i.5,
            })
            .collect();
        db.add_insights(project_id, meeting, &new).await?;
        for stored in db.insights(project_id, meeting).await? {
            if let Some(i) = mine.iter().find(|i| i.3 == stored.statement) {
                applications.push(NewApplication {
                    code_id: code_ids[i.6],
                    source: Source::Insight,
                    target_id: stored.id,
                    part: String::new(),
                    span: None,
                });
            }
        }
    }
    db.insert_code_applications(&applications).await?;
    db.analyze().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Condition;
    use crate::domain::questionnaire::tests::{question, questionnaire};

    #[test]
    fn synthetic_answers_respect_conditions_and_are_reproducible() {
        let mut follow = question("waarom", "t", QuestionKind::YesNo, &[Audience::Youth]);
        follow.show_if = Some(Condition {
            question: "thuis".into(),
            equals: "ja".into(),
        });
        let q = questionnaire(vec![
            question("thuis", "t", QuestionKind::YesNo, &[Audience::Youth]),
            follow,
        ]);
        let mut rng = StdRng::seed_from_u64(1);
        for _ in 0..200 {
            let a = answers(&q, Audience::Youth, 0, &mut rng);
            let home = &a[0].1[0];
            assert_eq!(a.len() == 2, home == "ja", "{a:?}");
        }
        let first = answers(&q, Audience::Youth, 1, &mut StdRng::seed_from_u64(7));
        let again = answers(&q, Audience::Youth, 1, &mut StdRng::seed_from_u64(7));
        assert_eq!(first, again);
        assert_eq!(code_for(OPEN_ANSWERS[2].0), Some("Rust in de klas"));
    }
}
