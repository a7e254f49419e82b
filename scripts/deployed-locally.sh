#!/usr/bin/env bash
# The stack of template.yaml as deployed, on one machine (issue #16; what it covers and what not: docs/deployed-locally.md).
#
#   scripts/deployed-locally.sh            # publish what changed, run one erasure request end to end
#
# 1. Publishes every function of template.yaml as its Native AOT `bootstrap`, for this machine's architecture, into
#    artifacts/deployed/<rid>/<LogicalId>/bootstrap (the layout of sam build's .aws-sam/build). With `sam` on PATH that
#    is `sam build --build-in-source` (the Makefiles, RID passed through the environment); without it, one msbuild
#    invocation publishes them all in parallel. Skipped when nothing they are built from changed since the last publish.
# 2. Makes a throwaway CA and a certificate for 127.0.0.1 with openssl: moto_server, `gdpr engine serve` and the
#    functions' front door (Lambda Invoke API, HTTP API routes) serve HTTPS with it; children trust it via SSL_CERT_FILE
#    (.NET, including the Native AOT functions) and AWS_CA_BUNDLE (the AWS CLI).
# 3. Runs tests/Gdpr.Workflows.DeployedLocally, which creates the stack's resources from template.yaml on moto_server
#    and on the engine, runs each function as its own process behind a Lambda Runtime API, and drives one request
#    through intake, verification, a sync and an async system, completion, a cancellation and the audit check.
#
# Last line on success: `deployed-locally: N functions, request <id> <status>, chain verified` (exit 0).
# GDPR_DEPLOYED_RID overrides the runtime (linux-x64 or linux-arm64; arm64 on x64 needs gcc-aarch64-linux-gnu and
# qemu-user, see docs/deployed-locally.md).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$(date +%s)

case "$(uname -m)" in
  x86_64) host_rid=linux-x64 ;;
  aarch64) host_rid=linux-arm64 ;;
  *) echo "deployed-locally: no Lambda architecture matches $(uname -m)" >&2; exit 1 ;;
esac
rid=${GDPR_DEPLOYED_RID:-$host_rid}
# scripts/install-test-tools.sh puts sam in .local/sam when PyPI is reachable.
[ -x .local/sam/bin/sam ] && PATH="$root/.local/sam/bin:$PATH"

for tool in dotnet openssl moto_server python3; do
  command -v "$tool" >/dev/null || { echo "deployed-locally: $tool is not installed (scripts/install-test-tools.sh installs the test tools)" >&2; exit 1; }
done
[ -x /usr/bin/aws ] || command -v aws >/dev/null || { echo "deployed-locally: the AWS CLI is not installed (scripts/install-test-tools.sh installs awscli)" >&2; exit 1; }

# ---------------------------------------------------------------- 1. the functions' bootstraps
out="$root/artifacts/deployed/$rid"
mkdir -p "$out"
# The functions of template.yaml: "<LogicalId> <CodeUri>" for each AWS::Serverless::Function.
functions=$(awk '/^  [A-Za-z0-9]+:$/ {id=$1; sub(":", "", id)} /^    Type: AWS::Serverless::Function/ {fn=id} /^      CodeUri: / {if (fn == id) print id, $2}' template.yaml)
[ -n "$functions" ] || { echo "deployed-locally: no AWS::Serverless::Function with a CodeUri in template.yaml" >&2; exit 1; }
count=$(echo "$functions" | wc -l)

# What the binaries are built from: every tracked or new source file of functions/ and workflows/, the build settings,
# the template and the runtime. Equal to the last publish's stamp (and every bootstrap there): nothing to publish.
stamp=$( { echo "$rid"; git ls-files -co --exclude-standard -- functions workflows Directory.Build.props Directory.Packages.props global.json template.yaml \
  | grep -vE '(^|/)(bin|obj)/' | sort | xargs -d '\n' sha256sum; } | sha256sum | cut -d' ' -f1)
up_to_date=1
[ "$(cat "$out/.stamp" 2>/dev/null || true)" = "$stamp" ] || up_to_date=0
while read -r id _; do [ -x "$out/$id/bootstrap" ] || up_to_date=0; done <<<"$functions"

publish_started=$(date +%s)
if [ "$up_to_date" = 1 ]; then
  echo "functions: ${count} bootstraps up to date in ${out#"$root"/} (${rid})"
