import { describe, expect, it } from 'vitest';
import { MpkFormatError } from '../../generator/mpk/errors.js';
import { buildPackageXml, buildPackageXmlText, parsePackageXml } from '../../generator/mpk/package-xml.js';
import { loadFingerprint } from './helpers.js';

// Hand-written from the 9.24/10.21 exports: no BOM, CRLF, two-space indent, " />", no final line end.
const EXPECTED =
  '<?xml version="1.0" encoding="utf-8"?>\r\n' +
  '<package xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://www.mendix.com/package/1.0/">\r\n' +
  '  <modelerProject xmlns="http://www.mendix.com/modelerProject/1.0/">\r\n' +
  '    <module name="AWSLambdaConnector" />\r\n' +
  '    <projectFile path="project.mpr" />\r\n' +
  '    <files>\r\n' +
  '      <file path="vendorlib/aws-lambda-1.0.jar" />\r\n' +
  '      <file path="javasource/awslambdaconnector/actions/Invoke.java" />\r\n' +
  '    </files>\r\n' +
  '  </modelerProject>\r\n' +
  '</package>';

const FILES = ['vendorlib/aws-lambda-1.0.jar', 'javasource/awslambdaconnector/actions/Invoke.java'];

describe('buildPackageXml', () => {
  it('produces the exact bytes of the current format', () => {
    const bytes = buildPackageXml({ moduleName: 'AWSLambdaConnector', files: FILES });
    expect(Buffer.from(bytes).equals(Buffer.from(EXPECTED, 'utf8'))).toBe(true);
    expect(bytes[0]).toBe(0x3c); // '<', no BOM
    expect(bytes[bytes.length - 1]).toBe(0x3e); // '>', no trailing line end
  });

  it('has the same shape as the 10.21 and 9.24 samples (fingerprint skeleton)', () => {
    const skeleton = buildPackageXmlText({ moduleName: '{module}', files: ['{path}'] });
    expect(skeleton).toBe(loadFingerprint('10.21.0').packageXml.skeleton);
    expect(skeleton).toBe(loadFingerprint('9.24.0').packageXml.skeleton);
  });

  it('writes the 9.0.5 variant: xsd first and backslash paths', () => {
    const text = buildPackageXmlText({ moduleName: 'M', files: ['javasource/m/A.java'], style: 'legacy' });
    expect(text).toContain('<package xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns=');
    expect(text).toContain('      <file path="javasource\\m\\A.java" />\r\n');
    expect(buildPackageXmlText({ moduleName: '{module}', files: ['{path}'], style: 'legacy' }).replace(/xmlns:xsd="[^"]*" xmlns:xsi="[^"]*"/, 'NS')).toBe(
      loadFingerprint('9.0.5').packageXml.skeleton.replace(/xmlns:xsd="[^"]*" xmlns:xsi="[^"]*"/, 'NS'),
    );
  });

  it('escapes attribute values and writes an empty list as <files />', () => {
    const text = buildPackageXmlText({ moduleName: 'A&B"<>', files: [] });
    expect(text).toContain('<module name="A&amp;B&quot;&lt;&gt;" />');
    expect(text).toContain('    <files />\r\n  </modelerProject>');
  });
});

describe('parsePackageXml', () => {
  it('reads back module name and files in order', () => {
    expect(parsePackageXml(EXPECTED)).toEqual({ moduleName: 'AWSLambdaConnector', projectFile: 'project.mpr', files: FILES });
    expect(parsePackageXml(buildPackageXmlText({ moduleName: 'A&B', files: ['x/y&z.txt'] }))).toMatchObject({ moduleName: 'A&B', files: ['x/y&z.txt'] });
  });

  it('rejects documents without a module', () => {
    expect(() => parsePackageXml('<package></package>')).toThrow(MpkFormatError);
    expect(() => parsePackageXml('<html/>')).toThrow(/no <package> element/);
  });
});
