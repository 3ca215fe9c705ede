package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;

/**
 * One file the scan read, for its trace: an nginx configuration with the files its includes brought in
 * and the includes it could not read, or a deployment file with the settings and processes read from it.
 *
 * @param kind what it was read as ({@code nginx}, {@code env}, {@code redis}, {@code compose}, …)
 * @param file the file, relative to the scanned root (an nginx configuration's main file)
 * @param files an nginx configuration's files, the main one first; empty for other kinds
 * @param unread the includes nginx would read that could not be ({@code file:line reason}); empty for other kinds
 * @param settings how many settings were read (other kinds)
 * @param processes how many processes it starts; -1 for kinds that start none ({@code env}, {@code redis})
 */
public record ConfigRead(String kind, String file, List<String> files, List<String> unread, int settings, int processes)
    implements Observation {
  public ConfigRead {
    requireNonNull(kind);
    requireNonNull(file);
    files = List.copyOf(files);
    unread = List.copyOf(unread);
  }

  @Override
  public Location location() {
    return new Location.FileLine(file, 1);
  }
}
