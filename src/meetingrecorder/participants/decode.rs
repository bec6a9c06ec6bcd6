// SPDX-License-Identifier: MPL-2.0
//! Encoded participants (VP8, VP9, H.264, H.265, AV1 video; Opus audio):
//! a decoder between the participant's input tee and the picture or the mix,
//! built when their caps say they are encoded (and rebuilt when the codec
//! changes), and the gate before it that decodes a participant's video only
//! while they are shown (see `crate::ingest` for the rules).
//!
//! A decoder's trouble stays the participant's: its flow errors end at the
//! decoder bin's input, its warnings and errors become one WARNING naming the
//! participant (`participant-decode-error`), and the gate holds the tile's
//! last good picture until a keyframe.
//!
//! Lock order: the element's `state`, then a stage's `inner`; the gate's
//! events are pushed with neither held.

use std::sync::atomic::Ordering;
use std::sync::{Arc, LazyLock, Weak};
use std::time::{Duration, Instant};

use gst::prelude::*;
use gst::subclass::prelude::*;

use crate::ingest::{Codec, Gate, Verdict};
use crate::layoutcompositor::LayoutCompositorPad;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::branch::Kind;
use crate::util::Step as _;
use crate::util::ordered::Ordered;

/// At most one decode warning per participant in this time (a lossy link
/// would otherwise flood the bus); the others are counted in the next one.
const WARNING_INTERVAL: Duration = Duration::from_secs(1);

/// One participant's decoding.
pub(crate) struct DecodeStage {
    pad_name: String,
    pub(crate) kind: Kind,
    /// The input tee's pad towards the picture or the mix…
    src: gst::Pad,
    /// …and the pad it feeds (the compositor's, or the mix chain's queue).
    next: gst::Pad,
    /// Video: the tile, whose visibility the gate follows.
    tile: Option<LayoutCompositorPad>,
    inner: Ordered<Inner>,
}

#[derive(Default)]
struct Inner {
    /// The codec decoded and its decoder bin (`decode-<pad>`); None while
    /// the participant sends raw media.
    current: Option<(Codec, gst::Bin)>,
    gate: Gate,
    last_warning: Option<Instant>,
    unwarned_errors: u32,
    /// The latest picture out of the decoder (a reference, no copy): what a
    /// shown tile keeps while its participant is held (lost data, waiting
    /// for a keyframe).
    last_picture: Option<gst::Buffer>,
}

/// Encoded caps a participant's pad of `kind` takes: those an installed
/// decoder takes.
pub(crate) fn decodable_caps(kind: Kind) -> gst::Caps {
    let mut caps = gst::Caps::new_empty();
    for codec in Codec::ALL
        .into_iter()
        .filter(|c| c.is_video() == (kind == Kind::Video))
    {
        if decoder_for(codec).is_some() {
            caps.merge(gst::Caps::new_empty_simple(codec.media_type()));
        }
    }
    caps
}

/// The encoded codec `caps` carry, if a decoder for it is installed.
pub(crate) fn decodable(caps: &gst::CapsRef) -> Option<Codec> {
    decodable_media_type(caps.structure(0)?.name())
}

/// The encoded codec a media type (`video/x-vp8`, …) names, if a decoder
/// for it is installed.
pub(crate) fn decodable_media_type(name: &str) -> Option<Codec> {
    let codec = Codec::from_media_type(name)?;
    decoder_for(codec).map(|_| codec)
}

/// The answer to a caps query with `filter`: what is downstream takes, then
/// `also` (what the pad takes beyond it) within the filter.
pub(crate) fn caps_answer(
    mut downstream: gst::Caps,
    filter: Option<&gst::Caps>,
    also: gst::Caps,
) -> gst::Caps {
    downstream.merge(match filter {
        Some(f) => f.intersect(&also),
        None => also,
    });
    downstream
}

/// Lets `pad` take a participant's encoded media of `kind` although what
/// is behind it does not (a decoder goes in when the caps come, or the
/// branch is made again): accept-caps says yes to what an installed decoder
/// takes, caps queries add it to what is downstream (a src pad's peer, a
/// ghost pad's target).
pub(crate) fn answer_encoded_queries(pad: &gst::Pad, kind: Kind) {
    pad.add_probe(gst::PadProbeType::QUERY_DOWNSTREAM, move |pad, info| {
        let Some(q) = info.query_mut() else {
            return gst::PadProbeReturn::Ok;
        };
        match q.view_mut() {
            gst::QueryViewMut::AcceptCaps(q) if decodable(q.caps()).is_some() => {
                q.set_result(true);
                gst::PadProbeReturn::Handled
            }
            gst::QueryViewMut::Caps(q) => {
                let filter = q.filter_owned();
                let behind = match pad.direction() {
                    gst::PadDirection::Src => pad.peer(),
                    _ => pad.downcast_ref::<gst::GhostPad>().and_then(|g| g.target()),
                };
                let Some(behind) = behind else {
                    return gst::PadProbeReturn::Ok;
                };
                let downstream = behind.query_caps(filter.as_ref());
                q.set_result(&caps_answer(
                    downstream,
                    filter.as_ref(),
                    decodable_caps(kind),
                ));
                gst::PadProbeReturn::Handled
            }
            _ => gst::PadProbeReturn::Ok,
        }
    });
}

