# actions-emulator for demos:
#   docker build -t actions-emulator .
#   docker run --rm -p 8080:8080 -e ACTIONS_EMULATOR_ADMIN_TOKEN=demo-token actions-emulator
#
# No Docker engine runs where this project is built, so `make docker-check` verifies what can
# be verified without one: this file's runtime package list installed into a debootstrapped
# bookworm root, the same static release binary copied in, started there as this image's
# non-root user, its health check and an API call answered, and the root's size.

ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends libmicrohttpd-dev libsqlite3-dev zlib1g-dev nettle-dev libgnutls28-dev libcurl4-gnutls-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
RUN swift build -c release --static-swift-stdlib --product actions-emulator \
    && cp .build/release/actions-emulator /actions-emulator && strip /actions-emulator

FROM debian:bookworm-slim
# docker-check installs exactly this list: keep it on one line.
ARG RUNTIME_PACKAGES="libmicrohttpd12 libsqlite3-0 zlib1g libnettle8 libhogweed6 libgmp10 libgnutls30 libcurl3-gnutls"
RUN apt-get update && apt-get install -y --no-install-recommends ${RUNTIME_PACKAGES} \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --key SYS_UID_MAX=10001 --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin emulator \
    && mkdir -p /data && chown emulator:emulator /data
COPY --from=build /actions-emulator /usr/local/bin/actions-emulator
COPY seed-data /usr/share/actions-emulator/seed-data
COPY config /etc/actions-emulator
USER 10001:10001
WORKDIR /data
# Inside the container it listens on every interface; pass ACTIONS_EMULATOR_BASE_URL (or
# --base-url) when clients reach it at another address than http://127.0.0.1:8080. Requests
# from the host arrive from the bridge, not loopback: set ACTIONS_EMULATOR_ADMIN_TOKEN to use
# the control API and the dashboard from there (without one, a token is generated at start and
# printed once; docs/docker.md).
ENV ACTIONS_EMULATOR_HOST=0.0.0.0 ACTIONS_EMULATOR_PORT=8080
VOLUME /data
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=2s CMD ["actions-emulator", "healthcheck"]
# SIGTERM: stop accepting, finish requests in flight, close the database, exit 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["actions-emulator"]
