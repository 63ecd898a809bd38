//! Researcher accounts: e-mail addresses, the password policy and roles per project.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use validator::ValidateEmail;

/// Shortest password accepted.
pub const PASSWORD_MIN_CHARS: usize = 12;
/// Longest password accepted (hashing a megabyte would be a cheap denial of service).
pub const PASSWORD_MAX_CHARS: usize = 256;

/// A normalised (trimmed, lower-case) e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not an e-mail address")]
pub struct InvalidEmail;

impl Email {
    pub fn parse(input: &str) -> Result<Self, InvalidEmail> {
        let email = input.trim().to_lowercase();
        if email.len() <= 254 && email.validate_email() {
            Ok(Self(email))
        } else {
            Err(InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassword {
    #[error("a password has at least {PASSWORD_MIN_CHARS} characters")]
    TooShort,
    #[error("a password has at most {PASSWORD_MAX_CHARS} characters")]
    TooLong,
    #[error("this password is too common")]
    Common,
    #[error("a password must not contain the e-mail address")]
    ContainsEmail,
}

/// Checks a new password against the policy: 12 to 256 characters, not on the list of
/// common passwords, not the account's own address.
pub fn check_new_password(password: &str, email: &Email) -> Result<(), WeakPassword> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Err(WeakPassword::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Err(WeakPassword::TooLong);
    }
    let lower = password.to_lowercase();
    let local = email.as_str().split('@').next().unwrap_or_default();
    if lower.contains(email.as_str())
        || (local.len() >= 4 && lower.trim_end_matches(|c: char| c.is_ascii_digit()) == local)
    {
        return Err(WeakPassword::ContainsEmail);
    }
    let common = include_str!("common-passwords.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .any(|l| l == lower);
    if common {
        return Err(WeakPassword::Common);
    }
    Ok(())
}

/// What a member may do in a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Sees comparisons and reports only, never a single response.
    Viewer,
    /// Edits questionnaires and links, sees and codes responses, compares, exports.
    Researcher,
    /// Everything, including members and deletion.
    Owner,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Researcher, Role::Viewer];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Viewer => "viewer",
            Role::Researcher => "researcher",
            Role::Owner => "owner",
        }
    }

    /// Whether this role includes everything `needed` may do (owner ⊃ researcher ⊃ viewer).
    pub fn allows(self, needed: Role) -> bool {
        self >= needed
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role `{0}`")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_addresses_are_normalised_and_checked() {
        assert_eq!(
            Email::parse("  Onderzoeker@Example.NL ").unwrap().as_str(),
            "onderzoeker@example.nl"
        );
        assert!(Email::parse("geen-adres").is_err());
        assert!(Email::parse("a@").is_err());
    }

    #[test]
    fn the_password_policy() {
        let email = Email::parse("sanne@example.nl").unwrap();
        assert_eq!(
            check_new_password("kort", &email),
            Err(WeakPassword::TooShort)
        );
        assert_eq!(
            check_new_password("elf-tekens!", &email),
            Err(WeakPassword::TooShort)
        );
        assert_eq!(
            check_new_password(&"x".repeat(257), &email),
            Err(WeakPassword::TooLong)
        );
        assert_eq!(
            check_new_password("Wachtwoord123", &email),
            Err(WeakPassword::Common)
        );
        assert_eq!(
            check_new_password("123456789012", &email),
            Err(WeakPassword::Common)
        );
        assert_eq!(
            check_new_password("sanne@example.nl!", &email),
            Err(WeakPassword::ContainsEmail)
        );
        assert_eq!(
            check_new_password("sanne12345678", &email),
            Err(WeakPassword::ContainsEmail)
        );
        assert_eq!(check_new_password("paard batterij nietje", &email), Ok(()));
    }

    #[test]
    fn roles_are_ordered_by_what_they_allow() {
        assert!(Role::Owner.allows(Role::Researcher));
        assert!(Role::Researcher.allows(Role::Viewer));
        assert!(!Role::Viewer.allows(Role::Researcher));
        assert!(!Role::Researcher.allows(Role::Owner));
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
    }
}
