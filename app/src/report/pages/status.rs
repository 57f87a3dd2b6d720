use crate::components::layout::NotFound;
use crate::components::layout::{Page, TechnicalError};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::model::ReportView;
use crate::report::serverfns::load_report;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A report's public status page; with the personal link also the reporter's own details.
#[component]
pub fn StatusPage() -> impl IntoView {
    let reference = use_params_map().with_untracked(|p| p.get("reference").unwrap_or_default());
    let (access, supported) = use_query_map().with_untracked(|q| {
        (
            q.get("zugang"),
            q.get("hinweis").as_deref() == Some("unterstuetzt"),
        )
    });
    let data = Resource::new(
        || (),
        move |_| load_report(reference.clone(), access.clone()),
    );
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                match data.await {
                    Err(_) => view! { <TechnicalError /> }.into_any(),
                    Ok(None) => view! { <NotFound /> }.into_any(),
                    Ok(Some(report)) => view! { <ReportStatus report supported /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ReportStatus(report: ReportView, supported: bool) -> impl IntoView {
    let t = use_lang().texts();
    let title = fill(t.status_title, &[&report.reference]);
    let area = report
        .area
        .clone()
        .map(|a| format!("{}, {a}", report.municipality))
        .unwrap_or_else(|| report.municipality.clone());
    let item = |key: &str, value: String| list_item(key.to_owned(), value);
    view! {
        <Page title=title.clone()>
            <h1 class="kern-heading-large">{title}</h1>
            {supported.then(|| view! {
                <div class="kern-alert kern-alert--success" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{t.support_thanks}</p></div>
                </div>
            })}
            {report.access_denied.then(|| view! {
                <div class="kern-alert kern-alert--warning" role="status">
                    <div class="kern-alert__body"><p class="kern-body">{t.status_access_invalid}</p></div>
                </div>
            })}
            <p class="status-badge">
                <span class="kern-body">{t.status_current}": "</span>
                <span class=format!("kern-badge kern-badge--info status-{}", report.status_code)>
                    <span class="kern-label kern-label--small">{report.status.clone()}</span>
                </span>
            </p>
            <dl class="kern-description-list">
                {item(t.status_category, report.category.clone())}
                {item(t.status_area, area)}
                {item(t.status_department, report.department.clone())}
                {item(t.status_submitted_at, report.submitted_at.clone())}
                {(report.supporters > 0).then(|| item(t.status_supporters, crate::report::model::supporters_text(report.supporters, t)))}
            </dl>
            {(!report.photos.is_empty()).then(|| view! {
                <h2 class="kern-heading-medium">{t.status_photos}</h2>
                <ul class="photo-thumbs photo-thumbs--large">
                    {report.photos.iter().enumerate().map(|(i, p)| view! {
                        <li>
                            <a href=p.url.clone()>
                                <img src=p.thumbnail_url.clone() alt=fill(t.photos_alt, &[&(i + 1).to_string()]) width="240" height="180" loading="lazy" />
                            </a>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <h2 class="kern-heading-medium">{t.status_timeline}</h2>
            <ol class="timeline">
                {report.timeline.iter().map(|entry| view! {
                    <li class="timeline__entry">
                        <p class="kern-body kern-body--bold">{entry.title.clone()}</p>
                        <p class="kern-body kern-body--small kern-body--muted">{entry.at.clone()}</p>
                        {entry.detail.clone().map(|d| view! { <p class="kern-body">{d}</p> })}
                    </li>
                }).collect_view()}
            </ol>
            {report.private.clone().map(|p| view! {
                <section class="kern-summary__body private-details" aria-labelledby="private-title">
                    <h2 class="kern-heading-medium" id="private-title">{t.status_private_title}</h2>
                    <p class="kern-body kern-body--small">{t.status_private_hint}</p>
                    <dl class="kern-description-list">
                        {item(t.status_location, p.location.clone())}
                        {p.answers.iter().map(|a| list_item(a.question.clone(), a.answer.clone())).collect_view()}
                        {item(t.check_description, p.description.clone())}
                        {item(t.check_email, p.email.clone().unwrap_or_else(|| t.check_none.to_owned()))}
                    </dl>
                </section>
            })}
        </Page>
    }
}

fn list_item(key: String, value: String) -> impl IntoView {
    view! {
        <div class="kern-description-list-item">
            <dt class="kern-description-list-item__key">{key}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
        </div>
    }
}
