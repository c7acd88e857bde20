import { parseTime, resolveWindow } from './time-window';
import { RemoteSourceError } from './remote-source-error';

const now = new Date('2025-03-01T12:00:00.000Z');

describe('parseTime', () => {
  it.each([
    ['now', '2025-03-01T12:00:00.000Z'],
    ['now-90s', '2025-03-01T11:58:30.000Z'],
    ['now-15m', '2025-03-01T11:45:00.000Z'],
    ['now-1h', '2025-03-01T11:00:00.000Z'],
    ['now-7d', '2025-02-22T12:00:00.000Z'],
    ['2024-05-01T12:00:00Z', '2024-05-01T12:00:00.000Z'],
    ['2024-05-01t12:00:00.25z', '2024-05-01T12:00:00.250Z'],
    ['2024-05-01T12:00:00.123456789+02:00', '2024-05-01T10:00:00.123Z'],
    ['2024-02-29T23:59:59-05:30', '2024-03-01T05:29:59.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseTime(text, now)?.toISOString()).toBe(iso);
  });

  it.each(['', 'now-1', 'now-1w', 'now+1h', 'now - 1h', 'yesterday', '2024-05-01', '2024-05-01T12:00:00', '2024-02-30T00:00:00Z', '2023-02-29T00:00:00Z', '2024-13-01T00:00:00Z', '2024-05-01T24:00:00Z', '2024-05-01T12:00:00+25:00', '1714564800'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text, now)).toBeUndefined();
    },
  );
});

describe('resolveWindow', () => {
  it('resolves both ends against the run clock', () => {
    expect(resolveWindow('x', 'now-1h', 'now', now)).toEqual({ start: new Date('2025-03-01T11:00:00Z'), end: now });
  });

  it('names the source, the key and the accepted forms', () => {
    expect(() => resolveWindow('parca https://p', 'now-1h', 'later', now)).toThrow(
      new RemoteSourceError("parca https://p: until 'later' is not a time: write now, now-<n>s/m/h/d (e.g. now-1h) or an RFC 3339 time such as 2024-05-01T12:00:00Z"),
    );
  });

  it('rejects an empty or reversed window', () => {
    expect(() => resolveWindow('gcp p s', 'now', 'now-1h', now)).toThrow(
      "gcp p s: the window from 'now' (2025-03-01T12:00:00.000Z) to 'now-1h' (2025-03-01T11:00:00.000Z) is empty: from must be before until",
    );
    expect(() => resolveWindow('gcp p s', 'now', 'now', now)).toThrow(RemoteSourceError);
  });
});
