/**
 * Checks that the stand-ins of the Mendix runtime API (test/java/mendix) and the proxies written by
 * test/java/mendix-proxies.ts are as strict as a Mendix 10 app: for the bundled spec, the minimal test
 * spec and a variant of it with the association kinds those lack (reference sets, owner Both,
 * persistable entities), the proxies are compiled with the stand-ins (`javac --release 11 -Xlint:all
 * -Werror`) and a generated probe runs against the in-memory runtime: unknown members and values of the
 * wrong Java type are refused, association getters declare the checked CoreException (javac refuses a
 * call that does not handle it), `initialize` dispatches to specializations, `getValue` is generic and
 * enumeration attributes hold constant names. Needs a JDK: skips without one, fails under CI=true.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../generator/paths.js';
import type { AttributeSpec, ConnectorSpec, EntitySpec } from '../../generator/spec/types.js';
import { loadApiModelFile } from '../../generator/validate/api-model-file.js';
import { validateSpecFile } from '../../generator/validate/validate-spec.js';
import { listFiles, loadBundledSpec } from './java-golden.js';
import { captionKey, domainModelJson, enumerationConstant, proxySources } from './mendix-proxies.js';

const STANDINS = join(PACKAGE_ROOT, 'test', 'java', 'mendix');
const JAVAC_FLAGS = ['--release', '11', '-encoding', 'UTF-8', '-Xlint:all', '-Werror'];
const MRE = 'com.mendix.systemwideinterfaces.MendixRuntimeException';

function javaMissing(): string | undefined {
  if (spawnSync('javac', ['-version']).status !== 0) return 'javac (a JDK 11 or later) is not installed';
  if (spawnSync('java', ['-version']).status !== 0) return 'java is not installed';
  return undefined;
}

const missing = javaMissing();
const onCi = process.env['CI'] === 'true';
if (missing !== undefined && !onCi) console.warn(`Skipping the Mendix stand-in tests: ${missing}.`);

const work = mkdtempSync(join(tmpdir(), 'mendix-standins-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeTree(root: string, files: Array<{ path: string; text: string }>): string[] {
  return files.map((f) => {
    const target = join(root, ...f.path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, f.text);
    return target;
  });
}

function javac(args: string[]): { ok: boolean; output: string } {
  const result = spawnSync('javac', [...JAVAC_FLAGS, ...args], { encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

const standinSources = (): string[] =>
  listFiles(STANDINS, STANDINS)
    .filter((p) => p.endsWith('.java') && !p.startsWith('probe/'))
    .map((p) => join(STANDINS, ...p.split('/')));

function minimalSpec(): ConnectorSpec {
  const result = validateSpecFile(join(PACKAGE_ROOT, 'test', 'specs', 'minimal.connector.yaml'), loadApiModelFile);
  if (!result.spec) throw new Error(`minimal.connector.yaml is invalid: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.spec;
}

/**
 * The minimal spec with what neither spec has: reference sets and references owned by both ends, a
 * second level of specialization, persistable entities (the XPath load overload) and every attribute type.
 */
function variantSpec(): ConnectorSpec {
  const spec = structuredClone(minimalSpec());
  spec.module = { ...spec.module, name: 'MiniVariant', javaPackage: 'minivariant' };
  const attribute = (name: string, type: AttributeSpec['type']): AttributeSpec => ({ name, type, secret: false, documentation: name });
  for (const e of spec.entities) if (e.name === 'AbstractRequest' || e.name === 'GetFunctionRequest') e.persistable = true;
  const tag = spec.entities.find((e) => e.name === 'Tag');
  tag?.attributes.push(attribute('Weight', 'Decimal'), attribute('Pinned', 'Boolean'), attribute('Count', 'Long'));
  spec.entities.push({
    name: 'GetFunctionRequestV2',
    documentation: 'A second-level specialization.',
    persistable: true,
    generalization: 'GetFunctionRequest',
    attributes: [attribute('Revision', 'Long')],
  });
  const documentation = 'Added by the test.';
  spec.associations.push(
    { name: 'Function_Tag', parent: 'Function', child: 'Tag', type: 'ReferenceSet', owner: 'Both', documentation },
    { name: 'Credentials_Function', parent: 'Credentials', child: 'Function', type: 'Reference', owner: 'Both', documentation },
    { name: 'GetFunctionRequest_Tag', parent: 'GetFunctionRequest', child: 'Tag', type: 'ReferenceSet', owner: 'Default', documentation },
  );
  return spec;
}

