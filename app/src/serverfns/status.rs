use crate::model::{Confirmation, ReportView};
use leptos::prelude::*;

/// A report's status page data; `access` is the reporter's personal token, if any.
#[server(prefix = "/api", endpoint = "meldung")]
pub async fn load_report(
    reference: String,
    access: Option<String>,
) -> Result<Option<ReportView>, ServerFnError> {
    use crate::{backend::SharedBackend, request};
    let backend = expect_context::<SharedBackend>();
    let report = backend
        .report(
            reference.trim(),
            access.as_deref(),
            request::viewer().as_ref(),
            request::lang(),
        )
        .await?;
    if report.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(report)
}

/// The confirmation shown right after submitting.
#[server(prefix = "/api", endpoint = "melden/bestaetigung")]
pub async fn load_confirmation(
    reference: String,
    access: String,
) -> Result<Option<Confirmation>, ServerFnError> {
    use crate::{backend::SharedBackend, request};
    let backend = expect_context::<SharedBackend>();
    let confirmation = backend
        .confirmation(&reference, &access, request::lang())
        .await?;
    if confirmation.is_none() {
        request::set_status(http::StatusCode::NOT_FOUND);
    }
    Ok(confirmation)
}
