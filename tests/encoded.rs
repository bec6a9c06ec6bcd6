// SPDX-License-Identifier: MPL-2.0
//! Encoded participants, as media servers hold them: VP8/VP9/H.264/AV1 video
//! and Opus audio on the recorder's pads, decoded only while shown, a corrupt
//! participant contained, and their own files kept as received.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gst::prelude::*;

mod common;
use common::{discover, init, pixel, serial};
use gstmeetrec::layout::{self, Rgb};
use gstmeetrec::metadata;

const COLOURS: [Rgb; 4] = [
    Rgb(240, 30, 30),
    Rgb(30, 200, 60),
    Rgb(40, 60, 230),
    Rgb(230, 200, 30),
];
const FPS: i32 = 24;

fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("encoded", name)
}

fn argb(c: Rgb) -> u32 {
    0xff00_0000u32 | (c.0 as u32) << 16 | (c.1 as u32) << 8 | c.2 as u32
}

/// `codec`'s encoder as a media server's sender would run it: realtime,
/// a keyframe every `key` frames (and whenever asked).
fn encoder(codec: &str, key: u32) -> String {
    match codec {
        "vp8" => format!("vp8enc deadline=1 cpu-used=8 keyframe-max-dist={key}"),
        "vp9" => format!("vp9enc deadline=1 cpu-used=8 keyframe-max-dist={key}"),
        "h264" => format!("x264enc tune=zerolatency speed-preset=ultrafast key-int-max={key}"),
        "av1" => format!(
            "av1enc usage-profile=realtime cpu-used=10 \
             keyframe-max-dist={key}"
        ),
        _ => unreachable!(),
    }
}

fn encoder_installed(codec: &str) -> bool {
    let name = encoder(codec, 1);
    gst::ElementFactory::find(name.split(' ').next().unwrap()).is_some()
}

/// A participant sending `colour` encoded as `codec` to `r.video_{i}`.
fn sender(i: usize, codec: &str, colour: Rgb, seconds: i32, live: bool, key: u32) -> String {
    format!(
        "videotestsrc name=cam{i} is-live={live} pattern=solid-color num-buffers={} \
         foreground-color={} ! video/x-raw,format=I420,width=320,height=240,framerate={FPS}/1 \
         ! {} name=enc{i} ! r.video_{i} ",
        if seconds < 0 { -1 } else { seconds * FPS },
        argb(colour),
        encoder(codec, key),
    )
}

/// Participant 0's microphone, as Opus: pink noise (they are the speaker).
fn opus_microphone(seconds: i32, live: bool) -> String {
    format!(
        "audiotestsrc is-live={live} wave=pink-noise volume=0.5 samplesperbuffer=960 \
         num-buffers={} ! audio/x-raw,rate=48000,channels=1 ! opusenc name=opus0 ! r.audio_0 ",
        if seconds < 0 { -1 } else { seconds * 50 }
    )
}

fn recorder(dir: &Path, props: &str, people: usize) -> String {
    let mut d = format!(
        "meetingrecorder name=r show-labels=false quality=low location={}/{{id}}.{{ext}} {props} \
         audio_0::participant-id=p0 ",
        dir.display()
    );
    for i in 0..people {
        d += &format!("video_{i}::participant-id=p{i} ");
    }
    d
}

fn launch(desc: &str) -> (gst::Pipeline, gst::Element) {
    let p = gst::parse::launch(desc)
        .unwrap_or_else(|e| panic!("{e}: {desc}"))
        .downcast::<gst::Pipeline>()
        .unwrap();
    let r = p.by_name("r").unwrap();
    (p, r)
}

/// Plays to EOS; the WARNINGs seen on the way.
fn run(p: &gst::Pipeline) -> Vec<gst::Message> {
    common::run_until_eos(p, gst::ClockTime::from_seconds(120))
        .unwrap_or_else(|e| panic!("{}", common::error_text(&e)))
}

