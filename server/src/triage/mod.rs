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

/// Staff who may work on any of the departments in `scope` (dispatchers and department staff
/// of one of them or of the whole municipality, not disabled): id and name, by name. One query,
/// for the queue's and a report's assignment choices.
pub async fn colleagues(
    state: &AppState,
    municipality_id: i64,
    scope: &Scope,
) -> Result<Vec<(i64, String)>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "select a.id, a.display_name, g.department_id from accounts a \
         join role_grants g on g.account_id = a.id \
         where a.disabled_at is null and g.role in ('dispatcher', 'department_staff') \
         and g.municipality_id = $1",
    )
    .bind(municipality_id)
    .fetch_all(&state.db.pool)
    .await?;
    // An account with several grants appears once.
    let by_id: BTreeMap<i64, String> = rows
        .into_iter()
        .filter(|(_, _, department)| match (scope, department) {
            (Scope::Municipality, _) | (_, None) => true,
            (Scope::Departments(served), Some(d)) => served.contains(d),
        })
        .map(|(id, name, _)| (id, name))
        .collect();
    let mut colleagues: Vec<(i64, String)> = by_id.into_iter().collect();
    colleagues.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    Ok(colleagues)
}
