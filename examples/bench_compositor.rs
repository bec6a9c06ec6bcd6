// SPDX-License-Identifier: MPL-2.0
//! Composite-only benchmark: `layoutcompositor` against the stock `compositor`
//! arranged identically (same tile rectangles, same black background), on the
//! same cheap inputs (one 720p I420 frame per participant repeated by
//! `imagefreeze`, so the figure is the compositor's cost, not the source's).
//!
//! ```sh
//! cargo run --release --example bench_compositor -- [--seconds 10]
//! ```
//!
//! Prints CPU seconds (user+sys of this process) per media second for each
//! pipeline, and the ratios. Scaling dominates both pipelines and its cost is
//! proportional to the filter's taps, so the stock compositor runs twice: with
//! its default filter (cubic) and with the same bilinear filter layoutcompositor
//! uses by default (`converter-config`), which isolates the architecture's gain
//! from the filter choice. layoutcompositor also runs with `scaling-method=cubic`.
//!
//! Then, live (sources at 30 fps on the clock, `fakesink sync=true`), how
//! late each output frame leaves the compositor (its src pad, against its
//! running time: the time spent composing it, and waiting) and the CPU it
//! took, with `n-threads` 1, 2 and 0 (automatic), for a 3×3 grid of 720p
//! into 1080p and a 5×5 grid of 1080p into 1080p (`--latency-only` runs
//! just this part).

use std::time::Instant;

use gst::prelude::*;
#[path = "bench_common/mod.rs"]
mod bench_common;
use bench_common::tiles;

const PATTERNS: [&str; 9] = [
    "smpte",
    "ball",
    "snow",
    "red",
    "green",
    "blue",
    "checkers-8",
    "circular",
    "zone-plate",
];

fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct we pass; RUSAGE_SELF is valid.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) };
    let tv = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    tv(ru.ru_utime) + tv(ru.ru_stime)
}

/// CPU seconds (user+sys) and name of each of this process's threads, by tid.
/// GStreamer's task pool reuses threads, so callers take differences.
fn thread_cpu() -> std::collections::HashMap<String, (String, f64)> {
    // SAFETY: sysconf has no preconditions.
    let ticks = unsafe { libc::sysconf(libc::_SC_CLK_TCK) } as f64;
    let mut out = std::collections::HashMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return out;
    };
    for task in tasks.flatten() {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        // pid (comm) state ppid ... utime(14) stime(15)
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        let t = |i: usize| {
            fields
                .get(i)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        out.insert(
            task.file_name().to_string_lossy().into_owned(),
            (stat[open + 1..close].to_string(), (t(11) + t(12)) / ticks),
        );
    }
    out
}

fn sources(n: usize, frames: u32) -> String {
    (0..n)
        .map(|i| {
            format!(
                "videotestsrc num-buffers=1 pattern={} ! \
                 video/x-raw,format=I420,width=1280,height=720,framerate=30/1 ! \
                 imagefreeze num-buffers={frames} ! c.sink_{i} ",
                PATTERNS[i % PATTERNS.len()]
            )
        })
        .collect()
}

/// Plays `pipeline` until it ends (an error ends the benchmark).
fn play_to_eos(pipeline: &gst::Element) {
    let bus = pipeline.bus().unwrap();
    pipeline.set_state(gst::State::Playing).unwrap();
    for msg in bus.iter_timed(gst::ClockTime::NONE) {
        match msg.view() {
            gst::MessageView::Eos(..) => break,
            gst::MessageView::Error(e) => panic!("{} ({:?})", e.error(), e.debug()),
            _ => {}
        }
    }
}

/// Runs a pipeline to EOS; returns process CPU seconds, the compositor
/// thread's CPU seconds and wall seconds.
fn run(desc: &str) -> (f64, f64, f64) {
    let pipeline = gst::parse::launch(desc).unwrap_or_else(|e| panic!("{e}: {desc}"));
    let (c0, t0, threads0) = (cpu_seconds(), Instant::now(), thread_cpu());
    play_to_eos(&pipeline);
    // Read before NULL: the streaming threads are named after the pads they
    // serve only while they serve them. The compositor's is named `c:src`.
    let compositor_thread: f64 = thread_cpu()
        .iter()
        .filter(|(_, (name, _))| name.starts_with("c:src"))
        .map(|(tid, (_, cpu))| cpu - threads0.get(tid).map_or(0.0, |t| t.1))
        .sum();
    let out = (
        cpu_seconds() - c0,
        compositor_thread,
        t0.elapsed().as_secs_f64(),
    );
    pipeline.set_state(gst::State::Null).unwrap();
    out
}

