# syntax=docker/dockerfile:1
# Multi-stage build: compile TypeScript with dev dependencies, then ship only the runtime
# dependencies, the compiled code and the SDL, running as the unprivileged `node` user.
# One image serves both the gateway (default command) and the emulator (`node dist/src/emulator/main.js`).

FROM node:20.20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The lockfile names the workspace package (clients/typescript): npm ci needs its package.json to be in sync.
COPY clients/typescript/package.json ./clients/typescript/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json codegen.ts ./
COPY schema ./schema
COPY src ./src
RUN npm run build

FROM node:20.20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY clients/typescript/package.json ./clients/typescript/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY schema ./schema
COPY examples/queries ./examples/queries
COPY examples/policies ./examples/policies
# The image's `node` user by number: Kubernetes' runAsNonRoot can only verify a numeric user. Nothing under /app
# is writable (the gateway writes no file), so the image also runs with a read-only root filesystem.
USER 1000:1000
EXPOSE 4000 4566 9464
HEALTHCHECK --interval=10s --timeout=3s --retries=5 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
