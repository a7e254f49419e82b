#!/usr/bin/env bash
# Installs the tools tests and benchmarks call, idempotently: npm packages into tools/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -d tools/node_modules/asl-validator ] || [ ! -d tools/node_modules/aws-local-stepfunctions ]; then
  (cd tools && npm ci --no-audit --no-fund --loglevel=error)
fi

# The Step Functions API's client tests (tests/Gdpr.Workflows.Engine.Api.Tests): Debian's AWS CLI v2 when apt is
# available as root (else the tests use the `aws` on PATH), and boto3 at a pinned version.
if [ ! -x /usr/bin/aws ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  apt-get install -y -q awscli >/dev/null || echo "install-test-tools: apt-get install awscli failed; the tests use the aws on PATH" >&2
fi
if ! python3 -c 'import boto3' 2>/dev/null; then
  python3 -m pip install -q 'boto3==1.43.11'
fi
