#!/usr/bin/env bash
# Verifies the Docker image's runtime stage without a Docker engine, the way Docker's network
# delivers requests: debootstraps Debian bookworm with exactly the Dockerfile's
# RUNTIME_PACKAGES, copies in the static release binary (built as the Dockerfile builds it),
# the seed and the config, creates the image's user, and starts the emulator in a chroot as
# that user inside a network namespace of its own, joined to the host by a veth pair as
# Docker's bridge joins a container. From the host side it runs the commands docs/docker.md
# shows. Prints the root's size as the image would carry it. Needs root (debootstrap, chroot,
# ip netns).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROOT=${DOCKER_CHECK_ROOT:-.build-docker/root}
BINARY=${DOCKER_CHECK_BINARY:-.build/release/actions-emulator}
DOC=docs/docker.md
PACKAGES=$(sed -n 's/^ARG RUNTIME_PACKAGES="\(.*\)"$/\1/p' Dockerfile)
[ -n "$PACKAGES" ] || { echo "docker-check: no RUNTIME_PACKAGES line in Dockerfile" >&2; exit 1; }
fail() { echo "docker-check: FAILED: $*" >&2; exit 1; }

# What docs/docker.md tells a newcomer to run: the first `docker run` line's -e variables, and
# the curl lines of the same block.
BLOCK=$(awk '/<!-- docker-check/{found=1} found && /^```sh/{inside=1; next} inside && /^```/{exit} inside' "$DOC")
RUN_LINE=$(grep -m1 '^docker run ' <<<"$BLOCK") || fail "$DOC has no docker run line in its checked block"
mapfile -t IMAGE_ENV < <(grep -o -- '-e [A-Z_]*=[^ ]*' <<<"$RUN_LINE" | cut -c4-)
mapfile -t CURLS < <(grep '^curl ' <<<"$BLOCK")
[ ${#CURLS[@]} -ge 3 ] || fail "$DOC's checked block has fewer than three curl lines"

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

# The container's network: a namespace of our own, a veth pair, addresses in a range of our own.
NS="aemu-check-$$"
HOST_IF="aemu-h$$"
NS_IF="aemu-c$$"
HOST_ADDR=10.231.$(($$ % 200 + 10)).1
ADDR=${HOST_ADDR%.1}.2
PID=""
cleanup() {
    [ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
    ip netns del "$NS" 2>/dev/null || true
    ip link del "$HOST_IF" 2>/dev/null || true
    umount "$ROOT/proc" 2>/dev/null || true
}
trap cleanup EXIT
ip netns add "$NS"
ip link add "$HOST_IF" type veth peer name "$NS_IF"
ip link set "$NS_IF" netns "$NS"
ip addr add "$HOST_ADDR/24" dev "$HOST_IF"
ip link set "$HOST_IF" up
ip netns exec "$NS" ip addr add "$ADDR/24" dev "$NS_IF"
ip netns exec "$NS" ip link set "$NS_IF" up
ip netns exec "$NS" ip link set lo up
ip netns exec "$NS" ip route add default via "$HOST_ADDR"

# A container runtime always provides /proc (the Swift runtime reads /proc/self).
mountpoint -q "$ROOT/proc" || mount -t proc proc "$ROOT/proc"

# Starts the emulator as the image runs it: its user, its environment (plus `extra`), working
# directory /data, no flags, in the namespace. Waits for its two lines.
start() {
    OUT=$(mktemp)
    ip netns exec "$NS" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ACTIONS_EMULATOR_HOST=0.0.0.0 ACTIONS_EMULATOR_PORT=8080 "$@" \
        chroot --userspec=10001:10001 "$ROOT" sh -c 'cd /data && exec /usr/local/bin/actions-emulator' >"$OUT" 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do grep -q "^control API" "$OUT" && break; sleep 0.1; done
    head -2 "$OUT" | sed 's/^/docker-check: started: /'
    [[ "$(head -1 "$OUT")" == "actions-emulator listening on http://0.0.0.0:8080" ]] || { cat "$OUT"; fail "did not start"; }
}
stop() {
    kill -TERM "$PID"
    wait "$PID" || fail "SIGTERM: exit $?"
    PID=""
}
status() { curl -s -o /dev/null -w '%{http_code}' "$@"; }

# 1. As docs/docker.md runs it.
start "${IMAGE_ENV[@]}"
grep -q "^control API: admin token required$" "$OUT" || fail "expected 'control API: admin token required'"
ip netns exec "$NS" chroot --userspec=10001:10001 "$ROOT" /usr/local/bin/actions-emulator healthcheck "http://127.0.0.1:8080" \
    || fail "the health check inside the container"
echo "docker-check: healthcheck inside the namespace → healthy"
BODY=$(mktemp)
for line in "${CURLS[@]}"; do
    command=${line//localhost:8080/$ADDR:8080}
    code=$(eval "$command -o $BODY -w '%{http_code}'") || fail "from the host: $line"
    [[ "$code" == 2* ]] || fail "from the host: $line → $code $(head -c 300 "$BODY")"
    echo "docker-check: from the host: ${line:0:100} → $code $(head -c 60 "$BODY")..."
    if [[ "$line" == *"Authorization: Bearer"* ]]; then
        bare=$(sed -E 's/-H "Authorization: Bearer [^"]*" //' <<<"$command")
        code=$(eval "$bare -o $BODY -w '%{http_code}'")
        [[ "$code" == 401 ]] && grep -q ACTIONS_EMULATOR_ADMIN_TOKEN "$BODY" \
            || fail "without the token expected a 401 naming ACTIONS_EMULATOR_ADMIN_TOKEN: $code $(cat "$BODY")"
        echo "docker-check:   the same without the token → 401 $(head -c 75 "$BODY")..."
    fi
done
stop
echo "docker-check: SIGTERM → exit 0"

# 2. Without a token: one is generated and printed, and nothing is open without it.
start
TOKEN=$(sed -n 's/^control API: admin token required; generated for this start: \([^ ]*\) .*/\1/p' "$OUT")
[ -n "$TOKEN" ] || fail "no generated token on the second line"
[ "$(status -X POST "http://$ADDR:8080/_emulator/reset")" = 401 ] || fail "a control route answered without the token"
[ "$(status -X POST -H "Authorization: Bearer $TOKEN" "http://$ADDR:8080/_emulator/reset")" = 200 ] \
    || fail "the generated token did not work"
echo "docker-check: no token set → generated one printed; from the host 401 without it, 200 with it"
stop
umount "$ROOT/proc"

SIZE=$(du -sm --exclude=proc --exclude=sys --exclude=dev "$ROOT" | cut -f1)
BINARY_SIZE=$(du -sm "$ROOT/usr/local/bin/actions-emulator" | cut -f1)
# debian:bookworm-slim is minbase without locales, man pages and most docs.
DROPPED=$(du -smc "$ROOT/usr/share/locale" "$ROOT/usr/share/man" "$ROOT/usr/share/doc" | tail -1 | cut -f1)
# Registries store and pull layers gzipped: the size a user downloads.
COMPRESSED=$(tar -C "$ROOT" -c --exclude=./proc --exclude=./usr/share/locale --exclude=./usr/share/man \
    --exclude=./usr/share/doc . 2>/dev/null | gzip -6 | wc -c)
echo "docker-check: runtime root ${SIZE} MB (binary ${BINARY_SIZE} MB); less what bookworm-slim drops: ~$((SIZE - DROPPED)) MB," \
     "~$((COMPRESSED / 1000000)) MB gzipped; passed"
