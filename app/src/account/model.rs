//! Accounts (Bürger-ID), as the pages show them.

use crate::model::{AccountId, AccountSection, DepartmentId, FieldError, Flash, Grant, Role};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyView {
    pub id: i64,
    pub name: String,
    pub created: String,
    pub last_used: Option<String>,
    /// Refused since its signature counter went backwards.
    pub flagged: bool,
}

/// A report in "my reports" or one this browser may claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReport {
    pub reference: String,
    pub category: String,
    pub status: String,
    pub submitted: String,
}

/// The account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    /// Shown so the Bürgerbüro can find the account for an in-person recovery code.
    pub number: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub email_confirmed: bool,
    pub pending_email: Option<String>,
    pub passkeys: Vec<PasskeyView>,
    pub reports: Vec<MyReport>,
    /// Reports made in this browser without signing in, which can be added to the account.
    pub claimable: Vec<MyReport>,
    pub grants: Vec<Grant>,
    /// The administration pages this person may open: (slug, municipality name).
    pub administration: Vec<(String, String)>,
    /// What the domains above the accounts show about the account ("Meine Bäume").
    pub sections: Vec<AccountSection>,
    pub flash: Flash,
    /// A one-time notice after an action ("Passkey entfernt").
    pub notice: Option<String>,
}

/// A mail in the developers' outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created: String,
}

/// A staff member on the administration page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub account_id: AccountId,
    pub name: String,
    pub email: Option<String>,
    pub roles: Vec<String>,
    pub disabled: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub at: String,
    pub event: String,
    pub account: Option<String>,
    pub actor: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOption {
    pub id: DepartmentId,
    pub name: String,
}

/// The platform administrators' page: every municipality of the deployment.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlatformView {
    pub municipalities: Vec<MunicipalityRow>,
    pub flash: Flash,
    /// The first administrator's invitation link, shown once.
    pub handover: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityRow {
    pub slug: String,
    pub name: String,
    pub reference_prefix: String,
    /// Reports received in the last 30 days, and open now.
    pub reports_30_days: i64,
    pub open: i64,
    /// "Fassung 3 vom …", or empty before the first recorded publication.
    pub version: String,
}

/// A municipality's administration page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    pub slug: String,
    pub municipality: String,
    pub staff: Vec<StaffMember>,
    pub departments: Vec<DepartmentOption>,
    pub audit: Vec<AuditEntry>,
    /// Roles this person may hand out here.
    pub grantable: Vec<Role>,
    pub flash: Flash,
    /// A link or code to hand over, shown once.
    pub handover: Option<String>,
}

/// An invitation as its recipient sees it before accepting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub role: String,
    pub municipality: Option<String>,
    pub department: Option<String>,
}

/// What the "create a passkey" page is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EnrolmentKind {
    SignUp,
    AddPasskey,
    Recover,
    Invitation,
}

/// Why an administrative action was not carried out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminRefusal {
    Forbidden,
    Invalid(FieldError),
}

/// What accepting an invitation led to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Acceptance {
    /// The signed-in account got the role.
    Accepted,
    /// A new account is created with a passkey: the enrolment cookie's value.
    Enrol(String),
}
