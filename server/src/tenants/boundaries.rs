//! Where a municipality ends. Several municipalities share one deployment, and routing sends a
//! point inside two boundaries to the one it lies deepest inside — so a boundary decides whose
//! reports are whose. Two rules keep one municipality from taking another's: only platform
//! administrators move a boundary, and no boundary reaches into a neighbour's by more than the
//! strip in which two sources of the same border disagree ([`BORDER_TOLERANCE_M`]).

use super::config::{hectares, MunicipalityConfig};
use super::Registry;
use crate::core::geo::polygon::parse_area;
use crate::core::geo::shapes::{same_shape, wide_overlap};
use geo::MultiPolygon;
use kiezwerk_app::i18n::Lang;

/// How wide an overlap with a neighbour may be: 50 m. Boundaries of the same border from
/// different sources (VG250 generalised for 1:250,000, ALKIS, OpenStreetMap) lie up to a few
/// tens of metres apart along their whole length, so a strip of overlap must pass; routing
/// already treats a point 50 m outside every boundary as the nearest municipality's
/// (`MUNICIPALITY_TOLERANCE_M` in routing). Anything wider — a block, a district, a
/// rectangle over a city — is ground that belongs to one of the two, and is refused.
pub const BORDER_TOLERANCE_M: f64 = 50.0;

/// Who changes a configuration: only the platform's administrators (and the command line,
/// which is operated by them) may move a boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Authority {
    Platform,
    Municipality,
}

/// Every reason `config`'s boundary may not be used, in `lang`: moved by somebody who may not
/// move it, or reaching into a neighbour's in `registry` beyond [`BORDER_TOLERANCE_M`].
/// `in_force` is the municipality's boundary now (`None` for a new one). A boundary that
/// stays as it is passes, as does one that cannot be read (the configuration's own checks
/// say why).
pub fn problems(
    registry: &Registry,
    config: &MunicipalityConfig,
    in_force: Option<&MultiPolygon<f64>>,
    authority: Authority,
    lang: Lang,
) -> Vec<String> {
    let Ok(boundary) = parse_area(&config.boundary) else {
        return Vec::new();
    };
    if in_force.is_some_and(|old| same_shape(old, &boundary)) {
        return Vec::new();
    }
    if authority == Authority::Municipality {
        return vec![lang.pick(
            "Die Gemeindegrenze in der Datei weicht von der Grenze in Kraft ab. Nur die Plattformverwaltung kann eine Gemeindegrenze ändern, weil sie entscheidet, welche Meldungen zu welcher Gemeinde gehören. Laden Sie die Datei mit der Grenze aus dem Download hoch oder wenden Sie sich an die Plattformverwaltung.",
            "The boundary in the file differs from the boundary in force. Only the platform's administrators can change a municipality's boundary, because it decides which reports belong to which municipality. Upload the file with the boundary from the download, or ask the platform's administrators.",
        )
        .to_owned()];
    }
    registry
        .municipalities
        .iter()
        .filter(|m| m.slug != config.slug)
        .filter_map(|m| {
            let piece = wide_overlap(&boundary, &m.shape, BORDER_TOLERANCE_M)?;
            let at = format!("{:.5}, {:.5}", piece.at.lat(), piece.at.lon());
            Some(lang.pick(
                format!(
                    "Die Gemeindegrenze überschneidet sich mit der von {} auf {}, zum Beispiel bei {at}. Grenzen aus verschiedenen Quellen dürfen sich nur in einem Streifen von höchstens {} m Breite überschneiden.",
                    m.name,
                    hectares(piece.square_metres, Lang::De),
                    BORDER_TOLERANCE_M
                ),
                format!(
                    "The boundary overlaps that of {} on {}, for example at {at}. Boundaries from different sources may overlap only in a strip at most {} m wide.",
                    m.name,
                    hectares(piece.square_metres, Lang::En),
                    BORDER_TOLERANCE_M
                ),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tenants::Municipality;
    use kiezwerk_app::model::MunicipalityId;

    fn config(name: &str) -> MunicipalityConfig {
        MunicipalityConfig::from_json(match name {
            "berlin" => include_str!("../../demo/berlin.json"),
            _ => include_str!("../../demo/potsdam.json"),
        })
        .expect("demo configuration")
    }

    fn registry() -> Registry {
        let berlin =
            Municipality::from_config(MunicipalityId(1), &config("berlin")).expect("berlin");
        let potsdam =
            Municipality::from_config(MunicipalityId(2), &config("potsdam")).expect("potsdam");
        Registry::new(vec![berlin, potsdam], 1)
    }

    fn rectangle(west: f64, south: f64, east: f64, north: f64) -> geojson::Geometry {
        serde_json::from_value(serde_json::json!({
            "type": "Polygon",
            "coordinates": [[[west, south], [east, south], [east, north], [west, north], [west, south]]]
        }))
        .expect("geometry")
    }

    #[test]
    fn the_demos_neighbouring_boundaries_pass() {
        let registry = registry();
        for name in ["berlin", "potsdam"] {
            let found = problems(
                &registry,
                &config(name),
                None,
                Authority::Platform,
                Lang::En,
            );
            assert!(found.is_empty(), "{name}: {found:?}");
        }
    }

    #[test]
    fn a_rectangle_over_berlin_is_refused_naming_berlin_the_size_and_a_point() {
        let registry = registry();
        let mut potsdam = config("potsdam");
        potsdam.boundary = rectangle(12.9, 52.3, 13.8, 52.7);
        let found = problems(&registry, &potsdam, None, Authority::Platform, Lang::De);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("Die Gemeindegrenze überschneidet sich mit der von Berlin auf "),
            "{}",
            found[0]
        );
        assert!(
            found[0].contains(" ha, zum Beispiel bei 52,")
                || found[0].contains(" ha, zum Beispiel bei 52."),
            "{}",
            found[0]
        );
    }

    #[test]
    fn a_municipal_administrator_cannot_move_the_boundary_but_may_keep_it() {
        let registry = registry();
        let potsdam = config("potsdam");
        let in_force = &registry.by_slug("potsdam").expect("potsdam").shape;
        let kept = problems(
            &registry,
            &potsdam,
            Some(in_force),
            Authority::Municipality,
            Lang::En,
        );
        assert!(kept.is_empty(), "{kept:?}");
        let mut moved = potsdam.clone();
        moved.boundary = rectangle(12.9, 52.3, 13.1, 52.45);
        let found = problems(
            &registry,
            &moved,
            Some(in_force),
            Authority::Municipality,
            Lang::En,
        );
        assert_eq!(found.len(), 1);
        assert!(
            found[0].contains("Only the platform's administrators"),
            "{}",
            found[0]
        );
    }
}