interface Probe {
  /** Java source of class MendixProbe (default package). */
  text: string;
  /** The names of the checks it prints, each as `ok <name>` or `FAIL <name>: <why>`. */
  checks: string[];
}

/** Writes the probe of a spec: one named check per strictness rule, entity, attribute and association. */
function probeFor(spec: ConnectorSpec): Probe {
  const pkg = `${spec.module.javaPackage}.proxies`;
  const q = (name: string): string => `${spec.module.name}.${name}`;
  const cls = (name: string): string => `${pkg}.${name}`;
  const entities = new Map(spec.entities.map((e) => [e.name, e]));
  const isA = (entity: string, other: string): boolean => {
    for (let e: EntitySpec | undefined = entities.get(entity); e; e = e.generalization ? entities.get(e.generalization) : undefined)
      if (e.name === other) return true;
    return false;
  };
  const checks: string[] = [];
  const body: string[] = [];
  const check = (name: string, code: string[]): void => {
    checks.push(name);
    body.push(`\t\tcheck(${JSON.stringify(name)}, () -> {`, ...code.map((l) => `\t\t\t${l}`), '\t\t});');
  };
  const rejects = (name: string, exception: string, code: string[]): void => {
    checks.push(name);
    body.push(`\t\trejects(${JSON.stringify(name)}, ${exception}.class, () -> {`, ...code.map((l) => `\t\t\t${l}`), '\t\t});');
  };
  const str = (s: string): string => JSON.stringify(s);

  // The model itself: unknown entities and members.
  rejects('instantiate refuses an unknown entity', MRE, [`Core.instantiate(ctx, ${str(q('NoSuchEntity'))});`]);
  const withAttributes = spec.entities.find((e) => e.attributes.length > 0);
  if (withAttributes) {
    const e = q(withAttributes.name);
    const attr = withAttributes.attributes[0]?.name ?? '';
    rejects('getValue refuses an unknown attribute', MRE, [`Core.instantiate(ctx, ${str(e)}).getValue(ctx, "NoSuchAttribute");`]);
    rejects('setValue refuses an unknown attribute', MRE, [`Core.instantiate(ctx, ${str(e)}).setValue(ctx, "NoSuchAttribute", null);`]);
    rejects('attribute names are case-sensitive', MRE, [
      `Core.instantiate(ctx, ${str(e)}).getValue(ctx, ${str(attr.toLowerCase() === attr ? attr.toUpperCase() : attr.toLowerCase())});`,
    ]);
  }

  // Every attribute: a value of the wrong Java type is refused, the right one round-trips.
  const good: Record<AttributeSpec['type'], string> = {
    String: '"text"',
    Integer: 'java.lang.Integer.valueOf(7)',
    Long: 'java.lang.Long.valueOf(7L)',
    Decimal: 'new java.math.BigDecimal("1.25")',
    Boolean: 'java.lang.Boolean.TRUE',
    DateTime: 'new java.util.Date(86400000L)',
    Enumeration: '',
  };
  const bad: Record<AttributeSpec['type'], string[]> = {
    String: ['java.lang.Integer.valueOf(7)'],
    Integer: ['java.lang.Long.valueOf(7L)', '"7"'],
    Long: ['java.lang.Integer.valueOf(7)'],
    Decimal: ['java.lang.Double.valueOf(1.25)', 'java.lang.Integer.valueOf(1)'],
    Boolean: ['"true"'],
    DateTime: ['java.lang.Long.valueOf(0L)', 'java.time.Instant.EPOCH'],
    Enumeration: [],
  };
  for (const e of spec.entities) {
    for (const a of e.attributes) {
      const where = `${e.name}.${a.name}`;
      let right = good[a.type];
      let wrong = bad[a.type];
      if (a.type === 'Enumeration') {
        const values = spec.enumerations.find((x) => x.name === a.enumeration)?.values ?? [];
        const first = values[0]?.name ?? '';
        right = str(first);
        wrong = [
          '"NoSuchValue"',
          `${cls(a.enumeration ?? '')}.${enumerationConstant(first)}`,
          str(first.toLowerCase() === first ? first.toUpperCase() : first.toLowerCase()),
        ];
      }
      wrong.forEach((value, i) =>
        rejects(`${where} refuses a wrong value (${i + 1})`, MRE, [`Core.instantiate(ctx, ${str(q(e.name))}).setValue(ctx, ${str(a.name)}, ${value});`]),
      );
      check(`${where} round-trips a ${a.type} value`, [
        `final IMendixObject o = Core.instantiate(ctx, ${str(q(e.name))});`,
        `expect(o.getValue(ctx, ${str(a.name)}) == null, "a new object has no value");`,
        `o.setValue(ctx, ${str(a.name)}, ${right});`,
        `final Object v = o.getValue(ctx, ${str(a.name)});`,
        `expect(${right}.equals(v), "read back " + v);`,
      ]);
    }
  }

  // getValue is generic: assigning to String and to the identifier type needs no cast (this compiles).
  const stringAttr = spec.entities.flatMap((e) => e.attributes.filter((a) => a.type === 'String').map((a) => ({ e, a })))[0];
  if (stringAttr)
    check('getValue is generic (assigned to String without a cast)', [
      `final IMendixObject o = Core.instantiate(ctx, ${str(q(stringAttr.e.name))});`,
      `o.setValue(ctx, ${str(stringAttr.a.name)}, "generic");`,
      `final String s = o.getValue(ctx, ${str(stringAttr.a.name)});`,
      'expect(s.equals("generic"), s);',
    ]);

  // Enumeration attributes through the proxies: stored as the constant name.
  for (const e of spec.entities)
    for (const a of e.attributes.filter((x) => x.type === 'Enumeration')) {
      const values = spec.enumerations.find((x) => x.name === a.enumeration)?.values ?? [];
      const last = values.at(-1)?.name ?? '';
      const constant = `${cls(a.enumeration ?? '')}.${enumerationConstant(last)}`;
      check(`${e.name}.${a.name} stores the constant name`, [
        `final ${cls(e.name)} p = new ${cls(e.name)}(ctx);`,
        `p.set${a.name}(${constant});`,
        `final Object raw = p.getMendixObject().getValue(ctx, ${str(a.name)});`,
        `expect(${str(last)}.equals(raw), "stored " + raw);`,
        `expect(p.get${a.name}() == ${constant}, "read back " + p.get${a.name}());`,
        `p.set${a.name}(null);`,
        `expect(p.get${a.name}() == null, "cleared");`,
      ]);
    }
  const enumeration = spec.enumerations[0];
  const value = enumeration?.values[0];
  if (enumeration && value)
    check('enumeration captions come from the translations, falling back to en_US', [
      `mxstandin.Runtime.addTranslation("en_US", ${str(captionKey(spec, enumeration.name, value.name))}, ${str(value.caption)});`,
      `final ${cls(enumeration.name)} v = ${cls(enumeration.name)}.${enumerationConstant(value.name)};`,
      `expect(${str(value.caption)}.equals(v.getCaption()), v.getCaption());`,
      `expect(${str(value.caption)}.equals(v.getCaption("nl_NL")), v.getCaption("nl_NL"));`,
    ]);

  // Specializations: initialize and load through every generalization give the specialization's class.
  for (const e of spec.entities) {
    const chain: string[] = [];
    for (let g = e.generalization; g !== undefined; g = entities.get(g)?.generalization) chain.push(g);
    for (const g of chain) {
      check(`${g}.initialize gives a ${e.name} for its objects`, [
        `final Object p = ${cls(g)}.initialize(ctx, Core.instantiate(ctx, ${str(q(e.name))}));`,
        `expect(p.getClass() == ${cls(e.name)}.class, p.getClass().getName());`,
      ]);
      check(`${g}.load gives a ${e.name} for its objects`, [
        `final IMendixObject o = Core.instantiate(ctx, ${str(q(e.name))});`,
        `final Object p = ${cls(g)}.load(ctx, o.getId());`,
        `expect(p.getClass() == ${cls(e.name)}.class, p.getClass().getName());`,
      ]);
    }
    if (chain.length > 0) {
      const inherited = chain.flatMap((g) => entities.get(g)?.attributes ?? []).find((a) => a.type === 'String');
      if (inherited)
        check(`${e.name} has the attribute ${inherited.name} of its generalization`, [
          `final IMendixObject o = Core.instantiate(ctx, ${str(q(e.name))});`,
          `o.setValue(ctx, ${str(inherited.name)}, "inherited");`,
          `expect("inherited".equals(o.getValue(ctx, ${str(inherited.name)})), "inherited value");`,
          `expect(o.isInstanceOf(${str(q(chain[0] ?? ''))}) && !Core.instantiate(ctx, ${str(q(chain[0] ?? ''))}).isInstanceOf(${str(q(e.name))}), "isInstanceOf follows generalizations one way");`,
        ]);
    }
    const unrelated = spec.entities.find((x) => !isA(x.name, e.name));
    if (unrelated)
      rejects(`the ${e.name} proxy refuses an object of ${unrelated.name}`, 'java.lang.IllegalArgumentException', [
        `${cls(e.name)}.initialize(ctx, Core.instantiate(ctx, ${str(q(unrelated.name))}));`,
      ]);
    check(`${e.name} proxy: getType() is static, getMendixObject().getType() is qualified, equals/hashCode follow the object`, [
      `final ${cls(e.name)} p = new ${cls(e.name)}(ctx);`,
      `expect(${cls(e.name)}.getType().equals(${str(q(e.name))}), ${cls(e.name)}.getType());`,
      `expect(p.getMendixObject().getType().equals(${str(q(e.name))}), p.getMendixObject().getType());`,
      `final ${cls(e.name)} same = ${cls(e.name)}.initialize(ctx, p.getMendixObject());`,
      `expect(same.equals(p) && same.hashCode() == p.hashCode() && !p.equals(new ${cls(e.name)}(ctx)), "equality");`,
    ]);
  }

  // Associations: member names are qualified; values are identifiers of objects of the other end.
  for (const a of spec.associations) {
    const name = q(a.name);
    const parent = cls(a.parent);
    const child = cls(a.child);
    const set = a.type === 'ReferenceSet';
    const wrap = (expr: string): string => (set ? `java.util.List.of(${expr})` : expr);
    rejects(`${a.name}: setValue refuses the bare association name`, MRE, [`Core.instantiate(ctx, ${str(q(a.parent))}).setValue(ctx, ${str(a.name)}, null);`]);
    rejects(`${a.name}: setValue refuses an object instead of its identifier`, MRE, [
      `Core.instantiate(ctx, ${str(q(a.parent))}).setValue(ctx, ${str(name)}, ${wrap(`Core.instantiate(ctx, ${str(q(a.child))})`)});`,
    ]);
    const wrongTarget = spec.entities.find((x) => !isA(x.name, a.child));
    if (wrongTarget)
      rejects(`${a.name}: setValue refuses an identifier of a ${wrongTarget.name}`, MRE, [
        `Core.instantiate(ctx, ${str(q(a.parent))}).setValue(ctx, ${str(name)}, ${wrap(`Core.instantiate(ctx, ${str(q(wrongTarget.name))}).getId()`)});`,
      ]);
    if (set)
      rejects(`${a.name}: the reference set setter streams over its argument (null is an NPE)`, 'java.lang.NullPointerException', [
        `final java.util.List<${child}> none = null;`,
        `new ${parent}(ctx).set${a.name}(none);`,
      ]);
    check(`${a.name}: set and get through the proxies, retrieveByPath from the ${a.child} end`, [
      `final ${parent} p = new ${parent}(ctx);`,
      `final ${child} c = new ${child}(ctx);`,
      set ? `expect(p.get${a.name}().isEmpty(), "empty at first");` : `expect(p.get${a.name}() == null, "empty at first");`,
      `p.set${a.name}(${wrap('c')});`,
      set
        ? `expect(p.get${a.name}().equals(java.util.List.of(c)), "read back " + p.get${a.name}());`
        : `expect(c.equals(p.get${a.name}()), "read back " + p.get${a.name}());`,
      `final java.util.List<IMendixObject> back = Core.retrieveByPath(ctx, c.getMendixObject(), ${str(name)});`,
      `expect(back.equals(java.util.List.of(p.getMendixObject())), "retrieveByPath " + back);`,
      `p.set${a.name}(${set ? 'java.util.List.of()' : 'null'});`,
      `expect(Core.retrieveByPath(ctx, c.getMendixObject(), ${str(name)}).isEmpty(), "cleared");`,
    ]);
    if (a.owner === 'Default' && a.parent !== a.child)
      rejects(`${a.name}: with owner Default the ${a.child} end has no such member`, MRE, [
        `Core.instantiate(ctx, ${str(q(a.child))}).getValue(ctx, ${str(name)});`,
      ]);
    if (a.owner === 'Both' && a.parent !== a.child)
      check(`${a.name}: with owner Both the ${a.child} end reads and writes it too`, [
        `final ${parent} p = new ${parent}(ctx);`,
        `final ${child} c = new ${child}(ctx);`,
        `c.set${a.name}(${wrap('p')});`,
        set ? `expect(c.get${a.name}().equals(java.util.List.of(p)), "child end");` : `expect(p.equals(c.get${a.name}()), "child end");`,
        set ? `expect(p.get${a.name}().equals(java.util.List.of(c)), "parent end");` : `expect(c.equals(p.get${a.name}()), "parent end");`,
      ]);
  }

  // Runtime services the generated code relies on.
  check('log lines are recorded as LEVEL node: message', [
    'final com.mendix.logging.ILogNode log = Core.getLogger("Probe");',
    'log.info("hello");',
    'log.warn("careful", new IllegalStateException("cause"));',
    'log.debug(Integer.valueOf(42));',
    'final java.util.List<String> lines = mxstandin.Runtime.logLines();',
    'expect(lines.contains("INFO Probe: hello"), lines.toString());',
    'expect(lines.contains("WARN Probe: careful | java.lang.IllegalStateException: cause"), lines.toString());',
    'expect(lines.contains("DEBUG Probe: 42"), lines.toString());',
  ]);
  check('UserAction.getContext() works in a subclass constructor', [
    'final ContextAction action = new ContextAction(ctx);',
    'expect(action.seen == ctx && action.executeAction() == ctx, "context");',
  ]);
  const first = spec.entities[0];
  if (first) {
    check('commit through IEntityProxy declares CoreException and marks the object', [
      `final ${cls(first.name)} p = new ${cls(first.name)}(ctx);`,
      'p.commit();',
      'expect(mxstandin.Runtime.isCommitted(p.getMendixObject()), "committed");',
      'p.delete();',
      `expect(mxstandin.Runtime.objects(${str(q(first.name))}).stream().noneMatch(o -> o.equals(p.getMendixObject())), "deleted");`,
    ]);
    rejects('retrieveId of a deleted object is a CoreException', 'com.mendix.core.CoreException', [
      `final IMendixObject o = Core.instantiate(ctx, ${str(q(first.name))});`,
      `${cls(first.name)}.initialize(ctx, o).delete();`,
      'Core.retrieveId(ctx, o.getId());',
    ]);
    rejects('objects are gone after Runtime.reset()', MRE, [
      `final IMendixObject o = Core.instantiate(ctx, ${str(q(first.name))});`,
      'mxstandin.Runtime.reset();',
      'o.getValue(ctx, "x");',
    ]);
  }

  const text = `// Probe of the Mendix stand-ins, generated by test/java/mendix-standins.test.ts.
import com.mendix.core.Core;
import com.mendix.systemwideinterfaces.core.IContext;
import com.mendix.systemwideinterfaces.core.IMendixObject;

public final class MendixProbe
{
	interface Step
	{
		void run() throws Exception;
	}

	static final class ContextAction extends com.mendix.systemwideinterfaces.core.UserAction<IContext>
	{
		final IContext seen;

		ContextAction(IContext context)
		{
			super(context);
			this.seen = getContext();
		}

		@java.lang.Override
		public IContext executeAction() throws Exception
		{
			return getContext();
		}
	}

	private static void expect(boolean condition, String detail)
	{
		if (!condition)
			throw new IllegalStateException(detail);
	}

	private static void check(String name, Step step)
	{
		try
		{
			step.run();
			System.out.println("ok " + name);
		}
		catch (Throwable t)
		{
			System.out.println("FAIL " + name + ": " + t);
		}
	}

	private static void rejects(String name, Class<? extends Throwable> expected, Step step)
	{
		try
		{
			step.run();
			System.out.println("FAIL " + name + ": no exception");
		}
		catch (Throwable t)
		{
			System.out.println(expected.isInstance(t) ? "ok " + name : "FAIL " + name + ": threw " + t);
		}
	}

	public static void main(String[] args) throws Exception
	{
		mxstandin.Runtime.loadDomainModel(new String(java.nio.file.Files.readAllBytes(java.nio.file.Paths.get(args[0])), java.nio.charset.StandardCharsets.UTF_8));
		final IContext ctx = mxstandin.Runtime.newContext();
${body.join('\n')}
	}
}
`;
  return { text, checks };
}

