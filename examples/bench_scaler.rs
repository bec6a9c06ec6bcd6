// SPDX-License-Identifier: MPL-2.0
//! Tile scaling, cost beside quality: one 1280×720 I420 picture scaled into
//! the tiles meetrec's layouts make, by
//! - `GstVideoConverter` bilinear (what layoutcompositor used for every
//!   tile, and still uses for copies, exact halvings and other formats),
//! - `gstmeetrec::scale` (pic-scale bilinear: what it uses now for I420),
//! - ffmpeg's swscale bilinear (`-vf scale=…:flags=bilinear`),
//!
//! then the same picture as NV12 (GstVideoConverter, pic-scale), and the
//! cubic tier (`scaling-method=cubic`: GstVideoConverter's cubic,
//! pic-scale's Catmull–Rom, swscale's bicubic),
//!
//! each against a Lanczos reference (`GstVideoConverter` lanczos), with PSNR
//! (Y, U, V) and SSIM (Y) from ffmpeg's own `psnr` and `ssim` filters.
//! Cost: wall ns per frame in this process (median of `--iterations`), and
//! under valgrind when it is installed, callgrind instructions per frame
//! (this program run again per scaler, the setup subtracted; ffmpeg the same
//! way with 0 and N frames).
//!
//! Chroma siting: `gstmeetrec::scale` (like swscale by default) resamples
//! chroma as if centre-sited; encoders' I420 is left-sited (MPEG-2: chroma
//! co-sited with even luma columns). The tile's luma column u comes from
//! input column (u + ½)·S − ½ (S the scale factor, edges aligned), so its
//! left-sited chroma sample j (at luma 2j) belongs at input chroma column
//! ((2j + ½)·S − ½) / 2 = j·S + (S − 1)/4, where a centre-sited scaler takes
//! (j + ½)·S − ½ = j·S + (S − 1)/2: (S − 1)/4 input chroma columns off (a
//! quarter of an output luma pixel at 2x, a third at 3x). The benchmark makes
//! the correctly sited tile by moving the input chroma right by that much
//! first (linear interpolation) and prints the PSNR between the two: the
//! size of the siting error.
//!
//! ```sh
//! cargo run --release --example bench_scaler -- [--iterations 200] [--no-callgrind]
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use gst::prelude::*;
use gst_video::prelude::*;
use gstmeetrec::scale::{Filter, I420Scaler, Plane, PlaneMut, SourceChroma, chroma_size, worth_it};

// Its tiles and instruction counts are used here.
#[allow(dead_code)]
#[path = "bench_common/mod.rs"]
mod bench_common;

/// One I420 picture in a tightly packed buffer (what ffmpeg's rawvideo
/// reads and writes).
#[derive(Clone)]
struct Yuv {
    w: usize,
    h: usize,
    data: Vec<u8>,
}

impl Yuv {
    fn new(w: usize, h: usize) -> Yuv {
        let (cw, ch) = chroma_size(w, h);
        Yuv {
            w,
            h,
            data: vec![0; w * h + 2 * cw * ch],
        }
    }
    fn plane_range(&self, p: usize) -> (std::ops::Range<usize>, usize, usize) {
        let (cw, ch) = chroma_size(self.w, self.h);
        let y = self.w * self.h;
        match p {
            0 => (0..y, self.w, self.h),
            1 => (y..y + cw * ch, cw, ch),
            _ => (y + cw * ch..y + 2 * cw * ch, cw, ch),
        }
    }
    fn planes(&self) -> [Plane<'_>; 3] {
        std::array::from_fn(|p| {
            let (r, w, h) = self.plane_range(p);
            Plane {
                data: &self.data[r],
                stride: w,
                width: w,
                height: h,
            }
        })
    }
}

