//! A page of questions: a few questions of one theme, progress, errors and the buttons.

use super::{LanguageLink, RespondentFrame};
use crate::domain::linkage::{CodePart, DECLINED, SEALED};
use crate::domain::{Audience, Question, QuestionKind, RawAnswers, Wording};
use crate::i18n::Tr;
use crate::t;
use crate::ui::islands::{DeviceVoice, FormHelper, HelperTexts};
use crate::ui::labels::{answer_label, part_choices, part_label};
use leptos::prelude::*;

/// How a question is answered.
#[derive(Debug, Clone)]
pub enum Field {
    /// Radio buttons (one answer) or checkboxes (several), one under the other; `row` lays
    /// short options (the marks 1–10) out as wrapping buttons.
    Options {
        multiple: bool,
        row: bool,
        options: Vec<(String, String)>,
    },
    Text {
        long: bool,
        max: usize,
        counter: String,
    },
    /// A linkage code: a few short questions in one block, and "liever niet".
    Code(CodeBlock),
}

/// A linkage code as shown. Sealed parts are never sent back to the browser: the block
/// only says that the code is kept.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub explain: String,
    pub parts: Vec<CodeField>,
    pub declined: bool,
    pub decline: String,
    /// Said when the code was made before (the respondent came back to this page).
    pub kept: Option<String>,
    pub choose: String,
    pub letter_hint: String,
}

/// One part of a linkage code: a letter to type, or answers to choose from.
#[derive(Debug, Clone)]
pub struct CodeField {
    pub part: String,
    pub label: String,
    pub choices: Option<Vec<(String, String)>>,
    /// What was typed (never a sealed value).
    pub value: String,
}

/// One question as shown, with what was typed and what is wrong.
#[derive(Debug, Clone)]
pub struct QuestionItem {
    pub key: String,
    /// "Vraag 3 van 12".
    pub number: String,
    pub text: String,
    pub help: Option<String>,
    /// E.g. "Je mag meer dan één antwoord kiezen."
    pub hint: Option<String>,
    pub optional: bool,
    /// For browsers without JavaScript: when to answer this conditional question.
    pub condition_note: Option<String>,
    pub field: Field,
    pub values: Vec<String>,
    pub error: Option<String>,
    /// Where to listen to the question read aloud (none: read-aloud is off).
    pub listen: Option<String>,
}

impl QuestionItem {
    /// A question as `audience` sees it: number `(n, of)`, what was typed, what is wrong, and
    /// (without JavaScript) when to answer it.
    pub fn build(
        tr: &Tr,
        q: &Question,
        audience: Audience,
        (number, total): (usize, usize),
        values: Vec<String>,
        error: Option<String>,
        condition_note: Option<String>,
    ) -> QuestionItem {
        let wording = q.wording_for(audience).cloned().unwrap_or_else(|| Wording {
            text: q.key.clone(),
            help: None,
        });
        let hint = match q.kind {
            QuestionKind::MultipleChoice { .. } => Some(t!(tr, "respondent-choose-more")),
            QuestionKind::Mark => Some(t!(tr, "respondent-mark-hint")),
            _ => None,
        };
        QuestionItem {
            key: q.key.clone(),
            number: t!(
                tr,
                "respondent-question-number",
                number = number,
                total = total
            ),
            text: wording.text,
            help: wording.help,
            hint,
            optional: !q.required,
            condition_note,
            field: field(tr, &q.kind, &values),
            values,
            error,
            listen: None,
        }
    }

