#!/usr/bin/env bash
# Smoke test of the deployment kit: the application behind nginx exactly as
# deploy/ describes it — the two gunicorn pools (deploy/gunicorn.conf.py and
# deploy/gunicorn_loket.conf.py) on loopback ports, nginx with
# deploy/nginx/pst-layanan.conf rendered for a test host name and a
# self-signed certificate made now — on unprivileged ports. Then
# deploy/smoke.py signs in as an officer through nginx, uploads a 20 MB
# delivery file, downloads it (same SHA-256), checks the body limits, that
# the client address the application recorded is the one nginx saw, and that
# the waiting-room display was answered by the desk-and-display pool, and
# that a link token reaches neither the application's log nor nginx's in clear.
#
#   deploy/smoke.sh                       # SQLite in a temporary folder
#   SMOKE_DATABASE_URL=postgres://postgres@127.0.0.1:5432/pst_smoke deploy/smoke.sh
#
# Everything it starts is stopped and its temporary folder removed at the
# end, also on failure. Needs nginx and openssl (Debian: apt-get install nginx).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
PY=$REPO/.venv/bin/python
HOST=pst.smoke.test
PORT_HTTPS=${SMOKE_PORT_HTTPS:-18443}
PORT_HTTP=${SMOKE_PORT_HTTP:-18080}
PORT_APP=${SMOKE_PORT_APP:-18001}
PORT_LOKET=${SMOKE_PORT_LOKET:-18002}

TMP=$(mktemp -d /tmp/pst-smoke.XXXXXX)
chmod 755 "$TMP"
GUNICORN_PID=""
LOKET_PID=""
NGINX_PID=""
NGINX_CONF="$TMP/nginx/nginx.conf"

hentikan() {
  local pid=$1
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
}

selesai() {
  local rc=$?
  hentikan "$GUNICORN_PID"
  hentikan "$LOKET_PID"
  if [ -n "$NGINX_PID" ] && kill -0 "$NGINX_PID" 2>/dev/null; then
    kill -QUIT "$NGINX_PID"
    wait "$NGINX_PID" 2>/dev/null || true
  fi
  if [ "$rc" -ne 0 ]; then
    echo "--- gunicorn (akhir log)"; tail -n 40 "$TMP/gunicorn.log" 2>/dev/null || true
    echo "--- gunicorn pst-loket (akhir log)"; tail -n 20 "$TMP/loket.log" 2>/dev/null || true
    echo "--- nginx error.log"; tail -n 20 "$TMP/log/pst-layanan.error.log" "$TMP/log/error.log" 2>/dev/null || true
  fi
  rm -rf "$TMP"
  exit "$rc"
}
trap selesai EXIT INT TERM

command -v nginx >/dev/null || { echo "nginx tidak terpasang (apt-get install -y nginx)" >&2; exit 1; }

# Production settings, as in deploy/env.example, pointed at the test host.
export DEBUG=0 SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')"
export ALLOWED_HOSTS=$HOST SITE_URL="https://$HOST:$PORT_HTTPS" CSRF_TRUSTED_ORIGINS="https://$HOST:$PORT_HTTPS"
export JUMLAH_PROXY=1 LOG_FORMAT=json LOG_LEVEL=INFO
export VAR_DIR="$TMP/var" PRIVATE_ROOT="$TMP/var/berkas"
export DATABASE_URL=${SMOKE_DATABASE_URL:-sqlite:///$TMP/var/pst.sqlite3}
# No mail server here: e-mails are written as files under $VAR_DIR/surel.
export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
export GUNICORN_BIND="127.0.0.1:$PORT_APP" GUNICORN_WORKERS=2 GUNICORN_THREADS=4
export GUNICORN_LOKET_BIND="127.0.0.1:$PORT_LOKET" GUNICORN_LOKET_WORKERS=1
unset REDIS_URL CELERY_BROKER_URL ADMINS SENTRY_DSN

echo "== database, static files, data"
$PY manage.py migrate --noinput -v 0
$PY manage.py collectstatic --noinput -v 0
DATA=$($PY deploy/smoke.py siapkan | tail -n 1)
NOMOR=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["nomor"])' "$DATA")
EMAIL=$($PY -c 'import json,sys; print(json.loads(sys.argv[1])["email"])' "$DATA")
STATIC=/static/$(cd staticfiles && ls css/pst.*.css | head -n 1)

