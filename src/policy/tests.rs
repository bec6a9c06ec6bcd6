// SPDX-License-Identifier: MPL-2.0
use super::*;

static ALL: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| encoders().collect());

fn req(record: Option<i64>) -> Request<'static> {
    Request {
        record,
        installed: &ALL,
        ..Default::default()
    }
}

/// (record, video kbps or None, audio) for the record rules, quality med.
#[test]
fn record_rules_table() {
    let pcm = AudioDecision::Pcm {
        channels: 2,
        bits: 32,
    };
    let cases: &[(Option<i64>, Option<u32>, AudioDecision)] = &[
        (None, Some(3000), opus(128)),
        (Some(6000), Some(6000), opus(128)),
        (Some(4000), Some(4000), opus(128)),
        (Some(3999), Some(3999), opus(128)),
        (Some(2500), Some(2500), opus(128)),
        (Some(2499), Some(2499), opus(32)),
        (Some(2000), Some(2000), opus(32)),
        (Some(1), Some(1), opus(32)),
        (Some(0), None, pcm),
        (Some(-1), None, opus(6)),
        (Some(-6), None, opus(6)),
        (Some(-32), None, opus(32)),
        (Some(-120), None, opus(120)),
        (Some(-510), None, opus(510)),
        (Some(-511), None, opus(510)),
        (Some(i64::MIN), None, opus(510)),
        (Some(2_048_001), Some(2_048_000), opus(128)),
        (Some(i64::MAX), Some(2_048_000), opus(128)),
    ];
    for (record, video, audio) in cases {
        let d = decide(&req(*record)).unwrap();
        assert_eq!(
            d.video.as_ref().map(|v| v.kbps),
            *video,
            "record={record:?}"
        );
        assert_eq!(&d.audio, audio, "record={record:?}");
        let clamped =
            matches!(record, Some(r) if *r == -1 || *r == -511 || *r == i64::MIN || *r > 2_048_000);
        assert_eq!(
            !d.notes.is_empty(),
            clamped,
            "record={record:?} notes {:?}",
            d.notes
        );
    }
}

/// The seeds' threshold table, both columns: what is recorded and what
/// senders are asked to send.
#[test]
fn inbound_audio_table() {
    let cases: &[(Option<i64>, AudioCodec, u32, Option<u32>)] = &[
        // record, audio-codec, inbound kbps, recorded Opus kbps
        (Some(6000), AudioCodec::Opus, 128, Some(128)),
        (Some(4000), AudioCodec::Opus, 128, Some(128)),
        (Some(3999), AudioCodec::Opus, 80, Some(128)),
        (Some(2500), AudioCodec::Opus, 80, Some(128)),
        (Some(2499), AudioCodec::Opus, 32, Some(32)),
        (Some(800), AudioCodec::Opus, 32, Some(32)),
        // unset: the preset's video bitrate (med: 3000)
        (None, AudioCodec::Opus, 80, Some(128)),
        // PCM: 256 inbound whatever the video bitrate
        (Some(0), AudioCodec::Opus, 256, None),
        (Some(6000), AudioCodec::Pcm, 256, None),
        (Some(800), AudioCodec::Pcm, 256, None),
        // audio only at N kbps: senders send at least N
        (Some(-120), AudioCodec::Opus, 120, Some(120)),
        (Some(-16), AudioCodec::Opus, 16, Some(16)),
    ];
    for &(record, audio_codec, inbound, recorded) in cases {
        let d = decide(&Request {
            audio_codec,
            ..req(record)
        })
        .unwrap();
        assert_eq!(
            d.inbound_audio_kbps, inbound,
            "record={record:?} {audio_codec:?}"
        );
        assert_eq!(
            d.audio.kbps(),
            recorded,
            "record={record:?} {audio_codec:?}"
        );
    }
    // Presets: low 800 → 32, high 6000 → 128; mode=audio keeps the threshold.
    for (quality, inbound) in [(Quality::Low, 32), (Quality::Med, 80), (Quality::High, 128)] {
        for mode in [Mode::VideoAndAudio, Mode::Audio] {
            let d = decide(&Request {
                quality,
                mode,
                ..req(None)
            })
            .unwrap();
            assert_eq!(d.inbound_audio_kbps, inbound, "{quality:?} {mode:?}");
        }
    }
    // It is in the decision's JSON (the `decision` property).
    let json = serde_json::to_value(decide(&req(Some(4000))).unwrap()).unwrap();
    assert_eq!(json["inboundAudioKbps"], 128);
}

