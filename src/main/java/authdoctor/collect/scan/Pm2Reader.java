package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.collect.scan.js.JsModule;
import authdoctor.collect.scan.js.JsNode;
import authdoctor.collect.scan.js.JsParser;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a PM2 ecosystem file ({@code ecosystem.config.js} exporting {@code {apps: [...]}}, or its JSON
 * form): per app its {@code script} and {@code args}, {@code instances} (the copies PM2 starts; {@code
 * max} or {@code 0}/{@code -1} is one per CPU core, counted as two), and {@code env} merged with {@code
 * env_production} (what {@code pm2 start --env production} runs with).
 */
final class Pm2Reader {
  private Pm2Reader() {}

  static DeployFacts read(String file, String text) {
    DeployFacts facts = new DeployFacts();
    JsModule m = JsModule.of(text);
    JsNode top = m.exported();
    if (top == null) top = new JsParser(m.tokens()).expressionAt(0);
    JsModule.Found apps = m.property(top, "apps");
    if (apps == null || !(m.resolve(apps.value()) instanceof JsNode.Arr list)) return facts;
    for (JsNode item : list.items()) {
      JsNode app = m.resolve(item);
      String name = text(m, app, "name");
      String script = text(m, app, "script");
      String args = text(m, app, "args");
      JsModule.Found instancesAt = m.property(app, "instances");
      int replicas = 1;
      if (instancesAt != null && m.value(instancesAt.value()) instanceof Value.Literal(String n)) {
        try {
          int k = Integer.parseInt(n.strip());
          replicas = k <= 0 ? 2 : k;
        } catch (NumberFormatException e) {
          replicas = n.equalsIgnoreCase("max") ? 2 : 1;
        }
      }
      String instance = "pm2/" + (name != null ? name : script != null ? script : "app");
      Map<String, DeploySetting> env = new LinkedHashMap<>();
      for (String block : List.of("env", "env_production")) {
        JsModule.Found e = m.property(app, block);
        if (e == null || !(m.resolve(e.value()) instanceof JsNode.Obj o)) continue;
        for (JsNode.Prop p : o.props()) {
          if (p.key() == null || !(m.value(p.value()) instanceof Value.Literal(String v))) continue;
          env.put(p.key(), new DeploySetting(Format.PM2, file, p.key(), v, new Location.FileLine(file, p.line()), instance));
        }
      }
      List<DeploySetting> settings = new ArrayList<>(env.values());
      settings.forEach(facts::setting);
      String command = ((script == null ? "" : (script.endsWith(".js") ? "node " : "") + script) + (args == null ? "" : " " + args)).strip();
      int line = instancesAt != null ? instancesAt.line() : app.line();
      Location at = new Location.FileLine(file, line);
      facts.process(new DeployProcess(Format.PM2, file, instance, script == null ? null : "pm2 " + script, replicas, command, List.of(), at),
          settings, at);
    }
    return facts;
  }

  private static @Nullable String text(JsModule m, JsNode app, String key) {
    JsModule.Found f = m.property(app, key);
    return f != null && m.value(f.value()) instanceof Value.Literal(String t) ? t : null;
  }
}
