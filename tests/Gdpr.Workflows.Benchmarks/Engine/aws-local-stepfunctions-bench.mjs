// Runs the engine benchmark's reference definition on the npm package aws-local-stepfunctions, one execution
// after another for a fixed wall time, and prints ONE JSON line: executions per second and the reference output.
// Usage: node aws-local-stepfunctions-bench.mjs <tools/node_modules> <definition.json> <input.json> <warmupSeconds> <measureSeconds>
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
if (!measureArg) {
  console.error('usage: aws-local-stepfunctions-bench.mjs <node_modules> <definition.json> <input.json> <warmupSeconds> <measureSeconds>');
  process.exit(2);
}

const entry = join(nodeModules, 'aws-local-stepfunctions', 'build', 'main.node.esm.js');
const { StateMachine } = await import(pathToFileURL(entry).href);

const definition = JSON.parse(readFileSync(definitionPath, 'utf8'));
const input = JSON.parse(readFileSync(inputPath, 'utf8'));
const stateMachine = new StateMachine(definition);

// The same handler as the C# side: the Lambda fails with TransientError on its first attempt of each
// execution, then returns a small result built from its parameters. Retry pauses are overridden to 0 ms,
// the equivalent of the C# side's time provider that skips retry delays.
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
  const started = process.hrtime.bigint();
  let executions = 0;
  let now = started;
  while (now < deadline) {
    await runOnce();
    executions++;
    now = process.hrtime.bigint();
  }
  return { executions, seconds: Number(now - started) / 1e9 };
}

const output = await runOnce();
await runFor(Number(warmupArg));
const measured = await runFor(Number(measureArg));
console.log(JSON.stringify({
  engine: 'aws-local-stepfunctions',
  mode: 'sequential',
  executions: measured.executions,
  seconds: measured.seconds,
  executionsPerSecond: measured.executions / measured.seconds,
  output,
}));