    /// What is read aloud for this question: its number, wording, hint, help and options,
    /// each a sentence of its own so the voice pauses between them.
    pub fn spoken(&self) -> String {
        let mut parts = vec![&self.number, &self.text];
        parts.extend(&self.hint);
        parts.extend(&self.help);
        if let Field::Code(block) = &self.field {
            parts.push(&block.explain);
            parts.extend(block.parts.iter().map(|p| &p.label));
            parts.push(&block.decline);
        }
        if let Field::Options {
            row: false,
            options,
            ..
        } = &self.field
        {
            parts.extend(options.iter().map(|(_, label)| label));
        }
        parts
            .into_iter()
            .map(|p| sentence(p.trim()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// The questions of a page read aloud one after the other.
pub fn spoken_page(items: &[QuestionItem]) -> String {
    items
        .iter()
        .map(QuestionItem::spoken)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A text ending as a sentence (Arabic's question mark included), so the voice pauses.
fn sentence(text: &str) -> String {
    match text.chars().last() {
        Some('.' | '?' | '!' | ':' | '…' | '؟' | '。') | None => text.to_owned(),
        Some(_) => format!("{text}."),
    }
}

fn code_block(tr: &Tr, parts: &[CodePart], values: &[String]) -> CodeBlock {
    let typed = |part: &str| {
        values
            .iter()
            .filter_map(|v| v.split_once('='))
            .find(|(p, _)| *p == part)
            .map(|(_, t)| t.to_owned())
    };
    let kept = values.iter().any(|v| {
        v.split_once('=')
            .is_some_and(|(_, t)| t.starts_with(SEALED))
    });
    CodeBlock {
        explain: t!(tr, "respondent-code-explain"),
        parts: parts
            .iter()
            .map(|part| CodeField {
                part: part.key.clone(),
                label: part_label(tr, part),
                choices: part_choices(tr, &part.kind),
                value: typed(&part.key)
                    .filter(|t| !t.starts_with(SEALED))
                    .unwrap_or_default(),
            })
            .collect(),
        declined: values.iter().any(|v| v == DECLINED),
        decline: t!(tr, "respondent-code-decline"),
        kept: kept.then(|| t!(tr, "respondent-code-kept")),
        choose: t!(tr, "respondent-code-choose"),
        letter_hint: t!(tr, "respondent-code-letter-hint"),
    }
}

fn field(tr: &Tr, kind: &QuestionKind, values: &[String]) -> Field {
    match kind {
        QuestionKind::LinkageCode { parts } => Field::Code(code_block(tr, parts, values)),
        QuestionKind::ShortText { max_chars } | QuestionKind::LongText { max_chars } => {
            let count = values.first().map(|v| v.chars().count()).unwrap_or(0);
            Field::Text {
                long: matches!(kind, QuestionKind::LongText { .. }),
                max: *max_chars,
                counter: t!(
                    tr,
                    "respondent-counter",
                    count = count,
                    max = max_chars.to_string()
                ),
            }
        }
        QuestionKind::Mark => Field::Options {
            multiple: false,
            row: true,
            options: (1..=10).map(|m| (m.to_string(), m.to_string())).collect(),
        },
        _ => Field::Options {
            multiple: matches!(kind, QuestionKind::MultipleChoice { .. }),
            row: false,
            options: kind
                .values()
                .into_iter()
                .map(|v| (v.to_owned(), answer_label(tr, kind, v)))
                .collect(),
        },
    }
}

#[derive(Debug, Clone)]
pub struct QuestionPageView {
    pub project: String,
    pub title: String,
    /// "Deel 2 van 4".
    pub progress: String,
    pub page: usize,
    pub pages: usize,
    pub action: String,
    pub items: Vec<QuestionItem>,
    pub has_back: bool,
    pub is_last: bool,
    /// Said above the form when the answers could not be kept.
    pub notice: Option<String>,
    pub languages: Vec<LanguageLink>,
    /// Where to listen to every question of the page read aloud.
    pub listen_page: Option<String>,
    pub helper_questions: Vec<Question>,
    pub helper_earlier: RawAnswers,
    pub helper_texts: HelperTexts,
}

#[component]
pub fn QuestionPage(page: QuestionPageView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let errors: Vec<(String, String)> = page
        .items
        .iter()
        .filter_map(|i| {
            i.error
                .as_ref()
                .map(|e| (i.key.clone(), format!("{}: {e}", i.text)))
        })
        .collect();
    let has_errors = !errors.is_empty();
    let submit = if page.is_last {
        t!(tr, "respondent-submit")
    } else {
        t!(tr, "respondent-next")
    };
    view! {
        <RespondentFrame project=page.project languages=page.languages>
            <h1>{page.title}</h1>
            <p class="progress">
                <label for="progress-bar">{page.progress}</label>
                <progress id="progress-bar" max=page.pages value=page.page>
                    {format!("{}/{}", page.page, page.pages)}
                </progress>
            </p>
            {page
                .listen_page
                .map(|src| {
                    view! { <Listen id="page".into() label=t!(tr, "respondent-listen-page") src /> }
                })}
            <div
                id="error-summary"
                class="error-summary"
                tabindex="-1"
                hidden=!has_errors
                autofocus=has_errors
            >
                {has_errors
                    .then(|| {
                        view! {
                            <h2>{t!(tr, "respondent-error-summary")}</h2>
                            <ul>
                                {errors
                                    .into_iter()
                                    .map(|(key, message)| {
                                        view! {
                                            <li>
                                                <a href=format!("#question-{key}")>{message}</a>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                    })}
            </div>
            {page.notice.map(|notice| view! { <p class="notice" role="alert">{notice}</p> })}
            <form id="answers" method="post" action=page.action novalidate>
                {page.items.into_iter().map(|item| view! { <QuestionBlock item /> }).collect_view()}
                <div class="buttons">
                    <button type="submit" name="nav" value="next" class="primary">{submit}</button>
                    {page
                        .has_back
                        .then(|| {
                            view! {
                                <button type="submit" name="nav" value="back" class="secondary">
                                    {t!(tr, "respondent-back")}
                                </button>
                            }
                        })}
                </div>
            </form>
            <FormHelper
                questions=page.helper_questions
                earlier=page.helper_earlier
                texts=page.helper_texts
            />
            <DeviceVoice
                language=tr.code().to_owned()
                read=t!(tr, "respondent-listen-device")
                stop=t!(tr, "respondent-listen-stop")
            />
        </RespondentFrame>
    }
}

/// The ids of the help, error and counter texts that describe a question's control.
fn described_by(item: &QuestionItem, counter: bool) -> String {
    let key = &item.key;
    let mut ids = vec![format!("error-{key}")];
    if item.help.is_some() {
        ids.insert(0, format!("help-{key}"));
    }
    if item.hint.is_some() || item.condition_note.is_some() {
        ids.insert(0, format!("hint-{key}"));
    }
    if counter {
        ids.push(format!("counter-{key}"));
    }
    ids.join(" ")
}

/// One question with its field, as respondents see it (also the editor's preview).
#[component]
pub fn QuestionBlock(item: QuestionItem) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let key = item.key.clone();
    let invalid = item.error.is_some().then_some("true");
    let optional = item
        .optional
        .then(|| view! { " " <span class="optional">{t!(tr, "respondent-optional")}</span> });
    let title = view! {
        <span class="number">{item.number.clone()}</span>
        <span id=format!("title-{key}") class="text">{item.text.clone()}</span>
        {optional}
    };
    let notes = view! {
        {(item.hint.is_some() || item.condition_note.is_some())
            .then(|| {
                view! {
                    <p id=format!("hint-{key}") class="hint">
                        {item.condition_note.clone().map(|n| view! { <span class="condition-note">{n}" "</span> })}
                        {item.hint.clone()}
                    </p>
                }
            })}
        {item.help.clone().map(|h| view! { <p id=format!("help-{key}") class="help">{h}</p> })}
        {item
            .listen
            .clone()
            .map(|src| {
                view! {
                    <Listen
                        id=key.clone()
                        label=t!(tr, "respondent-listen-question")
                        src
                        also=format!("title-{key}")
                    />
                }
            })}
        <p id=format!("error-{key}") class="field-error" hidden=item.error.is_none()>
            {item.error.clone()}
        </p>
    };
    let class = if item.error.is_some() {
        "question has-error"
    } else {
        "question"
    };
    match item.field.clone() {
        Field::Options {
            multiple,
            row,
            options,
        } => {
            let kind = if multiple { "checkbox" } else { "radio" };
            let described = described_by(&item, false);
            view! {
                <div class=class id=format!("question-{key}")>
                    <fieldset aria-describedby=described>
                        <legend>{title}</legend>
                        {notes}
                        <div class=if row { "options row" } else { "options" }>
                            {options
                                .into_iter()
                                .enumerate()
                                .map(|(i, (value, label))| {
                                    let id = format!("field-{key}-{i}");
                                    let checked = item.values.contains(&value);
                                    view! {
                                        <div class="option">
                                            <input
                                                type=kind
                                                id=id.clone()
                                                name=format!("q.{key}")
                                                value=value
                                                checked=checked
                                                aria-invalid=invalid
                                                data-question=key.clone()
                                            />
                                            <label for=id>{label}</label>
                                        </div>
                                    }
                                })
                                .collect_view()}
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        Field::Code(block) => {
            let described = format!("explain-{key} {}", described_by(&item, false));
            view! {
                <div class=format!("{class} code") id=format!("question-{key}")>
                    <fieldset aria-describedby=described>
                        <legend>{title}</legend>
                        <p id=format!("explain-{key}") class="help">{block.explain.clone()}</p>
                        {notes}
                        {block.kept.clone().map(|k| view! { <p class="kept">{k}</p> })}
                        <CodeParts key=key.clone() block=block.clone() invalid />
                        <div class="option decline">
                            <input
                                type="checkbox"
                                id=format!("field-{key}-decline")
                                name=format!("q.{key}")
                                value=DECLINED
                                checked=block.declined
                            />
                            <label for=format!("field-{key}-decline")>{block.decline.clone()}</label>
                        </div>
                    </fieldset>
                </div>
            }
            .into_any()
        }
        Field::Text { long, max, counter } => {
            let id = format!("field-{key}");
            let value = item.values.first().cloned().unwrap_or_default();
            let described = described_by(&item, true);
            let control = if long {
                view! {
                    <textarea
                        id=id.clone()
                        name=format!("q.{key}")
                        rows="5"
                        maxlength=max
                        aria-describedby=described
                        aria-invalid=invalid
                        data-question=key.clone()
                    >
                        {value}
                    </textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        type="text"
                        id=id.clone()
                        name=format!("q.{key}")
                        value=value
                        maxlength=max
                        autocomplete="off"
                        aria-describedby=described
                        aria-invalid=invalid
                        data-question=key.clone()
                    />
                }
                .into_any()
            };
            view! {
                <div class=class id=format!("question-{key}")>
                    <label for=id class="question-label">{title}</label>
                    {notes}
                    {control}
                    <p id=format!("counter-{key}") class="counter">{counter}</p>
                </div>
            }
            .into_any()
        }
    }
}

/// The parts of a linkage code: a short field per part, one under the other.
#[component]
fn CodeParts(key: String, block: CodeBlock, invalid: Option<&'static str>) -> impl IntoView {
    block
        .parts
        .into_iter()
        .map(|part| {
            let id = format!("field-{key}-{}", part.part);
            let name = format!("c.{key}.{}", part.part);
            let control = match part.choices {
                Some(choices) => view! {
                    <select id=id.clone() name=name aria-invalid=invalid>
                        <option value="" selected=part.value.is_empty()>
                            {block.choose.clone()}
                        </option>
                        {choices
                            .into_iter()
                            .map(|(value, label)| {
                                let selected = value == part.value;
                                view! {
                                    <option value=value selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                }
                .into_any(),
                None => view! {
                    <input
                        type="text"
                        id=id.clone()
                        name=name
                        value=part.value
                        maxlength="1"
                        size="2"
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        aria-describedby=format!("{id}-hint")
                        aria-invalid=invalid
                    />
                    <span id=format!("{id}-hint") class="hint">
                        {block.letter_hint.clone()}
                    </span>
                }
                .into_any(),
            };
            view! {
                <div class="code-part">
                    <label for=id>{part.label}</label>
                    {control}
                </div>
            }
        })
        .collect_view()
}

/// A sound to listen to: the browser's own player, keyboard operable, loading nothing until
/// it is played. Its name is the visible label, followed by the element `also` names (the
/// question's wording), so each player on a page has a name of its own.
#[component]
fn Listen(
    id: String,
    label: String,
    src: String,
    #[prop(optional)] also: Option<String>,
) -> impl IntoView {
    let label_id = format!("listen-{id}");
    let labelled_by = match also {
        Some(also) => format!("{label_id} {also}"),
        None => label_id.clone(),
    };
    let href = src.clone();
    view! {
        <div class="listen">
            <span id=label_id class="listen-label">{label.clone()}</span>
            <audio controls preload="none" src=src aria-labelledby=labelled_by>
                <a href=href>{label}</a>
            </audio>
        </div>
    }
}
