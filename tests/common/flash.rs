// SPDX-License-Identifier: MPL-2.0
//! A participant who flashes and beeps at known instants, and where the
//! flashes and beeps are in a recording: for timing and lip-sync checks.

use std::path::Path;
use std::sync::{Arc, Mutex};

use gst::prelude::*;
use gst_video::prelude::*;

pub const FPS: u64 = 24;
const RATE: u64 = 48_000;

/// A participant who flashes white and beeps at the same instants: black
/// video with one white frame, and silence with a 100 ms 1 kHz beep, every
/// `period_ms` from `phase_ms` on, for `seconds`; `live`: paced by the clock
/// as a camera and a microphone are.
pub struct FlashBeep {
    pub seconds: u64,
    pub period_ms: u64,
    pub phase_ms: u64,
    pub live: bool,
}

impl FlashBeep {
    /// Links the two sources to `rec`'s `video_0` and `audio_0`.
    pub fn feed(&self, pipeline: &gst::Pipeline, rec: &gst::Element) {
        let (seconds, period_ms, phase_ms) = (self.seconds, self.period_ms, self.phase_ms);
        let video = gst_app::AppSrc::builder()
            .caps(
                &gst::Caps::builder("video/x-raw")
                    .field("format", "GRAY8")
                    .field("width", 160i32)
                    .field("height", 120i32)
                    .field("framerate", gst::Fraction::new(FPS as i32, 1))
                    .build(),
            )
            .format(gst::Format::Time)
            .is_live(self.live)
            .build();
        let audio = gst_app::AppSrc::builder()
            .caps(
                &gst::Caps::builder("audio/x-raw")
                    .field("format", "S16LE")
                    .field("layout", "interleaved")
                    .field("rate", RATE as i32)
                    .field("channels", 1i32)
                    .build(),
            )
            .format(gst::Format::Time)
            .is_live(self.live)
            .build();
        let frames = seconds * FPS;
        let mut n = 0u64;
        video.set_callbacks(
            gst_app::AppSrcCallbacks::builder()
                .need_data(move |src, _| {
                    if n == frames {
                        let _ = src.end_of_stream();
                        return;
                    }
                    // The frame showing the instant: its start at or just before it.
                    let t_ms = n * 1000 / FPS;
                    let flash = t_ms >= phase_ms && (t_ms - phase_ms) % period_ms < 1000 / FPS;
                    let mut b = gst::Buffer::from_mut_slice(vec![
                        if flash { 235u8 } else { 16 };
                        160 * 120
                    ]);
                    {
                        let b = b.get_mut().unwrap();
                        b.set_pts(gst::ClockTime::from_nseconds(n * 1_000_000_000 / FPS));
                        b.set_duration(gst::ClockTime::from_nseconds(1_000_000_000 / FPS));
                    }
                    n += 1;
                    let _ = src.push_buffer(b);
                })
                .build(),
        );
        let samples = seconds * RATE;
        let chunk = RATE / 50; // 20 ms
        let mut s = 0u64;
        audio.set_callbacks(
            gst_app::AppSrcCallbacks::builder()
                .need_data(move |src, _| {
                    if s >= samples {
                        let _ = src.end_of_stream();
                        return;
                    }
                    let mut data = Vec::with_capacity(chunk as usize * 2);
                    for i in s..s + chunk {
                        let at = (i * 1000 / RATE) as i64 - phase_ms as i64;
                        let into = if at < 0 {
                            u64::MAX
                        } else {
                            (i - phase_ms * RATE / 1000) % (period_ms * RATE / 1000)
                        };
                        let v = if into < RATE / 10 {
                            let t = into as f64 / RATE as f64;
                            (0.5 * 32767.0 * (2.0 * std::f64::consts::PI * 1000.0 * t).sin()) as i16
                        } else {
                            0
                        };
                        data.extend_from_slice(&v.to_le_bytes());
                    }
                    let mut b = gst::Buffer::from_mut_slice(data);
                    {
                        let b = b.get_mut().unwrap();
                        b.set_pts(gst::ClockTime::from_nseconds(s * 1_000_000_000 / RATE));
                        b.set_duration(gst::ClockTime::from_nseconds(chunk * 1_000_000_000 / RATE));
                    }
                    s += chunk;
                    let _ = src.push_buffer(b);
                })
                .build(),
        );
        pipeline
            .add_many([video.upcast_ref::<gst::Element>(), audio.upcast_ref()])
            .unwrap();
        let sources = [
            (video.upcast_ref::<gst::Element>(), "video_0"),
            (audio.upcast_ref(), "audio_0"),
        ];
        for (src, pad) in sources {
            if self.live {
                // appsrc hands out buffers as fast as they are asked for:
                // paced by the clock, as a camera and a microphone are.
                let pace = gst::ElementFactory::make("clocksync").build().unwrap();
                pipeline.add(&pace).unwrap();
                src.link(&pace).unwrap();
                pace.link_pads(Some("src"), rec, Some(pad)).unwrap();
            } else {
                src.link_pads(Some("src"), rec, Some(pad)).unwrap();
            }
        }
    }
}

