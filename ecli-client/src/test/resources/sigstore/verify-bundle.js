// Verifies an ebpm provenance bundle with sigstore-js (@sigstore/verify), key-based and offline: the
// hub's public key is the only trust material, with no transparency log, CT log or timestamp required.
// Usage: node verify-bundle.js BUNDLE.json HUB.pub sha256:DIGEST   (prints "verified" or throws)
'use strict';
const fs = require('fs');
const crypto = require('crypto');
const { bundleFromJSON } = require('@sigstore/bundle');
const { Verifier, toSignedEntity, toTrustMaterial } = require('@sigstore/verify');

const [bundlePath, keyPath, digest] = process.argv.slice(2);
const bundle = bundleFromJSON(JSON.parse(fs.readFileSync(bundlePath, 'utf8')));
const key = crypto.createPublicKey(fs.readFileSync(keyPath, 'utf8'));
const trust = toTrustMaterial({ tlogs: [], certificateAuthorities: [], ctlogs: [], timestampAuthorities: [] },
  () => ({ publicKey: key, validFor: () => true }));
new Verifier(trust, { tlogThreshold: 0, ctlogThreshold: 0, timestampThreshold: 0 }).verify(toSignedEntity(bundle));
const statement = JSON.parse(Buffer.from(bundle.content.dsseEnvelope.payload).toString('utf8'));
const subject = statement.subject.map((s) => 'sha256:' + s.digest.sha256);
if (!subject.includes(digest)) {
  throw new Error('the statement is about ' + subject.join(', ') + ', not ' + digest);
}
console.log('verified ' + statement.predicateType + ' for ' + digest);
