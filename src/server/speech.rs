//! Read aloud without JavaScript: a question (its number, wording, hint, help and options)
//! spoken on the server by `espeak-ng` in the question's language, compressed as Opus by
//! `opusenc`, and kept in the database under a hash of voice and text, so each sound is
//! made once. Pages name a sound by that hash, so browsers may keep it for a year.

use crate::storage::{Db, StorageError};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};

/// Changes every hash when the way sounds are made changes (voice settings, bitrate).
const MAKER: &str = "espeak-ng -s 150 | opusenc 24k speech";

/// The longest text read at once (a page of questions stays well under it).
const MAX_CHARS: usize = 20_000;

#[derive(Debug, thiserror::Error)]
pub enum SpeechError {
    #[error("read-aloud is off on this server")]
    Off,
    #[error("making the sound failed: {0}")]
    Making(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// The programs that make sounds, and how many sounds this process has made.
#[derive(Debug)]
pub struct Speech {
    espeak: String,
    opusenc: String,
    on: bool,
    /// One sound is made at a time: a class pressing play at once waits for one sound
    /// instead of making thirty, and the cores stay free for answers.
    turn: tokio::sync::Mutex<()>,
    made: AtomicU64,
}

impl Default for Speech {
    fn default() -> Self {
        Self::with_programs("espeak-ng", "opusenc")
    }
}

impl Speech {
    /// Read-aloud with these programs; off (said once in the log) when either is missing.
    pub fn with_programs(espeak: &str, opusenc: &str) -> Self {
        let runs = |program: &str| {
            Command::new(program)
                .arg("--version")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let on = runs(espeak) && runs(opusenc);
        if !on {
            tracing::warn!(
                espeak,
                opusenc,
                "read-aloud is off: espeak-ng or opusenc is not installed (scripts/setup.sh installs both)"
            );
        }
        Self {
            espeak: espeak.to_owned(),
            opusenc: opusenc.to_owned(),
            on,
            turn: Default::default(),
            made: AtomicU64::new(0),
        }
    }

    pub fn is_on(&self) -> bool {
        self.on
    }

    /// How many sounds this process has made (not taken from the database).
    pub fn made(&self) -> u64 {
        self.made.load(Ordering::Relaxed)
    }

    /// The espeak-ng voice for a language of the frame.
    pub fn voice(language: &str) -> Option<&'static str> {
        Some(match language {
            "nl" => "nl",
            "en" => "en-gb",
            "ar" => "ar",
            "tr" => "tr",
            "pl" => "pl",
            "uk" => "uk",
            _ => return None,
        })
    }

    /// The name of the sound of `text` in `voice`.
    pub fn hash(voice: &str, text: &str) -> String {
        let digest = Sha256::digest(format!("{MAKER}\0{voice}\0{text}"));
        digest[..8].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The sound of `text` in `voice`: from the database, or made now and kept there.
    pub async fn sound(&self, db: &Db, voice: &str, text: &str) -> Result<Vec<u8>, SpeechError> {
        if !self.on {
            return Err(SpeechError::Off);
        }
        let hash = Self::hash(voice, text);
        if let Some(sound) = db.spoken(&hash).await? {
            return Ok(sound);
        }
        let _turn = self.turn.lock().await;
        if let Some(sound) = db.spoken(&hash).await? {
            return Ok(sound);
        }
        let (espeak, opusenc) = (self.espeak.clone(), self.opusenc.clone());
        let voice = voice.to_owned();
        let text: String = text.chars().take(MAX_CHARS).collect();
        let sound = tokio::task::spawn_blocking(move || make(&espeak, &opusenc, &voice, &text))
            .await
            .map_err(|e| SpeechError::Making(e.to_string()))??;
        db.keep_spoken(&hash, &sound).await?;
        self.made.fetch_add(1, Ordering::Relaxed);
        Ok(sound)
    }
}

/// A sound as a response: named by its hash in a link that holds a draft's token, so
/// kept for a year by the respondent's browser only. Answers a byte range as well (Safari
/// plays audio only from a server that does). `content_type` is one of
/// [`crate::domain::recording::sound_type`]'s.
pub fn respond(sound: Vec<u8>, content_type: &str, headers: &HeaderMap) -> Response {
    let size = sound.len() as u64;
    let range = headers
        .get(header::RANGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| http_range_header::parse_range_header(v).and_then(|r| r.validate(size)));
    let (status, body, content_range) = match range {
        None => (StatusCode::OK, sound, None),
        Some(Ok(ranges)) if ranges.len() == 1 => {
            let (start, end) = (*ranges[0].start(), *ranges[0].end());
            let part = sound[start as usize..=end as usize].to_vec();
            (
                StatusCode::PARTIAL_CONTENT,
                part,
                Some(format!("bytes {start}-{end}/{size}")),
            )
        }
        // Several ranges at once: the whole sound, which a client must accept.
        Some(Ok(_)) => (StatusCode::OK, sound, None),
        Some(Err(_)) => {
            let mut response = StatusCode::RANGE_NOT_SATISFIABLE.into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("bytes */{size}")) {
                response.headers_mut().insert(header::CONTENT_RANGE, v);
            }
            return response;
        }
    };
    let mut response = (status, body).into_response();
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, max-age=31536000, immutable"),
    );
    if let Some(v) = content_range.and_then(|r| HeaderValue::from_str(&r).ok()) {
        h.insert(header::CONTENT_RANGE, v);
    }
    response
}

/// `espeak-ng` reads the text from its input (never from an argument, so no text is taken
/// for an option) and writes WAV into `opusenc`, whose Ogg Opus output is the sound.
fn make(espeak: &str, opusenc: &str, voice: &str, text: &str) -> Result<Vec<u8>, SpeechError> {
    let failed = |what: &str, e: std::io::Error| SpeechError::Making(format!("{what}: {e}"));
    let mut speaker = Command::new(espeak)
        .args(["-v", voice, "-s", "150", "--stdin", "--stdout"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed("espeak-ng", e))?;
    let wav = speaker.stdout.take().expect("piped");
    let encoder = Command::new(opusenc)
        .args(["--quiet", "--speech", "--bitrate", "24", "-", "-"])
        .stdin(Stdio::from(wav))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed("opusenc", e))?;
    {
        let mut input = speaker.stdin.take().expect("piped");
        input
            .write_all(text.as_bytes())
            .map_err(|e| failed("espeak-ng input", e))?;
    }
    let output = encoder
        .wait_with_output()
        .map_err(|e| failed("opusenc", e))?;
    let spoke = speaker.wait().map_err(|e| failed("espeak-ng", e))?;
    if !spoke.success() || !output.status.success() || output.stdout.is_empty() {
        return Err(SpeechError::Making(format!(
            "espeak-ng {spoke}, opusenc {}",
            output.status
        )));
    }
    Ok(output.stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sound_is_named_by_voice_and_text() {
        let a = Speech::hash("nl", "Hoe oud ben je?");
        assert_eq!(a.len(), 16);
        assert_eq!(a, Speech::hash("nl", "Hoe oud ben je?"));
        assert_ne!(a, Speech::hash("tr", "Hoe oud ben je?"));
        assert_ne!(a, Speech::hash("nl", "Hoe oud is je kind?"));
    }

    #[test]
    fn without_its_programs_read_aloud_is_off() {
        let speech = Speech::with_programs("/nonexistent/espeak-ng", "opusenc");
        assert!(!speech.is_on());
    }

    #[test]
    fn every_language_of_the_frame_has_a_voice() {
        for language in ["nl", "en", "ar", "tr", "pl", "uk"] {
            assert!(Speech::voice(language).is_some(), "{language}");
        }
    }
}
