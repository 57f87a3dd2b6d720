//! Who is responsible for a report: a point decides the municipality, then the area, then the
//! category picks a routing rule, and the rule names the department.
//!
//! Border cases are decided deterministically, and the decision says how:
//! - a point inside several municipality boundaries (the sources overlap by metres) goes to the
//!   one it lies deepest inside;
//! - a point inside none but within [`MUNICIPALITY_TOLERANCE_M`] of one goes to the nearest;
//! - a point in a municipality but in none of its areas goes to the nearest area within
//!   [`AREA_TOLERANCE_M`], else to the municipality's area-independent rules.

pub mod setup;
mod setup_forms;
pub mod setup_http;
mod setup_questions;

use crate::core::geo::polygon::PreparedPolygon;
use crate::core::geo::Coordinates;
use crate::tenants::{Category, Municipality, Registry, Rule};
use geo::MultiPolygon;
use kiezwerk_app::model::{DepartmentId, MunicipalityId};
use serde::{Deserialize, Serialize};

/// Boundaries from VG250 are generalised to about 10 m; a point this close to a municipality
/// belongs to it when it is inside none.
pub const MUNICIPALITY_TOLERANCE_M: f64 = 50.0;
/// District polygons come from other sources than municipal boundaries and leave slivers.
pub const AREA_TOLERANCE_M: f64 = 250.0;

/// How the municipality was found.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum MunicipalityMatch {
    Inside,
    /// Inside several overlapping boundaries; the deepest won.
    Overlap {
        candidates: usize,
    },
    Nearest {
        distance_m: u32,
    },
}

/// How the area was found.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum AreaMatch {
    Inside,
    Nearest {
        distance_m: u32,
    },
    /// The citizen named the area (no point given).
    Chosen,
    /// In no area: only rules without an area apply.
    None,
}

/// The responsible department and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub municipality_id: MunicipalityId,
    pub area_id: Option<i64>,
    pub department_id: DepartmentId,
    pub category_id: i64,
    pub rule: Rule,
    pub municipality_match: MunicipalityMatch,
    pub area_match: AreaMatch,
}

/// Why no department could be found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoutingError {
    OutsideEveryMunicipality,
    CategoryNotOffered {
        municipality_id: MunicipalityId,
    },
    /// The configuration has no rule for the category (import refuses this; kept for safety).
    NoRule {
        municipality_id: MunicipalityId,
    },
}

/// Routes a report of `category` at `point`.
pub fn route(
    registry: &Registry,
    category: &str,
    point: Coordinates,
) -> Result<Decision, RoutingError> {
    route_by(Method::Indexed, registry, category, point)
}

/// The same decision by brute force: every polygon tested with `geo`'s point-in-polygon over
/// all of its edges, and distances measured to every edge. The benchmark's baseline and the
/// tests' oracle.
pub fn route_naive(
    registry: &Registry,
    category: &str,
    point: Coordinates,
) -> Result<Decision, RoutingError> {
    route_by(Method::Naive, registry, category, point)
}

fn route_by(
    method: Method,
    registry: &Registry,
    category: &str,
    point: Coordinates,
) -> Result<Decision, RoutingError> {
    let (municipality, municipality_match) =
        locate_by(method, registry, point).ok_or(RoutingError::OutsideEveryMunicipality)?;
    let (area_id, area_match) = area_by(method, municipality, point);
    decide(
        municipality,
        category,
        area_id,
        municipality_match,
        area_match,
    )
}

/// Routes a report whose place was described: the citizen chose the area.
pub fn route_in_area(
    municipality: &Municipality,
    category: &str,
    area_id: Option<i64>,
) -> Result<Decision, RoutingError> {
    let area_match = if area_id.is_some() {
        AreaMatch::Chosen
    } else {
        AreaMatch::None
    };
    decide(
        municipality,
        category,
        area_id,
        MunicipalityMatch::Inside,
        area_match,
    )
}

/// How polygons are asked: through the prepared index, or edge by edge (the baseline).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Indexed,
    Naive,
}

impl Method {
    fn contains(
        self,
        polygon: &PreparedPolygon,
        shape: &MultiPolygon<f64>,
        x: f64,
        y: f64,
    ) -> bool {
        match self {
            Method::Indexed => polygon.contains(x, y),
            Method::Naive => geo::Contains::contains(shape, &geo::Point::new(x, y)),
        }
    }

