//! Outgoing mail: written to the `outbox` table in the same step as the action that causes it,
//! then sent over SMTP by a background job. Without SMTP configured (the default) mail stays in
//! the outbox, where the developers' page and the tests read it.

use super::clock::Clock;
use super::config::Settings;
use super::db::{Backend, Db};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// A mail to send.
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// Queues a mail written at `now`.
pub async fn queue(db: &Db, now: i64, mail: Mail) -> Result<(), sqlx::Error> {
    let mut conn = db.pool.acquire().await?;
    queue_on(&mut conn, now, &mail).await
}

/// Queues a mail inside a transaction: it goes out only if the change that causes it commits.
pub async fn queue_on(
    conn: &mut sqlx::AnyConnection,
    now: i64,
    mail: &Mail,
) -> Result<(), sqlx::Error> {
    queue_unsubscribable_on(conn, now, mail, None).await
}

/// [`queue_on`] for a mail people asked for and may stop with one click: it carries
/// `List-Unsubscribe: <url>` and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`
/// (RFC 8058), so mail programs offer "unsubscribe" and post to `url` themselves.
pub async fn queue_unsubscribable_on(
    conn: &mut sqlx::AnyConnection,
    now: i64,
    mail: &Mail,
    unsubscribe: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into outbox (to_address, subject, body, created_at, list_unsubscribe) \
         values ($1, $2, $3, $4, $5)",
    )
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(now)
    .bind(unsubscribe)
    .execute(conn)
    .await?;
    Ok(())
}

/// A mail's message with the one-click unsubscribe headers of RFC 8058, when it has an address.
fn message(
    from: Mailbox,
    to: &str,
    subject: String,
    body: String,
    unsubscribe: Option<&str>,
) -> anyhow::Result<Message> {
    let mut builder = Message::builder()
        .from(from)
        .to(to.parse()?)
        .subject(subject);
    if let Some(url) = unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_owned(),
            ));
    }
    Ok(builder.body(body)?)
}

/// A mail in the outbox, with when it was queued.
pub struct Queued {
    pub mail: Mail,
    pub created_at: i64,
}

/// The newest mails of the outbox (for the developers' page), newest first.
pub async fn newest(db: &Db, limit: i64) -> Result<Vec<Queued>, sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "select to_address, subject, body, created_at from outbox order by id desc limit $1",
    )
    .bind(limit)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(to, subject, body, created_at)| Queued {
            mail: Mail { to, subject, body },
            created_at,
        })
        .collect())
}

/// Removes mail queued before `before` (sent or not: its links have expired); returns how
/// many.
pub async fn delete_older_than(db: &Db, before: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from outbox where created_at <= $1")
        .bind(before)
        .execute(&db.pool)
        .await?
        .rows_affected())
}

/// Sends queued mail over SMTP.
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// `None` when no SMTP server is configured.
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Option<Mailer>> {
        let Some(url) = &settings.smtp_url else {
            return Ok(None);
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
            .map_err(|e| anyhow::anyhow!("KIEZWERK_SMTP_URL: {e}"))?
            .build();
        let from = settings
            .mail_from
            .parse()
            .map_err(|e| anyhow::anyhow!("KIEZWERK_MAIL_FROM: {e}"))?;
        Ok(Some(Mailer { transport, from }))
    }

    /// Sends waiting mail, one at a time, until none is left; returns how many were sent.
    /// Each mail is claimed by one server before sending (several servers may run this).
    pub async fn send_pending(&self, db: &Db, clock: &Clock) -> anyhow::Result<usize> {
        let mut sent = 0;
        loop {
            // Each mail is held by one server for five minutes; PostgreSQL skips rows another
            // server is claiming right now, SQLite has a single writer.
            let lock = match db.backend {
                Backend::Postgres => " for update skip locked",
                Backend::Sqlite => "",
            };
            let claim = format!(
                "update outbox set attempts = attempts + 1, claimed_until = $2 where id = (select id from outbox \
                 where sent_at is null and attempts < 5 and (claimed_until is null or claimed_until < $1) \
                 order by id limit 1{lock}) returning id, to_address, subject, body, list_unsubscribe"
            );
            let now = clock.now_ms();
            let Some((id, to, subject, body, unsubscribe)) =
                sqlx::query_as::<_, (i64, String, String, String, Option<String>)>(&claim)
                    .bind(now)
                    .bind(now + 5 * 60_000)
                    .fetch_optional(&db.pool)
                    .await?
            else {
                return Ok(sent);
            };
            let result = message(
                self.from.clone(),
                &to,
                subject,
                body,
                unsubscribe.as_deref(),
            );
            let outcome = match result {
                Ok(message) => self
                    .transport
                    .send(message)
                    .await
                    .map(|_| ())
                    .map_err(anyhow::Error::from),
                Err(e) => Err(e),
            };
            match outcome {
                Ok(()) => {
                    // Sent: the body (with its one-time link) is not kept.
                    sqlx::query("update outbox set sent_at = $2, last_error = null, body = '' where id = $1")
                        .bind(id)
                        .bind(clock.now_ms())
                        .execute(&db.pool)
                        .await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(%error, mail = id, "sending mail failed; it will be retried");
                    sqlx::query("update outbox set last_error = $2 where id = $1")
                        .bind(id)
                        .bind(error.to_string())
                        .execute(&db.pool)
                        .await?;
                    return Ok(sent);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mail_one_may_stop_carries_the_one_click_unsubscribe_headers_of_rfc_8058() {
        let from: Mailbox = "Kiezwerk <noreply@kiezwerk.example>".parse().expect("from");
        let url = "https://kiez.example/baeume/erinnerungen/abmelden/abc";
        let mail = message(
            from.clone(),
            "gerda@example.de",
            "Betreff".into(),
            "Text".into(),
            Some(url),
        )
        .expect("message");
        let text = String::from_utf8(mail.formatted()).expect("UTF-8");
        assert!(
            text.contains(&format!("List-Unsubscribe: <{url}>\r\n")),
            "{text}"
        );
        assert!(text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"));
        let plain = message(
            from.clone(),
            "gerda@example.de",
            "Betreff".into(),
            "Text".into(),
            None,
        )
        .expect("message");
        assert!(!String::from_utf8(plain.formatted())
            .expect("UTF-8")
            .contains("List-Unsubscribe"));
        assert!(message(from, "not an address", String::new(), String::new(), None).is_err());
    }
}
