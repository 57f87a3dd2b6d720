//! Reminders, a service that comes to the adopter: whoever opts in gets a mail when one of their
//! trees is thirsty (its need this week is medium or high) and nobody has watered it for a week
//! — at most one mail a week per person, listing all such trees of every municipality, in the
//! vegetation period (March to October, when street trees draw water; Gieß den Kiez shows the
//! need only then too).
//!
//! Several servers run the job at once ([`send_due`]): a person's mail is queued in the same
//! transaction that moves their `last_sent_at` on from more than a week ago, so only the server
//! whose update changed the row sends it. Every mail carries its own unsubscribe link (only its
//! hash is kept) as `List-Unsubscribe` with `List-Unsubscribe-Post` (RFC 8058): mail programs
//! unsubscribe with one click, and the link in an older mail works as well.

use super::live::{self, Thirst};
use super::need::week_start;
use super::Trees;
use crate::core::db::Db;
use crate::core::mail::{queue_unsubscribable_on, Mail};
use crate::core::secret;
use kiezwerk_app::model::AccountId;
use kiezwerk_app::trees::serverfns::{reminders_path, tree_path, unsubscribe_path};
use std::collections::BTreeMap;

/// At most one reminder in this time.
pub const WEEK_MS: i64 = 7 * 24 * 3_600_000;
/// Need levels that call for water ([`live::level_code`]: medium and high).
const THIRSTY: u8 = 2;
/// A person without thirsty trees is looked at again after this.
const CHECK_EVERY_MS: i64 = 24 * 3_600_000;
/// Unsubscribe links are kept this long (a year of weekly mails).
const TOKEN_DAYS: i64 = 400;

/// Whether the account asked for reminders.
pub async fn subscribed(db: &Db, account: AccountId) -> Result<bool, sqlx::Error> {
    let found: Option<i64> =
        sqlx::query_scalar("select account_id from tree_reminders where account_id = $1")
            .bind(account)
            .fetch_optional(&db.pool)
            .await?;
    Ok(found.is_some())
}

/// The account's confirmed e-mail address, where reminders go.
pub async fn address(db: &Db, account: AccountId) -> Result<Option<String>, sqlx::Error> {
    Ok(sqlx::query_scalar::<_, Option<String>>(
        "select email from accounts where id = $1 and email_confirmed_at is not null",
    )
    .bind(account)
    .fetch_optional(&db.pool)
    .await?
    .flatten())
}

/// Turns the account's reminders on — only with a confirmed address to send them to — or off
/// (forgetting its unsubscribe links too); whether they are on now.
pub async fn set(db: &Db, account: AccountId, on: bool, now: i64) -> Result<bool, sqlx::Error> {
    if on && address(db, account).await?.is_none() {
        return subscribed(db, account).await;
    }
    let mut tx = db.pool.begin().await?;
    if on {
        sqlx::query(
            "insert into tree_reminders (account_id, subscribed_at) values ($1, $2) \
             on conflict (account_id) do nothing",
        )
        .bind(account)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    } else {
        forget(&mut tx, account).await?;
    }
    tx.commit().await?;
    Ok(on)
}

async fn forget(
    connection: &mut sqlx::AnyConnection,
    account: AccountId,
) -> Result<(), sqlx::Error> {
    sqlx::query("delete from tree_reminder_tokens where account_id = $1")
        .bind(account)
        .execute(&mut *connection)
        .await?;
    sqlx::query("delete from tree_reminders where account_id = $1")
        .bind(account)
        .execute(&mut *connection)
        .await?;
    Ok(())
}

/// Unsubscribes whoever the token of a reminder belongs to; whether it was one (an unknown or
/// already used-up token changes nothing, and says so).
pub async fn unsubscribe(db: &Db, token: &str) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let account: Option<AccountId> =
        sqlx::query_scalar("select account_id from tree_reminder_tokens where token_hash = $1")
            .bind(secret::hash(token))
            .fetch_optional(&mut *tx)
            .await?;
    let Some(account) = account else {
        return Ok(false);
    };
    forget(&mut tx, account).await?;
    tx.commit().await?;
    tracing::info!(account = %account, "tree reminders unsubscribed by link");
    Ok(true)
}

/// Whether `now` is in the vegetation period (1 March to 31 October in Berlin).
pub fn in_season(now: i64) -> bool {
    (3..=10).contains(&super::views::today(now).month())
}

/// A thirsty tree of a reminder.
struct Thirsty {
    slug: String,
    municipality: String,
    id: i64,
    name: String,
    address: String,
    level: u8,
}

