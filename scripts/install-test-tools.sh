#!/usr/bin/env bash
# Installs the tools tests and benchmarks call, idempotently: npm packages into tools/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tools/node_modules/asl-validator ] || [ ! -d tools/node_modules/aws-local-stepfunctions ] || [ ! -f tools/node_modules/axe-core/axe.min.js ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
# The console's browser suite drives Debian's Chromium (Playwright never downloads a browser here).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; else sudo apt-get update -qq && sudo apt-get install -y -qq chromium; fi
fi
