/**
 * Renders the generated reference page in headless Chromium, with no network, and checks what the
 * browser drew: the picture is there and visible, no text sticks out of its entity box, no boxes
 * overlap, nothing is wider than the page, and the page loads no resources.
 *
 * Chromium: Debian's `chromium` package (/usr/bin/chromium), or $CHROMIUM_PATH. Without it the
 * tests are skipped with a message, except on CI (CI=true), where they fail.
 */
import { describe, expect, it } from 'vitest';
import { docsPaths, renderDocs } from '../../generator/docs/render-docs.js';
import { chromiumPath, decodePng, dumpDom, screenshot } from './browser.js';
import { loadBundledSpec } from './docs-golden.js';
import { readPageCheck, withPageCheck } from './page-check.js';

const binary = chromiumPath();
const onCi = process.env.CI === 'true';
if (!binary && !onCi) {
  console.warn('docs-browser tests skipped: Chromium not found at $CHROMIUM_PATH or /usr/bin/chromium (apt-get install -y chromium).');
}

const { spec, index } = loadBundledSpec();
const outputs = renderDocs(spec, index);
const text = (path: string) => new TextDecoder().decode(outputs.find((o) => o.path === path)?.bytes);
const html = text(docsPaths(spec).html);
const svg = text(docsPaths(spec).svg);

describe.skipIf(!binary && !onCi)('the reference page in Chromium', () => {
  const browser = (): string => {
    if (!binary) throw new Error('CI=true but Chromium is missing: install the Debian package "chromium" or set CHROMIUM_PATH.');
    return binary;
  };

  it('shows the picture with every entity, all text inside its box and nothing overflowing', { timeout: 90_000 }, () => {
    const check = readPageCheck(dumpDom(browser(), withPageCheck(html)));
    expect(check.svgCount).toBe(1);
    expect(check.svgVisible).toBe(true);
    expect(check.svgWidth).toBeGreaterThan(400);
    expect(check.svgHeight).toBeGreaterThan(200);
    expect(check.entityCount).toBe(spec.entities.length);
    expect(check.textCount).toBe(spec.entities.reduce((n, e) => n + 1 + e.attributes.length, 0));
    expect(check.overflows).toEqual([]);
    expect(check.overlaps).toEqual([]);
    expect(check.pageOverflow).toEqual([]);
    expect(check.resources).toEqual([]);
  });

  it('notices text that does not fit (the check itself can fail)', { timeout: 90_000 }, () => {
    const tooBig = html.replace('</style>', 'svg text { font-size: 20px !important; }</style>');
    const check = readPageCheck(dumpDom(browser(), withPageCheck(tooBig)));
    expect(check.overflows.length).toBeGreaterThan(0);
  });

  it('draws a picture that is not blank', { timeout: 90_000 }, () => {
    const width = Number(/ width="(\d+)"/.exec(svg)?.[1]);
    const height = Number(/ height="(\d+)"/.exec(svg)?.[1]);
    const image = decodePng(screenshot(browser(), svg, 'domain-model.svg', width, height));
    expect(image.width).toBe(width);
    let ink = 0;
    let orange = 0;
    for (let i = 0; i < image.pixels.length; i += 4) {
      const [r, g, b] = [image.pixels[i] as number, image.pixels[i + 1] as number, image.pixels[i + 2] as number];
      if (r < 200 || g < 200 || b < 200) ink++;
      // The light orange of the entity headers (#fde3c8).
      if (r > 245 && g > 215 && g < 240 && b > 185 && b < 215) orange++;
    }
    const share = ink / (image.width * image.height);
    // Text, borders and lines: a few percent of the pixels, neither nothing nor everything.
    expect(share).toBeGreaterThan(0.01);
    expect(share).toBeLessThan(0.5);
    expect(orange).toBeGreaterThanOrEqual(spec.entities.filter((e) => !e.persistable).length * 160 * 20);
  });
});
