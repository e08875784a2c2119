// One target of the benchmark, in a process of its own (the bench's own work never shares its
// event loop): a warm-up run whose figures are dropped, then the measured run, both at the same
// number of connections. Prints one JSON line: rps, latency percentiles (ms), errors.
//   node bench/load.mjs '{"url":"http://127.0.0.1:3100/demandes","headers":{"host":"…","cookie":"…"},
//                        "connections":16,"warmup":3,"duration":10}'
import autocannon from "autocannon";

const target = JSON.parse(process.argv[2] ?? "{}");

function run(duration, record) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: target.url, headers: target.headers, connections: target.connections, duration, timeout: 30 },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // autocannon's own percentiles skip p95: keep every response time and read them ourselves.
    if (record) instance.on("response", (_client, statusCode, _bytes, responseTime) => record(statusCode, responseTime));
  });
}

const times = [];
let non2xx = 0;
if (target.warmup > 0) await run(target.warmup);
const result = await run(target.duration, (status, ms) => {
  times.push(ms);
  if (status < 200 || status > 299) non2xx += 1;
});
times.sort((a, b) => a - b);
const at = (q) => (times.length ? times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)] : null);
const round = (x) => (x === null ? null : Math.round(x * 10) / 10);
console.log(JSON.stringify({
  requests: times.length,
  rps: Math.round((times.length / target.duration) * 10) / 10,
  p50_ms: round(at(0.5)),
  p95_ms: round(at(0.95)),
  p99_ms: round(at(0.99)),
  // Non-2xx answers, connection errors and time-outs are all errors.
  errors: non2xx + result.errors + result.timeouts,
  bytes_per_response: times.length ? Math.round(result.throughput.total / times.length) : 0,
}));
