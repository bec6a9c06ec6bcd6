// SPDX-License-Identifier: MPL-2.0
use super::*;

fn init() {
    gst::init().unwrap();
}

/// What mediasoup's recording examples hand a recorder for a PlainTransport.
const MEDIASOUP: &str = "v=0\r\n\
o=- 0 0 IN IP4 127.0.0.1\r\n\
s=FFmpeg\r\n\
c=IN IP4 127.0.0.1\r\n\
t=0 0\r\n\
m=audio 5004 RTP/AVPF 111\r\n\
a=rtcp:5005\r\n\
a=rtpmap:111 opus/48000/2\r\n\
a=fmtp:111 minptime=10;useinbandfec=1\r\n\
m=video 5006 RTP/AVPF 101\r\n\
a=rtcp:5007\r\n\
a=rtpmap:101 VP8/90000\r\n\
a=rtcp-fb:101 nack pli\r\n\
a=rtcp-fb:101 ccm fir\r\n";

#[test]
fn a_mediasoup_plain_transport_description_is_read() {
    init();
    let s = streams(MEDIASOUP).unwrap();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].media, Media::Audio);
    assert_eq!((s[0].rtp_port, s[0].rtcp_port), (5004, 5005));
    assert_eq!(s[0].encoding, "OPUS");
    assert_eq!(s[1].media, Media::Video);
    assert_eq!((s[1].rtp_port, s[1].rtcp_port), (5006, 5007));
    assert_eq!(s[1].encoding, "VP8");
    let caps = s[1].caps.structure(0).unwrap();
    assert_eq!(caps.name(), "application/x-rtp");
    assert_eq!(caps.get::<i32>("payload").unwrap(), 101);
    assert_eq!(caps.get::<i32>("clock-rate").unwrap(), 90000);
    assert!(caps.get::<bool>("rtcp-fb-nack-pli").unwrap());
    assert!(caps.get::<bool>("rtcp-fb-ccm-fir").unwrap());
    assert_eq!(s[0].address.to_string(), "127.0.0.1");
}

#[test]
fn rtcp_defaults_to_the_next_port() {
    init();
    let sdp = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n\
               m=video 6000 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n";
    let s = streams(sdp).unwrap();
    assert_eq!((s[0].rtp_port, s[0].rtcp_port), (6000, 6001));
    assert_eq!(s[0].encoding, "H264");
}

#[test]
fn what_cannot_be_received_is_said() {
    init();
    let head = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";
    let cases = [
        ("hello", "not an SDP"),
        (head, "no media lines"),
        (
            &format!("{head}m=application 5000 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"),
            "only audio and video",
        ),
        (
            &format!("{head}m=video 0 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n"),
            "port 0",
        ),
        (
            &format!("{head}m=video 5000 UDP/TLS/RTP/SAVPF 96\r\na=rtpmap:96 VP8/90000\r\n"),
            "protocol",
        ),
        (
            &format!("{head}m=video 5000 RTP/AVP 96\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n"),
            "rtcp-mux",
        ),
        (&format!("{head}m=video 5000 RTP/AVP 96\r\n"), "no a=rtpmap"),
    ];
    for (sdp, want) in cases {
        let err = streams(sdp).expect_err(sdp);
        assert!(err.contains(want), "{sdp:?}: {err}");
    }
}

#[test]
fn a_description_made_for_senders_reads_back() {
    init();
    let text = describe(
        "127.0.0.1".parse().unwrap(),
        &[
            (Media::Video, 7000, 96, "VP8/90000"),
            (Media::Audio, 7002, 111, "OPUS/48000/2"),
        ],
        Some(128),
    );
    let s = streams(&text).unwrap();
    assert_eq!((s[0].rtp_port, s[0].rtcp_port), (7000, 7001));
    assert!(
        s[0].caps
            .structure(0)
            .unwrap()
            .get::<bool>("rtcp-fb-nack-pli")
            .unwrap()
    );
    assert!(text.contains("maxaveragebitrate=128000"), "{text}");
    assert_eq!(s[1].encoding, "OPUS");
}

/// PLI when the SDP offers it (every SFU relays PLI; Janus 1.1 drops FIR),
/// FIR only when it offers FIR alone.
#[test]
fn keyframes_are_asked_for_by_pli_unless_only_fir_is_offered() {
    assert!(!wants_fir(true, true));
    assert!(!wants_fir(true, false));
    assert!(wants_fir(false, true));
    assert!(!wants_fir(false, false));
}
