#!/usr/bin/env bash
# Antrian's recorded call words, for TV displays without an Indonesian speech voice: one short
# Opus clip per word (web/public/antrian/voice/<word>.ogg), played in sequence by the display
# ("nomor-antrean a dua belas silakan-ke loket tiga"). Needs espeak-ng and opus-tools.
# Run again after changing the words; commit the clips.
set -euo pipefail
cd "$(dirname "$0")/.."
out=web/public/antrian/voice
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

declare -A say=(
  [nomor-antrean]='nomor antrean' [silakan-ke]='silakan ke' [loket]='loket'
  [nol]=nol [satu]=satu [dua]=dua [tiga]=tiga [empat]=empat [lima]=lima [enam]=enam
  [tujuh]=tujuh [delapan]=delapan [sembilan]=sembilan [sepuluh]=sepuluh [sebelas]=sebelas
  [belas]=belas [puluh]=puluh [seratus]=seratus [ratus]=ratus [seribu]=seribu [ribu]=ribu
)
# Letters as Indonesians spell them.
letters=(a be ce de e ef ge ha i je ka el em en o pe ki er es te u fe we eks ye zet)
i=0
for l in {a..z}; do
  say[$l]=${letters[$i]}
  i=$((i + 1))
done

for name in "${!say[@]}"; do
  espeak-ng -v id -s 140 -w "$tmp/$name.wav" "${say[$name]}"
  opusenc --quiet --bitrate 16 --downmix-mono "$tmp/$name.wav" "$out/$name.ogg"
done
du -ch "$out"/*.ogg | tail -1
