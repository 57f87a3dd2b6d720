//! How pages reach the server's domains. Each domain folder declares its port, a trait of what
//! its pages ask for; the server implements it in the domain's own folder and hands it to
//! Leptos as context. SQL and geometry stay out of the crate that is also compiled to
//! WebAssembly.
//!
//! Every port call answers `Result<T, PortError<R>>`: the value, a refusal `R` the person can
//! act on (nothing changed), or an internal failure the server has logged.

use std::convert::Infallible;
use std::fmt;

/// Why a port call did not give its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortError<R = Infallible> {
    /// Refused, for a reason the person can act on; nothing was changed.
    Refused(R),
    /// A failure the person cannot fix (database down, disk full). The server logged its
    /// cause; the page shows the generic technical error.
    Internal,
}

impl<R> fmt::Display for PortError<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortError::Refused(_) => f.write_str("refused"),
            PortError::Internal => f.write_str("internal error"),
        }
    }
}

impl<R: fmt::Debug> std::error::Error for PortError<R> {}
