// SPDX-License-Identifier: MPL-2.0
//! RTP ingest, as media servers deliver participants: one SDP description
//! per participant (what a mediasoup PlainTransport or a Janus `rtp_forward`
//! is set up with), received with GStreamer's RTP stack into a
//! `meetingrecorder`, encoded, so only who is shown is decoded and their own
//! files are kept as received.
//!
//! Per media line: `udpsrc` (RTP) and `udpsrc` (RTCP) into `rtpbin` (jitter
//! buffer, AVPF profile), a depayloader for each sender (SSRC) it sees, all
//! into one `funnel` feeding the recorder's pad, so a sender that restarts
//! with a new SSRC is picked up on the same tile. RTCP goes both ways: the
//! recorder's receiver reports and keyframe requests (the recorder's
//! GstForceKeyUnit becomes RTCP PLI, or FIR when `a=rtcp-fb:… ccm fir`) are
//! sent from the RTCP port back to where the sender's RTCP comes from
//! (symmetric RTCP, RFC 4961): nothing to configure but the SDP.

pub mod sdp;

use gst::prelude::*;

pub use sdp::{Media, Stream, describe, streams};

/// How long the jitter buffer waits for late or reordered packets (ms):
/// rtpbin's default, what a LAN or a media server next door needs.
pub const JITTER_LATENCY_MS: u32 = 200;

