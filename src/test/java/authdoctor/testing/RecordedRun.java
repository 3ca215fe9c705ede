package authdoctor.testing;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.collect.probe.ProbeCollector;
import authdoctor.collect.probe.ProbeConfig;
import authdoctor.observation.Collected;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.report.trace.ProbeSteps;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A real probe run kept as its HTTP traffic ({@code src/test/resources/recorded/*.run.json}): the flow
 * (base URL, login, protected and logout paths, the direct URL) and every exchange as it went on the wire,
 * by step. {@link #replay} runs the real probe again — browser model, phases, checks' observations —
 * answering each request from the recording, so its trace can be compared with a golden file without the
 * lab. A request the recording does not hold at that step fails the replay: the probe's flow changed, and
 * the run must be recorded again ({@code AUTHDOCTOR_UPDATE_GOLDEN=1} on the lab test {@code
 * RecordedRunLabTest}). The password is not kept: the login's answer is in the recording.
 *
 * @param at when the run was made: the replay's clock (cookie lifetimes are judged against it)
 */
public record RecordedRun(String name, Flow flow, Instant at, List<HttpExchange> exchanges) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** The probe flags of the run. */
  public record Flow(URI base, String login, String user, List<String> protectedPaths, @Nullable String logout,
      @Nullable URI direct) {
    public Flow {
      protectedPaths = List.copyOf(protectedPaths);
    }

    public ProbeConfig config(String password) {
      return ProbeConfig.of(base).withLogin(login, user, password).withProtected(protectedPaths, logout)
          .withTopology(direct, List.of(), null).withRefresh(2);
    }
  }

  public RecordedRun {
    requireNonNull(name);
    requireNonNull(flow);
    requireNonNull(at);
    exchanges = List.copyOf(exchanges);
  }

  /** Runs the probe over the real network through {@code options}, keeping every exchange. */
  public static RecordedRun record(String name, Flow flow, String password, HttpOptions options, Redactor redactor) {
    Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<HttpExchange> seen = new ArrayList<>();
    try (HttpCollector http = new HttpCollector(options) {
      @Override
      public HttpExchange send(HttpRequestSpec spec, @Nullable Instant deadline) {
        HttpExchange x = super.send(spec, deadline);
        synchronized (seen) {
          seen.add(x);
        }
        return x;
      }
    }) {
      new ProbeCollector(http, redactor, Clock.systemUTC(), line -> {}).collect(flow.config(password));
    }
    seen.sort(java.util.Comparator.comparingInt(HttpExchange::step));
    return new RecordedRun(name, flow, at, seen);
  }

  /** The probe run again, each request answered from the recording. */
  public Collected replay(Redactor redactor) {
    Map<Integer, HttpExchange> byStep = new ConcurrentHashMap<>();
    for (HttpExchange x : exchanges) byStep.put(x.step(), x);
    try (HttpCollector http = new HttpCollector(HttpOptions.defaults()) {
      @Override
      public HttpExchange send(HttpRequestSpec spec, @Nullable Instant deadline) {
        HttpExchange x = byStep.remove(spec.step());
        if (x == null || !x.method().equals(spec.method()) || !x.url().equals(spec.url())) {
          throw new AssertionError(name + ": step " + spec.step() + " " + spec.method() + " " + spec.url()
              + " is not in the recording" + (x == null ? "" : " (it has " + x.method() + " " + x.url() + ")")
              + ": the probe's flow changed; record the run again");
        }
        String cookie = spec.headers().stream().filter(h -> h.is("Cookie")).map(HeaderField::value).findFirst().orElse(null);
        if (!Objects.equals(cookie, x.requestHeader("Cookie").orElse(null))) {
          throw new AssertionError(name + ": step " + spec.step() + " sends another Cookie header than the recorded run");
        }
        return new HttpExchange(spec.step(), spec.label(), x.method(), x.url(), x.requestHeaders(), x.status(), x.protocol(),
            x.responseHeaders(), x.body(), x.bodyTruncated(), Duration.ZERO, null, x.error());
      }
    }) {
      return new ProbeCollector(http, redactor, Clock.fixed(at, ZoneOffset.UTC), line -> {})
          .collect(flow.config("replayed-password"));
    }
  }

  /** The replay's trace: {@code steps[]} as the JSON report prints it, then each step's text lines. */
  public static String json(List<Step> steps) throws IOException {
    return JSON.writeValueAsString(steps.stream().map(Step::json).toList()) + "\n";
  }

  public static String text(List<Step> steps) {
    StringBuilder sb = new StringBuilder();
    for (Step s : steps) for (String line : s.text()) sb.append(line).append('\n');
    return sb.toString();
  }

  /** The replay's steps, rendered as every report does. */
  public List<Step> steps(Redactor redactor) {
    return ProbeSteps.of(replay(redactor).observations(), redactor);
  }

  // ------------------------------------------------------------------------------------------ the file

  public static Path file(String name) {
    return Path.of("src/test/resources/recorded", name + ".run.json");
  }

  public static RecordedRun read(String name) throws IOException {
    JsonNode root = JSON.readTree(Files.readString(file(name), StandardCharsets.UTF_8));
    JsonNode f = root.get("flow");
    List<String> paths = new ArrayList<>();
    f.get("protected").forEach(p -> paths.add(p.asText()));
    Flow flow = new Flow(URI.create(f.get("base").asText()), f.get("login").asText(), f.get("user").asText(), paths,
        text(f.get("logout")), f.get("direct").isNull() ? null : URI.create(f.get("direct").asText()));
    List<HttpExchange> xs = new ArrayList<>();
    for (JsonNode x : root.get("exchanges")) {
      xs.add(new HttpExchange(x.get("step").asInt(), x.get("label").asText(), x.get("method").asText(),
          URI.create(x.get("url").asText()), headers(x.get("request_headers")), x.get("status").asInt(),
          x.get("protocol").asText(), headers(x.get("response_headers")), x.get("body").asText(),
          x.get("body_truncated").asBoolean(), Duration.ZERO, null, text(x.get("error"))));
    }
    return new RecordedRun(root.get("name").asText(), flow, Instant.parse(root.get("at").asText()), xs);
  }

  public void write() throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("name", name);
    root.put("at", at.toString());
    ObjectNode f = root.putObject("flow");
    f.put("base", flow.base().toString());
    f.put("login", flow.login());
    f.put("user", flow.user());
    ArrayNode paths = f.putArray("protected");
    flow.protectedPaths().forEach(paths::add);
    f.put("logout", flow.logout());
    f.put("direct", flow.direct() == null ? null : flow.direct().toString());
    ArrayNode xs = root.putArray("exchanges");
    for (HttpExchange x : exchanges) {
      ObjectNode n = xs.addObject();
      n.put("step", x.step());
      n.put("label", x.label());
      n.put("method", x.method());
      n.put("url", x.url().toString());
      n.set("request_headers", headers(x.requestHeaders()));
      n.put("status", x.status());
      n.put("protocol", x.protocol());
      n.set("response_headers", headers(x.responseHeaders()));
      n.put("body", x.body());
      n.put("body_truncated", x.bodyTruncated());
      n.put("error", x.error());
    }
    Files.createDirectories(file(name).getParent());
    Files.writeString(file(name), JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
  }

  private static ArrayNode headers(List<HeaderField> fields) {
    ArrayNode a = JSON.createArrayNode();
    for (HeaderField h : fields) a.addObject().put("name", h.name()).put("value", h.value());
    return a;
  }

  private static List<HeaderField> headers(JsonNode a) {
    List<HeaderField> out = new ArrayList<>();
    a.forEach(h -> out.add(new HeaderField(h.get("name").asText(), h.get("value").asText())));
    return out;
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
