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
// (all hops share one requestId) gets its own wire headers. Chromium sends a hop's request and response
// without Cookie and Set-Cookie (Network.requestWillBeSent, its redirectResponse, responseReceived) and
// the headers as sent and received in one requestWillBeSentExtraInfo and one responseReceivedExtraInfo
// per hop that went to the network, in hop order but interleaved with the next hop's events; hops that
// never left the browser (an HSTS upgrade's internal 307, a cached redirect) have none, which
// redirectHasExtraInfo / hasExtraInfo say. chrome-har 1.3.1 pairs them by requestId alone: a redirect's
// Set-Cookie is lost, the last hop of a chain gets the first hop's response headers, and a hop's Cookie
// can land on the next hop. So here the k-th extra-info events of a chain are paired with its k-th hop
// that went to the network: the response headers are put on that hop's response, the request's
// extra-info event is moved right after that hop's requestWillBeSent, and of the response extra-info
// events only the last hop's is handed on (chrome-har still reads its blocked cookies).
import { readFileSync, writeFileSync } from 'node:fs';
import { harFromMessages } from 'chrome-har';

const [eventsFile, outFile, ...flags] = process.argv.slice(2);
if (!eventsFile || !outFile || flags.some(f => f !== '--sanitized')) {
  console.error('usage: node har.mjs EVENTS.json OUT.har [--sanitized]');
  process.exit(2);
}

function pairHopsWithWireHeaders(events) {
  const chains = new Map(); // requestId -> {hops: [{sent, response, network}], requestExtras, responseExtras}
  const chain = id => chains.get(id) ?? chains.set(id, { hops: [], requestExtras: [], responseExtras: [] }).get(id);
  for (const event of events) {
    const { method, params } = event;
    if (method === 'Network.requestWillBeSent') {
      const c = chain(params.requestId);
      const previous = c.hops.at(-1);
      if (params.redirectResponse && previous) {
        previous.response = params.redirectResponse;
        previous.network = params.redirectHasExtraInfo !== false;
      }
      c.hops.push({ sent: event, response: undefined, network: true });
    } else if (method === 'Network.responseReceived') {
      const hop = chain(params.requestId).hops.at(-1);
      if (hop) {
        hop.response = params.response;
        hop.network = params.hasExtraInfo !== false;
      }
    } else if (method === 'Network.requestWillBeSentExtraInfo') {
      chain(params.requestId).requestExtras.push(event);
    } else if (method === 'Network.responseReceivedExtraInfo') {
      chain(params.requestId).responseExtras.push(event);
    }
  }
  const after = new Map(); // a hop's requestWillBeSent event -> its request extra-info event
  const keep = new Set();
  for (const c of chains.values()) {
    const network = c.hops.filter(h => h.network);
    c.requestExtras.forEach((extra, k) => network[k] && after.set(network[k].sent, extra));
    c.responseExtras.forEach((extra, k) => {
      if (network[k]?.response && extra.params.headers) network[k].response.headers = extra.params.headers;
    });
    if (c.responseExtras.length) keep.add(c.responseExtras.at(-1));
  }
  const moved = new Set(after.values());
  const out = [];
  for (const event of events) {
    if (moved.has(event)) continue;
    if (event.method === 'Network.responseReceivedExtraInfo' && !keep.has(event)) continue;
    out.push(event);
    if (after.has(event)) out.push(after.get(event));
  }
  return out;
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
