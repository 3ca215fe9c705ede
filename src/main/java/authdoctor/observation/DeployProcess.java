package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A process a deployment file starts: a docker compose service, a Kubernetes container, a systemd unit,
 * a Procfile process type, a Dockerfile's {@code CMD}/{@code ENTRYPOINT}. Its environment is in the
 * {@link DeploySetting}s whose {@code instance} is its {@link #name}.
 *
 * @param source what file it comes from
 * @param file the file, relative to the scanned root
 * @param name the instance ({@code web}, {@code app/web}, {@code app1.service}, {@code web}); unique within the scan
 * @param program what it runs, to tell replicas of one app from different apps: the image, the build
 *     context, or the command with its numbers left out ({@code gunicorn -b 127.0.0.1:# app:app}); null
 *     when unknown
 * @param replicas how many copies run ({@code deploy.replicas}, {@code scale}, {@code spec.replicas}), 1 when not said
 * @param command the start command as written (entrypoint and command joined), empty when the file gives none
 * @param published the ports it publishes on the host, as written ({@code 8000:8000}, {@code 127.0.0.1:8000:8000})
 * @param location the command's line, or the line that names the instance when it has no command
 */
public record DeployProcess(
    DeploySetting.Format source,
    String file,
    String name,
    @Nullable String program,
    int replicas,
    String command,
    List<String> published,
    Location location)
    implements Observation {
  public DeployProcess {
    requireNonNull(source);
    requireNonNull(file);
    requireNonNull(name);
    requireNonNull(command);
    published = List.copyOf(published);
    requireNonNull(location);
    if (replicas < 0) throw new IllegalArgumentException("replicas: " + replicas);
  }
}