echo "== self-signed certificate for $HOST"
mkdir -p "$TMP/ssl" "$TMP/log" "$TMP/nginx/tmp"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=$HOST" -addext "subjectAltName=DNS:$HOST" \
  -keyout "$TMP/ssl/privkey.pem" -out "$TMP/ssl/fullchain.pem" 2>/dev/null

echo "== nginx site rendered from deploy/nginx/pst-layanan.conf"
sed -e "s#listen 443 ssl http2;#listen 127.0.0.1:$PORT_HTTPS ssl http2;#" \
    -e "s#listen 80;#listen 127.0.0.1:$PORT_HTTP;#" \
    -e "/listen \[::\]/d" \
    -e "s#pst.example.go.id#$HOST#g" \
    -e "s#/etc/ssl/pst-layanan/#$TMP/ssl/#g" \
    -e "s#/var/log/nginx/#$TMP/log/#g" \
    -e "s#/srv/pst-layanan/#$REPO/#g" \
    -e "s#127.0.0.1:8001#127.0.0.1:$PORT_APP#g" \
    -e "s#127.0.0.1:8002#127.0.0.1:$PORT_LOKET#g" \
    deploy/nginx/pst-layanan.conf > "$TMP/nginx/site.conf"
cat > "$NGINX_CONF" <<CONF
user $(id -un);
worker_processes 1;
pid $TMP/nginx.pid;
error_log $TMP/log/error.log warn;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    client_body_temp_path $TMP/nginx/tmp/body;
    proxy_temp_path $TMP/nginx/tmp/proxy;
    fastcgi_temp_path $TMP/nginx/tmp/fastcgi;
    uwsgi_temp_path $TMP/nginx/tmp/uwsgi;
    scgi_temp_path $TMP/nginx/tmp/scgi;
    include $TMP/nginx/site.conf;
}
CONF
nginx -p "$TMP/nginx" -c "$NGINX_CONF" -t -q
# In the foreground of a background job: this script waits for it (no orphan).
nginx -p "$TMP/nginx" -c "$NGINX_CONF" -g "daemon off;" &
NGINX_PID=$!

tunggu_siap() {
  local pid=$1 bind=$2
  for _ in $(seq 1 100); do
    $PY - "$bind" "$HOST" <<'PYEOF' 2>/dev/null && return 0
import http.client, sys
host, port = sys.argv[1].rsplit(":", 1)
c = http.client.HTTPConnection(host, int(port), timeout=2)
c.request("GET", "/healthz", headers={"Host": sys.argv[2], "X-Forwarded-Proto": "https"})
sys.exit(c.getresponse().status != 200)
PYEOF
    kill -0 "$pid" 2>/dev/null || { echo "gunicorn ($bind) berhenti" >&2; exit 1; }
    sleep 0.2
  done
  echo "gunicorn ($bind) tidak menjawab" >&2
  exit 1
}

echo "== gunicorn -c deploy/gunicorn.conf.py on $GUNICORN_BIND"
.venv/bin/gunicorn -c deploy/gunicorn.conf.py pst_layanan.wsgi >"$TMP/gunicorn.log" 2>&1 &
GUNICORN_PID=$!
echo "== gunicorn -c deploy/gunicorn_loket.conf.py on $GUNICORN_LOKET_BIND"
.venv/bin/gunicorn -c deploy/gunicorn_loket.conf.py pst_layanan.wsgi >"$TMP/loket.log" 2>&1 &
LOKET_PID=$!
tunggu_siap "$GUNICORN_PID" "$GUNICORN_BIND"
tunggu_siap "$LOKET_PID" "$GUNICORN_LOKET_BIND"

echo "== through nginx: https://$HOST:$PORT_HTTPS"
$PY deploy/smoke.py uji --host "$HOST" --port "$PORT_HTTPS" --cafile "$TMP/ssl/fullchain.pem" \
  --nomor "$NOMOR" --email "$EMAIL" --static "$STATIC"
$PY deploy/smoke.py periksa --log "$TMP/gunicorn.log" --log-loket "$TMP/loket.log" \
  --log-nginx "$TMP/log/pst-layanan.access.log"
echo "SMOKE OK"
