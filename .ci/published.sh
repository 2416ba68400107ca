#!/usr/bin/env bash
# Publishes the API to a folder and starts it as the container image would: from a folder that user cannot write to,
# as a non-root user, Production, every setting from environment variables. Prints one line per check:
# "ok <what>" or "FAIL <what>", and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
fail=0
check() { if [ "$2" = "$3" ]; then echo "ok $1"; else echo "FAIL $1 (expected $3, got $2)"; fail=1; fi; }

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
chmod 755 "$out"
if ! dotnet publish api -c Release -r linux-x64 --self-contained false -o "$out/app" -nologo -v quiet >"$out/publish.log" 2>&1; then
  tail -20 "$out/publish.log"; echo "FAIL publish"; exit 1
fi
echo "ok publish to a folder (linux-x64, ReadyToRun)"
chown -R root:root "$out/app" && chmod -R go-w "$out/app"

# The image's user: 'app' (uid 1654) in Microsoft's ASP.NET images.
id -u app >/dev/null 2>&1 || useradd --system --uid 1654 --no-create-home --shell /usr/sbin/nologin app 2>/dev/null \
  || useradd --system --no-create-home --shell /usr/sbin/nologin app
# Its home, as in the image (/home/app): the voortgang's SQLite file goes to ~/.local/share/MigratieAddin by default.
mkdir -p "$out/home" && chown app "$out/home"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
key=$(head -c 48 /dev/urandom | base64 | tr -d '\n')

( cd "$out/app" && exec runuser -u app -- env -i PATH=/usr/bin:/bin HOME="$out/home" \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Verzegeling__Sleutel="$key" Addin__PubliekeUrl="https://migratie.example.org" \
    AzureAd__Instance="https://login.microsoftonline.com/" AzureAd__TenantId="11111111-1111-1111-1111-111111111111" \
    AzureAd__ClientId="22222222-2222-2222-2222-222222222222" AzureAd__Audience="api://22222222-2222-2222-2222-222222222222" \
    AllowedHosts="*" dotnet MigratieAddin.Api.dll >"$out/api.log" 2>&1 ) &
pid=$!

ready=000
for _ in $(seq 1 120); do
  ready=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/ready" || true)
  [ "$ready" = 200 ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.5
done
check "published app answers /health/ready as user app" "$ready" 200
check "published app answers /health/live" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health/live")" 200
check "published app refuses /api without a token" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/catalogus")" 401
check "published app serves the pane" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/taskpane.html")" 200
check "published app runs as a non-root user" "$(ps -o user= -p "$(pgrep -P "$pid" -f MigratieAddin.Api.dll | head -1)" 2>/dev/null | tr -d ' ')" app
check "published app keeps the voortgang in the app user's home" "$([ -f "$out/home/.local/share/MigratieAddin/voortgang.db" ] && echo yes)" yes
[ "$fail" -ne 0 ] && tail -30 "$out/api.log"
kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
exit $fail
