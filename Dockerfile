# syntax=docker/dockerfile:1
# Warden's container image (docs/deployment.md, "Container image").
#   docker build -t warden .
#   docker run -p 3000:3000 -v warden-data:/var/lib/warden \
#     -e WARDEN_URL=https://warden.example.com -e WARDEN_SECRET=… -e WARDEN_KEK=… warden
# Add DATABASE_URL=postgresql://… for PostgreSQL (required for more than one instance).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# npm_config_nodedir: node-gyp uses the headers shipped in the image instead of downloading them
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_nodedir=/usr/local
# npm 11 applies package.json "allowScripts": only better-sqlite3's and esbuild's install
# scripts run, and Prisma's engine downloads stay off. The base image's npm 10 would run them all.
RUN npm install -g npm@11.19.1
# better-sqlite3 compiles itself when it cannot fetch a prebuilt binary
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# postinstall (scripts/db/generate.ts) generates both Prisma clients offline, without engine downloads
RUN npm ci
# next build; writes .next/warden-source-hash, which npm start compares with the sources
RUN npm run build
RUN npm prune --omit=dev --no-save \
 && rm -rf .next/cache
# Fail here rather than at run time: start.ts rebuilds (and regenerates the clients) when the
# stamps do not match, which the read-only code directory of the runtime stage would not allow.
RUN node --import tsx --input-type=module -e "\
import { buildIsCurrent } from './lib/server/build.ts'; \
import { clientIsFresh } from './lib/db/migrate/generate-client.ts'; \
if (!buildIsCurrent(process.cwd()) || !clientIsFresh(process.cwd())) { console.error('The build or the Prisma clients do not match the sources'); process.exit(1); }"

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    WARDEN_ENV=production \
    WARDEN_HOST=0.0.0.0 \
    PORT=3000 \
    WARDEN_DATA_DIR=/var/lib/warden
# The code stays owned by root; the app's user writes only the data directory and Next.js's cache.
COPY --from=build /app /app
RUN mkdir -p /var/lib/warden /app/.next/cache \
 && chown 1000:1000 /var/lib/warden /app/.next/cache
# the base image's unprivileged `node` user, numeric so that runAsNonRoot can verify it
USER 1000:1000
VOLUME ["/var/lib/warden"]
EXPOSE 3000
# slim images have no curl: Node's fetch asks the health endpoint (200 ok, 503 when the database is not)
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# what `npm start` runs, without npm in between; tsx relays SIGTERM to the server process
CMD ["node_modules/.bin/tsx", "--tsconfig", "tsconfig.node.json", "scripts/start.ts"]