    /// The municipalities that may lie within `limit_m` of the point: those whose box reaches
    /// that far, by the registry's grid — or all of them (the baseline). The grid may name a
    /// municipality twice, which changes no decision: a point is inside or not, and the
    /// nearest is the nearest.
    fn around(
        self,
        registry: &Registry,
        x: f64,
        y: f64,
        limit_m: f64,
    ) -> impl Iterator<Item = &Municipality> {
        let (all, near) = match self {
            Method::Naive => (Some(registry.municipalities.iter()), None),
            Method::Indexed => {
                // The same margins as [`PreparedPolygon::distance_to_boundary_m`] uses.
                let margin_x =
                    limit_m / (crate::core::geo::METRES_PER_DEGREE * y.to_radians().cos());
                let margin_y = limit_m / crate::core::geo::METRES_PER_DEGREE;
                (None, Some(registry.near(x, y, margin_x, margin_y)))
            }
        };
        all.into_iter().flatten().chain(near.into_iter().flatten())
    }

    fn distance(self, polygon: &PreparedPolygon, x: f64, y: f64, limit_m: f64) -> Option<f64> {
        match self {
            Method::Indexed => polygon.distance_to_boundary_m(x, y, limit_m),
            Method::Naive => polygon.distance_to_boundary_m_naive(x, y, limit_m),
        }
    }
}

/// The closest candidate, the lowest id among equals.
fn nearest<T>(candidates: impl Iterator<Item = (T, i64, f64)>) -> Option<(T, f64)> {
    candidates
        .min_by(|a, b| a.2.total_cmp(&b.2).then(a.1.cmp(&b.1)))
        .map(|(item, _, d)| (item, d))
}

/// The municipality responsible for a point.
pub fn locate(
    registry: &Registry,
    point: Coordinates,
) -> Option<(&Municipality, MunicipalityMatch)> {
    locate_by(Method::Indexed, registry, point)
}

fn locate_by(
    method: Method,
    registry: &Registry,
    point: Coordinates,
) -> Option<(&Municipality, MunicipalityMatch)> {
    let (x, y) = (point.lon(), point.lat());
    locate_among(
        method,
        |limit_m| method.around(registry, x, y, limit_m),
        point,
    )
}

/// Where a point would go if `candidate` (a draft) replaced the registry's municipality of its
/// id: the municipality's id. The preview of a changed boundary asks this for the neighbours'
/// reports as well as the municipality's own.
pub fn locate_replacing(
    registry: &Registry,
    candidate: &Municipality,
    point: Coordinates,
) -> Option<MunicipalityId> {
    let (x, y) = (point.lon(), point.lat());
    let method = Method::Indexed;
    locate_among(
        method,
        |limit_m| {
            method
                .around(registry, x, y, limit_m)
                .filter(|m| m.id != candidate.id)
                .chain(std::iter::once(candidate))
        },
        point,
    )
    .map(|(m, _)| m.id)
}

/// The municipality responsible for a point among those `around` names within a distance (a
/// superset of those that matter; names may repeat).
fn locate_among<'r, I: Iterator<Item = &'r Municipality>>(
    method: Method,
    around: impl Fn(f64) -> I,
    point: Coordinates,
) -> Option<(&'r Municipality, MunicipalityMatch)> {
    let (x, y) = (point.lon(), point.lat());
    let inside = || around(0.0).filter(|m| method.contains(&m.boundary, &m.shape, x, y));
    let mut found = inside();
    let Some(first) = found.next() else {
        return nearest(around(MUNICIPALITY_TOLERANCE_M).filter_map(|m| {
            let d = method.distance(&m.boundary, x, y, MUNICIPALITY_TOLERANCE_M)?;
            Some((m, m.id.0, d))
        }))
        .map(|(m, d)| {
            (
                m,
                MunicipalityMatch::Nearest {
                    distance_m: d.round() as u32,
                },
            )
        });
    };
    match found.count() {
        0 => Some((first, MunicipalityMatch::Inside)),
        // Deepest inside: the largest distance to the boundary, as the nearest of the negated.
        others => nearest(inside().map(|m| {
            let depth = method
                .distance(&m.boundary, x, y, f64::INFINITY)
                .unwrap_or(0.0);
            (m, m.id.0, -depth)
        }))
        .map(|(m, _)| {
            (
                m,
                MunicipalityMatch::Overlap {
                    candidates: others + 1,
                },
            )
        }),
    }
}