/// The best-ranked installed decoder of `codec` (looked up once: caps
/// queries ask often).
fn decoder_for(codec: Codec) -> Option<gst::ElementFactory> {
    static DECODERS: LazyLock<Vec<(Codec, gst::ElementFactory)>> = LazyLock::new(|| {
        let decoders = gst::ElementFactory::factories_with_type(
            gst::ElementFactoryType::DECODER,
            gst::Rank::MARGINAL,
        );
        Codec::ALL
            .into_iter()
            .filter_map(|codec| {
                decoders
                    .iter()
                    .filter(|f| takes(f, codec))
                    .max_by_key(|f| f.rank())
                    .map(|f| (codec, f.clone()))
            })
            .collect()
    });
    DECODERS
        .iter()
        .find(|(c, _)| *c == codec)
        .map(|(_, f)| f.clone())
}

/// Whether `factory` decodes `codec` as senders send it: VP8/VP9 with an
/// alpha side channel (`codec-alpha`, WebM's alpha bins) is another stream.
fn takes(factory: &gst::ElementFactory, codec: Codec) -> bool {
    factory.static_pad_templates().iter().any(|t| {
        t.direction() == gst::PadDirection::Sink
            && t.caps()
                .iter()
                .any(|s| s.name() == codec.media_type() && !s.has_field("codec-alpha"))
    })
}

impl DecodeStage {
    pub(crate) fn new(
        pad_name: &str,
        kind: Kind,
        src: gst::Pad,
        next: gst::Pad,
        tile: Option<LayoutCompositorPad>,
    ) -> Arc<Self> {
        Arc::new(DecodeStage {
            pad_name: pad_name.to_string(),
            kind,
            src,
            next,
            tile,
            inner: Ordered::default_at(crate::meetingrecorder::locks::DECODE),
        })
    }

    /// The codec decoded now (None: raw).
    pub(crate) fn codec(&self) -> Option<Codec> {
        self.inner.lock().unwrap().current.as_ref().map(|(c, _)| *c)
    }

    /// Ask for a keyframe at the next frame (a recording starts).
    pub(crate) fn want_keyframe(&self) {
        self.inner.lock().unwrap().gate.want_keyframe();
    }

    /// New caps reach the participant's pad (their streaming thread, before
    /// the tee sees them): a decoder goes in, out or is replaced when the
    /// codec changed. The same codec's caps (a new size, profile) are the
    /// decoder's to follow.
    pub(crate) fn on_caps(
        self: &Arc<Self>,
        bin: &crate::meetingrecorder::MeetingRecorder,
        caps: &gst::CapsRef,
    ) -> Result<(), String> {
        let codec = decodable(caps);
        // Not under `inner`: a decoder failing as it starts posts an ERROR,
        // whose handling (`decode_trouble`) takes it.
        let current = self.inner.lock().unwrap().current.clone();
        if current.as_ref().map(|(c, _)| *c) == codec {
            return Ok(());
        }
        if let Some((_, old)) = current {
            self.inner.lock().unwrap().current = None;
            self.take_out(bin, &old);
            let _ = self.src.link(&self.next);
        }
        let Some(codec) = codec else {
            return Ok(());
        };
        let decoder = self.build(bin, codec)?;
        if let Some(peer) = self.src.peer() {
            let _ = self.src.unlink(&peer);
        }
        let (sink, src) = (
            decoder.static_pad("sink").unwrap(),
            decoder.static_pad("src").unwrap(),
        );
        let linked = bin
            .add(&decoder)
            .step("adding the decoder")
            .and_then(|_| self.src.link(&sink).step("linking the decoder's input"))
            .and_then(|_| src.link(&self.next).step("linking the decoder's output"))
            .and_then(|_| {
                decoder
                    .sync_state_with_parent()
                    .step("starting the decoder")
            });
        if let Err(e) = linked {
            self.take_out(bin, &decoder);
            let _ = self.src.link(&self.next);
            return Err(e);
        }
        let mut inner = self.inner.lock().unwrap();
        inner.gate = Gate::default();
        inner.current = Some((codec, decoder));
        Ok(())
    }

