//! Projects, their themes, waves and invitation links as a definition describes them.

use super::{Audience, InvitationCode};
use serde::{Deserialize, Serialize};
use time::Date;

/// A network working on one set of zero-goals (an atelier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub key: String,
    pub name: String,
    pub description: String,
    /// The audiences addressed with "u" in Dutch (the others with "je").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub formal: Vec<Audience>,
}

/// A question under study (vraagstuk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub key: String,
    pub title: String,
    pub description: String,
}

/// A period of collection (meetmoment); responses are accepted from `opens` to `closes`,
/// both days included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Wave {
    pub key: String,
    pub name: String,
    pub opens: Date,
    pub closes: Date,
}

/// Whether a wave accepts answers on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaveState {
    NotYetOpen,
    Open,
    Closed,
}

impl Wave {
    pub fn state_on(&self, day: Date) -> WaveState {
        if day < self.opens {
            WaveState::NotYetOpen
        } else if day > self.closes {
            WaveState::Closed
        } else {
            WaveState::Open
        }
    }
}

/// An invitation link to create: questionnaire × audience × wave, optionally with a group
/// label (a school, a location) that is kept with each response as coarse context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkSpec {
    pub questionnaire: String,
    pub audience: Audience,
    pub wave: String,
    pub group: Option<String>,
    /// A fixed code (e.g. one already printed on posters); generated when absent.
    pub code: Option<InvitationCode>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_wave_is_open_on_its_first_and_last_day() {
        let wave = Wave {
            key: "w".into(),
            name: "W".into(),
            opens: date!(2026 - 03 - 01),
            closes: date!(2026 - 06 - 30),
        };
        assert_eq!(wave.state_on(date!(2026 - 02 - 28)), WaveState::NotYetOpen);
        assert_eq!(wave.state_on(date!(2026 - 03 - 01)), WaveState::Open);
        assert_eq!(wave.state_on(date!(2026 - 06 - 30)), WaveState::Open);
        assert_eq!(wave.state_on(date!(2026 - 07 - 01)), WaveState::Closed);
    }
}
