#!/usr/bin/env bash
# The production stack on loopback: PostgreSQL behind PgBouncer (transaction pooling:
# deploy/pgbouncer/pgbouncer.ini), Redis, ClamAV's clamd (upload
# scanning, with the repository's test signature only: scripts/services/clamav.sh),
# the object store that holds media and lead files (SeaweedFS: scripts/services/object-store.sh),
# gunicorn with cms.settings.production, a background task worker (db_worker), Varnish
# in front (deploy/varnish/foramen.vcl), nginx for static bytes (deploy/nginx/static.conf) and
# one scheduler of the periodic jobs (manage.py run_periodic_jobs).
#
#   scripts/stack.sh install   install what is missing with apt-get (root)
#   scripts/stack.sh start     install, migrate, load the demo content, start
#   scripts/stack.sh stop      stop everything `start` started (pid files)
#
# Settings (environment): STACK_DIR (run dir, default var/stack), DATABASE_URL
# (default: the machine's PostgreSQL via scripts/services/postgres.sh, database
# STACK_PG_DB), PGBOUNCER_PORT and PGBOUNCER_POOL_SIZE (a PostgreSQL DATABASE_URL is
# reached through PgBouncer: stack.env's DATABASE_URL is the pooler's and
# DATABASE_DIRECT_URL the database's own), GUNICORN_PORT, GUNICORN_WORKERS, STACK_APP_SERVERS (2: a second
# gunicorn on GUNICORN_PORT_2 behind nginx on LB_PORT), VARNISH_PORT, VARNISH_HTTPS_PORT,
# VARNISH_ADMIN_PORT, NGINX_PORT, REDIS_PORT, RENDER_REDIS_PORT (the render cache's
# own Redis, capped and evicting), CLAMAV_PORT, OBJECT_STORE_PORT (the S3 gateway's; the
# store takes seven more ports above it, up to OBJECT_STORE_PORT + 11000: see
# scripts/services/object-store.sh), STACK_LOAD_DEMO (0 skips migrate and
# demo content), SECURE_SSL_REDIRECT (default false: the stack has no TLS
# terminator, so plain HTTP serves pages for the bench and the tests).
# Varnish's listener on VARNISH_HTTPS_PORT is the one a TLS terminator connects
# to: what arrives there counts as HTTPS (deploy/varnish/foramen.vcl).
# `start` writes $STACK_DIR/stack.env (mode 600) with every address and the secrets:
# SECRET_KEY, FIELD_ENCRYPTION_KEY and the object store's secret key, made once per
# STACK_DIR and kept in its files secret-key, field-encryption-key and
# object-store-secret-key (shared by every app server, kept across restarts), and the
# per-run purge token that Varnish and the app share.
#   scripts/stack.sh env       write $STACK_DIR/stack.env only (no service started)
#   scripts/stack.sh stop-service NAME, start-service NAME
#                              one service of a running stack (redis: both Redis servers,
#                              object-store, worker), as `make faults` takes each away
set -euo pipefail
cd "$(dirname "$0")/.."

STACK_DIR=$(realpath -m "${STACK_DIR:-var/stack}")
GUNICORN_PORT=${GUNICORN_PORT:-8080}
# 2: a second gunicorn on GUNICORN_PORT_2 and nginx balancing both on LB_PORT
# (deploy/nginx/load-balancer.conf), with Varnish in front of nginx.
STACK_APP_SERVERS=${STACK_APP_SERVERS:-1}
GUNICORN_PORT_2=${GUNICORN_PORT_2:-8083}
LB_PORT=${LB_PORT:-8084}
GUNICORN_WORKERS=${GUNICORN_WORKERS:-2}
VARNISH_PORT=${VARNISH_PORT:-8081}
VARNISH_HTTPS_PORT=${VARNISH_HTTPS_PORT:-8443}
VARNISH_ADMIN_PORT=${VARNISH_ADMIN_PORT:-8082}
NGINX_PORT=${NGINX_PORT:-8088}
REDIS_PORT=${REDIS_PORT:-6389}
RENDER_REDIS_PORT=${RENDER_REDIS_PORT:-6388}
CLAMAV_PORT=${CLAMAV_PORT:-3319}
# Its eight ports (8434, 8481, 8989, 9434 and each + 10000) clear of the stack's other
# defaults and of the test suite's object store (8433 and up).
OBJECT_STORE_PORT=${OBJECT_STORE_PORT:-8434}
STACK_LOAD_DEMO=${STACK_LOAD_DEMO:-1}
PGBOUNCER_PORT=${PGBOUNCER_PORT:-6433}
PGBOUNCER_POOL_SIZE=${PGBOUNCER_POOL_SIZE:-10}

