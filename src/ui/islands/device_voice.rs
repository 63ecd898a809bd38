//! Reading a question aloud with the device's own voice (Web Speech API), highlighting each
//! part while it is read. Only a voice the device speaks itself (`localService`) in the
//! page's language is used, never one that sends the text elsewhere; without such a voice
//! nothing is added and the server's sound stays the way to listen.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Document, Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};

/// The class of the part being read.
const SPEAKING: &str = "speaking";

/// Marks the button of the question being read (its label then says "stop").
const READING: &str = "data-reading";

pub fn attach(language: String, read: String, stop: String) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let (Some(document), Ok(synth)) = (window.document(), window.speech_synthesis()) else {
        return;
    };
    let texts = Rc::new((read, stop));
    if !offer(&document, &synth, &language, &texts) {
        // Voices may arrive later (Chromium loads them after the page).
        let (document, synth2) = (document.clone(), synth.clone());
        let once = Rc::new(Cell::new(false));
        let listener = Closure::<dyn FnMut()>::new(move || {
            if !once.get() {
                once.set(offer(&document, &synth2, &language, &texts));
            }
        });
        synth.set_onvoiceschanged(Some(listener.as_ref().unchecked_ref()));
        listener.forget();
    }
}

/// A voice of the device itself in `language` (`nl` matches `nl-NL` and `nl_BE`).
fn local_voice(synth: &SpeechSynthesis, language: &str) -> Option<SpeechSynthesisVoice> {
    synth
        .get_voices()
        .iter()
        .map(|v| v.unchecked_into::<SpeechSynthesisVoice>())
        .find(|v| {
            let lang = v.lang().to_ascii_lowercase().replace('_', "-");
            v.local_service() && (lang == language || lang.starts_with(&format!("{language}-")))
        })
}

/// Adds a button to every question when the device has a voice of its own; whether it did.
fn offer(
    document: &Document,
    synth: &SpeechSynthesis,
    language: &str,
    texts: &Rc<(String, String)>,
) -> bool {
    let Some(voice) = local_voice(synth, language) else {
        return false;
    };
    let Ok(questions) = document.query_selector_all("#answers .question") else {
        return false;
    };
    let voice = Rc::new(voice);
    for i in 0..questions.length() {
        let Some(question) = questions.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if question
            .query_selector(":scope > .device-voice")
            .ok()
            .flatten()
            .is_some()
        {
            continue;
        }
        let Ok(button) = document.create_element("button") else {
            continue;
        };
        let key = question.id().trim_start_matches("question-").to_owned();
        let _ = button.set_attribute("type", "button");
        let _ = button.set_attribute("class", "device-voice secondary");
        let _ = button.set_attribute("aria-describedby", &format!("title-{key}"));
        button.set_text_content(Some(&texts.0));
        // After the wording (the legend or label) and its notes, before the answers.
        let before = question
            .query_selector(".options, input, textarea")
            .ok()
            .flatten();
        let place = before
            .as_ref()
            .and_then(|b| b.parent_node())
            .unwrap_or_else(|| question.clone().into());
        let _ = place.insert_before(&button, before.as_ref().map(|b| b.as_ref()));
        let (synth, voice, texts, question, me) = (
            synth.clone(),
            voice.clone(),
            texts.clone(),
            question.clone(),
            button.clone(),
        );
        let click = Closure::<dyn FnMut()>::new(move || {
            let speaking = me.has_attribute(READING);
            stop_all(&synth, &me.owner_document(), &texts);
            if !speaking {
                read_question(&synth, &voice, &question, &me, &texts);
            }
        });
        let _ = button.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
        click.forget();
    }
    if let Some(form) = document.get_element_by_id("answers") {
        let _ = form.set_attribute("data-device-voice", &voice.name());
    }
    true
}

/// Stops what is being read and takes every highlight away; every button says "read".
fn stop_all(synth: &SpeechSynthesis, document: &Option<Document>, texts: &(String, String)) {
    synth.cancel();
    let Some(document) = document else { return };
    for selector in [".speaking", "[data-reading]"] {
        let Ok(found) = document.query_selector_all(selector) else {
            continue;
        };
        for i in 0..found.length() {
            if let Some(e) = found.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                let _ = e.class_list().remove_1(SPEAKING);
                if e.has_attribute(READING) {
                    let _ = e.remove_attribute(READING);
                    e.set_text_content(Some(&texts.0));
                }
            }
        }
    }
}

/// Reads a question part by part (wording, hint, help, each answer), each highlighted while
/// it is read; the button says "stop" meanwhile. The parts are queued at once: the browser
/// reads them one after the other.
fn read_question(
    synth: &SpeechSynthesis,
    voice: &SpeechSynthesisVoice,
    question: &Element,
    button: &Element,
    texts: &Rc<(String, String)>,
) {
    let Ok(parts) = question.query_selector_all(".text, .hint, .help, .option label") else {
        return;
    };
    let parts: Vec<Element> = (0..parts.length())
        .filter_map(|i| parts.item(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .filter(|e| !e.text_content().unwrap_or_default().trim().is_empty())
        .collect();
    let Some(last) = parts.len().checked_sub(1) else {
        return;
    };
    let _ = button.set_attribute(READING, "");
    button.set_text_content(Some(&texts.1));
    for (i, part) in parts.into_iter().enumerate() {
        let text = part.text_content().unwrap_or_default();
        let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(text.trim()) else {
            continue;
        };
        utterance.set_voice(Some(voice));
        utterance.set_lang(&voice.lang());
        let shown = part.clone();
        let start = Closure::<dyn FnMut()>::new(move || {
            let _ = shown.class_list().add_1(SPEAKING);
        });
        let (done, button, texts) = (part.clone(), button.clone(), texts.clone());
        let end = Closure::<dyn FnMut()>::new(move || {
            let _ = done.class_list().remove_1(SPEAKING);
            if i == last && button.has_attribute(READING) {
                let _ = button.remove_attribute(READING);
                button.set_text_content(Some(&texts.0));
            }
        });
        utterance.set_onstart(Some(start.as_ref().unchecked_ref()));
        utterance.set_onend(Some(end.as_ref().unchecked_ref()));
        utterance.set_onerror(Some(end.as_ref().unchecked_ref()));
        start.forget();
        end.forget();
        synth.speak(&utterance);
    }
}
