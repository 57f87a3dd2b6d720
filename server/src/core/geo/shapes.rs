//! Checks of whole shapes, as a configuration's areas need them before they are used: valid
//! rings, and the pieces where two shapes overlap, where one leaves another, and what several
//! leave uncovered — each measured in square metres with a point inside it, so that a message
//! can say how much and where.

use super::{Coordinates, METRES_PER_DEGREE};
use geo::algorithm::bool_ops::unary_union;
use geo::{
    Area, BooleanOps, BoundingRect, Buffer, Coord, InteriorPoint, LineString, MapCoords,
    MultiPolygon,
};

/// A piece of one shape that matters: its size and a point inside its largest part.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Piece {
    pub square_metres: f64,
    pub at: Coordinates,
}

/// Why a shape cannot be an area.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ShapeProblem {
    /// A ring with fewer than three distinct points.
    TooFewPoints,
    /// A coordinate that is not a number.
    NotFinite,
    /// A ring crosses or touches itself here.
    SelfIntersection { at: Coordinates },
}

/// Why a shape is not a valid area, or `None`: rings of at least three points, finite, none
/// crossing or touching itself. (Found by a sweep over each ring's edges: a district of
/// 10,000 points is checked in milliseconds.)
pub fn invalid_reason(shape: &MultiPolygon<f64>) -> Option<ShapeProblem> {
    for polygon in &shape.0 {
        for ring in std::iter::once(polygon.exterior()).chain(polygon.interiors()) {
            if ring.0.iter().any(|c| !c.x.is_finite() || !c.y.is_finite()) {
                return Some(ShapeProblem::NotFinite);
            }
            let mut points: Vec<Coord<f64>> = ring.0.clone();
            points.dedup();
            if points.first() != points.last() {
                points.extend(points.first().copied());
            }
            if points.len() < 4 {
                return Some(ShapeProblem::TooFewPoints);
            }
            if let Some(at) = crossing(&LineString::new(points)) {
                return Some(ShapeProblem::SelfIntersection {
                    at: Coordinates::new(at.y, at.x)?,
                });
            }
        }
    }
    None
}

/// A point where two edges of a closed ring without repeated points meet, other than the
/// ends that neighbouring edges share. Edges are swept from west to east; only those whose
/// east-west extents overlap are compared.
fn crossing(ring: &LineString<f64>) -> Option<Coord<f64>> {
    let p = &ring.0;
    let edges = p.len() - 1;
    let west = |i: usize| p[i].x.min(p[i + 1].x);
    let east = |i: usize| p[i].x.max(p[i + 1].x);
    let mut order: Vec<usize> = (0..edges).collect();
    order.sort_by(|&a, &b| west(a).total_cmp(&west(b)));
    let mut active: Vec<usize> = Vec::new();
    for &i in &order {
        let x = west(i);
        active.retain(|&j| east(j) >= x);
        for &j in &active {
            let (low, high) = (i.min(j), i.max(j));
            let neighbours = high - low == 1 || (low == 0 && high == edges - 1);
            if neighbours {
                continue;
            }
            if let Some(at) = meet(p[i], p[i + 1], p[j], p[j + 1]) {
                return Some(at);
            }
        }
        active.push(i);
    }
    None
}

/// Where segments ab and cd meet (a point of it), if they do.
fn meet(a: Coord<f64>, b: Coord<f64>, c: Coord<f64>, d: Coord<f64>) -> Option<Coord<f64>> {
    if a.y.max(b.y) < c.y.min(d.y) || c.y.max(d.y) < a.y.min(b.y) {
        return None;
    }
    let cross = |o: Coord<f64>, p: Coord<f64>, q: Coord<f64>| {
        (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x)
    };
    let within = |p: Coord<f64>, q: Coord<f64>, r: Coord<f64>| {
        r.x >= p.x.min(q.x) && r.x <= p.x.max(q.x) && r.y >= p.y.min(q.y) && r.y <= p.y.max(q.y)
    };
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    if ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
    {
        let t = d1 / (d1 - d2);
        return Some(Coord {
            x: a.x + t * (b.x - a.x),
            y: a.y + t * (b.y - a.y),
        });
    }
    // Touching or collinear: an end of one lies on the other.
    [(d1, a, c, d), (d2, b, c, d), (d3, c, a, b), (d4, d, a, b)]
        .into_iter()
        .find(|&(side, point, p, q)| side == 0.0 && within(p, q, point))
        .map(|(_, point, _, _)| point)
}

/// The area in square metres, measured on a plane scaled at the shape's latitude (within a
/// fraction of a percent at city scale).
pub fn square_metres(shape: &MultiPolygon<f64>) -> f64 {
    let Some(rect) = shape.bounding_rect() else {
        return 0.0;
    };
    let latitude = (rect.min().y + rect.max().y) / 2.0;
    shape.unsigned_area() * METRES_PER_DEGREE * METRES_PER_DEGREE * latitude.to_radians().cos()
}

