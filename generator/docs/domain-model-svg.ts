import { attributeLabel, layoutDomainModel, type EntityBox } from '../model/layout.js';
import type { SpecIndex } from '../spec/spec-index.js';
import type { AssociationSpec, ConnectorSpec } from '../spec/types.js';
import { escapeXml } from './escape.js';

/**
 * The domain-model picture, drawn at the entity positions of `layoutDomainModel` (the positions the
 * generated module uses). Lines are routed orthogonally through the gaps between the columns and a
 * channel below all boxes, so no line crosses a box. The layout sizes boxes for about 7 px per
 * character; the fonts below stay under that (see BOX_TEXT).
 */

/**
 * Text metrics the picture relies on. Monospace fonts advance about 0.6 em per character, so 11 px
 * attribute text takes about 6.6 px and 12 px bold names about 7.2 px per character: both fit the
 * layout's `chars * 7 + 24` (names get 4 characters of slack).
 */
export const BOX_TEXT = {
  fontFamily: "'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, 'Courier New', monospace",
  nameSize: 12,
  attributeSize: 11,
  /** Left padding of attribute text inside a box. */
  padding: 8,
  headerHeight: 28,
  rowHeight: 18,
} as const;

const GAP_PADDING = 10;
const CHANNEL_STEP = 12;

type Side = 'left' | 'right' | 'top' | 'bottom';

interface Connector {
  key: string;
  kind: 'association' | 'generalization';
  from: string;
  to: string;
  title: string;
  fromLabel?: string;
  toLabel?: string;
}

interface Attachment {
  connector: Connector;
  end: 'from' | 'to';
  box: EntityBox;
  side: Side;
  /** Sort key along the side, so lines to nearby boxes do not cross each other. */
  order: number;
  x: number;
  y: number;
}

/** Multiplicity at the parent and at the child end of an association. */
export function multiplicity(association: AssociationSpec): { parent: string; child: string } {
  return association.type === 'ReferenceSet' ? { parent: '*', child: '*' } : { parent: '*', child: '1' };
}

export interface DomainModelPicture {
  svg: string;
  width: number;
  height: number;
}

