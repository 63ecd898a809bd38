//! The site's files inside the release binary, so that one file (and the database) is a
//! whole installation.
//!
//! `samenspraak bundle` appends the files cargo-leptos built (`target/site/pkg`, with their
//! precompressed `.br` and `.gz` variants, and the file of hashes) to the binary itself:
//! `[binary][entries][payload length: u64 LE][MAGIC]`, each entry a name and its bytes,
//! both prefixed with their length as u64 LE. At start the binary reads its own tail; a
//! binary without one (a debug build, `cargo leptos watch`) serves `/pkg` from disk.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

const MAGIC: &[u8; 8] = b"SSPKG001";
/// The name the file of hashes is stored under.
const HASHES: &str = "hash.txt";

/// The site's files, by name under `/pkg`.
#[derive(Debug, Default)]
pub struct Bundle {
    files: HashMap<String, Vec<u8>>,
    /// Stable names (`samenspraak.js`) of hashed files (`samenspraak.<hash>.js`).
    aliases: HashMap<String, String>,
}

/// Where the payload starts in `bytes` (a whole binary), when it has one.
fn payload_start(len: u64, tail: &[u8; 16]) -> Option<u64> {
    if &tail[8..] != MAGIC {
        return None;
    }
    let size = u64::from_le_bytes(tail[..8].try_into().ok()?);
    len.checked_sub(16)?.checked_sub(size)
}

impl Bundle {
    /// The bundle appended to the running binary, if any; `output` is the site's file name
    /// stem (cargo-leptos's `output-name`).
    pub fn of_this_binary(output: &str) -> Option<Bundle> {
        let exe = std::env::current_exe().ok()?;
        match Self::read(&exe, output) {
            Ok(bundle) => bundle,
            Err(error) => {
                tracing::error!(%error, "the binary's bundled files cannot be read");
                None
            }
        }
    }