fn recordings(dir: &Path) -> Vec<(PathBuf, metadata::Recording)> {
    let mut found = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let m: metadata::Recording =
                serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
            found.push((path.with_extension(""), m));
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn composite(dir: &Path) -> (PathBuf, metadata::Recording) {
    recordings(dir)
        .into_iter()
        .find(|(_, m)| m.participant_id.is_none())
        .expect("a composite recording")
}

fn own(dir: &Path, who: &str) -> (PathBuf, metadata::Recording) {
    recordings(dir)
        .into_iter()
        .find(|(_, m)| m.participant_id.as_deref() == Some(who))
        .unwrap_or_else(|| panic!("no own recording of {who} in {:?}", recordings(dir)))
}

fn close(rgb: &[u8], w: u32, at: (u32, u32), c: Rgb) -> bool {
    common::near(pixel(rgb, w, at), c)
}

/// Buffers out of participant `pad`'s decoder: the frames decoded.
fn count_decoded(rec: &gst::Element, pad: &str) -> Arc<AtomicUsize> {
    let n = Arc::new(AtomicUsize::new(0));
    let n2 = n.clone();
    let rec = rec.clone().downcast::<gst::Bin>().unwrap();
    let name = format!("decode-{pad}");
    // The decoder goes in when the caps come: watch for it.
    rec.connect_element_added(move |_, e| {
        if e.name() == name.as_str() {
            let n = n2.clone();
            e.static_pad("src")
                .unwrap()
                .add_probe(gst::PadProbeType::BUFFER, move |_, _| {
                    n.fetch_add(1, Ordering::SeqCst);
                    gst::PadProbeReturn::Ok
                });
        }
    });
    n
}

/// Upstream force-key-unit events reaching encoder `enc` (the sender): the
/// keyframe requests it got, with the running time of each.
fn count_requests(p: &gst::Pipeline, enc: &str) -> Arc<Mutex<Vec<gst::ClockTime>>> {
    let seen: Arc<Mutex<Vec<gst::ClockTime>>> = Arc::default();
    let s2 = seen.clone();
    let pw = p.downgrade();
    p.by_name(enc)
        .unwrap()
        .static_pad("src")
        .unwrap()
        .add_probe(gst::PadProbeType::EVENT_UPSTREAM, move |_, info| {
            if let Some(e) = info.event()
                && gst_video::UpstreamForceKeyUnitEvent::parse(e).is_ok()
            {
                let now = pw
                    .upgrade()
                    .and_then(|p| p.current_running_time())
                    .unwrap_or(gst::ClockTime::ZERO);
                s2.lock().unwrap().push(now);
            }
            gst::PadProbeReturn::Ok
        });
    seen
}

#[test]
fn encoded_participants_of_every_installed_codec_are_composed() {
    let _serial = serial();
    init();
    let dir = fresh_dir("codecs");
    let mut codecs = vec!["vp8", "vp9", "h264", "av1"];
    codecs.retain(|c| {
        let ok = encoder_installed(c);
        if !ok {
            eprintln!("SKIPPED {c}: no encoder installed to make its test stream");
        }
        ok
    });
    let seconds = 3;
    let mut desc = recorder(&dir, "", codecs.len());
    for (i, codec) in codecs.iter().enumerate() {
        desc += &sender(i, codec, COLOURS[i], seconds, false, 30);
    }
    desc += &opus_microphone(seconds, false);
    let (p, _) = launch(&desc);
    let warnings = run(&p);
    assert!(warnings.is_empty(), "warnings: {warnings:?}");

    let (file, meta) = composite(&dir);
    let found = discover(&file);
    assert_eq!(
        found.video,
        Some(("video/x-vp8".to_string(), 640, 360)),
        "the composite"
    );
    assert_eq!(
        found.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/x-opus")
    );
    assert!(
        (found.duration_s - seconds as f64).abs() < 0.3,
        "{} s",
        found.duration_s
    );
    assert_eq!(meta.participants.len(), codecs.len());
    let (rgb, w, h) = common::frame_at(&file, 2.0);
    let cfg = layout::Config {
        show_labels: false,
        ..Default::default()
    };
    let tiles = common::layout_tiles(&cfg, codecs.len(), w, h, Some(0));
    for (i, codec) in codecs.iter().enumerate() {
        let c = tiles[i].centre();
        assert!(
            close(&rgb, w, c, COLOURS[i]),
            "{codec} participant's tile at {c:?} is {:?}, not {:?}",
            pixel(&rgb, w, c),
            COLOURS[i]
        );
    }
}

#[test]
fn hidden_participants_are_not_decoded_and_one_coming_into_view_asks_for_a_keyframe() {
    let _serial = serial();
    init();
    let dir = fresh_dir("hidden");
    let seconds = 6;
    // Spotlight: only the speaker (p0, who talks) is shown. Keyframes every
    // 10 s: none come by themselves after the first.
    let mut desc = recorder(&dir, "layout=spotlight priority=pin", 3);
    for (i, colour) in COLOURS.iter().take(3).enumerate() {
        desc += &sender(i, "vp8", *colour, seconds, true, 240);
    }
    desc += &opus_microphone(seconds, true);
    let (p, rec) = launch(&desc);
    let decoded: Vec<_> = (0..3)
        .map(|i| count_decoded(&rec, &format!("video_{i}")))
        .collect();
    let requests: Vec<_> = (0..3)
        .map(|i| count_requests(&p, &format!("enc{i}")))
        .collect();
    // At 3 s p1 is pinned: they come into view.
    let compositor = rec
        .clone()
        .downcast::<gst::Bin>()
        .unwrap()
        .by_name("compositor")
        .unwrap();
    let pinned_at = Arc::new(Mutex::new(None));
    {
        let (pw, pinned_at, decoded) = (p.downgrade(), pinned_at.clone(), decoded.clone());
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(3));
            let Some(p) = pw.upgrade() else { return };
            let before: Vec<usize> = decoded.iter().map(|d| d.load(Ordering::SeqCst)).collect();
            *pinned_at.lock().unwrap() = Some((p.current_running_time(), before));
            compositor
                .static_pad("sink_1")
                .unwrap()
                .set_property("pinned", true);
        });
    }
    run(&p);
    let (at, before) = pinned_at.lock().unwrap().clone().expect("pinned");
    let at = at.expect("running time at the pin");
    let after: Vec<usize> = decoded.iter().map(|d| d.load(Ordering::SeqCst)).collect();
    eprintln!("decoded before the pin {before:?}, at the end {after:?}");
    // Shown from the start: every frame decoded until the pin.
    assert!(before[0] >= 2 * FPS as usize, "p0 decoded {}", before[0]);
    // Hidden: one picture (their first keyframe) for the tile to keep, and
    // what came before the compositor first laid the meeting out (a frame).
    assert!(before[1] <= 3, "p1 hidden, decoded {}", before[1]);
    assert!(after[2] <= 3, "p2 hidden throughout, decoded {}", after[2]);
    // And p0, hidden once p1 is pinned (spotlight shows one).
    assert!(
        after[0] - before[0] <= 3,
        "p0 hidden after the pin, decoded {}",
        after[0] - before[0]
    );
    // Coming into view: a keyframe asked of p1's encoder, after the pin and
    // promptly, and their frames decoded from it.
    let asked: Vec<_> = requests[1].lock().unwrap().clone();
    let late = asked.iter().filter(|t| **t >= at).collect::<Vec<_>>();
    assert!(
        !late.is_empty(),
        "no keyframe request reached p1's encoder ({asked:?})"
    );
    assert!(
        *late[0] < at + gst::ClockTime::from_mseconds(500),
        "first request {} after the pin at {at}",
        late[0]
    );
    assert!(
        late.len() <= 2,
        "requests are rate-limited and stop once a keyframe comes: {late:?}"
    );
    assert!(
        after[1] - before[1] >= (seconds as usize - 4) * FPS as usize,
        "p1 decoded {} frames after coming into view",
        after[1] - before[1]
    );
    assert!(
        requests[2].lock().unwrap().len() <= 1,
        "hidden p2 is not asked for keyframes: {:?}",
        requests[2].lock().unwrap()
    );
    // The picture: p0 before the pin, p1 from shortly after it.
    let (file, _) = composite(&dir);
    let pin_s = at.nseconds() as f64 / 1e9;
    let (rgb, w, h) = common::frame_at(&file, pin_s - 1.0);
    assert!(
        close(&rgb, w, (w / 2, h / 2), COLOURS[0]),
        "before the pin: {:?}",
        pixel(&rgb, w, (w / 2, h / 2))
    );
    let (rgb, w, h) = common::frame_at(&file, pin_s + 0.5);
    assert!(
        close(&rgb, w, (w / 2, h / 2), COLOURS[1]),
        "0.5 s after the pin: {:?}",
        pixel(&rgb, w, (w / 2, h / 2))
    );
}

