//! The Bauhof's mails, queued in the transaction of the change that causes them: the worker
//! hears of every step of their report, the fleet managers of new reports and of loans asked
//! of them. Like every Kiezwerk mail, each says everything in German and then in English.

use super::breakdowns::{reference, status_detail, Allocation, Breakdown};
use crate::core::mail::{queue_on, Mail};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::texts::{texts, BauhofTexts};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::model::MunicipalityId;
use sqlx::AnyConnection;

/// Both languages in one mail: `part` gives subject and text in one language.
fn bilingual(to: &str, part: impl Fn(Lang, &BauhofTexts) -> (String, String)) -> Mail {
    let (de_subject, de_body) = part(Lang::De, texts(Lang::De));
    let (en_subject, en_body) = part(Lang::En, texts(Lang::En));
    let signature = |lang: Lang| lang.texts().mail_signature;
    Mail {
        to: to.to_owned(),
        subject: format!("{de_subject} / {en_subject}"),
        body: format!(
            "{de_body}\n\n{}\n---\n\n{en_body}\n\n{}\n",
            signature(Lang::De),
            signature(Lang::En)
        ),
    }
}

/// The confirmed addresses of the fleet managers of a municipality (not disabled).
async fn managers(
    conn: &mut AnyConnection,
    municipality_id: MunicipalityId,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "select distinct a.email from accounts a join role_grants g on g.account_id = a.id \
         where g.role = 'fleet_manager' and g.municipality_id = $1 and a.email is not null \
         and a.email_confirmed_at is not null and a.disabled_at is null order by a.email",
    )
    .bind(municipality_id)
    .fetch_all(conn)
    .await
}

/// A new report, to the municipality's fleet managers.
#[allow(clippy::too_many_arguments)]
pub async fn new_request(
    conn: &mut AnyConnection,
    public_url: &str,
    municipality: &Municipality,
    reference: &str,
    id: i64,
    unit: &str,
    what: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let link = format!("{public_url}/fuhrpark/{}/anfrage/{id}", municipality.slug);
    for to in managers(conn, municipality.id).await? {
        let mail = bilingual(&to, |_, b| {
            (
                fill(b.mail_new_subject, &[reference, unit]),
                fill(b.mail_new_text, &[reference, unit, what, &link]),
            )
        });
        queue_on(conn, now, &mail).await?;
    }
    Ok(())
}

/// A report's new status, to the worker who sent it (if their address is confirmed).
pub async fn status_changed(
    conn: &mut AnyConnection,
    public_url: &str,
    municipality: &Municipality,
    breakdown: &Breakdown,
    allocation: Option<&Allocation>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(requester) = breakdown.requester_id else {
        return Ok(());
    };
    let to: Option<String> = sqlx::query_scalar(
        "select email from accounts where id = $1 and email_confirmed_at is not null and disabled_at is null",
    )
    .bind(requester)
    .fetch_optional(&mut *conn)
    .await?
    .flatten();
    let Some(to) = to else { return Ok(()) };
    let reference = reference(municipality, breakdown.id);
    let link = format!(
        "{public_url}/bauhof/{}/ausfall/{}",
        municipality.slug, breakdown.id
    );
    let mail = bilingual(&to, |lang, b| {
        let status = breakdown.status.label(b);
        (
            fill(b.mail_status_subject, &[&reference, status]),
            fill(
                b.mail_status_text,
                &[
                    &reference,
                    status,
                    &status_detail(breakdown, allocation, lang),
                    &link,
                ],
            ),
        )
    });
    queue_on(conn, now, &mail).await
}

/// A loan asked of a partner, to the partner's fleet managers.
#[allow(clippy::too_many_arguments)]
pub async fn loan_asked(
    conn: &mut AnyConnection,
    public_url: &str,
    lender: &Municipality,
    borrower: &Municipality,
    unit: &str,
    window_de: &str,
    window_en: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let link = format!("{public_url}/fuhrpark/{}/verleih", lender.slug);
    for to in managers(conn, lender.id).await? {
        let mail = bilingual(&to, |lang, b| {
            let window = lang.pick(window_de, window_en);
            (
                fill(b.mail_loan_subject, &[&borrower.name, unit]),
                fill(b.mail_loan_text, &[&borrower.name, unit, window, &link]),
            )
        });
        queue_on(conn, now, &mail).await?;
    }
    Ok(())
}

/// A partner's answer to a loan, to the borrowing municipality's fleet managers.
#[allow(clippy::too_many_arguments)]
pub async fn loan_answered(
    conn: &mut AnyConnection,
    public_url: &str,
    lender: &Municipality,
    borrower: &Municipality,
    breakdown_id: i64,
    unit: &str,
    accepted: bool,
    reason: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    let reference = reference(borrower, breakdown_id);
    let link = format!(
        "{public_url}/fuhrpark/{}/anfrage/{breakdown_id}",
        borrower.slug
    );
    for to in managers(conn, borrower.id).await? {
        let mail = bilingual(&to, |_, b| {
            let (subject, text) = if accepted {
                (b.mail_loan_accepted_subject, b.mail_loan_accepted_text)
            } else {
                (b.mail_loan_declined_subject, b.mail_loan_declined_text)
            };
            (
                fill(subject, &[&lender.name, unit]),
                fill(text, &[&lender.name, unit, &reference, reason, &link]),
            )
        });
        queue_on(conn, now, &mail).await?;
    }
    Ok(())
}
