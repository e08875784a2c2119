// The HTTP server around Next: one JSON log line per request, and a graceful stop on SIGTERM/SIGINT
// (stop accepting, let requests in flight finish, then exit).
import http from "node:http";
import next from "next";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT || 3000);
const hostname = process.env.BIND_ADDRESS || "0.0.0.0";
const quiet = process.env.LOG_LEVEL === "silent" || process.env.LOG_LEVEL === "error";
const trustProxy = ["1", "true"].includes(process.env.TRUST_PROXY ?? "");

const app = next({ dev, port, hostname });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const started = process.hrtime.bigint();
  res.on("finish", () => {
    // The path only: query strings may carry personal data. No IP address either.
    // Single-use links carry their secret in the path: it never reaches the logs.
    const path = (req.url ?? "/").split("?")[0].replace(/^\/(mot-de-passe-oublie|confirmer-mon-adresse|admin\/connexion\/bienvenue)\/[^/]+/, "/$1/…");
    if (quiet || (dev && path.startsWith("/_next/"))) return;
    const ms = Number((process.hrtime.bigint() - started) / 1_000_000n);
    const line = { time: new Date().toISOString(), level: "info", msg: "request", method: req.method, host: req.headers.host, path, status: res.statusCode, ms };
    console.log(JSON.stringify(line));
  });
  // Per-address limits read the last X-Forwarded-For entry: without a proxy of ours in front, that
  // is the socket's address, whatever the client wrote.
  if (!trustProxy) req.headers["x-forwarded-for"] = req.socket.remoteAddress ?? "";
  handle(req, res);
});

server.listen(port, hostname, () => {
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "server.ready", port, dev }));
});

let stopping = false;
function stop(signal) {
  if (stopping) return;
  stopping = true;
  console.log(JSON.stringify({ time: new Date().toISOString(), level: "info", msg: "server.stopping", signal }));
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // Requests still running after 10 s are cut: a load balancer has stopped sending us traffic by then.
  setTimeout(() => process.exit(0), 10_000).unref();
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));
