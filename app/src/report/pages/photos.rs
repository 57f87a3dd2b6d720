use super::{FlowPage, StepContext};
use crate::components::form::{BackLink, ErrorSummary};
use crate::components::layout::{IslandsRuntime, Page, StepCounter};
use crate::context::use_lang;
use crate::i18n::fill;
use crate::report::flow::{Step, UPLOAD_PATH};
use crate::report::photo_uploader::{PhotoUploader, UploadTexts};
use crate::report::serverfns::{RemovePhoto, UsePhotoLocation};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Up to three photos, each optional; a photo's GPS position can become the report's place.
#[component]
pub fn PhotosStep() -> impl IntoView {
    view! { <FlowPage step=Step::Photos content=photos_form /> }
}

fn photos_form(cx: StepContext) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let photos = cx.draft.photos.clone();
    let remaining = cx.state.max_photos.saturating_sub(photos.len());
    let error = cx
        .flash
        .as_ref()
        .and_then(|f| f.error("photo"))
        .map(|p| p.message(t));
    let next_label = if photos.is_empty() {
        t.photos_continue_without
    } else {
        t.continue_button
    };
    let next_href = if cx.returning {
        Step::Check.path()
    } else {
        Step::Description.path()
    };
    let list = photos
        .into_iter()
        .enumerate()
        .map(|(i, photo)| {
            let n = (i + 1).to_string();
            view! {
                <li class="photo-list__item">
                    <img src=photo.thumbnail_url alt=fill(t.photos_alt, &[&n]) width="160" height="120" />
                    <div class="stack">
                        {photo.gps_place.map(|place| view! {
                            <form method="post" action=UsePhotoLocation::url() class="stack">
                                <p class="kern-body">{fill(t.photos_gps_offer, &[&n, &place])}</p>
                                <input type="hidden" name="foto" value=photo.id />
                                <button type="submit" class="kern-btn kern-btn--secondary">
                                    <span class="kern-label">{t.photos_gps_use}</span>
                                </button>
                            </form>
                        })}
                        <form method="post" action=RemovePhoto::url()>
                            <input type="hidden" name="foto" value=photo.id />
                            <button type="submit" class="kern-btn kern-btn--tertiary">
                                <span class="kern-icon kern-icon--delete" aria-hidden="true"></span>
                                <span class="kern-label">{fill(t.photos_remove, &[&n])}</span>
                            </button>
                        </form>
                    </div>
                </li>
            }
        })
        .collect_view();
    let has_photos = !cx.draft.photos.is_empty();
    view! {
        <Page title=t.photos_title has_errors=cx.flash.is_some()>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <h1 class="kern-heading-large">{t.photos_title}</h1>
            <section aria-labelledby="uploaded-title" class="stack">
                <h2 class="kern-heading-small" id="uploaded-title">{t.photos_uploaded_title}</h2>
                {if has_photos {
                    view! { <ul class="photo-list">{list}</ul> }.into_any()
                } else {
                    view! { <p class="kern-body">{t.photos_none}</p> }.into_any()
                }}
            </section>
            {if remaining > 0 {
                view! {
                    <PhotoUploader
                        texts=UploadTexts::new(lang, cx.state.max_photos, cx.state.max_photo_mb)
                        action=UPLOAD_PATH.to_owned()
                        error
                        remaining
                        max_mb=cx.state.max_photo_mb
                    />
                }
                .into_any()
            } else {
                view! { <p class="kern-body">{t.photos_limit_reached}</p> }.into_any()
            }}
            <p class="next-step">
                <a class="kern-btn kern-btn--primary" href=next_href>
                    <span class="kern-label">{next_label}</span>
                </a>
            </p>
            <IslandsRuntime />
        </Page>
    }
}
