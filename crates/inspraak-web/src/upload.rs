//! Reading a document upload: the multipart body is streamed to a temporary file under the
//! documents folder, the size limit counted while it streams, and the type decided from the
//! first bytes — never from the name or the browser's say-so. A refused file leaves nothing
//! behind (the temporary file is removed); an accepted one is renamed once its row is stored.

use actix_multipart::Multipart;
use futures_util::StreamExt;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

/// Bytes looked at to decide the type (zip-based formats name their parts early on).
const SNIFF_BYTES: usize = 64 * 1024;
/// Text fields of the upload form are short; anything longer is cut off here.
const MAX_FIELD_BYTES: usize = 64 * 1024;

/// A file type we accept: its short name, the `Content-Type` it is served with, the extension
/// of the server-chosen download name and the label shown ("PDF, 1,2 MB").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileKind {
    pub code: &'static str,
    pub mime: &'static str,
    pub label: &'static str,
}

pub const KINDS: [FileKind; 8] = [
    FileKind {
        code: "pdf",
        mime: "application/pdf",
        label: "PDF",
    },
    FileKind {
        code: "odt",
        mime: "application/vnd.oasis.opendocument.text",
        label: "ODT",
    },
    FileKind {
        code: "ods",
        mime: "application/vnd.oasis.opendocument.spreadsheet",
        label: "ODS",
    },
    FileKind {
        code: "docx",
        mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        label: "DOCX",
    },
    FileKind {
        code: "xlsx",
        mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        label: "XLSX",
    },
    FileKind {
        code: "csv",
        mime: "text/csv; charset=utf-8",
        label: "CSV",
    },
    FileKind {
        code: "png",
        mime: "image/png",
        label: "PNG",
    },
    FileKind {
        code: "jpeg",
        mime: "image/jpeg",
        label: "JPEG",
    },
];

pub fn kind(code: &str) -> Option<FileKind> {
    KINDS.iter().copied().find(|k| k.code == code)
}

/// Why a file was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NoFile,
    Empty,
    TooLarge,
    /// HTML, SVG or other markup: could run script if ever shown inline.
    Markup,
    Type,
}

fn looks_like_markup(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    start.starts_with('<')
        || ["<svg", "<html", "<script", "<!doctype", "<?xml"]
            .iter()
            .any(|tag| text.contains(tag))
}

/// OpenDocument files are a zip whose first entry, stored uncompressed, is `mimetype`.
fn open_document(head: &[u8]) -> Option<FileKind> {
    if !head.starts_with(b"PK\x03\x04") || head.get(30..38) != Some(b"mimetype") {
        return None;
    }
    let rest = head.get(38..)?;
    if rest.starts_with(b"application/vnd.oasis.opendocument.text") {
        kind("odt")
    } else if rest.starts_with(b"application/vnd.oasis.opendocument.spreadsheet") {
        kind("ods")
    } else {
        None
    }
}

fn is_utf8_text(head: &[u8], complete: bool) -> bool {
    if head.contains(&0) {
        return false;
    }
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // A character cut in two at the end of the sniffed bytes is fine.
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// Decides the type of a file from its first bytes (`complete`: they are the whole file).
/// CSV has no signature: it is accepted only by name, as UTF-8 text that is not markup.
pub fn sniff(head: &[u8], complete: bool, file_name: &str) -> Result<FileKind, Refusal> {
    if head.is_empty() {
        return Err(Refusal::Empty);
    }
    if let Some(found) = open_document(head) {
        return Ok(found);
    }
    let by_content = infer::get(head).map(|t| t.mime_type());
    let found = match by_content {
        Some("application/pdf") => kind("pdf"),
        Some("image/png") => kind("png"),
        Some("image/jpeg") => kind("jpeg"),
        Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document") => {
            kind("docx")
        }
        Some("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") => kind("xlsx"),
        Some("application/vnd.oasis.opendocument.text") => kind("odt"),
        Some("application/vnd.oasis.opendocument.spreadsheet") => kind("ods"),
        _ => None,
    };
    if let Some(found) = found {
        return Ok(found);
    }
    if looks_like_markup(head) {
        return Err(Refusal::Markup);
    }
    let named_csv = file_name.to_ascii_lowercase().ends_with(".csv");
    if by_content.is_none() && named_csv && is_utf8_text(head, complete) {
        return kind("csv").ok_or(Refusal::Type);
    }
    Err(Refusal::Type)
}

/// A file that passed every check, waiting under a temporary name.
#[derive(Debug)]
pub struct Received {
    pub temp_path: PathBuf,
    pub size: u64,
    pub kind: FileKind,
}

/// The posted form: its text fields, and the file or why it was refused.
#[derive(Debug)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    pub file: Result<Received, Refusal>,
}

impl Upload {
    pub fn field(&self, name: &str) -> &str {
        self.fields.get(name).map_or("", String::as_str)
    }

