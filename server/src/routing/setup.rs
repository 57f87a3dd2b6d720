//! The configuration pages' port (`kiezwerk_app::admin::port::Setup`): a municipality's
//! administrators see the configuration in force, check a draft — what it changes, and where
//! the last 90 days' reports would go under it, routed exactly as reports are — publish it,
//! restore an earlier publication, and test how a report at a place would be routed. The
//! upload and download are in [`super::setup_http`].

use super::setup_forms::{self, at_most, category_rows, department_rows, rule_rows, MAX_LINES};
use super::setup_questions;
use crate::core::access::{allows, Permission};
use crate::core::geo::polygon::bounds;
use crate::core::geo::shapes::same_shape;
use crate::core::geo::Coordinates;
use crate::core::port::internal;
use crate::core::time::format_time;
use crate::core::Core;
use crate::routing::{self, AreaMatch, MunicipalityMatch, RoutingError};
use crate::tenants::boundaries::Authority;
use crate::tenants::config::MunicipalityConfig;
use crate::tenants::publishing::{self, PublishRefusal};
use crate::tenants::publishing::{change, Edit};
use crate::tenants::starter;
use crate::tenants::{Department, Municipality, Registry, Tenants};
use kiezwerk_app::admin::model::{
    AreaRow, CategoriesView, CategoryForm, CategoryFormView, ConfigView, DepartmentForm,
    DepartmentFormView, DepartmentsView, DraftSummary, DraftView, HistoryEntry, HistoryView, Move,
    PlaceOutcome, PlaceQuery, PlaceView, QuestionForm, QuestionFormView, Reroute, RuleForm,
    RulesView, SetupRefusal,
};
use kiezwerk_app::admin::texts::{texts, SetupTexts};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{Choice, FieldError, Flash, MunicipalityId, Problem, Viewer};
use kiezwerk_app::port::PortError;
use kiezwerk_app::report::model::MapSettings;
use std::collections::BTreeMap;

/// How far back the preview of a draft looks.
pub const PREVIEW_DAYS: i64 = 90;

/// How many of the recorded changes the draft page lists.
const EDITS_SHOWN: i64 = 20;

/// The state the configuration pages need.
#[derive(Clone)]
pub struct Setup {
    pub core: Core,
    pub tenants: Tenants,
}

impl Setup {
    /// The municipality if the viewer may configure it.
    pub fn place(&self, viewer: Option<&Viewer>, slug: &str) -> Option<&Municipality> {
        self.tenants
            .registry
            .by_slug(slug)
            .filter(|m| allows(viewer, Permission::Configure, m.id))
    }
}

/// The port, over the configuration's state.
pub struct SetupPort(pub Setup);

fn refused(message: String) -> PortError<SetupRefusal> {
    PortError::Refused(SetupRefusal::Invalid(vec![message]))
}

/// "Fassung 3 vom …, veröffentlicht von …" of the newest publication.
async fn version_line(
    setup: &Setup,
    municipality_id: MunicipalityId,
    lang: Lang,
) -> anyhow::Result<Option<String>> {
    let s = texts(lang);
    let newest = publishing::publications(&setup.core.db, municipality_id)
        .await?
        .into_iter()
        .next();
    Ok(newest.map(|p| {
        fill(
            s.version_line,
            &[
                &p.number.to_string(),
                &format_time(p.published_at, lang),
                &by(s, p.by),
            ],
        )
    }))
}

fn by(s: &SetupTexts, name: Option<String>) -> String {
    name.unwrap_or_else(|| s.command_line.to_owned())
}

/// The configuration as the overview's tables show it, in `lang`.
fn overview_rows(config: &MunicipalityConfig, lang: Lang, view: &mut ConfigView) {
    view.departments = department_rows(config, lang);
    view.categories = category_rows(config, lang);
    view.areas = config
        .areas
        .iter()
        .map(|a| AreaRow {
            code: a.code.clone(),
            name: a.name.clone(),
            kind: a.kind.clone(),
        })
        .collect();
    view.rules = rule_rows(config, lang);
}