#[test]
fn a_corrupt_participant_is_named_and_the_meeting_goes_on() {
    let _serial = serial();
    init();
    let dir = fresh_dir("corrupt");
    let seconds = 4;
    let mut desc = recorder(&dir, "", 2);
    desc += &sender(0, "vp8", COLOURS[0], seconds, false, 48);
    desc += &sender(1, "vp8", COLOURS[1], seconds, false, 48);
    desc += &opus_microphone(seconds, false);
    let (p, _) = launch(&desc);
    // p1's frames 20–27 arrive truncated (a broken packetizer, a lossy path).
    let n = AtomicUsize::new(0);
    p.by_name("enc1")
        .unwrap()
        .static_pad("src")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            let i = n.fetch_add(1, Ordering::SeqCst);
            if (20..28).contains(&i)
                && let Some(b) = info.buffer_mut()
            {
                b.make_mut().set_size(10);
            }
            gst::PadProbeReturn::Ok
        });
    let warnings = run(&p);
    let decode_errors: Vec<_> = warnings
        .iter()
        .filter_map(|m| match m.view() {
            gst::MessageView::Warning(w) => w.details().map(|d| d.to_owned()),
            _ => None,
        })
        .filter(|d| d.name() == "participant-decode-error")
        .collect();
    assert!(
        !decode_errors.is_empty(),
        "no participant-decode-error warning in {warnings:?}"
    );
    for d in &decode_errors {
        assert_eq!(d.get::<String>("participant-id").unwrap(), "p1", "{d}");
        assert_eq!(d.get::<String>("codec").unwrap(), "vp8", "{d}");
    }
    let (file, _) = composite(&dir);
    let found = discover(&file);
    assert!(
        (found.duration_s - seconds as f64).abs() < 0.3,
        "the whole meeting: {} s",
        found.duration_s
    );
    common::decode_to_end(&file).expect("the recording plays to its end");
    let cfg = layout::Config {
        show_labels: false,
        ..Default::default()
    };
    // During the damage p1's tile keeps their last good picture; after the
    // next keyframe they are decoded again.
    for at in [1.0, 3.5] {
        let (rgb, w, h) = common::frame_at(&file, at);
        let tiles = common::layout_tiles(&cfg, 2, w, h, Some(0));
        for i in 0..2 {
            let c = tiles[i].centre();
            assert!(
                close(&rgb, w, c, COLOURS[i]),
                "at {at} s p{i}'s tile is {:?}",
                pixel(&rgb, w, c)
            );
        }
    }
}

