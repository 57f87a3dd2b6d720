//! Figures per equipment type: breakdowns per month over the last twelve Berlin months (as a
//! bar chart with its table), the mean time a repair took, and how much of the last 30 days
//! the type's units were reserved.

use crate::core::db::Db;
use crate::core::time::{month_starts, MONTHS};
use crate::tenants::Municipality;
use kiezwerk_app::equipment::model::{StatisticsView, TypeFigures};
use kiezwerk_app::equipment::texts::texts;
use kiezwerk_app::i18n::{fill, Lang};
use std::fmt::Write;

const UTILISATION_WINDOW_MS: i64 = 30 * 24 * 3_600_000;

/// The bar chart of counts per month, as SVG (the table beside it carries the figures).
pub fn bar_chart(counts: &[i64], labels: &[String]) -> String {
    let (bar, gap, height, base) = (24, 6, 100, 20);
    let width = counts.len() * (bar + gap) + gap;
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {}\" width=\"100%\" \
         focusable=\"false\" class=\"bar-chart\">",
        height + base
    );
    for (i, (count, label)) in counts.iter().zip(labels).enumerate() {
        let x = gap + i * (bar + gap);
        let h = (*count as f64 / max as f64 * (height - 14) as f64).round() as i64;
        let y = height as i64 - h;
        let _ = write!(
            svg,
            "<rect x=\"{x}\" y=\"{y}\" width=\"{bar}\" height=\"{h}\" fill=\"#1d2034\"/>\
             <text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"middle\">{count}</text>\
             <text x=\"{}\" y=\"{}\" font-size=\"8\" text-anchor=\"middle\">{}</text>",
            x + bar / 2,
            y - 3,
            x + bar / 2,
            height + 14,
            label.get(..2).unwrap_or(label)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A mean repair time for people: "3,5 Tage", "5,0 Std.".
fn duration(ms: i64, lang: Lang) -> String {
    let hours = ms as f64 / 3_600_000.0;
    let text = if hours >= 48.0 {
        lang.pick(
            format!("{:.1} Tage", hours / 24.0).replace('.', ","),
            format!("{:.1} days", hours / 24.0),
        )
    } else {
        lang.pick(
            format!("{:.1} Std.", hours).replace('.', ","),
            format!("{:.1} hours", hours),
        )
    };
    text
}

pub async fn view(
    db: &Db,
    municipality: &Municipality,
    now: i64,
    lang: Lang,
) -> Result<StatisticsView, sqlx::Error> {
    let b = texts(lang);
    let Some((starts, end, months)) = month_starts(now) else {
        return Ok(StatisticsView {
            slug: municipality.slug.clone(),
            municipality: municipality.name.clone(),
            months: Vec::new(),
            types: Vec::new(),
            window: String::new(),
        });
    };
    let since = starts[0];
    let types: Vec<(i64, String, String, i64)> = sqlx::query_as(
        "select t.id, t.name_de, t.name_en, count(u.id) from equipment_types t \
         join units u on u.type_id = t.id and u.municipality_id = $1 and u.status <> 'retired' \
         group by t.id, t.name_de, t.name_en, t.position order by t.position, t.id",
    )
    .bind(municipality.id)
    .fetch_all(&db.pool)
    .await?;
    let breakdowns: Vec<(i64, i64)> = sqlx::query_as(
        "select u.type_id, b.created_at from breakdowns b join units u on u.id = b.unit_id \
         where b.municipality_id = $1 and b.created_at >= $2 and b.created_at < $3",
    )
    .bind(municipality.id)
    .bind(since)
    .bind(end)
    .fetch_all(&db.pool)
    .await?;
    let repairs: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select u.type_id, r.since, r.closed_at from repairs r join units u on u.id = r.unit_id \
         where u.municipality_id = $1 and r.closed_at is not null and r.closed_at >= $2",
    )
    .bind(municipality.id)
    .bind(since)
    .fetch_all(&db.pool)
    .await?;
    let window_start = now - UTILISATION_WINDOW_MS;
    let reserved: Vec<(i64, i64, i64)> = sqlx::query_as(
        "select u.type_id, r.starts_at, r.ends_at from reservations r join units u on u.id = r.unit_id \
         where u.municipality_id = $1 and r.cancelled_at is null and r.starts_at < $3 and $2 < r.ends_at",
    )
    .bind(municipality.id)
    .bind(window_start)
    .bind(now)
    .fetch_all(&db.pool)
    .await?;
    let figures = types
        .into_iter()
        .map(|(type_id, name_de, name_en, units)| {
            let mut counts = vec![0i64; MONTHS];
            for (_, at) in breakdowns.iter().filter(|(t, _)| *t == type_id) {
                let month = starts.iter().rposition(|start| start <= at).unwrap_or(0);
                counts[month] += 1;
            }
            let durations: Vec<i64> = repairs
                .iter()
                .filter(|(t, _, _)| *t == type_id)
                .map(|(_, since, closed)| closed - since)
                .collect();
            let mean_repair = if durations.is_empty() {
                b.no_repairs_yet.to_owned()
            } else {
                duration(durations.iter().sum::<i64>() / durations.len() as i64, lang)
            };
            let busy: i64 = reserved
                .iter()
                .filter(|(t, _, _)| *t == type_id)
                .map(|(_, from, until)| until.min(&now) - from.max(&window_start))
                .sum();
            let share = busy as f64 / (units.max(1) * UTILISATION_WINDOW_MS) as f64 * 100.0;
            TypeFigures {
                type_name: lang.pick(name_de, name_en),
                units,
                chart: bar_chart(&counts, &months),
                breakdowns: counts,
                mean_repair,
                utilisation: fill(b.percent, &[&format!("{share:.0}")]),
            }
        })
        .collect();
    Ok(StatisticsView {
        slug: municipality.slug.clone(),
        municipality: municipality.name.clone(),
        window: fill(
            b.stats_window,
            &[
                months.first().map_or("", |m| m.as_str()),
                months.last().map_or("", |m| m.as_str()),
            ],
        ),
        months,
        types: figures,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chart_has_a_bar_per_month_scaled_to_the_largest() {
        let labels: Vec<String> = (1..=3).map(|m| format!("{m:02}/2026")).collect();
        let svg = bar_chart(&[0, 2, 4], &labels);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains("height=\"86\""), "{svg}");
        assert!(svg.contains("height=\"43\""));
    }
}
