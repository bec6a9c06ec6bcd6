// SPDX-License-Identifier: MPL-2.0
//! Name labels and placeholder initials: shaped with pango (any script),
//! rasterised by cairo into premultiplied ARGB buffers that become
//! `GstVideoOverlayRectangle`s. Rendered once per text/size/colour, cached.

use std::collections::HashMap;

use pango::prelude::*;

use crate::layout::{Rect, Rgb};

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A name on a translucent box, in a label band of this size.
    Label { max_w: u32, h: u32, box_rgb: Rgb },
    /// Initials, centred in a placeholder tile of this size.
    Initials { tile_w: u32, tile_h: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Key {
    pub kind: Kind,
    pub text: String,
    pub text_rgb: Rgb,
}

/// A rendered text image and where it sits relative to its anchor rectangle.
#[derive(Debug, Clone)]
pub(crate) struct Rendered {
    /// The image alone, placed at (0, 0): blended into a view of [`Rendered::place`]
    /// so the blend touches only these pixels (blending into the full frame
    /// unpacks and repacks whole frame lines for every row of the image).
    composition: gst_video::VideoOverlayComposition,
    #[cfg(test)]
    buffer: gst::Buffer,
    w: u32,
    h: u32,
    /// Offset inside the anchor (label band or tile).
    dx: u32,
    dy: u32,
}

impl Rendered {
    /// Where the image goes in the frame for an anchor (label band or tile).
    /// Even x, y, width and height.
    pub fn place(&self, anchor: Rect) -> Rect {
        Rect::new(anchor.x + self.dx, anchor.y + self.dy, self.w, self.h)
    }

    pub fn composition(&self) -> &gst_video::VideoOverlayComposition {
        &self.composition
    }
}

/// Renders text images on demand and keeps the ones still in use.
#[derive(Default)]
pub(crate) struct TextCache {
    entries: HashMap<Key, (Option<Rendered>, bool)>,
}

impl TextCache {
    /// Marks every entry unused; [`TextCache::sweep`] then drops those not asked for again.
    pub fn begin(&mut self) {
        for e in self.entries.values_mut() {
            e.1 = false;
        }
    }

    pub fn sweep(&mut self) {
        self.entries.retain(|_, e| e.1);
    }

    pub fn get(&mut self, key: Key) -> Option<Rendered> {
        if let Some(e) = self.entries.get_mut(&key) {
            e.1 = true;
            return e.0.clone();
        }
        // pango's font map is per thread and not Send: fetched per render (rare).
        let rendered = render(&pangocairo::FontMap::default(), &key);
        self.entries.insert(key, (rendered.clone(), true));
        rendered
    }

    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.entries.len()
    }
}

fn rgb_f(c: Rgb) -> (f64, f64, f64) {
    (c.0 as f64 / 255.0, c.1 as f64 / 255.0, c.2 as f64 / 255.0)
}

