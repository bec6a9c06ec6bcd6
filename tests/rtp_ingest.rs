// SPDX-License-Identifier: MPL-2.0
//! Participants received as RTP, as a media server sends them: sender
//! pipelines in the test (encoder → payloader → rtpbin → udpsink, RTCP both
//! ways) on 127.0.0.1, one SDP each, into a live meetingrecorder.

use std::net::UdpSocket;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use gst::prelude::*;

mod common;
use common::{init, near, pixel, serial};
use gstmeetrec::layout::{self, Rgb};
use gstmeetrec::rtp;

const COLOURS: [Rgb; 4] = [
    Rgb(240, 30, 30),
    Rgb(30, 200, 60),
    Rgb(40, 60, 230),
    Rgb(230, 200, 30),
];

fn fresh_dir(name: &str) -> PathBuf {
    common::fresh_dir("rtp_ingest", name)
}

/// Two free consecutive UDP ports on 127.0.0.1 (RTP, RTCP), the first even.
fn free_ports() -> u16 {
    loop {
        let a = UdpSocket::bind("127.0.0.1:0").unwrap();
        let p = a.local_addr().unwrap().port();
        if p % 2 == 1 || p == u16::MAX {
            continue;
        }
        if UdpSocket::bind(("127.0.0.1", p + 1)).is_ok() {
            return p;
        }
    }
}

/// A participant's sender: camera (a colour) → VP8 or H.264 → RTP to
/// `port`, RTCP to `port + 1` from a socket it also receives RTCP on; with
/// `audio_port`, a microphone (pink noise) → Opus → RTP there.
struct Sender {
    pipeline: gst::Pipeline,
    /// RTCP packets the sender received (the recorder's reports, requests).
    rtcp_received: Arc<AtomicUsize>,
    /// Keyframe requests its encoder got.
    key_requests: Arc<AtomicUsize>,
    /// RTCP PLI and FIR packets it received.
    pli: Arc<AtomicUsize>,
    fir: Arc<AtomicUsize>,
}

/// (PLI, FIR) packets in an RTCP compound packet (RFC 4585 / 5104: PSFB,
/// PT 206, FMT 1 and 4).
fn psfb_kinds(rtcp: &[u8]) -> (usize, usize) {
    let (mut pli, mut fir, mut at) = (0, 0, 0);
    while at + 4 <= rtcp.len() {
        let (fmt, pt) = (rtcp[at] & 0x1f, rtcp[at + 1]);
        let words = u16::from_be_bytes([rtcp[at + 2], rtcp[at + 3]]) as usize;
        if pt == 206 && fmt == 1 {
            pli += 1;
        } else if pt == 206 && fmt == 4 {
            fir += 1;
        }
        at += (words + 1) * 4;
    }
    (pli, fir)
}

