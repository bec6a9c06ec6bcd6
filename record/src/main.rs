// SPDX-License-Identifier: MPL-2.0
//! The main job: records a meeting with `meetingrecorder`. Built-in synthetic
//! participants by default (distinct moving pictures and names, tones that take
//! turns "speaking" so the speaker layout visibly switches), or real media files
//! given with `--input`.
//!
//! ```sh
//! scripts/record-demo.sh --layout sidebar --theme dark
//! scripts/record-demo.sh --mode audio --container ogg
//! scripts/record-demo.sh --input a.mp4 --input b.webm
//! ```

use gst::prelude::*;
use gst_pbutils::prelude::*;
use gstmeetrec::{metadata, policy};

const USAGE: &str = "\
meetrec-record: record a meeting with meetrec's meetingrecorder

Options (defaults in brackets):
  --layout grid|spotlight|sidebar      [grid]
  --priority speaker|pin               [speaker]
  --grid-size 1..25                    [4]
  --theme default|dark|light           [default]
  --orientation landscape|portrait     [landscape]
  --quality low|med|high               [med]   (640x360@24, 1280x720@30, 1920x1080@30)
  --record KBPS                        [unset]  > 0 video kbps; 0 = PCM audio only;
                                                < 0 = Opus audio only at -KBPS
  --mode video-and-audio|audio         [video-and-audio]
  --container webm|mkv|mp4|ogg|wav     [webm]
  --video-codec vp8|vp9|h264|av1       [vp8]
  --participants N                     [4]     synthetic participants (without --input)
  --input FILE_OR_URI                  real media as a participant (repeatable)
  --sdp FILE                           a participant sending RTP as FILE describes (VP8,
                                       VP9, H.264, Opus…; repeatable): recorded encoded,
                                       decoded only while shown; keyframe requests go
                                       back as RTCP PLI/FIR (see README, RTP ingest)
  --pin N                              pin participant N (0-based; with --priority pin)
  --duration SECONDS                   [10]
  --output PATH                        [out/meeting.{ext}]  ({id}, {room}, {date}, {time}, {ext})
  --no-labels                          hide the name labels
  --isolated                           also record each participant to its own file
  --pause AT:SECONDS                   pause AT seconds into the meeting for SECONDS, then
                                       resume into the same file (repeatable)
  --max-duration SECONDS               the recording stops itself after that much
                                       recorded time (limit-reached)
  --max-size BYTES                     … or once that many bytes are written
  --snapshots TEMPLATE                 JPEGs of the composite, e.g. out/{id}-%03d.jpg;
                                       the newest also as <output>.jpg
  --snapshot-interval SECONDS          [10]    between two snapshots
  --split SECONDS                      cut the file into parts of that length
                                       (<output>, <name>-part2.<ext>, …)
  --stream-uri URI                     also stream the meeting live: rtmp://host/app/key,
                                       rtmps://…, srt://host:port (repeatable)
  --hls PLAYLIST                       also write HLS, e.g. out/{room}.m3u8
  --hls-segment-duration SECONDS       [6]     target length of the HLS segments
                                       (with --stream-uri or --hls the synthetic
                                       meeting runs in real time, as a live one does)
  --webhook-url URL                    POST every state change there (signed with
  --webhook-secret SECRET               the secret when given)
  --upload-uri URI                     upload finished files: s3://bucket/prefix,
                                       az://…, gs://…, file:///dir (credentials from
                                       the AWS_*/AZURE_*/GOOGLE_* variables)
  --keep-local true|false              [true]  keep the local file after upload
  --recover DIR                        after a crash: finish the recordings under DIR
                                       left in progress (remux, duration, metadata)
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
/// Each synthetic participant speaks for this long, in turn.
const TURN_SECONDS: u64 = 3;

