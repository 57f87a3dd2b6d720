//! The trees on the map: vector tiles (MVT, layer `trees`) made on request from the register's
//! grid index, so that an import is on the map at once and no pyramid of a city is ever built.
//!
//! - From zoom [`FULL_ZOOM`] (about 5 m per pixel) a tile holds every live tree with its id
//!   (the card's address), some 150–600 in Berlin; up to [`MAX_POINTS`]: a denser tile is
//!   thinned like those farther out.
//! - At zoom 13 and 14 one tree per square of [`thinning`] pixels stands for its neighbours
//!   (attribute `n`: how many trees the point stands for; a tree alone keeps its id); the map
//!   draws it by that count.
//! - At zoom 10 to 12 the counts of the grid's cells (~100 m) are summed per square, placed
//!   at the trees' mean position: an index-only scan, never a read of every tree.
//! - Below zoom [`MIN_ZOOM`] a tile is empty: a city is not drawn tree by tree from afar.
//!
//! From zoom [`FULL_ZOOM`] each tree also carries its water need from its age and the week's
//! rain (attribute `w`: 1 low, 2 medium, 3 high), as if nobody had watered it.
//!
//! From zoom [`PUMP_ZOOM`] a second layer, [`PUMP_LAYER`], holds the street pumps: each with its
//! OpenStreetMap id (the pump's card) and its state (attribute `s`: 0 unknown, 1 gives water,
//! 2 out of order), never thinned (Berlin has about two per km²).
//!
//! A tile's `ETag` is made of the register's version (`tree_registers.imported_at`, which moves
//! only when an import changed something), the rain grid's, the pumps' and the day's
//! ([`Versions`]), so
//! clients revalidate cheaply and every server of a deployment agrees. What changes more often
//! (adoptions, waterings) is not in these tiles: it is the small overlay of [`super::live`], so
//! a watering never invalidates the city's tiles.

use super::grid::{self, placeholders, Band};
use super::live::{self, Thirst, Versions};
use super::pumps;
use crate::core::db::Db;
use crate::core::geo::tiles::{self, Point, TileId, EXTENT};
use std::collections::BTreeMap;

/// The tiles' layer of trees.
pub const LAYER: &str = "trees";
/// The tiles' layer of street pumps.
pub const PUMP_LAYER: &str = "pumps";
/// From this zoom level on the tiles hold the street pumps.
pub const PUMP_ZOOM: u8 = 14;
/// The lowest zoom level whose tiles hold trees (all of Berlin in about four tiles).
pub const MIN_ZOOM: u8 = 10;
/// From this zoom level on every tree is in its tile, with its id.
pub const FULL_ZOOM: u8 = 15;
/// Points this close outside a tile are in it too (16 of its 256 pixels), so that a tree drawn
/// on the edge is not cut off by the neighbouring tile.
const BUFFER: u32 = EXTENT / 16;
/// The most points a tile holds (about 30 kB gzip): where a tile would hold more trees, they
/// are thinned, at any zoom level.
pub const MAX_POINTS: usize = 4_096;
/// A pixel of a 256-pixel tile, in tile units.
const PIXEL: i32 = (EXTENT / 256) as i32;
/// The bytes of tiles a server keeps in memory (least recently used out first; all 1,719 tiles
/// of the tree_city benchmark's synthetic million fit). A kept tile is answered without the database's
/// trees, in the time of a static file; its key is its municipality and entity tag, so a
/// changed register, rain grid or pump is a new key and never a stale tile.
pub const CACHE_BYTES: usize = 48 << 20;
/// Bumped whenever the tiles' content changes for the same register (a new attribute, other
/// thinning): a new `ETag` for every tile.
const FORMAT: u32 = 3;

/// The side in tile units of the squares that thin a tile at zoom `z` (one point per square),
/// or `None` where every tree is kept.
pub fn thinning(z: u8) -> Option<i32> {
    match z {
        ..=13 => Some(4 * PIXEL),
        14 => Some(2 * PIXEL),
        _ => None,
    }
}