/// An adopter whose reminder may be due: account, e-mail address, name.
type Due = (AccountId, String, String);
/// An adopted tree nobody watered for a week: municipality, id, species, genus, street, number,
/// place name, planting year, the register's age, latitude, longitude.
type Unwatered = (
    i64,
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    f64,
    f64,
);

/// Queues the reminders due at `now`: one for each subscribed adopter with a confirmed address
/// whose last reminder is a week old, when some of their trees are thirsty and unwatered for a
/// week; a person without such trees is looked at again the next day. Returns how many were
/// queued by this server.
pub async fn send_due(state: &Trees, now: i64) -> Result<usize, sqlx::Error> {
    if !in_season(now) {
        return Ok(0);
    }
    let db = &state.core.db;
    let a_week_ago = now - WEEK_MS;
    let due: Vec<Due> = sqlx::query_as(
        "select r.account_id, a.email, a.display_name from tree_reminders r \
         join accounts a on a.id = r.account_id \
         where a.email is not null and a.email_confirmed_at is not null and a.disabled_at is null \
         and (r.last_sent_at is null or r.last_sent_at <= $1) \
         and (r.checked_at is null or r.checked_at <= $2) order by r.account_id",
    )
    .bind(a_week_ago)
    .bind(now - CHECK_EVERY_MS)
    .fetch_all(&db.pool)
    .await?;
    sqlx::query("delete from tree_reminder_tokens where created_at < $1")
        .bind(now - TOKEN_DAYS * 24 * 3_600_000)
        .execute(&db.pool)
        .await?;
    let mut queued = 0;
    for (account, email, name) in due {
        let trees = thirsty(state, account, now).await?;
        if trees.is_empty() {
            // Looked at: not again today (by any server).
            sqlx::query("update tree_reminders set checked_at = $2 where account_id = $1")
                .bind(account)
                .bind(now)
                .execute(&db.pool)
                .await?;
            continue;
        }
        let mut tx = db.begin_write().await?;
        let claimed = sqlx::query(
            "update tree_reminders set last_sent_at = $2 where account_id = $1 \
             and (last_sent_at is null or last_sent_at <= $3)",
        )
        .bind(account)
        .bind(now)
        .bind(a_week_ago)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if claimed != 1 {
            // Another server sent it.
            continue;
        }
        let (token, token_hash) = secret::new_token_and_id();
        sqlx::query(
            "insert into tree_reminder_tokens (token_hash, account_id, created_at) values ($1, $2, $3)",
        )
        .bind(&token_hash)
        .bind(account)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let base = &state.core.settings.public_url;
        let unsubscribe = format!("{base}{}", unsubscribe_path(&token));
        let mail = Mail {
            to: email,
            subject: subject(trees.len()),
            body: body(&name, &trees, base, &unsubscribe),
        };
        queue_unsubscribable_on(&mut tx, now, &mail, Some(&unsubscribe)).await?;
        tx.commit().await?;
        queued += 1;
    }
    Ok(queued)
}

/// The account's adopted trees that are thirsty and that nobody watered in the last week.
async fn thirsty(state: &Trees, account: AccountId, now: i64) -> Result<Vec<Thirsty>, sqlx::Error> {
    let db = &state.core.db;
    let rows: Vec<Unwatered> = sqlx::query_as(
        "select t.municipality_id, t.id, t.species_de, t.genus_de, t.street, t.house_number, \
         t.place_name, t.planting_year, t.age_years, t.lat, t.lon \
         from tree_adoptions a join trees t on t.id = a.tree_id \
         where a.account_id = $1 and t.retired_at is null and not exists \
         (select 1 from tree_waterings w where w.tree_id = t.id and w.watered_at >= $2) \
         order by t.municipality_id, t.street, t.house_number, t.id",
    )
    .bind(account)
    .bind(week_start(now))
    .fetch_all(&db.pool)
    .await?;
    let mut by_municipality: BTreeMap<i64, Vec<Unwatered>> = BTreeMap::new();
    for row in rows {
        by_municipality.entry(row.0).or_default().push(row);
    }
    let mut found = Vec::new();
    for (municipality_id, trees) in by_municipality {
        let Some(municipality) = state
            .tenants
            .registry
            .by_id(kiezwerk_app::model::MunicipalityId(municipality_id))
        else {
            continue;
        };
        let Some(versions) = live::versions(db, municipality_id, now).await? else {
            continue;
        };
        let thirst: Vec<Thirst> = trees
            .iter()
            .map(|t| Thirst {
                lat: t.9,
                lon: t.10,
                planted: t.7,
                age: t.8,
                watered: 0,
            })
            .collect();
        let levels = live::levels(db, municipality_id, versions.data_year, now, &thirst).await?;
        for (tree, level) in trees.into_iter().zip(levels) {
            if level >= THIRSTY {
                found.push(Thirsty {
                    slug: municipality.slug.clone(),
                    municipality: municipality.name.clone(),
                    id: tree.1,
                    name: super::views::species_name(&tree.2, &tree.3),
                    address: super::views::address(&tree.4, &tree.5, &tree.6),
                    level,
                });
            }
        }
    }
    Ok(found)
}

