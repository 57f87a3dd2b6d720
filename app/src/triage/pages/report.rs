//! A report as its responsible staff see it: everything the citizen told, the full timeline
//! (public and internal, with who did what), nearby reports, and the forms that move it on.

use crate::components::form::ChoiceSelect;
use crate::components::form::{ErrorSummary, SubmitButton, TextArea, TextField};
use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::model::Choice;
use crate::triage::model::StaffReportView;
use crate::triage::serverfns::{
    load_staff_report, report_path, AddNote, Assign, ChangeCategory, ChangeLocation, ChangeStatus,
    SetPriority,
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffReport() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    let (notice, preview, lat, lon) = use_query_map().with_untracked(|q| {
        (
            q.get("hinweis"),
            q.get("neue_kategorie"),
            q.get("neuer_breitengrad"),
            q.get("neuer_laengengrad"),
        )
    });
    let data = Resource::new(
        || (),
        move |_| {
            load_staff_report(
                reference.clone(),
                notice.clone(),
                preview.clone(),
                lat.clone(),
                lon.clone(),
            )
        },
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    // Not signed in: the server function answered with a redirect to sign in.
                    Ok(None) if crate::context::use_viewer().is_none() => ().into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(report)) => view! { <StaffReportPage report /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn item(key: &str, value: String) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{key.to_owned()}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
    }
}

/// The hidden fields every form of the page carries.
fn identity(report: &StaffReportView) -> impl IntoView {
    view! {
        <input type="hidden" name="reference" value=report.reference.clone() />
        <input type="hidden" name="version" value=report.version />
    }
}

