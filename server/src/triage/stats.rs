//! A municipality's figures over the last twelve months: volume by category and area, median
//! times to accept and to resolve, and how often reports were closed without a fix.

use crate::core::db::Db;
use crate::tenants::Municipality;
use kiezwerk_app::i18n::Lang;
use kiezwerk_app::triage::model::{Bar, StatisticsView};

const YEAR_MS: i64 = 365 * 86_400_000;

/// The median of `values` (hours from milliseconds), `None` when empty.
pub fn median_hours(mut values: Vec<i64>) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let ms = if n % 2 == 1 {
        values[n / 2] as f64
    } else {
        (values[n / 2 - 1] as f64 + values[n / 2] as f64) / 2.0
    };
    Some((ms / 3_600_000.0 * 10.0).round() / 10.0)
}

pub async fn view(
    db: &Db,
    municipality: &Municipality,
    now: i64,
    lang: Lang,
) -> Result<StatisticsView, sqlx::Error> {
    let since = now - YEAR_MS;
    let id = municipality.id;
    let (total, open, closed, closed_not_fixed): (i64, i64, i64, i64) = sqlx::query_as(
        "select count(*), \
         coalesce(sum(case when stage < 2 then 1 else 0 end), 0), \
         coalesce(sum(case when stage = 2 and status <> 'duplicate' then 1 else 0 end), 0), \
         coalesce(sum(case when status = 'closed_not_fixed' then 1 else 0 end), 0) \
         from reports where municipality_id = $1 and created_at >= $2",
    )
    .bind(id)
    .bind(since)
    .fetch_one(&db.pool)
    .await?;
    let by_category: Vec<(i64, i64)> = sqlx::query_as(
        "select category_id, count(*) from reports where municipality_id = $1 and created_at >= $2 \
         group by category_id order by count(*) desc, category_id",
    )
    .bind(id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let by_area: Vec<(Option<i64>, i64)> = sqlx::query_as(
        "select area_id, count(*) from reports where municipality_id = $1 and created_at >= $2 \
         group by area_id order by count(*) desc, area_id",
    )
    .bind(id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let accept: Vec<(i64,)> = sqlx::query_as(
        "select accepted_at - created_at from reports \
         where municipality_id = $1 and created_at >= $2 and accepted_at is not null",
    )
    .bind(id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let resolve: Vec<(i64,)> = sqlx::query_as(
        "select closed_at - created_at from reports \
         where municipality_id = $1 and created_at >= $2 and status = 'resolved' and closed_at is not null",
    )
    .bind(id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let t = lang.texts();
    Ok(StatisticsView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        total,
        open,
        by_category: by_category
            .into_iter()
            .map(|(category, value)| Bar {
                label: municipality
                    .category_by_id(category)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_default(),
                value,
            })
            .collect(),
        by_area: by_area
            .into_iter()
            .map(|(area, value)| Bar {
                label: area
                    .and_then(|a| municipality.area(a))
                    .map(|a| a.name.clone())
                    .unwrap_or_else(|| t.triage_no_area.to_owned()),
                value,
            })
            .collect(),
        median_accept_hours: median_hours(accept.into_iter().map(|(v,)| v).collect()),
        median_resolve_hours: median_hours(resolve.into_iter().map(|(v,)| v).collect()),
        closed,
        closed_not_fixed,
    })
}

#[cfg(test)]
mod tests {
    use super::median_hours;

    #[test]
    fn medians_of_odd_and_even_counts_in_hours() {
        assert_eq!(median_hours(vec![]), None);
        assert_eq!(
            median_hours(vec![3_600_000, 36_000_000, 7_200_000]),
            Some(2.0)
        );
        assert_eq!(median_hours(vec![3_600_000, 7_200_000]), Some(1.5));
    }
}
