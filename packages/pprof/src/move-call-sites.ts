// Moving call sites after lines were inserted or removed in a function, so an old profile keeps
// steering PGO: Go's PGO finds a call edge by its caller's name and the call site's line offset
// from the caller's start_line, so a line inserted above a hot call drops its edge. A move
// changes that offset for one function: every line of the profile in `caller` that lies `from`
// lines below its start_line is put `to` lines below it (the caller's start_line stays; moving the
// whole function needs no move, offsets are relative to it). `go-pgo validate` names the edges
// whose call sites moved, with their offsets.
import type { Location, Profile } from './model';
import { TransformError } from './transform-error';

export interface CallSiteMove {
  /** The caller, by its exact name in the profile. */
  caller: string;
  /** Call-site offset (line − start_line) now in the profile. */
  from: number;
  /** Offset the call has in today's source. */
  to: number;
}

export function moveCallSites(profile: Profile, moves: CallSiteMove[]): Profile {
  const byCaller = checkMoves(moves);
  // Per function id: its start_line and the moves of its name.
  const functions = new Map<number, { startLine: number; offsets: Map<number, number> }>();
  for (const f of profile.function) {
    const offsets = byCaller.get(f.name);
    if (offsets !== undefined) functions.set(f.id, { startLine: f.startLine, offsets });
  }
  if (functions.size === 0) return { ...profile };
  const location = profile.location.map((l): Location => {
    let moved = false;
    const line = l.line.map((x) => {
      const f = functions.get(x.functionId);
      const to = f?.offsets.get(x.line - f.startLine);
      if (f === undefined || to === undefined) return x;
      moved = true;
      return { ...x, line: f.startLine + to };
    });
    return moved ? { ...l, line } : l;
  });
  return { ...profile, location };
}

function checkMoves(moves: CallSiteMove[]): Map<string, Map<number, number>> {
  const byCaller = new Map<string, Map<number, number>>();
  moves.forEach((move, i) => {
    if (typeof move?.caller !== 'string' || move.caller === '') {
      throw new TransformError('invalid-option', `call-site move ${i} has no caller: give the function's name as the profile has it`, `moves[${i}].caller`);
    }
    for (const field of ['from', 'to'] as const) {
      if (!Number.isSafeInteger(move[field])) {
        throw new TransformError('invalid-option', `call-site move ${i} has ${field} ${String(move[field])}: offsets are whole numbers of lines`, `moves[${i}].${field}`);
      }
    }
    let offsets = byCaller.get(move.caller);
    if (offsets === undefined) byCaller.set(move.caller, (offsets = new Map()));
    if (offsets.has(move.from)) {
      throw new TransformError('invalid-option', `call-site moves move ${move.caller}:+${move.from} twice: keep one`, `moves[${i}].from`);
    }
    offsets.set(move.from, move.to);
  });
  return byCaller;
}
