//! The photo upload form. Without JavaScript it is a plain multipart form; with it, choosing
//! files shows previews and uploads them at once with a progress bar.

use crate::i18n::{fill, Lang};
use crate::model::Problem;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The island's words, translated on the server, so the WebAssembly carries no string tables.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UploadTexts {
    label: String,
    hint: String,
    upload: String,
    uploading: String,
    error_prefix: String,
    missing: String,
    too_many: String,
    /// With `{}` for the file name.
    too_large: String,
    together_too_large: String,
    failed: String,
    too_many_requests: String,
}

impl UploadTexts {
    pub fn new(lang: Lang, max_photos: usize, max_mb: u64) -> UploadTexts {
        let t = lang.texts();
        UploadTexts {
            label: t.photos_input_label.into(),
            hint: fill(
                t.photos_hint,
                &[&max_photos.to_string(), &max_mb.to_string()],
            ),
            upload: t.photos_upload.into(),
            uploading: t.photos_uploading.into(),
            error_prefix: t.error_inline_prefix.into(),
            missing: Problem::PhotoMissing.message(t),
            too_many: Problem::TooManyPhotos { max: max_photos }.message(t),
            too_large: fill(t.err_photo_too_large, &["{}", &max_mb.to_string()]),
            together_too_large: Problem::UploadTooLarge.message(t),
            failed: t.err_upload_failed.into(),
            too_many_requests: t.err_too_many_requests.into(),
        }
    }
}

/// A file being uploaded, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    name: String,
    preview: Option<String>,
}

#[island]
pub fn PhotoUploader(
    texts: UploadTexts,
    /// Where the multipart form posts to.
    action: String,
    /// The message of a refused upload, already translated.
    error: Option<String>,
    /// How many more photos fit.
    remaining: usize,
    max_mb: u64,
) -> impl IntoView {
    let pending = RwSignal::new(Vec::<Pending>::new());
    let progress = RwSignal::new(None::<u32>);
    let failure = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let has_error = error.is_some();
    let described_by = if has_error {
        "photo-hint photo-error"
    } else {
        "photo-hint"
    };
    let (list_label, progress_label) = (texts.uploading.clone(), texts.uploading.clone());
    let upload_to = StoredValue::new(action.clone());
    let words = StoredValue::new(texts.clone());
    let start = move || {
        #[cfg(feature = "hydrate")]
        if let Some(input) = input.get_untracked() {
            let limits = browser::Limits {
                remaining,
                max_bytes: max_mb * 1024 * 1024,
            };
            let signals = browser::Signals {
                pending,
                progress,
                failure,
            };
            browser::upload(
                &input,
                &upload_to.get_value(),
                limits,
                words.get_value(),
                signals,
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (upload_to, words, input, max_mb);
    };

    view! {
        <form
            method="post"
            action=action
            enctype="multipart/form-data"
            class="stack photo-uploader"
            on:submit=move |event| {
                event.prevent_default();
                start();
            }
        >
            <div class="kern-form-input" class:kern-form-input--error=has_error>
                <label class="kern-label" for="photo">{texts.label}</label>
                <div class="kern-hint" id="photo-hint">{texts.hint}</div>
                {error.map(|message| view! {
                    <p class="kern-error" id="photo-error">
                        <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                        <span class="kern-body">
                            <span class="sr-only">{texts.error_prefix.clone()}" "</span>
                            {message}
                        </span>
                    </p>
                })}
                <input
                    class="kern-form-input__input photo-uploader__input"
                    type="file"
                    id="photo"
                    name="foto"
                    accept="image/jpeg,image/png,image/webp"
                    multiple={remaining > 1}
                    node_ref=input
                    on:change=move |_| start()
                    aria-describedby=described_by
                    aria-invalid=has_error.then_some("true")
                />
            </div>
            <Show when=move || !pending.read().is_empty()>
                <ul class="photo-uploader__pending" aria-label=list_label.clone()>
                    <For each=move || pending.get() key=|p| p.name.clone() let(item)>
                        <li>
                            {item.preview.map(|src| view! { <img src=src alt="" width="96" height="96" /> })}
                            <span class="kern-body">{item.name}</span>
                        </li>
                    </For>
                </ul>
            </Show>
            <Show when=move || progress.get().is_some()>
                <div class="photo-uploader__progress">
                    <label class="kern-label" for="upload-progress">{progress_label.clone()}</label>
                    <progress id="upload-progress" max="100" value=move || progress.get().unwrap_or(0)>
                        {move || format!("{} %", progress.get().unwrap_or(0))}
                    </progress>
                </div>
            </Show>
            <p class="kern-error" role="alert" hidden=move || failure.read().is_none()>
                <span class="kern-body">{move || failure.get().unwrap_or_default()}</span>
            </p>
            <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{texts.upload}</span>
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Pending, UploadTexts};
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    pub struct Limits {
        pub remaining: usize,
        pub max_bytes: u64,
    }

    #[derive(Clone, Copy)]
    pub struct Signals {
        pub pending: RwSignal<Vec<Pending>>,
        pub progress: RwSignal<Option<u32>>,
        pub failure: RwSignal<Option<String>>,
    }

    /// Checks the chosen files against the limits the server enforces (so nobody waits for an
    /// upload that will be refused), then sends them in one request and reloads the page, which
    /// shows the stored photos or the server's errors.
    pub fn upload(
        input: &web_sys::HtmlInputElement,
        action: &str,
        limits: Limits,
        texts: UploadTexts,
        signals: Signals,
    ) {
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            signals.failure.set(Some(texts.missing));
            return;
        }
        if files.len() > limits.remaining {
            signals.failure.set(Some(texts.too_many));
            return;
        }
        if let Some(big) = files.iter().find(|f| f.size() as u64 > limits.max_bytes) {
            signals
                .failure
                .set(Some(texts.too_large.replacen("{}", &big.name(), 1)));
            return;
        }
        signals.failure.set(None);
        signals.pending.set(
            files
                .iter()
                .map(|f| Pending {
                    name: f.name(),
                    preview: web_sys::Url::create_object_url_with_blob(f).ok(),
                })
                .collect(),
        );

        let Ok(form) = web_sys::FormData::new() else {
            return;
        };
        for file in &files {
            let _ = form.append_with_blob_and_filename("foto", file, &file.name());
        }
        let Ok(request) = web_sys::XmlHttpRequest::new() else {
            return;
        };
        if request.open_with_async("POST", action, true).is_err() {
            return;
        }
        let _ = request.set_request_header("Accept", "application/json");
        signals.progress.set(Some(0));

        let on_progress =
            Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
                if e.length_computable() && e.total() > 0.0 {
                    let percent = (e.loaded() / e.total() * 100.0).round() as u32;
                    signals.progress.set(Some(percent.min(100)));
                }
            });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        on_progress.forget();

        let done = {
            let request = request.clone();
            let texts = texts.clone();
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let status = request.status().unwrap_or(0);
                if (200..300).contains(&status) {
                    // The page shows what the server stored, and its errors if it refused a file.
                    if let Some(location) = web_sys::window().map(|w| w.location()) {
                        let _ = location.reload();
                    }
                } else {
                    signals.progress.set(None);
                    let message = match status {
                        413 => texts.together_too_large.clone(),
                        429 => texts.too_many_requests.clone(),
                        _ => texts.failed.clone(),
                    };
                    signals.failure.set(Some(message));
                }
            })
        };
        request.set_onloadend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        if request.send_with_opt_form_data(Some(&form)).is_err() {
            signals.progress.set(None);
            signals.failure.set(Some(texts.failed));
        }
    }
}
