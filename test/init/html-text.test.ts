import { describe, expect, it } from 'vitest';
import { documentationText, htmlToText, splitSentences, summarize } from '../../generator/init/html-text.js';
import { jsDocDeprecated, jsDocDescription } from '../../generator/init/api-docs.js';

describe('HTML documentation to plain text', () => {
  it('keeps the text of inline markup and drops the tags', () => {
    expect(htmlToText('<p>The <code>QueueUrl</code> of the <a href="https://example.com/x">queue</a>, in <i>any</i> <b>region</b>.</p>')).toBe(
      'The QueueUrl of the queue, in any region.',
    );
  });

  it('separates paragraphs with an empty line and keeps list items on lines of their own', () => {
    const html = '<p>Valid values:</p> <ul> <li> <p>All – every value.</p> </li> <li><p>None</p></li> </ul> <note><p>Costs apply.</p></note>';
    expect(htmlToText(html)).toBe('Valid values:\n\n- All – every value.\n- None\n\nCosts apply.');
  });

  it('collapses white space and line breaks of the source', () => {
    expect(htmlToText('<p>One\n     two   three</p>\n   <p>  four</p>')).toBe('One two three\n\nfour');
  });

  it('decodes entities, numeric ones too', () => {
    expect(htmlToText('a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &#39;f&#x27; g&nbsp;h')).toBe(`a < b && c > d "e" 'f' g h`);
  });

  it('turns JSDoc links into their label or target', () => {
    expect(htmlToText('See {@link SendMessageCommand} and {@link Foo | the foo}.')).toBe('See SendMessageCommand and the foo.');
  });

  it('removes characters a spec cannot hold, also when an entity encodes them', () => {
    expect(htmlToText('<p>bell\u0007 here&#7; and \ud800 lone</p>')).toBe('bell here and lone');
  });
});

describe('shortening to the first sentences', () => {
  it('splits sentences, not at abbreviations or initials', () => {
    expect(splitSentences('Use a name, e.g. Orders. It is J. Smith’s table. Done!')).toEqual(['Use a name, e.g. Orders.', 'It is J. Smith’s table.', 'Done!']);
  });

  it('takes as many sentences as the limits allow', () => {
    const text = 'First sentence here. Second one follows. Third is last.';
    expect(summarize(text, { sentences: 2, characters: 500 })).toBe('First sentence here. Second one follows.');
    expect(summarize(text, { sentences: 5, characters: 45 })).toBe('First sentence here. Second one follows.');
  });

  it('cuts an over-long first sentence at a word and marks the cut', () => {
    const summary = summarize(`${'word '.repeat(40)}end.`, { sentences: 2, characters: 60 });
    expect(summary.length).toBeLessThanOrEqual(60);
    expect(summary).toMatch(/^word word .*word\.\.\.$/);
  });

  it('stops before a list and drops a sentence that only announces it', () => {
    expect(summarize('Sets the mode. The values are:\n\n- A\n- B', { sentences: 3, characters: 500 })).toBe('Sets the mode.');
    expect(summarize('The values are:\n\n- A', { sentences: 3, characters: 500 })).toBe('The values are.');
  });

  it('gives nothing for no documentation', () => {
    expect(documentationText(undefined, { sentences: 1, characters: 100 })).toBe('');
    expect(documentationText('<p></p>', { sentences: 1, characters: 100 })).toBe('');
  });
});

describe('JSDoc comments of the SDK declarations', () => {
  it('reads the description up to the first tag, past marker tags', () => {
    const comment = '/**\n * @public\n *\n * <p>Delivers a message.</p>\n *    <p>More.</p>\n * @example\n * ```js\n * code\n * ```\n */';
    expect(jsDocDescription(comment)).toBe('<p>Delivers a message.</p>\n   <p>More.</p>');
  });

  it('notes a deprecation', () => {
    const comment = '/**\n * <p>Old way.</p>\n * @deprecated Use the new way.\n * @public\n */';
    expect(jsDocDeprecated(comment)).toBe(true);
    expect(htmlToText(jsDocDescription(comment) ?? '')).toBe('Deprecated.\n\nOld way.');
    expect(jsDocDeprecated('/** <p>Fine.</p> */')).toBe(false);
  });
});
