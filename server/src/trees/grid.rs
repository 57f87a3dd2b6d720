//! The nearest-trees index: a fixed grid of cells about 100 m a side. Every tree stores the
//! cell it stands in (`trees.cell`, indexed with the municipality), so that the trees around a
//! place are read by a handful of exact index lookups, whatever the register's size: a box on
//! latitude and longitude would scan the whole band of latitude through the city.

use crate::core::db::{Backend, Db};
use crate::core::geo::Coordinates;

/// A cell's height in degrees of latitude (100 m).
const CELL_LAT_DEG: f64 = 0.000_9;
/// A cell's width in degrees of longitude (about 100 m in Germany, 52° north).
const CELL_LON_DEG: f64 = 0.001_5;
/// Columns per row: more than 360° / [`CELL_LON_DEG`] (a cell's column is `cell % COLUMNS`).
pub const COLUMNS: i64 = 1_000_000;
/// Most cells one lookup asks for (a box of about 4.5 km a side around a place: more than the
/// nearby list's widest circle of 2 km needs).
pub const MAX_CELLS: usize = 2_000;

fn row(lat: f64) -> i64 {
    ((lat + 90.0) / CELL_LAT_DEG).floor() as i64
}

fn column(lon: f64) -> i64 {
    ((lon + 180.0) / CELL_LON_DEG).floor() as i64
}

/// The cell `place` stands in.
pub fn cell(place: Coordinates) -> i64 {
    row(place.lat()) * COLUMNS + column(place.lon())
}

/// Every cell that the box of `radius_m` around `place` touches, row by row (at most
/// [`MAX_CELLS`]: a larger radius is cut to the cells nearest the middle rows and columns).
pub fn cells_around(place: Coordinates, radius_m: f64) -> Vec<i64> {
    let (south, north, west, east) = place.bounding_box(radius_m);
    let (rows, columns) = (row(south)..=row(north), column(west)..=column(east));
    let mut cells = Vec::new();
    for r in rows {
        for c in columns.clone() {
            cells.push(r * COLUMNS + c);
        }
    }
    if cells.len() > MAX_CELLS {
        let middle = cell(place);
        cells.sort_by_key(|c| {
            let (dr, dc) = (
                c / COLUMNS - middle / COLUMNS,
                c % COLUMNS - middle % COLUMNS,
            );
            dr.abs().max(dc.abs())
        });
        cells.truncate(MAX_CELLS);
        cells.sort_unstable();
    }
    cells
}

/// Every cell the box from `south`/`west` to `north`/`east` touches, or `None` when they are
/// more than [`MAX_CELLS`] (then read the box as a [`Band`]).
pub fn cells_in_box(south: f64, west: f64, north: f64, east: f64) -> Option<Vec<i64>> {
    let band = Band::of(south, west, north, east);
    let (rows, columns) = (row(south)..=row(north), band.west..=band.east);
    let count = (rows.end() - rows.start() + 1) * (columns.end() - columns.start() + 1);
    if usize::try_from(count).map_or(true, |n| n > MAX_CELLS) {
        return None;
    }
    Some(
        rows.flat_map(|r| columns.clone().map(move |c| r * COLUMNS + c))
            .collect(),
    )
}

/// The cells of a box as one range of the index (`first..=last`, the rows from south to north
/// with every column between) and the columns to keep of them (`west..=east`, compared with
/// `cell % COLUMNS`): one scan for a box too large to name its cells.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Band {
    pub first: i64,
    pub last: i64,
    pub west: i64,
    pub east: i64,
}

impl Band {
    pub fn of(south: f64, west: f64, north: f64, east: f64) -> Band {
        let (west, east) = (column(west), column(east));
        Band {
            first: row(south) * COLUMNS + west,
            last: row(north) * COLUMNS + east,
            west,
            east,
        }
    }
}

/// The municipality's live trees `(id, lat, lon)` of `cells` within the box `(south, north,
/// west, east)`, from the index alone (the box is checked on its entries).
pub async fn live_trees(
    db: &Db,
    municipality_id: i64,
    cells: &[i64],
    bounds: (f64, f64, f64, f64),
) -> Result<Vec<(i64, f64, f64)>, sqlx::Error> {
    live_trees_with(db, "id, lat, lon", municipality_id, cells, bounds).await
}