    fn read(exe: &Path, output: &str) -> std::io::Result<Option<Bundle>> {
        let mut file = std::fs::File::open(exe)?;
        let len = file.metadata()?.len();
        if len < 16 {
            return Ok(None);
        }
        let mut tail = [0; 16];
        file.seek(SeekFrom::End(-16))?;
        file.read_exact(&mut tail)?;
        let Some(start) = payload_start(len, &tail) else {
            return Ok(None);
        };
        file.seek(SeekFrom::Start(start))?;
        let mut payload = vec![0; (len - 16 - start) as usize];
        file.read_exact(&mut payload)?;
        Ok(Some(Self::parse(&payload, output).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "corrupt bundle")
        })?))
    }

    fn parse(mut payload: &[u8], output: &str) -> Option<Bundle> {
        fn take<'a>(bytes: &mut &'a [u8]) -> Option<&'a [u8]> {
            let len = usize::try_from(u64::from_le_bytes(bytes.get(..8)?.try_into().ok()?)).ok()?;
            let item = bytes.get(8..8 + len)?;
            *bytes = &bytes[8 + len..];
            Some(item)
        }
        let mut files = HashMap::new();
        while !payload.is_empty() {
            let name = String::from_utf8(take(&mut payload)?.to_vec()).ok()?;
            files.insert(name, take(&mut payload)?.to_vec());
        }
        let mut bundle = Bundle {
            files,
            aliases: HashMap::new(),
        };
        bundle.aliases = bundle.hashed_names(output).collect();
        Some(bundle)
    }

    /// (stable name, hashed name) per hashed file, from the file of hashes.
    fn hashed_names<'a>(&'a self, output: &'a str) -> impl Iterator<Item = (String, String)> + 'a {
        self.hashes()
            .lines()
            .filter_map(|l| l.split_once(':'))
            .map(move |(kind, hash)| {
                let kind = kind.trim();
                (
                    format!("{output}.{kind}"),
                    format!("{output}.{}.{kind}", hash.trim()),
                )
            })
    }

    /// The file of hashes cargo-leptos wrote (`css: …`, `js: …`, `wasm: …`).
    pub fn hashes(&self) -> &str {
        self.files
            .get(HASHES)
            .and_then(|h| std::str::from_utf8(h).ok())
            .unwrap_or_default()
    }

    /// Writes `exe` (without any bundle it carries already) followed by every file under
    /// `pkg` and the file of hashes to `out`; returns how many files went in.
    pub fn append(
        exe: &Path,
        pkg: &Path,
        hashes: Option<&Path>,
        out: &Path,
    ) -> std::io::Result<usize> {
        let binary = std::fs::read(exe)?;
        let end = match binary.len().checked_sub(16) {
            Some(at) => {
                let tail: [u8; 16] = binary[at..].try_into().unwrap_or([0; 16]);
                payload_start(binary.len() as u64, &tail).map_or(binary.len(), |s| s as usize)
            }
            None => binary.len(),
        };
        let mut payload = Vec::new();
        let mut put = |bytes: &[u8]| {
            payload.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
            payload.extend_from_slice(bytes);
        };
        let mut count = 0;
        let mut names: Vec<_> = std::fs::read_dir(pkg)?
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            put(name.as_bytes());
            put(&std::fs::read(pkg.join(&name))?);
            count += 1;
        }
        if let Some(hashes) = hashes {
            put(HASHES.as_bytes());
            put(&std::fs::read(hashes)?);
        }
        let size = payload.len() as u64;
        let tmp = out.with_extension("bundling");
        let mut whole = binary;
        whole.truncate(end);
        whole.extend_from_slice(&payload);
        whole.extend_from_slice(&size.to_le_bytes());
        whole.extend_from_slice(MAGIC);
        std::fs::write(&tmp, whole)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o755))?;
        }
        std::fs::rename(&tmp, out)?;
        Ok(count)
    }

    /// Answers `GET /pkg/{name}`: the precompressed variant the browser accepts, hashed
    /// names cached for a year, stable names revalidated by their hash.
    pub fn serve(&self, name: &str, headers: &HeaderMap) -> Response {
        let (real, immutable) = match self.aliases.get(name) {
            Some(hashed) => (hashed.as_str(), false),
            None => (name, self.aliases.values().any(|h| h == name)),
        };
        let Some(plain) = self.files.get(real).filter(|_| real != HASHES) else {
            return StatusCode::NOT_FOUND.into_response();
        };
        // `br;q=0` refuses brotli; codings are case-insensitive.
        let accepts = |coding: &str| {
            headers
                .get_all(header::ACCEPT_ENCODING)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .any(|c| {
                    let mut parts = c.split(';').map(str::trim);
                    let name = parts.next().unwrap_or("");
                    let refused = parts.any(|p| {
                        p.strip_prefix("q=")
                            .and_then(|q| q.parse::<f32>().ok())
                            .is_some_and(|q| q == 0.0)
                    });
                    name.eq_ignore_ascii_case(coding) && !refused
                })
        };
        let (body, encoding) = [("br", ".br"), ("gzip", ".gz")]
            .into_iter()
            .find_map(|(coding, ext)| {
                let file = self.files.get(&format!("{real}{ext}"))?;
                accepts(coding).then_some((file, Some(coding)))
            })
            .unwrap_or((plain, None));
        let mut response = Response::new(Body::from(body.clone()));
        let h = response.headers_mut();
        let mime = mime_guess::from_path(real).first_or_octet_stream();
        if let Ok(value) = HeaderValue::from_str(mime.as_ref()) {
            h.insert(header::CONTENT_TYPE, value);
        }
        if let Some(encoding) = encoding {
            h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
        }
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        let cache = if immutable {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
        let tag = format!(
            "\"{real}{}\"",
            encoding.map_or(String::new(), |e| format!("-{e}"))
        );
        if let Ok(tag) = HeaderValue::from_str(&tag) {
            h.insert(header::ETAG, tag.clone());
            if headers.get(header::IF_NONE_MATCH) == Some(&tag) {
                *response.status_mut() = StatusCode::NOT_MODIFIED;
                *response.body_mut() = Body::empty();
                response.headers_mut().remove(header::CONTENT_ENCODING);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_appended_to_a_binary_come_back_and_are_served_compressed() {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("pkg");
        std::fs::create_dir(&pkg).unwrap();
        std::fs::write(pkg.join("samenspraak.abc.css"), "body{}").unwrap();
        std::fs::write(pkg.join("samenspraak.abc.css.br"), "BR").unwrap();
        std::fs::write(pkg.join("samenspraak.def.js"), "js").unwrap();
        let hashes = dir.path().join("hash.txt");
        std::fs::write(&hashes, "css: abc\njs: def\n").unwrap();
        let exe = dir.path().join("exe");
        std::fs::write(&exe, b"\x7fELF the program").unwrap();
        assert_eq!(Bundle::append(&exe, &pkg, Some(&hashes), &exe).unwrap(), 3);
        // Bundling again replaces the bundle, it does not stack a second one.
        assert_eq!(Bundle::append(&exe, &pkg, Some(&hashes), &exe).unwrap(), 3);
        let whole = std::fs::read(&exe).unwrap();
        assert!(whole.starts_with(b"\x7fELF the program"));
        assert_eq!(whole.windows(8).filter(|w| w == MAGIC).count(), 1);

        let bundle = Bundle::read(&exe, "samenspraak").unwrap().unwrap();
        assert_eq!(bundle.hashes(), "css: abc\njs: def\n");
        let mut br = HeaderMap::new();
        br.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br"),
        );
        let css = bundle.serve("samenspraak.abc.css", &br);
        assert_eq!(css.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(css.headers()[header::CONTENT_TYPE], "text/css");
        assert!(
            css.headers()[header::CACHE_CONTROL]
                .to_str()
                .unwrap()
                .contains("immutable")
        );
        let plain = bundle.serve("samenspraak.abc.css", &HeaderMap::new());
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let mut refused = HeaderMap::new();
        refused.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("BR;q=0, gzip"),
        );
        let css = bundle.serve("samenspraak.abc.css", &refused);
        assert!(
            css.headers().get(header::CONTENT_ENCODING).is_none(),
            "no .gz here, no br wanted"
        );
        let mut again = br.clone();
        again.insert(
            header::IF_NONE_MATCH,
            bundle.serve("samenspraak.abc.css", &br).headers()[header::ETAG].clone(),
        );
        let unchanged = bundle.serve("samenspraak.abc.css", &again);
        assert_eq!(unchanged.status(), StatusCode::NOT_MODIFIED);
        assert!(unchanged.headers().contains_key(header::CACHE_CONTROL));
        assert_ne!(
            bundle.serve("samenspraak.abc.css", &br).headers()[header::ETAG],
            plain.headers()[header::ETAG],
            "each encoding its own tag"
        );
        let alias = bundle.serve("samenspraak.js", &HeaderMap::new());
        assert_eq!(alias.status(), StatusCode::OK);
        assert_eq!(alias.headers()[header::CACHE_CONTROL], "no-cache");
        assert_eq!(
            bundle.serve("hash.txt", &HeaderMap::new()).status(),
            StatusCode::NOT_FOUND
        );
        assert_eq!(
            bundle.serve("../etc/passwd", &HeaderMap::new()).status(),
            StatusCode::NOT_FOUND
        );
        std::fs::write(&exe, b"no bundle at all, just a program").unwrap();
        assert!(Bundle::read(&exe, "samenspraak").unwrap().is_none());
    }
}
