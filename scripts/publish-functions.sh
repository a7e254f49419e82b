#!/usr/bin/env bash
# Publishes every functions/Gdpr.Workflows.Functions.<Name>/ project as Native AOT by its own Makefile
# (target build-<Name>Function), into artifacts/functions/<Name>Function/bootstrap: the same layout as
# .aws-sam/build/<LogicalId>/ after `sam build`. See functions/README.md, "Publishing".
#
#   scripts/publish-functions.sh [Name ...]     # all functions, or only the named ones (e.g. Status)
#   RID=linux-x64 scripts/publish-functions.sh  # for x86_64 Lambdas or local runs on x64
#
# RID defaults to linux-arm64, the template's architecture; on an x64 machine that needs Debian's
# gcc-aarch64-linux-gnu (each Makefile says so if it is missing).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
prefix=Gdpr.Workflows.Functions.
RID=${RID:-linux-arm64}

if [[ $# -gt 0 ]]; then
  names=("$@")
else
  names=()
  for dir in "$root"/functions/"$prefix"*/; do
    # Shared libraries (Hosting, Aws) have no Makefile; every function has one.
    [[ -f "$dir/Makefile" ]] || continue
    name=${dir%/}
    names+=("${name##*/"$prefix"}")
  done
fi

if [[ ${#names[@]} -eq 0 ]]; then
  echo "error: no $prefix* projects under $root/functions" >&2
  exit 1
fi

for name in "${names[@]}"; do
  dir="$root/functions/$prefix$name"
  if [[ ! -f "$dir/Makefile" ]]; then
    echo "error: $dir/Makefile is missing (functions/README.md: every function has one with target build-${name}Function)" >&2
    exit 1
  fi

  out="$root/artifacts/functions/${name}Function"
  echo "== $name ($RID) -> ${out#"$root"/}/bootstrap"
  make --no-print-directory -C "$dir" "build-${name}Function" RID="$RID" ARTIFACTS_DIR="$out"
  test -x "$out/bootstrap" || { echo "error: $out/bootstrap was not produced" >&2; exit 1; }
done