struct Options {
    props: Vec<(String, String)>,
    participants: usize,
    inputs: Vec<String>,
    pin: Option<usize>,
    duration: u64,
    output: String,
    /// (at, for) in seconds of the meeting.
    pauses: Vec<(f64, f64)>,
    /// --stream-uri, each.
    streams: Vec<String>,
    /// The synthetic meeting runs in real time (--pause, --stream-uri, --hls).
    live: bool,
    /// --sdp: participants received as RTP, one SDP file each.
    sdps: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        props: vec![],
        participants: 4,
        inputs: vec![],
        pin: None,
        duration: 10,
        output: "out/meeting.{ext}".into(),
        sdps: vec![],
        pauses: vec![],
        streams: vec![],
        live: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--layout"
            | "--priority"
            | "--grid-size"
            | "--theme"
            | "--orientation"
            | "--quality"
            | "--record"
            | "--mode"
            | "--container"
            | "--video-codec"
            | "--webhook-url"
            | "--webhook-secret"
            | "--upload-uri"
            | "--keep-local"
            | "--max-duration"
            | "--max-size"
            | "--snapshot-interval"
            | "--hls-segment-duration"
            | "--split-duration" => {
                o.props.push((flag[2..].to_string(), value()?));
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
            "--sdp" => o.sdps.push(value()?),
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
            "--output" => o.output = value()?,
            "--no-labels" => o.props.push(("show-labels".into(), "false".into())),
            "--recover" => {
                let dir = value()?;
                let done = gstmeetrec::recovery::recover_dir(std::path::Path::new(&dir))
                    .map_err(|e| format!("--recover {dir}: {e}"))?;
                if done.is_empty() {
                    println!("nothing to recover under {dir}");
                }
                for r in done {
                    match r.outcome {
                        Ok(m) => println!(
                            "recovered {} ({:.2} s)",
                            m.file.path,
                            m.duration_ms as f64 / 1000.0
                        ),
                        Err(e) => println!("could not recover {}: {e}", r.metadata.display()),
                    }
                }
                std::process::exit(0);
            }
            "--isolated" => o.props.push(("isolated".into(), "true".into())),
            "--snapshots" => o.props.push(("snapshot-location".into(), value()?)),
            "--split" => o.props.push(("split-duration".into(), value()?)),
            "--hls" => {
                o.props.push(("hls-location".into(), value()?));
                o.live = true;
            }
            "--stream-uri" => {
                o.streams.push(value()?);
                o.live = true;
            }
            "--pause" => {
                let v = value()?;
                let pause = v
                    .split_once(':')
                    .and_then(|(a, f)| Some((a.parse::<f64>().ok()?, f.parse::<f64>().ok()?)))
                    .filter(|&(a, f)| a >= 0.0 && f > 0.0)
                    .ok_or(format!("--pause {v}: want AT:SECONDS, e.g. 3:2"))?;
                o.pauses.push(pause);
            }
            "-h" | "--help" => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown option {other}\n\n{USAGE}")),
        }
    }
    if !o.streams.is_empty() {
        o.props.push(("stream-uri".into(), o.streams.join(",")));
    }
    Ok(o)
}

/// Parses a property value the way gst-launch does, refusing out-of-range numbers.
fn value_from_str(pspec: &gst::glib::ParamSpec, v: &str) -> Option<gst::glib::Value> {
    let value = gst::glib::Value::deserialize_with_pspec(v, pspec).ok()?;
    if let Some(p) = pspec.downcast_ref::<gst::glib::ParamSpecUInt>() {
        let n = value.get::<u32>().ok()?;
        if n < p.minimum() || n > p.maximum() {
            return None;
        }
    }
    Some(value)
}

