//! "Gerät ausgefallen", one question per page: the machine (scanned, typed or picked), what
//! happened, a photo (optional), where the worker is, whether a replacement is needed; then
//! the answers to check, and send. Every step is a plain form; `bauhof.js` adds the camera
//! scan and the position from the phone.

use super::{loaded, param, query};
use crate::components::form::{
    BackLink, ChoiceSelect, ErrorSummary, RadioOption, Radios, SubmitButton, TextArea, TextField,
};
use crate::components::layout::{Page, StepCounter};
use crate::equipment::model::{BreakdownStep, DraftView};
use crate::equipment::serverfns::{
    home_path, load_draft, AnswerDamage, AnswerPlace, AnswerReplacement, AnswerUnit, SkipPhoto,
    SubmitBreakdown,
};
use crate::equipment::texts::use_texts;
use crate::i18n::fill;
use crate::model::Flash;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Script;

fn step_page(step: BreakdownStep) -> impl IntoView {
    let slug = param("slug");
    let returning = query("zurueck").is_some();
    loaded(
        move || load_draft(slug.clone()),
        move |draft| step_view(step, draft, returning),
    )
}

#[component]
pub fn UnitStep() -> impl IntoView {
    step_page(BreakdownStep::Unit)
}

#[component]
pub fn DamageStep() -> impl IntoView {
    step_page(BreakdownStep::Damage)
}

#[component]
pub fn PhotoStep() -> impl IntoView {
    step_page(BreakdownStep::Photo)
}

#[component]
pub fn PlaceStep() -> impl IntoView {
    step_page(BreakdownStep::Place)
}

#[component]
pub fn ReplacementStep() -> impl IntoView {
    step_page(BreakdownStep::Replacement)
}

#[component]
pub fn CheckStep() -> impl IntoView {
    step_page(BreakdownStep::Check)
}

/// A field's typed value after a refusal, else the draft's.
fn typed(flash: &Flash, field: &str, saved: &str) -> String {
    flash.value(field).unwrap_or(saved).to_owned()
}

fn step_view(step: BreakdownStep, draft: DraftView, returning: bool) -> AnyView {
    let b = use_texts();
    let slug = draft.slug.clone();
    let back = if returning {
        BreakdownStep::Check.path(&slug)
    } else {
        step.previous()
            .map(|s| s.path(&slug))
            .unwrap_or_else(|| home_path(&slug))
    };
    let flash = draft.flash.clone();
    let has_errors = !flash.errors.is_empty();
    let title = match step {
        BreakdownStep::Unit => b.step_unit,
        BreakdownStep::Damage => b.step_damage,
        BreakdownStep::Photo => b.step_photo,
        BreakdownStep::Place => b.step_place,
        BreakdownStep::Replacement => b.step_replacement,
        BreakdownStep::Check => b.step_check,
    };
    let hidden = view! {
        <input type="hidden" name="slug" value=slug.clone() />
        {returning.then(|| view! { <input type="hidden" name="zurueck" value="1" /> })}
    };
    let button = if returning {
        b.save_and_back
    } else {
        b.continue_button
    };
    let body = match step {
        BreakdownStep::Unit => unit_form(&draft, hidden.into_any(), button).into_any(),
        BreakdownStep::Damage => damage_form(&draft, hidden.into_any(), button).into_any(),
        BreakdownStep::Photo => photo_form(&draft, returning, button).into_any(),
        BreakdownStep::Place => place_form(&draft, hidden.into_any(), button).into_any(),
        BreakdownStep::Replacement => {
            replacement_form(&draft, hidden.into_any(), button).into_any()
        }
        BreakdownStep::Check => check_view(&draft).into_any(),
    };
    view! {
        <Page title=title has_errors>
            <div class="bauhof stack">
                <BackLink href=back />
                <ErrorSummary flash=has_errors.then(|| flash.clone()) />
                <StepCounter current=step.number() total=BreakdownStep::ALL.len() />
                {body}
            </div>
            <Script src="/js/bauhof.js" type_="module" />
        </Page>
    }
    .into_any()
}

