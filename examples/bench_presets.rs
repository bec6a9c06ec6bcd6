// SPDX-License-Identifier: MPL-2.0
//! The live encoder presets measured: CPU per second of video against
//! quality (SSIM against the uncompressed picture), for VP8 (`cpu-used`,
//! realtime deadline) and x264 (`speed-preset`), on a meeting-like
//! composite: three cameras that move little and a slide that changes every
//! few seconds, 1280×720 at 30 fps, composed by `layoutcompositor`, at the
//! `med` preset's 3000 kbps, one encoder thread (as meetingrecorder runs them
//! live).
//!
//! ```sh
//! cargo run --release --example bench_presets -- [--seconds 10] [--content meeting|density]
//! ```
//!
//! `--content density` measures on what `bench_density` records instead: four
//! test patterns scrolling at 4 px per frame (ball, smpte, circular,
//! pinwheel), composed the same way.
//!
//! Each encode is a child `gst-launch-1.0` reading the raw composite from a
//! file (made once); its CPU (user+sys) comes from wait4(2), minus a run that
//! only reads the file. SSIM (and PSNR) are ffmpeg's `ssim`/`psnr` filters on
//! the decoded file against the raw one; ffmpeg must be installed (Debian's
//! `ffmpeg`).

use std::path::{Path, PathBuf};
use std::process::Command;

use gst::prelude::*;

const W: u32 = 1280;
const H: u32 = 720;
const FPS: u32 = 30;
const KBPS: u32 = 3000;

/// CPU seconds (user+sys) a command took, via wait4.
fn cpu_of(cmd: &mut Command) -> f64 {
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: zeroed rusage is a valid out-parameter; wait4 fills it for our child.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut ru) };
    assert_eq!(r, pid, "wait4");
    assert!(
        libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "{cmd:?} failed"
    );
    std::mem::forget(child);
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// The meeting-like composite, raw I420, made once.
/// bench_density's participants: a pattern scrolling 4 px per frame each.
const DENSITY: [&str; 4] = ["ball", "smpte", "circular", "pinwheel"];

/// The raw composite at `path` (made once): the meeting-like one, or with
/// `density` bench_density's participants.
fn make_source(path: &Path, seconds: u32, density: bool) {
    let frames = seconds * FPS;
    if std::fs::metadata(path).is_ok_and(|m| m.len() == (frames * W * H * 3 / 2) as u64) {
        return;
    }
    gst::init().unwrap();
    gstmeetrec::plugin_register_static().unwrap();
    // (bench_density's frames are I420; the meeting's sources negotiate.)
    let format = if density { "format=I420," } else { "" };
    let input = |i: usize, src: &str| {
        format!(
            " {src} num-buffers={frames} ! \
             video/x-raw,{format}width=1280,height=720,framerate={FPS}/1 ! c.sink_{i}"
        )
    };
    let inputs: String = if density {
        DENSITY
            .iter()
            .enumerate()
            .map(|(i, p)| input(i, &format!("videotestsrc pattern={p} horizontal-speed=4")))
            .collect()
    } else {
        // The slide: a still picture that changes every 4 s (switched
        // below). Cameras that move little: a ball on a still background,
        // slowly scrolling bars, a slowly turning pattern.
        [
            "videotestsrc name=slide pattern=smpte",
            "videotestsrc pattern=ball",
            "videotestsrc pattern=bar horizontal-speed=1",
            "videotestsrc pattern=pinwheel horizontal-speed=1",
        ]
        .iter()
        .enumerate()
        .map(|(i, src)| input(i, src))
        .collect()
    };
    let desc = format!(
        "layoutcompositor name=c grid-size=4 show-labels=false ! \
         video/x-raw,format=I420,width={W},height={H},framerate={FPS}/1 ! \
         filesink location={}{inputs}",
        path.display()
    );
    let p = gst::parse::launch(&desc).unwrap();
    let bin = p.clone().downcast::<gst::Bin>().unwrap();
    if let Some(slide) = bin.by_name("slide") {
        let slides = [
            "smpte",
            "colors",
            "checkers-8",
            "gamut",
            "chroma-zone-plate",
        ];
        let n = std::sync::atomic::AtomicU32::new(0);
        let weak = slide.downgrade();
        slide
            .static_pad("src")
            .unwrap()
            .add_probe(gst::PadProbeType::BUFFER, move |_, _| {
                let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i > 0
                    && i.is_multiple_of(4 * FPS)
                    && let Some(s) = weak.upgrade()
                {
                    s.set_property_from_str(
                        "pattern",
                        slides[(i / (4 * FPS)) as usize % slides.len()],
                    );
                }
                gst::PadProbeReturn::Ok
            });
    }
    p.set_state(gst::State::Playing).unwrap();
    let bus = p.bus().unwrap();
    for msg in bus.iter_timed(gst::ClockTime::NONE) {
        match msg.view() {
            gst::MessageView::Eos(..) => break,
            gst::MessageView::Error(e) => panic!("{}: {:?}", e.error(), e.debug()),
            _ => {}
        }
    }
    p.set_state(gst::State::Null).unwrap();
}

fn read_raw(path: &Path) -> String {
    format!(
        "filesrc location={} blocksize={} ! rawvideoparse width={W} height={H} format=i420 \
         framerate={FPS}/1",
        path.display(),
        W * H * 3 / 2
    )
}

