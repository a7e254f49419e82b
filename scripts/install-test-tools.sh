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
command -v openssl >/dev/null 2>&1 || missing+=(openssl)
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! python3 -c 'import boto3' 2>/dev/null; then
  python3 -m pip install -q 'boto3==1.43.11'
fi
# The AWS SAM CLI (scripts/deployed-locally.sh builds with `sam build` when it is there), in its own virtualenv so its
# pins never move boto3's. It comes from PyPI only: where PyPI is unreachable the script says so and publishes the
# same projects with msbuild.
if [ ! -x .local/sam/bin/sam ]; then
  if python3 -m venv .local/sam >/dev/null 2>&1 && .local/sam/bin/pip install -q --retries 0 --timeout 15 'aws-sam-cli==1.170.0' >/dev/null 2>&1; then
    echo "install-test-tools: aws-sam-cli 1.170.0 in .local/sam"
  else
    rm -rf .local/sam
    echo "install-test-tools: aws-sam-cli could not be installed (PyPI unreachable): scripts/deployed-locally.sh publishes the functions with msbuild instead of sam build"
  fi
fi
