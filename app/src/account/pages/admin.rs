use crate::account::model::{AdminView, AuditEntry, DepartmentOption, StaffMember};
use crate::account::serverfns::{load_admin, InviteStaff, IssueRecoveryCode, SetStaffDisabled};
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::model::{Flash, Role};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

/// A municipality's administration: staff, invitations, recovery codes, the log.
#[component]
pub fn Admin() -> impl IntoView {
    let t = use_lang().texts();
    let slug = use_params_map().with_untracked(|p| p.get("slug").unwrap_or_default());
    let admin = Resource::new(|| (), move |_| load_admin(slug.clone()));
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match admin.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! {
                        <Page title=t.admin_forbidden>
                            <h1 class="kern-heading-large">{t.admin_forbidden}</h1>
                        </Page>
                    }.into_any(),
                    Ok(Some(admin)) => view! { <AdminPage admin /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AdminPage(admin: AdminView) -> impl IntoView {
    let t = use_lang().texts();
    let title = fill(t.admin_title, &[&admin.municipality]);
    let flash = admin.flash.clone();
    let has_errors = !flash.errors.is_empty();
    view! {
        <Page title=title.clone() has_errors>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <h1 class="kern-heading-large">{title}</h1>
            <Handover handover=admin.handover.clone() />
            <ul class="kern-list">
                <li><a class="kern-link" href=format!("/verwaltung/{}/konfiguration", admin.slug)>{t.admin_config_link}</a></li>
                <li><a class="kern-link" href=format!("/verwaltung/{}/schnittstellen", admin.slug)>{t.admin_keys_link}</a></li>
                <li><a class="kern-link" href=format!("/verwaltung/{}/baeume", admin.slug)>{t.admin_trees_link}</a></li>
            </ul>
            <StaffList slug=admin.slug.clone() staff=admin.staff.clone() />
            <InviteForm
                slug=admin.slug.clone()
                grantable=admin.grantable.clone()
                departments=admin.departments.clone()
                flash=flash.clone()
            />
            <RecoveryCodeForm slug=admin.slug.clone() flash />
            <AuditLog audit=admin.audit />
        </Page>
    }
}

/// A link or code to hand over in person, shown once.
#[component]
pub fn Handover(handover: Option<String>) -> impl IntoView {
    let t = use_lang().texts();
    handover.map(|handover| {
        view! {
            <div class="kern-alert kern-alert--info" role="status">
                <div class="kern-alert__body stack">
                    <p class="kern-body">{t.admin_handover}</p>
                    <p class="handover" id="handover">{handover}</p>
                </div>
            </div>
        }
    })
}

/// The municipality's staff, each with the button that disables (or enables) the account.
#[component]
fn StaffList(slug: String, staff: Vec<StaffMember>) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section class="stack" aria-labelledby="staff-title">
            <h2 class="kern-heading-medium" id="staff-title">{t.admin_staff_title}</h2>
            {staff.is_empty().then(|| view! { <p class="kern-body">{t.admin_staff_none}</p> })}
            <ul class="staff-list">
                {staff.into_iter().map(|member| {
                    let label = if member.disabled { fill(t.admin_enable, &[&member.name]) } else { fill(t.admin_disable, &[&member.name]) };
                    view! {
                        <li class="staff-list__member">
                            <p class="kern-body kern-body--bold">
                                {member.name.clone()}
                                {member.disabled.then(|| format!(" ({})", t.admin_disabled))}
                            </p>
                            <p class="kern-body kern-body--small">
                                {member.roles.join(", ")}{member.email.clone().map(|e| format!(" · {e}"))}
                            </p>
                            <form method="post" action=SetStaffDisabled::url()>
                                <input type="hidden" name="slug" value=slug.clone() />
                                <input type="hidden" name="account" value=member.account_id.to_string() />
                                <input type="hidden" name="disabled" value=(!member.disabled).to_string() />
                                <button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">{label}</span></button>
                            </form>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

/// An invitation into a role (and department) that this administrator may hand out.
#[component]
fn InviteForm(
    slug: String,
    grantable: Vec<Role>,
    departments: Vec<DepartmentOption>,
    flash: Flash,
) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section class="stack" aria-labelledby="invite-title">
            <h2 class="kern-heading-medium" id="invite-title">{t.admin_invite_title}</h2>
            <form method="post" action=InviteStaff::url() novalidate class="stack">
                <input type="hidden" name="slug" value=slug />
                <div class="kern-form-input">
                    <label class="kern-label" for="role">{t.admin_invite_role}</label>
                    <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id="role" name="role">
                            {grantable.iter().map(|r| view! { <option value=r.code()>{r.label(t)}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="kern-form-input">
                    <label class="kern-label" for="department">{t.admin_invite_department}</label>
                    {flash.error("department").cloned().map(|p| view! {
                        <p class="kern-error" id="department-error"><span class="kern-body">{p.message(t)}</span></p>
                    })}
                    <div class="kern-form-input__select-wrapper">
                        <select class="kern-form-input__select" id="department" name="department">
                            <option value="">{t.admin_invite_department_none}</option>
                            {departments.into_iter().map(|d| view! { <option value=d.id.to_string()>{d.name}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <TextField id="note" name="note" label=t.admin_invite_note optional=true />
                <SubmitButton label=t.admin_invite_button />
            </form>
        </section>
    }
    .into_any()
}

/// A recovery code for a person the office has identified.
#[component]
fn RecoveryCodeForm(slug: String, flash: Flash) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section class="stack" aria-labelledby="recovery-title">
            <h2 class="kern-heading-medium" id="recovery-title">{t.admin_recovery_title}</h2>
            <p class="kern-body">{t.admin_recovery_hint}</p>
            <form method="post" action=IssueRecoveryCode::url() novalidate class="stack">
                <input type="hidden" name="slug" value=slug />
                <TextField id="who" name="who" label=t.admin_recovery_who problem=flash.error("who").cloned() />
                <SubmitButton label=t.admin_recovery_button />
            </form>
        </section>
    }
    .into_any()
}

/// The municipality's sign-in and security events.
#[component]
fn AuditLog(audit: Vec<AuditEntry>) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section class="stack" aria-labelledby="audit-title">
            <h2 class="kern-heading-medium" id="audit-title">{t.admin_audit_title}</h2>
            <div class="kern-table-responsive" role="region" aria-labelledby="audit-title" tabindex="0">
                <table class="kern-table kern-table--small">
                    <thead>
                        <tr class="kern-table__row">
                            <th scope="col" class="kern-table__header">{t.admin_audit_when}</th>
                            <th scope="col" class="kern-table__header">{t.admin_audit_event}</th>
                            <th scope="col" class="kern-table__header">{t.admin_audit_account}</th>
                            <th scope="col" class="kern-table__header">{t.admin_audit_actor}</th>
                        </tr>
                    </thead>
                    <tbody class="kern-table__body">
                        {audit.into_iter().map(|e| view! {
                            <tr class="kern-table__row">
                                <td class="kern-table__cell">{e.at}</td>
                                <td class="kern-table__cell">{e.event}</td>
                                <td class="kern-table__cell">{e.account.unwrap_or_default()}</td>
                                <td class="kern-table__cell">{e.actor.unwrap_or_default()}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
    .into_any()
}
