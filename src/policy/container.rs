// SPDX-License-Identifier: MPL-2.0
//! Which containers take which codecs.

use serde::{Deserialize, Serialize};

use super::{AudioDecision, Decision, VideoCodec};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Container {
    #[default]
    Webm,
    Mkv,
    Mp4,
    Ogg,
    Wav,
}

impl Container {
    pub const fn extension(self) -> &'static str {
        match self {
            Container::Webm => "webm",
            Container::Mkv => "mkv",
            Container::Mp4 => "mp4",
            Container::Ogg => "ogg",
            Container::Wav => "wav",
        }
    }

    /// The video codec to prefer when none was asked for: what the
    /// container holds natively (H.264 for MP4), else `otherwise`.
    pub const fn default_video_codec(self, otherwise: VideoCodec) -> VideoCodec {
        match self {
            Container::Mp4 => VideoCodec::H264,
            _ => otherwise,
        }
    }

    /// The container a file extension names (`webm`, `mkv`, `mp4`, `ogg`, `wav`).
    pub fn from_extension(ext: &str) -> Option<Container> {
        Self::ALL.into_iter().find(|c| c.extension() == ext)
    }

    pub const ALL: [Container; 5] = [
        Container::Webm,
        Container::Mkv,
        Container::Mp4,
        Container::Ogg,
        Container::Wav,
    ];

    /// The GStreamer muxer element.
    pub const fn muxer(self) -> &'static str {
        match self {
            Container::Webm => "webmmux",
            Container::Mkv => "matroskamux",
            Container::Mp4 => "mp4mux",
            Container::Ogg => "oggmux",
            Container::Wav => "wavenc",
        }
    }

    /// Whether a recording decided as `d` fits; the error says what does.
    pub fn check(self, d: &Decision) -> Result<(), String> {
        let pcm = matches!(d.audio, AudioDecision::Pcm { .. });
        let video = d.video.as_ref().map(|v| v.codec);
        let name = self.extension();
        match (self, video, pcm) {
            (Container::Mkv, _, _) => Ok(()),
            (Container::Webm, Some(VideoCodec::H264), _) => Err(format!(
                "container={name} cannot hold H.264 video (WebM takes VP8, VP9, AV1); use \
                 container=mkv or mp4, or video-codec=vp8"
            )),
            (Container::Webm, _, true) => Err(format!(
                "container={name} cannot hold PCM audio (record=0); use container=mkv or wav"
            )),
            (Container::Webm, _, false) => Ok(()),
            (Container::Mp4, Some(VideoCodec::Vp8), _) => Err(format!(
                "container={name} cannot hold VP8 video; use video-codec=h264 or container=webm/mkv"
            )),
            (Container::Mp4, _, true) => Err(format!(
                "container={name} cannot hold PCM audio (record=0); use container=mkv or wav"
            )),
            (Container::Mp4, _, false) => Ok(()),
            (Container::Ogg | Container::Wav, Some(_), _) => Err(format!(
                "container={name} is for audio-only recordings (mode=audio or record <= 0)"
            )),
            (Container::Ogg, None, true) => Err(format!(
                "container={name} takes Opus; PCM (record=0) goes in wav or mkv"
            )),
            (Container::Wav, None, false) => Err(format!(
                "container={name} takes PCM (record=0); Opus goes in ogg, webm or mkv"
            )),
            (Container::Ogg | Container::Wav, None, _) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{Mode, Request, VideoCodec, decide};

    static ALL: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| crate::policy::encoders().collect());

    fn d(record: Option<i64>, mode: Mode, codec: VideoCodec) -> Decision {
        decide(&Request {
            record,
            mode,
            video_codec: codec,
            installed: &ALL,
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn container_matrix() {
        use Container::*;
        use Mode::*;
        use VideoCodec::*;
        let ok = |c: Container, dec: Decision| c.check(&dec).is_ok();
        // WebM: VP8/VP9/AV1 + Opus only.
        assert!(ok(Webm, d(None, VideoAndAudio, Vp8)));
        assert!(ok(Webm, d(None, VideoAndAudio, Vp9)));
        assert!(ok(Webm, d(None, VideoAndAudio, Av1)));
        assert!(!ok(Webm, d(None, VideoAndAudio, H264)));
        assert!(ok(Webm, d(Some(-120), VideoAndAudio, Vp8)));
        assert!(!ok(Webm, d(Some(0), VideoAndAudio, Vp8)));
        // Matroska takes everything.
        for r in [None, Some(0), Some(-64), Some(2000)] {
            for c in [Vp8, H264] {
                assert!(ok(Mkv, d(r, VideoAndAudio, c)));
            }
        }
        // MP4: H.264 (or AV1/VP9) + Opus.
        assert!(ok(Mp4, d(None, VideoAndAudio, H264)));
        assert!(!ok(Mp4, d(None, VideoAndAudio, Vp8)));
        assert!(!ok(Mp4, d(Some(0), VideoAndAudio, H264)));
        // Ogg and WAV: audio only, Opus and PCM respectively.
        assert!(ok(Ogg, d(None, Audio, Vp8)));
        assert!(ok(Ogg, d(Some(-120), VideoAndAudio, Vp8)));
        assert!(!ok(Ogg, d(Some(0), VideoAndAudio, Vp8)));
        assert!(!ok(Ogg, d(None, VideoAndAudio, Vp8)));
        assert!(ok(Wav, d(Some(0), VideoAndAudio, Vp8)));
        assert!(!ok(Wav, d(Some(-120), VideoAndAudio, Vp8)));
        assert!(!ok(Wav, d(None, VideoAndAudio, Vp8)));
    }

    #[test]
    fn refusals_say_what_would_work() {
        let e = Container::Webm
            .check(&d(None, Mode::VideoAndAudio, VideoCodec::H264))
            .unwrap_err();
        assert!(
            e.contains("WebM") && e.contains("H.264") && e.contains("mkv"),
            "{e}"
        );
        let e = Container::Wav
            .check(&d(Some(-32), Mode::VideoAndAudio, VideoCodec::Vp8))
            .unwrap_err();
        assert!(e.contains("ogg"), "{e}");
    }
}