fn info_of(
    format: gst_video::VideoFormat,
    w: usize,
    h: usize,
    site: gst_video::VideoChromaSite,
) -> gst_video::VideoInfo {
    gst_video::VideoInfo::builder(format, w as u32, h as u32)
        .chroma_site(site)
        .colorimetry(&"bt709".parse().unwrap())
        .build()
        .unwrap()
}

fn info(w: usize, h: usize, site: gst_video::VideoChromaSite) -> gst_video::VideoInfo {
    info_of(gst_video::VideoFormat::I420, w, h, site)
}

/// The picture as an NV12 buffer (U and V interleaved), with its info.
fn to_nv12_buffer(
    y: &Yuv,
    site: gst_video::VideoChromaSite,
) -> (gst::Buffer, gst_video::VideoInfo) {
    let info = info_of(gst_video::VideoFormat::Nv12, y.w, y.h, site);
    let mut buf = gst::Buffer::with_size(info.size()).unwrap();
    {
        let b = buf.get_mut().unwrap();
        let mut f = gst_video::VideoFrameRef::from_buffer_ref_writable(b, &info).unwrap();
        let strides = [f.plane_stride()[0] as usize, f.plane_stride()[1] as usize];
        let (r, w, h) = y.plane_range(0);
        let luma = f.plane_data_mut(0).unwrap();
        for row in 0..h {
            luma[row * strides[0]..row * strides[0] + w]
                .copy_from_slice(&y.data[r.start + row * w..r.start + (row + 1) * w]);
        }
        let ((u, cw, ch), (v, _, _)) = (y.plane_range(1), y.plane_range(2));
        let uv = f.plane_data_mut(1).unwrap();
        for row in 0..ch {
            for x in 0..cw {
                uv[row * strides[1] + 2 * x] = y.data[u.start + row * cw + x];
                uv[row * strides[1] + 2 * x + 1] = y.data[v.start + row * cw + x];
            }
        }
    }
    (buf, info)
}

fn to_buffer(y: &Yuv, site: gst_video::VideoChromaSite) -> (gst::Buffer, gst_video::VideoInfo) {
    let info = info(y.w, y.h, site);
    let mut buf = gst::Buffer::with_size(info.size()).unwrap();
    {
        let b = buf.get_mut().unwrap();
        let mut f = gst_video::VideoFrameRef::from_buffer_ref_writable(b, &info).unwrap();
        for p in 0..3 {
            let (r, w, h) = y.plane_range(p);
            let stride = f.plane_stride()[p] as usize;
            let dst = f.plane_data_mut(p as u32).unwrap();
            for row in 0..h {
                dst[row * stride..row * stride + w]
                    .copy_from_slice(&y.data[r.start + row * w..r.start + (row + 1) * w]);
            }
        }
    }
    (buf, info)
}

fn from_frame(f: &gst_video::VideoFrameRef<&gst::BufferRef>) -> Yuv {
    let mut y = Yuv::new(f.width() as usize, f.height() as usize);
    for p in 0..3 {
        let (r, w, h) = y.plane_range(p);
        let stride = f.plane_stride()[p] as usize;
        let src = f.plane_data(p as u32).unwrap();
        for row in 0..h {
            y.data[r.start + row * w..r.start + (row + 1) * w]
                .copy_from_slice(&src[row * stride..row * stride + w]);
        }
    }
    y
}

