package authdoctor.testing;

import authdoctor.check.Check;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which fixtures feed which detector. An id may have several detectors, named {@code <IdName><Source>}:
 * no suffix for the live collectors (the probe, the cookie model, the JWT reader), {@code In<Source>} for
 * another input ({@code ProxyForwardedProtoMissingInNginx}). Each reads the fixtures of the id's folder
 * whose extension is its source's (the formats are in {@code src/test/resources/checks/README.md}).
 */
public final class FixtureSources {
  private FixtureSources() {}

  /** Source suffix → the fixture extensions of that source. Add a source here with its fixture format. */
  public static final Map<String, List<String>> EXTENSIONS =
      Map.of("", List.of(".http", ".probe.yaml", ".cookie.yaml", ".jwt.yaml", ".har"), "InNginx", List.of(".conf"),
          "InRedisConf", List.of(".redis.conf"), "InEnv", List.of(".env"), "InDeploy", List.of(".deploy"), "InApp", List.of(".app"),
          "InFingerprints", List.of(".fingerprints.yaml"), "InSavedSession", List.of(".saved.yaml"));

  /** {@code cookie.samesite-none-insecure} → {@code CookieSamesiteNoneInsecure}. */
  public static String idName(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[.-]")) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    return sb.toString();
  }

  /** The source suffix of a detector of {@code id}: "" or {@code In…}; null when the class is misnamed. */
  public static @Nullable String source(Check check, String id) {
    String name = check.getClass().getSimpleName();
    String base = idName(id);
    if (!name.startsWith(base)) return null;
    String suffix = name.substring(base.length());
    return suffix.isEmpty() || suffix.matches("In[A-Z][A-Za-z0-9]*") ? suffix : null;
  }

  /** Whether this fixture file is one of this detector's: its extension is its source's. */
  public static boolean feeds(Check check, String id, Path fixture) {
    String source = source(check, id);
    String name = fixture.getFileName().toString();
    return source != null && EXTENSIONS.getOrDefault(source, List.of()).stream().anyMatch(name::endsWith);
  }
}