/// Packet sizes of each stream in `path` (WebM or Matroska) as stored, by
/// media type, in order.
type Packets = Vec<(String, Vec<usize>)>;

fn packet_sizes(path: &Path) -> Packets {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! matroskademux name=d",
        path.display()
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let sizes: Arc<Mutex<Packets>> = Arc::default();
    let (pw, s2) = (p.downgrade(), sizes.clone());
    p.by_name("d").unwrap().connect_pad_added(move |_, pad| {
        let Some(p) = pw.upgrade() else { return };
        let sink = gst::ElementFactory::make("fakesink")
            .property("sync", false)
            .property("async", false)
            .build()
            .unwrap();
        p.add(&sink).unwrap();
        sink.sync_state_with_parent().unwrap();
        let s2 = s2.clone();
        pad.add_probe(gst::PadProbeType::BUFFER, move |pad, info| {
            let kind = pad
                .current_caps()
                .map(|c| c.structure(0).unwrap().name().to_string())
                .unwrap_or_default();
            let mut s = s2.lock().unwrap();
            let i = match s.iter().position(|(k, _)| *k == kind) {
                Some(i) => i,
                None => {
                    s.push((kind, Vec::new()));
                    s.len() - 1
                }
            };
            s[i].1.push(info.buffer().map_or(0, |b| b.size()));
            gst::PadProbeReturn::Ok
        });
        pad.link(&sink.static_pad("sink").unwrap()).unwrap();
    });
    common::run_until_eos(&p, gst::ClockTime::from_seconds(30))
        .unwrap_or_else(|e| panic!("{}", common::error_text(&e)));
    sizes.lock().unwrap().clone()
}