/// Receives the participant `sdp_text` describes into `recorder` (a
/// `meetingrecorder` in `pipeline`): requests a recorder pad per media line
/// (with `participant_id` and `display_name`) and returns the bin
/// (`rtp-<participant_id>`) that receives them, added to `pipeline` and
/// started with it. Fails, with the reason, on a bad SDP, a codec without
/// a depayloader, or a port that cannot be bound.
pub fn receive(
    pipeline: &gst::Bin,
    recorder: &gst::Element,
    sdp_text: &str,
    participant_id: &str,
    display_name: &str,
) -> Result<gst::Bin, String> {
    let streams = sdp::streams(sdp_text)?;
    let bin = gst::Bin::builder()
        .name(format!("rtp-{participant_id}"))
        .build();
    let rtpbin = gst::ElementFactory::make("rtpbin")
        .property("latency", JITTER_LATENCY_MS)
        .property_from_str("rtp-profile", "avpf")
        .property("do-lost", true)
        .build()
        .map_err(|e| format!("rtpbin: {e}"))?;
    bin.add(&rtpbin).map_err(|e| e.to_string())?;
    let mut funnels = Vec::new();
    for (i, s) in streams.iter().enumerate() {
        // Looked up once, here: not on rtpbin's streaming thread when a
        // sender's first packet comes.
        let depayloader = depayloader_for(&s.caps).ok_or(format!(
            "no depayloader for {} ({}) is installed",
            s.encoding, s.caps
        ))?;
        let addr = s.address.to_string();
        let rtp = gst::ElementFactory::make("udpsrc")
            .name(format!("rtp-{i}"))
            .property("address", &addr)
            .property("port", s.rtp_port as i32)
            .property("caps", &s.caps)
            .build()
            .map_err(|e| e.to_string())?;
        let rtcp_in = gst::ElementFactory::make("udpsrc")
            .name(format!("rtcp-in-{i}"))
            .property("address", &addr)
            .property("port", s.rtcp_port as i32)
            .property("caps", gst::Caps::new_empty_simple("application/x-rtcp"))
            .build()
            .map_err(|e| e.to_string())?;
        let rtcp_out = gst::ElementFactory::make("multiudpsink")
            .name(format!("rtcp-out-{i}"))
            .property("sync", false)
            .property("async", false)
            .property("close-socket", false)
            .build()
            .map_err(|e| e.to_string())?;
        let funnel = gst::ElementFactory::make("funnel")
            .name(format!("funnel-{i}"))
            .build()
            .map_err(|e| e.to_string())?;
        // What the depayloader makes (video/x-vp8, audio/x-opus, …), said
        // before any sender is seen: the recorder knows from the start that
        // this participant is encoded (their own file is then made with the
        // recording, not restarted when the first packet comes).
        let media_type = depayloader
            .static_pad_templates()
            .iter()
            .find(|t| t.direction() == gst::PadDirection::Src)
            .and_then(|t| t.caps().structure(0).map(|s| s.name().to_string()))
            .ok_or(format!(
                "{} says nothing of what it makes",
                depayloader.name()
            ))?;
        let encoded = gst::ElementFactory::make("capsfilter")
            .name(format!("encoded-{i}"))
            .property("caps", gst::Caps::new_empty_simple(&media_type))
            .build()
            .map_err(|e| e.to_string())?;
        bin.add_many([&rtp, &rtcp_in, &rtcp_out, &funnel, &encoded])
            .map_err(|e| e.to_string())?;
        funnel.link(&encoded).map_err(|e| e.to_string())?;
        // Both ports bound here (one in use is said now), the sockets
        // handed to the sources; RTCP out sends from RTCP in's (symmetric
        // RTCP: the sender sees our reports come from the port it sends its
        // own to).
        let rtp_socket = bind_udp(s.address, s.rtp_port)?;
        let rtcp_socket = bind_udp(s.address, s.rtcp_port)?;
        rtp.set_property("socket", &rtp_socket);
        rtcp_in.set_property("socket", &rtcp_socket);
        rtcp_out.set_property("socket", &rtcp_socket);
        for e in [&rtp, &rtcp_in] {
            e.set_property("close-socket", false);
        }
        answer_where_rtcp_comes_from(&rtcp_in, &rtcp_out);
        rtp.link_pads(Some("src"), &rtpbin, Some(&format!("recv_rtp_sink_{i}")))
            .map_err(|e| e.to_string())?;
        rtcp_in
            .link_pads(Some("src"), &rtpbin, Some(&format!("recv_rtcp_sink_{i}")))
            .map_err(|e| e.to_string())?;
        rtpbin
            .link_pads(Some(&format!("send_rtcp_src_{i}")), &rtcp_out, Some("sink"))
            .map_err(|e| e.to_string())?;
        let out = gst::GhostPad::builder_with_target(&encoded.static_pad("src").unwrap())
            .map_err(|e| e.to_string())?
            .name(format!("src_{i}"))
            .build();
        bin.add_pad(&out).map_err(|e| e.to_string())?;
        funnels.push((funnel, depayloader));
    }
    // A sender (SSRC) on media line i: depayloaded into funnel i. A new SSRC
    // (the sender restarted) gets its own depayloader into the same funnel.
    {
        let bin_weak = bin.downgrade();
        let funnels = funnels.clone();
        rtpbin.connect_pad_added(move |_, pad| {
            let Some(bin) = bin_weak.upgrade() else {
                return;
            };
            let name = pad.name();
            let Some(i) = name
                .strip_prefix("recv_rtp_src_")
                .and_then(|r| r.split('_').next())
                .and_then(|i| i.parse::<usize>().ok())
            else {
                return;
            };
            let Some((funnel, depayloader)) = funnels.get(i) else {
                return;
            };
            if let Err(e) = depayload(&bin, pad, funnel, depayloader) {
                gst::warning!(gst::CAT_RUST, obj = pad, "{e}");
            }
        });
    }
    // A sender gone (BYE, or silent past the SSRC timeout): its depayloader goes.
    {
        let bin_weak = bin.downgrade();
        rtpbin.connect_pad_removed(move |_, pad| {
            let Some(bin) = bin_weak.upgrade() else {
                return;
            };
            let depay_name = format!("depay-{}", pad.name());
            if let Some(depay) = bin.by_name(&depay_name) {
                let funnel_pad = depay.static_pad("src").and_then(|p| p.peer());
                let bin2 = bin.clone();
                bin.call_async(move |_| {
                    let _ = depay.set_state(gst::State::Null);
                    let _ = bin2.remove(&depay);
                    if let Some(fp) = funnel_pad
                        && let Some(funnel) = fp.parent_element()
                    {
                        funnel.release_request_pad(&fp);
                    }
                });
            }
        });
    }
    pipeline.add(&bin).map_err(|e| e.to_string())?;
    for (i, s) in streams.iter().enumerate() {
        let template = match s.media {
            Media::Video => "video_%u",
            Media::Audio => "audio_%u",
        };
        let pad = recorder
            .request_pad_simple(template)
            .ok_or(format!("the recorder gave no {template} pad"))?;
        pad.set_property("participant-id", participant_id);
        pad.set_property("display-name", display_name);
        bin.static_pad(&format!("src_{i}"))
            .unwrap()
            .link(&pad)
            .map_err(|e| format!("into the recorder: {e}"))?;
    }
    bin.sync_state_with_parent().map_err(|e| e.to_string())?;
    Ok(bin)
}

/// A UDP socket bound to `address`:`port` (closed when the last element
/// holding it goes).
fn bind_udp(address: std::net::IpAddr, port: u16) -> Result<gst_net::gio::Socket, String> {
    use gst_net::gio;
    use gst_net::gio::prelude::*;
    let family = if address.is_ipv4() {
        gio::SocketFamily::Ipv4
    } else {
        gio::SocketFamily::Ipv6
    };
    let socket = gio::Socket::new(family, gio::SocketType::Datagram, gio::SocketProtocol::Udp)
        .map_err(|e| format!("a UDP socket: {e}"))?;
    let at = gio::InetSocketAddress::new(&gio::InetAddress::from(address), port);
    socket
        .bind(&at, false)
        .map_err(|e| format!("cannot listen on {address}:{port}: {e}"))?;
    Ok(socket)
}