/// One frame of a videotestsrc pattern, 1280×720 I420.
fn source(pattern: &str) -> Yuv {
    let p = gst::parse::launch(&format!(
        "videotestsrc num-buffers=1 {pattern} ! video/x-raw,format=I420,width=1280,height=720 \
         ! appsink name=s sync=false"
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let sink = p
        .by_name("s")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap();
    p.set_state(gst::State::Playing).unwrap();
    let sample = sink.pull_sample().unwrap();
    let info = gst_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
    let frame = gst_video::VideoFrameRef::from_buffer_ref_readable(sample.buffer().unwrap(), &info)
        .unwrap();
    let y = from_frame(&frame);
    p.set_state(gst::State::Null).unwrap();
    y
}

/// A converter, the picture it converts (a buffer), and the input and
/// output infos.
type Conversion = (
    gst_video::VideoConverter,
    gst::Buffer,
    gst_video::VideoInfo,
    gst_video::VideoInfo,
);

/// A `GstVideoConverter` from `src` to `dst` size with `method`, the
/// chroma declared as `site` on both sides.
fn converter(
    src: &Yuv,
    dst: (usize, usize),
    method: gst_video::VideoResamplerMethod,
    site: gst_video::VideoChromaSite,
) -> Conversion {
    converter_from(to_buffer(src, site), dst, method, site)
}

/// A `GstVideoConverter` from the picture in `(buf, in_info)` (any format)
/// to an I420 `dst`.
fn converter_from(
    (buf, in_info): (gst::Buffer, gst_video::VideoInfo),
    dst: (usize, usize),
    method: gst_video::VideoResamplerMethod,
    site: gst_video::VideoChromaSite,
) -> Conversion {
    let out_info = info(dst.0, dst.1, site);
    let mut config = gst_video::VideoConverterConfig::new();
    config.set_resampler_method(method);
    config.set_chroma_resampler_method(method);
    // One thread, as the compositor's draw does.
    config.set_threads(1);
    let conv = gst_video::VideoConverter::new(&in_info, &out_info, Some(config)).unwrap();
    (conv, buf, in_info, out_info)
}

fn run_converter(
    conv: &gst_video::VideoConverter,
    buf: &gst::Buffer,
    in_info: &gst_video::VideoInfo,
    out_info: &gst_video::VideoInfo,
    out: &mut gst::Buffer,
) {
    let f = gst_video::VideoFrameRef::from_buffer_ref_readable(buf.as_ref(), in_info).unwrap();
    let mut o =
        gst_video::VideoFrameRef::from_buffer_ref_writable(out.get_mut().unwrap(), out_info)
            .unwrap();
    conv.frame_ref(&f, &mut o);
}

fn gst_scale(
    src: &Yuv,
    dst: (usize, usize),
    method: gst_video::VideoResamplerMethod,
    site: gst_video::VideoChromaSite,
) -> Yuv {
    let (conv, buf, in_info, out_info) = converter(src, dst, method, site);
    let mut out = gst::Buffer::with_size(out_info.size()).unwrap();
    run_converter(&conv, &buf, &in_info, &out_info, &mut out);
    let f = gst_video::VideoFrameRef::from_buffer_ref_readable(out.as_ref(), &out_info).unwrap();
    from_frame(&f)
}

fn pic_scale(scaler: &mut I420Scaler, src: &Yuv, out: &mut Yuv) {
    let planes = src.planes();
    for (p, plane) in planes.into_iter().enumerate() {
        let (r, w, h) = out.plane_range(p);
        scaler
            .scale_plane(
                p,
                plane,
                PlaneMut {
                    data: &mut out.data[r],
                    stride: w,
                    width: w,
                    height: h,
                },
            )
            .unwrap();
    }
}

/// An NV12 picture's planes for `gstmeetrec::scale`: Y, and the U,V pairs.
struct Nv12 {
    y: Vec<u8>,
    uv: Vec<u8>,
    w: usize,
    h: usize,
}

impl Nv12 {
    fn from(src: &Yuv) -> Nv12 {
        let (r, _, _) = src.plane_range(0);
        let ((u, cw, ch), (v, _, _)) = (src.plane_range(1), src.plane_range(2));
        let mut uv = vec![0; 2 * cw * ch];
        for i in 0..cw * ch {
            uv[2 * i] = src.data[u.start + i];
            uv[2 * i + 1] = src.data[v.start + i];
        }
        Nv12 {
            y: src.data[r].to_vec(),
            uv,
            w: src.w,
            h: src.h,
        }
    }
}

fn pic_scale_nv12(scaler: &mut I420Scaler, src: &Nv12, out: &mut Yuv) {
    let (cw, ch) = chroma_size(src.w, src.h);
    let (ry, w, h) = out.plane_range(0);
    let ((ru, ocw, och), (rv, _, _)) = (out.plane_range(1), out.plane_range(2));
    let (luma, chroma) = out.data.split_at_mut(ru.start);
    let (u, v) = chroma.split_at_mut(rv.start - ru.start);
    let plane = |data, stride, width, height| Plane {
        data,
        stride,
        width,
        height,
    };
    let tile = |data, w, h| PlaneMut {
        data,
        stride: w,
        width: w,
        height: h,
    };
    scaler
        .scale_plane(
            0,
            plane(&src.y, src.w, src.w, src.h),
            tile(&mut luma[ry], w, h),
        )
        .unwrap();
    scaler
        .scale_pairs(
            plane(&src.uv, 2 * cw, cw, ch),
            tile(u, ocw, och),
            tile(&mut v[..ocw * och], ocw, och),
        )
        .unwrap();
}

/// PSNR (dB) between `scale::I420Scaler`'s U and V planes and those of
/// the correctly left-sited tile (the input chroma moved right by
/// (S − 1)/4 columns before the same scaling): the siting error's size.
fn siting_error(src: &Yuv, dst: (usize, usize)) -> (f64, f64) {
    let (scw, _) = chroma_size(src.w, src.h);
    let (dcw, _) = chroma_size(dst.0, dst.1);
    // Sampling the moved chroma at (j + ½)·S − ½ reads the input at
    // j·S + (S − 1)/4, where the left-sited sample belongs.
    let shift = -0.25 * (scw as f64 / dcw as f64 - 1.0);
    let mut shifted = src.clone();
    for p in 1..3 {
        let (r, w, h) = src.plane_range(p);
        for y in 0..h {
            let row = &src.data[r.start + y * w..r.start + (y + 1) * w];
            for x in 0..w {
                let at = (x as f64 + shift).clamp(0.0, (w - 1) as f64);
                let (i, f) = (at.floor() as usize, at.fract());
                let next = row[(i + 1).min(w - 1)] as f64;
                shifted.data[r.start + y * w + x] =
                    (row[i] as f64 * (1.0 - f) + next * f).round() as u8;
            }
        }
    }
    let mut s = I420Scaler::new((src.w, src.h), dst).unwrap();
    let (mut a, mut b) = (Yuv::new(dst.0, dst.1), Yuv::new(dst.0, dst.1));
    pic_scale(&mut s, src, &mut a);
    pic_scale(&mut s, &shifted, &mut b);
    let psnr = |p: usize| {
        let (r, _, _) = a.plane_range(p);
        let mse = a.data[r.clone()]
            .iter()
            .zip(&b.data[r.clone()])
            .map(|(x, y)| (*x as f64 - *y as f64).powi(2))
            .sum::<f64>()
            / r.len() as f64;
        if mse == 0.0 {
            99.0
        } else {
            10.0 * (255.0f64.powi(2) / mse).log10()
        }
    };
    (psnr(1), psnr(2))
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("meetrec-bench-scaler-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn write(path: &Path, y: &Yuv) {
    std::fs::File::create(path)
        .unwrap()
        .write_all(&y.data)
        .unwrap();
}

fn ffmpeg_scale(src: &Path, dst: (usize, usize), flags: &str, out: &Path) -> Option<Yuv> {
    let ok = Command::new("ffmpeg")
        .args(["-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "yuv420p"])
        .args(["-s", "1280x720", "-i"])
        .arg(src)
        .args([
            "-vf",
            &format!("scale={}:{}:flags={flags}", dst.0, dst.1),
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
        ])
        .arg(out)
        .status()
        .ok()?
        .success();
    ok.then(|| Yuv {
        w: dst.0,
        h: dst.1,
        data: std::fs::read(out).unwrap(),
    })
}

/// (PSNR y, u, v, SSIM y) of `a` against `reference`, by ffmpeg's filters.
fn quality(a: &Yuv, reference: &Yuv) -> Option<(f64, f64, f64, f64)> {
    let (pa, pr) = (tmp("a.yuv"), tmp("ref.yuv"));
    write(&pa, a);
    write(&pr, reference);
    let size = format!("{}x{}", a.w, a.h);
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats"])
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", &size, "-i"])
        .arg(&pa)
        .args(["-f", "rawvideo", "-pix_fmt", "yuv420p", "-s", &size, "-i"])
        .arg(&pr)
        .args([
            "-lavfi",
            "[0:v]split[a][b];[1:v]split[c][d];[a][c]ssim;[b][d]psnr",
            "-f",
            "null",
            "-",
        ])
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stderr);
    let grab = |key: &str| -> Option<f64> {
        let line = text.lines().find(|l| {
            l.contains(if key.starts_with("SSIM") {
                "SSIM"
            } else {
                "PSNR"
            })
        })?;
        let at =
            line.find(key.trim_start_matches("SSIM "))? + key.trim_start_matches("SSIM ").len();
        let rest = &line[at..];
        let v: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == 'i' || *c == 'n' || *c == 'f')
            .collect();
        if v == "inf" {
            Some(99.0)
        } else {
            v.parse().ok()
        }
    };
    Some((grab("y:")?, grab("u:")?, grab("v:")?, grab("SSIM Y:")?))
}

fn median_ns(mut f: impl FnMut(), iterations: usize) -> f64 {
    let mut t: Vec<f64> = (0..iterations.max(1))
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_nanos() as f64
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[t.len() / 2]
}

/// Instructions per frame of this program's `--measure` mode for `which`.
fn self_instructions(which: &str, dst: (usize, usize), pattern: &str) -> Option<f64> {
    let me = std::env::current_exe().ok()?;
    let run = |n: usize| {
        let mut cmd = Command::new(&me);
        cmd.args(["--measure", which, &format!("{}x{}", dst.0, dst.1)])
            .args([n.to_string().as_str(), pattern]);
        bench_common::instructions(&cmd)
    };
    let (zero, ten) = (run(0)?, run(10)?);
    Some((ten.saturating_sub(zero)) as f64 / 10.0)
}

fn ffmpeg_instructions(src: &Path, dst: (usize, usize), flags: &str) -> Option<f64> {
    let run = |n: usize| {
        let mut cmd = Command::new("ffmpeg");
        cmd.args(["-v", "error", "-f", "rawvideo", "-pix_fmt", "yuv420p"])
            .args(["-s", "1280x720", "-stream_loop", "-1", "-i"])
            .arg(src)
            .args(["-frames:v", &n.to_string()])
            .args(["-vf", &format!("scale={}:{}:flags={flags}", dst.0, dst.1)])
            .args(["-f", "null", "-"]);
        bench_common::instructions(&cmd)
    };
    let (one, eleven) = (run(1)?, run(11)?);
    Some((eleven.saturating_sub(one)) as f64 / 10.0)
}

const PATTERNS: [(&str, &str); 3] = [
    ("smpte", "pattern=smpte"),
    ("pinwheel", "pattern=pinwheel"),
    ("zone-plate", "pattern=zone-plate kx2=20 ky2=20 kt=0"),
];

fn pattern_desc(name: &str) -> &'static str {
    PATTERNS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
        .unwrap_or("pattern=smpte")
}

/// `--measure gst|pic WxH N PATTERN`: N scalings, for callgrind.
fn measure(args: &[String]) {
    let (which, size, n, pattern) = (
        &args[0],
        &args[1],
        args[2].parse::<usize>().unwrap(),
        &args[3],
    );
    let (w, h) = size.split_once('x').unwrap();
    let dst = (w.parse().unwrap(), h.parse().unwrap());
    let src = source(pattern_desc(pattern));
    match which.as_str() {
        "gst" | "gst-nv12" | "gst-cubic" => {
            let site = gst_video::VideoChromaSite::MPEG2;
            let input = if which == "gst-nv12" {
                to_nv12_buffer(&src, site)
            } else {
                to_buffer(&src, site)
            };
            let method = if which == "gst-cubic" {
                gst_video::VideoResamplerMethod::Cubic
            } else {
                gst_video::VideoResamplerMethod::Linear
            };
            let (conv, buf, i, o) = converter_from(input, dst, method, site);
            let mut out = gst::Buffer::with_size(o.size()).unwrap();
            for _ in 0..n {
                run_converter(&conv, &buf, &i, &o, &mut out);
            }
        }
        "pic-nv12" => {
            let mut s = I420Scaler::with_source(
                SourceChroma::Interleaved,
                Filter::Bilinear,
                (1280, 720),
                dst,
            )
            .unwrap();
            let (nv12, mut out) = (Nv12::from(&src), Yuv::new(dst.0, dst.1));
            for _ in 0..n {
                pic_scale_nv12(&mut s, &nv12, &mut out);
            }
        }
        _ => {
            let filter = if which == "pic-cubic" {
                Filter::Cubic
            } else {
                Filter::Bilinear
            };
            let mut s =
                I420Scaler::with_source(SourceChroma::Planar, filter, (1280, 720), dst).unwrap();
            let mut out = Yuv::new(dst.0, dst.1);
            for _ in 0..n {
                pic_scale(&mut s, &src, &mut out);
            }
        }
    }
}

fn main() {
    gst::init().unwrap();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--measure") {
        measure(&args[1..]);
        return;
    }
    let mut iterations = 200;
    let mut use_callgrind = true;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--iterations" => iterations = it.next().and_then(|v| v.parse().ok()).unwrap_or(200),
            "--no-callgrind" => use_callgrind = false,
            _ => {
                eprintln!("usage: bench_scaler [--iterations N] [--no-callgrind]");
                std::process::exit(2);
            }
        }
    }
    let have = |bin: &str| Command::new(bin).arg("-version").output().is_ok();
    let use_callgrind = use_callgrind && Command::new("valgrind").arg("--version").output().is_ok();
    if !have("ffmpeg") {
        eprintln!("bench_scaler needs ffmpeg (its psnr/ssim filters measure quality)");
        std::process::exit(1);
    }
    // The pictures' tiles: 4 participants at 720p (a 2×2 grid), 9 at 1080p
    // and at 720p (3×3), and an exact halving (the converter's 2×2 path).
    let fit = |t: gstmeetrec::layout::Rect| {
        // 16:9 into the tile, even sizes.
        let (w, h) = (t.w as usize, t.h as usize);
        let (fw, fh) = if w * 9 > h * 16 {
            (h * 16 / 9, h)
        } else {
            (w, w * 9 / 16)
        };
        (fw & !1, fh & !1)
    };
    let cases = [
        ("4 at 720p", fit(bench_common::tiles(4, 4, 1280, 720)[0])),
        ("9 at 1080p", fit(bench_common::tiles(9, 9, 1920, 1080)[0])),
        ("9 at 720p", fit(bench_common::tiles(9, 9, 1280, 720)[0])),
        ("exact half", (640, 360)),
        // Milder downscales: a sidebar's or spotlight's main tile.
        ("1.35x", (946, 532)),
        ("1.16x", (1100, 618)),
        // A 720p camera in a 1080p spotlight.
        ("upscale 1.5x", (1920, 1080)),
    ];
    use gst_video::VideoChromaSite as Site;
    use gst_video::VideoResamplerMethod as M;
    println!(
        "1280x720 I420 into a tile; quality against GstVideoConverter lanczos; cost: median ns of {iterations} runs{}",
        if use_callgrind {
            ", callgrind instructions per frame"
        } else {
            ""
        }
    );
    for (pattern, desc) in PATTERNS {
        let src = source(desc);
        let src_path = tmp("src.yuv");
        write(&src_path, &src);
        for (case, dst) in cases {
            println!("\n{pattern}, {case}: 1280x720 -> {}x{}", dst.0, dst.1);
            let reference = gst_scale(&src, dst, M::Lanczos, Site::MPEG2);
            println!(
                "  {:<28} {:>10} {:>12}   PSNR Y / U / V (dB)     SSIM Y",
                "scaler", "ns/frame", "instr/frame"
            );
            // GstVideoConverter bilinear.
            let gst_out = gst_scale(&src, dst, M::Linear, Site::MPEG2);
            let (conv, buf, i, o) = converter(&src, dst, M::Linear, Site::MPEG2);
            let mut out = gst::Buffer::with_size(o.size()).unwrap();
            let gst_ns = median_ns(|| run_converter(&conv, &buf, &i, &o, &mut out), iterations);
            // pic-scale bilinear.
            let mut scaler = I420Scaler::new((1280, 720), dst).unwrap();
            let mut pic_out = Yuv::new(dst.0, dst.1);
            let pic_ns = median_ns(|| pic_scale(&mut scaler, &src, &mut pic_out), iterations);
            // ffmpeg bilinear.
            let ff_out = ffmpeg_scale(&src_path, dst, "bilinear", &tmp("ff.yuv"));
            let row = |name: &str, ns: Option<f64>, instr: Option<f64>, out: &Yuv| {
                let q = quality(out, &reference);
                let f =
                    |v: Option<f64>, d: usize| v.map_or("-".to_string(), |v| format!("{v:.d$}"));
                println!(
                    "  {name:<28} {:>10} {:>12}   {} / {} / {}      {}",
                    f(ns, 0),
                    instr.map_or("-".into(), |v| format!("{:.2} M", v / 1e6)),
                    f(q.map(|q| q.0), 2),
                    f(q.map(|q| q.1), 2),
                    f(q.map(|q| q.2), 2),
                    f(q.map(|q| q.3), 4),
                );
            };
            // pic-scale's row name, saying whether layoutcompositor uses it here.
            let pic_row = |name: &str, chroma, filter| {
                if worth_it(chroma, filter, (1280, 720), dst) {
                    format!("{name} (used)")
                } else {
                    name.to_string()
                }
            };
            let (gi, pi, fi) = if use_callgrind {
                (
                    self_instructions("gst", dst, pattern),
                    self_instructions("pic", dst, pattern),
                    ffmpeg_instructions(&src_path, dst, "bilinear"),
                )
            } else {
                (None, None, None)
            };
            row("GstVideoConverter bilinear", Some(gst_ns), gi, &gst_out);
            row(
                &pic_row("pic-scale bilinear", SourceChroma::Planar, Filter::Bilinear),
                Some(pic_ns),
                pi,
                &pic_out,
            );
            if let Some(ff) = &ff_out {
                row("ffmpeg swscale bilinear", None, fi, ff);
            }
            if worth_it(SourceChroma::Planar, Filter::Bilinear, (1280, 720), dst) {
                let (u, v) = siting_error(&src, dst);
                println!(
                    "  chroma siting: pic-scale's U / V against the correctly left-sited tile: {u:.2} / {v:.2} dB PSNR"
                );
            }
            // The same picture as NV12 (hardware decoders', cameras'), into
            // the same I420 tile.
            let (conv, buf, i, o) = converter_from(
                to_nv12_buffer(&src, Site::MPEG2),
                dst,
                M::Linear,
                Site::MPEG2,
            );
            let mut out = gst::Buffer::with_size(o.size()).unwrap();
            let gst_nv12_ns =
                median_ns(|| run_converter(&conv, &buf, &i, &o, &mut out), iterations);
            let gst_nv12_out = {
                let f =
                    gst_video::VideoFrameRef::from_buffer_ref_readable(out.as_ref(), &o).unwrap();
                from_frame(&f)
            };
            let mut scaler = I420Scaler::with_source(
                SourceChroma::Interleaved,
                Filter::Bilinear,
                (1280, 720),
                dst,
            )
            .unwrap();
            let (nv12, mut pic_nv12_out) = (Nv12::from(&src), Yuv::new(dst.0, dst.1));
            let pic_nv12_ns = median_ns(
                || pic_scale_nv12(&mut scaler, &nv12, &mut pic_nv12_out),
                iterations,
            );
            let (gni, pni) = if use_callgrind {
                (
                    self_instructions("gst-nv12", dst, pattern),
                    self_instructions("pic-nv12", dst, pattern),
                )
            } else {
                (None, None)
            };
            row(
                "NV12: GstVideoConverter",
                Some(gst_nv12_ns),
                gni,
                &gst_nv12_out,
            );
            row(
                &pic_row(
                    "NV12: pic-scale",
                    SourceChroma::Interleaved,
                    Filter::Bilinear,
                ),
                Some(pic_nv12_ns),
                pni,
                &pic_nv12_out,
            );
            // scaling-method=cubic: GstVideoConverter's default (Mitchell-
            // Netravali), pic-scale's Catmull-Rom, swscale's bicubic.
            let gst_cubic_out = gst_scale(&src, dst, M::Cubic, Site::MPEG2);
            let (conv, buf, i, o) = converter(&src, dst, M::Cubic, Site::MPEG2);
            let mut out = gst::Buffer::with_size(o.size()).unwrap();
            let gst_cubic_ns =
                median_ns(|| run_converter(&conv, &buf, &i, &o, &mut out), iterations);
            let mut scaler =
                I420Scaler::with_source(SourceChroma::Planar, Filter::Cubic, (1280, 720), dst)
                    .unwrap();
            let mut pic_cubic_out = Yuv::new(dst.0, dst.1);
            let pic_cubic_ns = median_ns(
                || pic_scale(&mut scaler, &src, &mut pic_cubic_out),
                iterations,
            );
            let ff_cubic_out = ffmpeg_scale(&src_path, dst, "bicubic", &tmp("ffc.yuv"));
            let (gci, pci, fci) = if use_callgrind {
                (
                    self_instructions("gst-cubic", dst, pattern),
                    self_instructions("pic-cubic", dst, pattern),
                    ffmpeg_instructions(&src_path, dst, "bicubic"),
                )
            } else {
                (None, None, None)
            };
            row(
                "cubic: GstVideoConverter",
                Some(gst_cubic_ns),
                gci,
                &gst_cubic_out,
            );
            row(
                &pic_row("cubic: pic-scale", SourceChroma::Planar, Filter::Cubic),
                Some(pic_cubic_ns),
                pci,
                &pic_cubic_out,
            );
            if let Some(ff) = &ff_cubic_out {
                row("cubic: ffmpeg swscale", None, fci, ff);
            }
            if let (Some(g), Some(p)) = (gi, pi) {
                println!(
                    "  pic-scale / GstVideoConverter: {:.2}x instructions{}",
                    p / g,
                    fi.map_or(String::new(), |f| format!(
                        "; pic-scale / ffmpeg: {:.2}x",
                        p / f
                    ))
                );
            }
            if let (Some(g), Some(p)) = (gni, pni) {
                println!(
                    "  NV12: pic-scale / GstVideoConverter: {:.2}x instructions",
                    p / g
                );
            }
            if let (Some(g), Some(p), Some(f), Some(b)) = (gci, pci, fci, fi) {
                println!(
                    "  cubic: pic-scale / GstVideoConverter: {:.2}x, / ffmpeg bicubic: {:.2}x, / ffmpeg bilinear: {:.2}x instructions",
                    p / g,
                    p / f,
                    p / b
                );
            }
        }
    }
    let _ = std::fs::remove_dir_all(tmp("x").parent().unwrap());
}
