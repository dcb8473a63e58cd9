# syntax=docker/dockerfile:1
# One image, two roles: `node apps/api/dist/main.js` (API + admin app, port 3000) and
# `node apps/api/dist/worker.js` (background jobs; probes and metrics on WORKER_PORT, 3001).
# The operator CLI is `node apps/api/dist/cli.js` (backup, restore, rotate-key, ...).

FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/admin/package.json apps/admin/
COPY apps/admin/e2e/package.json apps/admin/e2e/
COPY packages/shared-types/package.json packages/shared-types/
COPY packages/fakes/package.json packages/fakes/
RUN pnpm install --frozen-lockfile --ignore-scripts
COPY . .
RUN pnpm build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
RUN npm install -g pnpm@10.34.8
COPY --from=build /app/package.json /app/pnpm-lock.yaml /app/pnpm-workspace.yaml /app/.npmrc ./
COPY --from=build /app/packages/shared-types/package.json packages/shared-types/
COPY --from=build /app/packages/shared-types/dist packages/shared-types/dist
COPY --from=build /app/apps/api/package.json apps/api/
RUN pnpm install --prod --frozen-lockfile --ignore-scripts --filter "@parley/api..."
COPY --from=build /app/apps/api/dist apps/api/dist
COPY --from=build /app/apps/admin/dist apps/admin/dist
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000 3001
# Parley drains on SIGTERM (in-flight requests and running jobs, up to SHUTDOWN_TIMEOUT) and exits 0.
STOPSIGNAL SIGTERM
# Liveness only: a draining or database-less process is alive, and restarting it would not help.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["node", "apps/api/dist/main.js"]