/// Where the reports of the last [`PREVIEW_DAYS`] would go under `draft`, against where the
/// configuration in force sends them; both decided as routing decides. Those of the
/// municipality, and — when the draft moves the boundary — the neighbours' reports it would
/// take, and its own it would hand to a neighbour.
async fn reroute(
    setup: &Setup,
    current: &Municipality,
    draft: &MunicipalityConfig,
    lang: Lang,
) -> anyhow::Result<Reroute> {
    let candidate = Municipality::from_config(current.id, draft)?;
    let registry = &setup.tenants.registry;
    let moves_boundary = !same_shape(&current.shape, &candidate.shape);
    // Where a point goes with the draft in force, when that is another municipality.
    let elsewhere = |point: Option<Coordinates>| -> Option<&Municipality> {
        let point = point.filter(|_| moves_boundary)?;
        let id = routing::locate_replacing(registry, &candidate, point)?;
        registry.by_id(id).filter(|m| m.id != current.id)
    };
    let since = setup.core.clock.now_ms() - PREVIEW_DAYS * 86_400_000;
    // Category code, position, and the area the citizen chose when they gave no position.
    type ReportRow = (String, Option<f64>, Option<f64>, Option<i64>);
    let rows: Vec<ReportRow> = sqlx::query_as(
        "select c.code, r.lat, r.lon, r.area_id from reports r join categories c on c.id = r.category_id \
         where r.municipality_id = $1 and r.created_at >= $2",
    )
    .bind(current.id.0)
    .bind(since)
    .fetch_all(&setup.core.db.pool)
    .await?;
    let mut result = Reroute {
        days: PREVIEW_DAYS,
        reports: rows.len(),
        ..Reroute::default()
    };
    let mut moves: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (category, lat, lon, area_id) in rows {
        let point = Coordinates::from_columns(lat, lon);
        let area_code = area_id
            .and_then(|id| current.area(id))
            .map(|a| a.code.as_str());
        let before = department_of(current, &category, point, area_code);
        let from = before.map(|d| d.name(lang).to_owned()).unwrap_or_default();
        if let Some(neighbour) = elsewhere(point) {
            result.moved += 1;
            *moves.entry((from, neighbour.name.clone())).or_default() += 1;
            continue;
        }
        let Some(after) = department_of(&candidate, &category, point, area_code) else {
            result.category_gone += 1;
            continue;
        };
        // Departments are the same department when their codes are (names may change).
        if before.map(|d| d.code.as_str()) != Some(after.code.as_str()) {
            result.moved += 1;
            *moves
                .entry((from, after.name(lang).to_owned()))
                .or_default() += 1;
        }
    }
    if moves_boundary {
        // The neighbours' reports within the draft boundary's box.
        let [west, south, east, north] = candidate.boundary.bounding_box();
        type NeighbourRow = (i64, String, f64, f64);
        let rows: Vec<NeighbourRow> = sqlx::query_as(
            "select r.municipality_id, c.code, r.lat, r.lon from reports r join categories c on c.id = r.category_id \
             where r.municipality_id <> $1 and r.created_at >= $2 and r.lat between $3 and $4 \
             and r.lon between $5 and $6",
        )
        .bind(current.id.0)
        .bind(since)
        .bind(south)
        .bind(north)
        .bind(west)
        .bind(east)
        .fetch_all(&setup.core.db.pool)
        .await?;
        for (municipality_id, category, lat, lon) in rows {
            let Some(point) = Coordinates::new(lat, lon) else {
                continue;
            };
            if routing::locate_replacing(registry, &candidate, point) != Some(current.id) {
                continue;
            }
            let Some(neighbour) = registry.by_id(MunicipalityId(municipality_id)) else {
                continue;
            };
            let before = department_of(neighbour, &category, Some(point), None)
                .map(|d| d.name(lang).to_owned())
                .unwrap_or_default();
            let after = department_of(&candidate, &category, Some(point), None)
                .map(|d| d.name(lang).to_owned())
                .unwrap_or_else(|| candidate.name.clone());
            result.reports += 1;
            result.moved += 1;
            result.from_neighbours += 1;
            *moves
                .entry((format!("{before} ({})", neighbour.name), after))
                .or_default() += 1;
        }
    }
    let mut moves: Vec<Move> = moves
        .into_iter()
        .map(|((from, to), count)| Move { from, to, count })
        .collect();
    moves.sort_by(|a, b| b.count.cmp(&a.count).then(a.from.cmp(&b.from)));
    result.moves = moves;
    Ok(result)
}

