//! A synthetic tree register of any size for scale tests: the columns of the Berlin register,
//! each tree a copy of one of the demo sample's 5,000 real trees moved by up to about 150 m,
//! so the spatial distribution (dense streets, parks, empty water) stays realistic. Every
//! figure measured on it must say that the data is synthetic.

use super::demo::BERLIN_TREES;
use std::io::Write;

/// How far a copy moves from its original, in degrees (about 150 m north–south).
const JITTER_DEG: f64 = 0.0014;

/// Writes `count` synthetic trees as CSV to `out`, the same for the same `seed`.
pub fn write(count: usize, seed: u64, out: impl Write) -> anyhow::Result<()> {
    let mut reader = csv::Reader::from_reader(BERLIN_TREES.as_bytes());
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| anyhow::anyhow!("the sample has no column {name}"))
    };
    let (id, lat, lng) = (column("id")?, column("lat")?, column("lng")?);
    let sample: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>()?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&headers)?;
    let mut state = seed | 1;
    // xorshift64*: enough randomness for positions, and no dependency.
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_f491_4f6c_dd1d)
    };
    let mut unit = move || (next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0;
    for n in 0..count {
        let original = &sample[n % sample.len()];
        let moved_lat = original[lat].parse::<f64>().unwrap_or(52.5) + unit() * JITTER_DEG;
        let moved_lng = original[lng].parse::<f64>().unwrap_or(13.4) + unit() * JITTER_DEG * 1.6;
        let key = format!("synth:{n:08x}");
        let (lat_text, lng_text) = (format!("{moved_lat:.7}"), format!("{moved_lng:.7}"));
        let row = original.iter().enumerate().map(|(i, field)| match i {
            i if i == id => key.as_str(),
            i if i == lat => lat_text.as_str(),
            i if i == lng => lng_text.as_str(),
            _ => field,
        });
        writer.write_record(row)?;
    }
    writer.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_synthetic_register_has_the_count_unique_ids_and_stays_near_the_sample() {
        let mut out = Vec::new();
        super::write(12_000, 7, &mut out).expect("written");
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        assert_eq!(rows.len(), 12_000);
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(ids.len(), 12_000);
        for row in &rows {
            let lat: f64 = row[18].parse().expect("lat");
            let lng: f64 = row[19].parse().expect("lng");
            assert!(
                (52.3..52.7).contains(&lat) && (13.0..13.8).contains(&lng),
                "{lat} {lng}"
            );
        }
        let mut again = Vec::new();
        super::write(12_000, 7, &mut again).expect("written");
        assert_eq!(out, again, "the same seed writes the same register");
    }
}
