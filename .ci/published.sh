#!/usr/bin/env bash
# Publishes the API to a folder and starts it as the container image would: from a folder that user cannot write to,
# as a non-root user, Production, every setting from environment variables, signed in against a stand-in for the
# region's Entra ID on loopback (.ci/oidc-stub.mjs). Prints one line per check:
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
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
key=$(head -c 48 /dev/urandom | base64 | tr -d '\n')
tenant=11111111-1111-1111-1111-111111111111
client=22222222-2222-2222-2222-222222222222

# The region's Entra ID, played on loopback: OpenID metadata and signing keys over https with a throw-away certificate,
# and tokens signed with a throw-away key. The API is configured only through its ordinary settings (AzureAd:Instance,
# and the certificate trusted through SSL_CERT_FILE as a region would add its own CA): nothing in it is relaxed for this.
idp_port=$(free_port)
mkdir -p "$out/idp/tokens"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$out/idp/tls.key" -out "$out/idp/tls.crt" -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 >/dev/null 2>&1
chmod 644 "$out/idp/tls.crt"
node .ci/oidc-stub.mjs "$idp_port" "$out/idp/tls.crt" "$out/idp/tls.key" "$tenant" "$client" "$out/idp/tokens" >"$out/idp.log" 2>&1 &
idp=$!
for _ in $(seq 1 50); do [ -s "$out/idp/tokens/andere-sleutel.jwt" ] && grep -q listening "$out/idp.log" && break; sleep 0.1; done

( cd "$out/app" && exec runuser -u app -- env -i PATH=/usr/bin:/bin HOME="$out/home" \
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS="http://127.0.0.1:$port" DOTNET_TC_CallCountingDelayMs=0 DOTNET_GCgen0size=0x4000000 \
    Verzegeling__Sleutel="$key" Addin__PubliekeUrl="https://migratie.example.org" \
    AzureAd__Instance="https://127.0.0.1:$idp_port/" AzureAd__TenantId="$tenant" \
    AzureAd__ClientId="$client" AzureAd__Audience="api://$client" SSL_CERT_FILE="$out/idp/tls.crt" \
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
bearer() { printf 'Authorization: Bearer %s' "$(cat "$out/idp/tokens/$1.jwt")"; }
check "published app answers /api/catalogus with a token of the region's tenant (role Gemeente)" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "$(bearer gemeente)" "http://127.0.0.1:$port/api/catalogus")" 200
check "published app validates rows for an aanbieder (POST /api/validatie, fase aanbieder)" \
  "$(curl -s -o "$out/validatie.json" -w '%{http_code}' -H "$(bearer aanbieder)" -H 'Content-Type: application/json' \
     -d '{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"gemeentecode":"0193"}}]}' "http://127.0.0.1:$port/api/validatie")" 200
check "the validation answer reports the row" "$(grep -o '"status":"fout"' "$out/validatie.json" | head -1)" '"status":"fout"'
check "published app refuses fase gemeente to an aanbieder" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "$(bearer aanbieder)" -H 'Content-Type: application/json' \
     -d '{"fase":"gemeente","rijen":[{"rij":2,"waarden":{"gemeentecode":"0193"}}]}' "http://127.0.0.1:$port/api/validatie")" 403
check "published app refuses a token signed with another key" \
  "$(curl -s -o /dev/null -w '%{http_code}' -H "$(bearer andere-sleutel)" "http://127.0.0.1:$port/api/catalogus")" 401
check "published app serves the pane" "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/taskpane.html")" 200
check "published app runs as a non-root user" "$(ps -o user= -p "$(pgrep -P "$pid" -f MigratieAddin.Api.dll | head -1)" 2>/dev/null | tr -d ' ')" app
check "published app keeps the voortgang in the app user's home" "$([ -f "$out/home/.local/share/MigratieAddin/voortgang.db" ] && echo yes)" yes
[ "$fail" -ne 0 ] && tail -30 "$out/api.log"
[ "$fail" -ne 0 ] && cat "$out/idp.log"
kill "$pid" "$idp" 2>/dev/null; wait "$pid" "$idp" 2>/dev/null
exit $fail
