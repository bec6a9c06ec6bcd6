// SPDX-License-Identifier: MPL-2.0
//! Records a meeting: built-in synthetic participants by default, or real media
//! files given with `--input`.
//!
//! ```sh
//! cargo run --release --example record_meeting -- --layout sidebar --theme dark
//! cargo run --release --example record_meeting -- --input a.mp4 --input b.webm
//! ```
//!
//! The participants go through `layoutcompositor` into a VP8 WebM (the format
//! VDO.Ninja records). The synthetic participants take turns "speaking" (their
//! `audio-level` rises), so the speaker layout visibly switches.

use std::path::PathBuf;
use std::time::Duration;

use gst::prelude::*;
use gst_pbutils::prelude::*;

const USAGE: &str = "\
record_meeting: record a demo meeting with meetrec

Options (defaults in brackets):
  --layout grid|spotlight|sidebar      [grid]
  --priority speaker|pin               [speaker]
  --grid-size 1..25                    [4]
  --theme default|dark|light           [default]
  --orientation landscape|portrait     [landscape]
  --quality low|med|high               [med]   (640x360@24, 1280x720@30, 1920x1080@30)
  --record KBPS                        [from quality: 800, 3000, 6000]
  --participants N                     [4]     synthetic participants (without --input)
  --input FILE_OR_URI                  real media as a participant (repeatable)
  --pin N                              pin participant N (0-based; with --priority pin)
  --duration SECONDS                   [10]
  --output PATH                        [out/meeting.webm]
  --no-labels                          hide the name labels
";

const NAMES: [&str; 9] = [
    "Ada Lovelace",
    "Alan Turing",
    "Grace Hopper",
    "Linus Torvalds",
    "Margaret Hamilton",
    "Dennis Ritchie",
    "Barbara Liskov",
    "Ken Thompson",
    "Frances Allen",
];
const PATTERNS: [&str; 9] = [
    "ball",
    "smpte",
    "pinwheel",
    "spokes",
    "circular",
    "gamut",
    "chroma-zone-plate",
    "bar",
    "colors",
];

struct Options {
    comp_props: Vec<(String, String)>,
    quality: String,
    orientation: String,
    record_kbps: Option<u32>,
    participants: usize,
    inputs: Vec<String>,
    pin: Option<usize>,
    duration: u64,
    output: PathBuf,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        comp_props: vec![],
        quality: "med".into(),
        orientation: "landscape".into(),
        record_kbps: None,
        participants: 4,
        inputs: vec![],
        pin: None,
        duration: 10,
        output: PathBuf::from("out/meeting.webm"),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--layout" | "--priority" | "--grid-size" | "--theme" => {
                o.comp_props.push((flag[2..].to_string(), value()?));
            }
            "--orientation" => o.orientation = value()?,
            "--quality" => o.quality = value()?,
            "--record" => {
                let v = value()?;
                let kbps: i64 = v
                    .parse()
                    .map_err(|_| format!("--record {v}: not a number"))?;
                if kbps <= 0 {
                    return Err("--record 0 / negative (audio-only recordings) needs the \
                                meetingrecorder element (issue 4); video needs a positive kbps"
                        .into());
                }
                o.record_kbps = Some(kbps as u32);
            }
            "--participants" => {
                let v = value()?;
                o.participants = v
                    .parse()
                    .ok()
                    .filter(|n| (1..=25).contains(n))
                    .ok_or(format!("--participants {v}: want 1..25"))?;
            }
            "--input" => o.inputs.push(value()?),
            "--pin" => {
                let v = value()?;
                o.pin = Some(v.parse().map_err(|_| format!("--pin {v}: not a number"))?);
            }
            "--duration" => {
                let v = value()?;
                o.duration = v
                    .parse()
                    .ok()
                    .filter(|&d| d > 0)
                    .ok_or(format!("--duration {v}: want seconds > 0"))?;
            }
            "--output" => o.output = PathBuf::from(value()?),
            "--no-labels" => o.comp_props.push(("show-labels".into(), "false".into())),
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    Ok(o)
}

/// Output size, rate and video bitrate from the quality preset (DESIGN.md table).
fn preset(quality: &str, orientation: &str) -> Result<(i32, i32, i32, u32), String> {
    let (w, h, fps, kbps) = match quality {
        "low" => (640, 360, 24, 800),
        "med" => (1280, 720, 30, 3000),
        "high" => (1920, 1080, 30, 6000),
        q => return Err(format!("--quality {q}: want low, med or high")),
    };
    match orientation {
        "landscape" => Ok((w, h, fps, kbps)),
        "portrait" => Ok((h, w, fps, kbps)),
        o => Err(format!("--orientation {o}: want landscape or portrait")),
    }
}

