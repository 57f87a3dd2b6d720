//! HTTP plumbing every domain uses: the error types of the three surfaces' lower two (pages and
//! JSON; Open311 has its own), request extractors (language, client, viewer), the client's
//! address behind trusted proxies, security headers, rate limits, static assets and multipart
//! uploads.

pub mod assets;
pub mod error;
pub mod extract;
pub mod rate_limit;
pub mod security;
pub mod upload;

pub use error::{JsonError, PageError};
pub use extract::{Client, MaybeViewer, RequestLang};
