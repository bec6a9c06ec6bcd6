// SPDX-License-Identifier: MPL-2.0
//! A participant's chain: built when their pad is requested (undone if a step
//! fails), guarded against video the compositor cannot take, drained and
//! taken down when they leave.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use gst::prelude::*;
use gst::subclass::prelude::*;

use super::Participant;
use crate::meetingrecorder::CAT;
use crate::meetingrecorder::branch::Kind;
use crate::meetingrecorder::branch::Link;
use crate::meetingrecorder::participants::decode::{
    DecodeStage, answer_encoded_queries, caps_answer, decodable, decodable_caps,
};
use crate::meetingrecorder::{MeetingRecorderPad, Mode};
use crate::meetingrecorder::{mix::*, recording::report::*, recording::timeline::*, state::*};
use crate::util::Step;

/// Who a stream belongs to: its participant id, else its pad's number.
/// What adding a participant did so far, undone when a later step fails.
#[derive(Default)]
struct Partial {
    /// The compositor or mixer pad requested for them.
    sink: Option<gst::Pad>,
    /// Their elements, once in the bin.
    elements: Vec<gst::Element>,
    /// Their tee's pad towards `sink`.
    tee_src: Option<(gst::Element, gst::Pad)>,
}

impl Partial {
    fn undo(self, bin: &crate::meetingrecorder::MeetingRecorder) {
        if let Some((tee, src)) = self.tee_src {
            if let Some(peer) = src.peer() {
                let _ = src.unlink(&peer);
            }
            tee.release_request_pad(&src);
        }
        for e in self.elements.iter().rev() {
            let _ = e.set_state(gst::State::Null);
            let _ = bin.remove(e);
        }
        if let Some(sink) = self.sink
            && let Some(parent) = sink.parent_element()
        {
            parent.release_request_pad(&sink);
        }
    }
}

impl MeetingRecorder {
    /// Adds a participant's stream: its chain into the compositor or the
    /// mixer and its ghost pad. What a failure leaves half built is undone.
    pub(crate) fn add_participant(
        &self,
        templ: &gst::PadTemplate,
        kind: Kind,
        name: Option<&str>,
    ) -> Result<MeetingRecorderPad, String> {
        let mut partial = Partial::default();
        match self.build_participant(templ, kind, name, &mut partial) {
            Ok(pad) => Ok(pad),
            Err(e) => {
                partial.undo(&self.obj());
                Err(e)
            }
        }
    }