/// Sizes of the buffers leaving element `name`'s src pad.
fn sent_sizes(p: &gst::Pipeline, name: &str) -> Arc<Mutex<Vec<usize>>> {
    let sizes: Arc<Mutex<Vec<usize>>> = Arc::default();
    let s2 = sizes.clone();
    p.by_name(name)
        .unwrap()
        .static_pad("src")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            s2.lock()
                .unwrap()
                .push(info.buffer().map_or(0, |b| b.size()));
            gst::PadProbeReturn::Ok
        });
    sizes
}

/// Whether `part` is a contiguous run of `whole`.
fn is_run_of(part: &[usize], whole: &[usize]) -> bool {
    !part.is_empty() && whole.windows(part.len()).any(|w| w == part)
}

#[test]
fn own_files_keep_encoded_streams_as_received() {
    let _serial = serial();
    init();
    let dir = fresh_dir("remux");
    let seconds = 4;
    let mut desc = recorder(&dir, "isolated=true", 2);
    desc += &sender(0, "vp8", COLOURS[0], seconds, true, 48);
    desc += &sender(1, "h264", COLOURS[1], seconds, true, 48);
    desc += &opus_microphone(seconds, true);
    let (p, _) = launch(&desc);
    let vp8 = sent_sizes(&p, "enc0");
    let opus = sent_sizes(&p, "opus0");
    let h264 = sent_sizes(&p, "enc1");
    run(&p);

    // p0: VP8 + Opus fit WebM, as asked; every packet as the sender made it.
    let (file, meta) = own(&dir, "p0");
    assert_eq!(file.extension().unwrap(), "webm");
    assert_eq!(meta.file.requested_container, None);
    let v = meta.file.video.as_ref().expect("video");
    assert_eq!(
        (v.codec.as_str(), v.width, v.height, v.remuxed),
        ("vp8", 320, 240, true)
    );
    let a = meta.file.audio.as_ref().expect("audio");
    assert_eq!((a.codec.as_str(), a.remuxed), ("opus", true));
    let found = discover(&file);
    assert_eq!(found.video.as_ref().map(|v| (v.1, v.2)), Some((320, 240)));
    let packets = packet_sizes(&file);
    let get = |k: &str| {
        packets
            .iter()
            .find(|(kind, _)| kind == k)
            .map(|(_, s)| s.clone())
            .unwrap_or_else(|| panic!("no {k} in {packets:?}"))
    };
    let (file_vp8, file_opus) = (get("video/x-vp8"), get("audio/x-opus"));
    assert!(
        file_vp8.len() >= (seconds as usize - 1) * FPS as usize,
        "{} VP8 frames",
        file_vp8.len()
    );
    assert!(
        is_run_of(&file_vp8, &vp8.lock().unwrap()),
        "the file's VP8 frames are not the sender's, unchanged"
    );
    assert!(
        is_run_of(&file_opus, &opus.lock().unwrap()),
        "the file's Opus packets are not the sender's, unchanged"
    );

    // p1: H.264 does not fit WebM: Matroska, and the metadata says so.
    let (file, meta) = own(&dir, "p1");
    assert_eq!(file.extension().unwrap(), "mkv");
    assert_eq!(meta.file.container, "mkv");
    assert_eq!(meta.file.requested_container.as_deref(), Some("webm"));
    let v = meta.file.video.as_ref().expect("video");
    assert_eq!((v.codec.as_str(), v.remuxed), ("h264", true));
    let packets = packet_sizes(&file);
    let (_, file_h264) = packets
        .iter()
        .find(|(k, _)| k == "video/x-h264")
        .expect("H.264 in p1's file");
    // Every frame the sender made from a keyframe on (the parser frames
    // them as Matroska wants, so sizes are not compared).
    let sent = h264.lock().unwrap().len();
    assert!(
        file_h264.len() >= (seconds as usize - 1) * FPS as usize && file_h264.len() <= sent,
        "{} H.264 frames of {sent} sent",
        file_h264.len()
    );
    // It plays, and shows p1.
    let (rgb, w, h) = common::frame_at(&file, 2.0);
    assert!(
        close(&rgb, w, (w / 2, h / 2), COLOURS[1]),
        "p1's own file shows {:?}",
        pixel(&rgb, w, (w / 2, h / 2))
    );
}

