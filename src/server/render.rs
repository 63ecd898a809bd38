//! Rendering a page: the HTML document around a view, rendered by Leptos on the server, with
//! the hydration script only on pages that have islands and a Content-Security-Policy that
//! allows nothing but our own origin and that one script.

use super::AppState;
use crate::i18n::Tr;
use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use leptos::hydration::HydrationScripts;
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::*;

/// Files produced by cargo-leptos, with their hashed names when hashing is on.
#[derive(Debug, Clone)]
pub struct Assets {
    pub stylesheet: String,
}

impl Assets {
    /// Finds the stylesheet's name as cargo-leptos wrote it (`hash.txt` in the bundle or
    /// beside the binary).
    pub fn locate(options: &LeptosOptions, bundle: Option<&super::bundle::Bundle>) -> Self {
        let mut name = options.output_name.to_string();
        if options.hash_files || bundle.is_some() {
            let hashes = match bundle {
                Some(bundle) => bundle.hashes().to_owned(),
                None => std::env::current_exe()
                    .ok()
                    .and_then(|p| p.parent().map(|d| d.join(options.hash_file.as_ref())))
                    .and_then(|p| std::fs::read_to_string(p).ok())
                    .unwrap_or_default(),
            };
            if let Some(hash) = hashes
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(file, _)| file.trim() == "css")
                .map(|(_, hash)| hash.trim())
            {
                name = format!("{name}.{hash}");
            }
        }
        Self {
            stylesheet: format!("/{}/{name}.css", options.site_pkg_dir),
        }
    }
}

/// What every page needs besides its body.
#[derive(Clone)]
pub struct PageFrame {
    pub tr: Tr,
    pub title: String,
    /// Whether the page has islands and so needs the WebAssembly bundle.
    pub islands: bool,
}

/// Renders `body` inside the document and answers with `status`.
pub async fn render<F, V>(
    state: &AppState,
    status: StatusCode,
    frame: PageFrame,
    body: F,
) -> Response
where
    F: Fn() -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let options = state.leptos_options.clone();
    let stylesheet = state.assets.stylesheet.clone();
    let tr = frame.tr.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(tr.clone());
            provide_nonce();
        },
        move || {
            let nonce = use_nonce().map(|n| n.to_string()).unwrap_or_default();
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>()
                && let Ok(csp) = HeaderValue::from_str(&content_security_policy(&nonce))
            {
                response.insert_header(header::CONTENT_SECURITY_POLICY, csp);
            }
            document(
                options.clone(),
                stylesheet.clone(),
                frame.clone(),
                body.clone(),
            )
        },
    );
    let request = Request::builder()
        .uri("/")
        .body(Body::empty())
        .unwrap_or_default();
    let (mut parts, body) = handler(request).await.into_response().into_parts();
    let html = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(error) => {
            tracing::error!(%error, "rendering a page failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    parts.status = status;
    parts.headers.remove(header::CONTENT_LENGTH);
    let mut response = Response::from_parts(parts, Body::from(without_wasm_preload(html)));
    let headers = response.headers_mut();
    // Answers may be on the page: never keep it in a shared cache or the back/forward store
    // of a shared device longer than needed.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Removes the `<link rel="preload">` of the WebAssembly file that Leptos adds to speed up
/// hydration: browsers fetch a preload even with JavaScript off, which would cost a
/// respondent without JavaScript the whole bundle for nothing. With JavaScript, the island
/// loader fetches it right after its small JS module.
fn without_wasm_preload(mut html: String) -> String {
    let mut from = 0;
    while let Some(start) = html[from..].find("<link rel=\"preload\"").map(|i| i + from) {
        let Some(end) = html[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        if html[start..end].contains(".wasm\"") {
            html.replace_range(start..end, "");
            from = start;
        } else {
            from = end;
        }
    }
    html
}

/// Only our own origin, and inline script only with this response's nonce (the island
/// loader). `wasm-unsafe-eval` lets the browser compile our WebAssembly.
fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'none'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; form-action 'self'; \
         base-uri 'none'; frame-ancestors 'none'"
    )
}

fn document<V: IntoView + 'static>(
    options: LeptosOptions,
    stylesheet: String,
    frame: PageFrame,
    body: impl Fn() -> V,
) -> impl IntoView {
    let PageFrame { tr, title, islands } = frame;
    let dir = if crate::domain::translation::is_right_to_left(tr.code()) {
        "rtl"
    } else {
        "ltr"
    };
    view! {
        <!DOCTYPE html>
        <html lang=tr.code().to_owned() dir=dir>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="referrer" content="no-referrer" />
                <title>{title}</title>
                <link rel="icon" href="data:," />
                <link rel="stylesheet" href=stylesheet />
                {islands.then(|| view! { <HydrationScripts options=options islands=true /> })}
            </head>
            <body>{body()}</body>
        </html>
    }
}

#[cfg(test)]
mod tests {
    use super::without_wasm_preload;

    #[test]
    fn only_the_wasm_preload_is_removed() {
        let html = r#"<head><link rel="modulepreload" href="/pkg/a.js"><link rel="preload" href="/pkg/a.wasm" as="fetch" type="application/wasm" crossorigin=""><link rel="preload" href="/pkg/font.woff2" as="font"></head>"#;
        assert_eq!(
            without_wasm_preload(html.to_owned()),
            r#"<head><link rel="modulepreload" href="/pkg/a.js"><link rel="preload" href="/pkg/font.woff2" as="font"></head>"#
        );
    }
}
