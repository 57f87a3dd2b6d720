//! Adopting a tree and logging, changing and deleting waterings. Every change names the
//! municipality and, for waterings, the account that logged it: a watering is changed or
//! deleted only by its author, and only through its own municipality's address. Every change
//! moves the municipality's care version in its own transaction ([`super::live::changed`]):
//! the maps show it at their next poll.

use super::live;
use crate::core::db::Db;
use crate::core::personal::Section;
use crate::core::port::Failure;
use crate::core::time::{iso_utc, parse_local};
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, FieldError, Problem};
use kiezwerk_app::trees::model::{Adoption, TreeRefusal, FIELD_AT, FIELD_LITRES};
use kiezwerk_app::trees::texts::texts;
use serde_json::json;
use std::future::Future;
use std::pin::Pin;

/// The account's adoptions and waterings, for its export (`core::personal`).
pub fn personal_data(
    db: &Db,
    account: AccountId,
) -> Pin<Box<dyn Future<Output = Result<Section, sqlx::Error>> + Send + '_>> {
    Box::pin(async move {
        let iso = |ms: i64| iso_utc(ms).unwrap_or_default();
        let adoptions: Vec<(String, String, String, i64, i64)> = sqlx::query_as(
            "select m.slug, t.register_id, t.species_de, a.adopted_at, a.show_name from tree_adoptions a \
             join trees t on t.id = a.tree_id join municipalities m on m.id = t.municipality_id \
             where a.account_id = $1 order by a.adopted_at",
        )
        .bind(account)
        .fetch_all(&db.pool)
        .await?;
        let waterings: Vec<(String, String, i64, i64, i64, Option<i64>)> = sqlx::query_as(
            "select m.slug, t.register_id, w.litres, w.watered_at, w.recorded_at, w.edited_at \
             from tree_waterings w join trees t on t.id = w.tree_id \
             join municipalities m on m.id = t.municipality_id \
             where w.account_id = $1 order by w.watered_at",
        )
        .bind(account)
        .fetch_all(&db.pool)
        .await?;
        let reminders: Option<i64> =
            sqlx::query_scalar("select subscribed_at from tree_reminders where account_id = $1")
                .bind(account)
                .fetch_optional(&db.pool)
                .await?;
        Ok((
            "street_trees",
            json!({
                "thirst_reminders_since": reminders.map(iso),
                "adoptions": adoptions.into_iter().map(|(m, tree, species, at, shown)| json!({
                    "municipality": m, "tree": tree, "species": species, "adopted_at": iso(at),
                    "name_shown_on_tree": shown != 0,
                })).collect::<Vec<_>>(),
                "waterings": waterings.into_iter().map(|(m, tree, litres, at, recorded, edited)| json!({
                    "municipality": m, "tree": tree, "litres": litres, "watered_at": iso(at),
                    "recorded_at": iso(recorded), "edited_at": edited.map(iso),
                })).collect::<Vec<_>>(),
            }),
        ))
    })
}

/// Ends the account's adoptions and reminders as it is deleted (its waterings stay, belonging
/// to nobody), and moves the care version of every municipality whose map showed them.
pub fn forget_account(
    connection: &mut sqlx::AnyConnection,
    account: AccountId,
) -> Pin<Box<dyn Future<Output = Result<(), sqlx::Error>> + Send + '_>> {
    Box::pin(async move {
        // In one order, so that two deletions never lock the same versions crosswise.
        let municipalities: Vec<i64> = sqlx::query_scalar(
            "select distinct t.municipality_id from tree_adoptions a \
             join trees t on t.id = a.tree_id where a.account_id = $1 \
             order by t.municipality_id",
        )
        .bind(account)
        .fetch_all(&mut *connection)
        .await?;
        sqlx::query("delete from tree_adoptions where account_id = $1")
            .bind(account)
            .execute(&mut *connection)
            .await?;
        for municipality_id in municipalities {
            live::changed(connection, municipality_id).await?;
        }
        super::reminders::forget_account(connection, account).await
    })
}

/// The most litres one watering may log: five times the 75–100 litres Berlin's districts ask
/// for per watering of a young tree.
pub const MAX_LITRES: u32 = 500;
/// How far back a watering may be logged.
pub const MAX_AGE_MS: i64 = 30 * 24 * 3_600_000;
/// A clock a little ahead on the phone is not "in the future".
const FUTURE_TOLERANCE_MS: i64 = 10 * 60_000;

