package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.ServiceName;
import authdoctor.observation.DeploySetting.Format;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads Kubernetes manifests (one or more documents): the containers of a Deployment, StatefulSet,
 * DaemonSet, ReplicaSet, Job or Pod with {@code spec.replicas}, {@code command}/{@code args}, {@code env}
 * (literal values, and {@code valueFrom.secretKeyRef}/{@code configMapKeyRef} as references) and {@code
 * envFrom}; and the keys of Secrets ({@code data} base64-decoded, {@code stringData}) and ConfigMaps, as
 * settings of {@code secret/<name>} and {@code configmap/<name>}.
 */
final class KubernetesReader {
  private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "Pod");

  private KubernetesReader() {}

  static DeployFacts read(String file, List<Yaml> docs) {
    DeployFacts facts = new DeployFacts();
    for (Yaml d : docs) {
      if (!(d instanceof Yaml.Mapping doc) || doc.text("kind") == null) continue;
      String kind = doc.text("kind");
      String name = doc.map("metadata") != null && doc.map("metadata").text("name") != null ? doc.map("metadata").text("name") : kind.toLowerCase();
      if (kind.equals("Secret") || kind.equals("ConfigMap")) {
        data(file, kind.toLowerCase() + "/" + name, doc, kind.equals("Secret"), facts);
      } else if (kind.equals("Service")) {
        int line = doc.map("metadata") != null ? doc.map("metadata").lineOf("name") : doc.line();
        facts.observations.add(new ServiceName(file, name, new Location.FileLine(file, line)));
      } else if (WORKLOADS.contains(kind)) {
        workload(file, name, doc, kind.equals("Pod"), facts);
      } else if (kind.equals("List") && doc.get("items") instanceof Yaml.Sequence items) {
        facts.observations.addAll(read(file, items.items()).observations);
      }
    }
    return facts;
  }

  private static void workload(String file, String name, Yaml.Mapping doc, boolean pod, DeployFacts facts) {
    Yaml.Mapping spec = doc.map("spec");
    if (spec == null) return;
    int replicas = 1;
    if (!pod && spec.text("replicas") != null) {
      try {
        replicas = Math.max(0, Integer.parseInt(spec.text("replicas").strip()));
      } catch (NumberFormatException e) {
        replicas = 1;
      }
    }
    Yaml.Mapping podSpec = pod ? spec : spec.map("template") != null ? spec.map("template").map("spec") : null;
    if (podSpec == null || !(podSpec.get("containers") instanceof Yaml.Sequence containers)) return;
    for (Yaml c : containers.items()) {
      if (!(c instanceof Yaml.Mapping container)) continue;
      String instance = name + "/" + (container.text("name") == null ? "container" : container.text("name"));
      List<DeploySetting> env = new ArrayList<>();
      if (container.get("env") instanceof Yaml.Sequence list) {
        for (Yaml e : list.items()) {
          DeploySetting s = env(file, instance, e);
          if (s != null) {
            facts.setting(s);
            env.add(s);
          }
        }
      }
      if (container.get("envFrom") instanceof Yaml.Sequence from) {
        for (Yaml e : from.items()) {
          if (!(e instanceof Yaml.Mapping m)) continue;
          for (String ref : List.of("secretRef", "configMapRef")) {
            if (m.map(ref) != null && m.map(ref).text("name") != null) {
              facts.setting(new DeploySetting(Format.KUBERNETES, file, "envFrom", DeploySetting.REFERENCE + ref + " " + m.map(ref).text("name"),
                  new Location.FileLine(file, m.lineOf(ref)), instance));
            }
          }
        }
      }
      String command = (ComposeReader.words(container.get("command")) + " " + ComposeReader.words(container.get("args"))).strip();
      int line = container.get("command") != null ? container.lineOf("command") : container.get("args") != null ? container.lineOf("args") : container.lineOf("name");
      Location at = new Location.FileLine(file, line);
      String image = container.text("image");
      facts.process(new DeployProcess(Format.KUBERNETES, file, instance, image == null ? null : "image " + image, replicas, command, List.of(), at), env, at);
    }
  }

  /** {@code {name, value}} or {@code {name, valueFrom: {secretKeyRef: {name, key}}}}. */
  private static @Nullable DeploySetting env(String file, String instance, Yaml e) {
    if (!(e instanceof Yaml.Mapping m) || m.text("name") == null) return null;
    Location at = new Location.FileLine(file, m.line());
    if (m.text("value") != null) return new DeploySetting(Format.KUBERNETES, file, m.text("name"), m.text("value"), at, instance);
    Yaml.Mapping from = m.map("valueFrom");
    if (from == null) return null;
    for (String ref : List.of("secretKeyRef", "configMapKeyRef")) {
      Yaml.Mapping r = from.map(ref);
      if (r != null) {
        return new DeploySetting(Format.KUBERNETES, file, m.text("name"), DeploySetting.REFERENCE + ref + " " + r.text("name") + "/" + r.text("key"), at, instance);
      }
    }
    return null;
  }

  private static void data(String file, String instance, Yaml.Mapping doc, boolean secret, DeployFacts facts) {
    for (String field : List.of("data", "stringData")) {
      Yaml.Mapping data = doc.map(field);
      if (data == null) continue;
      for (Map.Entry<String, Yaml> e : data.entries().entrySet()) {
        if (!(e.getValue() instanceof Yaml.Scalar s)) continue;
        String value = s.value();
        if (secret && field.equals("data")) {
          try {
            value = new String(Base64.getMimeDecoder().decode(value.strip()), StandardCharsets.UTF_8);
          } catch (IllegalArgumentException notBase64) {
            continue;
          }
        }
        facts.setting(new DeploySetting(Format.KUBERNETES, file, e.getKey(), value, new Location.FileLine(file, data.lineOf(e.getKey())), instance));
      }
    }
  }
}
