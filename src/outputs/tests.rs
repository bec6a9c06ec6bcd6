// SPDX-License-Identifier: MPL-2.0
use super::*;

#[test]
fn stream_uris_are_checked() {
    let ok = [
        ("rtmp://127.0.0.1:1935/live/key", Protocol::Rtmp),
        ("rtmps://a.rtmp.youtube.com/live2/abcd-efgh", Protocol::Rtmp),
        ("RTMP://host/app/k", Protocol::Rtmp),
        ("srt://127.0.0.1:9000", Protocol::Srt),
        ("srt://:9000?mode=listener", Protocol::Srt),
    ];
    for (uri, protocol) in ok {
        let parsed = parse_stream_uri(uri);
        // srt://:9000 has no host: a listener still needs one to bind to.
        if uri.starts_with("srt://:") {
            assert!(parsed.is_err(), "{uri}");
            continue;
        }
        assert_eq!(
            parsed,
            Ok(Target::Stream {
                protocol,
                uri: uri.into()
            }),
            "{uri}"
        );
    }
    let bad = [
        ("ftp://host/x", "not supported"),
        ("rtmp://host/app", "stream key"),
        ("rtmp://host", "stream key"),
        ("srt://host", "needs a port"),
        ("srt://host:0", "needs a port"),
        ("srt://host:99999", "needs a port"),
        ("nonsense", "not a URI"),
        ("rtmp:///app/key", "no host"),
    ];
    for (uri, why) in bad {
        let e = parse_stream_uri(uri).unwrap_err();
        assert!(e.contains(why), "{uri}: {e}");
    }
}

#[test]
fn a_list_keeps_the_good_uris_and_says_what_is_wrong_with_the_others() {
    let (targets, errors) =
        parse_stream_uris(" rtmp://a/live/1 , srt://b:9000,, ftp://c/x, rtmp://a/live/1 ");
    assert_eq!(
        targets.iter().map(Target::shown).collect::<Vec<_>>(),
        ["rtmp://a/live/***", "srt://b:9000"]
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].contains("ftp"));
    assert!(errors[1].contains("twice"));
    assert_eq!(parse_stream_uris(""), (vec![], vec![]));
}

#[test]
fn secrets_never_show() {
    for (uri, shown) in [
        (
            "rtmp://a.rtmp.youtube.com/live2/xxxx-yyyy-zzzz",
            "rtmp://a.rtmp.youtube.com/live2/***",
        ),
        (
            "rtmp://user:pw@host:1935/app/key",
            "rtmp://***@host:1935/app/***",
        ),
        (
            "srt://host:9000?mode=caller&passphrase=secret123&latency=200",
            "srt://host:9000?mode=caller&passphrase=***&latency=200",
        ),
        (
            "srt://host:9000?streamid=#!::r=live/k",
            "srt://host:9000?streamid=***",
        ),
        ("srt://host:9000", "srt://host:9000"),
        ("not a uri", "not a uri"),
    ] {
        assert_eq!(redact(uri), shown, "{uri}");
    }
    // An error about a bad URI does not repeat its key either.
    let e = parse_stream_uri("ftp://user:hunter2@host/x").unwrap_err();
    assert!(!e.contains("hunter2"), "{e}");
}

#[test]
fn an_output_is_named_by_its_uri_as_given_or_as_shown() {
    let t = parse_stream_uri("rtmp://h/app/secret").unwrap();
    assert!(t.is("rtmp://h/app/secret"));
    assert!(t.is("rtmp://h/app/***"));
    assert!(!t.is("rtmp://h/app/other"));
    assert_eq!(t.kind(), "stream");
    let h = Target::Hls {
        playlist: "out/a.m3u8".into(),
        segment_s: 6,
        playlist_length: 0,
    };
    assert!(h.is("out/a.m3u8"));
    assert_eq!(h.kind(), "hls");
}

#[test]
fn retries_back_off_to_thirty_seconds() {
    let secs: Vec<u64> = (1..=9).map(|n| retry_delay(n).as_secs()).collect();
    assert_eq!(secs, [1, 2, 4, 8, 16, 30, 30, 30, 30]);
    assert_eq!(retry_delay(0).as_secs(), 1);
    assert_eq!(retry_delay(u32::MAX).as_secs(), 30);
}

#[test]
fn segments_go_beside_the_playlist() {
    assert_eq!(
        hls_segment_pattern(std::path::Path::new("out/room/live.m3u8")),
        std::path::PathBuf::from("out/room/live-%05d.ts")
    );
}
