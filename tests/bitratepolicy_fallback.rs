// SPDX-License-Identifier: MPL-2.0
//! bitratepolicy with the preferred encoder missing from the registry. Its own
//! test binary (process): the registry change must not reach other tests.

use gst::prelude::*;
use gst_pbutils::prelude::*;

#[test]
fn missing_vp8enc_falls_back_to_h264_and_says_so() {
    gst::init().unwrap();
    gstmeetrec::plugin_register_static().unwrap();
    let registry = gst::Registry::get();
    let vp8 = registry
        .find_feature("vp8enc", gst::ElementFactory::static_type())
        .expect("vp8enc installed to begin with");
    registry.remove_feature(&vp8);
    assert!(gst::ElementFactory::find("vp8enc").is_none());

    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fallback.mkv");
    let p = gst::parse::launch(&format!(
        "videotestsrc pattern=smpte num-buffers=60 ! bitratepolicy name=bp video-codec=vp8 quality=low ! \
         matroskamux ! filesink location={}",
        path.display()
    ))
    .unwrap();
    let bp = p.downcast_ref::<gst::Bin>().unwrap().by_name("bp").unwrap();
    assert_eq!(
        bp.property::<Option<String>>("codec").as_deref(),
        Some("h264")
    );
    let decision: serde_json::Value =
        serde_json::from_str(&bp.property::<String>("decision")).unwrap();
    assert_eq!(decision["video"]["encoder"], "x264enc");
    assert!(
        decision["notes"][0]
            .as_str()
            .unwrap()
            .contains("video-codec=vp8: no encoder"),
        "{decision}"
    );

    p.set_state(gst::State::Playing).unwrap();
    let bus = p.bus().unwrap();
    let mut warned = false;
    for msg in bus.iter_timed(gst::ClockTime::from_seconds(60)) {
        match msg.view() {
            gst::MessageView::Warning(w) => warned |= w.error().to_string().contains("no encoder"),
            gst::MessageView::Error(e) => panic!("{}", e.error()),
            gst::MessageView::Eos(..) => break,
            _ => {}
        }
    }
    p.set_state(gst::State::Null).unwrap();
    assert!(warned, "the fallback is announced on the bus");

    let uri = gst::glib::filename_to_uri(&path, None).unwrap();
    let info = gst_pbutils::Discoverer::new(gst::ClockTime::from_seconds(10))
        .unwrap()
        .discover_uri(&uri)
        .unwrap();
    let video = &info.video_streams()[0];
    assert_eq!(
        video.caps().unwrap().structure(0).unwrap().name(),
        "video/x-h264"
    );
    assert_eq!((video.width(), video.height()), (640, 360));
}
