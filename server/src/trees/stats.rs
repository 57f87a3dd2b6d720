//! A municipality's tree statistics, for everyone: how many trees have adopters, and over the
//! last twelve Berlin months the new adoptions, the waterings and their litres, per month and
//! per district of the register. Adoptions that ended are gone (they are not kept), so the
//! months count the adoptions begun then that still last.

use super::views::register;
use super::Trees;
use crate::core::time::{format_day, month_starts, MONTHS};
use crate::tenants::Municipality;
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::model::{TreeFigures, TreeStatistics};
use kiezwerk_app::trees::texts::texts;
use std::collections::BTreeMap;

/// Adds one adoption (`litres` `None`) or one watering to `figures`.
fn count(figures: &mut TreeFigures, litres: Option<i64>) {
    match litres {
        None => figures.adoptions += 1,
        Some(litres) => {
            figures.waterings += 1;
            figures.litres += litres;
        }
    }
}

fn figures(label: String) -> TreeFigures {
    TreeFigures {
        label,
        adoptions: 0,
        waterings: 0,
        litres: 0,
    }
}

/// The statistics of `municipality` at `now`.
pub async fn statistics(
    state: &Trees,
    municipality: &Municipality,
    now: i64,
    lang: Lang,
) -> Result<TreeStatistics, sqlx::Error> {
    let db = &state.core.db;
    let id = municipality.id.0;
    let register = register(state, id).await?;
    let (starts, end, labels) = month_starts(now).unwrap_or_default();
    let since = starts.first().copied().unwrap_or(now);
    let mut months: Vec<TreeFigures> = labels.iter().cloned().map(figures).collect();
    let mut districts: BTreeMap<String, TreeFigures> = register
        .as_ref()
        .map(|r| r.districts.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|d| (d.clone(), figures(d)))
        .collect();
    let month_of = |at: i64| {
        (since..end)
            .contains(&at)
            .then(|| {
                starts
                    .partition_point(|&start| start <= at)
                    .saturating_sub(1)
            })
            .filter(|&m| m < MONTHS)
    };
    // An adoption (`litres` `None`) or a watering: in its month, if within the year, and in its
    // district.
    let mut tally = |at: i64, district: String, litres: Option<i64>| {
        if let Some(month) = month_of(at) {
            count(&mut months[month], litres);
        }
        let label = if district.is_empty() {
            texts(lang).stats_no_district.to_owned()
        } else {
            district
        };
        let entry = districts
            .entry(label.clone())
            .or_insert_with(|| figures(label));
        count(entry, litres);
    };

    // Every lasting adoption: by the month it began (within the year) and by district (all).
    let adoptions: Vec<(i64, i64, String)> = sqlx::query_as(
        "select a.tree_id, a.adopted_at, t.district from tree_adoptions a \
         join trees t on t.id = a.tree_id where t.municipality_id = $1",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let adopted_trees = adoptions
        .iter()
        .map(|(tree, ..)| *tree)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let adoption_count = adoptions.len();
    for (_, at, district) in adoptions {
        tally(at, district, None);
    }
    // The year's waterings.
    let waterings: Vec<(i64, i64, String)> = sqlx::query_as(
        "select w.watered_at, w.litres, t.district from tree_waterings w \
         join trees t on t.id = w.tree_id \
         where t.municipality_id = $1 and w.watered_at >= $2 and w.watered_at < $3",
    )
    .bind(id)
    .bind(since)
    .bind(end)
    .fetch_all(&db.pool)
    .await?;
    let watering_count = waterings.len();
    let litres: i64 = waterings.iter().map(|(_, litres, _)| litres).sum();
    for (at, litres, district) in waterings {
        tally(at, district, Some(litres));
    }
    let t = texts(lang);
    Ok(TreeStatistics {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        data_date: register.map(|r| format_day(&r.date, lang)),
        window: fill(
            t.stats_window,
            &[
                labels.first().map_or("", String::as_str),
                labels.last().map_or("", String::as_str),
            ],
        ),
        adopted_trees: u64::try_from(adopted_trees).unwrap_or(0),
        adoptions: u64::try_from(adoption_count).unwrap_or(0),
        waterings: u64::try_from(watering_count).unwrap_or(0),
        litres: u64::try_from(litres).unwrap_or(0),
        months,
        districts: districts.into_values().collect(),
    })
}
