//! Languages: every Fluent file under `locales/` is embedded and loaded once at start-up;
//! each request picks one. Dutch (`nl`) is the default and the fallback for a missing
//! message.

use fluent_bundle::FluentValue;
use i18n_embed::fluent::FluentLanguageLoader;
use i18n_embed::unic_langid::LanguageIdentifier;
use i18n_embed::{I18nEmbedError, LanguageLoader};
use rust_embed::RustEmbed;
use std::sync::Arc;

#[derive(RustEmbed)]
#[folder = "locales/"]
struct Locales;

/// The default language, spoken to anyone who has not chosen another.
pub const DEFAULT_LANGUAGE: &str = "nl";

/// Translates messages of one language. Cheap to clone.
#[derive(Clone)]
pub struct Tr {
    loader: Arc<FluentLanguageLoader>,
    code: String,
}

impl Tr {
    /// One language with Dutch behind it for a missing message; each language has bundles
    /// of its own, so that settings (isolation, the form of address) stay its own.
    fn load(language: &LanguageIdentifier, address: Address) -> Result<Self, I18nEmbedError> {
        let fallback: LanguageIdentifier = DEFAULT_LANGUAGE.parse().expect("nl is a language id");
        let loader = FluentLanguageLoader::new("samenspraak", fallback);
        loader.load_languages(&Locales, std::slice::from_ref(language))?;
        let code = language.to_string();
        // Isolation marks (FSI … PDI) around placeables only where the text runs right to
        // left: there a Dutch name or a number with punctuation inside an Arabic sentence
        // would otherwise take the sentence's direction. In left-to-right languages they
        // would only be invisible noise.
        loader.set_use_isolating(crate::domain::translation::is_right_to_left(&code));
        let word = match address {
            Address::Je => "je",
            Address::U => "u",
        };
        loader.with_bundles_mut(|bundle| {
            // Added once per bundle; a second add for the same bundle cannot happen here.
            let _ = bundle.add_function("ADDRESS", move |_, _| FluentValue::from(word));
        });
        Ok(Tr {
            loader: Arc::new(loader),
            code,
        })
    }

    /// The loader, for `fl!` (which checks message ids when compiling).
    pub fn loader(&self) -> &FluentLanguageLoader {
        &self.loader
    }

    /// The language code, for `lang` attributes and URLs.
    pub fn code(&self) -> &str {
        &self.code
    }
}

impl std::fmt::Debug for Tr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Tr").field(&self.code).finish()
    }
}

/// Translates a message: `t!(tr, "message-id")` or `t!(tr, "message-id", name = value)`.
/// Unknown ids fail the build.
#[macro_export]
macro_rules! t {
    ($tr:expr, $id:literal) => {
        i18n_embed_fl::fl!($tr.loader(), $id)
    };
    ($tr:expr, $id:literal, $($args:tt)*) => {
        i18n_embed_fl::fl!($tr.loader(), $id, $($args)*)
    };
}

/// How respondent pages speak to the reader in Dutch: "je" (the default, for young people)
/// or "u" (which many parents expect). Dutch messages choose with the Fluent selector
/// `{ ADDRESS() -> [u] … *[je] … }`; other languages have one form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Address {
    #[default]
    Je,
    U,
}

/// All languages, loaded once.
#[derive(Clone, Debug)]
pub struct Translations {
    languages: Vec<Tr>,
    /// Dutch addressing the reader with "u".
    formal_dutch: Tr,
}

