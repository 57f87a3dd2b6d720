//! Photo intake: every upload is decoded under strict limits, turned upright by its EXIF
//! orientation, scaled down and re-encoded as JPEG. Re-encoding writes pixels only, so no
//! metadata (GPS position, camera, time) survives into anything stored or served. The GPS
//! position is read before that, so the flow can offer it as the report's place.
//!
//! [`intake`] runs this off the async executor and stores the result durably; [`store`]
//! keeps the files; [`pending`] remembers uploads until a report or draft refers to them.

pub mod intake;
pub mod pending;
pub mod store;

use crate::core::config::Settings;
use crate::core::geo::Coordinates;
use std::sync::Arc;
use store::PhotoStore;

use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};
use std::io::Cursor;

/// Longest side of the stored photo.
pub const MAX_SIDE: u32 = 2048;
/// Longest side of the thumbnail.
pub const THUMBNAIL_SIDE: u32 = 480;
const JPEG_QUALITY: u8 = 82;
const THUMBNAIL_QUALITY: u8 = 75;

/// The photos' part of the application state.
#[derive(Clone)]
pub struct Photos {
    pub store: PhotoStore,
    pub limits: PhotoLimits,
    /// One decode per core at a time: a decode may hold a few hundred megabytes, so queued
    /// uploads wait here instead of exhausting memory.
    pub decodes: Arc<tokio::sync::Semaphore>,
}

impl Photos {
    pub fn new(settings: &Settings) -> anyhow::Result<Photos> {
        let store = match &settings.photo_store {
            Some(objects) => PhotoStore::objects(objects)?,
            None => PhotoStore::new(&settings.photo_dir),
        };
        Ok(Photos {
            store,
            limits: PhotoLimits::with_max_mb(settings.max_photo_mb),
            decodes: Arc::new(tokio::sync::Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
        })
    }
}

/// A stored photo that a draft or report refers to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoRef {
    pub key: String,
    pub width: u32,
    pub height: u32,
}

#[derive(Clone, Copy, Debug)]
pub struct PhotoLimits {
    /// Upload size.
    pub max_bytes: usize,
    /// Width × height; larger images are refused from their header, before any pixel is decoded.
    pub max_pixels: u64,
}