/// The best-ranked installed depayloader for RTP `caps`.
fn depayloader_for(caps: &gst::Caps) -> Option<gst::ElementFactory> {
    gst::ElementFactory::factories_with_type(
        gst::ElementFactoryType::DEPAYLOADER,
        gst::Rank::MARGINAL,
    )
    .into_iter()
    .filter(|f| f.can_sink_all_caps(caps))
    .max_by_key(|f| f.rank())
}

fn depayload(
    bin: &gst::Bin,
    pad: &gst::Pad,
    funnel: &gst::Element,
    factory: &gst::ElementFactory,
) -> Result<(), String> {
    let depay = factory
        .create()
        .name(format!("depay-{}", pad.name()))
        .build()
        .map_err(|e| e.to_string())?;
    // A lost packet: the depayloader drops what depends on it until the
    // next keyframe and asks for one upstream (rtpbin turns that into RTCP
    // PLI/FIR); the recorder's tile keeps the last picture meanwhile. Its
    // first output is a keyframe, with caps that say the picture's size
    // (a muxer needs them for the participant's own file).
    for (property, value) in [("wait-for-keyframe", true), ("request-keyframe", true)] {
        if depay.find_property(property).is_some() {
            depay.set_property(property, value);
        }
    }
    bin.add(&depay).map_err(|e| e.to_string())?;
    ask_by_pli_where_offered(pad);
    let into = funnel
        .request_pad_simple("sink_%u")
        .ok_or("no funnel pad")?;
    depay
        .static_pad("src")
        .unwrap()
        .link(&into)
        .map_err(|e| e.to_string())?;
    pad.link(&depay.static_pad("sink").unwrap())
        .map_err(|e| e.to_string())?;
    depay.sync_state_with_parent().map_err(|e| e.to_string())?;
    Ok(())
}

/// Whether a keyframe request should go out as FIR rather than PLI: only
/// when the stream offers FIR and not PLI. PLI is what every SFU relays
/// (Janus 1.1's `rtp_forward` drops FIR); rtpsession sends FIR whenever the
/// request has `all-headers` and the stream offers FIR, so the request is
/// rewritten to say which.
pub fn wants_fir(offers_pli: bool, offers_fir: bool) -> bool {
    offers_fir && !offers_pli
}

/// Rewrites the keyframe requests that reach rtpbin's `pad` (from the
/// depayloader and the recorder) so rtpsession sends PLI where the SDP
/// offers it.
fn ask_by_pli_where_offered(pad: &gst::Pad) {
    pad.add_probe(gst::PadProbeType::EVENT_UPSTREAM, |pad, info| {
        let Some(event) = info.event() else {
            return gst::PadProbeReturn::Ok;
        };
        let Some(s) = event.structure().filter(|s| s.name() == "GstForceKeyUnit") else {
            return gst::PadProbeReturn::Ok;
        };
        let Some(caps) = pad.current_caps() else {
            return gst::PadProbeReturn::Ok;
        };
        let Some(offered) = caps.structure(0) else {
            return gst::PadProbeReturn::Ok;
        };
        let (pli, fir) = (
            offered.has_field("rtcp-fb-nack-pli"),
            offered.has_field("rtcp-fb-ccm-fir"),
        );
        let fir_wanted = wants_fir(pli, fir);
        if (pli || fir) && s.get::<bool>("all-headers").ok() != Some(fir_wanted) {
            let mut s = s.to_owned();
            s.set("all-headers", fir_wanted);
            info.data = Some(gst::PadProbeData::Event(gst::event::CustomUpstream::new(s)));
        }
        gst::PadProbeReturn::Ok
    });
}

/// Sends our RTCP to where the sender's comes from (learned from each
/// packet's source address; changed when the sender moves).
fn answer_where_rtcp_comes_from(rtcp_in: &gst::Element, rtcp_out: &gst::Element) {
    let out = rtcp_out.downgrade();
    let peer: std::sync::Mutex<Option<(String, i32)>> = std::sync::Mutex::new(None);
    rtcp_in
        .static_pad("src")
        .unwrap()
        .add_probe(gst::PadProbeType::BUFFER, move |_, info| {
            let Some(from) = info
                .buffer()
                .and_then(|b| b.meta::<gst_net::NetAddressMeta>())
                .and_then(|m| {
                    use gst_net::gio::prelude::*;
                    let a = m
                        .addr()
                        .downcast::<gst_net::gio::InetSocketAddress>()
                        .ok()?;
                    Some((a.address().to_str().to_string(), a.port() as i32))
                })
            else {
                return gst::PadProbeReturn::Ok;
            };
            let mut peer = peer.lock().unwrap();
            if peer.as_ref() != Some(&from)
                && let Some(out) = out.upgrade()
            {
                out.emit_by_name::<()>("clear", &[]);
                out.emit_by_name::<()>("add", &[&from.0, &from.1]);
                *peer = Some(from);
            }
            gst::PadProbeReturn::Ok
        });
}

#[cfg(test)]
mod tests;