fn to_uri(input: &str) -> Result<String, String> {
    if input.contains("://") {
        return Ok(input.to_string());
    }
    let path = std::fs::canonicalize(input).map_err(|e| format!("--input {input}: {e}"))?;
    gst::glib::filename_to_uri(&path, None)
        .map(|u| u.to_string())
        .map_err(|e| format!("--input {input}: {e}"))
}

fn run(o: Options) -> Result<(), String> {
    gst::init().map_err(|e| e.to_string())?;
    gstmeetrec::plugin_register_static().map_err(|e| e.to_string())?;
    let (width, height, fps, preset_kbps) = preset(&o.quality, &o.orientation)?;
    let kbps = o.record_kbps.unwrap_or(preset_kbps);

    let pipeline = gst::Pipeline::new();
    let comp = gst::ElementFactory::make("layoutcompositor")
        .name("comp")
        .property_from_str("orientation", &o.orientation)
        .build()
        .map_err(|e| e.to_string())?;
    for (k, v) in &o.comp_props {
        let pspec = comp.find_property(k).ok_or(format!("no property {k}"))?;
        let value = glib_value_from_str(&pspec, v).ok_or(format!("--{k} {v}: invalid value"))?;
        comp.set_property_from_value(k, &value);
    }
    let tail = gst::parse::bin_from_description(
        &format!(
            "capsfilter caps=\"video/x-raw,width={width},height={height},framerate={fps}/1\" ! \
             queue ! vp8enc deadline=1 cpu-used=8 threads=2 end-usage=cbr \
             target-bitrate={} keyframe-max-dist={} ! webmmux ! filesink name=sink",
            kbps * 1000,
            fps * 2
        ),
        true,
    )
    .map_err(|e| e.to_string())?;
    if let Some(dir) = o.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    tail.by_name("sink")
        .unwrap()
        .set_property("location", o.output.to_string_lossy().to_string());
    pipeline.add_many([&comp, tail.upcast_ref()]).unwrap();
    comp.link(&tail).map_err(|e| e.to_string())?;

    let mut pads = Vec::new();
    if o.inputs.is_empty() {
        for i in 0..o.participants {
            let src = gst::parse::bin_from_description(
                &format!(
                    "videotestsrc pattern={} is-live=false ! \
                     capsfilter caps=\"video/x-raw,format=I420,width=640,height=360,framerate={fps}/1\"",
                    PATTERNS[i % PATTERNS.len()]
                ),
                true,
            )
            .map_err(|e| e.to_string())?;
            pipeline.add(&src).unwrap();
            let pad = comp.request_pad_simple("sink_%u").unwrap();
            pad.set_property("participant-id", format!("p{i}"));
            pad.set_property("display-name", NAMES[i % NAMES.len()]);
            src.static_pad("src")
                .unwrap()
                .link(&pad)
                .map_err(|e| e.to_string())?;
            pads.push(pad);
        }
    } else {
        for (i, input) in o.inputs.iter().enumerate() {
            let uri = to_uri(input)?;
            let dec = gst::ElementFactory::make("uridecodebin")
                .property("uri", &uri)
                .build()
                .map_err(|e| e.to_string())?;
            let conv = gst::ElementFactory::make("videoconvert").build().unwrap();
            pipeline.add_many([&dec, &conv]).unwrap();
            let pad = comp.request_pad_simple("sink_%u").unwrap();
            let name = std::path::Path::new(input)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| format!("Participant {i}"));
            pad.set_property("participant-id", format!("p{i}"));
            pad.set_property("display-name", name);
            conv.static_pad("src")
                .unwrap()
                .link(&pad)
                .map_err(|e| e.to_string())?;
            let pipeline_weak = pipeline.downgrade();
            dec.connect_pad_added(move |_, src_pad| {
                let is_video = src_pad
                    .current_caps()
                    .and_then(|c| c.structure(0).map(|s| s.name().starts_with("video/")))
                    .unwrap_or(false);
                let Some(pipeline) = pipeline_weak.upgrade() else {
                    return;
                };
                if is_video {
                    let _ = src_pad.link(&conv.static_pad("sink").unwrap());
                } else {
                    // Audio joins the recording with meetingrecorder (issue 4).
                    let sink = gst::ElementFactory::make("fakesink")
                        .property("sync", false)
                        .build()
                        .unwrap();
                    pipeline.add(&sink).unwrap();
                    sink.sync_state_with_parent().unwrap();
                    let _ = src_pad.link(&sink.static_pad("sink").unwrap());
                }
            });
            pads.push(pad);
        }
    }
    if let Some(p) = o.pin {
        pads.get(p)
            .ok_or(format!("--pin {p}: no such participant"))?
            .set_property("pinned", true);
    }

    // Synthetic participants take turns speaking, 3 s each, by stream time.
    if o.inputs.is_empty() {
        let pads = pads.clone();
        comp.static_pad("src")
            .unwrap()
            .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                if let Some(pts) = info.buffer().and_then(|b| b.pts()) {
                    let speaker = (pts.seconds() / 3) as usize % pads.len();
                    for (i, pad) in pads.iter().enumerate() {
                        let level = if i == speaker { -18.0 } else { -90.0 };
                        pad.set_property("audio-level", level);
                    }
                }
                gst::PadProbeReturn::Ok
            });
    }

    // The recording ends exactly at --duration of stream time: later frames
    // are dropped and the sources are told to finish (EOS) once.
    let limit = gst::ClockTime::from_seconds(o.duration);
    {
        let pipeline_weak = pipeline.downgrade();
        let eos_sent = std::sync::atomic::AtomicBool::new(false);
        comp.static_pad("src")
            .unwrap()
            .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                let past = info
                    .buffer()
                    .and_then(|b| b.pts())
                    .is_some_and(|pts| pts >= limit);
                if !past {
                    return gst::PadProbeReturn::Ok;
                }
                if !eos_sent.swap(true, std::sync::atomic::Ordering::SeqCst)
                    && let Some(p) = pipeline_weak.upgrade()
                {
                    std::thread::spawn(move || p.send_event(gst::event::Eos::new()));
                }
                // Consume and report handled: PadProbeReturn::Drop makes
                // GStreamer 1.22 unref NULL with these bindings.
                drop(info.take_buffer());
                gst::PadProbeReturn::Handled
            });
    }
    println!(
        "recording {} participant(s) for {}s at {width}x{height}@{fps} VP8 {kbps} kbps -> {}",
        pads.len(),
        o.duration,
        o.output.display()
    );
    pipeline
        .set_state(gst::State::Playing)
        .map_err(|e| e.to_string())?;
    let bus = pipeline.bus().unwrap();
    let mut last_report = 0;
    let result = loop {
        if let Some(msg) = bus.timed_pop(gst::ClockTime::from_mseconds(200)) {
            match msg.view() {
                gst::MessageView::Eos(..) => break Ok(()),
                gst::MessageView::Error(e) => {
                    break Err(format!(
                        "{}: {}",
                        msg.src()
                            .map(|s| s.path_string().to_string())
                            .unwrap_or_default(),
                        e.error()
                    ));
                }
                gst::MessageView::Warning(w) => eprintln!("warning: {}", w.error()),
                _ => {}
            }
        }
        let pos = pipeline
            .query_position::<gst::ClockTime>()
            .unwrap_or_default();
        if pos.seconds() > last_report {
            last_report = pos.seconds();
            println!("  {last_report:>3}s recorded");
        }
    };
    pipeline
        .set_state(gst::State::Null)
        .map_err(|e| e.to_string())?;
    result?;
    report(&o.output)
}

