import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RecordingReader, revalidate, type ReadRecords } from './read-records';

const OLD = new Date(Date.now() - 3_600_000);
const OLDER = new Date(Date.now() - 7_200_000);

describe('recorded reads and their revalidation', () => {
  let dir: string;
  const p = (name: string): string => path.join(dir, name);
  /** Writes a file an hour old, so that its mtime vouches for it. */
  const write = (name: string, text: string, when = OLD): void => {
    writeFileSync(p(name), text);
    utimesSync(p(name), when, when);
  };
  /** Records reading `a.go`, listing the directory and checking `missing`. */
  const record = (visible?: (e: { name: string }) => boolean): ReadRecords => {
    const reader = new RecordingReader(visible);
    expect(reader.readFile(p('a.go'))).toBe('package a\n');
    reader.readDir(dir);
    expect(reader.stat(p('missing'))).toBeUndefined();
    return reader.records;
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'go-pgo-records-'));
    write('a.go', 'package a\n');
    utimesSync(dir, OLD, OLD);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('nothing changed: valid, nothing to save', () => {
    expect(revalidate(record())).toEqual({ valid: true, refreshed: false });
  });

  test('a touch: valid, and the new mtime is recorded so the file is not read again', () => {
    const records = record();
    utimesSync(p('a.go'), OLDER, OLDER);
    expect(revalidate(records)).toEqual({ valid: true, refreshed: true });
    expect(records.files[0]![2]).toBe(statSync(p('a.go')).mtimeMs);
    expect(revalidate(records)).toEqual({ valid: true, refreshed: false });
  });

  test('new content of the same size (told by its hash), or of another size even with the old mtime: invalid', () => {
    const records = record();
    write('a.go', 'package b\n', OLDER);
    expect(revalidate(records).valid).toBe(false);
    write('a.go', 'package bb\n', OLD);
    expect(revalidate(records).valid).toBe(false);
  });

  test('new content of a file the caller can check (editable): invalid, with its record, when nothing else changed', () => {
    const isGo = (file: string): boolean => file.endsWith('.go');
    const records = record();
    write('a.go', 'package bb\n', OLDER);
    const check = revalidate(records, undefined, new Map(), isGo);
    expect(check).toEqual({ valid: false, refreshed: false, edited: [records.files[0]] });
    expect(revalidate(records, undefined, new Map(), () => false)).toEqual({ valid: false, refreshed: false });
    // A listing that changed too: invalid outright, nothing to check file by file.
    write('b.go', 'package a\n');
    expect(revalidate(records, undefined, new Map(), isGo).edited).toBeUndefined();
  });

  test('a file that is gone, or is now a directory: invalid', () => {
    const records = record();
    rmSync(p('a.go'));
    expect(revalidate(records).valid).toBe(false);
    mkdirSync(p('a.go'));
    expect(revalidate(records).valid).toBe(false);
  });

  test('an entry added to the directory: invalid, unless the filter hides it', () => {
    const goOnly = (e: { name: string }): boolean => e.name.endsWith('.go');
    const all = record();
    const filtered = record(goOnly);
    write('default.pgo', 'profile');
    expect(revalidate(all).valid).toBe(false);
    expect(revalidate(filtered, goOnly)).toEqual({ valid: true, refreshed: true });
    write('b.go', 'package a\n');
    expect(revalidate(filtered, goOnly).valid).toBe(false);
  });

  test('a directory whose mtime changed but whose names did not: valid', () => {
    const records = record();
    write('tmp', '');
    rmSync(p('tmp'));
    utimesSync(dir, OLDER, OLDER);
    expect(revalidate(records)).toEqual({ valid: true, refreshed: true });
  });

  test('a path that was missing and now exists: invalid', () => {
    const records = record();
    write('missing', '');
    expect(revalidate(records).valid).toBe(false);
  });

  test('a file modified just before it was read is compared by content next time, then trusted', () => {
    write('a.go', 'package a\n', new Date());
    const records = record();
    expect(records.files[0]![2]).toBe(-1);
    utimesSync(p('a.go'), OLD, OLD);
    expect(revalidate(records)).toEqual({ valid: true, refreshed: true });
    expect(records.files[0]![2]).toBe(statSync(p('a.go')).mtimeMs);
  });

  test('a stat beside a listed directory is answered by the listing, whose record covers it', () => {
    const reader = new RecordingReader();
    reader.readDir(dir);
    expect(reader.stat(p('a.go'))).toBe('file');
    expect(reader.stat(p('pgo.yaml'))).toBeUndefined();
    expect(reader.records.stats).toEqual([]);
    write('pgo.yaml', 'profile: x.pgo\n');
    expect(revalidate(reader.records).valid).toBe(false);
  });

  test('a listing made by an earlier reader of the run is reused, seen through this reader\'s filter', () => {
    const goOnly = (e: { name: string }): boolean => e.name.endsWith('.go');
    write('default.pgo', 'profile');
    const first = new RecordingReader(goOnly);
    expect(first.readDir(dir)!.map((e) => e.name)).toEqual(['a.go']);
    rmSync(p('default.pgo'));
    // The second reader sees the directory as the first one listed it: one listing per run.
    const second = new RecordingReader(undefined, first);
    expect(second.readDir(dir)!.map((e) => e.name).sort()).toEqual(['a.go', 'default.pgo']);
    // Its record is of that listing, so the removal since is caught.
    expect(revalidate(second.records).valid).toBe(false);
    expect(revalidate(first.records, goOnly).valid).toBe(true);
  });
});
