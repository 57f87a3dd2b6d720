//! Map tiles: the Web Mercator tile grid (`z/x/y`, as every web map addresses tiles) and
//! Mapbox Vector Tiles (MVT 2.1) that hold points. Only points: what Kiezwerk draws on its
//! own tiles (trees) are points, and a layer of points is a few lines of Protocol Buffers, not
//! a dependency.
//!
//! The format: <https://github.com/mapbox/vector-tile-spec/tree/master/2.1>.

use std::collections::HashMap;
use std::f64::consts::PI;

/// The coordinates of a tile run from 0 to `EXTENT` on each axis.
pub const EXTENT: u32 = 4096;

/// The highest zoom level a tile may have (about 0.3 m per pixel).
pub const MAX_ZOOM: u8 = 22;

/// A tile of the Web Mercator grid: at zoom `z`, `2^z × 2^z` tiles, `x` from the west and `y`
/// from the north.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TileId {
    pub z: u8,
    pub x: u32,
    pub y: u32,
}

impl TileId {
    /// A tile that exists: `x` and `y` below `2^z`, `z` at most [`MAX_ZOOM`].
    pub fn new(z: u8, x: u32, y: u32) -> Option<TileId> {
        let side = 1u32.checked_shl(u32::from(z))?;
        (z <= MAX_ZOOM && x < side && y < side).then_some(TileId { z, x, y })
    }

    /// The tile of the address segments `z`, `x` and `y`, where `y` may end in `.mvt`.
    pub fn parse(z: &str, x: &str, y: &str) -> Option<TileId> {
        let y = y.strip_suffix(".mvt").unwrap_or(y);
        TileId::new(z.parse().ok()?, x.parse().ok()?, y.parse().ok()?)
    }

    /// The tile of zoom `z` that holds `lat`/`lon` (latitudes beyond Web Mercator's ±85.05°
    /// in the outermost row); `None` for a zoom above [`MAX_ZOOM`] or a longitude outside
    /// ±180°.
    pub fn containing(lat: f64, lon: f64, z: u8) -> Option<TileId> {
        let side = f64::from(1u32.checked_shl(u32::from(z))?);
        let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
        let x = (lon + 180.0) / 360.0 * side;
        let y = (1.0 - lat.tan().asinh() / PI) / 2.0 * side;
        if !(0.0..=side).contains(&x) {
            return None;
        }
        let last = side - 1.0;
        TileId::new(z, x.min(last) as u32, y.clamp(0.0, last) as u32)
    }

    fn side(self) -> f64 {
        f64::from(1u32 << self.z)
    }

    /// The tile's bounds with a margin of `buffer` tile units on every side, as
    /// `(south, west, north, east)` in degrees.
    pub fn bounds(self, buffer: u32) -> (f64, f64, f64, f64) {
        let margin = f64::from(buffer) / f64::from(EXTENT);
        let (x, y, side) = (f64::from(self.x), f64::from(self.y), self.side());
        let lon = |tx: f64| tx / side * 360.0 - 180.0;
        let lat = |ty: f64| (PI * (1.0 - 2.0 * ty / side)).sinh().atan().to_degrees();
        (
            lat(y + 1.0 + margin),
            lon(x - margin),
            lat(y - margin),
            lon(x + 1.0 + margin),
        )
    }

    /// Where `lat`/`lon` lies in this tile's coordinates (outside `0..EXTENT` when the place
    /// lies outside the tile).
    pub fn project(self, lat: f64, lon: f64) -> (i32, i32) {
        let side = self.side();
        let fx = (lon + 180.0) / 360.0 * side;
        let lat = lat.clamp(-85.051_128, 85.051_128).to_radians();
        let fy = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * side;
        let extent = f64::from(EXTENT);
        (
            ((fx - f64::from(self.x)) * extent).round() as i32,
            ((fy - f64::from(self.y)) * extent).round() as i32,
        )
    }
}

