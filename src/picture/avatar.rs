//! Generated default avatars, rendered by pfp itself (no network service): the same seed
//! always gives the same image, different seeds visibly different ones.
//!
//! - identicon: a 5x5 mirrored pattern in a colour, both taken from SHA-256 of the seed;
//! - initials: up to two letters on a colour taken from the seed, drawn with a built-in
//!   5x7 pixel font (ASCII letters and digits; anything else shows as `?`).

use image::{Rgb, RgbImage};
use sha2::{Digest, Sha256};

/// Which generated avatar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Identicon,
    Initials,
}

impl Style {
    pub fn name(self) -> &'static str {
        match self {
            Style::Identicon => "identicon",
            Style::Initials => "initials",
        }
    }

    pub fn parse(text: &str) -> Option<Style> {
        match text {
            "identicon" => Some(Style::Identicon),
            "initials" => Some(Style::Initials),
            _ => None,
        }
    }
}

/// A saturated, mid-light colour from three bytes of the hash (HSL to RGB).
fn colour(hash: &[u8]) -> Rgb<u8> {
    let hue = f32::from(u16::from_be_bytes([hash[0], hash[1]])) / 65536.0 * 360.0;
    let saturation = 0.55 + f32::from(hash[2] % 30) / 100.0;
    let lightness = 0.45;
    let c = (1.0 - (2.0 * lightness - 1.0f32).abs()) * saturation;
    let x = c * (1.0 - ((hue / 60.0) % 2.0 - 1.0).abs());
    let m = lightness - c / 2.0;
    let (r, g, b) = match hue as u32 / 60 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let to = |v: f32| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    Rgb([to(r), to(g), to(b)])
}

/// Renders the avatar for `seed` (a user's stable id) at `size` pixels. `label` (a
/// display name or nickname) is used by the initials style.
pub fn render(style: Style, seed: &str, label: &str, size: u32) -> RgbImage {
    let hash = Sha256::digest(seed.as_bytes());
    let fg = colour(&hash);
    match style {
        Style::Identicon => {
            let background = Rgb([240, 240, 240]);
            // 5 columns mirrored around the middle: 15 independent cells from 15 bits.
            let bits = u32::from_be_bytes([hash[3], hash[4], hash[5], hash[6]]);
            let on = |col: u32, row: u32| {
                let col = col.min(4 - col);
                bits >> (col * 5 + row) & 1 == 1
            };
            let cell = size / 6;
            let margin = (size - cell * 5) / 2;
            RgbImage::from_fn(size, size, |x, y| {
                if x < margin || y < margin || x >= margin + cell * 5 || y >= margin + cell * 5 {
                    return background;
                }
                if on((x - margin) / cell, (y - margin) / cell) {
                    fg
                } else {
                    background
                }
            })
        }
        Style::Initials => {
            // Three hash bytes, each kept mid-dark so white letters stay readable.
            let fg = Rgb([40 + hash[7] % 150, 40 + hash[8] % 150, 40 + hash[9] % 150]);
            let text = initials(label);
            let white = Rgb([255, 255, 255]);
            let glyphs: Vec<[u8; 7]> = text.chars().map(glyph).collect();
            // Each glyph is 5 px wide with 1 px between them, scaled to half the width.
            let width_units = glyphs.len() as u32 * 6 - 1;
            let scale = (size / 2 / width_units).max(1);
            let (text_w, text_h) = (width_units * scale, 7 * scale);
            let (left, top) = ((size - text_w) / 2, (size - text_h) / 2);
            RgbImage::from_fn(size, size, |x, y| {
                if x < left || y < top || x >= left + text_w || y >= top + text_h {
                    return fg;
                }
                let (ux, uy) = ((x - left) / scale, (y - top) / scale);
                let (g, gx) = ((ux / 6) as usize, ux % 6);
                if gx == 5 {
                    return fg;
                }
                if glyphs[g][uy as usize] >> (4 - gx) & 1 == 1 {
                    white
                } else {
                    fg
                }
            })
        }
    }
}

