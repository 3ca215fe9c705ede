package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.check.Scope;
import authdoctor.collect.secrets.SecretsCollector;
import authdoctor.observation.Collected;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import authdoctor.observation.SecretFingerprints;
import authdoctor.report.Format;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code authdoctor fingerprint}: a machine's secrets as keyed fingerprints (HMAC-SHA256 under the report
 * key or a shared {@code --key-file}), never their values, so instances can be compared ({@code --compare})
 * without revealing them: the safe replacement for {@code printenv | grep SECRET} on each box.
 *
 * <p>Trace: one step per secret ({@code name}, {@code source}, {@code fingerprint}, {@code length},
 * {@code key_id}); with {@code --compare}, one step per file ({@code instance}, {@code key_id},
 * {@code secrets}).
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "fingerprint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Fingerprint secrets to compare instances without revealing them.",
      "Reads secrets from the environment (--env: names like SECRET_KEY, SESSION_SECRET, JWT_*, *_KEY), dotenv files (--file) or by name (--name), and shows each as a keyed fingerprint and its length: session.secret-weak for a framework's sample, a placeholder or a short value. Save the JSON of each instance and compare them with --compare: session.secret-mismatch names the instances that differ. Use one --key-file on every machine so that their fingerprints compare."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  head -c 32 /dev/urandom > team.key        # once; copy it to every machine",
      "  authdoctor fingerprint --env --key-file team.key --format json -o web-1.json",
      "  authdoctor fingerprint --file /srv/app/.env --name SESSION_SECRET --key-file team.key --format json -o web-2.json",
      "  authdoctor fingerprint --compare web-1.json web-2.json --key-file team.key",
      "",
      "Values never appear: only fingerprints (8 hex digits of HMAC-SHA256 under the key) and lengths."
    })
final class FingerprintCommand implements Callable<Integer> {
  static final Scope SECRETS = Scope.areas("session").withoutStack();
  /** The text whose fingerprint identifies the key: two files compare only when theirs agree. */
  static final String KEY_ID_TEXT = "authdoctor fingerprint key";
  private static final int MAX_FILE = 1 << 20;

  private final Io io;

  @Option(names = "--env", description = "Every environment variable whose name looks like a secret.")
  boolean env;

  @Option(names = "--file", paramLabel = "FILE", description = "A dotenv file (KEY=value lines); its secret-looking names, or those of --name (repeatable).")
  List<Path> files = new ArrayList<>();

  @Option(names = "--name", paramLabel = "VAR", description = "This variable, whatever its name (repeatable): from --file when given, else from the environment.")
  List<String> names = new ArrayList<>();

  @Option(names = "--key-file", paramLabel = "FILE", description = "The fingerprint key (at least 16 bytes), shared by every machine you compare; default: this user's report key.")
  @Nullable Path keyFile;

  @Option(names = "--compare", arity = "2..*", paramLabel = "JSON", description = "Compare the JSON outputs of fingerprint --format json from several instances.")
  List<Path> compare = new ArrayList<>();

  @Mixin OutputMixin output;

  FingerprintCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = redactor();
    String keyId = redactor.fingerprint(KEY_ID_TEXT);
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    if (!compare.isEmpty()) {
      if (env || !files.isEmpty() || !names.isEmpty()) throw new UsageError("--compare reads saved fingerprints: no --env, --file or --name with it");
      return compare(doctor, redactor);
    }
    if (!env && files.isEmpty() && names.isEmpty()) throw new UsageError("say what to fingerprint: --env, --file FILE or --name VAR (or --compare A.json B.json)");
    Map<String, String> texts = new LinkedHashMap<>();
    for (Path f : files) texts.put(f.toString(), read("--file", f));
    Collected collected = new SecretsCollector().collect(new SecretsCollector.Request(io.env(), env, texts, names));
    List<Step> steps = new ArrayList<>();
    for (Observation o : collected.observations()) {
      if (!(o instanceof DeploySetting s)) continue;
      redactor.credential(s.value());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", steps.size() + 1);
      json.put("name", s.key());
      json.put("source", s.file());
      json.put("fingerprint", s.value().isEmpty() ? null : redactor.fingerprint(s.value()));
      json.put("length", s.value().length());
      json.put("key_id", keyId);
      steps.add(new Step(json, List.of(s.key() + " (" + s.file() + "): " + redactor.marker(s.value()))));
    }
    if (steps.isEmpty()) io.err().println("authdoctor: no secret found (--env looks for names like SECRET_KEY, SESSION_SECRET, JWT_*, *_KEY)");
    Report report = doctor.diagnose("fingerprint", null, collected.withTrace(steps), SECRETS);
    for (Problem p : collected.problems()) io.err().println("authdoctor: " + Main.oneLine(p.source() + ": " + p.message()));
    return output.emit(report, redactor, io);
  }

  private int compare(AuthDoctor doctor, Redactor redactor) {
    List<Observation> seen = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    String keyId = null;
    for (Path f : compare) {
      SecretFingerprints fp = fingerprints(f);
      if (keyId != null && !keyId.equals(fp.keyId())) {
        throw new UsageError("--compare " + f + ": made with another key than " + compare.get(0)
            + ": fingerprint every instance with the same --key-file");
      }
      keyId = fp.keyId();
      seen.add(fp);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", steps.size() + 1);
      json.put("instance", fp.instance());
      json.put("key_id", fp.keyId());
      json.put("secrets", fp.secrets().size());
      steps.add(new Step(json, List.of(fp.instance() + ": " + fp.secrets().size() + " secret(s)")));
    }
    Collected collected = new Collected(seen, List.of()).withTrace(steps);
    Report report = doctor.diagnose("fingerprint", null, collected, SECRETS);
    return output.emit(report, redactor, io);
  }

  /** The fingerprints in one saved {@code fingerprint --format json} output. */
  private static SecretFingerprints fingerprints(Path f) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(read("--compare", f));
    } catch (IOException e) {
      throw new UsageError("--compare " + f + ": not JSON (" + Main.oneLine(e.getMessage()) + ")");
    }
    if (root == null || !"fingerprint".equals(root.path("command").asText()) || !root.path("steps").isArray()) {
      throw new UsageError("--compare " + f + ": not the JSON output of authdoctor fingerprint --format json");
    }
    List<SecretFingerprints.Secret> secrets = new ArrayList<>();
    String keyId = null;
    for (JsonNode s : root.get("steps")) {
      if (!s.path("fingerprint").isTextual() || !s.path("name").isTextual()) continue;
      keyId = s.path("key_id").asText();
      secrets.add(new SecretFingerprints.Secret(s.get("name").asText(), s.get("fingerprint").asText(), s.path("length").asInt()));
    }
    if (keyId == null) throw new UsageError("--compare " + f + ": holds no fingerprint");
    return new SecretFingerprints(f.toString(), keyId, secrets);
  }

  private Redactor redactor() {
    if (keyFile == null) return Redactor.forUser();
    try {
      if (!Files.isRegularFile(keyFile) || Files.size(keyFile) < 16) {
        throw new UsageError("--key-file " + keyFile + ": not a key of at least 16 bytes (make one with: head -c 32 /dev/urandom > " + keyFile + ")");
      }
      return new Redactor(Files.readAllBytes(keyFile));
    } catch (IOException e) {
      throw new UsageError("--key-file " + keyFile + ": cannot read the file: " + Args.fileProblem(keyFile, e));
    }
  }

  private static String read(String flag, Path file) {
    try {
      if (Files.size(file) > MAX_FILE) throw new UsageError(flag + " " + file + ": larger than " + MAX_FILE + " bytes");
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UsageError(flag + " " + file + ": cannot read the file: " + Args.fileProblem(file,
          e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e));
    }
  }
}