impl Sender {
    fn start(colour: Rgb, codec: &str, port: u16, audio_port: Option<u16>) -> Sender {
        let (enc, pay) = match codec {
            "vp8" => (
                "vp8enc name=enc deadline=1 cpu-used=8 keyframe-max-dist=10000",
                "rtpvp8pay pt=96",
            ),
            "h264" => (
                "x264enc name=enc tune=zerolatency speed-preset=ultrafast key-int-max=10000",
                "rtph264pay pt=96 config-interval=-1",
            ),
            _ => unreachable!(),
        };
        let mut desc = format!(
            "rtpbin name=rb rtp-profile=avpf \
             videotestsrc is-live=true pattern=solid-color foreground-color={} \
             ! video/x-raw,format=I420,width=320,height=240,framerate=24/1 ! {enc} ! {pay} \
             ! rb.send_rtp_sink_0 rb.send_rtp_src_0 ! udpsink name=rtp0 host=127.0.0.1 port={port} \
             rb.send_rtcp_src_0 ! udpsink name=rtcpout0 host=127.0.0.1 port={} sync=false async=false \
             udpsrc name=rtcpin0 address=127.0.0.1 port=0 ! rb.recv_rtcp_sink_0 ",
            0xff00_0000u32 | (colour.0 as u32) << 16 | (colour.1 as u32) << 8 | colour.2 as u32,
            port + 1
        );
        if let Some(a) = audio_port {
            desc += &format!(
                "audiotestsrc is-live=true wave=pink-noise volume=0.5 ! opusenc ! rtpopuspay pt=111 \
                 ! rb.send_rtp_sink_1 rb.send_rtp_src_1 ! udpsink host=127.0.0.1 port={a} \
                 rb.send_rtcp_src_1 ! udpsink name=rtcpout1 host=127.0.0.1 port={} sync=false async=false \
                 udpsrc name=rtcpin1 address=127.0.0.1 port=0 ! rb.recv_rtcp_sink_1 ",
                a + 1
            );
        }
        let pipeline = gst::parse::launch(&desc)
            .unwrap_or_else(|e| panic!("{e}: {desc}"))
            .downcast::<gst::Pipeline>()
            .unwrap();
        let rtcp_received = Arc::new(AtomicUsize::new(0));
        let (pli, fir) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        for i in 0..2 {
            let Some(rtcp_in) = pipeline.by_name(&format!("rtcpin{i}")) else {
                continue;
            };
            // Symmetric RTCP: sent from the socket it is received on.
            rtcp_in.set_state(gst::State::Ready).unwrap();
            let socket = rtcp_in.property_value("used-socket");
            let out = pipeline.by_name(&format!("rtcpout{i}")).unwrap();
            out.set_property_from_value("socket", &socket);
            out.set_property("close-socket", false);
            let (n, pli, fir) = (rtcp_received.clone(), pli.clone(), fir.clone());
            rtcp_in.static_pad("src").unwrap().add_probe(
                gst::PadProbeType::BUFFER,
                move |_, info| {
                    n.fetch_add(1, Ordering::SeqCst);
                    if let Some(map) = info.buffer().and_then(|b| b.map_readable().ok()) {
                        let (p, f) = psfb_kinds(&map);
                        pli.fetch_add(p, Ordering::SeqCst);
                        fir.fetch_add(f, Ordering::SeqCst);
                    }
                    gst::PadProbeReturn::Ok
                },
            );
        }
        let key_requests = Arc::new(AtomicUsize::new(0));
        let n = key_requests.clone();
        pipeline
            .by_name("enc")
            .unwrap()
            .static_pad("src")
            .unwrap()
            .add_probe(gst::PadProbeType::EVENT_UPSTREAM, move |_, info| {
                if info
                    .event()
                    .is_some_and(|e| gst_video::UpstreamForceKeyUnitEvent::parse(e).is_ok())
                {
                    n.fetch_add(1, Ordering::SeqCst);
                }
                gst::PadProbeReturn::Ok
            });
        pipeline.set_state(gst::State::Playing).unwrap();
        Sender {
            pipeline,
            rtcp_received,
            key_requests,
            pli,
            fir,
        }
    }

    /// Drops every `n`th RTP packet of its video before it leaves.
    fn lose_every(&self, n: usize) {
        let i = AtomicUsize::new(0);
        self.pipeline
            .by_name("rtp0")
            .unwrap()
            .static_pad("sink")
            .unwrap()
            .add_probe(
                gst::PadProbeType::BUFFER | gst::PadProbeType::BUFFER_LIST,
                move |_, info| {
                    let lose = || i.fetch_add(1, Ordering::SeqCst) % n == n - 1;
                    // Payloaders push lists: packets are lost one by one.
                    if let Some(list) = info.buffer_list_mut() {
                        list.make_mut().foreach_mut(|b, _| {
                            std::ops::ControlFlow::Continue((!lose()).then_some(b))
                        });
                        return gst::PadProbeReturn::Ok;
                    }
                    if info.buffer().is_some() && lose() {
                        drop(info.take_buffer());
                        return gst::PadProbeReturn::Handled;
                    }
                    gst::PadProbeReturn::Ok
                },
            );
    }

    fn stop(&self) {
        self.pipeline.set_state(gst::State::Null).unwrap();
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        let _ = self.pipeline.set_state(gst::State::Null);
    }
}

struct Meeting {
    pipeline: gst::Pipeline,
    rec: gst::Element,
    states: Arc<Mutex<Vec<(String, String)>>>,
}

