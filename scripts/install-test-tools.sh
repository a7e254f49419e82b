#!/usr/bin/env bash
# Installs the tools tests and benchmarks call, idempotently: npm packages into tools/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tools/node_modules/asl-validator ] || [ ! -d tools/node_modules/aws-local-stepfunctions ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