impl Translations {
    /// Loads every language that has a folder under `locales/`.
    pub fn load() -> Result<Self, I18nEmbedError> {
        let fallback: LanguageIdentifier = DEFAULT_LANGUAGE.parse().expect("nl is a language id");
        let all = FluentLanguageLoader::new("samenspraak", fallback.clone());
        let mut available = all.available_languages(&Locales)?;
        available.sort_by_key(|l| (l != &fallback, l.to_string()));
        let languages = available
            .iter()
            .map(|language| Tr::load(language, Address::Je))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            languages,
            formal_dutch: Tr::load(&fallback, Address::U)?,
        })
    }

    /// The language with this code (or Dutch), addressing the reader as `address` says.
    pub fn addressing(&self, code: Option<&str>, address: Address) -> Tr {
        let tr = self.get(code);
        match address {
            Address::U if tr.code == DEFAULT_LANGUAGE => self.formal_dutch.clone(),
            _ => tr,
        }
    }

    /// The language with this code, or Dutch.
    pub fn get(&self, code: Option<&str>) -> Tr {
        code.and_then(|c| self.languages.iter().find(|l| l.code == c))
            .unwrap_or(&self.languages[0])
            .clone()
    }

    /// Whether a language with this code is offered.
    pub fn offers(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.code == code)
    }

    /// A language's name in that language ("العربية"); the code for a language the frame
    /// does not speak.
    pub fn own_name(&self, code: &str) -> String {
        self.languages
            .iter()
            .find(|l| l.code == code)
            .map_or_else(|| code.to_owned(), |l| t!(l, "language-name"))
    }

    /// Every language offered, Dutch first.
    pub fn all(&self) -> &[Tr] {
        &self.languages
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn message_ids(source: &str) -> BTreeSet<String> {
        source
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once(" =").map(|(id, _)| id.trim().to_owned()))
            .collect()
    }

    #[test]
    fn every_language_has_exactly_the_messages_of_dutch() {
        let file = |lang: &str| {
            let bytes = Locales::get(&format!("{lang}/samenspraak.ftl"))
                .expect("file exists")
                .data;
            message_ids(std::str::from_utf8(&bytes).expect("utf-8"))
        };
        let dutch = file(DEFAULT_LANGUAGE);
        assert!(
            dutch.len() > 40,
            "found only {} Dutch messages",
            dutch.len()
        );
        let translations = Translations::load().unwrap();
        assert!(translations.all().len() >= 2);
        for tr in translations.all() {
            let other = file(tr.code());
            let missing: Vec<_> = dutch.difference(&other).collect();
            let extra: Vec<_> = other.difference(&dutch).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{}: missing {missing:?}, not in nl {extra:?}",
                tr.code()
            );
        }
    }

    #[test]
    fn dutch_says_u_where_the_project_chose_it_and_je_otherwise() {
        let translations = Translations::load().unwrap();
        let formal = translations.addressing(Some("nl"), Address::U);
        let informal = translations.addressing(None, Address::Je);
        assert_eq!(formal.code(), "nl");
        assert!(crate::t!(formal, "respondent-intro-anonymous").starts_with("U vult"));
        assert!(crate::t!(informal, "respondent-intro-anonymous").starts_with("Je vult"));
        assert_eq!(
            crate::t!(formal, "respondent-optional"),
            "(mag u overslaan)"
        );
        // Other languages have one form; a missing message still falls back to Dutch "je".
        let english = translations.addressing(Some("en"), Address::U);
        assert_eq!(english.code(), "en");
    }

    #[test]
    fn only_right_to_left_languages_isolate_placeables() {
        let translations = Translations::load().unwrap();
        let nl = translations.get(Some("nl"));
        assert_eq!(
            crate::t!(nl, "respondent-progress", page = 2, pages = 5),
            "Deel 2 van 5"
        );
        let ar = translations.get(Some("ar"));
        assert_eq!(ar.code(), "ar");
        let progress = crate::t!(ar, "respondent-progress", page = 2, pages = 5);
        assert!(progress.contains("\u{2068}2\u{2069}"), "{progress:?}");
    }

    #[test]
    fn dutch_is_the_default_and_messages_have_no_isolation_marks() {
        let translations = Translations::load().unwrap();
        assert_eq!(translations.get(None).code(), "nl");
        assert_eq!(translations.get(Some("xx")).code(), "nl");
        let en = translations.get(Some("en"));
        assert_eq!(crate::t!(en, "respondent-next"), "Next");
        let nl = translations.get(Some("nl"));
        assert_eq!(
            crate::t!(nl, "respondent-progress", page = 2, pages = 5),
            "Deel 2 van 5"
        );
    }
}
