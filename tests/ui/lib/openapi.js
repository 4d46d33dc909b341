'use strict';
// Checks HTTP answers against emulator/control/openapi.json: finds the operation of a
// (method, target), the response of its status (or `default`) and validates the JSON body
// against that response's schema with ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).

const fs = require('node:fs');
const path = require('node:path');
const SwaggerParser = require('@apidevtools/swagger-parser');
const Ajv2020 = require('ajv/dist/2020');

const DOCUMENT = path.resolve(__dirname, '..', '..', '..', 'emulator', 'control', 'openapi.json');

function readDocument() {
  return JSON.parse(fs.readFileSync(DOCUMENT, 'utf8'));
}

// Resolves to a checker: check({ method, target, status, contentType, body }) → { operationId,
// errors: [] }. `body` is the answer's text.
async function makeChecker() {
  const doc = await SwaggerParser.dereference(readDocument());
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
  const compiled = new Map();
  const validator = (schema) => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(schema));
    return compiled.get(schema);
  };
  // Templates with more literal segments first: /functions/enable-async-status-logs before
  // /functions/{function_urn}.
  const templates = Object.keys(doc.paths).map((t) => ({ t, segs: t.split('/') }))
    .sort((a, b) => b.segs.filter((s) => !s.startsWith('{')).length -
                    a.segs.filter((s) => !s.startsWith('{')).length);

  function find(method, target) {
    const segs = target.split('?')[0].split('/');
    for (const { t, segs: tsegs } of templates) {
      if (tsegs.length !== segs.length) continue;
      if (!tsegs.every((s, i) => (s.startsWith('{') ? segs[i] !== '' : s === segs[i]))) continue;
      const op = doc.paths[t][method.toLowerCase()];
      if (op) return { template: t, op };
    }
    return null;
  }

  function check({ method, target, status, contentType, body }) {
    const found = find(method, target);
    if (!found) return { operationId: null, errors: [`no operation for ${method} ${target}`] };
    const { op } = found;
    const where = `${op.operationId} ${status}`;
    const response = op.responses[String(status)] || op.responses.default;
    if (!response) return { operationId: op.operationId, errors: [`${where}: status not documented`] };
    if (!response.content) {
      return { operationId: op.operationId, errors: body ? [`${where}: documented without a body, got ${body.slice(0, 80)}`] : [] };
    }
    const type = (contentType || '').split(';')[0].trim();
    const media = response.content[type];
    if (!media) return { operationId: op.operationId, errors: [`${where}: Content-Type ${type} not documented`] };
    if (type !== 'application/json') return { operationId: op.operationId, errors: [] };
    let value;
    try { value = JSON.parse(body); } catch (e) {
      return { operationId: op.operationId, errors: [`${where}: body is not JSON: ${e.message}`] };
    }
    const validate = validator(media.schema);
    if (validate(value)) return { operationId: op.operationId, errors: [] };
    return {
      operationId: op.operationId,
      errors: validate.errors.map((e) => `${where}: ${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`),
    };
  }

  return { doc, find, check };
}

module.exports = { DOCUMENT, readDocument, makeChecker };
