#!/usr/bin/env bash
# Runs every test of the solution on a fresh machine: installs what the tests need, then dotnet test.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-test-tools.sh

dotnet build Gdpr.Workflows.sln -c Release --nologo -v quiet
dotnet test Gdpr.Workflows.sln -c Release --no-build --nologo --logger "console;verbosity=normal" 2>&1 | tee .test-output.log | grep -E '^\s*(Passed!|Failed!|Total tests|Passed|Failed|Skipped|  Failed )' | grep -vE '^\s+Passed ' || true
status=${PIPESTATUS[0]}
# The plain closing line CI reads: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' .test-output.log | awk '{s+=$2} END {print s+0}')
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
