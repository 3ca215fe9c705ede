package authdoctor.collect.cookie;

import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioException;
import authdoctor.scenario.ScenarioParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The real-world broken-cookie scenarios shipped in the jar ({@code authdoctor/scenarios/}), each with
 * the symptom an on-call engineer would report (its {@code # symptom:} comment).
 */
public final class BundledScenarios {
  private static final String ROOT = "/authdoctor/scenarios/";

  private BundledScenarios() {}

  /** One bundled scenario: its file name, the reported symptom, and the parsed steps. */
  public record Bundled(String name, String symptom, CookieScenario scenario) {}

  public static List<Bundled> all() {
    List<Bundled> out = new ArrayList<>();
    for (String line : read("index.txt").split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) continue;
      String text = read(name);
      String symptom = "";
      for (String l : text.split("\n")) {
        if (l.startsWith("# symptom:")) symptom = l.substring("# symptom:".length()).strip();
      }
      try {
        out.add(new Bundled(name, symptom, ScenarioParser.parse(text, name)));
      } catch (ScenarioException e) {
        throw new IllegalStateException("bundled scenario " + name + " is invalid: " + e.getMessage(), e);
      }
    }
    return out;
  }

  private static String read(String name) {
    try (InputStream in = BundledScenarios.class.getResourceAsStream(ROOT + name)) {
      if (in == null) throw new IllegalStateException("missing bundled scenario " + name);
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