/// A watering as typed: litres and a `datetime-local` time (empty means now), checked.
pub fn check_watering(
    litres: &str,
    at: &str,
    now: i64,
    lang: Lang,
) -> Result<(u32, i64), Vec<FieldError>> {
    let t = texts(lang);
    let mut errors = Vec::new();
    let worded =
        |field: &str, message: &str| FieldError::new(field, Problem::Worded(message.to_owned()));
    let litres = match litres.trim().parse::<u32>() {
        Ok(l) if (1..=MAX_LITRES).contains(&l) => Some(l),
        _ => {
            errors.push(worded(FIELD_LITRES, t.err_litres));
            None
        }
    };
    let at = if at.trim().is_empty() {
        Some(now)
    } else {
        parse_local(at)
    };
    match at {
        None => errors.push(worded(FIELD_AT, t.err_at)),
        Some(at) if at > now + FUTURE_TOLERANCE_MS => {
            errors.push(worded(FIELD_AT, t.err_at_future))
        }
        Some(at) if at < now - MAX_AGE_MS => errors.push(worded(FIELD_AT, t.err_at_old)),
        Some(_) => {}
    }
    match (litres, at) {
        (Some(litres), Some(at)) if errors.is_empty() => Ok((litres, at)),
        _ => Err(errors),
    }
}