/// The department a report of `category` would go to in `m`: at its position, or in the area
/// the citizen chose (by code, so that it is found in a draft too).
fn department_of<'m>(
    m: &'m Municipality,
    category: &str,
    point: Option<Coordinates>,
    area_code: Option<&str>,
) -> Option<&'m Department> {
    let area_id = match point {
        Some(point) => routing::area_of(m, point).0,
        None => area_code.and_then(|c| m.areas.iter().find(|a| a.code == c).map(|a| a.id)),
    };
    let decision = routing::route_in_area(m, category, area_id).ok()?;
    m.department(decision.department_id)
}

/// A refusal to show on the page, or the port's internal error.
fn publish_refusal(refusal: PublishRefusal, lang: Lang) -> PortError<SetupRefusal> {
    let s = texts(lang);
    match refusal {
        PublishRefusal::NoDraft => refused(s.err_no_draft.to_owned()),
        PublishRefusal::Replaced => refused(s.err_draft_replaced.to_owned()),
        PublishRefusal::Invalid(problems) => PortError::Refused(SetupRefusal::Invalid(at_most(
            problems,
            MAX_LINES,
            s.more_problems,
        ))),
        PublishRefusal::Stale {
            based_on,
            in_force,
            since,
        } => {
            let first = match based_on {
                Some(basis) => fill(s.err_stale, &[&in_force.to_string(), &basis.to_string()]),
                None => fill(s.err_stale_unknown, &[&in_force.to_string()]),
            };
            let changes = since.into_iter().map(|c| lang.pick(c.de, c.en)).collect();
            let mut lines = vec![first];
            lines.extend(at_most(changes, MAX_LINES - 2, s.err_stale_more));
            lines.push(s.err_stale_again.to_owned());
            PortError::Refused(SetupRefusal::Invalid(lines))
        }
    }
}

#[async_trait::async_trait]
impl kiezwerk_app::admin::port::Setup for SetupPort {
    async fn overview(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<ConfigView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        let db = &setup.core.db;
        // From the database, not this server's copy: right after publishing it is the new one.
        let config = publishing::current_of(db, municipality.id)
            .await
            .map_err(internal)?;
        let mut view = ConfigView {
            slug: municipality.slug.clone(),
            municipality: config.name.clone(),
            flash,
            version: version_line(setup, municipality.id, lang)
                .await
                .map_err(internal)?,
            ..ConfigView::default()
        };
        let draft = publishing::draft(db, municipality.id)
            .await
            .map_err(internal)?;
        view.has_draft = draft.is_some();
        let no_categories =
            |c: &MunicipalityConfig| c.groups.iter().all(|g| g.categories.is_empty());
        if no_categories(&config) && draft.as_ref().is_none_or(|d| no_categories(&d.config)) {
            view.starter = Some(starter::categories());
        }
        overview_rows(&config, lang, &mut view);
        Ok(Some(view))
    }

    async fn draft(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DraftView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        let s = texts(lang);
        let db = &setup.core.db;
        let draft = publishing::draft(db, municipality.id)
            .await
            .map_err(internal)?;
        let summary = match draft {
            None => None,
            Some(draft) => {
                let current = publishing::current_of(db, municipality.id)
                    .await
                    .map_err(internal)?;
                let kept =
                    publishing::kept_for_reports(db, municipality.id, &current, &draft.config)
                        .await
                        .map_err(internal)?;
                let changes = publishing::changes(Some(&current), &draft.config)
                    .into_iter()
                    .chain(kept)
                    .map(|c| lang.pick(c.de, c.en))
                    .collect();
                let reroute = reroute(setup, municipality, &draft.config, lang)
                    .await
                    .map_err(internal)?;
                let stale = setup_forms::stale_warning(&setup.core, municipality.id, lang)
                    .await
                    .map_err(internal)?;
                Some(DraftSummary {
                    stale,
                    uploaded: fill(
                        s.draft_uploaded,
                        &[&format_time(draft.uploaded_at, lang), &by(s, draft.by)],
                    ),
                    restores: draft.restores,
                    changes,
                    reroute,
                })
            }
        };
        let edits = publishing::edits(db, municipality.id, EDITS_SHOWN)
            .await
            .map_err(internal)?
            .into_iter()
            .map(|e| {
                fill(
                    s.edit_line,
                    &[
                        &format_time(e.at, lang),
                        &e.by.unwrap_or_else(|| "–".into()),
                        &lang.pick(e.what.de, e.what.en),
                    ],
                )
            })
            .collect();
        Ok(Some(DraftView {
            slug: municipality.slug.clone(),
            municipality: municipality.name.clone(),
            flash,
            draft: summary,
            edits,
        }))
    }

