//! The web flow's answers, decided without I/O: what an answer does to a draft (or which
//! fields it gets wrong), and the draft as its pages show it. The port ([`super::port`]) loads
//! and stores; the navigation between pages is the app's (`kiezwerk_app::report::flow`).

use super::answers;
use super::catalogue::{area_name, category_option, place_name, questions, resolve_area};
use super::drafts::{Draft, DraftData, DraftPlace};
use super::intake::{route_place, validate_address, validate_answers, validate_description, Place};
use crate::core::geo::Coordinates;
use crate::core::text::parse_email;
use crate::routing;
use crate::tenants::{Category, Municipality, Registry};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{FieldError, Problem};
use kiezwerk_app::report::model::{DraftView, LocationView, PhotoView};
use kiezwerk_app::report::port::DraftUpdate;
use std::collections::BTreeMap;

/// How close a photo's position may lie to the chosen point before offering it as the place
/// adds nothing.
const SAME_PLACE_M: f64 = 50.0;

/// The category a draft's questions and routing refer to: the one of the municipality the
/// place lies in, else the first municipality offering the code.
pub fn category_for<'a>(
    registry: &'a Registry,
    data: &DraftData,
) -> Option<(&'a Municipality, &'a Category)> {
    let code = data.category.as_deref()?;
    let by_place = data.place.as_ref().and_then(|place| match place {
        DraftPlace::Point(at) => routing::locate(registry, *at).map(|(m, _)| m),
        DraftPlace::Described {
            municipality_id, ..
        } => registry.by_id(*municipality_id),
    });
    by_place
        .and_then(|m| m.category(code).filter(|c| c.active).map(|c| (m, c)))
        .or_else(|| {
            registry
                .municipalities
                .iter()
                .find_map(|m| m.category(code).filter(|c| c.active).map(|c| (m, c)))
        })
}

/// The draft's place, as the intake takes it.
pub fn to_place(data: &DraftData) -> Option<Place> {
    Some(match data.place.as_ref()? {
        DraftPlace::Point(at) => Place::Point {
            at: *at,
            address: None,
        },
        DraftPlace::Described {
            municipality_id,
            area_id,
            address,
        } => Place::Described {
            municipality_id: *municipality_id,
            area_id: *area_id,
            address: address.clone(),
        },
    })
}

/// Whether the draft's place is a point near `point` (then a photo's position adds nothing
/// worth offering).
fn near_chosen_point(data: &DraftData, point: Coordinates) -> bool {
    matches!(data.place, Some(DraftPlace::Point(at)) if at.distance_m(point) < SAME_PLACE_M)
}

/// Applies one answer to the draft's data, or says what is wrong with it. Removing a photo
/// changes no answer (the port removes the photo itself).
pub fn apply(
    registry: &Registry,
    draft: &Draft,
    update: &DraftUpdate,
    lang: Lang,
) -> Result<DraftData, Vec<FieldError>> {
    let mut data = draft.data.clone();
    let one = |field: &str, problem: Problem| vec![FieldError::new(field, problem)];
    let category = data.category.clone().unwrap_or_default();
    match update {
        DraftUpdate::Category(code) => {
            let code = code.trim();
            if code.is_empty() {
                return Err(one("category", Problem::CategoryMissing));
            }
            if !registry
                .municipalities
                .iter()
                .any(|m| m.category(code).is_some_and(|c| c.active))
            {
                return Err(one("category", Problem::CategoryUnknown));
            }
            data.category = Some(code.to_owned());
            // Keep only answers the new category asks for.
            let codes: Vec<String> = category_for(registry, &data)
                .map(|(_, c)| c.questions.iter().map(|q| q.code.clone()).collect())
                .unwrap_or_default();
            data.answers.retain(|(code, _)| codes.contains(code));
        }
        DraftUpdate::Answers { question, answers } => {
            let (_, category) = category_for(registry, &data)
                .ok_or_else(|| one("category", Problem::CategoryMissing))?;
            let valid = validate_answers(category, answers, question.as_deref(), lang)?;
            match question {
                // One page, one question: the other answers stay as they were.
                Some(code) => {
                    data.answers.retain(|(c, _)| c != code);
                    data.answers.extend(valid);
                }
                None => data.answers = valid,
            }
        }
        DraftUpdate::Point { lat, lon } => {
            let at = Coordinates::parse(lat, lon)
                .ok_or_else(|| one("lat", Problem::CoordinatesInvalid))?;
            let place = Place::Point { at, address: None };
            route_place(registry, &category, &place, lang).map_err(|e| vec![e])?;
            data.place = Some(DraftPlace::Point(at));
        }
        DraftUpdate::PhotoLocation(photo_id) => {
            let at = draft
                .photos
                .iter()
                .find(|p| p.id == *photo_id)
                .and_then(|p| p.gps)
                .ok_or_else(|| one("photo", Problem::CoordinatesInvalid))?;
            let place = Place::Point { at, address: None };
            route_place(registry, &category, &place, lang).map_err(|e| one("photo", e.problem))?;
            data.place = Some(DraftPlace::Point(at));
        }
        DraftUpdate::Described { area, address } => {
            let mut problems = Vec::new();
            let resolved = if area.trim().is_empty() {
                problems.push(FieldError::new("area", Problem::AreaMissing));
                None
            } else {
                let resolved = resolve_area(registry, area.trim());
                if resolved.is_none() {
                    problems.push(FieldError::new("area", Problem::AreaUnknown));
                }
                resolved
            };
            let address = validate_address(address)
                .map_err(|p| problems.push(FieldError::new("address", p)))
                .ok();
            if let (Some((municipality_id, area_id)), Some(address)) = (resolved, address) {
                let place = Place::Described {
                    municipality_id,
                    area_id,
                    address: address.clone(),
                };
                match route_place(registry, &category, &place, lang) {
                    Ok(_) => {
                        data.place = Some(DraftPlace::Described {
                            municipality_id,
                            area_id,
                            address,
                        })
                    }
                    Err(e) => problems.push(e),
                }
            }
            if !problems.is_empty() {
                return Err(problems);
            }
        }
        DraftUpdate::Description(text) => {
            data.description = Some(validate_description(text).map_err(|p| one("description", p))?);
        }
        DraftUpdate::Contact(email) => {
            data.email = match email.trim() {
                "" => None,
                typed => {
                    Some(parse_email(typed).ok_or_else(|| one("email", Problem::EmailInvalid))?)
                }
            };
            data.contact_answered = true;
        }
        DraftUpdate::RemovePhoto(_) => {}
    }
    Ok(data)
}

