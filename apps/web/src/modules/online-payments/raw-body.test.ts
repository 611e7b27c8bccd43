import { describe, expect, test } from 'vitest';
import { indentJson, prettyBody } from './raw-body';

describe('prettyBody', () => {
  test('indents JSON objects and arrays', () => {
    expect(prettyBody('{"order_id":"JRG-1","status_code":"200"}')).toEqual({
      text: '{\n  "order_id": "JRG-1",\n  "status_code": "200"\n}',
      json: true,
    });
    expect(prettyBody(' [1,[2]] ').text).toBe('[\n  1,\n  [\n    2\n  ]\n]');
  });

  test('keeps anything else exactly as received', () => {
    expect(prettyBody('status=paid&ref=T1')).toEqual({ text: 'status=paid&ref=T1', json: false });
    expect(prettyBody('{"cut off')).toEqual({ text: '{"cut off', json: false });
    expect(prettyBody('')).toEqual({ text: '', json: false });
  });
});

describe('indentJson', () => {
  test('numbers read exactly as the gateway wrote them', () => {
    expect(indentJson('{"gross_amount":150000.00,"id":9007199254740993}')).toBe(
      '{\n  "gross_amount": 150000.00,\n  "id": 9007199254740993\n}',
    );
  });

  test('strings keep their braces, commas, colons, escaped quotes and spaces', () => {
    expect(indentJson('{"note":"a, {b}: \\"c\\"  d"}')).toBe(
      '{\n  "note": "a, {b}: \\"c\\"  d"\n}',
    );
  });

  test('empty objects and arrays stay on one line; existing white space is replaced', () => {
    expect(indentJson('{ "a" : { } , "b" : [ ] }')).toBe('{\n  "a": {},\n  "b": []\n}');
  });
});
