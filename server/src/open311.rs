//! Open311 GeoReport v2 (JSON): <https://wiki.open311.org/GeoReport_v2>.
//!
//! `jurisdiction_id` is the municipality's slug, `service_code` the category code and
//! `service_request_id` the report's reference. Reports go through the same intake pipeline as
//! the web form. Our documented choices where the specification leaves room:
//! - `POST requests` takes form-urlencoded parameters as specified, and also `multipart/form-data`
//!   with the photo as a file part named `media` (our extension); `media_url` is refused, because
//!   fetching URLs on a client's behalf would let anyone make the server request arbitrary hosts.
//! - `lat` and `long` are required: the place decides the responsible department.
//! - Names and phone numbers (`first_name`, `last_name`, `phone`) are not stored (data minimisation).
//! - Public responses carry no description and, as `address`, the district instead of the typed
//!   address: citizens' own words may contain personal data.
//! - Errors are `[{"code": …, "description": …}]`, in German unless the request asks for English
//!   (`Accept-Language` or `locale=en`).

// Handlers answer early with a complete error response; boxing it would only add noise.
#![allow(clippy::result_large_err)]

use crate::apikeys;
use crate::clock::berlin;
use crate::reports::intake::{self, Channel, IntakeError, NewReport, Place};
use crate::reports::{normalize_reference, view, Status};
use crate::routing::Coordinates;
use crate::state::AppState;
use crate::tenants::Municipality;
use crate::web::{process_and_store, request_lang, ProcessError};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::FieldError;
use serde::Deserialize;
use serde_json::{json, Value};

/// How far back `GET requests` looks without dates, and the widest window it allows.
const DEFAULT_WINDOW_DAYS: i64 = 90;
/// Most results of one `GET requests`.
const MAX_RESULTS: i64 = 1000;

/// The API under `/open311`. Unknown paths and methods also answer in the error format.
pub fn router(max_photo_mb: u64) -> Router<AppState> {
    // One photo at the limit plus the other parameters; a larger body is refused unread.
    let body_limit = (max_photo_mb as usize + 1) * 1024 * 1024;
    let api = Router::new()
        .route("/discovery.json", get(discovery))
        .route("/v2/services.json", get(services))
        .route("/v2/services/{file}", get(service_definition))
        .route(
            "/v2/requests.json",
            get(list_requests)
                .post(create_request)
                .layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/v2/requests/{file}", get(one_request))
        .fallback(unknown_path)
        .method_not_allowed_fallback(wrong_method);
    Router::new().nest("/open311", api)
}

async fn unknown_path(headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    error(
        StatusCode::NOT_FOUND,
        msg(
            lang,
            "Nicht gefunden. Die Endpunkte stehen in /open311/discovery.json.",
            "Not found. The endpoints are listed in /open311/discovery.json.",
        ),
    )
}

async fn wrong_method(headers: HeaderMap) -> Response {
    let lang = request_lang(&headers);
    error(
        StatusCode::METHOD_NOT_ALLOWED,
        msg(
            lang,
            "Diese Methode ist hier nicht erlaubt.",
            "This method is not allowed here.",
        ),
    )
}

/// An Open311 error response.
fn error(status: StatusCode, description: impl Into<String>) -> Response {
    errors(status, vec![description.into()])
}

fn errors(status: StatusCode, descriptions: Vec<String>) -> Response {
    let body: Vec<Value> = descriptions
        .into_iter()
        .map(|d| json!({ "code": status.as_u16(), "description": d }))
        .collect();
    (status, Json(body)).into_response()
}

/// Public, read-only data: any web page may read it. Names and messages follow the request's
/// language, so caches must keep the languages apart.
fn public_json(value: Value) -> Response {
    (
        [
            (
                header::ACCESS_CONTROL_ALLOW_ORIGIN,
                HeaderValue::from_static("*"),
            ),
            (header::VARY, HeaderValue::from_static("Accept-Language")),
        ],
        Json(value),
    )
        .into_response()
}

fn lang_of(headers: &HeaderMap, locale: Option<&str>) -> Lang {
    locale
        .and_then(Lang::parse)
        .unwrap_or_else(|| request_lang(headers))
}

fn msg(lang: Lang, de: &str, en: &str) -> String {
    match lang {
        Lang::De => de.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The municipality a request is about; `jurisdiction_id` is required since Kiezwerk serves
/// several.
fn jurisdiction<'a>(
    state: &'a AppState,
    id: Option<&str>,
    lang: Lang,
) -> Result<&'a Municipality, Response> {
    match id.map(str::trim).filter(|s| !s.is_empty()) {
        None => Err(error(
            StatusCode::BAD_REQUEST,
            msg(
                lang,
                "jurisdiction_id fehlt (zum Beispiel \"berlin\").",
                "jurisdiction_id is missing (for example \"berlin\").",
            ),
        )),
        Some(slug) => state.registry.by_slug(slug).ok_or_else(|| {
            error(
                StatusCode::NOT_FOUND,
                msg(
                    lang,
                    &format!("Unbekannte jurisdiction_id \"{slug}\"."),
                    &format!("Unknown jurisdiction_id \"{slug}\"."),
                ),
            )
        }),
    }
}

/// `{code}.json` → `code`; other formats are not offered (yet).
fn json_file(file: &str, lang: Lang) -> Result<&str, Response> {
    match file.strip_suffix(".json") {
        Some(stem) if !stem.is_empty() => Ok(stem),
        _ if file.ends_with(".xml") => Err(error(
            StatusCode::BAD_REQUEST,
            msg(
                lang,
                "Nur das Format JSON wird unterstützt.",
                "Only the JSON format is supported.",
            ),
        )),
        _ => Err(error(
            StatusCode::NOT_FOUND,
            msg(lang, "Nicht gefunden.", "Not found."),
        )),
    }
}

fn iso(ms: i64) -> Value {
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

#[derive(Deserialize)]
struct JurisdictionQuery {
    jurisdiction_id: Option<String>,
    locale: Option<String>,
}

async fn discovery(State(state): State<AppState>) -> Response {
    let base = &state.settings.public_url;
    public_json(json!({
        "changeset": "2026-11-22T00:00:00Z",
        "contact": format!("{base}/datenschutz"),
        "key_service": "Schlüssel vergibt die Verwaltung der Gemeinde (kiezwerk apikey create).",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": format!("{base}/open311/v2"),
            "changeset": "2026-11-22T00:00:00Z",
            "type": "production",
            "formats": ["application/json"],
        }],
    }))
}

