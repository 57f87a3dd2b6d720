//! Polygons prepared for fast, exact point-in-polygon tests, and metric distances near them.
//!
//! A [`PreparedPolygon`] lays a grid over the polygon's bounding box. Cells that no edge comes
//! near are wholly inside or outside and answer at once. A point in any other cell runs the
//! classic crossing-number test, but only against the edges that reach into the cell's row:
//! every edge that could cross the point's horizontal ray is among them, so the answer is the
//! same as a full scan over all edges — at a few dozen edges instead of thousands. Each row
//! keeps copies of its edges side by side, so a test reads one short run of memory instead of
//! jumping through an index (with every municipality of Germany loaded, memory traffic is what
//! a decision costs).

use super::grid::Packed;
use super::METRES_PER_DEGREE;
use geo::{LineString, MultiPolygon, Polygon};

/// Separation (in degrees, ~0.1 mm) below which an edge counts as touching a grid cell.
const TOUCH: f64 = 1e-9;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cell {
    Inside,
    Outside,
    Boundary,
}

#[derive(Clone, Copy, Debug, Default)]
struct Edge {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
}

/// A (multi)polygon with holes, in lon/lat degrees, ready for repeated queries.
#[derive(Clone, Debug)]
pub struct PreparedPolygon {
    min_x: f64,
    min_y: f64,
    max_x: f64,
    max_y: f64,
    cols: usize,
    rows: usize,
    cell_w: f64,
    cell_h: f64,
    cells: Vec<Cell>,
    /// Per grid row, copies of the edges whose y-range reaches into it. Every edge is in at
    /// least one row.
    row_edges: Packed<Edge>,
}

impl PreparedPolygon {
    pub fn new(shape: &MultiPolygon<f64>) -> PreparedPolygon {
        let mut edges = Vec::new();
        let mut push_ring = |ring: &LineString<f64>| {
            for line in ring.lines() {
                if line.start != line.end {
                    edges.push(Edge {
                        x1: line.start.x,
                        y1: line.start.y,
                        x2: line.end.x,
                        y2: line.end.y,
                    });
                }
            }
        };
        for polygon in shape {
            push_ring(polygon.exterior());
            polygon.interiors().iter().for_each(&mut push_ring);
        }
        let (mut min_x, mut min_y, mut max_x, mut max_y) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for e in &edges {
            min_x = min_x.min(e.x1.min(e.x2));
            max_x = max_x.max(e.x1.max(e.x2));
            min_y = min_y.min(e.y1.min(e.y2));
            max_y = max_y.max(e.y1.max(e.y2));
        }
        if edges.is_empty() {
            (min_x, min_y, max_x, max_y) = (0.0, 0.0, 0.0, 0.0);
        }
        // About four cells per edge keeps boundary rows short and the grid small.
        let side = ((edges.len() as f64).sqrt() * 2.0).ceil().clamp(4.0, 512.0) as usize;
        let (cols, rows) = (side, side);
        let cell_w = ((max_x - min_x) / cols as f64).max(f64::MIN_POSITIVE);
        let cell_h = ((max_y - min_y) / rows as f64).max(f64::MIN_POSITIVE);
        let mut prepared = PreparedPolygon {
            min_x,
            min_y,
            max_x,
            max_y,
            cols,
            rows,
            cell_w,
            cell_h,
            cells: vec![Cell::Outside; cols * rows],
            row_edges: Packed::default(),
        };
        prepared.build_grid(&edges);
        prepared
    }

