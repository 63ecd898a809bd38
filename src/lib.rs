//! Samenspraak: questionnaires for young people and parents, laid beside the insights of
//! professionals.
//!
//! The server renders every page; the only code that runs in the browser is in
//! [`ui::islands`], which makes forms friendlier but is never needed to answer.

pub mod domain;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod config;
#[cfg(feature = "ssr")]
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod storage;

/// Entry point of the WebAssembly module: wakes up the islands on a server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