/// The typed values of a refused answer, for re-display.
pub fn typed_values(update: &DraftUpdate) -> Vec<(String, String)> {
    match update {
        DraftUpdate::Answers { answers, .. } => answers.clone(),
        DraftUpdate::Point { lat, lon } => {
            vec![("lat".into(), lat.clone()), ("lon".into(), lon.clone())]
        }
        DraftUpdate::Described { area, address } => {
            vec![
                ("area".into(), area.clone()),
                ("address".into(), address.clone()),
            ]
        }
        DraftUpdate::Description(text) => vec![("description".into(), text.clone())],
        DraftUpdate::Contact(email) => vec![("email".into(), email.clone())],
        DraftUpdate::Category(_) | DraftUpdate::PhotoLocation(_) | DraftUpdate::RemovePhoto(_) => {
            Vec::new()
        }
    }
}

/// The draft as its pages show it, in `lang` (without the reports nearby, which need a query).
pub fn view(registry: &Registry, draft: &Draft, lang: Lang) -> DraftView {
    let data = &draft.data;
    let selected = category_for(registry, data);
    let location = data.place.as_ref().map(|place| match place {
        DraftPlace::Point(at) => LocationView::Point {
            lat: at.lat(),
            lon: at.lon(),
            place: place_name(registry, *at).unwrap_or_default(),
        },
        DraftPlace::Described {
            municipality_id,
            area_id,
            address,
        } => LocationView::Described {
            area: registry
                .by_id(*municipality_id)
                .map(|m| area_name(m, *area_id))
                .unwrap_or_default(),
            address: address.clone(),
        },
    });
    let responsible = data
        .category
        .as_deref()
        .zip(to_place(data))
        .and_then(|(code, place)| {
            let decision = route_place(registry, code, &place, lang).ok()?;
            let m = registry.by_id(decision.municipality_id)?;
            let department = m.department(decision.department_id)?;
            Some(format!("{} ({})", department.name(lang), m.name))
        });
    let answers_map: BTreeMap<String, String> = data.answers.iter().cloned().collect();
    DraftView {
        category: selected.map(|(_, c)| category_option(c, lang)),
        questions: selected
            .map(|(_, c)| questions(c, lang))
            .unwrap_or_default(),
        answers: data.answers.clone(),
        answer_summary: selected
            .map(|(_, c)| answers::summary(c, &answers_map, lang))
            .unwrap_or_default(),
        location,
        responsible,
        photos: draft
            .photos
            .iter()
            .map(|p| PhotoView {
                id: p.id,
                thumbnail_url: format!("/melden/fotos/{}/vorschau", p.id),
                gps_place: p
                    .gps
                    .filter(|point| !near_chosen_point(data, *point))
                    .and_then(|point| place_name(registry, point)),
            })
            .collect(),
        description: data.description.clone(),
        email: data.email.clone(),
        contact_answered: data.contact_answered,
        nearby: Vec::new(),
        flash: draft.flash.clone(),
    }
}
