//! Layers around every response: security headers, a body that must arrive in time, and a
//! request log that holds no IP address, no user agent and no path (paths carry link codes
//! and form tokens).

use axum::body::Body;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use std::time::{Duration, Instant};

/// How long a client may take to send a whole request body (by default; see
/// `AppState::with_body_read`). Our largest forms are a few kilobytes and never more than
/// [`super::BODY_LIMIT`], which a phone on a slow 2G connection sends in about twenty
/// seconds.
pub const BODY_READ: Duration = Duration::from_secs(30);

/// How many times longer than a form an upload may take to arrive: 8 MiB in two minutes is
/// about 560 kbit/s, a slow mobile upload.
const UPLOAD_READ_FACTOR: u32 = 4;

/// A file sent to the workspace (a recording, a translator's spreadsheet): a multipart
/// form posted under `/beheer/`. Only such requests may be larger than a form; the routes
/// that take them say how large with their own `DefaultBodyLimit`.
pub fn is_upload(parts: &axum::http::request::Parts) -> bool {
    parts.method == axum::http::Method::POST
        && parts.uri.path().starts_with("/beheer/")
        && is_multipart(&parts.headers)
}

/// A multipart form: what a form with a file sends.
pub fn is_multipart(headers: &axum::http::HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"))
}

/// Reads the whole request body, at most [`super::BODY_LIMIT`] (an upload
/// [`super::UPLOAD_LIMIT`]), within `deadline` before
/// any handler sees it, so that no handler (and no database connection) waits on a client
/// that trickles its body. Too slow: 408 and the connection is closed; too large: 413.
pub async fn body_in_time(
    State(deadline): State<Duration>,
    request: Request,
    next: Next,
) -> Response {
    let (parts, body) = request.into_parts();
    let (limit, deadline) = match is_upload(&parts) {
        true => (super::UPLOAD_LIMIT, deadline * UPLOAD_READ_FACTOR),
        false => (super::BODY_LIMIT, deadline),
    };
    let read = Limited::new(body, limit).collect();
    match tokio::time::timeout(deadline, read).await {
        Ok(Ok(body)) => {
            let body = Body::from(body.to_bytes());
            next.run(Request::from_parts(parts, body)).await
        }
        Ok(Err(error)) if error.is::<LengthLimitError>() => {
            StatusCode::PAYLOAD_TOO_LARGE.into_response()
        }
        // The client went away in the middle of its body.
        Ok(Err(_)) => StatusCode::BAD_REQUEST.into_response(),
        Err(_) => (StatusCode::REQUEST_TIMEOUT, [(header::CONNECTION, "close")]).into_response(),
    }
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
    );
    // Pages set their own policy with a script nonce; everything else gets the strictest.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    response
}

/// `/beheer/` and every other path with a trailing slash: a permanent redirect to the path
/// without it (the query kept). Never off-site: `//evil.example/` is left to the 404 page.
pub async fn canonical_path(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let trimmed = path.trim_end_matches('/');
    if path.len() > 1
        && trimmed.len() < path.len()
        && trimmed.starts_with('/')
        && !trimmed.starts_with("//")
        && !trimmed.contains('\\')
    {
        let to = match request.uri().query() {
            Some(query) => format!("{trimmed}?{query}"),
            None => trimmed.to_owned(),
        };
        return axum::response::Redirect::permanent(&to).into_response();
    }
    next.run(request).await
}

pub async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let started = Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}