/// A point of a layer: its place in tile coordinates, an optional feature id and its
/// attributes (whole numbers, the only kind Kiezwerk's tiles carry).
#[derive(Clone, Debug, PartialEq)]
pub struct Point {
    pub id: Option<u64>,
    pub x: i32,
    pub y: i32,
    pub attributes: Vec<(&'static str, u64)>,
}

/// A tile of one layer of points, encoded as MVT. An empty layer is left out: a tile without
/// points is zero bytes, a valid empty tile. A tile of several layers is their tiles one after
/// the other (Protocol Buffers append the repeated field of layers).
pub fn encode(layer: &str, points: &[Point]) -> Vec<u8> {
    if points.is_empty() {
        return Vec::new();
    }
    let mut keys: Vec<&str> = Vec::new();
    let mut key_index: HashMap<&str, u32> = HashMap::new();
    let mut values: Vec<u64> = Vec::new();
    let mut value_index: HashMap<u64, u32> = HashMap::new();
    let mut body = Vec::with_capacity(16 + points.len() * 16);
    field_varint(&mut body, 15, 2); // version
    field_bytes(&mut body, 1, layer.as_bytes()); // name
    let mut feature = Vec::with_capacity(32);
    let mut scratch = Vec::with_capacity(16);
    for point in points {
        feature.clear();
        if let Some(id) = point.id {
            field_varint(&mut feature, 1, id);
        }
        if !point.attributes.is_empty() {
            scratch.clear();
            for (key, value) in &point.attributes {
                let next = u32::try_from(keys.len()).unwrap_or(u32::MAX);
                let k = *key_index.entry(key).or_insert_with(|| {
                    keys.push(key);
                    next
                });
                let next = u32::try_from(values.len()).unwrap_or(u32::MAX);
                let v = *value_index.entry(*value).or_insert_with(|| {
                    values.push(*value);
                    next
                });
                varint(&mut scratch, u64::from(k));
                varint(&mut scratch, u64::from(v));
            }
            field_bytes(&mut feature, 2, &scratch); // tags
        }
        field_varint(&mut feature, 3, 1); // type: POINT
        scratch.clear();
        varint(&mut scratch, (1 << 3) | 1); // MoveTo, once
        varint(&mut scratch, zigzag(point.x));
        varint(&mut scratch, zigzag(point.y));
        field_bytes(&mut feature, 4, &scratch); // geometry
        field_bytes(&mut body, 2, &feature);
    }
    for key in keys {
        field_bytes(&mut body, 3, key.as_bytes());
    }
    for value in values {
        scratch.clear();
        field_varint(&mut scratch, 5, value); // uint_value
        field_bytes(&mut body, 4, &scratch);
    }
    field_varint(&mut body, 5, u64::from(EXTENT));
    let mut tile = Vec::with_capacity(body.len() + 8);
    field_bytes(&mut tile, 3, &body); // layers
    tile
}

fn zigzag(n: i32) -> u64 {
    u64::from(((n << 1) ^ (n >> 31)) as u32)
}

fn varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn field_varint(out: &mut Vec<u8>, field: u64, n: u64) {
    varint(out, field << 3);
    varint(out, n);
}

fn field_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    varint(out, (field << 3) | 2);
    varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiles_exist_only_within_their_zoom_level() {
        assert_eq!(
            TileId::parse("16", "35205", "21489.mvt"),
            Some(TileId {
                z: 16,
                x: 35205,
                y: 21489
            })
        );
        assert_eq!(TileId::parse("2", "4", "0"), None, "x beyond 2^z");
        assert_eq!(TileId::parse("2", "0", "4"), None, "y beyond 2^z");
        assert_eq!(
            TileId::parse("23", "0", "0"),
            None,
            "beyond the highest zoom"
        );
        assert_eq!(TileId::parse("16", "-1", "0"), None);
        assert_eq!(TileId::parse("16", "1", "2.png"), None);
    }