#[test]
fn clamp_notes_say_which_and_why() {
    let d = decide(&req(Some(-1))).unwrap();
    assert!(
        d.notes[0].contains("record=-1") && d.notes[0].contains("6..=510"),
        "{:?}",
        d.notes
    );
    let d = decide(&req(Some(-511))).unwrap();
    assert!(
        d.notes[0].contains("record=-511") && d.notes[0].contains("510 kbps"),
        "{:?}",
        d.notes
    );
    let d = decide(&req(Some(5_000_000))).unwrap();
    assert!(d.notes[0].contains("2048000"), "{:?}", d.notes);
}

#[test]
fn quality_presets_and_orientation() {
    let cases = [
        (Quality::Low, (640, 360, 24, 800), 32),
        (Quality::Med, (1280, 720, 30, 3000), 128),
        (Quality::High, (1920, 1080, 30, 6000), 128),
    ];
    for (q, (w, h, fps, kbps), audio) in cases {
        for o in [Orientation::Landscape, Orientation::Portrait] {
            let d = decide(&Request {
                quality: q,
                orientation: o,
                ..req(None)
            })
            .unwrap();
            let v = d.video.unwrap();
            let (ew, eh) = if o == Orientation::Portrait {
                (h, w)
            } else {
                (w, h)
            };
            assert_eq!(
                (v.width, v.height, v.fps, v.kbps),
                (ew, eh, fps, kbps),
                "{q:?} {o:?}"
            );
            assert_eq!(v.keyframe_interval, fps * 2, "2 s keyframes");
            assert_eq!(d.audio, opus(audio));
        }
    }
    // record overrides the preset's bitrate, not its size.
    let d = decide(&Request {
        quality: Quality::High,
        ..req(Some(1500))
    })
    .unwrap();
    let v = d.video.unwrap();
    assert_eq!((v.width, v.kbps), (1920, 1500));
    assert_eq!(d.audio, opus(32));
}

#[test]
fn audio_mode_and_pcm_preference() {
    for record in [None, Some(2000), Some(3000)] {
        let d = decide(&Request {
            mode: Mode::Audio,
            ..req(record)
        })
        .unwrap();
        assert!(d.video.is_none(), "{record:?}");
        assert!(d.notes.iter().any(|n| n.contains("mode=audio")));
    }
    let d = decide(&Request {
        mode: Mode::Audio,
        ..req(Some(2000))
    })
    .unwrap();
    assert_eq!(
        d.audio,
        opus(32),
        "threshold still applies to the would-be video rate"
    );
    let d = decide(&Request {
        audio_codec: AudioCodec::Pcm,
        ..req(None)
    })
    .unwrap();
    assert_eq!(
        d.audio,
        AudioDecision::Pcm {
            channels: 2,
            bits: 32
        }
    );
    assert_eq!(d.video.unwrap().kbps, 3000);
    // record<0 asks for Opus explicitly; record=0 for PCM even when Opus is preferred.
    let d = decide(&req(Some(0))).unwrap();
    assert_eq!(d.audio.kbps(), None);
}

#[test]
fn keyframe_interval_in_frames() {
    for (ms, q, frames) in [
        (2000, Quality::Med, 60),
        (2000, Quality::Low, 48),
        (1000, Quality::High, 30),
        (0, Quality::Med, 1),
        (500, Quality::Low, 12),
    ] {
        let d = decide(&Request {
            keyframe_interval_ms: ms,
            quality: q,
            ..req(None)
        })
        .unwrap();
        assert_eq!(
            d.video.unwrap().keyframe_interval,
            frames,
            "{ms} ms at {q:?}"
        );
    }
}

