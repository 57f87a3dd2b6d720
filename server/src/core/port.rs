//! The server's side of the app's ports (`kiezwerk_app::port`). Domain operations answer
//! `Result<T, Failure<R>>`: a refusal `R` the person can act on, or an internal failure with
//! its cause. At the port the internal cause is logged once, with its chain of sources, and
//! the page only learns that it was technical.

use kiezwerk_app::port::PortError;
use std::fmt;

/// Why a domain operation did not succeed.
#[derive(Debug)]
pub enum Failure<R> {
    /// Refused, for a reason the person can act on; nothing was changed.
    Refused(R),
    /// Ours: database, disk, a bug.
    Internal(anyhow::Error),
}

impl<R> Failure<R> {
    pub fn internal(error: impl Into<anyhow::Error>) -> Failure<R> {
        Failure::Internal(error.into())
    }
}

impl<R> From<sqlx::Error> for Failure<R> {
    fn from(error: sqlx::Error) -> Failure<R> {
        Failure::Internal(error.into())
    }
}

impl<R> From<anyhow::Error> for Failure<R> {
    fn from(error: anyhow::Error) -> Failure<R> {
        Failure::Internal(error)
    }
}

impl<R: fmt::Debug> fmt::Display for Failure<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Refused(reason) => write!(f, "refused: {reason:?}"),
            Failure::Internal(error) => write!(f, "{error:#}"),
        }
    }
}

impl<R> From<Failure<R>> for PortError<R> {
    fn from(failure: Failure<R>) -> PortError<R> {
        match failure {
            Failure::Refused(reason) => PortError::Refused(reason),
            Failure::Internal(error) => internal(error),
        }
    }
}

/// Logs an internal failure and turns it into the port's error.
pub fn internal<R, E: Into<anyhow::Error>>(error: E) -> PortError<R> {
    tracing::error!(error = format!("{:#}", error.into()), "port call failed");
    PortError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_pass_through_and_internal_failures_become_technical() {
        let refused: PortError<&str> = Failure::Refused("no").into();
        assert_eq!(refused, PortError::Refused("no"));
        let failed: PortError<&str> = Failure::internal(anyhow::anyhow!("disk full")).into();
        assert_eq!(failed, PortError::Internal);
    }
}
