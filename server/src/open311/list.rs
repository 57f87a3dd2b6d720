//! `GET requests`: a municipality's requests by ids, or by time window, service codes and
//! status — at most one window of 90 days and 1,000 results.

use super::error::Open311Error;
use super::format::{self, Format};
use super::requests::{request_json, Row, COLUMNS};
use super::{jurisdiction, lang_of, public};
use crate::core::db::{bind_params, Conditions, Param};
use crate::core::time::berlin;
use crate::reports::{Reference, Reports, Status};
use axum::extract::{OriginalUri, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use kiezwerk_app::i18n::{fill, Lang};
use serde::Deserialize;
use serde_json::{json, Value};

/// How far back `GET requests` looks without dates, and the widest window it allows.
const DEFAULT_WINDOW_DAYS: i64 = 90;
/// Most results of one `GET requests`.
const MAX_RESULTS: i64 = 1000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Deserialize)]
pub struct ListQuery {
    api_key: Option<String>,
    jurisdiction_id: Option<String>,
    service_request_id: Option<String>,
    service_code: Option<String>,
    start_date: Option<String>,
    end_date: Option<String>,
    status: Option<String>,
    locale: Option<String>,
}

/// A W3C date-time (with offset), or a bare date: that day's midnight in Berlin, as the
/// municipality counts days.
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

/// The time window `[start, end)` in milliseconds of a search at `now`, from its `start_date`
/// and `end_date`: one window of 90 days at most, the last 90 days without dates.
pub fn window(
    start: Option<&str>,
    end: Option<&str>,
    now: i64,
    lang: Lang,
) -> Result<(i64, i64), Open311Error> {
    let t = lang.texts();
    let parse = |value: Option<&str>, name: &str| match value.filter(|v| !v.trim().is_empty()) {
        None => Ok(None),
        Some(v) => parse_date(v).map(Some).ok_or_else(|| {
            Open311Error::new(
                StatusCode::BAD_REQUEST,
                fill(t.open311_date_invalid, &[name]),
            )
        }),
    };
    let start = parse(start, "start_date")?;
    let end = parse(end, "end_date")?;
    let window = DEFAULT_WINDOW_DAYS * DAY_MS;
    // A start alone means "from then on", as far as one window reaches.
    let end = end.unwrap_or_else(|| start.map_or(now + DAY_MS, |s| (s + window).min(now + DAY_MS)));
    let start = start.unwrap_or(end - window);
    if end - start > window {
        return Err(Open311Error::new(
            StatusCode::BAD_REQUEST,
            t.open311_window_too_wide,
        ));
    }
    Ok((start, end))
}

/// `GET requests`: the municipality's requests that match.
pub async fn list_requests(
    State(reports): State<Reports>,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    Query(q): Query<ListQuery>,
) -> Result<Response, Open311Error> {
    let format = Format::of_path(uri.path());
    let none = || public(format, format::REQUESTS, &json!([]));
    let lang = lang_of(&headers, q.locale.as_deref());
    let municipality = jurisdiction(&reports, q.jurisdiction_id.as_deref(), lang)?;
    super::reading_key(&reports, q.api_key.as_deref(), municipality, lang).await?;
    let mut c = Conditions::default();
    c.and("r.municipality_id = ?", [Param::Int(municipality.id.0)]);
    if let Some(ids) = q
        .service_request_id
        .as_deref()
        .filter(|s| !s.trim().is_empty())
    {
        // Per the specification, explicit ids override every other filter.
        let ids: Vec<Param> = ids
            .split(',')
            .filter_map(Reference::parse)
            .take(MAX_RESULTS as usize)
            .map(|r| Param::Text(r.to_string()))
            .collect();
        if ids.is_empty() {
            return Ok(none());
        }
        c.and_in("r.reference", ids);
    } else {
        let now = reports.core.clock.now_ms();
        let (start, end) = window(q.start_date.as_deref(), q.end_date.as_deref(), now, lang)?;
        c.and("r.created_at >= ?", [Param::Int(start)]);
        c.and("r.created_at < ?", [Param::Int(end)]);
        if let Some(codes) = q.service_code.as_deref().filter(|s| !s.trim().is_empty()) {
            let ids: Vec<Param> = codes
                .split(',')
                .filter_map(|c| municipality.category(c.trim()))
                .map(|c| Param::Int(c.id))
                .collect();
            if ids.is_empty() {
                return Ok(none());
            }
            c.and_in("r.category_id", ids);
        }
        if let Some(status) = q.status.as_deref().filter(|s| !s.trim().is_empty()) {
            let wanted: Vec<&str> = status.split(',').map(str::trim).collect();
            if wanted.iter().any(|s| *s != "open" && *s != "closed") {
                return Err(Open311Error::new(
                    StatusCode::BAD_REQUEST,
                    lang.texts().open311_status_values,
                ));
            }
            let codes = Status::ALL
                .into_iter()
                .filter(|s| wanted.contains(&if s.is_open() { "open" } else { "closed" }))
                .map(|s| Param::Text(s.code().to_owned()))
                .collect();
            c.and_in("r.status", codes);
        }
    }
    let sql = format!(
        "select {COLUMNS} from reports r where {} order by r.created_at desc, r.id desc limit {MAX_RESULTS}",
        c.sql
    );
    let rows: Vec<Row> = bind_params(sqlx::query_as(&sql), &c.params)
        .fetch_all(&reports.core.db.pool)
        .await
        .map_err(|e| Open311Error::internal(e, lang))?;
    let answer = Value::Array(
        rows.into_iter()
            .map(|row| request_json(&reports, municipality, row, lang))
            .collect(),
    );
    Ok(public(format, format::REQUESTS, &answer))
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
