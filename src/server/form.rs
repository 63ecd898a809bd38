//! Reading a posted form strictly: `application/x-www-form-urlencoded`, valid UTF-8 after
//! percent-decoding, known field names only. Anything else is refused, never guessed at.

use crate::domain::RawAnswers;
use percent_encoding::percent_decode;

/// The most fields a form may have. A page holds at most four questions; even four
/// multiple-choice questions with thirty options each stay far below it.
pub const MAX_FIELDS: usize = 500;

/// A form submitted from a questionnaire page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostedForm {
    /// `q.<key>` fields, by key; a linkage code's `c.<key>.<part>` fields as `<part>=<value>`
    /// under its key.
    pub answers: RawAnswers,
    /// Which button was pressed.
    pub nav: Nav,
    /// `lang`, when present.
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Nav {
    #[default]
    Next,
    Back,
}

/// Why a body is not a form of ours.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    #[error("the form is not valid UTF-8")]
    Encoding,
    #[error("a field this form does not have")]
    UnknownField(String),
    #[error("field `{0}` appears more than once")]
    Repeated(String),
    #[error("a button this form does not have")]
    UnknownButton(String),
    #[error("more than {MAX_FIELDS} fields")]
    TooManyFields,
}

fn decode(part: &[u8]) -> Result<String, FormError> {
    let plus_as_space: Vec<u8> = part
        .iter()
        .map(|&b| if b == b'+' { b' ' } else { b })
        .collect();
    percent_decode(&plus_as_space)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| FormError::Encoding)
}

/// Parses a urlencoded body.
pub fn parse(body: &[u8]) -> Result<PostedForm, FormError> {
    let mut form = PostedForm::default();
    let mut seen_nav = false;
    for (n, pair) in body
        .split(|&b| b == b'&')
        .filter(|p| !p.is_empty())
        .enumerate()
    {
        if n == MAX_FIELDS {
            return Err(FormError::TooManyFields);
        }
        let mut halves = pair.splitn(2, |&b| b == b'=');
        let name = decode(halves.next().unwrap_or_default())?;
        let value = decode(halves.next().unwrap_or_default())?;
        if let Some(key) = name.strip_prefix("q.") {
            form.answers.entry(key.to_owned()).or_default().push(value);
        } else if let Some((key, part)) = name.strip_prefix("c.").and_then(|n| n.split_once('.')) {
            form.answers
                .entry(key.to_owned())
                .or_default()
                .push(format!("{part}={value}"));
        } else if name == "nav" {
            if std::mem::replace(&mut seen_nav, true) {
                return Err(FormError::Repeated(name));
            }
            form.nav = match value.as_str() {
                "next" => Nav::Next,
                "back" => Nav::Back,
                _ => return Err(FormError::UnknownButton(value)),
            };
        } else if name == "lang" {
            if form.lang.replace(value).is_some() {
                return Err(FormError::Repeated(name));
            }
        } else {
            return Err(FormError::UnknownField(name));
        }
    }
    Ok(form)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_answers_buttons_and_language() {
        let form = parse(b"q.a=ja&q.b=x&q.b=y&q.c=hoi+daar%0D%0A%C3%A9&nav=back&lang=en").unwrap();
        assert_eq!(form.answers["b"], vec!["x", "y"]);
        assert_eq!(form.answers["c"], vec!["hoi daar\r\né"]);
        assert_eq!(form.nav, Nav::Back);
        assert_eq!(form.lang.as_deref(), Some("en"));
        assert_eq!(parse(b"").unwrap(), PostedForm::default());
        let code = parse(b"c.code.moeder-letter=m&c.code.geboortemaand=3").unwrap();
        assert_eq!(
            code.answers["code"],
            vec!["moeder-letter=m", "geboortemaand=3"]
        );
    }

    #[test]
    fn refuses_what_no_page_of_ours_sends() {
        assert_eq!(parse(b"q.a=%FF%FE"), Err(FormError::Encoding));
        assert_eq!(parse(b"q.a=\xff"), Err(FormError::Encoding));
        assert_eq!(
            parse(b"ip=1.2.3.4"),
            Err(FormError::UnknownField("ip".into()))
        );
        assert_eq!(
            parse(b"nav=next&nav=back"),
            Err(FormError::Repeated("nav".into()))
        );
        assert_eq!(
            parse(b"nav=submit"),
            Err(FormError::UnknownButton("submit".into()))
        );
    }

    #[test]
    fn a_form_has_at_most_max_fields_fields() {
        let fields = |n: usize| vec!["q.a=x"; n].join("&");
        assert!(parse(fields(MAX_FIELDS).as_bytes()).is_ok());
        assert_eq!(
            parse(fields(MAX_FIELDS + 1).as_bytes()),
            Err(FormError::TooManyFields)
        );
    }
}
