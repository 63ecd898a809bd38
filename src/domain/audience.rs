//! Who a questionnaire, a link and a response speak to.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The three audiences whose voices are laid side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    Youth,
    Parent,
    Professional,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Youth, Audience::Parent, Audience::Professional];

    /// The stable name used in files, URLs and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Youth => "youth",
            Audience::Parent => "parent",
            Audience::Professional => "professional",
        }
    }
}

impl fmt::Display for Audience {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of `youth`, `parent`, `professional`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown audience `{0}` (expected youth, parent or professional)")]
pub struct UnknownAudience(pub String);

impl FromStr for Audience {
    type Err = UnknownAudience;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Audience::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| UnknownAudience(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_its_name() {
        for a in Audience::ALL {
            assert_eq!(a.as_str().parse::<Audience>(), Ok(a));
        }
        assert!("jongere".parse::<Audience>().is_err());
    }
}
