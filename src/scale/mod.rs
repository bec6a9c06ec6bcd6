// SPDX-License-Identifier: MPL-2.0
//! Scaling an I420 picture (or a crop of it) into an I420 tile, plane by
//! plane, with the `pic-scale` crate's bilinear filter (SSE/AVX paths, and a
//! filter that widens with the downscale, so it does not alias). No
//! GStreamer here: planes are byte slices with strides, so the compositor,
//! the benchmark and the unit tests share it.
//!
//! `layoutcompositor` uses it where it wins over `GstVideoConverter`
//! (measured by `examples/bench_scaler.rs`, see [`worth_it`]): I420 in and
//! out, bilinear, downscales by 1.75× or more — the tiles of grids of 4 and
//! more — but not exact halvings, where the converter has a 2×2 path.
//!
//! Chroma is resampled as centre-sited (pic-scale knows no siting); most
//! encoders' I420 is left-sited (MPEG-2). The shift this leaves is a quarter
//! of an output chroma sample at a 2× downscale; the benchmark prints its
//! size against a correctly sited reference.

use std::sync::Arc;

use pic_scale::{
    ImageSize, ImageStore, ImageStoreMut, Resampling, ResamplingFunction, Scaler, ThreadingPolicy,
};

/// A read-only plane: `height` rows of `width` bytes, `stride` apart.
#[derive(Debug, Clone, Copy)]
pub struct Plane<'a> {
    pub data: &'a [u8],
    pub stride: usize,
    pub width: usize,
    pub height: usize,
}

/// A plane to write.
#[derive(Debug)]
pub struct PlaneMut<'a> {
    pub data: &'a mut [u8],
    pub stride: usize,
    pub width: usize,
    pub height: usize,
}

/// Chroma size of an I420 picture of `w`×`h` luma samples.
pub fn chroma_size(w: usize, h: usize) -> (usize, usize) {
    (w.div_ceil(2), h.div_ceil(2))
}

/// Whether scaling `src` into `dst` (luma sizes) is worth doing here rather
/// than in `GstVideoConverter`: a downscale by 1.75 or more in both
/// directions that is not an exact halving. Measured (callgrind,
/// instructions per 1280×720 frame; `examples/bench_scaler.rs` --measure):
///
/// | tile | GstVideoConverter | pic-scale |
/// |---|---|---|
/// | 1920×1080 (upscale) | 39.7 M | 86.8 M |
/// | 1100×618 (1.16×) | 27.8 M | 29.3 M |
/// | 946×532 (1.35×) | 21.0 M | 26.5 M |
/// | 800×450 (1.6×) | 19.7 M | 19.3 M |
/// | 700×394 (1.83×) | 15.7 M | 10.0 M |
/// | 622×350 (2.06×) | 16.1 M | 8.1 M |
/// | 640×360 (exactly 2×) | 0.58 M (its 2×2 path) | 8.5 M |
/// | 412×232 (3.1×) | 11.3 M | 5.8 M |
/// | 320×180 (4×) | 8.8 M | 3.5 M |
///
/// (pic-scale's filter widens with the ratio, so it does not alias where
/// the converter's does; the converter's is cheaper while the ratio is
/// small.)
pub fn worth_it(src: (usize, usize), dst: (usize, usize)) -> bool {
    let halving = src.0 == 2 * dst.0 && src.1 == 2 * dst.1;
    let enough = |s: usize, d: usize| d >= 2 && 4 * s >= 7 * d;
    !halving && enough(src.0, dst.0) && enough(src.1, dst.1)
}

/// An I420 → I420 scaler for one source size and one tile size; the filter
/// weights are computed once, and one scratch buffer is reused.
pub struct I420Scaler {
    luma: Arc<Resampling<u8, 1>>,
    chroma: Arc<Resampling<u8, 1>>,
    scratch: Vec<u8>,
}

impl std::fmt::Debug for I420Scaler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I420Scaler")
            .field("src", &self.luma.source_size())
            .field("dst", &self.luma.target_size())
            .finish()
    }
}

