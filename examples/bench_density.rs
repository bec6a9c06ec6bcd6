// SPDX-License-Identifier: MPL-2.0
//! How many live meetings one machine records: N live recordings of
//! 4×720p30 → 720p30 (the default preset and codec) at once, N raised until
//! one of them falls behind real time.
//!
//! ```sh
//! cargo run --release --example bench_density -- [--seconds 60] [--max 8]
//!     [--modes meetrec,processes,stock] [--from 1]
//! ```
//!
//! Inputs cost almost nothing: each participant's video is 30 pre-rendered
//! moving 720p frames (a one-second loop of a test pattern, rendered once and
//! shared) pushed by a live `appsrc` at 30 fps, so the encoder sees moving
//! pictures but nobody pays for making them; audio is a live `audiotestsrc`.
//!
//! A meeting holds when, after a 3 s warm-up, no video frame reaches its
//! muxer more than 100 ms later (against the pipeline clock) than the first
//! frames did, and it wrote at least all but 3 of the frames due. Modes:
//! `meetrec` (N `meetingrecorder`s in one process), `processes` (N processes
//! of one each), `stock` (N hand-built `compositor` + `audiomixer` + the
//! same encoders in one process). Per N: whether all held, the worst
//! lateness, CPU per recording (cores) and peak RSS per recording (without
//! the 158 MiB of input frames each process holds).

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gst::prelude::*;
#[path = "bench_common/mod.rs"]
mod bench_common;

const W: u32 = 1280;
const H: u32 = 720;
const FPS: u32 = 30;
const PEOPLE: usize = 4;
const PATTERNS: [&str; 4] = ["ball", "smpte", "circular", "pinwheel"];
const WARM_UP: Duration = Duration::from_secs(3);
const LATE: Duration = Duration::from_millis(100);

/// One second of moving frames per pattern, rendered once.
fn render_loops() -> Vec<Vec<gst::Buffer>> {
    PATTERNS
        .iter()
        .map(|p| {
            let pipeline = gst::parse::launch(&format!(
                "videotestsrc pattern={p} num-buffers={FPS} horizontal-speed=4 ! \
                 video/x-raw,format=I420,width={W},height={H},framerate={FPS}/1 ! appsink name=s"
            ))
            .unwrap()
            .downcast::<gst::Pipeline>()
            .unwrap();
            let sink = pipeline
                .by_name("s")
                .unwrap()
                .downcast::<gst_app::AppSink>()
                .unwrap();
            pipeline.set_state(gst::State::Playing).unwrap();
            let mut frames = Vec::new();
            while let Ok(s) = sink.pull_sample() {
                frames.push(s.buffer_owned().unwrap());
            }
            pipeline.set_state(gst::State::Null).unwrap();
            frames
        })
        .collect()
}

/// A live appsrc that pushes `frames` in a loop at 30 fps until `stop`.
fn feed(src: gst_app::AppSrc, frames: Vec<gst::Buffer>, stop: Arc<AtomicBool>) {
    std::thread::spawn(move || {
        let t0 = Instant::now();
        let frame = Duration::from_secs(1) / FPS;
        let mut n = 0u32;
        while !stop.load(Ordering::Relaxed) {
            let due = t0 + frame * n;
            if let Some(wait) = due.checked_duration_since(Instant::now()) {
                std::thread::sleep(wait);
            }
            let mut b = frames[n as usize % frames.len()].copy();
            {
                let b = b.get_mut().unwrap();
                b.set_pts(gst::ClockTime::NONE);
                b.set_dts(gst::ClockTime::NONE);
            }
            if src.push_buffer(b).is_err() {
                break;
            }
            n += 1;
        }
        let _ = src.end_of_stream();
    });
}

fn caps() -> gst::Caps {
    gst::Caps::builder("video/x-raw")
        .field("format", "I420")
        .field("width", W as i32)
        .field("height", H as i32)
        .field("framerate", gst::Fraction::new(FPS as i32, 1))
        .field("colorimetry", "bt709")
        .field("chroma-site", "mpeg2")
        .build()
}

/// What one meeting's muxer saw.
#[derive(Default)]
struct Watch {
    frames: AtomicU64,
    /// Worst lateness after the warm-up, µs.
    worst_us: AtomicU64,
    /// First frame: arrival running time − PTS, ns.
    offset: Mutex<Option<i64>>,
}