/// One live run: output frames' lateness at the compositor's src pad
/// (least, median, 99th percentile, worst, in ms) and CPU cores used.
fn live(n: usize, input: (u32, u32), threads: u32, seconds: u32) -> (f64, f64, f64, f64, f64) {
    let (w, h) = input;
    let frames = seconds * 30;
    let sources: String = (0..n)
        .map(|i| {
            format!(
                "videotestsrc num-buffers=1 pattern={} ! \
                 video/x-raw,format=I420,width={w},height={h},framerate=30/1 ! \
                 imagefreeze is-live=true num-buffers={frames} ! c.sink_{i} ",
                PATTERNS[i % PATTERNS.len()]
            )
        })
        .collect();
    let grid = (n as f64).sqrt().ceil() as u32;
    let desc = format!(
        "layoutcompositor name=c grid-size={} show-labels=false n-threads={threads} ! \
         video/x-raw,format=I420,width=1920,height=1080,framerate=30/1 ! \
         fakesink sync=true {sources}",
        grid * grid
    );
    let pipeline = gst::parse::launch(&desc)
        .unwrap_or_else(|e| panic!("{e}: {desc}"))
        .downcast::<gst::Pipeline>()
        .unwrap();
    let late = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let src = pipeline.by_name("c").unwrap().static_pad("src").unwrap();
    let (seen, weak) = (late.clone(), pipeline.downgrade());
    src.add_probe(gst::PadProbeType::BUFFER, move |pad, info| {
        let (Some(pipeline), Some(buffer)) = (weak.upgrade(), info.buffer()) else {
            return gst::PadProbeReturn::Ok;
        };
        let segment = pad.sticky_event::<gst::event::Segment>(0);
        let running = segment.and_then(|s| {
            s.segment()
                .downcast_ref::<gst::ClockTime>()
                .and_then(|s| s.to_running_time(buffer.pts()))
        });
        if let (Some(running), Some(now)) = (running, pipeline.current_running_time()) {
            let ms = (now.nseconds() as f64 - running.nseconds() as f64) / 1e6;
            seen.lock().unwrap().push(ms);
        }
        gst::PadProbeReturn::Ok
    });
    let (c0, t0) = (cpu_seconds(), Instant::now());
    play_to_eos(pipeline.upcast_ref());
    let cores = (cpu_seconds() - c0) / t0.elapsed().as_secs_f64();
    pipeline.set_state(gst::State::Null).unwrap();
    // The first second is start-up (plugin loading, the first allocations).
    let mut late: Vec<f64> = late.lock().unwrap().iter().skip(30).copied().collect();
    late.sort_by(f64::total_cmp);
    let at = |q: f64| late[((late.len() - 1) as f64 * q) as usize];
    (at(0.0), at(0.5), at(0.99), at(1.0), cores)
}

fn latency_table(seconds: u32) {
    println!(
        "\nlive, {seconds} s each: how late output frames leave the compositor, CPU\n\n\
         | case | n-threads | least ms | median ms | p99 ms | worst ms | CPU cores |\n|---|---|---|---|---|---|---|"
    );
    for (case, n, input) in [
        ("9x720p -> 1080p", 9usize, (1280u32, 720u32)),
        ("25x1080p -> 1080p", 25, (1920, 1080)),
    ] {
        for threads in [1u32, 2, 0] {
            let (least, p50, p99, worst, cores) = live(n, input, threads, seconds);
            let t = if threads == 0 {
                "0 (auto)".to_string()
            } else {
                threads.to_string()
            };
            println!(
                "| {case} | {t} | {least:.1} | {p50:.1} | {p99:.1} | {worst:.1} | {cores:.3} |"
            );
        }
    }
}

struct Row {
    case: String,
    pipeline: &'static str,
    cpu_per_media_s: f64,
    thread_per_media_s: f64,
    realtime: f64,
}