/// When the centre of `path`'s frames turns white (luma), in s.
fn flash_in(path: &Path, at: impl Fn(u32, u32) -> (u32, u32)) -> Option<f64> {
    let mut when = None;
    common::each_rgb_frame(path, |t, rgb, w, h| {
        if pixel(rgb, w, at(w, h)).iter().all(|&c| c > 200) {
            when = Some(t);
        }
        when.is_none()
    });
    when
}

#[test]
fn an_own_file_says_where_it_starts_on_the_composite_to_one_frame() {
    let _serial = serial();
    init();
    let dir = fresh_dir("offset");
    // p0 (raw, from the start) and p1 (VP8, joining 1.5 s in), whose camera
    // shows one white frame 2 s after they join.
    let desc = format!(
        "{} videotestsrc is-live=true pattern=solid-color foreground-color={} num-buffers={} \
         ! video/x-raw,format=I420,width=320,height=240,framerate={FPS}/1 ! r.video_0 {}",
        recorder(&dir, "isolated=true", 1),
        argb(COLOURS[0]),
        6 * FPS,
        opus_microphone(6, true)
    );
    let (p, rec) = launch(&desc);
    p.set_state(gst::State::Playing).unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    let cam = gst::parse::bin_from_description(
        &format!(
            "videotestsrc name=cam is-live=true pattern=black num-buffers={} \
             ! video/x-raw,format=I420,width=320,height=240,framerate={FPS}/1 ! {}",
            4 * FPS,
            encoder("vp8", 240)
        ),
        true,
    )
    .unwrap();
    let n = AtomicUsize::new(0);
    cam.by_name("cam")
        .unwrap()
        .static_pad("src")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            if n.fetch_add(1, Ordering::SeqCst) == 2 * FPS as usize
                && let Some(b) = info.buffer_mut()
            {
                let b = b.make_mut();
                let mut map = b.map_writable().unwrap();
                let y = 320 * 240;
                map[..y].fill(235);
                map[y..].fill(128);
            }
            gst::PadProbeReturn::Ok
        });
    p.add(&cam).unwrap();
    let pad = rec.request_pad_simple("video_%u").unwrap();
    pad.set_property("participant-id", "p1");
    cam.static_pad("src").unwrap().link(&pad).unwrap();
    cam.sync_state_with_parent().unwrap();
    let bus = p.bus().unwrap();
    let msg = bus
        .timed_pop_filtered(
            gst::ClockTime::from_seconds(30),
            &[gst::MessageType::Eos, gst::MessageType::Error],
        )
        .expect("the meeting ends");
    p.set_state(gst::State::Null).unwrap();
    assert!(matches!(msg.view(), gst::MessageView::Eos(_)), "{msg:?}");

    let (own_file, meta) = own(&dir, "p1");
    let offset = meta.offset_ms.expect("offsetMs") as f64 / 1000.0;
    assert!(
        (1.2..2.5).contains(&offset),
        "p1 joined 1.5 s in; offsetMs {offset}"
    );
    let (file, _) = composite(&dir);
    let cfg = layout::Config {
        show_labels: false,
        ..Default::default()
    };
    let in_own = flash_in(&own_file, |w, h| (w / 2, h / 2)).expect("the flash in p1's file");
    let in_composite = flash_in(&file, |w, h| {
        common::layout_tiles(&cfg, 2, w, h, Some(0))[1].centre()
    })
    .expect("the flash in the composite");
    let frame = 1.0 / FPS as f64;
    assert!(
        (in_own + offset - in_composite).abs() <= frame + 0.002,
        "flash at {in_own:.3} s in p1's file + offset {offset:.3} s ≠ {in_composite:.3} s in the composite"
    );
}

