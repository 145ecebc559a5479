//! Reads the EXIF orientation (tag 0x0112 of IFD0) from a JPEG's APP1 payload. Only this
//! one value is needed, so a bounds-checked walk of the TIFF structure beats a crate.

/// The orientation value 1-8, or None when absent or malformed.
pub fn orientation(exif: &[u8]) -> Option<u8> {
    let tiff = exif.strip_prefix(b"Exif\0\0").unwrap_or(exif);
    let little = match tiff.get(0..4)? {
        b"II*\0" => true,
        b"MM\0*" => false,
        _ => return None,
    };
    let u16_at = |at: usize| -> Option<u16> {
        let b: [u8; 2] = tiff.get(at..at + 2)?.try_into().ok()?;
        Some(if little {
            u16::from_le_bytes(b)
        } else {
            u16::from_be_bytes(b)
        })
    };
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = tiff.get(at..at + 4)?.try_into().ok()?;
        Some(if little {
            u32::from_le_bytes(b)
        } else {
            u32::from_be_bytes(b)
        })
    };
    let ifd = usize::try_from(u32_at(4)?).ok()?;
    let count = usize::from(u16_at(ifd)?);
    for i in 0..count.min(512) {
        let entry = ifd.checked_add(2)?.checked_add(i.checked_mul(12)?)?;
        if u16_at(entry)? == 0x0112 {
            // Type SHORT (3), count 1: the value sits in the first two bytes of the field.
            let value = u16_at(entry + 8)?;
            return u8::try_from(value).ok().filter(|v| (1..=8).contains(v));
        }
    }
    None
}

/// Builds a minimal EXIF payload ("Exif\0\0" + TIFF) with an orientation and, optionally,
/// a GPS IFD: used by tests and benches to make fixtures the way cameras do.
pub fn build(orientation: u8, with_gps: bool) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(b"II*\0");
    t.extend_from_slice(&8u32.to_le_bytes());
    let entries: u16 = if with_gps { 2 } else { 1 };
    t.extend_from_slice(&entries.to_le_bytes());
    // Orientation: tag 0x0112, SHORT, count 1.
    t.extend_from_slice(&0x0112u16.to_le_bytes());
    t.extend_from_slice(&3u16.to_le_bytes());
    t.extend_from_slice(&1u32.to_le_bytes());
    t.extend_from_slice(&u32::from(orientation).to_le_bytes());
    if with_gps {
        // GPS IFD pointer: tag 0x8825, LONG, count 1, offset just after IFD0.
        let gps_offset = 8 + 2 + 12 * u32::from(entries) + 4;
        t.extend_from_slice(&0x8825u16.to_le_bytes());
        t.extend_from_slice(&4u16.to_le_bytes());
        t.extend_from_slice(&1u32.to_le_bytes());
        t.extend_from_slice(&gps_offset.to_le_bytes());
    }
    t.extend_from_slice(&0u32.to_le_bytes());
    if with_gps {
        // GPSLatitudeRef = "N" (ASCII, count 2, inline).
        t.extend_from_slice(&1u16.to_le_bytes());
        t.extend_from_slice(&0x0001u16.to_le_bytes());
        t.extend_from_slice(&2u16.to_le_bytes());
        t.extend_from_slice(&2u32.to_le_bytes());
        t.extend_from_slice(b"N\0\0\0");
        t.extend_from_slice(&0u32.to_le_bytes());
    }
    let mut out = b"Exif\0\0".to_vec();
    out.extend_from_slice(&t);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_builds() {
        for o in 1..=8 {
            assert_eq!(orientation(&build(o, false)), Some(o));
            assert_eq!(orientation(&build(o, true)), Some(o));
        }
    }

    #[test]
    fn malformed_payloads_give_none() {
        assert_eq!(orientation(b""), None);
        assert_eq!(orientation(b"Exif\0\0II*\0\xff\xff\xff\xff"), None);
        let mut big_endian = b"MM\0*\0\0\0\x08\0\x01".to_vec();
        big_endian.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]);
        assert_eq!(orientation(&big_endian), Some(6));
        let mut bad_value = big_endian.clone();
        bad_value[19] = 9;
        assert_eq!(orientation(&bad_value), None);
    }
}
