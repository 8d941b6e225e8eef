# Build stage: the whole workspace in release mode. Tags are pinned; upgrade them on purpose.
FROM rust:1.95.0-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --locked --bin inspraak

# Run stage: a small Debian with the binary only (assets are compiled in), and curl for the
# health check. No secret and no demo here: `inspraak serve` on PostgreSQL refuses to start
# without INSPRAAK_SECRET_KEY; see docker-compose.yml and docker-compose.demo.yml.
FROM debian:12.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data inspraak && mkdir -p /data && chown inspraak /data
COPY --from=build /src/target/release/inspraak /usr/local/bin/inspraak
USER inspraak
WORKDIR /data
ENV INSPRAAK_DATA_DIR=/data INSPRAAK_LISTEN=0.0.0.0:8080
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD curl --fail --silent --max-time 3 http://127.0.0.1:8080/readyz || exit 1
CMD ["inspraak", "serve"]
