//! Who may do what. Every handler and server function that needs a role asks [`allows`] with
//! the municipality (and department) the object belongs to; nothing is decided in the browser.

use kiezwerk_app::model::{Role, Viewer};

/// The protected operations.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// See the staff of a municipality and its audit log.
    ViewStaff,
    /// Invite staff into a role below municipal administrator.
    InviteStaff,
    /// Invite a municipal administrator.
    InviteMunicipalAdmin,
    /// Disable or re-enable a staff account.
    DisableStaff,
    /// Hand a citizen or staff member an in-person recovery code.
    IssueRecoveryCode,
    /// See who reported something (e-mail address, description) for a department's report.
    ViewReporterContact { department_id: i64 },
}

impl Permission {
    /// Every operation, with a department of the municipality for the department-bound one.
    pub fn all(department_id: i64) -> [Permission; 6] {
        [
            Permission::ViewStaff,
            Permission::InviteStaff,
            Permission::InviteMunicipalAdmin,
            Permission::DisableStaff,
            Permission::IssueRecoveryCode,
            Permission::ViewReporterContact { department_id },
        ]
    }
}

/// Whether `viewer` may perform `permission` on an object of `municipality_id`.
pub fn allows(viewer: Option<&Viewer>, permission: Permission, municipality_id: i64) -> bool {
    let Some(viewer) = viewer else { return false };
    if viewer.is_platform_admin() {
        return true;
    }
    let here = |role: Role| {
        viewer
            .grants
            .iter()
            .any(|g| g.role == role && g.municipality_id == Some(municipality_id))
    };
    match permission {
        Permission::InviteMunicipalAdmin => false,
        Permission::ViewStaff
        | Permission::InviteStaff
        | Permission::DisableStaff
        | Permission::IssueRecoveryCode => here(Role::MunicipalAdmin),
        Permission::ViewReporterContact { department_id } => {
            here(Role::MunicipalAdmin)
                || viewer.grants.iter().any(|g| {
                    matches!(g.role, Role::Dispatcher | Role::DepartmentStaff)
                        && g.municipality_id == Some(municipality_id)
                        && g.department_id == Some(department_id)
                })
        }
    }
}

/// The roles `viewer` may hand out in a municipality.
pub fn grantable(viewer: &Viewer, municipality_id: i64) -> Vec<Role> {
    Role::ALL
        .into_iter()
        .filter(|role| match role {
            Role::PlatformAdmin => false,
            Role::MunicipalAdmin => allows(
                Some(viewer),
                Permission::InviteMunicipalAdmin,
                municipality_id,
            ),
            _ => allows(Some(viewer), Permission::InviteStaff, municipality_id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use kiezwerk_app::model::Grant;

    fn viewer(role: Role, municipality: Option<i64>, department: Option<i64>) -> Viewer {
        Viewer {
            account_id: 1,
            name: "Test".into(),
            grants: vec![Grant {
                role,
                municipality_id: municipality,
                municipality_slug: None,
                municipality_name: None,
                department_id: department,
                department_name: None,
            }],
        }
    }

    #[test]
    fn a_dispatcher_sees_reporters_of_their_department_only() {
        let v = viewer(Role::Dispatcher, Some(1), Some(10));
        assert!(allows(
            Some(&v),
            Permission::ViewReporterContact { department_id: 10 },
            1
        ));
        assert!(!allows(
            Some(&v),
            Permission::ViewReporterContact { department_id: 11 },
            1
        ));
        assert!(!allows(
            Some(&v),
            Permission::ViewReporterContact { department_id: 10 },
            2
        ));
        assert!(!allows(Some(&v), Permission::ViewStaff, 1));
    }

    #[test]
    fn only_a_platform_administrator_appoints_municipal_administrators() {
        let admin = viewer(Role::MunicipalAdmin, Some(1), None);
        assert!(allows(Some(&admin), Permission::InviteStaff, 1));
        assert!(!allows(Some(&admin), Permission::InviteMunicipalAdmin, 1));
        assert!(!grantable(&admin, 1).contains(&Role::MunicipalAdmin));
        let platform = viewer(Role::PlatformAdmin, None, None);
        assert!(grantable(&platform, 2).contains(&Role::MunicipalAdmin));
        assert!(!allows(None, Permission::ViewStaff, 1));
    }
}