impl PhotoLimits {
    pub fn with_max_mb(max_mb: u64) -> PhotoLimits {
        PhotoLimits {
            max_bytes: (max_mb * 1024 * 1024) as usize,
            max_pixels: 50_000_000,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PhotoError {
    #[error("photo larger than the upload limit")]
    TooLarge,
    #[error("not a JPEG, PNG or WebP image")]
    Unsupported,
    #[error("image data is damaged")]
    Corrupt,
    #[error("image has too many pixels")]
    TooManyPixels,
}

/// A cleaned photo, ready to store.
#[derive(Clone, Debug)]
pub struct ProcessedPhoto {
    pub jpeg: Vec<u8>,
    pub thumbnail: Vec<u8>,
    pub width: u32,
    pub height: u32,
    /// Where the upload's EXIF GPS tags say it was taken, if it had them.
    pub gps: Option<Coordinates>,
}

/// Decodes, orients, scales and re-encodes one upload. CPU-bound: call it off the async
/// executor (`spawn_blocking`).
pub fn process(bytes: &[u8], limits: &PhotoLimits) -> Result<ProcessedPhoto, PhotoError> {
    if bytes.len() > limits.max_bytes {
        return Err(PhotoError::TooLarge);
    }
    let format = match image::guess_format(bytes) {
        Ok(f @ (ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP)) => f,
        _ => return Err(PhotoError::Unsupported),
    };
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut decoder_limits = Limits::default();
    decoder_limits.max_image_width = Some(20_000);
    decoder_limits.max_image_height = Some(20_000);
    decoder_limits.max_alloc = Some(limits.max_pixels * 4 + 64 * 1024 * 1024);
    reader.limits(decoder_limits);
    let mut decoder = reader.into_decoder().map_err(decode_error)?;
    let (width, height) = decoder.dimensions();
    if u64::from(width) * u64::from(height) > limits.max_pixels {
        return Err(PhotoError::TooManyPixels);
    }
    let exif = decoder.exif_metadata().ok().flatten();
    let orientation = exif
        .as_deref()
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let gps = exif.as_deref().and_then(gps_position);

    let mut image = DynamicImage::from_decoder(decoder).map_err(decode_error)?;
    image.apply_orientation(orientation);
    let image = if image.width() > MAX_SIDE || image.height() > MAX_SIDE {
        image.resize(MAX_SIDE, MAX_SIDE, FilterType::Triangle)
    } else {
        image
    };
    let thumbnail = image.thumbnail(THUMBNAIL_SIDE, THUMBNAIL_SIDE);
    Ok(ProcessedPhoto {
        width: image.width(),
        height: image.height(),
        jpeg: encode(&image, JPEG_QUALITY),
        thumbnail: encode(&thumbnail, THUMBNAIL_QUALITY),
        gps,
    })
}

fn decode_error(error: image::ImageError) -> PhotoError {
    match error {
        image::ImageError::Limits(_) => PhotoError::TooManyPixels,
        image::ImageError::Unsupported(_) => PhotoError::Unsupported,
        _ => PhotoError::Corrupt,
    }
}

/// JPEG of the pixels only; transparent areas become white.
fn encode(image: &DynamicImage, quality: u8) -> Vec<u8> {
    let rgb = if image.color().has_alpha() {
        let rgba = image.to_rgba8();
        let mut rgb = image::RgbImage::new(rgba.width(), rgba.height());
        for (to, from) in rgb.pixels_mut().zip(rgba.pixels()) {
            let alpha = u16::from(from[3]);
            for c in 0..3 {
                to[c] = ((u16::from(from[c]) * alpha + 255 * (255 - alpha)) / 255) as u8;
            }
        }
        rgb
    } else {
        image.to_rgb8()
    };
    let mut out = Vec::with_capacity(rgb.len() / 8);
    // Encoding an in-memory RGB buffer into a Vec cannot fail.
    let _ = JpegEncoder::new_with_quality(&mut out, quality).encode_image(&rgb);
    out
}

/// The position in EXIF GPS tags (none for the null island that broken cameras write).
fn gps_position(exif: &[u8]) -> Option<Coordinates> {
    use exif::{In, Tag, Value};
    let exif = exif::Reader::new().read_raw(exif.to_vec()).ok()?;
    let degrees = |tag: Tag, reference: Tag, negative: &str| -> Option<f64> {
        let field = exif.get_field(tag, In::PRIMARY)?;
        let Value::Rational(parts) = &field.value else {
            return None;
        };
        let value = parts
            .iter()
            .take(3)
            .zip([1.0, 60.0, 3600.0])
            .map(|(r, d)| r.to_f64() / d)
            .sum::<f64>();
        let sign = exif
            .get_field(reference, In::PRIMARY)
            .map(|f| f.display_value().to_string())
            .is_some_and(|r| r.trim_matches('"').starts_with(negative));
        Some(if sign { -value } else { value })
    };
    let lat = degrees(Tag::GPSLatitude, Tag::GPSLatitudeRef, "S")?;
    let lon = degrees(Tag::GPSLongitude, Tag::GPSLongitudeRef, "W")?;
    Coordinates::new(lat, lon).filter(|_| (lat, lon) != (0.0, 0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROTATED_WITH_GPS: &[u8] = include_bytes!("../../tests/fixtures/rotated-gps.jpg");
    const BOMB: &[u8] = include_bytes!("../../tests/fixtures/bomb.png");

    fn limits() -> PhotoLimits {
        PhotoLimits::with_max_mb(15)
    }

    #[test]
    fn a_rotated_photo_is_turned_upright_and_its_gps_position_read() {
        // The fixture is stored 64×32 with EXIF orientation 6 (turn 90° clockwise to view), red
        // on its left half: upright it is 32×64 with red on top.
        let photo = process(ROTATED_WITH_GPS, &limits()).expect("processed");
        assert_eq!((photo.width, photo.height), (32, 64));
        let upright = image::load_from_memory(&photo.jpeg)
            .expect("jpeg")
            .to_rgb8();
        let top = upright.get_pixel(16, 8);
        let bottom = upright.get_pixel(16, 56);
        assert!(top[0] > 200 && top[1] < 80, "top is red: {top:?}");
        assert!(
            bottom[2] > 200 && bottom[0] < 80,
            "bottom is blue: {bottom:?}"
        );
        let gps = photo.gps.expect("gps");
        let (lat, lon) = (gps.lat(), gps.lon());
        assert!(
            (lat - 52.5413).abs() < 1e-3 && (lon - 13.4124).abs() < 1e-3,
            "{lat} {lon}"
        );
    }

    #[test]
    fn no_metadata_survives_processing() {
        let photo = process(ROTATED_WITH_GPS, &limits()).expect("processed");
        for stored in [&photo.jpeg, &photo.thumbnail] {
            let mut decoder = image::codecs::jpeg::JpegDecoder::new(Cursor::new(stored.as_slice()))
                .expect("jpeg");
            assert_eq!(decoder.exif_metadata().ok().flatten(), None);
            assert!(!stored.windows(4).any(|w| w == b"Exif"), "no EXIF segment");
            assert!(!stored.windows(4).any(|w| w == b"GPS\0"));
        }
    }

    #[test]
    fn a_decompression_bomb_is_refused_from_its_header() {
        let started = std::time::Instant::now();
        assert_eq!(
            process(BOMB, &limits()).err(),
            Some(PhotoError::TooManyPixels)
        );
        // Refused before decoding: a 40000×40000 image would take seconds and gigabytes.
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn other_formats_and_damaged_files_are_refused() {
        assert_eq!(
            process(b"GIF89a....", &limits()).err(),
            Some(PhotoError::Unsupported)
        );
        assert_eq!(
            process(b"%PDF-1.7", &limits()).err(),
            Some(PhotoError::Unsupported)
        );
        let mut truncated = ROTATED_WITH_GPS[..ROTATED_WITH_GPS.len() / 3].to_vec();
        truncated.extend_from_slice(&[0; 16]);
        assert_eq!(
            process(&truncated, &limits()).err(),
            Some(PhotoError::Corrupt)
        );
    }

    #[test]
    fn uploads_over_the_size_limit_are_refused() {
        let small = PhotoLimits {
            max_bytes: 100,
            max_pixels: 1_000_000,
        };
        assert_eq!(
            process(ROTATED_WITH_GPS, &small).err(),
            Some(PhotoError::TooLarge)
        );
    }

    #[test]
    fn large_photos_are_scaled_down_with_a_thumbnail() {
        let big = DynamicImage::new_rgb8(3000, 2000);
        let mut png = Vec::new();
        big.write_to(&mut Cursor::new(&mut png), ImageFormat::Png)
            .expect("png");
        let photo = process(&png, &limits()).expect("processed");
        assert_eq!((photo.width, photo.height), (2048, 1365));
        let thumb = image::load_from_memory(&photo.thumbnail).expect("thumbnail");
        assert_eq!(thumb.width().max(thumb.height()), THUMBNAIL_SIDE);
        assert_eq!(photo.gps, None);
    }
}
