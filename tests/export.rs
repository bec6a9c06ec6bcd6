// SPDX-License-Identifier: MPL-2.0
//! A recording's audio on its own: Opus remuxed into .opus, PCM into .wav,
//! the same packets and samples as in the recording.

use std::path::Path;
use std::sync::{Arc, Mutex};

use gst::prelude::*;
use gstmeetrec::export::{AudioExport, export_audio};
use gstmeetrec::metadata;

mod common;
use common::{discover, init};

/// Every audio buffer's bytes in a file, as its container holds them (Opus
/// packets, PCM samples): demuxed and parsed, never decoded; headers left out.
fn audio_payloads(path: &Path) -> Vec<Vec<u8>> {
    let got: Arc<Mutex<Vec<Vec<u8>>>> = Arc::default();
    let pipeline = gst::Pipeline::new();
    let src = gst::ElementFactory::make("filesrc")
        .property("location", path)
        .build()
        .unwrap();
    let demux = gst::ElementFactory::make("parsebin").build().unwrap();
    pipeline.add_many([&src, &demux]).unwrap();
    src.link(&demux).unwrap();
    let weak = pipeline.downgrade();
    let g = got.clone();
    demux.connect_pad_added(move |_, pad| {
        let caps = pad.current_caps().unwrap_or_else(|| pad.query_caps(None));
        let sink = gst::ElementFactory::make("fakesink")
            .property("sync", false)
            .build()
            .unwrap();
        let pipeline = weak.upgrade().unwrap();
        pipeline.add(&sink).unwrap();
        sink.sync_state_with_parent().unwrap();
        pad.link(&sink.static_pad("sink").unwrap()).unwrap();
        if caps.structure(0).unwrap().name().starts_with("audio/") {
            let g = g.clone();
            pad.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                // Headers (Ogg's OpusHead/OpusTags; Matroska keeps them in
                // the caps) are not the media.
                if let Some(b) = info.buffer()
                    && !b.flags().contains(gst::BufferFlags::HEADER)
                {
                    g.lock().unwrap().push(b.map_readable().unwrap().to_vec());
                }
                gst::PadProbeReturn::Ok
            });
        }
    });
    common::run_pipeline(pipeline.upcast_ref());
    got.lock().unwrap().clone()
}

/// The two lists of payloads are the same; if not, where they part.
fn same(a: &[Vec<u8>], b: &[Vec<u8>], what: &str) {
    if a != b {
        let at = a.iter().zip(b).position(|(x, y)| x != y);
        panic!(
            "{what} differ: {} vs {}, first at {at:?} ({:?} vs {:?} bytes)",
            a.len(),
            b.len(),
            at.map(|i| a[i].len()),
            at.map(|i| b[i].len())
        );
    }
}

fn record(dir: &Path, props: &str, name: &str) -> (metadata::Recording, std::path::PathBuf) {
    let media = dir.join(name);
    let p = gst::parse::launch(&format!(
        "meetingrecorder name=r {props} location={} \
         videotestsrc num-buffers=48 ! video/x-raw,framerate=24/1 ! r.video_0 \
         audiotestsrc num-buffers=100 wave=pink-noise ! audio/x-raw,rate=48000,channels=1 ! r.audio_0",
        media.display()
    ))
    .unwrap();
    common::run_pipeline(&p);
    (metadata::Recording::read(&media).unwrap(), media)
}

#[test]
fn opus_and_pcm_come_out_as_they_went_in() {
    let _serial = common::serial();
    init();
    let dir = common::fresh_dir("export", "audio");
    // Opus in WebM → .opus, the very packets.
    let (meta, media) = record(&dir, "quality=low", "meeting.webm");
    let out = dir.join("meeting.opus");
    assert_eq!(
        export_audio(&meta, &media, &out).unwrap(),
        AudioExport::Opus
    );
    let f = discover(&out);
    assert_eq!(f.audio.as_ref().map(|a| a.0.as_str()), Some("audio/x-opus"));
    assert!(f.video.is_none());
    let (inside, exported) = (audio_payloads(&media), audio_payloads(&out));
    assert!(inside.len() > 50, "{} packets", inside.len());
    same(&inside, &exported, "Opus packets");

    // PCM in Matroska → .wav, the very samples.
    let (meta, media) = record(&dir, "record=0 container=mkv", "lossless.mkv");
    let out = dir.join("lossless.wav");
    assert_eq!(export_audio(&meta, &media, &out).unwrap(), AudioExport::Wav);
    let (inside, exported) = (
        audio_payloads(&media).concat(),
        audio_payloads(&out).concat(),
    );
    assert!(inside.len() > 100_000, "{} bytes", inside.len());
    assert!(
        inside == exported,
        "the samples differ: {} vs {} bytes",
        inside.len(),
        exported.len()
    );

    // Nothing to export: said, nothing written.
    let mut silent = meta.clone();
    silent.file.audio = None;
    let nowhere = dir.join("none.wav");
    let e = export_audio(&silent, &media, &nowhere).unwrap_err();
    assert!(e.contains("no audio"), "{e}");
    assert!(!nowhere.exists());
}
