//! Watering history from "Gieß den Kiez": its open-data export (`;`-separated, columns
//! `id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;zeitpunkt_der_bewaesserung;
//! bewaesserungsmenge_in_liter`) moves into our register, so that a city already running Gieß
//! den Kiez keeps its history.
//!
//! Gieß den Kiez's ids are its own, not the register's: each row is matched to the live tree
//! within [`MATCH_RADIUS_M`] of its position whose species (or, without one, genus) agrees —
//! of several, the nearest when the others lie at least [`CLEAR_MARGIN_M`] farther. No such
//! tree, or several about as near, and the row is reported with its line and left out. A row
//! that cannot be read (position, time or amount) stops the whole import: nothing is written.
//! Each imported watering keeps a key made of the export's id, time and amount, so importing
//! the same file again adds nothing.

use super::files::{csv_columns, shortened};
use super::grid::{self, placeholders};
use crate::core::db::Db;
use crate::core::geo::Coordinates;
use crate::core::text::{clean_text, csv_reader};
use kiezwerk_app::i18n::{fill, Lang};
use kiezwerk_app::trees::texts::texts;
use std::collections::HashMap;

/// How far a row's position may lie from its tree.
pub const MATCH_RADIUS_M: f64 = 5.0;
/// Of several trees of the row's kind within the radius, the nearest is its tree when every
/// other one lies at least this much farther away (GdK's positions are the register's, so its
/// tree is nearly exactly there); else the row is ambiguous.
pub const CLEAR_MARGIN_M: f64 = 2.0;

/// The tree a row goes to among the trees of its kind within the radius, `(id, metres)`.
fn nearest_clearly(mut fitting: Vec<(i64, f64)>) -> Match {
    fitting.sort_by(|a, b| a.1.total_cmp(&b.1));
    match fitting.as_slice() {
        [] => Match::None,
        [(one, _)] => Match::Tree(*one),
        [(nearest, d1), (_, d2), ..] if d2 - d1 >= CLEAR_MARGIN_M => Match::Tree(*nearest),
        _ => Match::Many,
    }
}
/// The most litres one imported watering may carry (a water tank's delivery, not a typo).
const MAX_LITRES: f64 = 10_000.0;
/// Most lines listed per kind of problem (the rest are counted).
const LINES_SHOWN: usize = 20;
const REQUIRED: [&str; 5] = [
    "id",
    "lng",
    "lat",
    "zeitpunkt_der_bewaesserung",
    "bewaesserungsmenge_in_liter",
];

/// One row of the export.
#[derive(Clone, Debug, PartialEq)]
pub struct GdkWatering {
    pub line: usize,
    pub gdk_id: String,
    pub position: Coordinates,
    pub species: String,
    pub genus: String,
    pub watered_at: i64,
    pub litres: i64,
}

impl GdkWatering {
    fn key(&self) -> String {
        format!("gdk:{}:{}:{}", self.gdk_id, self.watered_at, self.litres)
    }
}

/// A time as Gieß den Kiez writes it: `2021-03-18 09:51:34.437255+00` or
/// `2022-05-29T13:00:00.000Z`; milliseconds since the epoch.
pub fn parse_time(value: &str) -> Option<i64> {
    let mut text = value.trim().replacen(' ', "T", 1);
    // "+00" → "+00:00": an offset of whole hours.
    let bytes = text.as_bytes();
    if bytes.len() > 3 {
        let tail = &bytes[bytes.len() - 3..];
        if matches!(tail[0], b'+' | b'-') && tail[1].is_ascii_digit() && tail[2].is_ascii_digit() {
            text.push_str(":00");
        }
    }
    text.parse::<jiff::Timestamp>()
        .ok()
        .map(jiff::Timestamp::as_millisecond)
}

