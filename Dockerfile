# fgs-emulator as a container: build on Debian 12, run on debian:12-slim.
#
#   docker build -t fgs-emulator .
#   docker run --rm -p 8000:8000 fgs-emulator
#   docker run --rm -p 8000:8000 -v "$PWD/my-fixtures:/fixtures:ro" fgs-emulator --profile observed
#
# Listens on 0.0.0.0:8000 inside the container; flags go after the image name, and every flag
# is also an environment variable FGS_EMULATOR_<NAME> (the only way in for a CI `services:`
# entry). Fixtures: every *.json of /fixtures at start-up (the image holds fixtures/default
# there; mount a directory over it). The HEALTHCHECK is the binary's own `--probe`, so the image
# needs no curl. scripts/image builds and smoke-tests this file; docs/ci.md shows CI use.
#
# Build arguments: BUILD_IMAGE and BASE_IMAGE, the Debian 12 images of the two stages (scripts/
# image passes one made with mmdebstrap where no registry is reachable).

ARG BUILD_IMAGE=debian:12
ARG BASE_IMAGE=debian:12-slim

FROM ${BUILD_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      g++ cmake ninja-build dpkg-dev file libboost1.81-dev libboost-json1.81-dev nettle-dev \
      libspdlog-dev libfmt-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt LICENSE README.md ./
COPY emulator emulator
COPY fixtures/default fixtures/default
COPY docs docs
COPY scripts/manpage scripts/manpage
# The .deb of scripts/package: the runtime stage installs it, so that apt resolves exactly its
# runtime dependencies.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DFGS_BUILD_TESTS=OFF \
 && cmake --build /build \
 && cd /build && cpack -G DEB \
 && mkdir /out && mv /build/fgs-emulator_*.deb /out/fgs-emulator.deb

FROM ${BASE_IMAGE}
COPY --from=build /out/fgs-emulator.deb /tmp/fgs-emulator.deb
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/fgs-emulator.deb \
 && apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/fgs-emulator.deb \
 && cp -r /usr/share/fgs-emulator/fixtures/default /fixtures \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin fgs
USER 10001:10001
ENV FGS_EMULATOR_HOST=0.0.0.0 \
    FGS_EMULATOR_PORT=8000 \
    FGS_EMULATOR_FIXTURES=/fixtures
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=4s --start-period=5s --retries=3 \
  CMD ["fgs-emulator", "--probe", "http://127.0.0.1:8000/_emulator/ready"]
ENTRYPOINT ["fgs-emulator"]
