package authdoctor.collect.secrets;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.collect.Collector;
import authdoctor.collect.scan.SettingsReader;
import authdoctor.observation.Collected;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the secrets {@code authdoctor fingerprint} compares: environment variables whose names look like
 * secrets ({@code SECRET_KEY}, {@code SESSION_SECRET}, {@code JWT_*}, {@code *_KEY}, …), the variables named,
 * and the same in dotenv files. Each becomes a {@link DeploySetting} of an env file (the environment is the
 * file {@code environment}, its variables in name order as lines), so the {@code .env} checks judge them.
 */
public final class SecretsCollector implements Collector<SecretsCollector.Request> {
  /** Names that hold secrets by convention. */
  static final Pattern SECRET_NAME = Pattern.compile(
      "(?i)(?!.*PUBLIC)(?:.*SECRET.*|JWT_.*|.*_KEY|.*_KEY_BASE|.*_SALT|.*_SIGNING_.*|.*_PASSWORD)");
  /** The file name environment variables are shown under. */
  public static final String ENVIRONMENT = "environment";

  /**
   * What to read.
   *
   * @param env the process environment
   * @param allEnv {@code --env}: every variable whose name looks like a secret
   * @param files {@code --file}: dotenv files, already read (file name → text)
   * @param names {@code --name}: variables taken whatever their names (from the files when given, else
   *     from the environment)
   */
  public record Request(Map<String, String> env, boolean allEnv, Map<String, String> files, List<String> names) {
    public Request {
      env = Map.copyOf(env);
      files = Map.copyOf(files);
      names = List.copyOf(names);
    }
  }

  @Override
  public Collected collect(Request r) {
    requireNonNull(r);
    List<DeploySetting> out = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    if (r.allEnv() || r.files().isEmpty() && !r.names().isEmpty()) {
      Map<String, String> sorted = new TreeMap<>(r.env());
      int line = 0;
      for (var e : sorted.entrySet()) {
        line++;
        if (wanted(e.getKey(), r.allEnv(), r.names())) {
          out.add(new DeploySetting(DeploySetting.Format.ENV, ENVIRONMENT, e.getKey(), e.getValue(),
              new Location.FileLine(ENVIRONMENT, line)));
        }
      }
    }
    for (var f : new TreeMap<>(r.files()).entrySet()) {
      for (DeploySetting s : SettingsReader.read(DeploySetting.Format.ENV, f.getKey(), f.getValue())) {
        if (wanted(s.key(), r.names().isEmpty(), r.names())) out.add(s);
      }
    }
    for (String name : r.names()) {
      if (out.stream().noneMatch(s -> s.key().equals(name))) problems.add(new Problem(name, "not set"));
    }
    return new Collected(out, problems);
  }

  private static boolean wanted(String name, boolean bySecretName, List<String> names) {
    return names.contains(name) || bySecretName && SECRET_NAME.matcher(name).matches();
  }
}
