// SPDX-License-Identifier: MPL-2.0
//! A participant's last scaled tile, kept while their picture repeats.
//!
//! The aggregator shows a participant's newest frame until the next one
//! comes: a 15 fps camera or a 5 fps screen share in a 30 fps recording
//! repeats the same buffer for several output frames. Once a pad has
//! repeated one, its scaled tile is kept, and a repeat is a copy of the
//! tile (~0.3 MB for a 622×350 tile) instead of a scaling (8 M
//! instructions and more). The kept buffer is a reference to the very
//! buffer that was scaled, so a new frame can never look like the old one
//! (no pointer is reused while it is held); it is let go as soon as the
//! pad shows another buffer, or is not drawn.

use crate::layout::Rect;

use super::canvas::Canvas;

#[derive(Default)]
pub(crate) struct TileCache {
    /// The buffer last scaled (held), and whether one ever repeated.
    source: Option<gst::Buffer>,
    repeats: bool,
    /// The tile's Y, U, V, rows packed, when kept.
    planes: Option<[Vec<u8>; 3]>,
    size: (u32, u32),
}

impl TileCache {
    /// Pastes the kept tile into `dest` when `buffer` is the one it was
    /// scaled from (and the tile has the same size); false otherwise.
    pub(crate) fn paste(
        &mut self,
        buffer: &gst::BufferRef,
        canvas: &mut Canvas,
        dest: Rect,
    ) -> Result<bool, String> {
        let same = self
            .source
            .as_ref()
            .is_some_and(|b| b.as_ptr() == buffer.as_ptr());
        if !same {
            // A repeat seen without a kept tile turns keeping on.
            return Ok(false);
        }
        self.repeats = true;
        let Some(planes) = &self.planes else {
            return Ok(false);
        };
        if self.size != (dest.w, dest.h) {
            return Ok(false);
        }
        for (kept, tile) in planes.iter().zip(canvas.planes(dest)?) {
            for (row, line) in kept.chunks_exact(tile.width).enumerate() {
                tile.data[row * tile.stride..][..tile.width].copy_from_slice(line);
            }
        }
        Ok(true)
    }

    /// After `buffer` was scaled into `dest`: holds it, and keeps the tile
    /// once this pad has repeated a picture.
    pub(crate) fn scaled(
        &mut self,
        buffer: gst::Buffer,
        canvas: &mut Canvas,
        dest: Rect,
    ) -> Result<(), String> {
        self.source = Some(buffer);
        if !self.repeats {
            self.planes = None;
            return Ok(());
        }
        let mut planes = self
            .planes
            .take()
            .unwrap_or_else(|| [Vec::new(), Vec::new(), Vec::new()]);
        for (kept, tile) in planes.iter_mut().zip(canvas.planes(dest)?) {
            kept.clear();
            kept.reserve(tile.width * tile.height);
            for row in 0..tile.height {
                kept.extend_from_slice(&tile.data[row * tile.stride..][..tile.width]);
            }
        }
        self.planes = Some(planes);
        self.size = (dest.w, dest.h);
        Ok(())
    }

    /// Lets the held buffer and the tile go (the pad is not drawn).
    pub(crate) fn clear(&mut self) {
        self.source = None;
        self.planes = None;
    }
}
