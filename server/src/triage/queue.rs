//! The queue: a department's reports, unaccepted first, then by deadline; filtered, searched and
//! paged by keyset (`(stage, due_at, id)` after the last row shown), so page 1,000 costs what
//! page 1 costs. The same query feeds the page, the map and the CSV export.

use super::workflow::Priority;
use crate::core::access::Scope;
use crate::core::db::{bind_params, Conditions, Db, Param};
use crate::reports::{Reference, Status};
use crate::tenants::Municipality;
use kiezwerk_app::model::{DepartmentId, MunicipalityId, ReportId};
use kiezwerk_app::triage::model::QueueFilter;

/// Rows per page.
pub const PAGE: i64 = 50;
/// Counting stops here ("more than 1,000"): an exact count of a huge queue costs more than the page.
pub const COUNT_CAP: i64 = 1000;
/// Rows of a CSV export.
pub const EXPORT_MAX: i64 = 50_000;
const DAY_MS: i64 = 86_400_000;

/// Which statuses to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusFilter {
    Open,
    All,
    Only(Status),
}

/// The last row of a page: where the next one starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cursor {
    pub stage: i64,
    pub due_at: i64,
    pub id: i64,
}

impl Cursor {
    pub fn encode(self) -> String {
        format!("{}.{}.{}", self.stage, self.due_at, self.id)
    }

    pub fn parse(text: &str) -> Option<Cursor> {
        let mut parts = text.split('.').map(|p| p.parse::<i64>().ok());
        let cursor = Cursor {
            stage: parts.next()??,
            due_at: parts.next()??,
            id: parts.next()??,
        };
        parts.next().is_none().then_some(cursor)
    }
}

/// A checked queue query.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub municipality_id: MunicipalityId,
    /// `None`: every department of the municipality.
    pub departments: Option<Vec<DepartmentId>>,
    pub status: StatusFilter,
    pub category_id: Option<i64>,
    pub area_id: Option<i64>,
    pub older_than_days: Option<i64>,
    pub overdue: bool,
    pub with_photo: bool,
    pub search: Option<String>,
    pub after: Option<Cursor>,
    pub now: i64,
}

impl Query {
    /// The filters of the form, checked against the municipality and what the viewer serves.
    /// Values that name nothing of the municipality's are dropped (the form shows "any").
    pub fn from_filter(
        filter: &QueueFilter,
        municipality: &Municipality,
        scope: &Scope,
        now: i64,
    ) -> Query {
        let department = filter
            .abteilung
            .parse::<DepartmentId>()
            .ok()
            .filter(|id| municipality.department(*id).is_some())
            .filter(|id| match scope {
                Scope::Municipality => true,
                Scope::Departments(served) => served.contains(id),
            });
        let departments = match (department, scope) {
            (Some(id), _) => Some(vec![id]),
            (None, Scope::Municipality) => None,
            (None, Scope::Departments(served)) => Some(served.clone()),
        };
        let status = match filter.status.as_str() {
            "" | "offen" => StatusFilter::Open,
            "alle" => StatusFilter::All,
            code => Status::parse(code).map_or(StatusFilter::Open, StatusFilter::Only),
        };
        let search = filter.suche.trim();
        Query {
            municipality_id: municipality.id,
            departments,
            status,
            category_id: municipality.category(&filter.kategorie).map(|c| c.id),
            area_id: filter
                .gebiet
                .parse::<i64>()
                .ok()
                .filter(|id| municipality.area(*id).is_some()),
            older_than_days: filter
                .alter
                .parse::<i64>()
                .ok()
                .filter(|d| (1..=3650).contains(d)),
            overdue: filter.ueberfaellig == "ja",
            with_photo: filter.foto == "ja",
            search: (!search.is_empty()).then(|| search.chars().take(100).collect()),
            after: Cursor::parse(&filter.nach),
            now,
        }
    }
}

/// The `where` clause of a query and its values, parameters numbered from `$1`.
pub fn conditions(q: &Query, with_cursor: bool) -> (String, Vec<Param>) {
    let mut c = Conditions::default();
    c.and("r.municipality_id = ?", [Param::Int(q.municipality_id.0)]);
    if let Some(departments) = &q.departments {
        let ids = departments.iter().map(|d| Param::Int(d.0)).collect();
        c.and_in("r.department_id", ids);
    }
    match q.status {
        StatusFilter::Open => c.and("r.stage < 2", []),
        StatusFilter::All => {}
        StatusFilter::Only(status) => {
            c.and("r.status = ?", vec![Param::Text(status.code().into())])
        }
    }
    if let Some(id) = q.category_id {
        c.and("r.category_id = ?", vec![Param::Int(id)]);
    }
    if let Some(id) = q.area_id {
        c.and("r.area_id = ?", vec![Param::Int(id)]);
    }
    if let Some(days) = q.older_than_days {
        c.and("r.created_at < ?", vec![Param::Int(q.now - days * DAY_MS)]);
    }
    if q.overdue {
        c.and("r.stage < 2 and r.due_at < ?", vec![Param::Int(q.now)]);
    }
    if q.with_photo {
        c.and("r.photo_count > 0", []);
    }
    if let Some(search) = &q.search {
        // SQLite's lower() folds only ASCII letters: "Ärger" stays "Ärger" there but becomes
        // "ärger" in PostgreSQL. Both spellings of the pattern find the word at a sentence's
        // start either way.
        let like = |text: String| {
            format!(
                "%{}%",
                text.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            )
        };
        let lower = search.to_lowercase();
        let mut chars = lower.chars();
        let capitalised: String = chars
            .next()
            .map(|first| first.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        c.and(
            "(r.reference = ? or lower(r.description) like ? escape '\\' \
             or lower(r.description) like ? escape '\\')",
            vec![
                Param::Text(search.to_uppercase()),
                Param::Text(like(lower)),
                Param::Text(like(capitalised)),
            ],
        );
    }
    if let (true, Some(after)) = (with_cursor, q.after) {
        let values = [after.stage, after.due_at, after.id].map(Param::Int);
        c.and("(r.stage, r.due_at, r.id) > (?, ?, ?)", values);
    }
    (c.sql, c.params)
}

/// One row of the queue as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Row {
    pub id: ReportId,
    pub reference: Reference,
    pub version: i64,
    pub status: Status,
    pub category_id: i64,
    pub area_id: Option<i64>,
    pub department_id: DepartmentId,
    pub priority: Priority,
    pub assignee: Option<String>,
    pub created_at: i64,
    pub stage: i64,
    pub due_at: i64,
    pub photo_count: i64,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub summary: String,
}

