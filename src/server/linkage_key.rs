//! The secret that seals linkage codes, kept outside the database.
//!
//! Each part of a code is stored only as HMAC-SHA-256(project key, part ‖ 0 ‖ answer),
//! truncated to 128 bits; the project key is HMAC-SHA-256(this secret, project id). So a copy
//! of the database alone cannot tell which answer a hash stands for (there are only 26
//! letters: without a key anyone could try them all), the same answers give different
//! hashes in different projects, and nothing of a code can be compared across projects.
//!
//! The secret lives in a file beside the database (`<database>.linkage-key`, created with
//! 32 random bytes and mode 0600 on first start) or wherever `--linkage-key-file` says. It is
//! never in a backup of the database, an export or a page. Losing it only means that codes
//! given after it was lost cannot be matched with those given before.

use crate::domain::linkage::{CodeAnswer, PartValue};
use crate::storage::ProjectId;
use hmac::{KeyInit, Mac};
use std::path::{Path, PathBuf};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// The secret: 32 bytes. Never printed.
#[derive(Clone)]
pub struct LinkageKey([u8; 32]);

impl std::fmt::Debug for LinkageKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LinkageKey(…)")
    }
}

/// Why the key file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("linkage key file {0}: {1}")]
    Io(PathBuf, #[source] std::io::Error),
    #[error("linkage key file {0} must hold 64 hexadecimal digits")]
    Malformed(PathBuf),
}

impl LinkageKey {
    /// A fresh random secret (for tests, and for the first start).
    pub fn random() -> Self {
        LinkageKey(rand::random())
    }

    /// Reads the secret from `path`, or creates the file with a fresh one (readable by its
    /// owner only) when there is none.
    pub fn load_or_create(path: &Path) -> Result<Self, KeyError> {
        let io = |e| KeyError::Io(path.to_owned(), e);
        match std::fs::read_to_string(path) {
            Ok(text) => Self::parse(text.trim()).ok_or_else(|| KeyError::Malformed(path.into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let key = Self::random();
                if let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(io)?;
                }
                let mut options = std::fs::OpenOptions::new();
                options.write(true).create_new(true);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                let mut file = options.open(path).map_err(io)?;
                std::io::Write::write_all(&mut file, format!("{}\n", key.hex()).as_bytes())
                    .map_err(io)?;
                file.sync_all().map_err(io)?;
                Ok(key)
            }
            Err(e) => Err(io(e)),
        }
    }

    fn parse(hex: &str) -> Option<Self> {
        if hex.len() != 64 {
            return None;
        }
        let mut key = [0; 32];
        for (i, byte) in key.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(LinkageKey(key))
    }

    fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn project_key(&self, project: ProjectId) -> [u8; 32] {
        let mut mac = HmacSha256::new_from_slice(&self.0).expect("any key length works");
        mac.update(b"samenspraak linkage code, project ");
        mac.update(&project.get().to_be_bytes());
        mac.finalize().into_bytes().into()
    }

    /// Seals every typed part of a code for `project`; sealed parts stay as they are.
    pub fn seal(&self, project: ProjectId, answer: CodeAnswer) -> CodeAnswer {
        let CodeAnswer::Parts(parts) = answer else {
            return answer;
        };
        let key = self.project_key(project);
        let sealed = parts
            .into_iter()
            .map(|(part, value)| {
                let value = match value {
                    PartValue::Raw(typed) => {
                        let mut mac = HmacSha256::new_from_slice(&key).expect("32 bytes");
                        mac.update(part.as_bytes());
                        mac.update(&[0]);
                        mac.update(typed.as_bytes());
                        let hash = mac.finalize().into_bytes();
                        PartValue::Sealed(hash[..16].iter().map(|b| format!("{b:02x}")).collect())
                    }
                    sealed @ PartValue::Sealed(_) => sealed,
                };
                (part, value)
            })
            .collect();
        CodeAnswer::Parts(sealed)
    }
}

/// Where the key file is by default: beside a SQLite database (`data/x.db` →
/// `data/x.linkage-key`), else `data/linkage-key`.
pub fn default_path(database_url: &str) -> PathBuf {
    let file = database_url
        .strip_prefix("sqlite://")
        .or_else(|| database_url.strip_prefix("sqlite:"))
        .map(|rest| rest.split('?').next().unwrap_or(rest))
        .filter(|f| !f.is_empty() && *f != ":memory:");
    match file {
        Some(file) => Path::new(file).with_extension("linkage-key"),
        None => PathBuf::from("data/linkage-key"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn code(pairs: &[(&str, &str)]) -> CodeAnswer {
        CodeAnswer::Parts(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), PartValue::Raw((*v).to_owned())))
                .collect(),
        )
    }

    fn sealed(answer: CodeAnswer) -> BTreeMap<String, String> {
        let CodeAnswer::Parts(parts) = answer else {
            panic!("declined")
        };
        parts
            .into_iter()
            .map(|(k, v)| match v {
                PartValue::Sealed(h) => (k, h),
                PartValue::Raw(_) => panic!("not sealed"),
            })
            .collect()
    }

    #[test]
    fn the_same_answers_seal_alike_within_a_project_and_apart_across_projects() {
        let key = LinkageKey::random();
        let answers = [("moeder-letter", "M"), ("geboortemaand", "3")];
        let (p1, p2) = (ProjectId::for_tests(1), ProjectId::for_tests(2));
        let once = sealed(key.seal(p1, code(&answers)));
        let again = sealed(key.seal(p1, code(&answers)));
        assert_eq!(once, again);
        let elsewhere = sealed(key.seal(p2, code(&answers)));
        for part in once.keys() {
            assert_ne!(once[part], elsewhere[part]);
            assert_eq!(once[part].len(), 32);
            assert!(!once[part].contains('M'));
        }
        // The part is in the hash: the same answer to two parts seals apart.
        let two = sealed(key.seal(p1, code(&[("eigen-letter", "M"), ("moeder-letter", "M")])));
        assert_ne!(two["eigen-letter"], two["moeder-letter"]);
        // Another secret, other hashes: the database alone does not tell.
        let other = sealed(LinkageKey::random().seal(p1, code(&answers)));
        assert_ne!(once["moeder-letter"], other["moeder-letter"]);
        assert_eq!(key.seal(p1, CodeAnswer::Declined), CodeAnswer::Declined);
    }

    #[test]
    fn the_key_file_is_made_once_kept_private_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/x.linkage-key");
        let made = LinkageKey::load_or_create(&path).unwrap();
        let read = LinkageKey::load_or_create(&path).unwrap();
        assert_eq!(made.0, read.0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(!format!("{made:?}").contains(&made.hex()));
        std::fs::write(&path, "not a key").unwrap();
        assert!(matches!(
            LinkageKey::load_or_create(&path),
            Err(KeyError::Malformed(_))
        ));
        assert_eq!(
            default_path("sqlite:data/samenspraak.db"),
            PathBuf::from("data/samenspraak.linkage-key")
        );
        assert_eq!(
            default_path("postgres://x@y/z"),
            PathBuf::from("data/linkage-key")
        );
    }
}
