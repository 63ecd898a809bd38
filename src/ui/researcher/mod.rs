//! The researchers' workspace: server-rendered pages with plain forms. Every form carries
//! the session's CSRF token; strings come from `locales/`.

mod actions;
mod authoring;
pub mod charts;
mod codebook;
mod comparison;
mod error;
mod first_run;
mod following;
mod frame;
mod interviews;
mod login;
mod meetings;
mod password;
mod presentation;
mod project;
mod projects;
mod queue;
mod recordings;
mod responses;
mod translating;

pub use actions::{
    ActionFormValues, ActionIndicators, ActionPage, ActionRow, ActionView, ActionsPage,
    ActionsView, IndicatorsBlock, ThemeActions, status_label,
};
pub use authoring::{
    DefinitionSection, EditorPage, EditorView, Field, NewWave, ProjectSettings, QuestionCard,
    QuestionFormPage, QuestionFormValues, QuestionFormView, QuestionnairesSection, ThemesSection,
};
pub use codebook::{CodebookPage, CodebookView};
pub use comparison::{
    CodeCell, CodeRow, ComparisonPage, ComparisonView, DataTable, QuestionBlock, ReportPage,
    ReportView, Selection, ThemeComparison, ThemeSummary,
};
pub use error::ErrorPage;
pub use first_run::{FirstRunPage, FirstRunView};
pub use following::{ChangeBlock, FollowedAudience, FollowingPage, FollowingView};
pub use frame::{CsrfField, ErrorSummary, ResearcherFrame};
pub use interviews::{GuideItem, InterviewPage, InterviewView, InterviewsPage, InterviewsView};
pub use login::{LoginPage, LoginView};
pub use meetings::{
    MeetingPage, MeetingView, MeetingsPage, MeetingsView, kind_label, sector_label,
};
pub use password::{PasswordPage, PasswordView};
pub use presentation::{PresentationPage, PresentationView, Screen};
pub use project::{FlyerPage, FlyerView, LinkRow, ProjectPage, ProjectView};
pub use projects::{
    AccountsPage, AccountsView, AuditPage, AuditView, ProjectsPage, ProjectsView, RoleSelect,
    Viewer,
};
pub use queue::{QueuePage, QueueView};
pub use recordings::{RecordingRow, RecordingsPage, RecordingsView};
pub use responses::{
    AnswerLine, FilterValues, ResponsePage, ResponseView, ResponsesPage, ResponsesView,
};
pub use translating::{
    LanguageProgress, TranslatePage, TranslateView, TranslationList, TranslationRow,
};

use crate::domain::Audience;
use crate::domain::account::Role;
use crate::i18n::Tr;
use crate::t;

/// The name of an audience in the researcher's language.
pub fn audience_name(tr: &Tr, audience: Audience) -> String {
    match audience {
        Audience::Youth => t!(tr, "researcher-audience-youth"),
        Audience::Parent => t!(tr, "researcher-audience-parent"),
        Audience::Professional => t!(tr, "researcher-audience-professional"),
    }
}

/// The name of a role in the researcher's language.
pub fn role_name(tr: &Tr, role: Option<Role>) -> String {
    match role {
        Some(Role::Owner) => t!(tr, "researcher-role-owner"),
        Some(Role::Researcher) => t!(tr, "researcher-role-researcher"),
        Some(Role::Viewer) => t!(tr, "researcher-role-viewer"),
        None => t!(tr, "researcher-role-none"),
    }
}
