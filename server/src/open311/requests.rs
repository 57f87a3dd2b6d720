//! Service requests: posted through the shared intake pipeline, and shown one at a time (and,
//! for [`super::list`], as the rows of a search).

use super::error::Open311Error;
use super::format::{self, Format};
use super::services::JurisdictionQuery;
use super::{authorised_key, jurisdiction, lang_of, public, split_file};
use crate::core::geo::Coordinates;
use crate::core::secret::new_token;
use crate::core::time::berlin;
use crate::photos::intake::{photo_problem, process_and_store, ProcessError};
use crate::reports::intake::{self, Channel, IntakeError, NewReport, Place};
use crate::reports::{view, Reference, Reports, Status};
use crate::tenants::Municipality;
use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Form;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::{DepartmentId, FieldError};
use serde_json::{json, Value};

/// The columns a request is shown from (see [`Row`]).
pub const COLUMNS: &str =
    "r.reference, r.status, r.category_id, r.department_id, r.lat, r.lon, r.area_id, \
     r.created_at, r.updated_at, (select count(*) from report_photos p where p.report_id = r.id)";

/// A request as shown: reference, status, category, department, lat, lon, area, created,
/// updated, number of photos.
pub type Row = (
    Reference,
    Status,
    i64,
    DepartmentId,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    i64,
    i64,
    i64,
);

/// A W3C date-time with the municipality's offset (`null` for an instant out of range).
pub fn iso(ms: i64) -> Value {
    jiff::Timestamp::from_millisecond(ms)
        .map(|t| {
            Value::String(
                t.to_zoned(berlin())
                    .strftime("%Y-%m-%dT%H:%M:%S%:z")
                    .to_string(),
            )
        })
        .unwrap_or(Value::Null)
}

/// One request in the specification's fields.
pub fn request_json(reports: &Reports, municipality: &Municipality, row: Row, lang: Lang) -> Value {
    let (
        reference,
        status,
        category_id,
        department_id,
        lat,
        lon,
        area_id,
        created,
        updated,
        photos,
    ) = row;
    let category = municipality.category_by_id(category_id);
    let area = area_id
        .and_then(|id| municipality.area(id))
        .map(|a| a.name.clone());
    let public_url = &reports.core.settings.public_url;
    json!({
        "service_request_id": reference,
        "status": if status.is_open() { "open" } else { "closed" },
        "status_notes": status.label(lang.texts()),
        "service_name": category.map(|c| c.name(lang)).unwrap_or_default(),
        "service_code": category.map(|c| c.code.as_str()).unwrap_or_default(),
        "agency_responsible": municipality.department(department_id).map(|d| d.name(lang)).unwrap_or_default(),
        "service_notice": null,
        "requested_datetime": iso(created),
        "updated_datetime": iso(updated),
        "expected_datetime": null,
        // The district, not the typed address: citizens' own words stay private.
        "address": area.unwrap_or_else(|| municipality.name.clone()),
        "address_id": null,
        "zipcode": null,
        "lat": lat,
        "long": lon,
        "media_url": (photos > 0).then(|| format!("{public_url}{}", view::photo_url(&reference, 0, false))),
    })
}

/// The parameters of `POST requests`, from either body format.
#[derive(Debug, Default)]
struct PostedRequest {
    fields: Vec<(String, String)>,
    media: Option<Vec<u8>>,
}

impl PostedRequest {
    fn get(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.trim().is_empty())
    }

    /// `attribute[code]=value` pairs.
    fn attributes(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter_map(|(k, v)| {
                let code = k.strip_prefix("attribute[")?.strip_suffix(']')?;
                Some((code.to_owned(), v.clone()))
            })
            .collect()
    }
}

/// Why a body could not be read: too large, or not a form.
fn unreadable(status: StatusCode, max_mb: u64, lang: Lang) -> Open311Error {
    let t = lang.texts();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        let message = fill(t.open311_too_large, &[&max_mb.to_string()]);
        Open311Error::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    } else {
        Open311Error::new(StatusCode::BAD_REQUEST, t.open311_unreadable)
    }
}

async fn read_post(reports: &Reports, request: Request) -> Result<PostedRequest, StatusCode> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, reports)
            .await
            .map_err(|e| e.status())?;
        return Ok(PostedRequest {
            fields,
            media: None,
        });
    }
    let mut form = Multipart::from_request(request, reports)
        .await
        .map_err(|e| e.status())?;
    let mut posted = PostedRequest::default();
    while let Some(field) = form.next_field().await.map_err(|e| e.status())? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "media" {
            let bytes = field.bytes().await.map_err(|e| e.status())?;
            if !bytes.is_empty() {
                posted.media = Some(bytes.to_vec());
            }
        } else {
            let value = field.text().await.map_err(|e| e.status())?;
            posted.fields.push((name, value));
        }
    }
    Ok(posted)
}