/// The piece of `shape` larger than `ignore_m2`, or `None`; its point is inside its largest
/// part.
fn piece(shape: MultiPolygon<f64>, ignore_m2: f64) -> Option<Piece> {
    let size = square_metres(&shape);
    if size <= ignore_m2 {
        return None;
    }
    let largest = shape.0.iter().max_by(|a, b| {
        a.unsigned_area()
            .partial_cmp(&b.unsigned_area())
            .unwrap_or(std::cmp::Ordering::Equal)
    })?;
    let point = largest.interior_point()?;
    Some(Piece {
        square_metres: size,
        at: Coordinates::new(point.y(), point.x())?,
    })
}

fn boxes_meet(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> bool {
    match (a.bounding_rect(), b.bounding_rect()) {
        (Some(a), Some(b)) => {
            a.min().x <= b.max().x
                && b.min().x <= a.max().x
                && a.min().y <= b.max().y
                && b.min().y <= a.max().y
        }
        _ => false,
    }
}

/// Where `a` and `b` overlap by more than `ignore_m2`.
pub fn overlap(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, ignore_m2: f64) -> Option<Piece> {
    if !boxes_meet(a, b) {
        return None;
    }
    piece(a.intersection(b), ignore_m2)
}

/// The part of `shape` outside `container`, if larger than `ignore_m2`.
pub fn outside(
    shape: &MultiPolygon<f64>,
    container: &MultiPolygon<f64>,
    ignore_m2: f64,
) -> Option<Piece> {
    piece(shape.difference(container), ignore_m2)
}

/// The part of `container` that none of `parts` covers, if larger than `ignore_m2`.
pub fn uncovered(
    container: &MultiPolygon<f64>,
    parts: &[&MultiPolygon<f64>],
    ignore_m2: f64,
) -> Option<Piece> {
    let covered = unary_union(parts.iter().copied());
    piece(container.difference(&covered), ignore_m2)
}

/// Whether two shapes have the same rings and points, each within a millionth of a metre's
/// worth of degrees: a shape written to JSON and read back may differ in its last bit.
pub fn same_shape(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> bool {
    let close =
        |p: &Coord<f64>, q: &Coord<f64>| (p.x - q.x).abs() < 1e-9 && (p.y - q.y).abs() < 1e-9;
    let rings = |s: &MultiPolygon<f64>| -> Vec<Vec<Coord<f64>>> {
        s.0.iter()
            .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()))
            .map(|r| r.0.clone())
            .collect()
    };
    let (a, b) = (rings(a), rings(b));
    a.len() == b.len()
        && a.iter()
            .zip(&b)
            .all(|(r, s)| r.len() == s.len() && r.iter().zip(s).all(|(p, q)| close(p, q)))
}

/// A point of `shape` where it is wider than `width_m` — a point further than half that from
/// its edge, in its largest such part — or `None` where it is a strip narrower than that
/// everywhere (the shape shrunk by half the width on every side leaves nothing). Measured on a
/// plane in metres around the shape's middle.
pub fn wider_than(shape: &MultiPolygon<f64>, width_m: f64) -> Option<Coordinates> {
    let rect = shape.bounding_rect()?;
    let (x0, y0) = (rect.center().x, rect.center().y);
    let kx = METRES_PER_DEGREE * y0.to_radians().cos();
    let plane = shape.map_coords(|c| Coord {
        x: (c.x - x0) * kx,
        y: (c.y - y0) * METRES_PER_DEGREE,
    });
    let core = plane.buffer(-width_m / 2.0);
    // Below a square metre is rounding, not ground.
    let largest = core
        .0
        .iter()
        .filter(|p| p.unsigned_area() > 1.0)
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let point = largest.interior_point()?;
    Coordinates::new(point.y() / METRES_PER_DEGREE + y0, point.x() / kx + x0)
}

