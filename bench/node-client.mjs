// Client overhead of the official Node `openai` client: N calls in flight against a local
// OpenAI-compatible server that answers instantly; prints one JSON line.
// usage: node node-client.mjs BASE_URL [in_flight=64] [seconds=10] [warmup_seconds=3]
import OpenAI from 'openai';

const [baseURL, inFlightArg = '64', secondsArg = '10', warmupArg = '3'] = process.argv.slice(2);
const inFlight = Number(inFlightArg);
const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0, timeout: 60_000 });
const request = { model: 'echo', messages: [{ role: 'user', content: 'ok' }] };

async function run(seconds) {
  const end = performance.now() + seconds * 1000;
  let done = 0;
  let failed = 0;
  async function worker() {
    while (performance.now() < end) {
      try {
        const answer = await client.chat.completions.create(request);
        if (!answer.choices[0].message.content) failed++;
        done++;
      } catch (e) {
        failed++;
      }
    }
  }
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  return { done, failed, seconds: (performance.now() - start) / 1000 };
}

await run(Number(warmupArg));
const cpuBefore = process.cpuUsage();
const r = await run(Number(secondsArg));
const cpu = process.cpuUsage(cpuBefore);
console.log(JSON.stringify({
  client: `node openai ${(await import('openai/version')).VERSION} (node ${process.version})`,
  in_flight: inFlight, requests: r.done, failed: r.failed, seconds: r.seconds,
  requests_per_second: r.done / r.seconds,
  cpu_us_per_request: (cpu.user + cpu.system) / Math.max(1, r.done),
}));
