// SPDX-License-Identifier: MPL-2.0
//! Themes (exact colours, which tests check), colour conversion and initials.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const fn from_u32(rgb: u32) -> Self {
        Rgb((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Theme {
    #[default]
    Default,
    Dark,
    Light,
}

/// The colours a theme paints with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Palette {
    /// Canvas background, visible in the gaps between tiles.
    pub background: Rgb,
    /// Empty tile, placeholder and letterbox colour.
    pub tile: Rgb,
    /// Name labels and placeholder initials.
    pub text: Rgb,
    /// The border around whoever is speaking.
    pub accent: Rgb,
}

impl Theme {
    pub const fn palette(self) -> Palette {
        match self {
            Theme::Default => Palette {
                background: Rgb::from_u32(0x000000),
                tile: Rgb::from_u32(0x202020),
                text: Rgb::from_u32(0xFFFFFF),
                accent: Rgb::from_u32(0x1A73E8),
            },
            Theme::Dark => Palette {
                background: Rgb::from_u32(0x1A1C22),
                tile: Rgb::from_u32(0x2C2F36),
                text: Rgb::from_u32(0xFFFFFF),
                accent: Rgb::from_u32(0x8AB4F8),
            },
            Theme::Light => Palette {
                background: Rgb::from_u32(0xF2F3F5),
                tile: Rgb::from_u32(0xDADCE0),
                text: Rgb::from_u32(0x1A1C22),
                accent: Rgb::from_u32(0x1A73E8),
            },
        }
    }
}

/// R'G'B' → Y'CbCr with the matrix coefficients `kr`, `kb` (BT.601: 0.299/0.114,
/// BT.709: 0.2126/0.0722), 8 bits, limited (16–235/240) or full range.
pub fn rgb_to_yuv(c: Rgb, kr: f64, kb: f64, full_range: bool) -> [u8; 3] {
    let (r, g, b) = (c.0 as f64 / 255.0, c.1 as f64 / 255.0, c.2 as f64 / 255.0);
    let kg = 1.0 - kr - kb;
    let y = kr * r + kg * g + kb * b;
    let pb = (b - y) / (2.0 * (1.0 - kb));
    let pr = (r - y) / (2.0 * (1.0 - kr));
    let (y, u, v) = if full_range {
        (255.0 * y, 128.0 + 255.0 * pb, 128.0 + 255.0 * pr)
    } else {
        (16.0 + 219.0 * y, 128.0 + 224.0 * pb, 128.0 + 224.0 * pr)
    };
    let q = |x: f64| x.round().clamp(0.0, 255.0) as u8;
    [q(y), q(u), q(v)]
}

/// Up to two initials of a display name (first letters of the first and last
/// words), upper-cased in any script; `?` for an empty name.
pub fn initials(name: &str) -> String {
    let mut words = name
        .split_whitespace()
        .filter_map(|w| w.chars().find(|c| c.is_alphanumeric()));
    let first = words.next();
    let last = words.next_back();
    let s: String = first
        .into_iter()
        .chain(last)
        .flat_map(char::to_uppercase)
        .collect();
    if s.is_empty() { "?".to_string() } else { s }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn palettes_match_the_design_table() {
        assert_eq!(Theme::Default.palette().background, Rgb(0, 0, 0));
        assert_eq!(Theme::Default.palette().tile, Rgb(0x20, 0x20, 0x20));
        assert_eq!(Theme::Dark.palette().background, Rgb(0x1A, 0x1C, 0x22));
        assert_eq!(Theme::Dark.palette().tile, Rgb(0x2C, 0x2F, 0x36));
        assert_eq!(Theme::Light.palette().background, Rgb(0xF2, 0xF3, 0xF5));
        assert_eq!(Theme::Light.palette().tile, Rgb(0xDA, 0xDC, 0xE0));
        assert_eq!(Theme::Light.palette().text, Rgb(0x1A, 0x1C, 0x22));
        assert_eq!(Theme::Default.palette().accent, Rgb(0x1A, 0x73, 0xE8));
        assert_eq!(Theme::Dark.palette().accent, Rgb(0x8A, 0xB4, 0xF8));
        assert_eq!(Theme::Light.palette().accent, Rgb(0x1A, 0x73, 0xE8));
        assert_eq!(Theme::Dark.palette().text, Rgb(0xFF, 0xFF, 0xFF));
    }

    #[test]
    fn yuv_reference_values() {
        // BT.709 limited: black, white, and the classic 75% bars' primaries at 100%.
        assert_eq!(
            rgb_to_yuv(Rgb(0, 0, 0), 0.2126, 0.0722, false),
            [16, 128, 128]
        );
        assert_eq!(
            rgb_to_yuv(Rgb(255, 255, 255), 0.2126, 0.0722, false),
            [235, 128, 128]
        );
        assert_eq!(
            rgb_to_yuv(Rgb(255, 0, 0), 0.2126, 0.0722, false),
            [63, 102, 240]
        );
        // BT.601 limited red.
        assert_eq!(
            rgb_to_yuv(Rgb(255, 0, 0), 0.299, 0.114, false),
            [81, 90, 240]
        );
        // Full range grey.
        assert_eq!(
            rgb_to_yuv(Rgb(128, 128, 128), 0.299, 0.114, true),
            [128, 128, 128]
        );
    }

    #[test]
    fn initials_any_script() {
        assert_eq!(initials("Ada Lovelace"), "AL");
        assert_eq!(initials("grace brewster murray hopper"), "GH");
        assert_eq!(initials("Zoë"), "Z");
        assert_eq!(initials("  "), "?");
        assert_eq!(initials("łukasz żak"), "ŁŻ");
        assert_eq!(initials("Дмитрий Шостакович"), "ДШ");
        assert_eq!(initials("山田 太郎"), "山太");
        assert_eq!(initials("(Bob) [guest]"), "BG");
    }
}
