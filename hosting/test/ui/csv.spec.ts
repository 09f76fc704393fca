// The console's CSV writer: RFC 4180 quoting and the formula guard, with hostile values.
import assert from 'node:assert/strict';
import { csvCell, csvDocument, fileSlug } from '../../src/ui/csv';

describe('CSV writer', () => {
  it('defuses every text a spreadsheet would run as a formula: a leading = + - @, tab or CR', () => {
    const hostile = ['=1+1', '+cmd|" /C calc"!A0', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1'];
    assert.deepEqual(hostile.map(csvCell), [
      "'=1+1",
      `"'+cmd|"" /C calc""!A0"`,
      "'-2+3",
      "'@SUM(A1:A9)",
      "'\t=1",
      `"'\r=1"`,
    ]);
    assert.equal(csvCell('a = b'), 'a = b', 'only a leading character is a formula');
    assert.equal(csvCell(-3), '-3', 'numbers are numbers');
    assert.equal(csvCell(null), '');
  });

  it('quotes commas, quotes and line breaks, and ends every line with CRLF', () => {
    assert.equal(csvDocument(['a', 'b'], [['x,y', 'say "hi"\nbye']]), 'a,b\r\n"x,y","say ""hi""\nbye"\r\n');
    assert.equal(fileSlug('***', 'log'), 'log');
  });
});