    #[test]
    fn a_place_projects_inside_its_tile_and_the_bounds_hold_it() {
        // Alexanderplatz, in the z16 tile 35209/21492 (as every slippy map computes it).
        let (lat, lon) = (52.521_9, 13.413_2);
        let tile = TileId::new(16, 35209, 21492).expect("tile");
        let (x, y) = tile.project(lat, lon);
        assert_eq!((x, y), (3271, 1233), "35209.7985 and 21492.3010 in tiles");
        assert!((0..4096).contains(&x) && (0..4096).contains(&y), "{x}/{y}");
        let (south, west, north, east) = tile.bounds(0);
        assert!(south < lat && lat < north && west < lon && lon < east);
        // The corners project onto the tile's corners.
        assert_eq!(tile.project(north, west), (0, 0));
        assert_eq!(tile.project(south, east), (4096, 4096));
        // A margin widens the bounds by as many tile units.
        let (s2, w2, ..) = tile.bounds(256);
        assert_eq!(tile.project(s2, w2), (-256, 4352));
    }

    #[test]
    fn a_place_lies_in_the_tile_that_contains_it_at_every_zoom() {
        let (lat, lon) = (52.521_9, 13.413_2);
        assert_eq!(
            TileId::containing(lat, lon, 16),
            TileId::new(16, 35209, 21492)
        );
        for z in 0..=MAX_ZOOM {
            let tile = TileId::containing(lat, lon, z).expect("tile");
            let (x, y) = tile.project(lat, lon);
            assert!(
                (0..=4096).contains(&x) && (0..=4096).contains(&y),
                "z{z}: {x}/{y}"
            );
        }
        assert_eq!(
            TileId::containing(89.0, 180.0, 2),
            TileId::new(2, 3, 0),
            "the edges"
        );
        assert_eq!(TileId::containing(-89.0, -180.0, 2), TileId::new(2, 0, 3));
        assert_eq!(TileId::containing(lat, 181.0, 2), None);
        assert_eq!(TileId::containing(lat, lon, MAX_ZOOM + 1), None);
    }

    #[test]
    fn a_layer_of_points_is_encoded_as_the_specification_says() {
        // The specification's example of a point feature: MoveTo(25, 17), id 1, no tags.
        let tile = encode(
            "trees",
            &[Point {
                id: Some(1),
                x: 25,
                y: 17,
                attributes: vec![],
            }],
        );
        let feature = [0x08, 0x01, 0x18, 0x01, 0x22, 0x03, 0x09, 0x32, 0x22];
        let mut layer = vec![0x78, 0x02, 0x0a, 0x05];
        layer.extend_from_slice(b"trees");
        layer.extend_from_slice(&[0x12, feature.len() as u8]);
        layer.extend_from_slice(&feature);
        layer.extend_from_slice(&[0x28, 0x80, 0x20]);
        let mut expected = vec![0x1a, layer.len() as u8];
        expected.extend_from_slice(&layer);
        assert_eq!(tile, expected);
    }

    #[test]
    fn attributes_share_their_keys_and_values_and_an_empty_layer_is_an_empty_tile() {
        let point = |n| Point {
            id: None,
            x: -3,
            y: 4100,
            attributes: vec![("n", n)],
        };
        let tile = encode("trees", &[point(7), point(7), point(300)]);
        let count = |needle: &[u8]| tile.windows(needle.len()).filter(|w| *w == needle).count();
        assert_eq!(count(&[0x1a, 0x01, b'n']), 1, "the key once");
        assert_eq!(count(&[0x22, 0x02, 0x28, 0x07]), 1, "the value 7 once");
        assert_eq!(
            count(&[0x22, 0x03, 0x28, 0xac, 0x02]),
            1,
            "the value 300 once"
        );
        assert!(encode("trees", &[]).is_empty());
    }
}