export function renderDomainModelSvg(spec: ConnectorSpec, index: SpecIndex): DomainModelPicture {
  const layout = layoutDomainModel(spec, index);
  const boxes = layout.boxes;

  // Columns: boxes sharing an x, left to right.
  const columnXs = [...new Set([...boxes.values()].map((b) => b.x))].sort((a, b) => a - b);
  const columnIndex = new Map(columnXs.map((x, c) => [x, c]));
  const columnOf = (box: EntityBox) => columnIndex.get(box.x) as number;
  // Each column's boxes top to bottom, gathered once: large domain models have a thousand boxes.
  const columns = columnXs.map((x) => [...boxes.values()].filter((b) => b.x === x).sort((a, b) => a.y - b.y));
  const columnRight = columns.map((column) => Math.max(...column.map((b) => b.x + b.width)));
  /** The free band right of column c: [left, right]. */
  const gap = (c: number): [number, number] =>
    c + 1 < columnXs.length ? [columnRight[c] as number, columnXs[c + 1] as number] : [columnRight[c] as number, (columnRight[c] as number) + 80];
  const columnBoxes = (c: number) => columns[c] as EntityBox[];

  const connectors: Connector[] = [];
  for (const entity of spec.entities) {
    if (entity.generalization && boxes.has(entity.generalization) && boxes.has(entity.name)) {
      connectors.push({
        key: `generalization:${entity.generalization}`,
        kind: 'generalization',
        from: entity.name,
        to: entity.generalization,
        title: `${entity.name} generalizes ${entity.generalization}`,
      });
    }
  }
  for (const association of spec.associations) {
    if (!boxes.has(association.parent) || !boxes.has(association.child)) continue;
    const m = multiplicity(association);
    connectors.push({
      key: `association:${association.name}`,
      kind: 'association',
      from: association.parent,
      to: association.child,
      title: `${association.name} (${association.parent} ${m.parent} to ${m.child} ${association.child})`,
      fromLabel: m.parent,
      toLabel: m.child,
    });
  }

  const laneKeys = [...new Set(connectors.map((c) => c.key))];
  const laneIndex = new Map(laneKeys.map((key, i) => [key, i]));
  const minGap = Math.min(...columnXs.map((_, c) => gap(c)[1] - gap(c)[0]));
  const laneStep = Math.min(10, (minGap - 2 * GAP_PADDING) / Math.max(1, laneKeys.length - 1));
  const laneX = (c: number, key: string) => gap(c)[0] + GAP_PADDING + (laneIndex.get(key) as number) * laneStep;
  const channelKeys = new Map<string, number>();
  const channelY = (key: string) => {
    if (!channelKeys.has(key)) channelKeys.set(key, channelKeys.size);
    return layout.height + CHANNEL_STEP * ((channelKeys.get(key) as number) + 1);
  };

  // First pass: choose sides and the route's shape; attachment points are placed afterwards.
  interface Route {
    connector: Connector;
    a: Attachment;
    b: Attachment;
    /** Points between the two attachments, given the attachment coordinates. */
    middle: (a: Attachment, b: Attachment) => Array<[number, number]>;
  }
  const routes: Route[] = [];
  const attachments: Attachment[] = [];
  const attach = (connector: Connector, end: 'from' | 'to', side: Side, order: number): Attachment => {
    const box = boxes.get(end === 'from' ? connector.from : connector.to) as EntityBox;
    const attachment: Attachment = { connector, end, box, side, order, x: 0, y: 0 };
    attachments.push(attachment);
    return attachment;
  };
  for (const connector of connectors) {
    const fromBox = boxes.get(connector.from) as EntityBox;
    const toBox = boxes.get(connector.to) as EntityBox;
    const cs = columnOf(fromBox);
    const ct = columnOf(toBox);
    if (cs === ct) {
      const column = columnBoxes(cs);
      const adjacent = Math.abs(column.indexOf(fromBox) - column.indexOf(toBox)) === 1;
      if (adjacent) {
        const down = fromBox.y < toBox.y;
        const a = attach(connector, 'from', down ? 'bottom' : 'top', 0);
        const b = attach(connector, 'to', down ? 'top' : 'bottom', 0);
        routes.push({ connector, a, b, middle: () => [] });
      } else {
        const lane = laneX(cs, connector.key);
        const a = attach(connector, 'from', 'right', toBox.y);
        const b = attach(connector, 'to', 'right', fromBox.y);
        routes.push({
          connector,
          a,
          b,
          middle: (p, q) => [
            [lane, p.y],
            [lane, q.y],
          ],
        });
      }
    } else if (Math.abs(cs - ct) === 1) {
      const lane = laneX(Math.min(cs, ct), connector.key);
      const a = attach(connector, 'from', ct > cs ? 'right' : 'left', toBox.y);
      const b = attach(connector, 'to', ct > cs ? 'left' : 'right', fromBox.y);
      routes.push({
        connector,
        a,
        b,
        middle: (p, q) => [
          [lane, p.y],
          [lane, q.y],
        ],
      });
    } else {
      const laneA = laneX(ct > cs ? cs : cs - 1, connector.key);
      const laneB = laneX(ct > cs ? ct - 1 : ct, connector.key);
      const y = channelY(connector.key);
      const a = attach(connector, 'from', ct > cs ? 'right' : 'left', layout.height + toBox.y);
      const b = attach(connector, 'to', ct > cs ? 'left' : 'right', layout.height + fromBox.y);
      routes.push({
        connector,
        a,
        b,
        middle: (p, q) => [
          [laneA, p.y],
          [laneA, y],
          [laneB, y],
          [laneB, q.y],
        ],
      });
    }
  }

  // Spread the attachments of each box side evenly along it.
  const bySide = new Map<string, Attachment[]>();
  for (const attachment of attachments) {
    const key = `${attachment.box.x},${attachment.box.y}:${attachment.side}`;
    const group = bySide.get(key);
    if (group) group.push(attachment);
    else bySide.set(key, [attachment]);
  }
  for (const group of bySide.values()) {
    group.sort((p, q) => p.order - q.order);
    // Generalization arrows into the same box side share one point (one arrowhead, a tree of lines).
    const slotKey = (a: Attachment) =>
      a.connector.kind === 'generalization' && a.end === 'to' ? a.connector.key : `${a.connector.key}:${a.connector.from}:${a.end}`;
    const slots = [...new Set(group.map(slotKey))];
    group.forEach((attachment) => {
      const { box, side } = attachment;
      const t = (slots.indexOf(slotKey(attachment)) + 1) / (slots.length + 1);
      if (side === 'left' || side === 'right') {
        attachment.x = side === 'left' ? box.x : box.x + box.width;
        attachment.y = Math.round(box.y + t * box.height);
      } else {
        attachment.x = Math.round(box.x + t * Math.min(box.width, 120));
        attachment.y = side === 'top' ? box.y : box.y + box.height;
      }
    });
  }
  // Vertical links between stacked boxes must be straight: use the upper box's x.
  for (const route of routes) {
    if (route.a.side === 'top' || route.a.side === 'bottom') route.b.x = route.a.x;
  }

  const width = routes.flatMap((r) => [r.a.x, r.b.x, ...r.middle(r.a, r.b).map((p) => p[0])]).reduce((widest, x) => Math.max(widest, x + 20), layout.width);
  const height = layout.height + CHANNEL_STEP * channelKeys.size + (channelKeys.size > 0 ? 12 : 0);

  const fontFamily = escapeXml(BOX_TEXT.fontFamily);
  const out: string[] = [];
  out.push('<?xml version="1.0" encoding="UTF-8"?>');
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="domain-model-picture" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="domain-model-title">`,
  );
  out.push(`<title id="domain-model-title">${escapeXml(`Domain model of ${spec.module.name}`)}</title>`);
  out.push('<defs>');
  out.push(
    '<marker id="generalization-arrow" viewBox="0 0 12 12" refX="12" refY="6" markerWidth="12" markerHeight="12" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L12,6 L0,12 z" fill="#ffffff" stroke="#445566" stroke-width="1"/></marker>',
  );
  out.push('</defs>');
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#fbfcfd"/>`);

  // Lines first, so boxes and labels are drawn over their ends.
  for (const route of routes) {
    const points: Array<[number, number]> = [[route.a.x, route.a.y], ...route.middle(route.a, route.b), [route.b.x, route.b.y]];
    const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${fmt(x)},${fmt(y)}`).join(' ');
    const c = route.connector;
    const dataName = c.kind === 'association' ? c.key.slice('association:'.length) : `${c.from}->${c.to}`;
    const style =
      c.kind === 'generalization'
        ? 'fill="none" stroke="#445566" stroke-width="1.2" marker-end="url(#generalization-arrow)"'
        : 'fill="none" stroke="#2f6fb3" stroke-width="1.4"';
    out.push(`<path class="${c.kind}" data-name="${escapeXml(dataName)}" d="${d}" ${style}><title>${escapeXml(c.title)}</title></path>`);
  }

  for (const entity of spec.entities) {
    const box = boxes.get(entity.name);
    if (!box) continue;
    const header = entity.persistable ? '#dbe8f7' : '#fde3c8';
    const border = entity.persistable ? '#2f6fb3' : '#c76b12';
    out.push(`<g class="entity" data-entity="${escapeXml(entity.name)}">`);
    out.push(
      `<rect class="box" x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="4" fill="#ffffff" stroke="${border}" stroke-width="1.2"/>`,
    );
    out.push(
      `<path d="M${box.x + 0.6},${box.y + BOX_TEXT.headerHeight} V${box.y + 4} Q${box.x + 0.6},${box.y + 0.6} ${box.x + 4},${box.y + 0.6} H${box.x + box.width - 4} Q${box.x + box.width - 0.6},${box.y + 0.6} ${box.x + box.width - 0.6},${box.y + 4} V${box.y + BOX_TEXT.headerHeight} Z" fill="${header}"/>`,
    );
    out.push(
      `<line x1="${box.x}" y1="${box.y + BOX_TEXT.headerHeight}" x2="${box.x + box.width}" y2="${box.y + BOX_TEXT.headerHeight}" stroke="${border}" stroke-width="1"/>`,
    );
    out.push(
      `<text class="name" x="${fmt(box.x + box.width / 2)}" y="${box.y + 18}" text-anchor="middle" font-family="${fontFamily}" font-size="${BOX_TEXT.nameSize}" font-weight="bold" fill="#1f2328">${escapeXml(entity.name)}</text>`,
    );
    entity.attributes.forEach((attribute, i) => {
      const y = box.y + BOX_TEXT.headerHeight + i * BOX_TEXT.rowHeight + 15;
      out.push(
        `<text class="attribute" x="${box.x + BOX_TEXT.padding}" y="${y}" font-family="${fontFamily}" font-size="${BOX_TEXT.attributeSize}" fill="#1f2328">${escapeXml(attributeLabel(attribute))}</text>`,
      );
    });
    out.push('</g>');
  }

  // Multiplicity labels beside the ends of the association lines.
  for (const route of routes) {
    for (const attachment of [route.a, route.b]) {
      const label = attachment.end === 'from' ? route.connector.fromLabel : route.connector.toLabel;
      if (label === undefined) continue;
      let x = attachment.x;
      let y = attachment.y;
      let anchor = 'start';
      if (attachment.side === 'right') {
        x += 4;
        y -= 4;
      } else if (attachment.side === 'left') {
        x -= 4;
        y -= 4;
        anchor = 'end';
      } else {
        x += 5;
        y += attachment.side === 'top' ? -5 : 13;
      }
      out.push(
        `<text class="multiplicity" x="${fmt(x)}" y="${fmt(y)}" text-anchor="${anchor}" font-family="${fontFamily}" font-size="11" fill="#2f6fb3">${escapeXml(label)}</text>`,
      );
    }
  }
  out.push('</svg>');
  return { svg: `${out.join('\n')}\n`, width, height };
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