/// The (weak: the body may be compressed) entity tag of a tile made of `versions`.
pub fn etag(versions: Versions, tile: TileId) -> String {
    // Only tiles that hold pumps change with them.
    let pumps = if tile.z >= PUMP_ZOOM {
        versions.pumps
    } else {
        0
    };
    format!(
        "W/\"trees-{FORMAT}-{:x}-{:x}-{pumps:x}-{}-{}-{}-{}\"",
        versions.register, versions.rain, versions.day, tile.z, tile.x, tile.y
    )
}

/// The tile `tile` of municipality `municipality_id`'s live trees.
pub async fn tile(
    db: &Db,
    municipality_id: i64,
    versions: Versions,
    tile: TileId,
    now: i64,
) -> Result<Vec<u8>, sqlx::Error> {
    if tile.z < MIN_ZOOM {
        return Ok(Vec::new());
    }
    let (south, west, north, east) = tile.bounds(BUFFER);
    let points: Vec<Source> = match grid::cells_in_box(south, west, north, east) {
        Some(cells) if tile.z >= FULL_ZOOM => {
            let mut trees: Vec<AgedTree> = grid::live_trees_with(
                db,
                "id, lat, lon, planting_year, age_years",
                municipality_id,
                &cells,
                (south, north, west, east),
            )
            .await?;
            trees.sort_unstable_by_key(|&(id, ..)| id);
            // Each tree's need as if nobody had watered it: the overlay counts the waterings.
            let thirst: Vec<Thirst> = trees
                .iter()
                .map(|&(_, lat, lon, planted, age)| Thirst {
                    lat,
                    lon,
                    planted,
                    age,
                    watered: 0,
                })
                .collect();
            let levels =
                live::levels(db, municipality_id, versions.data_year, now, &thirst).await?;
            trees
                .into_iter()
                .zip(levels)
                .map(|((id, lat, lon, ..), need)| {
                    let (x, y) = tile.project(lat, lon);
                    Source {
                        id: u64::try_from(id).ok(),
                        x,
                        y,
                        count: 1,
                        need: Some(need),
                    }
                })
                .collect()
        }
        Some(cells) if tile.z >= 13 => {
            let mut trees =
                grid::live_trees(db, municipality_id, &cells, (south, north, west, east)).await?;
            // The first tree of a square stands for it: the same one every time.
            trees.sort_unstable_by_key(|&(id, ..)| id);
            trees
                .into_iter()
                .map(|(id, lat, lon)| {
                    let (x, y) = tile.project(lat, lon);
                    Source {
                        id: u64::try_from(id).ok(),
                        x,
                        y,
                        count: 1,
                        need: None,
                    }
                })
                .collect()
        }
        _ => cell_counts(db, municipality_id, Band::of(south, west, north, east))
            .await?
            .into_iter()
            .map(|(count, lat, lon)| {
                let (x, y) = tile.project(lat, lon);
                Source {
                    id: None,
                    x,
                    y,
                    count,
                    need: None,
                }
            })
            .collect(),
    };
    let mut bytes = tiles::encode(LAYER, &drawn(points, thinning(tile.z)));
    if tile.z >= PUMP_ZOOM {
        let pumps: Vec<Point> = pumps::in_box(db, municipality_id, (south, north, west, east))
            .await?
            .into_iter()
            .map(|(osm_id, lat, lon, state)| {
                let (x, y) = tile.project(lat, lon);
                Point {
                    id: u64::try_from(osm_id).ok(),
                    x,
                    y,
                    attributes: vec![("s", u64::from(state))],
                }
            })
            .collect();
        // A second layer: a tile's layers are its one-layer encodings one after the other.
        bytes.extend(tiles::encode(PUMP_LAYER, &pumps));
    }
    Ok(bytes)
}

/// A tree of a full tile: id, place, planting year, the register's age.
type AgedTree = (i64, f64, f64, Option<i64>, Option<i64>);

/// A tree (with its id) or a grid cell's trees (without) in tile units; a tree of a tile that
/// shows every tree with its water need.
#[derive(Clone)]
struct Source {
    id: Option<u64>,
    x: i32,
    y: i32,
    count: i64,
    need: Option<u8>,
}

