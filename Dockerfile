# syntax=docker/dockerfile:1
#
# One Dockerfile, one image per role:
#   docker build --target api       -t medido-api .
#   docker build --target ingestor  -t medido-ingestor .
#   docker build --target projector -t medido-projector .
#   docker build --target medido    -t medido .          # all-in-one embedded default, and the CLI
#
# No build step: Node 24 runs the TypeScript sources directly (type stripping), so an image is the
# production dependencies plus apps/ and libs/ sources. The base image is pinned to the Node release the
# repository tests with (.node-version); bump both together.
ARG NODE_IMAGE=node:24.21.0-trixie-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false

# Only the package manifests and the lock file, so the dependency layers below are rebuilt when a
# dependency changes, not when a source file does (BuildKit keys COPY --from on content).
FROM base AS manifests
COPY . /src
RUN mkdir -p /out \
 && cd /src \
 && cp package.json package-lock.json /out/ \
 && find apps libs -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /out/ \;

# The server roles talk to a ClickHouse server, so they omit the optional native chDB library
# (@chdb/lib-*, over 500 MB) that only the embedded default uses. Install scripts are skipped: no
# production dependency needs one (chdb's is a no-op), and none should run at build time.
FROM base AS deps-server
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --ignore-scripts --no-audit --no-fund --loglevel=error

FROM base AS deps-embedded
COPY --from=manifests /out/ ./
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error

# The whole dependency tree (root node_modules plus any a workspace keeps of its own), then the
# sources, owned by root and read-only for the runtime user (uid 1000, `node` in the base image): a
# compromised process cannot rewrite its own code. Numeric USER so Kubernetes' runAsNonRoot can verify
# it without resolving a name.
FROM base AS server
COPY --from=deps-server /app ./
COPY libs ./libs
COPY apps ./apps
COPY deploy/docker/healthcheck.mjs ./healthcheck.mjs
USER 1000:1000
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=3 CMD ["node", "healthcheck.mjs"]

FROM server AS api
LABEL org.opencontainers.image.title="medido-api" \
      org.opencontainers.image.description="Medido read API: catalog and measurements over REST, OAuth 2.0 login, JWKS"
CMD ["node", "apps/api/src/main.ts"]

FROM server AS ingestor
LABEL org.opencontainers.image.title="medido-ingestor" \
      org.opencontainers.image.description="Medido ingestor: validates events and commands, publishes them to Kafka"
CMD ["node", "apps/ingestor/src/main.ts"]

FROM server AS projector
LABEL org.opencontainers.image.title="medido-projector" \
      org.opencontainers.image.description="Medido projector: consumes Kafka topics into ClickHouse and MongoDB"
CMD ["node", "apps/projector/src/main.ts"]

# All roles in one process with embedded adapters (chDB, node:sqlite, in-process bus, embedded OIDC
# provider), keeping its state in /data. Also the image for CLI commands (simulate, replay, …).
FROM base AS medido
COPY --from=deps-embedded /app ./
COPY libs ./libs
COPY apps ./apps
COPY deploy/docker/healthcheck.mjs ./healthcheck.mjs
RUN mkdir -p /data && chown 1000:1000 /data
ENV MEDIDO_DATA_DIR=/data
VOLUME ["/data"]
USER 1000:1000
EXPOSE 3000
LABEL org.opencontainers.image.title="medido" \
      org.opencontainers.image.description="Medido embedded default: every role in one process, no servers needed"
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=3 CMD ["node", "healthcheck.mjs"]
CMD ["node", "apps/medido/src/main.ts", "start"]