elif command -v sam >/dev/null; then
  echo "functions: sam build --build-in-source (${rid}) ..."
  RID=$rid sam build --build-in-source --parallel --build-dir "$out" --template-file template.yaml >"$out/build.log" 2>&1 \
    || { tail -n 40 "$out/build.log" >&2; echo "deployed-locally: sam build failed" >&2; exit 1; }
else
  # sam (pip aws-sam-cli) is not installable where PyPI is unreachable; its makefile workflow runs one `dotnet publish` per
  # function. One msbuild invocation publishes them all instead: the shared projects are built once and two functions
  # compile at a time, so the same binaries cost less than the fourteen Makefile runs.
  echo "functions: publishing ${count} Native AOT bootstraps (${rid}) in one msbuild invocation (sam is not installed) ..."
  proj="$out/publish-functions.proj"
  {
    echo '<Project DefaultTargets="PublishFunctions">'
    echo '  <ItemGroup>'
    while read -r id code; do
      name=$(basename "$code")
      echo "    <Function Include=\"$root/${code%/}/$name.csproj\" AdditionalProperties=\"PublishDir=$out/$id/publish/\" />"
    done <<<"$functions"
    echo '  </ItemGroup>'
    echo '  <Target Name="PublishFunctions">'
    echo '    <MSBuild Projects="@(Function)" Targets="Restore" Properties="Configuration=Release;RuntimeIdentifier=$(Rid);MSBuildRestoreSessionId=$([System.Guid]::NewGuid())" />'
    echo '    <MSBuild Projects="@(Function)" Targets="Publish" Properties="Configuration=Release;RuntimeIdentifier=$(Rid);SelfContained=true;_IsPublishing=true" BuildInParallel="true" />'
    echo '  </Target>'
    echo '</Project>'
  } >"$proj"
  cross=()
  if [ "$rid" = linux-arm64 ] && [ "$host_rid" = linux-x64 ]; then
    cross=("-p:CppCompilerAndLinker=$root/scripts/aarch64-linux-gnu-gcc.sh" -p:ObjCopyName=aarch64-linux-gnu-objcopy)
  fi
  dotnet msbuild "$proj" -nologo -v:m -m:2 -p:Rid="$rid" "${cross[@]}" >"$out/build.log" 2>&1 \
    || { grep -E 'error|warn' "$out/build.log" | sort -u | tail -n 40 >&2; echo "deployed-locally: publishing the functions failed (log: ${out#"$root"/}/build.log)" >&2; exit 1; }
  while read -r id code; do
    name=$(basename "$code")
    cp "$out/$id/publish/$name" "$out/$id/bootstrap"
  done <<<"$functions"
fi
echo "$stamp" >"$out/.stamp"
echo "functions: ready in $(( $(date +%s) - publish_started )) s"

# ---------------------------------------------------------------- 2. the test CA
work=$(mktemp -d "${TMPDIR:-/tmp}/deployed-locally.XXXXXX")
trap 'rm -rf "$work"' EXIT
tls="$work/tls"
mkdir -p "$tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=gdpr-workflows deployed-locally test CA" \
  -keyout "$tls/ca.key" -out "$tls/ca.pem" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' >"$tls/server.ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" -CAcreateserial -days 1 -extfile "$tls/server.ext" -out "$tls/server.pem" 2>/dev/null

# ---------------------------------------------------------------- 3. the run
dotnet build tests/Gdpr.Workflows.DeployedLocally -c Release -v q --nologo >"$work/build.log" 2>&1 \
  || { grep -E 'error' "$work/build.log" | sort -u >&2; exit 1; }
dotnet build workflows/Gdpr.Workflows.Cli -c Release -v q --nologo >>"$work/build.log" 2>&1 \
  || { grep -E 'error' "$work/build.log" | sort -u >&2; exit 1; }
gdpr_dll=$(ls workflows/Gdpr.Workflows.Cli/bin/Release/net*/gdpr.dll | head -n 1)
set +e
GDPR_DEPLOYED_STARTED=$started SSL_CERT_FILE="$tls/ca.pem" dotnet run --project tests/Gdpr.Workflows.DeployedLocally -c Release --no-build -- \
  --artifacts "$out" --tls "$tls" --gdpr "$gdpr_dll" --work "$work/run" --template "$root/template.yaml" | tee "$work/run.log"
status=${PIPESTATUS[0]}
set -e
last=$(tail -n 1 "$work/run.log")
if [ "$status" -ne 0 ] || ! [[ "$last" =~ ^deployed-locally:\ [0-9]+\ functions,\ request\ .+\ chain\ verified$ ]]; then
  echo "deployed-locally: failed (exit ${status})" >&2
  exit 1
fi
