'use strict';
// A recording HTTP forwarder: the SDK talks to it, it records every request exactly as received
// (method, target, raw header pairs, body bytes) and forwards it unchanged to the emulator,
// relaying the emulator's answer. This shows the SDK's real wire format while the emulator still
// answers it.

const http = require('node:http');

// Resolves to { url, requests, stop() }. `requests` fills in arrival order with
// { method, target, headers (lower-case name -> value), rawHeaders ([name, value, ...]),
//   body (Buffer), status and responseHeaders (the emulator's answer, once answered) }.
function startRecorder(targetUrl) {
  const target = new URL(targetUrl);
  const requests = [];
  const agent = new http.Agent({ keepAlive: false });
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const record = {
        method: req.method,
        target: req.url,
        headers: { ...req.headers },
        rawHeaders: [...req.rawHeaders],
        body: Buffer.concat(chunks),
        status: undefined,
        responseHeaders: undefined,
      };
      requests.push(record);
      // Forward the raw header pairs unchanged (Host included: it is part of the signature).
      const headers = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        if (req.rawHeaders[i].toLowerCase() === 'connection') continue;
        headers.push(req.rawHeaders[i], req.rawHeaders[i + 1]);
      }
      const upstream = http.request({
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers,
        agent,
      }, (up) => {
        record.status = up.statusCode;
        record.responseHeaders = { ...up.headers };
        const out = {};
        for (const [k, v] of Object.entries(up.headers)) {
          if (k !== 'connection' && k !== 'keep-alive') out[k] = v;
        }
        res.writeHead(up.statusCode, out);
        up.pipe(res);
      });
      upstream.on('error', (err) => {
        record.status = 502;
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`recorder: upstream error: ${err.message}`);
      });
      upstream.end(record.body);
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}`,
        port,
        requests,
        stop() {
          agent.destroy();
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

module.exports = { startRecorder };