fn unit_form(draft: &DraftView, hidden: AnyView, button: &'static str) -> impl IntoView {
    let b = use_texts();
    let flash = &draft.flash;
    let number = typed(
        flash,
        "number",
        draft.unit.as_ref().map(|u| u.number.as_str()).unwrap_or(""),
    );
    let problem = flash.error("number").cloned();
    let picks: Vec<RadioOption> = draft
        .my_units
        .iter()
        .map(|u| RadioOption {
            value: u.number.clone(),
            label: format!("{} – {}", u.number, u.type_name),
            hint: None,
        })
        .collect();
    view! {
        <form method="post" action=AnswerUnit::url() class="stack" novalidate data-scan-form>
            {hidden}
            <TextField id="number" name="number" label=b.step_unit hint=b.unit_hint value=number problem autocomplete="off" label_is_heading=true />
            <div class="bauhof-scan" data-scan hidden data-msg-scanning=b.scan_scanning data-msg-denied=b.scan_denied data-msg-found=b.scan_found>
                <button type="button" class="kern-btn kern-btn--secondary bauhof-big-button" data-scan-start>
                    <span class="kern-label">{b.scan_button}</span>
                </button>
                <video class="bauhof-scan__video" data-scan-video muted playsinline hidden aria-label=b.scan_video></video>
                <p class="kern-body" data-scan-status aria-live="polite"></p>
            </div>
            {(!picks.is_empty()).then(|| view! {
                <fieldset class="kern-fieldset">
                    <legend class="kern-label">{b.pick_mine}</legend>
                    <Radios id="picked" name="picked" options=picks />
                </fieldset>
            })}
            <SubmitButton label=button />
        </form>
    }
}

fn damage_form(draft: &DraftView, hidden: AnyView, button: &'static str) -> impl IntoView {
    let b = use_texts();
    let flash = &draft.flash;
    let damage = typed(flash, "damage", &draft.damage_code);
    let description = typed(flash, "description", &draft.description);
    let damage_problem = flash.error("damage").cloned();
    let description_problem = flash.error("description").cloned();
    let options: Vec<RadioOption> = draft
        .damages
        .iter()
        .map(|c| RadioOption {
            value: c.value.clone(),
            label: c.label.clone(),
            hint: None,
        })
        .collect();
    let has_error = damage_problem.is_some();
    view! {
        <form method="post" action=AnswerDamage::url() class="stack" novalidate>
            {hidden}
            {draft.unit.as_ref().map(|u| view! { <p class="kern-body">{fill(b.for_unit, &[&u.number, &u.type_name])}</p> })}
            <fieldset class="kern-fieldset" class:kern-fieldset--error=has_error aria-describedby=has_error.then_some("damage-error")>
                <legend class="kern-fieldset__legend"><h1 class="kern-heading-large">{b.step_damage}</h1></legend>
                <crate::components::form::InlineError field="damage".to_owned() problem=damage_problem />
                <Radios id="damage" name="damage" options selected=damage has_error />
            </fieldset>
            <TextArea id="description" name="description" label=b.description_label hint=b.description_hint value=description problem=description_problem rows=3 />
            <SubmitButton label=button />
        </form>
    }
}

