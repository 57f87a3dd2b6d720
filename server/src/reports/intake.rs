//! The one intake pipeline for every channel (web form, Open311): validate, route, and store
//! the report with its photos and first timeline entries in one transaction.
//!
//! Photos arrive already processed and durably written (see [`crate::photos`]); the
//! transaction only refers to them. So an acknowledged report always has its photos, and a
//! failure leaves no half report behind: the caller removes photo files the report never got.

use super::catalogue::category_name;
use super::drafts::Draft;
use super::{Reference, Status, MAX_ADDRESS, MAX_DESCRIPTION, MAX_PHOTOS};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::secret::{hash, new_token};
use crate::core::text::{clean_text, parse_email};
use crate::core::time::{add_working_days, berlin};
use crate::photos::{pending, PhotoRef};
use crate::routing::{self, AreaMatch, Decision, MunicipalityMatch, RoutingError};
use crate::tenants::{Category, Registry};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, DepartmentId, FieldError, MunicipalityId, Problem, ReportId};
use serde::{Deserialize, Serialize};

/// Where the problem is.
#[derive(Clone, Debug, PartialEq)]
pub enum Place {
    /// A point, optionally with the address the citizen or client gave.
    Point {
        at: Coordinates,
        address: Option<String>,
    },
    /// No point: the citizen named the municipality (and area) and described the place.
    Described {
        municipality_id: MunicipalityId,
        area_id: Option<i64>,
        address: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Channel {
    /// The web flow; the same transaction marks the draft submitted, so a double submit cannot
    /// create two reports.
    Web { draft_id: String },
    /// Open311, with the API key's municipality: reports for other places are refused. The
    /// token, unique, resolves to the report through `GET tokens/{token}`.
    Open311 {
        api_key_id: i64,
        municipality_id: MunicipalityId,
        token: String,
    },
}

impl Channel {
    fn code(&self) -> &'static str {
        match self {
            Channel::Web { .. } => "web",
            Channel::Open311 { .. } => "open311",
        }
    }
}

#[derive(Clone, Debug)]
pub struct NewReport {
    pub category: String,
    pub place: Place,
    pub description: String,
    pub answers: Vec<(String, String)>,
    pub email: Option<String>,
    pub photos: Vec<PhotoRef>,
    pub channel: Channel,
    /// The signed-in citizen's account ("my reports").
    pub account: Option<AccountId>,
}

/// The stored report.
#[derive(Clone, Debug)]
pub struct Created {
    pub id: ReportId,
    pub reference: Reference,
    /// The reporter's personal access token (only its hash is stored).
    pub access_token: String,
    pub decision: Decision,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// Bad input; nothing was stored. The problems name the fields.
    #[error("report refused")]
    Refused(Vec<FieldError>),
    /// The web draft was already turned into a report by another request.
    #[error("draft already submitted")]
    AlreadySubmitted,
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// What the timeline's "routed" entry records: enough to explain the decision later.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoutedEvent {
    pub department_id: DepartmentId,
    pub rule_id: i64,
    pub rule_category_id: Option<i64>,
    pub rule_group_id: Option<i64>,
    pub rule_area_id: Option<i64>,
    pub area_id: Option<i64>,
    pub municipality_match: MunicipalityMatch,
    pub area_match: AreaMatch,
}

impl RoutedEvent {
    pub fn from_decision(d: &Decision) -> RoutedEvent {
        RoutedEvent {
            department_id: d.department_id,
            rule_id: d.rule.id,
            rule_category_id: d.rule.category_id,
            rule_group_id: d.rule.group_id,
            rule_area_id: d.rule.area_id,
            area_id: d.area_id,
            municipality_match: d.municipality_match,
            area_match: d.area_match,
        }
    }
}

/// Routes a place for a category, turning routing failures into the citizen's words.
pub fn route_place(
    registry: &Registry,
    category: &str,
    place: &Place,
    lang: Lang,
) -> Result<Decision, FieldError> {
    let result = match place {
        Place::Point { at, .. } => routing::route(registry, category, *at),
        Place::Described {
            municipality_id,
            area_id,
            ..
        } => match registry.by_id(*municipality_id) {
            Some(m) => routing::route_in_area(m, category, *area_id),
            None => Err(RoutingError::OutsideEveryMunicipality),
        },
    };
    let field = match place {
        Place::Point { .. } => "lat",
        Place::Described { .. } => "area",
    };
    result.map_err(|e| FieldError::new(field, routing_problem(registry, category, &e, lang)))
}

pub fn routing_problem(
    registry: &Registry,
    category: &str,
    error: &RoutingError,
    lang: Lang,
) -> Problem {
    match error {
        RoutingError::OutsideEveryMunicipality => Problem::OutsideMunicipalities {
            served: registry.names(),
        },
        RoutingError::CategoryNotOffered { municipality_id }
        | RoutingError::NoRule { municipality_id } => Problem::CategoryNotOffered {
            category: category_name(registry, category, lang),
            municipality: registry
                .by_id(*municipality_id)
                .map(|m| m.name.clone())
                .unwrap_or_default(),
        },
    }
}

/// Checks the answers to a category's extra questions — to all of them, or `only` to the one
/// with that code (a page of the web flow asks one question); returns them cleaned, in
/// question order.
pub fn validate_answers(
    category: &Category,
    answers: &[(String, String)],
    only: Option<&str>,
    lang: Lang,
) -> Result<Vec<(String, String)>, Vec<FieldError>> {
    let mut valid = Vec::new();
    let mut problems = Vec::new();
    for q in category
        .questions
        .iter()
        .filter(|q| only.is_none_or(|code| code == q.code))
    {
        let label = q.label(lang).to_owned();
        let field = format!("answer-{}", q.code);
        let value = answers
            .iter()
            .find(|(code, _)| code == &q.code)
            .map(|(_, v)| clean_text(v))
            .unwrap_or_default();
        if value.is_empty() {
            if q.required {
                problems.push(FieldError::new(
                    &field,
                    Problem::AnswerMissing { question: label },
                ));
            }
        } else if !q.choices.is_empty() && !q.choices.iter().any(|c| c.value == value) {
            problems.push(FieldError::new(
                &field,
                Problem::AnswerInvalid { question: label },
            ));
        } else if q.choices.is_empty() && value.chars().count() > q.max_len {
            problems.push(FieldError::new(
                &field,
                Problem::AnswerTooLong {
                    question: label,
                    max: q.max_len,
                },
            ));
        } else {
            valid.push((q.code.clone(), value));
        }
    }
    if problems.is_empty() {
        Ok(valid)
    } else {
        Err(problems)
    }
}

pub fn validate_description(input: &str) -> Result<String, Problem> {
    let text = clean_text(input);
    if text.is_empty() {
        Err(Problem::DescriptionMissing)
    } else if text.chars().count() > MAX_DESCRIPTION {
        Err(Problem::DescriptionTooLong {
            max: MAX_DESCRIPTION,
        })
    } else {
        Ok(text)
    }
}

pub fn validate_address(input: &str) -> Result<String, Problem> {
    let text = clean_text(input);
    if text.is_empty() {
        Err(Problem::AddressMissing)
    } else if text.chars().count() > MAX_ADDRESS {
        Err(Problem::AddressTooLong { max: MAX_ADDRESS })
    } else {
        Ok(text)
    }
}

/// Everything checked and routed, ready for the transaction.
struct Accepted {
    decision: Decision,
    description: String,
    answers: Vec<(String, String)>,
    email: Option<String>,
    address: Option<String>,
}

fn check(registry: &Registry, report: &NewReport, lang: Lang) -> Result<Accepted, Vec<FieldError>> {
    let mut problems = Vec::new();
    let known = registry
        .municipalities
        .iter()
        .any(|m| m.category(&report.category).is_some_and(|c| c.active));
    if report.category.trim().is_empty() {
        problems.push(FieldError::new("category", Problem::CategoryMissing));
    } else if !known {
        problems.push(FieldError::new("category", Problem::CategoryUnknown));
    }
    // GeoReport v2 makes the description optional (the category and photo may say enough);
    // the web flow asks for it as a question of its own.
    let optional = matches!(report.channel, Channel::Open311 { .. });
    let description = match validate_description(&report.description) {
        Err(Problem::DescriptionMissing) if optional => Some(String::new()),
        other => other
            .map_err(|p| problems.push(FieldError::new("description", p)))
            .ok(),
    };
    let email = match report
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
    {
        None => None,
        Some(e) => match parse_email(e) {
            Some(email) => Some(email),
            None => {
                problems.push(FieldError::new("email", Problem::EmailInvalid));
                None
            }
        },
    };
    let address = match &report.place {
        Place::Point { address, .. } => {
            match address.as_deref().map(clean_text).filter(|a| !a.is_empty()) {
                Some(a) if a.chars().count() > MAX_ADDRESS => {
                    problems.push(FieldError::new(
                        "address",
                        Problem::AddressTooLong { max: MAX_ADDRESS },
                    ));
                    None
                }
                other => other,
            }
        }
        Place::Described { address, .. } => validate_address(address)
            .map_err(|p| problems.push(FieldError::new("address", p)))
            .ok(),
    };
    if report.photos.len() > MAX_PHOTOS {
        problems.push(FieldError::new(
            "photo",
            Problem::TooManyPhotos { max: MAX_PHOTOS },
        ));
    }
    let decision = if known {
        match route_place(registry, &report.category, &report.place, lang) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(e);
                None
            }
        }
    } else {
        None
    };
    if let (
        Some(d),
        Channel::Open311 {
            municipality_id, ..
        },
    ) = (&decision, &report.channel)
    {
        if d.municipality_id != *municipality_id {
            let served = registry
                .by_id(*municipality_id)
                .map(|m| m.name.clone())
                .unwrap_or_default();
            problems.push(FieldError::new(
                "lat",
                Problem::OutsideMunicipalities { served },
            ));
        }
    }
    let answers = decision
        .as_ref()
        .and_then(|d| {
            registry
                .by_id(d.municipality_id)?
                .category_by_id(d.category_id)
        })
        .map(|category| validate_answers(category, &report.answers, None, lang))
        .transpose()
        .map_err(|mut p| problems.append(&mut p))
        .ok()
        .flatten();
    match (decision, description, answers) {
        (Some(decision), Some(description), Some(answers)) if problems.is_empty() => Ok(Accepted {
            decision,
            description,
            answers,
            email,
            address,
        }),
        _ => Err(problems),
    }
}