/// The area of a municipality that a point lies in, or the nearest one close by.
pub fn area_of(municipality: &Municipality, point: Coordinates) -> (Option<i64>, AreaMatch) {
    area_by(Method::Indexed, municipality, point)
}

fn area_by(
    method: Method,
    municipality: &Municipality,
    point: Coordinates,
) -> (Option<i64>, AreaMatch) {
    let (x, y) = (point.lon(), point.lat());
    if let Some(area) = municipality
        .areas
        .iter()
        .find(|a| method.contains(&a.polygon, &a.shape, x, y))
    {
        return (Some(area.id), AreaMatch::Inside);
    }
    nearest(municipality.areas.iter().filter_map(|a| {
        let d = method.distance(&a.polygon, x, y, AREA_TOLERANCE_M)?;
        Some((a, a.id, d))
    }))
    .map(|(a, d)| {
        (
            Some(a.id),
            AreaMatch::Nearest {
                distance_m: d.round() as u32,
            },
        )
    })
    .unwrap_or((None, AreaMatch::None))
}

fn decide(
    municipality: &Municipality,
    category: &str,
    area_id: Option<i64>,
    municipality_match: MunicipalityMatch,
    area_match: AreaMatch,
) -> Result<Decision, RoutingError> {
    let category = municipality.category(category).filter(|c| c.active).ok_or(
        RoutingError::CategoryNotOffered {
            municipality_id: municipality.id,
        },
    )?;
    let rule = pick_rule(&municipality.rules, category, area_id).ok_or(RoutingError::NoRule {
        municipality_id: municipality.id,
    })?;
    Ok(Decision {
        municipality_id: municipality.id,
        area_id,
        department_id: rule.department_id,
        category_id: category.id,
        rule: rule.clone(),
        municipality_match,
        area_match,
    })
}

