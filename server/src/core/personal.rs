//! Personal data that domains above the accounts hold about an account, gathered into the
//! account's export (Art. 15 and 20 GDPR) without the accounts domain knowing those domains:
//! each such domain offers an [`Exporter`], and the assembly hands the list to the accounts.
//! Likewise a [`Forgetter`] lets a domain act in the transaction that deletes an account, and
//! [`Sections`] add a domain's part to the account page.

use crate::core::db::Db;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, AccountSection};
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

/// Runs in the transaction that deletes an account, before the account's row goes (and the
/// database's cascades with it): one domain's part of the deletion.
pub type Forgetter =
    for<'a> fn(
        &'a mut sqlx::AnyConnection,
        AccountId,
    ) -> Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + 'a>>;

/// A domain's sections of the account page (in the page's language), made with the domain's
/// state captured by the assembly.
pub type Sections = std::sync::Arc<
    dyn Fn(
            AccountId,
            Lang,
        )
            -> Pin<Box<dyn Future<Output = Result<Vec<AccountSection>, sqlx::Error>> + Send>>
        + Send
        + Sync,
>;
