//! Who may do what: the access policy over a viewer's roles. Every handler and server function
//! that needs a role asks [`allows`] with the municipality (and department) the object belongs
//! to; nothing is decided in the browser. Roles are granted by the Bürger-ID domain; this is
//! only the rule book, consulted by every domain.

use kiezwerk_app::model::{DepartmentId, Grant, MunicipalityId, Role, Viewer};

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
    ViewReporterContact { department_id: DepartmentId },
    /// Open a department's reports in the triage view and act on them.
    WorkReports { department_id: DepartmentId },
    /// See a municipality's statistics.
    ViewStatistics,
    /// Report a broken machine and ask for a replacement (Bauhof).
    ReportBreakdown,
    /// Keep the equipment register, allocate replacements, lend to partners.
    ManageFleet,
    /// Create and revoke the municipality's API keys.
    ManageApiKeys,
    /// Change the municipality's configuration (departments, categories, areas, routing
    /// rules), publish it and restore an earlier one.
    Configure,
}

impl Permission {
    /// Every operation, with a department of the municipality for the department-bound one.
    pub fn all(department_id: DepartmentId) -> [Permission; 12] {
        [
            Permission::ViewStaff,
            Permission::InviteStaff,
            Permission::InviteMunicipalAdmin,
            Permission::DisableStaff,
            Permission::IssueRecoveryCode,
            Permission::ViewReporterContact { department_id },
            Permission::WorkReports { department_id },
            Permission::ViewStatistics,
            Permission::ReportBreakdown,
            Permission::ManageFleet,
            Permission::ManageApiKeys,
            Permission::Configure,
        ]
    }
}

/// Whether `viewer` may perform `permission` on an object of `municipality_id`.
pub fn allows(
    viewer: Option<&Viewer>,
    permission: Permission,
    municipality_id: MunicipalityId,
) -> bool {
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
        | Permission::IssueRecoveryCode
        | Permission::ManageApiKeys
        | Permission::Configure => here(Role::MunicipalAdmin),
        Permission::ViewReporterContact { department_id }
        | Permission::WorkReports { department_id } => {
            here(Role::MunicipalAdmin)
                || triage_grants(viewer, municipality_id)
                    .any(|g| g.department_id.is_none_or(|d| d == department_id))
        }
        Permission::ViewStatistics => {
            here(Role::MunicipalAdmin) || triage_grants(viewer, municipality_id).next().is_some()
        }
        Permission::ReportBreakdown => {
            here(Role::BauhofStaff) || here(Role::FleetManager) || here(Role::MunicipalAdmin)
        }
        Permission::ManageFleet => here(Role::FleetManager) || here(Role::MunicipalAdmin),
    }
}

/// The viewer's dispatcher and department staff grants in a municipality.
fn triage_grants(viewer: &Viewer, municipality_id: MunicipalityId) -> impl Iterator<Item = &Grant> {
    viewer.grants.iter().filter(move |g| {
        matches!(g.role, Role::Dispatcher | Role::DepartmentStaff)
            && g.municipality_id == Some(municipality_id)
    })
}

/// Which departments' reports a viewer works on in a municipality.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// All of the municipality's (administrators, municipality-wide dispatchers).
    Municipality,
    Departments(Vec<DepartmentId>),
}

/// `None` when the viewer has no part in the municipality's triage.
pub fn triage_scope(viewer: Option<&Viewer>, municipality_id: MunicipalityId) -> Option<Scope> {
    let viewer = viewer?;
    let admin = viewer.is_platform_admin()
        || viewer
            .grants
            .iter()
            .any(|g| g.role == Role::MunicipalAdmin && g.municipality_id == Some(municipality_id));
    let grants: Vec<&Grant> = triage_grants(viewer, municipality_id).collect();
    if admin || grants.iter().any(|g| g.department_id.is_none()) {
        return Some(Scope::Municipality);
    }
    let mut departments: Vec<DepartmentId> =
        grants.iter().filter_map(|g| g.department_id).collect();
    departments.sort_unstable();
    departments.dedup();
    (!departments.is_empty()).then_some(Scope::Departments(departments))
}