/// The tree `id` of the municipality, if it is in the register (not retired).
pub async fn tree_exists(db: &Db, municipality_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar(
        "select count(*) from trees where id = $1 and municipality_id = $2 and retired_at is null",
    )
    .bind(id)
    .bind(municipality_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(count > 0)
}

fn not_found<T>() -> Result<T, Failure<TreeRefusal>> {
    Err(Failure::Refused(TreeRefusal::NotFound))
}

/// Adopts the tree, shows or hides the account's name on it, or ends the account's adoption.
/// Adopting twice is adopting once (with the later choice of name); showing one's name on a
/// tree one has not adopted is refused as not found.
pub async fn adopt(
    db: &Db,
    now: i64,
    municipality_id: i64,
    tree_id: i64,
    account: AccountId,
    adoption: Adoption,
) -> Result<(), Failure<TreeRefusal>> {
    if !tree_exists(db, municipality_id, tree_id).await? {
        return not_found();
    }
    let mut tx = db.pool.begin().await?;
    let done =
        match adoption {
            Adoption::Adopt { show_name } => {
                sqlx::query(
                    "insert into tree_adoptions (tree_id, account_id, adopted_at, show_name) \
                 values ($1, $2, $3, $4) \
                 on conflict (tree_id, account_id) do update set show_name = excluded.show_name",
                )
                .bind(tree_id)
                .bind(account)
                .bind(now)
                .bind(i64::from(show_name))
                .execute(&mut *tx)
                .await?
            }
            Adoption::ShowName(show) => sqlx::query(
                "update tree_adoptions set show_name = $1 where tree_id = $2 and account_id = $3",
            )
            .bind(i64::from(show))
            .bind(tree_id)
            .bind(account)
            .execute(&mut *tx)
            .await?,
            Adoption::End => {
                sqlx::query("delete from tree_adoptions where tree_id = $1 and account_id = $2")
                    .bind(tree_id)
                    .bind(account)
                    .execute(&mut *tx)
                    .await?
            }
        };
    if done.rows_affected() == 0 && matches!(adoption, Adoption::ShowName(_)) {
        // Not an adopter of this tree: nothing to show.
        return not_found();
    }
    if done.rows_affected() > 0 {
        live::changed(&mut tx, municipality_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Logs a watering; its litres.
pub async fn water(
    db: &Db,
    now: i64,
    municipality_id: i64,
    tree_id: i64,
    account: AccountId,
    (litres, at): (&str, &str),
    lang: Lang,
) -> Result<u32, Failure<TreeRefusal>> {
    if !tree_exists(db, municipality_id, tree_id).await? {
        return not_found();
    }
    let (litres, at) = check_watering(litres, at, now, lang)
        .map_err(|errors| Failure::Refused(TreeRefusal::Invalid(errors)))?;
    let mut tx = db.pool.begin().await?;
    sqlx::query(
        "insert into tree_waterings (tree_id, account_id, litres, watered_at, recorded_at) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(tree_id)
    .bind(account)
    .bind(i64::from(litres))
    .bind(at)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    live::changed(&mut tx, municipality_id).await?;
    tx.commit().await?;
    Ok(litres)
}

/// One of the account's waterings in the municipality: (tree id, litres, watered at).
pub async fn own_watering(
    db: &Db,
    municipality_id: i64,
    account: AccountId,
    id: i64,
) -> Result<Option<(i64, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select w.tree_id, w.litres, w.watered_at from tree_waterings w \
         join trees t on t.id = w.tree_id \
         where w.id = $1 and w.account_id = $2 and t.municipality_id = $3",
    )
    .bind(id)
    .bind(account)
    .bind(municipality_id)
    .fetch_optional(&db.pool)
    .await
}

/// Changes one of the account's waterings; the tree's id.
pub async fn edit(
    db: &Db,
    now: i64,
    municipality_id: i64,
    account: AccountId,
    id: i64,
    (litres, at): (&str, &str),
    lang: Lang,
) -> Result<i64, Failure<TreeRefusal>> {
    let Some((tree_id, _, _)) = own_watering(db, municipality_id, account, id).await? else {
        return not_found();
    };
    let (litres, at) = check_watering(litres, at, now, lang)
        .map_err(|errors| Failure::Refused(TreeRefusal::Invalid(errors)))?;
    let mut tx = db.pool.begin().await?;
    let changed = sqlx::query(
        "update tree_waterings set litres = $1, watered_at = $2, edited_at = $3 \
         where id = $4 and account_id = $5",
    )
    .bind(i64::from(litres))
    .bind(at)
    .bind(now)
    .bind(id)
    .bind(account)
    .execute(&mut *tx)
    .await?;
    if changed.rows_affected() == 0 {
        return not_found();
    }
    live::changed(&mut tx, municipality_id).await?;
    tx.commit().await?;
    Ok(tree_id)
}

/// Deletes one of the account's waterings; the tree's id.
pub async fn delete(
    db: &Db,
    municipality_id: i64,
    account: AccountId,
    id: i64,
) -> Result<i64, Failure<TreeRefusal>> {
    let Some((tree_id, _, _)) = own_watering(db, municipality_id, account, id).await? else {
        return not_found();
    };
    let mut tx = db.pool.begin().await?;
    let deleted = sqlx::query("delete from tree_waterings where id = $1 and account_id = $2")
        .bind(id)
        .bind(account)
        .execute(&mut *tx)
        .await?;
    if deleted.rows_affected() == 0 {
        return not_found();
    }
    live::changed(&mut tx, municipality_id).await?;
    tx.commit().await?;
    Ok(tree_id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::time::local_value;

    const NOW: i64 = 1_780_000_000_000;

    #[test]
    fn a_watering_needs_whole_litres_within_bounds() {
        assert!(check_watering("80", "", NOW, Lang::De).is_ok());
        assert!(check_watering("500", "", NOW, Lang::De).is_ok());
        for bad in ["", "0", "-5", "501", "zehn", "2.5"] {
            let errors = check_watering(bad, "", NOW, Lang::De).expect_err(bad);
            assert_eq!(errors[0].field, FIELD_LITRES, "{bad}");
        }
    }

    #[test]
    fn a_watering_is_not_in_the_future_nor_older_than_thirty_days() {
        let tomorrow = local_value(NOW + 24 * 3_600_000);
        let old = local_value(NOW - 31 * 24 * 3_600_000);
        let yesterday = local_value(NOW - 24 * 3_600_000);
        assert_eq!(
            check_watering("10", &tomorrow, NOW, Lang::En).expect_err("future")[0].field,
            FIELD_AT
        );
        assert_eq!(
            check_watering("10", &old, NOW, Lang::En).expect_err("old")[0].field,
            FIELD_AT
        );
        assert_eq!(
            check_watering("10", "gestern", NOW, Lang::En).expect_err("text")[0].field,
            FIELD_AT
        );
        let (litres, at) = check_watering("10", &yesterday, NOW, Lang::En).expect("valid");
        assert_eq!(litres, 10);
        assert!((at - (NOW - 24 * 3_600_000)).abs() < 60_000);
    }

    #[test]
    fn both_fields_are_checked_at_once() {
        let errors = check_watering("0", "x", NOW, Lang::De).expect_err("both");
        assert_eq!(errors.len(), 2);
    }
}
