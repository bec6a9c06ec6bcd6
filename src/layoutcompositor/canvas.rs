// SPDX-License-Identifier: MPL-2.0
//! The I420 output frame's planes as byte slices, cut into bands of whole
//! rows that threads can own (see `layout::bands`), and views of a tile in
//! a band for `GstVideoConverter` to write into.

use gst_video::prelude::*;

use crate::layout::Rect;
use crate::scale::{PlaneMut, chroma_size};

/// Rows `top..top + rows` of an I420 frame (`top` even).
pub(crate) struct Canvas<'a> {
    planes: [&'a mut [u8]; 3],
    strides: [usize; 3],
    top: u32,
    rows: u32,
    width: u32,
    /// The frame's own description (format, strides), for views.
    raw: RawFrame,
}

/// A copy of the mapped output frame's C description.
struct RawFrame(gst_video::ffi::GstVideoFrame);

// SAFETY: the pointers in it (the mapped buffer's planes, the buffer) stay
// valid while the canvas borrows the frame; a canvas only writes through
// them inside its own rows (`view`), which no other canvas holds.
unsafe impl Send for RawFrame {}

impl<'a> Canvas<'a> {
    /// All of `frame` (I420).
    pub(crate) fn of(frame: &'a mut gst_video::VideoFrameRef<&mut gst::BufferRef>) -> Canvas<'a> {
        assert_eq!(frame.format(), gst_video::VideoFormat::I420);
        let strides = std::array::from_fn(|p| frame.plane_stride()[p] as usize);
        let (width, rows) = (frame.width(), frame.height());
        // SAFETY: a plain copy of the mapped frame's description; the frame
        // stays mapped and mutably borrowed for 'a.
        let raw = RawFrame(unsafe { *frame.as_mut_ptr() });
        let [y, u, v, _] = frame.planes_data_mut();
        Canvas {
            planes: [y, u, v],
            strides,
            top: 0,
            rows,
            width,
            raw,
        }
    }

    /// Rows `top..top + rows` of the frame.
    pub(crate) fn rows(&self) -> std::ops::Range<u32> {
        self.top..self.top + self.rows
    }

    /// This canvas's rows above frame row `y` and those from it on (`y`
    /// even, inside).
    pub(crate) fn split(self, y: u32) -> (Canvas<'a>, Canvas<'a>) {
        assert!(y.is_multiple_of(2) && y > self.top && y < self.top + self.rows);
        let luma = (y - self.top) as usize;
        let Canvas {
            planes: [py, pu, pv],
            strides,
            top,
            rows,
            width,
            raw,
        } = self;
        let cut = |plane: &'a mut [u8], p: usize| {
            let at = if p == 0 { luma } else { luma / 2 } * strides[p];
            plane.split_at_mut(at.min(plane.len()))
        };
        let ((y0, y1), (u0, u1), (v0, v1)) = (cut(py, 0), cut(pu, 1), cut(pv, 2));
        let upper = Canvas {
            planes: [y0, u0, v0],
            strides,
            top,
            rows: y - top,
            width,
            raw: RawFrame(raw.0),
        };
        let lower = Canvas {
            planes: [y1, u1, v1],
            strides,
            top: y,
            rows: rows - (y - top),
            width,
            raw,
        };
        (upper, lower)
    }

    /// Where rectangle `r` (frame coordinates, even origin) starts in each
    /// plane of this canvas, and its size there.
    fn spans(&self, r: Rect) -> Result<[(usize, usize, usize); 3], String> {
        if !r.x.is_multiple_of(2) || !r.y.is_multiple_of(2) || r.right() > self.width {
            return Err(format!(
                "{r:?} is not a tile of a {}-wide frame",
                self.width
            ));
        }
        if r.y < self.top || r.bottom() > self.top + self.rows {
            return Err(format!("{r:?} is outside rows {:?}", self.rows()));
        }
        let (cw, ch) = chroma_size(r.w as usize, r.h as usize);
        let (x, y) = (r.x as usize, (r.y - self.top) as usize);
        Ok([
            (y * self.strides[0] + x, r.w as usize, r.h as usize),
            ((y / 2) * self.strides[1] + x / 2, cw, ch),
            ((y / 2) * self.strides[2] + x / 2, cw, ch),
        ])
    }

    /// Rectangle `r`'s three planes, to write with `crate::scale`.
    pub(crate) fn planes(&mut self, r: Rect) -> Result<[PlaneMut<'_>; 3], String> {
        let spans = self.spans(r)?;
        let strides = self.strides;
        let mut out = self.planes.iter_mut().zip(spans).enumerate().map(
            |(p, (data, (at, width, height)))| {
                Ok::<_, String>(PlaneMut {
                    data: data.get_mut(at..).ok_or("tile outside the picture")?,
                    stride: strides[p],
                    width,
                    height,
                })
            },
        );
        Ok([
            out.next().expect("3 planes")?,
            out.next().expect("3 planes")?,
            out.next().expect("3 planes")?,
        ])
    }

    /// Rectangle `r` as a frame of its own, for `GstVideoConverter`: plane
    /// pointers at the rectangle's origin, the full frame's strides.
    ///
    /// `GstVideoConverter` writes whole output lines on its generic paths
    /// (even with `fill-border=false`), so converting with a destination
    /// rectangle into the full frame would overwrite the neighbouring
    /// tiles; converting into this view writes exactly the tile.
    pub(crate) fn view(
        &mut self,
        r: Rect,
    ) -> Result<gst_video::VideoFrameRef<&mut gst::BufferRef>, String> {
        let spans = self.spans(r)?;
        for (p, &(at, width, height)) in spans.iter().enumerate() {
            let need = at + self.strides[p] * height.saturating_sub(1) + width;
            if self.planes[p].len() < need {
                return Err(format!("{r:?}: plane {p} is shorter than the tile"));
            }
        }
        // SAFETY: the description is the mapped output frame's, resized to
        // the rectangle; each plane pointer is derived from this canvas's
        // own slice (checked above to hold the rectangle's rows), so the
        // converter writes only rows this canvas owns, while the view
        // borrows it mutably. The view does not unmap on drop.
        unsafe {
            let mut raw = self.raw.0;
            raw.info.width = r.w as i32;
            raw.info.height = r.h as i32;
            for (p, &(at, _, _)) in spans.iter().enumerate() {
                raw.data[p] = self.planes[p].as_mut_ptr().add(at).cast();
            }
            Ok(gst_video::VideoFrameRef::from_glib_borrow_mut(&mut raw))
        }
    }
}
