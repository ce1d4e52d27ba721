#!/usr/bin/env bash
# Verifies the Docker image's runtime stage without a Docker engine: debootstraps Debian
# bookworm with exactly the Dockerfile's RUNTIME_PACKAGES, copies in the static release binary
# (built as the Dockerfile builds it), the seed and the config, creates the image's user, starts
# the emulator in a chroot as that user, and checks its health check and one API call. Prints
# the root's size as the image would carry it. Needs root (debootstrap, chroot).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROOT=${DOCKER_CHECK_ROOT:-.build-docker/root}
BINARY=${DOCKER_CHECK_BINARY:-.build/release/actions-emulator}
PACKAGES=$(sed -n 's/^ARG RUNTIME_PACKAGES="\(.*\)"$/\1/p' Dockerfile)
[ -n "$PACKAGES" ] || { echo "docker-check: no RUNTIME_PACKAGES line in Dockerfile" >&2; exit 1; }

if [ ! -x "$ROOT/usr/bin/apt-get" ] || [ "$(cat "$ROOT/.packages" 2>/dev/null)" != "$PACKAGES" ]; then
    rm -rf "$ROOT"
    mkdir -p "$(dirname "$ROOT")"
    echo "docker-check: debootstrap bookworm (minbase) + $PACKAGES"
    debootstrap --variant=minbase --include="${PACKAGES// /,}" bookworm "$ROOT" >/dev/null
    echo "$PACKAGES" > "$ROOT/.packages"
fi
chroot "$ROOT" sh -c 'id -u emulator >/dev/null 2>&1 || useradd --system --key SYS_UID_MAX=10001 --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin emulator'
rm -rf "$ROOT/var/lib/apt/lists/"* "$ROOT/var/cache/apt/archives/"*.deb

# Stripped, as the Dockerfile strips it.
install -m 0755 -s "$BINARY" "$ROOT/usr/local/bin/actions-emulator"
rm -rf "$ROOT/usr/share/actions-emulator" "$ROOT/etc/actions-emulator"
mkdir -p "$ROOT/usr/share/actions-emulator" "$ROOT/data"
cp -r seed-data "$ROOT/usr/share/actions-emulator/seed-data"
cp -r config "$ROOT/etc/actions-emulator"
chown 10001:10001 "$ROOT/data"

echo "docker-check: binary needs: $(ldd "$BINARY" | awk '{print $1}' | tr '\n' ' ')"
# A container runtime always provides /proc (the Swift runtime reads /proc/self).
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"
cleanup() { kill "${PID:-}" 2>/dev/null || true; umount "$ROOT/proc" 2>/dev/null || true; }
trap cleanup EXIT
OUT=$(mktemp)
# As the image runs it: its user, its environment, working directory /data, no flags.
env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ACTIONS_EMULATOR_HOST=0.0.0.0 ACTIONS_EMULATOR_PORT=0 \
    chroot --userspec=10001:10001 "$ROOT" sh -c 'cd /data && exec /usr/local/bin/actions-emulator' >"$OUT" 2>&1 &
PID=$!
for _ in $(seq 1 100); do grep -q "listening on" "$OUT" && break; sleep 0.1; done
LINE=$(head -1 "$OUT")
echo "docker-check: $LINE"
PORT=${LINE##*:}
[[ "$LINE" == "actions-emulator listening on http://0.0.0.0:"* ]] || { cat "$OUT"; exit 1; }

chroot --userspec=10001:10001 "$ROOT" /usr/local/bin/actions-emulator healthcheck "http://127.0.0.1:$PORT"
STATUS=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v3/repos/octo-org/octo-repo/actions/jobs/399444496")
[ "$STATUS" = 200 ] || { echo "docker-check: API answered $STATUS"; exit 1; }
echo "docker-check: GET job 399444496 → 200"

kill -TERM $PID
wait $PID && echo "docker-check: SIGTERM → exit 0"
umount "$ROOT/proc"
trap - EXIT

SIZE=$(du -sm --exclude=proc --exclude=sys --exclude=dev "$ROOT" | cut -f1)
BINARY_SIZE=$(du -sm "$ROOT/usr/local/bin/actions-emulator" | cut -f1)
# debian:bookworm-slim is minbase without locales, man pages and most docs.
DROPPED=$(du -smc "$ROOT/usr/share/locale" "$ROOT/usr/share/man" "$ROOT/usr/share/doc" | tail -1 | cut -f1)
# Registries store and pull layers gzipped: the size a user downloads.
COMPRESSED=$(tar -C "$ROOT" -c --exclude=./proc --exclude=./usr/share/locale --exclude=./usr/share/man \
    --exclude=./usr/share/doc . 2>/dev/null | gzip -6 | wc -c)
echo "docker-check: runtime root ${SIZE} MB (binary ${BINARY_SIZE} MB); less what bookworm-slim drops: ~$((SIZE - DROPPED)) MB," \
     "~$((COMPRESSED / 1000000)) MB gzipped; passed"
