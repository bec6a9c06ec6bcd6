// SPDX-License-Identifier: MPL-2.0
//! A recording's audio on its own, without transcoding: Opus remuxed into an
//! Ogg `.opus` file, PCM into a `.wav` (what VDO.Ninja's converter offers).
//! The packets (Opus) or samples (PCM) are the recording's own, bit for bit.

use std::path::Path;

use gst::prelude::*;

use crate::metadata;

/// What an audio export is: its file extension and MIME type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AudioExport {
    /// Ogg Opus (`.opus`, `audio/ogg`).
    Opus,
    /// WAV (`.wav`, `audio/wav`), the recording's float samples.
    Wav,
}

impl AudioExport {
    /// What the audio of `recording` exports as, if it has audio.
    pub fn of(recording: &metadata::Recording) -> Option<AudioExport> {
        match recording.file.audio.as_ref()?.codec.as_str() {
            "opus" => Some(AudioExport::Opus),
            "pcm" => Some(AudioExport::Wav),
            _ => None,
        }
    }

    pub const fn extension(self) -> &'static str {
        match self {
            AudioExport::Opus => "opus",
            AudioExport::Wav => "wav",
        }
    }

    pub const fn mime_type(self) -> &'static str {
        match self {
            AudioExport::Opus => "audio/ogg",
            AudioExport::Wav => "audio/wav",
        }
    }
}

/// The export's file name for recording media `media`: `<name>.opus` or
/// `<name>.wav`.
pub fn audio_file_name(media: &Path, kind: AudioExport) -> String {
    let stem = media
        .file_stem()
        .map_or_else(|| "recording".into(), |s| s.to_string_lossy().to_string());
    format!("{stem}.{}", kind.extension())
}

/// Writes the audio of the recording whose metadata is `recording` (its
/// media at `media`) to `out`, remuxed: returns what it wrote. Fails, with
/// the reason, for a recording without audio or a file that cannot be read.
pub fn export_audio(
    recording: &metadata::Recording,
    media: &Path,
    out: &Path,
) -> Result<AudioExport, String> {
    let kind = AudioExport::of(recording)
        .ok_or_else(|| format!("recording {} has no audio to export", recording.id))?;
    gst::init().map_err(|e| format!("GStreamer: {e}"))?;
    let make = |f: &str| {
        gst::ElementFactory::make(f)
            .build()
            .map_err(|e| format!("audio export: {f}: {e}"))
    };
    // The audio is the container's own stream: parsebin demuxes (and
    // parses) it, it stays as it is and goes into the new container.
    let (keep, mut chain) = match kind {
        AudioExport::Opus => ("audio/x-opus", vec![make("opusparse")?, make("oggmux")?]),
        AudioExport::Wav => ("audio/x-raw", vec![make("wavenc")?]),
    };
    let src = make("filesrc")?;
    src.set_property("location", media);
    let demux = make("parsebin")?;
    let sink = gst::ElementFactory::make("filesink")
        .property("location", out)
        .property("async", false)
        .build()
        .map_err(|e| format!("audio export: filesink: {e}"))?;
    let target = chain[0]
        .static_pad("sink")
        .ok_or("audio export: no input pad")?;
    chain.push(sink);
    let pipeline = gst::Pipeline::new();
    pipeline
        .add_many([&src, &demux])
        .and_then(|_| pipeline.add_many(&chain))
        .map_err(|e| format!("audio export: {e}"))?;
    src.link(&demux)
        .and_then(|_| gst::Element::link_many(&chain))
        .map_err(|e| format!("audio export: {e}"))?;
    demux.connect_pad_added(move |_, pad| {
        let caps = pad.current_caps().unwrap_or_else(|| pad.query_caps(None));
        let is_audio = caps.structure(0).is_some_and(|s| s.name().as_str() == keep);
        if is_audio && !target.is_linked() {
            let _ = pad.link(&target);
        }
    });
    let outcome = crate::util::pipeline::play_to_end(&pipeline, "the audio export");
    let _ = pipeline.set_state(gst::State::Null);
    if let Err(e) = outcome {
        let _ = std::fs::remove_file(out);
        return Err(format!("exporting the audio of {}: {e}", media.display()));
    }
    Ok(kind)
}
