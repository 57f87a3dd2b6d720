//! The server side of the citizen's report flow: what the Leptos pages ask for, answered from
//! drafts, the municipal configuration and the shared intake pipeline.

use crate::drafts::{self, Draft, DraftData, DraftPlace};
use crate::reports::intake::{
    self, route_place, validate_address, validate_answers, validate_description, Channel,
    NewReport, Place,
};
use crate::reports::nearby::open_nearby;
use crate::reports::{parse_email, view, MAX_ADDRESS, MAX_DESCRIPTION, MAX_PHOTOS};
use crate::routing::{self, Coordinates};
use crate::state::AppState;
use crate::tenants::{Category, Municipality, Registry};
use kiezwerk_app::backend::{
    Backend, BackendError, DraftToken, DraftUpdate, Outcome, SubmitOutcome,
};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{
    AreaOption, CategoryGroup, CategoryOption, Choice, Confirmation, DraftView, FieldError, Flash,
    FlowState, LocationView, MapSettings, NearbyReport, PhotoView, Problem, Question, ReportView,
    Step, Viewer,
};
use kiezwerk_app::pages::report::check::summary_id;
use std::collections::BTreeMap;

/// Metres around the citizen's point in which open reports of the same kind are offered for
/// support.
pub const SUPPORT_RADIUS_M: f64 = 100.0;

pub struct WebBackend {
    pub state: AppState,
}

/// Logs the cause once; the citizen sees the generic technical-error page.
fn internal(error: impl std::fmt::Display) -> BackendError {
    tracing::error!(%error, "report flow failed");
    BackendError
}

