//! Outgoing mail: written to the `outbox` table in the same step as the action that causes it,
//! then sent over SMTP by a background job. Without SMTP configured (the default) mail stays in
//! the outbox, where the developers' page and the tests read it.

use crate::clock::Clock;
use crate::config::Settings;
use crate::db::{Backend, Db};
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
    sqlx::query(
        "insert into outbox (to_address, subject, body, created_at) values ($1, $2, $3, $4)",
    )
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(now)
    .execute(conn)
    .await?;
    Ok(())
}

/// Both languages in one mail: we do not know which one the reader prefers.
fn bilingual(name: &str, de: &str, en: &str, link: &str) -> String {
    format!(
        "Hallo {name},\n\n{de}\n\n{link}\n\nIhr Kiezwerk\n\n---\n\nHello {name},\n\n{en}\n\n{link}\n\nYour Kiezwerk\n"
    )
}

pub fn confirm_email(name: &str, to: &str, link: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: "Bitte bestätigen Sie Ihre E-Mail-Adresse / Please confirm your e-mail address".into(),
        body: bilingual(
            name,
            "bitte bestätigen Sie, dass diese E-Mail-Adresse zu Ihrem Kiezwerk-Konto gehört. Der Link gilt 24 Stunden. Wenn Sie das nicht waren, können Sie diese E-Mail ignorieren.",
            "please confirm that this e-mail address belongs to your Kiezwerk account. The link is valid for 24 hours. If this was not you, you can ignore this e-mail.",
            link,
        ),
    }
}

pub fn recovery(name: &str, to: &str, link: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: "Neuen Passkey einrichten / Set up a new passkey".into(),
        body: bilingual(
            name,
            "mit diesem Link richten Sie einen neuen Passkey für Ihr Kiezwerk-Konto ein. Er gilt 15 Minuten und nur einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Konto bleibt unverändert.",
            "with this link you set up a new passkey for your Kiezwerk account. It is valid for 15 minutes and only once. If you did not ask for it, ignore this e-mail; your account stays as it is.",
            link,
        ),
    }
}

pub fn recovery_code_issued(name: &str, to: &str) -> Mail {
    Mail {
        to: to.to_owned(),
        subject: "Wiederherstellungscode ausgestellt / Recovery code issued".into(),
        body: format!(
            "Hallo {name},\n\nfür Ihr Kiezwerk-Konto wurde im Bürgerbüro ein Wiederherstellungscode \
             ausgestellt. Wenn Sie das nicht waren, melden Sie sich bitte sofort bei Ihrer Gemeinde.\n\n\
             Ihr Kiezwerk\n\n---\n\nHello {name},\n\na recovery code for your Kiezwerk account was \
             issued at the citizens' office. If this was not you, please contact your municipality at once.\n\n\
             Your Kiezwerk\n"
        ),
    }
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
                 order by id limit 1{lock}) returning id, to_address, subject, body"
            );
            let now = clock.now_ms();
            let Some((id, to, subject, body)) =
                sqlx::query_as::<_, (i64, String, String, String)>(&claim)
                    .bind(now)
                    .bind(now + 5 * 60_000)
                    .fetch_optional(&db.pool)
                    .await?
            else {
                return Ok(sent);
            };
            let result = match to.parse::<Mailbox>() {
                Ok(to) => Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .subject(subject)
                    .body(body)
                    .map_err(anyhow::Error::from),
                Err(e) => Err(anyhow::Error::from(e)),
            };
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
