//! The HTTP server: state, routes and the layers every response passes through.

mod accounts;
mod actions;
pub mod auth;
mod authoring;
pub mod bundle;
mod coding;
pub mod commands;
mod comparison;
mod exports;
pub mod first_run;
pub mod form;
mod interviews;
pub mod linkage_key;
mod links;
mod listen;
pub mod login;
mod meetings;
mod middleware;
mod projects;
mod recordings;
pub mod render;
mod respondent;
mod responses;
pub mod speech;
pub mod start_limit;
pub mod synthetic;
mod translating;
pub mod workspace;

use crate::i18n::Translations;
use crate::storage::Db;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use leptos::config::LeptosOptions;
use render::Assets;
use std::sync::Arc;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, CompressionLevel, DefaultPredicate};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted: several long answers of 5,000 characters, percent-encoded.
pub const BODY_LIMIT: usize = 256 * 1024;

/// The largest file the workspace takes in (see [`middleware::is_upload`]): a recording of
/// a question read aloud (about a minute as MP3 or M4A from a phone) or a translator's
/// spreadsheet.
pub const UPLOAD_LIMIT: usize = 8 * 1024 * 1024;

/// Today's date as the app sees it; tests fix it.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> time::Date + Send + Sync>);

impl Clock {
    /// The date in the Netherlands (UTC+1, or +2 in summer; the hour of difference at
    /// the turn of a wave's last day is accepted).
    pub fn system() -> Self {
        Clock(Arc::new(|| {
            (time::OffsetDateTime::now_utc() + time::Duration::hours(1)).date()
        }))
    }

    pub fn fixed(date: time::Date) -> Self {
        Clock(Arc::new(move || date))
    }

    pub fn today(&self) -> time::Date {
        (self.0)()
    }
}

/// Everything a request handler may use; built once at start-up (tests build their own).
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub translations: Arc<Translations>,
    pub leptos_options: LeptosOptions,
    pub assets: Assets,
    /// The site's files carried in the binary (a bundled release), else served from disk.
    pub bundle: Option<Arc<bundle::Bundle>>,
    pub clock: Clock,
    /// The start of every public link (QR codes, flyers), without a trailing slash.
    pub public_base: String,
    pub login: login::LoginSettings,
    /// The one-time link to make the first administrator, while there is none.
    pub setup: first_run::SetupLink,
    /// New starts per invitation link per minute.
    pub starts: start_limit::StartLimit,
    /// Questions read aloud (off when espeak-ng or opusenc is missing).
    pub speech: Arc<speech::Speech>,
    /// How long a client may take to send a request body ([`middleware::BODY_READ`]).
    pub body_read: std::time::Duration,
    /// The secret that seals linkage codes (kept outside the database).
    pub linkage_key: Arc<linkage_key::LinkageKey>,
    /// What the comparison may show, decided once per set of counts.
    pub(crate) protections: Arc<comparison::ProtectionCache<comparison::Protection>>,
    pub(crate) code_protections: Arc<comparison::ProtectionCache<comparison::CodeProtection>>,
}

impl AppState {
    pub fn new(
        db: Db,
        translations: Translations,
        mut leptos_options: LeptosOptions,
        clock: Clock,
    ) -> Self {
        let bundle = bundle::Bundle::of_this_binary(&leptos_options.output_name).map(Arc::new);
        if bundle.is_some() {
            // Pages name the WebAssembly files by their stable names; the bundle maps them.
            leptos_options.hash_files = false;
        }
        let assets = Assets::locate(&leptos_options, bundle.as_deref());
        Self {
            db,
            translations: Arc::new(translations),
            leptos_options,
            assets,
            bundle,
            clock,
            public_base: "http://127.0.0.1:3000".to_owned(),
            login: login::LoginSettings::default(),
            setup: first_run::SetupLink::default(),
            starts: start_limit::StartLimit::default(),
            speech: Arc::new(speech::Speech::default()),
            body_read: middleware::BODY_READ,
            // A fresh secret: `serve` replaces it with the one kept beside the database.
            linkage_key: Arc::new(linkage_key::LinkageKey::random()),
            protections: Arc::default(),
            code_protections: Arc::default(),
        }
    }

