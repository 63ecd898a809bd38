//! Writing questionnaires in the browser: project settings, themes, rounds, questionnaires
//! and their questions, with wording per audience side by side and a phone-sized preview.

use super::{CsrfField, ErrorSummary, ResearcherFrame, Viewer, audience_name};
use crate::domain::{Audience, Theme};
use crate::i18n::Tr;
use crate::t;
use crate::ui::islands::PreviewHelper;
use crate::ui::respondent::{QuestionBlock, QuestionItem};
use leptos::prelude::*;

/// A text field with its label (and hint), and what is wrong with it next to it.
#[component]
pub fn Field(
    id: String,
    name: String,
    label: String,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    /// What is wrong with what was typed (None: nothing).
    #[prop(default = None)]
    error: Option<String>,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = [
        hint.as_ref().map(|_| hint_id.clone()),
        error.as_ref().map(|_| error_id.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>();
    let described = (!described.is_empty()).then(|| described.join(" "));
    let invalid = error.is_some().then_some("true");
    let class = if error.is_some() {
        "question has-error"
    } else {
        "question"
    };
    view! {
        <div class=class>
            <label for=id.clone() class="question-label">{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {error.map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> })}
            {if multiline {
                view! { <textarea id=id name=name rows="3" aria-describedby=described aria-invalid=invalid>{value}</textarea> }.into_any()
            } else {
                view! { <input type=kind id=id name=name value=value aria-describedby=described aria-invalid=invalid /> }.into_any()
            }}
        </div>
    }
}

/// Owners rename and describe the project.
#[component]
pub fn ProjectSettings(
    key: String,
    name: String,
    description: String,
    /// The audiences addressed with "u" in Dutch.
    formal: Vec<Audience>,
    csrf: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let address = Audience::ALL
        .into_iter()
        .map(|audience| {
            let name = format!("address_{audience}");
            let choice = |value: &'static str, label: String, checked: bool| {
                let id = format!("{name}-{value}");
                view! {
                    <div class="option">
                        <input type="radio" id=id.clone() name=name.clone() value=value checked=checked />
                        <label for=id>{label}</label>
                    </div>
                }
            };
            let is_formal = formal.contains(&audience);
            view! {
                <fieldset>
                    <legend>{t!(tr, "researcher-address", audience = audience_name(&tr, audience))}</legend>
                    {choice("je", t!(tr, "researcher-address-je"), !is_formal)}
                    {choice("u", t!(tr, "researcher-address-u"), is_formal)}
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <h2>{t!(tr, "researcher-project-settings")}</h2>
        <form method="post" action=format!("/beheer/projecten/{key}/instellingen") class="stacked">
            <CsrfField token=csrf />
            <Field id="project-name".into() name="name".into() label=t!(tr, "researcher-project-name") value=name />
            <Field
                id="project-description".into()
                name="description".into()
                label=t!(tr, "researcher-project-description")
                value=description
                multiline=true
            />
            {address}
            <button type="submit" class="primary">{t!(tr, "researcher-save")}</button>
        </form>
    }
}

/// Themes in their order: edit, move, add.
#[component]
pub fn ThemesSection(key: String, themes: Vec<Theme>, csrf: String) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{key}/themas");
    view! {
        <h2>{t!(tr, "researcher-themes")}</h2>
        <ol class="themes">
            {themes
                .into_iter()
                .map(|theme| {
                    let id = format!("theme-{}", theme.key);
                    view! {
                        <li>
                            <form method="post" action=base.clone() class="inline-edit">
                                <CsrfField token=csrf.clone() />
                                <input type="hidden" name="key" value=theme.key.clone() />
                                <Field id=format!("{id}-title") name="title".into() label=t!(tr, "researcher-theme-title") value=theme.title.clone() />
                                <Field
                                    id=format!("{id}-description")
                                    name="description".into()
                                    label=t!(tr, "researcher-theme-description")
                                    value=theme.description.clone()
                                    multiline=true
                                />
                                <button type="submit" class="secondary">{t!(tr, "researcher-save")}</button>
                            </form>
                            <div class="move">
                                {[("omhoog", t!(tr, "researcher-move-up")), ("omlaag", t!(tr, "researcher-move-down"))]
                                    .into_iter()
                                    .map(|(dir, label)| {
                                        view! {
                                            <form method="post" action=format!("{base}/{}/{dir}", theme.key)>
                                                <CsrfField token=csrf.clone() />
                                                <button type="submit" class="secondary" aria-label=format!("{label}: {}", theme.title)>{label.clone()}</button>
                                            </form>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
        <form method="post" action=base.clone() class="stacked">
            <CsrfField token=csrf.clone() />
            <Field id="new-theme-title".into() name="title".into() label=t!(tr, "researcher-theme-title") />
            <Field id="new-theme-description".into() name="description".into() label=t!(tr, "researcher-theme-description") multiline=true />
            <button type="submit" class="primary">{t!(tr, "researcher-theme-add")}</button>
        </form>
    }
}

/// Adding a round (the table of rounds is on the project page).
#[component]
pub fn NewWave(key: String, csrf: String) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <form method="post" action=format!("/beheer/projecten/{key}/meetmomenten") class="stacked">
            <CsrfField token=csrf />
            <Field id="wave-name".into() name="name".into() label=t!(tr, "researcher-wave-name") />
            <Field id="wave-opens".into() name="opens".into() label=t!(tr, "researcher-opens") kind="date" />
            <Field id="wave-closes".into() name="closes".into() label=t!(tr, "researcher-closes") kind="date" />
            <button type="submit" class="primary">{t!(tr, "researcher-wave-add")}</button>
        </form>
    }
}

/// Starting a questionnaire, and the editor links of the existing ones.
#[component]
pub fn QuestionnairesSection(
    key: String,
    questionnaires: Vec<(String, String)>,
    csrf: String,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!("/beheer/projecten/{key}/vragenlijsten");
    view! {
        <ul class="questionnaire-actions">
            {questionnaires
                .into_iter()
                .map(|(qkey, title)| {
                    let edit = t!(tr, "researcher-edit");
                    let duplicate = t!(tr, "researcher-duplicate");
                    view! {
                        <li>
                            <a href=format!("{base}/{qkey}") aria-label=format!("{edit}: {title}")>{edit.clone()}</a>
                            " "
                            <form method="post" action=format!("{base}/{qkey}/dupliceren")>
                                <CsrfField token=csrf.clone() />
                                <button type="submit" class="secondary" aria-label=format!("{duplicate}: {title}")>{duplicate.clone()}</button>
                            </form>
                            " "{title.clone()}
                        </li>
                    }
                })
                .collect_view()}
        </ul>
        <h3>{t!(tr, "researcher-new-questionnaire")}</h3>
        <form method="post" action=base.clone() class="stacked">
            <CsrfField token=csrf.clone() />
            <Field id="questionnaire-title".into() name="title".into() label=t!(tr, "researcher-questionnaire-title") />
            <Field
                id="questionnaire-minutes".into()
                name="minutes".into()
                label=t!(tr, "researcher-questionnaire-minutes")
                value="5".into()
                kind="number"
            />
            <button type="submit" class="primary">{t!(tr, "researcher-questionnaire-create")}</button>
        </form>
    }
}

/// One question in the editor's list: its wording per audience side by side, with any
/// readability warnings.
#[derive(Debug, Clone)]
pub struct QuestionCard {
    pub key: String,
    pub kind: String,
    pub theme: String,
    pub required: bool,
    pub condition: Option<String>,
    /// (audience, text, warnings)
    pub wording: Vec<(Audience, Option<String>, Vec<String>)>,
}

#[derive(Debug, Clone)]
pub struct EditorView {
    pub viewer: Viewer,
    pub project_key: String,
    pub project_name: String,
    pub key: String,
    pub title: String,
    pub minutes: u32,
    pub purpose: Vec<(Audience, String)>,
    pub version: i64,
    pub notice: Option<String>,
    pub questions: Vec<QuestionCard>,
    pub languages: Vec<super::LanguageProgress>,
}

#[component]
pub fn EditorPage(page: EditorView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let base = format!(
        "/beheer/projecten/{}/vragenlijsten/{}",
        page.project_key, page.key
    );
    let csrf = page.viewer.csrf.clone();
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=csrf.clone()>
            <p>
                <a href=format!("/beheer/projecten/{}", page.project_key)>{page.project_name.clone()}</a>
            </p>
            <h1>{page.title.clone()}</h1>
            <p>{t!(tr, "researcher-version")}": "{page.version}</p>
            {page.notice.clone().map(|n| view! { <p class="notice" role="status">{n}</p> })}
            <form method="post" action=base.clone() class="stacked wide-form">
                <CsrfField token=csrf.clone() />
                <Field id="title".into() name="title".into() label=t!(tr, "researcher-questionnaire-title") value=page.title.clone() />
                <Field
                    id="minutes".into()
                    name="minutes".into()
                    label=t!(tr, "researcher-questionnaire-minutes")
                    value=page.minutes.to_string()
                    kind="number"
                />
                <div class="side-by-side">
                    {page
                        .purpose
                        .iter()
                        .map(|(audience, text)| {
                            view! {
                                <Field
                                    id=format!("purpose-{audience}")
                                    name=format!("purpose_{audience}")
                                    label=t!(tr, "researcher-purpose", audience = audience_name(&tr, *audience))
                                    value=text.clone()
                                    multiline=true
                                />
                            }
                        })
                        .collect_view()}
                </div>
                <button type="submit" class="primary">{t!(tr, "researcher-save")}</button>
            </form>
            <h2>{t!(tr, "researcher-questions")}</h2>
            <ol class="question-cards">
                {page.questions.into_iter().map(|card| view! { <Card card base=base.clone() csrf=csrf.clone() /> }).collect_view()}
            </ol>
            <p>
                <a class="button" href=format!("{base}/vragen/nieuw")>{t!(tr, "researcher-question-new")}</a>
            </p>
            <super::TranslationList base=base.clone() languages=page.languages.clone() dutch=t!(tr, "language-name") />
        </ResearcherFrame>
    }
}

#[component]
fn Card(card: QuestionCard, base: String, csrf: String) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let q = format!("{base}/vragen/{}", card.key);
    let label = |what: String| format!("{what}: {}", card.key);
    view! {
        <li class="question-card">
            <h3>{card.key.clone()}</h3>
            <p>
                {card.kind.clone()}" · "{card.theme.clone()}
                {card.required.then(|| format!(" · {}", t!(tr, "researcher-question-required")))}
            </p>
            {card.condition.clone().map(|c| view! { <p class="hint">{c}</p> })}
            <dl class="side-by-side">
                {card
                    .wording
                    .into_iter()
                    .map(|(audience, text, warnings)| {
                        view! {
                            <div>
                                <dt>{audience_name(&tr, audience)}</dt>
                                <dd>{text.unwrap_or_else(|| "—".into())}</dd>
                                {warnings.into_iter().map(|w| view! { <dd class="warning">{w}</dd> }).collect_view()}
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            <div class="move">
                <a href=q.clone() aria-label=label(t!(tr, "researcher-edit"))>{t!(tr, "researcher-edit")}</a>
                {[("omhoog", t!(tr, "researcher-move-up")), ("omlaag", t!(tr, "researcher-move-down")), ("verwijderen", t!(tr, "researcher-question-delete"))]
                    .into_iter()
                    .map(|(action, text)| {
                        view! {
                            <form method="post" action=format!("{q}/{action}")>
                                <CsrfField token=csrf.clone() />
                                <button type="submit" class="secondary" aria-label=label(text.clone())>{text.clone()}</button>
                            </form>
                        }
                    })
                    .collect_view()}
            </div>
        </li>
    }
}

/// The question form as filled in (kept on errors).
#[derive(Debug, Clone, Default)]
pub struct QuestionFormValues {
    pub key: String,
    pub kind: String,
    pub theme: String,
    pub required: bool,
    pub youth: String,
    pub parent: String,
    pub professional: String,
    pub help_youth: String,
    pub help_parent: String,
    pub help_professional: String,
    pub options: String,
    pub max_chars: String,
    pub show_if: String,
    pub equals: String,
}

#[derive(Debug, Clone)]
pub struct QuestionFormView {
    pub viewer: Viewer,
    pub project_key: String,
    pub questionnaire_key: String,
    pub questionnaire_title: String,
    /// None for a new question.
    pub editing: Option<String>,
    pub values: QuestionFormValues,
    pub themes: Vec<Theme>,
    /// Earlier questions a condition may refer to: (key, text).
    pub sources: Vec<(String, String)>,
    pub problems: Vec<String>,
    /// The question as youth and parents would see it.
    pub previews: Vec<(Audience, QuestionItem)>,
}

#[component]
pub fn QuestionFormPage(page: QuestionFormView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let editor = format!(
        "/beheer/projecten/{}/vragenlijsten/{}",
        page.project_key, page.questionnaire_key
    );
    let action = match &page.editing {
        Some(key) => format!("{editor}/vragen/{key}"),
        None => format!("{editor}/vragen"),
    };
    let v = page.values.clone();
    let kinds = [
        ("agreement", t!(tr, "researcher-type-agreement")),
        ("single_choice", t!(tr, "researcher-type-single")),
        ("multiple_choice", t!(tr, "researcher-type-multiple")),
        ("mark", t!(tr, "researcher-type-mark")),
        ("yes_no", t!(tr, "researcher-type-yes-no")),
        ("short_text", t!(tr, "researcher-type-short")),
        ("long_text", t!(tr, "researcher-type-long")),
        ("linkage_code", t!(tr, "researcher-type-linkage")),
    ];
    let wording = [
        (Audience::Youth, v.youth.clone(), v.help_youth.clone()),
        (Audience::Parent, v.parent.clone(), v.help_parent.clone()),
        (
            Audience::Professional,
            v.professional.clone(),
            v.help_professional.clone(),
        ),
    ];
    view! {
        <ResearcherFrame email=Some(page.viewer.email.clone()) is_admin=page.viewer.is_admin csrf=page.viewer.csrf.clone()>
            <p>
                <a href=editor.clone()>{page.questionnaire_title.clone()}</a>
            </p>
            <h1>{page.editing.clone().unwrap_or_else(|| t!(tr, "researcher-question-new"))}</h1>
            <ErrorSummary problems=page.problems.clone() />
            <form method="post" action=action class="stacked wide-form" id="question-form">
                <CsrfField token=page.viewer.csrf.clone() />
                {page
                    .editing
                    .is_none()
                    .then(|| {
                        view! {
                            <Field
                                id="key".into()
                                name="key".into()
                                label=t!(tr, "researcher-question-key")
                                value=v.key.clone()
                                hint=t!(tr, "researcher-question-key-hint")
                            />
                        }
                    })}
                <div class="question">
                    <label for="kind" class="question-label">{t!(tr, "researcher-question-type")}</label>
                    <select id="kind" name="kind">
                        {kinds
                            .into_iter()
                            .map(|(value, label)| view! { <option value=value selected=v.kind == value>{label}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="question">
                    <label for="theme" class="question-label">{t!(tr, "researcher-question-theme")}</label>
                    <select id="theme" name="theme">
                        {page
                            .themes
                            .iter()
                            .map(|th| view! { <option value=th.key.clone() selected=v.theme == th.key>{th.title.clone()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="option">
                    <input type="checkbox" id="required" name="required" value="1" checked=v.required />
                    <label for="required">{t!(tr, "researcher-question-required")}</label>
                </div>
                <div class="side-by-side">
                    {wording
                        .into_iter()
                        .map(|(audience, text, help)| {
                            let name = audience_name(&tr, audience);
                            view! {
                                <div>
                                    <Field
                                        id=format!("text-{audience}")
                                        name=audience.as_str().to_owned()
                                        label=t!(tr, "researcher-question-wording", audience = name.clone())
                                        value=text
                                        hint=t!(tr, "researcher-question-wording-hint")
                                        multiline=true
                                    />
                                    <Field
                                        id=format!("help-{audience}")
                                        name=format!("help_{audience}")
                                        label=t!(tr, "researcher-question-help", audience = name)
                                        value=help
                                    />
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
                <Field
                    id="options".into()
                    name="options".into()
                    label=t!(tr, "researcher-question-options")
                    value=v.options.clone()
                    hint=format!(
                        "{} {}",
                        t!(tr, "researcher-question-options-hint"),
                        t!(tr, "researcher-question-parts-hint"),
                    )
                    multiline=true
                />
                <Field id="max_chars".into() name="max_chars".into() label=t!(tr, "researcher-question-max") value=v.max_chars.clone() kind="number" />
                <div class="question">
                    <label for="show_if" class="question-label">{t!(tr, "researcher-question-condition")}</label>
                    <select id="show_if" name="show_if">
                        <option value="">{t!(tr, "researcher-question-condition-none")}</option>
                        {page
                            .sources
                            .iter()
                            .map(|(key, text)| view! { <option value=key.clone() selected=v.show_if == *key>{format!("{key}: {text}")}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field id="equals".into() name="equals".into() label=t!(tr, "researcher-question-condition-value") value=v.equals.clone() />
                <button type="submit" class="primary">{t!(tr, "researcher-question-save")}</button>
            </form>
            <CodeCatalogue />
            <PreviewHelper pairs=page
                .previews
                .iter()
                .map(|(audience, item)| (format!("text-{audience}"), format!("title-{}", item.key)))
                .collect() />
            <h2>{t!(tr, "researcher-question-preview")}</h2>
            <div class="previews">
                {page
                    .previews
                    .into_iter()
                    .map(|(audience, item)| {
                        view! {
                            <section class="phone-preview" aria-label=audience_name(&tr, audience)>
                                <h3>{audience_name(&tr, audience)}</h3>
                                <QuestionBlock item />
                            </section>
                        }
                    })
                    .collect_view()}
            </div>
        </ResearcherFrame>
    }
}

/// Reading a definition file into the project, and downloading it.
#[component]
pub fn DefinitionSection(
    key: String,
    csrf: String,
    text: String,
    problems: Vec<String>,
) -> impl IntoView {
    let tr = expect_context::<Tr>();
    view! {
        <h2>{t!(tr, "researcher-definition")}</h2>
        <p>
            <a href=format!("/beheer/projecten/{key}/definitie.toml") download=format!("{key}.toml")>
                {t!(tr, "researcher-definition-export")}
            </a>
        </p>
        {(!problems.is_empty())
            .then(|| {
                view! {
                    <div class="error-summary" id="definition-problems" tabindex="-1" autofocus=true>
                        <h3>{t!(tr, "researcher-error-summary")}</h3>
                        <ul>{problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                    </div>
                }
            })}
        <form method="post" action=format!("/beheer/projecten/{key}/definitie") class="stacked wide-form">
            <CsrfField token=csrf />
            <Field
                id="definition".into()
                name="definition".into()
                label=t!(tr, "researcher-definition-import")
                value=text
                hint=t!(tr, "researcher-definition-import-hint")
                multiline=true
            />
            <button type="submit" class="primary">{t!(tr, "researcher-definition-import-submit")}</button>
        </form>
    }
}

/// The catalogue of linkage code parts: what each asks, how stable it is and why.
#[component]
fn CodeCatalogue() -> impl IntoView {
    use crate::domain::linkage::{CATALOGUE, Stability, catalogue_part};
    let tr = expect_context::<Tr>();
    let rows = CATALOGUE
        .iter()
        .filter_map(|c| Some((c, catalogue_part(c.key)?)))
        .map(|(c, part)| {
            let stability = match c.stability {
                Stability::VeryStable => t!(tr, "researcher-linkage-very-stable"),
                Stability::Stable => t!(tr, "researcher-linkage-stable"),
                Stability::LessStable => t!(tr, "researcher-linkage-less-stable"),
            };
            let key = if c.recommended {
                format!("{} ({})", c.key, t!(tr, "researcher-linkage-recommended"))
            } else {
                c.key.to_owned()
            };
            view! {
                <tr>
                    <td><code>{key}</code></td>
                    <td>{crate::ui::labels::part_label(&tr, &part)}</td>
                    <td>{stability}</td>
                    <td>{part_why(&tr, c.key)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="catalogue" aria-labelledby="code-catalogue">
            <h2 id="code-catalogue">{t!(tr, "researcher-linkage-catalogue")}</h2>
            <p>{t!(tr, "researcher-linkage-catalogue-intro")}</p>
            <p>{t!(tr, "researcher-linkage-privacy")}</p>
            <div
                class="table-scroll"
                tabindex="0"
                role="region"
                aria-label=t!(tr, "researcher-linkage-catalogue")
            >
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t!(tr, "researcher-linkage-key")}</th>
                            <th scope="col">{t!(tr, "researcher-linkage-question")}</th>
                            <th scope="col">{t!(tr, "researcher-linkage-stability")}</th>
                            <th scope="col">{t!(tr, "researcher-linkage-why")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// Why a catalogue part is stable, and when it is not.
fn part_why(tr: &Tr, key: &str) -> String {
    match key {
        "moeder-letter" => t!(tr, "researcher-linkage-why-moeder-letter"),
        "vader-letter" => t!(tr, "researcher-linkage-why-vader-letter"),
        "eigen-letter" => t!(tr, "researcher-linkage-why-eigen-letter"),
        "geboortemaand" => t!(tr, "researcher-linkage-why-geboortemaand"),
        "geboortedag" => t!(tr, "researcher-linkage-why-geboortedag"),
        "achternaam-tweede-letter" => t!(tr, "researcher-linkage-why-achternaam-tweede-letter"),
        "oudere-broers-zussen" => t!(tr, "researcher-linkage-why-oudere-broers-zussen"),
        "geboorteplaats-letter" => t!(tr, "researcher-linkage-why-geboorteplaats-letter"),
        "oogkleur" => t!(tr, "researcher-linkage-why-oogkleur"),
        _ => String::new(),
    }
}
