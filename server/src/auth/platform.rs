//! Platform administrators: every municipality of the deployment with its activity, and a new
//! municipality onboarded in the browser — name, short name, reference prefix, the central
//! reporting office's address and the boundary (checked as every configuration is) — with the
//! invitation of its first administrator, shown once.

use super::admin::{create_invitation, NewInvitation};
use super::audit::{self, Entry, Event};
use super::Auth;
use crate::core::http::upload::read_form;
use crate::core::http::{redirect_with_flash, MaybeViewer, PageError, RequestLang};
use crate::core::text::parse_email;
use crate::core::time::format_time;
use crate::reports::Status;
use crate::tenants::boundaries::{self, Authority};
use crate::tenants::config::{
    is_code, is_reference_prefix, DepartmentConfig, Emails, MunicipalityConfig, RuleConfig,
};
use crate::tenants::publishing::{self, CreateRefusal};
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::http::header;
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use kiezwerk_app::account::model::{MunicipalityRow, PlatformView};
use kiezwerk_app::account::serverfns::{NEW_MUNICIPALITY, PLATFORM};
use kiezwerk_app::cookies::{CookiePolicy, HANDOVER};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{FieldError, Flash, Problem, Role, Viewer};

/// Largest boundary file.
const BOUNDARY_MAX_BYTES: usize = 20 * 1024 * 1024;

/// The code of a new municipality's one department.
const CENTRAL_OFFICE: &str = "zentrale";

pub fn router() -> Router<Auth> {
    Router::new().route(
        NEW_MUNICIPALITY,
        post(create).layer(DefaultBodyLimit::max(BOUNDARY_MAX_BYTES + 64 * 1024)),
    )
}

/// Every municipality with its activity; `None` for anybody but a platform administrator.
pub async fn view(
    state: &Auth,
    viewer: &Viewer,
    flash: Flash,
    handover: Option<String>,
    lang: Lang,
) -> anyhow::Result<Option<PlatformView>> {
    if !viewer.is_platform_admin() {
        return Ok(None);
    }
    let t = lang.texts();
    let since = state.core.clock.now_ms() - 30 * 86_400_000;
    let open: Vec<&str> = Status::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(Status::code)
        .collect();
    let open_list = open
        .iter()
        .map(|code| format!("'{code}'"))
        .collect::<Vec<_>>()
        .join(", ");
    type Row = (String, String, String, i64, i64, Option<i64>, Option<i64>);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select m.slug, m.name, m.reference_prefix, \
         (select count(*) from reports r where r.municipality_id = m.id and r.created_at >= $1), \
         (select count(*) from reports r where r.municipality_id = m.id and r.status in ({open_list})), \
         (select max(number) from config_publications p where p.municipality_id = m.id), \
         (select max(published_at) from config_publications p where p.municipality_id = m.id) \
         from municipalities m order by m.name"
    ))
    .bind(since)
    .fetch_all(&state.core.db.pool)
    .await?;
    Ok(Some(PlatformView {
        municipalities: rows
            .into_iter()
            .map(
                |(slug, name, reference_prefix, reports_30_days, open, number, at)| {
                    MunicipalityRow {
                        slug,
                        name,
                        reference_prefix,
                        reports_30_days,
                        open,
                        version: number
                            .zip(at)
                            .map(|(n, at)| {
                                fill(
                                    t.platform_version,
                                    &[&n.to_string(), &format_time(at, lang)],
                                )
                            })
                            .unwrap_or_default(),
                    }
                },
            )
            .collect(),
        flash,
        handover,
    }))
}

/// The boundary from a GeoJSON file: a geometry, a Feature, or a FeatureCollection of one.
fn boundary_of(bytes: &[u8]) -> Result<geojson::Geometry, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    let geojson: geojson::GeoJson = text.parse().map_err(|e: geojson::Error| e.to_string())?;
    let geometry = match geojson {
        geojson::GeoJson::Geometry(g) => Some(g),
        geojson::GeoJson::Feature(f) => f.geometry,
        geojson::GeoJson::FeatureCollection(c) if c.features.len() == 1 => {
            c.features.into_iter().next().and_then(|f| f.geometry)
        }
        geojson::GeoJson::FeatureCollection(c) => {
            return Err(format!(
                "FeatureCollection with {} features; expected one",
                c.features.len()
            ))
        }
    };
    geometry.ok_or_else(|| "a Feature without geometry".to_owned())
}

