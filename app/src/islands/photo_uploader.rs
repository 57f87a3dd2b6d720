//! The photo upload form. Without JavaScript it is a plain multipart form; with it, choosing
//! files shows previews and uploads them at once with a progress bar.

use crate::i18n::{fill, Lang};
use leptos::prelude::*;

/// A file being uploaded, as the list shows it.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    name: String,
    preview: Option<String>,
}

#[island]
pub fn PhotoUploader(
    lang: Lang,
    /// Where the multipart form posts to.
    action: String,
    /// The message of a refused upload, already translated.
    error: Option<String>,
    /// How many more photos fit.
    remaining: usize,
    max_photos: usize,
    max_mb: u64,
) -> impl IntoView {
    let t = lang.texts();
    let pending = RwSignal::new(Vec::<Pending>::new());
    let progress = RwSignal::new(None::<u32>);
    let failure = RwSignal::new(None::<String>);
    let input = NodeRef::<leptos::html::Input>::new();
    let has_error = error.is_some();
    let described_by = if has_error { "photo-hint photo-error" } else { "photo-hint" };

    let upload_to = StoredValue::new(action.clone());
    let start = move || {
        #[cfg(feature = "hydrate")]
        if let Some(input) = input.get_untracked() {
            browser::upload(
                &input,
                &upload_to.get_value(),
                Limits { remaining, max_photos, max_bytes: max_mb * 1024 * 1024 },
                lang,
                Signals { pending, progress, failure },
            );
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (upload_to, input);
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
                <label class="kern-label" for="photo">{t.photos_input_label}</label>
                <div class="kern-hint" id="photo-hint">
                    {fill(t.photos_hint, &[&max_photos.to_string(), &max_mb.to_string()])}
                </div>
                {error.map(|message| view! {
                    <p class="kern-error" id="photo-error">
                        <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                        <span class="kern-body">
                            <span class="sr-only">{t.error_inline_prefix}" "</span>
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
                <ul class="photo-uploader__pending" aria-label=t.photos_uploading>
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
                    <label class="kern-label" for="upload-progress">{t.photos_uploading}</label>
                    <progress id="upload-progress" max="100" value=move || progress.get().unwrap_or(0)>
                        {move || format!("{} %", progress.get().unwrap_or(0))}
                    </progress>
                </div>
            </Show>
            <p class="kern-error" role="alert" hidden=move || failure.read().is_none()>
                <span class="kern-body">{move || failure.get().unwrap_or_default()}</span>
            </p>
            <button type="submit" class="kern-btn kern-btn--secondary">
                <span class="kern-label">{t.photos_upload}</span>
            </button>
        </form>
    }
}

#[cfg(feature = "hydrate")]
struct Limits {
    remaining: usize,
    max_photos: usize,
    max_bytes: u64,
}

#[cfg(feature = "hydrate")]
#[derive(Clone, Copy)]
struct Signals {
    pending: RwSignal<Vec<Pending>>,
    progress: RwSignal<Option<u32>>,
    failure: RwSignal<Option<String>>,
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Limits, Pending, Signals};
    use crate::i18n::Lang;
    use crate::model::Problem;
    use leptos::prelude::*;
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};

    /// Checks the chosen files against the limits the server enforces (so nobody waits for an
    /// upload that will be refused), then sends them in one request and reloads the page, which
    /// shows the stored photos or the server's errors.
    pub fn upload(
        input: &web_sys::HtmlInputElement,
        action: &str,
        limits: Limits,
        lang: Lang,
        signals: Signals,
    ) {
        let t = lang.texts();
        let Some(files) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        if files.is_empty() {
            signals.failure.set(Some(Problem::PhotoMissing.message(t)));
            return;
        }
        if files.len() > limits.remaining {
            signals
                .failure
                .set(Some(Problem::TooManyPhotos { max: limits.max_photos }.message(t)));
            return;
        }
        if let Some(big) = files.iter().find(|f| f.size() as u64 > limits.max_bytes) {
            let problem = Problem::PhotoTooLarge {
                file: big.name(),
                max_mb: limits.max_bytes / (1024 * 1024),
            };
            signals.failure.set(Some(problem.message(t)));
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

        let Ok(form) = web_sys::FormData::new() else { return };
        for file in &files {
            let _ = form.append_with_blob_and_filename("foto", file, &file.name());
        }
        let Ok(request) = web_sys::XmlHttpRequest::new() else { return };
        if request.open_with_async("POST", action, true).is_err() {
            return;
        }
        let _ = request.set_request_header("Accept", "application/json");
        signals.progress.set(Some(0));

        let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
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
            Closure::<dyn FnMut(JsValue)>::new(move |_| {
                let status = request.status().unwrap_or(0);
                if (200..300).contains(&status) {
                    // The page shows what the server stored, and its errors if it refused a file.
                    if let Some(location) = web_sys::window().map(|w| w.location()) {
                        let _ = location.reload();
                    }
                } else {
                    signals.progress.set(None);
                    let message = if status == 413 {
                        t.err_upload_too_large.to_owned()
                    } else if status == 429 {
                        t.err_too_many_requests.to_owned()
                    } else {
                        t.err_upload_failed.to_owned()
                    };
                    signals.failure.set(Some(message));
                }
            })
        };
        request.set_onloadend(Some(done.as_ref().unchecked_ref()));
        done.forget();
        if request.send_with_opt_form_data(Some(&form)).is_err() {
            signals.progress.set(None);
            signals.failure.set(Some(t.err_upload_failed.to_owned()));
        }
    }
}