/// Maps the intake's field names to Open311 parameter names in error descriptions.
fn describe(problem: &FieldError, lang: Lang) -> String {
    let parameter = match problem.field.as_str() {
        "category" => "service_code".to_owned(),
        "lat" | "area" => "lat/long".to_owned(),
        "photo" => "media".to_owned(),
        "address" => "address_string".to_owned(),
        other => match other.strip_prefix("answer-") {
            Some(code) => format!("attribute[{code}]"),
            None => other.to_owned(),
        },
    };
    format!("{parameter}: {}", problem.problem.message(lang.texts()))
}

/// `POST requests`: a report from an authorised client, for its key's municipality.
pub async fn create_request(
    State(reports): State<Reports>,
    request: Request,
) -> Result<Response, Open311Error> {
    let format = Format::of_path(request.uri().path());
    let headers = request.headers().clone();
    let max_mb = reports.core.settings.max_photo_mb;
    let mut posted = read_post(&reports, request)
        .await
        .map_err(|status| unreadable(status, max_mb, lang_of(&headers, None)))?;
    let lang = lang_of(&headers, posted.get("locale"));
    let t = lang.texts();
    let (key, municipality) = authorised_key(
        &reports,
        posted.get("api_key"),
        posted.get("jurisdiction_id"),
        lang,
    )
    .await?;
    let api_key_id = key.id;
    if posted.get("media_url").is_some() {
        return Err(Open311Error::new(
            StatusCode::BAD_REQUEST,
            t.open311_media_url_refused,
        ));
    }
    let at = posted
        .get("lat")
        .zip(posted.get("long"))
        .and_then(|(lat, lon)| Coordinates::parse(lat, lon))
        .ok_or_else(|| {
            Open311Error::new(StatusCode::BAD_REQUEST, t.open311_coordinates_required)
        })?;

    let photos = match posted.media.take() {
        None => Vec::new(),
        Some(bytes) => match process_and_store(&reports.core, &reports.photos, bytes).await {
            Ok((photo, _gps)) => vec![photo],
            Err(ProcessError::Refused(e)) => {
                let problem = photo_problem(&e, "media", &reports.photos.limits);
                let message = describe(&FieldError::new("photo", problem), lang);
                return Err(Open311Error::new(StatusCode::BAD_REQUEST, message));
            }
            Err(ProcessError::Internal(e)) => return Err(Open311Error::internal(e, lang)),
        },
    };
    let token = new_token();
    let report = NewReport {
        category: posted.get("service_code").unwrap_or_default().to_owned(),
        place: Place::Point {
            at,
            address: posted.get("address_string").map(str::to_owned),
        },
        description: posted.get("description").unwrap_or_default().to_owned(),
        answers: posted.attributes(),
        email: posted.get("email").map(str::to_owned),
        photos: photos.clone(),
        channel: Channel::Open311 {
            api_key_id,
            municipality_id: municipality.id,
            token: token.clone(),
        },
        account: None,
    };
    let core = &reports.core;
    let registry = &reports.tenants.registry;
    let result = intake::submit(&core.db, registry, report, core.clock.now(), lang).await;
    if result.is_err() {
        for photo in &photos {
            let _ = reports.photos.store.delete(&photo.key).await;
        }
    }
    match result {
        Ok(created) => {
            core.metrics.report_submitted(&municipality.slug, "open311");
            let department = municipality
                .department(created.decision.department_id)
                .map(|d| d.name(lang).to_owned())
                .unwrap_or_default();
            let answer = json!([{
                "service_request_id": created.reference,
                "token": token,
                "service_notice": fill(t.open311_sent_to, &[&department]),
                "account_id": null,
            }]);
            Ok(format::respond(
                StatusCode::CREATED,
                format,
                format::REQUESTS,
                &answer,
            ))
        }
        Err(IntakeError::Refused(problems)) => Err(Open311Error::many(
            StatusCode::BAD_REQUEST,
            problems.iter().map(|p| describe(p, lang)).collect(),
        )),
        Err(IntakeError::AlreadySubmitted) => Err(Open311Error::new(
            StatusCode::CONFLICT,
            t.open311_already_submitted,
        )),
        Err(IntakeError::Database(e)) => Err(Open311Error::internal(e, lang)),
    }
}

/// `GET requests/{id}.{format}`: one request of the municipality.
pub async fn one_request(
    State(reports): State<Reports>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Result<Response, Open311Error> {
    let lang = lang_of(&headers, q.locale.as_deref());
    let (id, format) = split_file(&file, lang)?;
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    let not_found = || {
        let message = fill(lang.texts().open311_request_unknown, &[id]);
        Open311Error::new(StatusCode::NOT_FOUND, message)
    };
    let reference = Reference::parse(id).ok_or_else(not_found)?;
    let row: Option<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from reports r where r.reference = $1 and r.municipality_id = $2"
    ))
    .bind(&reference)
    .bind(municipality.id)
    .fetch_optional(&reports.core.db.pool)
    .await
    .map_err(|e| Open311Error::internal(e, lang))?;
    let row = row.ok_or_else(not_found)?;
    let answer = json!([request_json(&reports, municipality, row, lang)]);
    Ok(public(format, format::REQUESTS, &answer))
}