/// Reads the export; every unreadable row is named by its line (the header is line 1).
pub fn parse(bytes: &[u8], lang: Lang) -> Result<Vec<GdkWatering>, Vec<String>> {
    let t = texts(lang);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Err(vec![t.err_gdk_unreadable.to_owned()]);
    };
    let mut reader = csv_reader(text);
    let index = csv_columns(
        &mut reader,
        &REQUIRED,
        t.err_gdk_unreadable,
        t.err_gdk_header,
    )?;
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut line = 1;
    loop {
        line += 1;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(_) => {
                errors.push(fill(
                    t.err_import_line,
                    &[&line.to_string(), t.err_gdk_unreadable],
                ));
                continue;
            }
        }
        if record.iter().all(|f| f.is_empty()) {
            continue;
        }
        let field = |name: &str| index.get(name).and_then(|&i| record.get(i)).unwrap_or("");
        let mut problems = Vec::new();
        let gdk_id = clean_text(field("id"));
        if gdk_id.is_empty() {
            problems.push(t.err_import_id.to_owned());
        }
        let position = Coordinates::parse(field("lat"), field("lng"));
        if position.is_none() {
            problems.push(t.err_import_position.to_owned());
        }
        let watered_at = parse_time(field("zeitpunkt_der_bewaesserung"));
        if watered_at.is_none() {
            problems.push(fill(
                t.err_gdk_time,
                &[field("zeitpunkt_der_bewaesserung").trim()],
            ));
        }
        let amount = field("bewaesserungsmenge_in_liter").trim();
        let litres = amount
            .replace(',', ".")
            .parse::<f64>()
            .ok()
            .filter(|l| l.is_finite() && *l > 0.0 && *l <= MAX_LITRES)
            .map(|l| l.round().max(1.0) as i64);
        if litres.is_none() {
            problems.push(fill(t.err_gdk_litres, &[amount]));
        }
        match (position, watered_at, litres) {
            (Some(position), Some(watered_at), Some(litres)) if problems.is_empty() => {
                rows.push(GdkWatering {
                    line,
                    gdk_id,
                    position,
                    species: clean_text(field("baumart")),
                    genus: clean_text(field("gattung")),
                    watered_at,
                    litres,
                });
            }
            _ => errors.push(fill(
                t.err_import_line,
                &[&line.to_string(), &problems.join("; ")],
            )),
        }
    }
    if rows.is_empty() && errors.is_empty() {
        errors.push(t.err_gdk_empty.to_owned());
    }
    if errors.is_empty() {
        return Ok(rows);
    }
    Err(shortened(errors, lang))
}

/// What an import did; the lines of the rows left out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GdkImported {
    pub added: usize,
    /// Already imported before (or twice in the file).
    pub known: usize,
    /// No tree of that species within the radius.
    pub unmatched: Vec<usize>,
    /// More than one.
    pub ambiguous: Vec<usize>,
}

impl GdkImported {
    /// The report in words: counts, then the lines left out.
    pub fn report(&self, lang: Lang) -> Vec<String> {
        let t = texts(lang);
        let lines = |lines: &[usize]| {
            let mut shown: Vec<String> = lines
                .iter()
                .take(LINES_SHOWN)
                .map(ToString::to_string)
                .collect();
            if lines.len() > LINES_SHOWN {
                shown.push(fill(
                    t.gdk_more_lines,
                    &[&(lines.len() - LINES_SHOWN).to_string()],
                ));
            }
            shown.join(", ")
        };
        let mut report = vec![fill(
            t.gdk_summary,
            &[
                &self.added.to_string(),
                &self.known.to_string(),
                &self.unmatched.len().to_string(),
                &self.ambiguous.len().to_string(),
            ],
        )];
        if !self.unmatched.is_empty() {
            report.push(fill(t.gdk_unmatched, &[&lines(&self.unmatched)]));
        }
        if !self.ambiguous.is_empty() {
            report.push(fill(t.gdk_ambiguous, &[&lines(&self.ambiguous)]));
        }
        report
    }
}

/// Whether a register tree is the export's tree: same species, or without a species in the
/// export the same genus (German or botanical), compared without case.
fn same_kind(row: &GdkWatering, species: &str, genus_de: &str, genus: &str) -> bool {
    let same = |a: &str, b: &str| !a.is_empty() && a.to_lowercase() == b.to_lowercase();
    if !row.species.is_empty() {
        same(&row.species, species)
    } else if !row.genus.is_empty() {
        same(&row.genus, genus) || same(&row.genus, genus_de)
    } else {
        true
    }
}

enum Match {
    Tree(i64),
    None,
    Many,
}

