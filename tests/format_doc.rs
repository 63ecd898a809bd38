//! The full example in docs/questionnaire-format.md is a valid definition.

use samenspraak::domain::Audience;
use samenspraak::domain::definition::parse;

#[test]
fn the_documented_example_parses() {
    let doc = include_str!("../docs/questionnaire-format.md");
    let example = doc
        .split("## A full example")
        .nth(1)
        .and_then(|s| s.split("```toml\n").nth(1))
        .and_then(|s| s.split("```").next())
        .expect("the doc has a full example");
    let definition = parse(example).unwrap_or_else(|e| panic!("{e}"));
    let q = &definition.questionnaires[0];
    assert_eq!(q.questions.len(), 6);
    assert_eq!(q.questions_for(Audience::Parent).count(), 5);
    assert_eq!(definition.links.len(), 2);
}