fn photo_form(draft: &DraftView, returning: bool, button: &'static str) -> impl IntoView {
    let b = use_texts();
    let problem = draft.flash.error("photo").cloned();
    let upload = format!("/bauhof/{}/ausfall/foto", draft.slug);
    let slug = draft.slug.clone();
    view! {
        <h1 class="kern-heading-large">{b.step_photo}</h1>
        <p class="kern-body">{b.photo_hint}</p>
        {draft.photo_url.clone().map(|url| view! {
            <p><img class="bauhof-photo" src=url alt=b.photo_yours width="320" /></p>
            <form method="post" action=SkipPhoto::url()>
                <input type="hidden" name="slug" value=slug.clone() />
                <input type="hidden" name="remove" value="1" />
                <button type="submit" class="kern-btn kern-btn--tertiary"><span class="kern-label">{b.photo_remove}</span></button>
            </form>
        })}
        <form method="post" action=upload enctype="multipart/form-data" class="stack" novalidate>
            {returning.then(|| view! { <input type="hidden" name="zurueck" value="1" /> })}
            <div class="kern-form-input" class:kern-form-input--error=problem.is_some()>
                <label class="kern-label" for="photo">{b.photo_label}</label>
                <crate::components::form::InlineError field="photo".to_owned() problem=problem.clone() />
                <input class="kern-form-input__input" type="file" id="photo" name="foto" accept="image/jpeg,image/png,image/webp,image/heic" capture="environment" aria-describedby=problem.is_some().then_some("photo-error") />
            </div>
            <button type="submit" class="kern-btn kern-btn--secondary bauhof-big-button"><span class="kern-label">{b.photo_upload}</span></button>
        </form>
        <form method="post" action=SkipPhoto::url()>
            <input type="hidden" name="slug" value=slug />
            {returning.then(|| view! { <input type="hidden" name="zurueck" value="1" /> })}
            <SubmitButton label=if draft.photo_url.is_some() { button } else { b.photo_skip } />
        </form>
    }
}

fn place_form(draft: &DraftView, hidden: AnyView, button: &'static str) -> impl IntoView {
    let b = use_texts();
    let flash = &draft.flash;
    let (lat, lon, place) = (
        typed(flash, "lat", &draft.lat),
        typed(flash, "lon", &draft.lon),
        typed(flash, "place", &draft.place),
    );
    let (lat_problem, place_problem) = (flash.error("lat").cloned(), flash.error("place").cloned());
    let coordinates_open = lat_problem.is_some() || !lat.is_empty();
    view! {
        <form method="post" action=AnswerPlace::url() class="stack" novalidate data-locate-form>
            {hidden}
            <h1 class="kern-heading-large">{b.step_place}</h1>
            <div data-locate hidden data-msg-locating=b.locate_locating data-msg-found=b.locate_found data-msg-failed=b.locate_failed>
                <button type="button" class="kern-btn kern-btn--secondary bauhof-big-button" data-locate-start>
                    <span class="kern-label">{b.use_my_position}</span>
                </button>
                <p class="kern-body" data-locate-status aria-live="polite"></p>
            </div>
            <TextArea id="place" name="place" label=b.place_label hint=b.place_hint value=place problem=place_problem rows=2 />
            <details class="kern-details" open=coordinates_open>
                <summary class="kern-details__summary"><span class="kern-details__title">{b.coordinates}</span></summary>
                <div class="kern-details__body stack">
                    <TextField id="lat" name="lat" label=b.lat value=lat problem=lat_problem inputmode="decimal" optional=true />
                    <TextField id="lon" name="lon" label=b.lon value=lon inputmode="decimal" optional=true />
                </div>
            </details>
            <SubmitButton label=button />
        </form>
    }
}