/// The points of a tile: every source where `side` is `None` and they are at most
/// [`MAX_POINTS`]; else one per square of `side` units, the squares doubled until the points
/// are at most [`MAX_POINTS`] (a park or a forest of the register at zoom 15 and above).
fn drawn(sources: Vec<Source>, side: Option<i32>) -> Vec<Point> {
    let all = sources.iter().all(|s| s.count == 1 && s.id.is_some());
    let mut side = match side {
        None if all && sources.len() <= MAX_POINTS => {
            return sources
                .into_iter()
                .map(|s| Point {
                    id: s.id,
                    x: s.x,
                    y: s.y,
                    attributes: s.need.map(|w| ("w", u64::from(w))).into_iter().collect(),
                })
                .collect();
        }
        None => PIXEL,
        Some(side) => side,
    };
    loop {
        let points = thinned(&sources, side, !all);
        if points.len() <= MAX_POINTS {
            return points;
        }
        side *= 2;
    }
}

/// How many live trees each grid cell of the band holds, with their mean position.
async fn cell_counts(
    db: &Db,
    municipality_id: i64,
    band: Band,
) -> Result<Vec<(i64, f64, f64)>, sqlx::Error> {
    let p = |n: usize| placeholders(db.backend, n, 1);
    let sql = format!(
        "select count(*), avg(lat), avg(lon) from trees \
         where municipality_id = {} and retired_at is null and cell between {} and {} \
         and cell % {} between {} and {} group by cell",
        p(0),
        p(1),
        p(2),
        grid::COLUMNS,
        p(3),
        p(4),
    );
    sqlx::query_as(&sql)
        .bind(municipality_id)
        .bind(band.first)
        .bind(band.last)
        .bind(band.west)
        .bind(band.east)
        .fetch_all(&db.pool)
        .await
}

