'use strict';
// SDK-HMAC-SHA256 exactly as written in the project's spec (§12.2), independent of the SDK's
// own signer: used to check that what the SDK puts on the wire verifies with the algorithm the
// emulator implements.

const crypto = require('node:crypto');

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

// Percent-encodes every byte outside A-Z a-z 0-9 - _ . ~ (upper-case hex).
function encode(bytes) {
  let out = '';
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function decode(text, plusIsSpace) {
  const s = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  return Buffer.from(decodeURIComponent(s), 'utf8');
}

function canonicalUri(path) {
  let uri = path.split('/').map((seg) => encode(decode(seg, false))).join('/');
  if (!uri.endsWith('/')) uri += '/';
  return uri;
}

function canonicalQuery(query) {
  if (!query) return '';
  const pairs = query.split('&').filter((p) => p !== '').map((p) => {
    const i = p.indexOf('=');
    const name = i < 0 ? p : p.slice(0, i);
    const value = i < 0 ? '' : p.slice(i + 1);
    return [encode(decode(name, true)), encode(decode(value, true))];
  });
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

function sha256Hex(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

// Parses "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
function parseAuthorization(value) {
  const m = /^SDK-HMAC-SHA256 Access=([^,\s]+), SignedHeaders=([^,\s]+), Signature=([0-9a-f]{64})$/
    .exec(value || '');
  if (!m) return null;
  return { access: m[1], signedHeaders: m[2].split(';'), signature: m[3] };
}

// request: { method, target (path?query as sent), headers (lower-case name -> value),
//            body (Buffer) }. Returns { canonicalRequest, stringToSign, signature }.
function computeSignature(request, signedHeaders, sk) {
  const q = request.target.indexOf('?');
  const path = q < 0 ? request.target : request.target.slice(0, q);
  const query = q < 0 ? '' : request.target.slice(q + 1);
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${String(request.headers[name] ?? '').trim()}\n`).join('');
  const payloadHash = request.headers['x-sdk-content-sha256'] ||
    (request.body && request.body.length ? sha256Hex(request.body) : EMPTY_SHA256);
  const canonicalRequest = [
    request.method.toUpperCase(), canonicalUri(path), canonicalQuery(query), canonicalHeaders,
    signedHeaders.join(';'), payloadHash,
  ].join('\n');
  const stringToSign = ['SDK-HMAC-SHA256', request.headers['x-sdk-date'],
                        sha256Hex(canonicalRequest)].join('\n');
  const signature = crypto.createHmac('sha256', sk).update(stringToSign).digest('hex');
  return { canonicalRequest, stringToSign, signature };
}

module.exports = { parseAuthorization, computeSignature, canonicalUri, EMPTY_SHA256 };