impl I420Scaler {
    /// A scaler from `src` to `dst` (luma sizes).
    pub fn new(src: (usize, usize), dst: (usize, usize)) -> Result<I420Scaler, String> {
        let mut scaler = Scaler::new(ResamplingFunction::Bilinear);
        // One thread: the compositor decides what runs in parallel.
        scaler.set_threading_policy(ThreadingPolicy::Single);
        let size = |(w, h): (usize, usize)| ImageSize::new(w, h);
        let luma = scaler
            .plan_planar_resampling(size(src), size(dst))
            .map_err(|e| format!("luma {src:?} -> {dst:?}: {e}"))?;
        let (cs, cd) = (chroma_size(src.0, src.1), chroma_size(dst.0, dst.1));
        let chroma = scaler
            .plan_planar_resampling(size(cs), size(cd))
            .map_err(|e| format!("chroma {cs:?} -> {cd:?}: {e}"))?;
        let scratch = vec![0; luma.scratch_size().max(chroma.scratch_size())];
        Ok(I420Scaler {
            luma,
            chroma,
            scratch,
        })
    }

    /// Scales the three planes of `src` (Y, U, V: the crop, `src` luma
    /// size) into those of `dst` (the tile, `dst` luma size).
    pub fn scale(&mut self, src: [Plane; 3], dst: [PlaneMut; 3]) -> Result<(), String> {
        for (i, (s, d)) in src.into_iter().zip(dst).enumerate() {
            self.scale_plane(i, s, d)?;
        }
        Ok(())
    }

