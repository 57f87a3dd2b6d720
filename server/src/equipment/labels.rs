//! QR codes for the units' labels, drawn as SVG on the server: one path of dark modules,
//! horizontal runs merged, with the quiet zone of four modules that scanners need.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// The quiet zone around the code, in modules.
const QUIET: usize = 4;

/// The QR code of `text` as an SVG document, or `None` if the text is too long for one.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 2 * QUIET;
    let mut path = String::new();
    for y in 0..width {
        let row = &colors[y * width..(y + 1) * width];
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                let run = x - start;
                let _ = write!(path, "M{} {}h{run}v1h-{run}z", start + QUIET, y + QUIET);
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\" focusable=\"false\"><rect width=\"{size}\" height=\"{size}\" \
         fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_code_is_a_square_svg_with_a_quiet_zone() {
        let svg = qr_svg("https://kiezwerk.example/bauhof/berlin/geraet/PAN-AM-01").expect("svg");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        // Version 4 (33 modules) for this length at level M, plus 2 × 4 quiet modules.
        assert!(svg.contains("viewBox=\"0 0 41 41\""), "{svg}");
        // The finder pattern's top row: seven dark modules from the quiet zone's edge.
        assert!(svg.contains("M4 4h7v1h-7z"));
        assert_eq!(qr_svg(&"x".repeat(5000)), None);
    }
}