/// A citizen supports an open report instead of filing their own: their draft ends (the
/// cleanup job removes it and its photos), the report counts one more supporter, and their
/// e-mail address (if given) follows it. `false`, with nothing changed, when the draft was
/// already used (submitted, or a second click) or the report closed meanwhile.
pub async fn support(
    db: &Db,
    now: i64,
    draft: &Draft,
    reference: &Reference,
) -> Result<bool, sqlx::Error> {
    let mut tx = db.pool.begin().await?;
    // Claiming the draft first takes the write lock and makes a repeated click a no-op.
    let claimed = sqlx::query(
        "update drafts set expires_at = $2 \
         where id = $1 and expires_at > $2 and submitted_reference is null",
    )
    .bind(&draft.id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    let id: Option<ReportId> = sqlx::query_scalar(
        "update reports set supporters = supporters + 1 where reference = $1 and stage < 2 returning id",
    )
    .bind(reference)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(id) = id else {
        // Closed meanwhile: the draft stays, the citizen can still send their own report.
        return Ok(false);
    };
    sqlx::query(
        "insert into report_events (report_id, kind, visibility, data, created_at) \
         values ($1, 'supported', 'public', '{}', $2)",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    if let Some(email) = draft.data.email.as_deref().filter(|e| !e.is_empty()) {
        sqlx::query(
            "insert into report_followers (report_id, email, created_at) values ($1, $2, $3) \
             on conflict (report_id, email) do nothing",
        )
        .bind(id)
        .bind(email)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Validates, routes and stores a report submitted at `submitted`. Nothing is written unless
/// everything is valid.
pub async fn submit(
    db: &Db,
    registry: &Registry,
    report: NewReport,
    submitted: jiff::Timestamp,
    lang: Lang,
) -> Result<Created, IntakeError> {
    let accepted = check(registry, &report, lang).map_err(IntakeError::Refused)?;
    let decision = accepted.decision;
    let municipality = registry
        .by_id(decision.municipality_id)
        .ok_or(IntakeError::Refused(Vec::new()))?;
    let now = submitted.as_millisecond();
    let year = i64::from(submitted.to_zoned(berlin()).year());
    let (lat, lon) = match &report.place {
        Place::Point { at, .. } => (Some(at.lat()), Some(at.lon())),
        Place::Described { .. } => (None, None),
    };
    let access_token = new_token();
    // As worded now: a later change to the questions leaves what was answered as it was.
    let answers = municipality
        .category_by_id(decision.category_id)
        .map_or_else(
            || "[]".into(),
            |c| super::answers::keep(c, &accepted.answers),
        );
    let (api_key_id, open311_token) = match &report.channel {
        Channel::Open311 {
            api_key_id, token, ..
        } => (Some(*api_key_id), Some(token.as_str())),
        Channel::Web { .. } => (None, None),
    };

    let mut tx = db.pool.begin().await?;
    // The first statement writes, so SQLite takes its write lock here and waits for it, instead
    // of failing to upgrade a read lock later.
    let seq: i64 = sqlx::query_scalar(
        "insert into report_sequences (municipality_id, year, last) values ($1, $2, 1) \
         on conflict (municipality_id, year) do update set last = report_sequences.last + 1 \
         returning last",
    )
    .bind(municipality.id)
    .bind(year)
    .fetch_one(&mut *tx)
    .await?;
    let reference = Reference::new(&municipality.reference_prefix, year, seq);
    if let Channel::Web { draft_id } = &report.channel {
        // An expired draft cannot be claimed: the cleanup may already be removing its photos.
        let claimed = sqlx::query(
            "update drafts set submitted_reference = $2, submitted_access = $3 \
             where id = $1 and submitted_reference is null and expires_at > $4",
        )
        .bind(draft_id)
        .bind(&reference)
        .bind(&access_token)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed == 0 {
            return Err(IntakeError::AlreadySubmitted);
        }
        // The photos' GPS positions were kept only to offer them as the place.
        sqlx::query("update draft_photos set gps_lat = null, gps_lon = null where draft_id = $1")
            .bind(draft_id)
            .execute(&mut *tx)
            .await?;
    }
    let (accept_days, resolve_days) = municipality
        .category_by_id(decision.category_id)
        .map(|c| (c.accept_days, c.resolve_days))
        .unwrap_or((2, 10));
    let accept_due = add_working_days(now, accept_days);
    let resolve_due = add_working_days(now, resolve_days);
    let id: ReportId = sqlx::query_scalar(
        "insert into reports (municipality_id, reference, year, seq, category_id, area_id, department_id, \
         status, lat, lon, address, description, answers, reporter_email, access_hash, channel, api_key_id, \
         created_at, updated_at, account_id, accept_due_at, resolve_due_at, stage, due_at, photo_count, \
         open311_token) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19, \
         $20, $21, 0, $20, $22, $23) \
         returning id",
    )
    .bind(municipality.id)
    .bind(&reference)
    .bind(year)
    .bind(seq)
    .bind(decision.category_id)
    .bind(decision.area_id)
    .bind(decision.department_id)
    .bind(Status::New)
    .bind(lat)
    .bind(lon)
    .bind(&accepted.address)
    .bind(&accepted.description)
    .bind(&answers)
    .bind(&accepted.email)
    .bind(hash(&access_token))
    .bind(report.channel.code())
    .bind(api_key_id)
    .bind(now)
    .bind(report.account)
    .bind(accept_due)
    .bind(resolve_due)
    .bind(report.photos.len() as i64)
    .bind(open311_token)
    // Binds optional floats: see "Optional floats" in `db`.
    .persistent(false)
    .fetch_one(&mut *tx)
    .await?;
    for (position, photo) in report.photos.iter().enumerate() {
        sqlx::query(
            "insert into report_photos (report_id, position, storage_key, width, height, created_at) \
             values ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(&photo.key)
        .bind(i64::from(photo.width))
        .bind(i64::from(photo.height))
        .bind(now)
        .execute(&mut *tx)
        .await?;
        pending::attached(&mut tx, &photo.key).await?;
    }
    let routed = serde_json::to_string(&RoutedEvent::from_decision(&decision))
        .unwrap_or_else(|_| "{}".into());
    for (kind, data) in [("submitted", "{}".to_owned()), ("routed", routed)] {
        sqlx::query(
            "insert into report_events (report_id, kind, visibility, data, created_at) \
             values ($1, $2, 'public', $3, $4)",
        )
        .bind(id)
        .bind(kind)
        .bind(data)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Created {
        id,
        reference,
        access_token,
        decision,
    })
}
