#!/usr/bin/env bash
# Deploys EthixAI to the current kubectl context: ops/k8s/deploy.sh staging|production
# 1. builds the overlay; 2. applies the namespace, config, secrets and the migration Job, and waits
# for the Job to complete (a failed migration stops here, the running version keeps serving);
# 3. applies everything else and waits for both rollouts.
set -euo pipefail

environment=${1:?usage: deploy.sh staging|production}
here=$(cd "$(dirname "$0")" && pwd)
overlay="${here}/overlays/${environment}"
[[ -d "${overlay}" ]] || { echo "no overlay ${overlay}" >&2; exit 2; }
namespace=$(kubectl kustomize "${overlay}" | awk '/^kind: Namespace$/ {ns=1} ns && /^  name: / {print $2; exit}')
manifests=$(mktemp)
trap 'rm -f "${manifests}"' EXIT
kubectl kustomize "${overlay}" > "${manifests}"

# A Job's pod template is immutable: remove the previous run before applying the new one.
kubectl -n "${namespace}" delete job migrate --ignore-not-found
# Everything but the Deployments (labelled ethixai.io/rollout=true) first.
kubectl apply -f "${manifests}" --selector 'ethixai.io/rollout!=true'
kubectl -n "${namespace}" wait --for=condition=complete job/migrate --timeout=600s

kubectl apply -f "${manifests}"
kubectl -n "${namespace}" rollout status deployment/ai-core --timeout=600s
kubectl -n "${namespace}" rollout status deployment/backend --timeout=600s
echo "EthixAI ${environment} deployed to namespace ${namespace}"