    /// The participant left: their decoder goes.
    pub(crate) fn shut_down(&self, bin: &crate::meetingrecorder::MeetingRecorder) {
        let old = self.inner.lock().unwrap().current.take();
        if let Some((_, old)) = old {
            self.take_out(bin, &old);
        }
    }

    fn take_out(&self, bin: &crate::meetingrecorder::MeetingRecorder, decoder: &gst::Bin) {
        for pad in decoder.pads() {
            if let Some(peer) = pad.peer() {
                let _ = match pad.direction() {
                    gst::PadDirection::Src => pad.unlink(&peer),
                    _ => peer.unlink(&pad),
                };
            }
        }
        decoder.set_locked_state(true);
        let _ = decoder.set_state(gst::State::Null);
        let _ = bin.upcast_ref::<gst::Bin>().remove(decoder);
    }

    /// `decode-<pad>`: [parser] ! decoder [! videoconvert], its input
    /// guarded so that the decoder's flow errors end there, the gate on the
    /// decoder's input.
    fn build(
        self: &Arc<Self>,
        bin: &crate::meetingrecorder::MeetingRecorder,
        codec: Codec,
    ) -> Result<gst::Bin, String> {
        let decoder_bin = gst::Bin::builder()
            .name(format!("decode-{}", self.pad_name))
            .build();
        let mut chain = Vec::new();
        // Video parsers frame the stream for the decoder and set the
        // keyframe flags the gate reads; Opus packets need no parsing.
        if codec.is_video()
            && let Some(parser) = codec.parser()
            && let Ok(p) = gst::ElementFactory::make(parser).build()
        {
            chain.push(p);
        }
        let factory = decoder_for(codec)
            .ok_or_else(|| format!("no {} decoder is installed", codec.name()))?;
        let decoder = factory
            .create()
            .build()
            .step(format_args!("creating {}", factory.name()))?;
        // Each failure said at once (an ERROR message and a flow error,
        // both contained here and turned into the participant's WARNING):
        // by default a GstVideoDecoder only logs them, and the tile would
        // show what a decoder makes of frames after a lost one.
        if decoder.find_property("max-errors").is_some() {
            decoder.set_property("max-errors", 0i32);
        }
        // Low latency over throughput: FFmpeg's frame threads hold several
        // frames back; slices keep a live picture on time.
        if decoder.find_property("thread-type").is_some() {
            decoder.set_property_from_str("thread-type", "slice");
        }
        chain.push(decoder.clone());
        if codec.is_video() {
            // Passes I420/NV12 through untouched; converts what the
            // compositor does not take (4:4:4 or 12-bit profiles) instead
            // of refusing the participant.
            chain.push(
                gst::ElementFactory::make("videoconvert")
                    .build()
                    .step("creating videoconvert")?,
            );
        }
        decoder_bin
            .add_many(&chain)
            .step("adding the decoder's elements")?;
        gst::Element::link_many(&chain).step("linking the decoder's elements")?;

        let weak_bin = bin.downgrade();
        let who = self.pad_name.clone();
        let contain = move |ret: Result<gst::FlowSuccess, gst::FlowError>| match ret {
            Err(gst::FlowError::Flushing) | Ok(_) => ret,
            Err(e) => {
                if let Some(obj) = weak_bin.upgrade() {
                    obj.imp()
                        .decode_trouble(&who, &format!("the decoder returned {e:?}"), None);
                }
                Ok(gst::FlowSuccess::Ok)
            }
        };
        let contain_list = contain.clone();
        let first = chain[0].static_pad("sink").unwrap();
        let sink = gst::GhostPad::builder_with_target(&first)
            .step("the decoder's input")?
            .name("sink")
            .chain_function(move |pad, parent, buffer| {
                contain(gst::ProxyPad::chain_default(pad, parent, buffer))
            })
            .chain_list_function(move |pad, parent, list| {
                contain_list(gst::ProxyPad::chain_list_default(pad, parent, list))
            })
            .build();
        let last = chain.last().unwrap().static_pad("src").unwrap();
        let src = gst::GhostPad::with_target(&last).step("the decoder's output")?;
        // A keyframe the sender made for this participant is theirs: its
        // downstream force-key-unit would otherwise reach the composite's
        // encoder through the compositor and cost it a keyframe too.
        src.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, |_, info| {
            match info.event() {
                Some(e) if gst_video::ForceKeyUnitEvent::is(e) => {
                    drop(info.take_event());
                    gst::PadProbeReturn::Handled
                }
                _ => gst::PadProbeReturn::Ok,
            }
        });
        decoder_bin
            .add_pad(&sink)
            .step("adding the decoder's input")?;
        decoder_bin
            .add_pad(&src)
            .step("adding the decoder's output")?;
        if self.kind == Kind::Video {
            let weak = Arc::downgrade(self);
            src.add_probe(gst::PadProbeType::BUFFER, move |_, info| {
                if let (Some(stage), Some(b)) = (weak.upgrade(), info.buffer()) {
                    stage.inner.lock().unwrap().last_picture = Some(b.to_owned());
                }
                gst::PadProbeReturn::Ok
            });
            self.add_gate(&decoder.static_pad("sink").unwrap(), src.upcast());
        }
        Ok(decoder_bin)
    }

    /// The gate on the decoder's input (after the parser, whose keyframe
    /// flags it reads): frames of a hidden participant are not decoded, only
    /// their timing goes on to the tile (which keeps its picture); keyframes
    /// are asked for upstream as `crate::ingest::Gate` says.
    fn add_gate(self: &Arc<Self>, decoder_sink: &gst::Pad, out: gst::Pad) {
        let weak: Weak<DecodeStage> = Arc::downgrade(self);
        decoder_sink.add_probe(gst::PadProbeType::BUFFER, move |pad, info| {
            let (Some(stage), Some(buffer)) = (weak.upgrade(), info.buffer()) else {
                return gst::PadProbeReturn::Ok;
            };
            let flags = buffer.flags();
            let shown = stage
                .tile
                .as_ref()
                .is_none_or(|t| t.imp().visible.load(Ordering::Relaxed));
            let (pts, duration) = (buffer.pts(), buffer.duration());
            let (step, last_picture) = {
                let mut inner = stage.inner.lock().unwrap();
                let step = inner.gate.frame(
                    Instant::now(),
                    !flags.contains(gst::BufferFlags::DELTA_UNIT),
                    flags.contains(gst::BufferFlags::DISCONT),
                    shown,
                );
                let last = (step.verdict == Verdict::Hold && shown)
                    .then(|| inner.last_picture.clone())
                    .flatten();
                (step, last)
            };
            if step.request_keyframe {
                gst::debug!(CAT, obj = pad, "asking for a keyframe");
                let _ = pad.push_event(
                    gst_video::UpstreamForceKeyUnitEvent::builder()
                        .all_headers(true)
                        .build(),
                );
            }
            if step.verdict == Verdict::Decode {
                return gst::PadProbeReturn::Ok;
            }
            // Held while shown: the last picture again, re-timed (a GAP
            // would show the placeholder). Held while hidden: the timing
            // only; the compositor keeps the picture it has aside.
            if step.verdict == Verdict::Hold
                && let Some(pts) = pts
            {
                match last_picture {
                    Some(mut picture) => {
                        let p = picture.make_mut();
                        p.set_pts(pts);
                        p.set_dts(gst::ClockTime::NONE);
                        p.set_duration(duration);
                        p.unset_flags(gst::BufferFlags::DISCONT);
                        let _ = out.push(picture);
                    }
                    None => {
                        let _ = out
                            .push_event(gst::event::Gap::builder(pts).duration(duration).build());
                    }
                }
            }
            drop(info.take_buffer());
            gst::PadProbeReturn::Handled
        });
    }

    /// The decoder failed on this participant's data: decode again from a
    /// keyframe. Returns whether to say so now (rate-limited) and how many
    /// failures went unsaid before it.
    pub(crate) fn failed(&self) -> Option<u32> {
        let mut inner = self.inner.lock().unwrap();
        inner.gate.decode_error();
        let now = Instant::now();
        if inner
            .last_warning
            .is_some_and(|t| now.duration_since(t) < WARNING_INTERVAL)
        {
            inner.unwarned_errors += 1;
            return None;
        }
        inner.last_warning = Some(now);
        Some(std::mem::take(&mut inner.unwarned_errors))
    }
}

/// The participant pad whose decoder `msg` comes from (`decode-<pad>`).
pub(crate) fn decoder_scope(bin: &gst::Element, msg: &gst::Message) -> Option<String> {
    let mut cur = msg.src().cloned();
    while let Some(o) = cur {
        let parent = o.parent();
        if parent.as_ref() == Some(bin.upcast_ref::<gst::Object>()) {
            return o.name().strip_prefix("decode-").map(str::to_owned);
        }
        cur = parent;
    }
    None
}