/// Parses a property value the way gst-launch does, refusing out-of-range numbers.
fn glib_value_from_str(pspec: &gst::glib::ParamSpec, v: &str) -> Option<gst::glib::Value> {
    let value = gst::glib::Value::deserialize_with_pspec(v, pspec).ok()?;
    if let Some(p) = pspec.downcast_ref::<gst::glib::ParamSpecUInt>() {
        let n = value.get::<u32>().ok()?;
        if n < p.minimum() || n > p.maximum() {
            return None;
        }
    }
    Some(value)
}

fn report(path: &std::path::Path) -> Result<(), String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    let abs = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    let uri = gst::glib::filename_to_uri(&abs, None).map_err(|e| e.to_string())?;
    let discoverer = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(15))
        .map_err(|e| e.to_string())?;
    let info = discoverer
        .discover_uri(&uri)
        .map_err(|e| format!("{}: {e}", abs.display()))?;
    println!("done: {}", abs.display());
    println!("  size     {:.1} MB", size as f64 / 1e6);
    println!(
        "  duration {:.2} s",
        info.duration()
            .map_or(0.0, |d| d.mseconds() as f64 / 1000.0)
    );
    for v in info.video_streams() {
        let codec = v
            .caps()
            .map(|c| gst_pbutils::pb_utils_get_codec_description(&c).to_string());
        println!(
            "  video    {} {}x{} @ {}/{} fps",
            codec.unwrap_or_default(),
            v.width(),
            v.height(),
            v.framerate().numer(),
            v.framerate().denom()
        );
    }
    Ok(())
}

fn main() {
    let code = match parse_args().and_then(run) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("record_meeting: {e}");
            1
        }
    };
    // Let the OS clean up; nothing to flush.
    std::thread::sleep(Duration::from_millis(0));
    std::process::exit(code);
}
