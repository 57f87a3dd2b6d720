//! Who is signed in, in which roles, and what the domains above the accounts show on the
//! account page.

use super::{AccountId, DepartmentId, MunicipalityId};
use crate::i18n::Texts;
use serde::{Deserialize, Serialize};

/// What someone may do for a municipality. Granted per municipality (and for dispatchers and
/// staff per department); a platform administrator runs the whole deployment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    Dispatcher,
    DepartmentStaff,
    BauhofStaff,
    FleetManager,
    MunicipalAdmin,
    PlatformAdmin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Dispatcher,
        Role::DepartmentStaff,
        Role::BauhofStaff,
        Role::FleetManager,
        Role::MunicipalAdmin,
        Role::PlatformAdmin,
    ];

    /// The value stored in the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Dispatcher => "dispatcher",
            Role::DepartmentStaff => "department_staff",
            Role::BauhofStaff => "bauhof_staff",
            Role::FleetManager => "fleet_manager",
            Role::MunicipalAdmin => "municipal_admin",
            Role::PlatformAdmin => "platform_admin",
        }
    }

    pub fn parse(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Role::Dispatcher => t.role_dispatcher,
            Role::DepartmentStaff => t.role_department_staff,
            Role::BauhofStaff => t.role_bauhof_staff,
            Role::FleetManager => t.role_fleet_manager,
            Role::MunicipalAdmin => t.role_municipal_admin,
            Role::PlatformAdmin => t.role_platform_admin,
        }
    }

    /// Roles that work for one department.
    pub fn needs_department(self) -> bool {
        matches!(self, Role::Dispatcher | Role::DepartmentStaff)
    }
}

/// One role of a signed-in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub municipality_id: Option<MunicipalityId>,
    pub municipality_slug: Option<String>,
    pub municipality_name: Option<String>,
    pub department_id: Option<DepartmentId>,
    pub department_name: Option<String>,
}

/// The signed-in person of a request (resolved from the session cookie by the server).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account_id: AccountId,
    pub name: String,
    pub grants: Vec<Grant>,
}

impl Viewer {
    pub fn is_platform_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::PlatformAdmin)
    }
}

#[cfg(feature = "ssr")]
crate::stored_as_text!(Role);

/// A section that a domain above the accounts adds to the account page (e.g. "Meine Bäume"):
/// a heading and links, each with a line about its state, in the request's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSection {
    pub title: String,
    pub items: Vec<AccountItem>,
    /// Where the domain's own page of it is, with the link's text.
    pub more: Vec<(String, String)>,
}

/// One link of an [`AccountSection`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountItem {
    pub label: String,
    pub href: String,
    pub detail: String,
}
