#!/bin/sh
# A participant's sender, as a media server forwards one (RTP + RTCP over UDP
# to 127.0.0.1): camera and microphone test sources, VP8 or H.264 and Opus,
# RTCP received on the port it is sent from (so keyframe requests come back).
#   docs/rtp/send.sh vp8 5004 5006     # alice.sdp
#   docs/rtp/send.sh h264 5008         # bob.sdp (video only)
set -e
codec=$1 video=$2 audio=$3
case $codec in
  vp8) enc="vp8enc deadline=1 cpu-used=8 keyframe-max-dist=300 ! rtpvp8pay pt=96" ;;
  h264) enc="x264enc tune=zerolatency speed-preset=veryfast key-int-max=300 ! rtph264pay pt=96 config-interval=-1" ;;
  *) echo "usage: $0 vp8|h264 VIDEO_PORT [AUDIO_PORT]" >&2; exit 2 ;;
esac
pattern=ball; [ "$codec" = h264 ] && pattern=smpte
audio_part=""
if [ -n "$audio" ]; then
  audio_part="audiotestsrc is-live=true wave=ticks ! opusenc bitrate=128000 ! rtpopuspay pt=111 ! rb.send_rtp_sink_1
    rb.send_rtp_src_1 ! udpsink host=127.0.0.1 port=$audio
    rb.send_rtcp_src_1 ! udpsink host=127.0.0.1 port=$((audio + 1)) bind-port=$((audio + 11)) sync=false async=false
    udpsrc port=$((audio + 11)) reuse=true ! rb.recv_rtcp_sink_1"
fi
exec gst-launch-1.0 rtpbin name=rb rtp-profile=avpf \
  videotestsrc is-live=true pattern=$pattern ! video/x-raw,width=640,height=360,framerate=30/1,format=I420 ! $enc ! rb.send_rtp_sink_0 \
  rb.send_rtp_src_0 ! udpsink host=127.0.0.1 port=$video \
  rb.send_rtcp_src_0 ! udpsink host=127.0.0.1 port=$((video + 1)) bind-port=$((video + 11)) sync=false async=false \
  udpsrc port=$((video + 11)) reuse=true ! rb.recv_rtcp_sink_0 \
  $audio_part
