/**
 * The MD5 digests Amazon SQS returns for a message, which the AWS SDK for Java checks against what it
 * sent: the tests compute them independently of the code under test.
 */
import { createHash } from 'node:crypto';

/** The MD5 digest of a text in UTF-8, as Amazon SQS gives it for message bodies. */
export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * The MD5 digest of message attributes as Amazon SQS documents it: the attributes sorted by name,
 * each as its name, data type, transport type (1 for String and Number) and value, the texts each
 * preceded by their length in UTF-8 as a 4-byte big-endian number.
 */
export function messageAttributesMd5(attributes: Record<string, { DataType: string; StringValue: string }>): string {
  const hash = createHash('md5');
  const part = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const { DataType, StringValue } = attributes[name] as { DataType: string; StringValue: string };
    part(name);
    part(DataType);
    hash.update(Buffer.from([1]));
    part(StringValue);
  }
  return hash.digest('hex');
}
