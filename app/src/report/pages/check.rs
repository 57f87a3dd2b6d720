use super::{FlowPage, StepContext};
use crate::components::form::{BackLink, ErrorSummary, SubmitButton};
use crate::components::layout::{Page, StepCounter};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::flow::{question_path, summary_id, Step, RETURN_TO_CHECK};
use crate::report::serverfns::{SubmitReport, SupportReport};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Check your answers, with a change link per answer, then send.
#[component]
pub fn CheckStep() -> impl IntoView {
    view! { <FlowPage step=Step::Check content=check_page /> }
}

/// One row of the summary.
fn row(key: &'static str, value: AnyView, change: Option<(Step, &'static str)>) -> impl IntoView {
    let t = use_lang().texts();
    let id = change.map(|(step, _)| summary_id(step));
    view! {
        <div class="kern-description-list-item summary-row" id=id tabindex="-1">
            <dt class="kern-description-list-item__key">{key}</dt>
            <dd class="kern-description-list-item__value">{value}</dd>
            {change.map(|(step, what)| view! {
                <dd class="summary-row__action">
                    <a class="kern-link" href=format!("{}?zurueck={RETURN_TO_CHECK}", step.path())>
                        {t.check_change}
                        <span class="sr-only">{format!(" – {what}")}</span>
                    </a>
                </dd>
            })}
        </div>
    }
}

fn check_page(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let draft = cx.draft.clone();
    let text = |s: String| view! { <span>{s}</span> }.into_any();
    let none = || text(t.check_none.to_owned());

    let category = draft
        .category
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let answers = (!draft.answer_summary.is_empty()).then(|| {
        draft
            .answer_summary
            .iter()
            .map(|a| {
                let value = text(a.answer.clone());
                view! {
                    <div class="kern-description-list-item summary-row">
                        <dt class="kern-description-list-item__key">{a.question.clone()}</dt>
                        <dd class="kern-description-list-item__value">{value}</dd>
                        <dd class="summary-row__action">
                            <a class="kern-link" href=question_path(&a.code, true)>
                                {t.check_change}
                                <span class="sr-only">{format!(" – {}", a.question)}</span>
                            </a>
                        </dd>
                    </div>
                }
            })
            .collect_view()
    });
    let location = draft
        .location
        .as_ref()
        .map(|place| text(place.summary()))
        .unwrap_or_else(none);
    let photos = if draft.photos.is_empty() {
        none()
    } else {
        let count = draft.photos.len().to_string();
        view! {
            <div class="stack">
                <span>{fill(t.check_photo_count, &[&count])}</span>
                <ul class="photo-thumbs">
                    {draft.photos.iter().enumerate().map(|(i, p)| view! {
                        <li><img src=p.thumbnail_url.clone() alt=fill(t.photos_alt, &[&(i + 1).to_string()]) width="96" height="72" /></li>
                    }).collect_view()}
                </ul>
            </div>
        }
        .into_any()
    };
    let description = draft.description.clone().map(text).unwrap_or_else(none);
    let email = draft
        .email
        .clone()
        .filter(|e| !e.is_empty())
        .map(text)
        .unwrap_or_else(none);
    let responsible = draft.responsible.clone().map(text).unwrap_or_else(none);

    view! {
        <Page title=t.check_title has_errors=cx.flash.is_some()>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <h1 class="kern-heading-large">{t.check_title}</h1>
            {(!draft.nearby.is_empty()).then(|| view! {
                <section class="kern-alert kern-alert--info" aria-labelledby="support-title">
                    <div class="kern-alert__body stack">
                        <h2 class="kern-heading-medium" id="support-title">{t.support_title}</h2>
                        <p class="kern-body">{t.support_hint}</p>
                        <ul class="kern-list support-list">
                            {draft.nearby.iter().map(|n| view! {
                                <li class="stack">
                                    <p class="kern-body">
                                        <a class="kern-link" href=format!("/meldungen/{}", n.reference)>{n.reference.clone()}</a>
                                        {format!(": {}", fill(t.support_item, &[&n.category, &n.distance_m.to_string(), &n.status]))}
                                    </p>
                                    <form method="post" action=SupportReport::url()>
                                        <input type="hidden" name="meldung" value=n.reference.clone() />
                                        <button type="submit" class="kern-btn kern-btn--secondary">
                                            <span class="kern-label">{t.support_button}</span>
                                            <span class="sr-only">{format!(" {}", n.reference)}</span>
                                        </button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    </div>
                </section>
            })}
            <div class="kern-summary__body">
                <dl class="kern-description-list summary-list">
                    {row(t.check_category, text(category), Some((Step::Category, t.check_category)))}
                    {answers}
                    {row(t.check_location, location, Some((Step::Location, t.check_location)))}
                    {row(t.check_photos, photos, Some((Step::Photos, t.check_photos)))}
                    {row(t.check_description, description, Some((Step::Description, t.check_description)))}
                    {row(t.check_email, email, Some((Step::Contact, t.check_email)))}
                    {row(t.check_responsible, responsible, None)}
                </dl>
            </div>
            <p class="kern-body">{t.check_declaration}</p>
            <form method="post" action=SubmitReport::url()>
                <SubmitButton label=t.check_submit />
            </form>
        </Page>
    }
}
