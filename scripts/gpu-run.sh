#!/usr/bin/env bash
# Runs on the GPU machine, with .gpu/ carried and .gpu-node/node unpacked by an earlier call (see
# scripts/gpu-pack.mjs). Usage: bash .gpu/gpu-run.sh [devices, default webgpu,cuda]
set -euo pipefail
cd "$(dirname "$0")"
for f in debs/*.deb; do dpkg -x "$f" /; done
ldconfig
# NVIDIA's Vulkan ICD where the container mounts the driver there (see the device README).
[ -f /usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json ] && export VK_DRIVER_FILES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json
xz -dkf node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1.xz
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader || true
../.gpu-node/node gpu-check.mjs --models ../models --corpus ../data/demo/huffpost-news-13k.jsonl --devices "${1:-webgpu,cuda}" --out "${OUT:-/tmp}/gpu-check.json"