    /// Scales plane `i` (0: Y, 1 and 2: U and V) of the crop into the tile's.
    pub fn scale_plane(&mut self, i: usize, s: Plane, d: PlaneMut) -> Result<(), String> {
        let plan = if i == 0 { &self.luma } else { &self.chroma };
        let (want_src, want_dst) = (plan.source_size(), plan.target_size());
        if (s.width, s.height) != (want_src.width, want_src.height)
            || (d.width, d.height) != (want_dst.width, want_dst.height)
        {
            return Err(format!(
                "plane {i}: {}x{} -> {}x{}, planned for {}x{} -> {}x{}",
                s.width,
                s.height,
                d.width,
                d.height,
                want_src.width,
                want_src.height,
                want_dst.width,
                want_dst.height
            ));
        }
        // Exactly the plane's bytes: rows past the tile are another tile's
        // (or another plane's), so they are not even handed over.
        let len = |stride: usize, w: usize, h: usize| stride * (h - 1) + w;
        let (s_len, d_len) = (
            len(s.stride, s.width, s.height),
            len(d.stride, d.width, d.height),
        );
        if s.data.len() < s_len || d.data.len() < d_len || s.stride < s.width || d.stride < d.width
        {
            return Err(format!("plane {i}: a slice shorter than its rows"));
        }
        let from = ImageStore::<u8, 1> {
            buffer: std::borrow::Cow::Borrowed(&s.data[..s_len]),
            channels: 1,
            width: s.width,
            height: s.height,
            stride: s.stride,
            bit_depth: 8,
        };
        let mut into = ImageStoreMut::<u8, 1> {
            buffer: pic_scale::BufferStore::Borrowed(&mut d.data[..d_len]),
            channels: 1,
            width: d.width,
            height: d.height,
            stride: d.stride,
            bit_depth: 8,
        };
        plan.resample_with_scratch(&from, &mut into, &mut self.scratch)
            .map_err(|e| format!("plane {i}: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An I420 picture in one buffer: planes and strides (strides padded,
    /// as GStreamer's are).
    struct Picture {
        data: Vec<u8>,
        offsets: [usize; 3],
        strides: [usize; 3],
        w: usize,
        h: usize,
    }

    impl Picture {
        fn new(w: usize, h: usize, f: impl Fn(usize, usize, usize) -> u8) -> Picture {
            let (cw, ch) = chroma_size(w, h);
            let strides = [w + 16, cw + 8, cw + 8];
            let offsets = [0, strides[0] * h, strides[0] * h + strides[1] * ch];
            let mut data = vec![0; offsets[2] + strides[2] * ch];
            for (p, &(pw, ph)) in [(w, h), (cw, ch), (cw, ch)].iter().enumerate() {
                for y in 0..ph {
                    for x in 0..pw {
                        data[offsets[p] + y * strides[p] + x] = f(p, x, y);
                    }
                }
            }
            Picture {
                data,
                offsets,
                strides,
                w,
                h,
            }
        }

        fn plane_size(&self, p: usize) -> (usize, usize) {
            if p == 0 {
                (self.w, self.h)
            } else {
                chroma_size(self.w, self.h)
            }
        }

        fn planes(&self) -> [Plane<'_>; 3] {
            std::array::from_fn(|p| {
                let (width, height) = self.plane_size(p);
                Plane {
                    data: &self.data[self.offsets[p]..],
                    stride: self.strides[p],
                    width,
                    height,
                }
            })
        }

        fn planes_mut(&mut self) -> [PlaneMut<'_>; 3] {
            let sizes = [self.plane_size(0), self.plane_size(1), self.plane_size(2)];
            let (a, rest) = self.data.split_at_mut(self.offsets[1]);
            let (b, c) = rest.split_at_mut(self.offsets[2] - self.offsets[1]);
            let mut out = [a, b, c].into_iter().enumerate().map(|(p, data)| PlaneMut {
                data,
                stride: self.strides[p],
                width: sizes[p].0,
                height: sizes[p].1,
            });
            std::array::from_fn(|_| out.next().unwrap())
        }

        fn at(&self, p: usize, x: usize, y: usize) -> u8 {
            self.data[self.offsets[p] + y * self.strides[p] + x]
        }
    }

    #[test]
    fn a_flat_picture_stays_flat_and_the_padding_is_not_touched() {
        let src = Picture::new(1280, 720, |p, _, _| [81, 90, 240][p]);
        let mut dst = Picture::new(632, 352, |_, _, _| 7);
        // Strides' padding too: it stands for the neighbouring tiles.
        dst.data.fill(7);
        let mut s = I420Scaler::new((1280, 720), (632, 352)).unwrap();
        s.scale(src.planes(), dst.planes_mut()).unwrap();
        for p in 0..3 {
            let (w, h) = dst.plane_size(p);
            for y in 0..h {
                for x in 0..w {
                    assert_eq!(dst.at(p, x, y), [81, 90, 240][p], "plane {p} at {x},{y}");
                }
                // The stride's padding (another tile's pixels) is left alone.
                for x in w..dst.strides[p] {
                    let i = dst.offsets[p] + y * dst.strides[p] + x;
                    if i < dst.data.len() && (p == 2 || i < dst.offsets[p + 1]) {
                        assert_eq!(dst.data[i], 7, "plane {p} padding at {x},{y}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_ramp_stays_a_ramp_and_halves_of_two_colours_stay_apart() {
        // Horizontal luma ramp: the output is non-decreasing and spans it.
        let src = Picture::new(
            1280,
            720,
            |p, x, _| if p == 0 { (x / 5) as u8 } else { 128 },
        );
        let mut dst = Picture::new(426, 240, |_, _, _| 0);
        I420Scaler::new((1280, 720), (426, 240))
            .unwrap()
            .scale(src.planes(), dst.planes_mut())
            .unwrap();
        let row: Vec<u8> = (0..426).map(|x| dst.at(0, x, 120)).collect();
        assert!(row.windows(2).all(|w| w[0] <= w[1]), "{row:?}");
        assert!(row[0] <= 2 && row[425] >= 253, "{} .. {}", row[0], row[425]);
        // Left half red-ish chroma, right half blue-ish: each side keeps its own.
        let src = Picture::new(640, 360, |p, x, _| match (p, x < [320, 160, 160][p]) {
            (0, _) => 100,
            (1, true) => 90,
            (1, false) => 200,
            (_, true) => 240,
            (_, false) => 110,
        });
        let mut dst = Picture::new(300, 170, |_, _, _| 0);
        I420Scaler::new((640, 360), (300, 170))
            .unwrap()
            .scale(src.planes(), dst.planes_mut())
            .unwrap();
        assert_eq!((dst.at(1, 10, 40), dst.at(2, 10, 40)), (90, 240));
        assert_eq!((dst.at(1, 140, 40), dst.at(2, 140, 40)), (200, 110));
    }

    #[test]
    fn upscales_and_odd_sizes_work() {
        let src = Picture::new(320, 180, |p, x, y| ((x + y + p) % 256) as u8);
        for dst_size in [(641, 361), (333, 187), (33, 19)] {
            let mut dst = Picture::new(dst_size.0, dst_size.1, |_, _, _| 0);
            I420Scaler::new((320, 180), dst_size)
                .unwrap()
                .scale(src.planes(), dst.planes_mut())
                .unwrap();
        }
    }

    #[test]
    fn a_tile_inside_a_larger_canvas_touches_nothing_outside_it() {
        // A 1280x720 canvas of 9s; the tile at (16, 8), 600x352: the rows
        // below it and the columns beside it stay 9 (the slice handed over
        // runs to the end of the plane, as a tile's does).
        let src = Picture::new(1280, 720, |p, _, _| [50, 60, 70][p]);
        let mut canvas = Picture::new(1280, 720, |_, _, _| 9);
        canvas.data.fill(9);
        let (tx, ty, tw, th) = (16usize, 8usize, 600usize, 352usize);
        let mut s = I420Scaler::new((1280, 720), (tw, th)).unwrap();
        let planes = canvas.planes_mut();
        for (p, d) in planes.into_iter().enumerate() {
            let (x, y, w, h) = if p == 0 {
                (tx, ty, tw, th)
            } else {
                let (w, h) = chroma_size(tw, th);
                (tx / 2, ty / 2, w, h)
            };
            let stride = d.stride;
            let dst = PlaneMut {
                data: &mut d.data[y * stride + x..],
                stride,
                width: w,
                height: h,
            };
            s.scale_plane(p, src.planes()[p], dst).unwrap();
        }
        for p in 0..3 {
            let (x0, y0, w, h) = if p == 0 {
                (tx, ty, tw, th)
            } else {
                let (w, h) = chroma_size(tw, th);
                (tx / 2, ty / 2, w, h)
            };
            let (pw, ph) = canvas.plane_size(p);
            for y in 0..ph {
                for x in 0..pw {
                    let inside = (x0..x0 + w).contains(&x) && (y0..y0 + h).contains(&y);
                    let want = if inside { [50, 60, 70][p] } else { 9 };
                    assert_eq!(canvas.at(p, x, y), want, "plane {p} at {x},{y}");
                }
            }
        }
    }

    #[test]
    fn wrong_plane_sizes_are_refused() {
        let src = Picture::new(640, 360, |_, _, _| 0);
        let mut dst = Picture::new(320, 180, |_, _, _| 0);
        let mut s = I420Scaler::new((1280, 720), (320, 180)).unwrap();
        assert!(s.scale(src.planes(), dst.planes_mut()).is_err());
    }

    #[test]
    fn copies_upscales_mild_downscales_and_halvings_are_left_to_the_converter() {
        assert!(!worth_it((1280, 720), (1280, 720)));
        assert!(!worth_it((1280, 720), (640, 360)));
        assert!(worth_it((1280, 720), (632, 352)));
        assert!(worth_it((1280, 720), (700, 394)));
        assert!(worth_it((1280, 720), (426, 240)));
        // Upscales and mild downscales: the converter is cheaper.
        assert!(!worth_it((640, 360), (1280, 720)));
        assert!(!worth_it((1280, 720), (946, 532)));
        assert!(!worth_it((1280, 720), (800, 450)));
        assert!(!worth_it((1280, 720), (1, 1)));
    }
}