/// (preferred codec, installed encoders, expected codec and encoder)
type FallbackCase = (
    VideoCodec,
    &'static [&'static str],
    Option<(VideoCodec, &'static str)>,
);

#[test]
fn codec_fallbacks() {
    use VideoCodec::*;
    let cases: &[FallbackCase] = &[
        (Vp8, &ALL, Some((Vp8, "vp8enc"))),
        (Vp9, &ALL, Some((Vp9, "vp9enc"))),
        (H264, &ALL, Some((H264, "x264enc"))),
        (Av1, &ALL, Some((Av1, "av1enc"))),
        // x264 missing: openh264 still gives H.264.
        (
            H264,
            &["openh264enc", "vp8enc"],
            Some((H264, "openh264enc")),
        ),
        // Preferred codec missing: VP8, then H.264, then VP9, then AV1.
        (Vp9, &["vp8enc", "x264enc"], Some((Vp8, "vp8enc"))),
        (Vp8, &["x264enc", "vp9enc"], Some((H264, "x264enc"))),
        (Vp8, &["vp9enc", "av1enc"], Some((Vp9, "vp9enc"))),
        (H264, &["av1enc"], Some((Av1, "av1enc"))),
        (Av1, &["openh264enc"], Some((H264, "openh264enc"))),
        (Vp8, &[], None),
        (Vp8, &["opusenc"], None),
    ];
    for (preferred, installed, want) in cases {
        assert_eq!(
            pick_encoder(*preferred, installed),
            *want,
            "{preferred:?} with {installed:?}"
        );
        let d = decide(&Request {
            video_codec: *preferred,
            installed,
            ..req(None)
        });
        match want {
            None => assert_eq!(d, Err(PolicyError::NoVideoEncoder { wanted: *preferred })),
            Some((codec, enc)) => {
                let d = d.unwrap();
                let v = d.video.as_ref().unwrap();
                assert_eq!((v.codec, v.encoder.as_str()), (*codec, *enc));
                // The decision says when it fell back.
                assert_eq!(
                    d.notes.iter().any(|n| n.contains("no encoder")),
                    codec != preferred,
                    "{:?}",
                    d.notes
                );
            }
        }
    }
    // Audio-only needs no video encoder at all.
    let d = decide(&Request {
        installed: &[],
        ..req(Some(-64))
    })
    .unwrap();
    assert_eq!(d.audio, opus(64));
}

#[test]
fn decision_serializes_for_servers() {
    let d = decide(&req(Some(2500))).unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["video"]["codec"], "vp8");
    assert_eq!(json["video"]["kbps"], 2500);
    assert_eq!(json["video"]["keyframeInterval"], 60);
    assert_eq!(json["audio"]["codec"], "opus");
    assert_eq!(json["audio"]["kbps"], 128);
    assert_eq!(json["audio"]["channels"], 2);
    let d = decide(&req(Some(0))).unwrap();
    let json = serde_json::to_value(&d).unwrap();
    assert!(json["video"].is_null());
    assert_eq!(json["audio"]["codec"], "pcm");
    assert_eq!(json["audio"]["bits"], 32);
}

/// `framerate` overrides the preset's rate, and the keyframe interval (in
/// frames) follows it so keyframes stay DEFAULT_KEYFRAME_INTERVAL_MS apart.
#[test]
fn a_framerate_replaces_the_presets_and_keyframes_keep_their_spacing() {
    let at = |framerate: Option<u32>| {
        decide(&Request {
            quality: Quality::High,
            framerate,
            ..req(None)
        })
        .unwrap()
        .video
        .unwrap()
    };
    let preset = at(None);
    assert_eq!((preset.width, preset.height, preset.fps), (1920, 1080, 30));
    assert_eq!(at(Some(0)), preset, "0 is the preset's");
    let sixty = at(Some(60));
    assert_eq!(
        (sixty.width, sixty.height, sixty.fps, sixty.kbps),
        (1920, 1080, 60, 6000)
    );
    assert_eq!(sixty.keyframe_interval, preset.keyframe_interval * 2);
}
