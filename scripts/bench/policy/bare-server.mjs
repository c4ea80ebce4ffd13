// The baseline of `npm run bench -- policy`: a bare node:http server that
// answers the JWKS and the policy bundles with the bytes and headers Warden
// answered (captured by the benchmark, no Date/Connection/length framing
// headers: Node adds those as it does for Warden). `If-None-Match` equal to the
// ETag → 304 with Warden's 304 headers. Bundles are chosen by the caller's
// bearer JWT: the first request with a JWT decodes its `sub` (no signature
// check), later ones are a map lookup. Settings: BENCH_BARE = path of a JSON
// file { port, routes: { [path or "bundle:<identity id>"]: { etag, okHeaders,
// notModifiedHeaders, bodyFile } } }. Prints "ready" once it listens.
import fs from "node:fs";
import http from "node:http";

const settings = JSON.parse(fs.readFileSync(process.env.BENCH_BARE ?? "", "utf8"));
const routes = new Map();
for (const [key, route] of Object.entries(settings.routes)) routes.set(key, { ...route, body: fs.readFileSync(route.bodyFile) });
const byCredential = new Map();

function bundleRoute(authorization) {
  let route = byCredential.get(authorization);
  if (route === undefined) {
    try {
      const sub = JSON.parse(Buffer.from(authorization.split(".")[1], "base64url").toString()).sub;
      route = routes.get(`bundle:${sub}`) ?? null;
    } catch {
      route = null;
    }
    byCredential.set(authorization, route);
  }
  return route;
}

const server = http.createServer((req, res) => {
  const end = req.url.indexOf("?");
  const path = end === -1 ? req.url : req.url.slice(0, end);
  const route = path === "/policy/v1/bundle" ? bundleRoute(req.headers.authorization ?? "") : routes.get(path);
  if (!route) {
    res.writeHead(404);
    res.end();
    return;
  }
  if (req.headers["if-none-match"] === route.etag) {
    res.writeHead(304, route.notModifiedHeaders);
    res.end();
    return;
  }
  res.writeHead(200, route.okHeaders);
  res.end(route.body);
});
server.keepAliveTimeout = 65_000;
server.listen(settings.port, "127.0.0.1", () => console.log("ready"));
