// SPDX-License-Identifier: MPL-2.0
use std::time::{Duration, Instant};

use super::*;

const FRAME: Duration = Duration::from_millis(33);

/// Feeds `gate` frames 33 ms apart from `t`; returns the steps and the time after.
fn feed(gate: &mut Gate, t: &mut Instant, frames: &[(bool, bool, bool)]) -> Vec<Step> {
    frames
        .iter()
        .map(|&(key, discont, shown)| {
            *t += FRAME;
            gate.frame(*t, key, discont, shown)
        })
        .collect()
}

fn verdicts(steps: &[Step]) -> Vec<Verdict> {
    steps.iter().map(|s| s.verdict).collect()
}

fn requests(steps: &[Step]) -> usize {
    steps.iter().filter(|s| s.request_keyframe).count()
}

const KEY: (bool, bool, bool) = (true, false, true);
const DELTA: (bool, bool, bool) = (false, false, true);
const HIDDEN_KEY: (bool, bool, bool) = (true, false, false);
const HIDDEN_DELTA: (bool, bool, bool) = (false, false, false);

#[test]
fn a_joining_participant_is_asked_for_a_keyframe_and_decoded_from_it() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    let steps = feed(&mut g, &mut t, &[DELTA, DELTA, KEY, DELTA]);
    assert_eq!(
        verdicts(&steps),
        [
            Verdict::Drop,
            Verdict::Drop,
            Verdict::Decode,
            Verdict::Decode
        ]
    );
    assert!(steps[0].request_keyframe, "joined: a keyframe is asked for");
    assert_eq!(requests(&steps), 1, "rate-limited while waiting 66 ms");
}

#[test]
fn a_participant_hidden_from_the_start_gets_one_picture_then_costs_nothing() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    let steps = feed(
        &mut g,
        &mut t,
        &[
            HIDDEN_DELTA,
            HIDDEN_KEY,
            HIDDEN_DELTA,
            HIDDEN_DELTA,
            HIDDEN_KEY,
        ],
    );
    assert_eq!(
        verdicts(&steps),
        [
            Verdict::Drop,
            Verdict::Decode,
            Verdict::Hold,
            Verdict::Hold,
            Verdict::Hold
        ],
        "the first keyframe gives the tile a picture; nothing else is decoded"
    );
    assert_eq!(requests(&steps), 1, "only the joining request");
}

#[test]
fn coming_into_view_asks_for_a_keyframe_and_holds_the_picture_until_it() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    feed(&mut g, &mut t, &[HIDDEN_KEY, HIDDEN_DELTA]);
    t += KEY_REQUEST_INTERVAL;
    let steps = feed(&mut g, &mut t, &[DELTA, DELTA, DELTA, KEY, DELTA]);
    assert_eq!(
        verdicts(&steps),
        [
            Verdict::Hold,
            Verdict::Hold,
            Verdict::Hold,
            Verdict::Decode,
            Verdict::Decode
        ]
    );
    assert!(steps[0].request_keyframe);
    assert_eq!(requests(&steps), 1);
}

#[test]
fn keyframe_requests_are_at_most_one_per_interval() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    feed(&mut g, &mut t, &[KEY]);
    // Shown but never in sync again (a keyframe that does not come): 3 s
    // of deltas after a loss.
    let mut lost = vec![(false, true, true)];
    lost.extend(std::iter::repeat_n(DELTA, 90));
    let steps = feed(&mut g, &mut t, &lost);
    assert!(steps.iter().all(|s| s.verdict == Verdict::Hold));
    let n = requests(&steps);
    // 91 frames × 33 ms = 3.0 s: one at once, then one each 500 ms.
    assert!((6..=7).contains(&n), "{n} requests in 3 s");
    assert_eq!(
        g.requests(),
        n as u64,
        "a first frame that is a keyframe needs no request"
    );
}

#[test]
fn lost_data_or_a_decode_error_holds_the_last_good_picture_until_a_keyframe() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    feed(&mut g, &mut t, &[KEY, DELTA]);
    t += KEY_REQUEST_INTERVAL;
    let steps = feed(&mut g, &mut t, &[(false, true, true), DELTA, KEY, DELTA]);
    assert_eq!(
        verdicts(&steps),
        [
            Verdict::Hold,
            Verdict::Hold,
            Verdict::Decode,
            Verdict::Decode
        ]
    );
    assert!(steps[0].request_keyframe);

    g.decode_error();
    t += KEY_REQUEST_INTERVAL;
    let steps = feed(&mut g, &mut t, &[DELTA, KEY]);
    assert_eq!(verdicts(&steps), [Verdict::Hold, Verdict::Decode]);
    assert!(steps[0].request_keyframe);
}

#[test]
fn a_stall_or_a_starting_recording_asks_for_a_keyframe_but_keeps_decoding() {
    let (mut g, mut t) = (Gate::default(), Instant::now());
    feed(&mut g, &mut t, &[KEY, DELTA]);
    t += STALL;
    let steps = feed(&mut g, &mut t, &[DELTA, DELTA]);
    assert_eq!(verdicts(&steps), [Verdict::Decode, Verdict::Decode]);
    assert_eq!(requests(&steps), 1, "resumed after a stall");

    t += KEY_REQUEST_INTERVAL;
    g.want_keyframe();
    let steps = feed(&mut g, &mut t, &[HIDDEN_DELTA]);
    assert!(
        steps[0].request_keyframe,
        "a recording's own file starts on a keyframe, shown or not"
    );
    t += KEY_REQUEST_INTERVAL;
    g.want_keyframe();
    let steps = feed(&mut g, &mut t, &[KEY, DELTA]);
    assert!(
        !steps.iter().any(|s| s.request_keyframe),
        "a keyframe that came anyway answers it"
    );
}

#[test]
fn codecs_are_named_by_their_media_types() {
    for c in Codec::ALL {
        assert_eq!(Codec::from_media_type(c.media_type()), Some(c));
    }
    assert_eq!(Codec::from_media_type("video/x-raw"), None);
    assert_eq!(Codec::from_media_type("audio/x-raw"), None);
    assert!(!Codec::Opus.is_video() && Codec::Av1.is_video());
    assert_eq!(Codec::Vp8.parser(), None);
    assert_eq!(Codec::H264.parser(), Some("h264parse"));
}

#[test]
fn own_files_keep_the_asked_container_when_it_holds_the_codecs_else_matroska() {
    use Container::*;
    assert_eq!(container_for(Webm, &["vp8", "opus"]), Webm);
    assert_eq!(container_for(Webm, &["vp9", "opus"]), Webm);
    assert_eq!(container_for(Webm, &["av1"]), Webm);
    assert_eq!(container_for(Webm, &["h264", "opus"]), Mkv);
    assert_eq!(container_for(Mp4, &["h264", "opus"]), Mp4);
    assert_eq!(container_for(Mp4, &["vp9"]), Mp4);
    assert_eq!(container_for(Mp4, &["vp8", "opus"]), Mkv);
    assert_eq!(container_for(Mkv, &["h265", "pcm"]), Mkv);
    assert_eq!(container_for(Webm, &["vp8", "pcm"]), Mkv);
    assert_eq!(container_for(Ogg, &["opus"]), Ogg);
}