/// What to call the participant `input` brings: a file's name without its
/// extension; for a network URI its last path segment, else its host and
/// port (`srt://127.0.0.1:47013` is `127.0.0.1:47013`, not `127.0.0`).
fn participant_name(input: &str) -> Option<String> {
    let stem = |p: &str| {
        std::path::Path::new(p)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
    };
    let Some((scheme, rest)) = input.split_once("://") else {
        return stem(input);
    };
    if scheme == "file" {
        return stem(rest);
    }
    let rest = rest.split(['?', '#']).next().unwrap_or_default();
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = authority.rsplit('@').next().unwrap_or_default();
    path.rsplit('/')
        .find(|seg| !seg.is_empty())
        .and_then(stem)
        .or_else(|| (!host.is_empty()).then(|| host.to_string()))
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

fn link_new(pipeline: &gst::Pipeline, chain: &[&str], to: &gst::Pad) -> Result<gst::Pad, String> {
    let elements: Vec<gst::Element> = chain
        .iter()
        .map(|d| {
            gst::parse::bin_from_description(d, true)
                .map(|b| b.upcast::<gst::Element>())
                .map_err(|e| format!("{d}: {e}"))
        })
        .collect::<Result<_, _>>()?;
    pipeline.add_many(&elements).map_err(|e| e.to_string())?;
    gst::Element::link_many(&elements).map_err(|e| e.to_string())?;
    let last = elements.last().unwrap();
    last.static_pad("src")
        .unwrap()
        .link(to)
        .map_err(|e| e.to_string())?;
    for e in &elements {
        e.sync_state_with_parent().map_err(|e| e.to_string())?;
    }
    Ok(elements[0]
        .static_pad("sink")
        .unwrap_or_else(|| elements[0].static_pad("src").unwrap()))
}

fn run(o: Options) -> Result<(), String> {
    gst::init().map_err(|e| e.to_string())?;
    gstmeetrec::plugin_register_static().map_err(|e| e.to_string())?;

    let pipeline = gst::Pipeline::new();
    let rec = gst::ElementFactory::make("meetingrecorder")
        .name("recorder")
        .property("location", &o.output)
        .property("room", "demo")
        .build()
        .map_err(|e| e.to_string())?;
    for (k, v) in &o.props {
        let pspec = rec.find_property(k).ok_or(format!("no property {k}"))?;
        let value = value_from_str(&pspec, v).ok_or(format!("--{k} {v}: invalid value"))?;
        rec.set_property_from_value(k, &value);
    }
    pipeline.add(&rec).unwrap();
    // Uploads end after the meeting (while going to NULL): said here.
    rec.connect("recording-state-changed", false, |args| {
        let status = args[1].get::<String>().unwrap_or_default();
        if status.starts_with("RECORDING_UPLOAD") {
            println!("  {status} {}", args[3].get::<String>().unwrap_or_default());
        }
        None
    });
    // Streams and HLS: each state as it comes.
    rec.connect("output-state-changed", false, |args| {
        let s = |i: usize| args[i].get::<String>().unwrap_or_default();
        if s(3) != "file" {
            println!("  {} {} {}", s(1), s(3), s(4));
        }
        None
    });
    let quality: gstmeetrec::bitratepolicy::Quality = rec.property("quality");
    let fps = policy::Quality::from(quality)
        .preset(policy::Orientation::Landscape)
        .fps as u64;

    if !o.sdps.is_empty() {
        for (i, path) in o.sdps.iter().enumerate() {
            let text = std::fs::read_to_string(path).map_err(|e| format!("--sdp {path}: {e}"))?;
            let name = std::path::Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| format!("Participant {i}"));
            gstmeetrec::rtp::receive(pipeline.upcast_ref(), &rec, &text, &format!("p{i}"), &name)
                .map_err(|e| format!("--sdp {path}: {e}"))?;
            println!("  {name}: listening as {path} says");
        }
        // What a media server asks its senders for (VDO.Ninja's inbound
        // column), e.g. as the Opus maxaveragebitrate it negotiates.
        let inbound: u32 = rec.property("inbound-audio-bitrate");
        println!(
            "  senders' Opus: up to {inbound} kbps (a=fmtp:<pt> maxaveragebitrate={})",
            inbound * 1000
        );
    } else if o.inputs.is_empty() {
        // Non-live sources, cut to the duration, so the demo runs as fast as
        // the machine can encode and the file is exactly --duration long.
        let frames = o.duration * fps;
        let audio_buffers = o.duration * 50; // 20 ms buffers
        // With --pause the meeting runs in real time, as a live one does, so
        // its pauses fall at those seconds; a stream is watched in real time.
        let live = o.live || !o.pauses.is_empty();
        for i in 0..o.participants {
            let vpad = rec.request_pad_simple("video_%u").unwrap();
            let apad = rec.request_pad_simple("audio_%u").unwrap();
            for pad in [&vpad, &apad] {
                pad.set_property("participant-id", format!("p{i}"));
                pad.set_property("display-name", NAMES[i % NAMES.len()]);
            }
            link_new(
                &pipeline,
                &[&format!(
                    "videotestsrc is-live={live} pattern={} num-buffers={frames} ! \
                     capsfilter caps=\"video/x-raw,format=I420,width=640,height=360,framerate={fps}/1\"",
                    PATTERNS[i % PATTERNS.len()]
                )],
                &vpad,
            )?;
            let tone = gst::parse::bin_from_description(
                &format!(
                    "audiotestsrc name=tone is-live={live} wave=sine freq={} samplesperbuffer=960 num-buffers={audio_buffers} ! \
                     capsfilter caps=\"audio/x-raw,rate=48000,channels=1\"",
                    220 * (i + 2)
                ),
                true,
            )
            .map_err(|e| e.to_string())?;
            // Participants take turns: the speaker's tone is on, the others are
            // silent, so `level` drives the speaker layout as in a real meeting.
            let src = tone.by_name("tone").unwrap();
            let n = o.participants as u64;
            let src2 = src.clone();
            src.static_pad("src")
                .unwrap()
                .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                    if let Some(pts) = info.buffer().and_then(|b| b.pts()) {
                        let speaker = (pts.seconds() / TURN_SECONDS) % n;
                        src2.set_property("volume", if speaker == i as u64 { 0.5f64 } else { 0.0 });
                    }
                    gst::PadProbeReturn::Ok
                });
            pipeline.add(&tone).unwrap();
            tone.static_pad("src")
                .unwrap()
                .link(&apad)
                .map_err(|e| e.to_string())?;
        }
    } else {
        for (i, input) in o.inputs.iter().enumerate() {
            let uri = to_uri(input)?;
            let name = participant_name(input).unwrap_or_else(|| format!("Participant {i}"));
            let dec = gst::ElementFactory::make("uridecodebin")
                .property("uri", &uri)
                .build()
                .map_err(|e| e.to_string())?;
            pipeline.add(&dec).unwrap();
            let (pw, rw) = (pipeline.downgrade(), rec.downgrade());
            dec.connect_pad_added(move |_, src_pad| {
                let (Some(pipeline), Some(rec)) = (pw.upgrade(), rw.upgrade()) else {
                    return;
                };
                let caps = src_pad.current_caps();
                let kind = caps
                    .as_ref()
                    .and_then(|c| c.structure(0))
                    .map(|s| s.name().to_string())
                    .unwrap_or_default();
                let (template, convert) = if kind.starts_with("video/") {
                    ("video_%u", "videoconvert")
                } else if kind.starts_with("audio/") {
                    ("audio_%u", "audioconvert")
                } else {
                    return;
                };
                let pad = rec.request_pad_simple(template).unwrap();
                pad.set_property("participant-id", format!("p{i}"));
                pad.set_property("display-name", &name);
                match link_new(&pipeline, &[convert], &pad) {
                    Ok(sink) => {
                        let _ = src_pad.link(&sink);
                    }
                    Err(e) => eprintln!("{input}: {e}", input = uri),
                }
            });
        }
    }
    if let Some(p) = o.pin {
        // Pinning is a compositor pad property; the recorder's compositor is a child.
        let comp = rec
            .downcast_ref::<gst::Bin>()
            .unwrap()
            .by_name("compositor")
            .unwrap();
        comp.static_pad(&format!("sink_{p}"))
            .ok_or(format!("--pin {p}: no such participant"))?
            .set_property("pinned", true);
    }

    println!(
        "recording {} participant(s) for {} s -> {}",
        if !o.sdps.is_empty() {
            o.sdps.len()
        } else if o.inputs.is_empty() {
            o.participants
        } else {
            o.inputs.len()
        },
        o.duration,
        o.output
    );
    let bus = pipeline.bus().unwrap();
    if pipeline.set_state(gst::State::Playing).is_err() {
        // The recorder posts why (say, a container that cannot hold the codec).
        let why = bus
            .pop_filtered(&[gst::MessageType::Error])
            .and_then(|m| match m.view() {
                gst::MessageView::Error(e) => Some(e.error().to_string()),
                _ => None,
            })
            .unwrap_or_else(|| "the meeting did not start".into());
        let _ = pipeline.set_state(gst::State::Null);
        return Err(why);
    }
    let limit = gst::ClockTime::from_seconds(o.duration);
    let mut finished: Option<String> = None;
    let mut own_files: Vec<(String, String)> = Vec::new();
    let mut failed: Option<String> = None;
    let mut eos_sent = false;
    // Recordings (the composite and everyone's own) started and finished.
    let (mut begun, mut ended) = (0, 0);
    let mut pauses = o.pauses.clone();
    pauses.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut resume_at: Option<f64> = None;
    let mut last_report = 0;
    loop {
        if let Some(msg) = bus.timed_pop(gst::ClockTime::from_mseconds(200)) {
            match msg.view() {
                gst::MessageView::Eos(..) => break,
                gst::MessageView::Error(e) => {
                    failed = Some(format!(
                        "{}: {}",
                        msg.src()
                            .map(|s| s.path_string().to_string())
                            .unwrap_or_default(),
                        e.error()
                    ));
                    break;
                }
                gst::MessageView::Warning(w) => eprintln!("warning: {}", w.error()),
                gst::MessageView::Element(e) => {
                    if let Some(s) = e
                        .structure()
                        .filter(|s| s.name() == "recording-state-changed")
                    {
                        let status = s.get::<String>("status").unwrap_or_default();
                        let location = s.get::<String>("location").unwrap_or_default();
                        let who = s.get::<String>("participant-id").ok();
                        match status.as_str() {
                            gstmeetrec::meetingrecorder::RECORDING_STARTING => begun += 1,
                            gstmeetrec::meetingrecorder::RECORDING_STOPPED
                            | gstmeetrec::meetingrecorder::RECORDING_FAILED => ended += 1,
                            _ => {}
                        }
                        let whose = who
                            .as_ref()
                            .map(|w| format!(" ({w} alone)"))
                            .unwrap_or_default();
                        match s.get::<String>("reason") {
                            Ok(reason) => println!("  {status}{whose}: {reason}"),
                            Err(_) => println!("  {status}{whose} {location}"),
                        }
                        if let (Some(w), gstmeetrec::meetingrecorder::RECORDING_STOPPED) =
                            (&who, status.as_str())
                        {
                            own_files.push((w.clone(), location));
                        } else if who.is_some() {
                            // A participant's own file failing leaves the rest be.
                        } else if status == gstmeetrec::meetingrecorder::RECORDING_STOPPED {
                            finished = Some(location);
                        } else if status == gstmeetrec::meetingrecorder::RECORDING_FAILED {
                            failed = Some(s.get::<String>("reason").unwrap_or_default());
                        }
                    }
                }
                _ => {}
            }
        }
        if failed.is_some() {
            break;
        }
        let pos = pipeline
            .query_position::<gst::ClockTime>()
            .unwrap_or_default();
        // The meeting's time (the recording's stands still while paused).
        let secs = pipeline
            .current_running_time()
            .map_or(0.0, |t| t.nseconds() as f64 / 1e9);
        // --pause: the next pause when it is due, its resume when that is.
        match resume_at {
            Some(r) if secs >= r => {
                rec.emit_by_name::<bool>("resume", &[]);
                resume_at = None;
            }
            None if pauses.first().is_some_and(|&(at, _)| secs >= at) => {
                let (at, length) = pauses.remove(0);
                rec.emit_by_name::<bool>("pause", &[]);
                resume_at = Some(at + length);
            }
            _ => {}
        }
        if pos.seconds() > last_report {
            last_report = pos.seconds();
            println!("  {last_report:>3} s recorded");
        }
        // Real files may be longer than --duration: end the meeting there.
        if !o.inputs.is_empty() && pos >= limit && !eos_sent {
            eos_sent = true;
            pipeline.send_event(gst::event::Eos::new());
        }
        // RTP senders never end the meeting: the recording stops at
        // --duration, and the meeting with it once every file is written.
        if !o.sdps.is_empty() {
            if secs >= o.duration as f64 && !eos_sent {
                eos_sent = true;
                rec.emit_by_name::<()>("stop", &[]);
            }
            if eos_sent && finished.is_some() && ended >= begun {
                break;
            }
        }
    }
    pipeline
        .set_state(gst::State::Null)
        .map_err(|e| e.to_string())?;
    if let Some(reason) = failed {
        return Err(reason);
    }
    let location = finished.ok_or("the recording did not finish")?;
    report(std::path::Path::new(&location))?;
    for (who, location) in own_files {
        println!("\n{who} alone:");
        report(std::path::Path::new(&location))?;
    }
    Ok(())
}

