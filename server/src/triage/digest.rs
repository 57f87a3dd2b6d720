//! The daily digest: each day from 07:00 every department with overdue reports gets one mail
//! (at each of its addresses) listing them. Several servers may run the job at once: the row
//! in `digest_runs` for a department and day is inserted by exactly one of them, in the same
//! transaction as the mail.

use crate::core::db::Db;
use crate::core::mail::{queue_on, Mail};
use crate::core::time::{berlin, format_time};
use crate::reports::{Reference, Status};
use crate::tenants::Registry;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::DepartmentId;

/// Digests go out from this hour to the end of the working day (Berlin time).
pub const HOUR: i8 = 7;
pub const UNTIL_HOUR: i8 = 18;
/// Reports listed in one digest; the rest are counted.
const LISTED: usize = 100;
/// Departments are German offices: their digest is in German.
const LANG: Lang = Lang::De;

/// Sends the digests due at `now` (ms); returns how many were queued.
pub async fn send_due(
    db: &Db,
    registry: &Registry,
    public_url: &str,
    now: i64,
) -> Result<usize, sqlx::Error> {
    let Ok(at) = jiff::Timestamp::from_millisecond(now) else {
        return Ok(0);
    };
    let local = at.to_zoned(berlin());
    if !(HOUR..UNTIL_HOUR).contains(&local.hour()) {
        return Ok(0);
    }
    let day = local.date().to_string();
    let done: Vec<(DepartmentId,)> =
        sqlx::query_as("select department_id from digest_runs where day = $1")
            .bind(&day)
            .fetch_all(&db.pool)
            .await?;
    let t = LANG.texts();
    let mut sent = 0;
    for municipality in &registry.municipalities {
        for department in &municipality.departments {
            if done.iter().any(|(id,)| *id == department.id) {
                continue;
            }
            let any: Option<i64> = sqlx::query_scalar(
                "select id from reports where department_id = $1 and stage in (0, 1) and due_at < $2 limit 1",
            )
            .bind(department.id)
            .bind(now)
            .fetch_optional(&db.pool)
            .await?;
            if any.is_none() {
                continue;
            }
            let mut tx = db.pool.begin().await?;
            let claimed = sqlx::query(
                "insert into digest_runs (department_id, day, created_at) values ($1, $2, $3) \
                 on conflict (department_id, day) do nothing",
            )
            .bind(department.id)
            .bind(&day)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if claimed == 0 {
                continue;
            }
            let overdue: Vec<(Reference, Status, i64)> = sqlx::query_as(
                "select reference, status, due_at from reports \
                 where department_id = $1 and stage in (0, 1) and due_at < $2 order by due_at, id",
            )
            .bind(department.id)
            .bind(now)
            .fetch_all(&mut *tx)
            .await?;
            let mut lines: Vec<String> = overdue
                .iter()
                .take(LISTED)
                .map(|(reference, status, due)| {
                    let reference = reference.to_string();
                    let link = format!("{public_url}/dienst/meldungen/{reference}");
                    let due = format_time(*due, LANG);
                    fill(t.digest_line, &[&reference, status.label(t), &due, &link])
                })
                .collect();
            if overdue.len() > LISTED {
                let more = (overdue.len() - LISTED).to_string();
                lines.push(fill(t.digest_more, &[&more]));
            }
            let count = overdue.len().to_string();
            let queue = format!("{public_url}/dienst/{}?ueberfaellig=ja", municipality.slug);
            // One mail to each of the department's addresses.
            for address in &department.email.0 {
                let mail = Mail {
                    to: address.clone(),
                    subject: fill(t.digest_subject, &[&count, &department.name_de]),
                    body: fill(
                        t.digest_text,
                        &[&count, &department.name_de, &lines.join("\n"), &queue],
                    ),
                };
                queue_on(&mut tx, now, &mail).await?;
            }
            tx.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
