// Runs the engine benchmark's reference definition on the npm package aws-local-stepfunctions, one execution
// after another, with the same fail-once Lambda as the C# side.
//
// Standalone: node aws-local-stepfunctions-bench.mjs <node_modules> <definition.json> <input.json> <warmupSeconds> <measureSeconds>
//   prints ONE JSON line: executions per second (and CPU time) over measureSeconds, and the reference output.
// Served:     node aws-local-stepfunctions-bench.mjs <node_modules> <definition.json> <input.json> --serve
//   prints {"output": ...} first, then answers each stdin line "run <seconds>" with one JSON line
//   {"executions", "seconds", "cpuSeconds"}; the benchmark interleaves these slices with its own so that a change
//   in machine load affects both engines alike. Exits at the end of stdin.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';

// aws-local-stepfunctions 3.x calls Promise.withResolvers (Node 22+); Node 20 lacks it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

const [nodeModules, definitionPath, inputPath, warmupArg, measureArg] = process.argv.slice(2);
const serve = warmupArg === '--serve';
if (!inputPath || (!serve && !measureArg)) {
  console.error('usage: aws-local-stepfunctions-bench.mjs <node_modules> <definition.json> <input.json> (<warmupSeconds> <measureSeconds> | --serve)');
  process.exit(2);
}

const entry = join(nodeModules, 'aws-local-stepfunctions', 'build', 'main.node.esm.js');
const { StateMachine } = await import(pathToFileURL(entry).href);

const definition = JSON.parse(readFileSync(definitionPath, 'utf8'));
const input = JSON.parse(readFileSync(inputPath, 'utf8'));
const stateMachine = new StateMachine(definition);

// The Lambda fails with TransientError on its first attempt of each execution, then returns a small result built
// from its parameters. Retry pauses are overridden to 0 ms, the equivalent of the C# side's time provider that
// lets the retry interval elapse at once.
function runOnce() {
  let attempts = 0;
  const execution = stateMachine.run(input, {
    overrides: {
      taskResourceLocalHandlers: {
        Erase: async (parameters) => {
          attempts++;
          if (attempts === 1) {
            const error = new Error('database busy');
            error.name = 'TransientError';
            throw error;
          }
          return { requestId: parameters.requestId, erased: parameters.systems.length, attempts };
        },
      },
      retryIntervalOverrides: { Erase: 0 },
    },
  });
  return execution.result;
}

async function runFor(seconds) {
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let executions = 0;
  let now = started;
  while (now < deadline) {
    await runOnce();
    executions++;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpuBefore);
  return { executions, seconds: Number(now - started) / 1e9, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

const output = await runOnce();
if (serve) {
  console.log(JSON.stringify({ output }));
  for await (const line of createInterface({ input: process.stdin })) {
    const [command, seconds] = line.trim().split(/\s+/);
    if (command !== 'run' || !(Number(seconds) > 0)) {
      console.error(`unknown command: ${line}`);
      process.exit(2);
    }
    console.log(JSON.stringify(await runFor(Number(seconds))));
  }
} else {
  await runFor(Number(warmupArg));
  const measured = await runFor(Number(measureArg));
  console.log(JSON.stringify({
    engine: 'aws-local-stepfunctions',
    mode: 'sequential',
    ...measured,
    executionsPerSecond: measured.executions / measured.seconds,
    output,
  }));
}