fn main() {
    let mut seconds = 10u32;
    let mut repeat = 3usize;
    let mut latency_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seconds" => {
                seconds = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--seconds N")
            }
            "--repeat" => {
                repeat = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--repeat N")
            }
            "--latency-only" => latency_only = true,
            _ => {
                eprintln!("usage: bench_compositor [--seconds N] [--repeat N] [--latency-only]");
                std::process::exit(2);
            }
        }
    }
    gst::init().unwrap();
    gstmeetrec::plugin_register_static().unwrap();
    if latency_only {
        latency_table(seconds);
        return;
    }
    let frames = seconds * 30;
    let (w, h) = (1920, 1080);
    let out = format!(
        "video/x-raw,format=I420,width={w},height={h},framerate=30/1 ! fakesink sync=false"
    );
    let mut rows = Vec::new();
    let mut record = |case: &str, pipeline: &'static str, desc: String| {
        // Warm-up run so plugin loading and first-time allocations are not counted.
        if rows.is_empty() {
            run(&desc.replace(&format!("num-buffers={frames}"), "num-buffers=10"));
        }
        // Median of `repeat` runs (by process CPU): this machine is noisy.
        let mut runs: Vec<(f64, f64, f64)> = (0..repeat.max(1)).map(|_| run(&desc)).collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (cpu, thread, wall) = runs[runs.len() / 2];
        let row = Row {
            case: case.into(),
            pipeline,
            cpu_per_media_s: cpu / seconds as f64,
            thread_per_media_s: thread / seconds as f64,
            realtime: seconds as f64 / wall,
        };
        eprintln!(
            "{:<28} {:<24} {:>6.3} cpu-s/media-s (compositor thread {:.3})  {:>5.1}x realtime",
            row.case, row.pipeline, row.cpu_per_media_s, row.thread_per_media_s, row.realtime
        );
        rows.push(row);
    };

    for (case, n, grid_size) in [
        ("4x720p -> 1080p", 4usize, 4u32),
        ("9x720p -> 1080p", 9, 9),
        ("25 joined / 4 visible", 25, 4),
    ] {
        for method in ["bilinear", "cubic"] {
            if n == 25 && method == "cubic" {
                continue;
            }
            record(
                case,
                if method == "bilinear" {
                    "layoutcompositor"
                } else {
                    "layoutcompositor cubic"
                },
                format!(
                    "layoutcompositor name=c grid-size={grid_size} show-labels=false \
                     scaling-method={method} ! {out} {}",
                    sources(n, frames)
                ),
            );
        }
        if n == 25 {
            continue; // stock compositor cannot hide pads; compared with 4 joined below
        }
        let pads = bench_common::compositor_pads(&tiles(n, grid_size, w, h));
        record(
            case,
            "stock cubic",
            format!(
                "compositor name=c background=black {pads} ! {out} {}",
                sources(n, frames)
            ),
        );
        let bilinear = bench_common::bilinear_pads(n);
        record(
            case,
            "stock bilinear",
            format!(
                "compositor name=c background=black {pads} {bilinear} ! {out} {}",
                sources(n, frames)
            ),
        );
    }
    record(
        "4x720p -> 1080p + labels",
        "layoutcompositor",
        format!(
            "layoutcompositor name=c sink_0::display-name=Ada sink_1::display-name=Alan \
             sink_2::display-name=Grace sink_3::display-name=Linus ! {out} {}",
            sources(4, frames)
        ),
    );

    let get = |case: &str, p: &str| {
        rows.iter()
            .find(|r| r.case == case && r.pipeline == p)
            .map(|r| r.cpu_per_media_s)
    };
    println!();
    println!(
        "| case | layoutcompositor (bilinear) | stock compositor, bilinear | ratio | \
         layoutcompositor cubic | stock compositor, cubic (its default) | ratio |"
    );
    println!("|---|---|---|---|---|---|---|");
    for case in ["4x720p -> 1080p", "9x720p -> 1080p"] {
        let v = |p| get(case, p).unwrap();
        let (ours, stock) = (v("layoutcompositor"), v("stock bilinear"));
        let (ours_c, stock_c) = (v("layoutcompositor cubic"), v("stock cubic"));
        println!(
            "| {case} | {ours:.3} | {stock:.3} | {:.2}x | {ours_c:.3} | {stock_c:.3} | {:.2}x |",
            ours / stock,
            ours_c / stock_c
        );
    }
    let four = get("4x720p -> 1080p", "layoutcompositor").unwrap();
    let hidden = get("25 joined / 4 visible", "layoutcompositor").unwrap();
    let thread = |case: &str| {
        rows.iter()
            .find(|r| r.case == case && r.pipeline == "layoutcompositor")
            .map(|r| r.thread_per_media_s)
            .unwrap()
    };
    let (four_t, hidden_t) = (thread("4x720p -> 1080p"), thread("25 joined / 4 visible"));
    println!(
        "| 25 joined / 4 visible | {hidden:.3} | | {:.2}x of 4 joined (compositor thread: \
         {hidden_t:.3} vs {four_t:.3}, {:.2}x) | | | |",
        hidden / four,
        hidden_t / four_t
    );
    let labels = get("4x720p -> 1080p + labels", "layoutcompositor").unwrap();
    println!(
        "| 4x720p -> 1080p + labels | {labels:.3} | | {:.2}x of no labels | | | |",
        labels / four
    );
    println!("\n(cpu-s/media-s: CPU seconds, user+sys, per second of 30 fps output)");
    latency_table(seconds);
}
