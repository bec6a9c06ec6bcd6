// SPDX-License-Identifier: MPL-2.0
//! The element's property declarations.

use std::sync::LazyLock;

use gst::glib;
use gst::prelude::*;

use super::RecordingState;
use super::{settings::*, state::*};

impl MeetingRecorder {
    pub(crate) fn property_specs() -> &'static [glib::ParamSpec] {
        static PROPERTIES: LazyLock<Vec<glib::ParamSpec>> = LazyLock::new(|| {
            // Defaults from one place: what `Settings::default()` holds.
            let d = Settings::default();
            let mut props = vec![
                glib::ParamSpecEnum::builder_with_default("mode", d.mode)
                    .nick("Mode")
                    .blurb("video-and-audio: the composed picture and the mix; audio: the mix only")
                    .mutable_ready()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("container", d.container)
                    .nick("Container")
                    .blurb("webm (VP8/VP9/AV1 + Opus), mkv (anything), mp4 (H.264/VP9/AV1 + Opus), ogg (Opus only), wav (PCM only). Without an explicit video-codec, mp4 records H.264")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("location")
                    .nick("Location")
                    .blurb("File path template: {id}, {room}, {date}, {time} and {ext} are filled in; directories are created")
                    .default_value(Some(d.location.as_str()))
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("room")
                    .nick("Room")
                    .blurb("Room name, for the location template and the metadata")
                    .default_value(Some(d.room.as_str()))
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("autostart")
                    .nick("Autostart")
                    .blurb("Start recording when the meeting starts playing (VDO.Ninja autorecord)")
                    .default_value(d.autostart)
                    .mutable_ready()
                    .build(),
                glib::ParamSpecBoolean::builder("stop-on-empty")
                    .nick("Stop on empty")
                    .blurb("Stop and finalize the recording when the last participant leaves")
                    .default_value(d.stop_on_empty)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("isolated")
                    .nick("Isolated")
                    .blurb(
                        "Also record each participant's own audio and video to its own file \
                         (<file>-<participant-id>.<ext>), as VDO.Ninja records each guest. \
                         Applies to the next start",
                    )
                    .default_value(d.isolated)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("webhook-url")
                    .nick("Webhook URL")
                    .blurb("Every state change is POSTed here as JSON (retried with backoff; never affects the recording)")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("webhook-secret")
                    .nick("Webhook secret")
                    .blurb("Signs each webhook: X-Meetrec-Signature = sha256=HMAC-SHA256(secret, \"<X-Meetrec-Timestamp>.<body>\")")
                    .write_only()
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("webhook-format", d.webhook_format)
                    .nick("Webhook format")
                    .blurb("meetrec: every state, X-Meetrec-* headers; openvidu-meet: OpenVidu Meet's recordingStarted/recordingUpdated/recordingEnded {creationDate, event, data} of the composite, X-Timestamp (ms) and X-Signature = hex HMAC-SHA256(secret, \"<X-Timestamp>.<body>\")")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("upload-uri")
                    .nick("Upload URI")
                    .blurb("After each recording is finished, upload file and metadata here: s3://bucket/prefix, az://…, gs://…, file:///dir")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoxed::builder::<gst::Structure>("upload-options")
                    .nick("Upload options")
                    .blurb("object_store settings overriding the environment's, e.g. \"options,aws_endpoint=http://127.0.0.1:9000,aws_allow_http=true\"")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("upload-endpoint")
                    .nick("Upload endpoint")
                    .blurb("For S3-compatible stores (MinIO, Ceph, …): their URL, e.g. http://127.0.0.1:9000")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecBoolean::builder("keep-local")
                    .nick("Keep local")
                    .blurb("Keep the local file after a verified upload")
                    .default_value(d.keep_local)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecEnum::builder_with_default("recording-state", RecordingState::None)
                    .nick("Recording state")
                    .blurb("The latest state of the meeting's (composite) recording")
                    .read_only()
                    .build(),
                glib::ParamSpecUInt64::builder("recorded-ms")
                    .nick("Recorded")
                    .blurb("Milliseconds of media the meeting's (composite) recording in progress holds (paused time not counted); 0 when none runs")
                    .read_only()
                    .build(),
                glib::ParamSpecUInt64::builder("max-duration")
                    .nick("Maximum duration")
                    .blurb("Seconds of recorded time (pauses not counted) after which a recording stops itself, finalized, with reason limit-reached; 0 = no limit. Applies to the next start")
                    .default_value(d.max_duration)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt64::builder("max-size")
                    .nick("Maximum size")
                    .blurb("Bytes written after which a recording stops itself, finalized, with reason limit-reached (the file ends a little above: what is in flight and the index); 0 = no limit. Applies to the next start")
                    .default_value(d.max_size)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("split-duration")
                    .nick("Split duration")
                    .blurb("Seconds after which the file is cut, at the next keyframe, into a new part: <file>, <name>-part2.<ext>, … each playable on its own, listed in the metadata (webm, mkv, mp4); 0 = one file. Applies to the next start")
                    .maximum(24 * 3600)
                    .default_value(d.split_duration)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("snapshot-location")
                    .nick("Snapshot location")
                    .blurb("JPEGs of the composite while recording, e.g. out/{id}-%05d.jpg ({id}, {room}, {date}, {time} filled in; %05d numbers them); the newest is also <recording file>.jpg, the poster. Unset: none. Applies to the next start")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("snapshot-interval")
                    .nick("Snapshot interval")
                    .blurb("Seconds of recording between two snapshots (paused time not counted)")
                    .minimum(1)
                    .maximum(3600)
                    .default_value(d.snapshot_interval)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("stream-uri")
                    .nick("Stream URIs")
                    .blurb("Also stream each recording live, comma-separated: rtmp://host/app/key or rtmps://… (FLV, H.264 + AAC), srt://host:port[?mode=listener] (MPEG-TS, H.264 + AAC). A lost server is retried (1, 2, 4, 8, 16, then every 30 s) while the file records untouched. Applies to the next start; start-stream adds one to a running recording")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecString::builder("hls-location")
                    .nick("HLS location")
                    .blurb("Also write each recording as HLS: the playlist's path template ({id}, {room}, {date}, {time}), segments beside it as <name>-%05d.ts (H.264 + AAC). Unset: none. Applies to the next start")
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("hls-segment-duration")
                    .nick("HLS segment duration")
                    .blurb("Target length of HLS segments in seconds (each cut at a keyframe)")
                    .minimum(1)
                    .maximum(3600)
                    .default_value(d.hls_segment_duration)
                    .mutable_playing()
                    .build(),
                glib::ParamSpecUInt::builder("hls-playlist-length")
                    .nick("HLS playlist length")
                    .blurb("Segments the HLS playlist lists (older ones are deleted); 0 = all of them, the playlist ending with #EXT-X-ENDLIST when the recording stops (a VOD playlist)")
                    .maximum(100_000)
                    .default_value(d.hls_playlist_length)
                    .mutable_playing()
                    .build(),
            ];
            props.extend(crate::props::policy_pspecs());
            props.push(crate::props::inbound_audio_pspec());
            // The layout properties are the compositor's own.
            for name in [
                "layout",
                "priority",
                "grid-size",
                "theme",
                "orientation",
                "show-labels",
                "speaker-hold",
                "tile-fit",
                "screen-share-layout",
                "speaker-highlight",
                "layout-template",
            ] {
                let pspec = glib::Class::<glib::Object>::from_type(
                    crate::layoutcompositor::LayoutCompositor::static_type(),
                )
                .and_then(|c| c.find_property(name))
                .expect("layoutcompositor property");
                props.push(forwarded_pspec(&pspec));
            }
            props
        });
        PROPERTIES.as_ref()
    }
}

