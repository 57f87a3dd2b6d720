//! Files uploaded through a multipart form without JavaScript (photos, register files): read
//! up to a size limit, with the form's text fields beside them; and stored photos served back.

use axum::extract::multipart::MultipartError;
use axum::extract::Multipart;
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};

/// Who may keep a served photo: the browser alone (drafts, staff-only photos) or any cache
/// (published photos of reports).
#[derive(Debug, Clone, Copy)]
pub enum Caching {
    Private,
    Public,
}

/// A stored JPEG rendition as the response to a photo request, cacheable for an hour.
pub fn jpeg(bytes: Vec<u8>, caching: Caching) -> Response {
    let cache = match caching {
        Caching::Private => "private, max-age=3600",
        Caching::Public => "public, max-age=3600",
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg")),
            (header::CACHE_CONTROL, HeaderValue::from_static(cache)),
        ],
        bytes,
    )
        .into_response()
}

/// One uploaded file, read up to the size limit.
pub struct Upload {
    /// The file's name as the browser sent it, without control characters, at most 80.
    pub name: String,
    pub bytes: Vec<u8>,
    /// The file was larger than the limit; its bytes were not kept.
    pub too_large: bool,
}

/// Reads the files of the part `field`. Files over the limit are read to their end (so the
/// browser gets our answer instead of a reset connection) but not kept. A form sent without
/// choosing a file has one empty, nameless part, which is left out.
pub async fn read_files(
    multipart: &mut Multipart,
    field: &str,
    max_bytes: usize,
) -> Result<Vec<Upload>, MultipartError> {
    Ok(read_form(multipart, field, max_bytes).await?.0)
}

/// Why a form that sends one file (an import) brought none to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoFile {
    /// None was chosen, it is empty, or the form broke off.
    Missing,
    /// Over the size limit.
    TooLarge,
}

/// The one file of the part `field` of a form that sends one, or why there is none.
pub async fn read_one_file(
    multipart: &mut Multipart,
    field: &str,
    max_bytes: usize,
) -> Result<Upload, NoFile> {
    let files = read_files(multipart, field, max_bytes)
        .await
        .map_err(|error| {
            tracing::info!(%error, field, "upload aborted");
            NoFile::Missing
        })?;
    let file = files
        .into_iter()
        .next()
        .filter(|f| !f.bytes.is_empty() || f.too_large)
        .ok_or(NoFile::Missing)?;
    if file.too_large {
        return Err(NoFile::TooLarge);
    }
    Ok(file)
}

/// The files of the part `field`, and the form's other fields as text.
pub async fn read_form(
    multipart: &mut Multipart,
    field: &str,
    max_bytes: usize,
) -> Result<(Vec<Upload>, Vec<(String, String)>), MultipartError> {
    let mut uploads = Vec::new();
    let mut fields = Vec::new();
    while let Some(mut part) = multipart.next_field().await? {
        let Some(name) = part.name().map(str::to_owned) else {
            continue;
        };
        if name != field {
            if part.file_name().is_none() {
                let value = part.text().await?;
                fields.push((name, value.chars().take(2000).collect()));
            }
            continue;
        }
        let file_name: String = part
            .file_name()
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(80)
            .collect();
        let mut upload = Upload {
            name: file_name,
            bytes: Vec::new(),
            too_large: false,
        };
        while let Some(chunk) = part.chunk().await? {
            if upload.bytes.len() + chunk.len() > max_bytes {
                upload.too_large = true;
                upload.bytes = Vec::new();
            }
            if !upload.too_large {
                upload.bytes.extend_from_slice(&chunk);
            }
        }
        if !(upload.name.is_empty() && upload.bytes.is_empty() && !upload.too_large) {
            uploads.push(upload);
        }
    }
    Ok((uploads, fields))
}