    /// Removes the temporary file (a refused form, a failed save).
    pub async fn discard(&self) {
        if let Ok(received) = &self.file {
            let _ = tokio::fs::remove_file(&received.temp_path).await;
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum UploadError {
    #[error("malformed upload")]
    Malformed,
    #[error("cannot write the upload: {0}")]
    Io(#[from] std::io::Error),
}

async fn write_file(
    field: &mut actix_multipart::Field,
    dir: &Path,
    max: u64,
    file_name: &str,
) -> Result<Result<Received, Refusal>, UploadError> {
    tokio::fs::create_dir_all(dir).await?;
    let temp_path = dir.join(format!("upload-{}.part", uuid::Uuid::new_v4()));
    let mut file = tokio::fs::File::create(&temp_path).await?;
    let mut head: Vec<u8> = Vec::new();
    let mut size: u64 = 0;
    let mut refusal = None;
    while let Some(chunk) = field.next().await {
        let Ok(chunk) = chunk else {
            drop(file);
            let _ = tokio::fs::remove_file(&temp_path).await;
            return Err(UploadError::Malformed);
        };
        size += chunk.len() as u64;
        if refusal.is_some() {
            continue; // read to the end so the browser gets the answer, but keep nothing
        }
        if size > max {
            refusal = Some(Refusal::TooLarge);
            continue;
        }
        if head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(chunk.len());
            head.extend_from_slice(&chunk[..take]);
        }
        if let Err(error) = file.write_all(&chunk).await {
            drop(file);
            let _ = tokio::fs::remove_file(&temp_path).await;
            return Err(error.into());
        }
    }
    let outcome = match refusal {
        Some(refusal) => Err(refusal),
        None => sniff(&head, size as usize == head.len(), file_name),
    };
    match outcome {
        Ok(kind) => {
            file.flush().await?;
            file.sync_all().await?;
            Ok(Ok(Received {
                temp_path,
                size,
                kind,
            }))
        }
        Err(refusal) => {
            drop(file);
            tokio::fs::remove_file(&temp_path).await?;
            Ok(Err(refusal))
        }
    }
}

/// Reads the whole multipart body. The first file field named `file` is the document.
pub async fn read(mut payload: Multipart, dir: &Path, max: u64) -> Result<Upload, UploadError> {
    let mut fields = HashMap::new();
    let mut file: Result<Received, Refusal> = Err(Refusal::NoFile);
    let mut seen_file = false;
    while let Some(field) = payload.next().await {
        let mut field = field.map_err(|_| UploadError::Malformed)?;
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field
            .content_disposition()
            .and_then(|cd| cd.get_filename())
            .map(str::to_owned);
        match file_name {
            Some(file_name) if name == "file" && !seen_file => {
                seen_file = true;
                // A file input left empty still sends a part, with an empty name and no bytes.
                let outcome = write_file(&mut field, dir, max, &file_name).await?;
                file = match outcome {
                    Err(Refusal::Empty) if file_name.is_empty() => Err(Refusal::NoFile),
                    other => other,
                };
            }
            _ => {
                let mut value = Vec::new();
                while let Some(chunk) = field.next().await {
                    let chunk = chunk.map_err(|_| UploadError::Malformed)?;
                    if value.len() < MAX_FIELD_BYTES {
                        value.extend_from_slice(&chunk);
                    }
                }
                value.truncate(MAX_FIELD_BYTES);
                let Ok(text) = String::from_utf8(value) else {
                    if let Ok(received) = &file {
                        let _ = tokio::fs::remove_file(&received.temp_path).await;
                    }
                    return Err(UploadError::Malformed);
                };
                fields.insert(name, text);
            }
        }
    }
    Ok(Upload { fields, file })
}

/// "1,2 MB" / "1.2 MB": the size as Dutch government sites show it.
pub fn human_size(bytes: i64, lang: crate::i18n::Lang) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else {
        ((bytes as f64 / 1024.0).max(0.1), "kB")
    };
    let text = format!("{value:.1}");
    let text = match lang {
        crate::i18n::Lang::Nl => text.replace('.', ","),
        crate::i18n::Lang::En => text,
    };
    format!("{text} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(
            sniff(b"%PDF-1.4\n%...", true, "a.txt").map(|k| k.code),
            Ok("pdf")
        );
        assert_eq!(
            sniff(b"<!DOCTYPE html><html>", true, "a.pdf"),
            Err(Refusal::Markup)
        );
        assert_eq!(
            sniff(
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
                true,
                "a.png"
            ),
            Err(Refusal::Markup)
        );
        assert_eq!(sniff(b"", true, "a.pdf"), Err(Refusal::Empty));
        assert_eq!(
            sniff(b"a;b\n1;2\n", true, "a.csv").map(|k| k.code),
            Ok("csv")
        );
        assert_eq!(sniff(b"a;b\n1;2\n", true, "a.pdf"), Err(Refusal::Type));
        assert_eq!(sniff(b"MZ\x90\x00\x03", true, "a.csv"), Err(Refusal::Type));
        let mut odt = b"PK\x03\x04".to_vec();
        odt.extend_from_slice(&[0u8; 26]);
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(sniff(&odt, true, "x").map(|k| k.code), Ok("ods"));
    }

    #[test]
    fn sizes_read_as_on_government_sites() {
        use crate::i18n::Lang;
        assert_eq!(human_size(1_258_291, Lang::Nl), "1,2 MB");
        assert_eq!(human_size(1_258_291, Lang::En), "1.2 MB");
        assert_eq!(human_size(2048, Lang::Nl), "2,0 kB");
    }
}
