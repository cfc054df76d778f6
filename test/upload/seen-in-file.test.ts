import { describe, expect, it } from 'vitest';
import { LineTable } from '../../src/engine/upload/line-table.js';
import { SeenInFile } from '../../src/engine/upload/seen-in-file.js';

const only = (wanted: number) => ({ isSame: (extra: number) => extra === wanted });

describe('LineTable', () => {
  it('keeps every entry across growth and finds each by its hash', () => {
    const table = new LineTable();
    for (let i = 1; i <= 50_000; i++) {
      table.hash[0] = i * 7919;
      table.hash[1] = -i;
      expect(table.find()).toBeNull();
      table.add(i + 1, i);
    }
    for (const i of [1, 2, 4095, 4096, 25_000, 50_000]) {
      table.hash[0] = i * 7919;
      table.hash[1] = -i;
      expect(table.find(only(i))).toBe(i + 1);
    }
  });

  it('passes over an entry whose hash matches but which the caller says is another value', () => {
    const table = new LineTable();
    table.hash[0] = 5;
    table.hash[1] = 6;
    table.find();
    table.add(10, 100);
    expect(table.find(only(200))).toBeNull();
    table.add(20, 200);

    expect(table.find(only(200))).toBe(20);
    expect(table.find(only(100))).toBe(10);
    expect(table.find(only(300))).toBeNull();
  });

  it('refuses an add that no find prepared', () => {
    expect(() => new LineTable().add(1, 0)).toThrow(/without a find/);
  });
});

describe('SeenInFile', () => {
  it('names the first line of a repeated serial, among 100,000 others', () => {
    const seen = new SeenInFile();
    for (let line = 2; line < 100_002; line++) {
      expect(seen.serial(`SN${line}`, line)).toBeNull();
    }
    const repeat = seen.serial('SN777', 100_002);
    expect(repeat?.code).toBe('SERIAL_DUPLICATE_IN_FILE');
    expect(repeat?.reason).toBe("serial 'SN777' is already on line 777 of this file");

    // Serials are exact: case and length matter.
    expect(seen.serial('sn777', 100_003)).toBeNull();
    expect(seen.serial('SN7770', 100_004)).not.toBeNull();
    expect(seen.serial('SN7770000', 100_005)).toBeNull();
  });

  it('compares long and non-ASCII serials exactly', () => {
    const seen = new SeenInFile();
    const long = 'Ü'.repeat(128);
    expect(seen.serial(long, 2)).toBeNull();
    expect(seen.serial(`${'Ü'.repeat(127)}U`, 3)).toBeNull();
    expect(seen.serial(long, 4)?.reason).toContain('line 2');
  });

  it('gives the line of an earlier identical secret', () => {
    const seen = new SeenInFile();
    expect(seen.secret('JBSWY3DPEHPK3PXP', 2)).toBeNull();
    expect(seen.secret('JBSWY3DPEHPK3PXQ', 3)).toBeNull();
    expect(seen.secret('JBSWY3DPEHPK3PXP', 9)).toBe(2);
    expect(seen.secret('JBSWY3DPEHPK3PXQ', 10)).toBe(3);
  });
});