fn report(path: &std::path::Path) -> Result<(), String> {
    if !path.exists()
        && let Ok(meta) = gstmeetrec::metadata::Recording::read(path)
        && let Some(remote) = meta.remote_uri
    {
        println!(
            "done: uploaded to {remote} (keep-local=false removed {})",
            path.display()
        );
        return Ok(());
    }
    let abs = std::fs::canonicalize(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let meta = metadata::Recording::read(&abs).map_err(|e| format!("metadata: {e}"))?;
    let uri = gst::glib::filename_to_uri(&abs, None).map_err(|e| e.to_string())?;
    let discoverer = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(15))
        .map_err(|e| e.to_string())?;
    let info = discoverer
        .discover_uri(&uri)
        .map_err(|e| format!("{}: {e}", abs.display()))?;
    println!("done: {}", abs.display());
    println!("  metadata {}", metadata::path_for(&abs).display());
    println!("  size     {:.0} kB", meta.file.size_bytes as f64 / 1e3);
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
    for a in info.audio_streams() {
        let codec = a
            .caps()
            .map(|c| gst_pbutils::pb_utils_get_codec_description(&c).to_string());
        println!(
            "  audio    {} {} ch {} Hz",
            codec.unwrap_or_default(),
            a.channels(),
            a.sample_rate()
        );
    }
    let names: Vec<&str> = meta.participants.iter().map(|p| p.name.as_str()).collect();
    println!("  people   {}", names.join(", "));
    Ok(())
}

fn main() {
    let code = match parse_args().and_then(run) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("meetrec-record: {e}");
            1
        }
    };
    std::process::exit(code);
}

#[cfg(test)]
mod tests {
    use super::participant_name;

    #[test]
    fn a_participant_is_named_by_its_file_or_its_stream() {
        let name = |i: &str| participant_name(i);
        assert_eq!(name("clips/ada.webm").as_deref(), Some("ada"));
        assert_eq!(name("file:///tmp/alan.mp4").as_deref(), Some("alan"));
        assert_eq!(
            name("srt://127.0.0.1:47013").as_deref(),
            Some("127.0.0.1:47013")
        );
        assert_eq!(
            name("srt://127.0.0.1:47013?mode=caller&latency=200").as_deref(),
            Some("127.0.0.1:47013")
        );
        assert_eq!(name("udp://0.0.0.0:5000").as_deref(), Some("0.0.0.0:5000"));
        assert_eq!(
            name("rtsp://cam:pw@10.1.2.3:554/stream1").as_deref(),
            Some("stream1")
        );
        assert_eq!(
            name("http://127.0.0.1:8000/live/grace.m3u8").as_deref(),
            Some("grace")
        );
        assert_eq!(name("srt://").as_deref(), None);
    }
}
