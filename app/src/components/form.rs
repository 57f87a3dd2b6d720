//! Form building blocks following KERN markup and GOV.UK error conventions: an error summary at
//! the top that links to each field, and the error repeated above the field itself.

use crate::context::use_lang;
use crate::model::{Flash, Problem};
use leptos::prelude::*;

/// The error summary; it takes focus on load so screen readers announce it first.
#[component]
pub fn ErrorSummary(flash: Option<Flash>) -> impl IntoView {
    let t = use_lang().texts();
    let errors = flash.map(|f| f.errors).unwrap_or_default();
    (!errors.is_empty()).then(|| {
        view! {
            <div
                class="kern-alert kern-alert--danger error-summary"
                role="alert"
                tabindex="-1"
                autofocus
                aria-labelledby="error-summary-title"
            >
                <div class="kern-alert__header">
                    <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                    <h2 class="kern-title" id="error-summary-title">{t.error_summary_title}</h2>
                </div>
                <div class="kern-alert__body">
                    <ul class="kern-list">
                        {errors
                            .into_iter()
                            .map(|e| {
                                view! {
                                    <li>
                                        <a class="kern-link" href=format!("#{}", e.field)>
                                            {e.problem.message(t)}
                                        </a>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                </div>
            </div>
        }
    })
}

/// The message above a field that was refused.
#[component]
pub fn InlineError(field: String, problem: Option<Problem>) -> impl IntoView {
    let t = use_lang().texts();
    problem.map(|problem| {
        view! {
            <p class="kern-error" id=format!("{field}-error")>
                <span class="kern-icon kern-icon--danger" aria-hidden="true"></span>
                <span class="kern-body">
                    <span class="sr-only">{t.error_inline_prefix}" "</span>
                    {problem.message(t)}
                </span>
            </p>
        }
    })
}

/// `aria-describedby` for a field with an optional hint and error.
pub fn described_by(field: &str, has_hint: bool, has_error: bool) -> Option<String> {
    let ids: Vec<String> = [
        has_hint.then(|| format!("{field}-hint")),
        has_error.then(|| format!("{field}-error")),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A labelled single-line text field.
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip)] problem: Option<Problem>,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional, into)] autocomplete: Option<&'static str>,
    #[prop(optional, into)] inputmode: Option<&'static str>,
    #[prop(optional)] optional: bool,
    /// Render the label as the page's heading (one question per page).
    #[prop(optional)]
    label_is_heading: bool,
) -> impl IntoView {
    let t = use_lang().texts();
    let hint = hint.filter(|h| !h.is_empty());
    let has_error = problem.is_some();
    let describedby = described_by(&id, hint.is_some(), has_error);
    let optional =
        optional.then(|| view! { " " <span class="kern-label__optional">{t.optional}</span> });
    let label_view = if label_is_heading {
        view! {
            <h1 class="kern-heading-large">
                <label class="kern-label kern-label--large" for=id.clone()>{label} {optional}</label>
            </h1>
        }
        .into_any()
    } else {
        view! { <label class="kern-label" for=id.clone()>{label} {optional}</label> }.into_any()
    };
    view! {
        <div class="kern-form-input" class:kern-form-input--error=has_error>
            {label_view}
            {hint.map(|hint| view! { <div class="kern-hint" id=format!("{id}-hint")>{hint}</div> })}
            <InlineError field=id.clone() problem />
            <input
                class="kern-form-input__input"
                class:kern-form-input__input--error=has_error
                type=input_type
                id=id
                name=name
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                aria-describedby=describedby
                aria-invalid=has_error.then_some("true")
            />
        </div>
    }
}

/// A labelled file field (forms with `enctype="multipart/form-data"`), with its hint and error.
#[component]
pub fn FileField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    accept: &'static str,
    #[prop(optional_no_strip)] problem: Option<Problem>,
) -> impl IntoView {
    let has_error = problem.is_some();
    let describedby = described_by(&id, hint.is_some(), has_error);
    view! {
        <div class="kern-form-input" class:kern-form-input--error=has_error>
            <label class="kern-label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div class="kern-hint" id=format!("{id}-hint")>{hint}</div> })}
            <InlineError field=id.clone() problem />
            <input
                class="kern-form-input__input"
                type="file"
                id=id
                name=name
                accept=accept
                aria-describedby=describedby
                aria-invalid=has_error.then_some("true")
            />
        </div>
    }
}