    fn build_participant(
        &self,
        templ: &gst::PadTemplate,
        kind: Kind,
        name: Option<&str>,
        partial: &mut Partial,
    ) -> Result<MeetingRecorderPad, String> {
        let obj = self.obj();
        let mode = self.settings.lock().unwrap().mode;
        let name = {
            let mut state = self.state.lock().unwrap();
            let idx = kind as usize;
            let n = match name.and_then(|n| n.rsplit('_').next()?.parse::<u32>().ok()) {
                Some(n) => n,
                None => state.next_pad[idx],
            };
            state.next_pad[idx] = state.next_pad[idx].max(n + 1);
            format!(
                "{}_{n}",
                if kind == Kind::Video {
                    "video"
                } else {
                    "audio"
                }
            )
        };
        if obj.static_pad(&name).is_some() {
            return Err(format!("pad {name} exists"));
        }
        let make = |f: &str| {
            gst::ElementFactory::make(f)
                .build()
                .step(format_args!("creating {f}"))
        };
        let tee = gst::ElementFactory::make("tee")
            .property("allow-not-linked", true)
            .build()
            .step("creating tee")?;
        let (elements, level) = match (kind, mode) {
            (Kind::Video, Mode::VideoAndAudio) => {
                partial.sink = Some(
                    self.compositor
                        .request_pad_simple("sink_%u")
                        .step("requesting a compositor pad")?,
                );
                // No queue: the compositor's pad is one (it holds a frame
                // and, live, up to the latency), as with the stock
                // compositor. A queue here kept two more raw frames per
                // participant (+25 MB of RSS for 9 at 720p, bench_recording).
                (vec![tee.clone()], None)
            }
            (Kind::Video, Mode::Audio) => (vec![make("fakesink")?], None),
            (Kind::Audio, _) => {
                // Levels pick the speaker the picture shows; a recording of
                // the mix only has no picture to pick for.
                let level = match mode {
                    Mode::VideoAndAudio => Some(
                        gst::ElementFactory::make("level")
                            .property("interval", LEVEL_INTERVAL.nseconds())
                            .property("post-messages", true)
                            .build()
                            .step("creating level")?,
                    ),
                    Mode::Audio => None,
                };
                let sink = self
                    .mixer
                    .request_pad_simple("sink_%u")
                    .step("requesting a mixer pad")?;
                partial.sink = Some(sink.clone());
                let weak = obj.downgrade();
                sink.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
                    if let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view())
                        && let Some(channels) = c
                            .caps()
                            .structure(0)
                            .and_then(|s| s.get::<i32>("channels").ok())
                        && let Some(obj) = weak.upgrade()
                    {
                        obj.imp().raise_mix_channels(channels);
                    }
                    gst::PadProbeReturn::Ok
                });
                // Into the mix's sample format and rate here, keeping the
                // participant's channels: a mono microphone is then mixed
                // as it is (see `raise_mix_channels`).
                let format = gst::ElementFactory::make("capsfilter")
                    .property("caps", mix_format(None))
                    .build()
                    .step("creating capsfilter")?;
                let input = gst::ElementFactory::make("tee")
                    .property("allow-not-linked", true)
                    .build()
                    .step("creating the input tee")?;
                let mut chain = vec![
                    input,
                    make("queue")?,
                    make("audioconvert")?,
                    make("audioresample")?,
                    format,
                ];
                chain.extend(level.clone());
                chain.push(tee.clone());
                (chain, level)
            }
        };
        let sink = partial.sink.clone();
        let input = elements[0].clone();
        let tee = sink.as_ref().map(|_| tee);
        obj.add_many(&elements)
            .step(format_args!("adding {name}'s elements"))?;
        partial.elements = elements.clone();
        gst::Element::link_many(&elements).step(format_args!("linking {name}'s chain"))?;
        let mut stage = None;
        if kind == Kind::Audio && sink.is_some() {
            // Decoded Opus goes in between the input tee and the mix chain.
            let next = elements[1].static_pad("sink").unwrap();
            let src = next.peer().step("the input tee's pad")?;
            answer_encoded_queries(&src, Kind::Audio);
            stage = Some(DecodeStage::new(&name, kind, src, next, None));
        }
        if let (Some(sink), Some(tee)) = (&sink, &tee) {
            let src = tee
                .request_pad_simple("src_%u")
                .step(format_args!("requesting a pad of {name}'s tee"))?;
            partial.tee_src = Some((tee.clone(), src.clone()));
            if kind == Kind::Video {
                self.guard_compositor_input(&src);
                stage = Some(DecodeStage::new(
                    &name,
                    kind,
                    src.clone(),
                    sink.clone(),
                    sink.clone().downcast().ok(),
                ));
            }
            src.link(sink).step(format_args!(
                "linking {name} into the {}",
                sink.parent()
                    .map_or_else(String::new, |p| p.name().to_string())
            ))?;
            self.own_file_at_first_data(&input, &name);
        }
        for e in &elements {
            e.sync_state_with_parent()
                .step(format_args!("starting {}", e.name()))?;
        }
        let pad = gst::PadBuilder::<MeetingRecorderPad>::from_template(templ)
            .name(name.as_str())
            .build();
        let target = elements[0]
            .static_pad("sink")
            .step(format_args!("{name}'s first element's sink pad"))?;
        pad.set_target(Some(&target))
            .step(format_args!("targeting {name}"))?;
        if kind == Kind::Video {
            *pad.imp().compositor_pad.lock().unwrap() = sink.clone();
        }
        self.follow_liveness(&pad);
        if let Some(stage) = &stage {
            // Encoded caps put a decoder in (see `decode`), before the tee
            // passes them on.
            // Weak: recordings keep a gone participant's pad (for their
            // name) until they finish, and the stage holds the tile.
            let (stage, weak) = (Arc::downgrade(stage), obj.downgrade());
            pad.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |pad, info| {
                if let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view())
                    && let Some(obj) = weak.upgrade()
                    && let Some(stage) = stage.upgrade()
                    && let Err(e) = stage.on_caps(&obj, c.caps())
                {
                    gst::warning!(CAT, obj = pad, "no decoder: {e}");
                    obj.imp()
                        .decode_trouble(&pad.name(), &format!("no decoder: {e}"), None);
                }
                gst::PadProbeReturn::Ok
            });
        }
        // A participant whose stream ended counts as gone for the meeting's end.
        let eos = Arc::new(AtomicBool::new(false));
        {
            let eos = eos.clone();
            let weak = obj.downgrade();
            pad.add_probe(gst::PadProbeType::EVENT_DOWNSTREAM, move |_, info| {
                if let Some(gst::EventView::Eos(_)) = info.event().map(|e| e.view()) {
                    eos.store(true, Ordering::SeqCst);
                    if let Some(obj) = weak.upgrade() {
                        obj.imp().check_meeting_end();
                    }
                }
                gst::PadProbeReturn::Ok
            });
        }
        if obj.current_state() > gst::State::Ready {
            let _ = pad.set_active(true);
        }
        obj.add_pad(&pad).step(format_args!("adding pad {name}"))?;
        obj.child_added(&pad, &name);

        let mut state = self.state.lock().unwrap();
        let joined = state.now.load(Ordering::Relaxed);
        for rec in &mut state.recordings {
            rec.participants
                .push((pad.clone(), participant_entry(&pad, joined, &rec.clock)));
        }
        state.participants.push(Participant {
            pad: pad.clone(),
            kind,
            elements,
            sink,
            level,
            tee,
            input,
            stage,
            eos,
        });
        gst::debug!(CAT, imp = self, "participant pad {name} added");
        Ok(pad)
    }

    /// A late joiner's own recording starts with their first data. It is
    /// built off this streaming thread (directory, file, encoders, metadata
    /// written to disk); their first buffer (a keyframe) waits, bounded, for
    /// it, so that file starts with it (see `await_own_file`).
    fn own_file_at_first_data(&self, input: &gst::Element, name: &str) {
        let Some(input_sink) = input.static_pad("sink") else {
            return;
        };
        let weak = self.obj().downgrade();
        let pad_name = name.to_string();
        input_sink.add_probe(gst::PadProbeType::BUFFER, move |_, _| {
            if let Some(obj) = weak.upgrade() {
                let name = pad_name.clone();
                obj.call_async(move |obj| obj.imp().ensure_isolated(&name));
                obj.imp().await_own_file(&pad_name);
            }
            gst::PadProbeReturn::Remove
        });
    }

    /// Lets what a leaving participant already sent (up to the second their
    /// queue holds) reach the picture, the mix and their own file before their
    /// chain goes: EOS behind it, waited for at the chain's end (at most 1 s).
    pub(crate) fn drain(&self, p: &Participant) {
        if p.eos.load(Ordering::SeqCst) || self.obj().current_state() != gst::State::Playing {
            return;
        }
        let (Some(first), Some(last)) = (p.elements.first(), p.elements.last()) else {
            return;
        };
        let done = Arc::new((Mutex::new(false), std::sync::Condvar::new()));
        {
            let done = done.clone();
            last.static_pad("sink").unwrap().add_probe(
                gst::PadProbeType::EVENT_DOWNSTREAM,
                move |_, info| {
                    if let Some(gst::EventView::Eos(_)) = info.event().map(|e| e.view()) {
                        *done.0.lock().unwrap() = true;
                        done.1.notify_all();
                        return gst::PadProbeReturn::Remove;
                    }
                    gst::PadProbeReturn::Ok
                },
            );
        }
        if !first
            .static_pad("sink")
            .unwrap()
            .send_event(gst::event::Eos::new())
        {
            return;
        }
        let (lock, cvar) = &*done;
        let _ = cvar.wait_timeout_while(
            lock.lock().unwrap(),
            std::time::Duration::from_secs(1),
            |drained| !*drained,
        );
    }

    /// Guards the compositor against one participant's unusable video: the
    /// tee pad feeding it answers caps queries with anything raw (supported
    /// formats first), so upstream never fails; caps the compositor cannot take
    /// are turned into a warning naming the participant and an EOS on their
    /// tile (shown as ended), and their data is dropped there. The meeting and
    /// the other participants go on; their own recording still gets the video.
    pub(crate) fn guard_compositor_input(&self, src: &gst::Pad) {
        let weak = self.obj().downgrade();
        let refused = AtomicBool::new(false);
        let any_raw = gst::Caps::new_empty_simple("video/x-raw");
        src.add_probe(
            gst::PadProbeType::QUERY_DOWNSTREAM
                | gst::PadProbeType::EVENT_DOWNSTREAM
                | gst::PadProbeType::BUFFER
                | gst::PadProbeType::BUFFER_LIST,
            move |pad, info| {
                if let Some(q) = info.query_mut() {
                    match q.view_mut() {
                        gst::QueryViewMut::AcceptCaps(q) => {
                            let ok =
                                q.caps().can_intersect(&any_raw) || decodable(q.caps()).is_some();
                            q.set_result(ok);
                            return gst::PadProbeReturn::Handled;
                        }
                        gst::QueryViewMut::Caps(q) => {
                            let filter = q.filter_owned();
                            let Some(peer) = pad.peer() else {
                                return gst::PadProbeReturn::Ok;
                            };
                            let mut also = any_raw.clone();
                            also.merge(decodable_caps(Kind::Video));
                            let downstream = peer.query_caps(filter.as_ref());
                            q.set_result(&caps_answer(downstream, filter.as_ref(), also));
                            return gst::PadProbeReturn::Handled;
                        }
                        _ => return gst::PadProbeReturn::Ok,
                    }
                }
                if refused.load(Ordering::SeqCst) {
                    drop(info.take_buffer());
                    drop(info.take_buffer_list());
                    drop(info.take_event());
                    return gst::PadProbeReturn::Handled;
                }
                let Some(gst::EventView::Caps(c)) = info.event().map(|e| e.view()) else {
                    return gst::PadProbeReturn::Ok;
                };
                let caps = c.caps_owned();
                if decodable(&caps).is_some() {
                    return gst::PadProbeReturn::Ok; // into its decoder
                }
                let Err(why) = crate::layoutcompositor::check_input_caps(&caps) else {
                    return gst::PadProbeReturn::Ok;
                };
                refused.store(true, Ordering::SeqCst);
                if let Some(obj) = weak.upgrade() {
                    obj.imp().refuse_participant(pad, &caps, &why);
                }
                info.data = Some(gst::PadProbeData::Event(gst::event::Eos::new()));
                gst::PadProbeReturn::Ok
            },
        );
    }

    pub(crate) fn refuse_participant(&self, src: &gst::Pad, caps: &gst::Caps, why: &str) {
        let tile = src.peer().and_then(|p| {
            p.downcast::<crate::layoutcompositor::LayoutCompositorPad>()
                .ok()
        });
        let who = tile.as_ref().map_or_else(
            || src.name().to_string(),
            crate::layoutcompositor::describe_pad,
        );
        let id: Option<String> = tile.as_ref().and_then(|t| t.property("participant-id"));
        let text =
            format!("{who} cannot be composed: {why}; the meeting is recorded without their video");
        gst::warning!(CAT, imp = self, "{text} (caps {caps})");
        let obj = self.obj();
        let msg = gst::message::Warning::builder(gst::CoreError::Negotiation, &text)
            .debug(&format!("refused caps {caps}"))
            .details(
                gst::Structure::builder("participant-refused")
                    .field("participant-id", id.unwrap_or_default())
                    .field("reason", why)
                    .field("caps", caps)
                    .build(),
            )
            .src(&*obj)
            .build();
        let _ = obj.post_message(msg);
    }

    pub(crate) fn remove_participant(&self, pad: &gst::Pad) {
        let obj = self.obj();
        let stop = self.settings.lock().unwrap().stop_on_empty;
        let (p, empty) = {
            let mut state = self.state.lock().unwrap();
            let Some(i) = state
                .participants
                .iter()
                .position(|p| p.pad.upcast_ref::<gst::Pad>() == pad)
            else {
                return;
            };
            let p = state.participants.remove(i);
            let left = state.now.load(Ordering::Relaxed);
            for rec in &mut state.recordings {
                let rel = rel_ms(left, &rec.clock);
                if let Some((_, e)) = rec
                    .participants
                    .iter_mut()
                    .find(|(pad, e)| pad == &p.pad && e.left_ms.is_none())
                {
                    e.left_ms = Some(rel);
                }
            }
            (p, state.participants.is_empty())
        };
        // Their own recording loses this stream: it ends there (the muxer
        // goes on with their other streams and finishes after the last).
        let own: Vec<Link> = match &p.tee {
            Some(tee) => self
                .state
                .lock()
                .unwrap()
                .recordings
                .iter()
                .flat_map(|r| r.links.iter().filter(|l| &l.tee == tee).cloned())
                .collect(),
            None => Vec::new(),
        };
        self.drain(&p);
        let _ = p.pad.set_target(None::<&gst::Pad>);
        // Recordings keep the pad (for the participant's id and name) until
        // they finish: it must not keep the compositor pad, and with it the
        // tile's converter, alive (found by the churn test).
        p.pad.imp().compositor_pad.lock().unwrap().take();
        let _ = p.pad.set_active(false);
        let _ = obj.remove_pad(&p.pad);
        for e in p.elements.iter().rev() {
            e.set_locked_state(true);
            let _ = e.set_state(gst::State::Null);
            let _ = obj.remove(e);
        }
        if let Some(stage) = &p.stage {
            stage.shut_down(&obj);
        }
        if let Some(sink) = p.sink
            && let Some(parent) = sink.parent_element()
        {
            parent.release_request_pad(&sink);
        }
        for link in own {
            // Nothing flows from the stopped chain: end it here and now.
            let _ = link.src.unlink(&link.ghost);
            link.ghost.send_event(gst::event::Eos::new());
        }
        gst::debug!(CAT, imp = self, "participant pad {} removed", p.pad.name());
        if empty && stop {
            gst::info!(CAT, imp = self, "last participant left: stopping");
            self.stop_recordings();
        } else {
            self.check_meeting_end();
        }
    }
}
