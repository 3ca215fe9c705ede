package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;

/**
 * A host name a deployment file defines for a service, by which the others reach it: a docker compose
 * service, its {@code container_name}, {@code hostname} and network {@code aliases} (Compose
 * specification, "services"), or a Kubernetes Service ({@code NAME}, {@code NAME.NAMESPACE},
 * {@code NAME.NAMESPACE.svc…}).
 *
 * @param file the file that defines it
 * @param name the name
 * @param location where it is defined
 */
public record ServiceName(String file, String name, Location location) implements Observation {
  public ServiceName {
    requireNonNull(file);
    requireNonNull(name);
    requireNonNull(location);
  }
}