#[test]
fn an_encoded_participant_changing_size_or_codec_mid_stream_keeps_their_tile() {
    let _serial = serial();
    init();
    let dir = fresh_dir("switch");
    // p0 sends VP8 throughout; p1 sends VP8 at 320x240, then (simulcast-style)
    // 640x480, and p2 starts as VP8 and is switched to H.264 (a new sender).
    let mut desc = recorder(&dir, "", 3);
    desc += &sender(0, "vp8", COLOURS[0], -1, true, 48);
    desc += &sender(1, "vp8", COLOURS[1], -1, true, 48).replace(
        "! video/x-raw,format=I420,width=320",
        "! capsfilter name=size1 caps=video/x-raw,format=I420,width=320",
    );
    desc += &format!(
        "videotestsrc name=cam2 is-live=true pattern=solid-color foreground-color={} \
         ! video/x-raw,format=I420,width=320,height=240,framerate={FPS}/1 ! tee name=t2 \
         t2. ! queue ! {} ! sel.sink_0 t2. ! queue ! {} ! h264parse ! sel.sink_1 \
         input-selector name=sel sync-mode=clock ! r.video_2 ",
        argb(COLOURS[2]),
        encoder("vp8", 48),
        encoder("h264", 48)
    );
    desc += &opus_microphone(-1, true);
    let (p, rec) = launch(&desc);
    p.set_state(gst::State::Playing).unwrap();
    std::thread::sleep(Duration::from_secs(2));
    p.by_name("size1").unwrap().set_property(
        "caps",
        gst::Caps::builder("video/x-raw")
            .field("format", "I420")
            .field("width", 640i32)
            .field("height", 480i32)
            .field("framerate", gst::Fraction::new(FPS, 1))
            .build(),
    );
    let sel = p.by_name("sel").unwrap();
    let h264 = sel.static_pad("sink_1").unwrap();
    sel.set_property("active-pad", &h264);
    let switched_at = p.current_running_time().unwrap();
    std::thread::sleep(Duration::from_secs(3));
    let now = |pad: &str| {
        rec.static_pad(pad)
            .unwrap()
            .current_caps()
            .map(|c| c.to_string())
            .unwrap_or_default()
    };
    let (c1, c2) = (now("video_1"), now("video_2"));
    rec.emit_by_name::<()>("stop", &[]);
    let bus = p.bus().unwrap();
    common::wait_until(
        Duration::from_secs(15),
        || {
            bus.pop_filtered(&[gst::MessageType::Element])
                .and_then(|m| {
                    m.structure()
                        .map(|s| s.get::<String>("status").ok() == Some("RECORDING_STOPPED".into()))
                })
                .unwrap_or(false)
        },
        || "not stopped".into(),
    );
    common::stop_without_errors(&p);
    assert!(c1.contains("width=(int)640"), "p1 switched size: {c1}");
    assert!(c2.starts_with("video/x-h264"), "p2 switched codec: {c2}");

    let (file, _) = composite(&dir);
    let cfg = layout::Config {
        show_labels: false,
        ..Default::default()
    };
    let at = switched_at.nseconds() as f64 / 1e9;
    for t in [at - 0.5, at + 1.0, at + 2.5] {
        let (rgb, w, h) = common::frame_at(&file, t);
        let tiles = common::layout_tiles(&cfg, 3, w, h, Some(0));
        for (i, tile) in tiles.iter().enumerate() {
            let c = tile.centre();
            assert!(
                close(&rgb, w, c, COLOURS[i]),
                "at {t:.1} s p{i}'s tile is {:?}",
                pixel(&rgb, w, c)
            );
        }
    }
}

