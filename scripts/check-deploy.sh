#!/usr/bin/env bash
# Validates the deployment files offline: no Docker engine, no Kubernetes cluster.
#   compose  docker-compose.yml (with and without the simulator profile) through two implementations:
#            Compose v1 (Debian's docker-compose) and compose-go, the loader of Docker Compose v2
#            (schema, interpolation, anchors, profiles, depends_on consistency).
#   helm     deploy/helm/medido: `helm lint --strict` and `helm template` with each ci/*-values.yaml, then
#            the rendered manifests against the Kubernetes OpenAPI schemas of the oldest supported and the
#            newest release (kubernetes-validate --strict: unknown fields are errors), all offline.
#   image    the Dockerfile's dependency stages: `npm ci` (dry run) on the same manifests, so a lock file
#            that npm refuses fails here instead of in every image build.
#   tools    install the tools only, then print `name=path` lines (tests use them for negative checks).
# Usage: scripts/check-deploy.sh [image|compose|helm|tools|all]   (default: all)
# Idempotent. Tools are installed once, from the package registries, into ~/.cache/medido/tools
# (docker-compose through apt-get when it is missing). Overrides for tests: MEDIDO_COMPOSE_FILE, MEDIDO_CHART_DIR.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

HELM_VERSION="${MEDIDO_HELM_VERSION:-v3.22.0}"
KUBERNETES_VALIDATE_VERSION="${MEDIDO_KUBERNETES_VALIDATE_VERSION:-1.37.0}"
KUBE_VERSIONS=(1.30.0 1.37.0)   # the chart's kubeVersion floor, and the newest schemas shipped
TOOLS="$MEDIDO_CACHE/tools"
COMPOSE_FILE="${MEDIDO_COMPOSE_FILE:-$MEDIDO_ROOT/docker-compose.yml}"
CHART_DIR="${MEDIDO_CHART_DIR:-$MEDIDO_ROOT/deploy/helm/medido}"
mkdir -p "$TOOLS"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Placeholders for the variables the Compose file requires (`${VAR:?…}`): syntax is checked, not secrets.
compose_env=(MEDIDO_OIDC_ISSUER=https://idp.example.org/realms/medido MEDIDO_OIDC_CLIENT_SECRET=check-secret
  'MEDIDO_JWT_KEYS=[{"kty":"OKP","crv":"Ed25519","x":"check","d":"check"}]'
  MEDIDO_INGEST_TOKENS=check-ingest MEDIDO_ADMIN_TOKENS=check-admin)

# One installer at a time: CI and a test may ask for the same tool together.
locked() { exec 9>"$TOOLS/.install.lock"; flock 9; "$@"; flock -u 9; }

ensure_go_env() {
  command -v go >/dev/null || die "Go is needed to build helm and compose-lint (apt-get install golang, or Go 1.24+)"
  export GOPATH="${GOPATH:-$MEDIDO_CACHE/go}" GOTOOLCHAIN=local GOFLAGS=
}

install_docker_compose() {
  command -v docker-compose >/dev/null && return
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null || die "docker-compose is missing: install Debian's docker-compose (apt-get install docker-compose)"
  log "installing Debian's docker-compose (Compose v1, validates without an engine)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null
}

helm_bin() { echo "$TOOLS/helm-$HELM_VERSION/helm"; }
install_helm() {
  [ -x "$(helm_bin)" ] && return
  ensure_go_env
  log "building helm $HELM_VERSION from the Go module proxy (a few minutes, once)"
  GOBIN="$TOOLS/helm-$HELM_VERSION" go install "helm.sh/helm/v3/cmd/helm@$HELM_VERSION"
}

# Rebuilt when its sources change: the binary name carries a hash of go.mod, go.sum and main.go.
compose_lint_bin() {
  local src="$MEDIDO_ROOT/deploy/tools/compose-lint"
  echo "$TOOLS/compose-lint-$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-12)"
}
install_compose_lint() {
  local bin; bin="$(compose_lint_bin)"
  [ -x "$bin" ] && return
  ensure_go_env
  log "building compose-lint (compose-go) from the Go module proxy"
  rm -f "$TOOLS"/compose-lint-*
  (cd "$MEDIDO_ROOT/deploy/tools/compose-lint" && go build -o "$bin.tmp" . && mv "$bin.tmp" "$bin")
}

