//! The API's own error format: a list of `{code, description}` (`<errors><error>` in XML), the
//! code being the HTTP status. The error holds the content; it is written as JSON unless told
//! otherwise, and carries its content in the response so that [`rewrite`] can write it again in
//! the format the path asks for.

use super::format::{self, Format};
use axum::body::Body;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use kiezwerk_app::i18n::Lang;
use serde_json::{json, Value};

/// An Open311 error answer: one or more descriptions under one status.
#[derive(Debug)]
pub struct Open311Error {
    status: StatusCode,
    descriptions: Vec<String>,
    /// An internal cause, logged once when the answer is made; never shown.
    cause: Option<anyhow::Error>,
}

impl Open311Error {
    pub fn new(status: StatusCode, description: impl Into<String>) -> Open311Error {
        Open311Error::many(status, vec![description.into()])
    }

    /// Several problems of one request at once (a refused report names each field).
    pub fn many(status: StatusCode, descriptions: Vec<String>) -> Open311Error {
        Open311Error {
            status,
            descriptions,
            cause: None,
        }
    }

    /// Our failure: logged with its cause, answered as "technical error".
    pub fn internal(error: impl Into<anyhow::Error>, lang: Lang) -> Open311Error {
        Open311Error {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            descriptions: vec![lang.texts().open311_technical.to_owned()],
            cause: Some(error.into()),
        }
    }

    /// The errors as the specification lists them: `(code, description)`.
    pub fn entries(&self) -> impl Iterator<Item = (u16, &str)> {
        self.descriptions
            .iter()
            .map(|d| (self.status.as_u16(), d.as_str()))
    }
}

/// An error answer's content, kept in the response for [`rewrite`].
#[derive(Debug, Clone)]
struct Written {
    body: Value,
}

impl Open311Error {
    /// The answer in `format`.
    pub fn into_response_in(self, format: Format) -> Response {
        if let Some(cause) = &self.cause {
            tracing::error!(error = format!("{cause:#}"), "Open311 request failed");
        }
        let body = Value::Array(
            self.entries()
                .map(|(code, description)| json!({ "code": code, "description": description }))
                .collect(),
        );
        let mut response = format::respond(self.status, format, format::ERRORS, &body);
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            // The limits refill within a minute.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
        }
        response.extensions_mut().insert(Written { body });
        response
    }
}

impl IntoResponse for Open311Error {
    fn into_response(self) -> Response {
        self.into_response_in(Format::Json)
    }
}

/// An error answer written again in `format`, with its status and other headers (such as
/// `Retry-After`); any other response as it is.
pub fn rewrite(response: Response, format: Format) -> Response {
    let Some(written) = response.extensions().get::<Written>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    let (content_type, body) = format::write(format, format::ERRORS, &written.body);
    parts.headers.insert(header::CONTENT_TYPE, content_type);
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(body))
}