/// The same property (name, nick, blurb, range, default) on this element.
pub(crate) fn forwarded_pspec(p: &glib::ParamSpec) -> glib::ParamSpec {
    let (name, nick, blurb) = (p.name(), p.nick(), p.blurb().unwrap_or_default());
    if let Some(e) = p.downcast_ref::<glib::ParamSpecEnum>() {
        fn spec<T>(e: &glib::ParamSpecEnum, nick: &str, blurb: &str) -> glib::ParamSpec
        where
            T: StaticType
                + glib::translate::FromGlib<i32>
                + glib::translate::IntoGlib<GlibType = i32>,
        {
            let default = e.default_value::<T>().expect("pspec of this enum type");
            glib::ParamSpecEnum::builder_with_default(e.name(), default)
                .nick(nick)
                .blurb(blurb)
                .mutable_playing()
                .build()
        }
        use crate::layoutcompositor::{
            Layout, Orientation, Priority, ScreenShareLayout, Theme, TileFit,
        };
        let t = p.value_type();
        if t == Layout::static_type() {
            spec::<Layout>(e, nick, blurb)
        } else if t == Priority::static_type() {
            spec::<Priority>(e, nick, blurb)
        } else if t == Theme::static_type() {
            spec::<Theme>(e, nick, blurb)
        } else if t == Orientation::static_type() {
            spec::<Orientation>(e, nick, blurb)
        } else if t == TileFit::static_type() {
            spec::<TileFit>(e, nick, blurb)
        } else if t == ScreenShareLayout::static_type() {
            spec::<ScreenShareLayout>(e, nick, blurb)
        } else {
            unreachable!("layout enum {t}")
        }
    } else if let Some(u) = p.downcast_ref::<glib::ParamSpecUInt>() {
        glib::ParamSpecUInt::builder(name)
            .nick(nick)
            .blurb(blurb)
            .minimum(u.minimum())
            .maximum(u.maximum())
            .default_value(u.default_value())
            .mutable_playing()
            .build()
    } else if let Some(u) = p.downcast_ref::<glib::ParamSpecUInt64>() {
        glib::ParamSpecUInt64::builder(name)
            .nick(nick)
            .blurb(blurb)
            .minimum(u.minimum())
            .maximum(u.maximum())
            .default_value(u.default_value())
            .mutable_playing()
            .build()
    } else if p.downcast_ref::<glib::ParamSpecString>().is_some() {
        glib::ParamSpecString::builder(name)
            .nick(nick)
            .blurb(blurb)
            .mutable_playing()
            .build()
    } else if let Some(b) = p.downcast_ref::<glib::ParamSpecBoolean>() {
        glib::ParamSpecBoolean::builder(name)
            .nick(nick)
            .blurb(blurb)
            .default_value(b.default_value())
            .mutable_playing()
            .build()
    } else {
        unreachable!("layout property {name} of an unexpected type")
    }
}