/// Where `a` and `b` overlap in a part wider than `width_m`: the whole overlap's size and a
/// point in such a part. Narrower overlaps are where two sources of a border disagree.
pub fn wide_overlap(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>, width_m: f64) -> Option<Piece> {
    if !boxes_meet(a, b) {
        return None;
    }
    let shared = a.intersection(b);
    let at = wider_than(&shared, width_m)?;
    Some(Piece {
        square_metres: square_metres(&shared),
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{polygon, MultiPolygon};

    /// A square of `side` degrees with its south-west corner at (lon, lat).
    fn square(lon: f64, lat: f64, side: f64) -> MultiPolygon<f64> {
        MultiPolygon::new(vec![polygon![
            (x: lon, y: lat),
            (x: lon + side, y: lat),
            (x: lon + side, y: lat + side),
            (x: lon, y: lat + side),
            (x: lon, y: lat),
        ]])
    }

    #[test]
    fn a_square_hundredth_of_a_degree_at_berlin_measures_about_seventy_five_hectares() {
        let m2 = square_metres(&square(13.4, 52.5, 0.01));
        // 1,112 m north-south × 677 m east-west.
        assert!((m2 - 752_700.0).abs() < 2_000.0, "{m2}");
    }

    #[test]
    fn overlapping_squares_give_the_overlap_and_a_point_inside_it() {
        let a = square(13.40, 52.50, 0.01);
        let b = square(13.405, 52.50, 0.01);
        let piece = overlap(&a, &b, 0.0).expect("they overlap");
        assert!((piece.square_metres - 752_700.0 / 2.0).abs() < 2_000.0);
        assert!((13.405..13.41).contains(&piece.at.lon()), "{:?}", piece.at);
        assert!(
            overlap(&a, &square(13.41, 52.50, 0.01), 0.0).is_none(),
            "touching is no overlap"
        );
        assert!(overlap(&a, &b, 400_000.0).is_none(), "below the tolerance");
    }

    #[test]
    fn the_part_outside_and_the_uncovered_part_are_found() {
        let town = square(13.40, 52.50, 0.02);
        let west = square(13.40, 52.50, 0.01);
        let east = square(13.415, 52.50, 0.01);
        let gap = uncovered(&town, &[&west, &east], 0.0).expect("a gap");
        assert!(
            gap.square_metres > 1_000_000.0,
            "the north half and a strip"
        );
        let out = outside(&east, &town, 0.0).expect("east sticks out");
        assert!(out.at.lon() > 13.42, "{:?}", out.at);
        assert!(outside(&west, &town, 0.0).is_none());
    }

    #[test]
    fn a_bow_tie_is_not_a_valid_area() {
        let bow_tie = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0),
            (x: 1.0, y: 1.0),
            (x: 1.0, y: 0.0),
            (x: 0.0, y: 1.0),
            (x: 0.0, y: 0.0),
        ]]);
        let Some(ShapeProblem::SelfIntersection { at }) = invalid_reason(&bow_tie) else {
            panic!("a bow tie crosses itself");
        };
        assert!(
            (at.lat() - 0.5).abs() < 1e-9 && (at.lon() - 0.5).abs() < 1e-9,
            "{at:?}"
        );
        assert!(invalid_reason(&square(0.0, 0.0, 1.0)).is_none());
        // A ring that touches itself at a point (a figure eight through (1, 1)).
        let eight = MultiPolygon::new(vec![polygon![
            (x: 0.0, y: 0.0),
            (x: 1.0, y: 0.0),
            (x: 1.0, y: 1.0),
            (x: 2.0, y: 1.0),
            (x: 2.0, y: 2.0),
            (x: 1.0, y: 2.0),
            (x: 1.0, y: 1.0),
            (x: 0.0, y: 1.0),
            (x: 0.0, y: 0.0),
        ]]);
        assert!(matches!(
            invalid_reason(&eight),
            Some(ShapeProblem::SelfIntersection { .. })
        ));
    }

    #[test]
    fn a_strip_narrower_than_the_width_is_no_wide_overlap_and_a_block_is() {
        // 0.0003 degrees of latitude: 33 m.
        let town = square(13.40, 52.50, 0.02);
        let strip = MultiPolygon::new(vec![polygon![
            (x: 13.39, y: 52.50),
            (x: 13.41, y: 52.50),
            (x: 13.41, y: 52.5003),
            (x: 13.39, y: 52.5003),
            (x: 13.39, y: 52.50),
        ]]);
        assert!(wide_overlap(&town, &strip, 50.0).is_none(), "a 33 m strip");
        let piece = wide_overlap(&town, &strip, 20.0).expect("wider than 20 m");
        assert!((52.50..52.5003).contains(&piece.at.lat()), "{:?}", piece.at);
        let block = square(13.41, 52.51, 0.002);
        let piece = wide_overlap(&town, &block, 50.0).expect("a block of 150 by 220 m");
        assert!(
            (piece.square_metres - 30_100.0).abs() < 500.0,
            "{}",
            piece.square_metres
        );
        assert!(
            piece.at.lon() > 13.41 && piece.at.lat() > 52.51,
            "{:?}",
            piece.at
        );
        assert!(
            wide_overlap(&town, &square(13.43, 52.50, 0.01), 0.0).is_none(),
            "touching"
        );
    }

    #[test]
    fn a_shape_read_back_with_a_different_last_bit_is_the_same_shape() {
        let a = square(13.40, 52.50, 0.01);
        let b = a.map_coords(|c| Coord {
            x: c.x + 1e-12,
            y: c.y,
        });
        assert!(same_shape(&a, &b));
        assert!(!same_shape(&a, &square(13.40, 52.50, 0.011)));
        assert!(!same_shape(&a, &MultiPolygon::new(vec![])));
    }
}
