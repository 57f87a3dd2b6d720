//! The API's own error format: a list of `{code, description}`, the code being the HTTP
//! status. The error holds the content; [`Open311Error::into_response`] renders it (as JSON, the
//! format offered today — another format renders the same content).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use kiezwerk_app::i18n::Lang;
use serde_json::json;

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

impl IntoResponse for Open311Error {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.cause {
            tracing::error!(error = format!("{cause:#}"), "Open311 request failed");
        }
        let body: Vec<_> = self
            .entries()
            .map(|(code, description)| json!({ "code": code, "description": description }))
            .collect();
        (self.status, Json(body)).into_response()
    }
}