/// Watches the video frames reaching the muxer pad `pad` of a pipeline with
/// `clock`/`base`.
fn watch(pad: &gst::Pad, pipeline: &gst::Pipeline, w: Arc<Watch>, started: Instant) {
    let pipeline = pipeline.downgrade();
    pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
        let (Some(p), Some(pts)) = (pipeline.upgrade(), info.buffer().and_then(|b| b.pts())) else {
            return gst::PadProbeReturn::Ok;
        };
        let (Some(clock), Some(base)) = (p.clock(), p.base_time()) else {
            return gst::PadProbeReturn::Ok;
        };
        let now = clock.time().saturating_sub(base).nseconds() as i64;
        let gap = now - pts.nseconds() as i64;
        w.frames.fetch_add(1, Ordering::Relaxed);
        let mut off = w.offset.lock().unwrap();
        let first = *off.get_or_insert(gap);
        if started.elapsed() > WARM_UP {
            let late = (gap - first).max(0) as u64 / 1000;
            w.worst_us.fetch_max(late, Ordering::Relaxed);
        }
        gst::PadProbeReturn::Ok
    });
}

struct Meeting {
    pipeline: gst::Pipeline,
    watch: Arc<Watch>,
    stop: Arc<AtomicBool>,
}

/// One live meeting; `stock` builds the hand-made pipeline instead.
fn meeting(k: usize, stock: bool, loops: &[Vec<gst::Buffer>], out: &std::path::Path) -> Meeting {
    let pipeline = gst::Pipeline::new();
    let stop = Arc::new(AtomicBool::new(false));
    let file = out.join(format!("meeting-{k}.webm"));
    let (video_in, audio_in): (Vec<gst::Pad>, Vec<gst::Pad>) = if stock {
        // The encoders as meetingrecorder configures them (bench_recording
        // prints them): VP8 realtime at fixed speed 8 (cpu-used=-8), 1 thread,
        // CBR 3000 kbps.
        let tiles = bench_common::tiles(PEOPLE, 4, W, H);
        let desc = format!(
            "compositor name=c background=black {}{} ! video/x-raw,format=I420,width={W},height={H},framerate={FPS}/1,colorimetry=bt709,chroma-site=mpeg2 ! \
             queue ! vp8enc deadline=1 cpu-used=-8 threads=1 end-usage=cbr target-bitrate=3000000 \
             keyframe-max-dist=60 ! queue ! webmmux name=m ! filesink location={} \
             audiomixer name=a ! audioconvert ! audioresample ! audio/x-raw,rate=48000,channels=2 ! \
             queue ! opusenc bitrate=128000 ! m.",
            bench_common::compositor_pads(&tiles),
            bench_common::bilinear_pads(PEOPLE),
            file.display()
        );
        let bin = gst::parse::bin_from_description(&desc, false).unwrap();
        pipeline.add(&bin).unwrap();
        let c = bin.by_name("c").unwrap();
        let a = bin.by_name("a").unwrap();
        let m = bin.by_name("m").unwrap();
        let vpads = (0..PEOPLE)
            .map(|_| c.request_pad_simple("sink_%u").unwrap())
            .collect::<Vec<_>>();
        let apads = (0..PEOPLE)
            .map(|_| a.request_pad_simple("sink_%u").unwrap())
            .collect::<Vec<_>>();
        // Ghost them out of the bin.
        let ghost = |p: &gst::Pad, name: String| {
            let g = gst::GhostPad::builder_with_target(p)
                .unwrap()
                .name(name)
                .build();
            bin.add_pad(&g).unwrap();
            g.upcast::<gst::Pad>()
        };
        let v = vpads
            .iter()
            .enumerate()
            .map(|(i, p)| ghost(p, format!("video_{i}")))
            .collect();
        let au = apads
            .iter()
            .enumerate()
            .map(|(i, p)| ghost(p, format!("audio_{i}")))
            .collect();
        let _ = m;
        (v, au)
    } else {
        let rec = gst::ElementFactory::make("meetingrecorder")
            .property("location", file.to_string_lossy().to_string())
            .property("show-labels", false)
            .build()
            .unwrap();
        pipeline.add(&rec).unwrap();
        let v = (0..PEOPLE)
            .map(|_| rec.request_pad_simple("video_%u").unwrap())
            .collect();
        let a = (0..PEOPLE)
            .map(|_| rec.request_pad_simple("audio_%u").unwrap())
            .collect();
        (v, a)
    };
    for (i, (vpad, apad)) in video_in.iter().zip(&audio_in).enumerate() {
        let src = gst_app::AppSrc::builder()
            .caps(&caps())
            .is_live(true)
            .do_timestamp(true)
            .format(gst::Format::Time)
            .max_buffers(4)
            .build();
        let tone = gst::ElementFactory::make("audiotestsrc")
            .property("is-live", true)
            .property("freq", 300.0 + 110.0 * i as f64)
            .property("samplesperbuffer", 960i32)
            .build()
            .unwrap();
        pipeline.add_many([src.upcast_ref(), &tone]).unwrap();
        src.static_pad("src").unwrap().link(vpad).unwrap();
        tone.static_pad("src").unwrap().link(apad).unwrap();
        feed(src, loops[i % loops.len()].clone(), stop.clone());
    }
    Meeting {
        pipeline,
        watch: Arc::default(),
        stop,
    }
}

