// A stand-in for the region's Entra ID tenant on loopback, for .ci/published.sh: the OpenID metadata and signing keys
// (JWKS) Microsoft.Identity.Web downloads, served over https with a throw-away certificate, and tokens signed with a
// throw-away RSA key, minted the way Entra ID shapes v2.0 access tokens. Nothing here is part of the API.
// Usage: node .ci/oidc-stub.mjs <port> <tls.crt> <tls.key> <tenant> <client-id> <token-folder>
import { createServer } from 'node:https';
import { generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [port, certFile, keyFile, tenant, clientId, tokens] = process.argv.slice(2);
const base = `https://127.0.0.1:${port}`;
const issuer = `${base}/${tenant}/v2.0`;
const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const kid = 'ci-key';

const metadata = {
  issuer,
  authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`,
  token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`,
  jwks_uri: `${base}/${tenant}/discovery/v2.0/keys`,
  response_types_supported: ['code', 'id_token', 'token id_token'],
  subject_types_supported: ['pairwise'],
  id_token_signing_alg_values_supported: ['RS256'],
};
const jwks = { keys: [{ ...signing.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] };

const b64 = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
function token(roles, key = signing.privateKey) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ typ: 'JWT', alg: 'RS256', kid });
  const body = b64({
    aud: `api://${clientId}`, iss: issuer, iat: now, nbf: now - 60, exp: now + 3600, ver: '2.0', tid: tenant,
    oid: randomUUID(), sub: randomUUID(), azp: randomUUID(), scp: 'Toewijzingen.Gebruiken', roles, name: 'CI Gebruiker',
  });
  return `${head}.${body}.${sign('sha256', Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
}
writeFileSync(join(tokens, 'gemeente.jwt'), token(['Gemeente']));
writeFileSync(join(tokens, 'aanbieder.jwt'), token(['Aanbieder']));
writeFileSync(join(tokens, 'andere-sleutel.jwt'), token(['Gemeente'], other.privateKey));

createServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, (request, response) => {
  const path = new URL(request.url, base).pathname;
  const body = path.endsWith('/.well-known/openid-configuration') ? metadata : path.endsWith('/discovery/v2.0/keys') ? jwks : null;
  console.log(`${request.method} ${path} ${body ? 200 : 404}`);
  response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body ?? { error: 'not_found' }));
}).listen(Number(port), '127.0.0.1', () => console.log(`listening on ${base}`));