/// Onsets (s) of flashes (centre luma) and beeps (5 ms RMS) in a recording.
pub fn onsets(path: &Path) -> (Vec<f64>, Vec<f64>) {
    let p = gst::parse::launch(&format!(
        "filesrc location={} ! decodebin name=d \
         d. ! videoconvert ! video/x-raw,format=GRAY8 ! appsink name=v sync=false \
         d. ! audioconvert ! audio/x-raw,format=F32LE,channels=1 ! appsink name=a sync=false",
        path.display()
    ))
    .unwrap()
    .downcast::<gst::Pipeline>()
    .unwrap();
    let flashes: Arc<Mutex<(Vec<f64>, bool)>> = Arc::default();
    let beeps: Arc<Mutex<(Vec<f64>, bool)>> = Arc::default();
    let f2 = flashes.clone();
    p.by_name("v")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap()
        .set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let info = gst_video::VideoInfo::from_caps(sample.caps().unwrap()).unwrap();
                    let buf = sample.buffer().unwrap();
                    let frame =
                        gst_video::VideoFrameRef::from_buffer_ref_readable(buf, &info).unwrap();
                    let stride = frame.plane_stride()[0] as usize;
                    let y = frame.plane_data(0).unwrap()
                        [(info.height() as usize / 2) * stride + info.width() as usize / 2];
                    let mut f = f2.lock().unwrap();
                    let on = y > 128;
                    if on && !f.1 {
                        f.0.push(buf.pts().unwrap().nseconds() as f64 / 1e9);
                    }
                    f.1 = on;
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
    let b2 = beeps.clone();
    p.by_name("a")
        .unwrap()
        .downcast::<gst_app::AppSink>()
        .unwrap()
        .set_callbacks(
            gst_app::AppSinkCallbacks::builder()
                .new_sample(move |sink| {
                    let sample = sink.pull_sample().map_err(|_| gst::FlowError::Eos)?;
                    let rate = sample
                        .caps()
                        .unwrap()
                        .structure(0)
                        .unwrap()
                        .get::<i32>("rate")
                        .unwrap() as f64;
                    let buf = sample.buffer().unwrap();
                    let t0 = buf.pts().unwrap().nseconds() as f64 / 1e9;
                    let map = buf.map_readable().unwrap();
                    let samples: Vec<f32> = map
                        .chunks_exact(4)
                        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    let win = (rate * 0.005) as usize;
                    let mut b = b2.lock().unwrap();
                    for (k, w) in samples.chunks(win).enumerate() {
                        let rms = (w.iter().map(|v| v * v).sum::<f32>() / w.len() as f32).sqrt();
                        let on = rms > 0.05;
                        if on && !b.1 {
                            b.0.push(t0 + (k * win) as f64 / rate);
                        }
                        b.1 = on;
                    }
                    Ok(gst::FlowSuccess::Ok)
                })
                .build(),
        );
    if let Err(e) = super::run_until_eos(&p, gst::ClockTime::from_seconds(3600)) {
        panic!("decoding {}: {}", path.display(), super::error_text(&e));
    }
    let f = flashes.lock().unwrap().0.clone();
    let b = beeps.lock().unwrap().0.clone();
    (f, b)
}