/// One point per square of `side` tile units: at the first source of the square in the given
/// order (a real tree's place), or `at_mean` (for cell counts) at the sources' mean position
/// weighted by count. A square of one tree is that tree, with its id; a square of more says
/// how many (attribute `n`).
fn thinned(sources: &[Source], side: i32, at_mean: bool) -> Vec<Point> {
    struct Square {
        id: Option<u64>,
        need: Option<u8>,
        x: i32,
        y: i32,
        sum_x: f64,
        sum_y: f64,
        count: i64,
    }
    let mut squares: BTreeMap<(i32, i32), Square> = BTreeMap::new();
    for source in sources {
        let square = squares
            .entry((source.y.div_euclid(side), source.x.div_euclid(side)))
            .or_insert(Square {
                id: source.id,
                need: source.need,
                x: source.x,
                y: source.y,
                sum_x: 0.0,
                sum_y: 0.0,
                count: 0,
            });
        let weight = source.count as f64;
        square.sum_x += f64::from(source.x) * weight;
        square.sum_y += f64::from(source.y) * weight;
        square.count += source.count;
    }
    squares
        .into_values()
        .filter(|s| s.count > 0)
        .map(|s| {
            let (x, y) = if at_mean {
                let n = s.count as f64;
                ((s.sum_x / n).round() as i32, (s.sum_y / n).round() as i32)
            } else {
                (s.x, s.y)
            };
            match (s.count, s.id) {
                (1, Some(id)) => Point {
                    id: Some(id),
                    x,
                    y,
                    attributes: s.need.map(|w| ("w", u64::from(w))).into_iter().collect(),
                },
                (count, _) => Point {
                    id: None,
                    x,
                    y,
                    attributes: vec![("n", u64::try_from(count).unwrap_or(0))],
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(id: u64, x: i32, y: i32) -> Source {
        Source {
            id: Some(id),
            x,
            y,
            count: 1,
            need: None,
        }
    }

    #[test]
    fn every_tree_of_a_square_is_counted_in_one_point_at_the_first_tree_and_a_lone_tree_keeps_its_id(
    ) {
        let trees = [
            tree(7, 10, 10),
            tree(9, 60, 20),
            tree(12, 70, 10),
            tree(3, 200, 5),
        ];
        let points = thinned(&trees, 64, false);
        assert_eq!(points.len(), 3);
        assert_eq!((points[0].x, points[0].y), (10, 10), "7 stands for 9");
        assert_eq!(
            (points[0].id, &points[0].attributes),
            (None, &vec![("n", 2)])
        );
        assert_eq!((points[1].id, points[1].attributes.len()), (Some(12), 0));
        assert_eq!((points[2].id, points[2].x, points[2].y), (Some(3), 200, 5));
    }

    #[test]
    fn cell_counts_are_summed_at_their_weighted_mean() {
        let cell = |x, y, count| Source {
            id: None,
            x,
            y,
            count,
            need: None,
        };
        let points = thinned(
            &[cell(0, 0, 3), cell(40, 0, 1), cell(-10, -10, 5)],
            64,
            true,
        );
        assert_eq!(points.len(), 2, "a square left of and above the tile");
        let inside = points.iter().find(|p| p.x >= 0).expect("inside");
        assert_eq!((inside.x, inside.y), (10, 0));
        assert_eq!(inside.attributes, vec![("n", 4)]);
    }

    #[test]
    fn a_tile_never_holds_more_than_its_limit_of_points() {
        // A forest: 10,000 trees on a 100 × 100 grid of 40 units (2.5 pixels).
        let forest: Vec<Source> = (0..10_000u64)
            .map(|i| tree(i, (i % 100) as i32 * 40, (i / 100) as i32 * 40))
            .collect();
        let points = drawn(forest, None);
        assert!(points.len() <= MAX_POINTS, "{}", points.len());
        let trees: u64 = points
            .iter()
            .map(|p| p.attributes.first().map_or(1, |(_, n)| *n))
            .sum();
        assert_eq!(trees, 10_000, "every tree counted once");
        let street: Vec<Source> = (0..600u64).map(|i| tree(i, i as i32 * 6, 100)).collect();
        let points = drawn(street, None);
        assert_eq!(points.len(), 600, "600 trees a pixel apart stay single");
        assert!(points
            .iter()
            .all(|p| p.id.is_some() && p.attributes.is_empty()));
    }

    #[test]
    fn trees_are_thinned_below_zoom_15_only() {
        assert_eq!(thinning(12), Some(64));
        assert_eq!(thinning(13), Some(64));
        assert_eq!(thinning(14), Some(32));
        assert_eq!(thinning(15), None);
        assert_eq!(thinning(19), None);
    }

    #[test]
    fn a_tile_changes_its_tag_with_the_register_the_rain_the_pumps_and_the_day_but_not_with_care() {
        let tile = TileId::new(16, 35210, 21491).expect("tile");
        let v = Versions {
            register: 1,
            data_year: 2022,
            rain: 5,
            care: 9,
            pumps: 3,
            day: 20_261_207,
        };
        let tag = etag(v, tile);
        assert!(tag.starts_with("W/\""));
        assert_ne!(tag, etag(Versions { register: 2, ..v }, tile));
        assert_ne!(tag, etag(Versions { rain: 6, ..v }, tile));
        assert_ne!(tag, etag(Versions { pumps: 4, ..v }, tile));
        let far = TileId::new(12, 2200, 1343).expect("tile");
        assert_eq!(
            etag(v, far),
            etag(Versions { pumps: 4, ..v }, far),
            "no pumps drawn at zoom 12"
        );
        assert_ne!(
            tag,
            etag(
                Versions {
                    day: 20_261_208,
                    ..v
                },
                tile
            )
        );
        assert_eq!(tag, etag(Versions { care: 10, ..v }, tile));
    }

    #[test]
    fn a_full_tile_carries_each_trees_need_and_a_thinned_one_each_lone_trees() {
        let mut young = tree(1, 10, 10);
        young.need = Some(3);
        let points = drawn(vec![young.clone(), tree(2, 90, 90)], None);
        assert_eq!(points[0].attributes, vec![("w", 3)]);
        assert!(points[1].attributes.is_empty());
        let mut neighbour = tree(5, 12, 12);
        neighbour.need = Some(1);
        let mut alone = tree(6, 900, 900);
        alone.need = Some(2);
        let points = thinned(&[young, neighbour, alone], 64, false);
        assert_eq!(
            points[0].attributes,
            vec![("n", 2)],
            "a counted point has no need"
        );
        assert_eq!(
            (points[1].id, &points[1].attributes),
            (Some(6), &vec![("w", 2)])
        );
    }
}