fn render(font_map: &pango::FontMap, key: &Key) -> Option<Rendered> {
    let ctx = font_map.create_context();
    let layout = pango::Layout::new(&ctx);
    let (font_px, max_text_w) = match key.kind {
        Kind::Label { max_w, h, .. } => (h as f64 * 0.55, max_w.saturating_sub(h)),
        Kind::Initials { tile_w, tile_h } => ((tile_h.min(tile_w) as f64 / 4.0).max(8.0), tile_w),
    };
    let mut font = pango::FontDescription::from_string("Sans Bold");
    font.set_absolute_size(font_px * pango::SCALE as f64);
    layout.set_font_description(Some(&font));
    layout.set_text(&key.text);
    layout.set_ellipsize(pango::EllipsizeMode::End);
    layout.set_width(max_text_w as i32 * pango::SCALE);
    let (_, logical) = layout.pixel_extents();
    if logical.width() <= 0 || logical.height() <= 0 {
        return None;
    }
    let (text_w, text_h) = (logical.width() as u32, logical.height() as u32);

    // Image size and the text's place in it; even sizes keep 4:2:0 blending exact.
    let (w, h, dx, dy, pad_x) = match key.kind {
        Kind::Label { h, .. } => {
            let pad_x = h / 3;
            ((text_w + 2 * pad_x + 1) & !1, h, 0, 0, pad_x)
        }
        Kind::Initials { tile_w, tile_h } => {
            let (w, h) = ((text_w + 1) & !1, (text_h + 1) & !1);
            (
                w,
                h,
                (tile_w.saturating_sub(w) / 2) & !1,
                (tile_h.saturating_sub(h) / 2) & !1,
                0,
            )
        }
    };
    if w == 0 || h == 0 {
        return None;
    }

    let mut surface =
        cairo::ImageSurface::create(cairo::Format::ARgb32, w as i32, h as i32).ok()?;
    {
        let cr = cairo::Context::new(&surface).ok()?;
        if let Kind::Label { box_rgb, .. } = key.kind {
            let (r, g, b) = rgb_f(box_rgb);
            cr.set_source_rgba(r, g, b, 0.7);
            let radius = h as f64 / 5.0;
            let (wf, hf) = (w as f64, h as f64);
            cr.new_sub_path();
            cr.arc(
                wf - radius,
                radius,
                radius,
                -std::f64::consts::FRAC_PI_2,
                0.0,
            );
            cr.arc(
                wf - radius,
                hf - radius,
                radius,
                0.0,
                std::f64::consts::FRAC_PI_2,
            );
            cr.arc(
                radius,
                hf - radius,
                radius,
                std::f64::consts::FRAC_PI_2,
                std::f64::consts::PI,
            );
            cr.arc(
                radius,
                radius,
                radius,
                std::f64::consts::PI,
                1.5 * std::f64::consts::PI,
            );
            cr.close_path();
            cr.fill().ok()?;
        }
        let (r, g, b) = rgb_f(key.text_rgb);
        cr.set_source_rgb(r, g, b);
        let ty = (h as i32 - text_h as i32) / 2 - logical.y();
        cr.move_to(pad_x as f64 - logical.x() as f64, ty as f64);
        pangocairo::functions::update_layout(&cr, &layout);
        pangocairo::functions::show_layout(&cr, &layout);
    }
    surface.flush();
    let stride = surface.stride();
    let data = surface.data().ok()?.to_vec();

    let mut buffer = gst::Buffer::from_mut_slice(data);
    {
        let buffer = buffer.get_mut()?;
        // cairo's ARGB32 is native-endian 32-bit ARGB.
        let format = if cfg!(target_endian = "little") {
            gst_video::VideoFormat::Bgra
        } else {
            gst_video::VideoFormat::Argb
        };
        gst_video::VideoMeta::add_full(
            buffer,
            gst_video::VideoFrameFlags::empty(),
            format,
            w,
            h,
            &[0],
            &[stride],
        )
        .ok()?;
    }
    let rect = gst_video::VideoOverlayRectangle::new_raw(
        &buffer,
        0,
        0,
        w,
        h,
        gst_video::VideoOverlayFormatFlags::PREMULTIPLIED_ALPHA,
    );
    let composition = gst_video::VideoOverlayComposition::new([&rect]).ok()?;
    Some(Rendered {
        composition,
        #[cfg(test)]
        buffer,
        w,
        h,
        dx,
        dy,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(text: &str, max_w: u32) -> Key {
        Key {
            kind: Kind::Label {
                max_w,
                h: 40,
                box_rgb: Rgb(0, 0, 0),
            },
            text: text.into(),
            text_rgb: Rgb(255, 255, 255),
        }
    }

    #[test]
    fn renders_any_script_and_fits() {
        gst::init().unwrap();
        let mut cache = TextCache::default();
        for name in ["Ada Lovelace", "Дмитрий", "山田 太郎", "محمد", "a"] {
            let r = cache.get(label(name, 600)).expect(name);
            assert!(
                r.w > 0 && r.w <= 600 && r.h == 40,
                "{name}: {}x{}",
                r.w,
                r.h
            );
        }
        // Long names are ellipsised to the band.
        let r = cache
            .get(label(
                &"Wolfeschlegelsteinhausenbergerdorff ".repeat(5),
                300,
            ))
            .unwrap();
        assert!(r.w <= 300, "{}", r.w);
        // Some pixels are opaque text/box, the box is translucent.
        let map = r.buffer.map_readable().unwrap();
        assert!(map.chunks(4).any(|p| p[3] == 255));
        assert!(map.chunks(4).any(|p| p[3] > 0 && p[3] < 255));
        // Cached: same key, no new entry; sweep drops unused ones.
        let n = cache.len();
        cache.begin();
        cache.get(label("Ada Lovelace", 600));
        assert_eq!(cache.len(), n);
        cache.sweep();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn initials_are_centred() {
        gst::init().unwrap();
        let mut cache = TextCache::default();
        let key = Key {
            kind: Kind::Initials {
                tile_w: 640,
                tile_h: 360,
            },
            text: "AL".into(),
            text_rgb: Rgb(255, 255, 255),
        };
        let r = cache.get(key).unwrap();
        let p = r.place(Rect::new(100, 50, 640, 360));
        assert!(p.centre().0.abs_diff(420) <= 2, "centre x {p:?}");
        assert!(p.centre().1.abs_diff(230) <= 2, "centre y {p:?}");
        assert!(p.x % 2 == 0 && p.y % 2 == 0 && p.w % 2 == 0 && p.h % 2 == 0);
    }
}