fn subject(trees: usize) -> String {
    if trees == 1 {
        "Einer Ihrer Bäume hat Durst / One of your trees is thirsty".to_owned()
    } else {
        format!("{trees} Ihrer Bäume haben Durst / {trees} of your trees are thirsty")
    }
}

/// The mail in German, then in English (an account has no language of its own).
fn body(name: &str, trees: &[Thirsty], base: &str, unsubscribe: &str) -> String {
    let list = |english: bool| {
        trees
            .iter()
            .map(|t| {
                let need = match (t.level, english) {
                    (3, false) => "Wasserbedarf hoch",
                    (_, false) => "Wasserbedarf mittel",
                    (3, true) => "high water need",
                    (_, true) => "medium water need",
                };
                format!(
                    "- {}, {} ({}): {need}\n  {base}{}\n",
                    t.name,
                    t.address,
                    t.municipality,
                    tree_path(&t.slug, t.id)
                )
            })
            .collect::<String>()
    };
    let settings = format!("{base}{}", reminders_path());
    format!(
        "Hallo {name},\n\n\
         diese Bäume, die Sie betreuen, haben Durst, und seit einer Woche hat sie niemand gegossen:\n\n\
         {}\n\
         Am besten gießen Sie morgens oder abends, langsam, damit das Wasser versickert – ein junger \
         Baum braucht in der Woche etwa 100 Liter. Tragen Sie die Gießung danach auf der Seite des \
         Baums ein.\n\n\
         Sie bekommen diese Erinnerung höchstens einmal in der Woche, weil Sie sie bestellt haben.\n\
         Einstellungen: {settings}\n\
         Keine Erinnerungen mehr: {unsubscribe}\n\n\
         ---\n\n\
         Hello {name},\n\n\
         these trees you look after are thirsty, and nobody has watered them for a week:\n\n\
         {}\n\
         Water in the morning or evening, slowly, so the water soaks in – a young tree needs about \
         100 litres a week. Log the watering on the tree's page afterwards.\n\n\
         You get this reminder at most once a week because you asked for it.\n\
         Settings: {settings}\n\
         No more reminders: {unsubscribe}\n",
        list(false),
        list(true),
    )
}

/// Deleting an account forgets its reminders (in the deletion's transaction).
pub async fn forget_account(
    connection: &mut sqlx::AnyConnection,
    account: AccountId,
) -> Result<(), sqlx::Error> {
    forget(connection, account).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> i64 {
        text.parse::<jiff::Timestamp>()
            .expect("time")
            .as_millisecond()
    }

    #[test]
    fn reminders_go_out_from_march_to_october_only() {
        assert!(
            !in_season(at("2026-02-28T22:59:00Z")),
            "still February in Berlin"
        );
        assert!(in_season(at("2026-02-28T23:00:00Z")), "1 March in Berlin");
        assert!(in_season(at("2026-07-15T12:00:00Z")));
        assert!(in_season(at("2026-10-31T22:59:00Z")));
        assert!(
            !in_season(at("2026-10-31T23:00:00Z")),
            "1 November in Berlin"
        );
        assert!(!in_season(at("2026-12-07T12:00:00Z")));
    }

    #[test]
    fn a_reminder_lists_each_tree_with_its_need_and_link_and_says_how_to_stop() {
        let trees = [Thirsty {
            slug: "berlin".into(),
            municipality: "Berlin".into(),
            id: 7,
            name: "Winter-Linde".into(),
            address: "Schönholzer Straße 5".into(),
            level: 3,
        }];
        let text = body(
            "Gerda",
            &trees,
            "https://kiez.example",
            "https://kiez.example/x",
        );
        assert!(text.starts_with("Hallo Gerda,"));
        assert!(text.contains("- Winter-Linde, Schönholzer Straße 5 (Berlin): Wasserbedarf hoch\n  https://kiez.example/baeume/berlin/baum/7\n"));
        assert!(text.contains("high water need"));
        assert!(text.contains("Keine Erinnerungen mehr: https://kiez.example/x"));
        assert!(text.contains("Einstellungen: https://kiez.example/baeume/erinnerungen"));
        assert_eq!(
            subject(1),
            "Einer Ihrer Bäume hat Durst / One of your trees is thirsty"
        );
        assert_eq!(
            subject(3),
            "3 Ihrer Bäume haben Durst / 3 of your trees are thirsty"
        );
    }
}
