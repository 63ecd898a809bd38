//! Invitation codes: short, unguessable, easy to type from a poster.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Crockford's base-32 alphabet in lower case: no `i`, `l`, `o` or `u`, so nothing on a
/// poster can be mistaken for something else.
pub const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Length of a generated code: 10 characters of 5 bits is 50 bits of randomness.
pub const GENERATED_LEN: usize = 10;

/// Shortest code accepted from a definition file.
pub const MIN_LEN: usize = 8;

/// The code of an invitation link, normalised to lower case Crockford base-32.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct InvitationCode(String);

/// Why a text is not an invitation code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InvalidCode {
    #[error("a code has at least {MIN_LEN} and at most 32 characters")]
    Length,
    #[error("a code uses only the digits and the letters a-z without i, l, o and u")]
    Character,
}

impl InvitationCode {
    /// Reads a code as a person might type it: case-insensitive, with the look-alikes
    /// `o`→`0` and `i`/`l`→`1` mapped as Crockford's alphabet prescribes.
    pub fn parse(input: &str) -> Result<Self, InvalidCode> {
        let mut code = String::with_capacity(input.len());
        for c in input.trim().chars() {
            let c = match c.to_ascii_lowercase() {
                'o' => '0',
                'i' | 'l' => '1',
                c => c,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return Err(InvalidCode::Character);
            }
            code.push(c);
        }
        if !(MIN_LEN..=32).contains(&code.len()) {
            return Err(InvalidCode::Length);
        }
        Ok(Self(code))
    }

    /// Reads a code as printed on a flyer and typed on a phone: as [`InvitationCode::parse`],
    /// and spaces and dashes anywhere (`VERZ-M26J`, `verz m26j`) are left out.
    pub fn from_typed(input: &str) -> Result<Self, InvalidCode> {
        let kept: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '‐' | '‑' | '‒' | '–' | '—' | '_'))
            .collect();
        Self::parse(&kept)
    }

    /// Builds a code from random bytes (one byte per character; the low 5 bits are used).
    pub fn from_random(bytes: [u8; GENERATED_LEN]) -> Self {
        Self(encode(&bytes))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for InvitationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for InvitationCode {
    type Error = InvalidCode;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<InvitationCode> for String {
    fn from(code: InvitationCode) -> String {
        code.0
    }
}

/// Spells bytes in the alphabet, one character per byte (its low 5 bits): random bytes
/// become an unguessable token that is safe in a URL.
pub fn encode(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| ALPHABET[(b & 0x1f) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabet_has_32_distinct_characters_without_look_alikes() {
        let mut seen = ALPHABET.to_vec();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 32);
        for c in [b'i', b'l', b'o', b'u'] {
            assert!(!ALPHABET.contains(&c));
        }
    }

    #[test]
    fn a_code_from_a_flyer_may_have_spaces_and_dashes() {
        for typed in [
            "VERZ-M26J",
            "verz m26j",
            " vErZ–M26J ",
            "VERZ_M26J",
            "VERZ-M26I",
        ] {
            let code = InvitationCode::from_typed(typed).unwrap();
            assert!(
                code.as_str() == "verzm26j" || code.as_str() == "verzm261",
                "{typed}"
            );
        }
        assert_eq!(
            InvitationCode::from_typed("VERZ-M26O").unwrap().as_str(),
            "verzm260"
        );
        assert_eq!(InvitationCode::from_typed("- -"), Err(InvalidCode::Length));
    }

    #[test]
    fn parse_normalises_what_people_type() {
        assert_eq!(
            InvitationCode::parse(" AB12CD34 ").unwrap().as_str(),
            "ab12cd34"
        );
        assert_eq!(
            InvitationCode::parse("OIL00000").unwrap().as_str(),
            "01100000"
        );
        assert_eq!(InvitationCode::parse("abc"), Err(InvalidCode::Length));
        assert_eq!(
            InvitationCode::parse("abcdefgu"),
            Err(InvalidCode::Character)
        );
        assert_eq!(
            InvitationCode::parse("abcd/efgh"),
            Err(InvalidCode::Character)
        );
    }

    #[test]
    fn random_codes_are_valid_codes() {
        let code = InvitationCode::from_random([255, 0, 31, 32, 7, 200, 100, 50, 25, 12]);
        assert_eq!(code.as_str().len(), GENERATED_LEN);
        assert_eq!(InvitationCode::parse(code.as_str()), Ok(code));
    }
}
