//! The pages a young person or a parent sees: introduction, questions, thanks, and friendly
//! error pages. Views only lay out what the handlers prepared; strings come from `locales/`.

mod frame;
mod front;
mod intro;
mod message;
mod questions;

pub use frame::{LanguageLink, RespondentFrame};
pub use front::{FrontPage, FrontView};
pub use intro::{IntroPage, IntroView};
pub use message::{MessagePage, MessageView};
pub use questions::{
    Field, QuestionBlock, QuestionItem, QuestionPage, QuestionPageView, spoken_page,
};