log() { echo "[stack] $*" >&2; }

install_missing() {
  local missing=()
  command -v varnishd >/dev/null 2>&1 || [ -x /usr/sbin/varnishd ] || missing+=(varnish)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  command -v wrk >/dev/null 2>&1 || missing+=(wrk)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v clamd >/dev/null 2>&1 || [ -x /usr/sbin/clamd ] || missing+=(clamav-daemon)
  command -v pgbouncer >/dev/null 2>&1 || [ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
  if [ ${#missing[@]} -gt 0 ]; then
    log "Installing ${missing[*]} with apt-get"
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >&2
  fi
}

wait_for_http() {
  local url=$1 name=$2
  for _ in $(seq 1 100); do
    curl -s -o /dev/null --max-time 5 "$url" && return 0
    sleep 0.3
  done
  log "FAILED: $name did not answer on $url"
  return 1
}

start_redis() {
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --daemonize yes \
    --pidfile "$STACK_DIR/redis.pid" --dir "$STACK_DIR" --save "" --appendonly no \
    --logfile "$STACK_DIR/redis.log"
  # Rendered answers only: capped and evicting the least recently used, so that no
  # request can fill the Redis that holds rate limits and the content generation.
  redis-server --bind 127.0.0.1 --port "$RENDER_REDIS_PORT" --daemonize yes \
    --pidfile "$STACK_DIR/render-redis.pid" --dir "$STACK_DIR" --save "" --appendonly no \
    --maxmemory 128mb --maxmemory-policy allkeys-lru --logfile "$STACK_DIR/render-redis.log"
}

# The stack's long-lived secrets, each in a file of STACK_DIR (mode 600; var/ is
# gitignored) made on the first start and read on every later one: every app server
# of the stack signs sessions and CSRF tokens with the same SECRET_KEY and decrypts
# the lead submissions the others encrypted, also after a restart.
stack_secret() {
  local file=$STACK_DIR/$1 generator=$2
  if [ ! -s "$file" ]; then
    (umask 077 && .venv/bin/python -c "$generator" >"$file.new" && mv "$file.new" "$file")
  fi
  chmod 600 "$file"
  cat "$file"
}

# The URL of PostgreSQL's database through the stack's PgBouncer; any other URL as it is.
pooled_url() {
  case "$1" in
    postgres://* | postgresql://*)
      # user:password@host:port/name -> user:password@127.0.0.1:PGBOUNCER_PORT/name
      echo "$1" | sed -E "s#@[^/@]*/#@127.0.0.1:$PGBOUNCER_PORT/#"
      ;;
    *) echo "$1" ;;
  esac
}

write_env() {
  local database_url=$1 secret field_key object_store_key purge_token bypass_token
  local app_database_url direct_url="" pooler=""
  app_database_url=$(pooled_url "$database_url")
  if [ "$app_database_url" != "$database_url" ]; then
    direct_url=$database_url
    pooler=pgbouncer
  fi
  mkdir -p "$STACK_DIR"
  secret=$(stack_secret secret-key "import secrets; print(secrets.token_urlsafe(64))")
  field_key=$(stack_secret field-encryption-key \
    "import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())")
  object_store_key=$(stack_secret object-store-secret-key "import secrets; print(secrets.token_hex(20))")
  # Per run: Varnish and the app servers of this run read them from stack.env.
  purge_token=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(32))")
  bypass_token=$(.venv/bin/python -c "import secrets; print(secrets.token_urlsafe(32))")
  (umask 077 && : >"$STACK_DIR/stack.env")
  cat >"$STACK_DIR/stack.env" <<ENV
export DJANGO_SETTINGS_MODULE=cms.settings.stack
export SECRET_KEY='$secret'
export FIELD_ENCRYPTION_KEY='$field_key'
export LEADS_PRIVATE_ROOT=$STACK_DIR/private
export OBJECT_STORE_URL=http://127.0.0.1:$OBJECT_STORE_PORT
export OBJECT_STORE_ACCESS_KEY=foramen-stack
export OBJECT_STORE_SECRET_KEY='$object_store_key'
export OBJECT_STORE_MEDIA_BUCKET=foramen-media
export OBJECT_STORE_LEADS_BUCKET=foramen-leads
export DATABASE_URL='$app_database_url'
export DATABASE_POOLER=$pooler
export DATABASE_DIRECT_URL='$direct_url'
export REDIS_URL=redis://127.0.0.1:$REDIS_PORT/0
export RENDER_CACHE_URL=redis://127.0.0.1:$RENDER_REDIS_PORT/0
export CLAMAV_URL=tcp://127.0.0.1:$CLAMAV_PORT
export ALLOWED_HOSTS=127.0.0.1,localhost,.localhost
export WAGTAILADMIN_BASE_URL=http://127.0.0.1:$VARNISH_PORT
export WAGTAILAPI_BASE_URL=http://127.0.0.1:$VARNISH_PORT
export FRONTEND_CACHE_URLS=http://127.0.0.1:$VARNISH_PORT
export FRONTEND_CACHE_PURGE_TOKEN='$purge_token'
export RENDER_CACHE_BYPASS_TOKEN='$bypass_token'
export SECURE_SSL_REDIRECT=${SECURE_SSL_REDIRECT:-false}
export LEADS_TRUSTED_PROXY_COUNT=$([ "$STACK_APP_SERVERS" = 2 ] && echo 2 || echo 1)
export MEDIA_ROOT=$STACK_DIR/media
export STATIC_ROOT=$STACK_DIR/static
export EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
export TASKS_BACKEND=django_tasks_db.DatabaseBackend
export STACK_GUNICORN_URL=http://127.0.0.1:$GUNICORN_PORT
export STACK_APP_SERVERS=$STACK_APP_SERVERS
export STACK_GUNICORN_2_URL=http://127.0.0.1:$GUNICORN_PORT_2
export STACK_LB_URL=http://127.0.0.1:$LB_PORT
export STACK_VARNISH_URL=http://127.0.0.1:$VARNISH_PORT
export STACK_VARNISH_HTTPS_URL=http://127.0.0.1:$VARNISH_HTTPS_PORT
export STACK_NGINX_URL=http://127.0.0.1:$NGINX_PORT
export STACK_DIR=$STACK_DIR
ENV
  if [ -n "$pooler" ]; then
    echo "export STACK_PGBOUNCER_URL='$(echo "$app_database_url" | sed -E 's#/[^/]*$#/pgbouncer#')'" \
      >>"$STACK_DIR/stack.env"
  fi
}

# PgBouncer in transaction pooling mode in front of DATABASE_DIRECT_URL's database, on
# loopback. It refuses to run as root: as root it runs as postgres, so its files live in a
# folder of that user's own (mode 700) outside STACK_DIR, which may be private to root;
# $STACK_DIR/pgbouncer.dir names it, and $STACK_DIR/pgbouncer.pid is its pid file.
start_pgbouncer() {
  local user password host port name run_dir run_as=()
  IFS=' ' read -r user password host port name < <(.venv/bin/python -c "
import sys
from urllib.parse import unquote, urlsplit
url = urlsplit(sys.argv[1])
print(unquote(url.username), unquote(url.password), url.hostname, url.port or 5432, url.path[1:])
" "$DATABASE_DIRECT_URL")
  run_dir=$(mktemp -d /tmp/foramen-pgbouncer.XXXXXX)
  echo "$run_dir" >"$STACK_DIR/pgbouncer.dir"
  sed -e "s#RUN_DIR#$run_dir#g" -e "s/PGBOUNCER_PORT/$PGBOUNCER_PORT/" \
    -e "s/POOL_SIZE/$PGBOUNCER_POOL_SIZE/" -e "s/DATABASE_NAME/$name/g" \
    -e "s/DATABASE_HOST/$host/" -e "s/DATABASE_PORT/$port/" -e "s/DATABASE_USER/$user/" \
    deploy/pgbouncer/pgbouncer.ini >"$run_dir/pgbouncer.ini"
  (umask 077 && printf '"%s" "%s"\n' "$user" "$password" >"$run_dir/users.txt")
  if [ "$(id -u)" = 0 ]; then
    chown -R postgres: "$run_dir"
    run_as=(-u postgres)
  fi
  /usr/sbin/pgbouncer -d "${run_as[@]}" "$run_dir/pgbouncer.ini"
  for _ in $(seq 1 50); do
    [ -s "$run_dir/pgbouncer.pid" ] && break
    sleep 0.1
  done
  cp "$run_dir/pgbouncer.pid" "$STACK_DIR/pgbouncer.pid"
}

# Media and lead files of every app server (and of the worker that makes renditions) in
# two buckets of the stack's own SeaweedFS, with its data in STACK_DIR: nothing stays
# on the disk of the server that took an upload. MEDIA_ROOT and LEADS_PRIVATE_ROOT are
# left unused.
start_object_store() {
  OBJECT_STORE_PORT=$OBJECT_STORE_PORT OBJECT_STORE_RUN_DIR=$STACK_DIR/object-store \
    scripts/services/object-store.sh >/dev/null
  .venv/bin/python manage.py create_buckets -v0 >/dev/null
}

start_gunicorn() {
  # gunicorn has no request body size limit (its --limit-request-* options bound
  # the request line and headers only): Varnish refuses bodies above
  # LEADS_REQUEST_MAX_BYTES, and the app refuses a form's post above what that
  # form takes before reading it (leads/middleware.py).
  local port=$1 name=$2
  DATABASE_APPLICATION_NAME=foramen-$name .venv/bin/gunicorn cms.wsgi:application --config deploy/gunicorn.conf.py --daemon --workers "$GUNICORN_WORKERS" \
    --bind "127.0.0.1:$port" --pid "$STACK_DIR/$name.pid" \
    --error-logfile "$STACK_DIR/$name.log" --capture-output
}

start_app_servers() {
  start_gunicorn "$GUNICORN_PORT" gunicorn
  wait_for_http "$STACK_GUNICORN_URL/healthz" gunicorn
  if [ "$STACK_APP_SERVERS" = 2 ]; then
    start_gunicorn "$GUNICORN_PORT_2" gunicorn-2
    wait_for_http "$STACK_GUNICORN_2_URL/healthz" "the second gunicorn"
    mkdir -p "$STACK_DIR/nginx-lb-tmp"
    sed -e "s#RUN_DIR#$STACK_DIR#g" -e "s/LB_PORT/$LB_PORT/" \
      -e "s/GUNICORN_PORT_1/$GUNICORN_PORT/" -e "s/GUNICORN_PORT_2/$GUNICORN_PORT_2/" \
      deploy/nginx/load-balancer.conf >"$STACK_DIR/nginx-lb.conf"
    /usr/sbin/nginx -c "$STACK_DIR/nginx-lb.conf" -p "$STACK_DIR" -e "$STACK_DIR/nginx-lb-error.log"
  fi
}

# The background tasks (core/task_queue.py): purges, indexing, renditions and webhook
# deliveries queued by every app server, run by this worker.
start_worker() {
  DATABASE_APPLICATION_NAME=foramen-worker nohup .venv/bin/python manage.py db_worker --no-reload --interval 0.2 \
    >"$STACK_DIR/worker.log" 2>&1 &
  echo $! >"$STACK_DIR/worker.pid"
}

# One scheduler for the stack (docs/operations.md, "Periodic jobs"). It has no
# daemon mode of its own: started in the background with its pid file, and stopped
# by SIGTERM, on which it lets the job under way finish.
start_scheduler() {
  DATABASE_APPLICATION_NAME=foramen-scheduler nohup .venv/bin/python manage.py run_periodic_jobs </dev/null >>"$STACK_DIR/scheduler.log" 2>&1 &
  echo $! >"$STACK_DIR/scheduler.pid"
}

start_varnish() {
  # Varnish reads its VCL and work dir as an unprivileged user, so they live in
  # a world-readable directory of their own rather than in a private STACK_DIR.
  # The purge token reaches it through the environment (stack.env), never a file.
  local varnish_dir
  varnish_dir=$(mktemp -d /tmp/foramen-varnish.XXXXXX)
  chmod 755 "$varnish_dir"
  echo "$varnish_dir" >"$STACK_DIR/varnish.dir"
  local backend_port=$GUNICORN_PORT
  if [ "$STACK_APP_SERVERS" = 2 ]; then
    backend_port=$LB_PORT
  fi
  sed "s/BACKEND_PORT/$backend_port/" deploy/varnish/foramen.vcl >"$varnish_dir/foramen.vcl"
  chmod 644 "$varnish_dir/foramen.vcl"
  /usr/sbin/varnishd -a "http=127.0.0.1:$VARNISH_PORT" -a "https=127.0.0.1:$VARNISH_HTTPS_PORT" \
    -T "127.0.0.1:$VARNISH_ADMIN_PORT" \
    -f "$varnish_dir/foramen.vcl" -n "$varnish_dir/work" -P "$STACK_DIR/varnish.pid" \
    -s malloc,256m -p ban_lurker_sleep=0.1
}

start_nginx() {
  mkdir -p "$STACK_DIR/static-bytes" "$STACK_DIR/nginx-tmp"
  sed -e "s#RUN_DIR#$STACK_DIR#g" -e "s/NGINX_PORT/$NGINX_PORT/" deploy/nginx/static.conf \
    >"$STACK_DIR/nginx.conf"
  /usr/sbin/nginx -c "$STACK_DIR/nginx.conf" -p "$STACK_DIR" -e "$STACK_DIR/nginx-error.log"
}

start() {
  if [ -f "$STACK_DIR/gunicorn.pid" ] && kill -0 "$(cat "$STACK_DIR/gunicorn.pid")" 2>/dev/null; then
    log "FAILED: a stack is already running in $STACK_DIR (scripts/stack.sh stop first)"
    exit 1
  fi
  scripts/bootstrap.sh
  install_missing
  mkdir -p "$STACK_DIR/media"
  mkdir -p -m 700 "$STACK_DIR/private"
  local database_url=${DATABASE_URL:-}
  if [ -z "$database_url" ]; then
    database_url=$(PG_DB=${STACK_PG_DB:-foramen} scripts/services/postgres.sh | tail -n 1)
  fi
  write_env "$database_url"
  # shellcheck disable=SC1091
  source "$STACK_DIR/stack.env"
  if [ -n "$DATABASE_POOLER" ]; then
    start_pgbouncer
  fi
  start_redis
  start_object_store
  CLAMAV_PORT=$CLAMAV_PORT CLAMAV_DIR=$STACK_DIR/clamav scripts/services/clamav.sh >/dev/null
  # Varnish first, so that the purges sent while content loads find it.
  start_varnish
  start_nginx
  if [ "$STACK_LOAD_DEMO" != 0 ]; then
    log "Migrating and loading the demo content"
    # Its indexing and renditions done before the stack answers, rather than queued.
    # Migrations connect to PostgreSQL itself, past PgBouncer: a migration that is not
    # atomic (a concurrent index, RunSQL with atomic=False) runs each statement in a
    # transaction of its own, and what it sets for its session (a lock_timeout) would be
    # on another server connection for the next; its long DDL transactions would also
    # hold server connections of the pool the app servers wait for.
    DATABASE_URL=${DATABASE_DIRECT_URL:-$DATABASE_URL} DATABASE_POOLER= \
      TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
      .venv/bin/python manage.py migrate --no-input -v0
    TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend \
      .venv/bin/python manage.py load_demo_content -v0
  fi
  .venv/bin/python manage.py collectstatic --no-input -v0
  start_worker
  start_app_servers
  start_scheduler
  wait_for_http "$STACK_GUNICORN_URL/" gunicorn
  wait_for_http "$STACK_VARNISH_URL/" Varnish
  if [ "$STACK_APP_SERVERS" = 2 ]; then
    log "Varnish $STACK_VARNISH_URL -> nginx $STACK_LB_URL -> gunicorn $STACK_GUNICORN_URL and $STACK_GUNICORN_2_URL"
  fi
  log "Varnish $STACK_VARNISH_URL (HTTPS listener $STACK_VARNISH_HTTPS_URL) -> gunicorn $STACK_GUNICORN_URL; nginx $STACK_NGINX_URL"
  log "Periodic jobs: scheduler pid $(cat "$STACK_DIR/scheduler.pid"), log $STACK_DIR/scheduler.log"
  log "Environment for manage.py: source $STACK_DIR/stack.env"
}

# Waits until the process has exited (gunicorn takes several seconds to drain its
# workers), so that a `start` right after finds its ports free; a process still
# there after STOP_TIMEOUT seconds fails the stop rather than being reported gone.
STOP_TIMEOUT=${STOP_TIMEOUT:-60}

stop_pid_file() {
  local file=$1 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 $((STOP_TIMEOUT * 10))); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      log "FAILED: process $pid ($file) still runs $STOP_TIMEOUT s after SIGTERM"
      return 1
    fi
  fi
  rm -f "$file"
}

stop() {
  local failed=0
  for name in scheduler nginx varnish nginx-lb gunicorn gunicorn-2 worker pgbouncer redis render-redis clamav/clamd; do
    stop_pid_file "$STACK_DIR/$name.pid" || failed=1
  done
  for file in "$STACK_DIR"/object-store/weed-*.pid; do
    stop_pid_file "$file" || failed=1
  done
  for dir_file in "$STACK_DIR/varnish.dir" "$STACK_DIR/pgbouncer.dir"; do
    if [ -f "$dir_file" ]; then
      rm -rf "$(cat "$dir_file")"
      rm -f "$dir_file"
    fi
  done
  if [ "$failed" != 0 ]; then
    log "FAILED: some of the stack in $STACK_DIR is still running"
    return 1
  fi
  log "Stopped the stack in $STACK_DIR"
}

# One service of the running stack in $STACK_DIR, stopped or started again with the
# settings of its stack.env (tests/resilience/faults.py).
stop_service() {
  case "$1" in
    redis) stop_pid_file "$STACK_DIR/redis.pid" && stop_pid_file "$STACK_DIR/render-redis.pid" ;;
    object-store) for file in "$STACK_DIR"/object-store/weed-*.pid; do stop_pid_file "$file"; done ;;
    worker) stop_pid_file "$STACK_DIR/worker.pid" ;;
    *) log "no service $1 (redis, object-store, worker)" && return 2 ;;
  esac
}

start_service() {
  # shellcheck disable=SC1091
  source "$STACK_DIR/stack.env"
  case "$1" in
    redis) start_redis ;;
    object-store) start_object_store ;;
    worker) start_worker ;;
    *) log "no service $1 (redis, object-store, worker)" && return 2 ;;
  esac
}

case "${1:-}" in
  install) install_missing ;;
  stop-service) stop_service "${2:-}" ;;
  start-service) start_service "${2:-}" ;;
  start) start ;;
  stop) stop ;;
  env)
    mkdir -p "$STACK_DIR"
    write_env "${DATABASE_URL:?DATABASE_URL must be set for env}"
    ;;
  *)
    echo "usage: $0 install|start|stop|env|stop-service NAME|start-service NAME" >&2
    exit 2
    ;;
esac
