package authdoctor;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this build, from the filtered {@code authdoctor/version.properties}. */
public final class Version {
  private static final String VERSION = load();

  /** Where to report a bug, printed with every internal error. */
  public static final String BUG_REPORT =
      "This is a bug in authdoctor: please report it on the authdoctor issue tracker with the"
          + " output of 'authdoctor --version' and the command line (secrets removed).";

  private Version() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = Version.class.getResourceAsStream("/authdoctor/version.properties")) {
      if (in == null) return "dev";
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "dev");
    } catch (IOException e) {
      return "dev";
    }
  }
}
