# Build stage: the whole workspace in release mode.
FROM rust:1.95-bookworm AS build
WORKDIR /src
COPY . .
RUN cargo build --release --bin inspraak

# Run stage: a small Debian with the binary only (assets are compiled in).
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /data inspraak && mkdir -p /data && chown inspraak /data
COPY --from=build /src/target/release/inspraak /usr/local/bin/inspraak
USER inspraak
WORKDIR /data
EXPOSE 8080
CMD ["inspraak", "serve"]