    fn column(&self, x: f64) -> usize {
        (((x - self.min_x) / self.cell_w).floor().max(0.0) as usize).min(self.cols - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.min_y) / self.cell_h).floor().max(0.0) as usize).min(self.rows - 1)
    }

    fn build_grid(&mut self, edges: &[Edge]) {
        let mut boundary = vec![false; self.cells.len()];
        let mut row_edges = Vec::new();
        for e in edges {
            let (lo_y, hi_y) = (e.y1.min(e.y2), e.y1.max(e.y2));
            let (lo_x, hi_x) = (e.x1.min(e.x2), e.x1.max(e.x2));
            // Rows by the same formula the query uses, so no crossing edge can be missed.
            for row in self.row(lo_y)..=self.row(hi_y) {
                row_edges.push((row as u32, *e));
            }
            // Cells an edge comes near (its bounding box, widened a hair) are boundary cells.
            for row in self.row(lo_y - TOUCH)..=self.row(hi_y + TOUCH) {
                for col in self.column(lo_x - TOUCH)..=self.column(hi_x + TOUCH) {
                    boundary[row * self.cols + col] = true;
                }
            }
        }
        self.row_edges = Packed::from_pairs(self.rows, &row_edges);
        for row in 0..self.rows {
            for col in 0..self.cols {
                let index = row * self.cols + col;
                self.cells[index] = if boundary[index] {
                    Cell::Boundary
                } else {
                    let x = self.min_x + (col as f64 + 0.5) * self.cell_w;
                    let y = self.min_y + (row as f64 + 0.5) * self.cell_h;
                    // The row's edges are all that can cross the centre's ray.
                    if crossings(x, y, self.row_edges.get(row).iter()) {
                        Cell::Inside
                    } else {
                        Cell::Outside
                    }
                };
            }
        }
    }

    /// Whether the point (lon, lat) lies inside.
    #[inline]
    pub fn contains(&self, x: f64, y: f64) -> bool {
        if !(x >= self.min_x && x <= self.max_x && y >= self.min_y && y <= self.max_y) {
            return false;
        }
        let row = self.row(y);
        match self.cells[row * self.cols + self.column(x)] {
            Cell::Inside => true,
            Cell::Outside => false,
            Cell::Boundary => crossings(x, y, self.row_edges.get(row).iter()),
        }
    }

    /// The point's distance to the nearest edge in metres, if it is at most `limit_m`. Only
    /// edges in the grid rows within the limit around the point, and within it across, are
    /// measured: every edge that close reaches into one of those rows.
    #[inline]
    pub fn distance_to_boundary_m(&self, x: f64, y: f64, limit_m: f64) -> Option<f64> {
        let scale_x = METRES_PER_DEGREE * y.to_radians().cos();
        let margin_x = limit_m / scale_x;
        let margin_y = limit_m / METRES_PER_DEGREE;
        if x < self.min_x - margin_x
            || x > self.max_x + margin_x
            || y < self.min_y - margin_y
            || y > self.max_y + margin_y
        {
            return None;
        }
        let measure = |e: &Edge| e.distance_m(x, y, scale_x);
        let d = if limit_m.is_finite() {
            let mut d = f64::INFINITY;
            for row in self.row(y - margin_y)..=self.row(y + margin_y) {
                for e in self.row_edges.get(row) {
                    // Farther across than the limit: farther away than the limit.
                    if x < e.x1.min(e.x2) - margin_x || x > e.x1.max(e.x2) + margin_x {
                        continue;
                    }
                    d = d.min(measure(e));
                }
            }
            d
        } else {
            self.row_edges
                .items()
                .iter()
                .map(measure)
                .fold(f64::INFINITY, f64::min)
        };
        (d <= limit_m).then_some(d)
    }

    /// The bounding box `[min_x, min_y, max_x, max_y]` in degrees.
    pub fn bounding_box(&self) -> [f64; 4] {
        [self.min_x, self.min_y, self.max_x, self.max_y]
    }

    /// The same distance by measuring every edge: the reference for tests and benchmarks.
    #[inline]
    pub fn distance_to_boundary_m_naive(&self, x: f64, y: f64, limit_m: f64) -> Option<f64> {
        let scale_x = METRES_PER_DEGREE * y.to_radians().cos();
        let d = self
            .row_edges
            .items()
            .iter()
            .map(|e| e.distance_m(x, y, scale_x))
            .fold(f64::INFINITY, f64::min);
        (d <= limit_m).then_some(d)
    }
}

impl Edge {
    /// Distance in metres from (x, y), in a plane scaled to metres around the point
    /// (`scale_x` metres per degree of longitude there): exact enough within kilometres.
    fn distance_m(&self, x: f64, y: f64, scale_x: f64) -> f64 {
        segment_distance(
            (x * scale_x, y * METRES_PER_DEGREE),
            (self.x1 * scale_x, self.y1 * METRES_PER_DEGREE),
            (self.x2 * scale_x, self.y2 * METRES_PER_DEGREE),
        )
    }
}

/// Crossing-number test: an odd number of edges crossing the ray to the right means inside.
fn crossings<'a>(x: f64, y: f64, edges: impl Iterator<Item = &'a Edge>) -> bool {
    let mut inside = false;
    for e in edges {
        if (e.y1 > y) != (e.y2 > y) {
            let xi = e.x1 + (y - e.y1) * (e.x2 - e.x1) / (e.y2 - e.y1);
            if x < xi {
                inside = !inside;
            }
        }
    }
    inside
}

fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let length2 = dx * dx + dy * dy;
    let t = if length2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / length2).clamp(0.0, 1.0)
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

