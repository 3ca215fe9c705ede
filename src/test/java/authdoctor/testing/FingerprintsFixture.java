package authdoctor.testing;

import authdoctor.observation.Observation;
import authdoctor.observation.SecretFingerprints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code .fingerprints.yaml} fixture format: the instances {@code fingerprint --compare} reads, one list
 * item per file, {@code - {instance: a.json, key: k1, secrets: [{name, fp, length}]}}. {@code # expect: <id>}
 * on the line above an item says a finding of that id points at that instance ({@code a.json:1}).
 */
public record FingerprintsFixture(List<Observation> observations, Set<String> expected) {
  public static FingerprintsFixture parse(String yaml) throws IOException {
    List<?> items = new ObjectMapper(new YAMLFactory()).readValue(yaml, List.class);
    List<Observation> out = new ArrayList<>();
    for (Object item : items) {
      Map<?, ?> m = (Map<?, ?>) item;
      List<SecretFingerprints.Secret> secrets = new ArrayList<>();
      for (Object o : (List<?>) m.get("secrets")) {
        Map<?, ?> s = (Map<?, ?>) o;
        secrets.add(new SecretFingerprints.Secret(s.get("name").toString(), s.get("fp").toString(), ((Number) s.get("length")).intValue()));
      }
      out.add(new SecretFingerprints(m.get("instance").toString(), m.get("key").toString(), secrets));
    }
    Set<String> expected = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>();
    int index = 0;
    for (String line : yaml.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("# expect:")) {
        pending.add(t.substring("# expect:".length()).strip());
      } else if (line.startsWith("- ")) {
        String instance = ((SecretFingerprints) out.get(index++)).instance();
        for (String id : pending) expected.add(id + " " + instance + ":1");
        pending.clear();
      }
    }
    return new FingerprintsFixture(out, expected);
  }
}
