use super::{FlowPage, ReturnField, StepContext};
use crate::components::form::{
    described_by, BackLink, ErrorSummary, InlineError, SubmitButton, TextArea,
};
use crate::components::layout::{Page, StepCounter};
use crate::components::location_map::LocationMap;
use crate::context::use_lang;
use crate::report::flow::Step;
use crate::report::model::LocationView;
use crate::report::serverfns::{DescribeLocation, SetPoint};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Where the problem is: a point (map, geolocation or typed coordinates) or, without a map, a
/// district and a description of the place.
#[component]
pub fn LocationStep() -> impl IntoView {
    view! { <FlowPage step=Step::Location content=location_form /> }
}

fn location_form(cx: StepContext) -> impl IntoView {
    let t = use_lang().texts();
    let flash = cx.flash.clone();
    let error = |field: &str| flash.as_ref().and_then(|f| f.error(field)).cloned();
    let value = |field: &str| {
        flash
            .as_ref()
            .and_then(|f| f.value(field))
            .map(str::to_owned)
    };
    let point_problem = error("lat");
    let area_problem = error("area");
    let address_problem = error("address");

    let (draft_lat, draft_lon, draft_area, draft_address) = match &cx.draft.location {
        Some(LocationView::Point { lat, lon, .. }) => (
            Some(format!("{lat:.6}")),
            Some(format!("{lon:.6}")),
            None,
            None,
        ),
        Some(LocationView::Described { area, address }) => {
            (None, None, Some(area.clone()), Some(address.clone()))
        }
        None => (None, None, None, None),
    };
    let lat = value("lat").or(draft_lat).unwrap_or_default();
    let lon = value("lon").or(draft_lon).unwrap_or_default();
    let address = value("address").or(draft_address).unwrap_or_default();
    let selected_area = value("area").or_else(|| {
        draft_area.and_then(|label| {
            cx.state
                .areas
                .iter()
                .find(|a| a.label == label)
                .map(|a| a.value.clone())
        })
    });
    let area_has_error = area_problem.is_some();
    let has_errors = cx.flash.is_some();
    let chosen = cx.draft.location.as_ref().map(LocationView::summary);

    view! {
        <Page title=t.location_title has_errors>
            <BackLink href=cx.back />
            <ErrorSummary flash=cx.flash.clone() />
            <StepCounter current=cx.position.0 total=cx.position.1 />
            <h1 class="kern-heading-large">{t.location_title}</h1>
            {chosen.map(|place| view! {
                <div class="kern-alert kern-alert--info current-location">
                    <div class="kern-alert__body">
                        <p class="kern-body"><strong>{t.location_chosen}": "</strong>{place}</p>
                    </div>
                </div>
            })}

            <form method="post" action=SetPoint::url() novalidate class="stack">
                <ReturnField returning=cx.returning />
                <LocationMap
                    tile_url=cx.state.map.tile_url.clone()
                    attribution=cx.state.map.attribution.clone()
                    bounds=cx.state.map.bounds
                />
                <details class="coordinates" open=point_problem.is_some()>
                    <summary class="kern-link">{t.location_coordinates_title}</summary>
                    <div class="stack">
                        <p class="kern-hint" id="lat-hint">{t.location_coordinates_hint}</p>
                        <InlineError field="lat".to_owned() problem=point_problem.clone() />
                        <div class="coordinates__fields">
                            <div class="kern-form-input">
                                <label class="kern-label" for="lat">{t.location_lat}</label>
                                <input
                                    class="kern-form-input__input"
                                    type="text"
                                    inputmode="decimal"
                                    id="lat"
                                    name="lat"
                                    value=lat
                                    aria-describedby=described_by("lat", true, point_problem.is_some())
                                    aria-invalid=point_problem.is_some().then_some("true")
                                />
                            </div>
                            <div class="kern-form-input">
                                <label class="kern-label" for="lon">{t.location_lon}</label>
                                <input
                                    class="kern-form-input__input"
                                    type="text"
                                    inputmode="decimal"
                                    id="lon"
                                    name="lon"
                                    value=lon
                                    aria-describedby="lat-hint"
                                />
                            </div>
                        </div>
                    </div>
                </details>
                <SubmitButton label=t.location_use_map_point />
            </form>

            <section class="stack location-alternative" aria-labelledby="alternative-title">
                <h2 class="kern-heading-medium" id="alternative-title">{t.location_alternative_title}</h2>
                <p class="kern-body">{t.location_alternative_hint}</p>
                <form method="post" action=DescribeLocation::url() novalidate class="stack">
                    <ReturnField returning=cx.returning />
                    <div class="kern-form-input" class:kern-form-input--error=area_has_error>
                        <label class="kern-label" for="area">{t.location_area_label}</label>
                        <InlineError field="area".to_owned() problem=area_problem />
                        <div class="kern-form-input__select-wrapper">
                            <select
                                class="kern-form-input__select"
                                class:kern-form-input__select--error=area_has_error
                                id="area"
                                name="gebiet"
                                aria-describedby=described_by("area", false, area_has_error)
                                aria-invalid=area_has_error.then_some("true")
                            >
                                <option value="">{t.location_area_choose}</option>
                                {cx.state.areas.iter().map(|area| {
                                    let selected = selected_area.as_deref() == Some(area.value.as_str());
                                    view! { <option value=area.value.clone() selected=selected>{area.label.clone()}</option> }
                                }).collect_view()}
                            </select>
                        </div>
                    </div>
                    <TextArea
                        id="address"
                        name="adresse"
                        label=t.location_address_label
                        hint=t.location_address_hint
                        problem=address_problem
                        value=address
                        rows=3
                    />
                    <button type="submit" class="kern-btn kern-btn--secondary">
                        <span class="kern-label">{t.location_use_description}</span>
                    </button>
                </form>
            </section>
        </Page>
    }
}
