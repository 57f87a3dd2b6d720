//! The open-standards pages' port: what the API-key and open-data pages ask of the server (see
//! [`crate::port`]).

use super::model::{ApiKeysView, KeyAccess, KeyRefusal, OpenDataView};
use crate::i18n::Lang;
use crate::model::{Choice, DepartmentId, Flash, Viewer};
use crate::port::PortError;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait OpenStandards: Send + Sync + 'static {
    /// `None` when the municipality does not exist or the viewer may not manage its keys.
    async fn api_keys(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        new_key: Option<String>,
        lang: Lang,
    ) -> Result<Option<ApiKeysView>, PortError>;

    /// Creates a key and returns it (the only time it is ever seen); `access` is `None` when
    /// none was chosen.
    async fn create_api_key(
        &self,
        viewer: &Viewer,
        slug: &str,
        name: &str,
        department: Option<DepartmentId>,
        access: Option<KeyAccess>,
        lang: Lang,
    ) -> Result<String, PortError<KeyRefusal>>;

    /// Revokes a key of the municipality; refused from that moment on, on every server.
    async fn revoke_api_key(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
    ) -> Result<String, PortError<KeyRefusal>>;

    /// The municipalities of the deployment (slug and name), for the open-data index.
    async fn open_data_index(&self) -> Result<Vec<Choice>, PortError>;

    /// The public open-data page; `None` when there is no such municipality.
    async fn open_data(&self, slug: &str, lang: Lang) -> Result<Option<OpenDataView>, PortError>;
}

pub type SharedOpenStandards = Arc<dyn OpenStandards>;