/// The category a draft's questions and routing refer to: the one of the municipality the
/// place lies in, else the first municipality offering the code.
fn category_for<'a>(
    registry: &'a Registry,
    data: &DraftData,
) -> Option<(&'a Municipality, &'a Category)> {
    let code = data.category.as_deref()?;
    let by_place = data.place.as_ref().and_then(|place| match place {
        DraftPlace::Point { lat, lon } => Coordinates::new(*lat, *lon)
            .and_then(|p| routing::locate(registry, p))
            .map(|(m, _)| m),
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

/// Whether the draft's place is a point within 50 m of `point` (then a photo's position adds
/// nothing worth offering).
fn near_chosen_point(data: &DraftData, point: Coordinates) -> bool {
    let Some(DraftPlace::Point { lat, lon }) = data.place else {
        return false;
    };
    let metres_per_degree = 111_195.0;
    let dy = (lat - point.lat()) * metres_per_degree;
    let dx = (lon - point.lon()) * metres_per_degree * lat.to_radians().cos();
    (dx * dx + dy * dy).sqrt() < 50.0
}

/// "Berlin – Pankow" for a point, or the municipality alone where it has no areas.
fn place_name(registry: &Registry, point: Coordinates) -> Option<String> {
    let (municipality, _) = routing::locate(registry, point)?;
    let (area, _) = routing::area_of(municipality, point);
    Some(match area.and_then(|id| municipality.area(id)) {
        Some(area) => format!("{} – {}", municipality.name, area.name),
        None => municipality.name.clone(),
    })
}

/// The options of the "district or municipality" list: every area, and municipalities that
/// have none. Values are `slug` or `slug/area-code`.
fn area_options(registry: &Registry) -> Vec<AreaOption> {
    registry
        .municipalities
        .iter()
        .flat_map(|m| {
            if m.areas.is_empty() {
                vec![AreaOption {
                    value: m.slug.clone(),
                    label: m.name.clone(),
                }]
            } else {
                m.areas
                    .iter()
                    .map(|a| AreaOption {
                        value: format!("{}/{}", m.slug, a.code),
                        label: format!("{} – {}", m.name, a.name),
                    })
                    .collect()
            }
        })
        .collect()
}

fn resolve_area(registry: &Registry, value: &str) -> Option<(i64, Option<i64>)> {
    let (slug, area) = match value.split_once('/') {
        Some((slug, area)) => (slug, Some(area)),
        None => (value, None),
    };
    let m = registry.by_slug(slug)?;
    match area {
        Some(code) => m
            .areas
            .iter()
            .find(|a| a.code == code)
            .map(|a| (m.id, Some(a.id))),
        None if m.areas.is_empty() => Some((m.id, None)),
        None => None,
    }
}

/// Every category any municipality offers, grouped, once per code.
fn catalogue(registry: &Registry, lang: Lang) -> Vec<CategoryGroup> {
    let mut groups: Vec<CategoryGroup> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for m in &registry.municipalities {
        for c in m.categories.iter().filter(|c| c.active) {
            if !seen.insert(c.code.clone()) {
                continue;
            }
            let Some(group) = m.group(c.group_id) else {
                continue;
            };
            let option = CategoryOption {
                code: c.code.clone(),
                name: c.name(lang).to_owned(),
                hint: c.hint(lang).map(str::to_owned),
            };
            match groups.iter_mut().find(|g| g.code == group.code) {
                Some(g) => g.categories.push(option),
                None => groups.push(CategoryGroup {
                    code: group.code.clone(),
                    name: group.name(lang).to_owned(),
                    categories: vec![option],
                }),
            }
        }
    }
    groups
}

fn questions(category: &Category, lang: Lang) -> Vec<Question> {
    let pick = |de: &str, en: &str| match lang {
        Lang::De => de.to_owned(),
        Lang::En => en.to_owned(),
    };
    category
        .questions
        .iter()
        .map(|q| Question {
            code: q.code.clone(),
            label: pick(&q.label_de, &q.label_en),
            hint: match lang {
                Lang::De => q.hint_de.clone(),
                Lang::En => q.hint_en.clone(),
            },
            required: q.required,
            choices: q
                .choices
                .iter()
                .map(|c| Choice {
                    value: c.value.clone(),
                    label: pick(&c.label_de, &c.label_en),
                })
                .collect(),
            max_len: q.max_len,
        })
        .collect()
}

fn to_place(data: &DraftData) -> Option<Place> {
    Some(match data.place.as_ref()? {
        DraftPlace::Point { lat, lon } => Place::Point {
            at: Coordinates::new(*lat, *lon)?,
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

impl WebBackend {
    fn registry(&self) -> &Registry {
        &self.state.registry
    }

    /// The draft as the pages show it, in `lang`.
    /// Open reports of the draft's category within [`SUPPORT_RADIUS_M`] of its point.
    async fn nearby(&self, draft: &Draft, lang: Lang) -> Result<Vec<NearbyReport>, sqlx::Error> {
        let registry = self.registry();
        let (Some(code), Some(DraftPlace::Point { lat, lon })) =
            (draft.data.category.as_deref(), draft.data.place.as_ref())
        else {
            return Ok(Vec::new());
        };
        let Some(place) = to_place(&draft.data) else {
            return Ok(Vec::new());
        };
        let Ok(decision) = route_place(registry, code, &place, lang) else {
            return Ok(Vec::new());
        };
        let Some(municipality) = registry.by_id(decision.municipality_id) else {
            return Ok(Vec::new());
        };
        open_nearby(
            &self.state.db,
            municipality,
            Some(decision.category_id),
            *lat,
            *lon,
            SUPPORT_RADIUS_M,
            None,
            5,
            lang,
        )
        .await
    }

    fn view(&self, draft: &Draft, lang: Lang) -> DraftView {
        let registry = self.registry();
        let data = &draft.data;
        let selected = category_for(registry, data);
        let location = data.place.as_ref().map(|place| match place {
            DraftPlace::Point { lat, lon } => LocationView::Point {
                lat: *lat,
                lon: *lon,
                place: Coordinates::new(*lat, *lon)
                    .and_then(|p| place_name(registry, p))
                    .unwrap_or_default(),
            },
            DraftPlace::Described {
                municipality_id,
                area_id,
                address,
            } => {
                let m = registry.by_id(*municipality_id);
                let area = match (m, area_id.and_then(|id| m?.area(id))) {
                    (Some(m), Some(a)) => format!("{} – {}", m.name, a.name),
                    (Some(m), None) => m.name.clone(),
                    _ => String::new(),
                };
                LocationView::Described {
                    area,
                    address: address.clone(),
                }
            }
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
            category: selected.map(|(_, c)| CategoryOption {
                code: c.code.clone(),
                name: c.name(lang).to_owned(),
                hint: c.hint(lang).map(str::to_owned),
            }),
            questions: selected
                .map(|(_, c)| questions(c, lang))
                .unwrap_or_default(),
            answers: data.answers.clone(),
            answer_summary: selected
                .map(|(_, c)| view::answer_summary(c, &answers_map, lang))
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
                        .and_then(|(lat, lon)| Coordinates::new(lat, lon))
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

    /// Applies one answer to the draft's data, or says what is wrong with it.
    fn apply(
        &self,
        draft: &Draft,
        update: &DraftUpdate,
        lang: Lang,
    ) -> Result<DraftData, Vec<FieldError>> {
        let registry = self.registry();
        let mut data = draft.data.clone();
        let one = |field: &str, problem: Problem| vec![FieldError::new(field, problem)];
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
                let category = data.category.clone().unwrap_or_default();
                route_place(
                    registry,
                    &category,
                    &Place::Point { at, address: None },
                    lang,
                )
                .map_err(|e| vec![e])?;
                data.place = Some(DraftPlace::Point {
                    lat: at.lat(),
                    lon: at.lon(),
                });
            }
            DraftUpdate::PhotoLocation(photo_id) => {
                let point = draft
                    .photos
                    .iter()
                    .find(|p| p.id == *photo_id)
                    .and_then(|p| p.gps)
                    .and_then(|(lat, lon)| Coordinates::new(lat, lon))
                    .ok_or_else(|| one("photo", Problem::CoordinatesInvalid))?;
                let category = data.category.clone().unwrap_or_default();
                route_place(
                    registry,
                    &category,
                    &Place::Point {
                        at: point,
                        address: None,
                    },
                    lang,
                )
                .map_err(|e| one("photo", e.problem))?;
                data.place = Some(DraftPlace::Point {
                    lat: point.lat(),
                    lon: point.lon(),
                });
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
                    let category = data.category.clone().unwrap_or_default();
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
                data.description =
                    Some(validate_description(text).map_err(|p| one("description", p))?);
            }
            DraftUpdate::Contact(email) => {
                data.email = match email.trim() {
                    "" => None,
                    typed => Some(
                        parse_email(typed).ok_or_else(|| one("email", Problem::EmailInvalid))?,
                    ),
                };
                data.contact_answered = true;
            }
            DraftUpdate::RemovePhoto(_) => {}
        }
        Ok(data)
    }
}

fn step_of(update: &DraftUpdate) -> Step {
    match update {
        DraftUpdate::Category(_) => Step::Category,
        DraftUpdate::Answers { .. } => Step::Details,
        DraftUpdate::Point { .. } | DraftUpdate::Described { .. } => Step::Location,
        DraftUpdate::PhotoLocation(_) | DraftUpdate::RemovePhoto(_) => Step::Photos,
        DraftUpdate::Description(_) => Step::Description,
        DraftUpdate::Contact(_) => Step::Contact,
    }
}

/// The step a field of the intake belongs to.
fn step_of_field(field: &str) -> Step {
    match field {
        "category" => Step::Category,
        "lat" | "area" | "address" => Step::Location,
        "photo" => Step::Photos,
        "description" => Step::Description,
        "email" => Step::Contact,
        _ => Step::Details,
    }
}

/// The typed values of a refused answer, for re-display.
fn typed_values(update: &DraftUpdate) -> Vec<(String, String)> {
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

#[async_trait::async_trait]
impl Backend for WebBackend {
    async fn flow_state(
        &self,
        token: Option<&DraftToken>,
        lang: Lang,
    ) -> Result<FlowState, BackendError> {
        let registry = self.registry();
        let draft = match token {
            Some(token) => drafts::load(&self.state.db, self.state.clock.now_ms(), &token.0)
                .await
                .map_err(internal)?,
            None => None,
        };
        let settings = &self.state.settings;
        Ok(FlowState {
            groups: catalogue(registry, lang),
            areas: area_options(registry),
            municipalities: registry
                .municipalities
                .iter()
                .map(|m| m.name.clone())
                .collect(),
            draft: match draft.filter(|d| d.submitted.is_none()) {
                Some(d) => {
                    let mut view = self.view(&d, lang);
                    view.nearby = self.nearby(&d, lang).await.map_err(internal)?;
                    Some(view)
                }
                None => None,
            },
            map: MapSettings {
                tile_url: settings.map_tile_url.clone(),
                attribution: settings.map_attribution.clone(),
                bounds: crate::spatial::bounds(registry.municipalities.iter().map(|m| &m.boundary))
                    .unwrap_or([52.3, 13.0, 52.7, 13.8]),
            },
            max_photos: MAX_PHOTOS,
            max_photo_mb: settings.max_photo_mb,
            max_description: MAX_DESCRIPTION,
            max_address: MAX_ADDRESS,
        })
    }

    async fn new_draft(&self) -> Result<DraftToken, BackendError> {
        drafts::create(&self.state.db, self.state.clock.now_ms(), &Flash::default())
            .await
            .map(DraftToken)
            .map_err(internal)
    }

    async fn new_draft_expired_notice(&self) -> Result<DraftToken, BackendError> {
        let flash = Flash {
            step: Some(Step::Category),
            errors: vec![FieldError::new("category", Problem::DraftExpired)],
            values: Vec::new(),
        };
        drafts::create(&self.state.db, self.state.clock.now_ms(), &flash)
            .await
            .map(DraftToken)
            .map_err(internal)
    }

    async fn update_draft(
        &self,
        token: &DraftToken,
        update: DraftUpdate,
        lang: Lang,
    ) -> Result<Outcome, BackendError> {
        let db = &self.state.db;
        let Some(mut draft) = drafts::load(db, self.state.clock.now_ms(), &token.0)
            .await
            .map_err(internal)?
        else {
            return Ok(Outcome::NoDraft);
        };
        if draft.submitted.is_some() {
            return Ok(Outcome::NoDraft);
        }
        if let DraftUpdate::RemovePhoto(photo_id) = update {
            if let Some(key) = drafts::remove_photo(db, &draft.id, photo_id)
                .await
                .map_err(internal)?
            {
                if let Err(error) = self.state.photos.delete(&key).await {
                    tracing::warn!(%error, "removed photo's files stay until the cleanup");
                }
            }
            draft.photos.retain(|p| p.id != photo_id);
        }
        match self.apply(&draft, &update, lang) {
            Ok(data) => {
                draft.data = data;
                draft.flash = Flash::default();
                drafts::save(
                    db,
                    self.state.clock.now_ms(),
                    &draft.id,
                    &draft.data,
                    &draft.flash,
                )
                .await
                .map_err(internal)?;
                Ok(Outcome::Saved(Box::new(self.view(&draft, lang))))
            }
            Err(errors) => {
                let flash = Flash {
                    step: Some(step_of(&update)),
                    errors,
                    values: typed_values(&update),
                };
                drafts::set_flash(db, &draft.id, &flash)
                    .await
                    .map_err(internal)?;
                Ok(Outcome::Refused)
            }
        }
    }

    async fn support(
        &self,
        token: &DraftToken,
        reference: &str,
        lang: Lang,
    ) -> Result<Option<String>, BackendError> {
        let db = &self.state.db;
        let Some(draft) = drafts::load(db, self.state.clock.now_ms(), &token.0)
            .await
            .map_err(internal)?
            .filter(|d| d.submitted.is_none())
        else {
            return Ok(None);
        };
        let offered = self.nearby(&draft, lang).await.map_err(internal)?;
        let Some(reference) = crate::reports::normalize_reference(reference)
            .filter(|r| offered.iter().any(|o| &o.reference == r))
        else {
            return Ok(None);
        };
        let supported =
            crate::reports::intake::support(db, self.state.clock.now_ms(), &draft, &reference)
                .await
                .map_err(internal)?;
        Ok(supported.then_some(reference))
    }

    async fn submit(
        &self,
        token: &DraftToken,
        account: Option<i64>,
        lang: Lang,
    ) -> Result<SubmitOutcome, BackendError> {
        let db = &self.state.db;
        let Some(draft) = drafts::load(db, self.state.clock.now_ms(), &token.0)
            .await
            .map_err(internal)?
        else {
            return Ok(SubmitOutcome::NoDraft);
        };
        if let Some(done) = draft.submitted {
            return Ok(SubmitOutcome::Submitted {
                reference: done.reference,
                access: done.access,
            });
        }
        // On the summary page the errors link to the row of the answer concerned.
        let refuse = |errors: Vec<FieldError>| Flash {
            step: Some(Step::Check),
            errors: errors
                .into_iter()
                .map(|e| FieldError {
                    field: summary_id(step_of_field(&e.field)).to_owned(),
                    problem: e.problem,
                })
                .collect(),
            values: Vec::new(),
        };
        // Something still unanswered: the summary page sends the citizen to that question.
        if self.view(&draft, lang).first_missing_step().is_some() {
            return Ok(SubmitOutcome::Refused);
        }
        let (Some(category), Some(place)) = (draft.data.category.clone(), to_place(&draft.data))
        else {
            return Ok(SubmitOutcome::Refused);
        };
        let report = NewReport {
            category,
            place,
            description: draft.data.description.clone().unwrap_or_default(),
            answers: draft.data.answers.clone(),
            email: draft.data.email.clone(),
            photos: draft.photos.iter().map(|p| p.photo.clone()).collect(),
            channel: Channel::Web {
                draft_id: draft.id.clone(),
            },
            account,
        };
        match intake::submit(db, self.registry(), report, self.state.clock.now(), lang).await {
            Ok(created) => {
                self.state
                    .metrics
                    .report_submitted(self.registry(), &created, "web");
                Ok(SubmitOutcome::Submitted {
                    reference: created.reference,
                    access: created.access_token,
                })
            }
            Err(intake::IntakeError::Refused(errors)) => {
                drafts::set_flash(db, &draft.id, &refuse(errors))
                    .await
                    .map_err(internal)?;
                Ok(SubmitOutcome::Refused)
            }
            Err(intake::IntakeError::AlreadySubmitted) => {
                // A parallel request won; show its confirmation.
                match drafts::load(db, self.state.clock.now_ms(), &token.0)
                    .await
                    .map_err(internal)?
                    .and_then(|d| d.submitted)
                {
                    Some(done) => Ok(SubmitOutcome::Submitted {
                        reference: done.reference,
                        access: done.access,
                    }),
                    None => Ok(SubmitOutcome::NoDraft),
                }
            }
            Err(intake::IntakeError::Database(e)) => Err(internal(e)),
        }
    }

    async fn report(
        &self,
        reference: &str,
        access: Option<&str>,
        viewer: Option<&Viewer>,
        lang: Lang,
    ) -> Result<Option<ReportView>, BackendError> {
        let Some(reference) = crate::reports::normalize_reference(reference) else {
            return Ok(None);
        };
        view::report_view(
            &self.state.db,
            self.registry(),
            &reference,
            access,
            viewer,
            lang,
        )
        .await
        .map_err(internal)
    }

    async fn confirmation(
        &self,
        reference: &str,
        access: &str,
        lang: Lang,
    ) -> Result<Option<Confirmation>, BackendError> {
        let Some(reference) = crate::reports::normalize_reference(reference) else {
            return Ok(None);
        };
        view::confirmation(
            &self.state.db,
            self.registry(),
            &self.state.settings.public_url,
            &reference,
            access,
            lang,
        )
        .await
        .map_err(internal)
    }
}
