# The app image for docker-compose.yml. Neo4j runs in its own container (NEO4J_URI).
# Stage 1 builds the explorer (Vite) and compiles the server (tsc); stage 2 holds only what runs.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json tsconfig.build.json vite.config.ts ./
COPY client ./client
COPY server ./server
RUN npm run build && npm run build:server

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
# The compiled server takes the place of the TypeScript sources, so paths relative to the
# project root (cypher/, seeds/, server/extract/data/) resolve as in a checkout.
COPY --from=build /app/build/server ./server
COPY --from=build /app/dist/client ./dist/client
COPY server/extract/data ./server/extract/data
COPY cypher ./cypher
COPY seeds ./seeds
# The app's state (saved views, corrections, users, audit log, notes, watch-lists): one folder,
# owned by the unprivileged user and kept in a volume, so it outlives the container. Nothing
# else under /app is writable by that user.
ENV STATE_DIR=/var/lib/policy-graph CORRECTIONS_FILE=/var/lib/policy-graph/corrections.jsonl
RUN mkdir -p /var/lib/policy-graph && chown node:node /var/lib/policy-graph
VOLUME ["/var/lib/policy-graph"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.PORT+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "server/main.js"]