kubernetes_validate_bin() { echo "$TOOLS/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION/bin/kubernetes-validate"; }
install_kubernetes_validate() {
  [ -x "$(kubernetes_validate_bin)" ] && return
  local venv="$TOOLS/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
  log "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION from PyPI (ships the Kubernetes schemas)"
  rm -rf "$venv"
  python3 -m venv "$venv" || die "python3 -m venv failed (apt-get install python3-venv)"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
}

install_tools() {
  case "$1" in
    compose) locked install_docker_compose; locked install_compose_lint ;;
    helm) locked install_helm; locked install_kubernetes_validate ;;
  esac
}

# Runs a check quietly; on failure shows what the tool said and stops.
check() {
  local what="$1"; shift
  local out
  if ! out="$("$@" 2>&1)"; then printf '%s\n' "$out" | head -n 40 >&2; die "$what failed"; fi
}

check_compose() {
  install_tools compose
  local lint; lint="$(compose_lint_bin)"
  for profile in "" simulator; do
    local v1=(docker-compose -f "$COMPOSE_FILE") v2=("$lint" -q)
    [ -n "$profile" ] && v1+=(--profile "$profile") && v2+=(-profile "$profile")
    check "docker-compose config${profile:+ (profile $profile)}" env "${compose_env[@]}" "${v1[@]}" config -q
    check "compose-lint${profile:+ (profile $profile)}" env "${compose_env[@]}" "${v2[@]}" "$COMPOSE_FILE"
  done
  echo "compose: ok ($(basename "$COMPOSE_FILE"): Compose v1 and compose-go, default and simulator profiles)"
}

check_helm() {
  install_tools helm
  local helm kv rendered=()
  helm="$(helm_bin)"; kv="$(kubernetes_validate_bin)"
  local out="$scratch/helm"
  local values_files=("$CHART_DIR"/ci/*-values.yaml)
  [ -e "${values_files[0]}" ] || die "no $CHART_DIR/ci/*-values.yaml to check the chart with"
  for values in "${values_files[@]}"; do
    local name; name="$(basename "$values" .yaml)"
    check "helm lint ($name)" "$helm" lint "$CHART_DIR" --strict --kube-version "${KUBE_VERSIONS[0]}" -f "$values"
    check "helm template ($name)" "$helm" template medido "$CHART_DIR" --kube-version "${KUBE_VERSIONS[0]}" -f "$values" --output-dir "$out/$name"
    while IFS= read -r file; do rendered+=("$file"); done < <(find "$out/$name" -name '*.yaml' | sort)
  done
  for version in "${KUBE_VERSIONS[@]}"; do
    check "kubernetes-validate (Kubernetes $version)" "$kv" --strict --quiet --no-warn -k "$version" "${rendered[@]}"
  done
  echo "helm: ok ($(basename "$CHART_DIR"): lint --strict, template and strict schema validation for Kubernetes ${KUBE_VERSIONS[*]} with ${#values_files[@]} values files, ${#rendered[@]} manifests)"
}

# The Dockerfile's dependency stages, without Docker: the same manifests, the same `npm ci` (dry run).
# Catches a lock file that `npm ci` refuses (e.g. npm/cli#9846: an optional dependency the registry
# does not serve must have a placeholder entry), which would fail every image build.
check_image() {
  command -v npm >/dev/null || die "npm is needed to check the Dockerfile's npm ci"
  local dir="$scratch/image"; mkdir -p "$dir"
  (cd "$MEDIDO_ROOT" && cp package.json package-lock.json "$dir/" \
    && find apps libs -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} "$dir/" \;)
  local ci=(npm ci --dry-run --ignore-scripts --prefer-offline --no-audit --no-fund --loglevel=error)
  check "npm ci --omit=dev --omit=optional (Dockerfile deps-server)" bash -c 'cd "$1" && shift && "$@"' _ "$dir" "${ci[@]}" --omit=dev --omit=optional
  check "npm ci --omit=dev (Dockerfile deps-embedded)" bash -c 'cd "$1" && shift && "$@"' _ "$dir" "${ci[@]}" --omit=dev
  echo "image: ok (Dockerfile dependency stages: npm ci accepts the lock file, production dependencies only)"
}

case "${1:-all}" in
  compose) check_compose ;;
  helm) check_helm ;;
  image) check_image ;;
  tools)
    install_tools compose; install_tools helm
    echo "docker-compose=$(command -v docker-compose)"
    echo "compose-lint=$(compose_lint_bin)"
    echo "helm=$(helm_bin)"
    echo "kubernetes-validate=$(kubernetes_validate_bin)" ;;
  all) check_image; check_compose; check_helm ;;
  *) die "usage: scripts/check-deploy.sh [image|compose|helm|tools|all]" ;;
esac
