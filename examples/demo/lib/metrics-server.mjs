import { createServer } from 'node:http';

/**
 * Serves a prom-client registry on http://127.0.0.1:PORT/metrics. Resolves once listening; rejects with a
 * one-line message when the port is taken.
 */
export function serveMetrics(registry, port) {
  const server = createServer(async (req, res) => {
    if (req.url !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('try /metrics\n');
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reject(
        new Error(
          error.code === 'EADDRINUSE'
            ? `port ${port} is already in use on 127.0.0.1; stop the other process or pass --port N`
            : `cannot serve metrics on 127.0.0.1:${port} (${error.code ?? error.message})`,
        ),
      );
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}
