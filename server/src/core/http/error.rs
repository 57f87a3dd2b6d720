//! The error types of two surfaces: HTML pages and files ([`PageError`]) and the JSON endpoints
//! the pages' own scripts call ([`JsonError`]). Both implement `IntoResponse`. An internal
//! cause (database down, disk full) is logged once, with its whole chain of sources, when the
//! response is made, and never shown: people read a plain message in their language.
//!
//! Leptos server functions report through the app's ports instead (see `port::internal` in
//! each domain); Open311 has its own error format in its domain.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use kiezwerk_app::i18n::Lang;
use serde_json::json;

/// A failure that is ours, not the user's, with its cause.
#[derive(Debug)]
pub struct Internal(anyhow::Error);

impl Internal {
    fn log(&self) {
        tracing::error!(error = format!("{:#}", self.0), "request failed");
    }
}

impl<E: Into<anyhow::Error>> From<E> for Internal {
    fn from(error: E) -> Internal {
        Internal(error.into())
    }
}

/// An error answered to a browser that asked for a page or a file.
#[derive(Debug)]
pub enum PageError {
    /// No such thing, or not the asker's to see (the two look the same from outside).
    NotFound,
    /// Only for a signed-in person.
    Unauthorized,
    /// Staff pages: not found, or not the viewer's to work on (the same answer for both).
    NotYours,
    /// A request of another site (CSRF protection).
    CrossSite,
    TooManyRequests {
        lang: Lang,
    },
    Internal(Internal),
}

impl<E: Into<anyhow::Error>> From<E> for PageError {
    fn from(error: E) -> PageError {
        PageError::Internal(Internal::from(error))
    }
}

impl PageError {
    /// An internal failure.
    pub fn internal(error: impl Into<anyhow::Error>) -> PageError {
        PageError::Internal(Internal::from(error))
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound => StatusCode::NOT_FOUND.into_response(),
            // Before any page is chosen, both languages.
            PageError::Unauthorized => {
                (StatusCode::UNAUTHORIZED, both(|t| t.sign_in_required)).into_response()
            }
            PageError::NotYours => {
                (StatusCode::NOT_FOUND, both(|t| t.not_found_or_not_yours)).into_response()
            }
            PageError::CrossSite => {
                (StatusCode::FORBIDDEN, both(|t| t.cross_site_refused)).into_response()
            }
            PageError::TooManyRequests { lang } => {
                let t = lang.texts();
                let message = kiezwerk_app::model::Problem::TooManyRequests.message(t);
                let page = format!(
                    "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
                     content=\"width=device-width, initial-scale=1\"><title>{message}</title>\
                     <link rel=\"stylesheet\" href=\"/vendor/kern-ux-native-2.7.2/kern.min.css\"></head>\
                     <body><main class=\"site-main\"><h1 class=\"kern-heading-large\">{message}</h1>\
                     <p><a class=\"kern-link\" href=\"/\">{}</a></p></main></body></html>",
                    lang.tag(),
                    t.to_home,
                );
                retry_later(
                    (StatusCode::TOO_MANY_REQUESTS, axum::response::Html(page)).into_response(),
                )
            }
            PageError::Internal(internal) => {
                internal.log();
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            }
        }
    }
}

/// An error answered as `{"message": "…"}` to a page's own script, in the page's language.
#[derive(Debug)]
pub struct JsonError {
    status: StatusCode,
    message: String,
    cause: Option<Internal>,
}

impl JsonError {
    /// The user's mistake or a refusal they can understand.
    pub fn new(status: StatusCode, message: impl Into<String>) -> JsonError {
        JsonError {
            status,
            message: message.into(),
            cause: None,
        }
    }

    /// Our failure: the cause is logged, the reader learns only that it was technical.
    pub fn internal(error: impl Into<anyhow::Error>, lang: Lang) -> JsonError {
        JsonError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: lang.texts().technical_error_text.to_owned(),
            cause: Some(Internal::from(error)),
        }
    }

    pub fn too_many_requests(lang: Lang) -> JsonError {
        JsonError::new(
            StatusCode::TOO_MANY_REQUESTS,
            kiezwerk_app::model::Problem::TooManyRequests.message(lang.texts()),
        )
    }
}

impl IntoResponse for JsonError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.cause {
            cause.log();
        }
        let response = (self.status, Json(json!({ "message": self.message }))).into_response();
        if self.status == StatusCode::TOO_MANY_REQUESTS {
            retry_later(response)
        } else {
            response
        }
    }
}

/// "Deutsch / English", for answers given before the language is known or where either reader
/// may see them.
fn both(text: fn(&kiezwerk_app::i18n::Texts) -> &'static str) -> String {
    format!("{} / {}", text(Lang::De.texts()), text(Lang::En.texts()))
}

/// Rate-limited answers say when to come back.
pub fn retry_later(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}
