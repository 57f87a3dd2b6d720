//! A citizen's own reports: listed on their account, claimed from the browser they were made
//! in without an account, exported with their data, and anonymised when the account goes.
//! The account's pages (Bürger-ID) ask for these; the reports stay this domain's.

use super::{Reference, Status};
use crate::core::db::Db;
use crate::core::secret::matches_hash;
use crate::core::time::{format_time, iso_utc};
use crate::tenants::Registry;
use kiezwerk_app::account::model::MyReport;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::model::{AccountId, MunicipalityId};
use serde_json::{json, Value};
use sqlx::AnyConnection;

/// Claims remembered by the browser: the `kw_claims` cookie holds `reference:token` pairs, the
/// token being the report's personal access token.
pub fn parse_claims(cookie: Option<&str>) -> Vec<(Reference, String)> {
    cookie
        .unwrap_or_default()
        .split('|')
        .filter_map(|pair| {
            let (reference, token) = pair.split_once(':')?;
            Some((Reference::parse(reference)?, token.to_owned()))
        })
        .take(50)
        .collect()
}

type Row = (Reference, MunicipalityId, i64, Status, i64);

const COLUMNS: &str = "reference, municipality_id, category_id, status, created_at";

fn listed(registry: &Registry, rows: Vec<Row>, lang: Lang) -> Vec<MyReport> {
    let t = lang.texts();
    rows.into_iter()
        .map(
            |(reference, municipality_id, category_id, status, created_at)| MyReport {
                category: registry
                    .by_id(municipality_id)
                    .and_then(|m| m.category_by_id(category_id))
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                status: status.label(t).to_owned(),
                submitted: format_time(created_at, lang),
                reference: reference.to_string(),
            },
        )
        .collect()
}

/// The account's reports, newest first.
pub async fn of_account(
    db: &Db,
    registry: &Registry,
    account: AccountId,
    lang: Lang,
) -> Result<Vec<MyReport>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "select {COLUMNS} from reports where account_id = $1 order by created_at desc limit 200"
    ))
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    Ok(listed(registry, rows, lang))
}

/// The reports this browser made without an account that no account has claimed yet.
pub async fn claimable(
    db: &Db,
    registry: &Registry,
    claims: Option<&str>,
    lang: Lang,
) -> Result<Vec<MyReport>, sqlx::Error> {
    let mut claimable = Vec::new();
    for (reference, token) in parse_claims(claims) {
        let found: Option<(String, Option<AccountId>)> =
            sqlx::query_as("select access_hash, account_id from reports where reference = $1")
                .bind(&reference)
                .fetch_optional(&db.pool)
                .await?;
        if matches!(&found, Some((hash, None)) if matches_hash(&token, hash)) {
            let rows: Vec<Row> = sqlx::query_as(&format!(
                "select {COLUMNS} from reports where reference = $1"
            ))
            .bind(&reference)
            .fetch_all(&db.pool)
            .await?;
            claimable.extend(listed(registry, rows, lang));
        }
    }
    Ok(claimable)
}

/// Links the reports this browser made to the account; returns how many.
pub async fn claim(
    db: &Db,
    account: AccountId,
    claims: Option<&str>,
) -> Result<usize, sqlx::Error> {
    let mut claimed = 0;
    for (reference, token) in parse_claims(claims) {
        let hash: Option<String> = sqlx::query_scalar(
            "select access_hash from reports where reference = $1 and account_id is null",
        )
        .bind(&reference)
        .fetch_optional(&db.pool)
        .await?;
        if hash.is_some_and(|h| matches_hash(&token, &h)) {
            claimed += sqlx::query(
                "update reports set account_id = $2 where reference = $1 and account_id is null",
            )
            .bind(&reference)
            .bind(account)
            .execute(&db.pool)
            .await?
            .rows_affected() as usize;
        }
    }
    Ok(claimed)
}

type ExportedReport = (
    Reference,
    Status,
    String,
    Option<f64>,
    Option<f64>,
    Option<String>,
    Option<String>,
    i64,
);

/// What the account's data export says about reports (Art. 15 and 20 GDPR): the reports made
/// with the account, and those followed by its confirmed e-mail address.
pub async fn export(
    db: &Db,
    account: AccountId,
    confirmed_email: Option<&str>,
) -> Result<(Value, Value), sqlx::Error> {
    let reports: Vec<ExportedReport> = sqlx::query_as(
        "select reference, status, description, lat, lon, address, reporter_email, created_at from reports \
         where account_id = $1 order by created_at",
    )
    .bind(account)
    .fetch_all(&db.pool)
    .await?;
    // Reports followed by e-mail (merged duplicates, support instead of a new report).
    let following: Vec<(Reference,)> =
        match confirmed_email {
            Some(email) => sqlx::query_as(
                "select r.reference from report_followers f join reports r on r.id = f.report_id \
                 where lower(f.email) = lower($1) order by f.id",
            )
            .bind(email)
            .fetch_all(&db.pool)
            .await?,
            None => Vec::new(),
        };
    let reports = reports
        .into_iter()
        .map(
            |(reference, status, description, lat, lon, address, email, created)| {
                json!({
                    "reference": reference, "status": status.code(), "description": description,
                    "lat": lat, "lon": lon, "address": address, "email": email,
                    "submitted_at": iso_utc(created),
                })
            },
        )
        .collect();
    let following = following
        .into_iter()
        .map(|(reference,)| json!(reference))
        .collect();
    Ok((Value::Array(reports), Value::Array(following)))
}

/// In the transaction that deletes the account: its reports stay, without the link to the
/// account and without the reporter's address; following by the confirmed address ends (only
/// that one: nobody can stop somebody else's mail by typing their address).
pub async fn forget_account(
    conn: &mut AnyConnection,
    account: AccountId,
    confirmed_email: Option<&str>,
) -> Result<(), sqlx::Error> {
    if let Some(email) = confirmed_email {
        sqlx::query("delete from report_followers where lower(email) = lower($1)")
            .bind(email)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query(
        "update reports set account_id = null, reporter_email = null where account_id = $1",
    )
    .bind(account)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_reference_and_token_pairs() {
        let claims = parse_claims(Some("ber-2026-1:abc|nonsense|PDM-2026-000002:def"));
        assert_eq!(
            claims,
            vec![
                (Reference::new("BER", 2026, 1), "abc".to_owned()),
                (Reference::new("PDM", 2026, 2), "def".to_owned())
            ]
        );
        assert!(parse_claims(None).is_empty());
    }
}