impl Meeting {
    fn new(dir: &Path, props: &str) -> Meeting {
        init();
        let desc = format!(
            "meetingrecorder name=r show-labels=false quality=low location={}/{{id}}.{{ext}} {props}",
            dir.display()
        );
        let pipeline = gst::parse::launch(&desc)
            .unwrap()
            .downcast::<gst::Pipeline>()
            .unwrap_or_else(|e| {
                let p = gst::Pipeline::new();
                p.add(&e).unwrap();
                p
            });
        let rec = pipeline.by_name("r").unwrap();
        let states: Arc<Mutex<Vec<(String, String)>>> = Arc::default();
        let s2 = states.clone();
        rec.connect("recording-state-changed", false, move |args| {
            let get = |i: usize| args[i].get::<String>().unwrap();
            s2.lock().unwrap().push((get(1), get(3)));
            None
        });
        Meeting {
            pipeline,
            rec,
            states,
        }
    }

    fn join(&self, id: &str, sdp: &str) -> gst::Bin {
        rtp::receive(self.pipeline.upcast_ref(), &self.rec, sdp, id, id)
            .unwrap_or_else(|e| panic!("{id}: {e}"))
    }

    /// Stops the recording and the meeting once every file is written; the
    /// composite's file (the first recording started).
    fn finish(&self) -> PathBuf {
        self.rec.emit_by_name::<()>("stop", &[]);
        let count = |status: &str| {
            self.states
                .lock()
                .unwrap()
                .iter()
                .filter(|s| s.0 == status)
                .count()
        };
        common::wait_until(
            Duration::from_secs(15),
            || count("RECORDING_STOPPED") >= count("RECORDING_STARTING").max(1),
            || format!("not stopped: {:?}", self.states.lock().unwrap()),
        );
        common::stop_without_errors(&self.pipeline);
        let states = self.states.lock().unwrap();
        PathBuf::from(
            &states
                .iter()
                .find(|s| s.0 == "RECORDING_STARTING")
                .unwrap()
                .1,
        )
    }
}

fn video_sdp(port: u16, codec: &str, audio_port: Option<u16>) -> String {
    let mut streams = vec![(
        rtp::Media::Video,
        port,
        96u8,
        match codec {
            "vp8" => "VP8/90000",
            _ => "H264/90000",
        },
    )];
    if let Some(a) = audio_port {
        streams.push((rtp::Media::Audio, a, 111, "OPUS/48000/2"));
    }
    rtp::describe("127.0.0.1".parse().unwrap(), &streams, Some(128))
}

/// Every decoded frame's pixels at `points`, with its time.
fn samples_at(
    path: &Path,
    points: impl Fn(u32, u32) -> Vec<(u32, u32)>,
) -> Vec<(f64, Vec<[u8; 3]>)> {
    let mut out = Vec::new();
    common::each_rgb_frame(path, |t, rgb, w, h| {
        let px = points(w, h)
            .into_iter()
            .map(|at| pixel(rgb, w, at))
            .collect();
        out.push((t, px));
        true
    });
    out
}

fn grid(n: usize) -> impl Fn(u32, u32) -> Vec<(u32, u32)> {
    move |w, h| {
        let cfg = layout::Config {
            show_labels: false,
            ..Default::default()
        };
        common::layout_tiles(&cfg, n, w, h, Some(0))
            .iter()
            .map(|t| t.centre())
            .collect()
    }
}

