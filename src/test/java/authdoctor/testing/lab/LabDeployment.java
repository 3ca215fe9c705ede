package authdoctor.testing.lab;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.Resolve;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A running case of the lab: its {@code lab/cases/NAME/case.json} (the fields of lab/README.md) plus
 * the CA certificate of the run, which every https URL of the case is signed by.
 *
 * @param logs the directory of the case's app logs ({@code INSTANCE.log})
 * @param raw the whole case.json, for the fields some cases add ({@code flow}, {@code second_login},
 *     {@code client_headers}, {@code restart_loses_session}, {@code run})
 */
public record LabDeployment(
    String name,
    String stack,
    boolean healthy,
    URI baseUrl,
    List<String> resolve,
    List<URI> directUrls,
    Login login,
    String user,
    String password,
    List<URI> protectedUrls,
    @Nullable Request logout,
    @Nullable URI frontendOrigin,
    List<String> configFiles,
    List<String> expectErrors,
    List<String> acceptable,
    String symptom,
    Path caCert,
    Path logs,
    JsonNode raw) {
  public LabDeployment {
    requireNonNull(name);
    resolve = List.copyOf(resolve);
    directUrls = List.copyOf(directUrls);
    protectedUrls = List.copyOf(protectedUrls);
    configFiles = List.copyOf(configFiles);
    expectErrors = List.copyOf(expectErrors);
    acceptable = List.copyOf(acceptable);
  }

  /** One request of the flow: method and URL. */
  public record Request(String method, URI url) {}

  /**
   * How to sign in.
   *
   * @param formUrl the page with the login form, fetched first (cookies, CSRF token); null for APIs
   * @param fields field name to value, with {@code {user}}/{@code {password}} placeholders
   * @param csrfField the hidden form field that carries the CSRF token, null when none
   * @param tokenField the JSON field of the answer that holds a bearer token, null for cookie logins
   */
  public record Login(
      String method,
      URI url,
      @Nullable URI formUrl,
      String contentType,
      Map<String, String> fields,
      @Nullable String csrfField,
      @Nullable String tokenField) {
    public Login {
      fields = Map.copyOf(fields);
    }

    /** The fields with the placeholders filled in, in case.json order. */
    public Map<String, String> filled(String user, String password) {
      Map<String, String> out = new LinkedHashMap<>();
      fields.forEach((k, v) -> out.put(k, v.replace("{user}", user).replace("{password}", password)));
      return out;
    }
  }

  /** Reads {@code lab/cases/NAME/case.json}; {@code upJson} is what {@code lab/up --json} printed. */
  public static LabDeployment load(Path labDir, String name, String upJson) {
    ObjectMapper json = new ObjectMapper();
    try {
      JsonNode c = json.readTree(labDir.resolve("cases").resolve(name).resolve("case.json").toFile());
      JsonNode up = json.readTree(upJson);
      JsonNode l = c.get("login");
      Map<String, String> fields = new LinkedHashMap<>();
      l.get("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
      Login login = new Login(l.get("method").asText(), URI.create(l.get("url").asText()), uri(l.get("form_url")),
          l.get("content_type").asText(), fields, text(l.get("csrf_field")), text(l.get("token_field")));
      JsonNode lo = c.get("logout");
      Request logout = lo == null || lo.isNull() ? null
          : new Request(lo.get("method").asText(), URI.create(lo.get("url").asText()));
      return new LabDeployment(name, c.get("stack").asText(), c.get("healthy").asBoolean(),
          URI.create(c.get("base_url").asText()), strings(c.get("resolve")),
          strings(c.get("direct_urls")).stream().map(URI::create).toList(), login, c.get("user").asText(),
          c.get("password").asText(), strings(c.get("protected")).stream().map(URI::create).toList(), logout,
          uri(c.get("frontend_origin")), strings(c.get("config_files")), strings(c.get("expect_errors")),
          strings(c.get("acceptable")), c.get("symptom").asText(), Path.of(up.get("cacert").asText()),
          Path.of(up.get("logs").asText()), c);
    } catch (IOException e) {
      throw new UncheckedIOException("lab case " + name + ": " + e.getMessage(), e);
    }
  }

  /** Curl-like options for this case: its {@code --resolve} pins and {@code --cacert}. */
  public HttpOptions httpOptions() {
    return HttpOptions.defaults()
        .withResolve(resolve.stream().map(Resolve::parse).toList())
        .withCaCert(caCert);
  }

  /** The first protected URL (the dashboard, or {@code /api/me} for APIs). */
  public URI dashboard() {
    return protectedUrls.get(0);
  }

  /** A URL on the case's public origin: {@code url("/dashboard")}. */
  public URI url(String path) {
    return baseUrl.resolve(path);
  }

  /** A text field of case.json that only some cases have. */
  public Optional<String> extra(String field) {
    return Optional.ofNullable(text(raw.get(field)));
  }

  /** Restarts the case's app instances (a deploy); shared processes keep running. */
  public void restart() {
    Lab.restart(name);
  }

  private static @Nullable String text(@Nullable JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }

  private static @Nullable URI uri(@Nullable JsonNode n) {
    String t = text(n);
    return t == null ? null : URI.create(t);
  }

  private static List<String> strings(@Nullable JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null) n.forEach(v -> out.add(v.asText()));
    return out;
  }
}
