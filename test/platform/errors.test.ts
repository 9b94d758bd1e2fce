import { describe, expect, it } from 'vitest';
import { classifyError, redact } from '../../generator/platform/errors.js';
import { PlatformError } from '../../generator/platform/gateway.js';
import { MARKER_PREFIX, manifestFor, readMarker, stripMarker, withMarker } from '../../generator/platform/sync-module.js';
import { bundledSpec } from './helpers.js';

describe('classifyError', () => {
  const withStatus = (status: number) => Object.assign(new Error(`Response code ${status}`), { responseStatus: status });

  it('maps HTTP statuses the way the platform SDK reports them', () => {
    expect(classifyError(withStatus(401))?.kind).toBe('auth');
    expect(classifyError(withStatus(403))?.kind).toBe('auth');
    expect(classifyError(withStatus(404))?.kind).toBe('unknown');
    expect(classifyError(withStatus(404), 'app-not-found')?.kind).toBe('app-not-found');
    expect(classifyError(withStatus(503))?.kind).toBe('network');
    expect(classifyError(withStatus(429))?.kind).toBe('network');
    expect(classifyError(withStatus(400))?.kind).toBe('unknown');
    expect(classifyError(Object.assign(new Error('x'), { response: { statusCode: 502 } }))?.kind).toBe('network');
  });

  it('recognises network failures by code or message, and the SDK missing-token error', () => {
    expect(classifyError(Object.assign(new Error('boom'), { code: 'ECONNRESET' }))?.kind).toBe('network');
    expect(classifyError(new Error('getaddrinfo ENOTFOUND model.api.mendix.com'))?.kind).toBe('network');
    expect(classifyError(new Error('No Mendix PAT (Personal Access Token) found, please set it'))?.kind).toBe('auth');
  });

  it('leaves errors of the tool itself alone', () => {
    expect(classifyError(new Error('internal: entity X missing'))).toBeUndefined();
    expect(classifyError(new TypeError('cannot read properties of undefined'))).toBeUndefined();
    const known = new PlatformError('branch-not-found', 'x');
    expect(classifyError(known)).toBe(known);
  });
});

describe('redact', () => {
  it('removes the token, also URL-encoded', () => {
    expect(redact('a TOKEN b TOKEN', 'TOKEN')).toBe('a *** b ***');
    expect(redact('x=a%2Fb', 'a/b')).toBe('x=***');
    expect(redact('nothing', '')).toBe('nothing');
  });
});

describe('the ownership marker', () => {
  it('round-trips the manifest and keeps the documentation readable', () => {
    const { spec } = bundledSpec();
    const manifest = manifestFor(spec);
    const documented = withMarker('Connector docs.', manifest);
    expect(documented.startsWith('Connector docs.\n\n' + MARKER_PREFIX)).toBe(true);
    expect(readMarker(documented)).toEqual(manifest);
    expect(stripMarker(documented)).toBe('Connector docs.');
    // Replacing, not stacking.
    expect(withMarker(documented, manifest)).toBe(documented);
    expect(readMarker('Connector docs.')).toBeUndefined();
    expect(readMarker(`${MARKER_PREFIX}{not json`)).toBeUndefined();
    expect(readMarker(`${MARKER_PREFIX}{"tool":"other"}`)).toBeUndefined();
    expect(manifest.javaActions).toEqual(spec.operations.map((o) => o.name));
  });
});