/// The roles `viewer` may hand out in a municipality.
pub fn grantable(viewer: &Viewer, municipality_id: MunicipalityId) -> Vec<Role> {
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

    fn viewer(role: Role, municipality: Option<i64>, department: Option<i64>) -> Viewer {
        Viewer {
            account_id: kiezwerk_app::model::AccountId(1),
            name: "Test".into(),
            grants: vec![Grant {
                role,
                municipality_id: municipality.map(MunicipalityId),
                municipality_slug: None,
                municipality_name: None,
                department_id: department.map(DepartmentId),
                department_name: None,
            }],
        }
    }

    #[test]
    fn a_dispatcher_sees_reporters_of_their_department_only() {
        let v = viewer(Role::Dispatcher, Some(1), Some(10));
        assert!(allows(
            Some(&v),
            Permission::ViewReporterContact {
                department_id: DepartmentId(10)
            },
            MunicipalityId(1)
        ));
        assert!(!allows(
            Some(&v),
            Permission::ViewReporterContact {
                department_id: DepartmentId(11)
            },
            MunicipalityId(1)
        ));
        assert!(!allows(
            Some(&v),
            Permission::ViewReporterContact {
                department_id: DepartmentId(10)
            },
            MunicipalityId(2)
        ));
        assert!(!allows(Some(&v), Permission::ViewStaff, MunicipalityId(1)));
        assert!(allows(
            Some(&v),
            Permission::WorkReports {
                department_id: DepartmentId(10)
            },
            MunicipalityId(1)
        ));
        assert!(!allows(
            Some(&v),
            Permission::WorkReports {
                department_id: DepartmentId(11)
            },
            MunicipalityId(1)
        ));
        assert_eq!(
            triage_scope(Some(&v), MunicipalityId(1)),
            Some(Scope::Departments(vec![DepartmentId(10)]))
        );
        assert_eq!(triage_scope(Some(&v), MunicipalityId(2)), None);
    }

    #[test]
    fn a_dispatcher_without_a_department_works_the_whole_municipality() {
        let v = viewer(Role::Dispatcher, Some(1), None);
        assert!(allows(
            Some(&v),
            Permission::WorkReports {
                department_id: DepartmentId(11)
            },
            MunicipalityId(1)
        ));
        assert!(allows(
            Some(&v),
            Permission::ViewStatistics,
            MunicipalityId(1)
        ));
        assert!(!allows(
            Some(&v),
            Permission::ViewStatistics,
            MunicipalityId(2)
        ));
        assert_eq!(
            triage_scope(Some(&v), MunicipalityId(1)),
            Some(Scope::Municipality)
        );
        let bauhof = viewer(Role::BauhofStaff, Some(1), None);
        assert_eq!(triage_scope(Some(&bauhof), MunicipalityId(1)), None);
        assert!(!allows(
            Some(&bauhof),
            Permission::WorkReports {
                department_id: DepartmentId(11)
            },
            MunicipalityId(1)
        ));
    }

    #[test]
    fn only_a_platform_administrator_appoints_municipal_administrators() {
        let admin = viewer(Role::MunicipalAdmin, Some(1), None);
        assert!(allows(
            Some(&admin),
            Permission::InviteStaff,
            MunicipalityId(1)
        ));
        assert!(!allows(
            Some(&admin),
            Permission::InviteMunicipalAdmin,
            MunicipalityId(1)
        ));
        assert!(!grantable(&admin, MunicipalityId(1)).contains(&Role::MunicipalAdmin));
        let platform = viewer(Role::PlatformAdmin, None, None);
        assert!(grantable(&platform, MunicipalityId(2)).contains(&Role::MunicipalAdmin));
        assert!(!allows(None, Permission::ViewStaff, MunicipalityId(1)));
    }
}
