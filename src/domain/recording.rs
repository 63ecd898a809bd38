//! Recorded readings: a person reads a question aloud (wording, help and its own options) in
//! one language for one audience, and respondents hear that instead of the synthetic voice
//! for as long as the words it reads stay the same.

use super::translation::fingerprint;
use super::{Audience, QuestionKind, Questionnaire};

/// What a recording of a question reads, line by line: the wording, the help and the
/// question's own options (the frame's scales, yes/no and marks are read as they are
/// shown). `questionnaire` is already in the recording's language.
pub fn script(
    questionnaire: &Questionnaire,
    question: &str,
    audience: Audience,
) -> Option<Vec<String>> {
    let q = questionnaire.question(question)?;
    let wording = q.wording_for(audience)?;
    let mut lines = vec![wording.text.clone()];
    lines.extend(wording.help.clone());
    if let QuestionKind::SingleChoice { options } | QuestionKind::MultipleChoice { options } =
        &q.kind
    {
        lines.extend(options.iter().map(|o| o.label.clone()));
    }
    Some(lines)
}

/// The fingerprint a recording keeps of its script: when the script's fingerprint differs,
/// the words changed and the recording is out of date.
pub fn script_fingerprint(lines: &[String]) -> String {
    fingerprint(&lines.join("\n"))
}

/// The audio formats a recording may be in, told by their first bytes (never by the name or
/// type the browser sends): Ogg (Opus or Vorbis), MP3, MP4/M4A, WebM and WAV — what phones
/// and recording apps save.
pub fn sound_type(bytes: &[u8]) -> Option<&'static str> {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"OggS") {
        Some("audio/ogg")
    } else if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xFF && bytes[1] & 0xE0 == 0xE0) {
        Some("audio/mpeg")
    } else if bytes.len() > 12 && &bytes[4..8] == b"ftyp" {
        Some("audio/mp4")
    } else if starts(&[0x1A, 0x45, 0xDF, 0xA3]) {
        Some("audio/webm")
    } else if bytes.len() > 12 && starts(b"RIFF") && &bytes[8..12] == b"WAVE" {
        Some("audio/wav")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::questionnaire::tests::{question, questionnaire};
    use crate::domain::{ChoiceOption, Wording};

    #[test]
    fn a_script_reads_wording_help_and_own_options_and_changes_with_them() {
        let options = vec![
            ChoiceOption {
                value: "ja".into(),
                label: "Ja, vaak".into(),
            },
            ChoiceOption {
                value: "nee".into(),
                label: "Nee".into(),
            },
        ];
        let mut q = questionnaire(vec![question(
            "hulp",
            "Kreeg je hulp?",
            QuestionKind::SingleChoice { options },
            &[Audience::Youth],
        )]);
        q.questions[0].wording.insert(
            Audience::Youth,
            Wording {
                text: "Kreeg je hulp?".into(),
                help: Some("Van school of thuis.".into()),
            },
        );
        let lines = script(&q, "hulp", Audience::Youth).unwrap();
        assert_eq!(
            lines,
            ["Kreeg je hulp?", "Van school of thuis.", "Ja, vaak", "Nee"]
        );
        assert!(
            script(&q, "hulp", Audience::Parent).is_none(),
            "not asked of parents"
        );
        assert!(script(&q, "anders", Audience::Youth).is_none());
        let before = script_fingerprint(&lines);
        if let QuestionKind::SingleChoice { options } = &mut q.questions[0].kind {
            options[1].label = "Nee, nooit".into();
        }
        let after = script_fingerprint(&script(&q, "hulp", Audience::Youth).unwrap());
        assert_ne!(before, after, "another option label is another script");
    }

    #[test]
    fn sounds_are_known_by_their_first_bytes() {
        assert_eq!(sound_type(b"OggS\0\x02rest"), Some("audio/ogg"));
        assert_eq!(sound_type(b"ID3\x04\0rest"), Some("audio/mpeg"));
        assert_eq!(sound_type(&[0xFF, 0xFB, 0x90, 0x64]), Some("audio/mpeg"));
        assert_eq!(sound_type(b"\0\0\0\x20ftypM4A \0\0\0\0"), Some("audio/mp4"));
        assert_eq!(sound_type(&[0x1A, 0x45, 0xDF, 0xA3, 1]), Some("audio/webm"));
        assert_eq!(sound_type(b"RIFF\x24\0\0\0WAVEfmt "), Some("audio/wav"));
        for other in [&b"<html><script>"[..], b"%PDF-1.7", b"", b"PK\x03\x04"] {
            assert_eq!(sound_type(other), None);
        }
    }
}
