// SPDX-License-Identifier: MPL-2.0
//! What an SDP description of a participant's RTP streams says meetrec is to
//! receive: per media line, its kind, where to listen (RTP and RTCP), and
//! the RTP caps (payload, codec, clock rate, `rtcp-fb`) for `rtpbin`.
//! Parsed by GStreamer's own SDP library.

use std::net::IpAddr;

/// Audio or video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    Audio,
    Video,
}

/// One media line of a participant's SDP.
#[derive(Debug, Clone)]
pub struct Stream {
    pub media: Media,
    /// Where the sender sends to (the `c=` address, ours).
    pub address: IpAddr,
    pub rtp_port: u16,
    /// `a=rtcp:` when given, else the RTP port + 1 (RFC 3550).
    pub rtcp_port: u16,
    /// `application/x-rtp` for its first payload type, with the `rtcp-fb`
    /// it offers (`rtcp-fb-nack-pli`, `rtcp-fb-ccm-fir`).
    pub caps: gst::Caps,
    /// The codec's name as in `a=rtpmap` (`VP8`, `H264`, `OPUS`, …).
    pub encoding: String,
}

/// The streams `text` describes; errors name what is wrong.
pub fn streams(text: &str) -> Result<Vec<Stream>, String> {
    let msg = gst_sdp::SDPMessage::parse_buffer(text.as_bytes())
        .ok()
        .filter(|m| m.version().is_some())
        .ok_or("not an SDP description (no v= line)")?;
    let session_address = msg
        .connection()
        .and_then(|c| c.address())
        .map(str::to_owned);
    let mut found = Vec::new();
    for (i, m) in msg.medias().enumerate() {
        let line = i + 1;
        let media = match m.media() {
            Some("audio") => Media::Audio,
            Some("video") => Media::Video,
            other => {
                return Err(format!(
                    "media line {line} ({}): only audio and video are recorded",
                    other.unwrap_or("?")
                ));
            }
        };
        if !m.proto().is_some_and(|p| p.starts_with("RTP/AVP")) {
            return Err(format!(
                "media line {line}: protocol {} (want RTP/AVP or RTP/AVPF over UDP)",
                m.proto().unwrap_or("?")
            ));
        }
        let rtp_port = u16::try_from(m.port())
            .ok()
            .filter(|p| *p > 0)
            .ok_or(format!(
                "media line {line}: port {} is not one to listen on",
                m.port()
            ))?;
        let address = m
            .connections()
            .next()
            .and_then(|c| c.address())
            .map(str::to_owned)
            .or(session_address.clone())
            .ok_or(format!("media line {line}: no c= address"))?;
        let address: IpAddr = address
            .parse()
            .map_err(|_| format!("media line {line}: c= address {address} is not an IP address"))?;
        let rtcp_port = match m.attribute_val("rtcp") {
            Some(v) => v
                .split_whitespace()
                .next()
                .and_then(|p| p.parse::<u16>().ok())
                .filter(|p| *p > 0)
                .ok_or(format!("media line {line}: a=rtcp:{v} has no port"))?,
            None => rtp_port.checked_add(1).ok_or(format!(
                "media line {line}: no port for RTCP after {rtp_port}"
            ))?,
        };
        if m.attribute_val("rtcp-mux").is_some() || rtcp_port == rtp_port {
            return Err(format!(
                "media line {line}: rtcp-mux is not supported; give RTCP its own port"
            ));
        }
        let pt: i32 = m
            .format(0)
            .and_then(|f| f.parse().ok())
            .ok_or(format!("media line {line}: no payload type"))?;
        let mut caps = m
            .caps_from_media(pt)
            .ok_or(format!("media line {line}: payload {pt} has no a=rtpmap"))?;
        // a=fmtp, a=rtcp-fb and the like become caps fields (rtcp-fb-nack-pli…).
        m.attributes_to_caps(caps.make_mut())
            .map_err(|_| format!("media line {line}: unreadable attributes"))?;
        {
            let s = caps.make_mut().structure_mut(0).expect("one structure");
            s.set_name("application/x-rtp");
        }
        let encoding = caps
            .structure(0)
            .and_then(|s| s.get::<String>("encoding-name").ok())
            .unwrap_or_default()
            .to_uppercase();
        found.push(Stream {
            media,
            address,
            rtp_port,
            rtcp_port,
            caps,
            encoding,
        });
    }
    if found.is_empty() {
        return Err("no media lines".into());
    }
    Ok(found)
}

/// An SDP for a participant's streams as a sender is told to send them:
/// `streams` of (media, port, payload type, rtpmap) to `address`, with
/// keyframe requests by RTCP PLI and FIR; for audio, `opus_kbps` (the
/// recorder's inbound rate) as Opus' `maxaveragebitrate`.
pub fn describe(
    address: IpAddr,
    streams: &[(Media, u16, u8, &str)],
    opus_kbps: Option<u32>,
) -> String {
    let family = if address.is_ipv4() { "IP4" } else { "IP6" };
    let mut s = format!(
        "v=0\r\no=- 0 0 IN {family} {address}\r\ns=meetrec participant\r\n\
         c=IN {family} {address}\r\nt=0 0\r\n"
    );
    for &(media, port, pt, rtpmap) in streams {
        let kind = match media {
            Media::Audio => "audio",
            Media::Video => "video",
        };
        s += &format!(
            "m={kind} {port} RTP/AVPF {pt}\r\na=rtpmap:{pt} {rtpmap}\r\na=rtcp:{}\r\n",
            port + 1
        );
        match media {
            Media::Video => {
                s += &format!("a=rtcp-fb:{pt} nack pli\r\na=rtcp-fb:{pt} ccm fir\r\n");
            }
            Media::Audio => {
                if let Some(kbps) = opus_kbps {
                    s += &format!("a=fmtp:{pt} maxaveragebitrate={}\r\n", kbps * 1000);
                }
            }
        }
    }
    s
}