/// Matches the rows to the municipality's live trees and adds their waterings, in one
/// transaction. Rows of one Gieß den Kiez tree (same id, position and kind) are matched once.
pub async fn import(
    db: &Db,
    now: i64,
    municipality_id: i64,
    rows: &[GdkWatering],
    progress: &mut dyn FnMut(usize, usize),
) -> Result<GdkImported, sqlx::Error> {
    let mut tx = db.begin_write().await?;
    let mut matched: HashMap<(String, String, String, String), Match> = HashMap::new();
    let mut done = GdkImported::default();
    for (n, row) in rows.iter().enumerate() {
        let group = (
            row.gdk_id.clone(),
            format!("{:.7},{:.7}", row.position.lat(), row.position.lon()),
            row.species.clone(),
            row.genus.clone(),
        );
        if !matched.contains_key(&group) {
            let cells = grid::cells_around(row.position, MATCH_RADIUS_M);
            let sql = format!(
                "select id, lat, lon, species_de, genus_de, genus from trees \
                 where municipality_id = {} and retired_at is null and cell in ({})",
                placeholders(db.backend, 0, 1),
                placeholders(db.backend, 1, cells.len())
            );
            let mut query = sqlx::query_as(&sql).bind(municipality_id);
            for cell in &cells {
                query = query.bind(cell);
            }
            let candidates: Vec<(i64, f64, f64, String, String, String)> =
                query.persistent(false).fetch_all(&mut *tx).await?;
            let fitting: Vec<(i64, f64)> = candidates
                .into_iter()
                .filter(|(_, _, _, species, genus_de, genus)| {
                    same_kind(row, species, genus_de, genus)
                })
                .filter_map(|(id, lat, lon, ..)| {
                    let distance = Coordinates::new(lat, lon)?.distance_m(row.position);
                    (distance <= MATCH_RADIUS_M).then_some((id, distance))
                })
                .collect();
            let found = nearest_clearly(fitting);
            matched.insert(group.clone(), found);
        }
        match matched.get(&group) {
            Some(&Match::Tree(tree)) => {
                let added = sqlx::query(
                    "insert into tree_waterings (tree_id, account_id, litres, watered_at, recorded_at, import_key) \
                     values ($1, null, $2, $3, $4, $5) on conflict (tree_id, import_key) do nothing",
                )
                .bind(tree)
                .bind(row.litres)
                .bind(row.watered_at)
                .bind(now)
                .bind(row.key())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if added > 0 {
                    done.added += 1;
                } else {
                    done.known += 1;
                }
            }
            Some(Match::Many) => done.ambiguous.push(row.line),
            _ => done.unmatched.push(row.line),
        }
        if n % 1_000 == 0 {
            progress(n, rows.len());
        }
    }
    if done.added > 0 {
        super::live::changed(&mut tx, municipality_id).await?;
    }
    tx.commit().await?;
    progress(rows.len(), rows.len());
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_time_forms_of_the_export_are_read() {
        let a = parse_time("2021-03-18 09:51:34.437255+00").expect("space and +00");
        let b = parse_time("2022-05-29T13:00:00.000Z").expect("T and Z");
        assert_eq!(a, 1_616_061_094_437);
        assert_eq!(b, 1_653_829_200_000);
        assert_eq!(parse_time("18.03.2021"), None);
    }

    #[test]
    fn an_unreadable_row_is_named_by_its_line_and_nothing_is_read() {
        let file = "id;lng;lat;bezirk;baumart;gattung;strname;pflanzjahr;zeitpunkt_der_bewaesserung;bewaesserungsmenge_in_liter\n\
                    _a1;13.4;52.5;Pankow;Linde;TILIA;Hauptstr.;2010;2022-05-29T13:00:00.000Z;60\n\
                    _a2;13.4;52.5;Pankow;Linde;TILIA;Hauptstr.;2010;gestern;60\n\
                    _a3;13.4;52.5;Pankow;Linde;TILIA;Hauptstr.;2010;2022-05-29T13:00:00.000Z;-5\n";
        let errors = parse(file.as_bytes(), Lang::En).expect_err("two bad rows");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors[0].starts_with("Line 3:") && errors[0].contains("gestern"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("Line 4:") && errors[1].contains("-5"),
            "{errors:?}"
        );
    }

    #[test]
    fn the_kind_decides_between_trees_at_the_same_place() {
        let row = |species: &str, genus: &str| GdkWatering {
            line: 2,
            gdk_id: "x".into(),
            position: Coordinates::new(52.5, 13.4).expect("place"),
            species: species.into(),
            genus: genus.into(),
            watered_at: 0,
            litres: 10,
        };
        assert!(same_kind(
            &row("Winter-Linde", ""),
            "winter-linde",
            "LINDE",
            "TILIA"
        ));
        assert!(!same_kind(
            &row("Spitz-Ahorn", ""),
            "Winter-Linde",
            "LINDE",
            "TILIA"
        ));
        assert!(same_kind(
            &row("", "TILIA"),
            "Winter-Linde",
            "LINDE",
            "TILIA"
        ));
        assert!(same_kind(&row("", ""), "Winter-Linde", "LINDE", "TILIA"));
    }

    #[test]
    fn of_several_trees_of_its_kind_a_row_goes_to_the_clearly_nearest_only() {
        assert!(matches!(nearest_clearly(vec![]), Match::None));
        assert!(matches!(nearest_clearly(vec![(7, 4.0)]), Match::Tree(7)));
        assert!(matches!(
            nearest_clearly(vec![(8, 4.5), (7, 0.3)]),
            Match::Tree(7)
        ));
        assert!(matches!(
            nearest_clearly(vec![(7, 0.3), (8, 1.5)]),
            Match::Many
        ));
        assert!(
            matches!(nearest_clearly(vec![(7, 0.0), (8, 0.0)]), Match::Many),
            "two trees on one spot"
        );
    }
}