/// [`live_trees`] with other `columns` of the trees.
pub async fn live_trees_with<R>(
    db: &Db,
    columns: &str,
    municipality_id: i64,
    cells: &[i64],
    (south, north, west, east): (f64, f64, f64, f64),
) -> Result<Vec<R>, sqlx::Error>
where
    R: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    let n = cells.len();
    let one = |before: usize| placeholders(db.backend, before, 1);
    let sql = format!(
        "select {columns} from trees where municipality_id = {} and retired_at is null \
         and cell in ({}) and lat between {} and {} and lon between {} and {}",
        one(0),
        placeholders(db.backend, 1, n),
        one(1 + n),
        one(2 + n),
        one(3 + n),
        one(4 + n),
    );
    let mut query = sqlx::query_as::<_, R>(&sql).bind(municipality_id);
    for cell in cells {
        query = query.bind(cell);
    }
    query = query.bind(south).bind(north).bind(west).bind(east);
    // Statements of different numbers of cells are not worth preparing.
    query.persistent(false).fetch_all(&db.pool).await
}

/// `count` parameters after the first `before`, comma-separated: `?` for SQLite, `$n` for
/// PostgreSQL. SQLite looks a named parameter (`$n`) up by its name, which makes a statement
/// with thousands of them quadratic; a `?` is positional.
pub fn placeholders(backend: Backend, before: usize, count: usize) -> String {
    let one = |n: usize| match backend {
        Backend::Sqlite => "?".to_owned(),
        Backend::Postgres => format!("${n}"),
    };
    (before + 1..=before + count)
        .map(one)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lon: f64) -> Coordinates {
        Coordinates::new(lat, lon).expect("place")
    }

    #[test]
    fn places_100_m_apart_lie_in_different_cells_and_close_ones_mostly_share_one() {
        let a = at(52.520_05, 13.405_05);
        assert_eq!(cell(a), cell(at(52.520_1, 13.405_1)));
        assert_ne!(cell(a), cell(at(52.521_0, 13.405_05)), "105 m north");
        assert_ne!(cell(a), cell(at(52.520_05, 13.406_6)), "105 m east");
    }

    #[test]
    fn the_cells_around_a_place_hold_every_place_within_the_radius() {
        let middle = at(52.520_0, 13.405_0);
        let cells = cells_around(middle, 500.0);
        // A ring of places 499 m away, every 10°.
        for step in 0..36 {
            let angle = f64::from(step * 10).to_radians();
            let lat = middle.lat() + 499.0 * angle.cos() / crate::core::geo::METRES_PER_DEGREE;
            let lon = middle.lon()
                + 499.0 * angle.sin()
                    / (crate::core::geo::METRES_PER_DEGREE * middle.lat().to_radians().cos());
            let place = at(lat, lon);
            assert!(cells.contains(&cell(place)), "{place:?} at {}°", step * 10);
        }
        assert!(
            cells.len() <= 144,
            "a 1 km box touches at most 12 × 12 cells: {}",
            cells.len()
        );
    }

    #[test]
    fn a_large_radius_is_cut_to_the_cells_nearest_the_middle() {
        let middle = at(52.520_0, 13.405_0);
        let widest = cells_around(middle, 2_000.0);
        assert!(
            widest.len() < MAX_CELLS,
            "the widest circle is never cut: {}",
            widest.len()
        );
        let cells = cells_around(middle, 20_000.0);
        assert_eq!(cells.len(), MAX_CELLS);
        assert!(cells.contains(&cell(middle)));
    }

    #[test]
    fn a_box_names_its_cells_or_is_read_as_a_band_of_rows() {
        let (south, west, north, east) = (52.52, 13.40, 52.53, 13.42);
        let cells = cells_in_box(south, west, north, east).expect("a small box");
        let band = Band::of(south, west, north, east);
        for place in [at(52.521, 13.401), at(52.529, 13.419), at(52.525, 13.41)] {
            let c = cell(place);
            assert!(cells.contains(&c), "{place:?}");
            assert!((band.first..=band.last).contains(&c));
            assert!((band.west..=band.east).contains(&(c % COLUMNS)));
        }
        assert!(!cells.contains(&cell(at(52.525, 13.43))), "east of the box");
        assert!(
            !(band.west..=band.east).contains(&(cell(at(52.525, 13.43)) % COLUMNS)),
            "its column is not kept"
        );
        assert_eq!(cells_in_box(52.0, 13.0, 53.0, 14.0), None, "a whole city");
    }

    #[test]
    fn placeholders_are_positional_on_sqlite_and_numbered_on_postgres() {
        assert_eq!(placeholders(Backend::Sqlite, 3, 3), "?, ?, ?");
        assert_eq!(placeholders(Backend::Postgres, 3, 3), "$4, $5, $6");
    }
}
