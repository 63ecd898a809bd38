//! The HTTP server: state, routes and the layers every response passes through.

pub mod auth;
mod authoring;
mod coding;
pub mod commands;
mod comparison;
mod exports;
pub mod form;
mod interviews;
pub mod login;
mod meetings;
mod middleware;
pub mod render;
mod researcher;
mod respondent;
pub mod synthetic;

use crate::i18n::Translations;
use crate::storage::Db;
use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use leptos::config::LeptosOptions;
use render::Assets;
use std::sync::Arc;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted: several long answers of 5,000 characters, percent-encoded.
pub const BODY_LIMIT: usize = 256 * 1024;

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
    pub clock: Clock,
    /// The start of every public link (QR codes, flyers), without a trailing slash.
    pub public_base: String,
    pub login: login::LoginSettings,
}

impl AppState {
    pub fn new(
        db: Db,
        translations: Translations,
        leptos_options: LeptosOptions,
        clock: Clock,
    ) -> Self {
        let assets = Assets::locate(&leptos_options);
        Self {
            db,
            translations: Arc::new(translations),
            leptos_options,
            assets,
            clock,
            public_base: "http://127.0.0.1:3000".to_owned(),
            login: login::LoginSettings::default(),
        }
    }

    /// Takes the client's address for the login throttle from this header (set by a
    /// trusted reverse proxy) instead of the peer.
    pub fn with_client_header(mut self, header: Option<axum::http::HeaderName>) -> Self {
        self.login.client_header = header;
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
    let pkg = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache),
        ))
        .service(
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );

    let researcher = Router::new()
        .route("/", get(researcher::projects))
        .route("/inloggen", get(login::login_form).post(login::login))
        .route("/uitloggen", post(login::logout))
        .route("/uitloggen/overal", post(login::logout_everywhere))
        .route(
            "/accounts",
            get(researcher::accounts).post(researcher::create_account),
        )
        .route("/accounts/toegang", post(researcher::grant_access))
        .route(
            "/accounts/{id}/verwijderen",
            post(researcher::delete_account),
        )
        .route(
            "/wachtwoord",
            get(researcher::password_form).post(researcher::change_password),
        )
        .route("/projecten", post(authoring::create_project))
        .route("/projecten/{key}", get(researcher::project))
        .route(
            "/projecten/{key}/instellingen",
            post(authoring::update_project),
        )
        .route("/projecten/{key}/themas", post(authoring::save_theme))
        .route(
            "/projecten/{key}/themas/{theme}/{direction}",
            post(authoring::move_theme),
        )
        .route("/projecten/{key}/meetmomenten", post(authoring::add_wave))
        .route(
            "/projecten/{key}/meetmomenten/{wave}",
            post(authoring::edit_wave),
        )
        .route(
            "/projecten/{key}/vragenlijsten",
            post(authoring::create_questionnaire),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}",
            get(authoring::editor).post(authoring::update_questionnaire),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}/dupliceren",
            post(authoring::duplicate_questionnaire),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen",
            post(authoring::save_question),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/nieuw",
            get(authoring::new_question),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/{question}",
            get(authoring::edit_question).post(authoring::save_question),
        )
        .route(
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/{question}/{action}",
            post(authoring::question_action),
        )
        .route(
            "/projecten/{key}/definitie.toml",
            get(authoring::export_definition),
        )
        .route(
            "/projecten/{key}/definitie",
            post(authoring::import_definition),
        )
        .route("/projecten/{key}/links", post(researcher::create_link))
        .route(
            "/projecten/{key}/links/{code}/qr.svg",
            get(researcher::qr_code_svg),
        )
        .route(
            "/projecten/{key}/links/{code}/qr.png",
            get(researcher::qr_code_png),
        )
        .route(
            "/projecten/{key}/links/{code}/flyer",
            get(researcher::flyer),
        )
        .route(
            "/projecten/{key}/links/{code}/{action}",
            post(researcher::set_link_open),
        )
        .route("/projecten/{key}/leden", post(researcher::add_member))
        .route(
            "/projecten/{key}/leden/verwijderen",
            post(researcher::remove_member),
        )
        .route("/projecten/{key}/logboek", get(researcher::audit_log))
        .route("/projecten/{key}/antwoorden", get(researcher::responses))
        .route(
            "/projecten/{key}/antwoorden/{id}",
            get(researcher::response),
        )
        .route(
            "/projecten/{key}/antwoorden/{id}/verwijderen",
            post(researcher::delete_response),
        )
        .route(
            "/projecten/{key}/antwoorden/{id}/gegevens/{question}/{action}",
            post(researcher::resolve_flag),
        )
        .route(
            "/projecten/{key}/codeboek",
            get(coding::codebook).post(coding::create_code),
        )
        .route(
            "/projecten/{key}/codeboek/wachtrij",
            get(coding::queue).post(coding::code_from_queue),
        )
        .route(
            "/projecten/{key}/codeboek/{code}",
            post(coding::update_code),
        )
        .route(
            "/projecten/{key}/codeboek/{code}/samenvoegen",
            post(coding::merge_code),
        )
        .route(
            "/projecten/{key}/codeboek/{code}/verwijderen",
            post(coding::delete_code),
        )
        .route(
            "/projecten/{key}/antwoorden/{id}/codes",
            post(coding::apply_code),
        )
        .route(
            "/projecten/{key}/antwoorden/{id}/codes/{application}/verwijderen",
            post(coding::remove_code),
        )
        .route(
            "/projecten/{key}/bijeenkomsten",
            get(meetings::meetings).post(meetings::create_meeting),
        )
        .route(
            "/projecten/{key}/bijeenkomsten/{id}",
            get(meetings::meeting),
        )
        .route(
            "/projecten/{key}/bijeenkomsten/{id}/inzichten",
            post(meetings::add_lines),
        )
        .route(
            "/projecten/{key}/bijeenkomsten/{id}/inzichten/csv",
            post(meetings::add_csv),
        )
        .route(
            "/projecten/{key}/bijeenkomsten/{id}/inzichten/{insight}/codes",
            post(meetings::code_insight),
        )
        .route(
            "/projecten/{key}/bijeenkomsten/{id}/codes/{application}/verwijderen",
            post(meetings::uncode_insight),
        )
        .route(
            "/projecten/{key}/gesprekken",
            get(interviews::interviews).post(interviews::create_interview),
        )
        .route(
            "/projecten/{key}/gesprekken/{id}",
            get(interviews::interview).post(interviews::save_interview),
        )
        .route(
            "/projecten/{key}/gesprekken/{id}/gegevens/{part}/{action}",
            post(interviews::resolve_interview_flag),
        )
        .route(
            "/projecten/{key}/gesprekken/{id}/citaten/{part}/codes",
            post(interviews::code_quote),
        )
        .route("/projecten/{key}/vergelijking", get(comparison::comparison))
        .route("/projecten/{key}/rapport", get(comparison::report))
        .route("/projecten/{key}/drempel", post(comparison::set_threshold))
        .route("/projecten/{key}/export", get(exports::export))
        .route(
            "/projecten/{key}/export/vergelijking.csv",
            get(exports::export_aggregates),
        )
        .layer(axum::middleware::from_fn(auth::same_origin_only))
        .layer(auth::session_layer(
            state.db.clone(),
            state.public_base.starts_with("https://"),
        ));

    Router::new()
        .route("/healthz", get(health))
        .nest("/beheer", researcher)
        .route("/{code}", get(respondent::intro).post(respondent::start))
        .route("/{code}/bedankt", get(respondent::thanks))
        .route(
            "/{code}/{token}/{page}",
            get(respondent::show_page).post(respondent::answer_page),
        )
        .nest_service("/pkg", pkg)
        .fallback(respondent::not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(CompressionLayer::new())
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
