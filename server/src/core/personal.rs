//! Personal data that domains above the accounts hold about an account, gathered into the
//! account's export (Art. 15 and 20 GDPR) without the accounts domain knowing those domains:
//! each such domain offers an [`Exporter`], and the assembly hands the list to the accounts.

use crate::core::db::Db;
use kiezwerk_app::model::AccountId;
use std::future::Future;
use std::pin::Pin;

/// A named section of the export.
pub type Section = (&'static str, serde_json::Value);

/// Reads one domain's data about an account.
pub type Exporter =
    for<'a> fn(
        &'a Db,
        AccountId,
    ) -> Pin<Box<dyn Future<Output = Result<Section, sqlx::Error>> + Send + 'a>>;