/** The first Reference association getter of a spec, called with and without handling CoreException. */
function getterSnippets(spec: ConnectorSpec): { unhandled: string; handled: string } | undefined {
  const a = spec.associations.find((x) => x.type === 'Reference') ?? spec.associations[0];
  if (!a) return undefined;
  const parent = `${spec.module.javaPackage}.proxies.${a.parent}`;
  const call = `new ${parent}(context).get${a.name}()`;
  const ctx = 'com.mendix.systemwideinterfaces.core.IContext';
  return {
    unhandled: `public final class UnhandledGetter\n{\n\tpublic static Object read(${ctx} context)\n\t{\n\t\treturn ${call};\n\t}\n}\n`,
    handled: `public final class UnhandledGetter\n{\n\tpublic static Object read(${ctx} context)\n\t{\n\t\ttry\n\t\t{\n\t\t\treturn ${call};\n\t\t}\n\t\tcatch (com.mendix.core.CoreException e)\n\t\t{\n\t\t\treturn null;\n\t\t}\n\t}\n}\n`,
  };
}

describe.skipIf(missing !== undefined && !onCi)('Mendix stand-ins', () => {
  /** The stand-ins compiled once, into a folder the other compilations put on their classpath. */
  const standinClasses = join(work, 'standins');
  let standins: { ok: boolean; output: string } | undefined;
  const compileStandins = (): { ok: boolean; output: string } => {
    if (missing !== undefined) throw new Error(`The Mendix stand-in tests cannot run: ${missing}. CI must install a JDK.`);
    standins ??= javac(['-d', standinClasses, ...standinSources()]);
    return standins;
  };

  it('compile alone without a warning under --release 11 -Xlint:all -Werror', () => {
    const result = compileStandins();
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  it('refuse an inconsistent domain model', () => {
    expect(compileStandins().ok).toBe(true);
    const classes = join(work, 'model-check-classes');
    const cases: Array<[string, string]> = [
      ['{"entities":[{"name":"M.A","generalization":"M.Missing","attributes":[]}]}', 'unknown generalization'],
      ['{"entities":[{"name":"M.A","generalization":null,"attributes":[{"name":"X","type":"Float"}]}]}', 'unknown type'],
      ['{"entities":[],"extra":1}', 'unknown key'],
      ['{"entities":[{"name":"A","generalization":null,"attributes":[]}]}', 'not a qualified name'],
    ];
    const source = join(work, 'model-check', 'ModelCheck.java');
    mkdirSync(dirname(source), { recursive: true });
    writeFileSync(
      source,
      `public final class ModelCheck\n{\n\tpublic static void main(String[] args)\n\t{\n\t\ttry\n\t\t{\n\t\t\tmxstandin.Runtime.loadDomainModel(args[0]);\n\t\t\tSystem.out.println("accepted");\n\t\t}\n\t\tcatch (IllegalArgumentException e)\n\t\t{\n\t\t\tSystem.out.println(e.getMessage());\n\t\t}\n\t}\n}\n`,
    );
    expect(javac(['-cp', standinClasses, '-d', classes, source]).ok).toBe(true);
    const classpath = [standinClasses, classes].join(delimiter);
    for (const [json, message] of cases) {
      const run = spawnSync('java', ['-cp', classpath, 'ModelCheck', json], { encoding: 'utf8' });
      expect(run.stdout, json).toContain(message);
    }
  });

  const specs: Array<[string, () => ConnectorSpec]> = [
    ['the bundled spec', () => loadBundledSpec().spec],
    ['test/specs/minimal.connector.yaml', minimalSpec],
    ['a variant of the minimal spec with reference sets, owner Both and persistable entities', variantSpec],
  ];
  for (const [label, load] of specs) {
    describe(label, () => {
      const spec = load();
      const slug = spec.module.javaPackage + (label.startsWith('a variant') ? '-variant' : '');
      const root = join(work, slug);
      const classes = join(root, 'classes');
      let compiled: { ok: boolean; output: string } | undefined;
      const classpath = [standinClasses, classes].join(delimiter);
      const compile = (): { ok: boolean; output: string } => {
        expect(compileStandins().ok).toBe(true);
        if (!compiled) {
          const sources = writeTree(join(root, 'src'), [...proxySources(spec), { path: 'MendixProbe.java', text: probeFor(spec).text }]);
          writeFileSync(join(root, 'model.json'), domainModelJson(spec));
          compiled = javac(['-cp', standinClasses, '-d', classes, ...sources]);
        }
        return compiled;
      };

      it.skipIf(spec.entities.length === 0)('compiles the proxies, the stand-ins and the probe without a warning', () => {
        const result = compile();
        expect(result.output).toBe('');
        expect(result.ok).toBe(true);
      });

      it.skipIf(spec.entities.length === 0)('passes every check of the probe against the in-memory runtime', () => {
        expect(compile().ok).toBe(true);
        const run = spawnSync('java', ['-cp', classpath, 'MendixProbe', join(root, 'model.json')], { encoding: 'utf8' });
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        const lines = run.stdout.split('\n').filter((l) => l.length > 0);
        expect(lines.filter((l) => !l.startsWith('ok '))).toEqual([]);
        expect(lines.map((l) => l.slice(3))).toEqual(probeFor(spec).checks);
      });

      it.skipIf(spec.associations.length === 0)('makes javac refuse an association getter whose CoreException is not handled', () => {
        expect(compile().ok).toBe(true);
        const snippets = getterSnippets(spec);
        if (!snippets) throw new Error('no association');
        const file = join(root, 'snippet', 'UnhandledGetter.java');
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, snippets.unhandled);
        const refused = javac(['-cp', classpath, '-d', join(root, 'snippet-classes'), file]);
        expect(refused.ok).toBe(false);
        expect(refused.output).toContain('unreported exception CoreException');
        // The same call inside try/catch compiles, so the refusal is the checked exception's doing.
        writeFileSync(file, snippets.handled);
        const accepted = javac(['-cp', classpath, '-d', join(root, 'snippet-classes'), file]);
        expect(accepted.output).toBe('');
        expect(accepted.ok).toBe(true);
      });
    });
  }

  it('give IEntityProxy no instance getType(), so proxies can declare a static one', () => {
    expect(compileStandins().ok).toBe(true);
    const file = join(work, 'entity-proxy-src', 'TypeOfProxy.java');
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(
      file,
      'public final class TypeOfProxy\n{\n\tpublic static String type(com.mendix.systemwideinterfaces.core.IEntityProxy proxy)\n\t{\n\t\treturn proxy.getType();\n\t}\n}\n',
    );
    const result = javac(['-cp', standinClasses, '-d', join(work, 'entity-proxy-classes'), file]);
    expect(result.ok).toBe(false);
    expect(result.output).toContain('cannot find symbol');
  });
});
