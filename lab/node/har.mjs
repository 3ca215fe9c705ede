// Turns DevTools protocol events recorded by a test into a HAR 1.2 file with the independent converter
// chrome-har (which follows the layout of Chromium's own DevTools exporter), so that the tests of
// `authdoctor har` do not read HAR files written by authdoctor's own code.
//
//   node lab/node/har.mjs EVENTS.json OUT.har [--sanitized]
//
// EVENTS.json: an array of {"method": ..., "params": ...} in the order the browser sent them; a
// Network.responseReceived may carry response.body (the text Network.getResponseBody returned).
//
// One step comes before chrome-har, as the DevTools front end does it: each hop of a redirect chain
// (all hops share one requestId) gets its own wire headers. Chromium sends the hops' responses without
// Set-Cookie (Network.requestWillBeSent's redirectResponse, Network.responseReceived) and the raw
// headers in one Network.responseReceivedExtraInfo per hop, in hop order but interleaved with the next
// hop's events. chrome-har 1.3.1 pairs them by requestId only: a redirect's Set-Cookie is lost and the
// last hop of a chain gets the first hop's headers (its Location, its Set-Cookie). So the k-th
// extra-info event's headers become those of the k-th response of the chain, and only the last hop's
// extra-info event is handed on (chrome-har still reads its blocked cookies).
// --sanitized: as the browser's "Export HAR (sanitized)" does, drop the Cookie, Set-Cookie and
// Authorization headers and the cookie arrays of every request and response.
import { readFileSync, writeFileSync } from 'node:fs';
import { harFromMessages } from 'chrome-har';

const [eventsFile, outFile, ...flags] = process.argv.slice(2);
if (!eventsFile || !outFile || flags.some(f => f !== '--sanitized')) {
  console.error('usage: node har.mjs EVENTS.json OUT.har [--sanitized]');
  process.exit(2);
}

function pairHopsWithWireHeaders(events) {
  const responses = new Map(); // requestId -> the response object of each hop, in order
  const extras = new Map(); // requestId -> the responseReceivedExtraInfo params, in order
  const push = (map, id, v) => (map.get(id) ?? map.set(id, []).get(id)).push(v);
  for (const { method, params } of events) {
    if (method === 'Network.requestWillBeSent' && params.redirectResponse) {
      push(responses, params.requestId, params.redirectResponse);
    } else if (method === 'Network.responseReceived') {
      push(responses, params.requestId, params.response);
    } else if (method === 'Network.responseReceivedExtraInfo') {
      push(extras, params.requestId, params);
    }
  }
  const keep = new Set();
  for (const [id, list] of extras) {
    const hops = responses.get(id) ?? [];
    list.forEach((extra, k) => {
      if (hops[k] && extra.headers) hops[k].headers = extra.headers;
    });
    keep.add(list[list.length - 1]);
  }
  return events.filter(e => e.method !== 'Network.responseReceivedExtraInfo' || keep.has(e.params));
}

const events = pairHopsWithWireHeaders(JSON.parse(readFileSync(eventsFile, 'utf8')));
const har = harFromMessages(events, {
  includeTextFromResponseBody: true
});

if (flags.includes('--sanitized')) {
  const sensitive = new Set(['cookie', 'set-cookie', 'authorization']);
  for (const entry of har.log.entries) {
    for (const part of [entry.request, entry.response]) {
      part.headers = part.headers.filter(h => !sensitive.has(h.name.toLowerCase()));
      part.cookies = [];
    }
  }
}

writeFileSync(outFile, JSON.stringify(har, null, 2));