async fn services(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let lang = lang_of(&headers, q.locale.as_deref());
    let municipality = match jurisdiction(&state, q.jurisdiction_id.as_deref(), lang) {
        Ok(m) => m,
        Err(response) => return response,
    };
    let list: Vec<Value> = municipality
        .categories
        .iter()
        .filter(|c| c.active)
        .map(|c| {
            json!({
                "service_code": c.code,
                "service_name": c.name(lang),
                "description": c.hint(lang).unwrap_or_default(),
                "metadata": !c.questions.is_empty(),
                "type": "realtime",
                "keywords": "",
                "group": municipality.group(c.group_id).map(|g| g.name(lang)).unwrap_or_default(),
            })
        })
        .collect();
    public_json(Value::Array(list))
}

async fn service_definition(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let lang = lang_of(&headers, q.locale.as_deref());
    let code = match json_file(&file, lang) {
        Ok(code) => code,
        Err(response) => return response,
    };
    let municipality = match jurisdiction(&state, q.jurisdiction_id.as_deref(), lang) {
        Ok(m) => m,
        Err(response) => return response,
    };
    let Some(category) = municipality.category(code).filter(|c| c.active) else {
        return error(
            StatusCode::NOT_FOUND,
            msg(
                lang,
                &format!("Unbekannter service_code \"{code}\"."),
                &format!("Unknown service_code \"{code}\"."),
            ),
        );
    };
    let pick = |de: &str, en: &str| msg(lang, de, en);
    let attributes: Vec<Value> = category
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let choice = !q.choices.is_empty();
            json!({
                "variable": true,
                "code": q.code,
                "datatype": if choice { "singlevaluelist" } else { "string" },
                "required": q.required,
                "datatype_description": match lang {
                    Lang::De => q.hint_de.clone(),
                    Lang::En => q.hint_en.clone(),
                }.unwrap_or_default(),
                "order": i + 1,
                "description": pick(&q.label_de, &q.label_en),
                "values": q.choices.iter().map(|c| json!({ "key": c.value, "name": pick(&c.label_de, &c.label_en) })).collect::<Vec<_>>(),
            })
        })
        .collect();
    public_json(json!({ "service_code": category.code, "attributes": attributes }))
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
fn unreadable(status: StatusCode, state: &AppState, lang: Lang) -> Response {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        let max = state.settings.max_photo_mb;
        error(
            StatusCode::PAYLOAD_TOO_LARGE,
            msg(
                lang,
                &format!("Die Anfrage ist zu groß: ein Foto darf höchstens {max} MB haben."),
                &format!("The request is too large: a photo may have at most {max} MB."),
            ),
        )
    } else {
        error(
            StatusCode::BAD_REQUEST,
            msg(
                lang,
                "Die Anfrage ist nicht lesbar: erwartet wird application/x-www-form-urlencoded oder multipart/form-data.",
                "The request cannot be read: application/x-www-form-urlencoded or multipart/form-data is expected.",
            ),
        )
    }
}

