'use strict';
// A recording HTTP forwarder: the SDK talks to it, it records every request exactly as received
// (method, target, raw header pairs, body bytes) and forwards it unchanged to the emulator,
// relaying the emulator's answer. This shows the SDK's real wire format while the emulator still
// answers it.

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

let recordingCount = 0;

// Writes the exchanges to $FGS_CONTRACT_RECORDINGS/<pid>-<n>.json (when set).
function saveRecording(requests) {
  const dir = process.env.FGS_CONTRACT_RECORDINGS;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  const exchanges = requests.filter((r) => r.status !== undefined).map((r) => ({
    method: r.method,
    target: r.target,
    status: r.status,
    contentType: (r.responseHeaders || {})['content-type'] || null,
    responseBody: r.responseBody === undefined ? null : r.responseBody.toString('utf8'),
  }));
  recordingCount += 1;
  const file = path.join(dir, `${path.basename(process.argv[1] || 'test')}-${process.pid}-${recordingCount}.json`);
  fs.writeFileSync(file, JSON.stringify(exchanges, null, 1));
}

// Resolves to { url, requests, stop() }. `requests` fills in arrival order with
// { method, target, headers (lower-case name -> value), rawHeaders ([name, value, ...]),
//   body (Buffer), status, responseHeaders and responseBody (the emulator's answer, once
//   answered) }.
//
// With $FGS_CONTRACT_RECORDINGS set (tests/contract/run sets it), stop() also writes the
// exchanges as JSON into that folder: tests/ui/openapi.test.js checks every recorded answer
// against the OpenAPI document.
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
        responseBody: undefined,
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
        const answer = [];
        up.on('data', (c) => answer.push(c));
        up.on('end', () => { record.responseBody = Buffer.concat(answer); });
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
          saveRecording(requests);
          agent.destroy();
          server.closeAllConnections();
          return new Promise((r) => server.close(() => r()));
        },
      });
    });
  });
}

module.exports = { startRecorder };