#[test]
fn rtp_participants_are_recorded_with_rtcp_both_ways() {
    let _serial = serial();
    let dir = fresh_dir("two");
    let m = Meeting::new(&dir, "isolated=true");
    let (a, b, a_audio) = (free_ports(), free_ports(), free_ports());
    m.join("p0", &video_sdp(a, "vp8", Some(a_audio)));
    m.join("p1", &video_sdp(b, "h264", None));
    m.pipeline.set_state(gst::State::Playing).unwrap();
    let s0 = Sender::start(COLOURS[0], "vp8", a, Some(a_audio));
    let s1 = Sender::start(COLOURS[1], "h264", b, None);
    std::thread::sleep(Duration::from_secs(5));
    let file = m.finish();
    let found = common::discover(&file);
    assert_eq!(
        found.video.as_ref().map(|v| v.0.as_str()),
        Some("video/x-vp8")
    );
    assert_eq!(
        found.audio.as_ref().map(|a| a.0.as_str()),
        Some("audio/x-opus")
    );
    assert!(found.duration_s > 3.5, "{} s", found.duration_s);
    // Both pictures, in most frames after the first second (the jitter
    // buffer and the first keyframe take a moment).
    let frames = samples_at(&file, grid(2));
    let later: Vec<_> = frames.iter().filter(|(t, _)| *t > 1.5).collect();
    for (i, colour) in COLOURS.iter().take(2).enumerate() {
        let good = later.iter().filter(|(_, px)| near(px[i], *colour)).count();
        assert!(
            good == later.len(),
            "p{i}'s tile right in {good} of {} frames",
            later.len()
        );
    }
    // Each one's own file: as they sent it (VP8 + Opus in WebM; H.264 in
    // Matroska, which WebM cannot hold).
    for (who, ext, codec) in [("p0", "webm", "vp8"), ("p1", "mkv", "h264")] {
        let own = file.with_file_name(format!(
            "{}-{who}.{ext}",
            file.file_stem().unwrap().to_string_lossy()
        ));
        let meta = gstmeetrec::metadata::Recording::read(&own)
            .unwrap_or_else(|e| panic!("{}: {e}", own.display()));
        let v = meta.file.video.expect("video");
        assert_eq!(
            (v.codec.as_str(), v.width, v.height, v.remuxed),
            (codec, 320, 240, true)
        );
        assert_eq!(meta.file.audio.is_some(), who == "p0");
        let found = common::discover(&own);
        assert!(
            found.duration_s > 3.0,
            "{who}'s own file: {} s",
            found.duration_s
        );
    }
    // RTCP both ways: the recorder's reports reached the senders.
    for (i, s) in [&s0, &s1].iter().enumerate() {
        let n = s.rtcp_received.load(Ordering::SeqCst);
        assert!(n >= 1, "sender {i} got no RTCP from the recorder");
    }
}

#[test]
fn a_hidden_rtp_participant_coming_into_view_asks_its_sender_for_a_keyframe() {
    keyframe_on_coming_into_view(true);
}

/// An SDP that offers FIR alone gets FIR (the README's example SDPs offer
/// both, and get PLI: what Janus relays).
#[test]
fn a_sender_that_offers_only_fir_is_asked_by_fir() {
    keyframe_on_coming_into_view(false);
}

fn keyframe_on_coming_into_view(pli_offered: bool) {
    let _serial = serial();
    let dir = fresh_dir(if pli_offered {
        "keyframe"
    } else {
        "keyframe-fir"
    });
    let m = Meeting::new(&dir, "layout=spotlight priority=pin");
    let (a, b) = (free_ports(), free_ports());
    let sdp = |port| {
        let sdp = video_sdp(port, "vp8", None);
        if pli_offered {
            sdp
        } else {
            sdp.replace("a=rtcp-fb:96 nack pli\r\n", "")
        }
    };
    m.join("p0", &sdp(a));
    m.join("p1", &sdp(b));
    m.pipeline.set_state(gst::State::Playing).unwrap();
    let s0 = Sender::start(COLOURS[0], "vp8", a, None);
    let s1 = Sender::start(COLOURS[1], "vp8", b, None);
    std::thread::sleep(Duration::from_secs(3));
    let before = s1.key_requests.load(Ordering::SeqCst);
    let pinned_at = m.pipeline.current_running_time().unwrap();
    m.rec
        .clone()
        .downcast::<gst::Bin>()
        .unwrap()
        .by_name("compositor")
        .unwrap()
        .static_pad("sink_1")
        .unwrap()
        .set_property("pinned", true);
    std::thread::sleep(Duration::from_secs(2));
    let after = s1.key_requests.load(Ordering::SeqCst);
    let file = m.finish();
    assert!(
        after > before,
        "p1's encoder got no keyframe request (RTCP PLI/FIR) after coming into view \
         ({before} before, {after} after)"
    );
    let (pli, fir) = (s1.pli.load(Ordering::SeqCst), s1.fir.load(Ordering::SeqCst));
    if pli_offered {
        assert!(pli > 0 && fir == 0, "PLI is offered: {pli} PLI, {fir} FIR");
    } else {
        assert!(
            fir > 0 && pli == 0,
            "FIR alone is offered: {pli} PLI, {fir} FIR"
        );
    }
    let _ = s0;
    // p1 on screen within a second of the pin.
    let pin = pinned_at.nseconds() as f64 / 1e9;
    let frames = samples_at(&file, |w, h| vec![(w / 2, h / 2)]);
    let shown: Vec<_> = frames.iter().filter(|(t, _)| *t > pin + 1.0).collect();
    assert!(!shown.is_empty());
    assert!(
        shown.iter().all(|(_, px)| near(px[0], COLOURS[1])),
        "p1 not shown after the pin: {:?}",
        shown
            .iter()
            .map(|(t, px)| (*t, px[0]))
            .take(5)
            .collect::<Vec<_>>()
    );
}