/// `POST /verwaltung/neue-gemeinde`: the new municipality created, recorded as its first
/// version, and its first administrator's invitation shown once on the platform page; or back
/// there with every problem at its field and the typed values kept.
async fn create(
    State(state): State<Auth>,
    MaybeViewer(viewer): MaybeViewer,
    RequestLang(lang): RequestLang,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let viewer = viewer.ok_or(PageError::Unauthorized)?;
    if !viewer.is_platform_admin() {
        return Err(PageError::NotYours);
    }
    let t = lang.texts();
    let policy = CookiePolicy {
        secure: state.core.settings.is_https(),
    };
    let back = |flash: &Flash| redirect_with_flash(&state.core.settings, PLATFORM, flash);
    let (files, fields) = match read_form(&mut multipart, "grenze", BOUNDARY_MAX_BYTES).await {
        Ok(read) => read,
        Err(error) => {
            tracing::info!(%error, "boundary upload aborted");
            let problem = Problem::Worded(t.platform_err_boundary_missing.to_owned());
            return Ok(back(&Flash::errors(vec![FieldError::new(
                "grenze", problem,
            )])));
        }
    };
    let field = |name: &str| field_value(&fields, name);
    let (name, slug, prefix, email) = (
        field("name"),
        field("slug"),
        field("prefix"),
        field("email"),
    );
    let mut errors = Vec::new();
    let refuse = |errors: &mut Vec<FieldError>, field: &str, message: String| {
        errors.push(FieldError::new(field, Problem::Worded(message)));
    };
    if name.is_empty() || name.chars().count() > 100 {
        refuse(&mut errors, "name", t.platform_err_name.to_owned());
    }
    if !is_code(&slug) {
        refuse(&mut errors, "slug", t.platform_err_slug.to_owned());
    }
    if !is_reference_prefix(&prefix) {
        refuse(&mut errors, "prefix", t.platform_err_prefix.to_owned());
    }
    let email = parse_email(&email);
    if email.is_none() {
        refuse(&mut errors, "email", t.platform_err_email.to_owned());
    }
    let boundary = match files.into_iter().next().filter(|f| !f.bytes.is_empty()) {
        None => {
            refuse(
                &mut errors,
                "grenze",
                t.platform_err_boundary_missing.to_owned(),
            );
            None
        }
        Some(file) if file.too_large => {
            refuse(
                &mut errors,
                "grenze",
                fill(t.platform_err_boundary, &["> 20 MB"]),
            );
            None
        }
        Some(file) => match boundary_of(&file.bytes) {
            Ok(geometry) => Some(geometry),
            Err(e) => {
                refuse(&mut errors, "grenze", fill(t.platform_err_boundary, &[&e]));
                None
            }
        },
    };
    let config = match (boundary, email) {
        (Some(boundary), Some(email)) if errors.is_empty() => {
            let config = MunicipalityConfig {
                slug: slug.clone(),
                name: name.clone(),
                reference_prefix: prefix.clone(),
                boundary,
                departments: vec![DepartmentConfig {
                    code: CENTRAL_OFFICE.into(),
                    name_de: "Zentrale Meldestelle".into(),
                    name_en: "Central reporting office".into(),
                    email: Emails::one(email),
                }],
                groups: Vec::new(),
                areas: Vec::new(),
                rules: vec![RuleConfig {
                    category: None,
                    group: None,
                    area: None,
                    department: CENTRAL_OFFICE.into(),
                    priority: 0,
                }],
                retention: None,
            };
            // What is left to find is in the boundary (rings crossing themselves and the like,
            // or reaching into a neighbour): polygon work, off the executor.
            let registry = state.tenants.registry.clone();
            let (config, problems) = tokio::task::spawn_blocking(move || {
                let problems = match config.check(lang) {
                    Err(problems) => problems,
                    Ok(()) => {
                        boundaries::problems(&registry, &config, None, Authority::Platform, lang)
                    }
                };
                (config, problems)
            })
            .await?;
            for problem in problems {
                refuse(
                    &mut errors,
                    "grenze",
                    fill(t.platform_err_boundary, &[&problem]),
                );
            }
            Some(config)
        }
        _ => None,
    };
    let Some(config) = config.filter(|_| errors.is_empty()) else {
        return Ok(back(&Flash {
            errors,
            values: typed(&fields),
            notice: None,
        }));
    };
    let now = state.core.clock.now_ms();
    let id = match publishing::create(&state.core.db, viewer.account_id.0, now, &config).await? {
        Ok(id) => id,
        Err(refusal) => {
            let (field, message) = match refusal {
                CreateRefusal::SlugTaken => ("slug", fill(t.platform_err_slug_taken, &[&slug])),
                CreateRefusal::PrefixTaken => {
                    ("prefix", fill(t.platform_err_prefix_taken, &[&prefix]))
                }
            };
            return Ok(back(&Flash {
                errors: vec![FieldError::new(field, Problem::Worded(message))],
                values: typed(&fields),
                notice: None,
            }));
        }
    };
    let link = create_invitation(
        &state.core.db,
        now,
        &state.core.settings.public_url,
        NewInvitation {
            role: Role::MunicipalAdmin,
            municipality_id: Some(id),
            department_id: None,
            note: "",
            created_by: Some(viewer.account_id),
        },
    )
    .await?;
    audit::record(
        &state.core.db,
        now,
        Event::StaffInvited,
        Entry {
            actor_id: Some(viewer.account_id),
            municipality_id: Some(id),
            detail: Role::MunicipalAdmin.code(),
            ..Default::default()
        },
    )
    .await;
    tracing::info!(slug, account = viewer.account_id.0, "municipality created");
    let mut response = back(&Flash::notice(fill(t.platform_created, &[&name])));
    // Shown once on the page, never in a URL or log.
    response
        .headers_mut()
        .append(header::SET_COOKIE, policy.set(HANDOVER, &link, Some(120)));
    Ok(response)
}

/// The form's typed values, kept for the form when it is refused (not the file).
fn typed(fields: &[(String, String)]) -> Vec<(String, String)> {
    ["name", "slug", "prefix", "email"]
        .into_iter()
        .map(|k| (k.to_owned(), field_value(fields, k)))
        .collect()
}

/// A text field of the form, trimmed; empty when it is missing.
fn field_value(fields: &[(String, String)], name: &str) -> String {
    fields
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim().to_owned())
        .unwrap_or_default()
}
