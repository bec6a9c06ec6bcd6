// SPDX-License-Identifier: MPL-2.0
//! Scaling an I420 picture (or a crop of it) into an I420 tile, plane by
//! plane, with the `pic-scale` crate's bilinear filter (SSE/AVX paths, and a
//! filter that widens with the downscale, so it does not alias). No
//! GStreamer here: planes are byte slices with strides, so the compositor,
//! the benchmark and the unit tests share it.
//!
//! `layoutcompositor` uses it where it wins over `GstVideoConverter`
//! (measured by `examples/bench_scaler.rs`, see [`worth_it`]): bilinear into
//! an I420 tile, from I420 whenever the picture's width changes (shrunk or
//! enlarged), but not an exact halving, where the converter has a 2×2 path;
//! from NV12 (hardware decoders, cameras) at every size, as the converter
//! has no fast NV12 → I420 path; cubic (Catmull–Rom) for every size change.
//!
//! Chroma is resampled as centre-sited (pic-scale knows no siting); most
//! encoders' I420 is left-sited (MPEG-2). The shift this leaves is
//! (S − 1)/4 input chroma columns for a downscale by S: a quarter of an
//! output pixel at 2×, a third at 3×; the benchmark prints its size against
//! a correctly sited reference.
//!
//! pic-scale is vendored (`vendor/pic-scale`) with its taps centred on each
//! output sample; 0.7.12 set them up to half a sample off at ratios that are
//! not whole numbers (the unit test
//! `every_output_sample_is_the_triangle_filter_centred_on_it` fails on it).

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

/// The filter, as layoutcompositor's `scaling-method` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    /// A triangle that widens with the downscale (what `GstVideoConverter`
    /// and swscale call bilinear).
    Bilinear,
    /// Catmull–Rom (B = 0, C = ½, Pillow's bicubic): sharper than
    /// `GstVideoConverter`'s default cubic (Mitchell–Netravali, B = C = ⅓),
    /// as sharp as swscale's bicubic (B = 0, C = 0.6); layoutcompositor sets
    /// the converter to the same B and C where the converter scales.
    Cubic,
}

impl Filter {
    fn function(self) -> ResamplingFunction {
        match self {
            Filter::Bilinear => ResamplingFunction::Bilinear,
            Filter::Cubic => ResamplingFunction::CatmullRom,
        }
    }
}

