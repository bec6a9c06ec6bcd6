// SPDX-License-Identifier: MPL-2.0
//! Property tests over what users and other programs feed meetrec: policy
//! requests (any record value, codec, installed set), layouts (any canvas,
//! participant set, levels, settings) and the metadata parser (any bytes,
//! any JSON). Bounded runs (proptest's default 256 cases each): no panic, and
//! the results keep their invariants.

use gstmeetrec::layout::{self, LayoutEngine, LayoutKind, Participant};
use gstmeetrec::{metadata, policy};
use proptest::prelude::*;

fn quality() -> impl Strategy<Value = policy::Quality> {
    prop_oneof![
        Just(policy::Quality::Low),
        Just(policy::Quality::Med),
        Just(policy::Quality::High)
    ]
}

fn codec() -> impl Strategy<Value = policy::VideoCodec> {
    prop_oneof![
        Just(policy::VideoCodec::Vp8),
        Just(policy::VideoCodec::Vp9),
        Just(policy::VideoCodec::H264),
        Just(policy::VideoCodec::Av1)
    ]
}

proptest! {
    #[test]
    fn any_policy_request_decides_or_says_why(
        record in prop_oneof![Just(None), any::<i64>().prop_map(Some), (-600i64..8000).prop_map(Some)],
        quality in quality(),
        audio_only in any::<bool>(),
        portrait in any::<bool>(),
        video_codec in codec(),
        pcm in any::<bool>(),
        keyframe_interval_ms in any::<u32>(),
        framerate in prop_oneof![Just(None), (0u32..=60).prop_map(Some)],
        installed_mask in 0u8..64,
    ) {
        // Any subset of the encoders the policy knows (one bit each).
        let installed: Vec<&str> = policy::encoders()
            .enumerate()
            .filter(|(i, _)| installed_mask & (1 << i) != 0)
            .map(|(_, e)| e)
            .collect();
        let req = policy::Request {
            record,
            quality,
            mode: if audio_only { policy::Mode::Audio } else { policy::Mode::VideoAndAudio },
            orientation: if portrait { policy::Orientation::Portrait } else { policy::Orientation::Landscape },
            video_codec,
            audio_codec: if pcm { policy::AudioCodec::Pcm } else { policy::AudioCodec::Opus },
            keyframe_interval_ms,
            framerate,
            installed: &installed,
        };
        match policy::decide(&req) {
            Ok(d) => {
                if let Some(v) = &d.video {
                    prop_assert!(!audio_only && record.is_none_or(|r| r > 0));
                    prop_assert!(v.kbps > 0 && v.width > 0 && v.height > 0 && v.fps > 0);
                    prop_assert!(v.keyframe_interval >= 1);
                    prop_assert!(installed.contains(&v.encoder.as_str()), "{} not installed", v.encoder);
                    prop_assert_eq!(portrait, v.height > v.width);
                    if let Some(f) = framerate.filter(|&f| f > 0) {
                        prop_assert_eq!(v.fps, f, "framerate={} is recorded", f);
                    }
                }
                if record.is_some_and(|r| r <= 0) {
                    prop_assert!(d.video.is_none(), "record ≤ 0 is audio only");
                }
                // The read-only `decision` property is this JSON: what a media
                // server reads must be what was decided.
                let json = serde_json::to_value(&d).unwrap();
                prop_assert_eq!(json["video"].is_null(), d.video.is_none());
                if let Some(v) = &d.video {
                    prop_assert_eq!(&json["video"]["kbps"], &serde_json::json!(v.kbps));
                    prop_assert_eq!(&json["video"]["encoder"], &serde_json::json!(v.encoder));
                    prop_assert_eq!(&json["video"]["keyframeInterval"], &serde_json::json!(v.keyframe_interval));
                }
                // PCM when asked for, or with record=0; Opus otherwise.
                let pcm_recorded = pcm || record == Some(0);
                prop_assert_eq!(&json["audio"]["codec"], &serde_json::json!(if pcm_recorded { "pcm" } else { "opus" }));
                prop_assert_eq!(json["audio"]["kbps"].as_u64().map(|k| k as u32), d.audio.kbps());
            }
            Err(e) => {
                // Only a missing encoder is a refusal, and it says so.
                prop_assert!(e.to_string().contains("installed"), "{e}");
            }
        }
    }

    #[test]
    fn any_meeting_lays_out_inside_the_canvas_without_overlap(
        w in 0u32..5000,
        h in 0u32..5000,
        kind in prop_oneof![Just(LayoutKind::Grid), Just(LayoutKind::Spotlight), Just(LayoutKind::Sidebar)],
        pin in any::<bool>(),
        portrait in any::<bool>(),
        grid_size in any::<u32>(),
        labels in any::<bool>(),
        people in prop::collection::vec((any::<bool>(), any::<bool>(), prop_oneof![Just(f64::NEG_INFINITY), Just(f64::NAN), -300.0f64..50.0]), 0..40),
        steps in 1usize..4,
    ) {
        let cfg = layout::Config {
            layout: kind,
            priority: if pin { layout::Priority::Pin } else { layout::Priority::Speaker },
            grid_size,
            orientation: if portrait { layout::Orientation::Portrait } else { layout::Orientation::Landscape },
            show_labels: labels,
            ..Default::default()
        };
        let parts: Vec<Participant> = people
            .iter()
            .enumerate()
            .map(|(i, &(pinned, has_video, db))| Participant { key: i as u64, pinned, has_video, audio_level_db: db, screen: i % 4 == 3, id_hash: 0 })
            .collect();
        let mut engine = LayoutEngine::new();
        for step in 0..steps {
            let tiles = engine.compute(step as u64 * 500_000_000, w, h, &cfg, &parts).to_vec();
            prop_assert!(tiles.len() <= parts.len());
            for (i, t) in tiles.iter().enumerate() {
                let r = t.rect;
                prop_assert!(r.x + r.w <= w && r.y + r.h <= h, "{r:?} outside {w}x{h}");
                for u in &tiles[i + 1..] {
                    let o = u.rect;
                    let apart = r.x + r.w <= o.x || o.x + o.w <= r.x || r.y + r.h <= o.y || o.y + o.h <= r.y;
                    prop_assert!(apart || r.w == 0 || r.h == 0 || o.w == 0 || o.h == 0, "{r:?} overlaps {o:?}");
                }
            }
        }
    }

    #[test]
    fn any_bytes_are_metadata_or_a_clear_error(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        let _ = serde_json::from_slice::<metadata::Recording>(&bytes);
    }

    #[test]
    fn any_json_is_metadata_or_a_clear_error(
        id in ".{0,20}",
        status in prop_oneof![Just("recording".to_string()), Just("stopped".to_string()), Just("failed".to_string()), ".{0,8}"],
        duration in any::<i64>(),
        size in any::<f64>(),
        extra in any::<bool>(),
    ) {
        let mut v: serde_json::Value = serde_json::from_str(include_str!("data/recording.json")).unwrap();
        v["id"] = id.clone().into();
        v["status"] = status.into();
        v["durationMs"] = duration.into();
        v["file"]["sizeBytes"] = serde_json::json!(size);
        if extra {
            v["somethingNew"] = serde_json::json!({"a": [1, 2]});
        }
        match serde_json::from_value::<metadata::Recording>(v) {
            Ok(r) => {
                prop_assert_eq!(r.id, id);
                prop_assert!(duration >= 0);
            }
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}