/// Up to two initials: the first letters of the first two words, upper-cased.
pub fn initials(label: &str) -> String {
    let letters: String = label
        .split(|c: char| c.is_whitespace() || c == '.' || c == '_' || c == '-' || c == '@')
        .filter_map(|w| w.chars().next())
        .take(2)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if letters.is_empty() {
        "?".to_owned()
    } else {
        letters
    }
}

/// A 5x7 glyph, one byte per row, the low five bits left to right.
fn glyph(c: char) -> [u8; 7] {
    match c {
        'A' => [0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'B' => [0x1E, 0x11, 0x11, 0x1E, 0x11, 0x11, 0x1E],
        'C' => [0x0E, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0E],
        'D' => [0x1E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1E],
        'E' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x1F],
        'F' => [0x1F, 0x10, 0x10, 0x1E, 0x10, 0x10, 0x10],
        'G' => [0x0E, 0x11, 0x10, 0x17, 0x11, 0x11, 0x0F],
        'H' => [0x11, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11],
        'I' => [0x0E, 0x04, 0x04, 0x04, 0x04, 0x04, 0x0E],
        'J' => [0x07, 0x02, 0x02, 0x02, 0x02, 0x12, 0x0C],
        'K' => [0x11, 0x12, 0x14, 0x18, 0x14, 0x12, 0x11],
        'L' => [0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1F],
        'M' => [0x11, 0x1B, 0x15, 0x15, 0x11, 0x11, 0x11],
        'N' => [0x11, 0x11, 0x19, 0x15, 0x13, 0x11, 0x11],
        'O' => [0x0E, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'P' => [0x1E, 0x11, 0x11, 0x1E, 0x10, 0x10, 0x10],
        'Q' => [0x0E, 0x11, 0x11, 0x11, 0x15, 0x12, 0x0D],
        'R' => [0x1E, 0x11, 0x11, 0x1E, 0x14, 0x12, 0x11],
        'S' => [0x0F, 0x10, 0x10, 0x0E, 0x01, 0x01, 0x1E],
        'T' => [0x1F, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04],
        'U' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0E],
        'V' => [0x11, 0x11, 0x11, 0x11, 0x11, 0x0A, 0x04],
        'W' => [0x11, 0x11, 0x11, 0x15, 0x15, 0x15, 0x0A],
        'X' => [0x11, 0x11, 0x0A, 0x04, 0x0A, 0x11, 0x11],
        'Y' => [0x11, 0x11, 0x0A, 0x04, 0x04, 0x04, 0x04],
        'Z' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x10, 0x1F],
        '0' => [0x0E, 0x11, 0x13, 0x15, 0x19, 0x11, 0x0E],
        '1' => [0x04, 0x0C, 0x04, 0x04, 0x04, 0x04, 0x0E],
        '2' => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x08, 0x1F],
        '3' => [0x1F, 0x02, 0x04, 0x02, 0x01, 0x11, 0x0E],
        '4' => [0x02, 0x06, 0x0A, 0x12, 0x1F, 0x02, 0x02],
        '5' => [0x1F, 0x10, 0x1E, 0x01, 0x01, 0x11, 0x0E],
        '6' => [0x06, 0x08, 0x10, 0x1E, 0x11, 0x11, 0x0E],
        '7' => [0x1F, 0x01, 0x02, 0x04, 0x08, 0x08, 0x08],
        '8' => [0x0E, 0x11, 0x11, 0x0E, 0x11, 0x11, 0x0E],
        '9' => [0x0E, 0x11, 0x11, 0x0F, 0x01, 0x02, 0x0C],
        _ => [0x0E, 0x11, 0x01, 0x02, 0x04, 0x00, 0x04],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("njit"), "N");
        assert_eq!(initials("jane.doe"), "JD");
        assert_eq!(initials(""), "?");
    }

    #[test]
    fn same_seed_same_pixels_other_seed_other_pixels() {
        for style in [Style::Identicon, Style::Initials] {
            let a = render(style, "user-1", "Ada Lovelace", 128);
            assert_eq!(a, render(style, "user-1", "Ada Lovelace", 128));
            assert_ne!(a, render(style, "user-2", "Ada Lovelace", 128));
        }
    }
}
