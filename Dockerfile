# actions-emulator for demos: docker build -t actions-emulator . && docker run --rm -p 8080:8080 actions-emulator
#
# Status: written, not yet built — no Docker engine runs where this project is developed.
# Still to come (see the Docker issue): a verified runtime root, a HEALTHCHECK through the
# binary itself, and the image size.

ARG SWIFT_IMAGE=swift:6.3-bookworm

FROM ${SWIFT_IMAGE} AS build
RUN apt-get update && apt-get install -y --no-install-recommends libmicrohttpd-dev libsqlite3-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY Package.swift ./
COPY Sources Sources
COPY Tests Tests
RUN swift build -c release --static-swift-stdlib --product actions-emulator

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends libmicrohttpd12 libsqlite3-0 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --shell /usr/sbin/nologin emulator \
    && mkdir -p /data && chown emulator /data
COPY --from=build /src/.build/release/actions-emulator /usr/local/bin/actions-emulator
COPY seed-data /usr/share/actions-emulator/seed-data
USER emulator
VOLUME /data
EXPOSE 8080
STOPSIGNAL SIGTERM
# 0.0.0.0 inside the container; pass --base-url when clients reach it at another address.
ENTRYPOINT ["actions-emulator", "--host", "0.0.0.0", "--port", "8080"]
