//! Municipal administration of staff: invitations into roles, disabling accounts, the audit
//! log. Every operation checks the viewer's role for the municipality concerned.

use super::audit::{self, Entry, Event};
use super::{sessions, Auth};
use crate::core::access::{allows, grantable, Permission, Scope};
use crate::core::db::Db;
use crate::core::port::Failure;
use crate::core::secret::{hash, new_token_and_id};
use crate::core::text::clean_text;
use crate::core::time::format_time;
use crate::tenants::Municipality;
use kiezwerk_app::account::model::{
    AdminView, AuditEntry, DepartmentOption, InvitationView, StaffMember,
};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, DepartmentId, Flash, MunicipalityId, Role, Viewer};
use std::collections::BTreeMap;

/// A staff member's grant: account, name, e-mail, disabled, role, department.
type StaffRow = (
    AccountId,
    String,
    Option<String>,
    Option<i64>,
    Role,
    Option<DepartmentId>,
);

/// A role an invitation offers: role, municipality, department.
type Offered = (Role, Option<MunicipalityId>, Option<DepartmentId>);

/// An invitation link is valid this long, once.
const INVITATION_MS: i64 = 7 * 24 * 60 * 60 * 1000;

#[derive(Debug, PartialEq, Eq)]
pub enum Denied {
    /// Not allowed, or no such municipality: the same answer for both.
    Forbidden,
    /// Allowed, but the input does not fit (unknown department, missing department, …).
    Invalid,
}

/// The municipality by slug if `viewer` may see its staff.
pub fn municipality_for<'a>(
    state: &'a Auth,
    viewer: Option<&Viewer>,
    slug: &str,
) -> Option<&'a Municipality> {
    state
        .tenants
        .registry
        .by_slug(slug)
        .filter(|m| allows(viewer, Permission::ViewStaff, m.id))
}

pub async fn view(
    state: &Auth,
    viewer: &Viewer,
    slug: &str,
    flash: Flash,
    handover: Option<String>,
    lang: Lang,
) -> Result<Option<AdminView>, sqlx::Error> {
    let Some(municipality) = municipality_for(state, Some(viewer), slug) else {
        return Ok(None);
    };
    let t = lang.texts();
    let rows: Vec<StaffRow> = sqlx::query_as(
        "select a.id, a.display_name, a.email, a.disabled_at, g.role, g.department_id \
         from role_grants g join accounts a on a.id = g.account_id where g.municipality_id = $1 order by a.display_name, a.id",
    )
    .bind(municipality.id)
    .fetch_all(&state.core.db.pool)
    .await?;
    let mut staff: Vec<StaffMember> = Vec::new();
    for (id, name, email, disabled, role, department) in rows {
        let role = role.label(t);
        let role = match department.and_then(|d| municipality.department(d)) {
            Some(d) => format!("{role} ({})", d.name(lang)),
            None => role.to_owned(),
        };
        match staff.iter_mut().find(|s| s.account_id == id) {
            Some(member) => member.roles.push(role),
            None => staff.push(StaffMember {
                account_id: id,
                name,
                email,
                roles: vec![role],
                disabled: disabled.is_some(),
            }),
        }
    }
    // This municipality's events, and the sign-ins of staff who work only here (staff of
    // several municipalities are not shown to each of them).
    let events: Vec<(i64, Event, Option<String>, Option<String>)> = sqlx::query_as(
        "select l.at, l.event, a.display_name, b.display_name from audit_log l \
         left join accounts a on a.id = l.account_id left join accounts b on b.id = l.actor_id \
         where l.municipality_id = $1 or (l.municipality_id is null \
         and l.account_id in (select account_id from role_grants where municipality_id = $1) \
         and l.account_id not in (select account_id from role_grants where municipality_id <> $1 or municipality_id is null)) \
         order by l.id desc limit 100",
    )
    .bind(municipality.id)
    .fetch_all(&state.core.db.pool)
    .await?;
    Ok(Some(AdminView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        staff,
        departments: municipality
            .departments
            .iter()
            .map(|d| DepartmentOption {
                id: d.id,
                name: d.name(lang).to_owned(),
            })
            .collect(),
        audit: events
            .into_iter()
            .map(|(at, event, account, actor)| AuditEntry {
                at: format_time(at, lang),
                event: event.code().to_owned(),
                account,
                actor,
            })
            .collect(),
        grantable: grantable(viewer, municipality.id),
        flash,
        handover,
    }))
}

