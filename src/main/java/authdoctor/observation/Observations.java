package authdoctor.observation;

import java.util.List;
import java.util.Optional;

/** Everything the collectors observed in one run, in the order they observed it. */
public record Observations(List<Observation> all) {
  public Observations {
    all = List.copyOf(all);
  }

  public static Observations of(Observation... observations) {
    return new Observations(List.of(observations));
  }

  /** All observations of one type, in order. */
  public <T extends Observation> List<T> of(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }

  public <T extends Observation> Optional<T> first(Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public boolean has(Class<? extends Observation> type) {
    return all.stream().anyMatch(type::isInstance);
  }
}