/// ffmpeg's SSIM (All) and PSNR (average) of `encoded` against `raw`.
fn quality(encoded: &Path, raw: &Path) -> Option<(f64, f64)> {
    let out = Command::new("ffmpeg")
        .args(["-hide_banner", "-nostats", "-i"])
        .arg(encoded)
        .args([
            "-f",
            "rawvideo",
            "-pix_fmt",
            "yuv420p",
            "-s",
            &format!("{W}x{H}"),
            "-r",
            &FPS.to_string(),
            "-i",
        ])
        .arg(raw)
        .args(["-lavfi", "[0:v][1:v]ssim;[0:v][1:v]psnr", "-f", "null", "-"])
        .output()
        .ok()?;
    let err = String::from_utf8_lossy(&out.stderr);
    let ssim = err
        .lines()
        .find_map(|l| l.split("All:").nth(1))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    let psnr = err
        .lines()
        .find_map(|l| l.split("average:").nth(1))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some((ssim, psnr))
}

fn main() {
    let mut seconds = 10u32;
    let mut density = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--content" => match args.next().as_deref() {
                Some("density") => density = true,
                Some("meeting") => density = false,
                _ => {
                    eprintln!("--content meeting|density");
                    std::process::exit(2);
                }
            },
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--seconds N")
            }
            _ => {
                eprintln!("usage: bench_presets [--seconds N] [--content meeting|density]");
                std::process::exit(2);
            }
        }
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/presets");
    std::fs::create_dir_all(&dir).unwrap();
    let content = if density { "density" } else { "meeting" };
    let raw = dir.join(format!("{content}-composite-{seconds}s.yuv"));
    eprintln!("making the {content} composite {} ...", raw.display());
    make_source(&raw, seconds, density);
    // Into the page cache.
    std::io::copy(
        &mut std::fs::File::open(&raw).unwrap(),
        &mut std::io::sink(),
    )
    .unwrap();
    let launch = |desc: &str| {
        let mut c = Command::new("gst-launch-1.0");
        c.arg("-q").args(desc.split_whitespace());
        c
    };
    let reading = cpu_of(&mut launch(&format!("{} ! fakesink", read_raw(&raw))));
    let vp8 = |speed: i32| {
        format!(
            "vp8enc deadline=1 cpu-used={speed} threads=1 end-usage=cbr target-bitrate={} \
             keyframe-max-dist=60 ! webmmux",
            KBPS * 1000
        )
    };
    let x264 = |preset: &str| {
        format!(
            "x264enc speed-preset={preset} bitrate={KBPS} key-int-max=60 threads=1 ! h264parse ! \
             matroskamux"
        )
    };
    let configs: Vec<(String, String, &str)> = vec![
        ("VP8".into(), "cpu-used=4".into(), ""),
        (
            "VP8".into(),
            "cpu-used=8".into(),
            "adaptive: meetrec's live default until 2026-11-30",
        ),
        ("VP8".into(), "cpu-used=12".into(), ""),
        ("VP8".into(), "cpu-used=16".into(), ""),
        // Negative: the speed fixed at that value (libvpx's realtime mode
        // picks its own speed from timing when cpu-used is positive).
        ("VP8".into(), "cpu-used=-4".into(), "static"),
        ("VP8".into(), "cpu-used=-6".into(), "static"),
        (
            "VP8".into(),
            "cpu-used=-8".into(),
            "static: meetrec's live default",
        ),
        ("VP8".into(), "cpu-used=-12".into(), "static"),
        ("VP8".into(), "cpu-used=-16".into(), "static"),
        ("H.264".into(), "faster".into(), ""),
        (
            "H.264".into(),
            "veryfast".into(),
            "meetrec's live default until 2026-11-30",
        ),
        ("H.264".into(), "superfast".into(), "meetrec's live default"),
        ("H.264".into(), "ultrafast".into(), ""),
    ];
    let have_ffmpeg = Command::new("ffmpeg")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !have_ffmpeg {
        eprintln!("SKIPPED: quality needs ffmpeg (apt install ffmpeg); CPU only");
    }
    println!(
        "| codec | setting | CPU cores at {FPS} fps (net of reading) | SSIM (All) | PSNR dB | kbps written | |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (codec, setting, note) in configs {
        let (enc, ext) = if codec == "VP8" {
            let speed: i32 = setting.trim_start_matches("cpu-used=").parse().unwrap();
            (vp8(speed), "webm")
        } else {
            (x264(&setting), "mkv")
        };
        let out = dir.join(format!(
            "{content}-{}-{}.{ext}",
            codec.to_lowercase().replace('.', ""),
            setting.replace('=', "")
        ));
        let desc = format!(
            "{} ! {enc} ! filesink location={}",
            read_raw(&raw),
            out.display()
        );
        let cpu = cpu_of(&mut launch(&desc)) - reading;
        let q = if have_ffmpeg {
            quality(&out, &raw)
        } else {
            None
        };
        let kbps =
            std::fs::metadata(&out).map_or(0.0, |m| m.len() as f64 * 8.0 / 1000.0) / seconds as f64;
        println!(
            "| {codec} | {setting} | {:.3} | {} | {} | {kbps:.0} | {note} |",
            cpu / seconds as f64,
            q.map_or("–".into(), |q| format!("{:.4}", q.0)),
            q.map_or("–".into(), |q| format!("{:.2}", q.1)),
        );
    }
}