/// Creates an invitation into a role and returns its link, to be handed to the person.
pub async fn invite(
    state: &Auth,
    viewer: &Viewer,
    slug: &str,
    role: Role,
    department_id: Option<DepartmentId>,
    note: &str,
) -> Result<String, Failure<Denied>> {
    let Some(municipality) = state.tenants.registry.by_slug(slug) else {
        return Err(Failure::Refused(Denied::Forbidden));
    };
    let permission = match role {
        Role::PlatformAdmin => return Err(Failure::Refused(Denied::Forbidden)),
        Role::MunicipalAdmin => Permission::InviteMunicipalAdmin,
        _ => Permission::InviteStaff,
    };
    if !allows(Some(viewer), permission, municipality.id) {
        return Err(Failure::Refused(Denied::Forbidden));
    }
    let department_id = if role.needs_department() {
        match department_id.filter(|d| municipality.department(*d).is_some()) {
            Some(d) => Some(d),
            None => return Err(Failure::Refused(Denied::Invalid)),
        }
    } else {
        None
    };
    let note: String = clean_text(note).chars().take(200).collect();
    let link = create_invitation(
        &state.core.db,
        state.core.clock.now_ms(),
        &state.core.settings.public_url,
        NewInvitation {
            role,
            municipality_id: Some(municipality.id),
            department_id,
            note: &note,
            created_by: Some(viewer.account_id),
        },
    )
    .await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::StaffInvited,
        Entry {
            actor_id: Some(viewer.account_id),
            municipality_id: Some(municipality.id),
            detail: role.code(),
            ..Default::default()
        },
    )
    .await;
    Ok(link)
}

/// Staff who may work on any of the departments in `scope` (dispatchers and department staff
/// of one of them or of the whole municipality, not disabled): id and name, by name. One query,
/// for the queue's and a report's assignment choices, and the check of an assignment.
pub async fn colleagues(
    db: &Db,
    municipality_id: MunicipalityId,
    scope: &Scope,
) -> Result<Vec<(AccountId, String)>, sqlx::Error> {
    let rows: Vec<(AccountId, String, Option<DepartmentId>)> = sqlx::query_as(
        "select a.id, a.display_name, g.department_id from accounts a \
         join role_grants g on g.account_id = a.id \
         where a.disabled_at is null and g.role in ('dispatcher', 'department_staff') \
         and g.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_all(&db.pool)
    .await?;
    // An account with several grants appears once.
    let by_id: BTreeMap<AccountId, String> = rows
        .into_iter()
        .filter(|(_, _, department)| match (scope, department) {
            (Scope::Municipality, _) | (_, None) => true,
            (Scope::Departments(served), Some(d)) => served.contains(d),
        })
        .map(|(id, name, _)| (id, name))
        .collect();
    let mut colleagues: Vec<(AccountId, String)> = by_id.into_iter().collect();
    colleagues.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(colleagues)
}

/// An invitation to a role: in a municipality (and department), or as platform administrator.
pub struct NewInvitation<'a> {
    pub role: Role,
    pub municipality_id: Option<MunicipalityId>,
    pub department_id: Option<DepartmentId>,
    /// For the administrators' list: whom it is for.
    pub note: &'a str,
    /// The administrator who invites; `None` from the command line.
    pub created_by: Option<AccountId>,
}