/// Whether scaling a `chroma` source of size `src` into `dst` (luma sizes)
/// with `filter` is worth doing here rather than in `GstVideoConverter`.
/// Measured (callgrind, instructions per 1280×720 frame into an I420 tile;
/// `examples/bench_scaler.rs --measure`; the I420 bilinear columns and the
/// NV12/cubic rows at 2× and below measured with four rows packed for the
/// across pass, the NV12/cubic rows above 2× before it, which only lowered
/// pic-scale's):
///
/// | tile | I420 bilinear: GstVideoConverter | pic-scale | NV12 bilinear: GstVideoConverter | pic-scale | I420 cubic: GstVideoConverter | pic-scale |
/// |---|---|---|---|---|---|---|
/// | 1920×1080 (upscale) | 39.5 M | 30.0 M | 65.2 M | 34.5 M | 70.6 M | 34.8 M |
/// | 1280×720 (copy) | – | – | 5.5 M | 1.7 M | 0.19 M | 0.42 M |
/// | 1280×600 (down only) | 4.75 M | 8.7 M | | | | |
/// | 1200×720 (across only) | 28.0 M | 13.2 M | | | | |
/// | 1240×698 (1.03×) | 33.6 M | 14.5 M | | | | |
/// | 1100×618 (1.16×) | 27.0 M | 12.0 M | 52.7 M | 24.5 M | 44.4 M | 31.3 M |
/// | 946×532 (1.35×) | 20.6 M | 11.4 M | 44.0 M | 22.7 M | 40.2 M | 23.5 M |
/// | 800×450 (1.6×) | 18.8 M | 8.5 M | 46.3 M | 16.5 M | 35.9 M | 20.0 M |
/// | 700×394 (1.83×) | 14.8 M | 7.0 M | 41.5 M | 9.0 M | | |
/// | 622×350 (2.06×) | 16.1 M | 5.8 M | 43.5 M | 5.8 M | 28.3 M | 7.1 M |
/// | 640×360 (exactly 2×) | 0.58 M (its 2×2 path) | 6.1 M | 38.1 M | 6.0 M | 26.2 M | 7.4 M |
/// | 412×232 (3.1×) | 11.3 M | 3.8 M | 38.6 M | 3.7 M | 20.8 M | 4.9 M |
/// | 320×180 (4×) | 7.5 M | 2.9 M | | | | |
///
/// I420 bilinear: every picture whose width changes, but exact halvings
/// (the converter's 2×2 path) — at 1.16× and 1.35× down and 1.5× up
/// pic-scale is also 0.8–5.9 dB PSNR above the converter's bilinear and
/// level with swscale's (bench_scaler's "1.16x", "1.35x" and "upscale 1.5x"
/// rows); with the width kept (made only shorter or taller) the converter
/// has a cheap vertical-only path. I420 cubic: every size change (the
/// converter's cubic has no short path; it keeps copies). NV12: the
/// converter has no fast path into I420 at all, so every size.
pub fn worth_it(
    chroma: SourceChroma,
    filter: Filter,
    src: (usize, usize),
    dst: (usize, usize),
) -> bool {
    let sized = dst.0 >= 2 && dst.1 >= 2;
    match (chroma, filter) {
        (SourceChroma::Planar, Filter::Bilinear) => {
            let halving = src.0 == 2 * dst.0 && src.1 == 2 * dst.1;
            sized && dst.0 != src.0 && !halving
        }
        (SourceChroma::Planar, Filter::Cubic) => sized && src != dst,
        (SourceChroma::Interleaved, _) => sized,
    }
}

/// How a source picture's chroma is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceChroma {
    /// I420: a U plane and a V plane.
    Planar,
    /// NV12: one plane of U,V pairs (what hardware decoders and many
    /// cameras give).
    Interleaved,
}

/// The chroma plan: per plane for I420, per pair for NV12.
enum ChromaPlan {
    Planar(RowsPlan),
    Interleaved(Arc<Resampling<u8, 2>>),
}

/// One 8-bit plane scaled in two passes: down the columns (pic-scale's
/// planar plan, AVX2), then across with four rows packed side by side as
/// the four channels of one row (its 4-channel plan, AVX2), unpacked into
/// the tile. The same filter weights as its one-plane plan, whose across
/// pass has only an SSE path on x86: a 622×350 luma tile from 720p takes
/// 3.8 M instructions instead of 5.4 M, the same bytes out.
struct RowsPlan {
    down: Arc<Resampling<u8, 1>>,
    across: Arc<Resampling<u8, 4>>,
    src: (usize, usize),
    dst: (usize, usize),
    /// The plane after the first pass (source width, tile height), the
    /// same packed four rows to a row, and the tile packed.
    mid: Vec<u8>,
    packed: Vec<u8>,
    packed_out: Vec<u8>,
}

impl RowsPlan {
    fn new(scaler: &Scaler, src: (usize, usize), dst: (usize, usize)) -> Result<RowsPlan, String> {
        let why = |e| format!("{src:?} -> {dst:?}: {e}");
        let down = scaler
            .plan_planar_resampling(ImageSize::new(src.0, src.1), ImageSize::new(src.0, dst.1))
            .map_err(why)?;
        let quads = dst.1.div_ceil(4);
        let across = scaler
            .plan_rgba_resampling(
                ImageSize::new(src.0, quads),
                ImageSize::new(dst.0, quads),
                false,
            )
            .map_err(why)?;
        Ok(RowsPlan {
            down,
            across,
            src,
            dst,
            mid: vec![0; src.0 * dst.1],
            packed: vec![0; 4 * src.0 * quads],
            packed_out: vec![0; 4 * dst.0 * quads],
        })
    }

    fn scratch_size(&self) -> usize {
        self.down.scratch_size().max(self.across.scratch_size())
    }