/// The muxer's video pad inside `pipeline` (meetingrecorder makes its
/// recording once playing).
fn muxer_video_pad(pipeline: &gst::Pipeline) -> Option<gst::Pad> {
    pipeline
        .iterate_recurse()
        .into_iter()
        .flatten()
        .find(|e| e.factory().is_some_and(|f| f.name() == "webmmux"))?
        .sink_pads()
        .into_iter()
        .find(|p| p.name().starts_with("video"))
}

struct Outcome {
    held: bool,
    worst_ms: f64,
    frames_short: i64,
}

/// Runs `n` meetings for `seconds` in this process; also returns the cores
/// the process used while they were watched.
fn run_meetings(n: usize, stock: bool, seconds: u64, out: &std::path::Path) -> (Vec<Outcome>, f64) {
    let loops = render_loops();
    let meetings: Vec<Meeting> = (0..n).map(|k| meeting(k, stock, &loops, out)).collect();
    let started = Instant::now();
    for m in &meetings {
        m.pipeline.set_state(gst::State::Playing).unwrap();
    }
    // Attach the watches once the muxers exist.
    let mut watched = vec![false; n];
    while watched.iter().any(|w| !w) && started.elapsed() < Duration::from_secs(10) {
        for (k, m) in meetings.iter().enumerate() {
            if !watched[k]
                && let Some(pad) = muxer_video_pad(&m.pipeline)
            {
                watch(&pad, &m.pipeline, m.watch.clone(), started);
                watched[k] = true;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let watch_from = Instant::now();
    let cpu0 = cpu_and_rss().0;
    std::thread::sleep(Duration::from_secs(seconds));
    let ran = watch_from.elapsed().as_secs_f64();
    let cores = (cpu_and_rss().0 - cpu0) / ran;
    let mut outcomes = Vec::new();
    for m in &meetings {
        m.stop.store(true, Ordering::Relaxed);
        if let Some(bus) = m.pipeline.bus() {
            for msg in bus.iter() {
                if let gst::MessageView::Error(e) = msg.view() {
                    eprintln!("error: {} ({:?})", e.error(), e.debug());
                }
            }
        }
        let worst_ms = m.watch.worst_us.load(Ordering::Relaxed) as f64 / 1000.0;
        let due = (ran * FPS as f64) as i64;
        let frames = m.watch.frames.load(Ordering::Relaxed) as i64;
        let short = due - frames;
        outcomes.push(Outcome {
            held: worst_ms <= LATE.as_secs_f64() * 1000.0 && short <= 3 + FPS as i64 / 10,
            worst_ms,
            frames_short: short,
        });
    }
    for m in &meetings {
        let _ = m.pipeline.set_state(gst::State::Null);
    }
    (outcomes, cores)
}

fn cpu_and_rss() -> (f64, f64) {
    // SAFETY: zeroed rusage is a valid out-parameter.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    (
        tv(ru.ru_utime) + tv(ru.ru_stime),
        ru.ru_maxrss as f64 / 1024.0,
    )
}

fn spawn_inproc(mode: &str, n: usize, seconds: u64) -> std::process::Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--inproc", mode, &n.to_string(), &seconds.to_string()])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// A `--inproc` child's meetings (held, worst ms, frames short), cores and
/// peak RSS.
fn read_inproc(c: std::process::Child) -> (Vec<(bool, f64, i64)>, f64, f64) {
    let out = c.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let (mut outs, mut cores, mut rss) = (Vec::new(), 0.0, 0.0);
    for line in text.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        match f.first() {
            Some(&"meeting") => outs.push((
                f[1] == "1",
                f[2].parse().unwrap_or(f64::NAN),
                f[3].parse().unwrap_or(0),
            )),
            Some(&"process") => {
                cores = f[1].parse().unwrap_or(0.0);
                rss = f[2].parse().unwrap_or(0.0);
            }
            _ => {}
        }
    }
    (outs, cores, rss)
}

fn init() {
    gst::init().unwrap();
    gstmeetrec::plugin_register_static().unwrap();
}

/// `--inproc mode n seconds`: n meetings in this process; prints one
/// `meeting held worst_ms short` line each and `process cores rss_mb`.
fn inproc(mode: &str, n: usize, seconds: u64, out: &std::path::Path) {
    init();
    let (outcomes, cores) = run_meetings(n, mode == "stock", seconds, out);
    for o in outcomes {
        println!(
            "meeting {} {:.1} {}",
            o.held as u8, o.worst_ms, o.frames_short
        );
    }
    // The input frames each process holds are not the recorder's.
    let inputs_mb =
        (PATTERNS.len() as u64 * FPS as u64 * (W * H * 3 / 2) as u64) as f64 / 1048576.0;
    println!("process {cores:.3} {:.1}", cpu_and_rss().1 - inputs_mb);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench/density");
    std::fs::create_dir_all(&out).unwrap();
    if args.first().map(String::as_str) == Some("--inproc") {
        let dir = out.join(format!("{}-{}", args[1], std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        inproc(
            &args[1],
            args[2].parse().unwrap(),
            args[3].parse().unwrap(),
            &dir,
        );
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let (mut seconds, mut max, mut from) = (60u64, 8usize, 1usize);
    let mut modes = vec!["meetrec".to_string(), "processes".into(), "stock".into()];
    let mut it = args.into_iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--seconds" => seconds = val().parse().expect("--seconds N"),
            "--max" => max = val().parse().expect("--max N"),
            "--from" => from = val().parse().expect("--from N"),
            "--modes" => modes = val().split(',').map(String::from).collect(),
            _ => {
                eprintln!(
                    "usage: bench_density [--seconds 60] [--max 8] [--from 1] [--modes meetrec,processes,stock]"
                );
                std::process::exit(2);
            }
        }
    }
    println!(
        "| mode | N | all held {}s | worst lateness ms | frames short (worst) | CPU cores per recording | peak RSS MB per recording (input frames not counted) |",
        seconds
    );
    println!("|---|---|---|---|---|---|---|");
    for mode in &modes {
        let mut best = 0;
        for n in from..=max {
            let (outcomes, cpu, rss): (Vec<(bool, f64, i64)>, f64, f64) = match mode.as_str() {
                "processes" => {
                    // One meeting per process, all at once.
                    let children: Vec<_> = (0..n)
                        .map(|_| spawn_inproc("meetrec", 1, seconds))
                        .collect();
                    let (mut outs, mut cores, mut rss) = (Vec::new(), 0.0, 0.0);
                    for c in children {
                        let (o, c, r) = read_inproc(c);
                        outs.extend(o);
                        cores += c;
                        rss += r;
                    }
                    (outs, cores, rss)
                }
                // All N in one fresh process, so CPU and RSS are theirs.
                m => read_inproc(spawn_inproc(m, n, seconds)),
            };
            let held = outcomes.len() == n && outcomes.iter().all(|o| o.0);
            let worst = outcomes.iter().map(|o| o.1).fold(0.0, f64::max);
            let short = outcomes.iter().map(|o| o.2).max().unwrap_or(0);
            println!(
                "| {mode} | {n} | {} | {worst:.0} | {short} | {:.2} | {:.0} |",
                if held { "yes" } else { "NO" },
                cpu / n as f64,
                rss / n as f64
            );
            if !held {
                break;
            }
            best = n;
        }
        println!("| {mode} | **{best}** live meetings held | | | | | |");
    }
}
