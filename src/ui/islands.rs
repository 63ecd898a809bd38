//! The only code that runs in the browser. Pages work completely without it; with it, a
//! respondent sees conditional questions appear at once, counts characters while typing and
//! hears about a missing answer before the page is sent. Answers are checked by the same
//! domain code as on the server.

use crate::domain::{Question, RawAnswers};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The messages the helper shows, translated on the server (Fluent stays out of the wasm).
/// `{max}` and `{count}` are filled in by the browser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HelperTexts {
    pub choose_one: String,
    pub write_something: String,
    pub too_long: String,
    pub counter: String,
    pub summary: String,
}

/// Enhances the answers form (`#answers`) of a questionnaire page.
#[island]
pub fn FormHelper(
    questions: Vec<Question>,
    earlier: RawAnswers,
    texts: HelperTexts,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::attach(questions, earlier, texts);
    #[cfg(not(feature = "hydrate"))]
    let _ = (questions, earlier, texts);
}

/// Lets a respondent hear each question in the device's own voice, with what is being read
/// highlighted: a button per question, added only when the device has a voice of its own
/// (`localService`) in the page's `language`. `read` and `stop` are the button's labels.
#[island]
pub fn DeviceVoice(language: String, read: String, stop: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    device_voice::attach(language, read, stop);
    #[cfg(not(feature = "hydrate"))]
    let _ = (language, read, stop);
}

#[cfg(feature = "hydrate")]
mod device_voice;

/// Copies what a researcher types into the question editor's preview, so the phone-sized
/// preview follows the text without sending the form. `pairs` are (field id, preview id).
#[island]
pub fn PreviewHelper(pairs: Vec<(String, String)>) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::follow(pairs);
    #[cfg(not(feature = "hydrate"))]
    let _ = pairs;
}

/// Keyboard shortcuts of the coding queue: digits toggle the code with that number, Enter
/// saves, S skips. Without JavaScript, Tab, Space and Enter do the same work.
#[island]
pub fn QueueKeys() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::queue_keys();
}

/// Keyboard keys of the projector view: → ↓ Space Page Down go on, ← ↑ Shift+Space Page Up
/// go back, Home and End to the first and last screen — by following the page's own links
/// (`data-key`), which work without JavaScript too.
#[island]
pub fn PresentationKeys() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::presentation_keys();
}

