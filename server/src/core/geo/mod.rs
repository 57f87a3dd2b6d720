//! Places on the earth: validated WGS84 coordinates, distances at city scale, and prepared
//! polygons ([`polygon`]) and the grids that index them ([`grid`]), and map tiles of points
//! ([`tiles`]).

pub mod grid;
pub mod polygon;
pub mod shapes;
pub mod tiles;

use serde::{Deserialize, Serialize};

/// Metres per degree of latitude, on the mean earth radius (6,371 km). At city scale a degree
/// of longitude is this times the cosine of the latitude.
pub const METRES_PER_DEGREE: f64 = 111_195.0;

/// A validated WGS84 position. Serialised as `{"lat": …, "lon": …}`; deserialising checks it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawCoordinates")]
pub struct Coordinates {
    lat: f64,
    lon: f64,
}

#[derive(Deserialize)]
struct RawCoordinates {
    lat: f64,
    lon: f64,
}

impl TryFrom<RawCoordinates> for Coordinates {
    type Error = &'static str;

    fn try_from(raw: RawCoordinates) -> Result<Coordinates, &'static str> {
        Coordinates::new(raw.lat, raw.lon).ok_or("not a WGS84 position")
    }
}

impl Coordinates {
    #[inline]
    pub fn new(lat: f64, lon: f64) -> Option<Coordinates> {
        (lat.is_finite()
            && lon.is_finite()
            && (-90.0..=90.0).contains(&lat)
            && (-180.0..=180.0).contains(&lon))
        .then_some(Coordinates { lat, lon })
    }

    /// Parses decimal degrees as people type them ("52.54", "52,54").
    pub fn parse(lat: &str, lon: &str) -> Option<Coordinates> {
        let number = |s: &str| s.trim().replace(',', ".").parse::<f64>().ok();
        Coordinates::new(number(lat)?, number(lon)?)
    }

    /// Both, where a database row holds them in two nullable columns.
    pub fn from_columns(lat: Option<f64>, lon: Option<f64>) -> Option<Coordinates> {
        Coordinates::new(lat?, lon?)
    }

    #[inline]
    pub fn lat(self) -> f64 {
        self.lat
    }

    #[inline]
    pub fn lon(self) -> f64 {
        self.lon
    }

    /// Metres to `other` (equirectangular: exact to well under a metre over a city).
    pub fn distance_m(self, other: Coordinates) -> f64 {
        let cos = self.lat.to_radians().cos();
        let dy = (other.lat - self.lat) * METRES_PER_DEGREE;
        let dx = (other.lon - self.lon) * METRES_PER_DEGREE * cos;
        (dx * dx + dy * dy).sqrt()
    }

    /// The box of `radius_m` around the point: (south, north, west, east) in degrees, for
    /// a first selection by index before the exact distance.
    pub fn bounding_box(self, radius_m: f64) -> (f64, f64, f64, f64) {
        let dlat = radius_m / METRES_PER_DEGREE;
        let dlon = radius_m / (METRES_PER_DEGREE * self.lat.to_radians().cos().max(0.01));
        (
            self.lat - dlat,
            self.lat + dlat,
            self.lon - dlon,
            self.lon + dlon,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_are_validated_when_made_parsed_or_deserialised() {
        assert!(Coordinates::new(52.5, 13.4).is_some());
        assert!(Coordinates::new(91.0, 13.4).is_none());
        assert!(Coordinates::new(f64::NAN, 13.4).is_none());
        assert_eq!(
            Coordinates::parse(" 52,5 ", "13.4"),
            Coordinates::new(52.5, 13.4)
        );
        let json = serde_json::to_string(&Coordinates::new(52.5, 13.4)).expect("json");
        assert_eq!(json, r#"{"lat":52.5,"lon":13.4}"#);
        assert!(serde_json::from_str::<Coordinates>(r#"{"lat":95.0,"lon":13.4}"#).is_err());
    }

    #[test]
    fn distances_at_city_scale() {
        let a = Coordinates::new(52.5, 13.4).expect("a");
        let north = Coordinates::new(52.5 + 100.0 / METRES_PER_DEGREE, 13.4).expect("b");
        assert!((a.distance_m(north) - 100.0).abs() < 0.01);
        let (south, n, west, east) = a.bounding_box(100.0);
        assert!(south < 52.5 && n > 52.5 && west < 13.4 && east > 13.4);
    }
}
