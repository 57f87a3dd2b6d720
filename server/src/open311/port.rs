//! The open-standards pages' port (`kiezwerk_app::open311::port::OpenStandards`): API keys for
//! a municipality's administrators, checked against `core::access` on every call and audited;
//! the public open-data page.

use super::{keys, open_data};
use crate::auth::audit::{self, Entry, Event};
use crate::core::access::{allows, Permission};
use crate::core::port::internal;
use crate::core::text::clean_text;
use crate::core::time::format_time;
use crate::reports::Reports;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{Choice, DepartmentId, FieldError, Flash, Problem, Viewer};
use kiezwerk_app::open311::model::{ApiKeyRow, ApiKeysView, KeyAccess, KeyRefusal, OpenDataView};
use kiezwerk_app::open311::port::OpenStandards;
use kiezwerk_app::open311::texts::texts;
use kiezwerk_app::port::PortError;

/// A key's name, at most this long.
const NAME_MAX: usize = 80;

/// The port, over the reports' state (database, clock, municipalities).
pub struct OpenStandardsPort(pub Reports);

impl OpenStandardsPort {
    /// The municipality by slug if `viewer` may manage its keys.
    fn managed(&self, viewer: &Viewer, slug: &str) -> Option<&Municipality> {
        self.0
            .tenants
            .registry
            .by_slug(slug)
            .filter(|m| allows(Some(viewer), Permission::ManageApiKeys, m.id))
    }
}

/// A key's name, cleaned, or why it cannot be one.
fn key_name(name: &str) -> Result<String, FieldError> {
    let name = clean_text(name);
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError::new("name", Problem::NameMissing));
    }
    if name.chars().count() > NAME_MAX {
        return Err(FieldError::new(
            "name",
            Problem::NameTooLong { max: NAME_MAX },
        ));
    }
    Ok(name.to_owned())
}

#[async_trait::async_trait]
impl OpenStandards for OpenStandardsPort {
    async fn api_keys(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        new_key: Option<String>,
        lang: Lang,
    ) -> Result<Option<ApiKeysView>, PortError> {
        let Some(municipality) = self.managed(viewer, slug) else {
            return Ok(None);
        };
        let listed = keys::list(&self.0.core.db, municipality.id)
            .await
            .map_err(internal)?;
        let keys = listed
            .into_iter()
            .map(|k| ApiKeyRow {
                id: k.id,
                name: k.name,
                hint: k.hint,
                department: k
                    .department_id
                    .and_then(|d| municipality.department(d))
                    .map(|d| d.name(lang).to_owned()),
                access: k.access,
                created: format_time(k.created_at, lang),
                created_by: k.created_by,
                last_used: k.last_used_at.map(|t| format_time(t, lang)),
                revoked: k.revoked_at.map(|t| {
                    let when = format_time(t, lang);
                    match k.revoked_by {
                        Some(by) => format!("{when} · {by}"),
                        None => when,
                    }
                }),
            })
            .collect();
        Ok(Some(ApiKeysView {
            slug: municipality.slug.clone(),
            municipality: municipality.name.clone(),
            keys,
            departments: municipality.department_choices(lang),
            flash,
            new_key,
        }))
    }

    async fn create_api_key(
        &self,
        viewer: &Viewer,
        slug: &str,
        name: &str,
        department: Option<DepartmentId>,
        access: Option<KeyAccess>,
        lang: Lang,
    ) -> Result<String, PortError<KeyRefusal>> {
        let Some(municipality) = self.managed(viewer, slug) else {
            return Err(PortError::Refused(KeyRefusal::Forbidden));
        };
        let mut errors = Vec::new();
        let name = key_name(name).map_err(|e| errors.push(e)).ok();
        if department.is_some_and(|d| municipality.department(d).is_none()) {
            // The form offers only this municipality's departments.
            errors.push(FieldError::new("department", Problem::DepartmentMissing));
        }
        if access.is_none() {
            let message = texts(lang).access_missing.to_owned();
            errors.push(FieldError::new("access", Problem::Worded(message)));
        }
        let (Some(name), Some(access), true) = (name, access, errors.is_empty()) else {
            return Err(PortError::Refused(KeyRefusal::Invalid(errors)));
        };
        let core = &self.0.core;
        let now = core.clock.now_ms();
        let new = keys::NewKey {
            municipality_id: municipality.id,
            department_id: department,
            name: &name,
            access,
            created_by: Some(viewer.account_id),
        };
        let key = keys::create(&core.db, now, &new).await.map_err(internal)?;
        let detail = format!("{name} ({})", access.code());
        audit::record(
            &core.db,
            now,
            Event::ApiKeyCreated,
            Entry {
                actor_id: Some(viewer.account_id),
                municipality_id: Some(municipality.id),
                detail: &detail,
                ..Default::default()
            },
        )
        .await;
        Ok(key)
    }

    async fn revoke_api_key(
        &self,
        viewer: &Viewer,
        slug: &str,
        id: i64,
    ) -> Result<String, PortError<KeyRefusal>> {
        let Some(municipality) = self.managed(viewer, slug) else {
            return Err(PortError::Refused(KeyRefusal::Forbidden));
        };
        let core = &self.0.core;
        let now = core.clock.now_ms();
        let name = keys::revoke(&core.db, now, municipality.id, id, viewer.account_id)
            .await
            .map_err(internal)?
            // Another municipality's key, or one revoked before: the same answer.
            .ok_or(PortError::Refused(KeyRefusal::Forbidden))?;
        audit::record(
            &core.db,
            now,
            Event::ApiKeyRevoked,
            Entry {
                actor_id: Some(viewer.account_id),
                municipality_id: Some(municipality.id),
                detail: &name,
                ..Default::default()
            },
        )
        .await;
        Ok(name)
    }

    async fn open_data_index(&self) -> Result<Vec<Choice>, PortError> {
        Ok(self
            .0
            .tenants
            .registry
            .municipalities
            .iter()
            .map(|m| Choice {
                value: m.slug.clone(),
                label: m.name.clone(),
            })
            .collect())
    }

    async fn open_data(&self, slug: &str, lang: Lang) -> Result<Option<OpenDataView>, PortError> {
        open_data::view(&self.0, slug, lang).await.map_err(internal)
    }
}