#[test]
fn an_own_file_waits_for_a_sender_that_has_not_said_its_codec_and_is_made_once_as_received() {
    let _serial = serial();
    init();
    let dir = fresh_dir("remake");
    // p0's pad is fed by a funnel with nothing in it yet: its caps say ANY
    // when the recording (and p0's own file) starts.
    let desc = format!(
        "{} funnel name=f ! r.video_0 {}",
        recorder(&dir, "isolated=true", 1),
        opus_microphone(-1, true)
    );
    let (p, rec) = launch(&desc);
    let states: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
    let s2 = states.clone();
    rec.connect("recording-state-changed", false, move |args| {
        let get = |i: usize| args[i].get::<String>().unwrap();
        s2.lock().unwrap().push((get(1), get(2)));
        None
    });
    p.set_state(gst::State::Playing).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let cam = gst::parse::bin_from_description(
        &format!(
            "videotestsrc is-live=true pattern=solid-color foreground-color={} \
             ! video/x-raw,format=I420,width=320,height=240,framerate={FPS}/1 ! {}",
            argb(COLOURS[0]),
            encoder("vp8", 48)
        ),
        true,
    )
    .unwrap();
    p.add(&cam).unwrap();
    let f = p.by_name("f").unwrap();
    cam.static_pad("src")
        .unwrap()
        .link(&f.request_pad_simple("sink_%u").unwrap())
        .unwrap();
    cam.sync_state_with_parent().unwrap();
    std::thread::sleep(Duration::from_secs(3));
    rec.emit_by_name::<()>("stop", &[]);
    common::wait_until(
        Duration::from_secs(15),
        || {
            let s = states.lock().unwrap();
            let n = |st: &str| s.iter().filter(|x| x.0 == st).count();
            n("RECORDING_STOPPED") + n("RECORDING_FAILED") >= n("RECORDING_STARTING")
        },
        || format!("not stopped: {:?}", states.lock().unwrap()),
    );
    common::stop_without_errors(&p);
    // Made once (#32 §1): their own file waits for the stream whose codec
    // its sender did not say, and is made in the shape it has — never made
    // raw and abandoned for a remake. The meeting and their one file.
    let starting: Vec<String> = states
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.0 == "RECORDING_STARTING")
        .map(|s| s.1.clone())
        .collect();
    assert_eq!(starting.len(), 2, "files started: {starting:?}");
    assert_eq!(
        states
            .lock()
            .unwrap()
            .iter()
            .filter(|s| s.0 == "RECORDING_FAILED")
            .count(),
        0
    );
    // Their own file, made once their VP8 came: kept as received.
    let own_files: Vec<_> = recordings(&dir)
        .into_iter()
        .filter(|(_, m)| m.participant_id.as_deref() == Some("p0"))
        .collect();
    let (file, meta) = own_files
        .iter()
        .find(|(_, m)| m.file.video.as_ref().is_some_and(|v| v.remuxed))
        .unwrap_or_else(|| panic!("no own file kept as received: {own_files:?}"));
    assert_eq!(meta.file.video.as_ref().unwrap().codec, "vp8");
    let found = discover(file);
    assert!(found.duration_s > 2.0, "{} s", found.duration_s);
    // And the meeting had their picture throughout.
    let (composite_file, _) = composite(&dir);
    let (rgb, w, h) = common::frame_at(&composite_file, 2.5);
    assert!(
        close(&rgb, w, (w / 2, h / 2), COLOURS[0]),
        "p0 in the composite: {:?}",
        pixel(&rgb, w, (w / 2, h / 2))
    );
}