    /// Takes the client's address for the login throttle from this header (set by a
    /// trusted reverse proxy) instead of the peer.
    pub fn with_client_header(mut self, header: Option<axum::http::HeaderName>) -> Self {
        self.login.client_header = header;
        self
    }

    /// Seals linkage codes with this secret.
    pub fn with_linkage_key(mut self, key: linkage_key::LinkageKey) -> Self {
        self.linkage_key = Arc::new(key);
        self
    }

    /// At most `starts` new starts per invitation link per minute (`0`: no limit).
    pub fn with_starts_per_minute(mut self, starts: u32) -> Self {
        self.starts = start_limit::StartLimit::per_minute(starts);
        self
    }

    /// Gives clients `deadline` to send a request body instead of [`middleware::BODY_READ`].
    pub fn with_body_read(mut self, deadline: std::time::Duration) -> Self {
        self.body_read = deadline;
        self
    }

    /// Sets the start of public links; session cookies are `Secure` when it is HTTPS.
    pub fn with_public_base(mut self, base: String) -> Self {
        self.public_base = base.trim_end_matches('/').to_owned();
        self
    }
}

/// All routes of the app.
pub fn router(state: AppState) -> Router {
    // Leptos renders on the tokio runtime; an error only means it was set up already.
    let _ = any_spawner::Executor::init_tokio();
    let pkg_dir = std::path::Path::new(state.leptos_options.site_root.as_ref())
        .join(state.leptos_options.site_pkg_dir.as_ref());
    // Hashed names change with every build, so browsers may keep them for a year.
    let cache = if state.leptos_options.hash_files {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let from_disk = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );
    let pkg = match state.bundle.clone() {
        Some(bundle) => Router::new().route(
            "/{file}",
            get(
                move |axum::extract::Path(file): axum::extract::Path<String>,
                      headers: axum::http::HeaderMap| async move {
                    bundle.serve(&file, &headers)
                },
            ),
        ),
        None => Router::new().fallback_service(from_disk),
    };

    let researcher = workspace::router()
        .layer(axum::middleware::from_fn(auth::csrf_layer))
        .layer(axum::middleware::from_fn(auth::same_origin_only))
        .layer(auth::session_layer(
            state.db.clone(),
            state.public_base.starts_with("https://"),
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            workspace::error_pages,
        ));

    Router::new()
        .route("/", get(respondent::front))
        .route("/healthz", get(health))
        .nest("/beheer", researcher)
        .route("/{code}", get(respondent::intro).post(respondent::start))
        .route("/{code}/bedankt", get(respondent::thanks))
        .route(
            "/{code}/{token}/{page}",
            get(respondent::show_page).post(respondent::answer_page),
        )
        .route(
            "/{code}/{token}/{page}/luister/{part}/{hash}",
            get(respondent::read_aloud),
        )
        .nest("/pkg", pkg)
        .fallback(respondent::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.body_read,
            middleware::body_in_time,
        ))
        // Pages are made per request: brotli and gzip at level 4, not brotli's default 11,
        // which spends milliseconds of CPU per page to save a few bytes. (The site's files
        // are compressed once, at the highest level, by the release build.)
        .layer(
            CompressionLayer::new()
                .quality(CompressionLevel::Precise(4))
                // Opus is compressed already, and a byte range must stay a range of it.
                .compress_when(DefaultPredicate::new().and(NotForContentType::const_new("audio/"))),
        )
        .layer(axum::middleware::from_fn(middleware::canonical_path))
        .layer(axum::middleware::from_fn(middleware::security_headers))
        .layer(axum::middleware::from_fn(middleware::log_request))
        .with_state(state)
}

/// 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unreachable")
        }
    }
}
