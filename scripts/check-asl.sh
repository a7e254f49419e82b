#!/usr/bin/env bash
# Validates Amazon States Language files with asl-validator (tools/node_modules).
# Usage: scripts/check-asl.sh [FILE.asl.json...]   (default: statemachines/*.asl.json)
# DefinitionSubstitutions placeholders (${Name}) are replaced by dummy ARNs of the right service first, so
# that the validator checks the ARNs' shape where it can, as CloudFormation would after substitution.
set -euo pipefail
cd "$(dirname "$0")/.."

validator=tools/node_modules/.bin/asl-validator
if [ ! -x "$validator" ]; then
  scripts/install-test-tools.sh
fi
if [ ! -x "$validator" ]; then
  echo "check-asl: FAILED - $validator is missing after scripts/install-test-tools.sh; nothing was checked" >&2
  exit 3
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
  shopt -s nullglob
  files=(statemachines/*.asl.json)
  shopt -u nullglob
  if [ ${#files[@]} -eq 0 ]; then
    echo "check-asl: FAILED - no statemachines/*.asl.json to check" >&2
    exit 3
  fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

failed=0
for file in "${files[@]}"; do
  if [ ! -f "$file" ]; then
    echo "check-asl: FAILED - $file does not exist" >&2
    failed=1
    continue
  fi
  # *FunctionArn -> a Lambda ARN, *TopicArn -> an SNS ARN, *QueueArn -> an SQS ARN, anything else -> a Lambda ARN.
  substituted="$work/$(basename "$file")"
  sed -E \
    -e 's/\$\{([A-Za-z0-9_]*TopicArn)\}/arn:aws:sns:eu-west-2:123456789012:\1/g' \
    -e 's/\$\{([A-Za-z0-9_]*QueueArn)\}/arn:aws:sqs:eu-west-2:123456789012:\1/g' \
    -e 's/\$\{([A-Za-z0-9_]+)\}/arn:aws:lambda:eu-west-2:123456789012:function:\1/g' \
    "$file" >"$substituted"
  if grep -q '\${' "$substituted"; then
    echo "check-asl: FAILED - $file has a malformed \${...} placeholder" >&2
    failed=1
    continue
  fi
  if "$validator" --json-path "$substituted"; then
    echo "check-asl: OK $file"
  else
    echo "check-asl: FAILED $file" >&2
    failed=1
  fi
done
exit "$failed"