    async fn publish(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<i64, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        let authority = if viewer.is_platform_admin() {
            Authority::Platform
        } else {
            Authority::Municipality
        };
        let outcome = publishing::publish_draft(
            &setup.core.db,
            setup.tenants.registry.clone(),
            municipality.id,
            viewer.account_id.0,
            authority,
            setup.core.clock.now_ms(),
            lang,
        )
        .await
        .map_err(internal)?;
        let number = outcome.map_err(|r| publish_refusal(r, lang))?;
        tracing::info!(
            slug,
            number,
            account = viewer.account_id.0,
            "configuration published"
        );
        Ok(number)
    }

    async fn discard(&self, viewer: &Viewer, slug: &str) -> Result<(), PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        let what = change("Entwurf verworfen.".into(), "Draft discarded.".into());
        let edit = Edit {
            account_id: viewer.account_id.0,
            now: setup.core.clock.now_ms(),
            what: &what,
        };
        publishing::discard_draft(&setup.core.db, municipality.id, edit)
            .await
            .map_err(internal)?;
        Ok(())
    }

    async fn restore(
        &self,
        viewer: &Viewer,
        slug: &str,
        number: i64,
        lang: Lang,
    ) -> Result<(), PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        let db = &setup.core.db;
        let Some(config) = publishing::published(db, municipality.id, number)
            .await
            .map_err(internal)?
        else {
            return Err(refused(texts(lang).err_no_version.to_owned()));
        };
        let what = change(
            format!("Fassung {number} als Entwurf wiederhergestellt."),
            format!("Version {number} restored as the draft."),
        );
        let edit = Edit {
            account_id: viewer.account_id.0,
            now: setup.core.clock.now_ms(),
            what: &what,
        };
        publishing::save_draft(db, municipality.id, edit, &config, Some(number))
            .await
            .map_err(internal)
    }

    async fn history(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<HistoryView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        let s = texts(lang);
        let records = publishing::publications(&setup.core.db, municipality.id)
            .await
            .map_err(internal)?;
        let entries = records
            .into_iter()
            .enumerate()
            .map(|(i, p)| HistoryEntry {
                number: p.number,
                at: format_time(p.published_at, lang),
                by: by(s, p.by),
                changes: lang
                    .pick(p.changes_de, p.changes_en)
                    .lines()
                    .map(str::to_owned)
                    .collect(),
                restores: p.restores,
                current: i == 0,
            })
            .collect();
        Ok(Some(HistoryView {
            slug: municipality.slug.clone(),
            municipality: municipality.name.clone(),
            flash,
            entries,
        }))
    }

    async fn test_place(
        &self,
        viewer: &Viewer,
        slug: &str,
        query: PlaceQuery,
        lang: Lang,
    ) -> Result<Option<PlaceView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        let s = texts(lang);
        let draft = publishing::draft(&setup.core.db, municipality.id)
            .await
            .map_err(internal)?;
        let candidate = draft
            .map(|d| Municipality::from_config(municipality.id, &d.config))
            .transpose()
            .map_err(internal)?;
        // The categories in force, then those only the draft has.
        let mut categories: Vec<Choice> = Vec::new();
        for c in municipality
            .categories
            .iter()
            .chain(candidate.iter().flat_map(|m| m.categories.iter()))
            .filter(|c| c.active)
        {
            if !categories.iter().any(|k| k.value == c.code) {
                categories.push(Choice {
                    value: c.code.clone(),
                    label: c.name(lang).to_owned(),
                });
            }
        }
        let mut view = PlaceView {
            slug: municipality.slug.clone(),
            municipality: municipality.name.clone(),
            categories,
            has_draft: candidate.is_some(),
            query: query.clone(),
            map: Some(MapSettings {
                tile_url: setup.core.settings.map_tile_url.clone(),
                attribution: setup.core.settings.map_attribution.clone(),
                bounds: bounds(std::iter::once(&municipality.boundary))
                    .unwrap_or([52.3, 13.0, 52.7, 13.8]),
            }),
            ..PlaceView::default()
        };
        if query.lat.is_empty() && query.lon.is_empty() && query.category.is_empty() {
            return Ok(Some(view));
        }
        let number = |v: &str| v.trim().replace(',', ".").parse::<f64>().ok();
        let mut errors = Vec::new();
        let mut refuse = |field: &str, text: &str| {
            errors.push(FieldError::new(field, Problem::Worded(text.to_owned())));
        };
        let lat = number(&query.lat).filter(|v| (-90.0..=90.0).contains(v));
        let lon = number(&query.lon).filter(|v| (-180.0..=180.0).contains(v));
        if lat.is_none() {
            refuse("lat", s.err_lat);
        }
        if lon.is_none() {
            refuse("lon", s.err_lon);
        }
        let offered = |m: &Municipality| m.category(&query.category).is_some_and(|c| c.active);
        let with_draft = query.with_draft() && candidate.is_some();
        if query.with_draft() && candidate.is_none() {
            refuse("version", s.err_no_draft);
        } else if with_draft {
            if !candidate.as_ref().is_some_and(offered) {
                refuse("category", s.err_category);
            }
        } else if !offered(municipality) {
            if candidate.as_ref().is_some_and(offered) {
                refuse("category", s.err_category_in_draft_only);
            } else {
                refuse("category", s.err_category);
            }
        }
        let point = lat
            .zip(lon)
            .and_then(|(lat, lon)| Coordinates::new(lat, lon));
        match (point, candidate) {
            (Some(point), candidate) if errors.is_empty() => {
                view.outcome = Some(match candidate.filter(|_| with_draft) {
                    // The draft alone: a report inside its boundary is routed by it.
                    Some(candidate) => explain(
                        &Registry::new(vec![candidate], 0),
                        municipality.id,
                        &query.category,
                        point,
                        lang,
                        s.outside_draft,
                    ),
                    None => explain(
                        &setup.tenants.registry,
                        municipality.id,
                        &query.category,
                        point,
                        lang,
                        s.outside_all,
                    ),
                });
            }
            _ => view.flash = Flash::errors(errors),
        }
        Ok(Some(view))
    }

    async fn adopt_starter(
        &self,
        viewer: &Viewer,
        slug: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_forms::adopt_starter(&setup.core, viewer, municipality, lang).await
    }

    async fn departments(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<DepartmentsView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        Ok(Some(
            setup_forms::departments(&setup.core, municipality, flash, lang).await?,
        ))
    }

    async fn department(
        &self,
        viewer: &Viewer,
        slug: &str,
        code: &str,
        flash: Flash,
        _lang: Lang,
    ) -> Result<Option<DepartmentFormView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        setup_forms::department(&setup.core, municipality, code, flash).await
    }

    async fn categories(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<CategoriesView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        Ok(Some(
            setup_forms::categories(&setup.core, municipality, flash, lang).await?,
        ))
    }

    async fn category(
        &self,
        viewer: &Viewer,
        slug: &str,
        code: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<CategoryFormView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        setup_forms::category(&setup.core, municipality, code, flash, lang).await
    }

    async fn save_category(
        &self,
        viewer: &Viewer,
        form: CategoryForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), &form.slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_forms::save_category(&setup.core, viewer, municipality, form, lang).await
    }

    async fn question(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<QuestionFormView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        setup_questions::question(&setup.core, municipality, (category, code), flash, lang).await
    }

    async fn save_question(
        &self,
        viewer: &Viewer,
        form: QuestionForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), &form.slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_questions::save_question(&setup.core, viewer, municipality, form, lang).await
    }

    async fn remove_question(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        let question = (category, code);
        setup_questions::rearrange_question(&setup.core, viewer, municipality, question, true, lang)
            .await
    }

    async fn move_question_up(
        &self,
        viewer: &Viewer,
        slug: &str,
        category: &str,
        code: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        let question = (category, code);
        setup_questions::rearrange_question(
            &setup.core,
            viewer,
            municipality,
            question,
            false,
            lang,
        )
        .await
    }

    async fn rules(
        &self,
        viewer: &Viewer,
        slug: &str,
        flash: Flash,
        lang: Lang,
    ) -> Result<Option<RulesView>, PortError> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Ok(None);
        };
        Ok(Some(
            setup_forms::rules(&setup.core, municipality, flash, lang).await?,
        ))
    }

    async fn add_rule(
        &self,
        viewer: &Viewer,
        form: RuleForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), &form.slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_forms::add_rule(&setup.core, viewer, municipality, form, lang).await
    }

    async fn remove_rule(
        &self,
        viewer: &Viewer,
        slug: &str,
        key: &str,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_forms::remove_rule(&setup.core, viewer, municipality, key, lang).await
    }

    async fn save_department(
        &self,
        viewer: &Viewer,
        form: DepartmentForm,
        lang: Lang,
    ) -> Result<String, PortError<SetupRefusal>> {
        let setup = &self.0;
        let Some(municipality) = setup.place(Some(viewer), &form.slug) else {
            return Err(PortError::Refused(SetupRefusal::Forbidden));
        };
        setup_forms::save_department(&setup.core, viewer, municipality, form, lang).await
    }
}

