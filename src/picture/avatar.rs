//! Generated default avatars, rendered by pfp itself (no network service): the same seed
//! always gives the same image, different seeds visibly different ones.
//!
//! - identicon: a 5x5 mirrored pattern in a colour, both taken from SHA-256 of the seed;
//! - initials: the first letters of the given and family names, white on a colour taken
//!   from the seed, drawn anti-aliased with an embedded subset of Noto Sans (Latin with
//!   its extensions, Greek, Cyrillic); a name in another script gets the identicon.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont};
use image::{Rgb, RgbImage};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

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

    /// The drawing's version, part of the ledger's `source` (`generated:initials:v2`): a
    /// user whose recorded avatar is of an older version gets the new drawing the next
    /// time pfp serves or makes it. Initials v1 were a 5x7 bitmap font with `?` for
    /// every non-ASCII letter.
    pub fn version(self) -> u32 {
        match self {
            Style::Identicon => 1,
            Style::Initials => 2,
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
        Style::Initials => match initials(label).filter(|text| covered(text)) {
            Some(text) => {
                // Three hash bytes, each kept mid-dark so white letters stay readable.
                let bg = Rgb([40 + hash[7] % 150, 40 + hash[8] % 150, 40 + hash[9] % 150]);
                draw_text(&text, bg, size)
            }
            // A name in a script the face does not cover (or no letter at all): the
            // user's identicon, never a placeholder glyph.
            None => render(Style::Identicon, seed, label, size),
        },
    }
}

/// The face initials are drawn with: Noto Sans Regular (SIL OFL 1.1, assets/fonts/OFL.txt),
/// subset by `scripts/subset-font` to the upper-case letters and digits of Latin (with its
/// extensions), Greek and Cyrillic: 67 KB in the binary.
const FONT: &[u8] = include_bytes!("../../assets/fonts/NotoSans-initials.ttf");

fn font() -> &'static FontRef<'static> {
    static FONT_REF: std::sync::OnceLock<FontRef<'static>> = std::sync::OnceLock::new();
    FONT_REF.get_or_init(|| FontRef::try_from_slice(FONT).expect("the embedded font parses"))
}

/// Whether the embedded face has a glyph for every character of `text`.
pub fn covered(text: &str) -> bool {
    let font = font();
    !text.is_empty() && text.chars().all(|c| font.glyph_id(c).0 != 0)
}

/// Noto Sans's capital height in ems (its OS/2 sCapHeight, 714 of 1000 units).
const CAP_HEIGHT: f32 = 0.714;

/// `text` in white on `bg`, anti-aliased, centred, its capitals' height 40% of the
/// picture and its width at most 70%.
fn draw_text(text: &str, bg: Rgb<u8>, size: u32) -> RgbImage {
    let font = font();
    let layout = |px: f32, dx: f32, dy: f32| -> Vec<ab_glyph::OutlinedGlyph> {
        let scaled = font.as_scaled(PxScale::from(px));
        let mut x = dx;
        let mut out = Vec::new();
        for c in text.chars() {
            let id = font.glyph_id(c);
            let glyph = id.with_scale_and_position(px, ab_glyph::point(x, dy));
            x += scaled.h_advance(id);
            out.extend(font.outline_glyph(glyph));
        }
        out
    };
    let ink = |glyphs: &[ab_glyph::OutlinedGlyph]| {
        glyphs
            .iter()
            .map(|g| g.px_bounds())
            .fold(None, |acc: Option<ab_glyph::Rect>, b| {
                Some(match acc {
                    None => b,
                    Some(a) => ab_glyph::Rect {
                        min: ab_glyph::point(a.min.x.min(b.min.x), a.min.y.min(b.min.y)),
                        max: ab_glyph::point(a.max.x.max(b.max.x), a.max.y.max(b.max.y)),
                    },
                })
            })
    };
    let side = size as f32;
    let mut px = side * 0.40 / CAP_HEIGHT;
    let Some(bounds) = ink(&layout(px, 0.0, 0.0)) else {
        return RgbImage::from_pixel(size, size, bg);
    };
    if bounds.width() > side * 0.70 {
        px *= side * 0.70 / bounds.width();
    }
    let bounds = ink(&layout(px, 0.0, 0.0)).unwrap_or(bounds);
    // Centred across on the ink; down, on the capital letters' height, so every name's
    // letters sit on the same baseline and an accent (É, Å) rises above them.
    let dx = (side - bounds.width()) / 2.0 - bounds.min.x;
    let dy = (side + px * CAP_HEIGHT) / 2.0;
    let mut coverage = vec![0f32; (size * size) as usize];
    for glyph in layout(px, dx, dy) {
        let b = glyph.px_bounds();
        glyph.draw(|x, y, c| {
            let (x, y) = (b.min.x as i64 + i64::from(x), b.min.y as i64 + i64::from(y));
            if (0..i64::from(size)).contains(&x) && (0..i64::from(size)).contains(&y) {
                let cell = &mut coverage[(y as u32 * size + x as u32) as usize];
                *cell = (*cell + c).min(1.0);
            }
        });
    }
    RgbImage::from_fn(size, size, |x, y| {
        let c = coverage[(y * size + x) as usize];
        let mix = |v: u8| (f32::from(v) * (1.0 - c) + 255.0 * c).round() as u8;
        Rgb([mix(bg[0]), mix(bg[1]), mix(bg[2])])
    })
}

/// The initials of a name: the first letter (grapheme, in NFC) of the given name and of
/// the family name (the first and the last word), upper-cased the Unicode way (a letter
/// whose upper case is several letters, such as ß, stays as it is). An email address
/// counts by its local part ("jane.doe@…" is JD). `None` when no word has a letter or
/// digit, or a first grapheme is more than one character even in NFC.
pub fn initials(label: &str) -> Option<String> {
    let label = label.split('@').next().unwrap_or_default();
    let words: Vec<&str> = label
        .split(|c: char| c.is_whitespace() || c == '.' || c == '_' || c == '-')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let picked: Vec<&str> = match words.as_slice() {
        [] => return None,
        [only] => vec![only],
        [first, .., last] => vec![first, last],
    };
    let mut out = String::new();
    for word in picked {
        let grapheme = word
            .graphemes(true)
            .find(|g| g.chars().next().is_some_and(char::is_alphanumeric))?;
        let mut nfc = grapheme.nfc();
        let (Some(letter), None) = (nfc.next(), nfc.next()) else {
            return None;
        };
        let mut upper = letter.to_uppercase();
        match (upper.next(), upper.next()) {
            (Some(u), None) => out.push(u),
            _ => out.push(letter),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_names() {
        let cases = [
            ("Ada Lovelace", Some("AL")),
            ("njit", Some("N")),
            ("jane.doe@example.com", Some("JD")),
            ("Jean Paul Sartre", Some("JS")),
            ("Zoë Ångström", Some("ZÅ")),
            ("Émile Zola", Some("ÉZ")),
            // The same name typed with a combining accent (NFD).
            ("E\u{301}mile Zola", Some("ÉZ")),
            ("Ольга Петрова", Some("ОП")),
            ("σοφία ελένη", Some("ΣΕ")),
            ("ßen", Some("ß")),
            ("王小明", Some("王")),
            ("", None),
            ("--- ...", None),
        ];
        for (name, want) in cases {
            assert_eq!(initials(name).as_deref(), want, "{name}");
        }
        assert!(covered("ZÅ") && covered("ÉZ") && covered("ОП") && covered("ΣΕ"));
        assert!(!covered("王") && !covered(""));
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
