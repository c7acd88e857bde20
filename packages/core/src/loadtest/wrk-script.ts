// The Lua script `{wrkScript}` names: it makes wrk (https://github.com/wg/wrk) send an exact
// number of requests, which wrk itself cannot (it runs for a duration). Each thread takes its
// share of the count given after `--`, holds back further requests once it has sent its share
// (delay()), and says on stderr when all of its responses are in; go-pgo then samples wrk's
// threads (still alive, idle) and interrupts wrk, which stops them and prints its summary. More
// arguments after the count are paths to cycle through.
//
//   wrk -t2 -c8 -d5m --latency -s {wrkScript} {url} -- {requests} /api/items /api/items/7
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** What a thread prints when its share is done: `go-pgo wrk: thread 1 of 2 done`. */
export const WRK_THREAD_DONE = /^go-pgo wrk: thread (\d+) of (\d+) done$/;

export const WRK_SCRIPT = `-- Written by go-pgo loadtest: stop after an exact number of requests (see wrk-script.ts).
local threads = {}
function setup(thread)
  table.insert(threads, thread)
  for i, t in ipairs(threads) do
    t:set("thread_count", #threads)
    t:set("thread_index", i)
  end
end

local limit, sent, received = 0, 0, 0
local requests = {}
function init(args)
  local total = tonumber(args[1])
  if total == nil then error("go-pgo: give the request count after --, e.g. -- {requests}") end
  limit = math.floor(total / thread_count)
  if thread_index <= total % thread_count then limit = limit + 1 end
  for i = 2, #args do requests[#requests + 1] = wrk.format(nil, args[i]) end
  if limit == 0 then report_done() end
end

function delay()
  sent = sent + 1
  -- A day: a connection past the thread's share sends nothing more before wrk is interrupted.
  if sent > limit then return 86400000 end
  return 0
end

function request()
  if #requests == 0 then return wrk.format() end
  return requests[(sent - 1) % #requests + 1]
end

function report_done()
  io.stderr:write(string.format("go-pgo wrk: thread %d of %d done\\n", thread_index, thread_count))
  io.stderr:flush()
end

function response(status, headers, body)
  received = received + 1
  if received == limit then report_done() end
end
`;

/** Writes the script into `dir` and returns its path. */
export async function writeWrkScript(dir: string): Promise<string> {
  const file = path.join(dir, 'go-pgo-requests.lua');
  await writeFile(file, WRK_SCRIPT);
  return file;
}
