#!/usr/bin/env bash
# Warm POST /api/validatie of two published apps side by side with the floor, request by request, so the shared
# machine's noise falls on all three alike. Local mode (Development, no sign-in), the image's DOTNET_ settings.
#
#   dotnet build -c Release tests/MigratieAddin.Benchmarks
#   dotnet publish api -c Release -r linux-x64 --self-contained false -o /tmp/a -p:BuildTaskPane=false   # and /tmp/b
#   bash tests/MigratieAddin.Benchmarks/interleaved.sh /tmp/a "" /tmp/b "DOTNET_TieredPGO=0" [rounds]
#
# Prints the floor's median and each app's, with their ratio to the floor.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bench="$here/bin/Release/net10.0/MigratieAddin.Benchmarks.dll"
a=$1; env_a=$2; b=$3; env_b=$4; rounds=${5:-61}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
dotnet "$bench" lichaam "$work/body.json" 10000
# The runtime settings the image sets, as the API's project declares them.
image_env=$(sed -n 's/.*<ContainerEnvironmentVariable Include="\(DOTNET_[A-Za-z0-9_]*\)" Value="\([^"]*\)".*/\1=\2/p' \
  "$here/../../api/MigratieAddin.Api.csproj" | tr '\n' ' ')
start() { # folder, extra environment, port
  ( cd "$1" && exec env ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning $image_env $2 \
      dotnet MigratieAddin.Api.dll --urls "http://127.0.0.1:$3" >"$work/app$3.log" 2>&1 ) &
  pids+=($!)
}
start "$a" "$env_a" 5199
start "$b" "$env_b" 5200
( exec dotnet "$bench" vloer 5198 >"$work/vloer.log" 2>&1 ) &
pids+=($!)
wait_for() { for _ in $(seq 300); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "not ready: $1"; exit 1; }
wait_for http://127.0.0.1:5199/health/ready; wait_for http://127.0.0.1:5200/health/ready; wait_for http://127.0.0.1:5198/health
post() { curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' --data-binary @"$work/body.json" "http://127.0.0.1:$1"; }
for _ in $(seq 60); do post 5198/vloer >/dev/null; post 5199/api/validatie >/dev/null; post 5200/api/validatie >/dev/null; done
for _ in $(seq "$rounds"); do post 5198/vloer >>"$work/f"; post 5199/api/validatie >>"$work/a"; post 5200/api/validatie >>"$work/b"; done
median() { sort -n "$1" | awk '{v[NR]=$1} END {printf "%.1f", v[int((NR+1)/2)]*1000}'; }
f=$(median "$work/f"); ma=$(median "$work/a"); mb=$(median "$work/b")
awk -v f="$f" -v a="$ma" -v b="$mb" 'BEGIN {printf "floor %.1f ms | A %.1f ms (%.2fx) | B %.1f ms (%.2fx)\n", f, a, a/f, b, b/f}'