/// Keeps a conversation's notes safe on the facilitator's device: every change is kept as a
/// local draft (restored after a reload or a crash), sent to the server every 30 seconds and
/// as soon as the connection is back; the draft is dropped once the server has it.
#[island]
pub fn InterviewDraft(
    storage_key: String,
    restored: String,
    autosaved: String,
    just_saved: bool,
) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    browser::interview_draft(storage_key, restored, autosaved, just_saved);
    #[cfg(not(feature = "hydrate"))]
    let _ = (storage_key, restored, autosaved, just_saved);
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::HelperTexts;
    use crate::domain::answers::{check_page, is_visible};
    use crate::domain::{FieldError, Question, RawAnswers};
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{Document, Element, Event, FormData, HtmlElement, HtmlFormElement};

    struct Helper {
        document: Document,
        form: HtmlFormElement,
        questions: Vec<Question>,
        earlier: RawAnswers,
        texts: HelperTexts,
        /// Questions the respondent has answered or tried to send: only these show errors.
        touched: RefCell<BTreeSet<String>>,
    }

    pub fn attach(questions: Vec<Question>, earlier: RawAnswers, texts: HelperTexts) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(form) = document
            .get_element_by_id("answers")
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let helper = Rc::new(Helper {
            document,
            form,
            questions,
            earlier,
            texts,
            touched: RefCell::new(BTreeSet::new()),
        });
        // With the helper running, the "only answer if…" notes for browsers without
        // JavaScript are replaced by showing and hiding the questions themselves.
        if let Ok(notes) = helper.document.query_selector_all(".condition-note") {
            for i in 0..notes.length() {
                if let Some(note) = notes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                    note.set_hidden(true);
                }
            }
        }
        helper.refresh();
        // Lets tests and the weight benchmark see that the island is awake.
        let _ = helper.form.set_attribute("data-enhanced", "");

        let h = helper.clone();
        listen(&helper.form, "input", move |_| h.update_counters());
        let h = helper.clone();
        listen(&helper.form, "change", move |event| {
            if let Some(key) = question_key(&event) {
                h.touched.borrow_mut().insert(key);
            }
            h.refresh();
        });
        let h = helper.clone();
        listen(&helper.form, "submit", move |event| {
            // "Vorige" saves without checking, as on the server.
            let back = event
                .dyn_ref::<web_sys::SubmitEvent>()
                .and_then(|e| e.submitter())
                .and_then(|s| s.get_attribute("value"))
                .is_some_and(|v| v == "back");
            if back {
                return;
            }
            h.touched
                .borrow_mut()
                .extend(h.questions.iter().map(|q| q.key.clone()));
            if !h.refresh() {
                event.prevent_default();
                h.show_summary();
            }
        });
    }

    pub fn interview_draft(key: String, restored: String, autosaved: String, just_saved: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        let Some(form) = document
            .get_element_by_id("interview-form")
            .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        let Some(storage) = window.local_storage().ok().flatten() else {
            return;
        };
        let status = document.get_element_by_id("draft-status");
        if just_saved {
            let _ = storage.remove_item(&key);
            // A reload must not drop the next draft: forget the "saved" mark in the address.
            if let (Ok(history), Ok(path)) = (window.history(), window.location().pathname()) {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
            }
        } else if let Ok(Some(saved)) = storage.get_item(&key) {
            restore(&form, &saved);
            if let Some(status) = &status {
                status.set_text_content(Some(&restored));
            }
        }
        let _ = form.set_attribute("data-enhanced", "");
        let dirty = Rc::new(RefCell::new(false));
        let (f, s, k, d) = (form.clone(), storage.clone(), key.clone(), dirty.clone());
        let remember = move |_: Event| {
            if let Some(body) = encode(&f) {
                let _ = s.set_item(&k, &body);
                *d.borrow_mut() = true;
            }
        };
        let remember = Rc::new(remember);
        let r = remember.clone();
        listen(&form, "input", move |e| r(e));
        listen(&form, "change", move |e| remember(e));

        let sync = Rc::new(move || {
            if !*dirty.borrow() {
                return;
            }
            let (Some(window), Some(body)) = (web_sys::window(), encode(&form)) else {
                return;
            };
            let init = web_sys::RequestInit::new();
            init.set_method("POST");
            init.set_body(&JsValue::from_str(&body));
            if let Ok(headers) = web_sys::Headers::new() {
                let _ = headers.set("Content-Type", "application/x-www-form-urlencoded");
                init.set_headers(&headers);
            }
            let promise = window.fetch_with_str_and_init(&form.action(), &init);
            let (storage, key, dirty, status, autosaved) = (
                storage.clone(),
                key.clone(),
                dirty.clone(),
                status.clone(),
                autosaved.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let Ok(response) = wasm_bindgen_futures::JsFuture::from(promise).await else {
                    return;
                };
                if response
                    .dyn_into::<web_sys::Response>()
                    .is_ok_and(|r| r.ok())
                {
                    let _ = storage.remove_item(&key);
                    *dirty.borrow_mut() = false;
                    if let Some(status) = &status {
                        status.set_text_content(Some(&autosaved));
                    }
                }
            });
        });
        let on_line = sync.clone();
        let online = Closure::<dyn Fn()>::new(move || on_line());
        let _ = window.add_event_listener_with_callback("online", online.as_ref().unchecked_ref());
        online.forget();
        let every = Closure::<dyn Fn()>::new(move || sync());
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            every.as_ref().unchecked_ref(),
            30_000,
        );
        every.forget();
    }

    /// The form as a urlencoded body.
    fn encode(form: &HtmlFormElement) -> Option<String> {
        let data = FormData::new_with_form(form).ok()?;
        let params = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).ok()?;
        Some(params.to_string().into())
    }

    /// Puts a saved draft back into the form's text areas and choices.
    fn restore(form: &HtmlFormElement, saved: &str) {
        let Ok(params) = web_sys::UrlSearchParams::new_with_str(saved) else {
            return;
        };
        let elements = form.elements();
        for i in 0..elements.length() {
            let Some(element) = elements.item(i) else {
                continue;
            };
            let Some(name) = element.get_attribute("name") else {
                continue;
            };
            if name == "csrf" {
                continue;
            }
            if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
                area.set_value(&params.get(&name).unwrap_or_default());
            } else if let Some(input) = element.dyn_ref::<web_sys::HtmlInputElement>()
                && matches!(input.type_().as_str(), "radio" | "checkbox")
            {
                let chosen = params
                    .get_all(&name)
                    .iter()
                    .any(|v| v.as_string().is_some_and(|v| v == input.value()));
                input.set_checked(chosen);
            }
        }
    }

    pub fn queue_keys() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let doc = document.clone();
        let closure =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
                if event.ctrl_key() || event.alt_key() || event.meta_key() {
                    return;
                }
                let in_text = event
                    .target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                    .is_some_and(|e| {
                        matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                            && e.get_attribute("type").as_deref() != Some("checkbox")
                    });
                if in_text {
                    return;
                }
                let key = event.key();
                if key.len() == 1 && key.chars().all(|c| c.is_ascii_digit() && c != '0') {
                    if let Ok(Some(field)) =
                        doc.query_selector(&format!("[data-shortcut=\"{key}\"]"))
                        && let Ok(input) = field.dyn_into::<web_sys::HtmlInputElement>()
                    {
                        input.set_checked(!input.checked());
                        event.prevent_default();
                    }
                } else if key.eq_ignore_ascii_case("s") {
                    if let Some(skip) = doc
                        .get_element_by_id("queue-skip")
                        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
                    {
                        skip.click();
                    }
                } else if key == "Enter"
                    && let Some(form) = doc
                        .get_element_by_id("queue-form")
                        .and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
                {
                    event.prevent_default();
                    let _ = form.request_submit();
                }
            });
        let _ =
            document.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
        closure.forget();
    }

    pub fn presentation_keys() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let doc = document.clone();
        let closure =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |event: web_sys::KeyboardEvent| {
                if event.ctrl_key() || event.alt_key() || event.meta_key() {
                    return;
                }
                let link = match event.key().as_str() {
                    "ArrowRight" | "ArrowDown" | "PageDown" => "next",
                    " " if event.shift_key() => "prev",
                    " " => "next",
                    "ArrowLeft" | "ArrowUp" | "PageUp" => "prev",
                    "Home" => "first",
                    "End" => "last",
                    _ => return,
                };
                if let Ok(Some(a)) = doc.query_selector(&format!("a[data-key=\"{link}\"]"))
                    && let Ok(a) = a.dyn_into::<HtmlElement>()
                {
                    event.prevent_default();
                    a.click();
                }
            });
        let _ =
            document.add_event_listener_with_callback("keydown", closure.as_ref().unchecked_ref());
        closure.forget();
        // Says that the keys work now (for whoever waits for them, such as a test).
        if let Ok(Some(main)) = document.query_selector("main.presentation") {
            let _ = main.set_attribute("data-keys", "on");
        }
    }

    pub fn follow(pairs: Vec<(String, String)>) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        for (field, preview) in pairs {
            let (Some(source), Some(target)) = (
                document.get_element_by_id(&field),
                document.get_element_by_id(&preview),
            ) else {
                continue;
            };
            let Ok(input) = source.clone().dyn_into::<web_sys::HtmlTextAreaElement>() else {
                continue;
            };
            // What was typed before the island woke up shows at once, not at the next key.
            let typed = input.value();
            if target.text_content().as_deref() != Some(typed.as_str()) {
                target.set_text_content(Some(&typed));
            }
            let closure = Closure::<dyn Fn(Event)>::new(move |_| {
                target.set_text_content(Some(&input.value()))
            });
            let _ =
                source.add_event_listener_with_callback("input", closure.as_ref().unchecked_ref());
            closure.forget();
        }
    }

    fn listen(form: &HtmlFormElement, name: &str, f: impl Fn(Event) + 'static) {
        let closure = Closure::<dyn Fn(Event)>::new(f);
        let _ = form.add_event_listener_with_callback(name, closure.as_ref().unchecked_ref());
        closure.forget();
    }

    /// The question a form event came from (field names are `q.<key>`).
    fn question_key(event: &Event) -> Option<String> {
        let target = event.target()?.dyn_into::<Element>().ok()?;
        let name = target.get_attribute("name")?;
        name.strip_prefix("q.").map(str::to_owned)
    }

    impl Helper {
        fn answers(&self) -> RawAnswers {
            let mut raw = RawAnswers::new();
            let Ok(data) = FormData::new_with_form(&self.form) else {
                return raw;
            };
            for q in &self.questions {
                let values: Vec<String> = data
                    .get_all(&format!("q.{}", q.key))
                    .iter()
                    .filter_map(|v| v.as_string())
                    .filter(|v| !v.is_empty())
                    .collect();
                if !values.is_empty() {
                    raw.insert(q.key.clone(), values);
                }
            }
            raw
        }

        fn element(&self, id: &str) -> Option<HtmlElement> {
            self.document.get_element_by_id(id)?.dyn_into().ok()
        }

        /// Shows or hides conditional questions and the errors of touched questions.
        /// Returns whether the page can be sent.
        fn refresh(&self) -> bool {
            let submitted = self.answers();
            let mut known = self.earlier.clone();
            known.extend(submitted.clone());
            for q in &self.questions {
                if let Some(block) = self.element(&format!("question-{}", q.key)) {
                    block.set_hidden(!is_visible(q, &known));
                }
            }
            self.update_counters();
            let page: Vec<&Question> = self.questions.iter().collect();
            let Ok(outcome) = check_page(&page, &self.earlier, &submitted) else {
                // Not something this form can produce; let the server answer it.
                return true;
            };
            let touched = self.touched.borrow();
            for q in &self.questions {
                let error = outcome
                    .errors
                    .get(&q.key)
                    .filter(|_| touched.contains(&q.key));
                self.show_error(q, error);
            }
            outcome.is_complete()
        }

        fn message(&self, error: &FieldError) -> String {
            match error {
                FieldError::ChooseOne => self.texts.choose_one.clone(),
                FieldError::WriteSomething => self.texts.write_something.clone(),
                FieldError::TooLong { max } => {
                    self.texts.too_long.replace("{max}", &max.to_string())
                }
                // Linkage codes are never handed to the helper (see `respondent.rs`).
                FieldError::Code(_) => self.texts.choose_one.clone(),
            }
        }

        fn show_error(&self, q: &Question, error: Option<&FieldError>) {
            let id = format!("error-{}", q.key);
            if let Some(slot) = self.element(&id) {
                slot.set_text_content(error.map(|e| self.message(e)).as_deref());
                slot.set_hidden(error.is_none());
            }
            if let Some(block) = self.element(&format!("question-{}", q.key)) {
                let _ = block
                    .class_list()
                    .toggle_with_force("has-error", error.is_some());
            }
            if let Ok(controls) = self
                .document
                .query_selector_all(&format!("[data-question=\"{}\"]", q.key))
            {
                for i in 0..controls.length() {
                    if let Some(control) =
                        controls.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                    {
                        let _ = match error {
                            Some(_) => control.set_attribute("aria-invalid", "true"),
                            None => control.remove_attribute("aria-invalid"),
                        };
                    }
                }
            }
        }

        fn update_counters(&self) {
            for q in &self.questions {
                let (Some(max), Some(counter), Some(field)) = (
                    q.kind.max_chars(),
                    self.element(&format!("counter-{}", q.key)),
                    self.document.get_element_by_id(&format!("field-{}", q.key)),
                ) else {
                    continue;
                };
                let value = field
                    .dyn_ref::<web_sys::HtmlTextAreaElement>()
                    .map(|t| t.value())
                    .or_else(|| {
                        field
                            .dyn_ref::<web_sys::HtmlInputElement>()
                            .map(|i| i.value())
                    })
                    .unwrap_or_default();
                let count = value.chars().count();
                counter.set_text_content(Some(
                    &self
                        .texts
                        .counter
                        .replace("{count}", &count.to_string())
                        .replace("{max}", &max.to_string()),
                ));
                let _ = counter.class_list().toggle_with_force("over", count > max);
            }
        }

        /// Lists the errors above the form and moves focus there, as the server does.
        fn show_summary(&self) {
            let Some(summary) = self.element("error-summary") else {
                return;
            };
            let page: Vec<&Question> = self.questions.iter().collect();
            let Ok(outcome) = check_page(&page, &self.earlier, &self.answers()) else {
                return;
            };
            summary.set_text_content(None);
            let heading = self.document.create_element("h2").ok();
            let list = self.document.create_element("ul").ok();
            if let (Some(heading), Some(list)) = (heading, list) {
                heading.set_text_content(Some(&self.texts.summary));
                for (key, error) in &outcome.errors {
                    let (Ok(item), Ok(link)) = (
                        self.document.create_element("li"),
                        self.document.create_element("a"),
                    ) else {
                        continue;
                    };
                    let _ = link.set_attribute("href", &format!("#question-{key}"));
                    let title = self
                        .element(&format!("title-{key}"))
                        .and_then(|t| t.text_content())
                        .unwrap_or_default();
                    link.set_text_content(Some(&format!("{title}: {}", self.message(error))));
                    let _ = item.append_child(&link);
                    let _ = list.append_child(&item);
                }
                let _ = summary.append_child(&heading);
                let _ = summary.append_child(&list);
            }
            summary.set_hidden(false);
            let _ = summary.focus();
        }
    }
}
