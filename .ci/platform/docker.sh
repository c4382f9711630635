#!/usr/bin/env bash
# Docker engine and a locally built PostgreSQL 15 image for the Testcontainers platform.
#
#   bash .ci/platform/docker.sh up     # installs docker.io if needed, starts dockerd, builds the image
#   bash .ci/platform/docker.sh down   # stops the dockerd this script started
#
# No image registry is reachable from our machines, so the image is built from Debian packages with
# debootstrap and imported. Its entrypoint behaves like the official image's for what Testcontainers uses:
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, a temporary server before the real one (so "database system
# is ready to accept connections" is printed twice), and any other command is run as given.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
STATE=${SARK_CI_STATE:-/var/tmp/sark-ci}
IMAGE=${SARK_CI_IMAGE:-sark-ci/postgres:15}
DOCKER=/usr/bin/docker
log() { echo "docker-platform: $*" >&2; }

up() {
  mkdir -p "$STATE"
  if ! command -v dockerd >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq docker.io debootstrap >/dev/null
  fi
  command -v debootstrap >/dev/null 2>&1 || apt-get install -y -qq debootstrap >/dev/null
  if ! $DOCKER info >/dev/null 2>&1; then
    nohup dockerd --data-root "$STATE/docker" --pidfile "$STATE/dockerd.pid" >"$STATE/dockerd.log" 2>&1 &
    for _ in $(seq 1 60); do $DOCKER info >/dev/null 2>&1 && break; sleep 1; done
    $DOCKER info >/dev/null 2>&1 || { tail -20 "$STATE/dockerd.log"; log "dockerd did not start"; exit 1; }
    log "dockerd started (data root $STATE/docker)"
  fi
  if ! $DOCKER image inspect "$IMAGE" >/dev/null 2>&1; then
    build_image
  fi
  log "image $IMAGE ready"
}

build_image() {
  local root="$STATE/rootfs" t0
  t0=$(date +%s)
  rm -rf "$root"
  local mirror
  mirror=$(grep -hoE 'https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null \
    | head -1 | tr -d ' ' || true)
  debootstrap --variant=minbase --include=postgresql-15 bookworm "$root" "${mirror:-http://deb.debian.org/debian}" \
    >"$STATE/debootstrap.log" 2>&1 || { tail -20 "$STATE/debootstrap.log"; exit 1; }
  install -m 0755 "$(dirname "${BASH_SOURCE[0]}")/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | $DOCKER import \
    -c 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' -c 'CMD ["postgres"]' -c 'EXPOSE 5432' \
    -c 'ENV PATH=/usr/lib/postgresql/15/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$IMAGE" >/dev/null
  rm -rf "$root"
  log "built $IMAGE in $(( $(date +%s) - t0 )) s"
}

down() {
  if [ -f "$STATE/dockerd.pid" ]; then
    local pid; pid=$(cat "$STATE/dockerd.pid")
    $DOCKER ps -q | xargs -r $DOCKER rm -f >/dev/null 2>&1 || true
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    pkill -f "containerd --config /var/run/docker/containerd" 2>/dev/null || true
    log "dockerd stopped"
  fi
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 64 ;;
esac