async fn read_post(state: &AppState, request: Request) -> Result<PostedRequest, StatusCode> {
    let multipart = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let Form(fields) = Form::<Vec<(String, String)>>::from_request(request, state)
            .await
            .map_err(|e| e.status())?;
        return Ok(PostedRequest {
            fields,
            media: None,
        });
    }
    let mut form = Multipart::from_request(request, state)
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

async fn create_request(State(state): State<AppState>, request: Request) -> Response {
    let headers = request.headers().clone();
    let mut posted = match read_post(&state, request).await {
        Ok(p) => p,
        Err(status) => return unreadable(status, &state, lang_of(&headers, None)),
    };
    let lang = lang_of(&headers, posted.get("locale"));
    let key = match posted.get("api_key") {
        Some(key) => apikeys::verify(&state.db, key).await,
        None => Ok(None),
    };
    let (api_key_id, key_municipality) = match key {
        Ok(Some(found)) => found,
        Ok(None) => {
            return error(
                StatusCode::FORBIDDEN,
                msg(
                    lang,
                    "api_key fehlt oder ist ungültig.",
                    "api_key is missing or invalid.",
                ),
            )
        }
        Err(e) => {
            tracing::error!(error = %e, "verifying API key");
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                msg(lang, "Technischer Fehler.", "Technical error."),
            );
        }
    };
    let municipality = match jurisdiction(&state, posted.get("jurisdiction_id"), lang) {
        Ok(m) => m,
        Err(response) => return response,
    };
    if municipality.id != key_municipality {
        return error(
            StatusCode::FORBIDDEN,
            msg(
                lang,
                "Dieser api_key gilt nicht für diese jurisdiction_id.",
                "This api_key is not valid for this jurisdiction_id.",
            ),
        );
    }
    if posted.get("media_url").is_some() {
        return error(
            StatusCode::BAD_REQUEST,
            msg(
                lang,
                "media_url wird nicht unterstützt. Senden Sie das Foto als Datei im multipart-Feld \"media\".",
                "media_url is not supported. Send the photo as a file in the multipart field \"media\".",
            ),
        );
    }
    let Some(at) = posted
        .get("lat")
        .zip(posted.get("long"))
        .and_then(|(lat, lon)| Coordinates::parse(lat, lon))
    else {
        return error(
            StatusCode::BAD_REQUEST,
            msg(
                lang,
                "lat und long sind erforderlich (WGS84, Dezimalgrad); Adressen werden nicht geokodiert.",
                "lat and long are required (WGS84, decimal degrees); addresses are not geocoded.",
            ),
        );
    };

    let photos = match posted.media.take() {
        None => Vec::new(),
        Some(bytes) => match process_and_store(&state, bytes).await {
            Ok((photo, _gps)) => vec![photo],
            Err(ProcessError::Refused(e)) => {
                let problem = crate::web::photo_problem(&e, "media", &state.photo_limits);
                return error(
                    StatusCode::BAD_REQUEST,
                    describe(&FieldError::new("photo", problem), lang),
                );
            }
            Err(ProcessError::Internal(e)) => {
                tracing::error!(error = %e, "storing Open311 photo");
                return error(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    msg(lang, "Technischer Fehler.", "Technical error."),
                );
            }
        },
    };
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
        },
        account: None,
    };
    let result = intake::submit(&state.db, &state.registry, report, state.clock.now(), lang).await;
    if result.is_err() {
        for photo in &photos {
            let _ = state.photos.delete(&photo.key).await;
        }
    }
    match result {
        Ok(created) => {
            state
                .metrics
                .report_submitted(&state.registry, &created, "open311");
            let department = municipality
                .department(created.decision.department_id)
                .map(|d| d.name(lang).to_owned())
                .unwrap_or_default();
            (
                StatusCode::CREATED,
                Json(json!([{
                    "service_request_id": created.reference,
                    "service_notice": msg(lang, &format!("Weitergeleitet an {department}."), &format!("Sent to {department}.")),
                    "account_id": null,
                }])),
            )
                .into_response()
        }
        Err(IntakeError::Refused(problems)) => errors(
            StatusCode::BAD_REQUEST,
            problems.iter().map(|p| describe(p, lang)).collect(),
        ),
        Err(IntakeError::AlreadySubmitted) => error(StatusCode::CONFLICT, "already submitted"),
        Err(IntakeError::Database(e)) => {
            tracing::error!(error = %e, "Open311 intake failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                msg(lang, "Technischer Fehler.", "Technical error."),
            )
        }
    }
}

