package authdoctor.collect.browser;

import authdoctor.scenario.ScenarioKeys;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A {@link BrowserRun} as JSON, for the {@code steps} of {@code authdoctor cookie --browser chromium}'s
 * report and for the differential test's logs. Field names are snake_case like the rest of our JSON;
 * there are no cookie values to leak, since a {@link BrowserRun} holds none.
 *
 * <pre>
 * {"browser": "Chrome/156.0.8078.108", "third_party_cookies": "allowed", "complete": true,
 *  "steps": [{"step": 1, "kind": "response", "url": "…",
 *             "cookies": [{"line": 0, "name": "sid", "stored": false, "reasons": ["SameSiteNoneInsecure"], "in_jar": false}]},
 *            {"step": 2, "kind": "request", "url": "…",
 *             "cookies": [{"name": "sid", "domain": "app.example.com", "path": "/", "sent": true, "reasons": []}],
 *             "received_cookie_names": ["sid"]},
 *            {"step": 3, "kind": "not_replayed", "url": "…", "reason": "…"},
 *            {"step": 4, "kind": "not_sent", "url": "…", "error": "(mixed-content)"}],
 *  "jar": [{"name": "sid", "domain": "app.example.com", "path": "/", "secure": true, "http_only": true,
 *           "same_site": "Lax", "expires": null, "partition_key": null}],
 *  "elapsed_ms": 512}
 * </pre>
 */
public final class BrowserRunJson {
  private BrowserRunJson() {}

  public static ObjectNode toJson(BrowserRun run) {
    ObjectNode root = Json.object();
    root.put("browser", run.browserVersion());
    root.put("third_party_cookies", ScenarioKeys.key(run.thirdPartyCookies()));
    root.put("complete", run.complete());
    ArrayNode steps = root.putArray("steps");
    for (BrowserStep s : run.steps()) {
      ObjectNode o = steps.addObject();
      o.put("step", s.step());
      switch (s) {
        case BrowserStep.Response r -> {
          o.put("kind", "response");
          o.put("url", r.url().toString());
          ArrayNode cookies = o.putArray("cookies");
          for (StoreOutcome c : r.cookies()) {
            ObjectNode co = cookies.addObject();
            co.put("line", c.line());
            co.put("name", c.name());
            co.put("stored", c.stored());
            strings(co.putArray("reasons"), c.reasons());
            co.put("in_jar", c.inJar());
          }
        }
        case BrowserStep.Request r -> {
          o.put("kind", "request");
          o.put("url", r.url().toString());
          ArrayNode cookies = o.putArray("cookies");
          for (SendOutcome c : r.cookies()) {
            ObjectNode co = cookies.addObject();
            co.put("name", c.name());
            co.put("domain", c.domain());
            co.put("path", c.path());
            co.put("sent", c.sent());
            strings(co.putArray("reasons"), c.reasons());
          }
          strings(o.putArray("received_cookie_names"), r.receivedCookieNames());
        }
        case BrowserStep.NotSent n -> {
          o.put("kind", "not_sent");
          o.put("url", n.url().toString());
          o.put("error", n.error());
        }
        case BrowserStep.NotReplayed n -> {
          o.put("kind", "not_replayed");
          o.put("url", n.url().toString());
          o.put("reason", n.reason());
        }
      }
    }
    ArrayNode jar = root.putArray("jar");
    for (JarCookie c : run.jar()) {
      ObjectNode o = jar.addObject();
      o.put("name", c.name());
      o.put("domain", c.domain());
      o.put("path", c.path());
      o.put("secure", c.secure());
      o.put("http_only", c.httpOnly());
      o.put("same_site", c.sameSite());
      if (c.expires() == null) o.putNull("expires");
      else o.put("expires", c.expires().toString());
      if (c.partitionKey() == null) o.putNull("partition_key");
      else o.put("partition_key", c.partitionKey());
    }
    root.put("elapsed_ms", run.elapsed().toMillis());
    return root;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }
}
