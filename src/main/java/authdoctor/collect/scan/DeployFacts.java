package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.AppServer;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import authdoctor.observation.Observation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the readers of one deployment file found, as observations: each process with its environment, the
 * variables its start command assigns, and the app server it starts (gunicorn, uvicorn) with that
 * server's forwarded-header trust.
 */
final class DeployFacts {
  final List<Observation> observations = new ArrayList<>();
  int settings;
  int processes;

  void setting(DeploySetting s) {
    observations.add(s);
    settings++;
  }

  /**
   * A process and what its command says.
   *
   * @param env the settings the file gives this process (already added with {@link #setting})
   * @param commandAt where the command is written (for its assignments and app server)
   */
  void process(DeployProcess p, List<DeploySetting> env, Location commandAt) {
    observations.add(p);
    processes++;
    List<String> words = ShellWords.split(p.command());
    List<DeploySetting> all = new ArrayList<>(env);
    for (String w : words) {
      String[] a = ShellWords.assignment(w);
      if (a != null) {
        DeploySetting s = new DeploySetting(Format.COMMAND, p.file(), a[0], a[1], commandAt, p.name());
        setting(s);
        all.add(s);
      }
    }
    AppServer server = appServer(words, p, all, commandAt);
    if (server != null) observations.add(server);
  }

  /** The gunicorn or uvicorn the command starts, or null. */
  private static @Nullable AppServer appServer(List<String> words, DeployProcess p, List<DeploySetting> env, Location at) {
    int start = -1;
    String server = null;
    for (int i = 0; i < words.size() && start < 0; i++) {
      String w = words.get(i);
      String name = w.substring(w.lastIndexOf('/') + 1);
      if (name.equals("gunicorn") || name.equals("uvicorn")) {
        start = i;
        server = name;
      }
    }
    if (server == null) return null;
    String bind = null;
    String host = null;
    String port = null;
    String trusted = null;
    boolean proxyHeaders = true;
    for (int i = start + 1; i < words.size() && !ShellWords.separator(words.get(i)); i++) {
      String w = words.get(i);
      String next = i + 1 < words.size() ? words.get(i + 1) : "";
      String opt = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
      String val = w.contains("=") && w.startsWith("--") ? w.substring(w.indexOf('=') + 1) : next;
      boolean inline = !opt.equals(w);
      switch (opt) {
        case "-b", "--bind" -> bind = val;
        case "--host" -> host = val;
        case "--port" -> port = val;
        case "--uds" -> bind = "unix:" + val;
        case "--forwarded-allow-ips" -> trusted = val;
        case "--proxy-headers" -> proxyHeaders = true;
        case "--no-proxy-headers" -> proxyHeaders = false;
        default -> {
          if (w.startsWith("-b") && w.length() > 2) bind = w.substring(2);
          continue;
        }
      }
      if (!inline && !opt.equals("--proxy-headers") && !opt.equals("--no-proxy-headers")) i++;
    }
    if (server.equals("uvicorn") && bind == null) bind = (host == null ? "127.0.0.1" : host) + ":" + (port == null ? "8000" : port);
    Location trustedAt = trusted != null ? at : null;
    if (trusted == null) {
      for (DeploySetting s : env) {
        if (s.key().equals("FORWARDED_ALLOW_IPS")) {
          trusted = s.value();
          trustedAt = s.location();
        }
      }
    }
    return new AppServer(server, p.file(), p.name(), bind, trusted, trustedAt, proxyHeaders, p.published(), at);
  }
}