#[derive(Deserialize)]
struct ListQuery {
    jurisdiction_id: Option<String>,
    service_request_id: Option<String>,
    service_code: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    status: Option<String>,
    locale: Option<String>,
}

/// A W3C date-time (with offset) or a date (midnight in Berlin).
fn parse_date(input: &str) -> Option<i64> {
    let input = input.trim();
    if let Ok(ts) = input.parse::<jiff::Timestamp>() {
        return Some(ts.as_millisecond());
    }
    let date: jiff::civil::Date = input.parse().ok()?;
    date.to_zoned(berlin())
        .ok()
        .map(|z| z.timestamp().as_millisecond())
}

type ListRow = (
    String,
    String,
    i64,
    i64,
    Option<f64>,
    Option<f64>,
    Option<i64>,
    i64,
    i64,
    i64,
);

fn request_json(state: &AppState, municipality: &Municipality, row: ListRow, lang: Lang) -> Value {
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
    let status = Status::parse(&status).unwrap_or(Status::New);
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
        "media_url": (photos > 0).then(|| format!("{}{}", state.settings.public_url, view::photo_url(&reference, 0, false))),
    })
}

const LIST_COLUMNS: &str =
    "r.reference, r.status, r.category_id, r.department_id, r.lat, r.lon, r.area_id, \
     r.created_at, r.updated_at, (select count(*) from report_photos p where p.report_id = r.id)";

