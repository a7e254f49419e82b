#!/usr/bin/env bash
# Installs the tools tests and benchmarks call, idempotently: npm packages into tools/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tools/node_modules/asl-validator ] || [ ! -d tools/node_modules/aws-local-stepfunctions ] || [ ! -f tools/node_modules/axe-core/axe.min.js ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi
# Debian packages the tests drive: Chromium for the console's browser suite (Playwright never downloads a browser
# here) and the AWS CLI v2 for the Step Functions API's client tests (tests/Gdpr.Workflows.Engine.Api.Tests; without
# root, those tests use the `aws` on PATH).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/bin/aws ] || missing+=(awscli)
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c 'import boto3' 2>/dev/null; then
  python3 -m pip install -q 'boto3==1.43.11'
fi