/// The first matching rule; `rules` are ordered best first.
fn pick_rule<'a>(rules: &'a [Rule], category: &Category, area_id: Option<i64>) -> Option<&'a Rule> {
    rules.iter().find(|r| {
        r.category_id.is_none_or(|c| c == category.id)
            && r.group_id.is_none_or(|g| g == category.group_id)
            && r.area_id.is_none_or(|a| Some(a) == area_id)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    /// The demo configuration (real Berlin and Potsdam polygons), loaded once per test binary.
    pub fn demo_registry() -> &'static Registry {
        static REGISTRY: OnceLock<Registry> = OnceLock::new();
        REGISTRY.get_or_init(|| {
            tokio::runtime::Runtime::new()
                .expect("runtime")
                .block_on(crate::tenants::demo::registry_in_temporary_database())
                .expect("demo registry")
        })
    }

    fn department_code(registry: &Registry, decision: &Decision) -> String {
        let m = registry
            .by_id(decision.municipality_id)
            .expect("municipality");
        m.department(decision.department_id)
            .expect("department")
            .code
            .clone()
    }

    fn area_code(registry: &Registry, decision: &Decision) -> Option<String> {
        let m = registry.by_id(decision.municipality_id)?;
        decision
            .area_id
            .and_then(|id| m.area(id))
            .map(|a| a.code.clone())
    }

    fn at(lat: f64, lon: f64) -> Coordinates {
        Coordinates::new(lat, lon).expect("valid")
    }

    #[test]
    fn illegal_dumping_in_pankow_goes_to_the_ordnungsamt_pankow() {
        let r = demo_registry();
        // Schönhauser Allee at the Eberswalder Straße station.
        let d = route(r, "illegal-dumping", at(52.5413, 13.4124)).expect("routed");
        assert_eq!(department_code(r, &d), "ordnungsamt-pankow");
        assert_eq!(area_code(r, &d).as_deref(), Some("pankow"));
        assert_eq!(d.area_match, AreaMatch::Inside);
        assert_eq!(d.municipality_match, MunicipalityMatch::Inside);
    }

    /// Two points 2 m to either side of the midpoint `(x, y)` of an edge with unit normal `(nx, ny)`.
    fn either_side((x, y, nx, ny): (f64, f64, f64, f64)) -> (Coordinates, Coordinates) {
        let step = 2.0 / crate::core::geo::METRES_PER_DEGREE;
        let a = at(y + ny * step, x + nx * step / y.to_radians().cos());
        let b = at(y - ny * step, x - nx * step / y.to_radians().cos());
        (a, b)
    }

    #[test]
    fn points_on_both_sides_of_every_border_between_two_bezirke_go_to_each_district() {
        let r = demo_registry();
        // Walk across the real shared borders instead of trusting street knowledge: take the
        // midpoints of edges both polygons have (at least 20 m long) and step 2 m to either
        // side along the edge's normal — for every pair of neighbouring Bezirke.
        let berlin = r.by_slug("berlin").expect("berlin");
        let mut borders = 0;
        for (i, one) in berlin.areas.iter().enumerate() {
            for other in &berlin.areas[i + 1..] {
                let shared = shared_edge_midpoints(&one.shape, &other.shape);
                if shared.len() < 10 {
                    continue;
                }
                borders += 1;
                for edge in shared.into_iter().step_by(7) {
                    let (a, b) = either_side(edge);
                    let (da, db) = (
                        route(r, "pothole", a).expect("a"),
                        route(r, "pothole", b).expect("b"),
                    );
                    let mut areas = [area_code(r, &da), area_code(r, &db)];
                    areas.sort();
                    let mut expected = [Some(one.code.clone()), Some(other.code.clone())];
                    expected.sort();
                    assert_eq!(areas, expected, "across {edge:?}");
                    assert_eq!(
                        (da.area_match, db.area_match),
                        (AreaMatch::Inside, AreaMatch::Inside)
                    );
                    assert_ne!(department_code(r, &da), department_code(r, &db));
                }
            }
        }
        // 24 pairs of Bezirke share a border long enough to walk (Pankow–Mitte among them).
        assert!(borders >= 24, "only {borders} borders found");
    }

    #[test]
    fn points_on_both_sides_of_the_berlin_potsdam_boundary_go_to_each_municipality() {
        let r = demo_registry();
        let berlin = r.by_slug("berlin").expect("berlin");
        let potsdam = r.by_slug("potsdam").expect("potsdam");
        let shared = shared_edge_midpoints(&berlin.shape, &potsdam.shape);
        assert!(shared.len() > 10, "Berlin and Potsdam share a boundary");
        for edge in shared.into_iter().step_by(5) {
            let (a, b) = either_side(edge);
            let (da, db) = (
                route(r, "illegal-dumping", a).expect("a"),
                route(r, "illegal-dumping", b).expect("b"),
            );
            let mut sides = [da.municipality_id, db.municipality_id];
            sides.sort();
            let mut expected = [berlin.id, potsdam.id];
            expected.sort();
            assert_eq!(sides, expected, "across {edge:?}");
            assert_eq!(
                (da.municipality_match, db.municipality_match),
                (MunicipalityMatch::Inside, MunicipalityMatch::Inside)
            );
            let in_potsdam = if da.municipality_id == potsdam.id {
                &da
            } else {
                &db
            };
            assert_eq!(department_code(r, in_potsdam), "ordnung");
        }
    }

    /// Midpoints and unit normals of edges that both shapes have (in either direction).
    fn shared_edge_midpoints(
        a: &geo::MultiPolygon<f64>,
        b: &geo::MultiPolygon<f64>,
    ) -> Vec<(f64, f64, f64, f64)> {
        let key = |p: geo::Coord<f64>| ((p.x * 1e6).round() as i64, (p.y * 1e6).round() as i64);
        let mut edges = std::collections::HashSet::new();
        for polygon in b {
            for line in polygon.exterior().lines() {
                edges.insert((key(line.start), key(line.end)));
                edges.insert((key(line.end), key(line.start)));
            }
        }
        let mut out = Vec::new();
        for polygon in a {
            for line in polygon.exterior().lines() {
                if edges.contains(&(key(line.start), key(line.end))) {
                    let (dx, dy) = (line.end.x - line.start.x, line.end.y - line.start.y);
                    let len = (dx * dx + dy * dy).sqrt();
                    // Edges of at least ~20 m, so that 2 m to the side stays beside this edge.
                    if len > 2e-4 {
                        out.push((
                            (line.start.x + line.end.x) / 2.0,
                            (line.start.y + line.end.y) / 2.0,
                            -dy / len,
                            dx / len,
                        ));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn traffic_lights_go_to_the_state_unit_wherever_they_are() {
        let r = demo_registry();
        for point in [
            at(52.5413, 13.4124),
            at(52.4400, 13.5800),
            at(52.5360, 13.2000),
        ] {
            let d = route(r, "traffic-light", point).expect("routed");
            assert_eq!(department_code(r, &d), "vlb");
        }
    }

    #[test]
    fn abandoned_vehicles_go_to_the_ordnungsamt_not_the_roads_office() {
        let r = demo_registry();
        let d = route(r, "abandoned-vehicle", at(52.4800, 13.4400)).expect("routed");
        assert_eq!(department_code(r, &d), "ordnungsamt-neukoelln");
    }

    #[test]
    fn potsdam_decides_by_its_own_rules() {
        let r = demo_registry();
        // Alter Markt, Potsdam.
        let d = route(r, "pothole", at(52.3955, 13.0590)).expect("routed");
        assert_eq!(
            r.by_id(d.municipality_id).map(|m| m.slug.as_str()),
            Some("potsdam")
        );
        assert_eq!(department_code(r, &d), "verkehrsanlagen");
        assert_eq!(d.area_match, AreaMatch::None);
    }

    #[test]
    fn a_category_potsdam_does_not_offer_is_refused_there() {
        let r = demo_registry();
        let potsdam = r.by_slug("potsdam").expect("potsdam").id;
        assert_eq!(
            route(r, "traffic-light", at(52.3955, 13.0590)),
            Err(RoutingError::CategoryNotOffered {
                municipality_id: potsdam
            })
        );
    }

    #[test]
    fn points_outside_every_municipality_are_refused() {
        let r = demo_registry();
        // Hamburg, and Schönefeld just south of Berlin.
        assert_eq!(
            route(r, "pothole", at(53.55, 9.99)),
            Err(RoutingError::OutsideEveryMunicipality)
        );
        assert_eq!(
            route(r, "pothole", at(52.3700, 13.5200)),
            Err(RoutingError::OutsideEveryMunicipality)
        );
    }

    #[test]
    fn a_point_just_outside_the_berlin_boundary_goes_to_berlin_with_the_distance() {
        let r = demo_registry();
        let berlin = r.by_slug("berlin").expect("berlin");
        // Step 20 m out of Berlin from the midpoint of a boundary edge that borders no neighbour
        // we serve (anywhere but towards Potsdam).
        let ring = berlin.shape.0[0].exterior();
        let line = ring.lines().nth(ring.0.len() / 3).expect("edge");
        let (mx, my) = (
            (line.start.x + line.end.x) / 2.0,
            (line.start.y + line.end.y) / 2.0,
        );
        let (dx, dy) = (line.end.x - line.start.x, line.end.y - line.start.y);
        let len = (dx * dx + dy * dy).sqrt();
        let step = 20.0 / crate::core::geo::METRES_PER_DEGREE;
        let candidates = [1.0, -1.0].map(|s| {
            at(
                my + s * dx / len * step,
                mx - s * dy / len * step / my.to_radians().cos(),
            )
        });
        let outside = candidates
            .into_iter()
            .find(|p| !berlin.boundary.contains(p.lon(), p.lat()))
            .expect("one side is outside");
        let d = route(r, "pothole", outside).expect("routed to the nearest");
        assert_eq!(d.municipality_id, berlin.id);
        assert!(
            matches!(d.municipality_match, MunicipalityMatch::Nearest { distance_m } if (15..=25).contains(&distance_m))
        );
    }

    #[test]
    fn the_index_decides_exactly_like_the_naive_scan() {
        let r = demo_registry();
        let mut seed = 42u64;
        let mut next = || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..20_000 {
            // Berlin and Potsdam and some land around them.
            let point = at(52.30 + next() * 0.40, 12.90 + next() * 0.90);
            assert_eq!(
                route(r, "pothole", point),
                route_naive(r, "pothole", point),
                "{point:?}"
            );
        }
    }

    #[test]
    fn coordinates_are_validated_and_accept_decimal_commas() {
        assert_eq!(
            Coordinates::parse("52,5", " 13.4 "),
            Coordinates::new(52.5, 13.4)
        );
        assert_eq!(Coordinates::parse("91", "13"), None);
        assert_eq!(Coordinates::parse("NaN", "13"), None);
        assert_eq!(Coordinates::parse("", "13"), None);
    }
}
