//! The projector view of a theme for the joint session: one thing per screen in large type
//! and high contrast. Each screen is its own page with links to the previous and next ones
//! (so it works without JavaScript); with JavaScript the arrow keys, Space, Page Up/Down,
//! Home and End follow those links.

use super::charts::ChartSvg;
use super::{ActionRow, QuestionBlock, status_label};
use crate::i18n::Tr;
use crate::t;
use crate::ui::islands::PresentationKeys;
use leptos::prelude::*;

/// One screen of a theme's presentation.
#[derive(Debug, Clone, PartialEq)]
pub enum Screen {
    /// The theme's title and what it is about.
    Title { title: String, description: String },
    /// A heading and short sentences (what all name, what some name, clear differences,
    /// changes); `empty` when there are none.
    List {
        heading: String,
        items: Vec<String>,
        empty: String,
    },
    /// What one audience said, in its own words.
    Quotes {
        heading: String,
        quotes: Vec<String>,
    },
    /// One closed question: its chart and the differences in words.
    Question(Box<QuestionBlock>),
    /// The theme's actions and how far they are.
    Actions(Vec<ActionRow>),
}

#[derive(Debug, Clone)]
pub struct PresentationView {
    pub project_name: String,
    pub theme_title: String,
    pub screen: Screen,
    /// 1-based.
    pub number: usize,
    pub count: usize,
    /// The address of screen `n` (1-based), with the comparison's choices.
    pub base: String,
    pub query: String,
    /// Where "stop" goes: the comparison of the theme.
    pub back: String,
}

#[component]
pub fn PresentationPage(page: PresentationView) -> impl IntoView {
    let tr = expect_context::<Tr>();
    let at = |n: usize| format!("{}/{n}{}", page.base, page.query);
    let (number, count) = (page.number, page.count);
    let previous = (number > 1).then(|| at(number - 1));
    let next = (number < count).then(|| at(number + 1));
    let body = match page.screen.clone() {
        Screen::Title { title, description } => view! {
            <h1>{title}</h1>
            <p class="lead">{description}</p>
            <p class="project">{page.project_name.clone()}</p>
        }
        .into_any(),
        Screen::List {
            heading,
            items,
            empty,
        } => view! {
            <h1>{heading}</h1>
            {if items.is_empty() {
                view! { <p>{empty}</p> }.into_any()
            } else {
                view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }.into_any()
            }}
        }
        .into_any(),
        Screen::Quotes { heading, quotes } => view! {
            <h1>{heading}</h1>
            <ul class="quotes">{quotes.into_iter().map(|q| view! { <li><q>{q}</q></li> }).collect_view()}</ul>
        }
        .into_any(),
        Screen::Question(block) => view! {
            <h1>{block.text.clone()}</h1>
            <ChartSvg chart=block.chart.clone() />
            <ul>{block.differences.into_iter().map(|d| view! { <li>{d}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Screen::Actions(actions) => view! {
            <h1>{t!(tr, "summary-actions")}</h1>
            <ul>
                {actions
                    .into_iter()
                    .map(|row| {
                        let a = row.action;
                        view! {
                            <li>
                                <strong>{a.title.clone()}</strong>
                                <br />
                                {t!(tr, "action-facts", who = a.taken_on_by.clone(), from = a.starts_on.to_string(), status = status_label(&tr, a.status))}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <main id="main" class="presentation">
            <p class="presentation-theme">{page.theme_title.clone()}</p>
            <div class="screen">{body}</div>
            <nav class="presentation-nav" aria-label=t!(tr, "presentation-nav")>
                <a href=at(1) data-key="first">{t!(tr, "presentation-first")}</a>
                {match previous {
                    Some(href) => view! { <a href=href rel="prev" data-key="prev">{t!(tr, "presentation-previous")}</a> }.into_any(),
                    None => view! { <span class="disabled">{t!(tr, "presentation-previous")}</span> }.into_any(),
                }}
                <span class="counter" aria-current="page">{t!(tr, "presentation-counter", number = number, count = count)}</span>
                {match next {
                    Some(href) => view! { <a href=href rel="next" data-key="next">{t!(tr, "presentation-next")}</a> }.into_any(),
                    None => view! { <span class="disabled">{t!(tr, "presentation-next")}</span> }.into_any(),
                }}
                <a href=at(count) data-key="last">{t!(tr, "presentation-last")}</a>
                <a href=page.back.clone() class="stop">{t!(tr, "presentation-stop")}</a>
            </nav>
            <p class="presentation-keys">{t!(tr, "presentation-keys")}</p>
            <PresentationKeys />
        </main>
    }
}