/// Stores an invitation made at `now` and returns its link (also used by `kiezwerk admin
/// invite`).
pub async fn create_invitation(
    db: &Db,
    now: i64,
    public_url: &str,
    invitation: NewInvitation<'_>,
) -> Result<String, sqlx::Error> {
    let (token, id) = new_token_and_id();
    sqlx::query(
        "insert into invitations (id, role, municipality_id, department_id, note, created_by, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(id)
    .bind(invitation.role)
    .bind(invitation.municipality_id)
    .bind(invitation.department_id)
    .bind(invitation.note)
    .bind(invitation.created_by)
    .bind(now)
    .bind(now + INVITATION_MS)
    .execute(&db.pool)
    .await?;
    Ok(format!("{public_url}/einladung?token={token}"))
}

/// Disables (or re-enables) a staff account of the municipality; a disabled account's sessions
/// end at once.
pub async fn set_disabled(
    state: &Auth,
    viewer: &Viewer,
    slug: &str,
    account_id: AccountId,
    disabled: bool,
) -> Result<(), Failure<Denied>> {
    let Some(municipality) = state.tenants.registry.by_slug(slug) else {
        return Err(Failure::Refused(Denied::Forbidden));
    };
    if !allows(Some(viewer), Permission::DisableStaff, municipality.id) {
        return Err(Failure::Refused(Denied::Forbidden));
    }
    if account_id == viewer.account_id {
        return Err(Failure::Refused(Denied::Invalid));
    }
    let roles: Vec<(Role, Option<MunicipalityId>)> =
        sqlx::query_as("select role, municipality_id from role_grants where account_id = $1")
            .bind(account_id)
            .fetch_all(&state.core.db.pool)
            .await?;
    let staff_here = roles.iter().any(|(_, m)| *m == Some(municipality.id));
    // Administrators are disabled (and enabled again) only by the platform administrator.
    let out_of_reach = roles.iter().any(|(role, m)| {
        matches!(role, Role::PlatformAdmin | Role::MunicipalAdmin)
            || m.is_some_and(|m| m != municipality.id)
    });
    if !staff_here || (out_of_reach && !viewer.is_platform_admin()) {
        return Err(Failure::Refused(Denied::Forbidden));
    }
    sqlx::query("update accounts set disabled_at = $2, updated_at = $3 where id = $1")
        .bind(account_id)
        .bind(disabled.then(|| state.core.clock.now_ms()))
        .bind(state.core.clock.now_ms())
        .execute(&state.core.db.pool)
        .await?;
    if disabled {
        sessions::end_all(&state.core.db, account_id).await?;
    }
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        if disabled {
            Event::StaffDisabled
        } else {
            Event::StaffEnabled
        },
        Entry {
            account_id: Some(account_id),
            actor_id: Some(viewer.account_id),
            municipality_id: Some(municipality.id),
            ..Default::default()
        },
    )
    .await;
    Ok(())
}

/// What an invitation offers, if it is still valid.
pub async fn invitation(
    state: &Auth,
    token: &str,
    lang: Lang,
) -> Result<Option<(String, InvitationView)>, sqlx::Error> {
    let id = hash(token);
    let row: Option<Offered> = sqlx::query_as(
        "select role, municipality_id, department_id from invitations where id = $1 and used_at is null and expires_at > $2",
    )
    .bind(&id)
    .bind(state.core.clock.now_ms())
    .fetch_optional(&state.core.db.pool)
    .await?;
    Ok(row.map(|(role, municipality_id, department_id)| {
        let municipality = municipality_id.and_then(|m| state.tenants.registry.by_id(m));
        let view = InvitationView {
            role: role.label(lang.texts()).to_owned(),
            municipality: municipality.map(|m| m.name.clone()),
            department: department_id
                .and_then(|d| municipality?.department(d))
                .map(|d| d.name(lang).to_owned()),
        };
        (id, view)
    }))
}

/// Accepts an invitation into the signed-in account (no new passkey needed).
pub async fn accept_into(state: &Auth, viewer: &Viewer, token: &str) -> Result<bool, sqlx::Error> {
    let now = state.core.clock.now_ms();
    let mut tx = state.core.db.pool.begin().await?;
    let row: Option<Offered> = sqlx::query_as(
        "update invitations set used_at = $2, used_by = $3 where id = $1 and used_at is null and expires_at > $2 \
         returning role, municipality_id, department_id",
    )
    .bind(hash(token))
    .bind(now)
    .bind(viewer.account_id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((role, municipality_id, department_id)) = row else {
        return Ok(false);
    };
    sqlx::query(
        "insert into role_grants (account_id, role, municipality_id, department_id, created_at) values ($1, $2, $3, $4, $5)",
    )
    .bind(viewer.account_id)
    .bind(role)
    .bind(municipality_id)
    .bind(department_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    audit::record(
        &state.core.db,
        state.core.clock.now_ms(),
        Event::InvitationAccepted,
        Entry {
            municipality_id,
            detail: role.code(),
            ..Entry::by_self(viewer.account_id)
        },
    )
    .await;
    Ok(true)
}
