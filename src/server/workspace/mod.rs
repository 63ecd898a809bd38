//! The workspace's routes in one registry: each with the access it needs. The router is
//! built from it and the role matrix test walks it, so a route cannot exist without saying
//! who may use it.

mod access;
mod error;
mod pages;

pub use access::{AsEditor, AsOwner, AsViewer, InProject, Needs};
pub use error::{WorkspaceError, error_pages};
pub use pages::{back_to, form_status, internal, page, page_with, tr};

use super::{AppState, UPLOAD_LIMIT};
use super::{
    accounts, actions, authoring, coding, comparison, exports, first_run, interviews, links, login,
    meetings, projects, recordings, responses, translating,
};
use crate::domain::account::Role;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};

/// Who may use a workspace route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Everyone, logged in or not (the login form).
    Anyone,
    /// Every logged-in account: its own projects, password and sessions.
    Account,
    /// Administrators only.
    Admin,
    /// Members of the project in the path with at least this role (administrators who are
    /// not members are no exception).
    Project(Role),
}

/// One route of the workspace, under `/beheer`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

const GET: Method = Method::GET;
const POST: Method = Method::POST;

fn route(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> (Route, MethodRouter<AppState>) {
    (
        Route {
            method,
            path,
            access,
        },
        handler,
    )
}

fn registry() -> Vec<(Route, MethodRouter<AppState>)> {
    vec![
        route(GET, "/", Access::Account, get(projects::projects)),
        route(GET, "/inloggen", Access::Anyone, get(login::login_form)),
        route(POST, "/inloggen", Access::Anyone, post(login::login)),
        route(GET, "/start/{token}", Access::Anyone, get(first_run::form)),
        route(
            POST,
            "/start/{token}",
            Access::Anyone,
            post(first_run::create),
        ),
        route(POST, "/uitloggen", Access::Account, post(login::logout)),
        route(
            POST,
            "/uitloggen/overal",
            Access::Account,
            post(login::logout_everywhere),
        ),
        route(GET, "/accounts", Access::Admin, get(accounts::accounts)),
        route(
            POST,
            "/accounts",
            Access::Admin,
            post(accounts::create_account),
        ),
        route(
            POST,
            "/accounts/toegang",
            Access::Admin,
            post(accounts::grant_access),
        ),
        route(
            POST,
            "/accounts/{id}/verwijderen",
            Access::Admin,
            post(accounts::delete_account),
        ),
        route(
            GET,
            "/wachtwoord",
            Access::Account,
            get(accounts::password_form),
        ),
        route(
            POST,
            "/wachtwoord",
            Access::Account,
            post(accounts::change_password),
        ),
        route(
            POST,
            "/projecten",
            Access::Account,
            post(authoring::create_project),
        ),
        route(
            GET,
            "/projecten/{key}",
            Access::Project(Role::Viewer),
            get(projects::project),
        ),
        route(
            POST,
            "/projecten/{key}/instellingen",
            Access::Project(Role::Owner),
            post(authoring::update_project),
        ),
        route(
            POST,
            "/projecten/{key}/themas",
            Access::Project(Role::Researcher),
            post(authoring::save_theme),
        ),
        route(
            POST,
            "/projecten/{key}/themas/{theme}/{direction}",
            Access::Project(Role::Researcher),
            post(authoring::move_theme),
        ),
        route(
            POST,
            "/projecten/{key}/meetmomenten",
            Access::Project(Role::Researcher),
            post(authoring::add_wave),
        ),
        route(
            POST,
            "/projecten/{key}/meetmomenten/{wave}",
            Access::Project(Role::Researcher),
            post(authoring::edit_wave),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten",
            Access::Project(Role::Researcher),
            post(authoring::create_questionnaire),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}",
            Access::Project(Role::Researcher),
            get(authoring::editor),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}",
            Access::Project(Role::Researcher),
            post(authoring::update_questionnaire),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vertalingen/{lang}",
            Access::Project(Role::Researcher),
            get(translating::translate),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vertalingen/{lang}",
            Access::Project(Role::Researcher),
            post(translating::save_translations),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vertalingen/{lang}/bestand",
            Access::Project(Role::Researcher),
            post(translating::take_file),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vertalingen/{lang}/bestand-sturen",
            Access::Project(Role::Researcher),
            post(translating::receive_file).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vertalingen/{lang}/{format}",
            Access::Project(Role::Researcher),
            get(translating::download),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/opnames/{lang}",
            Access::Project(Role::Researcher),
            get(recordings::recordings),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/opnames/{lang}",
            Access::Project(Role::Researcher),
            post(recordings::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/opnames/{lang}/verwijderen",
            Access::Project(Role::Researcher),
            post(recordings::remove),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/opnames/{lang}/geluid",
            Access::Project(Role::Researcher),
            get(recordings::listen),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/dupliceren",
            Access::Project(Role::Researcher),
            post(authoring::duplicate_questionnaire),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen",
            Access::Project(Role::Researcher),
            post(authoring::save_question),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/nieuw",
            Access::Project(Role::Researcher),
            get(authoring::new_question),
        ),
        route(
            GET,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/{question}",
            Access::Project(Role::Researcher),
            get(authoring::edit_question),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/{question}",
            Access::Project(Role::Researcher),
            post(authoring::save_question),
        ),
        route(
            POST,
            "/projecten/{key}/vragenlijsten/{questionnaire}/vragen/{question}/{action}",
            Access::Project(Role::Researcher),
            post(authoring::question_action),
        ),
        route(
            GET,
            "/projecten/{key}/definitie.toml",
            Access::Project(Role::Researcher),
            get(authoring::export_definition),
        ),
        route(
            POST,
            "/projecten/{key}/definitie",
            Access::Project(Role::Researcher),
            post(authoring::import_definition),
        ),
        route(
            POST,
            "/projecten/{key}/links",
            Access::Project(Role::Researcher),
            post(links::create_link),
        ),
        route(
            GET,
            "/projecten/{key}/links/{code}/qr.svg",
            Access::Project(Role::Viewer),
            get(links::qr_code_svg),
        ),
        route(
            GET,
            "/projecten/{key}/links/{code}/qr.png",
            Access::Project(Role::Viewer),
            get(links::qr_code_png),
        ),
        route(
            GET,
            "/projecten/{key}/links/{code}/flyer",
            Access::Project(Role::Viewer),
            get(links::flyer),
        ),
        route(
            POST,
            "/projecten/{key}/links/{code}/{action}",
            Access::Project(Role::Researcher),
            post(links::set_link_open),
        ),
        route(
            POST,
            "/projecten/{key}/leden",
            Access::Project(Role::Owner),
            post(projects::add_member),
        ),
        route(
            POST,
            "/projecten/{key}/leden/verwijderen",
            Access::Project(Role::Owner),
            post(projects::remove_member),
        ),
        route(
            GET,
            "/projecten/{key}/logboek",
            Access::Project(Role::Owner),
            get(projects::audit_log),
        ),
        route(
            GET,
            "/projecten/{key}/antwoorden",
            Access::Project(Role::Researcher),
            get(responses::responses),
        ),
        route(
            GET,
            "/projecten/{key}/antwoorden/{id}",
            Access::Project(Role::Researcher),
            get(responses::response),
        ),
        route(
            POST,
            "/projecten/{key}/antwoorden/{id}/verwijderen",
            Access::Project(Role::Researcher),
            post(responses::delete_response),
        ),
        route(
            POST,
            "/projecten/{key}/antwoorden/{id}/gegevens/{question}/{action}",
            Access::Project(Role::Researcher),
            post(responses::resolve_flag),
        ),
        route(
            GET,
            "/projecten/{key}/codeboek",
            Access::Project(Role::Viewer),
            get(coding::codebook),
        ),
        route(
            POST,
            "/projecten/{key}/codeboek",
            Access::Project(Role::Researcher),
            post(coding::create_code),
        ),
        route(
            GET,
            "/projecten/{key}/codeboek/wachtrij",
            Access::Project(Role::Researcher),
            get(coding::queue),
        ),
        route(
            POST,
            "/projecten/{key}/codeboek/wachtrij",
            Access::Project(Role::Researcher),
            post(coding::code_from_queue),
        ),
        route(
            POST,
            "/projecten/{key}/codeboek/{code}",
            Access::Project(Role::Researcher),
            post(coding::update_code),
        ),
        route(
            POST,
            "/projecten/{key}/codeboek/{code}/samenvoegen",
            Access::Project(Role::Researcher),
            post(coding::merge_code),
        ),
        route(
            POST,
            "/projecten/{key}/codeboek/{code}/verwijderen",
            Access::Project(Role::Researcher),
            post(coding::delete_code),
        ),
        route(
            POST,
            "/projecten/{key}/antwoorden/{id}/codes",
            Access::Project(Role::Researcher),
            post(coding::apply_code),
        ),
        route(
            POST,
            "/projecten/{key}/antwoorden/{id}/codes/{application}/verwijderen",
            Access::Project(Role::Researcher),
            post(coding::remove_code),
        ),
        route(
            GET,
            "/projecten/{key}/bijeenkomsten",
            Access::Project(Role::Viewer),
            get(meetings::meetings),
        ),
        route(
            POST,
            "/projecten/{key}/bijeenkomsten",
            Access::Project(Role::Researcher),
            post(meetings::create_meeting),
        ),
        route(
            GET,
            "/projecten/{key}/bijeenkomsten/{id}",
            Access::Project(Role::Viewer),
            get(meetings::meeting),
        ),
        route(
            POST,
            "/projecten/{key}/bijeenkomsten/{id}/inzichten",
            Access::Project(Role::Researcher),
            post(meetings::add_lines),
        ),
        route(
            POST,
            "/projecten/{key}/bijeenkomsten/{id}/inzichten/csv",
            Access::Project(Role::Researcher),
            post(meetings::add_csv),
        ),
        route(
            POST,
            "/projecten/{key}/bijeenkomsten/{id}/inzichten/{insight}/codes",
            Access::Project(Role::Researcher),
            post(meetings::code_insight),
        ),
        route(
            POST,
            "/projecten/{key}/bijeenkomsten/{id}/codes/{application}/verwijderen",
            Access::Project(Role::Researcher),
            post(meetings::uncode_insight),
        ),
        route(
            GET,
            "/projecten/{key}/gesprekken",
            Access::Project(Role::Researcher),
            get(interviews::interviews),
        ),
        route(
            POST,
            "/projecten/{key}/gesprekken",
            Access::Project(Role::Researcher),
            post(interviews::create_interview),
        ),
        route(
            GET,
            "/projecten/{key}/gesprekken/{id}",
            Access::Project(Role::Researcher),
            get(interviews::interview),
        ),
        route(
            POST,
            "/projecten/{key}/gesprekken/{id}",
            Access::Project(Role::Researcher),
            post(interviews::save_interview),
        ),
        route(
            POST,
            "/projecten/{key}/gesprekken/{id}/gegevens/{part}/{action}",
            Access::Project(Role::Researcher),
            post(interviews::resolve_interview_flag),
        ),
        route(
            POST,
            "/projecten/{key}/gesprekken/{id}/citaten/{part}/codes",
            Access::Project(Role::Researcher),
            post(interviews::code_quote),
        ),
        route(
            GET,
            "/projecten/{key}/vergelijking",
            Access::Project(Role::Viewer),
            get(comparison::comparison),
        ),
        route(
            GET,
            "/projecten/{key}/rapport",
            Access::Project(Role::Viewer),
            get(comparison::report),
        ),
        route(
            GET,
            "/projecten/{key}/presentatie/{theme}/{screen}",
            Access::Project(Role::Viewer),
            get(comparison::presentation),
        ),
        route(
            GET,
            "/projecten/{key}/gevolgd",
            Access::Project(Role::Viewer),
            get(comparison::following),
        ),
        route(
            POST,
            "/projecten/{key}/koppelcode",
            Access::Project(Role::Owner),
            post(comparison::set_tolerance),
        ),
        route(
            POST,
            "/projecten/{key}/drempel",
            Access::Project(Role::Owner),
            post(comparison::set_threshold),
        ),
        route(
            GET,
            "/projecten/{key}/acties",
            Access::Project(Role::Viewer),
            get(actions::plan),
        ),
        route(
            POST,
            "/projecten/{key}/acties",
            Access::Project(Role::Researcher),
            post(actions::create),
        ),
        route(
            GET,
            "/projecten/{key}/acties/{id}",
            Access::Project(Role::Viewer),
            get(actions::action),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}",
            Access::Project(Role::Researcher),
            post(actions::update),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/verwijderen",
            Access::Project(Role::Researcher),
            post(actions::delete),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/koppelingen",
            Access::Project(Role::Researcher),
            post(actions::link),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/koppelingen/{link}/verwijderen",
            Access::Project(Role::Researcher),
            post(actions::unlink),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/indicatoren",
            Access::Project(Role::Researcher),
            post(actions::add_indicator),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/indicatoren/{indicator}/verwijderen",
            Access::Project(Role::Researcher),
            post(actions::remove_indicator),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/logboek",
            Access::Project(Role::Researcher),
            post(actions::add_log_entry),
        ),
        route(
            POST,
            "/projecten/{key}/acties/{id}/logboek/{entry}/verwijderen",
            Access::Project(Role::Researcher),
            post(actions::remove_log_entry),
        ),
        route(
            GET,
            "/projecten/{key}/export",
            Access::Project(Role::Researcher),
            get(exports::export),
        ),
        route(
            GET,
            "/projecten/{key}/export/vergelijking.csv",
            Access::Project(Role::Viewer),
            get(exports::export_aggregates),
        ),
    ]
}

/// Every workspace route with the access it needs (for the role matrix test).
pub fn routes() -> Vec<Route> {
    registry().into_iter().map(|(route, _)| route).collect()
}

/// The workspace router, nested under `/beheer`.
pub(super) fn router() -> Router<AppState> {
    registry()
        .into_iter()
        .fold(Router::new(), |router, (route, handler)| {
            router.route(route.path, handler)
        })
}
