# Simpul API + built web app in one image. Two stages: `build` installs everything and builds
# web/dist (Vite, precompressed); the runtime stage has production dependencies only (tsx runs the
# TypeScript sources, as `npm start` does) and runs as the unprivileged `node` user.
#   docker build -t simpul . && docker compose -f deploy/compose.yaml up -d
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build:web

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/simpul
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/api ./api
COPY --from=build /app/shared ./shared
COPY --from=build /app/migrations ./migrations
COPY --from=build /app/web/dist ./web/dist
COPY --from=build /app/deploy ./deploy
COPY --from=build /app/tsconfig.json ./
RUN mkdir -p /var/lib/simpul && chown node:node /var/lib/simpul
USER node
VOLUME /var/lib/simpul
EXPOSE 3000
# /readyz answers 200 only when the database answers too (api/core/http/health.ts). No curl in
# the slim image: Node's fetch does the probe.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "api/main.ts"]
