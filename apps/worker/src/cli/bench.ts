// npm run bench -- retrieval [--sizes 10000,100000,1000000] [--engines usearch-i8,...] [--k 200] | category-scan [--sizes 10000,100000] | encoder [--device cpu|cuda|webgpu|auto] [--dtype q8|fp16|fp32] [--batch N] [--titles N] | feed [--seconds N] [--sizes 10000,100000,1000000] [--processes 2] [--round S] [--no-retrieval] | train [--examples N] [--threads N] [--repeats N] | fuzz [--cases N] [--seed S] | soak [--seconds 60] [--sample 15] [--stacks embedded,postgresql] | faults [--checks reader-kill,worker-kill-import,worker-kill-reembed,worker-kill-training,postgres-outage,redis-outage]
// Prints figures as it goes; the last line is one JSON object.
import { parseArgs } from "node:util";

import { z } from "zod";

import { runFeedBench } from "../bench/feed";
import { readBenchEnv } from "../env";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string" },
    sample: { type: "string", default: "15" },
    stacks: { type: "string", default: "embedded,postgresql" },
    checks: { type: "string" },
    processes: { type: "string", default: "1" },
    round: { type: "string", default: "2" },
    "no-retrieval": { type: "boolean", default: false },
    sizes: { type: "string", default: "10000,100000" },
    model: { type: "string" },
    batch: { type: "string", default: "32" },
    threads: { type: "string" },
    device: { type: "string", default: "cpu" },
    dtype: { type: "string" },
    titles: { type: "string", default: "2000" },
    examples: { type: "string", default: "4096" },
    repeats: { type: "string", default: "3" },
    engines: {
      type: "string",
      default: "exact-js,usearch-f32,usearch-f16,usearch-i8,usearch-i8-rescored,hnswlib-f32",
    },
    k: { type: "string", default: "200" },
    cases: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
  },
});

async function main() {
  const what = positionals[0];
  if (what === "feed") {
    const runs = [];
    const processes = Number(values.processes);
    // Several processes share state through PostgreSQL and Redis, as deployed.
    const several =
      processes > 1
        ? { db: "postgresql" as const, redisUrl: readBenchEnv().REDIS_URL ?? "redis://127.0.0.1:6379" }
        : {};
    for (const articles of values.sizes.split(",").map(Number)) {
      const run = await runFeedBench(articles, {
        seconds: Number(values.seconds ?? 10),
        processes,
        roundS: Number(values.round),
        retrieval: !values["no-retrieval"],
        ...several,
      });
      console.error(`feed bench: ${JSON.stringify(run)}`);
      runs.push(run);
    }
    console.log(JSON.stringify({ runs }));
    return;
  }
  if (what === "retrieval") {
    const { runRetrievalCli } = await import("../bench/retrieval");
    const rows = runRetrievalCli({ sizes: values.sizes, engines: values.engines, k: Number(values.k) });
    console.log(JSON.stringify({ rows }));
    return;
  }
  if (what === "category-scan") {
    const { runCategoryScanBench } = await import("@lede/ranking/retrieval");
    const sizes = z.array(z.number().int().positive()).parse(values.sizes.split(",").map(Number));
    const rows = runCategoryScanBench(sizes, 200, 260, (row) => console.error(`category-scan bench: ${JSON.stringify(row)}`));
    console.log(JSON.stringify({ rows }));
    return;
  }
  if (what === "encoder") {
    const { runEncoderCli } = await import("../bench/encoder");
    const { encoderDevices, encoderDtypes } =
      await import("@lede/ranking/encoder");
    const device = z.enum(encoderDevices).parse(values.device);
    const dtype =
      values.dtype === undefined
        ? undefined
        : z.enum(encoderDtypes).parse(values.dtype);
    const threads = values.threads ? Number(values.threads) : undefined;
    const result = await runEncoderCli({
      model: values.model,
      batchSize: Number(values.batch),
      threads,
      device,
      dtype,
      titles: Number(values.titles),
    });
    console.log(JSON.stringify(result));
    return;
  }
  if (what === "train") {
    const { runTrainBench } = await import("../bench/train");
    const result = await runTrainBench({
      examples: Number(values.examples),
      threads: values.threads ? Number(values.threads) : 1,
      repeats: Number(values.repeats),
    });
    console.error(
      `one epoch: onnxruntime-node ${result.ort_seconds} s, PyTorch CPU ${result.torch_seconds ?? "–"} s`,
    );
    console.log(JSON.stringify(result));
    return;
  }
  if (what === "soak") {
    const { runSoak } = await import("../bench/soak");
    const runs = [];
    for (const stack of values.stacks.split(",")) {
      const run = await runSoak(z.enum(["embedded", "postgresql"]).parse(stack), { seconds: Number(values.seconds ?? 60), sampleS: Number(values.sample) });
      console.error(
        `soak ${run.stack}: ${run.requests} requests in ${run.seconds} s, ${run.non_2xx} non-2xx, ${run.rate_limited_429} 429, ` +
          `p50 ${run.p50_ms} ms, p99 ${run.p99_ms} ms; reader RSS ${run.reader_rss_start_mb} -> ${run.reader_rss_mid_mb} -> ${run.reader_rss_end_mb} MB (start, middle, end), ` +
          `series ${run.reader_rss_series.map((x) => `${x.t_s}s ${x.mb}`).join(", ")} MB, slope over the second half ${run.reader_rss_slope_last_half_mb_per_min} MB/min` +
          `${run.import ? `; import: ${run.import}` : ""}${run.training ? `; training run: ${run.training}` : ""}`,
      );
      console.error(`soak ${run.stack}: ${JSON.stringify(run)}`);
      runs.push(run);
    }
    console.log(JSON.stringify({ runs }));
    if (runs.some((r) => r.non_2xx || r.network_errors)) process.exitCode = 1;
    return;
  }
  if (what === "faults") {
    const { runFaults } = await import("../bench/faults/index");
    const checks = await runFaults(values.checks?.split(","));
    console.log(JSON.stringify({ checks }));
    if (checks.some((c) => !c.ok)) process.exitCode = 1;
    return;
  }
  if (what === "fuzz") {
    const { runFuzz } = await import("../bench/fuzz");
    const result = await runFuzz({ cases: Number(values.cases), seed: Number(values.seed) });
    console.error(
      `fuzz: ${result.cases} malformed inputs (${Object.entries(result.by_kind).map(([k, n]) => `${k} ${n}`).join(", ")}): ` +
        `${result.outcomes["file:line"]} file:line errors, ${result.outcomes.file} file errors, ${result.outcomes["4xx"]} 4xx; ` +
        `${result.failures.length} failures; database ${result.db_unchanged ? "unchanged" : "CHANGED"} in ${result.seconds} s`,
    );
    for (const f of result.failures.slice(0, 20)) console.error(`  failure (${f.kind}): ${f.detail}`);
    console.log(JSON.stringify(result));
    if (result.failures.length) process.exitCode = 1;
    return;
  }
  console.error("usage: npm run bench -- retrieval|encoder|feed|train|fuzz|soak|faults [options]");
  process.exit(2);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