#[test]
fn five_percent_loss_on_one_participant_leaves_the_others_whole() {
    let _serial = serial();
    let dir = fresh_dir("loss");
    let m = Meeting::new(&dir, "");
    let ports: Vec<u16> = (0..3).map(|_| free_ports()).collect();
    for (i, p) in ports.iter().enumerate() {
        m.join(&format!("p{i}"), &video_sdp(*p, "vp8", None));
    }
    m.pipeline.set_state(gst::State::Playing).unwrap();
    let senders: Vec<Sender> = ports
        .iter()
        .enumerate()
        .map(|(i, p)| Sender::start(COLOURS[i], "vp8", *p, None))
        .collect();
    senders[1].lose_every(20);
    std::thread::sleep(Duration::from_secs(6));
    let file = m.finish();
    common::decode_to_end(&file)
        .map(|_| ())
        .or_else(|e| {
            // No audio participant: a video-only decode.
            if e.contains("not-linked") {
                Ok(())
            } else {
                Err(e)
            }
        })
        .expect("the recording plays");
    let frames = samples_at(&file, grid(3));
    let later: Vec<_> = frames.iter().filter(|(t, _)| *t > 1.5).collect();
    assert!(later.len() > 80, "{} frames", later.len());
    for i in [0, 2] {
        let good = later
            .iter()
            .filter(|(_, px)| near(px[i], COLOURS[i]))
            .count();
        assert_eq!(
            good,
            later.len(),
            "p{i} (no loss) right in {good} of {}",
            later.len()
        );
    }
    // The lossy one: their picture, held over losses until a keyframe
    // (VP8 solid colour: a held picture is still their colour).
    let good = later
        .iter()
        .filter(|(_, px)| near(px[1], COLOURS[1]))
        .count();
    let bad: Vec<_> = later
        .iter()
        .filter(|(_, px)| !near(px[1], COLOURS[1]))
        .map(|(t, px)| (format!("{t:.2}"), px[1]))
        .collect();
    eprintln!("p1's tile wrong at {bad:?}");
    assert!(
        good * 10 >= later.len() * 9,
        "p1 (5% loss) right in {good} of {}",
        later.len()
    );
    let asked = senders[1].key_requests.load(Ordering::SeqCst);
    assert!(asked >= 1, "losses asked p1 for no keyframe");
}

#[test]
fn a_sender_that_restarts_with_a_new_ssrc_is_picked_up() {
    let _serial = serial();
    let dir = fresh_dir("restart");
    let m = Meeting::new(&dir, "");
    let (a, b) = (free_ports(), free_ports());
    m.join("p0", &video_sdp(a, "vp8", None));
    m.join("p1", &video_sdp(b, "vp8", None));
    m.pipeline.set_state(gst::State::Playing).unwrap();
    let _s0 = Sender::start(COLOURS[0], "vp8", a, None);
    let first = Sender::start(COLOURS[1], "vp8", b, None);
    std::thread::sleep(Duration::from_secs(2));
    first.stop();
    std::thread::sleep(Duration::from_millis(500));
    // The same participant's sender again (a new SSRC), now another colour.
    let restarted_at = m.pipeline.current_running_time().unwrap();
    let _again = Sender::start(COLOURS[3], "vp8", b, None);
    std::thread::sleep(Duration::from_secs(3));
    let file = m.finish();
    let at = restarted_at.nseconds() as f64 / 1e9;
    let frames = samples_at(&file, grid(2));
    let late: Vec<_> = frames.iter().filter(|(t, _)| *t > at + 1.0).collect();
    assert!(!late.is_empty());
    assert!(
        late.iter().all(|(_, px)| near(px[1], COLOURS[3])),
        "the restarted sender is not on p1's tile: {:?}",
        late.iter()
            .map(|(t, px)| (*t, px[1]))
            .take(5)
            .collect::<Vec<_>>()
    );
    let early: Vec<_> = frames
        .iter()
        .filter(|(t, _)| *t > 1.0 && *t < at - 0.7)
        .collect();
    assert!(early.iter().all(|(_, px)| near(px[1], COLOURS[1])));
}