const COLUMNS: &str = "r.id, r.reference, r.version, r.status, r.category_id, r.area_id, \
    r.department_id, r.priority, a.display_name as assignee, r.created_at, r.stage, r.due_at, \
    r.photo_count, r.lat, r.lon, substr(r.description, 1, 160) as summary";

/// The SQL of one page (or of an export with a bigger limit) and its values.
pub fn page_sql(q: &Query, limit: i64) -> (String, Vec<Param>) {
    let (conditions, params) = conditions(q, true);
    (
        format!(
            "select {COLUMNS} from reports r left join accounts a on a.id = r.assignee_id \
             where {conditions} order by r.stage, r.due_at, r.id limit {limit}"
        ),
        params,
    )
}

/// One page of the queue and the cursor of the next, if any.
pub async fn page(db: &Db, q: &Query) -> Result<(Vec<Row>, Option<Cursor>), sqlx::Error> {
    let (sql, params) = page_sql(q, PAGE + 1);
    let mut rows: Vec<Row> = bind_params(sqlx::query_as(&sql), &params)
        .fetch_all(&db.pool)
        .await?;
    let next = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| Cursor {
            stage: r.stage,
            due_at: r.due_at,
            id: r.id.0,
        })
    } else {
        None
    };
    Ok((rows, next))
}

/// Every matching row (up to [`EXPORT_MAX`]), for the export and the map.
pub async fn all(db: &Db, q: &Query, max: i64) -> Result<Vec<Row>, sqlx::Error> {
    let q = Query {
        after: None,
        ..q.clone()
    };
    let (sql, params) = page_sql(&q, max);
    bind_params(sqlx::query_as(&sql), &params)
        .fetch_all(&db.pool)
        .await
}

/// The SQL that counts the reports of a `where` clause up to [`COUNT_CAP`] + 1.
fn capped((conditions, params): (String, Vec<Param>)) -> (String, Vec<Param>) {
    (
        format!(
            "select count(*) from (select 1 from reports r where {conditions} limit {}) capped",
            COUNT_CAP + 1
        ),
        params,
    )
}

/// The SQL that counts the matching reports (capped) and its values.
pub fn count_sql(q: &Query) -> (String, Vec<Param>) {
    capped(conditions(q, false))
}

async fn fetch_count(db: &Db, (sql, params): (String, Vec<Param>)) -> Result<i64, sqlx::Error> {
    let (n,): (i64,) = bind_params(sqlx::query_as(&sql), &params)
        .fetch_one(&db.pool)
        .await?;
    Ok(n)
}

/// How many reports match, counted up to [`COUNT_CAP`] + 1.
pub async fn count(db: &Db, q: &Query) -> Result<i64, sqlx::Error> {
    fetch_count(db, count_sql(q)).await
}

/// How many reports matching the query arrived after `since` (the "new reports" notice).
pub async fn arrived_since(db: &Db, q: &Query, since: i64) -> Result<i64, sqlx::Error> {
    let (conditions, mut params) = conditions(q, false);
    params.push(Param::Int(since));
    let conditions = format!("{conditions} and r.created_at > ${}", params.len());
    fetch_count(db, capped((conditions, params))).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query() -> Query {
        Query {
            municipality_id: MunicipalityId(1),
            departments: Some(vec![DepartmentId(4), DepartmentId(5)]),
            status: StatusFilter::Open,
            category_id: None,
            area_id: None,
            older_than_days: None,
            overdue: false,
            with_photo: false,
            search: None,
            after: None,
            now: 0,
        }
    }

    #[test]
    fn parameters_are_numbered_in_order() {
        let q = Query {
            search: Some("50%_off".into()),
            after: Some(Cursor {
                stage: 0,
                due_at: 9,
                id: 3,
            }),
            ..query()
        };
        let (sql, params) = conditions(&q, true);
        assert_eq!(
            sql,
            "r.municipality_id = $1 and r.department_id in ($2, $3) and r.stage < 2 and \
             (r.reference = $4 or lower(r.description) like $5 escape '\\' \
             or lower(r.description) like $6 escape '\\') and \
             (r.stage, r.due_at, r.id) > ($7, $8, $9)"
        );
        assert_eq!(params[4], Param::Text("%50\\%\\_off%".into()));
        assert_eq!(params.len(), 9);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        let c = Cursor {
            stage: 1,
            due_at: 1_700_000_000_000,
            id: 42,
        };
        assert_eq!(Cursor::parse(&c.encode()), Some(c));
        for bad in ["", "1.2", "1.2.3.4", "a.b.c", "1.2.x"] {
            assert_eq!(Cursor::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_viewer_without_departments_sees_nothing() {
        let q = Query {
            departments: Some(vec![]),
            ..query()
        };
        assert!(conditions(&q, false).0.contains("1 = 0"));
    }
}
