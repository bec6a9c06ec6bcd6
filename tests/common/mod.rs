// SPDX-License-Identifier: MPL-2.0
//! Shared by the test binaries (each uses part of it).
#![allow(dead_code)]

use std::path::Path;

use gst_pbutils::prelude::*;

/// GStreamer and this plugin, once per test binary.
pub fn init() {
    use std::sync::Once;
    static INIT: Once = Once::new();
    INIT.call_once(|| {
        gst::init().unwrap();
        gstmeetrec::plugin_register_static().expect("register meetrec");
    });
}

/// What Discoverer says of a file, and its rate over the whole file.
pub struct Found {
    pub duration_s: f64,
    pub video: Option<(String, u32, u32)>,
    pub audio: Option<(String, u32)>,
    pub kbps: f64,
}

pub fn discover(path: &Path) -> Found {
    let uri = gst::glib::filename_to_uri(path, None).unwrap();
    let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(20))
        .unwrap()
        .discover_uri(&uri)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let duration_s = info.duration().unwrap().mseconds() as f64 / 1000.0;
    let video = info.video_streams().first().map(|v| {
        let caps = v.caps().unwrap();
        (
            caps.structure(0).unwrap().name().to_string(),
            v.width(),
            v.height(),
        )
    });
    let audio = info.audio_streams().first().map(|a| {
        let caps = a.caps().unwrap();
        (caps.structure(0).unwrap().name().to_string(), a.channels())
    });
    let bytes = std::fs::metadata(path).unwrap().len() as f64;
    Found {
        duration_s,
        video,
        audio,
        kbps: bytes * 8.0 / duration_s / 1000.0,
    }
}