/// A labelled multi-line text field.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(optional_no_strip)] problem: Option<Problem>,
    #[prop(optional, into)] value: String,
    #[prop(default = 5)] rows: u32,
    /// Render the label as the page's heading (one question per page).
    #[prop(optional)]
    label_is_heading: bool,
) -> impl IntoView {
    let hint = hint.filter(|h| !h.is_empty());
    let has_error = problem.is_some();
    let describedby = described_by(&id, hint.is_some(), has_error);
    let label_view = if label_is_heading {
        view! {
            <h1 class="kern-heading-large">
                <label class="kern-label kern-label--large" for=id.clone()>{label}</label>
            </h1>
        }
        .into_any()
    } else {
        view! { <label class="kern-label" for=id.clone()>{label}</label> }.into_any()
    };
    view! {
        <div class="kern-form-input" class:kern-form-input--error=has_error>
            {label_view}
            {hint.map(|hint| view! { <div class="kern-hint" id=format!("{id}-hint")>{hint}</div> })}
            <InlineError field=id.clone() problem />
            <textarea
                class="kern-form-input__input"
                class:kern-form-input__input--error=has_error
                id=id
                name=name
                rows=rows
                aria-describedby=describedby
                aria-invalid=has_error.then_some("true")
            >
                {value}
            </textarea>
        </div>
    }
}

/// One radio button of a group.
#[derive(Clone, Debug)]
pub struct RadioOption {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
}

/// Radio buttons for one answer. The first button carries the group's id so that the error
/// summary's link lands on it.
#[component]
pub fn Radios(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    options: Vec<RadioOption>,
    #[prop(optional, into)] selected: Option<String>,
    #[prop(optional)] has_error: bool,
) -> impl IntoView {
    view! {
        <div class="kern-fieldset__body">
            {options
                .into_iter()
                .enumerate()
                .map(|(i, option)| {
                    let input_id = if i == 0 { id.clone() } else { format!("{id}-{}", option.value) };
                    let hint_id = format!("{input_id}-choice-hint");
                    let checked = selected.as_deref() == Some(option.value.as_str());
                    view! {
                        <div class="kern-form-check">
                            <input
                                class="kern-form-check__radio"
                                class:kern-form-check__radio--error=has_error
                                type="radio"
                                id=input_id.clone()
                                name=name.clone()
                                value=option.value
                                checked=checked
                                aria-describedby=option.hint.is_some().then(|| hint_id.clone())
                            />
                            <label class="kern-label" for=input_id>{option.label}</label>
                            {option.hint.map(|hint| view! { <div class="kern-hint" id=hint_id>{hint}</div> })}
                        </div>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// The primary button of a form.
#[component]
pub fn SubmitButton(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <button type="submit" class="kern-btn kern-btn--primary">
            <span class="kern-label">{label}</span>
        </button>
    }
}

/// "Zurück" to the previous step; a real link, so it works without JavaScript.
#[component]
pub fn BackLink(href: String) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <a class="kern-link back-link" href=href>
            <span class="kern-icon kern-icon--arrow-back" aria-hidden="true"></span>
            {t.back}
        </a>
    }
}

/// A labelled select of choices, with an "any"/"none" first option when `empty` is given.
#[component]
pub fn ChoiceSelect(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    choices: Vec<crate::model::Choice>,
    #[prop(optional, into)] selected: String,
    #[prop(optional, into)] empty: Option<String>,
    #[prop(optional_no_strip)] problem: Option<Problem>,
) -> impl IntoView {
    let t = use_lang().texts();
    let error_id = format!("{id}-error");
    let has_error = problem.is_some();
    view! {
        <div class=if has_error { "kern-form-input kern-form-input--error" } else { "kern-form-input" }>
            <label class="kern-label" for=id.clone()>{label}</label>
            {problem.map(|p| view! {
                <p class="kern-error" id=error_id.clone()><span class="kern-body">{p.message(t)}</span></p>
            })}
            <div class="kern-form-input__select-wrapper">
                <select
                    class="kern-form-input__select"
                    id=id
                    name=name
                    aria-describedby=has_error.then(|| error_id.clone())
                    aria-invalid=has_error.then_some("true")
                >
                    {empty.map(|e| view! { <option value="">{e}</option> })}
                    {choices.into_iter().map(|c| {
                        let chosen = c.value == selected;
                        view! { <option value=c.value selected=chosen>{c.label}</option> }
                    }).collect_view()}
                </select>
            </div>
        </div>
    }
}