async fn list_requests(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Response {
    let lang = lang_of(&headers, q.locale.as_deref());
    let municipality = match jurisdiction(&state, q.jurisdiction_id.as_deref(), lang) {
        Ok(m) => m,
        Err(response) => return response,
    };
    // Placeholders are numbered as values are added; both databases understand `$n`.
    let mut sql = format!("select {LIST_COLUMNS} from reports r where r.municipality_id = $1");
    let mut binds: Vec<Bind> = vec![Bind::Int(municipality.id)];
    let mut push = |sql: &mut String, clause: &str, value: Bind| {
        binds.push(value);
        sql.push_str(&clause.replace("$?", &format!("${}", binds.len())));
    };
    if let Some(ids) = q
        .service_request_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        // Per the specification, explicit ids override every other filter.
        let ids: Vec<String> = ids
            .split(',')
            .filter_map(normalize_reference)
            .take(MAX_RESULTS as usize)
            .collect();
        if ids.is_empty() {
            return public_json(json!([]));
        }
        sql.push_str(" and r.reference in (");
        for (i, id) in ids.into_iter().enumerate() {
            push(&mut sql, if i == 0 { "$?" } else { ", $?" }, Bind::Text(id));
        }
        sql.push(')');
    } else {
        let now = state.clock.now_ms();
        let day = 24 * 60 * 60 * 1000;
        let parse = |value: Option<&str>, name: &str| -> Result<Option<i64>, Response> {
            match value.filter(|v| !v.trim().is_empty()) {
                None => Ok(None),
                Some(v) => parse_date(v).map(Some).ok_or_else(|| {
                    error(
                        StatusCode::BAD_REQUEST,
                        msg(
                            lang,
                            &format!("{name}: kein gültiges Datum (ISO 8601)."),
                            &format!("{name}: not a valid date (ISO 8601)."),
                        ),
                    )
                }),
            }
        };
        let (start, end) = match (
            parse(q.start_date.as_deref(), "start_date"),
            parse(q.end_date.as_deref(), "end_date"),
        ) {
            (Ok(s), Ok(e)) => (s, e),
            (Err(r), _) | (_, Err(r)) => return r,
        };
        let window = DEFAULT_WINDOW_DAYS * day;
        // A start alone means "from then on", as far as one window reaches.
        let end = end.unwrap_or_else(|| start.map_or(now + day, |s| (s + window).min(now + day)));
        let start = start.unwrap_or(end - window);
        if end - start > window {
            return error(
                StatusCode::BAD_REQUEST,
                msg(
                    lang,
                    "Der Zeitraum darf höchstens 90 Tage umfassen.",
                    "The date range may span at most 90 days.",
                ),
            );
        }
        push(&mut sql, " and r.created_at >= $?", Bind::Int(start));
        push(&mut sql, " and r.created_at < $?", Bind::Int(end));
        if let Some(codes) = q.service_code.as_deref().filter(|s| !s.trim().is_empty()) {
            let ids: Vec<i64> = codes
                .split(',')
                .filter_map(|c| municipality.category(c.trim()))
                .map(|c| c.id)
                .collect();
            if ids.is_empty() {
                return public_json(json!([]));
            }
            sql.push_str(" and r.category_id in (");
            for (i, id) in ids.into_iter().enumerate() {
                push(&mut sql, if i == 0 { "$?" } else { ", $?" }, Bind::Int(id));
            }
            sql.push(')');
        }
        if let Some(status) = q.status.as_deref().filter(|s| !s.trim().is_empty()) {
            let wanted: Vec<&str> = status.split(',').map(str::trim).collect();
            if wanted.iter().any(|s| *s != "open" && *s != "closed") {
                return error(
                    StatusCode::BAD_REQUEST,
                    msg(
                        lang,
                        "status: erlaubt sind open und closed.",
                        "status: allowed values are open and closed.",
                    ),
                );
            }
            let codes: Vec<&str> = Status::ALL
                .into_iter()
                .filter(|s| wanted.contains(&if s.is_open() { "open" } else { "closed" }))
                .map(Status::code)
                .collect();
            sql.push_str(" and r.status in (");
            for (i, code) in codes.into_iter().enumerate() {
                push(
                    &mut sql,
                    if i == 0 { "$?" } else { ", $?" },
                    Bind::Text(code.to_owned()),
                );
            }
            sql.push(')');
        }
    }
    sql.push_str(&format!(
        " order by r.created_at desc, r.id desc limit {MAX_RESULTS}"
    ));
    let mut query = sqlx::query_as::<_, ListRow>(&sql);
    for bind in binds {
        query = match bind {
            Bind::Int(v) => query.bind(v),
            Bind::Text(v) => query.bind(v),
        };
    }
    match query.fetch_all(&state.db.pool).await {
        Ok(rows) => public_json(Value::Array(
            rows.into_iter()
                .map(|row| request_json(&state, municipality, row, lang))
                .collect(),
        )),
        Err(e) => {
            tracing::error!(error = %e, "listing Open311 requests");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                msg(lang, "Technischer Fehler.", "Technical error."),
            )
        }
    }
}

enum Bind {
    Int(i64),
    Text(String),
}

async fn one_request(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(file): Path<String>,
    Query(q): Query<JurisdictionQuery>,
) -> Response {
    let lang = lang_of(&headers, q.locale.as_deref());
    let id = match json_file(&file, lang) {
        Ok(id) => id,
        Err(response) => return response,
    };
    let municipality = match jurisdiction(&state, q.jurisdiction_id.as_deref(), lang) {
        Ok(m) => m,
        Err(response) => return response,
    };
    let not_found = || {
        error(
            StatusCode::NOT_FOUND,
            msg(
                lang,
                &format!("Keine Meldung \"{id}\"."),
                &format!("No request \"{id}\"."),
            ),
        )
    };
    let Some(reference) = normalize_reference(id) else {
        return not_found();
    };
    let row: Result<Option<ListRow>, sqlx::Error> = sqlx::query_as(&format!(
        "select {LIST_COLUMNS} from reports r where r.reference = $1 and r.municipality_id = $2"
    ))
    .bind(&reference)
    .bind(municipality.id)
    .fetch_optional(&state.db.pool)
    .await;
    match row {
        Ok(Some(row)) => public_json(json!([request_json(&state, municipality, row, lang)])),
        Ok(None) => not_found(),
        Err(e) => {
            tracing::error!(error = %e, "reading Open311 request");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                msg(lang, "Technischer Fehler.", "Technical error."),
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_accept_offsets_and_plain_days() {
        assert_eq!(parse_date("2026-11-01T00:00:00Z"), Some(1_793_491_200_000));
        assert_eq!(
            parse_date("2026-11-01T01:00:00+01:00"),
            Some(1_793_491_200_000)
        );
        // Midnight in Berlin (UTC+1 in November).
        assert_eq!(parse_date("2026-11-01"), Some(1_793_487_600_000));
        assert_eq!(parse_date("yesterday"), None);
    }
}