fn replacement_form(draft: &DraftView, hidden: AnyView, button: &'static str) -> impl IntoView {
    let b = use_texts();
    let flash = &draft.flash;
    let needed = typed(flash, "needed", &draft.needed);
    let type_code = typed(flash, "type", &draft.type_code);
    let from = typed(flash, "from", &draft.from_value);
    let until = typed(flash, "until", &draft.until_value);
    let delivery = typed(flash, "delivery", &draft.delivery_code);
    let p = |f: &str| flash.error(f).cloned();
    let (needed_problem, type_problem, from_problem, until_problem, delivery_problem) =
        (p("needed"), p("type"), p("from"), p("until"), p("delivery"));
    let needed_options = vec![
        RadioOption {
            value: "ja".into(),
            label: b.yes_replacement.into(),
            hint: None,
        },
        RadioOption {
            value: "nein".into(),
            label: b.no_replacement.into(),
            hint: None,
        },
    ];
    let delivery_options = vec![
        RadioOption {
            value: "deliver".into(),
            label: b.delivery_deliver.into(),
            hint: Some(b.delivery_deliver_hint.into()),
        },
        RadioOption {
            value: "pickup".into(),
            label: b.delivery_pickup.into(),
            hint: Some(b.delivery_pickup_hint.into()),
        },
    ];
    let needed_error = needed_problem.is_some();
    let delivery_error = delivery_problem.is_some();
    view! {
        <form method="post" action=AnswerReplacement::url() class="stack" novalidate>
            {hidden}
            <fieldset class="kern-fieldset" class:kern-fieldset--error=needed_error>
                <legend class="kern-fieldset__legend"><h1 class="kern-heading-large">{b.step_replacement}</h1></legend>
                <crate::components::form::InlineError field="needed".to_owned() problem=needed_problem />
                <Radios id="needed" name="needed" options=needed_options selected=needed has_error=needed_error />
            </fieldset>
            <div class="stack bauhof-replacement">
                <p class="kern-body">{b.replacement_hint}</p>
                <ChoiceSelect id="type" name="type_code" label=b.replacement_type choices=draft.types.clone() selected=type_code empty=b.choose.to_owned() problem=type_problem />
                <TextField id="from" name="from" label=b.replacement_from input_type="datetime-local" value=from problem=from_problem />
                <TextField id="until" name="until" label=b.replacement_until input_type="datetime-local" value=until problem=until_problem />
                <fieldset class="kern-fieldset" class:kern-fieldset--error=delivery_error>
                    <legend class="kern-label">{b.delivery_question}</legend>
                    <crate::components::form::InlineError field="delivery".to_owned() problem=delivery_problem />
                    <Radios id="delivery" name="delivery" options=delivery_options selected=delivery has_error=delivery_error />
                </fieldset>
            </div>
            <SubmitButton label=button />
        </form>
    }
}

fn check_view(draft: &DraftView) -> impl IntoView {
    let b = use_texts();
    let slug = draft.slug.clone();
    let row = |label: &'static str, value: String, step: BreakdownStep, change: &'static str| {
        let href = format!("{}?zurueck=1", step.path(&slug));
        view! {
            <div class="kern-description-list-item">
                <dt class="kern-description-list-item__key">{label}</dt>
                <dd class="kern-description-list-item__value">{value}</dd>
                <dd class="kern-description-list-item__action">
                    <a class="kern-link" href=href>{b.change}<span class="sr-only">{format!(" {change}")}</span></a>
                </dd>
            </div>
        }
    };
    let unit = draft
        .unit
        .as_ref()
        .map(|u| format!("{} – {} ({})", u.number, u.type_name, u.yard))
        .unwrap_or_default();
    let damage = if draft.description.is_empty() {
        draft.damage.clone()
    } else {
        format!("{}: {}", draft.damage, draft.description)
    };
    let photo = if draft.photo_url.is_some() {
        b.photo_yes
    } else {
        b.photo_none
    };
    let replacement = if draft.needed == "ja" {
        format!("{}, {}, {}", draft.type_name, draft.window, draft.delivery)
    } else {
        b.replacement_not_needed.to_owned()
    };
    let missing = draft.missing;
    view! {
        <h1 class="kern-heading-large">{b.step_check}</h1>
        <dl class="kern-description-list">
            {row(b.check_unit, unit, BreakdownStep::Unit, b.check_unit)}
            {row(b.check_damage, damage, BreakdownStep::Damage, b.check_damage)}
            {row(b.check_photo, photo.to_owned(), BreakdownStep::Photo, b.check_photo)}
            {row(b.check_place, draft.place.clone(), BreakdownStep::Place, b.check_place)}
            {row(b.check_replacement, replacement, BreakdownStep::Replacement, b.check_replacement)}
        </dl>
        {match missing {
            Some(step) => view! {
                <p class="kern-body">{b.check_missing}" "<a class="kern-link" href=step.path(&slug)>{b.check_missing_link}</a></p>
            }.into_any(),
            None => view! {
                <form method="post" action=SubmitBreakdown::url()>
                    <input type="hidden" name="slug" value=slug.clone() />
                    <button type="submit" class="kern-btn kern-btn--primary bauhof-big-button">
                        <span class="kern-label">{b.send}</span>
                    </button>
                </form>
            }.into_any(),
        }}
    }
}
