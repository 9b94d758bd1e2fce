import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultIconPng, pngSize } from '../../generator/model/icons.js';
import { checkToolboxIcon } from '../../generator/validate/check-icons.js';
import { DiagnosticList } from '../../generator/validate/diagnostics.js';
import { loadBundledSpec } from '../java/java-golden.js';

const scratch = mkdtempSync(join(tmpdir(), 'icons-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('toolbox icons', () => {
  it('draws a default icon of each size from the service name: a PNG, the same bytes every time, its own per name', () => {
    for (const size of [16, 64]) {
      const png = defaultIconPng('sqs', size);
      expect(pngSize(png)).toEqual({ width: size, height: size });
      expect(defaultIconPng('sqs', size)).toEqual(png);
      expect(defaultIconPng('dynamodb', size).equals(png)).toBe(false);
    }
    // Same initial, other name: the colour differs.
    expect(defaultIconPng('sns', 16).equals(defaultIconPng('sqs', 16))).toBe(false);
  });

  it('refuses icon files that are missing, not PNG or of the wrong size, each at its location', () => {
    const { spec } = loadBundledSpec();
    writeFileSync(join(scratch, 'text.png'), 'not a png');
    writeFileSync(join(scratch, 'big.png'), defaultIconPng('x', 64));
    const copy = structuredClone(spec);
    copy.module.toolboxIcon = { icon: 'big.png', image: 'missing.png' };
    const out = new DiagnosticList();
    checkToolboxIcon(copy, scratch, out);
    expect(out.items.map((d) => [d.path.join('.'), d.message])).toEqual([
      ['module.toolboxIcon.icon', 'big.png is 64 x 64 pixels; the toolbox icon is 16 x 16.'],
      ['module.toolboxIcon.image', 'Cannot read missing.png (ENOENT).'],
    ]);
    copy.module.toolboxIcon = { icon: 'text.png', image: 'big.png' };
    const second = new DiagnosticList();
    checkToolboxIcon(copy, scratch, second);
    expect(second.items.map((d) => d.message)).toEqual(['text.png is not a PNG file.']);
    expect(copy.module.toolboxIcon.icon).toBe('text.png');
  });
});