/// A GeoJSON Polygon or MultiPolygon geometry as a `geo` MultiPolygon.
pub fn parse_area(geometry: &geojson::Geometry) -> Result<MultiPolygon<f64>, String> {
    let shape: geo::Geometry<f64> = geometry
        .clone()
        .try_into()
        .map_err(|e: geojson::Error| e.to_string())?;
    match shape {
        geo::Geometry::Polygon(p) => Ok(MultiPolygon::new(vec![p])),
        geo::Geometry::MultiPolygon(m) => Ok(m),
        _ => Err("expected a Polygon or MultiPolygon".into()),
    }
}

/// A rough bounding box [south, west, north, east] of several shapes.
pub fn bounds<'a>(shapes: impl Iterator<Item = &'a PreparedPolygon>) -> Option<[f64; 4]> {
    shapes.fold(None, |acc, s| {
        let b = [s.min_y, s.min_x, s.max_y, s.max_x];
        Some(match acc {
            None => b,
            Some(a) => [
                a[0].min(b[0]),
                a[1].min(b[1]),
                a[2].max(b[2]),
                a[3].max(b[3]),
            ],
        })
    })
}

/// Simplifies a shape for display (outlines on the map), to about `tolerance` degrees.
pub fn simplified(shape: &MultiPolygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    use geo::Simplify;
    MultiPolygon::new(
        shape
            .iter()
            .map(|p: &Polygon<f64>| p.simplify(tolerance))
            .filter(|p| p.exterior().0.len() >= 4)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Point};

    fn square_with_hole() -> MultiPolygon<f64> {
        let outer = LineString::from(vec![
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ]);
        let hole = LineString::from(vec![
            (4.0, 4.0),
            (6.0, 4.0),
            (6.0, 6.0),
            (4.0, 6.0),
            (4.0, 4.0),
        ]);
        MultiPolygon::new(vec![Polygon::new(outer, vec![hole])])
    }

    #[test]
    fn holes_are_outside() {
        let p = PreparedPolygon::new(&square_with_hole());
        assert!(p.contains(1.0, 1.0));
        assert!(!p.contains(5.0, 5.0));
        assert!(p.contains(3.9, 5.0));
        assert!(!p.contains(10.5, 5.0));
        assert!(!p.contains(-0.1, 5.0));
    }

    #[test]
    fn agrees_with_geo_on_a_dense_sample_of_a_jagged_polygon() {
        // A star with 400 spikes: most grid cells are boundary cells.
        let ring: Vec<(f64, f64)> = (0..=800)
            .map(|i| {
                let a = i as f64 / 800.0 * std::f64::consts::TAU;
                let r = if i % 2 == 0 { 1.0 } else { 0.7 };
                (r * a.cos(), r * a.sin())
            })
            .collect();
        let shape = MultiPolygon::new(vec![Polygon::new(LineString::from(ring), vec![])]);
        let prepared = PreparedPolygon::new(&shape);
        let mut seed = 7u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 11) as f64 / (1u64 << 53) as f64) * 2.2 - 1.1
        };
        for _ in 0..20_000 {
            let (x, y) = (next(), next());
            assert_eq!(
                prepared.contains(x, y),
                shape.contains(&Point::new(x, y)),
                "at {x},{y}"
            );
        }
    }

    #[test]
    fn distances_are_in_metres() {
        // 0.001° of latitude is ~111 m.
        let line = LineString::from(vec![
            (13.0, 52.0),
            (13.1, 52.0),
            (13.1, 52.1),
            (13.0, 52.1),
            (13.0, 52.0),
        ]);
        let p = PreparedPolygon::new(&MultiPolygon::new(vec![Polygon::new(line, vec![])]));
        let d = p.distance_to_boundary_m(13.05, 51.999, 500.0);
        assert!(d.is_some_and(|d| (d - 111.2).abs() < 1.0), "{d:?}");
        assert_eq!(p.distance_to_boundary_m(13.05, 51.9, 500.0), None);
    }

    #[test]
    fn the_grid_finds_the_same_nearest_edge_as_a_full_scan() {
        let ring: Vec<(f64, f64)> = (0..=600)
            .map(|i| {
                let a = i as f64 / 600.0 * std::f64::consts::TAU;
                let r = if i % 2 == 0 { 0.010 } else { 0.008 };
                (13.4 + r * a.cos(), 52.5 + r * a.sin())
            })
            .collect();
        let p = PreparedPolygon::new(&MultiPolygon::new(vec![Polygon::new(
            LineString::from(ring),
            vec![],
        )]));
        let mut seed = 11u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((seed >> 11) as f64 / (1u64 << 53) as f64) * 0.03 - 0.015
        };
        for _ in 0..5_000 {
            let (x, y) = (13.4 + next(), 52.5 + next());
            for limit in [50.0, 250.0] {
                assert_eq!(
                    p.distance_to_boundary_m(x, y, limit),
                    p.distance_to_boundary_m_naive(x, y, limit)
                );
            }
        }
    }
}
