// npm run bench -- encoder [--device cpu|cuda|webgpu|auto] [--dtype q8|fp16|fp32] [--batch N] [--titles N] | feed [--seconds N] [--sizes 10000,100000] | train [--examples N] [--threads N] [--repeats N]
// Prints figures as it goes; the last line is one JSON object.
import { parseArgs } from "node:util";

import { z } from "zod";

import { runFeedBench } from "../bench/feed";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    seconds: { type: "string", default: "10" },
    sizes: { type: "string", default: "10000,100000" },
    model: { type: "string" },
    batch: { type: "string", default: "32" },
    threads: { type: "string" },
    device: { type: "string", default: "cpu" },
    dtype: { type: "string" },
    titles: { type: "string", default: "2000" },
    examples: { type: "string", default: "4096" },
    repeats: { type: "string", default: "3" },
  },
});

async function main() {
  const what = positionals[0];
  if (what === "feed") {
    const runs = [];
    for (const articles of values.sizes.split(",").map(Number)) {
      const run = await runFeedBench(articles, {
        seconds: Number(values.seconds),
      });
      console.error(`feed bench: ${JSON.stringify(run)}`);
      runs.push(run);
    }
    console.log(JSON.stringify({ runs }));
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
  console.error("usage: npm run bench -- encoder|feed|train [options]");
  process.exit(2);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
