#!/usr/bin/env bash
# Produces the demo camera clips once; the outputs are committed under assets/demo/.
# Re-run only when the clips must change (needs ffmpeg with libx264, libx265 and drawtext).
#
# Each clip: 640x360, 25 fps, 250 frames (10 s), keyframe every 25 frames, closed GOP,
# no B-frames, Annex-B with parameter sets repeated before every keyframe, no AUDs
# (most cameras send none, so the reader's first-slice detection is what gets exercised).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/assets/demo"
FPS=25
FRAMES=250
WIDTH=640
HEIGHT=360
GOP=25

FONT=""
for f in /usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf \
         /usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf \
         /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf; do
  if [ -f "$f" ]; then FONT="$f"; break; fi
done

FILTERS="$(ffmpeg -hide_banner -filters 2>/dev/null || true)"
if ! grep -q ' drawtext ' <<<"$FILTERS"; then
  echo "ffmpeg has no drawtext filter (built without libfreetype); cannot burn in the clock" >&2
  exit 1
fi
if [ -z "$FONT" ]; then
  echo "no DejaVu font found under /usr/share/fonts/truetype/dejavu; install fonts-dejavu-core" >&2
  exit 1
fi

mkdir -p "$OUT"

# Video source with the camera name (top) and the clip's own running clock + frame number (bottom).
overlay() {
  local name="$1"
  printf '%s' "testsrc2=size=${WIDTH}x${HEIGHT}:rate=${FPS},format=yuv420p,"
  printf '%s' "drawtext=fontfile=${FONT}:text='${name}':x=12:y=12:fontsize=26:fontcolor=white:box=1:boxcolor=black@0.6:boxborderw=6,"
  printf '%s' "drawtext=fontfile=${FONT}:text='%{pts\\:hms}  #%{eif\\:n\\:d\\:3}':x=12:y=h-th-12:fontsize=30:fontcolor=yellow:box=1:boxcolor=black@0.6:boxborderw=6"
}

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$(overlay 'Skywall Demo H.264')" \
  -frames:v "$FRAMES" \
  -c:v libx264 -profile:v main -preset medium -pix_fmt yuv420p \
  -b:v 900k -maxrate 1200k -bufsize 1200k \
  -bf 0 -g "$GOP" -keyint_min "$GOP" -sc_threshold 0 \
  -x264-params "repeat-headers=1:open-gop=0:aud=0" \
  -f h264 "$OUT/demo-h264.h264"

ffmpeg -hide_banner -loglevel error -y \
  -f lavfi -i "$(overlay 'Skywall Demo H.265')" \
  -frames:v "$FRAMES" \
  -c:v libx265 -preset medium -pix_fmt yuv420p \
  -b:v 700k -maxrate 1000k -bufsize 1000k \
  -x265-params "log-level=error:keyint=${GOP}:min-keyint=${GOP}:scenecut=0:bframes=0:open-gop=0:repeat-headers=1:aud=0" \
  -f hevc "$OUT/demo-h265.h265"

for f in demo-h264.h264 demo-h265.h265; do
  size=$(stat -c %s "$OUT/$f")
  if [ "$size" -ge 2097152 ]; then
    echo "$f is $size bytes, over the 2 MB budget" >&2
    exit 1
  fi
done

count_frames() {
  ffprobe -v error -count_frames -select_streams v:0 -show_entries stream=nb_read_frames -of csv=p=0 "$1"
}
H264_FRAMES=$(count_frames "$OUT/demo-h264.h264")
H265_FRAMES=$(count_frames "$OUT/demo-h265.h265")

cat > "$OUT/clips.json" <<JSON
{
  "clips": [
    { "id": "h264", "file": "demo-h264.h264", "codec": "h264", "fps": ${FPS}, "width": ${WIDTH}, "height": ${HEIGHT}, "frames": ${H264_FRAMES}, "gop": ${GOP} },
    { "id": "h265", "file": "demo-h265.h265", "codec": "h265", "fps": ${FPS}, "width": ${WIDTH}, "height": ${HEIGHT}, "frames": ${H265_FRAMES}, "gop": ${GOP} }
  ]
}
JSON

ls -l "$OUT"