    fn run(&mut self, what: &str, s: Plane, d: PlaneMut, scratch: &mut [u8]) -> Result<(), String> {
        if (s.width, s.height) != self.src || (d.width, d.height) != self.dst {
            return Err(format!(
                "{what}: {}x{} -> {}x{}, planned for {:?} -> {:?}",
                s.width, s.height, d.width, d.height, self.src, self.dst
            ));
        }
        if d.stride < d.width || d.data.len() < d.stride * d.height.saturating_sub(1) + d.width {
            return Err(format!("{what}: a slice shorter than its rows"));
        }
        let ((sw, _), (dw, dh)) = (self.src, self.dst);
        let mid = PlaneMut {
            data: &mut self.mid,
            stride: sw,
            width: sw,
            height: dh,
        };
        resample(&*self.down, what, s, mid, scratch)?;
        // Rows 4q..4q+3 become the channels of packed row q (the last
        // quad repeats the last row where the tile's height is not a
        // multiple of 4; those samples are not unpacked).
        for (q, out) in self.packed.chunks_exact_mut(4 * sw).enumerate() {
            for c in 0..4 {
                let row = (4 * q + c).min(dh - 1);
                let line = &self.mid[row * sw..][..sw];
                for (o, &b) in out.chunks_exact_mut(4).zip(line) {
                    o[c] = b;
                }
            }
        }
        let quads = self.packed.len() / (4 * sw);
        let packed = Plane {
            data: &self.packed,
            stride: 4 * sw,
            width: sw,
            height: quads,
        };
        let packed_out = PlaneMut {
            data: &mut self.packed_out,
            stride: 4 * dw,
            width: dw,
            height: quads,
        };
        resample(&*self.across, what, packed, packed_out, scratch)?;
        for (q, quad) in self.packed_out.chunks_exact(4 * dw).enumerate() {
            for c in 0..4 {
                let row = 4 * q + c;
                if row >= dh {
                    break;
                }
                let out = &mut d.data[row * d.stride..][..dw];
                for (o, px) in out.iter_mut().zip(quad.chunks_exact(4)) {
                    *o = px[c];
                }
            }
        }
        Ok(())
    }
}

/// An I420 or NV12 → I420 scaler for one source size and one tile size;
/// the filter weights are computed once, and the scratch buffers are
/// reused.
pub struct I420Scaler {
    luma: RowsPlan,
    chroma: ChromaPlan,
    scratch: Vec<u8>,
    /// NV12: the tile's U,V pairs before they are split into U and V.
    pairs: Vec<u8>,
}

impl std::fmt::Debug for I420Scaler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("I420Scaler")
            .field("src", &self.luma.src)
            .field("dst", &self.luma.dst)
            .field("nv12", &matches!(self.chroma, ChromaPlan::Interleaved(_)))
            .finish()
    }
}