#[component]
fn StaffReportPage(report: StaffReportView) -> impl IntoView {
    let t = use_lang().texts();
    let title = fill(t.triage_report_title, &[&report.reference]);
    let flash = report.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let value = |k: &str| flash.value(k).unwrap_or_default().to_owned();
    let problem = |k: &str| flash.error(k).cloned();
    let (v_transition, v_reason, v_target, v_duplicate, v_public, v_internal) = (
        value("transition"),
        value("reason"),
        value("target"),
        value("duplicate"),
        value("public-note"),
        value("internal-note"),
    );
    let (p_transition, p_reason, p_target, p_duplicate, p_public, p_internal) = (
        problem("transition"),
        problem("reason"),
        problem("target"),
        problem("duplicate"),
        problem("public-note"),
        problem("internal-note"),
    );
    let (v_note_public, v_note_internal) = (value("note-public"), value("note-internal"));
    let (p_note_public, p_note_internal) = (problem("note-public"), problem("note-internal"));
    let (p_assignee, p_priority, p_category, p_location) = (
        problem("assignee"),
        problem("priority"),
        problem("category"),
        problem("new-lat"),
    );
    let priorities = vec![
        Choice {
            value: "low".into(),
            label: t.priority_low.into(),
        },
        Choice {
            value: "normal".into(),
            label: t.priority_normal.into(),
        },
        Choice {
            value: "high".into(),
            label: t.priority_high.into(),
        },
    ];
    let osm = report.lat.zip(report.lon).map(|(lat, lon)| {
        format!(
            "https://www.openstreetmap.org/?mlat={lat:.6}&mlon={lon:.6}#map=18/{lat:.6}/{lon:.6}"
        )
    });
    let assignee = report
        .assignee_id
        .and_then(|id| report.colleagues.iter().find(|c| c.value == id.to_string()))
        .map(|c| c.label.clone())
        .unwrap_or_else(|| t.triage_nobody.to_owned());
    let priority_label = match report.priority_code.as_str() {
        "low" => t.priority_low,
        "high" => t.priority_high,
        _ => t.priority_normal,
    };
    let page = report_path(&report.reference);
    view! {
        <Page title=title.clone() has_errors wide=true>
            <ErrorSummary flash=has_errors.then(|| flash.clone()) />
            <p class="kern-body"><a class="kern-link" href=format!("/dienst/{}", report.slug)>{t.triage_back_to_queue}</a></p>
            <h1 class="kern-heading-large">{title}</h1>
            {report.notice.clone().map(|n| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{n}</p></div>
                </div>
            })}
            <p class="status-badge">
                <span class="kern-body">{t.status_current}": "</span>
                <span class=format!("kern-badge kern-badge--info status-{}", report.status_code)>
                    <span class="kern-label kern-label--small">{report.status.clone()}</span>
                </span>
                {report.overdue.then(|| view! { " " <strong class="overdue-badge">{t.triage_overdue}</strong> })}
            </p>
            <dl class="kern-description-list">
                {item(t.status_category, report.category.clone())}
                {item(t.status_area, report.area.clone().map(|a| format!("{a}, {}", report.municipality)).unwrap_or_else(|| report.municipality.clone()))}
                {item(t.status_department, report.department.clone())}
                {item(t.status_submitted_at, report.submitted_at.clone())}
                {item(t.triage_accept_due, report.accept_due.clone())}
                {item(t.triage_resolve_due, report.resolve_due.clone())}
                {item(t.triage_col_priority, priority_label.to_owned())}
                {item(t.triage_col_assignee, assignee)}
                {item(t.status_location, report.location.clone())}
                {report.reporter_email.clone().map(|e| item(t.check_email, e))}
                {(report.followers > 0).then(|| item(t.triage_followers, report.followers.to_string()))}
                {(report.supporters > 0).then(|| item(t.status_supporters, crate::report::model::supporters_text(report.supporters, t)))}
            </dl>
            {report.duplicate_of.clone().map(|d| view! {
                <p class="kern-body">{t.triage_duplicate_of}" "<a class="kern-link" href=report_path(&d)>{d.clone()}</a></p>
            })}
            {osm.map(|href| view! { <p class="kern-body"><a class="kern-link" href=href>{t.triage_open_map}</a></p> })}
            <h2 class="kern-heading-medium">{t.check_description}</h2>
            <p class="kern-body report-description">{report.description.clone()}</p>
            {(!report.answers.is_empty()).then(|| view! {
                <dl class="kern-description-list">
                    {report.answers.iter().map(|a| view! {
                        <div class="kern-description-list-item">
                            <dt class="kern-description-list-item__key">{a.question.clone()}</dt>
                            <dd class="kern-description-list-item__value">{a.answer.clone()}</dd>
                        </div>
                    }).collect_view()}
                </dl>
            })}
            {(!report.photos.is_empty()).then(|| view! {
                <h2 class="kern-heading-medium">{t.status_photos}</h2>
                <ul class="photo-thumbs photo-thumbs--large">
                    {report.photos.iter().enumerate().map(|(i, p)| view! {
                        <li><a href=p.url.clone()><img src=p.thumbnail_url.clone() alt=fill(t.photos_alt, &[&(i + 1).to_string()]) width="240" height="180" loading="lazy" /></a></li>
                    }).collect_view()}
                </ul>
            })}
            {(!report.nearby.is_empty()).then(|| view! {
                <h2 class="kern-heading-medium">{t.triage_nearby}</h2>
                <ul class="kern-list">
                    {report.nearby.iter().map(|n| view! {
                        <li><a class="kern-link" href=report_path(&n.reference)>{n.reference.clone()}</a>
                        {format!(" – {}, {} ({} m)", n.category, n.status, n.distance_m)}</li>
                    }).collect_view()}
                </ul>
            })}

            {report.category_preview.clone().map(|p| view! {
                <section class="kern-alert kern-alert--warning" aria-labelledby="preview-title">
                    <div class="kern-alert__body stack">
                        <h2 class="kern-heading-small" id="preview-title">{t.triage_category_preview}</h2>
                        <p class="kern-body">{fill(t.triage_category_preview_text, &[&p.category, &p.department])}</p>
                        <form method="post" action=ChangeCategory::url()>
                            {identity(&report)}
                            <input type="hidden" name="category" value=p.code.clone() />
                            <SubmitButton label=t.triage_category_confirm />
                        </form>
                        <a class="kern-link" href=page.clone()>{t.triage_cancel}</a>
                    </div>
                </section>
            })}

            {report.location_preview.clone().map(|p| view! {
                <section class="kern-alert kern-alert--warning" aria-labelledby="place-preview-title">
                    <div class="kern-alert__body stack">
                        <h2 class="kern-heading-small" id="place-preview-title">{t.triage_location_preview}</h2>
                        {match p.outcome.clone() {
                            Ok(department) => view! {
                                <p class="kern-body">{fill(t.triage_location_preview_text, &[&p.lat, &p.lon, &department])}</p>
                                <form method="post" action=ChangeLocation::url()>
                                    {identity(&report)}
                                    <input type="hidden" name="lat" value=p.lat.clone() />
                                    <input type="hidden" name="lon" value=p.lon.clone() />
                                    <SubmitButton label=t.triage_location_confirm />
                                </form>
                            }.into_any(),
                            Err(problem) => view! { <p class="kern-body">{problem.message(t)}</p> }.into_any(),
                        }}
                        <a class="kern-link" href=page.clone()>{t.triage_cancel}</a>
                    </div>
                </section>
            })}

            <section class="stack" aria-labelledby="actions-title">
                <h2 class="kern-heading-medium" id="actions-title">{t.triage_actions}</h2>
                <div class="triage-forms">
                {(!report.transitions.is_empty()).then(|| view! {
                    <form method="post" action=ChangeStatus::url() class="stack triage-form" novalidate>
                        <h3 class="kern-heading-small">{t.triage_change_status}</h3>
                        {identity(&report)}
                        <ChoiceSelect id="transition" name="transition" label=t.triage_transition choices=report.transitions.clone() selected=v_transition problem=p_transition />
                        <TextArea id="reason" name="reason" label=t.triage_reason hint=t.triage_reason_hint value=v_reason problem=p_reason rows=2 />
                        <ChoiceSelect id="target" name="target" label=t.triage_target choices=report.targets.clone() selected=v_target empty=t.triage_choose.to_owned() problem=p_target />
                        <TextField id="duplicate" name="duplicate" label=t.triage_duplicate_label hint=t.triage_duplicate_hint value=v_duplicate problem=p_duplicate optional=true />
                        <TextArea id="public-note" name="public_note" label=t.triage_public_note hint=t.triage_public_note_hint value=v_public problem=p_public rows=3 />
                        <TextArea id="internal-note" name="internal_note" label=t.triage_internal_note value=v_internal problem=p_internal rows=2 />
                        <SubmitButton label=t.triage_change_status />
                    </form>
                })}
                <form method="post" action=Assign::url() class="stack triage-form">
                    <h3 class="kern-heading-small">{t.triage_assign}</h3>
                    {identity(&report)}
                    <ChoiceSelect id="assignee" name="assignee" label=t.triage_assignee choices=report.colleagues.clone() selected=report.assignee_id.map(|i| i.to_string()).unwrap_or_default() empty=t.triage_nobody.to_owned() problem=p_assignee />
                    <SubmitButton label=t.triage_assign />
                </form>
                <form method="post" action=SetPriority::url() class="stack triage-form">
                    <h3 class="kern-heading-small">{t.triage_col_priority}</h3>
                    {identity(&report)}
                    <ChoiceSelect id="priority" name="priority" label=t.triage_col_priority choices=priorities selected=report.priority_code.clone() problem=p_priority />
                    <SubmitButton label=t.triage_set_priority />
                </form>
                <form method="get" action=page.clone() class="stack triage-form">
                    <h3 class="kern-heading-small">{t.triage_change_category}</h3>
                    <ChoiceSelect id="category" name="neue_kategorie" label=t.status_category choices=report.categories.clone() selected=report.category_code.clone() problem=p_category />
                    <SubmitButton label=t.triage_category_check />
                </form>
                <form method="get" action=page.clone() class="stack triage-form" novalidate>
                    <h3 class="kern-heading-small">{t.triage_change_location}</h3>
                    <TextField id="new-lat" name="neuer_breitengrad" label=t.location_lat value=report.lat.map(|v| format!("{v:.6}")).unwrap_or_default() problem=p_location inputmode="decimal" />
                    <TextField id="new-lon" name="neuer_laengengrad" label=t.location_lon value=report.lon.map(|v| format!("{v:.6}")).unwrap_or_default() inputmode="decimal" />
                    <SubmitButton label=t.triage_category_check />
                </form>
                <form method="post" action=AddNote::url() class="stack triage-form" novalidate>
                    <h3 class="kern-heading-small">{t.triage_add_note}</h3>
                    {identity(&report)}
                    <TextArea id="note-public" name="public_note" label=t.triage_public_note hint=t.triage_public_note_hint value=v_note_public problem=p_note_public rows=3 />
                    <TextArea id="note-internal" name="internal_note" label=t.triage_internal_note value=v_note_internal problem=p_note_internal rows=2 />
                    <SubmitButton label=t.triage_add_note />
                </form>
                </div>
            </section>

            <h2 class="kern-heading-medium" id="changes" tabindex="-1">{t.triage_timeline}</h2>
            <ol class="timeline">
                {report.timeline.iter().map(|e| view! {
                    <li class=if e.internal { "timeline__entry timeline__entry--internal" } else { "timeline__entry" }>
                        <p class="kern-body kern-body--bold">
                            {e.title.clone()}
                            {e.internal.then(|| view! { " " <span class="kern-badge kern-badge--warning"><span class="kern-label kern-label--small">{t.triage_internal}</span></span> })}
                        </p>
                        <p class="kern-body kern-body--small kern-body--muted">
                            {e.at.clone()}{e.actor.clone().map(|a| format!(" · {a}"))}
                        </p>
                        {e.detail.clone().map(|d| view! { <p class="kern-body">{d}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </Page>
    }
}
