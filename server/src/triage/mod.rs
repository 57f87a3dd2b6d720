//! Dispatcher triage: the queue of a department, the report as staff see it, what they do to it,
//! deadlines with a daily digest, statistics. Who may see and do what is decided by
//! [`crate::auth::roles`] for every object, never in the browser.

pub mod actions;
pub mod digest;
pub mod http;
pub mod queue;
pub mod stats;
pub mod views;
pub mod workflow;

use crate::auth::roles::Scope;
use crate::state::AppState;
use std::collections::BTreeMap;

/// Staff who may work on a department's reports (for assignment): dispatchers and department
/// staff of the department or of the whole municipality, not disabled; id and name.
pub async fn colleagues(
    state: &AppState,
    municipality_id: i64,
    department_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "select distinct a.id, a.display_name from accounts a \
         join role_grants g on g.account_id = a.id \
         where a.disabled_at is null and g.role in ('dispatcher', 'department_staff') \
         and g.municipality_id = $1 and (g.department_id is null or g.department_id = $2) \
         order by a.display_name, a.id",
    )
    .bind(municipality_id)
    .bind(department_id)
    .fetch_all(&state.db.pool)
    .await
}

/// Staff who may work on any of the departments in `scope`, by id (one query for the queue's
/// assignment choices).
pub async fn colleagues_in_scope(
    state: &AppState,
    municipality_id: i64,
    scope: &Scope,
) -> Result<BTreeMap<i64, String>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "select a.id, a.display_name, g.department_id from accounts a \
         join role_grants g on g.account_id = a.id \
         where a.disabled_at is null and g.role in ('dispatcher', 'department_staff') \
         and g.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_all(&state.db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter(|(_, _, department)| match (scope, department) {
            (Scope::Municipality, _) | (_, None) => true,
            (Scope::Departments(served), Some(d)) => served.contains(d),
        })
        .map(|(id, name, _)| (id, name))
        .collect())
}