/// Resamples one plane of `N`-byte samples; `width`s count samples.
fn resample<const N: usize>(
    plan: &Resampling<u8, N>,
    what: &str,
    s: Plane,
    d: PlaneMut,
    scratch: &mut [u8],
) -> Result<(), String> {
    let (want_src, want_dst) = (plan.source_size(), plan.target_size());
    if (s.width, s.height) != (want_src.width, want_src.height)
        || (d.width, d.height) != (want_dst.width, want_dst.height)
    {
        return Err(format!(
            "{what}: {}x{} -> {}x{}, planned for {}x{} -> {}x{}",
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
    let len = |stride: usize, w: usize, h: usize| stride * (h - 1) + w * N;
    let (s_len, d_len) = (
        len(s.stride, s.width, s.height),
        len(d.stride, d.width, d.height),
    );
    if s.data.len() < s_len
        || d.data.len() < d_len
        || s.stride < s.width * N
        || d.stride < d.width * N
    {
        return Err(format!("{what}: a slice shorter than its rows"));
    }
    let from = ImageStore::<u8, N> {
        buffer: std::borrow::Cow::Borrowed(&s.data[..s_len]),
        channels: N,
        width: s.width,
        height: s.height,
        stride: s.stride,
        bit_depth: 8,
    };
    let mut into = ImageStoreMut::<u8, N> {
        buffer: pic_scale::BufferStore::Borrowed(&mut d.data[..d_len]),
        channels: N,
        width: d.width,
        height: d.height,
        stride: d.stride,
        bit_depth: 8,
    };
    plan.resample_with_scratch(&from, &mut into, scratch)
        .map_err(|e| format!("{what}: {e}"))
}

impl I420Scaler {
    /// A bilinear I420 → I420 scaler from `src` to `dst` (luma sizes).
    pub fn new(src: (usize, usize), dst: (usize, usize)) -> Result<I420Scaler, String> {
        I420Scaler::with_source(SourceChroma::Planar, Filter::Bilinear, src, dst)
    }

    /// A `filter` scaler from `src` to `dst` (luma sizes) for a source whose
    /// chroma is stored as `chroma` says; the tile is I420 either way.
    pub fn with_source(
        chroma: SourceChroma,
        filter: Filter,
        src: (usize, usize),
        dst: (usize, usize),
    ) -> Result<I420Scaler, String> {
        let mut scaler = Scaler::new(filter.function());
        // One thread: the compositor decides what runs in parallel.
        scaler.set_threading_policy(ThreadingPolicy::Single);
        let size = |(w, h): (usize, usize)| ImageSize::new(w, h);
        let luma = RowsPlan::new(&scaler, src, dst).map_err(|e| format!("luma {e}"))?;
        let (cs, cd) = (chroma_size(src.0, src.1), chroma_size(dst.0, dst.1));
        let why = |e| format!("chroma {cs:?} -> {cd:?}: {e}");
        let (chroma, chroma_scratch, pairs) = match chroma {
            SourceChroma::Planar => {
                let plan = RowsPlan::new(&scaler, cs, cd).map_err(|e| format!("chroma {e}"))?;
                let n = plan.scratch_size();
                (ChromaPlan::Planar(plan), n, Vec::new())
            }
            SourceChroma::Interleaved => {
                let plan = scaler
                    .plan_cbcr_resampling(size(cs), size(cd))
                    .map_err(why)?;
                let n = plan.scratch_size();
                (ChromaPlan::Interleaved(plan), n, vec![0; 2 * cd.0 * cd.1])
            }
        };
        let scratch = vec![0; luma.scratch_size().max(chroma_scratch)];
        Ok(I420Scaler {
            luma,
            chroma,
            scratch,
            pairs,
        })
    }

    /// Scales the three planes of an I420 `src` (Y, U, V: the crop, `src`
    /// luma size) into those of `dst` (the tile, `dst` luma size).
    pub fn scale(&mut self, src: [Plane; 3], dst: [PlaneMut; 3]) -> Result<(), String> {
        for (i, (s, d)) in src.into_iter().zip(dst).enumerate() {
            self.scale_plane(i, s, d)?;
        }
        Ok(())
    }

    /// Scales plane `i` (0: Y, 1 and 2: U and V) of an I420 crop into the
    /// tile's; for an NV12 source, plane 0 only.
    pub fn scale_plane(&mut self, i: usize, s: Plane, d: PlaneMut) -> Result<(), String> {
        let what = format!("plane {i}");
        match (i, &mut self.chroma) {
            (0, _) => self.luma.run(&what, s, d, &mut self.scratch),
            (_, ChromaPlan::Planar(plan)) => plan.run(&what, s, d, &mut self.scratch),
            (_, ChromaPlan::Interleaved(_)) => {
                Err(format!("{what}: the source's chroma is interleaved"))
            }
        }
    }

    /// Scales an NV12 source's U,V plane (`uv.width` counts pairs) into the
    /// tile's U and V planes.
    pub fn scale_pairs(&mut self, uv: Plane, u: PlaneMut, v: PlaneMut) -> Result<(), String> {
        let ChromaPlan::Interleaved(plan) = &self.chroma else {
            return Err("the source's chroma is planar".into());
        };
        let (w, h) = (u.width, u.height);
        let holds =
            |p: &PlaneMut| p.stride >= w && p.data.len() >= p.stride * h.saturating_sub(1) + w;
        if (v.width, v.height) != (w, h) || self.pairs.len() != 2 * w * h {
            return Err(format!(
                "U {w}x{h} and V {}x{} for {} pairs",
                v.width,
                v.height,
                self.pairs.len() / 2
            ));
        }
        if !holds(&u) || !holds(&v) {
            return Err("U or V: a slice shorter than its rows".into());
        }
        let pairs = PlaneMut {
            data: &mut self.pairs,
            stride: 2 * w,
            width: w,
            height: h,
        };
        resample(&**plan, "U,V pairs", uv, pairs, &mut self.scratch)?;
        // Split the pairs into the tile's two planes.
        for (row, pair_row) in self.pairs.chunks_exact(2 * w).enumerate() {
            let u_row = &mut u.data[row * u.stride..][..w];
            let v_row = &mut v.data[row * v.stride..][..w];
            for ((pair, cu), cv) in pair_row.chunks_exact(2).zip(u_row).zip(v_row) {
                *cu = pair[0];
                *cv = pair[1];
            }
        }
        Ok(())
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

    /// The bilinear (triangle) filter of a downscale by `scale`, evaluated
    /// in floating point at output sample `i` of a line `line`: the
    /// definition the scaler's fixed-point taps approximate.
    fn triangle(line: &[f64], scale: f64, i: usize) -> f64 {
        let centre = (i as f64 + 0.5) * scale - 0.5;
        let (mut sum, mut weights) = (0.0, 0.0);
        for (k, v) in line.iter().enumerate() {
            let w = (1.0 - (k as f64 - centre).abs() / scale).max(0.0);
            sum += w * v;
            weights += w;
        }
        sum / weights
    }

    #[test]
    fn every_output_sample_is_the_triangle_filter_centred_on_it() {
        // Sharp stripes 7 samples wide, across and then down, shrunk by
        // 2.07 (a 3x3 grid's tile at 1080p). An output sample whose taps sit
        // half a sample off (pic-scale 0.7.12 chose the first tap from the
        // kernel's edge coordinate, not its centre's, and cut a tap of up to
        // 27% of the weight on the far side) is tens of levels off at every
        // edge. Only taps of < 4% of the weight at the kernel's ends may be
        // left out: a few levels.
        let stripe = |t: usize| if (t / 7).is_multiple_of(2) { 16u8 } else { 235 };
        for across in [true, false] {
            let src = Picture::new(1280, 720, |p, x, y| match p {
                0 => stripe(if across { x } else { y }),
                _ => 128,
            });
            let mut dst = Picture::new(618, 348, |_, _, _| 0);
            I420Scaler::new((1280, 720), (618, 348))
                .unwrap()
                .scale(src.planes(), dst.planes_mut())
                .unwrap();
            let (n_in, n_out) = if across { (1280, 618) } else { (720, 348) };
            let line: Vec<f64> = (0..n_in).map(|t| stripe(t) as f64).collect();
            let worst = (0..n_out)
                .map(|i| {
                    let got = if across {
                        dst.at(0, i, 170)
                    } else {
                        dst.at(0, 300, i)
                    };
                    let want = triangle(&line, n_in as f64 / n_out as f64, i);
                    ((got as f64 - want).abs(), i)
                })
                .fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
            assert!(
                worst.0 <= 6.0,
                "{}: sample {} is {:.1} levels off the triangle filter",
                if across { "across" } else { "down" },
                worst.1,
                worst.0
            );
        }
    }

    #[test]
    fn packing_four_rows_gives_the_bytes_the_one_plane_plan_gives() {
        // Detail everywhere, sizes whose heights are not multiples of 4,
        // padded strides on both sides.
        let (sw, sh) = (1280, 720);
        let stride = sw + 24;
        let src: Vec<u8> = (0..stride * sh)
            .map(|i| ((i * 7 + i / stride * 13) % 251) as u8)
            .collect();
        for filter in [Filter::Bilinear, Filter::Cubic] {
            let mut scaler = Scaler::new(filter.function());
            scaler.set_threading_policy(ThreadingPolicy::Single);
            for dst in [(622, 350), (618, 347), (412, 233), (33, 19), (1280, 361)] {
                let plane = Plane {
                    data: &src,
                    stride,
                    width: sw,
                    height: sh,
                };
                let one = scaler
                    .plan_planar_resampling(ImageSize::new(sw, sh), ImageSize::new(dst.0, dst.1))
                    .unwrap();
                let ds = dst.0 + 10;
                let mut want = vec![7u8; ds * dst.1];
                let mut scratch = vec![0; one.scratch_size()];
                let tile = |data| PlaneMut {
                    data,
                    stride: ds,
                    width: dst.0,
                    height: dst.1,
                };
                resample(&*one, "one", plane, tile(&mut want), &mut scratch).unwrap();
                let mut rows = RowsPlan::new(&scaler, (sw, sh), dst).unwrap();
                let mut got = vec![7u8; ds * dst.1];
                let mut scratch = vec![0; rows.scratch_size()];
                rows.run("rows", plane, tile(&mut got), &mut scratch)
                    .unwrap();
                let worst = want.iter().zip(&got).map(|(a, b)| a.abs_diff(*b)).max();
                assert_eq!(worst, Some(0), "{filter:?} {dst:?}");
            }
        }
    }

    #[test]
    fn the_cubic_filter_keeps_flat_flat_and_halves_apart() {
        let src = Picture::new(1280, 720, |p, x, _| match (p, x < [640, 320, 320][p]) {
            (0, true) => 60,
            (0, false) => 200,
            (1, true) => 90,
            (1, false) => 200,
            (_, true) => 240,
            (_, false) => 110,
        });
        let mut dst = Picture::new(622, 350, |_, _, _| 0);
        I420Scaler::with_source(SourceChroma::Planar, Filter::Cubic, (1280, 720), (622, 350))
            .unwrap()
            .scale(src.planes(), dst.planes_mut())
            .unwrap();
        for (x, want) in [(20, [60, 90, 240]), (600, [200, 200, 110])] {
            for (p, &v) in want.iter().enumerate() {
                let (px, py) = if p == 0 { (x, 100) } else { (x / 2, 50) };
                assert_eq!(dst.at(p, px, py), v, "plane {p} at {px}");
            }
        }
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

    /// The picture's U and V interleaved into one NV12 plane of pairs
    /// (stride padded).
    fn nv12_pairs(src: &Picture) -> (Vec<u8>, usize) {
        let (cw, ch) = src.plane_size(1);
        let stride = 2 * cw + 12;
        let mut uv = vec![0; stride * ch];
        for y in 0..ch {
            for x in 0..cw {
                uv[y * stride + 2 * x] = src.at(1, x, y);
                uv[y * stride + 2 * x + 1] = src.at(2, x, y);
            }
        }
        (uv, stride)
    }

    #[test]
    fn an_nv12_source_gives_the_tile_its_i420_twin_gives() {
        // Chroma that varies both ways and differs between U and V, so a
        // swapped or shifted pair would show.
        let src = Picture::new(1280, 720, |p, x, y| match p {
            0 => ((x * 3 + y) % 251) as u8,
            1 => (16 + (x / 3) % 200) as u8,
            _ => (240 - (y / 2) % 200) as u8,
        });
        let (uv, stride) = nv12_pairs(&src);
        for size in [(622, 350), (412, 232), (33, 19)] {
            let mut want = Picture::new(size.0, size.1, |_, _, _| 0);
            I420Scaler::new((1280, 720), size)
                .unwrap()
                .scale(src.planes(), want.planes_mut())
                .unwrap();
            let mut got = Picture::new(size.0, size.1, |_, _, _| 7);
            got.data.fill(7);
            let mut s = I420Scaler::with_source(
                SourceChroma::Interleaved,
                Filter::Bilinear,
                (1280, 720),
                size,
            )
            .unwrap();
            let (cw, ch) = src.plane_size(1);
            let pairs = Plane {
                data: &uv,
                stride,
                width: cw,
                height: ch,
            };
            let [y, u, v] = got.planes_mut();
            s.scale_plane(0, src.planes()[0], y).unwrap();
            s.scale_pairs(pairs, u, v).unwrap();
            let [_, u, _] = want.planes_mut();
            assert!(s.scale_plane(1, pairs, u).is_err(), "NV12 has no plane 1");
            for p in 0..3 {
                let (w, h) = got.plane_size(p);
                for yy in 0..h {
                    for x in 0..w {
                        let (a, b) = (got.at(p, x, yy), want.at(p, x, yy));
                        assert!(
                            a.abs_diff(b) <= 1,
                            "{size:?} plane {p} at {x},{yy}: {a} vs {b}"
                        );
                    }
                    // The stride's padding (another tile's pixels) is left alone.
                    for x in w..got.strides[p] {
                        let i = got.offsets[p] + yy * got.strides[p] + x;
                        if i < got.data.len() && (p == 2 || i < got.offsets[p + 1]) {
                            assert_eq!(got.data[i], 7, "plane {p} padding at {x},{yy}");
                        }
                    }
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
        // Pairs into an I420 source's scaler, or into planes of another size.
        let (uv, stride) = nv12_pairs(&src);
        let pairs = |w, h| Plane {
            data: &uv,
            stride,
            width: w,
            height: h,
        };
        let [_, u, v] = dst.planes_mut();
        assert!(s.scale_pairs(pairs(320, 180), u, v).is_err());
        let mut s = I420Scaler::with_source(
            SourceChroma::Interleaved,
            Filter::Bilinear,
            (640, 360),
            (320, 180),
        )
        .unwrap();
        let mut small = Picture::new(300, 180, |_, _, _| 0);
        let [_, u, v] = small.planes_mut();
        assert!(s.scale_pairs(pairs(320, 180), u, v).is_err());
    }

    #[test]
    fn copies_halvings_and_kept_widths_are_left_to_the_converter() {
        let i420 = |s, d| worth_it(SourceChroma::Planar, Filter::Bilinear, s, d);
        assert!(!i420((1280, 720), (1280, 720)));
        assert!(!i420((1280, 720), (640, 360)));
        assert!(i420((1280, 720), (632, 352)));
        assert!(i420((1280, 720), (700, 394)));
        assert!(i420((1280, 720), (426, 240)));
        // Mild downscales too, and across only.
        assert!(i420((1280, 720), (946, 532)));
        assert!(i420((1280, 720), (1240, 698)));
        assert!(i420((1280, 720), (1200, 720)));
        // Upscales too (a small camera in a big tile), and mixed.
        assert!(i420((640, 360), (1280, 720)));
        assert!(i420((1280, 720), (1920, 1080)));
        assert!(i420((1280, 720), (1300, 600)));
        // Pictures whose width is kept: the converter's vertical path.
        assert!(!i420((1280, 720), (1280, 600)));
        assert!(!i420((1280, 720), (1280, 1000)));
        assert!(!i420((1280, 720), (1, 1)));
        // NV12: the converter has no fast path into I420 at any size.
        let nv12 = |s, d| worth_it(SourceChroma::Interleaved, Filter::Bilinear, s, d);
        assert!(nv12((1280, 720), (1280, 720)));
        assert!(nv12((1280, 720), (640, 360)));
        assert!(nv12((1280, 720), (946, 532)));
        assert!(nv12((1280, 720), (412, 232)));
        assert!(nv12((640, 360), (1280, 720)));
        assert!(nv12((1280, 720), (1300, 600)));
        assert!(!nv12((1280, 720), (1, 1)));
        // Cubic: the converter has no short path but for copies.
        let cubic = |s, d| worth_it(SourceChroma::Planar, Filter::Cubic, s, d);
        assert!(cubic((1280, 720), (1100, 618)));
        assert!(cubic((1280, 720), (640, 360)));
        assert!(cubic((1280, 720), (1280, 360)));
        assert!(cubic((1280, 720), (1920, 1080)));
        assert!(cubic((1280, 720), (1300, 600)));
        assert!(!cubic((1280, 720), (1280, 720)));
    }
}