/// How a report of `category` at `point` would be routed, in words.
fn explain(
    registry: &Registry,
    configured: MunicipalityId,
    category: &str,
    point: Coordinates,
    lang: Lang,
    outside: &str,
) -> PlaceOutcome {
    let s = texts(lang);
    let decision = match routing::route(registry, category, point) {
        Ok(decision) => decision,
        Err(error) => {
            return PlaceOutcome::NotRouted(
                match error {
                    RoutingError::OutsideEveryMunicipality => outside,
                    RoutingError::CategoryNotOffered { .. } => s.category_not_offered,
                    RoutingError::NoRule { .. } => s.no_rule,
                }
                .to_owned(),
            )
        }
    };
    let Some(municipality) = registry.by_id(decision.municipality_id) else {
        return PlaceOutcome::NotRouted(s.outside_all.to_owned());
    };
    let municipality_text = match decision.municipality_match {
        MunicipalityMatch::Inside => fill(s.how_inside, &[&municipality.name]),
        MunicipalityMatch::Overlap { candidates } => fill(
            s.how_overlap,
            &[&municipality.name, &candidates.to_string()],
        ),
        MunicipalityMatch::Nearest { distance_m } => fill(
            s.how_nearest,
            &[&municipality.name, &distance_m.to_string()],
        ),
    };
    let area_name = decision
        .area_id
        .and_then(|id| municipality.area(id))
        .map(|a| a.name.clone());
    let area_text = match (decision.area_match, area_name) {
        (AreaMatch::Inside, Some(name)) | (AreaMatch::Chosen, Some(name)) => {
            fill(s.how_inside, &[&name])
        }
        (AreaMatch::Nearest { distance_m }, Some(name)) => {
            fill(s.how_nearest, &[&name, &distance_m.to_string()])
        }
        _ => s.how_no_area.to_owned(),
    };
    let rule = &decision.rule;
    let what = match (rule.category_id, rule.group_id) {
        (Some(id), _) => municipality
            .category_by_id(id)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_default(),
        (None, Some(id)) => fill(
            s.group_prefix,
            &[municipality
                .group(id)
                .map(|g| g.name(lang))
                .unwrap_or_default()],
        ),
        (None, None) => s.any.to_owned(),
    };
    let rule_area = rule
        .area_id
        .and_then(|id| municipality.area(id))
        .map(|a| a.name.clone())
        .unwrap_or_else(|| s.any.to_owned());
    let department = municipality
        .department(decision.department_id)
        .map(|d| d.name(lang).to_owned())
        .unwrap_or_default();
    PlaceOutcome::Routed {
        municipality: municipality_text,
        area: area_text,
        rule: format!(
            "{} × {} → {} ({} {})",
            what, rule_area, department, s.col_priority, rule.priority
        ),
        department,
        elsewhere: municipality.id != configured,
    }
}
